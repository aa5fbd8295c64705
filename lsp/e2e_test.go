package lsp

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"

	"github.com/layerlint/layerlint/rules"
)

func protocolURI(s string) uri.URI { return uri.URI(s) }

// onlyRules returns initializationOptions that turn off every rule but ids,
// so that a test's expectations do not move when rules are added.
func onlyRules(ids ...string) string { return onlyRulesWith(nil, ids...) }

// onlyRulesWith is onlyRules with more settings.
func onlyRulesWith(extra map[string]any, ids ...string) string {
	var off []string
	for _, r := range rules.All() {
		if !slices.Contains(ids, r.ID) {
			off = append(off, r.ID)
		}
	}
	settings := map[string]any{"rules": map[string]any{"disable": off}}
	for k, v := range extra {
		settings[k] = v
	}
	b, _ := json.Marshal(settings)
	return string(b)
}

// withCode returns the first diagnostic with code, or nil.
func withCode(p *wirePublish, code string) *wireDiag {
	for i, d := range p.Diagnostics {
		if fmt.Sprint(d.Code) == code {
			return &p.Diagnostics[i]
		}
	}
	return nil
}

const docURI = "file:///work/app/Dockerfile"

// badHeredoc does not parse (ParseError on line 2); goodFile does.
const (
	badHeredoc = "FROM alpine\nRUN <<EOF\necho\n"
	goodFile   = "FROM alpine\nRUN echo hello\n"
	// aptFile has findings with safe fixes (package index and cache rules).
	aptFile = "FROM debian:bookworm\nRUN apt-get update\nRUN apt-get install -y curl\n"
)

func TestInitializeCapabilities(t *testing.T) {
	c := startServer(t, Options{Version: "v9.9.9"})
	res := c.initialize(defaultCaps(), "")
	caps := res.Capabilities
	if caps.PositionEncoding != protocol.PositionEncodingKindUTF16 {
		t.Errorf("positionEncoding = %q, want utf-16", caps.PositionEncoding)
	}
	sync, ok := caps.TextDocumentSync.(*protocol.TextDocumentSyncOptions)
	if !ok || sync.Change == nil || *sync.Change != protocol.TextDocumentSyncKindIncremental {
		t.Errorf("textDocumentSync = %#v, want incremental", caps.TextDocumentSync)
	}
	if caps.DiagnosticProvider != nil {
		t.Errorf("a push client got a diagnosticProvider")
	}
	if v, _ := res.ServerInfo.Version.Get(); res.ServerInfo.Name != "layerlint" || v != "v9.9.9" {
		t.Errorf("serverInfo = %+v", res.ServerInfo)
	}
	if code := c.shutdownExit(); code != ExitOK {
		t.Errorf("exit code after shutdown = %d, want 0", code)
	}
}

func TestPositionEncodingUTF8(t *testing.T) {
	c := startServer(t, Options{})
	caps := defaultCaps()
	caps.General = &protocol.GeneralClientCapabilities{PositionEncodings: []protocol.PositionEncodingKind{protocol.PositionEncodingKindUTF8, protocol.PositionEncodingKindUTF16}}
	res := c.initialize(caps, onlyRules("ParseError"))
	if res.Capabilities.PositionEncoding != protocol.PositionEncodingKindUTF8 {
		t.Fatalf("positionEncoding = %q, want utf-8", res.Capabilities.PositionEncoding)
	}
	// "é" is 2 bytes, 1 UTF-16 unit: the ParseError on line 2 starts after it in bytes
	c.open(docURI, "FROM alpine\n# é\nFROM\n")
	p := c.diagnostics(docURI, 1)
	if len(p.Diagnostics) == 0 {
		t.Fatalf("no diagnostics")
	}
}

func TestDiagnosticsFollowEdits(t *testing.T) {
	c := startServer(t, Options{})
	c.initialize(defaultCaps(), onlyRules("ParseError"))
	c.open(docURI, badHeredoc)
	p := c.diagnostics(docURI, 1)
	if *p.Version != 1 || !hasCode(p, "ParseError") {
		t.Fatalf("version %d: codes %v, want ParseError", *p.Version, codes(p))
	}
	d := *withCode(p, "ParseError")
	if d.Source != "layerlint" || d.Severity != int(protocol.DiagnosticSeverityError) {
		t.Errorf("source %q severity %d", d.Source, d.Severity)
	}
	if d.CodeDescription == nil || !strings.HasSuffix(d.CodeDescription.Href, "/ParseError.md") {
		t.Errorf("codeDescription = %+v", d.CodeDescription)
	}
	if d.Range.Start.Line != 1 {
		t.Errorf("range %+v, want line 1", d.Range)
	}
	var data diagnosticData
	if err := json.Unmarshal(d.Data, &data); err != nil || data.Rule != "ParseError" || data.Version != 1 {
		t.Errorf("data = %s (%v)", d.Data, err)
	}

	// an incremental edit that terminates the heredoc
	c.changeRange(docURI, 2, rng(3, 0, 3, 0), "EOF\n")
	p = c.diagnostics(docURI, 2)
	if hasCode(p, "ParseError") {
		t.Errorf("version 2 still has ParseError: %v", codes(p))
	}
	// a full-text edit that breaks it again
	c.changeFull(docURI, 3, "FROM\n")
	p = c.diagnostics(docURI, 3)
	if !hasCode(p, "ParseError") {
		t.Errorf("version 3: %v, want ParseError", codes(p))
	}
	// close clears
	c.notify(protocol.MethodTextDocumentDidClose, &protocol.DidCloseTextDocumentParams{TextDocument: protocol.TextDocumentIdentifier{URI: docURI}})
	c.cleared(docURI)
}

