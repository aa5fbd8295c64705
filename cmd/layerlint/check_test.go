package main

import (
	"encoding/json"
	"fmt"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/layerlint/layerlint/dockerfile"
	"github.com/layerlint/layerlint/rules"
)

// writeFiles creates files (slash path → content) under dir.
func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestExitCodes checks the exit code for every --fail-level against an
// error-severity finding (ParseError, the one rule selected) moved to each
// severity.
func TestExitCodes(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"Dockerfile": "FROM alpine:3.20\nFORM busybox\n", "clean/Dockerfile": "FROM alpine:3.20\n"})
	bad := filepath.Join(dir, "Dockerfile")
	clean := filepath.Join(dir, "clean", "Dockerfile")
	levels := []string{"error", "warning", "info", "hint"}
	for _, sev := range levels {
		for fi, failAt := range append(levels, "none") {
			// The finding fails when its level is at or above the fail level.
			want := exitOK
			if failAt != "none" && indexOf(levels, sev) <= fi {
				want = exitFindings
			}
			args := []string{"check", "--select", "ParseError", "--severity", "ParseError=" + sev, "--fail-level", failAt, bad}
			code, _, stderr := runInProcess("", args...)
			if code != want {
				t.Errorf("%s finding, --fail-level %s: exit %d, want %d (stderr %q)", sev, failAt, code, want, stderr)
			}
		}
	}
	if code, _, _ := runInProcess("", "check", "--select", "ParseError", "--fail-level", "hint", clean); code != exitOK {
		t.Errorf("clean file: exit %d, want 0", code)
	}
	if code, _, _ := runInProcess("", "check", "--select", "ParseError", "--severity", "ParseError=off", "--fail-level", "hint", bad); code != exitOK {
		t.Errorf("rule turned off by --severity: exit %d, want 0", code)
	}
	// The default fail level is warning.
	if code, _, _ := runInProcess("", "check", "--select", "ParseError", "--severity", "ParseError=warning", bad); code != exitFindings {
		t.Errorf("default fail level with a warning: exit %d, want 1", code)
	}
	if code, _, _ := runInProcess("", "check", "--select", "ParseError", "--severity", "ParseError=info", bad); code != exitOK {
		t.Errorf("default fail level with an info: exit %d, want 0", code)
	}
	// An I/O error wins over findings.
	if code, _, _ := runInProcess("", "check", "--select", "ParseError", bad, filepath.Join(dir, "missing")); code != exitError {
		t.Errorf("finding plus missing file: exit %d, want 2", code)
	}
}

func indexOf(xs []string, x string) int {
	for i, s := range xs {
		if s == x {
			return i
		}
	}
	return -1
}

