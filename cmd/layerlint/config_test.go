package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// pipDockerfile has one PackageCacheNotCleaned finding (a warning by
// default) at 2:5; other rules may add findings of their own, so tests look
// only at that rule.
const pipDockerfile = "FROM python:3.12-slim\nRUN pip install -r requirements.txt\n"

// repo writes files under a new directory holding a .git directory (the
// repository root the configuration search stops at) and changes into it.
func repo(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	files[".git/HEAD"] = "ref: refs/heads/main\n"
	writeFiles(t, dir, files)
	t.Chdir(dir)
	t.Setenv(envConfig, "")
	t.Setenv(envFormat, "")
	return dir
}

// jsonFindings runs check --format json plus args and returns the findings
// of rule, as "file:line:col severity", and the exit code.
func jsonFindings(t *testing.T, rule string, args ...string) ([]string, int, string) {
	t.Helper()
	code, stdout, stderr := runInProcess("", append([]string{"check", "--format", "json"}, args...)...)
	var rep jsonReport
	if err := json.Unmarshal([]byte(stdout), &rep); err != nil {
		t.Fatalf("check %v: exit %d, %v\nstdout %s\nstderr %s", args, code, err, stdout, stderr)
	}
	var out []string
	for _, d := range rep.Diagnostics {
		if d.Rule == rule {
			out = append(out, d.File+":"+itoa(d.Range.Start.Line)+":"+itoa(d.Range.Start.Column)+" "+d.Severity)
		}
	}
	return out, code, stderr
}

func itoa(n int) string { return strconv.Itoa(n) }

// TestConfigPerDockerfile: each Dockerfile gets the nearest configuration
// upward from its directory; fail-level applies per file.
func TestConfigPerDockerfile(t *testing.T) {
	repo(t, map[string]string{
		".layerlint.yaml":        "rules:\n  DL3042: error\n",
		"api/Dockerfile":         pipDockerfile,
		"legacy/.layerlint.yaml": "fail-level: none\nrules: {PackageCacheNotCleaned: {severity: info}}\n",
		"legacy/Dockerfile":      pipDockerfile,
		"legacy/old/Dockerfile":  pipDockerfile,
		"quiet/.layerlint.yml":   "rules: {PackageCacheNotCleaned: {enabled: false}}\n",
		"quiet/Dockerfile":       pipDockerfile,
	})
	got, _, _ := jsonFindings(t, "PackageCacheNotCleaned", ".")
	want := []string{"api/Dockerfile:2:5 error", "legacy/Dockerfile:2:5 info", "legacy/old/Dockerfile:2:5 info"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("findings %q, want %q", got, want)
	}
	// legacy's fail-level none keeps its findings from failing the run...
	if _, code, _ := jsonFindings(t, "PackageCacheNotCleaned", "--disable", "DL3042", "legacy"); code != exitOK {
		t.Errorf("legacy alone: exit %d, want 0", code)
	}
	// ...while the root's error fails it.
	if _, code, _ := jsonFindings(t, "PackageCacheNotCleaned", "api/Dockerfile"); code != exitFindings {
		t.Errorf("api: exit %d, want 1", code)
	}
	// A flag overrides every file.
	got, _, _ = jsonFindings(t, "PackageCacheNotCleaned", "--severity", "PackageCacheNotCleaned=hint", ".")
	if len(got) != 4 || !strings.HasSuffix(got[0], " hint") || !strings.HasSuffix(got[3], " hint") {
		t.Errorf("with --severity: %q", got)
	}
	// --verbose says which file configured what.
	_, _, stderr := jsonFindings(t, "PackageCacheNotCleaned", "--verbose", ".")
	for _, line := range []string{
		"layerlint: using .layerlint.yaml for 1 file\n",
		"layerlint: using legacy/.layerlint.yaml for 2 files\n",
		"layerlint: using quiet/.layerlint.yml for 1 file\n",
	} {
		if !strings.Contains(stderr, line) {
			t.Errorf("--verbose: no %q in\n%s", line, stderr)
		}
	}
}

