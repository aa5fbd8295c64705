package lsp

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"time"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"

	cfgfile "github.com/layerlint/layerlint/config"
	"github.com/layerlint/layerlint/rules"
)

// Settings is the "layerlint" configuration section, read from
// initializationOptions, workspace/configuration and
// workspace/didChangeConfiguration. Every field is optional:
//
//	{
//	  "rules": {
//	    "enable":   ["SomeOffByDefaultRule"],
//	    "disable":  ["PackageCacheNotCleaned"],
//	    "severity": {"CopyBeforeDependencyInstall": "error"},
//	    "options":  {"RuleID": {"option": "value"}}
//	  },
//	  "diagnosticsDelay": 0,
//	  "codeLens": true,
//	  "buildContext": true,
//	  "shellcheck": false
//	}
//
// Rules are named by ID or alias; severities are error, warning, info, hint
// or off; options are rule options as the rules document them (the CLI
// reads the same from its config file). diagnosticsDelay (milliseconds, 0-2000) is how long the server
// waits after an edit for more edits before it lints. codeLens shows what
// each COPY/ADD brings from the build context; buildContext false turns the
// build-context tier off (no directory scans, no context rules). shellcheck
// runs the ShellCheck rule (the shellcheck binary on PATH) on every lint; it
// is off by default in the editor because it costs a process per lint.
//
// The configuration file that applies to a Dockerfile (.layerlint.yaml, else
// .hadolint.yaml, searched upward from its directory as `layerlint check`
// does) is read too: its rules and contexts apply, and the editor's rule
// settings override them rule by rule. An object that holds a
// "layerlint" key is read through that key, so a client may send its whole
// settings tree.
type Settings struct {
	Rules struct {
		Enable   []string                  `json:"enable"`
		Disable  []string                  `json:"disable"`
		Severity map[string]string         `json:"severity"`
		Options  map[string]map[string]any `json:"options"`
	} `json:"rules"`
	DiagnosticsDelay *int  `json:"diagnosticsDelay"`
	CodeLens         *bool `json:"codeLens"`
	BuildContext     *bool `json:"buildContext"`
	ShellCheck       *bool `json:"shellcheck"`
	// Contexts maps Dockerfile globs (relative to the workspace folder) to
	// build context directories, first match winning, as the configuration
	// file's contexts key does; an object whose key order is kept.
	Contexts json.RawMessage `json:"contexts"`
}

// DefaultDiagnosticsDelay is the default wait after an edit. Edits that
// arrive while a lint runs are coalesced whatever the delay.
const DefaultDiagnosticsDelay = 0

const maxDiagnosticsDelay = 2 * time.Second

// config is resolved settings. It is immutable: lint results are cached per
// config pointer.
type config struct {
	rules    rules.Config
	delay    time.Duration
	codeLens bool
	// buildContext turns the build-context tier on: scanning the
	// Dockerfile's directory for the context rules, hover and code lenses.
	buildContext bool
	shellcheck   bool
	// contexts are the editor's Dockerfile glob → context directory
	// mappings, in the order written; they win over the configuration file's.
	contexts []ctxMapping
	// layer is the editor's rule settings as a configuration layer, merged
	// over the configuration file (see server.configFor).
	layer *cfgfile.Settings
	// file is the configuration file merged in, nil when none (merged
	// configs only).
	file   *cfgfile.File
	source string // raw JSON it was read from, for change detection
}

var defaultConfig = &config{delay: DefaultDiagnosticsDelay * time.Millisecond, codeLens: true, buildContext: true, source: "{}"}

// settingsState holds every source of settings.
type settingsState struct {
	base    *config            // initializationOptions, then didChangeConfiguration payloads
	pulled  *config            // workspace/configuration, unscoped
	folders map[string]*config // workspace/configuration scoped to a folder, by folder URI
}

func (st *settingsState) init() { st.folders = map[string]*config{} }

