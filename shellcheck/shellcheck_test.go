package shellcheck

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/layerlint/layerlint/rules"
)

func TestCheckShellBatches(t *testing.T) {
	c, ok := New()
	if !ok {
		t.Skip("no shellcheck on PATH")
	}
	c.PerProc = 2 // force a pool of processes
	var scripts []rules.ShellScript
	for i := 0; i < 9; i++ {
		scripts = append(scripts, rules.ShellScript{Dialect: "sh", Text: fmt.Sprintf("cd /tmp%d\necho ok\n", i)})
	}
	scripts = append(scripts,
		rules.ShellScript{Dialect: "bash", Text: "[[ -d /tmp ]] && echo yes\n"},
		rules.ShellScript{Dialect: "sh", Text: "[[ -d /tmp ]] && echo yes\n"},
		rules.ShellScript{Dialect: "dash", Text: "echo \"$undefined_x\"\n"},
	)
	res, err := c.CheckShell(scripts, []int{2154})
	if err != nil {
		t.Fatal(err)
	}
	if len(res) != len(scripts) {
		t.Fatalf("got %d results for %d scripts", len(res), len(scripts))
	}
	for i := 0; i < 9; i++ {
		if len(res[i]) != 1 || res[i][0].Code != 2164 || res[i][0].Line != 1 || res[i][0].Column != 1 || res[i][0].EndColumn != 8+len(fmt.Sprint(i)) {
			t.Errorf("script %d: %+v", i, res[i])
		}
	}
	if len(res[9]) != 0 {
		t.Errorf("bash script: %+v", res[9])
	}
	if len(res[10]) != 1 || res[10][0].Code != 3010 {
		t.Errorf("sh script: %+v", res[10])
	}
	if len(res[11]) != 0 {
		t.Errorf("excluded code reported: %+v", res[11])
	}
}

// A stand-in binary checks how output is read without shellcheck installed.
func TestCheckShellFakeBinary(t *testing.T) {
	dir := t.TempDir()
	fake := filepath.Join(dir, "shellcheck")
	script := `#!/bin/sh
for last; do :; done
printf '{"comments":[{"file":"%s","line":1,"endLine":1,"column":2,"endColumn":4,"level":"style","code":2001,"message":"See if you can use x.","fix":{"replacements":[{"line":1,"column":2,"endLine":1,"endColumn":4,"replacement":"y"}]}}]}' "$last"
exit 1
`
	if err := os.WriteFile(fake, []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat("/bin/sh"); err != nil {
		t.Skip("no /bin/sh")
	}
	c := &Checker{Path: fake}
	res, err := c.CheckShell([]rules.ShellScript{{Text: "a"}, {Text: "b"}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(res[0]) != 0 || len(res[1]) != 1 {
		t.Fatalf("results %+v", res)
	}
	got := res[1][0]
	if got.Code != 2001 || got.Level != "style" || got.Column != 2 || got.EndColumn != 4 || len(got.Fix) != 1 || got.Fix[0].Text != "y" {
		t.Errorf("comment %+v", got)
	}

	// a binary that fails without a report is an error, not an empty result
	if err := os.WriteFile(fake, []byte("#!/bin/sh\necho broken >&2\nexit 3\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	if _, err := c.CheckShell([]rules.ShellScript{{Text: "c"}}, nil); err == nil {
		t.Error("want an error from a failing binary")
	}

	// scripts checked before are answered from the cache, without a process
	res, err = c.CheckShell([]rules.ShellScript{{Text: "b"}, {Text: "a"}}, nil)
	if err != nil || len(res[0]) != 1 || len(res[1]) != 0 {
		t.Errorf("cached results: %+v, %v", res, err)
	}
	if _, err := c.CheckShell([]rules.ShellScript{{Text: "b"}}, []int{2001}); err == nil {
		t.Error("other exclusions must not be answered from the cache")
	}
}
