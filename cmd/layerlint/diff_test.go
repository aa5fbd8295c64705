package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// numbered returns the lines "1\n" ... "n\n".
func numbered(n int) []string {
	var ls []string
	for i := 1; i <= n; i++ {
		ls = append(ls, fmt.Sprintf("%d\n", i))
	}
	return ls
}

// TestUnifiedDiff compares with diffs written by hand after diff -u's rules:
// three lines of context, hunks merged when at most six kept lines separate
// their changes, "start,count" headers with the count left out when it is
// one and an empty range starting at the line before it.
func TestUnifiedDiff(t *testing.T) {
	ten := strings.Join(numbered(10), "")
	twenty := strings.Join(numbered(20), "")
	for _, c := range []struct {
		name, a, b, want string
	}{
		{"equal", ten, ten, ""},
		{"one line changed in the middle",
			ten, strings.Replace(ten, "5\n", "five\n", 1),
			"--- f\n+++ f\n@@ -2,7 +2,7 @@\n 2\n 3\n 4\n-5\n+five\n 6\n 7\n 8\n"},
		{"a line added at the start",
			"a\nb\n", "new\na\nb\n",
			"--- f\n+++ f\n@@ -1,2 +1,3 @@\n+new\n a\n b\n"},
		{"a line removed at the end",
			ten, strings.TrimSuffix(ten, "10\n"),
			"--- f\n+++ f\n@@ -7,4 +7,3 @@\n 7\n 8\n 9\n-10\n"},
		{"into an empty file",
			"", "x\n",
			"--- f\n+++ f\n@@ -0,0 +1 @@\n+x\n"},
		{"everything removed",
			"x\ny\n", "",
			"--- f\n+++ f\n@@ -1,2 +0,0 @@\n-x\n-y\n"},
		{"changes seven kept lines apart: two hunks",
			twenty, strings.Replace(strings.Replace(twenty, "\n4\n", "\nfour\n", 1), "\n12\n", "\ntwelve\n", 1),
			"--- f\n+++ f\n@@ -1,7 +1,7 @@\n 1\n 2\n 3\n-4\n+four\n 5\n 6\n 7\n" +
				"@@ -9,7 +9,7 @@\n 9\n 10\n 11\n-12\n+twelve\n 13\n 14\n 15\n"},
		{"changes six kept lines apart: one hunk",
			twenty, strings.Replace(strings.Replace(twenty, "\n4\n", "\nfour\n", 1), "\n11\n", "\neleven\n", 1),
			"--- f\n+++ f\n@@ -1,14 +1,14 @@\n 1\n 2\n 3\n-4\n+four\n 5\n 6\n 7\n 8\n 9\n 10\n-11\n+eleven\n 12\n 13\n 14\n"},
		{"no newline at the end, then one added",
			"a\nb", "a\nb\n",
			"--- f\n+++ f\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+b\n"},
		{"a line inserted between kept ones",
			"a\nb\nc\nd\ne\nf\ng\nh\n", "a\nb\nc\nd\nnew\ne\nf\ng\nh\n",
			"--- f\n+++ f\n@@ -2,6 +2,7 @@\n b\n c\n d\n+new\n e\n f\n g\n"},
		{"CRLF lines differ from LF ones",
			"a\r\nb\r\n", "a\r\nb\n",
			"--- f\n+++ f\n@@ -1,2 +1,2 @@\n a\r\n-b\r\n+b\n"},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := unifiedDiff("f", []byte(c.a), []byte(c.b)); got != c.want {
				t.Errorf("got\n%s\nwant\n%s", got, c.want)
			}
		})
	}
}

// TestDiffLinesShortest: the script is as short as the texts allow and
// rebuilds both texts.
func TestDiffLinesShortest(t *testing.T) {
	a := strings.Split("a b c a b b a", " ")
	b := strings.Split("c b a b a c", " ")
	ops := diffLines(a, b)
	var na, nb []string
	edits := 0
	for _, o := range ops {
		switch o.kind {
		case ' ':
			na, nb = append(na, a[o.a]), append(nb, b[o.b])
		case '-':
			na = append(na, a[o.a])
			edits++
		case '+':
			nb = append(nb, b[o.b])
			edits++
		}
	}
	if strings.Join(na, " ") != strings.Join(a, " ") || strings.Join(nb, " ") != strings.Join(b, " ") {
		t.Errorf("the script does not rebuild the texts: %q %q", na, nb)
	}
	// the paper's example: the shortest edit script has 5 edits
	if edits != 5 {
		t.Errorf("%d edits, want 5", edits)
	}
}