// parseSettings reads a settings value. It returns nil for null, an absent
// value or a value that holds nothing for layerlint.
func parseSettings(raw []byte) (*config, []string) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || bytes.Equal(raw, []byte("null")) {
		return nil, nil
	}
	var wrapper map[string]json.RawMessage
	if err := json.Unmarshal(raw, &wrapper); err != nil {
		return nil, []string{fmt.Sprintf("settings are not a JSON object: %v", err)}
	}
	if inner, ok := wrapper["layerlint"]; ok {
		if t := bytes.TrimSpace(inner); len(t) == 0 || bytes.Equal(t, []byte("null")) {
			return nil, nil
		}
		raw = inner
	}
	var st Settings
	if err := json.Unmarshal(raw, &st); err != nil {
		return nil, []string{fmt.Sprintf("cannot read layerlint settings: %v", err)}
	}
	var problems []string
	c := &config{delay: defaultConfig.delay, codeLens: true, buildContext: true, source: string(raw)}
	known := func(name string) bool {
		if _, err := rules.Resolve(name); err != nil {
			problems = append(problems, "settings: "+err.Error())
			return false
		}
		return true
	}
	for _, n := range st.Rules.Enable {
		if known(n) {
			c.rules.Enable = append(c.rules.Enable, n)
		}
	}
	for _, n := range st.Rules.Disable {
		if known(n) {
			c.rules.Disable = append(c.rules.Disable, n)
		}
	}
	for _, n := range slices.Sorted(maps.Keys(st.Rules.Severity)) {
		sev, err := rules.ParseSeverity(st.Rules.Severity[n])
		if err != nil {
			problems = append(problems, fmt.Sprintf("settings: rule %s: %v", n, err))
			continue
		}
		if known(n) {
			if c.rules.Severity == nil {
				c.rules.Severity = map[string]rules.Severity{}
			}
			c.rules.Severity[n] = sev
		}
	}
	for _, n := range slices.Sorted(maps.Keys(st.Rules.Options)) {
		if known(n) {
			if c.rules.Options == nil {
				c.rules.Options = map[string]map[string]any{}
			}
			c.rules.Options[n] = st.Rules.Options[n]
		}
	}
	if d := st.DiagnosticsDelay; d != nil {
		ms := time.Duration(*d) * time.Millisecond
		if ms < 0 || ms > maxDiagnosticsDelay {
			problems = append(problems, fmt.Sprintf("settings: diagnosticsDelay %d is outside 0-%d ms", *d, maxDiagnosticsDelay/time.Millisecond))
			ms = min(max(ms, 0), maxDiagnosticsDelay)
		}
		c.delay = ms
	}
	if st.CodeLens != nil {
		c.codeLens = *st.CodeLens
	}
	if st.BuildContext != nil {
		c.buildContext = *st.BuildContext
	}
	if st.ShellCheck != nil {
		c.shellcheck = *st.ShellCheck
	}
	if len(st.Contexts) > 0 && string(st.Contexts) != "null" {
		m, err := orderedContexts(st.Contexts)
		if err != nil {
			problems = append(problems, "settings: contexts: "+err.Error())
		}
		c.contexts = m
	}
	c.layer = ruleLayer(&c.rules)
	return c, problems
}

func (s *server) reportSettingsProblems(problems []string) {
	if len(problems) == 0 {
		return
	}
	s.showMessage(protocol.MessageTypeWarning, "layerlint: %s", strings.Join(problems, "; "))
}

// editorConfigFor returns the editor settings in force for a document: those
// pulled for its workspace folder, else those pulled without scope, else
// those pushed (initializationOptions, didChangeConfiguration), else the
// defaults.
func (s *server) editorConfigFor(d *document) *config {
	s.mu.Lock()
	defer s.mu.Unlock()
	if f := s.folderOf(d); f != nil {
		if c := s.settings.folders[string(f.uri)]; c != nil {
			return c
		}
	}
	if c := s.settings.pulled; c != nil {
		return c
	}
	if c := s.settings.base; c != nil {
		return c
	}
	return defaultConfig
}

// configFor returns what a document is linted with: the editor settings,
// with their rule settings merged over the configuration file that applies
// to the document (as `layerlint check` finds it). The result is cached per
// (editor settings, file), so it is a stable key for lint results.
func (s *server) configFor(d *document) *config {
	editor := s.editorConfigFor(d)
	var file *cfgfile.File
	if d.path != "" {
		f, err := s.files.find(filepath.Dir(filepath.FromSlash(d.path)))
		if err != nil {
			s.fileProblem(err)
		}
		file = f
	}
	return s.files.merged(editor, file, s.shellChecker)
}

// folderOf returns the innermost workspace folder holding d; s.mu is held.
func (s *server) folderOf(d *document) *folder {
	var best *folder
	for i := range s.folders {
		f := &s.folders[i]
		if f.path != "" && d.path != "" && strings.HasPrefix(d.path, f.path) && (best == nil || len(f.path) > len(best.path)) {
			best = f
		}
	}
	return best
}

