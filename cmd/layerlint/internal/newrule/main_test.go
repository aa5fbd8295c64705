package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestSnake(t *testing.T) {
	for id, want := range map[string]string{
		"PackageCacheNotCleaned": "package_cache_not_cleaned",
		"ParseError":             "parse_error",
		"UseHTTPSForAdd":         "use_https_for_add",
		"PinBaseImageSHA":        "pin_base_image_sha",
		"Apt2Cleanup":            "apt2_cleanup",
	} {
		if got := snake(id); got != want {
			t.Errorf("snake(%q) = %q, want %q", id, got, want)
		}
	}
}

func TestGenerate(t *testing.T) {
	root := t.TempDir()
	os.MkdirAll(filepath.Join(root, "rules"), 0o755)
	os.WriteFile(filepath.Join(root, "rules", "parse_error.go"), []byte("package rules\nvar X = register(&Rule{\n\tID:       \"ParseError\",\n})\n"), 0o644)

	written, err := generate(root, "NoLatestTag")
	if err != nil {
		t.Fatal(err)
	}
	if len(written) != 2 {
		t.Fatalf("wrote %v", written)
	}
	src, err := os.ReadFile(filepath.Join(root, "rules", "no_latest_tag.go"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"var NoLatestTag = register(&Rule{", `ID:       "NoLatestTag",`, "Run: runNoLatestTag,", "func runNoLatestTag(p *Pass) {"} {
		if !strings.Contains(string(src), want) {
			t.Errorf("rule file lacks %q:\n%s", want, src)
		}
	}
	tc, err := os.ReadFile(filepath.Join(root, "rules", "testdata", "NoLatestTag", "positive.Dockerfile"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(tc), "# want \"NoLatestTag\"\nRUN ") {
		t.Errorf("positive case lacks the want comment above an instruction:\n%s", tc)
	}

	// Never overwrite, never duplicate an ID, only CamelCase IDs.
	if _, err := generate(root, "NoLatestTag"); err == nil {
		t.Error("generated the same rule twice")
	}
	if _, err := generate(root, "ParseError"); err == nil || !strings.Contains(err.Error(), "already exists") {
		t.Errorf("duplicate ID: err = %v", err)
	}
	for _, bad := range []string{"noLatest", "No-Latest", "", "DL3007"} {
		if _, err := generate(root, bad); err == nil {
			t.Errorf("accepted the ID %q", bad)
		}
	}
	if _, err := generate(t.TempDir(), "Fine"); err == nil {
		t.Error("generated outside a repository root")
	}
}