// TestConfigExplicit: --config and LAYERLINT_CONFIG replace the search;
// the flag wins over the variable.
func TestConfigExplicit(t *testing.T) {
	repo(t, map[string]string{
		".layerlint.yaml": "rules: {PackageCacheNotCleaned: error}\n",
		"ci/strict.yaml":  "rules: {PackageCacheNotCleaned: info}\n",
		"ci/off.yaml":     "rules: {PackageCacheNotCleaned: off}\n",
		"Dockerfile":      pipDockerfile,
	})
	if got, _, _ := jsonFindings(t, "PackageCacheNotCleaned", "--config", "ci/strict.yaml", "Dockerfile"); len(got) != 1 || got[0] != "Dockerfile:2:5 info" {
		t.Errorf("--config: %q", got)
	}
	t.Setenv(envConfig, "ci/off.yaml")
	if got, _, _ := jsonFindings(t, "PackageCacheNotCleaned", "Dockerfile"); len(got) != 0 {
		t.Errorf("LAYERLINT_CONFIG: %q", got)
	}
	if got, _, _ := jsonFindings(t, "PackageCacheNotCleaned", "--config", "ci/strict.yaml", "Dockerfile"); len(got) != 1 || got[0] != "Dockerfile:2:5 info" {
		t.Errorf("--config over LAYERLINT_CONFIG: %q", got)
	}
	code, _, stderr := runInProcess("", "check", "--config", "ci/missing.yaml", "Dockerfile")
	if code != exitError || stderr != "layerlint: ci/missing.yaml: no such file or directory\n" {
		t.Errorf("missing --config: exit %d, stderr %q", code, stderr)
	}
}

// TestConfigFormatPrecedence: flags > LAYERLINT_FORMAT > file > text.
func TestConfigFormatPrecedence(t *testing.T) {
	repo(t, map[string]string{".layerlint.yaml": "format: github\n", "Dockerfile": pipDockerfile})
	_, stdout, _ := runInProcess("", "check", "Dockerfile")
	if !strings.HasPrefix(stdout, "::") {
		t.Errorf("file's format: %q", stdout)
	}
	t.Setenv(envFormat, "json")
	_, stdout, _ = runInProcess("", "check", "Dockerfile")
	if !strings.HasPrefix(stdout, "{") {
		t.Errorf("LAYERLINT_FORMAT over the file: %q", stdout)
	}
	_, stdout, _ = runInProcess("", "check", "--format", "text", "Dockerfile")
	if !strings.HasPrefix(stdout, "Dockerfile:") {
		t.Errorf("--format over LAYERLINT_FORMAT: %q", stdout)
	}
	t.Setenv(envFormat, "text,sarf")
	code, _, stderr := runInProcess("", "check", "Dockerfile")
	if code != exitError || stderr != "layerlint: LAYERLINT_FORMAT: unknown format \"sarf\" (did you mean \"sarif\"?)\n" {
		t.Errorf("bad LAYERLINT_FORMAT: exit %d, %q", code, stderr)
	}
}

// TestConfigExcludeNamedFiles: a configuration's exclude skips files named
// on the command line too (pre-commit names every file), its include does not.
func TestConfigExcludeNamedFiles(t *testing.T) {
	repo(t, map[string]string{
		".layerlint.yaml":     "exclude: [\"vendored/**\"]\ninclude: [\"svc/**\"]\n",
		"vendored/Dockerfile": pipDockerfile,
		"svc/Dockerfile":      pipDockerfile,
		"other/Dockerfile":    pipDockerfile,
	})
	got, _, _ := jsonFindings(t, "PackageCacheNotCleaned", ".")
	if strings.Join(got, "|") != "svc/Dockerfile:2:5 warning" {
		t.Errorf("walk: %q", got)
	}
	got, _, stderr := jsonFindings(t, "PackageCacheNotCleaned", "--verbose", "vendored/Dockerfile", "other/Dockerfile")
	if strings.Join(got, "|") != "other/Dockerfile:2:5 warning" {
		t.Errorf("named files: %q", got)
	}
	if !strings.Contains(stderr, "layerlint: vendored/Dockerfile: skipped: excluded by .layerlint.yaml\n") {
		t.Errorf("--verbose does not say why a file was skipped:\n%s", stderr)
	}
	// --exclude on the command line replaces the file's exclude.
	got, _, _ = jsonFindings(t, "PackageCacheNotCleaned", "--exclude", "other/**", "vendored/Dockerfile")
	if strings.Join(got, "|") != "vendored/Dockerfile:2:5 warning" {
		t.Errorf("--exclude replacing the file's: %q", got)
	}
}

