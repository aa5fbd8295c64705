package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/layerlint/layerlint/config"
	"github.com/layerlint/layerlint/rules"
)

// Environment variables read by "layerlint check". Flags override them;
// they override configuration files.
const (
	envConfig = "LAYERLINT_CONFIG" // a configuration file, like --config
	envFormat = "LAYERLINT_FORMAT" // formats, comma-separated, like --format
)

// fileConfig is the configuration one Dockerfile is linted with.
type fileConfig struct {
	eff    *config.Effective
	rules  *rules.Config
	failAt rules.Severity // rules.SeverityOff: never fail
}

// configs finds, loads and merges the configuration of each Dockerfile: the
// file given by --config or LAYERLINT_CONFIG, or else the one found from the
// Dockerfile's directory upward; then the environment and the flags on top.
type configs struct {
	finder   *config.Finder
	explicit *config.File   // --config or LAYERLINT_CONFIG; nil: search
	over     []config.Layer // environment, then flags
	merged   map[string]*fileConfig
	used     map[string]int  // configuration file path ("" none) → files linted with it
	errs     []error         // load errors, one per problem, each file once
	seen     map[string]bool // configuration files whose errors are in errs
}

func newConfigs(explicit *config.File, over []config.Layer) *configs {
	return &configs{
		finder:   config.NewFinder(),
		explicit: explicit,
		over:     over,
		merged:   map[string]*fileConfig{},
		used:     map[string]int{},
		seen:     map[string]bool{},
	}
}

// forDir returns the configuration for Dockerfiles in dir; nil when its
// configuration file has errors (recorded in c.errs).
func (c *configs) forDir(dir string) *fileConfig {
	f := c.explicit
	if f == nil {
		var err error
		f, err = c.finder.Find(dir)
		if err != nil {
			c.addErr(err)
			return nil
		}
	}
	key := ""
	if f != nil {
		key = f.Path
	}
	if fc, ok := c.merged[key]; ok {
		return fc
	}
	eff := config.MergeFile(config.Defaults(), f, c.over...)
	failAt, _ := config.ParseFailLevel(eff.FailLevel) // validated in every layer
	fc := &fileConfig{eff: eff, rules: eff.RulesConfig(), failAt: failAt}
	c.merged[key] = fc
	return fc
}

// addErr records a configuration file's errors once, one per problem.
func (c *configs) addErr(err error) {
	var list config.ErrorList
	var one *config.Error
	switch {
	case errors.As(err, &list):
		if len(list) > 0 && c.seen[list[0].Path] {
			return
		}
		for _, e := range list {
			c.seen[e.Path] = true
			c.errs = append(c.errs, e)
		}
	case errors.As(err, &one):
		if !c.seen[one.Path] {
			c.seen[one.Path] = true
			c.errs = append(c.errs, one)
		}
	default:
		c.errs = append(c.errs, err)
	}
}

// loadExplicit reads the file named by --config, or else by
// LAYERLINT_CONFIG; nil when neither is set.
func loadExplicit(flagPath string) (*config.File, error) {
	p := flagPath
	if p == "" {
		p = os.Getenv(envConfig)
	}
	if p == "" {
		return nil, nil
	}
	return config.Load(p)
}

