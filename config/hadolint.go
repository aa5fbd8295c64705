package config

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/layerlint/layerlint/rules"
)

// hadolintKeys are the keys of a hadolint configuration that layerlint
// maps onto its own settings.
var hadolintKeys = []string{"ignored", "override", "trustedRegistries", "failure-threshold", "no-fail", "label-schema", "strict-labels"}

// hadolintUnmapped are hadolint keys that have no layerlint counterpart; they
// are noted and skipped.
var hadolintUnmapped = map[string]string{
	"format":                "choose layerlint's output with --format or the format key",
	"formats":               "choose layerlint's output with --format or the format key",
	"no-color":              "use --no-color or NO_COLOR",
	"verbose":               "use --verbose",
	"require-labels":        "list the labels in label-schema instead",
	"disable-ignore-pragma": "layerlint always honours ignore comments",
}

// overrideLevels maps hadolint's override levels to layerlint severities.
var overrideLevels = map[string]rules.Severity{
	"error":   rules.SeverityError,
	"warning": rules.SeverityWarning,
	"info":    rules.SeverityInfo,
	"style":   rules.SeverityHint,
}

// hadolintThresholds maps failure-threshold values to fail levels.
var hadolintThresholds = map[string]string{
	"error":   "error",
	"warning": "warning",
	"info":    "info",
	"style":   "hint",
	"ignore":  "none",
	"none":    "none",
}

// ShellCheckRule is the ID of the rule that runs ShellCheck; hadolint's
// ignored SCxxxx codes become its "exclude" option.
const ShellCheckRule = "ShellCheck"

// LabelSchemaRules are the IDs of the rules that read hadolint's
// label-schema as their "schema" option; StrictLabelsRule reads
// strict-labels as its "strict" option.
var (
	LabelSchemaRules = []string{"RequiredLabelMissing", "UnexpectedLabel", "InvalidLabelValue"}
	StrictLabelsRule = "UnexpectedLabel"
)

// labelTypes are the types a label-schema entry may give.
var labelTypes = []string{"text", "url", "semver", "hash", "rfc3339", "spdx", "email"}

// TrustedRegistriesAlias is hadolint's code for its trusted-registry check;
// trustedRegistries becomes the "registries" option of the layerlint rule
// with that alias (UntrustedRegistry), when there is one.
const TrustedRegistriesAlias = "DL3026"

