package lsp

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"go.lsp.dev/protocol"

	"github.com/layerlint/layerlint/dockerfile"
)

// rawClient speaks bytes to a server, to send what a well-behaved client
// library never would.
type rawClient struct {
	t      testing.TB
	conn   net.Conn
	done   chan int
	frames chan map[string]json.RawMessage
}

func startRaw(t testing.TB, opts Options) *rawClient {
	t.Helper()
	srv, cli := net.Pipe()
	r := &rawClient{t: t, conn: cli, done: make(chan int, 1), frames: make(chan map[string]json.RawMessage, 1<<16)}
	ctx, cancel := context.WithCancel(context.Background())
	go func() { r.done <- Serve(ctx, srv, srv, opts) }()
	go r.readLoop()
	t.Cleanup(func() {
		_ = cli.Close()
		select {
		case <-r.done:
		case <-time.After(waitTimeout):
			t.Errorf("server did not return after the connection closed")
		}
		cancel()
	})
	return r
}

func (r *rawClient) readLoop() {
	br := bufio.NewReader(r.conn)
	defer close(r.frames)
	for {
		n := -1
		for {
			line, err := br.ReadString('\n')
			if err != nil {
				return
			}
			line = strings.TrimSpace(line)
			if line == "" {
				break
			}
			if v, ok := strings.CutPrefix(line, "Content-Length: "); ok {
				n, _ = strconv.Atoi(v)
			}
		}
		body := make([]byte, n)
		if _, err := io.ReadFull(br, body); err != nil {
			return
		}
		var m map[string]json.RawMessage
		if err := json.Unmarshal(body, &m); err != nil {
			r.t.Errorf("server sent a body that is not a JSON object: %q", body)
			continue
		}
		r.frames <- m
	}
}

func (r *rawClient) send(s string) {
	r.t.Helper()
	if _, err := io.WriteString(r.conn, s); err != nil {
		r.t.Fatalf("write: %v", err)
	}
}

func (r *rawClient) sendJSON(v any) {
	r.t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		r.t.Fatal(err)
	}
	r.send(frame(string(b)))
}

func (r *rawClient) request(id any, method string, params any) {
	r.sendJSON(map[string]any{"jsonrpc": "2.0", "id": id, "method": method, "params": params})
}

func (r *rawClient) notify(method string, params any) {
	r.sendJSON(map[string]any{"jsonrpc": "2.0", "method": method, "params": params})
}

// next waits for a frame matching keep, dropping the others.
func (r *rawClient) next(what string, keep func(map[string]json.RawMessage) bool) map[string]json.RawMessage {
	r.t.Helper()
	deadline := time.After(waitTimeout)
	for {
		select {
		case m, ok := <-r.frames:
			if !ok {
				r.t.Fatalf("connection closed while waiting for %s", what)
			}
			if keep(m) {
				return m
			}
		case <-deadline:
			r.t.Fatalf("timed out waiting for %s", what)
		}
	}
}

// response waits for the answer to request id (a JSON literal: `1`, `"a"`, `null`).
func (r *rawClient) response(id string) map[string]json.RawMessage {
	r.t.Helper()
	return r.next("response "+id, func(m map[string]json.RawMessage) bool {
		_, hasMethod := m["method"]
		return !hasMethod && string(m["id"]) == id
	})
}

func errorCode(m map[string]json.RawMessage) int {
	var e struct{ Code int }
	if err := json.Unmarshal(m["error"], &e); err != nil {
		return 0
	}
	return e.Code
}

// publish waits for diagnostics for exactly uri (as spelled) at version v.
func (r *rawClient) publish(uri string, v int) wirePublish {
	r.t.Helper()
	var p wirePublish
	r.next(fmt.Sprintf("diagnostics for %s v%d", uri, v), func(m map[string]json.RawMessage) bool {
		if string(m["method"]) != `"textDocument/publishDiagnostics"` {
			return false
		}
		p = wirePublish{}
		if err := json.Unmarshal(m["params"], &p); err != nil {
			r.t.Fatalf("publish: %v", err)
		}
		return p.URI == uri && p.Version != nil && int(*p.Version) == v
	})
	return p
}

func (r *rawClient) initialize() {
	r.t.Helper()
	var opts any
	_ = json.Unmarshal([]byte(onlyRules("ParseError")), &opts)
	r.request(1, "initialize", map[string]any{"processId": nil, "rootUri": nil, "capabilities": map[string]any{}, "initializationOptions": opts})
	if m := r.response("1"); m["error"] != nil {
		r.t.Fatalf("initialize: %s", m["error"])
	}
	r.notify("initialized", map[string]any{})
}

