package cache

import (
	"fmt"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/layerlint/layerlint/ctxscan"
	"github.com/layerlint/layerlint/dockerfile"
)

// A fixture is a directory of testdata/cache: context/ is the build context
// (with its Dockerfile) and cases.txt the hand-computed expectations, one
// block per case:
//
//	case NAME
//	changed PATH...          files edited, added or removed (Predict)
//	changed-arg NAME[=VALUE] a build argument with a new value (Predict)
//	build-arg NAME=VALUE     a build argument of the build
//	target STAGE             the stage to build
//	touch PATH               new modification time, same content
//	rewrite PATH             the same bytes written again
//	append PATH TEXT         a line added
//	chmod MODE PATH          new permission bits (octal)
//	remove PATH              the file deleted
//	want STAGE cached        the stage is entirely cached
//	want STAGE L: L COST, …  the first miss at line L and every step that
//	                         reruns, with its cost
//	score E A fixes N        Score().Expensive is E, after Fixed() it is A,
//	                         with N fixes
//
// A case with touch/rewrite/append/chmod/remove edits a copy of the context
// and compares the fingerprints (real contents) before and after; otherwise
// it runs Predict. Every stage of the build must have a want line. '#'
// lines say why each step does or does not rerun.
type fixtureCase struct {
	name      string
	line      int
	changed   []string
	args      []ArgChange
	buildArgs map[string]string
	target    string
	edits     [][]string // touch, rewrite, append, chmod, remove
	want      []string
	score     []string
}

func readCases(t *testing.T, file string) []*fixtureCase {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	var cases []*fixtureCase
	var cur *fixtureCase
	for i, line := range strings.Split(string(data), "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		verb, rest, _ := strings.Cut(line, " ")
		if verb == "case" {
			cur = &fixtureCase{name: rest, line: i + 1, buildArgs: map[string]string{}}
			cases = append(cases, cur)
			continue
		}
		if cur == nil {
			t.Fatalf("%s:%d: %q before the first case", file, i+1, line)
		}
		switch verb {
		case "changed":
			cur.changed = append(cur.changed, strings.Fields(rest)...)
		case "changed-arg":
			name, value, set, err := ParseBuildArg(rest, nil)
			if err != nil {
				t.Fatalf("%s:%d: %v", file, i+1, err)
			}
			cur.args = append(cur.args, ArgChange{Name: name, Value: value, Unknown: !set})
		case "build-arg":
			name, value, _, err := ParseBuildArg(rest, nil)
			if err != nil {
				t.Fatalf("%s:%d: %v", file, i+1, err)
			}
			cur.buildArgs[name] = value
		case "target":
			cur.target = rest
		case "touch", "rewrite", "remove":
			cur.edits = append(cur.edits, []string{verb, rest})
		case "append":
			p, text, _ := strings.Cut(rest, " ")
			cur.edits = append(cur.edits, []string{verb, p, text})
		case "chmod":
			mode, p, _ := strings.Cut(rest, " ")
			cur.edits = append(cur.edits, []string{verb, p, mode})
		case "want":
			cur.want = append(cur.want, rest)
		case "score":
			cur.score = strings.Fields(rest)
		default:
			t.Fatalf("%s:%d: unknown directive %q", file, i+1, verb)
		}
	}
	return cases
}

func TestFixtures(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("..", "testdata", "cache", "*", "cases.txt"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no fixtures: %v", err)
	}
	for _, file := range files {
		fixture := filepath.Dir(file)
		t.Run(filepath.Base(fixture), func(t *testing.T) {
			for _, c := range readCases(t, file) {
				t.Run(strings.ReplaceAll(c.name, " ", "_"), func(t *testing.T) {
					runCase(t, filepath.Join(fixture, "context"), c, fmt.Sprintf("%s:%d", file, c.line))
				})
			}
		})
	}
}

