package config

import (
	"fmt"
	"path/filepath"
	"sort"
	"strings"

	"github.com/bmatcuk/doublestar/v4"

	"github.com/layerlint/layerlint/rules"
)

// Keys are the top-level keys of a .layerlint.yaml file.
var Keys = []string{"rules", "select", "contexts", "include", "exclude", "fail-level", "format"}

// ruleKeys are the keys of one entry under "rules".
var ruleKeys = []string{"enabled", "severity", "options"}

// Parse reads a .layerlint.yaml file:
//
//	rules:
//	  PackageCacheNotCleaned: {severity: error}
//	  DL3009: off                  # shorthand: a severity, or true/false
//	  ShellCheck:
//	    enabled: true
//	    options: {exclude: [SC2086]}
//	select: [PackageCacheNotCleaned, DL3015]   # only these rules run
//	contexts:
//	  "services/*/Dockerfile": services
//	include: ["services/**"]
//	exclude: ["**/legacy/**"]
//	fail-level: error
//	format: [text, sarif=layerlint.sarif]
//
// Rules are named by ID or alias, in any case. Globs (doublestar syntax) and
// context directories are relative to the file's directory. Every problem is
// reported, each with its position; the error is then an ErrorList.
func Parse(path string, data []byte) (*File, error) {
	f := &File{Path: path, Kind: KindLayerlint}
	root, err := decodeYAML(path, data)
	if err != nil {
		return nil, err
	}
	if root == nil {
		return f, nil
	}
	r := &reader{path: path}
	base := f.Dir()
	for _, p := range r.pairs(root, "") {
		switch p.key {
		case "rules":
			f.Rules = r.rules(p)
		case "select":
			f.Select = r.selection(p)
		case "contexts":
			f.Contexts = r.contexts(p, base)
		case "include":
			f.Include = r.patterns(p, base)
		case "exclude":
			f.Exclude = r.patterns(p, base)
		case "fail-level":
			if s, ok := r.str(p.v, p.where); ok {
				if _, err := ParseFailLevel(s); err != nil {
					r.errorf(p.v, "%s: %v", p.where, err)
				} else {
					f.FailLevel = strings.ToLower(s)
				}
			}
		case "format":
			if list, ok := r.strList(p.v, p.where, true); ok {
				for i, v := range list {
					if err := CheckFormat(v); err != nil {
						r.errorf(itemNode(p.v, i), "%s: %v", p.where, err)
					}
				}
				f.Format = list
			}
		default:
			r.unknownKey(p, Keys)
		}
	}
	if len(r.errs) > 0 {
		return nil, r.sorted()
	}
	return f, nil
}

func (r *reader) unknownKey(p pair, known []string) {
	msg := fmt.Sprintf("unknown key %q", p.key)
	if s := suggest(p.key, known); s != "" {
		msg += fmt.Sprintf(" (did you mean %q?)", s)
	} else {
		msg += " (known keys: " + strings.Join(known, ", ") + ")"
	}
	prefix := ""
	if i := strings.LastIndex(p.where, "."); i >= 0 {
		prefix = p.where[:i]
	}
	r.errorf(p.k, "%s%s", label(prefix), msg)
}

// rules reads the "rules" mapping: rule name → settings or a shorthand,
// keyed as RuleName says.
func (r *reader) rules(p pair) map[string]*Rule {
	out := map[string]*Rule{}
	firstName := map[string]pair{}
	for _, e := range r.pairs(p.v, p.where) {
		// a rule and one alias of it are two keys when the rule has
		// several aliases: the alias's setting is for its findings only
		key, _, err := RuleName(e.key)
		if err != nil {
			r.errorf(e.k, "%s: %v", p.where, err)
			continue
		}
		if prev, dup := firstName[key]; dup {
			r.errorf(e.k, "%s: %s and %s (line %d) both name %s; configure it once", p.where, e.key, prev.key, prev.k.Line, key)
			continue
		}
		firstName[key] = e
		if s := r.rule(e); s != nil {
			out[key] = s
		}
	}
	return out
}

