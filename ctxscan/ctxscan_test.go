package ctxscan

import (
	"bufio"
	"bytes"
	"errors"
	"io/fs"
	"os"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/layerlint/layerlint/dockerfile"
	"github.com/moby/patternmatcher/ignorefile"
)

// tree builds an in-memory context: "d/" is a directory, "l -> t" a symlink,
// "s=" a socket, anything else a file whose content is its name.
func tree(specs ...string) fstest.MapFS {
	m := fstest.MapFS{}
	for _, s := range specs {
		switch {
		case strings.HasSuffix(s, "/"):
			m[strings.TrimSuffix(s, "/")] = &fstest.MapFile{Mode: fs.ModeDir | 0o755}
		case strings.Contains(s, " -> "):
			n, t, _ := strings.Cut(s, " -> ")
			m[n] = &fstest.MapFile{Mode: fs.ModeSymlink | 0o777, Data: []byte(t)}
		case strings.HasSuffix(s, "="):
			m[strings.TrimSuffix(s, "=")] = &fstest.MapFile{Mode: fs.ModeSocket | 0o755}
		default:
			m[s] = &fstest.MapFile{Data: []byte(s), Mode: 0o644}
		}
	}
	return m
}

func ignore(t testing.TB, lines ...string) *IgnoreFile {
	t.Helper()
	ign, err := ParseIgnore(".dockerignore", []byte(strings.Join(lines, "\n")))
	if err != nil {
		t.Fatal(err)
	}
	return ign
}

// listing renders entries as BuildKit's walk lists them: directories with a
// trailing "/", symlinks with "@".
func listing(es []Entry) string {
	var b []string
	for _, e := range es {
		s := e.Path
		switch {
		case e.IsDir():
			s += "/"
		case e.Type&fs.ModeSymlink != 0:
			s += "@"
		}
		b = append(b, s)
	}
	return strings.Join(b, " ")
}

func readTable(t *testing.T, name string) [][]string {
	t.Helper()
	f, err := os.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var rows [][]string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if line := sc.Text(); line != "" && !strings.HasPrefix(line, "#") {
			rows = append(rows, strings.Split(line, "\t"))
		}
	}
	return rows
}

// TestPatternTable checks ignore-file lines against paths: the facts in
// testdata/patterns.txt were measured with patternmatcher and
// ignorefile.ReadAll (shared/research/ctxscan.md §4).
func TestPatternTable(t *testing.T) {
	for _, row := range readTable(t, "testdata/patterns.txt") {
		pat, p, want := row[0], row[1], row[2]
		ign, err := ParseIgnore(".dockerignore", []byte(pat))
		if want == "ERR(New)" {
			var le *LineError
			if !errors.As(err, &le) || le.Line != 1 {
				t.Errorf("%q: want a line-1 error, got %v", pat, err)
			}
			continue
		}
		if err != nil {
			t.Errorf("%q: %v", pat, err)
			continue
		}
		got, err := Match(ign.Patterns(), p)
		switch want {
		case "ERR":
			if err == nil || ign.Lines[0].MatchErr == nil {
				t.Errorf("%q vs %q: want an evaluation error, got %v (MatchErr %v)", pat, p, err, ign.Lines[0].MatchErr)
			}
		case "T", "f":
			if err != nil || got != (want == "T") {
				t.Errorf("%q vs %q: got %v %v, want %s", pat, p, got, err, want)
			}
			if ign.Lines[0].MatchErr != nil {
				t.Errorf("%q: unexpected MatchErr %v", pat, ign.Lines[0].MatchErr)
			}
		default:
			t.Fatalf("bad row %q", row)
		}
	}
}