func runCase(t *testing.T, src string, c *fixtureCase, where string) {
	dir := t.TempDir()
	copyTree(t, src, dir)
	open := func() *Plan {
		t.Helper()
		df := filepath.Join(dir, "Dockerfile")
		data, err := os.ReadFile(df)
		if err != nil {
			t.Fatal(err)
		}
		cx, err := ctxscan.Open(dir, ctxscan.Options{Dockerfile: df})
		if err != nil {
			t.Fatal(err)
		}
		p, err := New(dockerfile.Parse(df, data), cx, Options{Target: c.target, BuildArgs: c.buildArgs})
		if err != nil {
			t.Fatal(err)
		}
		return p
	}
	p := open()
	if c.score != nil {
		checkScore(t, p, c.score, where)
		return
	}
	var res *Result
	if len(c.edits) > 0 {
		before, err := p.Fingerprint()
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range c.edits {
			edit(t, dir, e)
		}
		after, err := open().Fingerprint()
		if err != nil {
			t.Fatal(err)
		}
		res = Compare(before, after)
	} else {
		res, err := p.Predict(Change{Files: c.changed, Args: c.args})
		if err != nil {
			t.Fatal(err)
		}
		checkWant(t, res, c.want, where)
		return
	}
	checkWant(t, res, c.want, where)
}

// render writes a result in the notation of want lines.
func render(res *Result) []string {
	var out []string
	for _, s := range res.Stages {
		if s.First == nil {
			out = append(out, s.Stage.Name+" cached")
			continue
		}
		var steps []string
		for _, st := range s.Rebuilds {
			steps = append(steps, fmt.Sprintf("%d %s", st.Line, st.Cost))
		}
		out = append(out, fmt.Sprintf("%s %d: %s", s.Stage.Name, s.First.Line, strings.Join(steps, ", ")))
	}
	return out
}

func checkWant(t *testing.T, res *Result, want []string, where string) {
	t.Helper()
	got := render(res)
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("%s:\ngot\n\t%s\nwant\n\t%s", where, strings.Join(got, "\n\t"), strings.Join(want, "\n\t"))
		for _, s := range res.Stages {
			if s.First != nil {
				t.Logf("%s: first miss at line %d: %s", s.Stage.Name, s.First.Line, s.Cause)
			}
		}
	}
}

func checkScore(t *testing.T, p *Plan, want []string, where string) {
	t.Helper()
	if len(want) != 4 || want[2] != "fixes" {
		t.Fatalf("%s: want 'score E A fixes N', got %q", where, want)
	}
	e, _ := strconv.ParseFloat(want[0], 64)
	a, _ := strconv.ParseFloat(want[1], 64)
	n, _ := strconv.Atoi(want[3])
	sc := p.Score()
	q, fixes := p.Fixed()
	after := q.Score()
	if math.Abs(sc.Expensive-e) > 0.0005 || math.Abs(after.Expensive-a) > 0.0005 || len(fixes) != n {
		t.Errorf("%s: score %.4f, after fixes %.4f with %d fixes; want %.4f, %.4f, %d", where, sc.Expensive, after.Expensive, len(fixes), e, a, n)
		for _, g := range sc.Groups {
			t.Logf("  %d files like %s: %d expensive", g.Files, g.Example, g.Expensive)
		}
		for _, g := range after.Groups {
			t.Logf("  after: %d files like %s: %d expensive", g.Files, g.Example, g.Expensive)
		}
		for _, f := range fixes {
			t.Logf("  fix: line %d %s", f.Line, f.Message)
		}
	}
}

func edit(t *testing.T, dir string, e []string) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(e[1]))
	var err error
	switch e[0] {
	case "touch":
		later := time.Now().Add(time.Hour)
		err = os.Chtimes(p, later, later)
	case "rewrite":
		var data []byte
		if data, err = os.ReadFile(p); err == nil {
			time.Sleep(10 * time.Millisecond)
			err = os.WriteFile(p, data, 0o644)
		}
	case "append":
		var f *os.File
		if f, err = os.OpenFile(p, os.O_APPEND|os.O_WRONLY, 0); err == nil {
			_, err = f.WriteString(e[2] + "\n")
			f.Close()
		}
	case "chmod":
		var mode uint64
		if mode, err = strconv.ParseUint(e[2], 8, 32); err == nil {
			err = os.Chmod(p, fs.FileMode(mode))
		}
	case "remove":
		err = os.Remove(p)
	}
	if err != nil {
		t.Fatal(err)
	}
}

// copyTree copies the regular files and directories of src into dst with
// mode 0644 for files (git does not keep other bits).
func copyTree(t *testing.T, src, dst string) {
	t.Helper()
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(target, data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}
