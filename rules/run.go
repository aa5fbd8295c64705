package rules

import (
	"fmt"
	"runtime/debug"
	"strings"
	"sync"

	"github.com/layerlint/layerlint/ctxscan"
	"github.com/layerlint/layerlint/dockerfile"
)

// Config selects rules and overrides severities. The zero value runs every
// rule that is on by default at its default severity.
type Config struct {
	Enable   []string            // rule IDs or aliases to turn on (including off-by-default rules)
	Disable  []string            // rule IDs or aliases to turn off
	Severity map[string]Severity // rule ID or alias → severity (SeverityOff disables)
	// Options holds rule settings: rule ID or alias → option name → value
	// (strings, numbers, booleans, lists and maps as decoded from YAML or
	// JSON). Each rule documents the options it reads.
	Options map[string]map[string]any
	// ShellChecker, when set, checks RUN scripts for the ShellCheck rule.
	// It is the one part of a lint run that may do I/O (the CLI's runs the
	// shellcheck program); without it the ShellCheck rule reports nothing.
	ShellChecker ShellChecker
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
	for n := range c.Options {
		if _, err := Resolve(n); err != nil {
			return err
		}
	}
	return nil
}

// options returns the options set for rule r, under its ID or any alias.
func (c *Config) options(r *Rule) map[string]any {
	if c == nil || len(c.Options) == 0 {
		return nil
	}
	var out map[string]any
	for n, opts := range c.Options {
		if rr, ok := Lookup(n); !ok || rr != r {
			continue
		}
		if out == nil {
			out = map[string]any{}
		}
		for k, v := range opts {
			out[k] = v
		}
	}
	return out
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
// diagnostic naming it; the other rules still run. Rules that read the build
// context stay silent: see LintContext.
func Lint(f *dockerfile.File, cfg *Config) []Diagnostic {
	return LintContext(f, cfg, nil)
}

// LintContext is Lint with the build context cx (nil: unknown) given to the
// rules that read it.
func LintContext(f *dockerfile.File, cfg *Config, cx *ctxscan.Context) []Diagnostic {
	var out []Diagnostic
	checks := collectChecks(f)
	for _, r := range All() {
		sev := cfg.Effective(r)
		// an experimental BuildKit check that the configuration leaves off
		// runs where "# check=experimental=" enables it
		gated := false
		if sev == SeverityOff && experimental[r.ID] && !cfg.turnsOff(r) && checks.experimentalAnywhere(r.ID) {
			sev, gated = r.Severity, true
		}
		if sev == SeverityOff || r.Run == nil {
			continue
		}
		p := &Pass{File: f, Rule: r, Severity: sev, Context: cx, options: cfg.options(r)}
		if cfg != nil {
			p.shellChecker = cfg.ShellChecker
		}
		ds := runPass(p)
		if gated {
			ds = checks.keepExperimental(f, r.ID, ds)
		}
		// "# check=error=true": BuildKit's findings fail the build
		if checks.file.errorOnWarn && r.BuildKit {
			for i := range ds {
				if ds[i].Rule == r.ID {
					ds[i].Severity = SeverityError
				}
			}
		}
		out = append(out, ds...)
	}
	out = filterSuppressed(f, out)
	SortDiagnostics(out)
	return out
}

// experimental holds the IDs of BuildKit's experimental checks: off by
// default, they run when the configuration enables them or when a
// "# check=experimental=<ID>|all" directive or comment asks for them, and
// "# check=skip=all" does not skip them (BuildKit's semantics).
var experimental = map[string]bool{}

// markExperimental records r as one of BuildKit's experimental checks.
func markExperimental(r *Rule) *Rule {
	experimental[r.ID] = true
	return r
}

// turnsOff reports whether c disables r explicitly (Disable, or severity off).
func (c *Config) turnsOff(r *Rule) bool {
	if c == nil {
		return false
	}
	for _, n := range c.Disable {
		if rr, ok := Lookup(n); ok && rr == r {
			return true
		}
	}
	for n, s := range c.Severity {
		if rr, ok := Lookup(n); ok && rr == r && s == SeverityOff {
			return true
		}
	}
	return false
}

// RunRule runs one rule on f at its default severity, without suppression,
// with the options and the build context its documentation examples assume
// (Doc.Options, Doc.Context) and, for ShellCheck, the shell checker tests
// install (none outside tests).
func RunRule(f *dockerfile.File, r *Rule) []Diagnostic {
	return RunRuleContext(f, r, ExampleContext(r))
}

// RunRuleContext is RunRule with the build context cx instead of the
// documentation's.
func RunRuleContext(f *dockerfile.File, r *Rule, cx *ctxscan.Context) []Diagnostic {
	p := &Pass{File: f, Rule: r, Severity: r.Severity, Context: cx, options: r.Doc.Options, shellChecker: testShellChecker}
	return runPass(p)
}

var exampleContexts sync.Map // *Rule → *ctxscan.Context

// ExampleContext returns the in-memory build context of r's documentation
// examples (Doc.Context), nil when it has none.
func ExampleContext(r *Rule) *ctxscan.Context {
	if r.Doc.Context == nil {
		return nil
	}
	if cx, ok := exampleContexts.Load(r); ok {
		return cx.(*ctxscan.Context)
	}
	cx, err := ctxscan.FromFiles(r.Doc.Context, "Dockerfile")
	if err != nil {
		panic(fmt.Sprintf("rule %s: example context: %v", r.ID, err))
	}
	exampleContexts.Store(r, cx)
	return cx
}

// testShellChecker is the ShellChecker RunRule uses; only tests set it.
var testShellChecker ShellChecker

func runPass(p *Pass) (diags []Diagnostic) {
	f, r := p.File, p.Rule
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
	// the engine, not the rule, runs the shell checker (the rule stays pure)
	if r == ShellCheck && p.shellChecker != nil {
		p.shell = checkShell(f, p.shellChecker, p.options)
	}
	r.Run(p)
	for i := range p.diags {
		if p.diags[i].Alias == "" && len(r.Aliases) == 1 {
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