// TestRawPatternTable checks patterns used as written (COPY --exclude and
// --parents): facts from patternmatcher's own test table.
func TestRawPatternTable(t *testing.T) {
	for _, row := range readTable(t, "testdata/patterns_raw.txt") {
		got, err := Match([]string{row[0]}, row[1])
		if err != nil || got != (row[2] == "T") {
			t.Errorf("%q vs %q: got %v %v, want %s", row[0], row[1], got, err, row[2])
		}
	}
	for _, c := range []struct {
		patterns []string
		path     string
		want     bool
	}{
		{[]string{"**", "!util/docker/web"}, "util/docker/web/foo", false},
		{[]string{"**", "!util/docker/web", "util/docker/web/foo"}, "util/docker/web/foo", true},
		{[]string{"**", "!dist/*.whl"}, "dist/proxy.py-2.4.0rc3.dev36+g08acad9-py3-none-any.whl", false},
		{[]string{"docs", "!docs/README.md"}, "docs/README.md", false},
		{[]string{"docs/*", "!docs/README.md"}, "docs/README.md", false},
		{[]string{"**/*.log", "!logs"}, "logs/x.log", true}, // walker semantics, unlike MatchesOrParentMatches
	} {
		if got, err := Match(c.patterns, c.path); err != nil || got != c.want {
			t.Errorf("%q vs %q: got %v %v, want %v", c.patterns, c.path, got, err, c.want)
		}
	}
}

// TestParseIgnoreLikeReadAll compares ParseIgnore's patterns with
// ignorefile.ReadAll and checks the line numbers.
func TestParseIgnoreLikeReadAll(t *testing.T) {
	cases := []struct {
		src   string
		lines []int
	}{
		{"\ufefffoo\r\nbar\r\n", []int{1, 2}},
		{"# comment\n  # not a comment\n\t#x", []int{2, 3}},
		{"!foo\n! foo\n!/foo\n!./a/../b", []int{1, 2, 3, 4}},
		{"/\n.\n./\n..\n../x", []int{1, 2, 3, 4, 5}},
		{"foo/\n/foo/bar/", []int{1, 2}},
		{"\n\n  \nnode_modules\n\n.git\r", []int{4, 6}},
		{"a\r\r\nb\rc\n", []int{1, 2}},
		{"\ufeff# comment\nx", []int{2}},
		{"x\u00a0\n\u00a0y", []int{1, 2}},
		{"", nil},
	}
	for _, c := range cases {
		want, err := ignorefile.ReadAll(strings.NewReader(c.src))
		if err != nil {
			t.Fatal(err)
		}
		ign, err := ParseIgnore("f", []byte(c.src))
		if err != nil {
			t.Errorf("%q: %v", c.src, err)
			continue
		}
		if got := ign.Patterns(); !reflect.DeepEqual(got, want) && !(len(got) == 0 && len(want) == 0) {
			t.Errorf("%q: patterns %q, ReadAll %q", c.src, got, want)
		}
		var lines []int
		for _, l := range ign.Lines {
			lines = append(lines, l.Line)
			raw := l.Raw(ign)
			if strings.Contains(raw, "\n") || strings.HasPrefix(raw, "\ufeff") {
				t.Errorf("%q: line %d raw text %q holds a terminator or BOM", c.src, l.Line, raw)
			}
		}
		if !reflect.DeepEqual(lines, c.lines) {
			t.Errorf("%q: lines %v, want %v", c.src, lines, c.lines)
		}
	}
}

func TestParseIgnoreErrors(t *testing.T) {
	long := strings.Repeat("x", 70000)
	for _, c := range []struct {
		src  string
		line int
		msg  string
	}{
		{"ok\n!\n", 2, `illegal exclusion pattern: "!"`},
		{"ok\n\n!/\n", 3, `illegal exclusion pattern`},
		{"a\n[\n", 2, "syntax error in pattern"},
		{"foo\\ \n", 1, "syntax error in pattern"},
		{"x\n[a-]\n", 2, "syntax error in pattern"},
		{"a\nb\n" + long + "\n", 3, "token too long"},
	} {
		_, err := ParseIgnore("ctx/.dockerignore", []byte(c.src))
		var le *LineError
		if !errors.As(err, &le) || le.Line != c.line || !strings.Contains(err.Error(), c.msg) {
			t.Errorf("%.20q: got %v, want line %d %q", c.src, err, c.line, c.msg)
			continue
		}
		if !strings.HasPrefix(err.Error(), "ctx/.dockerignore:") {
			t.Errorf("error does not name the file: %v", err)
		}
	}
	ign, err := ParseIgnore("f", []byte("a\n!\\x\n\\d\n"))
	if err != nil {
		t.Fatal(err)
	}
	if ign.Lines[1].MatchErr == nil || ign.Lines[2].MatchErr != nil {
		t.Errorf("MatchErr: %v %v", ign.Lines[1].MatchErr, ign.Lines[2].MatchErr)
	}
}

