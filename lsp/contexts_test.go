package lsp

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"
)

func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func watchedChange(c *testClient, paths ...string) {
	var evs []protocol.FileEvent
	for _, p := range paths {
		evs = append(evs, protocol.FileEvent{URI: uri.File(p), Type: protocol.FileChangeTypeChanged})
	}
	c.notify(protocol.MethodWorkspaceDidChangeWatchedFiles, &protocol.DidChangeWatchedFilesParams{Changes: evs})
}

func TestBuildContextTier(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"app/main.sh": "echo hi\n", "notes.txt": "x\n"})
	dockerfilePath := filepath.Join(dir, "Dockerfile")
	text := "FROM alpine:3.20\nCOPY missing.txt /x\nCOPY notes.txt /notes.txt\nCOPY app /app\n"
	writeFiles(t, dir, map[string]string{"Dockerfile": text})
	u := string(uri.File(dockerfilePath))

	c := startServer(t, Options{})
	caps := defaultCaps()
	caps.Workspace.DidChangeWatchedFiles = &protocol.DidChangeWatchedFilesClientCapabilities{DynamicRegistration: ptr(true)}
	c.initializeIn(caps, onlyRules("CopySourceNotFound", "CopyIgnoredFile"), dir)
	c.await("file watcher registration", func() bool {
		for _, m := range c.requests {
			if m == protocol.MethodClientRegisterCapability {
				return true
			}
		}
		return false
	})
	c.open(u, text)
	// the first publish may come before the scan; the context rules follow
	c.await("CopySourceNotFound on line 2", func() bool {
		p := c.latest[u]
		return p != nil && withCode(p, "CopySourceNotFound") != nil && withCode(p, "CopySourceNotFound").Range.Start.Line == 1
	})

	// the file appears on disk; the client says so
	writeFiles(t, dir, map[string]string{"missing.txt": "here\n"})
	watchedChange(c, filepath.Join(dir, "missing.txt"))
	c.await("CopySourceNotFound gone", func() bool {
		p := c.latest[u]
		return p != nil && withCode(p, "CopySourceNotFound") == nil
	})

	// an unsaved .dockerignore buffer excludes a copied file
	ignURI := string(uri.File(filepath.Join(dir, ".dockerignore")))
	c.open(ignURI, "notes.txt\n")
	c.await("CopyIgnoredFile from the unsaved .dockerignore", func() bool {
		p := c.latest[u]
		return p != nil && withCode(p, "CopyIgnoredFile") != nil
	})
	// an ignore-file line Docker rejects is reported in the ignore file
	c.changeFull(ignURI, 2, "notes.txt\n[\n")
	p := c.diagnostics(ignURI, 2)
	if len(p.Diagnostics) != 1 || p.Diagnostics[0].Range.Start.Line != 1 || !strings.Contains(p.Diagnostics[0].Message, "rejects") {
		t.Errorf(".dockerignore diagnostics %+v", p.Diagnostics)
	}
	// closing the buffer goes back to the disk, where there is no ignore file
	c.notify(protocol.MethodTextDocumentDidClose, &protocol.DidCloseTextDocumentParams{TextDocument: protocol.TextDocumentIdentifier{URI: protocolURI(ignURI)}})
	c.await("CopyIgnoredFile gone after closing the ignore buffer", func() bool {
		p := c.latest[u]
		return p != nil && withCode(p, "CopyIgnoredFile") == nil
	})

	// hover on a COPY says what it brings
	if h := hover(t, c, u, pos(3, 1)); !strings.Contains(h, "1 file") || !strings.Contains(h, "`app/` 1 file") {
		t.Errorf("hover on COPY app /app:\n%s", h)
	}

	// code lenses and document links
	var lenses []struct {
		Range   protocol.Range `json:"range"`
		Command struct {
			Title string `json:"title"`
		} `json:"command"`
	}
	c.mustCall(protocol.MethodTextDocumentCodeLens, &protocol.CodeLensParams{TextDocument: protocol.TextDocumentIdentifier{URI: protocolURI(u)}}, &lenses)
	// three COPY lenses, then the cache lens: missing.txt was created (the
	// watched-file change above), and the COPY on line 2 brings it, so that
	// step and the two after it rerun
	if len(lenses) != 4 || lenses[2].Command.Title != "brings 1 file, 8 bytes" || lenses[2].Range.Start.Line != 3 ||
		lenses[3].Command.Title != "missing.txt changed → cache miss from here; 3 steps rerun" || lenses[3].Range.Start.Line != 1 {
		t.Errorf("code lenses %+v", lenses)
	}
	var links []struct {
		Range  protocol.Range `json:"range"`
		Target string         `json:"target"`
	}
	c.mustCall(protocol.MethodTextDocumentDocumentLink, &protocol.DocumentLinkParams{TextDocument: protocol.TextDocumentIdentifier{URI: protocolURI(u)}}, &links)
	if len(links) != 3 || !strings.HasSuffix(links[1].Target, "/notes.txt") || links[1].Range != rng(2, 5, 2, 14) {
		t.Errorf("document links %+v", links)
	}

	// the context folder disappears: no crash, the server goes on
	if err := os.RemoveAll(dir); err != nil {
		t.Fatal(err)
	}
	watchedChange(c, dir)
	c.changeFull(u, 3, text+"# edit\n")
	c.diagnostics(u, 3)
	if code := c.shutdownExit(); code != ExitOK {
		t.Errorf("exit code %d", code)
	}
}

