package lsp

import (
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sync"
	"testing"
	"time"

	"go.lsp.dev/protocol"
)

var (
	buildOnce sync.Once
	binPath   string
	buildErr  error
)

// layerlintBinary builds cmd/layerlint once per test run.
func layerlintBinary(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds the binary")
	}
	buildOnce.Do(func() {
		dir, err := os.MkdirTemp("", "layerlint-lsp-test")
		if err != nil {
			buildErr = err
			return
		}
		binPath = filepath.Join(dir, "layerlint")
		goTool := filepath.Join(runtime.GOROOT(), "bin", "go")
		out, err := exec.Command(goTool, "build", "-o", binPath, "github.com/layerlint/layerlint/cmd/layerlint").CombinedOutput()
		if err != nil {
			buildErr = errors.New(string(out))
		}
	})
	if buildErr != nil {
		t.Fatalf("building layerlint: %v", buildErr)
	}
	return binPath
}

type procRWC struct {
	io.Reader
	io.WriteCloser
}

// spawn starts "layerlint lsp" and connects a test client to its stdio.
func spawn(t *testing.T, args ...string) (*testClient, *exec.Cmd) {
	t.Helper()
	cmd := exec.Command(layerlintBinary(t), append([]string{"lsp"}, args...)...)
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = &syncBuffer{}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan int, 1)
	go func() {
		err := cmd.Wait()
		var ee *exec.ExitError
		switch {
		case err == nil:
			done <- 0
		case errors.As(err, &ee):
			done <- ee.ExitCode()
		default:
			done <- -1
		}
	}()
	t.Cleanup(func() {
		if cmd.ProcessState == nil {
			_ = cmd.Process.Kill()
		}
		if t.Failed() {
			t.Logf("server stderr:\n%s", cmd.Stderr)
		}
	})
	return newTestClient(t, procRWC{stdout, stdin}, done), cmd
}

func TestBinarySession(t *testing.T) {
	c, _ := spawn(t, "--stdio")
	start := time.Now()
	c.initialize(defaultCaps(), onlyRules("ParseError"))
	c.open(docURI, badHeredoc)
	p := c.diagnostics(docURI, 1)
	t.Logf("initialize → first diagnostics: %v", time.Since(start))
	if !hasCode(p, "ParseError") {
		t.Errorf("codes %v", codes(p))
	}
	c.changeRange(docURI, 2, rng(3, 0, 3, 0), "EOF\n")
	if p := c.diagnostics(docURI, 2); hasCode(p, "ParseError") {
		t.Errorf("after the fix: %v", codes(p))
	}
	if h := hover(t, c, docURI, pos(1, 1)); h == "" {
		t.Errorf("no hover")
	}
	if code := c.shutdownExit(); code != 0 {
		t.Errorf("exit code %d after shutdown and exit, want 0", code)
	}
}

func TestBinaryExitCodes(t *testing.T) {
	t.Run("exit without shutdown", func(t *testing.T) {
		c, _ := spawn(t)
		c.initialize(defaultCaps(), "")
		c.notify(protocol.MethodExit, nil)
		if code := c.exitCode(); code != 1 {
			t.Errorf("exit code %d, want 1", code)
		}
	})
	t.Run("stdin closed", func(t *testing.T) {
		c, _ := spawn(t)
		c.initialize(defaultCaps(), "")
		_ = c.conn.Close()
		if code := c.exitCode(); code != 1 {
			t.Errorf("exit code %d, want 1", code)
		}
	})
	t.Run("usage error", func(t *testing.T) {
		out, err := exec.Command(layerlintBinary(t), "lsp", "--no-such-flag").CombinedOutput()
		var ee *exec.ExitError
		if !errors.As(err, &ee) || ee.ExitCode() != 2 {
			t.Errorf("exit %v, want 2; output %s", err, out)
		}
	})
}