func TestRapidEditsPublishLatestVersionOnly(t *testing.T) {
	c := startServer(t, Options{})
	c.initialize(defaultCaps(), onlyRules("ParseError"))
	c.open(docURI, goodFile)
	c.diagnostics(docURI, 1)
	text := goodFile
	for v := int32(2); v <= 300; v++ {
		c.changeRange(docURI, v, rng(2, 0, 2, 0), "#")
		text += "#"
	}
	c.changeFull(docURI, 301, badHeredoc)
	p := c.diagnostics(docURI, 301)
	if *p.Version != 301 || !hasCode(p, "ParseError") {
		t.Fatalf("final publish: version %d codes %v", *p.Version, codes(p))
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.regressed) > 0 {
		t.Errorf("published versions went backwards: %v", c.regressed)
	}
	t.Logf("%d publishes for 301 versions", c.publishes[docURI])
}

func TestUnchangedDiagnosticsAreNotRepublished(t *testing.T) {
	lints := make(chan struct{}, 100)
	c := startServer(t, Options{afterLint: func() { lints <- struct{}{} }})
	caps := defaultCaps()
	caps.Workspace = nil
	c.initialize(caps, onlyRules("ParseError"))
	c.open(docURI, badHeredoc)
	c.diagnostics(docURI, 1)
	<-lints
	// new settings re-lint the document, with the same result: no publish
	c.notify(protocol.MethodWorkspaceDidChangeConfiguration, &protocol.DidChangeConfigurationParams{Settings: []byte(onlyRulesWith(map[string]any{"codeLens": false}, "ParseError"))})
	select {
	case <-lints:
	case <-time.After(waitTimeout):
		t.Fatal("no re-lint after a configuration change")
	}
	// a save without new text changes nothing either
	c.notify(protocol.MethodTextDocumentDidSave, &protocol.DidSaveTextDocumentParams{TextDocument: protocol.TextDocumentIdentifier{URI: docURI}})
	c.changeFull(docURI, 2, badHeredoc)
	c.diagnostics(docURI, 2) // a new version is published even when its diagnostics are the same
	c.mu.Lock()
	defer c.mu.Unlock()
	if n := c.publishes[docURI]; n != 2 {
		t.Errorf("%d publishes, want 2 (one per version)", n)
	}
}

// applyEdits applies LSP text edits to text the way a client does.
func applyEdits(t *testing.T, text string, edits []protocol.TextEdit) string {
	t.Helper()
	m := NewMapper([]byte(text), UTF16)
	type span struct {
		s, e int
		text string
	}
	var spans []span
	for _, e := range edits {
		s, en := m.OffsetRange(e.Range)
		spans = append(spans, span{s, en, e.NewText})
	}
	sort.SliceStable(spans, func(i, j int) bool { return spans[i].s > spans[j].s })
	for _, sp := range spans {
		text = text[:sp.s] + sp.text + text[sp.e:]
	}
	return text
}

func codeActions(t *testing.T, c *testClient, uri string, r protocol.Range, only ...protocol.CodeActionKind) []protocol.CodeAction {
	t.Helper()
	var raw []json.RawMessage
	c.mustCall(protocol.MethodTextDocumentCodeAction, &protocol.CodeActionParams{
		TextDocument: protocol.TextDocumentIdentifier{URI: protocolURI(uri)},
		Range:        r,
		Context:      protocol.CodeActionContext{Diagnostics: []protocol.Diagnostic{}, Only: only},
	}, &raw)
	var out []protocol.CodeAction
	for _, r := range raw {
		var a protocol.CodeAction
		if err := protocol.Unmarshal(r, &a); err != nil {
			t.Fatalf("code action %s: %v", r, err)
		}
		out = append(out, a)
	}
	return out
}

func editsOf(t *testing.T, a protocol.CodeAction) []protocol.TextEdit {
	t.Helper()
	if a.Edit == nil {
		t.Fatalf("action %q has no edit", a.Title)
	}
	for _, es := range a.Edit.Changes {
		return es
	}
	t.Fatalf("action %q edits no document", a.Title)
	return nil
}

func findAction(as []protocol.CodeAction, prefix string) (protocol.CodeAction, bool) {
	for _, a := range as {
		if strings.HasPrefix(a.Title, prefix) {
			return a, true
		}
	}
	return protocol.CodeAction{}, false
}

