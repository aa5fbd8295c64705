package rules

import (
	"io/fs"
	"reflect"
	"slices"
	"testing"

	"github.com/layerlint/layerlint/ctxscan"
	"github.com/layerlint/layerlint/dockerfile"
)

func TestPathCovers(t *testing.T) {
	cases := []struct {
		path, dir string
		want      bool
	}{
		{"/var/lib/apt/lists/*", "/var/lib/apt/lists", true},
		{"/var/lib/apt/lists", "/var/lib/apt/lists", true},
		{"/var/lib/apt/lists/", "/var/lib/apt/lists", true},
		{"/var/lib/apt/lists*", "/var/lib/apt/lists", true},
		{"/var/lib/apt", "/var/lib/apt/lists", true},
		{"/var/lib/apt/*", "/var/lib/apt/lists", true},
		{"/var/lib/apt/lists/partial", "/var/lib/apt/lists", false},
		{"/var/cache/apt", "/var/lib/apt/lists", false},
		{"/var/lib/apt-lists", "/var/lib/apt/lists", false},
		{"/", "/var/lib/apt/lists", false},
		{"", "/var/lib/apt/lists", false},
		{"/root/.cache/pip", "~/.cache/pip", true},
		{"/root/.cache", "~/.cache/pip", true},
		{"~/.cache/pip/*", "~/.cache/pip", true},
		{"${HOME}/.cache", "~/.cache/pip", true},
		{"/home/app/.cache/pip", "~/.cache/pip", true},
		{"/opt/cache/.cache/pip", "~/.cache/pip", true},
		{"/root/.npm", "~/.cache/pip", false},
		{"/root/.cache/yarn", "~/.cache/pip", false},
		{"/tmp/pip", "~/.cache/pip", false},
		{"/root", "~/.npm", true},
		{"/root/.npm/_cacache", "~/.npm", false},
	}
	for _, c := range cases {
		if got := pathCovers(c.path, c.dir); got != c.want {
			t.Errorf("pathCovers(%q, %q) = %v, want %v", c.path, c.dir, got, c.want)
		}
	}
}

func TestAndChain(t *testing.T) {
	cases := map[string]bool{
		"apt-get install -y curl":              true,
		"apt-get install -y curl && rm -rf /x": true,
		"a | b && c":                           true,
		"a && (b || c)":                        true,
		"apt-get install -y curl || true":      false,
		"a && b || c":                          false,
		"apt-get install -y curl; rm -rf /x":   false,
		"a &":                                  false,
		"if true; then apt-get install -y curl; fi && x": true,
	}
	for script, want := range cases {
		if got := andChain(script); got != want {
			t.Errorf("andChain(%q) = %v, want %v", script, got, want)
		}
	}
}

func TestSafeFixEditsOtherFiles(t *testing.T) {
	create := func(text string) Edit { return Edit{File: "/ctx/.dockerignore", Create: true, NewText: text} }
	fix := func(safe bool, es ...Edit) []Fix { return []Fix{{Title: "fix", Safe: safe, Edits: es}} }
	diags := []Diagnostic{
		{Fixes: fix(true, create("a\n"))},
		// the same fix on a second finding: taken, its edit once
		{Fixes: fix(true, create("a\n"))},
		// another creation of the same file conflicts
		{Fixes: fix(true, create("b\n"))},
		// an append to the file being created conflicts too
		{Fixes: fix(true, Edit{File: "/ctx/.dockerignore", NewText: "c\n"})},
		// other files and the Dockerfile do not conflict with it; an
		// offset past the Dockerfile's size is fine in another file
		{Fixes: fix(true, Edit{File: "/ctx/x.Dockerfile.dockerignore", Range: r(50, 50), NewText: "d\n"}, Edit{Range: r(0, 0), NewText: "# x\n"})},
		// past the end of the Dockerfile (10 bytes): skipped whole
		{Fixes: fix(true, Edit{File: "/ctx/other", NewText: "e"}, Edit{Range: r(11, 11)})},
	}
	edits, n := SafeFixEdits(diags, 10)
	if n != 3 {
		t.Errorf("%d fixes taken, want 3", n)
	}
	want := []Edit{create("a\n"), {File: "/ctx/x.Dockerfile.dockerignore", Range: r(50, 50), NewText: "d\n"}, {Range: r(0, 0), NewText: "# x\n"}}
	if !slices.Equal(edits, want) {
		t.Errorf("edits\n%+v\nwant\n%+v", edits, want)
	}
	if got := OtherFiles(edits); !slices.Equal(got, []string{"/ctx/.dockerignore", "/ctx/x.Dockerfile.dockerignore"}) {
		t.Errorf("OtherFiles = %q", got)
	}
	// ApplyEdits changes the Dockerfile only; ApplyFileEdits one file
	if out, ok := ApplyEdits([]byte("FROM a\n"), edits); !ok || string(out) != "# x\nFROM a\n" {
		t.Errorf("ApplyEdits = %q, %v", out, ok)
	}
	if out, ok := ApplyFileEdits(nil, "/ctx/.dockerignore", edits); !ok || string(out) != "a\n" {
		t.Errorf("ApplyFileEdits(create) = %q, %v", out, ok)
	}
	if _, ok := ApplyFileEdits([]byte("short"), "/ctx/x.Dockerfile.dockerignore", edits); ok {
		t.Errorf("ApplyFileEdits applied an edit past the end of the file")
	}
}

