package rules

import (
	"fmt"
	"sort"
	"strings"
)

var registry = map[string]*Rule{}

// register adds r to the catalog; every rule file calls it once for its rule value.
func register(r *Rule) *Rule {
	if _, dup := registry[r.ID]; dup {
		panic("rules: duplicate rule ID " + r.ID)
	}
	registry[r.ID] = r
	return r
}

// All returns every rule, sorted by ID.
func All() []*Rule {
	rs := make([]*Rule, 0, len(registry))
	for _, r := range registry {
		rs = append(rs, r)
	}
	sort.Slice(rs, func(i, j int) bool { return rs[i].ID < rs[j].ID })
	return rs
}

// Lookup finds a rule by ID or alias, ignoring case.
func Lookup(name string) (*Rule, bool) {
	if r, ok := registry[name]; ok {
		return r, true
	}
	for _, r := range registry {
		for _, n := range r.Names() {
			if strings.EqualFold(n, name) {
				return r, true
			}
		}
	}
	return nil, false
}

// UnknownRuleError reports a rule name that names no rule, with a suggestion.
type UnknownRuleError struct {
	Name       string
	Suggestion string
}

func (e *UnknownRuleError) Error() string {
	if e.Suggestion != "" {
		return fmt.Sprintf("unknown rule %q (did you mean %q?)", e.Name, e.Suggestion)
	}
	return fmt.Sprintf("unknown rule %q", e.Name)
}

// Resolve finds a rule by ID or alias, or returns an *UnknownRuleError with a
// did-you-mean suggestion.
func Resolve(name string) (*Rule, error) {
	if r, ok := Lookup(name); ok {
		return r, nil
	}
	best, bestD := "", 1<<30
	for _, r := range registry {
		for _, n := range r.Names() {
			d := editDistance(strings.ToLower(name), strings.ToLower(n))
			if d < bestD {
				best, bestD = n, d
			}
		}
	}
	if bestD > len(name)/3+1 {
		best = ""
	}
	return nil, &UnknownRuleError{Name: name, Suggestion: best}
}

func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			c := prev[j-1]
			if a[i-1] != b[j-1] {
				c++
			}
			cur[j] = min(c, prev[j]+1, cur[j-1]+1)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