// countRule counts rule's diagnostics starting on line.
func countRule(p *wirePublish, rule string, line uint32) int {
	n := 0
	for _, d := range p.Diagnostics {
		if fmt.Sprint(d.Code) == rule && d.Range.Start.Line == line {
			n++
		}
	}
	return n
}

func TestCodeActionRoundTrip(t *testing.T) {
	c := startServer(t, Options{})
	c.initialize(defaultCaps(), "")
	c.open(docURI, aptFile)
	p := c.diagnostics(docURI, 1)

	// the first finding that carries a safe fix in its data
	var target *wireDiag
	for i, d := range p.Diagnostics {
		var data diagnosticData
		_ = json.Unmarshal(d.Data, &data)
		for _, f := range data.Fixes {
			if f.Safe && target == nil {
				target = &p.Diagnostics[i]
			}
		}
	}
	if target == nil {
		t.Skipf("no finding with a safe fix in %q: %v", aptFile, codes(p))
	}
	rule := fmt.Sprint(target.Code)
	line := target.Range.Start.Line
	actions := codeActions(t, c, docURI, target.Range)
	var fix *protocol.CodeAction
	for i, a := range actions {
		if a.IsPreferred != nil && *a.IsPreferred && len(a.Diagnostics) == 1 && fmt.Sprint(a.Diagnostics[0].Code) == rule {
			fix = &actions[i]
			break
		}
	}
	if fix == nil {
		t.Fatalf("no preferred quick fix for %s among %d actions", rule, len(actions))
	}
	if *fix.Kind != protocol.CodeActionKindQuickFix {
		t.Errorf("kind %q", *fix.Kind)
	}
	text := applyEdits(t, aptFile, editsOf(t, *fix))
	c.changeFull(docURI, 2, text)
	p = c.diagnostics(docURI, 2)
	if n := countRule(p, rule, line); n != 0 {
		t.Errorf("after %q: %s still on line %d:\n%s", fix.Title, rule, line+1, text)
	}

	// every action also offers the documentation
	if _, ok := findAction(actions, "Show documentation for "+rule); !ok {
		t.Errorf("no documentation action for %s", rule)
	}
}

func TestIgnoreActions(t *testing.T) {
	c := startServer(t, Options{})
	c.initialize(defaultCaps(), "")
	text := "# syntax=docker/dockerfile:1\nFROM debian:bookworm\n  RUN apt-get update\nRUN apt-get update\n"
	c.open(docURI, text)
	p := c.diagnostics(docURI, 1)
	i := slices.IndexFunc(p.Diagnostics, func(d wireDiag) bool { return d.Range.Start.Line == 2 })
	if i < 0 {
		t.Skipf("no finding on line 3: %v", codes(p))
	}
	d := p.Diagnostics[i]
	rule := fmt.Sprint(d.Code)
	line := d.Range.Start.Line

	// for this instruction: a comment above it, with its indentation
	a, ok := findAction(codeActions(t, c, docURI, d.Range, protocol.CodeActionKindQuickFix), "Ignore "+rule+" for this instruction")
	if !ok {
		t.Fatalf("no ignore-for-instruction action")
	}
	text1 := applyEdits(t, text, editsOf(t, a))
	if want := "  # layerlint ignore=" + rule + "\n  RUN apt-get update\n"; !strings.Contains(text1, want) {
		t.Errorf("after %q:\n%s\nwant it to contain\n%s", a.Title, text1, want)
	}
	c.changeFull(docURI, 2, text1)
	p = c.diagnostics(docURI, 2)
	if countRule(p, rule, line+1) != 0 {
		t.Errorf("%s still reported on the ignored instruction: %v", rule, codes(p))
	}
	if countRule(p, rule, line+2) == 0 {
		t.Errorf("%s no longer reported on the other instruction: %v", rule, codes(p))
	}

	// for the file: after the parser directives
	second := p.Diagnostics[slices.IndexFunc(p.Diagnostics, func(d wireDiag) bool { return fmt.Sprint(d.Code) == rule })]
	a, ok = findAction(codeActions(t, c, docURI, second.Range), "Ignore "+rule+" for this file")
	if !ok {
		t.Fatalf("no ignore-for-file action")
	}
	text2 := applyEdits(t, text1, editsOf(t, a))
	if want := "# syntax=docker/dockerfile:1\n# layerlint global ignore=" + rule + "\n"; !strings.HasPrefix(text2, want) {
		t.Errorf("after %q:\n%s", a.Title, text2)
	}
	c.changeFull(docURI, 3, text2)
	p = c.diagnostics(docURI, 3)
	if slices.Contains(codes(p), rule) {
		t.Errorf("%s still reported after the global ignore: %v", rule, codes(p))
	}
}

