package ctxscan

import (
	"errors"
	"fmt"
	"io/fs"
	"strings"
	"syscall"

	"github.com/moby/patternmatcher"
)

// FS is a file system holding a build context. Names are slash-separated and
// relative to the context root ("." is the root). os.DirFS and
// testing/fstest.MapFS implement it.
type FS interface {
	fs.ReadDirFS
	// Lstat describes a name without following a final symlink.
	Lstat(name string) (fs.FileInfo, error)
}

// Entry is one file, directory, symlink or special file of the context.
type Entry struct {
	Path string      // slash-separated, relative to the context root
	Type fs.FileMode // the type bits only (fs.ModeDir, fs.ModeSymlink, ...; 0 for a regular file)
}

// IsDir reports whether the entry is a directory.
func (e Entry) IsDir() bool { return e.Type&fs.ModeDir != 0 }

// IsRegular reports whether the entry is a regular file.
func (e Entry) IsRegular() bool { return e.Type&fs.ModeType == 0 }

// WalkError reports a context entry BuildKit cannot send: the build fails.
type WalkError struct {
	Path string // the entry, relative to the context root ("." for the root)
	Err  error
}

func (e *WalkError) Error() string {
	return fmt.Sprintf("cannot read %s in the build context: %v", e.Path, e.Err)
}

func (e *WalkError) Unwrap() error { return e.Err }

// prefix is a pattern reduced to what pruning needs.
type prefix struct {
	// trimmed is fsutil's pruning key: the pattern with a trailing "/**" or
	// "/*" removed.
	trimmed string
	// literal is the text before the first character that may not match
	// itself ('*', '?', '[', ']', '\\', '^'); exact when that is all of it.
	literal string
	exact   bool
}

// matcher holds compiled ignore patterns and what pruning may rely on.
type matcher struct {
	pm           *patternmatcher.PatternMatcher
	exceptions   []prefix
	all          []prefix // every pattern's literal prefix (exceptions included)
	hasExc       bool
	fsutilPrune  bool // fsutil's onlyPrefixExcludeExceptions: it prunes excluded dirs by prefix
	literalPrune bool // our extra pruning by literal prefixes is sound
}

