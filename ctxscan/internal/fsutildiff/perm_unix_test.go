//go:build linux

package fsutildiff

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/layerlint/layerlint/ctxscan"
)

// TestPermissions: an unreadable directory fails the walk unless the ignore
// file excludes it (even when an exception makes the walk descend into it);
// excluding only something inside it does not help. Compared with fsutil.
// Root reads everything, so as root the test re-runs itself as nobody.
func TestPermissions(t *testing.T) {
	if os.Getuid() == 0 {
		if os.Getenv("CTXSCAN_AS_NOBODY") != "" {
			t.Fatal("still root")
		}
		dir, err := os.MkdirTemp("", "ctxscan-perm")
		must(t, err)
		defer os.RemoveAll(dir)
		must(t, os.Chmod(dir, 0o777))
		exe, err := os.Executable()
		must(t, err)
		// the test binary may sit in a directory nobody cannot read
		bin := filepath.Join(dir, "fsutildiff.test")
		data, err := os.ReadFile(exe)
		must(t, err)
		must(t, os.WriteFile(bin, data, 0o755))
		cmd := exec.Command(bin, "-test.run=^TestPermissions$", "-test.v")
		cmd.Env = append(os.Environ(), "CTXSCAN_AS_NOBODY=1", "TMPDIR="+dir)
		cmd.Dir = dir
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
		out, err := cmd.CombinedOutput()
		if err != nil || !strings.Contains(string(out), "--- PASS: TestPermissions") {
			t.Fatalf("as nobody: %v\n%s", err, out)
		}
		t.Logf("ran as nobody:\n%s", out)
		return
	}
	root, err := os.MkdirTemp("", "perm")
	must(t, err)
	defer func() {
		os.Chmod(filepath.Join(root, "secret"), 0o755)
		os.RemoveAll(root)
	}()
	must(t, os.WriteFile(filepath.Join(root, "app.js"), nil, 0o644))
	must(t, os.Mkdir(filepath.Join(root, "secret"), 0o755))
	must(t, os.WriteFile(filepath.Join(root, "secret", "x"), nil, 0o644))
	must(t, os.WriteFile(filepath.Join(root, "unreadable.txt"), nil, 0o000))
	must(t, os.Chmod(filepath.Join(root, "secret"), 0o000))
	for _, c := range []struct {
		ignore string
		fails  bool
	}{
		{"", true},
		{"secret\n", false},
		{"secret\n!secret/x\n", false},
		{"secret\n!**/x\n", false},
		{"secret/f\n", true},
		{"*\n!app.js\n", false},
	} {
		if d := compareWalk(root, []byte(c.ignore)); d != "" {
			t.Errorf("%q: %s", c.ignore, d)
		}
		_, _, err := ours(root, []byte(c.ignore), ctxscanOptions())
		if (err != nil) != c.fails {
			t.Errorf("%q: error %v, want failure %v", c.ignore, err, c.fails)
		}
		if err != nil && !strings.Contains(err.Error(), "secret") {
			t.Errorf("%q: the error does not name the directory: %v", c.ignore, err)
		}
	}
	// an unreadable context root: fsutil silently sends nothing; ctxscan
	// reports it, since every COPY would then fail
	must(t, os.Chmod(filepath.Join(root, "secret"), 0o755))
	must(t, os.Chmod(root, 0o300))
	defer os.Chmod(root, 0o755)
	if list, _, err := reference(root, nil); err != nil || len(list) != 0 {
		t.Errorf("fsutil on an unreadable root: %q %v", list, err)
	}
	if _, err := ctxscan.Open(root, ctxscan.Options{}); err == nil || !strings.Contains(err.Error(), "permission denied") {
		t.Errorf("ctxscan on an unreadable root: %v", err)
	}
}