// TestFixDiffMatchesFix: patch applies what --diff prints to the example
// Dockerfiles and gets what --fix writes, and --diff changes no file.
func TestFixDiffMatchesFix(t *testing.T) {
	if _, err := exec.LookPath("patch"); err != nil {
		t.Skip("no patch on PATH")
	}
	root, _ := filepath.Abs(filepath.Join("..", "..", "testdata", "examples"))
	dirs, _ := filepath.Glob(filepath.Join(root, "*"))
	fixed := 0
	for _, dir := range dirs {
		src, err := os.ReadFile(filepath.Join(dir, "Dockerfile"))
		if err != nil {
			t.Fatal(err)
		}
		work := t.TempDir()
		writeFiles(t, work, map[string]string{"diff/Dockerfile": string(src), "fix/Dockerfile": string(src)})
		t.Chdir(work)
		code, diff, stderr := runInProcess("", "check", "--diff", "diff/Dockerfile")
		if got, _ := os.ReadFile("diff/Dockerfile"); string(got) != string(src) {
			t.Fatalf("%s: --diff changed the file", dir)
		}
		runInProcess("", "check", "--fix", "fix/Dockerfile")
		want, _ := os.ReadFile("fix/Dockerfile")
		if string(want) == string(src) {
			if diff != "" || code != exitOK {
				t.Errorf("%s: nothing fixed, yet --diff exits %d with\n%s%s", dir, code, diff, stderr)
			}
			continue
		}
		fixed++
		if code != exitFindings {
			t.Errorf("%s: --diff exits %d, want 1", dir, code)
		}
		patch := exec.Command("patch", "-p0", "--quiet")
		patch.Stdin = strings.NewReader(diff)
		if out, err := patch.CombinedOutput(); err != nil {
			t.Fatalf("%s: patch: %v\n%s\n%s", dir, err, out, diff)
		}
		if got, _ := os.ReadFile("diff/Dockerfile"); string(got) != string(want) {
			t.Errorf("%s: patched with\n%s\ngot\n%s\nwant what --fix wrote\n%s", dir, diff, got, want)
		}
	}
	if fixed == 0 {
		t.Error("no example has a fix: the test compares nothing")
	}
}

// TestUnifiedDiffCreation: a file that the fixes create comes from
// /dev/null, which patch -p0 reads as "create".
func TestUnifiedDiffCreation(t *testing.T) {
	got := unifiedDiffNames("/dev/null", "app/.dockerignore", nil, []byte("# comment\n.git\n"))
	want := "--- /dev/null\n+++ app/.dockerignore\n@@ -0,0 +1,2 @@\n+# comment\n+.git\n"
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

// readTree returns every file below dir by slash path, with its content.
func readTree(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		out[filepath.ToSlash(rel)] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestFixDiffMatchesFixOtherFiles: with fixes that create or append to the
// ignore file, --diff changes no file, and patch -p0 applies its output to
// get what --fix writes, the ignore file included.
func TestFixDiffMatchesFixOtherFiles(t *testing.T) {
	if _, err := exec.LookPath("patch"); err != nil {
		t.Skip("no patch on PATH")
	}
	for name, files := range map[string]map[string]string{
		"create": {
			"Dockerfile":        "FROM node:22-slim\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN npm ci\nCOPY . .\n",
			"package.json":      "{}\n",
			"package-lock.json": "{}\n",
			".git/HEAD":         "ref: refs/heads/main\n",
			"node_modules/a/x":  "x\n",
			".env":              "TOKEN=secret\n",
		},
		"append": {
			"Dockerfile":              "FROM alpine:3.20\nCOPY . /app\n",
			"Dockerfile.dockerignore": "*.md",
			".dockerignore":           "# shadowed\n",
			".env":                    "TOKEN=secret\n",
			"keys/id_ed25519":         "key\n",
		},
	} {
		t.Run(name, func(t *testing.T) {
			work := t.TempDir()
			for _, d := range []string{"diff", "fix"} {
				writeFiles(t, filepath.Join(work, d), files)
			}
			t.Chdir(work)
			args := []string{"check", "--select", "MissingDockerignore,SecretInContext"}
			code, diff, stderr := runInProcess("", append(args, "--diff", "diff/Dockerfile")...)
			if code != exitFindings || diff == "" {
				t.Fatalf("--diff exits %d with\n%s%s", code, diff, stderr)
			}
			if got := readTree(t, "diff"); !reflect.DeepEqual(got, files) {
				t.Fatalf("--diff changed files: %v", got)
			}
			if code, _, stderr := runInProcess("", append(args, "--fix", "fix/Dockerfile")...); code != exitOK {
				t.Fatalf("--fix exits %d: %s", code, stderr)
			}
			want := readTree(t, "fix")
			if reflect.DeepEqual(want, files) {
				t.Fatal("--fix changed nothing")
			}
			patch := exec.Command("patch", "-p0", "--quiet")
			patch.Stdin = strings.NewReader(diff)
			if out, err := patch.CombinedOutput(); err != nil {
				t.Fatalf("patch: %v\n%s\n%s", err, out, diff)
			}
			if got := readTree(t, "diff"); !reflect.DeepEqual(got, want) {
				t.Errorf("patched with\n%s\ngot\n%v\nwant what --fix wrote\n%v", diff, got, want)
			}
		})
	}
}
