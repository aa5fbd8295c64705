// Package rules is layerlint's rule engine and rule catalog. A rule is a value
// (Rule) with an ID, aliases, category, default severity, documentation and a
// Run function that inspects the shared dockerfile model through a Pass and
// reports Diagnostics. The CLI and the language server both call Lint, so they
// cannot disagree.
//
// Rules do no I/O and import nothing of the CLI (cmd) or the protocol (lsp).
// This package may import dockerfile and ctxscan, never lsp or cmd.
package rules

import (
	"fmt"
	"strings"

	"github.com/layerlint/layerlint/ctxscan"
	"github.com/layerlint/layerlint/dockerfile"
)

// Severity orders findings by impact, following gopls's guide.
type Severity int

const (
	SeverityOff     Severity = iota // not reported
	SeverityHint                    // an improvement that carries a fix
	SeverityInfo                    // probably unintended
	SeverityWarning                 // breaks or wastes the cache or the image
	SeverityError                   // the build fails
)

var severityNames = [...]string{"off", "hint", "info", "warning", "error"}

func (s Severity) String() string {
	if s < 0 || int(s) >= len(severityNames) {
		return fmt.Sprintf("Severity(%d)", int(s))
	}
	return severityNames[s]
}

// MarshalText renders the severity as its lower-case name.
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// ParseSeverity reads a severity name ("error", "warning", "info", "hint",
// "off"; "style" is read as hint and "none"/"ignore" as off, for hadolint users).
func ParseSeverity(name string) (Severity, error) {
	switch strings.ToLower(strings.TrimSpace(name)) {
	case "error":
		return SeverityError, nil
	case "warning", "warn":
		return SeverityWarning, nil
	case "info":
		return SeverityInfo, nil
	case "hint", "style":
		return SeverityHint, nil
	case "off", "none", "ignore":
		return SeverityOff, nil
	}
	return 0, fmt.Errorf("unknown severity %q (want error, warning, info, hint or off)", name)
}

// Category groups rules by what they protect.
type Category string

const (
	CategoryCache       Category = "cache"
	CategorySize        Category = "size"
	CategoryCorrectness Category = "correctness"
	CategorySecurity    Category = "security"
	CategoryStyle       Category = "style"
	CategoryContext     Category = "context"
)

// Doc is a rule's documentation.
type Doc struct {
	Title       string // at most 60 characters, no final period
	Description string // why it matters: the concrete cache or size effect
	Bad         string // a Dockerfile excerpt that triggers the rule
	Good        string // the same excerpt fixed
	// Options are the rule options (see Config.Options) that the examples,
	// and the rule's testdata, are checked with; nil for most rules.
	Options map[string]any
	// Context is the build context the examples assume, for rules that read
	// it (Rule.NeedsContext): slash path → content, a path ending in "/" is
	// an empty directory, ".dockerignore" is the ignore file.
	Context map[string]string
}

// Rule is one check.
type Rule struct {
	ID       string   // CamelCase, permanent, never reused
	Aliases  []string // hadolint DLxxxx codes and BuildKit check names with the same meaning
	Category Category
	Severity Severity // default severity
	// OffByDefault rules run only when enabled explicitly.
	OffByDefault bool
	// BuildKit marks rules that are one of BuildKit's build checks (so that
	// "# check=skip=all" skips them).
	BuildKit bool
	// NeedsContext marks rules that read the build context (Pass.Context);
	// they report nothing when it is nil (unknown, or --no-context).
	NeedsContext bool
	Doc          Doc
	Run          func(*Pass)
}

// URL is where the rule's documentation lives.
func (r *Rule) URL() string { return DocsBaseURL + r.ID + ".md" }

// DocsBaseURL prefixes rule IDs to form documentation links.
const DocsBaseURL = "https://github.com/layerlint/layerlint/blob/main/docs/rules/"

// Names returns the ID followed by the aliases.
func (r *Rule) Names() []string { return append([]string{r.ID}, r.Aliases...) }

// Pass is what a rule sees while it runs on one file.
type Pass struct {
	File *dockerfile.File
	Rule *Rule
	// Severity is the effective severity of the rule for this run.
	Severity Severity
	// Context is the build context as BuildKit sends it for this
	// Dockerfile; nil when unknown or turned off.
	Context *ctxscan.Context
	diags   []Diagnostic
	options map[string]any
	// shell holds the findings of shellChecker, computed by the engine
	// before the ShellCheck rule runs.
	shellChecker ShellChecker
	shell        []shellFinding
}

// Option returns the value of the rule option name (Config.Options), and
// whether it is set.
func (p *Pass) Option(name string) (any, bool) {
	v, ok := p.options[name]
	return v, ok
}

// Report records a finding. Rule, Severity, File and URL are filled in when empty.
func (p *Pass) Report(d Diagnostic) {
	if d.Rule == "" {
		d.Rule = p.Rule.ID
	}
	if d.Severity == 0 {
		d.Severity = p.Severity
	}
	if d.File == "" {
		d.File = p.File.Name
	}
	if d.URL == "" {
		d.URL = p.Rule.URL()
	}
	p.diags = append(p.diags, d)
}

// Reportf records a finding with a formatted message and no fix.
func (p *Pass) Reportf(r dockerfile.Range, format string, args ...any) {
	p.Report(Diagnostic{Range: r, Message: fmt.Sprintf(format, args...)})
}
