package rules

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"

	"github.com/layerlint/layerlint/dockerfile"
)

// Tests check the ShellCheck rule against recorded shellcheck output
// (testdata/ShellCheck/recorded.json), so that they pass the same way with
// any shellcheck version, or none. TestShellCheckRecording (in the external
// test package) verifies the recording against the installed binary and
// rewrites it with -update.

const shellRecordFile = "testdata/ShellCheck/recorded.json"

// ShellRecordKey identifies one script of a CheckShell call. The exclusions
// are left out: the rule filters its option's exclusions itself, so the
// recording (made with the fixed exclusions) serves every option.
func ShellRecordKey(s ShellScript) string {
	h := sha256.New()
	fmt.Fprintf(h, "%s\x00%s", s.Dialect, s.Text)
	return hex.EncodeToString(h.Sum(nil))[:24]
}

// replayChecker answers CheckShell from a recording.
type replayChecker map[string][]ShellComment

func (r replayChecker) CheckShell(scripts []ShellScript, _ []int) ([][]ShellComment, error) {
	out := make([][]ShellComment, len(scripts))
	for i, s := range scripts {
		cs, ok := r[ShellRecordKey(s)]
		if !ok {
			return nil, fmt.Errorf("script %d not recorded (run go test ./rules -run TestShellCheckRecording -update)", i)
		}
		out[i] = cs
	}
	return out, nil
}

func init() {
	rec := replayChecker{}
	if b, err := os.ReadFile(shellRecordFile); err == nil {
		_ = json.Unmarshal(b, &rec)
	}
	testShellChecker = rec
}

// ShellScriptsForTest returns the scripts and exclusions the ShellCheck rule
// hands to its checker for the testdata files and the documentation examples.
func ShellScriptsForTest() ([]ShellScript, []int) {
	var srcs [][]byte
	files, _ := filepath.Glob("testdata/ShellCheck/*.Dockerfile")
	for _, fn := range files {
		b, _ := os.ReadFile(fn)
		srcs = append(srcs, b)
	}
	srcs = append(srcs, []byte(ShellCheck.Doc.Bad), []byte(ShellCheck.Doc.Good))
	var all []ShellScript
	var exclude []int
	for _, src := range srcs {
		c := &collectChecker{}
		checkShell(dockerfile.Parse("t", src), c, ShellCheck.Doc.Options)
		all = append(all, c.scripts...)
		exclude = c.exclude
	}
	return all, exclude
}

// WriteShellRecordForTest stores a recording.
func WriteShellRecordForTest(rec map[string][]ShellComment) error {
	b, err := json.MarshalIndent(rec, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(shellRecordFile, append(b, '\n'), 0o644)
}

// ReadShellRecordForTest loads the recording.
func ReadShellRecordForTest() map[string][]ShellComment {
	rec := map[string][]ShellComment{}
	if b, err := os.ReadFile(shellRecordFile); err == nil {
		_ = json.Unmarshal(b, &rec)
	}
	return rec
}

type collectChecker struct {
	scripts []ShellScript
	exclude []int
}

func (c *collectChecker) CheckShell(scripts []ShellScript, exclude []int) ([][]ShellComment, error) {
	c.scripts, c.exclude = append(c.scripts, scripts...), exclude
	return make([][]ShellComment, len(scripts)), nil
}