func TestFixAll(t *testing.T) {
	c := startServer(t, Options{})
	c.initialize(defaultCaps(), "")
	c.open(docURI, aptFile)
	p := c.diagnostics(docURI, 1)
	safe := 0
	for _, d := range p.Diagnostics {
		var data diagnosticData
		_ = json.Unmarshal(d.Data, &data)
		for _, f := range data.Fixes {
			if f.Safe {
				safe++
				break
			}
		}
	}
	actions := codeActions(t, c, docURI, rng(0, 0, 0, 0), protocol.CodeActionKindSourceFixAll)
	if safe == 0 {
		if len(actions) != 0 {
			t.Errorf("fix-all offered without safe fixes")
		}
		t.Skip("no safe fixes")
	}
	if len(actions) != 1 || *actions[0].Kind != CodeActionKindFixAll {
		t.Fatalf("actions %+v, want one %s", actions, CodeActionKindFixAll)
	}
	text := applyEdits(t, aptFile, editsOf(t, actions[0]))
	c.changeFull(docURI, 2, text)
	p = c.diagnostics(docURI, 2)
	for _, d := range p.Diagnostics {
		var data diagnosticData
		_ = json.Unmarshal(d.Data, &data)
		for _, f := range data.Fixes {
			if f.Safe {
				t.Errorf("after fix-all, %s still has a safe fix %q:\n%s", data.Rule, f.Title, text)
			}
		}
	}
	// a quick-fix-only request does not include fix-all
	for _, a := range codeActions(t, c, docURI, rng(0, 0, 9, 0), protocol.CodeActionKindQuickFix) {
		if *a.Kind != protocol.CodeActionKindQuickFix {
			t.Errorf("asked for quick fixes, got %q", *a.Kind)
		}
	}
}

func hover(t *testing.T, c *testClient, uri string, p protocol.Position) string {
	t.Helper()
	var raw json.RawMessage
	c.mustCall(protocol.MethodTextDocumentHover, &protocol.HoverParams{TextDocumentPositionParams: protocol.TextDocumentPositionParams{
		TextDocument: protocol.TextDocumentIdentifier{URI: protocolURI(uri)}, Position: p}}, &raw)
	if string(raw) == "null" {
		return ""
	}
	var h struct {
		Contents protocol.MarkupContent `json:"contents"`
	}
	if err := json.Unmarshal(raw, &h); err != nil {
		t.Fatalf("hover %s: %v", raw, err)
	}
	return h.Contents.Value
}

func TestHover(t *testing.T) {
	c := startServer(t, Options{})
	c.initialize(defaultCaps(), onlyRules("ParseError"))
	c.open(docURI, "FROM alpine\nCOPY . /app\nRUN <<EOF\necho\n")
	c.diagnostics(docURI, 1)
	if h := hover(t, c, docURI, pos(1, 2)); !strings.Contains(h, "**COPY**") || !strings.Contains(h, "Build cache") {
		t.Errorf("hover on COPY:\n%s", h)
	}
	if h := hover(t, c, docURI, pos(2, 1)); !strings.Contains(h, "**ParseError**") || !strings.Contains(h, "# ParseError") {
		t.Errorf("hover on the ParseError:\n%s", h)
	}
	if h := hover(t, c, docURI, pos(1, 7)); h != "" {
		t.Errorf("hover on an argument: %q, want none", h)
	}
	for kw := range keywordDocs {
		if _, ok := keywordDocs[kw]; !ok || keywordDocs[kw].does == "" || keywordDocs[kw].cache == "" {
			t.Errorf("keyword %s has an incomplete doc", kw)
		}
	}
}

const navFile = `ARG BASE=alpine
FROM ${BASE} AS build
ENV APP=/app
RUN echo $APP
FROM build AS test
COPY --from=build /app /app
RUN --mount=type=cache,from=build,target=/x true
`

func TestDefinition(t *testing.T) {
	c := startServer(t, Options{})
	c.initialize(defaultCaps(), "")
	c.open(docURI, navFile)
	def := func(p protocol.Position) *protocol.Range {
		var raw json.RawMessage
		c.mustCall(protocol.MethodTextDocumentDefinition, &protocol.DefinitionParams{TextDocumentPositionParams: protocol.TextDocumentPositionParams{
			TextDocument: protocol.TextDocumentIdentifier{URI: docURI}, Position: p}}, &raw)
		if string(raw) == "null" {
			return nil
		}
		var loc struct {
			URI   string         `json:"uri"`
			Range protocol.Range `json:"range"`
		}
		if err := json.Unmarshal(raw, &loc); err != nil {
			t.Fatal(err)
		}
		if loc.URI != docURI {
			t.Errorf("uri %q", loc.URI)
		}
		return &loc.Range
	}
	build := rng(1, 16, 1, 21)
	for _, tc := range []struct {
		name string
		at   protocol.Position
		want *protocol.Range
	}{
		{"$APP", pos(3, 11), ptr(rng(2, 4, 2, 7))},
		{"${BASE} in FROM", pos(1, 8), ptr(rng(0, 4, 0, 8))},
		{"FROM build", pos(4, 7), &build},
		{"--from=build", pos(5, 14), &build},
		{"mount from=build", pos(6, 30), &build},
		{"a keyword", pos(3, 1), nil},
	} {
		got := def(tc.at)
		if (got == nil) != (tc.want == nil) || got != nil && *got != *tc.want {
			t.Errorf("%s: definition %+v, want %+v", tc.name, got, tc.want)
		}
	}
}

