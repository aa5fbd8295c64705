package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/layerlint/layerlint/dockerfile"
	"github.com/layerlint/layerlint/rules"
)

// goldenRules stand in for the catalog in the golden files, so that the
// catalog's wording can change without touching them. InfoRule is missing on
// purpose: a rule without metadata gets a bare SARIF descriptor.
var goldenRules = map[string]*rules.Rule{
	"CacheRule": {ID: "CacheRule", Aliases: []string{"DL3042"}, Category: rules.CategorySize, Severity: rules.SeverityWarning,
		Doc: rules.Doc{Title: "Package cache left in the layer", Description: "Caches cost bytes.", Bad: "RUN pip install x\n", Good: "RUN pip install --no-cache-dir x\n"}},
	"ErrRule": {ID: "ErrRule", Aliases: []string{"DL1000"}, Category: rules.CategoryCorrectness, Severity: rules.SeverityError,
		Doc: rules.Doc{Title: "Parse error", Description: "The build fails."}},
	"StyleRule": {ID: "StyleRule", Category: rules.CategoryStyle, Severity: rules.SeverityHint, OffByDefault: true,
		Doc: rules.Doc{Title: "A style rule", Description: "Style matters."}},
}

// rng finds the n-th (0-based) occurrence of sub in src as a range.
func rng(t *testing.T, src, sub string, n int) dockerfile.Range {
	t.Helper()
	off := 0
	for i := 0; ; i++ {
		j := strings.Index(src[off:], sub)
		if j < 0 {
			t.Fatalf("%q not found %d times", sub, n+1)
		}
		if i == n {
			return dockerfile.Range{Start: off + j, End: off + j + len(sub)}
		}
		off += j + len(sub)
	}
}

// goldenReport is the report every golden file shows: a clean file, a file
// with an awkward name and a range over two lines, and a file with a
// non-ASCII character, a message needing every kind of escape, a related
// location and a fix that inserts text. Each names its build context (the
// JSON report lists them): its own directory without an ignore file, with
// an ignore file of its own, and one a compose file gives.
func goldenReport(t *testing.T) []result {
	t.Helper()
	const (
		odd    = "odd dir/a,b:c%&<x>.Dockerfile"
		oddSrc = "FORM alpine\nRUN a \\\n  b\n"
		svcSrc = "FROM python:3.12-slim\nLABEL description=\"café ☕\"\nRUN pip install -r requirements.txt\n"
	)
	parse := func(name, src string) *dockerfile.File { return dockerfile.Parse(name, []byte(src)) }
	multi := rng(t, oddSrc, "RUN a \\\n  b", 0)
	pipInsert := rng(t, svcSrc, "pip install", 0).End
	ownDir := contextWhy{"Dockerfile's directory", ""}
	return []result{
		{job: job{path: "clean/Dockerfile"}, file: parse("clean/Dockerfile", "FROM scratch\n"),
			context: contextUse{dir: "clean", files: 1, why: ownDir}},
		{job: job{path: odd}, file: parse(odd, oddSrc), context: contextUse{dir: "odd dir", ignore: odd + ".dockerignore", files: 2, why: ownDir}, diags: []rules.Diagnostic{
			{Rule: "ErrRule", Severity: rules.SeverityError, Message: "unknown instruction: FORM (did you mean FROM?)", Range: rng(t, oddSrc, "FORM alpine", 0)},
			{Rule: "InfoRule", Severity: rules.SeverityInfo, Message: "spans lines", Range: multi},
		}},
		{job: job{path: "svc/Dockerfile"}, file: parse("svc/Dockerfile", svcSrc),
			context: contextUse{dir: ".", ignore: ".dockerignore", files: 9, why: contextWhy{`service "svc" of compose.yaml`, "from compose.yaml"}}, diags: []rules.Diagnostic{
				{Rule: "StyleRule", Severity: rules.SeverityHint, Message: "100% of \"☕\" is <fine> & so, is: this\nsecond line\r",
					Range:   rng(t, svcSrc, "☕", 0),
					Related: []rules.Related{{Message: "first LABEL here", Range: rng(t, svcSrc, "LABEL", 0)}}},
				{Rule: "CacheRule", Alias: "DL3042", Severity: rules.SeverityWarning, Message: "pip install leaves ~/.cache/pip in the layer; add --no-cache-dir",
					Range: rng(t, svcSrc, "pip install -r requirements.txt", 0),
					Fixes: []rules.Fix{{Title: "Add --no-cache-dir to pip install", Safe: true,
						Edits: []rules.Edit{{Range: dockerfile.Range{Start: pipInsert, End: pipInsert}, NewText: " --no-cache-dir"}}}}},
			}},
	}
}

// useGoldenRules makes the SARIF writer describe rules from goldenRules and
// fixes the version, for the duration of a test.
func useGoldenRules(t *testing.T) {
	oldLookup, oldVersion := lookupRule, version
	lookupRule = func(id string) (*rules.Rule, bool) { r, ok := goldenRules[id]; return r, ok }
	version = "v1.2.3"
	t.Cleanup(func() { lookupRule, version = oldLookup, oldVersion })
}

// goldenDir holds the golden files of the formats. It is absolute, as some
// tests change the working directory.
var goldenDir, _ = filepath.Abs(filepath.Join("..", "..", "testdata", "formats"))

