package rules

import (
	"bytes"
	"flag"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
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
	files, ok := readTxtar(base + ".context.txtar")
	if !ok {
		return nil
	}
	cx, err := ctxscan.FromFiles(files, "Dockerfile")
	if err != nil {
		t.Fatalf("%s.context.txtar: %v", base, err)
	}
	return cx
}

// readTxtar reads a txtar file into a map of path to content; ok is false
// when the file cannot be read.
func readTxtar(file string) (files map[string]string, ok bool) {
	src, err := os.ReadFile(file)
	if err != nil {
		return nil, false
	}
	files = map[string]string{}
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
	return files, true
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
	for _, d := range diags {
		for _, fx := range d.Fixes {
			if len(OtherFiles(fx.Edits)) > 0 {
				checkFileFixes(t, r, file, f, diags)
				return
			}
		}
	}
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

// checkFileFixes checks the fixes of a case whose findings carry edits of
// other files (the ignore file). It applies the safe fixes the way --fix
// does: round by round, each round taking SafeFixEdits, with the build
// context read again with the edited ignore file, until no safe fix is left
// (at most 5 rounds). Then every finding that had a safe fix must be gone,
// the fixes must not make CopyIgnoredFile or CopySourceNotFound report
// more, the Dockerfile must equal <file>.golden if it changed, and the
// other files must equal <case>.fixed.txtar: one section per file changed
// or created, named relative to the context root.
func checkFileFixes(t *testing.T, r *Rule, file string, f *dockerfile.File, diags []Diagnostic) {
	base := strings.TrimSuffix(file, ".Dockerfile")
	cx0 := caseContexts[file]
	defer func() { caseContexts[file] = cx0 }()
	if cx0 == nil {
		t.Fatalf("%s: edits of other files without a build context", file)
	}
	withSafe := 0
	for _, d := range diags {
		if slices.ContainsFunc(d.Fixes, func(fx Fix) bool { return fx.Safe }) {
			withSafe++
		}
	}
	src := f.Src
	changed := map[string]string{} // other files after the fixes, by name
	ds := diags
	for round := 0; ; round++ {
		edits, n := SafeFixEdits(ds, len(src))
		if n == 0 {
			break
		}
		if round == 5 {
			t.Fatalf("%s: safe fixes do not converge in 5 rounds", file)
		}
		out, ok := ApplyEdits(src, edits)
		if !ok {
			t.Errorf("%s: safe fixes of the Dockerfile do not apply", file)
		}
		src = out
		for _, of := range OtherFiles(edits) {
			name := caseFileName(t, cx0, of)
			cur, exists := changed[name]
			if !exists {
				cur, exists = originalCaseFile(base, cx0, name)
			}
			if create := slices.ContainsFunc(edits, func(e Edit) bool { return e.File == of && e.Create }); create == exists {
				t.Errorf("%s: round %d: %s exists %v, but the fix creates it %v", file, round+1, name, exists, create)
			}
			out, ok := ApplyFileEdits([]byte(cur), of, edits)
			if !ok {
				t.Errorf("%s: round %d: the edits of %s do not apply to\n%s", file, round+1, name, cur)
			}
			changed[name] = string(out)
		}
		caseContexts[file] = fixedCaseContext(t, file, cx0, changed)
		g := dockerfile.Parse(file, src)
		if len(g.Errors) > len(f.Errors) {
			t.Fatalf("%s: fixed text no longer parses: %v", file, g.Errors)
		}
		ds = lintOne(g, r)
	}
	if len(ds) != len(diags)-withSafe {
		var msgs []string
		for _, d := range ds {
			msgs = append(msgs, d.Message)
		}
		t.Errorf("%s: after safe fixes %d findings remain, want %d: %q", file, len(ds), len(diags)-withSafe, msgs)
	}
	// the fixes must not exclude what the Dockerfile copies
	g := dockerfile.Parse(file, src)
	for _, id := range []string{"CopyIgnoredFile", "CopySourceNotFound"} {
		cr, _ := Lookup(id)
		before := len(RunRuleContext(f, cr, cx0))
		if after := len(RunRuleContext(g, cr, caseContexts[file])); after > before {
			t.Errorf("%s: after the fixes %s reports %d findings, before %d", file, id, after, before)
		}
	}

	golden := file + ".golden"
	if !bytes.Equal(src, f.Src) {
		if *update {
			os.WriteFile(golden, src, 0o644)
		} else if want, err := os.ReadFile(golden); err != nil || !bytes.Equal(want, src) {
			t.Errorf("%s: fixed text differs from %s\n--- got\n%s\n--- want\n%s", file, golden, src, want)
		}
	} else if _, err := os.Stat(golden); err == nil {
		t.Errorf("%s exists but the fixes leave the Dockerfile as it is", golden)
	}
	fixed := base + ".fixed.txtar"
	if len(changed) == 0 {
		if _, err := os.Stat(fixed); err == nil {
			t.Errorf("%s exists but no safe fix changes another file", fixed)
		}
		return
	}
	if *update {
		var b strings.Builder
		names := slices.Sorted(maps.Keys(changed))
		for _, n := range names {
			b.WriteString("-- " + n + " --\n" + changed[n])
		}
		if err := os.WriteFile(fixed, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, ok := readTxtar(fixed)
	if !ok {
		t.Errorf("%s: the safe fixes change %d other files but there is no %s (run go test ./rules -update and review it)", file, len(changed), fixed)
		return
	}
	for name, got := range changed {
		if w, ok := want[name]; !ok {
			t.Errorf("%s: the fixes change %s, which %s does not list:\n%s", file, name, fixed, got)
		} else if w != got {
			t.Errorf("%s: %s after the fixes differs from %s\n--- got\n%s\n--- want\n%s", file, name, fixed, got, w)
		}
	}
	for name := range want {
		if _, ok := changed[name]; !ok {
			t.Errorf("%s: %s lists %s, which the fixes leave as it is", file, fixed, name)
		}
	}
}

// caseFileName names the file an edit changes relative to the case's context
// root: Edit.File is relative to the root for a context in memory, and an
// OS path otherwise.
func caseFileName(t *testing.T, cx *ctxscan.Context, file string) string {
	t.Helper()
	if cx.Dir == "" {
		return filepath.ToSlash(file)
	}
	abs, err := filepath.Abs(file)
	if err != nil {
		t.Fatal(err)
	}
	dir, err := filepath.EvalSymlinks(filepath.Dir(abs))
	if err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	rel, err := filepath.Rel(cx.Dir, filepath.Join(dir, filepath.Base(abs)))
	if err != nil {
		t.Fatal(err)
	}
	return filepath.ToSlash(rel)
}

// originalCaseFile returns a file of the case as it is before the fixes.
func originalCaseFile(base string, cx *ctxscan.Context, name string) (string, bool) {
	if cx.Dir == "" {
		files, _ := readTxtar(base + ".context.txtar")
		s, ok := files[name]
		return s, ok
	}
	b, err := os.ReadFile(filepath.Join(cx.Dir, filepath.FromSlash(name)))
	return string(b), err == nil
}

// fixedCaseContext reads the case's build context again with the files the
// fixes changed: the whole context for a txtar one, the ignore file for one
// on disk (whose listing stays as on disk: a created .dockerignore is not
// among its entries, as for --fix --diff).
func fixedCaseContext(t *testing.T, file string, cx *ctxscan.Context, changed map[string]string) *ctxscan.Context {
	t.Helper()
	base := strings.TrimSuffix(file, ".Dockerfile")
	if cx.Dir == "" {
		files, _ := readTxtar(base + ".context.txtar")
		maps.Copy(files, changed)
		nc, err := ctxscan.FromFiles(files, "Dockerfile")
		if err != nil {
			t.Fatalf("%s: the fixed context: %v", file, err)
		}
		return nc
	}
	per := caseFileName(t, cx, file+".dockerignore")
	name, src, ok := per, changed[per], false
	if _, ok = changed[per]; !ok {
		if _, err := os.Stat(file + ".dockerignore"); err == nil {
			return cx // the ignore file in force is unchanged
		}
		name = ".dockerignore"
		src, ok = changed[name]
	}
	if !ok {
		return cx
	}
	ign, err := ctxscan.ParseIgnore(name, []byte(src))
	if err != nil {
		t.Fatalf("%s: the fixed %s: %v", file, name, err)
	}
	ign.PerDockerfile = name == per
	nc, err := ctxscan.Open(base+".context", ctxscan.Options{Dockerfile: file, Ignore: ign})
	if err != nil {
		t.Fatalf("%s.context: %v", base, err)
	}
	nc.Shadowed = cx.Shadowed
	return nc
}
