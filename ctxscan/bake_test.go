package ctxscan

import (
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestBakeFixtures evaluates each bake file in testdata/bake and compares
// what every target builds, after inheritance, with the .want file beside
// it: "NAME context=C dockerfile=D" (as written, defaults filled in) or
// "NAME REASON" for a target that names no Dockerfile on disk.
func TestBakeFixtures(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "bake", "*"))
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, file := range files {
		ext := filepath.Ext(file)
		if ext != ".hcl" && ext != ".json" {
			continue
		}
		n++
		t.Run(filepath.Base(file), func(t *testing.T) {
			src, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			want, err := os.ReadFile(strings.TrimSuffix(file, ext) + ".want")
			if err != nil {
				t.Fatal(err)
			}
			targets, notes := bakeTargets([]bakeSource{{name: "docker-bake" + ext, shown: file, src: src}})
			if notes != nil {
				t.Errorf("notes: %q", notes)
			}
			if got := describeTargets(targets); got != string(want) {
				t.Errorf("got:\n%s\nwant:\n%s", got, want)
			}
		})
	}
	if n == 0 {
		t.Fatal("no bake files in testdata/bake")
	}
}

// describeTargets renders targets as the .want files do.
func describeTargets(targets []*buildTarget) string {
	defs := &definitions{targets: map[string]*buildTarget{}}
	defs.add(targets)
	var b strings.Builder
	for _, name := range slices.Sorted(maps.Keys(defs.targets)) {
		t, ok := defs.resolve(name, map[string]bool{})
		if !ok {
			fmt.Fprintf(&b, "%s cannot be evaluated\n", name)
			continue
		}
		ctx, df, skip := t.paths()
		if skip != "" {
			fmt.Fprintf(&b, "%s %s\n", name, skip)
			continue
		}
		fmt.Fprintf(&b, "%s context=%s dockerfile=%s\n", name, ctx, df)
	}
	return b.String()
}

