package rules

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/layerlint/layerlint/dockerfile"
)

// aliasFindings lints src under cfg and returns the findings of the rules
// named in only, as "line Rule/Alias severity", in report order.
func aliasFindings(t *testing.T, src string, cfg *Config, only ...string) []string {
	t.Helper()
	if err := cfg.Validate(); err != nil {
		t.Fatal(err)
	}
	f := dockerfile.Parse("Dockerfile", []byte(src))
	var out []string
	for _, d := range Lint(f, cfg) {
		if slices.Contains(only, d.Rule) {
			out = append(out, fmt.Sprintf("%d %s/%s %s", f.Position(d.Range.Start).Line, d.Rule, d.Alias, d.Severity))
		}
	}
	return out
}

// aliasSrc has one finding under each of two aliases of three grouped
// rules: NonInteractiveFlagMissing (apt-get DL3014, yum DL3030),
// PackageCacheNotCleaned (yum DL3032, pip DL3042) and
// MultipleInstructionsDisallowed (CMD DL4003, ENTRYPOINT DL4004).
const aliasSrc = `FROM debian:bookworm
RUN apt-get install curl
RUN yum install curl
CMD ["a"]
CMD ["b"]
ENTRYPOINT ["x"]
ENTRYPOINT ["y"]
RUN pip install flask
`

var aliasRules = []string{"NonInteractiveFlagMissing", "PackageCacheNotCleaned", "MultipleInstructionsDisallowed"}

// TestAliasEntries: an entry naming one alias of a rule with several applies
// to the findings reported under that alias only, and the rule still runs.
func TestAliasEntries(t *testing.T) {
	all := []string{
		"2 NonInteractiveFlagMissing/DL3014 warning",
		"3 NonInteractiveFlagMissing/DL3030 warning",
		"3 PackageCacheNotCleaned/DL3032 warning",
		"4 MultipleInstructionsDisallowed/DL4003 warning",
		"6 MultipleInstructionsDisallowed/DL4004 warning",
		"8 PackageCacheNotCleaned/DL3042 warning",
	}
	without := func(drop ...string) []string {
		var out []string
		for _, f := range all {
			keep := true
			for _, d := range drop {
				if strings.Contains(f, "/"+d+" ") {
					keep = false
				}
			}
			if keep {
				out = append(out, f)
			}
		}
		return out
	}
	for _, c := range []struct {
		name string
		cfg  *Config
		want []string
	}{
		{"no configuration", nil, all},
		{"disable one alias of each rule", &Config{Disable: []string{"DL3014", "DL3042", "DL4004"}}, without("DL3014", "DL3042", "DL4004")},
		{"aliases in any case", &Config{Disable: []string{"dl3014", "Dl3032"}}, without("DL3014", "DL3032")},
		{"every alias but one", &Config{Disable: []string{"DL3009", "DL3019", "DL3042", "DL3040", "DL3036", "DL3060"}}, without("DL3042")},
		{"disable the rule by ID", &Config{Disable: []string{"NonInteractiveFlagMissing"}}, without("DL3014", "DL3030")},
		{"severity off for one alias", &Config{Severity: map[string]Severity{"DL4003": SeverityOff}}, without("DL4003")},
		{"severity for one alias", &Config{Severity: map[string]Severity{"DL3030": SeverityError, "DL3032": SeverityHint}}, []string{
			"2 NonInteractiveFlagMissing/DL3014 warning",
			"3 NonInteractiveFlagMissing/DL3030 error",
			"3 PackageCacheNotCleaned/DL3032 hint",
			"4 MultipleInstructionsDisallowed/DL4003 warning",
			"6 MultipleInstructionsDisallowed/DL4004 warning",
			"8 PackageCacheNotCleaned/DL3042 warning",
		}},
		{"the alias's severity wins over the rule's", &Config{Severity: map[string]Severity{"NonInteractiveFlagMissing": SeverityInfo, "DL3014": SeverityError}}, []string{
			"2 NonInteractiveFlagMissing/DL3014 error",
			"3 NonInteractiveFlagMissing/DL3030 info",
			"3 PackageCacheNotCleaned/DL3032 warning",
			"4 MultipleInstructionsDisallowed/DL4003 warning",
			"6 MultipleInstructionsDisallowed/DL4004 warning",
			"8 PackageCacheNotCleaned/DL3042 warning",
		}},
		{"the rule off, one alias enabled", &Config{Disable: []string{"PackageCacheNotCleaned"}, Enable: []string{"DL3042"}}, without("DL3032")},
		{"the rule off, one alias given a severity", &Config{Disable: []string{"MultipleInstructionsDisallowed"}, Severity: map[string]Severity{"DL4004": SeverityInfo}}, []string{
			"2 NonInteractiveFlagMissing/DL3014 warning",
			"3 NonInteractiveFlagMissing/DL3030 warning",
			"3 PackageCacheNotCleaned/DL3032 warning",
			"6 MultipleInstructionsDisallowed/DL4004 info",
			"8 PackageCacheNotCleaned/DL3042 warning",
		}},
		// as for a rule: enable, then disable, then severity
		{"an alias disabled and given a severity", &Config{Disable: []string{"DL3014"}, Severity: map[string]Severity{"DL3014": SeverityHint}}, []string{
			"2 NonInteractiveFlagMissing/DL3014 hint",
			"3 NonInteractiveFlagMissing/DL3030 warning",
			"3 PackageCacheNotCleaned/DL3032 warning",
			"4 MultipleInstructionsDisallowed/DL4003 warning",
			"6 MultipleInstructionsDisallowed/DL4004 warning",
			"8 PackageCacheNotCleaned/DL3042 warning",
		}},
		{"an alias enabled and disabled", &Config{Enable: []string{"DL3030"}, Disable: []string{"DL3030"}}, without("DL3030")},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := aliasFindings(t, aliasSrc, c.cfg, aliasRules...)
			if !slices.Equal(got, c.want) {
				t.Errorf("got\n  %s\nwant\n  %s", strings.Join(got, "\n  "), strings.Join(c.want, "\n  "))
			}
		})
	}
}

