package config

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/layerlint/layerlint/rules"
)

func write(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestFinder checks the upward search: the nearest file wins, .yaml before
// .yml, a layerlint file anywhere up to the repository root before any
// hadolint file, and nothing above the repository root is read.
func TestFinder(t *testing.T) {
	root := t.TempDir()
	write(t, root, map[string]string{
		".layerlint.yaml":                   "fail-level: none\n", // above the repository: never read
		"repo/.git/HEAD":                    "ref: refs/heads/main\n",
		"repo/.hadolint.yaml":               "no-fail: true\n",
		"repo/a/.layerlint.yml":             "fail-level: info\n",
		"repo/a/.layerlint.yaml":            "fail-level: error\n",
		"repo/a/b/c/Dockerfile":             "FROM scratch\n",
		"repo/h/.hadolint.yml":              "failure-threshold: error\n",
		"repo/h/x/Dockerfile":               "FROM scratch\n",
		"repo/plain/Dockerfile":             "FROM scratch\n",
		"other/.hadolint.yaml":              "no-fail: true\n",
		"other/sub/.layerlint.yaml":         "rules: {DL1000: info}\n",
		"other/sub/deeper/Dockerfile":       "FROM scratch\n",
		"other/sub/.git":                    "gitdir: elsewhere\n", // a worktree's .git file marks a root too
		"norepo/.layerlint.yaml/Dockerfile": "a directory named like the file is not a file\n",
	})
	fd := NewFinder()
	for _, tc := range []struct{ dir, want string }{
		{"repo/a/b/c", "repo/a/.layerlint.yaml"},
		{"repo/a", "repo/a/.layerlint.yaml"},
		{"repo/h/x", "repo/h/.hadolint.yml"},
		{"repo/plain", "repo/.hadolint.yaml"},
		{"repo", "repo/.hadolint.yaml"},
		{"other/sub/deeper", "other/sub/.layerlint.yaml"},
		{"norepo/.layerlint.yaml", ".layerlint.yaml"},
	} {
		got, err := fd.Path(filepath.Join(root, tc.dir))
		if err != nil {
			t.Fatal(err)
		}
		abs, _ := filepath.Abs(got)
		if want := filepath.Join(root, tc.want); abs != want {
			t.Errorf("Path(%s) = %s, want %s", tc.dir, abs, want)
		}
	}
	// Outside any repository the search goes on to the file system root,
	// here finding the file at the top of the temporary tree.
	f, err := fd.Find(filepath.Join(root, "repo", "a", "b"))
	if err != nil || f == nil || f.FailLevel != "error" || f.Kind != KindLayerlint {
		t.Fatalf("Find: %+v, %v", f, err)
	}
	h, err := fd.Find(filepath.Join(root, "repo", "plain"))
	if err != nil || h == nil || h.Kind != KindHadolint || h.FailLevel != "none" {
		t.Fatalf("Find hadolint: %+v, %v", h, err)
	}
	if again, _ := fd.Find(filepath.Join(root, "repo")); again != h {
		t.Error("the same file was loaded twice")
	}
}

// TestFinderRelative checks that found paths are shown relative to the
// current directory.
func TestFinderRelative(t *testing.T) {
	root := t.TempDir()
	write(t, root, map[string]string{".git/HEAD": "x\n", ".layerlint.yaml": "", "svc/Dockerfile": ""})
	t.Chdir(filepath.Join(root, "svc"))
	got, err := NewFinder().Path(".")
	if err != nil || got != filepath.Join("..", ".layerlint.yaml") {
		t.Fatalf("Path(.) = %q, %v", got, err)
	}
}

func TestLoadErrors(t *testing.T) {
	dir := t.TempDir()
	_, err := Load(filepath.Join(dir, "missing.yaml"))
	if err == nil || !strings.HasSuffix(err.Error(), "missing.yaml: no such file or directory") {
		t.Errorf("missing file: %v", err)
	}
	write(t, dir, map[string]string{"ci/.hadolint.yml": "ignored: [DL1000]\n", "x.yaml": "fail-level: none\n"})
	f, err := Load(filepath.Join(dir, "ci", ".hadolint.yml"))
	if err != nil || f.Kind != KindHadolint {
		t.Errorf("a .hadolint.yml is read as hadolint's: %+v %v", f, err)
	}
	f, err = Load(filepath.Join(dir, "x.yaml"))
	if err != nil || f.Kind != KindLayerlint || f.FailLevel != "none" {
		t.Errorf("any other name is read as layerlint's: %+v %v", f, err)
	}
}

func sev(s rules.Severity) *rules.Severity { return &s }
func boolp(b bool) *bool                   { return &b }

// TestMerge checks precedence: each layer overrides the ones before it, key
// by key, and a rule's enabled, severity and options separately.
func TestMerge(t *testing.T) {
	file := &Settings{
		FailLevel: "error",
		Format:    []string{"json"},
		Exclude:   []Pattern{{Glob: "legacy/**", Base: "/repo"}},
		Rules: map[string]*Rule{
			"ParseError":           {Severity: sev(rules.SeverityInfo), Options: map[string]any{"a": 1, "b": 2}},
			"UpdateWithoutInstall": {Enabled: boolp(false)},
		},
	}
	env := &Settings{Format: []string{"sarif=x.sarif"}}
	flags := &Settings{
		FailLevel: "hint",
		Rules:     map[string]*Rule{"ParseError": {Enabled: boolp(true), Options: map[string]any{"b": 3}}},
	}
	e := Merge(Layer{"defaults", Defaults()}, Layer{"f.yaml", file}, Layer{"env", env}, Layer{"flags", flags})
	if e.FailLevel != "hint" || e.Source["fail-level"] != "flags" {
		t.Errorf("fail-level %q from %q", e.FailLevel, e.Source["fail-level"])
	}
	if strings.Join(e.Format, ",") != "sarif=x.sarif" || e.Source["format"] != "env" {
		t.Errorf("format %v from %q", e.Format, e.Source["format"])
	}
	if len(e.Exclude) != 1 || e.Source["exclude"] != "f.yaml" || e.Source["include"] != "" {
		t.Errorf("exclude %v, sources %v", e.Exclude, e.Source)
	}
	pe := e.Rules["ParseError"]
	if *pe.Severity != rules.SeverityInfo || !*pe.Enabled || pe.Options["a"] != 1 || pe.Options["b"] != 3 {
		t.Errorf("ParseError merged to %+v %v", pe, pe.Options)
	}
	cfg := e.RulesConfig()
	if got := cfg.Effective(rules.ParseError); got != rules.SeverityInfo {
		t.Errorf("ParseError runs at %v", got)
	}
	uw, _ := rules.Lookup("UpdateWithoutInstall")
	if got := cfg.Effective(uw); got != rules.SeverityOff {
		t.Errorf("UpdateWithoutInstall runs at %v", got)
	}
	if cfg.Options["ParseError"]["b"] != 3 {
		t.Errorf("options not handed to the engine: %v", cfg.Options)
	}
}

// TestRulesConfigDisabledWins: enabled: false turns a rule off whatever
// severity is set with it.
func TestRulesConfigDisabledWins(t *testing.T) {
	s := &Settings{Rules: map[string]*Rule{"ParseError": {Enabled: boolp(false), Severity: sev(rules.SeverityError)}}}
	if got := s.RulesConfig().Effective(rules.ParseError); got != rules.SeverityOff {
		t.Errorf("runs at %v", got)
	}
}

// TestSelect: with select set, only the rules it names run (an off-by-default
// one included), at the severity their settings give; a rule enabled in the
// settings but not selected stays off, as does a selected rule the settings
// turn off. A higher layer's select replaces a lower one's.
func TestSelect(t *testing.T) {
	file := &Settings{
		Select: []string{"PackageCacheNotCleaned", "HealthcheckMissing", "UpdateWithoutInstall"},
		Rules: map[string]*Rule{
			"PackageCacheNotCleaned": {Severity: sev(rules.SeverityError)},
			"ImageTagMissing":        {Enabled: boolp(true), Severity: sev(rules.SeverityError)},
			"UpdateWithoutInstall":   {Enabled: boolp(false)},
		},
	}
	want := map[string]rules.Severity{
		"PackageCacheNotCleaned": rules.SeverityError,
		"HealthcheckMissing":     rules.SeverityInfo,
	}
	cfg := MergeFile(Defaults(), &File{Path: "f.yaml", Settings: *file}).RulesConfig()
	for _, r := range rules.All() {
		if got := cfg.Effective(r); got != want[r.ID] {
			t.Errorf("%s runs at %v, want %v", r.ID, got, want[r.ID])
		}
	}
	flags := &Settings{Select: []string{"ImageTagMissing"}}
	e := MergeFile(Defaults(), &File{Path: "f.yaml", Settings: *file}, Layer{"flags", flags})
	if e.Source["select"] != "flags" {
		t.Errorf("select from %q", e.Source["select"])
	}
	cfg = e.RulesConfig()
	for _, r := range rules.All() {
		w := rules.SeverityOff
		if r.ID == "ImageTagMissing" {
			w = rules.SeverityError
		}
		if got := cfg.Effective(r); got != w {
			t.Errorf("with the flags' select, %s runs at %v, want %v", r.ID, got, w)
		}
	}
}

// TestAliasSettings: a setting under one alias of a rule with several
// reaches the engine as such, for that alias's findings only.
func TestAliasSettings(t *testing.T) {
	f, err := Parse(".layerlint.yaml", []byte("rules:\n  PackageCacheNotCleaned: info\n  dl3009: off\n  DL3042: error\n"))
	if err != nil {
		t.Fatal(err)
	}
	cfg := MergeFile(Defaults(), f).RulesConfig()
	pc, _ := rules.Lookup("PackageCacheNotCleaned")
	if got := cfg.Effective(pc); got != rules.SeverityInfo {
		t.Errorf("the rule runs at %v, want info", got)
	}
	for alias, want := range map[string]rules.Severity{"DL3009": rules.SeverityOff, "DL3042": rules.SeverityError, "DL3019": rules.SeverityInfo} {
		if got := cfg.EffectiveAlias(pc, alias); got != want {
			t.Errorf("%s findings at %v, want %v", alias, got, want)
		}
	}
}

// TestMergeAliasLayers: a higher layer's setting of a whole rule overrides
// what lower layers set for its aliases, field by field; within one layer
// the alias's setting is the more specific.
func TestMergeAliasLayers(t *testing.T) {
	file := &Settings{Rules: map[string]*Rule{
		"DL3042": {Severity: sev(rules.SeverityError)},
		"DL3009": {Enabled: boolp(false), Severity: sev(rules.SeverityInfo)},
		"DL3019": {Enabled: boolp(false)},
	}}
	flags := &Settings{Rules: map[string]*Rule{
		"PackageCacheNotCleaned": {Severity: sev(rules.SeverityHint)},
		"DL3060":                 {Severity: sev(rules.SeverityError)},
	}}
	e := Merge(Layer{"f.yaml", file}, Layer{"flags", flags})
	if _, ok := e.Rules["DL3042"]; ok {
		t.Errorf("DL3042's severity survived the flags' severity for the rule: %+v", e.Rules["DL3042"])
	}
	if r := e.Rules["DL3009"]; r == nil || r.Severity != nil || r.Enabled == nil || *r.Enabled {
		t.Errorf("DL3009 keeps only its enabled: false, got %+v", r)
	}
	cfg := e.RulesConfig()
	pc, _ := rules.Lookup("PackageCacheNotCleaned")
	for alias, want := range map[string]rules.Severity{
		"DL3042": rules.SeverityHint,  // the flag's severity for the rule
		"DL3009": rules.SeverityOff,   // the file's enabled: false stays
		"DL3019": rules.SeverityOff,   // likewise
		"DL3060": rules.SeverityError, // the flags' own alias setting
		"DL3032": rules.SeverityHint,
	} {
		if got := cfg.EffectiveAlias(pc, alias); got != want {
			t.Errorf("%s findings at %v, want %v", alias, got, want)
		}
	}
}

// TestSelectAlias: selecting one alias of a rule with several keeps that
// alias's findings only, at the rule's configured severity unless the alias
// has its own; settings of aliases not selected do not bring them back, and
// a rule the settings turn off stays off.
func TestSelectAlias(t *testing.T) {
	s := &Settings{
		Select: []string{"DL3042", "DL3014", "DL3030"},
		Rules: map[string]*Rule{
			"PackageCacheNotCleaned": {Severity: sev(rules.SeverityError)},
			"DL3030":                 {Severity: sev(rules.SeverityHint)},
			"DL3009":                 {Enabled: boolp(true)},
			"DL3034":                 {Severity: sev(rules.SeverityError)},
		},
	}
	cfg := s.RulesConfig()
	pc, _ := rules.Lookup("PackageCacheNotCleaned")
	nf, _ := rules.Lookup("NonInteractiveFlagMissing")
	for _, r := range rules.All() {
		if got := cfg.Effective(r); got != rules.SeverityOff {
			t.Errorf("%s runs as a whole at %v", r.ID, got)
		}
	}
	for _, c := range []struct {
		r     *rules.Rule
		alias string
		want  rules.Severity
	}{
		{pc, "DL3042", rules.SeverityError},
		{pc, "DL3009", rules.SeverityOff},
		{pc, "DL3019", rules.SeverityOff},
		{nf, "DL3014", rules.SeverityWarning},
		{nf, "DL3030", rules.SeverityHint},
		{nf, "DL3034", rules.SeverityOff},
		{nf, "DL3038", rules.SeverityOff},
	} {
		if got := cfg.EffectiveAlias(c.r, c.alias); got != c.want {
			t.Errorf("%s findings at %v, want %v", c.alias, got, c.want)
		}
	}
	off := &Settings{Select: []string{"DL3042"}, Rules: map[string]*Rule{"PackageCacheNotCleaned": {Enabled: boolp(false)}}}
	if got := off.RulesConfig().EffectiveAlias(pc, "DL3042"); got != rules.SeverityOff {
		t.Errorf("the rule is turned off, yet DL3042 findings at %v", got)
	}
}

func TestKeepAndContexts(t *testing.T) {
	base := t.TempDir()
	s := &Settings{
		Include:  []Pattern{{Glob: "services/**", Base: base}, {Glob: "*.Dockerfile"}},
		Exclude:  []Pattern{{Glob: "**/legacy", Base: base}, {Glob: "tmp/**"}},
		Contexts: []Context{{Glob: "services/*/Dockerfile", Dir: "services", Base: base}, {Glob: "**", Dir: "/abs", Base: base}},
	}
	in := func(p string) string { return filepath.Join(base, filepath.FromSlash(p)) }
	for _, tc := range []struct {
		path     string
		explicit bool
		want     bool
	}{
		{"services/api/Dockerfile", false, true},
		{"services/old/legacy/Dockerfile", false, false}, // a directory above matches the exclude
		{"services/old/legacy/Dockerfile", true, false},  // excludes apply to named files too
		{"Dockerfile", false, false},                     // not included
		{"Dockerfile", true, true},                       // includes do not apply to named files
		{"tmp/x/Dockerfile", false, false},               // not included; the flag exclude is discover's
	} {
		if got := s.Keep(in(tc.path), tc.explicit); got != tc.want {
			t.Errorf("Keep(%s, explicit %v) = %v", tc.path, tc.explicit, got)
		}
	}
	if d, ok := s.ContextFor(in("services/api/Dockerfile")); !ok || d != in("services") {
		t.Errorf("ContextFor api: %q %v", d, ok)
	}
	if d, ok := s.ContextFor(in("x/Dockerfile")); !ok || d != "/abs" {
		t.Errorf("ContextFor x: %q %v", d, ok)
	}
	if _, ok := (&Settings{}).ContextFor("Dockerfile"); ok {
		t.Error("no contexts, yet one matched")
	}
}

// TestWriteYAMLRoundTrip prints an effective configuration and reads it back
// as a configuration file: every rule runs at the same severity with the
// same options.
func TestWriteYAMLRoundTrip(t *testing.T) {
	src := `rules:
  PackageCacheNotCleaned: {severity: error}
  dl1000: off
  UpdateWithoutInstall: {enabled: false, severity: info}
  ShellCheck: {options: {exclude: [SC2086, "2046"], "odd key": "a: b"}}
contexts:
  "services/*/Dockerfile": services
include: ["services/**", "*.Dockerfile"]
exclude: ["**/legacy/**"]
fail-level: info
format: [text, "sarif=out dir/x.sarif"]
select: [DL3009, ParseError, UpdateWithoutInstall, HealthcheckMissing, ShellCheck]
`
	f, err := Parse(".layerlint.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	e := MergeFile(Defaults(), f)
	var buf bytes.Buffer
	if err := WriteYAML(&buf, e, "Dockerfile", rules.All()); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, want := range []string{
		"# layerlint configuration for Dockerfile\n# source: .layerlint.yaml\n",
		"fail-level: info # .layerlint.yaml\n",
		"  ParseError: {enabled: false, severity: error} # .layerlint.yaml\n",
		"  UpdateWithoutInstall: {enabled: false, severity: info} # .layerlint.yaml\n",
		// DL3009 selects the apt findings of PackageCacheNotCleaned only,
		// at the severity the rule's entry gives
		"  PackageCacheNotCleaned: {enabled: false, severity: error} # .layerlint.yaml (select)\n  DL3009: {enabled: true, severity: error} # .layerlint.yaml (select)\n",
		"select: [DL3009, ParseError, UpdateWithoutInstall, HealthcheckMissing, ShellCheck] # .layerlint.yaml\n",
		"  HealthcheckMissing: {enabled: true, severity: info} # .layerlint.yaml (select)\n",
		"  ImageTagMissing: {enabled: false, severity: warning} # .layerlint.yaml (select)\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	back, err := Parse(".layerlint.yaml", buf.Bytes())
	if err != nil {
		t.Fatalf("reading the output back: %v\n%s", err, out)
	}
	a, b := e.RulesConfig(), MergeFile(Defaults(), back).RulesConfig()
	for _, r := range rules.All() {
		if a.Effective(r) != b.Effective(r) {
			t.Errorf("%s: %v before, %v after", r.ID, a.Effective(r), b.Effective(r))
		}
	}
	got := dump(&back.Settings)
	for _, want := range []string{
		"contexts services/*/Dockerfile -> services\n",
		"include services/**\ninclude *.Dockerfile\nexclude **/legacy/**\n",
		"fail-level info\nformat text\nformat sarif=out dir/x.sarif\n",
		`rules.ShellCheck enabled=true severity=warning options={"exclude":["SC2086","2046"],"odd key":"a: b"}`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("after the round trip, no %q in:\n%s", want, got)
		}
	}
}
