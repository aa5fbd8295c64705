package rules_test

import (
	"flag"
	"reflect"
	"testing"

	"github.com/layerlint/layerlint/rules"
	"github.com/layerlint/layerlint/shellcheck"
)

// TestShellCheckRecording checks that the recorded shellcheck output the
// ShellCheck tests replay is what the installed shellcheck reports, and
// rewrites the recording with -update.
func TestShellCheckRecording(t *testing.T) {
	sc, ok := shellcheck.New()
	if !ok {
		t.Skip("no shellcheck on PATH")
	}
	scripts, exclude := rules.ShellScriptsForTest()
	res, err := sc.CheckShell(scripts, exclude)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string][]rules.ShellComment{}
	for i, s := range scripts {
		got[rules.ShellRecordKey(s)] = res[i]
	}
	if f := flag.Lookup("update"); f != nil && f.Value.String() == "true" {
		if err := rules.WriteShellRecordForTest(got); err != nil {
			t.Fatal(err)
		}
		return
	}
	want := rules.ReadShellRecordForTest()
	if !reflect.DeepEqual(got, want) {
		t.Errorf("shellcheck %s reports differently from testdata/ShellCheck/recorded.json; review and run go test ./rules -run 'TestShellCheckRecording|TestRuleTestdata' -update", sc.Version())
	}
}
