package lsp

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"
)

// The test client drives a server in-process over net.Pipe with the same
// JSON-RPC library an editor's Go client would use. Tests wait for
// expectations (a publish for version N, a response) on channels with a
// deadline; nothing sleeps to synchronise.

const waitTimeout = 20 * time.Second

// wireDiag is a diagnostic as sent, decoded without the protocol package so
// that URIs keep their exact spelling.
type wireDiag struct {
	Range           protocol.Range         `json:"range"`
	Severity        int                    `json:"severity"`
	Code            any                    `json:"code"`
	CodeDescription *struct{ Href string } `json:"codeDescription"`
	Source          string                 `json:"source"`
	Message         string                 `json:"message"`
	Related         []struct {
		Location struct {
			URI   string         `json:"uri"`
			Range protocol.Range `json:"range"`
		} `json:"location"`
		Message string `json:"message"`
	} `json:"relatedInformation"`
	Data json.RawMessage `json:"data"`
}

type wirePublish struct {
	URI         string     `json:"uri"`
	Version     *int32     `json:"version"`
	Diagnostics []wireDiag `json:"diagnostics"`
}

type testClient struct {
	t    testing.TB
	conn jsonrpc2.Conn
	done chan int // Serve's exit code

	mu        sync.Mutex
	changed   chan struct{} // closed and replaced whenever something is recorded
	latest    map[string]*wirePublish
	publishes map[string]int
	notes     []recorded // other notifications, most recent last (bounded)
	requests  []string   // server→client request methods
	regressed []string   // publishes whose version went backwards

	srv atomic.Pointer[server]

	// config answers workspace/configuration; nil answers null for each item.
	config func(items []protocol.ConfigurationItem) []any
}

type recorded struct {
	method string
	params json.RawMessage
}

// startServer runs Serve on one end of a pipe and connects a test client to
// the other. Cleanup closes the client and fails the test if the server
// does not return.
func startServer(t testing.TB, opts Options) *testClient {
	t.Helper()
	srv, cli := net.Pipe()
	done := make(chan int, 1)
	c := newTestClient(t, cli, done)
	ctx, cancel := context.WithCancel(context.Background())
	opts.started = func(s *server) { c.srv.Store(s) }
	go func() { done <- Serve(ctx, srv, srv, opts) }()
	t.Cleanup(cancel)
	return c
}

// newTestClient connects to a server on rwc; done receives the server's exit
// code.
func newTestClient(t testing.TB, rwc io.ReadWriteCloser, done chan int) *testClient {
	c := &testClient{
		t:         t,
		done:      done,
		changed:   make(chan struct{}),
		latest:    map[string]*wirePublish{},
		publishes: map[string]int{},
	}
	ctx, cancel := context.WithCancel(context.Background())
	c.conn = jsonrpc2.NewConn(jsonrpc2.NewHeaderStream(rwc), jsonrpc2.WithCodec(codec{}))
	c.conn.Go(ctx, c.handle)
	t.Cleanup(func() {
		_ = rwc.Close()
		select {
		case code := <-c.done:
			c.done <- code
		case <-time.After(waitTimeout):
			t.Errorf("server did not return after the client closed the connection")
		}
		cancel()
	})
	return c
}

func (c *testClient) signal() {
	close(c.changed)
	c.changed = make(chan struct{})
}

