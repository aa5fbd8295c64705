package rules

import (
	"fmt"
	"runtime/debug"
	"strings"

	"github.com/layerlint/layerlint/dockerfile"
)

// Config selects rules and overrides severities. The zero value runs every
// rule that is on by default at its default severity.
type Config struct {
	Enable   []string            // rule IDs or aliases to turn on (including off-by-default rules)
	Disable  []string            // rule IDs or aliases to turn off
	Severity map[string]Severity // rule ID or alias → severity (SeverityOff disables)
}

// Validate reports the first unknown rule name in c.
func (c *Config) Validate() error {
	if c == nil {
		return nil
	}
	for _, n := range c.Enable {
		if _, err := Resolve(n); err != nil {
			return err
		}
	}
	for _, n := range c.Disable {
		if _, err := Resolve(n); err != nil {
			return err
		}
	}
	for n := range c.Severity {
		if _, err := Resolve(n); err != nil {
			return err
		}
	}
	return nil
}

// Effective returns the severity rule r runs at under c (SeverityOff: not run).
func (c *Config) Effective(r *Rule) Severity {
	sev := r.Severity
	if r.OffByDefault {
		sev = SeverityOff
	}
	if c == nil {
		return sev
	}
	for _, n := range c.Enable {
		if rr, ok := Lookup(n); ok && rr == r {
			sev = r.Severity
		}
	}
	for _, n := range c.Disable {
		if rr, ok := Lookup(n); ok && rr == r {
			sev = SeverityOff
		}
	}
	for n, s := range c.Severity {
		if rr, ok := Lookup(n); ok && rr == r {
			sev = s
		}
	}
	return sev
}

// Lint runs every enabled rule on f and returns the findings that are not
// suppressed, sorted by position. A rule that panics yields one InternalError
// diagnostic naming it; the other rules still run.
func Lint(f *dockerfile.File, cfg *Config) []Diagnostic {
	var out []Diagnostic
	for _, r := range All() {
		sev := cfg.Effective(r)
		if sev == SeverityOff || r.Run == nil {
			continue
		}
		out = append(out, runRule(f, r, sev)...)
	}
	out = filterSuppressed(f, out)
	SortDiagnostics(out)
	return out
}

// RunRule runs one rule on f at its default severity, without suppression.
func RunRule(f *dockerfile.File, r *Rule) []Diagnostic {
	return runRule(f, r, r.Severity)
}

func runRule(f *dockerfile.File, r *Rule, sev Severity) (diags []Diagnostic) {
	p := &Pass{File: f, Rule: r, Severity: sev}
	defer func() {
		if e := recover(); e != nil {
			stack := string(debug.Stack())
			if i := strings.Index(stack, "\n"); i >= 0 {
				stack = stack[i+1:]
			}
			diags = []Diagnostic{{
				File:     f.Name,
				Rule:     InternalError.ID,
				Severity: SeverityError,
				Message:  fmt.Sprintf("rule %s crashed: %v (please report this bug)", r.ID, e),
				Range:    dockerfile.Range{Start: 0, End: 0},
				URL:      InternalError.URL(),
			}}
		}
	}()
	r.Run(p)
	for i := range p.diags {
		if p.diags[i].Alias == "" && len(r.Aliases) > 0 {
			p.diags[i].Alias = r.Aliases[0]
		}
	}
	return p.diags
}

// InternalError is reported when a rule crashes.
var InternalError = register(&Rule{
	ID:       "InternalError",
	Category: CategoryCorrectness,
	Severity: SeverityError,
	Doc: Doc{
		Title:       "A rule crashed while checking this file",
		Description: "layerlint caught a crash inside one rule and kept running the others. The file may be fine; this is a bug in layerlint. Please report it with the Dockerfile that triggers it.",
	},
})
