package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/layerlint/layerlint/dockerfile"
	"github.com/layerlint/layerlint/rules"
)

func TestSummaryLine(t *testing.T) {
	res := func(sevs ...rules.Severity) result {
		r := result{file: dockerfile.Parse("x", nil)}
		for _, s := range sevs {
			r.diags = append(r.diags, rules.Diagnostic{Severity: s})
		}
		return r
	}
	E, W, I, H := rules.SeverityError, rules.SeverityWarning, rules.SeverityInfo, rules.SeverityHint
	for _, c := range []struct {
		results []result
		want    string
	}{
		{nil, "no problems in 0 files"},
		{[]result{res()}, "no problems in 1 file"},
		{[]result{res(E), res()}, "1 problem (1 error) in 2 files"},
		{[]result{res(E, W), res(W)}, "3 problems (1 error, 2 warnings) in 2 files"},
		{[]result{res(H, I, I, E)}, "4 problems (1 error, 2 infos, 1 hint) in 1 file"},
		// a file that could not be read is not counted
		{[]result{res(W), {}}, "1 problem (1 warning) in 1 file"},
	} {
		if got := summaryLine(c.results); got != c.want {
			t.Errorf("summaryLine = %q, want %q", got, c.want)
		}
	}
}

// exampleFindings lists, for each example, the findings it is written to
// show, as "line:column RuleID", checked by hand against the Dockerfile: the
// columns point at the image name of FROM, the source of COPY, or the
// command in RUN.
var exampleFindings = map[string][]string{
	"go": {
		"3:6 SingleStageBuild",            // golang:1.23 is the final image
		"6:6 CopyBeforeDependencyInstall", // COPY . . before go mod download
		"7:5 CacheMountRecommended",       // go mod download without a cache mount
		"8:1 ConsecutiveRunInstructions",  // two single-command RUNs in a row
		"8:19 CacheMountRecommended",      // go build without a cache mount
	},
	"node": {
		"3:6 SingleStageBuild",            // node:20-bookworm-slim ships the build
		"5:5 PackageCacheNotCleaned",      // apt-get update leaves its lists
		"5:5 UpdateWithoutInstall",        // apt-get update in a RUN of its own
		"6:1 ConsecutiveRunInstructions",  // apt-get install right after it
		"9:6 CopyBeforeDependencyInstall", // COPY . . before npm ci
		"10:5 CacheMountRecommended",      // npm ci without a cache mount
		"10:5 PackageCacheNotCleaned",     // npm ci keeps ~/.npm
		"11:1 ConsecutiveRunInstructions", // npm run build right after npm ci
	},
	"python": {
		"5:23 PackageCacheNotCleaned",     // apt-get install without removing the lists
		"8:6 CopyBeforeDependencyInstall", // COPY . /srv/api before pip install
		"9:5 CacheMountRecommended",       // pip install without a cache mount
		"9:5 PackageCacheNotCleaned",      // pip install without --no-cache-dir
	},
	"good": nil,
}

// TestExamples keeps the README's promise: each example shows the findings
// it was written for (other rules may add findings of their own; they are
// logged), and good/ has no finding at all.
func TestExamples(t *testing.T) {
	dirs, _ := filepath.Glob(filepath.Join("..", "..", "testdata", "examples", "*"))
	if len(dirs) < len(exampleFindings) {
		t.Fatalf("want the examples %v, found %v", exampleFindings, dirs)
	}
	for _, dir := range dirs {
		want, ok := exampleFindings[filepath.Base(dir)]
		if !ok {
			t.Errorf("%s: add the findings it shows to exampleFindings", dir)
			continue
		}
		code, stdout, stderr := runInProcess("", "check", "--format", "json", dir)
		var rep jsonReport
		if err := json.Unmarshal([]byte(stdout), &rep); err != nil {
			t.Fatalf("%s: exit %d, %v\n%s%s", dir, code, err, stdout, stderr)
		}
		got := map[string]bool{}
		for _, d := range rep.Diagnostics {
			got[fmt.Sprintf("%d:%d %s", d.Range.Start.Line, d.Range.Start.Column, d.Rule)] = true
		}
		if want == nil {
			if code != exitOK || len(rep.Diagnostics) != 0 {
				t.Errorf("%s: exit %d, findings:\n%s%s", dir, code, stdout, stderr)
			}
			continue
		}
		for _, w := range want {
			if !got[w] {
				t.Errorf("%s: no %s finding in:\n%s", dir, w, stdout)
			}
			delete(got, w)
		}
		for extra := range got {
			if strings.HasSuffix(extra, " ParseError") {
				t.Errorf("%s does not parse: %s", dir, extra)
			} else {
				t.Logf("%s: also %s", dir, extra)
			}
		}
	}
}

