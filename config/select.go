package config

import (
	"slices"
	"strings"

	"github.com/layerlint/layerlint/rules"
)

// RuleName resolves a rule name as written in a file or a flag (an ID or an
// alias, in any case) to the key the configuration keeps its setting under:
// the rule's ID, except for one alias of a rule that has several
// (PackageCacheNotCleaned is DL3009, DL3019, DL3042, ...), which keeps its
// own key, spelled as the rule declares it, because a setting under it
// applies only to the findings reported under that alias
// (rules.Config). It returns an *rules.UnknownRuleError, with a suggestion,
// for a name no rule has.
func RuleName(name string) (string, *rules.Rule, error) {
	name = strings.TrimSpace(name)
	r, err := rules.Resolve(name)
	if err != nil {
		return "", nil, err
	}
	if _, alias, ok := rules.LookupAlias(name); ok {
		return alias, r, nil
	}
	return r.ID, r, nil
}

// selection is what a select list picks out: whole rules by ID, and
// single aliases of rules that have several.
type selection struct {
	rules   map[string]bool          // rule ID → selected as a whole
	aliases map[*rules.Rule][]string // rule → its aliases selected alone
}

func newSelection(sel []string) selection {
	s := selection{rules: map[string]bool{}, aliases: map[*rules.Rule][]string{}}
	for _, n := range sel {
		if r, a, ok := rules.LookupAlias(n); ok {
			s.aliases[r] = append(s.aliases[r], a)
		} else if r, ok := rules.Lookup(n); ok {
			s.rules[r.ID] = true
		}
	}
	return s
}

// covers reports whether a setting under name (a rule or one of its
// aliases) concerns findings the selection keeps.
func (s selection) covers(name string) bool {
	if r, a, ok := rules.LookupAlias(name); ok {
		return s.rules[r.ID] || slices.Contains(s.aliases[r], a)
	}
	r, ok := rules.Lookup(name)
	return ok && s.rules[r.ID]
}

// applySelect restricts cfg to the selected rules: every rule sel does not
// name is disabled, whatever the rule settings say, and every rule it names
// is enabled (off-by-default rules included) unless a rule setting turns it
// off. New rules are off too, so that a selection means the same thing
// whatever the catalog holds. An alias of a rule with several selects the
// findings reported under it: the rule is off but for that alias, which gets
// the rule's configured severity unless it has its own.
func applySelect(cfg *rules.Config, sel []string) {
	s := newSelection(sel)
	// what the settings say of whole rules, before the selection drops them
	ruleOff := map[string]bool{}
	for _, n := range cfg.Disable {
		if r, ok := rules.Lookup(n); ok && r.ID == n {
			ruleOff[r.ID] = true
		}
	}
	ruleSev := map[string]rules.Severity{}
	for n, sev := range cfg.Severity {
		if r, ok := rules.Lookup(n); ok && r.ID == n {
			ruleSev[r.ID] = sev
		}
	}
	cfg.Enable = slices.DeleteFunc(cfg.Enable, func(n string) bool { return !s.covers(n) })
	for n := range cfg.Severity {
		if !s.covers(n) {
			delete(cfg.Severity, n)
		}
	}
	for _, r := range rules.All() {
		if s.rules[r.ID] {
			cfg.Enable = append(cfg.Enable, r.ID)
			continue
		}
		cfg.Disable = append(cfg.Disable, r.ID)
		if ruleOff[r.ID] || ruleSev[r.ID] == rules.SeverityOff && hasKey(ruleSev, r.ID) {
			continue // the settings turn the whole rule off
		}
		for _, a := range s.aliases[r] {
			cfg.Enable = append(cfg.Enable, a)
			if sev, ok := ruleSev[r.ID]; ok && !hasKey(cfg.Severity, a) {
				if cfg.Severity == nil {
					cfg.Severity = map[string]rules.Severity{}
				}
				cfg.Severity[a] = sev
			}
		}
	}
}

func hasKey[V any](m map[string]V, k string) bool {
	_, ok := m[k]
	return ok
}
