package main

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/layerlint/layerlint/dockerfile"
	"github.com/layerlint/layerlint/rules"
)

// entries lists the names in dir, to spot leftover temporary files.
func entries(t *testing.T, dir string) []string {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range es {
		names = append(names, e.Name())
	}
	return names
}

func TestWriteFileAtomicKeepsMode(t *testing.T) {
	for _, mode := range []os.FileMode{0o600, 0o640, 0o755} {
		dir := t.TempDir()
		p := filepath.Join(dir, "Dockerfile")
		if err := os.WriteFile(p, []byte("old\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Chmod(p, mode); err != nil {
			t.Fatal(err)
		}
		if err := writeFileAtomic(p, []byte("new\n")); err != nil {
			t.Fatal(err)
		}
		got, _ := os.ReadFile(p)
		st, _ := os.Stat(p)
		if string(got) != "new\n" || st.Mode().Perm() != mode {
			t.Errorf("after write: %q mode %v, want %q mode %v", got, st.Mode().Perm(), "new\n", mode)
		}
		if names := entries(t, dir); len(names) != 1 {
			t.Errorf("directory holds %v, want only Dockerfile", names)
		}
	}
}

func TestWriteFileAtomicFollowsSymlink(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("symbolic links need privileges on Windows")
	}
	dir := t.TempDir()
	real := filepath.Join(dir, "real.Dockerfile")
	link := filepath.Join(dir, "Dockerfile")
	os.WriteFile(real, []byte("old\n"), 0o644)
	if err := os.Symlink("real.Dockerfile", link); err != nil {
		t.Fatal(err)
	}
	if err := writeFileAtomic(link, []byte("new\n")); err != nil {
		t.Fatal(err)
	}
	if st, _ := os.Lstat(link); st.Mode()&os.ModeSymlink == 0 {
		t.Errorf("the link was replaced by a regular file")
	}
	if got, _ := os.ReadFile(real); string(got) != "new\n" {
		t.Errorf("target holds %q, want the new text", got)
	}
}

// TestWriteFileAtomicFailure makes the flush fail after the temporary file
// was written: the original must be untouched and no temporary file left.
func TestWriteFileAtomicFailure(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "Dockerfile")
	os.WriteFile(p, []byte("original\n"), 0o644)
	defer failSync()()
	err := writeFileAtomic(p, []byte("replacement\n"))
	if err == nil {
		t.Fatal("no error from a failing sync")
	}
	if got, _ := os.ReadFile(p); string(got) != "original\n" {
		t.Errorf("original now holds %q", got)
	}
	if names := entries(t, dir); len(names) != 1 {
		t.Errorf("directory holds %v, want only Dockerfile", names)
	}
}

// TestWriteFileAtomicReadOnlyDir cannot create the temporary file.
func TestWriteFileAtomicReadOnlyDir(t *testing.T) {
	if runtime.GOOS == "windows" || os.Geteuid() == 0 {
		t.Skip("needs a non-root Unix user: root writes into read-only directories")
	}
	dir := t.TempDir()
	p := filepath.Join(dir, "Dockerfile")
	os.WriteFile(p, []byte("original\n"), 0o644)
	os.Chmod(dir, 0o555)
	defer os.Chmod(dir, 0o755)
	if err := writeFileAtomic(p, []byte("replacement\n")); err == nil {
		t.Fatal("no error writing into a read-only directory")
	}
	if got, _ := os.ReadFile(p); string(got) != "original\n" {
		t.Errorf("original now holds %q", got)
	}
}

var errDiskFull = errors.New("simulated disk failure")

// failSync makes syncFile fail and returns the function restoring it.
func failSync() func() {
	old := syncFile
	syncFile = func(*os.File) error { return errDiskFull }
	return func() { syncFile = old }
}

// fixableCase finds a registered rule whose documented bad example carries a
// safe fix, and returns that example; it skips the test when there is none.
func fixableCase(t *testing.T) (*rules.Rule, string) {
	t.Helper()
	for _, r := range rules.All() {
		if r.Doc.Bad == "" {
			continue
		}
		f := dockerfile.Parse("Dockerfile", []byte(r.Doc.Bad))
		for _, d := range rules.Lint(f, &rules.Config{Enable: []string{r.ID}}) {
			if d.Rule != r.ID {
				continue
			}
			for _, fx := range d.Fixes {
				if fx.Safe {
					return r, r.Doc.Bad
				}
			}
		}
	}
	t.Skip("no registered rule has a safe fix for its documented bad example yet; --fix is tested once one lands")
	return nil, ""
}

// countRule counts findings of rule id in src.
func countRule(src []byte, id string) int {
	n := 0
	for _, d := range rules.Lint(dockerfile.Parse("Dockerfile", src), &rules.Config{Enable: []string{id}}) {
		if d.Rule == id {
			n++
		}
	}
	return n
}