func r(start, end int) dockerfile.Range { return dockerfile.Range{Start: start, End: end} }

func TestExactPattern(t *testing.T) {
	cases := []struct{ path, want, sibling string }{
		{".env", ".env", ".env.local"},
		{"deploy/id_rsa", "deploy/id_rsa", "deploy/id_rsa2"},
		{"keys/*.pem", `keys/\*.pem`, "keys/a.pem"},
		{".env.[prod]", `.env.\[prod]`, ".env.p"},
		{"a?b", `a\?b`, "axb"},
		{`back\slash`, `back\\slash`, "backslash"},
		{"#notes.key", `\#notes.key`, "notes.key"},
		{"!x.pem", `\!x.pem`, "x.pem"},
	}
	for _, c := range cases {
		got, ok := exactPattern(c.path)
		if !ok || got != c.want {
			t.Errorf("exactPattern(%q) = %q, %v, want %q", c.path, got, ok, c.want)
			continue
		}
		ign, err := ctxscan.ParseIgnore(".dockerignore", []byte(got+"\n"))
		if err != nil {
			t.Errorf("%q: %v", got, err)
			continue
		}
		if ex, _ := ctxscan.Match(ign.Patterns(), c.path); !ex {
			t.Errorf("%q does not exclude %q", got, c.path)
		}
		if ex, _ := ctxscan.Match(ign.Patterns(), c.sibling); ex {
			t.Errorf("%q also excludes %q", got, c.sibling)
		}
	}
	for _, p := range []string{" lead", "trail ", "a\nb", ""} {
		if got, ok := exactPattern(p); ok {
			t.Errorf("exactPattern(%q) = %q, want no pattern", p, got)
		}
	}
}

// ignoreFixes lints src with rule id and an in-memory context, and returns
// the fixes of each finding, in order.
func ignoreFixes(t *testing.T, id, src string, files map[string]string) [][]Fix {
	t.Helper()
	cx, err := ctxscan.FromFiles(files, "Dockerfile")
	if err != nil {
		t.Fatal(err)
	}
	r, _ := Lookup(id)
	var out [][]Fix
	for _, d := range RunRuleContext(dockerfile.Parse("Dockerfile", []byte(src)), r, cx) {
		out = append(out, d.Fixes)
	}
	return out
}

