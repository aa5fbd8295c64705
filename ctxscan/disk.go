package ctxscan

import (
	"errors"
	"io/fs"
	"path"
	"strings"

	"github.com/moby/patternmatcher"
)

// OnDisk reports whether path p exists in the context directory whether or
// not the ignore file excludes it (symlinks are not followed).
func (c *Context) OnDisk(p string) bool {
	if p == "" {
		return true
	}
	_, err := c.FS.Lstat(p)
	return err == nil
}

// DiskMatches expands a normalised COPY source (see NormalizeSource) against
// the context directory ignoring the ignore file: the paths it would name if
// nothing were excluded, one path component at a time with path.Match. It
// stops after limit matches (0: no limit).
func (c *Context) DiskMatches(src string, limit int) []string {
	dir, pattern := splitWildcards(src)
	if pattern == "" {
		if c.OnDisk(src) {
			return []string{src}
		}
		return nil
	}
	if !c.OnDisk(dir) {
		return nil
	}
	var out []string
	var expand func(base string, parts []string)
	expand = func(base string, parts []string) {
		if limit > 0 && len(out) >= limit {
			return
		}
		name := base
		if name == "" {
			name = "."
		}
		ents, err := c.FS.ReadDir(name)
		if err != nil {
			return
		}
		for _, e := range ents {
			if ok, _ := path.Match(parts[0], e.Name()); !ok {
				continue
			}
			p := joinRel(base, e.Name())
			if len(parts) == 1 {
				out = append(out, p)
				if limit > 0 && len(out) >= limit {
					return
				}
				continue
			}
			if e.IsDir() {
				expand(p, parts[1:])
			}
		}
	}
	expand(dir, strings.Split(pattern, "/"))
	return out
}

// errLimit stops a search that read too many entries.
var errLimit = errors.New("entry limit reached")

// PatternHits looks for paths of the context directory (ignore file not
// applied, symlinks not followed) that the pattern body matches by itself
// (no parent matching, no exceptions: one ignore-file line on its own),
// descending only into directories under which the pattern's literal prefix
// allows a match. It returns up to max hits and whether the search looked at
// every candidate (false when it gave up after reading limit entries).
func (c *Context) PatternHits(body string, max, limit int) (hits []string, complete bool) {
	pm, err := patternmatcher.New([]string{body})
	if err != nil || len(pm.Patterns()) == 0 || pm.Exclusions() {
		return nil, true
	}
	lit := body
	if i := strings.IndexAny(body, patternChars); i >= 0 {
		lit = body[:i]
	}
	ps := []prefix{{literal: lit, exact: lit == body}}
	read := 0
	var walk func(dir string) error
	walk = func(dir string) error {
		name := dir
		if name == "" {
			name = "."
		}
		ents, err := c.FS.ReadDir(name)
		if err != nil {
			return nil
		}
		for _, e := range ents {
			read++
			if limit > 0 && read > limit {
				return errLimit
			}
			p := joinRel(dir, e.Name())
			//lint:ignore SA1019 the pure self-match is what one line does on its own
			if m, err := pm.MatchesUsingParentResult(p, false); err != nil {
				return err
			} else if m {
				hits = append(hits, p)
				if len(hits) >= max {
					return errLimit
				}
				continue // what is below a hit is covered by it
			}
			if e.Type()&fs.ModeDir != 0 && !noneBelow(ps, p) {
				if err := walk(p); err != nil {
					return err
				}
			}
		}
		return nil
	}
	err = walk("")
	return hits, err == nil || len(hits) >= max
}