// selection reads "select": a rule name or a list of them, each named once.
// An empty list is refused: it would run no rule at all.
func (r *reader) selection(p pair) []string {
	items := []*node{p.v}
	if p.v.Kind == sequenceNode {
		items = p.v.Content
	} else if _, ok := r.strList(p.v, p.where, true); !ok {
		return nil
	}
	if len(items) == 0 || p.v.Tag == "!!null" {
		r.errorf(p.v, "%s: names no rule; leave the key out to run every rule", p.where)
		return nil
	}
	out := []string{}
	first := map[string]string{}
	for _, item := range items {
		n, ok := r.str(item, p.where)
		if !ok {
			continue
		}
		name, _, err := RuleName(n)
		if err != nil {
			r.errorf(item, "%s: %v", p.where, err)
			continue
		}
		if prev, dup := first[name]; dup {
			r.errorf(item, "%s: %s and %s both name %s; name it once", p.where, n, prev, name)
			continue
		}
		first[name] = n
		out = append(out, name)
	}
	return out
}

// rule reads one rule's settings: a mapping with enabled, severity and
// options, or a shorthand scalar: a severity name ("off" disables) or a
// boolean (enabled).
func (r *reader) rule(e pair) *Rule {
	s := &Rule{}
	v := e.v
	if v.Kind == scalarNode {
		switch v.ShortTag() {
		case "!!bool":
			b, ok := r.boolean(v, e.where)
			if !ok {
				return nil
			}
			s.Enabled = &b
		case "!!str":
			sev, err := rules.ParseSeverity(v.Value)
			if err != nil {
				r.errorf(v, "%s: %v", e.where, err)
				return nil
			}
			s.Severity = &sev
		default:
			r.errorf(v, "%s: want a mapping (enabled, severity, options), a severity or true/false, got %s", e.where, describe(v))
			return nil
		}
		return s
	}
	for _, f := range r.pairs(v, e.where) {
		switch f.key {
		case "enabled":
			if b, ok := r.boolean(f.v, f.where); ok {
				s.Enabled = &b
			}
		case "severity":
			if str, ok := r.str(f.v, f.where); ok {
				sev, err := rules.ParseSeverity(str)
				if err != nil {
					r.errorf(f.v, "%s: %v", f.where, err)
				} else {
					s.Severity = &sev
				}
			}
		case "options":
			opts := r.pairs(f.v, f.where)
			s.Options = map[string]any{}
			for _, o := range opts {
				if val, ok := r.value(o.v, o.where); ok {
					s.Options[o.key] = val
				}
			}
		default:
			r.unknownKey(f, ruleKeys)
		}
	}
	return s
}

// patterns reads include or exclude: a list of globs, or one glob.
func (r *reader) patterns(p pair, base string) []Pattern {
	list, ok := r.strList(p.v, p.where, true)
	if !ok {
		return nil
	}
	out := []Pattern{}
	for i, g := range list {
		if err := checkGlob(g); err != nil {
			r.errorf(itemNode(p.v, i), "%s: %v", p.where, err)
			continue
		}
		out = append(out, Pattern{Glob: g, Base: base})
	}
	return out
}

// contexts reads "contexts": Dockerfile glob → build context directory.
func (r *reader) contexts(p pair, base string) []Context {
	out := []Context{}
	for _, e := range r.pairs(p.v, p.where) {
		if err := checkGlob(e.key); err != nil {
			r.errorf(e.k, "%s: %v", p.where, err)
			continue
		}
		dir, ok := r.str(e.v, e.where)
		if !ok {
			continue
		}
		if dir == "" {
			r.errorf(e.v, "%s: want a directory, got an empty string", e.where)
			continue
		}
		out = append(out, Context{Glob: e.key, Dir: dir, Base: base})
	}
	return out
}

// checkGlob validates a doublestar pattern.
func checkGlob(g string) error {
	if g == "" {
		return fmt.Errorf("empty pattern")
	}
	if !doublestar.ValidatePattern(strings.TrimPrefix(g, "./")) {
		return fmt.Errorf("bad pattern %q", g)
	}
	return nil
}

// MatchGlob reports whether the slash-separated relative path rel matches
// glob (doublestar syntax; a leading "./" is ignored).
func MatchGlob(glob, rel string) bool {
	ok, err := doublestar.Match(strings.TrimPrefix(glob, "./"), rel)
	return err == nil && ok
}

// Rel returns path relative to base, slash-separated, or false when path is
// not below base. Both are made absolute first.
func Rel(base, path string) (string, bool) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", false
	}
	rel, err := filepath.Rel(base, abs)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return "", false
	}
	return filepath.ToSlash(rel), true
}

// sortedIDs returns the keys of a rule map in order.
func sortedIDs(m map[string]*Rule) []string {
	ids := make([]string, 0, len(m))
	for id := range m {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return ids
}
