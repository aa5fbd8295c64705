package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/layerlint/layerlint/dockerfile"
	"github.com/layerlint/layerlint/rules"
)

// sarifMultitool finds Microsoft's SARIF Multitool, installed by
// "npm ci --prefix .ci/sarif". Without node, or without the tool, the test
// is skipped, unless LAYERLINT_SARIF_VALIDATE=1 (set where the tool was
// installed on purpose, as in CI) makes a missing tool a failure.
func sarifMultitool(t *testing.T) string {
	t.Helper()
	required := os.Getenv("LAYERLINT_SARIF_VALIDATE") == "1"
	if _, err := exec.LookPath("node"); err != nil {
		if required {
			t.Fatal("LAYERLINT_SARIF_VALIDATE=1 but node is not installed")
		}
		t.Skip("node is not installed; SARIF validation skipped")
	}
	tool, err := filepath.Abs(filepath.Join("..", "..", ".ci", "sarif", "node_modules", ".bin", "sarif-multitool"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(tool); err != nil {
		if required {
			t.Fatalf("the SARIF Multitool is missing; run 'npm ci --prefix .ci/sarif' first (%v)", err)
		}
		t.Skip("the SARIF Multitool is not installed; run 'npm ci --prefix .ci/sarif' to validate SARIF")
	}
	return tool
}

// TestSARIFValidates runs the SARIF Multitool's validate command (JSON
// schema and the SARIF rules) on four logs: the golden report, the fixes of
// ignore files (otherFilesReport), a real run over testdata/examples with
// the real rule catalog, and a broken log that must be rejected, which
// shows the validator really checks.
func TestSARIFValidates(t *testing.T) {
	tool := sarifMultitool(t)
	dir := t.TempDir()

	useGoldenRules(t)
	var golden bytes.Buffer
	if err := writeSARIF(&golden, goldenReport(t)); err != nil {
		t.Fatal(err)
	}
	lookupRule = defaultLookupRule // the examples are described by the real catalog
	examples := filepath.Join(dir, "examples.sarif")
	if code, _, stderr := runInProcess("", "check", "--format", "sarif="+examples, "--fail-level", "none", filepath.Join("..", "..", "testdata", "examples")); code != exitOK {
		t.Fatalf("check: exit %d\n%s", code, stderr)
	}
	// The broken log: a result without its ruleId.
	broken := strings.Replace(golden.String(), `"ruleId": "ErrRule",`, "", 1)
	// Fixes that create or append to an ignore file.
	var others bytes.Buffer
	if err := writeSARIF(&others, otherFilesReport(t)); err != nil {
		t.Fatal(err)
	}
	files := map[string]string{"golden.sarif": golden.String(), "broken.sarif": broken, "otherfiles.sarif": others.String()}
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}

	out := filepath.Join(dir, "validation.sarif")
	cmd := exec.Command(tool, "validate", "golden.sarif", "examples.sarif", "broken.sarif", "-o", out, "--log", "ForceOverwrite")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "DOTNET_CLI_TELEMETRY_OPTOUT=1")
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("sarif-multitool validate: %v\n%s", err, msg)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	var log struct {
		Runs []struct {
			Results []struct {
				RuleID  string `json:"ruleId"`
				Level   string `json:"level"`
				Message struct {
					Text      string   `json:"text"`
					Arguments []string `json:"arguments"`
				} `json:"message"`
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation struct {
							URI string `json:"uri"`
						} `json:"artifactLocation"`
					} `json:"physicalLocation"`
				} `json:"locations"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal(data, &log); err != nil || len(log.Runs) == 0 {
		t.Fatalf("reading the validator's log: %v\n%s", err, data)
	}
	brokenFlagged := false
	for _, r := range log.Runs[0].Results {
		file := ""
		if len(r.Locations) > 0 {
			file = filepath.Base(r.Locations[0].PhysicalLocation.ArtifactLocation.URI)
		}
		what := r.RuleID + " " + r.Level + " " + file + ": " + r.Message.Text + strings.Join(r.Message.Arguments, "; ")
		switch {
		case file == "broken.sarif":
			if r.Level == "error" {
				brokenFlagged = true
			}
		case r.Level == "error" || r.Level == "warning":
			t.Errorf("validator: %s", what)
		default:
			t.Logf("validator: %s", what)
		}
	}
	if !brokenFlagged {
		t.Errorf("the validator passed a log with a result without ruleId; is it checking anything?\n%s", data)
	}
}

// TestSARIFFixOfTwoFiles: a fix that edits the Dockerfile and the ignore
// file is one artifactChange per file, in the order the edits name them,
// with each replacement placed in its own file; a fix without edits is left
// out, as SARIF requires at least one change.
func TestSARIFFixOfTwoFiles(t *testing.T) {
	dir, err := filepath.EvalSymlinks(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
	writeFiles(t, dir, map[string]string{".dockerignore": "a\nb\n"})
	src := "FROM alpine:3.20\nCOPY . /app\n"
	ign := filepath.Join(dir, ".dockerignore")
	r := result{job: job{path: "Dockerfile"}, file: dockerfile.Parse("Dockerfile", []byte(src)), diags: []rules.Diagnostic{{
		Rule: "R", Severity: rules.SeverityWarning, Message: "m", Range: dockerfile.Range{Start: 22, End: 23},
		Fixes: []rules.Fix{
			{Title: "both", Edits: []rules.Edit{
				{File: ign, Range: dockerfile.Range{Start: 4, End: 4}, NewText: "c\n"},
				{Range: dockerfile.Range{Start: 22, End: 23}, NewText: "app"},
				{File: ign, Range: dockerfile.Range{Start: 0, End: 2}},
			}},
			{Title: "nothing"},
		},
	}}}
	var buf bytes.Buffer
	if err := writeSARIF(&buf, []result{r}); err != nil {
		t.Fatal(err)
	}
	var log sarifLog
	if err := json.Unmarshal(buf.Bytes(), &log); err != nil {
		t.Fatal(err)
	}
	fixes := log.Runs[0].Results[0].Fixes
	if len(fixes) != 1 {
		t.Fatalf("fixes: %+v", fixes)
	}
	var got []string
	for _, ch := range fixes[0].ArtifactChanges {
		for _, rep := range ch.Replacements {
			reg := rep.DeletedRegion
			got = append(got, fmt.Sprintf("%s %d:%d-%d:%d", ch.ArtifactLocation.URI, reg.StartLine, reg.StartColumn, reg.EndLine, reg.EndColumn))
		}
	}
	want := ".dockerignore 3:1-3:1|.dockerignore 1:1-2:1|Dockerfile 2:6-2:7"
	if strings.Join(got, "|") != want {
		t.Errorf("replacements:\n  %s\nwant\n  %s", strings.Join(got, "|"), want)
	}
}