// TestConfigErrorsExit2: every problem of a configuration file is printed,
// one a line, with its position, and nothing is linted.
func TestConfigErrorsExit2(t *testing.T) {
	repo(t, map[string]string{
		"svc/.layerlint.yaml": "rules:\n  PackageCacheNotClean: off\nfail-level: [error]\n",
		"svc/Dockerfile":      pipDockerfile,
		"Dockerfile":          pipDockerfile,
	})
	code, stdout, stderr := runInProcess("", "check", ".")
	want := "layerlint: svc/.layerlint.yaml:2:3: rules: unknown rule \"PackageCacheNotClean\" (did you mean \"PackageCacheNotCleaned\"?)\n" +
		"layerlint: svc/.layerlint.yaml:3:13: fail-level: want a string, got a list\n"
	if code != exitError || stdout != "" || stderr != want {
		t.Errorf("exit %d\nstdout %q\nstderr %q\nwant %q", code, stdout, stderr, want)
	}
}

// TestHadolintMigration: with no .layerlint.yaml, .hadolint.yaml is read
// through the aliases, and --verbose says how.
func TestHadolintMigration(t *testing.T) {
	repo(t, map[string]string{
		".hadolint.yaml": "ignored: [DL3042]\nfailure-threshold: error\n",
		"Dockerfile":     pipDockerfile,
	})
	got, _, stderr := jsonFindings(t, "PackageCacheNotCleaned", "--verbose", "Dockerfile")
	if len(got) != 0 {
		t.Errorf("DL3042 ignored, yet %q", got)
	}
	for _, line := range []string{
		"layerlint: using .hadolint.yaml for 1 file (a hadolint configuration, mapped onto layerlint's rules)\n",
		"layerlint: .hadolint.yaml:1:11: ignored: DL3042: rule PackageCacheNotCleaned reports no DL3042 findings; its DL3009, DL3019, DL3032, DL3040, DL3036, DL3060 findings remain\n",
		"layerlint: .hadolint.yaml:2:1: failure-threshold: fail-level error\n",
	} {
		if !strings.Contains(stderr, line) {
			t.Errorf("--verbose: no %q in\n%s", line, stderr)
		}
	}
	// A .layerlint.yaml anywhere up to the root wins over it.
	writeFiles(t, ".", map[string]string{"sub/.layerlint.yaml": "fail-level: hint\n", "sub/Dockerfile": pipDockerfile})
	if got, _, _ := jsonFindings(t, "PackageCacheNotCleaned", "sub/Dockerfile"); len(got) != 1 {
		t.Errorf("sub has its own configuration: %q", got)
	}
}