// TestRulesAndExplain checks the rule listing in both formats and that
// explain accepts an alias in any case.
func TestRulesAndExplain(t *testing.T) {
	code, stdout, _ := runInProcess("", "rules")
	if code != exitOK || !strings.HasPrefix(stdout, "ID ") {
		t.Fatalf("rules: exit %d\n%s", code, stdout)
	}
	for _, r := range rules.All() {
		if !strings.Contains(stdout, r.ID) || !strings.Contains(stdout, r.Doc.Title) {
			t.Errorf("rules output lacks %s", r.ID)
		}
	}
	code, stdout, _ = runInProcess("", "rules", "--format", "json")
	var out struct {
		Rules []struct {
			ID           string   `json:"id"`
			Aliases      []string `json:"aliases"`
			Category     string   `json:"category"`
			Severity     string   `json:"severity"`
			OffByDefault bool     `json:"offByDefault"`
			Title        string   `json:"title"`
		} `json:"rules"`
	}
	if err := json.Unmarshal([]byte(stdout), &out); err != nil || code != exitOK {
		t.Fatalf("rules --format json: exit %d, %v\n%s", code, err, stdout)
	}
	if len(out.Rules) != len(rules.All()) {
		t.Errorf("%d rules in JSON, want %d", len(out.Rules), len(rules.All()))
	}
	for _, r := range out.Rules {
		if r.Aliases == nil {
			t.Errorf("%s: aliases is null", r.ID)
		}
	}

	code, stdout, _ = runInProcess("", "explain", "dl1000")
	r := rules.ParseError
	for _, want := range []string{r.ID + ": " + r.Doc.Title, "Aliases:  DL1000", "Category: correctness", "Severity: error", r.Doc.Description, "Bad:\n    FROM alpine\n", "Good:\n"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("explain dl1000 lacks %q:\n%s", want, stdout)
		}
	}
	if code != exitOK {
		t.Errorf("explain: exit %d", code)
	}
	if code, _, stderr := runInProcess("", "explain"); code != exitError || !strings.Contains(stderr, "exactly one RULE") {
		t.Errorf("explain without a rule: exit %d, %q", code, stderr)
	}
}

// TestVersion checks the default version and the -ldflags override in a
// freshly linked binary.
func TestVersion(t *testing.T) {
	code, stdout, _ := runInProcess("", "version")
	if code != exitOK || !strings.HasPrefix(stdout, "layerlint dev\n") {
		t.Errorf("version: exit %d, %q", code, stdout)
	}
	if testing.Short() {
		t.Skip("-short: not linking another binary")
	}
	bin := filepath.Join(t.TempDir(), "layerlint")
	build := runGo(t, "build", "-ldflags", "-X main.version=v9.8.7", "-o", bin, ".")
	if build != "" {
		t.Fatal(build)
	}
	out, err := execOutput(bin, "version")
	if err != nil || !strings.HasPrefix(out, "layerlint v9.8.7\nmodule github.com/layerlint/layerlint ") {
		t.Errorf("ldflags version: %v %q", err, out)
	}
}

// TestHelp checks that -h on a subcommand prints its flags on stdout.
func TestHelp(t *testing.T) {
	for _, args := range [][]string{{"check", "-h"}, {"help", "check"}, {"check", "--help"}} {
		code, stdout, stderr := runInProcess("", args...)
		if code != exitOK || !strings.Contains(stdout, "Usage: layerlint check") || !strings.Contains(stdout, "--fail-level LEVEL") || stderr != "" {
			t.Errorf("%v: exit %d\n%s\n%s", args, code, stdout, stderr)
		}
	}
	if code, _, stderr := runInProcess(""); code != exitError || !strings.Contains(stderr, "Usage:") {
		t.Errorf("no arguments: exit %d, %q", code, stderr)
	}
}