func TestDocumentSymbols(t *testing.T) {
	c := startServer(t, Options{})
	c.initialize(defaultCaps(), "")
	c.open(docURI, navFile)
	var syms []protocol.DocumentSymbol
	c.mustCall(protocol.MethodTextDocumentDocumentSymbol, &protocol.DocumentSymbolParams{TextDocument: protocol.TextDocumentIdentifier{URI: docURI}}, &syms)
	var got []string
	for _, s := range syms {
		got = append(got, fmt.Sprintf("%s(%d)", s.Name, len(s.Children)))
	}
	if want := []string{"ARG BASE=alpine(0)", "build(2)", "test(2)"}; !slices.Equal(got, want) {
		t.Errorf("symbols %v, want %v", got, want)
	}
	if len(syms) == 3 && syms[1].Children[0].Kind != protocol.SymbolKindVariable {
		t.Errorf("ENV kind %d", syms[1].Children[0].Kind)
	}

	// a client without hierarchical support gets a flat list
	c2 := startServer(t, Options{})
	caps := defaultCaps()
	caps.TextDocument.DocumentSymbol = nil
	c2.initialize(caps, "")
	c2.open(docURI, navFile)
	var flat []struct {
		Name      string `json:"name"`
		Container string `json:"containerName"`
	}
	c2.mustCall(protocol.MethodTextDocumentDocumentSymbol, &protocol.DocumentSymbolParams{TextDocument: protocol.TextDocumentIdentifier{URI: docURI}}, &flat)
	if len(flat) != 7 || flat[2].Container != "build" {
		t.Errorf("flat symbols %+v", flat)
	}
}

func TestPullDiagnostics(t *testing.T) {
	c := startServer(t, Options{})
	caps := defaultCaps()
	caps.TextDocument.Diagnostic = &protocol.DiagnosticClientCapabilities{}
	res := c.initialize(caps, onlyRules("ParseError"))
	if res.Capabilities.DiagnosticProvider == nil {
		t.Fatalf("no diagnosticProvider for a pull client")
	}
	c.open(docURI, badHeredoc)
	pull := func(prev string) map[string]any {
		p := &protocol.DocumentDiagnosticParams{TextDocument: protocol.TextDocumentIdentifier{URI: docURI}}
		if prev != "" {
			p.PreviousResultID = &prev
		}
		var r map[string]any
		c.mustCall(protocol.MethodTextDocumentDiagnostic, p, &r)
		return r
	}
	r := pull("")
	items, _ := r["items"].([]any)
	if r["kind"] != "full" || len(items) == 0 {
		t.Fatalf("first pull %v", r)
	}
	id, _ := r["resultId"].(string)
	if r2 := pull(id); r2["kind"] != "unchanged" || r2["resultId"] != id {
		t.Errorf("second pull %v, want unchanged %s", r2, id)
	}
	c.changeFull(docURI, 2, goodFile)
	if r3 := pull(id); r3["kind"] != "full" || len(r3["items"].([]any)) != 0 {
		t.Errorf("pull after the fix %v", r3)
	}
	// never pushed
	c.mustCall(protocol.MethodShutdown, nil, nil)
	c.mu.Lock()
	defer c.mu.Unlock()
	if n := c.publishes[docURI]; n != 0 {
		t.Errorf("a pull client got %d pushed publishes", n)
	}
}

func TestSettings(t *testing.T) {
	// initializationOptions disable the rule
	c := startServer(t, Options{})
	caps := defaultCaps()
	caps.Workspace = nil // no workspace/configuration: init options rule
	c.initialize(caps, `{"rules":{"disable":["ParseError"]}}`)
	c.open(docURI, badHeredoc)
	if p := c.diagnostics(docURI, 1); hasCode(p, "ParseError") {
		t.Errorf("ParseError reported though disabled: %v", codes(p))
	}
	// a pushed didChangeConfiguration turns it back on, at another severity
	c.notify(protocol.MethodWorkspaceDidChangeConfiguration, &protocol.DidChangeConfigurationParams{
		Settings: []byte(`{"layerlint":{"rules":{"severity":{"DL1000":"hint"}}}}`)})
	c.await("ParseError as a hint", func() bool {
		p := c.latest[docURI]
		return p != nil && withCode(p, "ParseError") != nil && withCode(p, "ParseError").Severity == int(protocol.DiagnosticSeverityHint)
	})

	// workspace/configuration: {} keeps the defaults (it is not "everything off")
	c2 := startServer(t, Options{})
	c2.config = func(items []protocol.ConfigurationItem) []any {
		out := make([]any, len(items))
		for i := range out {
			out[i] = map[string]any{}
		}
		return out
	}
	c2.initialize(defaultCaps(), `{"rules":{"disable":["ParseError"]}}`)
	c2.open(docURI, badHeredoc)
	if p := c2.diagnostics(docURI, 1); !hasCode(p, "ParseError") {
		t.Errorf("pulled {} should override initializationOptions with the defaults: %v", codes(p))
	}
	// the section changes: the client says so, the server pulls again
	c2.mu.Lock()
	c2.config = func(items []protocol.ConfigurationItem) []any {
		return slices.Repeat([]any{map[string]any{"rules": map[string]any{"severity": map[string]string{"ParseError": "warning"}}}}, len(items))
	}
	c2.mu.Unlock()
	c2.notify(protocol.MethodWorkspaceDidChangeConfiguration, &protocol.DidChangeConfigurationParams{Settings: []byte("null")})
	c2.await("ParseError as a warning", func() bool {
		p := c2.latest[docURI]
		return p != nil && withCode(p, "ParseError") != nil && withCode(p, "ParseError").Severity == int(protocol.DiagnosticSeverityWarning)
	})

	// unknown rule names are reported, the rest still applies
	c3 := startServer(t, Options{})
	c3.initialize(caps, `{"rules":{"disable":["NoSuchRule","ParseError"]}}`)
	c3.note(protocol.MethodWindowShowMessage, "NoSuchRule")
	c3.open(docURI, badHeredoc)
	if p := c3.diagnostics(docURI, 1); hasCode(p, "ParseError") {
		t.Errorf("ParseError reported though disabled next to an unknown rule")
	}
}