// TestAliasEntriesLabels covers the fourth grouped rule, InvalidLabelValue,
// on its documented bad example: DL3056 for the version, DL3053 for the
// creation time.
func TestAliasEntriesLabels(t *testing.T) {
	r := InvalidLabelValue
	opts := map[string]map[string]any{r.ID: r.Doc.Options}
	got := aliasFindings(t, r.Doc.Bad, &Config{Options: opts}, r.ID)
	if want := []string{"2 InvalidLabelValue/DL3056 warning", "3 InvalidLabelValue/DL3053 warning"}; !slices.Equal(got, want) {
		t.Fatalf("the example reports %q, want %q", got, want)
	}
	got = aliasFindings(t, r.Doc.Bad, &Config{Options: opts, Disable: []string{"DL3053"}}, r.ID)
	if want := []string{"2 InvalidLabelValue/DL3056 warning"}; !slices.Equal(got, want) {
		t.Errorf("DL3053 disabled: %q, want %q", got, want)
	}
}

// TestAliasOfSingleAliasRule: an alias that is a rule's only one names the
// whole rule.
func TestAliasOfSingleAliasRule(t *testing.T) {
	src := "FROM alpine:3.20\nFORM x\n"
	if got := aliasFindings(t, src, &Config{Disable: []string{"DL1000"}}, "ParseError"); len(got) != 0 {
		t.Errorf("DL1000 disabled, yet %q", got)
	}
	if got := (&Config{Disable: []string{"dl1000"}}).Effective(ParseError); got != SeverityOff {
		t.Errorf("Effective(ParseError) = %v with DL1000 disabled", got)
	}
	if _, _, ok := LookupAlias("DL1000"); ok {
		t.Error("LookupAlias takes DL1000 for one of several aliases")
	}
	if r, a, ok := LookupAlias("dl3014"); !ok || r.ID != "NonInteractiveFlagMissing" || a != "DL3014" {
		t.Errorf("LookupAlias(dl3014) = %v, %q, %v", r, a, ok)
	}
	if _, _, ok := LookupAlias("NonInteractiveFlagMissing"); ok {
		t.Error("LookupAlias takes a rule ID for an alias")
	}
}

// TestEffectiveAlias: Effective leaves alias entries aside; EffectiveAlias
// says what each alias's findings get.
func TestEffectiveAlias(t *testing.T) {
	r, _ := Lookup("NonInteractiveFlagMissing")
	cfg := &Config{
		Disable:  []string{"DL3014", "NonInteractiveFlagMissing"},
		Enable:   []string{"DL3030"},
		Severity: map[string]Severity{"DL3034": SeverityError},
	}
	if got := cfg.Effective(r); got != SeverityOff {
		t.Errorf("Effective = %v, want off", got)
	}
	for alias, want := range map[string]Severity{"DL3014": SeverityOff, "dl3030": SeverityWarning, "DL3034": SeverityError, "DL3038": SeverityOff} {
		if got := cfg.EffectiveAlias(r, alias); got != want {
			t.Errorf("EffectiveAlias(%s) = %v, want %v", alias, got, want)
		}
	}
	if cfg.turnsOff(r) != true || (&Config{Disable: []string{"DL3014"}}).turnsOff(r) {
		t.Error("turnsOff counts an alias entry as turning the rule off")
	}
}

// TestAliasEntriesOffByDefault uses a probe rule that is off by default and
// reports under two aliases and none: enabling one alias runs the rule for
// that alias's findings only. Findings at one position are sorted by
// message ("probe " first).
func TestAliasEntriesOffByDefault(t *testing.T) {
	probe := &Rule{ID: "AliasProbe", Aliases: []string{"ZZ901", "ZZ902"}, Severity: SeverityInfo, OffByDefault: true}
	probe.Run = func(p *Pass) {
		for _, a := range []string{"ZZ901", "ZZ902", ""} {
			p.Report(Diagnostic{Alias: a, Range: p.File.Instructions[0].KeywordRange, Message: "probe " + a})
		}
	}
	registry[probe.ID] = probe
	defer delete(registry, probe.ID)
	src := "FROM alpine:3.20\n"
	for _, c := range []struct {
		cfg  *Config
		want []string
	}{
		{nil, nil},
		{&Config{Enable: []string{"ZZ902"}}, []string{"1 AliasProbe/ZZ902 info"}},
		{&Config{Severity: map[string]Severity{"zz901": SeverityError}}, []string{"1 AliasProbe/ZZ901 error"}},
		{&Config{Enable: []string{"AliasProbe"}, Disable: []string{"ZZ901"}}, []string{"1 AliasProbe/ info", "1 AliasProbe/ZZ902 info"}},
		{&Config{Enable: []string{"AliasProbe"}}, []string{"1 AliasProbe/ info", "1 AliasProbe/ZZ901 info", "1 AliasProbe/ZZ902 info"}},
	} {
		got := aliasFindings(t, src, c.cfg, probe.ID)
		if !slices.Equal(got, c.want) {
			t.Errorf("%+v: got %q, want %q", c.cfg, got, c.want)
		}
	}
}