func (r *rawClient) open(uri, text string) {
	r.notify("textDocument/didOpen", map[string]any{"textDocument": map[string]any{"uri": uri, "languageId": "dockerfile", "version": 1, "text": text}})
}

// shutdownExit checks the server still answers, and ends it cleanly.
func (r *rawClient) shutdownExit() {
	r.t.Helper()
	r.request("bye", "shutdown", nil)
	if m := r.response(`"bye"`); m["error"] != nil {
		r.t.Fatalf("shutdown: %s", m["error"])
	}
	r.notify("exit", nil)
	select {
	case code := <-r.done:
		r.done <- code
		if code != ExitOK {
			r.t.Errorf("exit code %d", code)
		}
	case <-time.After(waitTimeout):
		r.t.Fatalf("server did not exit")
	}
}

func TestBadFramesOnALiveServer(t *testing.T) {
	r := startRaw(t, Options{})
	r.send("Content-Length: 5\r\n\r\nhello")
	if m := r.response("null"); errorCode(m) != -32700 {
		t.Errorf("non-JSON body: %s", m["error"])
	}
	r.send("garbage\r\nmore garbage: yes\r\n\r\n")
	r.send(frame(`{"jsonrpc":"2.0","id":3}`))
	if m := r.response("3"); errorCode(m) != -32600 {
		t.Errorf("message without method: %s", m["error"])
	}
	r.send(frame(`{"jsonrpc":"2.0","id":4,"method":"textDocument/hover","params":{}}`))
	if m := r.response("4"); errorCode(m) != -32002 {
		t.Errorf("hover before initialize: %s", m["error"])
	}
	r.initialize()
	r.request(5, "textDocument/hover", "not an object")
	if m := r.response("5"); errorCode(m) != -32602 {
		t.Errorf("params of the wrong type: %s", m["error"])
	}
	r.request(6, "workspace/noSuchMethod", map[string]any{})
	if m := r.response("6"); errorCode(m) != -32601 {
		t.Errorf("unknown method: %s", m["error"])
	}
	r.notify("workspace/noSuchNotification", map[string]any{"x": 1})
	r.notify("$/unknownNotification", nil)
	r.notify("textDocument/didChange", map[string]any{"textDocument": map[string]any{"uri": "file:///never/opened", "version": 2}, "contentChanges": []any{map[string]any{"text": "x"}}})
	r.notify("textDocument/didOpen", map[string]any{"textDocument": 42})
	r.request(7, "textDocument/hover", map[string]any{"textDocument": map[string]any{"uri": "file:///never/opened"}, "position": map[string]int{"line": 0, "character": 0}})
	if m := r.response("7"); errorCode(m) != -32602 {
		t.Errorf("hover on a closed document: %s", m["error"])
	}
	// an incremental change with positions past the end is clamped
	r.open("file:///d/Dockerfile", "FROM alpine\n")
	r.notify("textDocument/didChange", map[string]any{"textDocument": map[string]any{"uri": "file:///d/Dockerfile", "version": 2},
		"contentChanges": []any{map[string]any{"range": map[string]any{"start": map[string]int{"line": 99, "character": 5}, "end": map[string]int{"line": 0, "character": 999}}, "text": "\nFROM\n"}}})
	if p := r.publish("file:///d/Dockerfile", 2); len(p.Diagnostics) == 0 || fmt.Sprint(p.Diagnostics[0].Code) != "ParseError" {
		t.Errorf("after a clamped edit: %+v", p.Diagnostics)
	}
	// a null change and an unknown shape are reported, not fatal
	r.notify("textDocument/didChange", map[string]any{"textDocument": map[string]any{"uri": "file:///d/Dockerfile", "version": 3}, "contentChanges": []any{nil, map[string]any{"what": 1}}})
	r.shutdownExit()
}

