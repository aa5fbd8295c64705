package rules

import (
	"regexp"
	"strings"

	"github.com/layerlint/layerlint/dockerfile"
)

// Suppression comments:
//
//	# layerlint ignore=Rule1,Rule2 reason    the next instruction
//	# layerlint global ignore=Rule1          the whole file
//	# hadolint ignore=DL3009                 the next instruction (through aliases)
//	# hadolint global ignore=DL3009          the whole file
//	# check=skip=Name1,Name2                 BuildKit's directive: the whole file
//	                                         (as a comment directly above an
//	                                         instruction: that instruction only)
//
// Names match a rule ID, or the alias the finding was reported under; for a
// finding reported without a specific alias, the alias of a single-alias rule.

type suppressions struct {
	global      []string
	perInst     map[int][]string // instruction index → names
	skipAll     bool             // # check=skip=all
	perInstSkip map[int]bool     // a "# check=skip=all" comment above the instruction
}

// parseIgnoreComment reads "layerlint ignore=..." style comments. It returns
// the names and whether the comment is global.
func parseIgnoreComment(text string) (names []string, global, ok bool) {
	t := strings.TrimSpace(text)
	var rest string
	switch {
	case hasPrefixFold(t, "layerlint"):
		rest = strings.TrimSpace(t[len("layerlint"):])
	case hasPrefixFold(t, "hadolint"):
		rest = strings.TrimSpace(t[len("hadolint"):])
	default:
		return nil, false, false
	}
	if hasPrefixFold(rest, "global") {
		global = true
		rest = strings.TrimSpace(rest[len("global"):])
	}
	if !hasPrefixFold(rest, "ignore") {
		return nil, false, false
	}
	rest = strings.TrimSpace(rest[len("ignore"):])
	if !strings.HasPrefix(rest, "=") {
		return nil, false, false
	}
	rest = strings.TrimSpace(rest[1:])
	list := rest
	if i := strings.IndexAny(rest, " \t#"); i >= 0 {
		list = rest[:i]
	}
	for _, n := range strings.Split(list, ",") {
		if n = strings.TrimSpace(n); n != "" {
			names = append(names, n)
		}
	}
	return names, global, len(names) > 0
}

func hasPrefixFold(s, p string) bool {
	return len(s) >= len(p) && strings.EqualFold(s[:len(p)], p)
}

func collectSuppressions(f *dockerfile.File) *suppressions {
	s := &suppressions{perInst: map[int][]string{}, perInstSkip: map[int]bool{}}
	for _, d := range f.Directives {
		if d.Name != "check" {
			continue
		}
		for _, part := range strings.Split(d.Value, ";") {
			k, v, ok := strings.Cut(strings.TrimSpace(part), "=")
			if !ok || !strings.EqualFold(strings.TrimSpace(k), "skip") {
				continue
			}
			for _, n := range strings.Split(v, ",") {
				n = strings.TrimSpace(n)
				if strings.EqualFold(n, "all") {
					s.skipAll = true
				} else if n != "" {
					s.global = append(s.global, n)
				}
			}
		}
	}
	byLine := map[int]string{}
	for _, c := range f.Comments {
		line := f.Position(c.Range.Start).Line
		byLine[line] = c.Text
		if names, global, ok := parseIgnoreComment(c.Text); ok && global {
			s.global = append(s.global, names...)
		}
	}
	for _, in := range f.Instructions {
		if c, ok := instructionCheck(in); ok {
			s.perInst[in.Index] = append(s.perInst[in.Index], c.skip...)
			s.perInstSkip[in.Index] = c.skipAll
		}
		for line := in.StartLine - 1; line >= 1; line-- {
			text, ok := byLine[line]
			if !ok {
				break
			}
			if names, global, ok := parseIgnoreComment(text); ok && !global {
				s.perInst[in.Index] = append(s.perInst[in.Index], names...)
			}
		}
	}
	return s
}

func matches(d *Diagnostic, r *Rule, names []string) bool {
	for _, n := range names {
		if strings.EqualFold(n, d.Rule) || (d.Alias != "" && strings.EqualFold(n, d.Alias)) {
			return true
		}
		// a finding without an alias of a rule with several aliases (npm
		// under PackageCacheNotCleaned) matches none of them
		if d.Alias == "" && r != nil && len(r.Aliases) == 1 {
			for _, a := range r.Aliases {
				if strings.EqualFold(n, a) {
					return true
				}
			}
		}
	}
	return false
}