// patternChars are the characters after which fsutil stops treating an
// exception as a plain prefix (on a non-Windows client).
const patternChars = `*[]?^\`

func newMatcher(patterns []string) (*matcher, error) {
	if len(patterns) == 0 {
		return nil, nil
	}
	pm, err := patternmatcher.New(patterns)
	if err != nil {
		return nil, err
	}
	m := &matcher{pm: pm, fsutilPrune: true, literalPrune: true, hasExc: pm.Exclusions()}
	for _, p := range pm.Patterns() {
		s := p.String()
		if probeMatch(s) != nil {
			// a pattern that fails when evaluated: walk and evaluate
			// exactly what fsutil does, so that the error shows up where it does
			m.literalPrune = false
		}
		t := strings.TrimSuffix(strings.TrimSuffix(s, "/**"), "/*")
		lit := s
		if i := strings.IndexAny(s, patternChars); i >= 0 {
			lit = s[:i]
		}
		e := prefix{trimmed: t, literal: lit, exact: lit == s}
		m.all = append(m.all, e)
		if !p.Exclusion() {
			continue
		}
		if strings.ContainsAny(t, patternChars) {
			m.fsutilPrune = false
		}
		m.exceptions = append(m.exceptions, e)
	}
	return m, nil
}

// fsutilPrunes reports whether fsutil skips the excluded directory dir
// without reading it (this decides what BuildKit sends, so it is applied even
// where an exception could have re-included something).
func (m *matcher) fsutilPrunes(dir string) bool {
	if !m.fsutilPrune {
		return false
	}
	if !m.hasExc {
		return true
	}
	ds := dir + "/"
	for _, e := range m.exceptions {
		if strings.HasPrefix(e.trimmed+"/", ds) {
			return false
		}
	}
	return true
}

// noExceptionBelow reports whether no exception can match a path strictly
// below dir. Entries below an excluded directory inherit its per-pattern
// match results, so they can only be re-included by an exception that
// matches one of them directly, and such a path starts with the exception's
// literal prefix.
func (m *matcher) noExceptionBelow(dir string) bool {
	return m.literalPrune && noneBelow(m.exceptions, dir)
}

// settled reports whether no pattern at all can match a path below dir: every
// entry below then inherits dir's per-pattern results unchanged, and with
// them dir's decision, so nothing below needs matching.
func (m *matcher) settled(dir string) bool {
	return m.literalPrune && noneBelow(m.all, dir)
}

// noneBelow reports whether none of the patterns can match a path strictly
// below dir: such a path starts with dir+"/", and a pattern only matches
// paths that start with its literal prefix.
func noneBelow(ps []prefix, dir string) bool {
	ds := dir + "/"
	for _, e := range ps {
		if e.exact {
			if strings.HasPrefix(e.literal, ds) {
				return false
			}
			continue
		}
		if strings.HasPrefix(ds, e.literal) || strings.HasPrefix(e.literal, ds) {
			return false
		}
	}
	return true
}

// walker walks a context with fsutil's filter semantics.
type walker struct {
	fsys FS
	m    *matcher
	// pending are the excluded directories on the current path that were
	// descended into but not emitted: they are emitted, outermost first,
	// just before their first included descendant.
	pending []string
	out     []Entry
	visited int
	noPrune bool // test hook: read every excluded directory fsutil reads
}

func (w *walker) emit(e Entry) {
	for _, p := range w.pending {
		w.out = append(w.out, Entry{Path: p, Type: fs.ModeDir})
	}
	w.pending = w.pending[:0]
	w.out = append(w.out, e)
}

// walkDir lists dir ("" for the root) whose per-pattern results are info.
func (w *walker) walkDir(rel string, info patternmatcher.MatchInfo) error {
	name := rel
	if name == "" {
		name = "."
	}
	ents, err := w.fsys.ReadDir(name)
	if err != nil && rel == "" {
		return &WalkError{Path: ".", Err: unwrapPath(err)}
	}
	if err != nil {
		return err // the caller knows whether the directory is excluded
	}
	for _, d := range ents {
		w.visited++
		p := d.Name()
		if rel != "" {
			p = rel + "/" + p
		}
		t := d.Type()
		isDir := t&fs.ModeDir != 0
		excluded := false
		var sub patternmatcher.MatchInfo
		if w.m != nil {
			var err error
			excluded, sub, err = w.m.pm.MatchesUsingParentResults(p, info)
			if err != nil {
				return &WalkError{Path: p, Err: fmt.Errorf("failed to match the ignore patterns: %w", err)}
			}
		}
		if !isDir {
			if !excluded {
				w.emit(Entry{Path: p, Type: t.Type()})
			}
			continue
		}
		if excluded {
			if w.m.fsutilPrunes(p) || (!w.noPrune && w.m.noExceptionBelow(p)) {
				continue
			}
		}
		mark := len(w.pending)
		if excluded {
			w.pending = append(w.pending, p)
		} else {
			w.emit(Entry{Path: p, Type: fs.ModeDir})
		}
		var err error
		if !excluded && w.m != nil && !w.noPrune && w.m.settled(p) {
			err = w.walkIncluded(p)
		} else {
			err = w.walkDir(p, sub)
		}
		if err != nil {
			var we *WalkError
			switch {
			case errors.As(err, &we):
				return err
			case isNotExist(err):
				// vanished while walking: fsutil skips it
			case excluded && errors.Is(err, fs.ErrPermission):
				// an excluded directory may be unreadable
			default:
				return &WalkError{Path: p, Err: unwrapPath(err)}
			}
		}
		if len(w.pending) > mark {
			w.pending = w.pending[:mark]
		}
	}
	return nil
}

// walkIncluded lists an included directory below which no pattern can match:
// everything is sent, no matching needed.
func (w *walker) walkIncluded(rel string) error {
	ents, err := w.fsys.ReadDir(rel)
	if err != nil {
		return err
	}
	for _, d := range ents {
		w.visited++
		p := rel + "/" + d.Name()
		t := d.Type()
		w.emit(Entry{Path: p, Type: t.Type()})
		if t&fs.ModeDir == 0 {
			continue
		}
		if err := w.walkIncluded(p); err != nil {
			if _, ok := err.(*WalkError); ok {
				return err
			}
			if !isNotExist(err) {
				return &WalkError{Path: p, Err: unwrapPath(err)}
			}
		}
	}
	return nil
}

func isNotExist(err error) bool {
	return errors.Is(err, fs.ErrNotExist) || errors.Is(err, syscall.ENOTDIR)
}

// unwrapPath drops the *PathError wrapper (whose path is the FS-internal
// name) and keeps the cause.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