func TestLocalContext(t *testing.T) {
	for in, want := range map[string]string{
		".":                           ".",
		"..":                          "..",
		"services/api":                "services/api",
		"/srv/app":                    "/srv/app",
		"cwd://":                      ".",
		"cwd://lib":                   "lib",
		"with:colon":                  "with:colon",
		"-":                           "",
		"target:base":                 "",
		"docker-image://alpine":       "",
		"docker-image:alpine":         "",
		"oci-layout:///tmp/layout":    "",
		"https://github.com/a/b.git":  "",
		"http://example.com/ctx.tar":  "",
		"git://example.com/a.git":     "",
		"ssh://git@example.com/a.git": "",
		"git@github.com:a/b.git":      "",
		"github.com/a/b":              "",
	} {
		got, ok := localContext(in)
		if got != want || ok != (want != "") {
			t.Errorf("localContext(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
}

// TestBakeNotes: a file that does not parse is left out and named with the
// line of its first error; the other files still count.
func TestBakeNotes(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		note      string
	}{
		{"docker-bake.hcl", "target \"a\" {\n  context = \"x\"\n", "docker-bake.hcl:1: unclosed configuration block; the file is ignored"},
		{"docker-bake.hcl", "target {\n}\n", "docker-bake.hcl:1: missing name for target; the file is ignored"},
		{"docker-bake.hcl", "variable \"A\" \"B\" {\n}\n", "docker-bake.hcl:1: extraneous label for variable; the file is ignored"},
		{"docker-bake.json", "{\"target\": [}", "docker-bake.json:1: missing JSON value; the file is ignored"},
		{"docker-bake.json", `"x"`, "docker-bake.json:1: root value must be object; the file is ignored"},
		{"docker-bake.json", `{"target": {"a": 5}}`, "docker-bake.json:1: incorrect JSON value type; the file is ignored"},
	} {
		good := bakeSource{name: "docker-bake.override.hcl", shown: "docker-bake.override.hcl", src: []byte("target \"ok\" {\n  context = \"ok\"\n}\n")}
		targets, notes := bakeTargets([]bakeSource{{name: tc.name, shown: tc.name, src: []byte(tc.src)}, good})
		if len(notes) != 1 || notes[0] != tc.note {
			t.Errorf("%q: notes %q, want %q", tc.src, notes, tc.note)
		}
		if got := describeTargets(targets); got != "ok context=ok dockerfile=Dockerfile\n" {
			t.Errorf("%q: targets %q", tc.src, got)
		}
	}
}

// TestBakeLimits: files built to exhaust the parser or the evaluator are
// left out, or their targets are, quickly and without a crash.
func TestBakeLimits(t *testing.T) {
	deepParens := "target \"a\" {\n  context = " + strings.Repeat("(", 100000) + "\n}\n"
	var chain strings.Builder // V40 would be 2^40 bytes
	chain.WriteString("V0 = \"ab\"\n")
	for i := 1; i <= 40; i++ {
		fmt.Fprintf(&chain, "V%d = \"${V%d}${V%d}\"\n", i, i-1, i-1)
	}
	chain.WriteString("target \"chain\" {\n  context = V40\n}\n")
	aaaa := strings.Repeat("a", 4000)
	for _, tc := range []struct {
		name, file, src string
		notes           string
		targets         string
	}{
		{"parentheses", "docker-bake.hcl", deepParens, "docker-bake.hcl: nested too deeply; the file is ignored", ""},
		{"strings in interpolations", "docker-bake.hcl", "a = " + strings.Repeat("\"${", 100000), "docker-bake.hcl: nested too deeply; the file is ignored", ""},
		{"unary operators", "docker-bake.hcl", "a = " + strings.Repeat("!", 100000) + "true\n", "docker-bake.hcl: nested too deeply; the file is ignored", ""},
		{"conditionals", "docker-bake.hcl", "a = " + strings.Repeat("x ? y : ", 2000) + "z\n", "docker-bake.hcl: nested too deeply; the file is ignored", ""},
		{"json arrays", "docker-bake.json", strings.Repeat("[", 100000), "docker-bake.json: nested too deeply; the file is ignored", ""},
		{"json templates", "docker-bake.json", `{"target": {"a": {"context": "${` + strings.Repeat("(", 100000) + `}"}}}`, "docker-bake.json: nested too deeply; the file is ignored", ""},
		{"large file", "docker-bake.hcl", "# " + strings.Repeat("x", maxBakeFile), "docker-bake.hcl: larger than 1024 KiB; the file is ignored", ""},
		{"doubling variables", "docker-bake.hcl", chain.String(), "", "chain cannot be evaluated\n"},
		{"number literal", "docker-bake.hcl", "target \"n\" {\n  context = 1e100000000\n}\ntarget \"m\" {\n  context = \"x${1e100000000}\"\n}\n", "", "m cannot be evaluated\nn cannot be evaluated\n"},
		{"json number", "docker-bake.json", `{"target": {"n": {"context": 1e100000000}, "m": {"context": "${1e100000000}"}, "ok": {"context": 12}}}`, "", "m cannot be evaluated\nn cannot be evaluated\nok context=12 dockerfile=Dockerfile\n"},
		{"nested loops", "docker-bake.hcl", "S = \"" + aaaa + "\"\ntarget \"l\" {\n  context = join(\"\", [for a in split(\"\", S): join(\"\", [for b in split(\"\", S): \"x\"])])\n}\n", "", "l cannot be evaluated\n"},
		{"template loop", "docker-bake.json", `{"S": "` + aaaa + `", "target": {"l": {"context": "%{for a in split(\"\", S)}%{for b in split(\"\", S)}x%{endfor}%{endfor}"}}}`, "", "l cannot be evaluated\n"},
		{"arithmetic", "docker-bake.hcl", "target \"p\" {\n  context = 1e300 * 1e300\n}\n", "", "p cannot be evaluated\n"},
		{"replace", "docker-bake.hcl", "S = \"" + aaaa + "\"\ntarget \"r\" {\n  context = replace(replace(S, \"a\", S), \"a\", S)\n}\n", "", "r cannot be evaluated\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			targets, notes := bakeTargets([]bakeSource{{name: tc.file, shown: tc.file, src: []byte(tc.src)}})
			if got := strings.Join(notes, "\n"); got != tc.notes {
				t.Errorf("notes %q, want %q", got, tc.notes)
			}
			if got := describeTargets(targets); got != tc.targets {
				t.Errorf("targets %q, want %q", got, tc.targets)
			}
		})
	}
}

// FuzzBakeContexts feeds arbitrary bytes to the bake reader as an HCL and
// as a JSON file: it must never panic, and whatever it finds must resolve.
func FuzzBakeContexts(f *testing.F) {
	seeds, _ := filepath.Glob(filepath.Join("testdata", "bake", "*"))
	for _, s := range seeds {
		if data, err := os.ReadFile(s); err == nil {
			f.Add(data)
		}
	}
	f.Add([]byte(`target "a" { context = "${a}" }`))
	f.Add([]byte(`{"target": {"a": {"inherits": ["a", "b"], "context": "${lower(X)}"}}, "X": "y"}`))
	f.Add([]byte("target \"m\" {\n  matrix = { a = [1, 2], b = [\"x\"] }\n  name = \"m-${a}-${b}\"\n}\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, name := range []string{"docker-bake.hcl", "docker-bake.json"} {
			targets, _ := bakeTargets([]bakeSource{{name: name, shown: name, src: data}})
			defs := &definitions{targets: map[string]*buildTarget{}}
			defs.add(targets)
			defs.builds("/work", "/work/Dockerfile")
			describeTargets(targets)
		}
	})
}
