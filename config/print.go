package config

import (
	"fmt"
	"io"
	"slices"
	"sort"
	"strings"

	"github.com/goccy/go-yaml"

	"github.com/layerlint/layerlint/rules"
)

// WriteYAML prints the effective configuration for target (a Dockerfile or
// directory, named in the header) as a .layerlint.yaml document: every key,
// and every rule in all with its effective enabled state and severity, each
// followed by a comment naming the layer it came from. The output can be
// saved and read back as a configuration file, except that include and
// exclude globs given as flags are relative to each PATH argument, not to the
// file's directory.
func WriteYAML(w io.Writer, e *Effective, target string, all []*rules.Rule) error {
	var b strings.Builder
	fmt.Fprintf(&b, "# layerlint configuration for %s\n", target)
	switch {
	case e.File == nil:
		b.WriteString("# source: no configuration file; defaults\n")
	case e.File.Kind == KindHadolint:
		fmt.Fprintf(&b, "# source: %s (a hadolint configuration, mapped onto layerlint's rules)\n", e.File.Path)
	default:
		fmt.Fprintf(&b, "# source: %s\n", e.File.Path)
	}
	src := func(key string) string {
		if s, ok := e.Source[key]; ok {
			return s
		}
		return "defaults"
	}
	line := func(key string, v any) {
		fmt.Fprintf(&b, "%s: %s # %s\n", key, flow(v), src(key))
	}
	line("fail-level", e.FailLevel)
	line("format", orEmpty(e.Format))
	line("include", globs(e.Include))
	line("exclude", globs(e.Exclude))
	if len(e.Contexts) == 0 {
		fmt.Fprintf(&b, "contexts: {} # %s\n", src("contexts"))
	} else {
		fmt.Fprintf(&b, "contexts: # %s\n", src("contexts"))
		for _, c := range e.Contexts {
			fmt.Fprintf(&b, "  %s: %s\n", flow(c.Glob), flow(c.Dir))
		}
	}
	if e.Select == nil {
		b.WriteString("# select: not set; every rule runs as its entry under rules says\n")
	} else {
		line("select", e.Select)
	}
	cfg := e.RulesConfig()
	sel := newSelection(e.Select)
	b.WriteString("rules:\n")
	sorted := append([]*rules.Rule(nil), all...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i].ID < sorted[j].ID })
	// entry prints the setting under key: a rule's, or one alias's
	entry := func(key string, sev, def rules.Severity, covered bool) {
		shown := sev
		if sev == rules.SeverityOff {
			shown = def
			if s := e.Rules[key]; s != nil && s.Severity != nil && *s.Severity != rules.SeverityOff {
				shown = *s.Severity
			}
		}
		m := yaml.MapSlice{
			{Key: "enabled", Value: sev != rules.SeverityOff},
			{Key: "severity", Value: shown.String()},
		}
		if s := e.Rules[key]; s != nil && len(s.Options) > 0 {
			m = append(m, yaml.MapItem{Key: "options", Value: s.Options})
		}
		from := src("rules." + key)
		if _, own := e.Source["rules."+key]; e.Select != nil && (!own || !covered) {
			// the selection decided whether it runs
			from = src("select") + " (select)"
		}
		fmt.Fprintf(&b, "  %s: %s # %s\n", key, flow(m), from)
	}
	for _, r := range sorted {
		entry(r.ID, cfg.Effective(r), r.Severity, sel.rules[r.ID])
		// the aliases set on their own, or selected alone, follow their rule
		for _, a := range r.Aliases {
			if _, _, ok := rules.LookupAlias(a); !ok {
				continue
			}
			if _, set := e.Rules[a]; set || slices.Contains(sel.aliases[r], a) {
				entry(a, cfg.EffectiveAlias(r, a), r.Severity, sel.covers(a))
			}
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func orEmpty(xs []string) []string {
	if xs == nil {
		return []string{}
	}
	return xs
}

func globs(ps []Pattern) []string {
	out := []string{}
	for _, p := range ps {
		out = append(out, p.Glob)
	}
	return out
}

// flow renders v as one line of flow-style YAML, quoting strings that need
// it; map keys are sorted.
func flow(v any) string {
	out, err := yaml.MarshalWithOptions(v, yaml.Flow(true), yaml.UseSingleQuote(false))
	if err != nil {
		return fmt.Sprintf("%q", fmt.Sprint(v))
	}
	return strings.TrimSuffix(string(out), "\n")
}
