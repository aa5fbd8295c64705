package main

import (
	"fmt"
	"path"
	"strings"
)

// glob is a compiled --include or --exclude pattern in doublestar syntax,
// matched against slash-separated paths relative to the PATH argument:
//
//   - any run of characters within one path segment
//     ?        one character other than '/'
//     [a-z]    a character class; [^a-z] and [!a-z] negate it
//     {a,b}    either alternative (alternatives may nest and hold '/')
//     **       as a whole segment: zero or more segments
//     \c       the character c itself
//
// A pattern without '/' therefore matches only at the top level; write
// "**/name" to match at any depth.
//
// It implements the subset of github.com/bmatcuk/doublestar/v4's Match that
// path filters need, with the standard library only.
type glob struct {
	src  string
	alts [][]string // brace-expanded alternatives, split into segments
}

func compileGlob(pattern string) (*glob, error) {
	p := strings.TrimPrefix(pattern, "./")
	expanded, err := expandBraces(p)
	if err != nil {
		return nil, fmt.Errorf("bad pattern %q: %v", pattern, err)
	}
	g := &glob{src: pattern}
	for _, e := range expanded {
		segs := strings.Split(e, "/")
		for i, s := range segs {
			if s == "**" {
				continue
			}
			// "**" inside a segment is the same as "*".
			for strings.Contains(s, "**") {
				s = strings.ReplaceAll(s, "**", "*")
			}
			s = strings.ReplaceAll(s, "[!", "[^")
			// path.Match reports ErrBadPattern only when it reaches the bad
			// part, so check each segment against a string that walks it.
			if _, err := path.Match(s, ""); err != nil {
				return nil, fmt.Errorf("bad pattern %q: %v", pattern, err)
			}
			if err := checkClasses(s); err != nil {
				return nil, fmt.Errorf("bad pattern %q: %v", pattern, err)
			}
			segs[i] = s
		}
		g.alts = append(g.alts, segs)
	}
	return g, nil
}

// match reports whether the slash path name matches g.
func (g *glob) match(name string) bool {
	names := strings.Split(name, "/")
	for _, segs := range g.alts {
		if matchSegments(segs, names) {
			return true
		}
	}
	return false
}

func matchSegments(pats, names []string) bool {
	for len(pats) > 0 {
		if pats[0] == "**" {
			// Collapse runs of "**" and try every split point.
			for len(pats) > 1 && pats[1] == "**" {
				pats = pats[1:]
			}
			for i := 0; i <= len(names); i++ {
				if matchSegments(pats[1:], names[i:]) {
					return true
				}
			}
			return false
		}
		if len(names) == 0 {
			return false
		}
		if ok, _ := path.Match(pats[0], names[0]); !ok {
			return false
		}
		pats, names = pats[1:], names[1:]
	}
	return len(names) == 0
}

// checkClasses rejects unterminated character classes and a trailing
// backslash, which path.Match only notices when matching reaches them.
func checkClasses(s string) error {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\\':
			if i+1 == len(s) {
				return fmt.Errorf("trailing backslash")
			}
			i++
		case '[':
			j := i + 1
			if j < len(s) && s[j] == '^' {
				j++
			}
			if j < len(s) && s[j] == ']' {
				return fmt.Errorf("empty character class")
			}
			for j < len(s) && s[j] != ']' {
				if s[j] == '\\' {
					j++
				}
				j++
			}
			if j >= len(s) {
				return fmt.Errorf("unterminated character class")
			}
			i = j
		}
	}
	return nil
}

// expandBraces turns "a{b,c{d,e}}f" into [abf acdf acef]. Escaped braces and
// braces inside character classes are literal.
func expandBraces(p string) ([]string, error) {
	open := -1
	depth := 0
	inClass := false
	var commas []int
	for i := 0; i < len(p); i++ {
		c := p[i]
		switch {
		case c == '\\':
			i++
		case inClass:
			if c == ']' {
				inClass = false
			}
		case c == '[':
			inClass = true
		case c == '{':
			if depth == 0 {
				open = i
				commas = commas[:0]
			}
			depth++
		case c == ',' && depth == 1:
			commas = append(commas, i)
		case c == '}':
			if depth == 0 {
				return nil, fmt.Errorf("unmatched '}'")
			}
			depth--
			if depth > 0 {
				continue
			}
			prefix, suffix := p[:open], p[i+1:]
			bounds := append(append([]int{open}, commas...), i)
			var out []string
			for k := 0; k+1 < len(bounds); k++ {
				alt := p[bounds[k]+1 : bounds[k+1]]
				// Expand the rest (including later groups) once per alternative.
				more, err := expandBraces(prefix + alt + suffix)
				if err != nil {
					return nil, err
				}
				out = append(out, more...)
			}
			return out, nil
		}
	}
	if depth > 0 {
		return nil, fmt.Errorf("unmatched '{'")
	}
	return []string{p}, nil
}