// ParseHadolint reads a hadolint configuration (.hadolint.yaml) and maps it
// onto layerlint's settings, noting each decision in File.Notes:
//
//   - ignored: DLxxxx codes disable the layerlint rule that has the code as
//     an alias; when the rule covers several hadolint codes, only its
//     findings under the code ignored are off, as in hadolint; SCxxxx codes
//     are added to the ShellCheck rule's "exclude" option;
//   - override: {error, warning, info, style}: lists of codes whose rules get
//     that severity (style is hint), again for the findings under that code
//     only when a rule covers several;
//   - failure-threshold: the fail level (style is hint, ignore is none);
//   - no-fail: true sets the fail level to none;
//   - trustedRegistries: the "registries" option of the rule aliased DL3026,
//     when there is one;
//   - label-schema: the "schema" option of the label rules
//     (LabelSchemaRules), and strict-labels the "strict" option of
//     StrictLabelsRule.
//
// Codes without a layerlint rule and hadolint keys without a counterpart are
// noted and skipped: the file belongs to another tool, so only values of the
// wrong type in the keys above are errors.
func ParseHadolint(path string, data []byte) (*File, error) {
	f := &File{Path: path, Kind: KindHadolint}
	root, err := decodeYAML(path, data)
	if err != nil {
		return nil, err
	}
	if root == nil {
		return f, nil
	}
	r := &reader{path: path}
	m := &migration{f: f, r: r}
	var ignored, noFail *pair
	var threshold string
	var thresholdPair *pair
	for _, p := range r.pairs(root, "") {
		p := p
		switch p.key {
		case "ignored":
			ignored = &p
		case "override":
			m.override(p)
		case "trustedRegistries":
			m.trusted(p)
		case "label-schema":
			m.labelSchema(p)
		case "strict-labels":
			if b, ok := r.boolean(p.v, p.where); ok {
				m.optionFor(p, []string{StrictLabelsRule}, "strict", b)
			}
		case "failure-threshold":
			if s, ok := r.str(p.v, p.where); ok {
				lvl, known := hadolintThresholds[strings.ToLower(s)]
				if !known {
					r.errorf(p.v, "%s: unknown threshold %q (want error, warning, info, style, ignore or none)", p.where, s)
					continue
				}
				threshold, thresholdPair = lvl, &p
			}
		case "no-fail":
			if b, ok := r.boolean(p.v, p.where); ok && b {
				noFail = &p
			}
		default:
			if why, known := hadolintUnmapped[p.key]; known {
				m.note(p, "%s: not used by layerlint (%s)", p.key, why)
			} else {
				m.note(p, "%s: not a hadolint setting layerlint knows; skipped", p.key)
			}
		}
	}
	// ignored is applied after override, as in hadolint, where an ignored
	// rule is not reported whatever its severity.
	if ignored != nil {
		m.ignored(*ignored)
	}
	switch {
	case noFail != nil:
		f.FailLevel = "none"
		m.note(*noFail, "no-fail: true: fail-level none (never fail)")
	case thresholdPair != nil:
		f.FailLevel = threshold
		m.note(*thresholdPair, "failure-threshold: fail-level %s", threshold)
	}
	if len(r.errs) > 0 {
		return nil, r.sorted()
	}
	sort.SliceStable(f.Notes, func(i, j int) bool {
		a, b := f.Notes[i], f.Notes[j]
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Column < b.Column
	})
	return f, nil
}

// migration accumulates the settings a hadolint file maps to.
type migration struct {
	f *File
	r *reader
}

func (m *migration) note(p pair, format string, args ...any) {
	m.noteAt(p.k.Line, p.k.Column, format, args...)
}

func (m *migration) noteAt(line, col int, format string, args ...any) {
	m.f.Notes = append(m.f.Notes, Note{Path: m.f.Path, Line: line, Column: col, Text: fmt.Sprintf(format, args...)})
}

func (m *migration) rule(id string) *Rule {
	if m.f.Rules == nil {
		m.f.Rules = map[string]*Rule{}
	}
	s := m.f.Rules[id]
	if s == nil {
		s = &Rule{}
		m.f.Rules[id] = s
	}
	return s
}

// others lists a rule's other codes, for notes on codes that share a rule:
// "DL3019, DL3042".
func others(r *rules.Rule, code string) string {
	var o []string
	for _, a := range r.Aliases {
		if !strings.EqualFold(a, code) {
			o = append(o, a)
		}
	}
	return strings.Join(o, ", ")
}