// flagLayer turns the rule-selection and output flags into a settings layer,
// naming the flag of the first unknown rule, level or format. Rules are kept
// under the keys config.RuleName gives: the rule's ID, or an alias when it is
// one of several of a rule (--disable DL3014 turns off only the apt-get
// findings of NonInteractiveFlagMissing).
func (o *checkOptions) flagLayer() (*config.Settings, error) {
	s := &config.Settings{Rules: map[string]*config.Rule{}}
	rule := func(id string) *config.Rule {
		if s.Rules[id] == nil {
			s.Rules[id] = &config.Rule{}
		}
		return s.Rules[id]
	}
	on, off := true, false
	selected := map[string]bool{}
	for _, n := range o.selectRules.values {
		name, _, err := config.RuleName(n)
		if err != nil {
			return nil, fmt.Errorf("--select: %w", err)
		}
		if !selected[name] {
			selected[name] = true
			s.Select = append(s.Select, name)
		}
	}
	for _, n := range o.enable.values {
		key, r, err := config.RuleName(n)
		if err != nil {
			return nil, fmt.Errorf("--enable: %w", err)
		}
		if s.Select != nil && !selected[key] && !selected[r.ID] {
			// --select names every rule that runs; --enable cannot add one
			return nil, &usageError{fmt.Sprintf("--enable: %s is not among the rules --select names; add it there", key)}
		}
		rule(key).Enabled = &on
	}
	for _, n := range o.disable.values {
		key, _, err := config.RuleName(n)
		if err != nil {
			return nil, fmt.Errorf("--disable: %w", err)
		}
		rule(key).Enabled = &off
	}
	for _, kv := range o.severity.values {
		name, level, ok := strings.Cut(kv, "=")
		if !ok {
			return nil, &usageError{fmt.Sprintf("--severity: %q is not RULE=LEVEL", kv)}
		}
		key, _, err := config.RuleName(name)
		if err != nil {
			return nil, fmt.Errorf("--severity: %w", err)
		}
		sev, err := rules.ParseSeverity(level)
		if err != nil {
			return nil, fmt.Errorf("--severity: %s: %w", key, err)
		}
		rs := rule(key)
		rs.Severity = &sev
		if sev != rules.SeverityOff {
			// A severity given on the command line runs the rule at that
			// level, even one a configuration file or --disable turned off.
			rs.Enabled = &on
		}
	}
	if o.failLevel != "" {
		if _, err := config.ParseFailLevel(o.failLevel); err != nil {
			return nil, &usageError{"--fail-level: " + err.Error()}
		}
		s.FailLevel = strings.ToLower(o.failLevel)
	}
	if len(o.formats.values) > 0 {
		for _, v := range o.formats.values {
			if err := config.CheckFormat(v); err != nil {
				return nil, &usageError{"--format: " + err.Error()}
			}
		}
		s.Format = o.formats.values
	}
	for _, g := range o.include.values {
		if _, err := compileGlob(g); err != nil {
			return nil, fmt.Errorf("--include: %v", err)
		}
		s.Include = append(s.Include, config.Pattern{Glob: g})
	}
	for _, g := range o.exclude.values {
		if _, err := compileGlob(g); err != nil {
			return nil, fmt.Errorf("--exclude: %v", err)
		}
		s.Exclude = append(s.Exclude, config.Pattern{Glob: g})
	}
	return s, nil
}

// envLayer reads LAYERLINT_FORMAT: formats separated by commas.
func envLayer() (*config.Settings, error) {
	v := strings.TrimSpace(os.Getenv(envFormat))
	if v == "" {
		return nil, nil
	}
	s := &config.Settings{}
	for _, f := range strings.Split(v, ",") {
		f = strings.TrimSpace(f)
		if f == "" {
			continue
		}
		if err := config.CheckFormat(f); err != nil {
			return nil, &usageError{envFormat + ": " + err.Error()}
		}
		s.Format = append(s.Format, f)
	}
	return s, nil
}

// printConfigs writes the effective configuration for each PATH, as YAML
// documents separated by "---".
func printConfigs(w io.Writer, c *configs, paths []string, stdinName string) {
	for i, p := range paths {
		dir, target := p, p
		switch {
		case p == "-":
			target = stdinName
			dir = stdinDir(stdinName)
		default:
			if st, err := os.Stat(p); err == nil && !st.IsDir() {
				dir = filepath.Dir(p)
			}
		}
		fc := c.forDir(dir)
		if fc == nil {
			continue
		}
		if i > 0 {
			io.WriteString(w, "---\n")
		}
		config.WriteYAML(w, fc.eff, target, rules.All())
	}
}

// stdinDir is where the configuration of standard input is searched from:
// the directory of --stdin-filename when one is given, else the current one.
func stdinDir(name string) string {
	if name == "" || name == defaultStdinName {
		return "."
	}
	return filepath.Dir(name)
}

// verboseConfig says on stderr which configuration each file was linted
// with, and how hadolint files were mapped.
func (c *configs) verboseConfig(w io.Writer) {
	paths := make([]string, 0, len(c.used))
	for p := range c.used {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	for _, p := range paths {
		n := plural(c.used[p], "file", "files")
		fc := c.merged[p]
		switch {
		case p == "":
			fmt.Fprintf(w, "layerlint: no configuration file for %s; using the defaults\n", n)
		case fc.eff.File != nil && fc.eff.File.Kind == config.KindHadolint:
			fmt.Fprintf(w, "layerlint: using %s for %s (a hadolint configuration, mapped onto layerlint's rules)\n", p, n)
			for _, note := range fc.eff.File.Notes {
				fmt.Fprintf(w, "layerlint: %s\n", note)
			}
		default:
			fmt.Fprintf(w, "layerlint: using %s for %s\n", p, n)
		}
	}
}