func TestIgnoreFileFixes(t *testing.T) {
	t.Run("secret named by a COPY", func(t *testing.T) {
		got := ignoreFixes(t, "SecretInContext", "FROM alpine\nCOPY .env.production /app/.env\nCOPY . /app\n", map[string]string{
			".dockerignore": "*.log\n", ".env.production": "K=v\n", ".npmrc": "t\n", "app.sh": "echo\n",
		})
		want := [][]Fix{
			nil,
			{{Title: "Exclude .npmrc in .dockerignore", Edits: []Edit{{File: ".dockerignore", Range: r(6, 6), NewText: "\n# Credentials: never send them to the builder\n.npmrc\n"}}}},
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("fixes\n%+v\nwant\n%+v", got, want)
		}
	})
	t.Run("CRLF ignore file without a final newline", func(t *testing.T) {
		got := ignoreFixes(t, "SecretInContext", "FROM alpine\nCOPY . /app\n", map[string]string{
			"Dockerfile.dockerignore": "*.md\r\n*.log", ".dockerignore": "x\n", ".env": "K=v\n",
		})
		want := [][]Fix{{{Title: "Exclude .env in Dockerfile.dockerignore", Safe: true,
			Edits: []Edit{{File: "Dockerfile.dockerignore", Range: r(11, 11), NewText: "\r\n\r\n# Credentials: never send them to the builder\r\n.env\r\n"}}}}}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("fixes\n%+v\nwant\n%+v", got, want)
		}
	})
	t.Run("unresolved source", func(t *testing.T) {
		got := ignoreFixes(t, "SecretInContext", "FROM alpine\nARG SRC\nCOPY $SRC /x\nCOPY . /app\n", map[string]string{".env": "K=v\n"})
		if len(got) != 1 || len(got[0]) != 1 || got[0][0].Safe || !got[0][0].Edits[0].Create {
			t.Errorf("a source that may name anything: want one unsafe fix creating the file, got %+v", got)
		}
	})
	t.Run("unreadable .dockerignore", func(t *testing.T) {
		cx, _ := ctxscan.FromFiles(map[string]string{".env": "K=v\n", ".git/HEAD": "x\n"}, "Dockerfile")
		cx.IgnoreReadErr = fs.ErrPermission
		f := dockerfile.Parse("Dockerfile", []byte("FROM alpine\nCOPY . /app\n"))
		for _, id := range []string{"SecretInContext", "MissingDockerignore"} {
			r, _ := Lookup(id)
			for _, d := range RunRuleContext(f, r, cx) {
				if len(d.Fixes) > 0 {
					t.Errorf("%s offers %+v over an unreadable .dockerignore", id, d.Fixes)
				}
			}
		}
	})
	t.Run("build output only", func(t *testing.T) {
		got := ignoreFixes(t, "MissingDockerignore", "FROM nginx\nCOPY . /usr/share/nginx/html\n", map[string]string{"dist/index.html": "hi\n"})
		want := [][]Fix{{{Title: "Create .dockerignore excluding dist",
			Edits: []Edit{{File: ".dockerignore", Create: true, NewText: "# Kept out of the build context: build output\ndist\n"}}}}}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("fixes\n%+v\nwant\n%+v", got, want)
		}
	})
	t.Run("safe subset and the whole list", func(t *testing.T) {
		got := ignoreFixes(t, "MissingDockerignore", "FROM node:22\nCOPY . .\nRUN npm ci && git log -1\nCOPY . /b\n", map[string]string{
			".git/HEAD": "ref\n", "node_modules/a/i.js": "x\n", "pkg/web/node_modules/b/i.js": "x\n", "target/app": "bin\n",
			"a.log": "l\n", "__pycache__/m.pyc": "b\n", "index.js": "x\n",
		})
		safe := Fix{Title: "Create .dockerignore excluding **/*.log, **/node_modules and __pycache__", Safe: true,
			Edits: []Edit{{File: ".dockerignore", Create: true,
				NewText: "# Kept out of the build context: logs, dependencies and bytecode\n**/*.log\n**/node_modules\n__pycache__\n"}}}
		all := Fix{Title: "Create .dockerignore excluding **/*.log, **/node_modules, .git and 2 more",
			Edits: []Edit{{File: ".dockerignore", Create: true,
				NewText: "# Kept out of the build context: logs, dependencies, version control, bytecode and build output\n**/*.log\n**/node_modules\n.git\n__pycache__\ntarget\n"}}}
		want := [][]Fix{{safe, all}, {safe, all}}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("fixes\n%+v\nwant\n%+v", got, want)
		}
	})
}