func isShellCheckCode(code string) bool {
	if len(code) < 3 || !strings.EqualFold(code[:2], "SC") {
		return false
	}
	for _, c := range code[2:] {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

func (m *migration) ignored(p pair) {
	codes, ok := m.r.strList(p.v, p.where, false)
	if !ok {
		return
	}
	for i, code := range codes {
		n := itemNode(p.v, i)
		switch r, found := rules.Lookup(code); {
		case found:
			key, _, _ := RuleName(code)
			off := false
			m.rule(key).Enabled = &off
			if key == r.ID {
				m.noteAt(n.Line, n.Column, "ignored: %s: rule %s disabled", code, r.ID)
			} else {
				m.noteAt(n.Line, n.Column, "ignored: %s: rule %s reports no %s findings; its %s findings remain", code, r.ID, key, others(r, key))
			}
		case isShellCheckCode(code):
			sc, ok := rules.Lookup(ShellCheckRule)
			if !ok {
				m.noteAt(n.Line, n.Column, "ignored: %s: layerlint does not run ShellCheck; skipped", code)
				continue
			}
			s := m.rule(sc.ID)
			if s.Options == nil {
				s.Options = map[string]any{}
			}
			list, _ := s.Options["exclude"].([]any)
			s.Options["exclude"] = append(list, strings.ToUpper(code))
			m.noteAt(n.Line, n.Column, "ignored: %s: added to the exclude option of rule %s", code, sc.ID)
		default:
			m.noteAt(n.Line, n.Column, "ignored: %s: no layerlint rule has this code; skipped", code)
		}
	}
}

func (m *migration) override(p pair) {
	for _, lv := range m.r.pairs(p.v, p.where) {
		sev, known := overrideLevels[lv.key]
		if !known {
			m.r.errorf(lv.k, "%s: unknown level %q (want error, warning, info or style)", p.where, lv.key)
			continue
		}
		codes, ok := m.r.strList(lv.v, lv.where, false)
		if !ok {
			continue
		}
		for i, code := range codes {
			n := itemNode(lv.v, i)
			r, found := rules.Lookup(code)
			if !found {
				m.noteAt(n.Line, n.Column, "override.%s: %s: no layerlint rule has this code; skipped", lv.key, code)
				continue
			}
			key, _, _ := RuleName(code)
			sv := sev
			m.rule(key).Severity = &sv
			if key == r.ID {
				m.noteAt(n.Line, n.Column, "override.%s: %s: rule %s severity %s", lv.key, code, r.ID, sev)
			} else {
				m.noteAt(n.Line, n.Column, "override.%s: %s: rule %s severity %s for its %s findings only", lv.key, code, r.ID, sev, key)
			}
		}
	}
}

func (m *migration) trusted(p pair) {
	regs, ok := m.r.strList(p.v, p.where, true)
	if !ok {
		return
	}
	r, found := rules.Lookup(TrustedRegistriesAlias)
	if !found {
		m.note(p, "trustedRegistries: no layerlint rule checks registries (hadolint's %s); skipped", TrustedRegistriesAlias)
		return
	}
	s := m.rule(r.ID)
	if s.Options == nil {
		s.Options = map[string]any{}
	}
	list := make([]any, len(regs))
	for i, x := range regs {
		list[i] = x
	}
	s.Options["registries"] = list
	m.note(p, "trustedRegistries: the registries option of rule %s", r.ID)
}

// labelSchema reads label-schema: label name → type.
func (m *migration) labelSchema(p pair) {
	schema := map[string]any{}
	ok := true
	for _, e := range m.r.pairs(p.v, p.where) {
		t, good := m.r.str(e.v, e.where)
		if !good {
			ok = false
			continue
		}
		if !slices.Contains(labelTypes, strings.ToLower(t)) {
			m.r.errorf(e.v, "%s: unknown label type %q (want %s)", e.where, t, joinOr(labelTypes))
			ok = false
			continue
		}
		schema[e.key] = strings.ToLower(t)
	}
	if ok {
		m.optionFor(p, LabelSchemaRules, "schema", schema)
	}
}

// optionFor sets option name to v for each rule of ids that is registered,
// and notes which.
func (m *migration) optionFor(p pair, ids []string, name string, v any) {
	var set []string
	for _, id := range ids {
		r, found := rules.Lookup(id)
		if !found {
			continue
		}
		s := m.rule(r.ID)
		if s.Options == nil {
			s.Options = map[string]any{}
		}
		s.Options[name] = v
		set = append(set, r.ID)
	}
	switch len(set) {
	case 0:
		m.note(p, "%s: no layerlint rule reads it; skipped", p.key)
	case 1:
		m.note(p, "%s: the %s option of rule %s", p.key, name, set[0])
	default:
		m.note(p, "%s: the %s option of rules %s", p.key, name, joinAnd(set))
	}
}

// joinAnd writes a, b and c.
func joinAnd(xs []string) string {
	if len(xs) == 1 {
		return xs[0]
	}
	return strings.Join(xs[:len(xs)-1], ", ") + " and " + xs[len(xs)-1]
}
