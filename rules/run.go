package rules

import (
	"fmt"
	"runtime/debug"
	"strings"
	"sync"

	"github.com/layerlint/layerlint/ctxscan"
	"github.com/layerlint/layerlint/dockerfile"

	"github.com/layerlint/layerlint/internal/par"
)

// Config selects rules and overrides severities. The zero value runs every
// rule that is on by default at its default severity.
//
// A name is a rule's ID or one of its aliases, in any case. Most names stand
// for the whole rule. The exception is an alias of a rule that has several
// (NonInteractiveFlagMissing is DL3014, DL3030, DL3034 and DL3038): an
// entry under such an alias applies only to the findings the rule reports
// under that alias (Diagnostic.Alias), and overrides the rule's own entries
// for them. Disabling DL3014 drops the apt-get findings while the rule keeps
// reporting yum's DL3030; giving DL3014 a severity changes only those
// findings; enabling DL3014 reports them even when the rule itself is off.
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

// LookupAlias reports whether name is one of the aliases of a rule that has
// several, the kind of name a Config entry applies to one alias's findings
// under. It returns the rule and the alias as the rule declares it.
func LookupAlias(name string) (*Rule, string, bool) {
	r, ok := Lookup(name)
	if !ok || len(r.Aliases) < 2 || strings.EqualFold(name, r.ID) {
		return nil, "", false
	}
	for _, a := range r.Aliases {
		if strings.EqualFold(a, name) {
			return r, a, true
		}
	}
	return nil, "", false
}

// ruleLevel returns the rule name n stands for as a whole, or nil for a name
// that is unknown or that names one alias of a rule with several.
func ruleLevel(n string) *Rule {
	if _, _, ok := LookupAlias(n); ok {
		return nil
	}
	r, _ := Lookup(n)
	return r
}

// Effective returns the severity rule r runs at under c (SeverityOff: not
// run), leaving aside the entries that name one alias of r
// (EffectiveAlias).
func (c *Config) Effective(r *Rule) Severity {
	sev := r.Severity
	if r.OffByDefault {
		sev = SeverityOff
	}
	if c == nil {
		return sev
	}
	for _, n := range c.Enable {
		if ruleLevel(n) == r {
			sev = r.Severity
		}
	}
	for _, n := range c.Disable {
		if ruleLevel(n) == r {
			sev = SeverityOff
		}
	}
	for n, s := range c.Severity {
		if ruleLevel(n) == r {
			sev = s
		}
	}
	return sev
}

// EffectiveAlias returns the severity of the findings rule r reports under
// alias (SeverityOff: dropped). Entries naming the alias decide, in the
// order enable, disable, severity, as for a rule; without one the findings
// follow the rule (Effective).
func (c *Config) EffectiveAlias(r *Rule, alias string) Severity {
	sev := c.Effective(r)
	if s, ok := c.aliasSeverities(r, sev)[strings.ToUpper(alias)]; ok {
		return s
	}
	return sev
}

// aliasSeverities returns the severity of each alias of r that c names on
// its own, keyed by the alias in upper case; nil when there is none. ruleSev
// is r's own severity under c.
func (c *Config) aliasSeverities(r *Rule, ruleSev Severity) map[string]Severity {
	if c == nil || len(r.Aliases) < 2 {
		return nil
	}
	var out map[string]Severity
	set := func(n string, s Severity) {
		if rr, a, ok := LookupAlias(n); ok && rr == r {
			if out == nil {
				out = map[string]Severity{}
			}
			out[strings.ToUpper(a)] = s
		}
	}
	on := ruleSev
	if on == SeverityOff {
		on = r.Severity
	}
	for _, n := range c.Enable {
		set(n, on)
	}
	for _, n := range c.Disable {
		set(n, SeverityOff)
	}
	for n, s := range c.Severity {
		set(n, s)
	}
	return out
}

// applyAliases gives each finding of a rule with alias entries the severity
// of its alias, dropping those that are off; findings under no alias entry
// follow the rule, and are dropped when it is off (it then ran only for an
// alias that is on).
func applyAliases(ds []Diagnostic, ruleSev Severity, bySev map[string]Severity) []Diagnostic {
	out := ds[:0]
	for _, d := range ds {
		sev, own := bySev[strings.ToUpper(d.Alias)]
		switch {
		case d.Rule == InternalError.ID:
			// a crash is reported whatever the entries say
		case own && sev == SeverityOff, !own && ruleSev == SeverityOff:
			continue
		case own:
			d.Severity = sev
		}
		out = append(out, d)
	}
	return out
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
	type job struct {
		pass   *Pass
		sev    Severity
		bySev  map[string]Severity
		gated  bool
		result []Diagnostic
	}
	var jobs []*job
	checks := collectChecks(f)
	for _, r := range All() {
		sev := cfg.Effective(r)
		// an experimental BuildKit check that the configuration leaves off
		// runs where "# check=experimental=" enables it
		gated := false
		if sev == SeverityOff && experimental[r.ID] && !cfg.turnsOff(r) && checks.experimentalAnywhere(r.ID) {
			sev, gated = r.Severity, true
		}
		// entries naming one alias of r: the rule runs when it is on, or
		// when one of those aliases is
		bySev := cfg.aliasSeverities(r, sev)
		runSev := sev
		for _, s := range bySev {
			if runSev == SeverityOff && s != SeverityOff {
				runSev = r.Severity
			}
		}
		if runSev == SeverityOff || r.Run == nil {
			continue
		}
		p := &Pass{File: f, Rule: r, Severity: runSev, Context: cx, options: cfg.options(r)}
		if cfg != nil {
			p.shellChecker = cfg.ShellChecker
		}
		jobs = append(jobs, &job{pass: p, sev: sev, bySev: bySev, gated: gated})
	}
	// Rules only read the model (shared facts go through File.Memo), so a
	// large file's rules run on several cores; results keep the rule order.
	par.Do(par.Workers(len(f.Instructions)), len(jobs), func(_, i int) {
		jobs[i].result = runPass(jobs[i].pass)
	})
	var out []Diagnostic
	for _, j := range jobs {
		r, ds := j.pass.Rule, j.result
		if j.bySev != nil {
			ds = applyAliases(ds, j.sev, j.bySev)
		}
		if j.gated {
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

// turnsOff reports whether c disables r explicitly (Disable, or severity
// off), as a whole rather than one alias of it.
func (c *Config) turnsOff(r *Rule) bool {
	if c == nil {
		return false
	}
	for _, n := range c.Disable {
		if ruleLevel(n) == r {
			return true
		}
	}
	for n, s := range c.Severity {
		if ruleLevel(n) == r && s == SeverityOff {
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