// TestFixInPlace runs --fix on a file: the file changes, keeps its mode, and
// its fixed findings are gone from the report.
func TestFixInPlace(t *testing.T) {
	r, bad := fixableCase(t)
	dir := t.TempDir()
	p := filepath.Join(dir, "Dockerfile")
	os.WriteFile(p, []byte(bad), 0o644)
	os.Chmod(p, 0o640)
	code, stdout, stderr := runInProcess("", "check", "--fix", "--enable", r.ID, "--fail-level", "none", p)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	got, _ := os.ReadFile(p)
	if string(got) == bad {
		t.Fatalf("--fix left %s's example unchanged", r.ID)
	}
	if st, _ := os.Stat(p); st.Mode().Perm() != 0o640 {
		t.Errorf("mode %v after --fix, want 0640", st.Mode().Perm())
	}
	if countRule(got, r.ID) >= countRule([]byte(bad), r.ID) {
		t.Errorf("%s still reports as much after --fix:\n%s", r.ID, got)
	}
	if !strings.Contains(stderr, "fixed ") {
		t.Errorf("stderr %q does not say what was fixed", stderr)
	}
	if len(dockerfile.Parse(p, got).Errors) > 0 {
		t.Errorf("fixed file does not parse:\n%s", got)
	}
	if names := entries(t, dir); len(names) != 1 {
		t.Errorf("directory holds %v, want only Dockerfile", names)
	}
	_ = stdout
}

// TestFixWriteFailure: when the fixed file cannot be written the original is
// untouched, the error names the file, and the exit code is 2.
func TestFixWriteFailure(t *testing.T) {
	r, bad := fixableCase(t)
	dir := t.TempDir()
	p := filepath.Join(dir, "Dockerfile")
	os.WriteFile(p, []byte(bad), 0o644)
	defer failSync()()
	code, _, stderr := runInProcess("", "check", "--fix", "--enable", r.ID, p)
	if code != exitError {
		t.Errorf("exit %d, want 2", code)
	}
	if want := "layerlint: " + p + ": writing fixes: " + errDiskFull.Error() + "\n"; !strings.Contains(stderr, want) {
		t.Errorf("stderr %q lacks %q", stderr, want)
	}
	if got, _ := os.ReadFile(p); string(got) != bad {
		t.Errorf("original changed to %q", got)
	}
	if names := entries(t, dir); len(names) != 1 {
		t.Errorf("directory holds %v, want only Dockerfile", names)
	}
}

// TestFixStdin prints the fixed text on stdout and the report on stderr,
// through the built binary.
func TestFixStdin(t *testing.T) {
	r, bad := fixableCase(t)
	code, stdout, stderr := runBinary(t, t.TempDir(), bad, nil, "check", "--fix", "--enable", r.ID, "--fail-level", "none", "-")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	want, _, _ := fixRounds(dockerfile.Parse("<stdin>", []byte(bad)), rules.Lint(dockerfile.Parse("<stdin>", []byte(bad)), &rules.Config{Enable: []string{r.ID}}), &rules.Config{Enable: []string{r.ID}})
	if stdout != string(want.Src) || stdout == bad {
		t.Errorf("stdout:\n%s\nwant the fixed text:\n%s", stdout, want.Src)
	}
	if !strings.Contains(stderr, "problem") {
		t.Errorf("stderr %q has no summary", stderr)
	}
}

// TestFixNothingToFix leaves a file without fixable findings untouched
// (same inode: no rewrite).
func TestFixNothingToFix(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "Dockerfile")
	os.WriteFile(p, []byte("FORM alpine\n"), 0o644)
	before, _ := os.Stat(p)
	code, _, stderr := runInProcess("", "check", "--fix", p)
	if code != exitFindings {
		t.Errorf("exit %d, want 1 (the parse error remains): %s", code, stderr)
	}
	after, _ := os.Stat(p)
	if !os.SameFile(before, after) {
		t.Errorf("the file was rewritten although nothing was fixed")
	}
	if strings.Contains(stderr, "fixed") {
		t.Errorf("stderr %q claims fixes", stderr)
	}
}

// TestCreateFileAtomic: a new file gets exactly the mode asked for and its
// content; an existing one is left alone with an error; no temporary file
// is left either way.
func TestCreateFileAtomic(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, ".dockerignore")
	if err := createFileAtomic(p, []byte(".git\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(p)
	st, _ := os.Stat(p)
	if string(got) != ".git\n" || st.Mode().Perm() != 0o644 {
		t.Errorf("created %q mode %v, want %q mode 0644", got, st.Mode().Perm(), ".git\n")
	}
	if err := createFileAtomic(p, []byte("other\n"), 0o644); !errors.Is(err, fs.ErrExist) {
		t.Errorf("creating over an existing file: %v, want an error saying it exists", err)
	}
	if got, _ := os.ReadFile(p); string(got) != ".git\n" {
		t.Errorf("the existing file now holds %q", got)
	}
	defer failSync()()
	q := filepath.Join(dir, "new")
	if err := createFileAtomic(q, []byte("x\n"), 0o644); err == nil {
		t.Error("no error from a failing sync")
	}
	if names := entries(t, dir); len(names) != 1 || names[0] != ".dockerignore" {
		t.Errorf("directory holds %v, want only .dockerignore", names)
	}
}