// TestFormatGolden writes the golden report in every format and compares
// it with testdata/formats/<format>.golden, which were written by hand.
func TestFormatGolden(t *testing.T) {
	useGoldenRules(t)
	results := goldenReport(t)
	writers := map[string]func(*bytes.Buffer) error{
		"text": func(b *bytes.Buffer) error { writeText(b, results, textStyle{}); return nil },
	}
	for name, w := range formatWriters {
		writers[name] = func(b *bytes.Buffer) error { return w(b, results) }
	}
	for name, write := range writers {
		t.Run(name, func(t *testing.T) {
			want, err := os.ReadFile(filepath.Join(goldenDir, name+".golden"))
			if err != nil {
				t.Fatal(err)
			}
			var buf bytes.Buffer
			if err := write(&buf); err != nil {
				t.Fatal(err)
			}
			if got := buf.String(); got != string(want) {
				t.Errorf("%s output differs from %s.golden\n%s\ngot:\n%s", name, name, firstDiff(got, string(want)), got)
			}
		})
	}
}

// otherFilesReport is the report of the otherfiles.*.golden files: fixes
// that edit the build context's ignore file instead of the Dockerfile, as
// MissingDockerignore and SecretInContext make them. web has no ignore
// file, and the fix creates web/.dockerignore. api has one, with CRLF line
// endings, a non-ASCII pattern and no final newline, and the fix appends to
// it. The report is written from a temporary working directory holding
// api/.dockerignore; the edits name the files by absolute path, as a build
// context read from disk does.
func otherFilesReport(t *testing.T) []result {
	t.Helper()
	dir, err := filepath.EvalSymlinks(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
	const (
		apiIgnore = "*.md\r\ndonnées/"
		apiSrc    = "FROM alpine:3.20\nCOPY . /app\n"
		webSrc    = "FROM node:22-slim\nWORKDIR /app\nCOPY . .\nRUN npm ci\n"
	)
	writeFiles(t, dir, map[string]string{"api/.dockerignore": apiIgnore})
	parse := func(name, src string) *dockerfile.File { return dockerfile.Parse(name, []byte(src)) }
	ownDir := contextWhy{"Dockerfile's directory", ""}
	end := len(apiIgnore)
	return []result{
		{job: job{path: "api/Dockerfile"}, file: parse("api/Dockerfile", apiSrc),
			context: contextUse{dir: "api", ignore: "api/.dockerignore", files: 3, why: ownDir}, diags: []rules.Diagnostic{
				{Rule: "SecretInContext", Severity: rules.SeverityWarning, Message: `COPY . /app puts ".env" into the image; exclude it in .dockerignore`,
					Range: rng(t, apiSrc, ".", 1),
					Fixes: []rules.Fix{{Title: "Exclude .env in .dockerignore", Safe: true, Edits: []rules.Edit{
						{File: filepath.Join(dir, "api", ".dockerignore"), Range: dockerfile.Range{Start: end, End: end}, NewText: "\r\n.env\r\n"}}}}},
			}},
		{job: job{path: "web/Dockerfile"}, file: parse("web/Dockerfile", webSrc),
			context: contextUse{dir: "web", files: 5, why: ownDir}, diags: []rules.Diagnostic{
				{Rule: "MissingDockerignore", Severity: rules.SeverityWarning, Message: "COPY . . sends node_modules (2 B, 1 file) into the image; there is no .dockerignore: create one listing node_modules",
					Range: rng(t, webSrc, ".", 0),
					Fixes: []rules.Fix{{Title: "Create .dockerignore excluding node_modules", Safe: true, Edits: []rules.Edit{
						{File: filepath.Join(dir, "web", ".dockerignore"), Create: true, NewText: "# Kept out of the build context: dependencies\nnode_modules\n"}}}}},
			}},
	}
}

// TestFormatGoldenOtherFiles writes otherFilesReport in the formats that
// carry fixes and compares them with testdata/formats/otherfiles.<format>.golden,
// which were written by hand.
func TestFormatGoldenOtherFiles(t *testing.T) {
	useGoldenRules(t)
	results := otherFilesReport(t)
	for name, write := range map[string]func(io.Writer, []result) error{"json": writeJSON, "sarif": writeSARIF} {
		t.Run(name, func(t *testing.T) {
			want, err := os.ReadFile(filepath.Join(goldenDir, "otherfiles."+name+".golden"))
			if err != nil {
				t.Fatal(err)
			}
			var buf bytes.Buffer
			if err := write(&buf, results); err != nil {
				t.Fatal(err)
			}
			if got := buf.String(); got != string(want) {
				t.Errorf("%s output differs from otherfiles.%s.golden\n%s\ngot:\n%s", name, name, firstDiff(got, string(want)), got)
			}
		})
	}
}

// firstDiff describes the first line where got and want differ.
func firstDiff(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := 0; i < max(len(g), len(w)); i++ {
		var gl, wl string
		if i < len(g) {
			gl = g[i]
		}
		if i < len(w) {
			wl = w[i]
		}
		if gl != wl {
			return fmt.Sprintf("first difference, line %d:\n  got  %q\n  want %q", i+1, gl, wl)
		}
	}
	return "same lines"
}