// TestWalkScenarios: what BuildKit sends, measured with fsutil.Walk
// (shared/research/ctxscan.md appendix A.1).
func TestWalkScenarios(t *testing.T) {
	for _, c := range []struct {
		patterns []string
		tree     []string
		want     string
	}{
		{[]string{"d", "!d/*", "d"}, []string{"d/x", "d/y/z"}, "d/ d/x d/y/ d/y/z"},
		{[]string{"foo/**"}, []string{"bar", "foo/a", "foo/b/c"}, "bar foo/"},
		{[]string{"foo"}, []string{"bar/foo", "foo.txt", "foo/x"}, "bar/ bar/foo foo.txt"},
		{[]string{"*", "!src"}, []string{"a", "b/c", "src/a/b.go"}, "src/ src/a/ src/a/b.go"},
		{[]string{"node_modules", "!node_modules/keep.txt"}, []string{"app.js", "node_modules/keep.txt", "node_modules/x/y"}, "app.js node_modules/ node_modules/keep.txt"},
		{[]string{"node_modules", "!node_modules/**/package.json"},
			[]string{"node_modules/a/package.json", "node_modules/a/i.js", "node_modules/b/c/package.json"},
			"node_modules/ node_modules/a/ node_modules/a/package.json node_modules/b/ node_modules/b/c/ node_modules/b/c/package.json"},
		{[]string{"*.md", "!README*.md", "README-secret.md"}, []string{"README.md", "README-secret.md", "docs/x.md"}, "README.md docs/ docs/x.md"},
		{[]string{"*.md", "README-secret.md", "!README*.md"}, []string{"README.md", "README-secret.md"}, "README-secret.md README.md"},
		{[]string{"Dockerfile", ".dockerignore"}, []string{"Dockerfile", ".dockerignore", "main.go"}, "main.go"},
		{[]string{"real"}, []string{"real/x", "link -> real", "abs -> /etc", "dangling -> nowhere"}, "abs@ dangling@ link@"},
		{[]string{`\d`}, []string{"1", "d", "x"}, "d x"},
		{[]string{"**", "!a/keep"}, []string{"a/keep", "a/other", "b"}, "a/ a/keep"},
		{[]string{"**/*.log", "!logs"}, []string{"logs/x.log", "logs/y.txt"}, "logs/ logs/y.txt"},
		{[]string{"a", "!a/*"}, []string{"a/b/c", "a/d"}, "a/ a/b/ a/b/c a/d"},
		{[]string{"**/**/node_modules", "!*"}, []string{"src/node_modules/x"}, "src/"},
		{[]string{"*", "!**/*.py"}, []string{"top.py", "subdir/sub.py", "subdir/a/deep.py", "subdir/a/x.txt"},
			"subdir/ subdir/a/ subdir/a/deep.py subdir/sub.py top.py"},
		{[]string{"*", "!hi.txt", "!photos/*.jpeg", "!*/*.txt"}, []string{"hi.txt", "photos/steak.jpeg", "photos/x.png", "recipes/cake.txt", "recipes/x/y.txt"},
			"hi.txt photos/ photos/steak.jpeg recipes/ recipes/cake.txt"},
		{nil, []string{"empty/", "a"}, "a empty/"},
	} {
		c.want = sortListing(c.want)
		for _, prune := range []bool{true, false} {
			cx, err := Scan(tree(c.tree...), ignore(t, c.patterns...), Options{NoLiteralPrune: !prune})
			if err != nil {
				t.Errorf("%q: %v", c.patterns, err)
				continue
			}
			if got := sortListing(listing(cx.Entries)); got != c.want {
				t.Errorf("%q prune=%v:\n got %s\nwant %s", c.patterns, prune, got, c.want)
			}
		}
	}
	// a pattern that fails when evaluated fails the walk
	if _, err := Scan(tree("a"), ignore(t, `\x`), Options{}); err == nil || !strings.Contains(err.Error(), "syntax error in pattern") {
		t.Errorf(`\x: got %v`, err)
	}
}

