package rules

import (
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
//
// Names match a rule ID, or the alias the finding was reported under; for a
// finding reported without a specific alias, any alias of its rule.

type suppressions struct {
	global  []string
	perInst map[int][]string // instruction index → names
	skipAll bool             // # check=skip=all
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
	s := &suppressions{perInst: map[int][]string{}}
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
		if d.Alias == "" && r != nil {
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
		if s.skipAll && r != nil && r.BuildKit {
			continue
		}
		if matches(&d, r, s.global) {
			continue
		}
		if in := f.InstructionAt(d.Range.Start); in != nil && matches(&d, r, s.perInst[in.Index]) {
			continue
		}
		out = append(out, d)
	}
	return out
}
