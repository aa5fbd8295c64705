package main

import (
	"fmt"
	"strings"

	"github.com/bmatcuk/doublestar/v4"
)

// glob is a compiled --include or --exclude pattern in doublestar syntax
// (github.com/bmatcuk/doublestar/v4), matched against slash-separated paths
// relative to the PATH argument: '*' within a segment, '**' across segments,
// '?', character classes and {a,b} alternatives. A pattern without '/'
// matches only at the top level; write "**/name" to match at any depth.
//
// Docker's own patterns (.dockerignore, COPY --exclude) never go through
// this type: they follow patternmatcher's semantics in ctxscan.
type glob struct {
	src     string
	pattern string
}

func compileGlob(pattern string) (*glob, error) {
	p := strings.TrimPrefix(pattern, "./")
	if !doublestar.ValidatePattern(p) {
		return nil, fmt.Errorf("bad pattern %q: %v", pattern, doublestar.ErrBadPattern)
	}
	return &glob{src: pattern, pattern: p}, nil
}

func (g *glob) match(rel string) bool {
	ok, err := doublestar.Match(g.pattern, rel)
	return err == nil && ok
}
