package rules

import (
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/layerlint/layerlint/dockerfile"
)

var updateDocs = flag.Bool("update-docs", false, "rewrite docs/rules from the rule declarations")

var ruleIDRE = regexp.MustCompile(`^[A-Z][A-Za-z0-9]+$`)

// TestRegistryDocs enforces that every rule is documented completely.
func TestRegistryDocs(t *testing.T) {
	for _, r := range All() {
		if !ruleIDRE.MatchString(r.ID) {
			t.Errorf("%s: ID is not CamelCase", r.ID)
		}
		if r.Doc.Title == "" || len(r.Doc.Title) > 60 || strings.HasSuffix(r.Doc.Title, ".") {
			t.Errorf("%s: title %q must be 1-60 characters without a final period", r.ID, r.Doc.Title)
		}
		if len(r.Doc.Description) < 40 {
			t.Errorf("%s: description too short", r.ID)
		}
		if r.Category == "" || r.Severity == SeverityOff {
			t.Errorf("%s: category and default severity are required", r.ID)
		}
		if r.Run == nil {
			continue // InternalError is reported by the engine itself
		}
		if r.Doc.Bad == "" || r.Doc.Good == "" {
			t.Errorf("%s: bad and good examples are required", r.ID)
			continue
		}
		// the examples must demonstrate the rule: bad triggers it, good does not
		bad := RunRule(dockerfile.Parse("bad", []byte(r.Doc.Bad)), r)
		if len(bad) == 0 {
			t.Errorf("%s: the bad example does not trigger the rule", r.ID)
		}
		good := RunRule(dockerfile.Parse("good", []byte(r.Doc.Good)), r)
		if len(good) != 0 {
			t.Errorf("%s: the good example triggers the rule: %s", r.ID, good[0].Message)
		}
		if _, err := os.Stat(filepath.Join("testdata", r.ID)); err != nil {
			t.Errorf("%s: no testdata/%s directory", r.ID, r.ID)
		}
	}
}

// TestDocs checks that docs/rules matches the declarations.
func TestDocs(t *testing.T) {
	dir := filepath.Join("..", "docs", "rules")
	want := map[string]string{"README.md": MarkdownIndex(All())}
	for _, r := range All() {
		want[r.ID+".md"] = Markdown(r)
	}
	if *updateDocs {
		os.RemoveAll(dir)
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		for name, text := range want {
			if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		return
	}
	entries, _ := os.ReadDir(dir)
	have := map[string]bool{}
	for _, e := range entries {
		have[e.Name()] = true
		if _, ok := want[e.Name()]; !ok {
			t.Errorf("docs/rules/%s documents no rule; run go test ./rules -run TestDocs -update-docs", e.Name())
		}
	}
	for name, text := range want {
		got, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil || string(got) != text {
			t.Errorf("docs/rules/%s is stale; run go test ./rules -run TestDocs -update-docs", name)
		}
	}
}
