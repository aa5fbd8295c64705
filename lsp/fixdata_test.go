package lsp

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"
)

// TestFixDataPlacesIgnoreFileEdits: the fixes in a diagnostic's data place
// an edit of the ignore file in that file's text, not the Dockerfile's, and
// name it: a file to create at 0:0, an append at the end of the file on
// disk, or of its open buffer, with the URI the client opened it by and the
// character counted in UTF-16 units.
func TestFixDataPlacesIgnoreFileEdits(t *testing.T) {
	dir := t.TempDir()
	real, err := filepath.EvalSymlinks(dir)
	if err != nil {
		t.Fatal(err)
	}
	write := func(name, content string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	text := "FROM alpine:3.20\nCOPY . /app\n"
	write("Dockerfile", text)
	write(".env", "TOKEN=secret\n")
	u := string(uri.File(filepath.Join(dir, "Dockerfile")))
	ign := filepath.Join(dir, ".dockerignore")

	c := startServer(t, Options{})
	caps := defaultCaps()
	caps.Workspace.DidChangeWatchedFiles = &protocol.DidChangeWatchedFilesClientCapabilities{DynamicRegistration: ptr(true)}
	c.initializeIn(caps, onlyRules("SecretInContext"), dir)
	c.open(u, text)

	// the edit of the first fix of the SecretInContext finding, once it
	// satisfies ok
	secretEdit := func(what string, ok func(editData) bool) editData {
		t.Helper()
		var got editData
		c.await(what, func() bool {
			p := c.latest[u]
			if p == nil || withCode(p, "SecretInContext") == nil {
				return false
			}
			var data diagnosticData
			if err := json.Unmarshal(withCode(p, "SecretInContext").Data, &data); err != nil || len(data.Fixes) == 0 || len(data.Fixes[0].Edits) != 1 {
				return false
			}
			got = data.Fixes[0].Edits[0]
			return ok(got)
		})
		return got
	}

	// no ignore file: the fix creates one, at 0:0 of the new file
	e := secretEdit("a fix creating .dockerignore", func(e editData) bool { return e.Create })
	want := editData{URI: uri.File(filepath.Join(real, ".dockerignore")), Create: true, Range: rng(0, 0, 0, 0),
		NewText: "# Credentials: never send them to the builder\n.env\n"}
	if e != want {
		t.Errorf("creation: %+v, want %+v", e, want)
	}

	// on disk, two lines: the append is at the start of line 2 (0-based),
	// where the Dockerfile has no line at all
	write(".dockerignore", "*.md\nlogs\n")
	c.notify(protocol.MethodWorkspaceDidChangeWatchedFiles, &protocol.DidChangeWatchedFilesParams{
		Changes: []protocol.FileEvent{{URI: uri.File(ign), Type: protocol.FileChangeTypeCreated}},
	})
	e = secretEdit("a fix appending to .dockerignore on disk", func(e editData) bool { return !e.Create })
	want = editData{URI: uri.File(filepath.Join(real, ".dockerignore")), Range: rng(2, 0, 2, 0), NewText: "\n# Credentials: never send them to the builder\n.env\n"}
	if e != want {
		t.Errorf("append on disk: %+v, want %+v", e, want)
	}

	// an open buffer, unsaved, without a final newline and with a character
	// outside the BMP on its last line: the append goes after it, at UTF-16
	// character 10 ("🐳" is two units, " données" eight)
	bufURI := string(uri.File(ign))
	c.open(bufURI, "*.md\nlogs\n🐳 données")
	e = secretEdit("a fix appending to the open buffer", func(e editData) bool { return e.Range.Start.Line == 2 && e.Range.Start.Character > 0 })
	want = editData{URI: uri.URI(bufURI), Range: rng(2, 10, 2, 10), NewText: "\n\n# Credentials: never send them to the builder\n.env\n"}
	if e != want {
		t.Errorf("append to the buffer: %+v, want %+v", e, want)
	}
}