func (c *testClient) handle(ctx context.Context, req *jsonrpc2.Request) (any, error) {
	method := strings.Clone(req.Method()) // borrowed from the frame buffer
	params := json.RawMessage(append([]byte(nil), req.Params()...))
	if req.IsCall() {
		c.mu.Lock()
		c.requests = append(c.requests, method)
		cfg := c.config
		c.signal()
		c.mu.Unlock()
		switch method {
		case protocol.MethodWorkspaceConfiguration:
			var p protocol.ConfigurationParams
			if err := protocol.Unmarshal(params, &p); err != nil {
				return nil, err
			}
			if cfg != nil {
				return cfg(p.Items), nil
			}
			return make([]any, len(p.Items)), nil
		case protocol.MethodWindowShowDocument:
			return map[string]bool{"success": true}, nil
		}
		return nil, nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if method == protocol.MethodTextDocumentPublishDiagnostics {
		var p wirePublish
		if err := json.Unmarshal(params, &p); err != nil {
			c.t.Errorf("bad publishDiagnostics: %v: %s", err, params)
			return nil, nil
		}
		if old := c.latest[p.URI]; old != nil && old.Version != nil && p.Version != nil && *p.Version < *old.Version {
			c.regressed = append(c.regressed, fmt.Sprintf("%s: version %d after %d", p.URI, *p.Version, *old.Version))
		}
		c.latest[p.URI] = &p
		c.publishes[p.URI]++
	} else {
		c.notes = append(c.notes, recorded{method, params})
		if len(c.notes) > 1000 {
			c.notes = append([]recorded(nil), c.notes[500:]...)
		}
	}
	c.signal()
	return nil, nil
}

// await blocks until cond (called with c.mu held) is true.
func (c *testClient) await(what string, cond func() bool) {
	c.t.Helper()
	deadline := time.After(waitTimeout)
	for {
		c.mu.Lock()
		ok := cond()
		ch := c.changed
		c.mu.Unlock()
		if ok {
			return
		}
		select {
		case <-ch:
		case <-deadline:
			c.t.Fatalf("timed out waiting for %s", what)
		case code := <-c.done:
			c.done <- code
			c.t.Fatalf("server exited (code %d) while waiting for %s", code, what)
		}
	}
}

// diagnostics waits for a publish for uri at version v or later.
func (c *testClient) diagnostics(uri string, v int32) *wirePublish {
	c.t.Helper()
	var got *wirePublish
	c.await(fmt.Sprintf("diagnostics for %s version %d", uri, v), func() bool {
		p := c.latest[uri]
		if p != nil && p.Version != nil && *p.Version >= v {
			got = p
			return true
		}
		return false
	})
	return got
}

// cleared waits for an unversioned empty publish (after didClose).
func (c *testClient) cleared(uri string) {
	c.t.Helper()
	c.await("cleared diagnostics for "+uri, func() bool {
		p := c.latest[uri]
		return p != nil && p.Version == nil && len(p.Diagnostics) == 0
	})
}

// note waits for a notification of method whose params contain substr.
func (c *testClient) note(method, substr string) json.RawMessage {
	c.t.Helper()
	var got json.RawMessage
	c.await(method+" containing "+substr, func() bool {
		for _, n := range c.notes {
			if n.method == method && strings.Contains(string(n.params), substr) {
				got = n.params
				return true
			}
		}
		return false
	})
	return got
}

func (c *testClient) call(method string, params, result any) error {
	c.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), waitTimeout)
	defer cancel()
	_, err := c.conn.Call(ctx, method, params, result)
	return err
}

func (c *testClient) mustCall(method string, params, result any) {
	c.t.Helper()
	if err := c.call(method, params, result); err != nil {
		c.t.Fatalf("%s: %v", method, err)
	}
}

func (c *testClient) notify(method string, params any) {
	c.t.Helper()
	if err := c.conn.Notify(context.Background(), method, params); err != nil {
		c.t.Fatalf("%s: %v", method, err)
	}
}

// defaultCaps are a modern push client's capabilities (like Neovim's).
func defaultCaps() protocol.ClientCapabilities {
	return protocol.ClientCapabilities{
		TextDocument: &protocol.TextDocumentClientCapabilities{
			PublishDiagnostics: &protocol.PublishDiagnosticsClientCapabilities{VersionSupport: ptr(true)},
			Hover:              &protocol.HoverClientCapabilities{ContentFormat: []protocol.MarkupKind{protocol.MarkupKindMarkdown}},
			DocumentSymbol:     &protocol.DocumentSymbolClientCapabilities{HierarchicalDocumentSymbolSupport: ptr(true)},
		},
		Workspace: &protocol.WorkspaceClientCapabilities{Configuration: ptr(true)},
	}
}