func filterSuppressed(f *dockerfile.File, ds []Diagnostic) []Diagnostic {
	if len(ds) == 0 {
		return ds
	}
	s := collectSuppressions(f)
	out := ds[:0]
	for _, d := range ds {
		r, _ := Lookup(d.Rule)
		if d.Rule == InternalError.ID {
			out = append(out, d)
			continue
		}
		// skip=all skips BuildKit's checks, but not its experimental ones
		bkStable := r != nil && r.BuildKit && !experimental[r.ID]
		if s.skipAll && bkStable {
			continue
		}
		if matches(&d, r, s.global) {
			continue
		}
		if in := f.InstructionAt(d.Range.Start); in != nil && (matches(&d, r, s.perInst[in.Index]) || s.perInstSkip[in.Index] && bkStable) {
			continue
		}
		out = append(out, d)
	}
	return out
}

// checkConfig is the configuration of BuildKit's checks written as
// "# check=skip=<names>|all;error=<bool>;experimental=<names>|all", either as
// the parser directive at the top of the file or as a comment directly above
// an instruction (BuildKit merges the latter into that instruction's
// configuration, except error=, which only the directive sets).
type checkConfig struct {
	skip            []string
	skipAll         bool
	experimental    []string
	experimentalAll bool
	errorOnWarn     bool
}

// parseCheckValue reads the value of a check directive. Unknown keys and
// malformed parts are ignored; keys and "all" are case-insensitive.
func parseCheckValue(v string) checkConfig {
	var c checkConfig
	for _, part := range strings.Split(v, ";") {
		k, val, ok := strings.Cut(strings.TrimSpace(part), "=")
		if !ok {
			continue
		}
		k, val = strings.ToLower(strings.TrimSpace(k)), strings.TrimSpace(val)
		switch k {
		case "skip", "experimental":
			for _, n := range strings.Split(val, ",") {
				n = strings.TrimSpace(n)
				switch {
				case n == "":
				case strings.EqualFold(n, "all") && k == "skip":
					c.skipAll = true
				case strings.EqualFold(n, "all"):
					c.experimentalAll = true
				case k == "skip":
					c.skip = append(c.skip, n)
				default:
					c.experimental = append(c.experimental, n)
				}
			}
		case "error":
			c.errorOnWarn = strings.EqualFold(val, "true") || val == "1" || strings.EqualFold(val, "t")
		}
	}
	return c
}

// enables reports whether c turns on the experimental rule id.
func (c checkConfig) enables(id string) bool {
	if c.experimentalAll {
		return true
	}
	for _, n := range c.experimental {
		if r, ok := Lookup(n); ok && r.ID == id {
			return true
		}
	}
	return false
}

// instructionCheck returns the check comment BuildKit merges into in: the
// first "check=" directive among the comments directly above it (BuildKit's
// PrevComment), its value cut at the first space.
func instructionCheck(in *dockerfile.Instruction) (checkConfig, bool) {
	for _, text := range in.Comments {
		m := checkCommentRE.FindStringSubmatch(text)
		if m == nil {
			continue
		}
		v, _, _ := strings.Cut(m[1], " ")
		return parseCheckValue(v), true
	}
	return checkConfig{}, false
}

var checkCommentRE = regexp.MustCompile(`^(?i:check)\s*=\s*(.+?)\s*$`)

// fileChecks is the check configuration of a whole file.
type fileChecks struct {
	file    checkConfig         // the directive at the top of the file
	perInst map[int]checkConfig // instruction index → its check comment
}

func collectChecks(f *dockerfile.File) *fileChecks {
	c := &fileChecks{perInst: map[int]checkConfig{}}
	for _, d := range f.Directives {
		if d.Name == "check" {
			c.file = parseCheckValue(d.Value)
		}
	}
	for _, in := range f.Instructions {
		if ic, ok := instructionCheck(in); ok {
			c.perInst[in.Index] = ic
		}
	}
	return c
}

// experimentalAnywhere reports whether the file enables the experimental
// rule id, for the whole file or for one instruction.
func (c *fileChecks) experimentalAnywhere(id string) bool {
	if c.file.enables(id) {
		return true
	}
	for _, ic := range c.perInst {
		if ic.enables(id) {
			return true
		}
	}
	return false
}

// keepExperimental keeps the findings of the experimental rule id that lie
// where the file enables it.
func (c *fileChecks) keepExperimental(f *dockerfile.File, id string, ds []Diagnostic) []Diagnostic {
	if c.file.enables(id) {
		return ds
	}
	out := ds[:0]
	for _, d := range ds {
		if in := f.InstructionAt(d.Range.Start); d.Rule != id || in != nil && c.perInst[in.Index].enables(id) {
			out = append(out, d)
		}
	}
	return out
}
