package config

import (
	"strings"

	"github.com/layerlint/layerlint/rules"
)

// RuleName resolves a rule name as written in a file or a flag (an ID or an
// alias, in any case) to the spelling the configuration keeps it under: the
// rule's ID, since every name of a rule means the whole rule. It returns an
// *rules.UnknownRuleError, with a suggestion, for a name no rule has.
func RuleName(name string) (string, *rules.Rule, error) {
	r, err := rules.Resolve(strings.TrimSpace(name))
	if err != nil {
		return "", nil, err
	}
	return r.ID, r, nil
}

// selected returns the IDs of the rules the names in sel pick out.
func selected(sel []string) map[string]bool {
	ids := map[string]bool{}
	for _, n := range sel {
		if r, ok := rules.Lookup(n); ok {
			ids[r.ID] = true
		}
	}
	return ids
}

// applySelect restricts cfg to the selected rules: every rule sel does not
// name is disabled, whatever the rule settings say, and every rule it names
// is enabled (off-by-default rules included) unless a rule setting turns it
// off. New rules are off too, so that a selection means the same thing
// whatever the catalog holds.
func applySelect(cfg *rules.Config, sel []string) {
	ids := selected(sel)
	keep := func(name string) bool {
		r, ok := rules.Lookup(name)
		return ok && ids[r.ID]
	}
	cfg.Enable = filterNames(cfg.Enable, keep)
	for n := range cfg.Severity {
		if !keep(n) {
			delete(cfg.Severity, n)
		}
	}
	for _, r := range rules.All() {
		if ids[r.ID] {
			cfg.Enable = append(cfg.Enable, r.ID)
		} else {
			cfg.Disable = append(cfg.Disable, r.ID)
		}
	}
}

func filterNames(names []string, keep func(string) bool) []string {
	var out []string
	for _, n := range names {
		if keep(n) {
			out = append(out, n)
		}
	}
	return out
}
