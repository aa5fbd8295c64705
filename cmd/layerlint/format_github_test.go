package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/goccy/go-yaml"
)

func TestGitHubEscaping(t *testing.T) {
	for _, tc := range []struct{ in, data, prop string }{
		{"plain", "plain", "plain"},
		{"100%", "100%25", "100%25"},
		{"a\r\nb", "a%0D%0Ab", "a%0D%0Ab"},
		{"k: v, w", "k: v, w", "k%3A v%2C w"},
		{"%0A", "%250A", "%250A"}, // escaped once, so the runner does not unescape it
	} {
		if got := escapeGitHubData(tc.in); got != tc.data {
			t.Errorf("data %q: %q, want %q", tc.in, got, tc.data)
		}
		if got := escapeGitHubProperty(tc.in); got != tc.prop {
			t.Errorf("property %q: %q, want %q", tc.in, got, tc.prop)
		}
	}
}

// TestActionDefinition checks that action.yml is a composite action whose
// run step hands every input to run.sh.
func TestActionDefinition(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "..", "action.yml"))
	if err != nil {
		t.Fatal(err)
	}
	var a struct {
		Inputs map[string]struct {
			Description string `yaml:"description"`
			Default     string `yaml:"default"`
		} `yaml:"inputs"`
		Runs struct {
			Using string `yaml:"using"`
			Steps []struct {
				ID  string            `yaml:"id"`
				Env map[string]string `yaml:"env"`
				Run string            `yaml:"run"`
			} `yaml:"steps"`
		} `yaml:"runs"`
	}
	if err := yaml.Unmarshal(data, &a); err != nil {
		t.Fatal(err)
	}
	if a.Runs.Using != "composite" {
		t.Errorf("runs.using %q", a.Runs.Using)
	}
	var env map[string]string
	for _, s := range a.Runs.Steps {
		if s.ID == "lint" {
			env = s.Env
			if !strings.Contains(s.Run, `"$GITHUB_ACTION_PATH/.github/action/run.sh"`) {
				t.Errorf("the lint step runs %q", s.Run)
			}
		}
	}
	for _, in := range []string{"paths", "config", "fail-level", "sarif-file"} {
		if a.Inputs[in].Description == "" {
			t.Errorf("input %s is not described", in)
		}
		name := "INPUT_" + strings.ToUpper(strings.ReplaceAll(in, "-", "_"))
		if env[name] != "${{ inputs."+in+" }}" {
			t.Errorf("the lint step sets %s to %q", name, env[name])
		}
	}
}

// TestActionScript runs .github/action/run.sh as the runner would, with
// GITHUB_ACTION_PATH at this repository: it builds layerlint with go
// install, annotates, writes SARIF, the outputs and the step summary, and
// exits with layerlint's code.
func TestActionScript(t *testing.T) {
	if _, err := exec.LookPath("bash"); err != nil {
		t.Skip("bash is not installed")
	}
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	work := t.TempDir()
	writeFiles(t, work, map[string]string{
		"services/api/Dockerfile": pipDockerfile,
		"ci/layerlint.yaml":       "rules: {PackageCacheNotCleaned: error}\n",
		"other/Dockerfile":        pipDockerfile,
	})
	runner := t.TempDir()
	action := func(inputs map[string]string) (int, string, string) {
		t.Helper()
		cmd := exec.Command("bash", filepath.Join(root, ".github", "action", "run.sh"))
		cmd.Dir = work
		cmd.Env = append(os.Environ(),
			"GITHUB_ACTION_PATH="+root,
			"RUNNER_TEMP="+runner,
			"GITHUB_OUTPUT="+filepath.Join(runner, "output"),
			"GITHUB_STEP_SUMMARY="+filepath.Join(runner, "summary.md"),
			"LAYERLINT_CONFIG=", "LAYERLINT_FORMAT=",
		)
		for k, v := range inputs {
			cmd.Env = append(cmd.Env, "INPUT_"+k+"="+v)
		}
		var stdout, stderr strings.Builder
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

	code, stdout, stderr := action(map[string]string{
		"PATHS":      "services\n  other/Dockerfile",
		"CONFIG":     "ci/layerlint.yaml",
		"FAIL_LEVEL": "error",
		"SARIF_FILE": "reports/layerlint.sarif",
	})
	if code != exitFindings {
		t.Fatalf("exit %d, want 1\nstdout:\n%s\nstderr:\n%s", code, stdout, stderr)
	}
	for _, want := range []string{
		"::group::Build layerlint\n",
		"::endgroup::\n",
		"::error file=other/Dockerfile,line=2,col=5,endLine=2,endColumn=36,title=PackageCacheNotCleaned::pip install leaves ~/.cache/pip in the layer; add --no-cache-dir\n",
		"::error file=services/api/Dockerfile,line=2,col=5,endLine=2,endColumn=36,title=PackageCacheNotCleaned::",
	} {
		if !strings.Contains(stdout, want) {
			t.Errorf("stdout lacks %q:\n%s", want, stdout)
		}
	}
	var sarif sarifLog
	data, err := os.ReadFile(filepath.Join(work, "reports", "layerlint.sarif"))
	if err != nil || json.Unmarshal(data, &sarif) != nil || len(sarif.Runs) != 1 || len(sarif.Runs[0].Results) < 2 {
		t.Errorf("SARIF report: %v\n%s", err, data)
	}
	out, _ := os.ReadFile(filepath.Join(runner, "output"))
	if string(out) != "exit-code=1\nsarif-file=reports/layerlint.sarif\n" {
		t.Errorf("GITHUB_OUTPUT: %q", out)
	}
	summary, _ := os.ReadFile(filepath.Join(runner, "summary.md"))
	if !strings.HasPrefix(string(summary), "### layerlint\n\n```\n") || !strings.Contains(string(summary), "other/Dockerfile:2:5: error PackageCacheNotCleaned ") {
		t.Errorf("step summary:\n%s", summary)
	}

	// fail-level none never fails; no SARIF file is written when the input
	// is empty.
	os.Remove(filepath.Join(runner, "output"))
	code, _, stderr = action(map[string]string{"PATHS": "other", "FAIL_LEVEL": "none", "SARIF_FILE": ""})
	if code != exitOK {
		t.Errorf("fail-level none: exit %d\n%s", code, stderr)
	}
	out, _ = os.ReadFile(filepath.Join(runner, "output"))
	if string(out) != "exit-code=0\nsarif-file=\n" {
		t.Errorf("GITHUB_OUTPUT: %q", out)
	}
	// A configuration error is exit code 2, passed on.
	code, _, stderr = action(map[string]string{"CONFIG": "ci/missing.yaml"})
	if code != exitError || !strings.Contains(stderr, "layerlint: ci/missing.yaml: no such file or directory") {
		t.Errorf("missing config: exit %d\n%s", code, stderr)
	}
}
