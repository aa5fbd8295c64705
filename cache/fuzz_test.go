package cache

import (
	"fmt"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/layerlint/layerlint/ctxscan"
)

// FuzzParseBuildArg checks --build-arg parsing: a value splits at the first
// '=', the name is never empty nor holds white space, and a NAME without '='
// takes the environment's value exactly when lookup has one.
func FuzzParseBuildArg(f *testing.F) {
	for _, s := range []string{"A=1", "A=", "A", "=x", "A=b=c", "A B=1", "HTTP_PROXY", " A=1", "A\t=1", "Ä=ü", ""} {
		f.Add(s, "from-env")
	}
	f.Fuzz(func(t *testing.T, s, envValue string) {
		lookup := func(name string) (string, bool) {
			if name == "HTTP_PROXY" || strings.HasPrefix(name, "E") {
				return envValue, true
			}
			return "", false
		}
		name, value, set, err := ParseBuildArg(s, lookup)
		if err != nil {
			if name != "" || value != "" || set {
				t.Fatalf("%q: error %v with results %q %q %v", s, err, name, value, set)
			}
			before, _, _ := strings.Cut(s, "=")
			if before != "" && !strings.ContainsAny(before, " \t\n\v\f\r\u0085\u00a0") && !hasUnicodeSpace(before) {
				t.Fatalf("%q: rejected a plain name: %v", s, err)
			}
			return
		}
		if name == "" || hasUnicodeSpace(name) {
			t.Fatalf("%q: bad name %q", s, name)
		}
		if n, v, ok := strings.Cut(s, "="); ok {
			if n != name || v != value || !set {
				t.Fatalf("%q: got %q=%q set=%v", s, name, value, set)
			}
			return
		}
		want, found := lookup(s)
		if name != s || set != found || value != want {
			t.Fatalf("%q: got %q=%q set=%v, want the environment's %q (%v)", s, name, value, set, want, found)
		}
		// the same without an environment: never set
		if _, _, set, _ := ParseBuildArg(s, nil); set {
			t.Fatalf("%q: set without an environment", s)
		}
	})
}

func hasUnicodeSpace(s string) bool {
	for _, r := range s {
		if strings.ContainsRune(" \t\n\v\f\r\u0085\u00a0\u1680\u2028\u2029\u202f\u205f\u3000", r) || (r >= '\u2000' && r <= '\u200a') {
			return true
		}
	}
	return false
}

// fuzzTree is the context FuzzCovers resolves sources against.
var fuzzTree = []string{
	"a.txt", "b.go", "package.json", "src/main.go", "src/lib/util.go", "src/lib/util_test.go",
	"src/web/app.ts", "src/web/app.css", "web/index.html", "web/src/App.tsx", "conf/app.yaml",
	"conf/log.yaml", "conf/README", "src.txt", "src-old/x.go", "d/e/f/g.txt", "x*y/z.txt", "[a]/b",
}

// FuzzCovers checks covers, the matcher that decides whether a source
// would bring a path that is not in the context, against ctxscan.Resolve
// for every file that is: they must agree, --exclude included.
func FuzzCovers(f *testing.F) {
	for _, s := range [][2]string{
		{".", ""}, {"src", ""}, {"src/", "**/*_test.go"}, {"src/*", ""}, {"src/*/app.*", ""}, {"*.json", ""},
		{"conf/*.yaml", ""}, {"../src/lib", ""}, {"/web", "src"}, {"src*", ""}, {"*", "src/lib"},
		{"d/*/f", ""}, {"x\\*y", ""}, {"[[]a]", ""}, {"src/lib/util.go", "*.go"}, {".", "src\n!src/lib"},
		{"?.txt", ""}, {"src/[lw]*", ""}, {"", ""},
	} {
		f.Add(s[0], s[1])
	}
	m := fstest.MapFS{}
	for _, p := range fuzzTree {
		m[p] = &fstest.MapFile{Data: []byte(p), Mode: 0o644}
	}
	cx, err := ctxscan.Scan(m, nil, ctxscan.Options{})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, src, exclude string) {
		done := make(chan bool)
		go func() {
			select {
			case <-done:
			case <-time.After(3 * time.Second):
				panic(fmt.Sprintf("slow: source %q exclude %q", src, exclude))
			}
		}()
		defer close(done)
		var opt ctxscan.CopyOptions
		for _, e := range strings.Split(exclude, "\n") {
			if e != "" {
				opt.Exclude = append(opt.Exclude, e)
			}
		}
		if ctxscan.CheckPatterns(opt.Exclude) != nil {
			return // the build fails on such a pattern
		}
		r, err := cx.Resolve(src, opt)
		if err != nil || strings.Contains(src, "\x00") {
			return
		}
		inp := &Input{Source: ctxscan.NormalizeSource(src), opt: opt}
		brought := map[string]bool{}
		for _, e := range r.Entries {
			brought[e.Path] = true
		}
		for _, e := range cx.Entries {
			if e.Type&fs.ModeDir != 0 {
				continue
			}
			if got := covers(inp, e.Path); got != brought[e.Path] {
				t.Fatalf("source %q exclude %q, path %s: covers says %v, Resolve %v (entries %d)", src, opt.Exclude, e.Path, got, brought[e.Path], len(r.Entries))
			}
		}
	})
}
