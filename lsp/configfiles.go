package lsp

import (
	"path/filepath"
	"slices"
	"sync"
	"time"

	"go.lsp.dev/protocol"

	cfgfile "github.com/layerlint/layerlint/config"
	"github.com/layerlint/layerlint/rules"
	"github.com/layerlint/layerlint/shellcheck"
)

// configFiles finds the configuration files that apply to documents (the
// CLI's config.Finder) and caches the editor settings merged over each. A
// change to a configuration file on disk (reported by the file watchers, or
// found by a rescan every contextTTL for clients without them) starts over.
type configFiles struct {
	mu      sync.Mutex
	finder  *cfgfile.Finder
	created time.Time
	ttl     time.Duration // 0: only file-change reports start over
	merges  map[mergeKey]*config
	shown   map[string]bool // configuration errors already shown
}

type mergeKey struct {
	editor *config
	file   *cfgfile.File
}

func newConfigFiles() *configFiles {
	return &configFiles{finder: cfgfile.NewFinder(), created: time.Now(), merges: map[mergeKey]*config{}, shown: map[string]bool{}}
}

func (c *configFiles) find(dir string) (*cfgfile.File, error) {
	c.mu.Lock()
	if c.ttl > 0 && time.Since(c.created) > c.ttl {
		c.finder, c.created, c.merges = cfgfile.NewFinder(), time.Now(), map[mergeKey]*config{}
	}
	fd := c.finder
	c.mu.Unlock()
	return fd.Find(dir)
}

// reset forgets every file found; it reports whether anything was cached.
func (c *configFiles) reset() {
	c.mu.Lock()
	c.finder, c.created, c.merges = cfgfile.NewFinder(), time.Now(), map[mergeKey]*config{}
	c.shown = map[string]bool{}
	c.mu.Unlock()
}

// merged returns editor's settings with their rules merged over file's.
func (c *configFiles) merged(editor *config, file *cfgfile.File, checker func() rules.ShellChecker) *config {
	if file == nil && !editor.shellcheck {
		return editor
	}
	key := mergeKey{editor, file}
	c.mu.Lock()
	defer c.mu.Unlock()
	if m := c.merges[key]; m != nil {
		return m
	}
	m := *editor
	m.file = file
	if file != nil {
		eff := cfgfile.MergeFile(cfgfile.Defaults(), file, cfgfile.Layer{Name: "editor settings", Settings: editor.layer})
		m.rules = *eff.RulesConfig()
	}
	if editor.shellcheck {
		m.rules.ShellChecker = checker()
	}
	c.merges[key] = &m
	return &m
}

// ruleLayer turns the editor's rule settings into a configuration layer, by
// rule ID, so that they override the file's rule by rule.
func ruleLayer(rc *rules.Config) *cfgfile.Settings {
	st := &cfgfile.Settings{Rules: map[string]*cfgfile.Rule{}}
	get := func(name string) *cfgfile.Rule {
		r, err := rules.Resolve(name)
		if err != nil {
			return nil
		}
		if st.Rules[r.ID] == nil {
			st.Rules[r.ID] = &cfgfile.Rule{}
		}
		return st.Rules[r.ID]
	}
	for _, n := range rc.Enable {
		if r := get(n); r != nil {
			r.Enabled = ptr(true)
		}
	}
	for _, n := range rc.Disable {
		if r := get(n); r != nil {
			r.Enabled = ptr(false)
		}
	}
	for n, sev := range rc.Severity {
		if r := get(n); r != nil {
			r.Severity = ptr(sev)
		}
	}
	for n, opts := range rc.Options {
		if r := get(n); r != nil {
			r.Options = opts
		}
	}
	return st
}

// fileProblem shows a configuration file's error once.
func (s *server) fileProblem(err error) {
	msg := err.Error()
	s.files.mu.Lock()
	seen := s.files.shown[msg]
	s.files.shown[msg] = true
	s.files.mu.Unlock()
	if !seen {
		s.showMessage(protocol.MessageTypeWarning, "layerlint: %s (the file is ignored until it is fixed)", msg)
	}
}

// shellChecker returns the shellcheck runner, found once.
func (s *server) shellChecker() rules.ShellChecker {
	s.shellOnce.Do(func() {
		if c, ok := shellcheck.New(); ok {
			s.shell = c
		} else {
			s.showMessage(protocol.MessageTypeWarning, "layerlint: the shellcheck setting is on but no shellcheck binary is on PATH")
		}
	})
	if s.shell == nil {
		return nil
	}
	return s.shell
}

// isConfigFile reports whether a changed path is a configuration file.
func isConfigFile(p string) bool {
	base := filepath.Base(p)
	return slices.Contains(cfgfile.Names, base) || slices.Contains(cfgfile.HadolintNames, base)
}
