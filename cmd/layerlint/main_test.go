package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
)

// binary is the layerlint executable TestMain builds for end-to-end tests.
var binary string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "layerlint-test-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	binary = filepath.Join(dir, "layerlint")
	if runtime.GOOS == "windows" {
		binary += ".exe"
	}
	build := exec.Command(goTool(), "build", "-o", binary, ".")
	build.Stderr = os.Stderr
	if err := build.Run(); err != nil {
		fmt.Fprintln(os.Stderr, "building layerlint:", err)
		os.RemoveAll(dir)
		os.Exit(2)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// script is one testdata/cli/*.txtar case. Its comment holds directives, one
// a line ('#' lines are comments):
//
//	layerlint ARGS...   the command (words split on spaces; '...' quotes)
//	exit N              the expected exit code (default 0)
//	env KEY=VALUE       set in the environment of the command
//	tty                 pretend stdout is a terminal (in-process run only)
//	chmod MODE PATH     change a file's mode before the command
//
// Its files are written to a fresh directory the command runs in, except
// "stdin" (the command's standard input), "stdout" and "stderr" (the exact
// expected output; a missing section expects nothing) and "want/PATH" (the
// expected content of PATH after the command).
type script struct {
	args   []string
	exit   int
	env    []string
	tty    bool
	chmods [][2]string
	files  map[string]string
	order  []string // file names in archive order
	stdin  string
	stdout string
	stderr string
	want   map[string]string
}

func loadScript(t *testing.T, file string) *script {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	a := parseArchive(data)
	s := &script{files: map[string]string{}, want: map[string]string{}}
	for _, line := range strings.Split(a.comment, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		verb, rest, _ := strings.Cut(line, " ")
		switch verb {
		case "layerlint":
			if s.args != nil {
				t.Fatalf("%s: more than one command", file)
			}
			s.args = splitWords(t, rest)
		case "exit":
			n, err := strconv.Atoi(rest)
			if err != nil {
				t.Fatalf("%s: bad exit line %q", file, line)
			}
			s.exit = n
		case "env":
			s.env = append(s.env, rest)
		case "tty":
			s.tty = true
		case "chmod":
			mode, path, ok := strings.Cut(rest, " ")
			if !ok {
				t.Fatalf("%s: bad chmod line %q", file, line)
			}
			s.chmods = append(s.chmods, [2]string{mode, path})
		default:
			t.Fatalf("%s: unknown directive %q", file, line)
		}
	}
	if s.args == nil {
		t.Fatalf("%s: no layerlint command", file)
	}
	for _, f := range a.files {
		switch {
		case f.name == "stdin":
			s.stdin = f.data
		case f.name == "stdout":
			s.stdout = f.data
		case f.name == "stderr":
			s.stderr = f.data
		case strings.HasPrefix(f.name, "want/"):
			s.want[strings.TrimPrefix(f.name, "want/")] = f.data
		default:
			s.files[f.name] = f.data
			s.order = append(s.order, f.name)
		}
	}
	return s
}

// splitWords splits on spaces; single quotes group words and are removed.
func splitWords(t *testing.T, s string) []string {
	var words []string
	var cur strings.Builder
	inWord, quoted := false, false
	for _, c := range s {
		switch {
		case c == '\'':
			quoted = !quoted
			inWord = true
		case c == ' ' && !quoted:
			if inWord {
				words = append(words, cur.String())
				cur.Reset()
				inWord = false
			}
		default:
			cur.WriteRune(c)
			inWord = true
		}
	}
	if quoted {
		t.Fatalf("unterminated quote in %q", s)
	}
	if inWord {
		words = append(words, cur.String())
	}
	if words == nil {
		words = []string{}
	}
	return words
}

// setup writes the script's files into a new directory and returns it.
func (s *script) setup(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for _, name := range s.order {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(s.files[name]), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, c := range s.chmods {
		mode, err := strconv.ParseUint(c[0], 8, 32)
		if err != nil {
			t.Fatalf("bad mode %q", c[0])
		}
		if err := os.Chmod(filepath.Join(dir, filepath.FromSlash(c[1])), os.FileMode(mode)); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// check compares what the command did with what the script expects.
func (s *script) check(t *testing.T, dir string, code int, stdout, stderr string) {
	t.Helper()
	if stdout != s.stdout {
		t.Errorf("stdout:\n%s\nwant:\n%s", stdout, s.stdout)
	}
	if stderr != s.stderr {
		t.Errorf("stderr:\n%s\nwant:\n%s", stderr, s.stderr)
	}
	if code != s.exit {
		t.Errorf("exit code %d, want %d", code, s.exit)
	}
	for name, want := range s.want {
		got, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(name)))
		if err != nil {
			t.Errorf("after the command: %v", err)
			continue
		}
		if string(got) != want {
			t.Errorf("%s after the command:\n%s\nwant:\n%s", name, got, want)
		}
	}
}

// TestScripts runs each testdata/cli script twice: in-process through run,
// and through the built binary.
func TestScripts(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("..", "..", "testdata", "cli", "*.txtar"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no scripts in testdata/cli: %v", err)
	}
	for _, file := range files {
		name := strings.TrimSuffix(filepath.Base(file), ".txtar")
		t.Run(name, func(t *testing.T) {
			s := loadScript(t, file)
			t.Run("run", func(t *testing.T) {
				dir := s.setup(t)
				t.Chdir(dir)
				if s.tty {
					t.Setenv("NO_COLOR", "") // colour unless the script says otherwise
				}
				for _, kv := range s.env {
					k, v, _ := strings.Cut(kv, "=")
					t.Setenv(k, v)
				}
				if s.tty {
					defer setTerminal(true)()
				}
				var stdout, stderr bytes.Buffer
				code := run(s.args, strings.NewReader(s.stdin), &stdout, &stderr)
				s.check(t, dir, code, stdout.String(), stderr.String())
			})
			t.Run("binary", func(t *testing.T) {
				if s.tty {
					t.Skip("the binary's stdout cannot be made a terminal here")
				}
				dir := s.setup(t)
				code, stdout, stderr := runBinary(t, dir, s.stdin, s.env, s.args...)
				s.check(t, dir, code, stdout, stderr)
			})
		})
	}
}

// setTerminal makes isTerminal answer v and returns the function restoring it.
func setTerminal(v bool) func() {
	old := isTerminal
	isTerminal = func(io.Writer) bool { return v }
	return func() { isTerminal = old }
}

// runBinary runs the built layerlint in dir and returns its exit code and output.
func runBinary(t *testing.T, dir, stdin string, env []string, args ...string) (int, string, string) {
	t.Helper()
	cmd := exec.Command(binary, args...)
	cmd.Dir = dir
	cmd.Stdin = strings.NewReader(stdin)
	cmd.Env = append(os.Environ(), env...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return code, stdout.String(), stderr.String()
}

// runInProcess calls run with the given stdin and returns its exit code and output.
func runInProcess(stdin string, args ...string) (int, string, string) {
	var stdout, stderr bytes.Buffer
	code := run(args, strings.NewReader(stdin), &stdout, &stderr)
	return code, stdout.String(), stderr.String()
}

// goTool finds the go command that runs the tests.
func goTool() string {
	if p, err := exec.LookPath("go"); err == nil {
		return p
	}
	return filepath.Join(runtime.GOROOT(), "bin", "go")
}

// execOutput runs a command and returns its combined output.
func execOutput(name string, args ...string) (string, error) {
	out, err := exec.Command(name, args...).CombinedOutput()
	return string(out), err
}
