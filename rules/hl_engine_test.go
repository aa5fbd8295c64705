package rules

import (
	"os"
	"testing"

	"github.com/layerlint/layerlint/dockerfile"
)

// Options reach the rule they name, under its ID or an alias, and no other.
func TestPassOptions(t *testing.T) {
	var seen []any
	probe := &Rule{ID: "HLOptionProbe", Aliases: []string{"DL9999"}, Severity: SeverityInfo}
	probe.Run = func(p *Pass) {
		v, ok := p.Option("level")
		if ok {
			seen = append(seen, v)
		}
	}
	registry[probe.ID] = probe
	defer delete(registry, probe.ID)

	f := dockerfile.Parse("Dockerfile", []byte("FROM alpine:3.20\n"))
	cfg := &Config{Options: map[string]map[string]any{"DL9999": {"level": 3}, "ParseError": {"level": 1}}}
	if err := cfg.Validate(); err != nil {
		t.Fatal(err)
	}
	Lint(f, cfg)
	if len(seen) != 1 || seen[0] != 3 {
		t.Errorf("probe saw options %v, want [3]", seen)
	}
	seen = nil
	Lint(f, nil)
	if len(seen) != 0 {
		t.Errorf("probe saw options %v without a config", seen)
	}
	bad := &Config{Options: map[string]map[string]any{"NoSuchRule": {}}}
	if bad.Validate() == nil {
		t.Error("options for an unknown rule validate")
	}
}

// Lint runs the configured ShellChecker, honours the exclude option and the
// rule's severity override, and stays silent without a checker.
func TestLintShellChecker(t *testing.T) {
	src, err := os.ReadFile("testdata/ShellCheck/suppressed.Dockerfile")
	if err != nil {
		t.Fatal(err)
	}
	f := dockerfile.Parse("Dockerfile", src)
	only := func(ds []Diagnostic) []Diagnostic {
		var out []Diagnostic
		for _, d := range ds {
			if d.Rule == ShellCheck.ID {
				out = append(out, d)
			}
		}
		return out
	}
	if ds := only(Lint(f, &Config{})); len(ds) != 0 {
		t.Errorf("findings without a checker: %v", ds)
	}
	ds := only(Lint(f, &Config{ShellChecker: testShellChecker}))
	if len(ds) != 1 || ds[0].Alias != "SC2164" || ds[0].Severity != SeverityWarning {
		t.Errorf("with a checker: %+v", ds)
	}
	ds = only(Lint(f, &Config{ShellChecker: testShellChecker, Options: map[string]map[string]any{"ShellCheck": {"exclude": []any{"SC2164"}}}}))
	if len(ds) != 0 {
		t.Errorf("excluded code reported: %+v", ds)
	}
	ds = only(Lint(f, &Config{ShellChecker: testShellChecker, Severity: map[string]Severity{"ShellCheck": SeverityError}}))
	if len(ds) != 1 || ds[0].Severity != SeverityError {
		t.Errorf("severity override: %+v", ds)
	}
	ds = only(Lint(f, &Config{ShellChecker: testShellChecker, Disable: []string{"ShellCheck"}}))
	if len(ds) != 0 {
		t.Errorf("disabled rule reported: %+v", ds)
	}
}

// The schema and registry rules do nothing without their options, and take
// them from Config.Options under their ID or a DL alias.
func TestOptionRulesNeedOptions(t *testing.T) {
	src := []byte("FROM quay.io/org/app:1\nLABEL org.opencontainers.image.version=v1 Extra=1\n")
	f := dockerfile.Parse("Dockerfile", src)
	count := func(cfg *Config) map[string]int {
		n := map[string]int{}
		for _, d := range Lint(f, cfg) {
			n[d.Rule]++
		}
		return n
	}
	optionRules := []string{UntrustedRegistry.ID, RequiredLabelMissing.ID, UnexpectedLabel.ID, InvalidLabelValue.ID}
	got := count(&Config{})
	for _, id := range optionRules {
		if got[id] != 0 {
			t.Errorf("%s reports without options: %d findings", id, got[id])
		}
	}
	schema := map[string]any{"org.opencontainers.image.version": "semver", "org.opencontainers.image.source": "url"}
	got = count(&Config{Options: map[string]map[string]any{
		"DL3026":             {"registries": "docker.io, *.gcr.io"},
		"DL3049":             {"schema": schema},
		"UnexpectedLabel":    {"schema": schema, "strict": true},
		"InvalidLabelValue":  {"schema": map[string]string{"org.opencontainers.image.version": "semver"}},
		"NonNumericUser":     {"unused": 1},
		"ImageTagMissing":    nil,
		"CopyFromOwnStage":   {},
		"InvalidLabelKey":    {},
		"HealthcheckMissing": {},
	}})
	want := map[string]int{UntrustedRegistry.ID: 1, RequiredLabelMissing.ID: 1, UnexpectedLabel.ID: 1, InvalidLabelValue.ID: 1}
	for id, n := range want {
		if got[id] != n {
			t.Errorf("%s: %d findings with options, want %d", id, got[id], n)
		}
	}
}