// TestDeterministicOrder lints many files, each with findings on several
// lines (parse errors; only ParseError runs), with different worker counts;
// the report must be sorted by path and then position, and identical every
// time. So must the build context lines above the summary: as many as the
// cap allows, each directory being a context of its own.
func TestDeterministicOrder(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	rng := rand.New(rand.NewSource(1))
	files := map[string]string{}
	var want []string
	for i := range 150 {
		name := fmt.Sprintf("svc%03d/%s", rng.Intn(1000), []string{"Dockerfile", "Dockerfile.dev", "x.Dockerfile"}[i%3])
		if _, dup := files[name]; dup {
			continue
		}
		files[name] = "FORM a\nFROM alpine:3.20\nFORM b\n"
		want = append(want, name+":1:1:", name+":3:1:")
	}
	writeFiles(t, dir, files)
	sortLines := func(ls []string) {
		// paths first, then line: the order the report promises
		for i := 1; i < len(ls); i++ {
			for j := i; j > 0 && less(ls[j], ls[j-1]); j-- {
				ls[j], ls[j-1] = ls[j-1], ls[j]
			}
		}
	}
	sortLines(want)

	var first, firstErr string
	for _, procs := range []int{1, 3, runtime.NumCPU() * 2} {
		old := runtime.GOMAXPROCS(procs)
		code, stdout, stderr := runInProcess("", "check", "--select", "ParseError", ".")
		runtime.GOMAXPROCS(old)
		if code != exitFindings {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		errLines := strings.Split(strings.TrimSuffix(stderr, "\n"), "\n")
		if wantSum := fmt.Sprintf("%d problems (%d errors) in %d files", len(want), len(want), len(files)); errLines[len(errLines)-1] != wantSum {
			t.Errorf("summary %q, want %q", errLines[len(errLines)-1], wantSum)
		}
		if ctx := errLines[:len(errLines)-1]; len(ctx) != maxContextLines+1 || !strings.HasPrefix(ctx[0], "build context: svc") || !strings.HasPrefix(ctx[maxContextLines], "and ") {
			t.Errorf("want %d build context lines and how many more above the summary, got:\n%s", maxContextLines, stderr)
		}
		if firstErr == "" {
			firstErr = stderr
		} else if stderr != firstErr {
			t.Errorf("GOMAXPROCS=%d: stderr differs from the first run:\n%s\nfirst:\n%s", procs, stderr, firstErr)
		}
		lines := strings.Split(strings.TrimSuffix(stdout, "\n"), "\n")
		if len(lines) != len(want) {
			t.Fatalf("%d lines, want %d", len(lines), len(want))
		}
		for i, l := range lines {
			if !strings.HasPrefix(l, want[i]) {
				t.Fatalf("GOMAXPROCS=%d line %d = %q, want prefix %q", procs, i, l, want[i])
			}
		}
		if first == "" {
			first = stdout
		} else if stdout != first {
			t.Errorf("GOMAXPROCS=%d: report differs from the first run", procs)
		}
	}
}

// less orders "path:line:col:" prefixes by path, then line.
func less(a, b string) bool {
	pa, la := splitLoc(a)
	pb, lb := splitLoc(b)
	if pa != pb {
		return pa < pb
	}
	return la < lb
}

func splitLoc(s string) (string, string) {
	parts := strings.SplitN(s, ":", 3)
	return parts[0], parts[1]
}

func TestIsDockerfileName(t *testing.T) {
	for name, want := range map[string]bool{
		"Dockerfile":                        true,
		"Dockerfile.dev":                    true,
		"Dockerfile.prod.arm64":             true,
		"api.Dockerfile":                    true,
		"api.dockerfile":                    true,
		"Containerfile":                     true,
		"Containerfile.ci":                  true,
		"Containerfilex":                    true,
		"app.Containerfile":                 true,
		"Dockerfile.dockerignore":           false,
		"api.Dockerfile.dockerignore":       false,
		"Containerfile.containerignore":     false,
		".Dockerfile":                       false,
		".dockerfile":                       false,
		"dockerfile":                        false,
		"Dockerfiles":                       false,
		"README.md":                         false,
		"docker-compose.yml":                false,
		"Dockerfile_old":                    false,
		"app.Containerfile.containerignore": false,
	} {
		if got := isDockerfileName(name); got != want {
			t.Errorf("isDockerfileName(%q) = %v, want %v", name, got, want)
		}
	}
}

func TestGlob(t *testing.T) {
	for _, c := range []struct {
		pattern string
		match   []string
		miss    []string
	}{
		{"Dockerfile", []string{"Dockerfile"}, []string{"a/Dockerfile", "Dockerfile.dev"}},
		{"*", []string{"Dockerfile", "a.b"}, []string{"a/Dockerfile"}},
		{"**", []string{"Dockerfile", "a/b/c"}, nil},
		{"**/Dockerfile", []string{"Dockerfile", "a/Dockerfile", "a/b/Dockerfile"}, []string{"a/Dockerfile.dev"}},
		{"a/**", []string{"a", "a/b", "a/b/c"}, []string{"b/a", "ab/c"}},
		{"a/**/Dockerfile", []string{"a/Dockerfile", "a/x/y/Dockerfile"}, []string{"b/a/Dockerfile"}},
		{"**/legacy/**", []string{"legacy/Dockerfile", "x/legacy/y/Dockerfile"}, []string{"legacy2/Dockerfile"}},
		{"svc?/*.Dockerfile", []string{"svc1/api.Dockerfile"}, []string{"svc12/api.Dockerfile", "svc/api.Dockerfile"}},
		{"[ab]*/Dockerfile", []string{"api/Dockerfile", "b/Dockerfile"}, []string{"c/Dockerfile"}},
		{"[!ab]*/Dockerfile", []string{"c/Dockerfile"}, []string{"api/Dockerfile"}},
		{"[^ab]*/Dockerfile", []string{"c/Dockerfile"}, []string{"b/Dockerfile"}},
		{"{api,web}/Dockerfile", []string{"api/Dockerfile", "web/Dockerfile"}, []string{"jobs/Dockerfile"}},
		{"{a,b{c,d}}/x", []string{"a/x", "bc/x", "bd/x"}, []string{"b/x"}},
		{"{a/b,c}/x", []string{"a/b/x", "c/x"}, []string{"a/x"}},
		{"x/{,y/}z", []string{"x/z", "x/y/z"}, nil},
		{"./a/*", []string{"a/b"}, nil},
		{`\*`, []string{"*"}, []string{"a"}},
		{"a**b/c", []string{"ab/c", "axxb/c"}, []string{"a/b/c"}},
	} {
		g, err := compileGlob(c.pattern)
		if err != nil {
			t.Errorf("compileGlob(%q): %v", c.pattern, err)
			continue
		}
		for _, m := range c.match {
			if !g.match(m) {
				t.Errorf("%q should match %q", c.pattern, m)
			}
		}
		for _, m := range c.miss {
			if g.match(m) {
				t.Errorf("%q should not match %q", c.pattern, m)
			}
		}
	}
	for _, bad := range []string{"[abc", "a/{b", "a}", `x\`, "[]"} {
		if _, err := compileGlob(bad); err == nil {
			t.Errorf("compileGlob(%q) accepted a bad pattern", bad)
		}
	}
}

// TestExcerptColour checks the terminal output: colour codes by default,
// none with --no-color.
func TestExcerptColour(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"Dockerfile": "FROM alpine:3.20\n\tFORM x\n"})
	defer setTerminal(true)()
	t.Setenv("NO_COLOR", "")
	p := filepath.Join(dir, "Dockerfile")
	_, stdout, _ := runInProcess("", "check", "--select", "ParseError", p)
	if !strings.Contains(stdout, "\x1b[1;31merror\x1b[0m") || !strings.Contains(stdout, "\x1b[1;31m^^^^^^\x1b[0m") {
		t.Errorf("no coloured severity and carets in %q", stdout)
	}
	_, stdout, _ = runInProcess("", "check", "--select", "ParseError", "--no-color", p)
	// The range starts after the indentation; the caret line repeats the tab.
	want := p + ":2:2: error ParseError unknown instruction: FORM (did you mean FROM?)\n" +
		" 2 | \tFORM x\n" +
		"   | \t^^^^^^\n"
	if stdout != want {
		t.Errorf("--no-color:\n%q\nwant\n%q", stdout, want)
	}
	// Not a terminal: no excerpt, no colour.
	setTerminal(false)
	_, stdout, _ = runInProcess("", "check", "--select", "ParseError", p)
	if strings.Contains(stdout, "\x1b") || strings.Contains(stdout, "^") {
		t.Errorf("decorated output to a non-terminal: %q", stdout)
	}
}

// TestCodePointColumns uses a rule that reports a token in the middle of a
// line after non-ASCII text: the column must count code points, in both the
// text and the JSON output.
func TestCodePointColumns(t *testing.T) {
	if _, ok := rules.Lookup("CopyBeforeDependencyInstall"); !ok {
		t.Skip("CopyBeforeDependencyInstall is not registered yet")
	}
	src := "FROM node:20\n" +
		"WORKDIR /app\n" +
		"COPY --chown=nöde:grüp . .\n" + // the source "." is byte 26, code point 24
		"RUN npm ci\n"
	f := dockerfile.Parse("Dockerfile", []byte(src))
	var d *rules.Diagnostic
	for _, x := range rules.Lint(f, nil) {
		if x.Rule == "CopyBeforeDependencyInstall" {
			d = &x
		}
	}
	if d == nil {
		t.Skip("CopyBeforeDependencyInstall does not report this case")
	}
	wantCol := strings.Count(src[f.LineStart(3):d.Range.Start], "") // code points before, plus one
	if byteCol := f.Position(d.Range.Start).Column; byteCol == wantCol {
		t.Fatalf("test case has no multi-byte text before the finding")
	}
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"Dockerfile": src})
	p := filepath.Join(dir, "Dockerfile")
	_, stdout, _ := runInProcess("", "check", p)
	if want := fmt.Sprintf("%s:3:%d: warning CopyBeforeDependencyInstall ", p, wantCol); !strings.Contains(stdout, want) {
		t.Errorf("text output %q lacks %q", stdout, want)
	}
	_, stdout, _ = runInProcess("", "check", "--format", "json", p)
	var rep jsonReport
	if err := json.Unmarshal([]byte(stdout), &rep); err != nil {
		t.Fatal(err)
	}
	for _, jd := range rep.Diagnostics {
		if jd.Rule != "CopyBeforeDependencyInstall" {
			continue
		}
		if jd.Range.Start != (jsonPosition{3, wantCol}) {
			t.Errorf("JSON start %+v, want line 3 column %d", jd.Range.Start, wantCol)
		}
		if len(jd.Related) == 0 || jd.Related[0].Range.Start.Line != 4 {
			t.Errorf("JSON related %+v, want the install on line 4", jd.Related)
		}
	}
}

func TestSafeEdits(t *testing.T) {
	r := func(s, e int) dockerfile.Range { return dockerfile.Range{Start: s, End: e} }
	fix := func(safe bool, edits ...rules.Edit) rules.Fix { return rules.Fix{Title: "t", Safe: safe, Edits: edits} }
	diags := []rules.Diagnostic{
		{Fixes: []rules.Fix{fix(false, rules.Edit{Range: r(0, 1)}), fix(true, rules.Edit{Range: r(2, 3), NewText: "x"})}},
		// overlaps the first diagnostic's safe fix: waits for the next round
		{Fixes: []rules.Fix{fix(true, rules.Edit{Range: r(2, 4)})}},
		// two edits, one of them overlapping: the fix is not taken half-way
		{Fixes: []rules.Fix{fix(true, rules.Edit{Range: r(5, 6)}, rules.Edit{Range: r(3, 4)}, rules.Edit{Range: r(2, 3)})}},
		{Fixes: []rules.Fix{fix(true, rules.Edit{Range: r(7, 7), NewText: "a"})}},
		// a second insertion at the same offset would be ambiguous
		{Fixes: []rules.Fix{fix(true, rules.Edit{Range: r(7, 7), NewText: "b"})}},
		// out of range
		{Fixes: []rules.Fix{fix(true, rules.Edit{Range: r(9, 99)})}},
		// unsafe only
		{Fixes: []rules.Fix{fix(false, rules.Edit{Range: r(8, 9)})}},
	}
	edits, n := safeEdits(diags, 10)
	if n != 2 || len(edits) != 2 || edits[0].Range != r(2, 3) || edits[1].Range != r(7, 7) {
		t.Errorf("safeEdits = %+v, %d; want the edits at 2-3 and 7", edits, n)
	}
}

// TestSymlinkedDirArgument walks a directory named through a symbolic link;
// links met during the walk are followed only to files.
func TestSymlinkedDirArgument(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("symbolic links need privileges on Windows")
	}
	dir := t.TempDir()
	t.Chdir(dir)
	writeFiles(t, dir, map[string]string{"real/Dockerfile": "FORM a\n", "other/Dockerfile": "FORM b\n"})
	if err := os.Symlink("real", "link"); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("../other", "real/sub"); err != nil { // a directory link inside: not entered
		t.Fatal(err)
	}
	if err := os.Symlink("../other/Dockerfile", "real/app.Dockerfile"); err != nil { // a file link: linted
		t.Fatal(err)
	}
	_, stdout, stderr := runInProcess("", "check", "--select", "ParseError", "link")
	want := "link/Dockerfile:1:1: error ParseError unknown instruction: FORM (did you mean FROM?)\n" +
		"link/app.Dockerfile:1:1: error ParseError unknown instruction: FORM (did you mean FROM?)\n"
	if stdout != want {
		t.Errorf("stdout:\n%s\nwant:\n%s\nstderr: %s", stdout, want, stderr)
	}
}

// TestShellCheckRule runs the ShellCheck rule through check with the
// shellcheck found on PATH: the unquoted $VERSION of the script is SC2086.
// The script "cd /opt && curl ... app-$VERSION.tgz" puts $ at column 48 of
// the script and 52 of the Dockerfile, after "RUN "; $VERSION is 8 code
// points long.
func TestShellCheckRule(t *testing.T) {
	if _, err := exec.LookPath("shellcheck"); err != nil {
		t.Skip("no shellcheck on PATH")
	}
	dir := t.TempDir()
	src := "FROM debian:bookworm\nARG VERSION=1.2\nRUN cd /opt && curl -fsSLO https://example.com/app-$VERSION.tgz\n"
	writeFiles(t, dir, map[string]string{"Dockerfile": src})
	p := filepath.Join(dir, "Dockerfile")
	code, stdout, stderr := runInProcess("", "check", "--select", "ShellCheck", "--format", "json", p)
	var rep jsonReport
	if err := json.Unmarshal([]byte(stdout), &rep); err != nil {
		t.Fatalf("exit %d, %v\n%s%s", code, err, stdout, stderr)
	}
	found := false
	for _, d := range rep.Diagnostics {
		if d.Rule != "ShellCheck" {
			t.Errorf("a rule that is not selected reported: %+v", d)
		}
		if d.Alias == "SC2086" && d.Range.Start == (jsonPosition{3, 52}) && d.Range.End == (jsonPosition{3, 60}) && d.Severity == "info" {
			found = true
		}
	}
	if !found {
		t.Errorf("no SC2086 finding at 3:52-3:60 in\n%s", stdout)
	}
	if code != exitOK {
		t.Errorf("exit %d for an info finding, want 0", code)
	}
	// --verbose names the program, and says nothing of it when the rule
	// does not run.
	_, _, stderr = runInProcess("", "check", "--select", "ShellCheck", "--verbose", p)
	if !strings.Contains(stderr, "layerlint: the ShellCheck rule runs ") {
		t.Errorf("--verbose: %q", stderr)
	}
	_, _, stderr = runInProcess("", "check", "--select", "ParseError", "--verbose", p)
	// (the temporary directory's name contains "ShellCheck": look for the messages)
	if strings.Contains(stderr, "ShellCheck rule") || strings.Contains(stderr, "shellcheck not found") {
		t.Errorf("--verbose mentions shellcheck, which no rule runs: %q", stderr)
	}
	// hadolint's ignored SC codes become the rule's exclude option
	writeFiles(t, dir, map[string]string{".hadolint.yaml": "ignored: [SC2086]\n"})
	code, stdout, stderr = runInProcess("", "check", "--select", "ShellCheck", p)
	if strings.Contains(stdout, "SC2086") || code != exitOK {
		t.Errorf("SC2086 ignored by .hadolint.yaml: exit %d\n%s%s", code, stdout, stderr)
	}
}

// TestDisplayPath checks how build context paths are shown: relative to the
// working directory, climbing at most maxClimb directories, else absolute;
// a directory with its symbolic links resolved is shown relative to the
// working directory reached through a link.
func TestDisplayPath(t *testing.T) {
	root, err := filepath.EvalSymlinks(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	wd := filepath.Join(root, "a", "b", "c")
	if err := os.MkdirAll(wd, 0o755); err != nil {
		t.Fatal(err)
	}
	t.Chdir(wd)
	for p, want := range map[string]string{
		wd:                              ".",
		filepath.Join(wd, "x", "y"):     "x/y",
		filepath.Join(root, "a", "b"):   "..",
		filepath.Join(root, "a", "d"):   "../../d",
		root:                            root,
		filepath.Join(root, "e"):        filepath.Join(root, "e"),
		"x/../y":                        "y",
		"../..":                         "../..",
		filepath.Join("..", "..", ".."): root,
	} {
		if got := displayPath(p); got != want {
			t.Errorf("displayPath(%q) = %q, want %q", p, got, want)
		}
	}
	if runtime.GOOS == "windows" {
		return
	}
	if err := os.Symlink(wd, filepath.Join(root, "link")); err != nil {
		t.Fatal(err)
	}
	t.Chdir(filepath.Join(root, "link"))
	if got := displayPath(filepath.Join(wd, "x")); got != "x" {
		t.Errorf("through a link: displayPath = %q, want x", got)
	}
	if got := displayPath("x"); got != "x" {
		t.Errorf("through a link: displayPath(x) = %q, want x", got)
	}
}

// TestInferredWhy checks how the reasons of ctxscan.InferDir are put in the
// report's words: a compose file named by absolute path is shown relative,
// notes about files left out stay in the long form, and the short form
// says only where the context came from.
func TestInferredWhy(t *testing.T) {
	dir, err := filepath.EvalSymlinks(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
	for _, c := range []struct {
		reason      string
		ownDir      bool
		long, short string
	}{
		{"", true, "Dockerfile's directory", ""},
		{`service "web" of ` + filepath.Join(dir, "compose.yaml") + " builds it with context web/..", false,
			`service "web" of compose.yaml`, "from compose.yaml"},
		{`service "web" of compose.yaml builds it with context .; docker-bake.hcl:3: unexpected token; the file is ignored`, false,
			`service "web" of compose.yaml; docker-bake.hcl:3: unexpected token; the file is ignored`, "from compose.yaml"},
		{`target "api" of docker-bake.hcl and docker-bake.override.hcl builds it with context api`, false,
			`target "api" of docker-bake.hcl and docker-bake.override.hcl`, "from docker-bake.hcl and docker-bake.override.hcl"},
		{"the COPY/ADD sources resolve in ., not in the Dockerfile's directory", false,
			"the COPY/ADD sources resolve there, not in the Dockerfile's directory", "where the COPY sources resolve"},
		{"compose.yaml:2: mapping expected; the file is ignored", true,
			"Dockerfile's directory; compose.yaml:2: mapping expected; the file is ignored", ""},
		{"a reason of another kind", false, "a reason of another kind", "a reason of another kind"},
	} {
		got := inferredWhy(c.reason, c.ownDir)
		if got.long != c.long || got.short != c.short {
			t.Errorf("inferredWhy(%q) =\n  %q, %q\nwant\n  %q, %q", c.reason, got.long, got.short, c.long, c.short)
		}
	}
}