func TestCancelRequest(t *testing.T) {
	started := make(chan struct{}, 1)
	r := startRaw(t, Options{beforeRequest: func(ctx context.Context, method string) {
		if method != protocol.MethodTextDocumentHover {
			return
		}
		started <- struct{}{}
		select {
		case <-ctx.Done():
		case <-time.After(waitTimeout):
		}
	}})
	r.initialize()
	r.open("file:///d/Dockerfile", goodFile)
	hoverParams := map[string]any{"textDocument": map[string]any{"uri": "file:///d/Dockerfile"}, "position": map[string]int{"line": 0, "character": 1}}
	r.request(42, "textDocument/hover", hoverParams)
	select {
	case <-started:
	case <-time.After(waitTimeout):
		t.Fatal("hover never started")
	}
	// the read loop is free while hover runs: a symbol request is answered first
	r.request(43, "textDocument/documentSymbol", map[string]any{"textDocument": map[string]any{"uri": "file:///d/Dockerfile"}})
	if m := r.response("43"); m["error"] != nil {
		t.Errorf("symbols while hover runs: %s", m["error"])
	}
	r.notify("$/cancelRequest", map[string]any{"id": 42})
	if m := r.response("42"); errorCode(m) != -32800 {
		t.Errorf("cancelled hover answered %s %s, want RequestCancelled", m["result"], m["error"])
	}
	// string ids and ids of finished requests
	r.request("s1", "textDocument/hover", hoverParams)
	<-started
	r.notify("$/cancelRequest", map[string]any{"id": "s1"})
	if m := r.response(`"s1"`); errorCode(m) != -32800 {
		t.Errorf("cancelled string-id hover: %s", m["error"])
	}
	r.notify("$/cancelRequest", map[string]any{"id": 42})
	r.notify("$/cancelRequest", map[string]any{"id": map[string]int{"bad": 1}})
	r.shutdownExit()
}

func TestURIsAreEchoedAsSent(t *testing.T) {
	r := startRaw(t, Options{})
	r.initialize()
	uris := []string{
		"file:///C:/Users/me/My%20Project/Dockerfile",
		"file:///c%3A/Users/me/Dockerfile",
		"file:///home/me/with space/Dockerfile",
		"file:///home/me/per%25cent/Dockerfile",
		"file:///home/me/%E2%82%AC/Dockerfile.prod",
		"file://wsl%24/Ubuntu/home/me/Dockerfile",
		"untitled:Untitled-1",
		"not a uri at all",
	}
	for _, u := range uris {
		r.open(u, badHeredoc)
		p := r.publish(u, 1)
		if len(p.Diagnostics) == 0 {
			t.Errorf("%s: no diagnostics", u)
		}
	}
	// related locations and code action edits use the same spelling
	u := uris[0]
	r.request(9, "textDocument/codeAction", map[string]any{"textDocument": map[string]any{"uri": u},
		"range": map[string]any{"start": map[string]int{"line": 1, "character": 0}, "end": map[string]int{"line": 1, "character": 0}}, "context": map[string]any{"diagnostics": []any{}}})
	m := r.response("9")
	if !strings.Contains(string(m["result"]), `"`+u+`"`) {
		t.Errorf("code actions do not edit %s: %s", u, m["result"])
	}
	r.shutdownExit()
}

func TestInvalidUTF8(t *testing.T) {
	r := startRaw(t, Options{})
	r.initialize()
	// raw invalid bytes inside the JSON string, and a lone surrogate escape
	r.send(frame("{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didOpen\",\"params\":{\"textDocument\":{\"uri\":\"file:///x/Dockerfile\",\"languageId\":\"dockerfile\",\"version\":1,\"text\":\"FROM alpine\\n# \xff\xfe \\ud800 \xc3\\nRUN <<EOF\\n\"}}}"))
	p := r.publish("file:///x/Dockerfile", 1)
	if d := withCode(&p, "ParseError"); d == nil || d.Range.Start.Line != 2 {
		t.Errorf("diagnostics on invalid UTF-8: %+v", p.Diagnostics)
	}
	r.request(2, "textDocument/hover", map[string]any{"textDocument": map[string]any{"uri": "file:///x/Dockerfile"}, "position": map[string]int{"line": 1, "character": 3}})
	if m := r.response("2"); m["error"] != nil {
		t.Errorf("hover on invalid UTF-8: %s", m["error"])
	}
	r.request(3, "textDocument/documentSymbol", map[string]any{"textDocument": map[string]any{"uri": "file:///x/Dockerfile"}})
	if m := r.response("3"); m["error"] != nil {
		t.Errorf("symbols: %s", m["error"])
	}
	r.shutdownExit()
}

