package rules

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/layerlint/layerlint/ctxscan"
	"github.com/layerlint/layerlint/dockerfile"
)

var update = flag.Bool("update", false, "rewrite .golden files from the fixes (review the diff before committing)")

// wantRE reads expectation comments: # want "RuleID" or # want "RuleID: message regexp".
var wantRE = regexp.MustCompile(`"([^"]+)"`)

type expectation struct {
	rule string
	msg  *regexp.Regexp
	line int // the instruction's first line
	hit  bool
}

// TestRuleTestdata runs each rule over testdata/<RuleID>/*.Dockerfile in the
// style of go/analysis's analysistest: a "# want" comment above an instruction
// expects a finding of that rule starting in that instruction. Unexpected and
// missing findings both fail. When <file>.golden exists it must equal the file
// with every safe fix applied, and the fixed file must parse and no longer
// trigger the fixed findings.
func TestRuleTestdata(t *testing.T) {
	dirs, _ := filepath.Glob("testdata/*")
	for _, dir := range dirs {
		id := filepath.Base(dir)
		r, ok := Lookup(id)
		if !ok {
			t.Errorf("testdata/%s names no rule", id)
			continue
		}
		files, _ := filepath.Glob(filepath.Join(dir, "*.Dockerfile"))
		if len(files) == 0 {
			t.Errorf("testdata/%s has no .Dockerfile cases", id)
		}
		for _, file := range files {
			t.Run(id+"/"+filepath.Base(file), func(t *testing.T) { checkFile(t, r, file) })
		}
	}
}

// lintOne runs r on f with the build context of the testdata case (see
// testdataContext); a case without one runs with no context, not with the
// documentation's.
func lintOne(f *dockerfile.File, r *Rule) []Diagnostic {
	ds := filterSuppressed(f, RunRuleContext(f, r, caseContexts[f.Name]))
	SortDiagnostics(ds)
	return ds
}

// caseContexts holds the build context of each testdata case by file name.
var caseContexts = map[string]*ctxscan.Context{}

// testdataContext loads the build context of a testdata case <name>.Dockerfile:
// the directory <name>.context/ (scanned from disk, with
// <name>.Dockerfile.dockerignore beside the Dockerfile taking precedence over
// <name>.context/.dockerignore, as BuildKit does), or the file
// <name>.context.txtar ("-- path --" sections, a path ending in "/" is an
// empty directory; for trees git cannot hold, such as .git/). Nil when the
// case has neither.
func testdataContext(t *testing.T, file string) *ctxscan.Context {
	base := strings.TrimSuffix(file, ".Dockerfile")
	if fi, err := os.Stat(base + ".context"); err == nil && fi.IsDir() {
		cx, err := ctxscan.Open(base+".context", ctxscan.Options{Dockerfile: file})
		if err != nil {
			t.Fatalf("%s.context: %v", base, err)
		}
		return cx
	}
	src, err := os.ReadFile(base + ".context.txtar")
	if err != nil {
		return nil
	}
	files := map[string]string{}
	name := ""
	for _, line := range strings.SplitAfter(string(src), "\n") {
		if strings.HasPrefix(line, "-- ") && strings.HasSuffix(strings.TrimRight(line, "\n"), " --") {
			name = strings.TrimSuffix(strings.TrimPrefix(strings.TrimRight(line, "\n"), "-- "), " --")
			files[name] = ""
			continue
		}
		if name != "" {
			files[name] += line
		}
	}
	cx, err := ctxscan.FromFiles(files, "Dockerfile")
	if err != nil {
		t.Fatalf("%s.context.txtar: %v", base, err)
	}
	return cx
}

func checkFile(t *testing.T, r *Rule, file string) {
	src, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	f := dockerfile.Parse(file, src)
	caseContexts[file] = testdataContext(t, file)
	var wants []*expectation
	for _, c := range f.Comments {
		if !strings.HasPrefix(c.Text, "want ") {
			continue
		}
		line := f.Position(c.Range.Start).Line
		// the first line below the comment block that is neither a comment
		// nor blank: where the expected instruction starts
		target := 0
		for l := line + 1; l <= f.LineCount(); l++ {
			txt := strings.TrimSpace(f.Line(l))
			if txt != "" && !strings.HasPrefix(txt, "#") {
				target = l
				break
			}
		}
		for _, m := range wantRE.FindAllStringSubmatch(c.Text, -1) {
			rule, msg, _ := strings.Cut(m[1], ":")
			e := &expectation{rule: strings.TrimSpace(rule), line: target}
			if msg = strings.TrimSpace(msg); msg != "" {
				e.msg = regexp.MustCompile(msg)
			}
			wants = append(wants, e)
		}
	}
	diags := lintOne(f, r)
	for _, d := range diags {
		checkRange(t, f, d)
		in := f.InstructionAt(d.Range.Start)
		line := f.Position(d.Range.Start).Line
		if in != nil {
			line = in.StartLine
		}
		found := false
		for _, w := range wants {
			if !w.hit && w.line == line && w.rule == d.Rule && (w.msg == nil || w.msg.MatchString(d.Message)) {
				w.hit, found = true, true
				break
			}
		}
		if !found {
			t.Errorf("%s:%d: unexpected %s: %s", file, f.Position(d.Range.Start).Line, d.Rule, d.Message)
		}
	}
	for _, w := range wants {
		if !w.hit {
			t.Errorf("%s:%d: missing %s finding (message %v)", file, w.line, w.rule, w.msg)
		}
	}
	checkFixes(t, r, file, f, diags)
}

func checkRange(t *testing.T, f *dockerfile.File, d Diagnostic) {
	t.Helper()
	if d.Range.Start < 0 || d.Range.End > len(f.Src) || d.Range.Start > d.Range.End {
		t.Errorf("%s: range %v outside the file (%d bytes)", d.Rule, d.Range, len(f.Src))
	}
}

func checkFixes(t *testing.T, r *Rule, file string, f *dockerfile.File, diags []Diagnostic) {
	var edits []Edit
	fixed := 0
	for _, d := range diags {
		for _, fx := range d.Fixes {
			if fx.Safe {
				edits = append(edits, fx.Edits...)
				fixed++
				break
			}
		}
	}
	golden := file + ".golden"
	_, statErr := os.Stat(golden)
	if fixed == 0 {
		if statErr == nil {
			t.Errorf("%s exists but no finding has a safe fix", golden)
		}
		return
	}
	out, ok := ApplyEdits(f.Src, edits)
	if !ok {
		t.Errorf("%s: safe fixes overlap", file)
	}
	if *update {
		if err := os.WriteFile(golden, out, 0o644); err != nil {
			t.Fatal(err)
		}
	} else if want, err := os.ReadFile(golden); err != nil {
		t.Errorf("%s: %d safe fixes but no golden file (run go test ./rules -update and review it)", file, fixed)
	} else if !bytes.Equal(want, out) {
		t.Errorf("%s: fixed text differs from golden\n--- got\n%s\n--- want\n%s", file, out, want)
	}
	g := dockerfile.Parse(file, out)
	if len(g.Errors) > len(f.Errors) {
		t.Errorf("%s: fixed text no longer parses: %v", file, g.Errors)
	}
	after := lintOne(g, r)
	if len(after) != len(diags)-fixed {
		var msgs []string
		for _, d := range after {
			msgs = append(msgs, d.Message)
		}
		sort.Strings(msgs)
		t.Errorf("%s: after safe fixes %d findings remain, want %d: %q", file, len(after), len(diags)-fixed, msgs)
	}
}