func sortListing(s string) string {
	f := strings.Fields(s)
	sortStrings(f)
	return strings.Join(f, " ")
}

func sortStrings(s []string) {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && s[j] < s[j-1]; j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
}

// TestWalkOrder: entries come in walk order, each directory before its
// contents, and every entry's parent is an entry.
func TestWalkOrder(t *testing.T) {
	cx, err := Scan(tree("a/x", "a-b", "a/y/z", "b"), nil, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got := listing(cx.Entries); got != "a/ a/x a/y/ a/y/z a-b b" {
		t.Errorf("order: %s", got)
	}
	if got := listing(cx.Below("a")); got != "a/x a/y/ a/y/z" {
		t.Errorf("Below(a): %s", got)
	}
	if got := listing(cx.Children("a")); got != "a/x a/y/" {
		t.Errorf("Children(a): %s", got)
	}
}

// TestCopySources: what COPY/ADD sources bring, measured with fsutil's copy
// driven as BuildKit's FileOp drives it (shared/research/ctxscan.md A.3).
func TestCopySources(t *testing.T) {
	fsys := tree("a.go", "home.txt", "h.md", "arr[0].txt",
		"src/c.go", "src/README.md", "src/sub/d.go", "src/sub/deep/e.go",
		"dir1/f1.md", "dir1/f1.txt", "dir2/f2.txt",
		"link -> src", "abs -> /src/sub", "out -> ../../src/c.go", "loop -> loop2", "loop2 -> loop")
	cx, err := Scan(fsys, nil, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		src     string
		opt     CopyOptions
		want    string // the files copied
		missing string // NotFound with this Missing path
	}{
		{src: "*.go", want: "a.go"},
		{src: "**/*.go", want: "src/c.go"},
		{src: "src/**/*.go", want: "src/sub/d.go"},
		{src: "src", want: "src/README.md src/c.go src/sub/d.go src/sub/deep/e.go"},
		{src: "src/", want: "src/README.md src/c.go src/sub/d.go src/sub/deep/e.go"},
		{src: "dir*", want: "dir1/f1.md dir1/f1.txt dir2/f2.txt"},
		{src: "src", opt: CopyOptions{Exclude: []string{"*.go"}}, want: "src/README.md src/sub/d.go src/sub/deep/e.go"},
		{src: "src", opt: CopyOptions{Exclude: []string{"**/*.go"}}, want: "src/README.md"},
		{src: "src", opt: CopyOptions{Exclude: []string{"/README.md"}}, want: "src/README.md src/c.go src/sub/d.go src/sub/deep/e.go"},
		{src: "src", opt: CopyOptions{Exclude: []string{"sub"}}, want: "src/README.md src/c.go"},
		{src: "src", opt: CopyOptions{Exclude: []string{"sub", "!sub/d.go"}}, want: "src/README.md src/c.go src/sub/d.go"},
		{src: "hom*", opt: CopyOptions{Exclude: []string{"*.txt"}}, want: "home.txt"},
		{src: "h*", opt: CopyOptions{Exclude: []string{"*.txt"}}, want: "h.md home.txt"},
		{src: "home.txt", opt: CopyOptions{Exclude: []string{"*.txt"}}, want: "home.txt"},
		{src: "arr[[]0].txt", want: "arr[0].txt"},
		{src: "nomatch*.go", want: ""},
		{src: "missing.txt", missing: "missing.txt"},
		{src: "nodir/*.go", missing: "nodir"},
		{src: "../../a.go", want: "a.go"},
		{src: "/a.go", want: "a.go"},
		{src: "./src/./sub/*.go", want: "src/sub/d.go"},
		{src: "./src/**/*.go", opt: CopyOptions{Parents: true}, want: "src/c.go src/sub/d.go src/sub/deep/e.go"},
		{src: "./src/./sub/*.go", opt: CopyOptions{Parents: true}, want: "src/sub/d.go"},
		{src: "./src/./nothere", opt: CopyOptions{Parents: true}, missing: "src/nothere"},
		{src: "link", want: "src/README.md src/c.go src/sub/d.go src/sub/deep/e.go"},
		{src: "link/sub", want: "src/sub/d.go src/sub/deep/e.go"},
		{src: "abs", want: "src/sub/d.go src/sub/deep/e.go"},
		{src: "out", want: "src/c.go"},
		{src: "loop", missing: "loop"},
		{src: ".", want: "a.go abs arr[0].txt dir1/f1.md dir1/f1.txt dir2/f2.txt h.md home.txt link loop loop2 out src/README.md src/c.go src/sub/d.go src/sub/deep/e.go"},
	} {
		r, err := cx.Resolve(c.src, c.opt)
		if err != nil {
			t.Errorf("%s %v: %v", c.src, c.opt, err)
			continue
		}
		if c.missing != "" {
			if !r.NotFound || r.Missing != c.missing {
				t.Errorf("%s %v: NotFound=%v Missing=%q, want missing %q", c.src, c.opt, r.NotFound, r.Missing, c.missing)
			}
			continue
		}
		if r.NotFound {
			t.Errorf("%s %v: NotFound %q", c.src, c.opt, r.Missing)
		}
		var files []string
		for _, e := range r.Files() {
			files = append(files, e.Path)
		}
		if got := strings.Join(files, " "); got != c.want {
			t.Errorf("%s %v:\n got %s\nwant %s", c.src, c.opt, got, c.want)
		}
	}
	if _, err := cx.Resolve("src", CopyOptions{Exclude: []string{"["}}); err == nil {
		t.Errorf("invalid --exclude: no error")
	}
}

// TestCopyAfterIgnore: sources resolve against what is sent.
func TestCopyAfterIgnore(t *testing.T) {
	cx, err := Scan(tree("app.js", "secret.env", "logs/a.log", "logs/keep.txt"), ignore(t, "*.env", "logs", "!logs/keep.txt"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	r, _ := cx.Resolve("secret.env", CopyOptions{})
	if !r.NotFound {
		t.Errorf("an ignored literal source must not be found")
	}
	r, _ = cx.Resolve("logs", CopyOptions{})
	if r.NotFound || listing(r.Entries) != "logs/keep.txt" {
		t.Errorf("logs: %v %s", r.NotFound, listing(r.Entries))
	}
	r, _ = cx.Resolve("*.env", CopyOptions{})
	if r.NotFound || len(r.Entries) != 0 {
		t.Errorf("*.env: %v %s", r.NotFound, listing(r.Entries))
	}
}

func TestClassifyRemote(t *testing.T) {
	for s, want := range map[string]SourceKind{
		"https://example.com/a.tar.gz":          FromURL,
		"http://example.com/x":                  FromURL,
		"https://github.com/moby/buildkit.git":  FromGit,
		"https://github.com/a/b.git#v1:sub":     FromGit,
		"git@github.com:moby/buildkit.git":      FromGit,
		"ssh://git@host/repo":                   FromGit,
		"git://host/repo":                       FromGit,
		"github.com/moby/buildkit":              FromContext,
		"s3://bucket/x":                         FromContext,
		"src/file.txt":                          FromContext,
		"user:pass.txt":                         FromContext,
		"HTTPS://EXAMPLE.COM/FILE":              FromURL,
		"https://example.com/repo.git?ref=main": FromGit,
	} {
		if got := ClassifyRemote(s); got != want {
			t.Errorf("%s: %v, want %v", s, got, want)
		}
	}
}

func TestSelectIgnore(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) {
		t.Helper()
		p := dir + "/" + name
		if err := os.MkdirAll(p[:strings.LastIndex(p, "/")], 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("Dockerfile", "FROM scratch\n")
	write("build/app.Dockerfile", "FROM scratch\n")
	// no ignore file at all
	ign, sh, _, err := SelectIgnore(dir, dir+"/Dockerfile")
	if ign != nil || sh != "" || err != nil {
		t.Fatalf("none: %v %q %v", ign, sh, err)
	}
	write(".dockerignore", "root\n")
	ign, sh, _, _ = SelectIgnore(dir, dir+"/build/app.Dockerfile")
	if ign == nil || ign.PerDockerfile || sh != "" || ign.Patterns()[0] != "root" {
		t.Fatalf("root: %+v %q", ign, sh)
	}
	write("build/app.Dockerfile.dockerignore", "per\n")
	ign, sh, _, _ = SelectIgnore(dir, dir+"/build/app.Dockerfile")
	if ign == nil || !ign.PerDockerfile || sh != dir+"/.dockerignore" || ign.Patterns()[0] != "per" {
		t.Fatalf("per-Dockerfile: %+v %q", ign, sh)
	}
	// an empty per-Dockerfile file still wins (BuildKit's built-in frontend)
	write("build/app.Dockerfile.dockerignore", "")
	ign, _, _, _ = SelectIgnore(dir, dir+"/build/app.Dockerfile")
	if ign == nil || !ign.PerDockerfile || len(ign.Lines) != 0 {
		t.Fatalf("empty per-Dockerfile: %+v", ign)
	}
	// stdin: only the root file
	ign, _, _, _ = SelectIgnore(dir, "-")
	if ign == nil || ign.PerDockerfile {
		t.Fatalf("stdin: %+v", ign)
	}
	write(".dockerignore", "ok\n\n[\n")
	_, _, _, err = SelectIgnore(dir, "")
	var le *LineError
	if !errors.As(err, &le) || le.Line != 3 || le.Path != dir+"/.dockerignore" {
		t.Fatalf("bad line: %v", err)
	}
}

func TestSizesAndDigests(t *testing.T) {
	cx, err := Scan(tree("a/b", "a/cc", "d"), nil, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if tot := cx.Total(); tot.Files != 3 || tot.Bytes != int64(len("a/b")+len("a/cc")+len("d")) {
		t.Errorf("total %+v", tot)
	}
	if u := cx.UsageOf("a"); u.Files != 2 || u.Bytes != 7 {
		t.Errorf("a: %+v", u)
	}
	top := cx.TopDirs(5, 1)
	if len(top) != 1 || top[0].Path != "a" {
		t.Errorf("top: %+v", top)
	}
	ds, err := cx.Digests([]string{"a/b", "d", "missing", "a"})
	if err != nil || len(ds) != 2 || !strings.HasPrefix(ds["a/b"], "sha256:") {
		t.Errorf("digests %v %v", ds, err)
	}
	if !bytes.Equal([]byte(ds["d"]), []byte("sha256:18ac3e7343f016890c510e93f935261169d9e3f565436429830faf0934f4f8e4")) {
		t.Errorf("digest of d: %s", ds["d"])
	}
}

func TestDiskHelpers(t *testing.T) {
	cx, err := Scan(tree("a.env", "b.env", "src/x.go", "src/y.go", "node_modules/p/i.js", "logs/a.log"), ignore(t, "*.env", "node_modules"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(cx.DiskMatches("*.env", 0), " "); got != "a.env b.env" {
		t.Errorf("DiskMatches *.env: %s", got)
	}
	if got := strings.Join(cx.DiskMatches("src/*.go", 1), " "); got != "src/x.go" {
		t.Errorf("DiskMatches limit: %s", got)
	}
	if got := cx.DiskMatches("nodir/*.go", 0); got != nil {
		t.Errorf("DiskMatches nodir: %v", got)
	}
	if !cx.OnDisk("a.env") || cx.Has("a.env") {
		t.Errorf("a.env is on disk but not sent")
	}
	for body, want := range map[string]string{
		"node_modules": "node_modules",
		"**/*.log":     "logs/a.log",
		"*.md":         "",
		"src/*.go":     "src/x.go src/y.go",
	} {
		hits, complete := cx.PatternHits(body, 5, 0)
		if got := strings.Join(hits, " "); got != want || !complete {
			t.Errorf("PatternHits %q: %q %v, want %q", body, got, complete, want)
		}
	}
	if _, complete := cx.PatternHits("**/*.md", 5, 3); complete {
		t.Errorf("PatternHits must give up after the limit")
	}
}

func TestInferDir(t *testing.T) {
	root := t.TempDir()
	for _, p := range []string{"go.mod", "cmd/app/main.go", "deploy/app/Dockerfile", "deploy/web/Dockerfile", "deploy/web/nginx.conf"} {
		full := root + "/" + p
		if err := os.MkdirAll(full[:strings.LastIndex(full, "/")], 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Mkdir(root+"/.git", 0o755); err != nil {
		t.Fatal(err)
	}
	app := dockerfile.Parse("Dockerfile", []byte("FROM golang\nCOPY go.mod ./\nCOPY cmd/app ./cmd/app\nCOPY --from=x /y /z\n"))
	dir, why := InferDir(app, root+"/deploy/app/Dockerfile")
	if dir != root || !strings.Contains(why, root) {
		t.Errorf("app: %q %q", dir, why)
	}
	web := dockerfile.Parse("Dockerfile", []byte("FROM nginx\nCOPY nginx.conf /etc/nginx/\n"))
	if dir, why := InferDir(web, root+"/deploy/web/Dockerfile"); dir != root+"/deploy/web" || why != "" {
		t.Errorf("web: %q %q", dir, why)
	}
	missing := dockerfile.Parse("Dockerfile", []byte("FROM nginx\nCOPY nowhere.conf /etc/\n"))
	if dir, _ := InferDir(missing, root+"/deploy/web/Dockerfile"); dir != root+"/deploy/web" {
		t.Errorf("missing: %q", dir)
	}
	// outside any repository the context never climbs (it could reach /)
	if err := os.Remove(root + "/.git"); err != nil {
		t.Fatal(err)
	}
	if dir, why := InferDir(app, root+"/deploy/app/Dockerfile"); dir != root+"/deploy/app" || why != "" {
		t.Errorf("app outside a repository: %q %q", dir, why)
	}
}

func TestInferDirCompose(t *testing.T) {
	root := t.TempDir()
	files := map[string]string{
		"compose.yaml":            "services:\n  api:\n    build:\n      context: .\n      dockerfile: services/api/Dockerfile\n  web:\n    build: ./web\n  db:\n    image: postgres\n",
		"services/api/Dockerfile": "FROM golang\nCOPY main.go ./\n",
		"services/api/main.go":    "package main\n",
		"web/Dockerfile":          "FROM nginx\n",
		"other/Dockerfile":        "FROM alpine\n",
	}
	for p, data := range files {
		full := root + "/" + p
		if err := os.MkdirAll(full[:strings.LastIndex(full, "/")], 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for df, want := range map[string]string{
		root + "/services/api/Dockerfile": root, // compose wins over "main.go resolves here"
		root + "/web/Dockerfile":          root + "/web",
		root + "/other/Dockerfile":        root + "/other",
	} {
		f := dockerfile.Parse(df, []byte(files[strings.TrimPrefix(df, root+"/")]))
		if dir, why := InferDir(f, df); dir != want || (want == root) != strings.Contains(why, `service "api"`) {
			t.Errorf("%s: %q %q, want %q", df, dir, why, want)
		}
	}
}
