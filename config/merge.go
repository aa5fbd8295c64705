package config

import (
	"maps"
	"path"
	"path/filepath"
	"strings"

	"github.com/layerlint/layerlint/rules"
)

// Layer is one source of settings with the name --print-config shows for it:
// "defaults", a file's path, an environment variable, a flag.
type Layer struct {
	Name string
	*Settings
}

// Defaults are the settings when nothing else says otherwise.
func Defaults() *Settings {
	return &Settings{FailLevel: "warning", Format: []string{"text"}}
}

// Effective is the merged configuration and where each value came from.
type Effective struct {
	Settings
	// Source names the layer each value came from, by key: "fail-level",
	// "format", "include", "exclude", "contexts", "select", and "rules.ID"
	// for rules.
	Source map[string]string
	// File is the configuration file among the layers, or nil.
	File *File
}

// Merge combines layers, each overriding the ones before it: pass them in
// order of increasing precedence (defaults, file, environment, flags). A list
// set in a layer replaces the list below it; a rule's enabled, severity and
// each of its options override separately. A rule's enabled or severity also
// overrides what the layers below set for single aliases of it
// (--severity PackageCacheNotCleaned=hint over a file's DL3042: error), while
// within one layer the alias's setting is the more specific one.
func Merge(layers ...Layer) *Effective {
	e := &Effective{Source: map[string]string{}}
	e.Rules = map[string]*Rule{}
	for _, l := range layers {
		if l.Settings == nil {
			continue
		}
		if l.FailLevel != "" {
			e.FailLevel, e.Source["fail-level"] = l.FailLevel, l.Name
		}
		if l.Format != nil {
			e.Format, e.Source["format"] = l.Format, l.Name
		}
		if l.Include != nil {
			e.Include, e.Source["include"] = l.Include, l.Name
		}
		if l.Exclude != nil {
			e.Exclude, e.Source["exclude"] = l.Exclude, l.Name
		}
		if l.Contexts != nil {
			e.Contexts, e.Source["contexts"] = l.Contexts, l.Name
		}
		if l.Select != nil {
			e.Select, e.Source["select"] = l.Select, l.Name
		}
		// first against the layers below only, then this layer's own
		for id, r := range l.Rules {
			overrideAliases(e, id, r)
		}
		for id, r := range l.Rules {
			cur := e.Rules[id]
			if cur == nil {
				cur = &Rule{}
				e.Rules[id] = cur
			}
			if r.Enabled != nil {
				cur.Enabled = r.Enabled
			}
			if r.Severity != nil {
				cur.Severity = r.Severity
			}
			if len(r.Options) > 0 {
				if cur.Options == nil {
					cur.Options = map[string]any{}
				}
				maps.Copy(cur.Options, r.Options)
			}
			e.Source["rules."+id] = l.Name
		}
	}
	return e
}

// overrideAliases clears, in e, the enabled and severity that lower layers
// set for single aliases of rule id when r, a higher layer's setting of the
// whole rule, sets them; an alias entry left with nothing is removed.
func overrideAliases(e *Effective, id string, r *Rule) {
	rule, ok := rules.Lookup(id)
	if !ok || rule.ID != id || len(rule.Aliases) < 2 {
		return
	}
	for _, a := range rule.Aliases {
		cur := e.Rules[a]
		if cur == nil {
			continue
		}
		if r.Enabled != nil {
			cur.Enabled = nil
		}
		if r.Severity != nil {
			cur.Severity = nil
		}
		if cur.Enabled == nil && cur.Severity == nil && len(cur.Options) == 0 {
			delete(e.Rules, a)
			delete(e.Source, "rules."+a)
		}
	}
}

// MergeFile is Merge with the file's layer named by its path, and remembers
// the file. f may be nil.
func MergeFile(defaults *Settings, f *File, over ...Layer) *Effective {
	layers := []Layer{{Name: "defaults", Settings: defaults}}
	if f != nil {
		layers = append(layers, Layer{Name: f.Path, Settings: &f.Settings})
	}
	e := Merge(append(layers, over...)...)
	e.File = f
	return e
}

// RulesConfig turns the rule settings into the engine's configuration. A
// rule with enabled: false is off whatever its severity; severity off turns
// a rule off too. With Select set, only the rules it names can run.
func (s *Settings) RulesConfig() *rules.Config {
	cfg := &rules.Config{}
	for _, id := range sortedIDs(s.Rules) {
		r := s.Rules[id]
		if r.Enabled != nil && !*r.Enabled {
			cfg.Disable = append(cfg.Disable, id)
			continue
		}
		if r.Enabled != nil {
			cfg.Enable = append(cfg.Enable, id)
		}
		if r.Severity != nil {
			if cfg.Severity == nil {
				cfg.Severity = map[string]rules.Severity{}
			}
			cfg.Severity[id] = *r.Severity
		}
		if len(r.Options) > 0 {
			setOptions(cfg, id, r.Options)
		}
	}
	if s.Select != nil {
		applySelect(cfg, s.Select)
	}
	return cfg
}

// ContextFor returns the build context directory the contexts setting gives
// for the Dockerfile at path (the first matching glob wins), and whether one
// matched. The directory is absolute when the setting came from a file.
func (s *Settings) ContextFor(dockerfile string) (string, bool) {
	for _, c := range s.Contexts {
		rel, ok := relTo(c.Base, dockerfile)
		if !ok || !MatchGlob(c.Glob, rel) {
			continue
		}
		if filepath.IsAbs(c.Dir) || c.Base == "" {
			return filepath.Clean(c.Dir), true
		}
		return filepath.Join(c.Base, filepath.FromSlash(c.Dir)), true
	}
	return "", false
}

// Keep applies the include and exclude globs that came from a file (those
// with a Base) to the Dockerfile at path. Exclude globs match the path or any
// directory above it, below the base; include globs match the path and apply
// only to files found by walking a directory (explicit is false), since a
// file named on the command line or by a pre-commit hook is linted whatever
// its name. Globs from the command line (no Base) are not applied here.
func (s *Settings) Keep(p string, explicit bool) bool {
	for _, g := range s.Exclude {
		if g.Base == "" {
			continue
		}
		rel, ok := relTo(g.Base, p)
		if !ok {
			continue
		}
		for q := rel; q != "." && q != "/" && q != ""; q = path.Dir(q) {
			if MatchGlob(g.Glob, q) {
				return false
			}
		}
	}
	if explicit {
		return true
	}
	included, any := false, false
	for _, g := range s.Include {
		if g.Base == "" {
			continue
		}
		any = true
		if rel, ok := relTo(g.Base, p); ok && MatchGlob(g.Glob, rel) {
			included = true
		}
	}
	return !any || included
}

// relTo is Rel for a base that may be "" (the current directory).
func relTo(base, p string) (string, bool) {
	if base == "" {
		rel := filepath.ToSlash(filepath.Clean(p))
		return rel, !strings.HasPrefix(rel, "../") && rel != ".."
	}
	return Rel(base, p)
}