// FuzzReport lints arbitrary text and checks that both formats hold up: the
// JSON is one valid document with 1-based positions in order, and the text
// format has one line per finding.
func FuzzReport(f *testing.F) {
	f.Add([]byte("FROM alpine\nRUN apt-get update\n"))
	f.Add([]byte("# Grüße\nFORM ålpine ✓\n"))
	f.Add([]byte("FROM node\nCOPY --chown=nöde . .\nRUN npm ci\n"))
	f.Add([]byte("\xef\xbb\xbfFROM a\r\nRUN <<EOF\r\nx\r\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		file := dockerfile.Parse("Dockerfile", src)
		res := []result{{job: job{path: "Dockerfile"}, file: file, diags: rules.Lint(file, nil)}}
		var buf bytes.Buffer
		if err := writeJSON(&buf, res); err != nil {
			t.Fatal(err)
		}
		var rep jsonReport
		dec := json.NewDecoder(&buf)
		if err := dec.Decode(&rep); err != nil {
			t.Fatalf("invalid JSON: %v", err)
		}
		if dec.More() {
			t.Fatal("more than one JSON document")
		}
		if len(rep.Diagnostics) != len(res[0].diags) {
			t.Fatalf("%d diagnostics in JSON, %d linted", len(rep.Diagnostics), len(res[0].diags))
		}
		for _, d := range rep.Diagnostics {
			s, e := d.Range.Start, d.Range.End
			if s.Line < 1 || s.Column < 1 || e.Line < s.Line || (e.Line == s.Line && e.Column < s.Column) {
				t.Fatalf("bad range %+v", d.Range)
			}
			if d.Related == nil || d.Fixes == nil {
				t.Fatal("null array")
			}
		}
		buf.Reset()
		writeText(&buf, res, textStyle{excerpt: true})
		if !utf8.Valid(buf.Bytes()) && utf8.Valid(src) {
			t.Fatal("text output of valid UTF-8 input is not valid UTF-8")
		}
	})
}

// runGo runs the go tool and returns its combined output on failure.
func runGo(t *testing.T, args ...string) string {
	t.Helper()
	out, err := execOutput(goTool(), args...)
	if err != nil {
		return err.Error() + "\n" + out
	}
	return ""
}

// TestTextLines: positions in a file other than the Dockerfile are counted
// in code points, the end of a text after its final newline is on the next
// line, and a byte order mark takes no column.
func TestTextLines(t *testing.T) {
	for _, c := range []struct {
		src       string
		off       int
		line, col int
	}{
		{"", 0, 1, 1},
		{"*.md\n", 5, 2, 1},
		{"*.md\n", 4, 1, 5},
		{"*.md", 4, 1, 5},
		{"a\r\nné/", 7, 2, 4},
		{"\uFEFFa\n", 3, 1, 1},
		{"\uFEFFa\n", 0, 1, 1},
		{"ab", 9, 1, 3},  // clamped to the end
		{"ab", -1, 1, 1}, // and to the start
	} {
		if line, col := newTextLines([]byte(c.src)).position(c.off); line != c.line || col != c.col {
			t.Errorf("%q at %d: %d:%d, want %d:%d", c.src, c.off, line, col, c.line, c.col)
		}
	}
}

// TestOtherFileName: the ignore file a fix edits is named as the Dockerfile
// is, absolute or relative to the working directory.
func TestOtherFileName(t *testing.T) {
	dir, err := filepath.EvalSymlinks(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
	ign := filepath.Join(dir, "app", ".dockerignore")
	for _, c := range []struct{ dockerfile, want string }{
		{"app/Dockerfile", "app/.dockerignore"},
		{filepath.Join(dir, "app", "Dockerfile"), ign},
		{"<stdin>", "app/.dockerignore"},
	} {
		if got := otherFileName(c.dockerfile, ign); got != c.want {
			t.Errorf("for %s: %q, want %q", c.dockerfile, got, c.want)
		}
	}
	if got := otherFileName("app/Dockerfile", filepath.Join("app", ".dockerignore")); got != "app/.dockerignore" {
		t.Errorf("a relative path: %q", got)
	}
}