func TestBuildContextOff(t *testing.T) {
	dir := t.TempDir()
	text := "FROM alpine:3.20\nCOPY missing.txt /x\n"
	writeFiles(t, dir, map[string]string{"Dockerfile": text})
	u := string(uri.File(filepath.Join(dir, "Dockerfile")))
	c := startServer(t, Options{})
	caps := defaultCaps()
	caps.Workspace = nil
	c.initialize(caps, onlyRulesWith(map[string]any{"buildContext": false}, "CopySourceNotFound", "ParseError"))
	c.open(u, text+"FROM\n")
	if p := c.diagnostics(u, 1); hasCode(p, "CopySourceNotFound") || !hasCode(p, "ParseError") {
		t.Errorf("with buildContext off: %v", codes(p))
	}
	// untitled documents never get the context rules
	c.open("untitled:Untitled-1", text)
	if p := c.diagnostics("untitled:Untitled-1", 1); hasCode(p, "CopySourceNotFound") {
		t.Errorf("untitled: %v", codes(p))
	}

	// neither do files outside the workspace folders
	c2 := startServer(t, Options{})
	c2.initializeIn(defaultCaps(), onlyRules("CopySourceNotFound"), t.TempDir())
	c2.open(u, text)
	if p := c2.diagnostics(u, 1); hasCode(p, "CopySourceNotFound") {
		t.Errorf("outside the workspace: %v", codes(p))
	}
	c3 := startServer(t, Options{})
	c3.initializeIn(defaultCaps(), onlyRules("CopySourceNotFound"), dir)
	c3.open(u, text)
	c3.await("CopySourceNotFound inside the workspace", func() bool {
		p := c3.latest[u]
		return p != nil && hasCode(p, "CopySourceNotFound")
	})
}