func TestHugeDocument(t *testing.T) {
	if testing.Short() {
		t.Skip("10 MB document")
	}
	c := startServer(t, Options{})
	c.initialize(defaultCaps(), onlyRules("ParseError"))
	// 10 MB (1 MB under -race): 100,000 comment lines between two instructions, then one that
	// does not parse (BuildKit refuses lines over 64 KB, so no single huge line)
	size := 10 << 20
	if raceEnabled {
		size = 1 << 20
	}
	var b strings.Builder
	b.WriteString("FROM alpine\n")
	for b.Len() < size {
		b.WriteString("# " + strings.Repeat("x", 98) + "\n")
	}
	b.WriteString("RUN echo é😀\nRUN <<EOF\n")
	text := b.String()
	lines := uint32(strings.Count(text, "\n"))
	start := time.Now()
	c.open(docURI, text)
	p := c.diagnostics(docURI, 1)
	t.Logf("%d-byte document: first diagnostics after %v", len(text), time.Since(start))
	if d := withCode(p, "ParseError"); d == nil || d.Range.Start.Line != lines-1 {
		t.Fatalf("diagnostics %+v, want a ParseError on line %d", p.Diagnostics, lines)
	}
	// an edit at its end
	start = time.Now()
	c.changeRange(docURI, 2, rng(lines, 0, lines, 0), "EOF\n")
	if p := c.diagnostics(docURI, 2); hasCode(p, "ParseError") {
		t.Errorf("edit at the end of a 10 MB document: %v", codes(p))
	}
	t.Logf("edit at the end: diagnostics after %v", time.Since(start))
	if h := hover(t, c, docURI, pos(lines-2, 1)); !strings.Contains(h, "**RUN**") {
		t.Errorf("hover: %q", h)
	}
	var syms []json.RawMessage
	c.mustCall(protocol.MethodTextDocumentDocumentSymbol, &protocol.DocumentSymbolParams{TextDocument: protocol.TextDocumentIdentifier{URI: docURI}}, &syms)
	if code := c.shutdownExit(); code != ExitOK {
		t.Errorf("exit code %d", code)
	}
}

func heapInUse() uint64 {
	var ms runtime.MemStats
	for i := 0; i < 3; i++ {
		runtime.GC()
	}
	runtime.ReadMemStats(&ms)
	return ms.HeapAlloc
}

func TestTenThousandEditsReturnMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("10,000 edits")
	}
	c := startServer(t, Options{})
	c.initialize(defaultCaps(), "")

	// A small second document, edited (and linted) enough times to cycle
	// bounded caches that keep the last few linted files (the rules keep
	// 32): the baseline is measured after that, and again at the end.
	const small = "file:///work/small/Dockerfile"
	smallVersion := int32(1)
	c.open(small, "FROM alpine:3.20\n# x")
	c.diagnostics(small, 1)
	cycle := func() {
		for i := 0; i < 64; i++ {
			smallVersion++
			c.changeRange(small, smallVersion, rng(1, 3, 1, 3), "x")
			c.diagnostics(small, smallVersion)
		}
	}
	cycle()
	base := heapInUse()

	text := string(dockerfile.SyntheticDockerfile(600)) + "# edit"
	end := NewMapper([]byte(text), UTF16).Position(len(text))
	c.open(docURI, text)
	c.diagnostics(docURI, 1)
	const n = 10000
	for i := 0; i < n; i++ {
		at := pos(end.Line, end.Character+uint32(i))
		c.changeRange(docURI, int32(i+2), protocol.Range{Start: at, End: at}, string(rune('a'+i%26)))
	}
	p := c.diagnostics(docURI, n+1)
	if *p.Version != n+1 {
		t.Fatalf("last publish for version %d", *p.Version)
	}
	editing := heapInUse()
	d := c.srv.Load().docs.get(docURI)
	want := text + strings.Repeat("abcdefghijklmnopqrstuvwxyz", n/26+1)[:n]
	if d == nil || string(d.text) != want {
		t.Errorf("document text after %d edits does not match what was typed", n)
	}
	c.mu.Lock()
	pubs, regressed := c.publishes[docURI], c.regressed
	c.mu.Unlock()
	if len(regressed) > 0 {
		t.Errorf("versions went backwards: %v", regressed[:min(5, len(regressed))])
	}

	c.notify(protocol.MethodTextDocumentDidClose, &protocol.DidCloseTextDocumentParams{TextDocument: protocol.TextDocumentIdentifier{URI: docURI}})
	c.cleared(docURI)
	cycle()
	after := heapInUse()
	t.Logf("heap: %d KB baseline, %d KB with the 600-line document after %d edits (%d publishes), %d KB after closing it",
		base>>10, editing>>10, n, pubs, after>>10)
	if after > base+4<<20 {
		t.Errorf("heap did not return to its baseline: %d KB before, %d KB after %d edits and close", base>>10, after>>10, n)
	}
}
