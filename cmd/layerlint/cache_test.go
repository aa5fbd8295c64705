package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestCacheScripts runs the testdata/cache/cli scripts of 'layerlint
// cache', in the notation of testdata/cli (see script), in-process.
func TestCacheScripts(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("..", "..", "testdata", "cache", "cli", "*.txtar"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no scripts in testdata/cache/cli: %v", err)
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			s := loadScript(t, file)
			dir := s.setup(t)
			t.Chdir(dir)
			for _, kv := range s.env {
				k, v, _ := strings.Cut(kv, "=")
				t.Setenv(k, v)
			}
			var stdout, stderr bytes.Buffer
			code := run(s.args, strings.NewReader(s.stdin), &stdout, &stderr)
			s.check(t, dir, code, stdout.String(), stderr.String())
		})
	}
}

// TestCacheSince drives --since in a real repository: a committed project,
// then an edited source file, an untracked file, an ignored one, a file
// outside the context and an edited Dockerfile.
func TestCacheSince(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git not installed")
	}
	repo := t.TempDir()
	gitRun := func(args ...string) {
		t.Helper()
		cmd := exec.Command("git", args...)
		cmd.Dir = repo
		cmd.Env = append(os.Environ(), "GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@example.com",
			"GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@example.com", "GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_NOSYSTEM=1")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
		}
	}
	write := func(p, data string) {
		t.Helper()
		full := filepath.Join(repo, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("README.md", "top level, outside the context\n")
	write("svc/Dockerfile", "FROM node:20 AS build\nWORKDIR /app\nCOPY package.json ./\nRUN npm install\nCOPY src/ ./src/\nRUN npm run build\n\nFROM nginx\nCOPY --from=build /app/dist /usr/share/nginx/html\n")
	write("svc/package.json", "{}\n")
	write("svc/src/a.ts", "a\n")
	write("svc/src/b.ts", "b\n")
	write(".gitignore", "*.log\n")
	gitRun("init", "-q")
	gitRun("add", ".")
	gitRun("commit", "-q", "-m", "init")

	since := func(args ...string) (int, string, string) {
		t.Helper()
		t.Chdir(repo)
		var stdout, stderr bytes.Buffer
		code := run(append([]string{"cache", "--context", "svc", "--format", "json"}, args...), strings.NewReader(""), &stdout, &stderr)
		return code, stdout.String(), stderr.String()
	}
	first := func(out string) string {
		// the first firstInvalidated line of each stage, compactly
		var lines []string
		for _, l := range strings.Split(out, "\n") {
			if strings.Contains(l, `"firstInvalidated": null`) {
				lines = append(lines, "cached")
			}
			if strings.Contains(l, `"firstInvalidated": {`) {
				lines = append(lines, "miss")
			}
			if strings.HasPrefix(strings.TrimSpace(l), `"line"`) && len(lines) > 0 && strings.HasSuffix(lines[len(lines)-1], "miss") {
				lines[len(lines)-1] += " " + strings.Trim(strings.TrimSpace(l), `"line:, `)
			}
		}
		return strings.Join(lines, "; ")
	}

	if code, out, errs := since("--since", "HEAD"); code != 0 || first(out) != "cached; cached" {
		t.Fatalf("clean tree: exit %d, %s %s", code, first(out), errs)
	}
	write("README.md", "edited, but outside the context\n")
	write("svc/debug.log", "ignored by git, yet in the build context\n")
	if code, out, errs := since("--since", "HEAD"); code != 0 || first(out) != "cached; cached" {
		t.Fatalf("outside and git-ignored edits: exit %d, %s %s", code, first(out), errs)
	}
	write("svc/src/b.ts", "b edited\n")
	if code, out, errs := since("--since", "HEAD"); code != 0 || first(out) != "miss 5; miss 9" {
		t.Fatalf("edited source: exit %d, %s %s\n%s", code, first(out), errs, out)
	}
	gitRun("checkout", "--", "svc/src/b.ts")
	write("svc/src/c.ts", "untracked\n")
	if code, out, errs := since("--since", "HEAD"); code != 0 || first(out) != "miss 5; miss 9" {
		t.Fatalf("untracked source: exit %d, %s %s", code, first(out), errs)
	}
	os.Remove(filepath.Join(repo, "svc/src/c.ts"))
	// a Dockerfile edit: the first changed instruction and what follows
	write("svc/Dockerfile", "FROM node:20 AS build\nWORKDIR /app\nCOPY package.json ./\nRUN npm install --omit=dev\nCOPY src/ ./src/\nRUN npm run build\n\nFROM nginx\nCOPY --from=build /app/dist /usr/share/nginx/html\n")
	if code, out, errs := since("--since", "HEAD"); code != 0 || first(out) != "miss 4; miss 9" {
		t.Fatalf("edited Dockerfile: exit %d, %s %s\n%s", code, first(out), errs, out)
	}
	if code, _, errs := since("--since", "no-such-ref"); code != 2 || !strings.Contains(errs, "--since: git diff") {
		t.Fatalf("bad ref: exit %d, %q", code, errs)
	}
}
