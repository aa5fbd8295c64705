package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestFixCreatesIgnoreFile: --fix creates the ignore file with mode 0644,
// reports the fixes, and the findings are gone on the
// next run; --diff before it created nothing.
func TestFixCreatesIgnoreFile(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"Dockerfile": "FROM alpine:3.20\nCOPY . /app\n",
		".git/HEAD":  "ref: refs/heads/main\n",
		".env":       "TOKEN=secret\n",
	})
	p := filepath.Join(dir, "Dockerfile")
	ign := filepath.Join(dir, ".dockerignore")
	sel := "MissingDockerignore,SecretInContext"
	code, stdout, stderr := runInProcess("", "check", "--select", sel, "--fix", "--diff", p)
	if code != exitFindings || !strings.Contains(stdout, "--- /dev/null\n+++ "+ign+"\n") {
		t.Fatalf("--diff exits %d with\n%s%s", code, stdout, stderr)
	}
	if _, err := os.Lstat(ign); err == nil {
		t.Fatal("--diff created .dockerignore")
	}

	code, _, stderr = runInProcess("", "check", "--select", sel, "--fix", p)
	if code != exitOK || !strings.Contains(stderr, "fixed 2 problems in 1 file") {
		t.Fatalf("--fix exits %d: %s", code, stderr)
	}
	got, err := os.ReadFile(ign)
	if want := "# Kept out of the build context: version control\n.git\n\n# Credentials: never send them to the builder\n.env\n"; err != nil || string(got) != want {
		t.Errorf(".dockerignore holds %q (%v), want %q", got, err, want)
	}
	if st, err := os.Stat(ign); err != nil || st.Mode().Perm() != 0o644 {
		t.Errorf("mode of .dockerignore: %v (%v), want 0644", st.Mode().Perm(), err)
	}
	if names := entries(t, dir); len(names) != 4 {
		t.Errorf("directory holds %v, want .dockerignore, .env, .git and Dockerfile", names)
	}
	if code, stdout, stderr := runInProcess("", "check", "--select", sel, p); code != exitOK {
		t.Errorf("after --fix: exit %d\n%s%s", code, stdout, stderr)
	}
}

// TestFixIgnoreFileTwoDockerfiles: two Dockerfiles sharing a context want
// different ignore files. The first (in path order) writes it; the second's
// are reported as not applied, and its Dockerfile's own fixes still are.
func TestFixIgnoreFileTwoDockerfiles(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		// a RUN calls git: .git stays; b excludes it
		"a.Dockerfile": "FROM alpine:3.20\nCOPY . /app\nRUN git log -1\n",
		"b.Dockerfile": "FROM alpine:3.20\nCOPY . /app\n",
		".git/HEAD":    "ref: refs/heads/main\n",
		"server.log":   "started\n",
	})
	t.Chdir(dir)
	code, _, stderr := runInProcess("", "check", "--select", "MissingDockerignore", "--fix", "a.Dockerfile", "b.Dockerfile")
	if code != exitError || !strings.Contains(stderr, "layerlint: b.Dockerfile: fixes of .dockerignore not applied: the fixes of another Dockerfile change it too; run check --fix again\n") {
		t.Errorf("exit %d, stderr:\n%s", code, stderr)
	}
	if got, _ := os.ReadFile(".dockerignore"); string(got) != "# Kept out of the build context: logs\n**/*.log\n" {
		t.Errorf(".dockerignore holds %q, want a.Dockerfile's", got)
	}
	// with --diff, the same file is printed once
	os.Remove(".dockerignore")
	code, stdout, _ := runInProcess("", "check", "--select", "MissingDockerignore", "--diff", "a.Dockerfile", "b.Dockerfile")
	if code != exitError || strings.Count(stdout, "+++ .dockerignore\n") != 1 {
		t.Errorf("--diff exits %d with\n%s", code, stdout)
	}
}

// TestFixIgnoreFileChangedMeanwhile: a file that changed on disk after the
// fixes read it is not overwritten.
func TestFixIgnoreFileChangedMeanwhile(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, ".dockerignore")
	os.WriteFile(p, []byte("*.log\nnew\n"), 0o644)
	err := writeOther(&otherFile{path: p, exists: true, orig: []byte("*.log\n"), src: []byte("*.log\n.env\n")})
	if err == nil {
		t.Error("no error writing over a file that changed")
	}
	if got, _ := os.ReadFile(p); string(got) != "*.log\nnew\n" {
		t.Errorf("file now holds %q", got)
	}
}

// TestFixStdinLeavesIgnoreFile: fixes of a Dockerfile read from standard
// input change no other file.
func TestFixStdinLeavesIgnoreFile(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{".env": "TOKEN=secret\n"})
	code, stdout, stderr := runInProcess("FROM alpine:3.20\nCOPY . /app\n", "check", "--select", "SecretInContext", "--context", dir, "--fix", "-")
	if code != exitFindings || stdout != "FROM alpine:3.20\nCOPY . /app\n" || !strings.Contains(stderr, "SecretInContext") {
		t.Errorf("exit %d\nstdout:\n%s\nstderr:\n%s", code, stdout, stderr)
	}
	if _, err := os.Lstat(filepath.Join(dir, ".dockerignore")); err == nil {
		t.Error("--fix - created .dockerignore")
	}
}
