package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func writeTree(t *testing.T, root string, files map[string]string) {
	t.Helper()
	for p, data := range files {
		full := filepath.Join(root, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func TestContextCommand(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{
		"Dockerfile":                        "FROM node:22\nCOPY package.json ./\nCOPY . .\nCOPY missing.txt /x/\nCOPY --from=build /a /b\n",
		".dockerignore":                     "node_modules\n*.env\n",
		"package.json":                      "{}\n",
		"src/app.js":                        "console.log(1)\n",
		"node_modules/x/index.js":           "module.exports = 1\n",
		"prod.env":                          "TOKEN=x\n",
		"build/app.Dockerfile":              "FROM scratch\nCOPY src /src\n",
		"build/app.Dockerfile.dockerignore": "src/app.js\n",
	})
	var out, errb bytes.Buffer
	if code := runContext([]string{"--format", "json", dir}, nil, &out, &errb); code != exitOK {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	var rep struct {
		Context    string
		IgnoreFile *string `json:"ignorefile"`
		Files      []struct {
			Path string
			Size int64
		}
		TotalBytes int64
		Copies     []struct {
			Line     int
			Sources  []string
			Bytes    int64
			NotFound []string
		}
	}
	if err := json.Unmarshal(out.Bytes(), &rep); err != nil {
		t.Fatalf("%v\n%s", err, out.String())
	}
	var paths []string
	var total int64
	for _, f := range rep.Files {
		paths = append(paths, f.Path)
		total += f.Size
	}
	if got := strings.Join(paths, " "); got != ".dockerignore Dockerfile build/app.Dockerfile build/app.Dockerfile.dockerignore package.json src/app.js" {
		t.Errorf("files: %s", got)
	}
	if rep.TotalBytes != total || rep.IgnoreFile == nil || filepath.Base(*rep.IgnoreFile) != ".dockerignore" {
		t.Errorf("total %d (files add up to %d), ignore file %v", rep.TotalBytes, total, rep.IgnoreFile)
	}
	if len(rep.Copies) != 4 || rep.Copies[0].Line != 2 || strings.Join(rep.Copies[0].Sources, " ") != "package.json" ||
		rep.Copies[0].Bytes != 3 || len(rep.Copies[1].Sources) != 6 || strings.Join(rep.Copies[2].NotFound, " ") != "missing.txt" {
		t.Errorf("copies: %+v", rep.Copies)
	}

	// the per-Dockerfile ignore file wins and the text output says so
	out.Reset()
	if code := runContext([]string{"--dockerfile", filepath.Join(dir, "build", "app.Dockerfile"), dir}, nil, &out, &errb); code != exitOK {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	text := out.String()
	for _, want := range []string{"app.Dockerfile.dockerignore (1 pattern)", ".dockerignore is not used", "brings 0 files"} {
		if !strings.Contains(text, want) {
			t.Errorf("text output lacks %q:\n%s", want, text)
		}
	}
}

func TestContextCommandErrors(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{"Dockerfile": "FROM scratch\n", ".dockerignore": "ok\n\n!\n"})
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{dir}, `.dockerignore:3: "!": illegal exclusion pattern`},
		{[]string{"--dockerfile", filepath.Join(dir, "nope"), dir}, "nope: no such file or directory"},
		{[]string{filepath.Join(dir, "missing")}, "missing: no such file or directory"},
		{[]string{filepath.Join(dir, "Dockerfile")}, "is not a directory"},
		{[]string{"--format", "yaml", dir}, "unknown --format"},
	} {
		var out, errb bytes.Buffer
		if code := runContext(c.args, nil, &out, &errb); code != exitError || !strings.Contains(errb.String(), c.want) {
			t.Errorf("%q: exit %d, stderr %q, want %q", c.args, code, errb.String(), c.want)
		}
	}
}

func TestCheckContextFlags(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{
		"app/Dockerfile": "FROM alpine:3.20\nCOPY missing.txt /x/\nCOPY main.sh /x/\n",
		"main.sh":        "echo hi\n",
	})
	df := filepath.Join(dir, "app", "Dockerfile")
	check := func(args ...string) (int, string, string) {
		var out, errb bytes.Buffer
		code := runCheck(append(args, "--no-color", "--enable", "CopySourceNotFound", df), nil, &out, &errb)
		return code, out.String(), errb.String()
	}
	// without --context the context is inferred: no ancestor holds every
	// source (missing.txt is nowhere), so it stays the Dockerfile's directory
	if _, out, _ := check(); !strings.Contains(out, `"missing.txt" is not in the build context`) || !strings.Contains(out, `"main.sh" is not in the build context`) {
		t.Errorf("without --context: %s", out)
	}
	if code, out, errs := check("--context", dir); code != exitFindings || !strings.Contains(out, `CopySourceNotFound "missing.txt" is not in the build context`) || strings.Contains(out, "main.sh") {
		t.Errorf("--context: exit %d\n%s%s", code, out, errs)
	}
	if _, out, _ := check("--context", "auto"); !strings.Contains(out, `"missing.txt" is not in the build context`) {
		t.Errorf("--context auto: %s", out)
	}
	if _, out, _ := check("--context", dir, "--no-context"); strings.Contains(out, "CopySourceNotFound") {
		t.Errorf("--no-context: %s", out)
	}
	writeTree(t, dir, map[string]string{".dockerignore": "ok\n[\n"})
	// the error names the context once, whether ctxscan named it or not
	if code, _, errs := check("--context", dir); code != exitError || !strings.Contains(errs, `.dockerignore:2: "[": syntax error in pattern`) || strings.Count(errs, "build context "+dir) != 1 {
		t.Errorf("bad ignore file: exit %d, %s", code, errs)
	}
	notDir := filepath.Join(dir, "main.sh")
	if code, _, errs := check("--context", notDir); code != exitError || !strings.Contains(errs, ": build context "+notDir+" is not a directory\n") || strings.Count(errs, "build context "+notDir) != 1 {
		t.Errorf("--context naming a file: exit %d, %s", code, errs)
	}
}

// TestCheckConfiguredContext: a .layerlint.yaml contexts glob maps a
// Dockerfile to its build context, above inference and below --context.
func TestCheckConfiguredContext(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{
		".layerlint.yaml":            "contexts:\n  \"services/*/Dockerfile\": .\n",
		"services/api/Dockerfile":    "FROM alpine:3.20\nCOPY shared/lib.sh /x/\n",
		"shared/lib.sh":              "echo hi\n",
		"services/api/local/lib.txt": "x\n",
	})
	df := filepath.Join(dir, "services", "api", "Dockerfile")
	var out, errb bytes.Buffer
	// mapped to the root, where shared/lib.sh exists: no finding
	if code := runCheck([]string{"--no-color", "--select", "CopySourceNotFound", df}, nil, &out, &errb); code != exitOK {
		t.Errorf("configured context: exit %d\n%s%s", code, out.String(), errb.String())
	}
	out.Reset()
	errb.Reset()
	// --context wins over the configuration
	if code := runCheck([]string{"--no-color", "--select", "CopySourceNotFound", "--context", filepath.Join(dir, "services", "api"), df}, nil, &out, &errb); code != exitFindings || !strings.Contains(out.String(), `"shared/lib.sh" is not in the build context`) {
		t.Errorf("--context over the configuration: exit %d\n%s%s", code, out.String(), errb.String())
	}
}