func (c *testClient) initialize(caps protocol.ClientCapabilities, initOptions string) *protocol.InitializeResult {
	c.t.Helper()
	p := &protocol.InitializeParams{Capabilities: caps}
	if initOptions != "" {
		p.InitializationOptions = []byte(initOptions)
	}
	var res protocol.InitializeResult
	c.mustCall(protocol.MethodInitialize, p, &res)
	c.notify(protocol.MethodInitialized, &protocol.InitializedParams{})
	return &res
}

// initializeIn initializes with one workspace folder.
func (c *testClient) initializeIn(caps protocol.ClientCapabilities, initOptions, folder string) *protocol.InitializeResult {
	c.t.Helper()
	p := &protocol.InitializeParams{Capabilities: caps}
	if initOptions != "" {
		p.InitializationOptions = []byte(initOptions)
	}
	p.WorkspaceFolders = protocol.NewNullable([]protocol.WorkspaceFolder{{URI: uri.File(folder), Name: "ws"}})
	var res protocol.InitializeResult
	c.mustCall(protocol.MethodInitialize, p, &res)
	c.notify(protocol.MethodInitialized, &protocol.InitializedParams{})
	return &res
}

func (c *testClient) open(uri, text string) {
	c.t.Helper()
	c.notify(protocol.MethodTextDocumentDidOpen, &protocol.DidOpenTextDocumentParams{
		TextDocument: protocol.TextDocumentItem{URI: protocolURI(uri), LanguageID: "dockerfile", Version: 1, Text: text},
	})
}

func (c *testClient) changeFull(uri string, version int32, text string) {
	c.t.Helper()
	c.notify(protocol.MethodTextDocumentDidChange, &protocol.DidChangeTextDocumentParams{
		TextDocument:   protocol.VersionedTextDocumentIdentifier{TextDocumentIdentifier: protocol.TextDocumentIdentifier{URI: protocolURI(uri)}, Version: version},
		ContentChanges: []protocol.TextDocumentContentChangeEvent{&protocol.TextDocumentContentChangeWholeDocument{Text: text}},
	})
}

func (c *testClient) changeRange(uri string, version int32, r protocol.Range, text string) {
	c.t.Helper()
	c.notify(protocol.MethodTextDocumentDidChange, &protocol.DidChangeTextDocumentParams{
		TextDocument:   protocol.VersionedTextDocumentIdentifier{TextDocumentIdentifier: protocol.TextDocumentIdentifier{URI: protocolURI(uri)}, Version: version},
		ContentChanges: []protocol.TextDocumentContentChangeEvent{&protocol.TextDocumentContentChangePartial{Range: r, Text: text}},
	})
}

func (c *testClient) shutdownExit() int {
	c.t.Helper()
	c.mustCall(protocol.MethodShutdown, nil, nil)
	c.notify(protocol.MethodExit, nil)
	return c.exitCode()
}

func (c *testClient) exitCode() int {
	c.t.Helper()
	select {
	case code := <-c.done:
		c.done <- code
		return code
	case <-time.After(waitTimeout):
		c.t.Fatalf("server did not exit")
	}
	return -1
}

func pos(line, char uint32) protocol.Position { return protocol.Position{Line: line, Character: char} }

func rng(l1, c1, l2, c2 uint32) protocol.Range {
	return protocol.Range{Start: pos(l1, c1), End: pos(l2, c2)}
}

func codes(p *wirePublish) []string {
	var out []string
	for _, d := range p.Diagnostics {
		out = append(out, fmt.Sprint(d.Code))
	}
	return out
}

func hasCode(p *wirePublish, code string) bool {
	for _, c := range codes(p) {
		if c == code {
			return true
		}
	}
	return false
}