func TestConfigurationFile(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		".git/HEAD":       "ref: refs/heads/main\n", // the repository root: the search stops here
		".layerlint.yaml": "rules:\n  ParseError: hint\n  DL3009: off\n",
		"svc/Dockerfile":  badHeredoc,
	})
	u := string(uri.File(filepath.Join(dir, "svc", "Dockerfile")))
	c := startServer(t, Options{})
	caps := defaultCaps()
	caps.Workspace.DidChangeWatchedFiles = &protocol.DidChangeWatchedFilesClientCapabilities{DynamicRegistration: ptr(true)}
	c.initialize(caps, "")
	c.open(u, badHeredoc)
	p := c.diagnostics(u, 1)
	if d := withCode(p, "ParseError"); d == nil || d.Severity != int(protocol.DiagnosticSeverityHint) {
		t.Fatalf("the file's severity for ParseError is not applied: %+v", d)
	}
	// editor settings override the file, rule by rule
	c.notify(protocol.MethodWorkspaceDidChangeConfiguration, &protocol.DidChangeConfigurationParams{
		Settings: []byte(`{"layerlint":{"rules":{"severity":{"ParseError":"warning"}}}}`)})
	c.mu.Lock()
	c.config = func(items []protocol.ConfigurationItem) []any {
		out := make([]any, len(items))
		for i := range out {
			out[i] = map[string]any{"rules": map[string]any{"severity": map[string]string{"ParseError": "warning"}}}
		}
		return out
	}
	c.mu.Unlock()
	c.await("ParseError as a warning from the editor", func() bool {
		p := c.latest[u]
		d := withCode(p, "ParseError")
		return d != nil && d.Severity == int(protocol.DiagnosticSeverityWarning)
	})
	// the file changes on disk: its new setting applies where the editor says nothing
	writeFiles(t, dir, map[string]string{".layerlint.yaml": "rules:\n  ParseError: off\n"})
	c.mu.Lock()
	c.config = nil
	c.mu.Unlock()
	c.notify(protocol.MethodWorkspaceDidChangeConfiguration, &protocol.DidChangeConfigurationParams{Settings: []byte(`{"layerlint":{}}`)})
	watchedChange(c, filepath.Join(dir, ".layerlint.yaml"))
	c.await("ParseError off by the changed file", func() bool {
		p := c.latest[u]
		return p != nil && withCode(p, "ParseError") == nil
	})
	// a broken file is reported and ignored
	writeFiles(t, dir, map[string]string{".layerlint.yaml": "rules: [\n"})
	watchedChange(c, filepath.Join(dir, ".layerlint.yaml"))
	c.note(protocol.MethodWindowShowMessage, ".layerlint.yaml")
	c.await("ParseError back with the defaults", func() bool {
		p := c.latest[u]
		return p != nil && withCode(p, "ParseError") != nil
	})
}

func TestWorkspaceDiagnostics(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"a/Dockerfile":                  badHeredoc,
		"b/api.Dockerfile":              badHeredoc,
		"b/api.Dockerfile.dockerignore": "x\n",
		"node_modules/x/Dockerfile":     badHeredoc,
		".hidden/Dockerfile":            badHeredoc,
		"open/Dockerfile":               badHeredoc,
	})
	c := startServer(t, Options{})
	caps := defaultCaps()
	caps.TextDocument.Diagnostic = &protocol.DiagnosticClientCapabilities{}
	p := &protocol.InitializeParams{Capabilities: caps, InitializationOptions: []byte(onlyRules("ParseError"))}
	p.WorkspaceFolders = protocol.NewNullable([]protocol.WorkspaceFolder{{URI: uri.File(dir), Name: "ws"}})
	var res protocol.InitializeResult
	c.mustCall(protocol.MethodInitialize, p, &res)
	c.notify(protocol.MethodInitialized, &protocol.InitializedParams{})
	c.open(string(uri.File(filepath.Join(dir, "open", "Dockerfile"))), goodFile)
	type item struct {
		Kind     string            `json:"kind"`
		URI      string            `json:"uri"`
		ResultID string            `json:"resultId"`
		Items    []json.RawMessage `json:"items"`
	}
	pull := func(prev []protocol.PreviousResultId) []item {
		var r struct {
			Items []item `json:"items"`
		}
		c.mustCall(protocol.MethodWorkspaceDiagnostic, &protocol.WorkspaceDiagnosticParams{PreviousResultIds: prev}, &r)
		sort.Slice(r.Items, func(i, j int) bool { return r.Items[i].URI < r.Items[j].URI })
		return r.Items
	}
	items := pull(nil)
	var got []string
	for _, it := range items {
		got = append(got, strings.TrimPrefix(it.URI, string(uri.File(dir)))+":"+it.Kind)
		if len(it.Items) != 1 {
			t.Errorf("%s: %d diagnostics", it.URI, len(it.Items))
		}
	}
	if want := []string{"/a/Dockerfile:full", "/b/api.Dockerfile:full"}; !slices.Equal(got, want) {
		t.Fatalf("workspace report %v, want %v", got, want)
	}
	again := pull([]protocol.PreviousResultId{{URI: uri.URI(items[0].URI), Value: items[0].ResultID}})
	if again[0].Kind != "unchanged" || again[1].Kind != "full" {
		t.Errorf("second pull %+v", again)
	}
}