func TestDockerignoreIsNotLintedAsADockerfile(t *testing.T) {
	c := startServer(t, Options{})
	c.initialize(defaultCaps(), "")
	const u = "file:///work/app/.dockerignore"
	c.open(u, "node_modules\n*.log\n!keep.log\n")
	if p := c.diagnostics(u, 1); len(p.Diagnostics) != 0 {
		t.Errorf(".dockerignore diagnostics %v", codes(p))
	}
}

func TestLifecycle(t *testing.T) {
	t.Run("exit without shutdown", func(t *testing.T) {
		c := startServer(t, Options{})
		c.initialize(defaultCaps(), "")
		c.notify(protocol.MethodExit, nil)
		if code := c.exitCode(); code != ExitError {
			t.Errorf("exit code %d, want 1", code)
		}
	})
	t.Run("end of input without exit", func(t *testing.T) {
		srvDone := make(chan int, 1)
		c := startServer(t, Options{})
		c.initialize(defaultCaps(), "")
		c.mustCall(protocol.MethodShutdown, nil, nil)
		_ = c.conn.Close()
		go func() { srvDone <- c.exitCode() }()
		if code := <-srvDone; code != ExitError {
			t.Errorf("exit code %d, want 1", code)
		}
	})
	t.Run("requests before initialize and after shutdown", func(t *testing.T) {
		c := startServer(t, Options{})
		err := c.call(protocol.MethodTextDocumentHover, &protocol.HoverParams{}, nil)
		if code := errCode(err); code != jsonrpc2.ServerNotInitialized {
			t.Errorf("hover before initialize: %v (code %d), want ServerNotInitialized", err, code)
		}
		c.initialize(defaultCaps(), "")
		if code := errCode(c.call(protocol.MethodInitialize, &protocol.InitializeParams{}, nil)); code != jsonrpc2.InvalidRequest {
			t.Errorf("second initialize: code %d", code)
		}
		if code := errCode(c.call("textDocument/noSuchThing", map[string]int{}, nil)); code != jsonrpc2.MethodNotFound {
			t.Errorf("unknown method: code %d, want MethodNotFound", code)
		}
		c.mustCall(protocol.MethodShutdown, nil, nil)
		if code := errCode(c.call(protocol.MethodTextDocumentHover, &protocol.HoverParams{}, nil)); code != jsonrpc2.InvalidRequest {
			t.Errorf("hover after shutdown: code %d, want InvalidRequest", code)
		}
		c.notify(protocol.MethodExit, nil)
		if code := c.exitCode(); code != ExitOK {
			t.Errorf("exit code %d", code)
		}
	})
}

func errCode(err error) jsonrpc2.Code {
	var e *jsonrpc2.Error
	if err == nil {
		return 0
	}
	if errors.As(err, &e) {
		return e.Code
	}
	return -1
}

func TestPanicInHandlerIsReported(t *testing.T) {
	c := startServer(t, Options{beforeRequest: func(ctx context.Context, method string) {
		if method == protocol.MethodTextDocumentDocumentSymbol {
			panic("boom")
		}
	}})
	c.initialize(defaultCaps(), onlyRules("ParseError"))
	c.open(docURI, goodFile)
	err := c.call(protocol.MethodTextDocumentDocumentSymbol, &protocol.DocumentSymbolParams{TextDocument: protocol.TextDocumentIdentifier{URI: docURI}}, nil)
	if errCode(err) != jsonrpc2.InternalError {
		t.Errorf("panicking request: %v, want InternalError", err)
	}
	c.note(protocol.MethodWindowLogMessage, "boom")
	// the server goes on
	c.changeFull(docURI, 2, badHeredoc)
	c.diagnostics(docURI, 2)
	if code := c.shutdownExit(); code != ExitOK {
		t.Errorf("exit code %d", code)
	}
}

