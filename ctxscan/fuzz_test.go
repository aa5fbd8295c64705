package ctxscan

import (
	"errors"
	"math/rand"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/moby/patternmatcher"
	"github.com/moby/patternmatcher/ignorefile"
)

// randomTree builds an in-memory tree from seed with names that collide with
// pattern atoms.
func randomTree(seed int64) fstest.MapFS {
	r := rand.New(rand.NewSource(seed))
	names := []string{"a", "b", "foo", "x.go", "README.md", "node_modules", ".git", "src", "logs", "x.log", "keep.txt", "[x]", "1", "d"}
	m := fstest.MapFS{}
	var mk func(dir string, depth int)
	mk = func(dir string, depth int) {
		for n := r.Intn(5); n >= 0; n-- {
			p := names[r.Intn(len(names))]
			if dir != "" {
				p = dir + "/" + p
			}
			if _, dup := m[p]; dup {
				continue
			}
			if depth < 3 && r.Intn(3) == 0 {
				m[p] = &fstest.MapFile{Mode: 0o755 | 1<<31}
				mk(p, depth+1)
			} else {
				m[p] = &fstest.MapFile{Data: []byte("x")}
			}
		}
	}
	mk("", 0)
	return m
}

// FuzzParseIgnore: ParseIgnore keeps exactly the patterns
// ignorefile.ReadAll keeps, rejects exactly what patternmatcher.New rejects,
// and every line it keeps points at its text.
func FuzzParseIgnore(f *testing.F) {
	for _, s := range []string{"node_modules\n", "\ufeff# c\r\n  x \n!y\n", "!\n", "[\n", "a\\", "/\n.\n../x\n", "*.go\n!**/keep.go\n"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		want, rerr := ignorefile.ReadAll(strings.NewReader(src))
		ign, err := ParseIgnore("f", []byte(src))
		if rerr != nil {
			if err == nil {
				t.Fatalf("ReadAll fails (%v), ParseIgnore does not", rerr)
			}
			return
		}
		_, nerr := patternmatcher.New(want)
		if (nerr != nil) != (err != nil) {
			t.Fatalf("New: %v, ParseIgnore: %v", nerr, err)
		}
		if err != nil {
			var le *LineError
			if !errors.As(err, &le) || le.Line < 1 {
				t.Fatalf("error without a line: %v", err)
			}
			return
		}
		if got := ign.Patterns(); !reflect.DeepEqual(got, want) && len(got)+len(want) > 0 {
			t.Fatalf("patterns %q, ReadAll %q", got, want)
		}
		for _, l := range ign.Lines {
			if l.Start < 0 || l.End > len(src) || l.Start > l.End || strings.Contains(l.Raw(ign), "\n") {
				t.Fatalf("line %d: bad span [%d,%d)", l.Line, l.Start, l.End)
			}
		}
	})
}

// FuzzPruning: for any ignore file, ctxscan's own pruning and settled
// directories change nothing, every entry's parent is an entry, and without
// "!" lines the walk agrees with per-path matching.
func FuzzPruning(f *testing.F) {
	f.Add(int64(1), "node_modules\n!node_modules/keep.txt\n")
	f.Add(int64(2), "**/*.log\n!logs\n")
	f.Add(int64(3), "*\n!src\n")
	f.Add(int64(4), "src/a\n.git\n")
	f.Fuzz(func(t *testing.T, seed int64, src string) {
		if len(src) > 2048 {
			return
		}
		ign, err := ParseIgnore("f", []byte(src))
		if err != nil {
			return
		}
		fsys := randomTree(seed)
		a, errA := Scan(fsys, ign, Options{})
		b, errB := Scan(fsys, ign, Options{NoLiteralPrune: true})
		if (errA == nil) != (errB == nil) {
			t.Fatalf("pruned: %v, unpruned: %v", errA, errB)
		}
		if errA != nil {
			return
		}
		if listing(a.Entries) != listing(b.Entries) {
			t.Fatalf("pruning changed the result:\n%s\n%s", listing(a.Entries), listing(b.Entries))
		}
		for _, e := range a.Entries {
			if i := strings.LastIndexByte(e.Path, '/'); i >= 0 && !a.Has(e.Path[:i]) {
				t.Fatalf("%s is sent without its parent", e.Path)
			}
		}
		if ign.HasExceptions() || len(ign.Lines) == 0 {
			return
		}
		pm, _ := patternmatcher.New(ign.Patterns())
		for p := range fsys {
			excluded, err := pm.MatchesOrParentMatches(p)
			if err != nil {
				return
			}
			if excluded == a.Has(p) {
				t.Fatalf("%s: per-path excluded=%v, walk sends it=%v", p, excluded, a.Has(p))
			}
		}
	})
}
