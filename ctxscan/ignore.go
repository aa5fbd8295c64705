// Package ctxscan models the build context exactly as BuildKit sends it: it
// selects the ignore file (<Dockerfile>.dockerignore beside the Dockerfile,
// else .dockerignore at the context root), reads it line by line, walks the
// context with BuildKit's walker semantics (github.com/tonistiigi/fsutil's
// filter: parent match results passed down, "!" exceptions, symlinks never
// followed, excluded directories descended only when an exception may
// re-include something) and resolves COPY/ADD sources against the result.
//
// Docker patterns (.dockerignore, COPY --exclude, COPY --parents) are matched
// with github.com/moby/patternmatcher, the library BuildKit itself uses; COPY
// source wildcards use path.Match per component, as BuildKit's copy does.
// The semantics are those of a Linux or macOS client (slash separators,
// backslash escapes); Windows clients are not modelled.
//
// Paths are slash-separated and relative to the context root, without a
// leading "./" or "/". The root itself is never an entry.
//
// This package imports dockerfile and nothing else of layerlint: never rules,
// lsp or cmd.
package ctxscan

import (
	"bufio"
	"bytes"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/moby/patternmatcher"
)

// IgnoreFile is a parsed .dockerignore (or <Dockerfile>.dockerignore).
type IgnoreFile struct {
	// Path locates the file for messages: an OS path when read from disk,
	// otherwise the name given to ParseIgnore.
	Path string
	// PerDockerfile is true for <Dockerfile>.dockerignore, false for the
	// context root's .dockerignore.
	PerDockerfile bool
	Src           []byte
	// Lines are the pattern lines in file order: comments and blank lines
	// are left out, exactly like patternmatcher's ignorefile.ReadAll.
	Lines []IgnoreLine
}

// IgnoreLine is one pattern line of an ignore file.
type IgnoreLine struct {
	Line int // 1-based line number in the file
	// Start and End are byte offsets into IgnoreFile.Src of the line's
	// content (line terminator excluded; a leading BOM is not part of line 1).
	Start, End int
	// Pattern is the line as BuildKit uses it: trimmed, cleaned, leading "/"
	// removed, with "!" in front for an exception.
	Pattern   string
	Exclusion bool // the line starts with "!"
	// MatchErr is set when the pattern passes patternmatcher.New but cannot
	// be compiled: BuildKit fails the build the first time it evaluates it.
	MatchErr error
}

// Raw returns the line's text as written.
func (l IgnoreLine) Raw(f *IgnoreFile) string { return string(f.Src[l.Start:l.End]) }

// Body is the pattern without its "!".
func (l IgnoreLine) Body() string { return strings.TrimPrefix(l.Pattern, "!") }

// Patterns returns the patterns in file order, as BuildKit passes them to the
// file-transfer walk.
func (f *IgnoreFile) Patterns() []string {
	if f == nil {
		return nil
	}
	ps := make([]string, len(f.Lines))
	for i, l := range f.Lines {
		ps[i] = l.Pattern
	}
	return ps
}

// HasExceptions reports whether some line starts with "!".
func (f *IgnoreFile) HasExceptions() bool {
	if f == nil {
		return false
	}
	for _, l := range f.Lines {
		if l.Exclusion {
			return true
		}
	}
	return false
}

// LineError is a problem Docker rejects in an ignore file; the build fails.
type LineError struct {
	Path string // the ignore file
	Line int    // 1-based; 0 when the error concerns the whole file
	Text string // the offending line as written ("" when Line is 0)
	Err  error
}

func (e *LineError) Error() string {
	if e.Line == 0 {
		return fmt.Sprintf("%s: %v", e.Path, e.Err)
	}
	return fmt.Sprintf("%s:%d: %q: %v", e.Path, e.Line, e.Text, e.Err)
}

func (e *LineError) Unwrap() error { return e.Err }

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// ParseIgnore reads an ignore file the way BuildKit does (lines split like
// bufio.ScanLines, a BOM dropped from the first line, "#" comments only in
// column 1, whitespace trimmed, "!" split off and trimmed again, the rest
// cleaned with filepath.Clean and one leading "/" removed) and checks every
// pattern with patternmatcher.New. A line Docker rejects yields a *LineError
// naming the file and the line; lines that only fail when evaluated are kept
// with MatchErr set.
func ParseIgnore(path string, src []byte) (*IgnoreFile, error) {
	f := &IgnoreFile{Path: path, Src: src}
	sc := bufio.NewScanner(bytes.NewReader(src))
	off, n := 0, 0
	for sc.Scan() {
		b := sc.Bytes()
		n++
		start := off
		// advance past this line: its bytes plus the terminator, when present
		end := start + len(b)
		off = end
		if off < len(src) && src[off] == '\r' && (off+1 >= len(src) || src[off+1] == '\n') {
			off++ // a CR that ScanLines dropped
		}
		if off < len(src) && src[off] == '\n' {
			off++
		}
		if n == 1 && bytes.HasPrefix(b, utf8BOM) {
			b = b[len(utf8BOM):]
			start += len(utf8BOM)
		}
		text := string(b)
		if strings.HasPrefix(text, "#") {
			continue // a comment only in column 1
		}
		p := strings.TrimSpace(text)
		if p == "" {
			continue
		}
		excl := p[0] == '!'
		if excl {
			p = strings.TrimSpace(p[1:])
		}
		if p != "" {
			p = filepath.ToSlash(filepath.Clean(p))
			if len(p) > 1 && p[0] == '/' {
				p = p[1:]
			}
		}
		if excl {
			p = "!" + p
		}
		f.Lines = append(f.Lines, IgnoreLine{Line: n, Start: start, End: start + len(b), Pattern: p, Exclusion: excl})
	}
	if err := sc.Err(); err != nil {
		return nil, &LineError{Path: path, Line: n + 1, Text: truncate(string(src[off:min(len(src), off+40)])), Err: err}
	}
	for i := range f.Lines {
		l := &f.Lines[i]
		if _, err := patternmatcher.New([]string{l.Pattern}); err != nil {
			return nil, &LineError{Path: path, Line: l.Line, Text: l.Raw(f), Err: err}
		}
		l.MatchErr = probeMatch(l.Body())
	}
	return f, nil
}

func truncate(s string) string {
	if i := strings.IndexAny(s, "\r\n"); i >= 0 {
		s = s[:i]
	}
	return s + "…"
}

// probeMatch evaluates a pattern once so that patternmatcher compiles it, and
// returns the error a build would hit when the pattern is evaluated.
func probeMatch(body string) error {
	ps := []string{body}
	if strings.HasPrefix(body, "!") {
		// New would take the "!" for an exception again: put it behind a
		// pattern that matches, so that the exception is evaluated too
		ps = []string{"**", "!" + body}
	}
	pm, err := patternmatcher.New(ps)
	if err != nil {
		return err
	}
	_, err = pm.MatchesOrParentMatches("probe")
	return err
}

// CheckPatterns validates raw patterns as BuildKit does for COPY --exclude
// and --parents (patternmatcher.New, then a compile of every pattern) and
// returns the first problem.
func CheckPatterns(patterns []string) error {
	if _, err := patternmatcher.New(patterns); err != nil {
		return err
	}
	for _, p := range patterns {
		p = strings.TrimSpace(p)
		if p == "" {
			continue
		}
		if err := probeMatch(strings.TrimPrefix(filepath.Clean(p), "!")); err != nil {
			return fmt.Errorf("%q: %w", p, err)
		}
	}
	return nil
}