func TestSlowDocumentDoesNotHoldUpOthers(t *testing.T) {
	const slow, fast = "file:///w/slow/Dockerfile", "file:///w/fast/Dockerfile"
	release := make(chan struct{})
	c := startServer(t, Options{beforeLint: func(u string) {
		if u == slow {
			<-release
		}
	}})
	defer close(release)
	c.initialize(defaultCaps(), onlyRules("ParseError"))
	c.open(slow, badHeredoc)
	c.open(fast, badHeredoc)
	if p := c.diagnostics(fast, 1); !hasCode(p, "ParseError") {
		t.Errorf("fast document: %v", codes(p))
	}
	// requests are answered meanwhile
	if h := hover(t, c, fast, pos(1, 1)); h == "" {
		t.Errorf("no hover while another document is being linted")
	}
}

// TestCodeActionCreatesDockerignore: the context rules' fixes edit the
// ignore file, not the Dockerfile. For a client that can create files, the
// quick fix and fix-all create .dockerignore (a CreateFile operation, then
// the file's text); once it exists, a fix appends to it with a versionless
// edit of the file on disk.
func TestCodeActionCreatesDockerignore(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) {
		t.Helper()
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	changed := func(c *testClient, name string, typ protocol.FileChangeType) {
		c.notify(protocol.MethodWorkspaceDidChangeWatchedFiles, &protocol.DidChangeWatchedFilesParams{
			Changes: []protocol.FileEvent{{URI: uri.File(filepath.Join(dir, name)), Type: typ}},
		})
	}
	text := "FROM alpine:3.20\nCOPY . /app\n"
	write("Dockerfile", text)
	write("app.sh", "echo hi\n")
	write(".env", "TOKEN=secret\n")
	write(".git/HEAD", "ref: refs/heads/main\n")
	u := string(uri.File(filepath.Join(dir, "Dockerfile")))
	real, err := filepath.EvalSymlinks(dir)
	if err != nil {
		t.Fatal(err)
	}
	ignURI := uri.File(filepath.Join(real, ".dockerignore"))

	c := startServer(t, Options{})
	caps := defaultCaps()
	caps.Workspace.WorkspaceEdit = &protocol.WorkspaceEditClientCapabilities{
		DocumentChanges:    ptr(true),
		ResourceOperations: []protocol.ResourceOperationKind{protocol.ResourceOperationKindCreate},
	}
	caps.Workspace.DidChangeWatchedFiles = &protocol.DidChangeWatchedFilesClientCapabilities{DynamicRegistration: ptr(true)}
	c.initializeIn(caps, onlyRules("MissingDockerignore", "SecretInContext"), dir)
	c.open(u, text)
	var secret wireDiag
	c.await("MissingDockerignore and SecretInContext", func() bool {
		p := c.latest[u]
		if p == nil || withCode(p, "MissingDockerignore") == nil || withCode(p, "SecretInContext") == nil {
			return false
		}
		secret = *withCode(p, "SecretInContext")
		return true
	})

	// wantCreate checks that a creates .dockerignore with content and does
	// nothing else
	wantCreate := func(a protocol.CodeAction, content string) {
		t.Helper()
		if a.Edit == nil || len(a.Edit.Changes) != 0 || len(a.Edit.DocumentChanges) != 2 {
			t.Fatalf("%q: edit %+v, want documentChanges: a creation and an edit", a.Title, a.Edit)
		}
		cf, ok := a.Edit.DocumentChanges[0].(*protocol.CreateFile)
		if !ok || cf.Kind != "create" || cf.URI != ignURI || cf.Options == nil ||
			cf.Options.Overwrite == nil || *cf.Options.Overwrite || cf.Options.IgnoreIfExists == nil || *cf.Options.IgnoreIfExists {
			t.Errorf("%q: first change %#v, want a CreateFile of %s that neither overwrites nor ignores an existing file", a.Title, a.Edit.DocumentChanges[0], ignURI)
		}
		te, ok := a.Edit.DocumentChanges[1].(*protocol.TextDocumentEdit)
		if !ok || te.TextDocument.URI != ignURI || te.TextDocument.Version != nil || len(te.Edits) != 1 {
			t.Fatalf("%q: second change %#v, want one versionless edit of %s", a.Title, a.Edit.DocumentChanges[1], ignURI)
		}
		if e, ok := te.Edits[0].(*protocol.TextEdit); !ok || e.Range != rng(0, 0, 0, 0) || e.NewText != content {
			t.Errorf("%q: edit %#v, want %q at 0:0", a.Title, te.Edits[0], content)
		}
	}
	a, ok := findAction(codeActions(t, c, u, secret.Range, protocol.CodeActionKindQuickFix), "Exclude .env in .dockerignore")
	if !ok {
		t.Fatal("no quick fix excluding .env")
	}
	if a.IsPreferred == nil || !*a.IsPreferred {
		t.Errorf("the safe fix %q is not preferred", a.Title)
	}
	wantCreate(a, "# Credentials: never send them to the builder\n.env\n")

	// fix-all takes one creation of the file: MissingDockerignore's (first
	// by rule at the same range); SecretInContext's would conflict with it
	all := codeActions(t, c, u, rng(0, 0, 0, 0), CodeActionKindFixAll)
	if len(all) != 1 {
		t.Fatalf("%d fix-all actions, want 1", len(all))
	}
	wantCreate(all[0], "# Kept out of the build context: version control\n.git\n")

	// the client applies the quick fix; both findings go (an ignore file
	// exists, and it excludes .env)
	write(".dockerignore", "# Credentials: never send them to the builder\n.env\n")
	changed(c, ".dockerignore", protocol.FileChangeTypeCreated)
	c.await("the findings gone", func() bool {
		p := c.latest[u]
		return p != nil && withCode(p, "MissingDockerignore") == nil && withCode(p, "SecretInContext") == nil
	})

	// another secret: the fix now appends to the file on disk
	write(".npmrc", "//registry.npmjs.org/:_authToken=secret\n")
	changed(c, ".npmrc", protocol.FileChangeTypeCreated)
	c.await("SecretInContext for .npmrc", func() bool {
		p := c.latest[u]
		if p == nil || withCode(p, "SecretInContext") == nil {
			return false
		}
		secret = *withCode(p, "SecretInContext")
		return true
	})
	a, ok = findAction(codeActions(t, c, u, secret.Range, protocol.CodeActionKindQuickFix), "Exclude .npmrc in .dockerignore")
	if !ok || a.Edit == nil || len(a.Edit.DocumentChanges) != 1 {
		t.Fatalf("quick fix %+v, want one edit of .dockerignore", a)
	}
	te, ok := a.Edit.DocumentChanges[0].(*protocol.TextDocumentEdit)
	if !ok || te.TextDocument.URI != uri.File(filepath.Join(dir, ".dockerignore")) || te.TextDocument.Version != nil || len(te.Edits) != 1 {
		t.Fatalf("change %#v, want one versionless edit of .dockerignore", a.Edit.DocumentChanges[0])
	}
	if e, ok := te.Edits[0].(*protocol.TextEdit); !ok || e.Range != rng(2, 0, 2, 0) || e.NewText != ".npmrc\n" {
		t.Errorf("edit %#v, want \".npmrc\\n\" at 2:0, the end of the file", te.Edits[0])
	}
}