// TestPrintConfig: --print-config shows the effective value of each key and
// where it came from, for each PATH, and lints nothing.
func TestPrintConfig(t *testing.T) {
	repo(t, map[string]string{
		".layerlint.yaml":      "fail-level: error\nformat: json\nrules: {DL3042: info}\ncontexts: {\"svc/*/Dockerfile\": svc}\n",
		"svc/api/Dockerfile":   pipDockerfile,
		"other/.hadolint.yaml": "no-fail: true\n",
	})
	t.Setenv(envFormat, "github")
	code, stdout, stderr := runInProcess("", "check", "--print-config", "--severity", "ParseError=warning", "svc/api/Dockerfile", "other")
	if code != exitOK || stderr != "" {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	for _, want := range []string{
		"# layerlint configuration for svc/api/Dockerfile\n# source: .layerlint.yaml\nfail-level: error # .layerlint.yaml\nformat: [github] # environment (LAYERLINT_FORMAT)\n",
		"contexts: # .layerlint.yaml\n  svc/*/Dockerfile: svc\n",
		// DL3042 is one of several aliases: its entry follows the rule's
		"  PackageCacheNotCleaned: {enabled: true, severity: warning} # defaults\n  DL3042: {enabled: true, severity: info} # .layerlint.yaml\n",
		"  ParseError: {enabled: true, severity: warning} # flags\n",
		"---\n# layerlint configuration for other\n# source: .layerlint.yaml\n",
	} {
		if !strings.Contains(stdout, want) {
			t.Errorf("no %q in\n%s", want, stdout)
		}
	}
	// A .hadolint.yaml below a .layerlint.yaml is not read: the layerlint
	// file is searched for first, all the way up.
	if strings.Contains(stdout, "hadolint") {
		t.Errorf("a hadolint file was used:\n%s", stdout)
	}
	os.Remove(".layerlint.yaml")
	_, stdout, _ = runInProcess("", "check", "--print-config", "other")
	if !strings.Contains(stdout, "# source: other/.hadolint.yaml (a hadolint configuration, mapped onto layerlint's rules)\nfail-level: none # other/.hadolint.yaml\n") {
		t.Errorf("hadolint source:\n%s", stdout)
	}
	_, stdout, _ = runInProcess("", "check", "--print-config", "svc")
	if !strings.Contains(stdout, "# source: no configuration file; defaults\nfail-level: warning # defaults\n") {
		t.Errorf("defaults:\n%s", stdout)
	}
}

// TestSeveralOutputs: formats go to stdout, to -o, or to their own files;
// two on one destination are refused.
func TestSeveralOutputs(t *testing.T) {
	repo(t, map[string]string{"Dockerfile": pipDockerfile})
	code, stdout, stderr := runInProcess("", "check", "--format", "text", "--format", "sarif=out/r.sarif", "--format", "json=report.json", "Dockerfile")
	if code != exitError {
		t.Errorf("a report that cannot be written: exit %d, want 2", code)
	}
	if !strings.Contains(stdout, "Dockerfile:2:5: warning PackageCacheNotCleaned ") {
		t.Errorf("text on stdout: %q", stdout)
	}
	if !strings.Contains(stderr, "out/r.sarif: no such file or directory") {
		t.Errorf("a report in a missing directory is an error: %q", stderr)
	}
	os.Mkdir("out", 0o755)
	code, _, stderr = runInProcess("", "check", "--format", "text", "--format", "sarif=out/r.sarif", "--format", "json=report.json", "Dockerfile")
	if code != exitFindings || !strings.HasSuffix(stderr, " in 1 file\n") {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
	for _, f := range []string{"out/r.sarif", "report.json"} {
		data, err := os.ReadFile(f)
		var v map[string]any
		if err != nil || json.Unmarshal(data, &v) != nil {
			t.Errorf("%s: %v\n%s", f, err, data)
		}
	}
	// -o is where formats without =FILE go.
	code, stdout, _ = runInProcess("", "check", "--format", "gitlab", "-o", "gl.json", "Dockerfile")
	if data, err := os.ReadFile("gl.json"); code != exitFindings || stdout != "" || err != nil || !strings.HasPrefix(string(data), "[") {
		t.Errorf("-o: exit %d, stdout %q, file %q %v", code, stdout, data, err)
	}
	code, _, stderr = runInProcess("", "check", "--format", "text", "--format", "json", "Dockerfile")
	if code != exitError || stderr != "layerlint: --format: text and json would both write to standard output; give one of them =FILE\n" {
		t.Errorf("two formats on stdout: exit %d, %q", code, stderr)
	}
	code, _, stderr = runInProcess("", "check", "--format", "gitlab=-", "--format", "sarif=x", "--format", "junit=x", "Dockerfile")
	if code != exitError || stderr != "layerlint: --format: sarif and junit would both write to x; give one of them =FILE\n" {
		t.Errorf("two formats to one file: exit %d, %q", code, stderr)
	}
	// A machine format on stdout has no summary line around it.
	_, stdout, stderr = runInProcess("", "check", "--format", "checkstyle", "Dockerfile")
	if !strings.HasPrefix(stdout, "<?xml") || stderr != "" {
		t.Errorf("checkstyle: stdout %q, stderr %q", stdout, stderr)
	}
	// Reports are written where a file is named, relative to the current
	// directory, even from a Dockerfile in another directory.
	if _, err := os.Stat(filepath.Join("out", "r.sarif")); err != nil {
		t.Error(err)
	}
}