// fetchConfiguration pulls the "layerlint" section, unscoped and for each
// workspace folder, and re-lints when it changed. It calls the client, so it
// must run in its own goroutine.
func (s *server) fetchConfiguration() {
	defer s.markConfigReady()
	s.mu.Lock()
	folders := slices.Clone(s.folders)
	s.mu.Unlock()
	section := "layerlint"
	items := []protocol.ConfigurationItem{{Section: &section}}
	for _, f := range folders {
		items = append(items, protocol.ConfigurationItem{ScopeURI: ptr(f.uri), Section: &section})
	}
	var answers []protocol.LSPAny
	if err := s.call(protocol.MethodWorkspaceConfiguration, &protocol.ConfigurationParams{Items: items}, &answers); err != nil {
		s.logf("workspace/configuration: %v", err)
		return
	}
	var problems []string
	parse := func(i int) *config {
		if i >= len(answers) {
			return nil
		}
		c, p := parseSettings(answers[i])
		problems = append(problems, p...)
		return c
	}
	pulled := parse(0)
	scoped := map[string]*config{}
	for i, f := range folders {
		if c := parse(i + 1); c != nil && (pulled == nil || c.source != pulled.source) {
			scoped[string(f.uri)] = c
		}
	}
	s.mu.Lock()
	changed := !sameConfig(s.settings.pulled, pulled) || len(scoped) != len(s.settings.folders)
	for k, c := range scoped {
		if !sameConfig(s.settings.folders[k], c) {
			changed = true
		}
	}
	if changed {
		s.settings.pulled = pulled
		s.settings.folders = scoped
	}
	s.mu.Unlock()
	s.reportSettingsProblems(dedupe(problems))
	if changed {
		s.configChanged()
	}
}

func sameConfig(a, b *config) bool {
	if a == nil || b == nil {
		return a == b
	}
	return a.source == b.source
}

func dedupe(xs []string) []string {
	sort.Strings(xs)
	return slices.Compact(xs)
}

// didChangeConfiguration takes a pushed settings payload, and pulls the
// section again when the client supports workspace/configuration (most send
// a null payload and expect the server to pull).
func (s *server) didChangeConfiguration(_ context.Context, params jsonrpc2.RawMessage) error {
	var p protocol.DidChangeConfigurationParams
	if err := protocol.Unmarshal(params, &p); err != nil {
		return err
	}
	c, problems := parseSettings(p.Settings)
	s.reportSettingsProblems(problems)
	s.mu.Lock()
	changed := c != nil && !sameConfig(s.settings.base, c)
	if changed {
		s.settings.base = c
	}
	pull := s.caps.configuration
	s.mu.Unlock()
	if changed {
		s.configChanged()
	}
	if pull {
		go s.fetchConfiguration()
	}
	return nil
}

// configChanged re-lints every open document under the new settings.
func (s *server) configChanged() {
	s.mu.Lock()
	caps := s.caps
	s.mu.Unlock()
	if caps.pull {
		if caps.pullRefresh {
			go func() {
				if err := s.call(protocol.MethodWorkspaceDiagnosticRefresh, nil, nil); err != nil {
					s.logf("workspace/diagnostic/refresh: %v", err)
				}
			}()
		}
		return
	}
	for _, u := range s.docs.uris() {
		s.sched.mark(u, 0)
	}
}

// ctxMapping is one editor setting contexts entry.
type ctxMapping struct {
	glob string // Dockerfile path glob, relative to the workspace folder (doublestar)
	dir  string // the build context, relative to the workspace folder or absolute
}

// orderedContexts reads a JSON object of glob → directory keeping its key
// order (the first matching glob wins).
func orderedContexts(raw json.RawMessage) ([]ctxMapping, error) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	tok, err := dec.Token()
	if err != nil {
		return nil, err
	}
	if d, ok := tok.(json.Delim); !ok || d != '{' {
		return nil, fmt.Errorf("want an object of Dockerfile glob to context directory")
	}
	var out []ctxMapping
	for dec.More() {
		kt, err := dec.Token()
		if err != nil {
			return out, err
		}
		var dir string
		if err := dec.Decode(&dir); err != nil {
			return out, fmt.Errorf("%v: the context must be a directory name", kt)
		}
		if k, ok := kt.(string); ok && k != "" {
			out = append(out, ctxMapping{glob: k, dir: dir})
		}
	}
	if end, err := dec.Token(); err != nil || end != json.Delim('}') {
		return out, fmt.Errorf("unterminated object")
	}
	return out, nil
}

// editorContextFor returns the build context the editor's contexts setting
// maps d to, or "" when none matches.
func (s *server) editorContextFor(d *document) string {
	ed := s.editorConfigFor(d)
	if len(ed.contexts) == 0 || d.path == "" {
		return ""
	}
	s.mu.Lock()
	fo := s.folderOf(d)
	s.mu.Unlock()
	if fo == nil {
		return ""
	}
	base := strings.TrimSuffix(fo.path, "/")
	rel := strings.TrimPrefix(d.path, fo.path)
	for _, m := range ed.contexts {
		if cfgfile.MatchGlob(m.glob, rel) {
			dir := filepath.FromSlash(m.dir)
			if !filepath.IsAbs(dir) {
				dir = filepath.Join(filepath.FromSlash(base), dir)
			}
			return filepath.Clean(dir)
		}
	}
	return ""
}