// TestCodeActionDockerignoreWithoutCreate: a client that cannot create
// files is not offered the fix that creates .dockerignore, in quick fixes
// or fix-all; an append to an existing ignore file comes as plain changes.
func TestCodeActionDockerignoreWithoutCreate(t *testing.T) {
	dir := t.TempDir()
	text := "FROM alpine:3.20\nCOPY . /app\n"
	for name, content := range map[string]string{"Dockerfile": text, ".env": "TOKEN=secret\n"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	u := string(uri.File(filepath.Join(dir, "Dockerfile")))
	ign := filepath.Join(dir, ".dockerignore")

	c := startServer(t, Options{})
	caps := defaultCaps()
	caps.Workspace.DidChangeWatchedFiles = &protocol.DidChangeWatchedFilesClientCapabilities{DynamicRegistration: ptr(true)}
	c.initializeIn(caps, onlyRules("SecretInContext"), dir)
	c.open(u, text)
	var secret wireDiag
	c.await("SecretInContext", func() bool {
		p := c.latest[u]
		if p == nil || withCode(p, "SecretInContext") == nil {
			return false
		}
		secret = *withCode(p, "SecretInContext")
		return true
	})
	if a, ok := findAction(codeActions(t, c, u, secret.Range, protocol.CodeActionKindQuickFix), "Exclude "); ok {
		t.Errorf("offered %q, which creates a file, to a client that cannot", a.Title)
	}
	if all := codeActions(t, c, u, rng(0, 0, 0, 0), CodeActionKindFixAll); len(all) != 0 {
		t.Errorf("offered fix-all %+v, whose only fix creates a file", all)
	}

	if err := os.WriteFile(ign, []byte("*.log\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	c.notify(protocol.MethodWorkspaceDidChangeWatchedFiles, &protocol.DidChangeWatchedFilesParams{
		Changes: []protocol.FileEvent{{URI: uri.File(ign), Type: protocol.FileChangeTypeCreated}},
	})
	// the finding is published again when its fix changes: no longer a
	// new file with its comment, an append
	c.await("SecretInContext with an append fix", func() bool {
		p := c.latest[u]
		if p == nil || withCode(p, "SecretInContext") == nil {
			return false
		}
		secret = *withCode(p, "SecretInContext")
		return !strings.Contains(string(secret.Data), `"create":true`)
	})
	a, ok := findAction(codeActions(t, c, u, secret.Range, protocol.CodeActionKindQuickFix), "Exclude .env in .dockerignore")
	if !ok {
		t.Fatal("no quick fix excluding .env once .dockerignore exists")
	}
	want := map[uri.URI][]protocol.TextEdit{uri.File(ign): {{Range: rng(1, 0, 1, 0), NewText: "\n# Credentials: never send them to the builder\n.env\n"}}}
	if a.Edit == nil || len(a.Edit.DocumentChanges) != 0 || !reflect.DeepEqual(a.Edit.Changes, want) {
		t.Errorf("edit %+v, want changes %+v", a.Edit, want)
	}
}
