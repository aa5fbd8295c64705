package ctxscan

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing/fstest"

	"github.com/moby/patternmatcher"
)

// Context is a scanned build context: what BuildKit would send for it.
type Context struct {
	// Dir is the context directory on disk (absolute, symlinks resolved),
	// "" for a context read from another FS.
	Dir string
	FS  FS
	// Ignore is the effective ignore file, nil when there is none.
	Ignore *IgnoreFile
	// Shadowed is the path of the context root's .dockerignore when it
	// exists but is not used because a <Dockerfile>.dockerignore wins.
	Shadowed string
	// IgnoreReadErr is set when the root .dockerignore exists but cannot be
	// read: BuildKit silently uses no patterns then.
	IgnoreReadErr error

	// Entries are the entries BuildKit sends, in walk order (each directory's
	// names in byte order, a directory before its contents).
	Entries []Entry
	// Visited counts the directory entries read while walking.
	Visited int

	index     map[string]int
	indexOnce sync.Once

	sizeOnce sync.Once
	sizes    []FileStat
	sizeErr  error

	full     *Context // lazily: the context with no ignore file
	fullOnce sync.Once
	fullErr  error

	digests *DigestCache
}

// Options tune Open and Scan.
type Options struct {
	// Dockerfile is the Dockerfile's path on disk, used to find
	// <Dockerfile>.dockerignore beside it. Empty or "-" (stdin): only the
	// context root's .dockerignore applies.
	Dockerfile string
	// Ignore replaces the ignore file lookup when not nil.
	Ignore *IgnoreFile
	// NoIgnore scans without any ignore file.
	NoIgnore bool
	// Digests caches content digests across scans; nil: a private cache.
	Digests *DigestCache
	// NoLiteralPrune turns off ctxscan's own pruning: every excluded
	// directory that BuildKit's walk reads is read too. The result is the
	// same; differential tests compare both.
	NoLiteralPrune bool
}

// Open scans the context directory dir as BuildKit would send it for the
// Dockerfile at opts.Dockerfile.
func Open(dir string, opts Options) (*Context, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	real, err := filepath.EvalSymlinks(abs)
	if err != nil {
		return nil, fmt.Errorf("build context %s: %w", dir, unwrapPath(err))
	}
	fi, err := os.Stat(real)
	if err != nil {
		return nil, fmt.Errorf("build context %s: %w", dir, unwrapPath(err))
	}
	if !fi.IsDir() {
		return nil, fmt.Errorf("build context %s is not a directory", dir)
	}
	fsys := os.DirFS(real).(FS)
	c := &Context{Dir: real, FS: fsys}
	switch {
	case opts.NoIgnore:
	case opts.Ignore != nil:
		c.Ignore = opts.Ignore
	default:
		ign, shadowed, readErr, err := SelectIgnore(filepath.Clean(dir), opts.Dockerfile)
		if err != nil {
			return nil, err
		}
		c.Ignore, c.Shadowed, c.IgnoreReadErr = ign, shadowed, readErr
	}
	if err := c.scan(opts); err != nil {
		return nil, err
	}
	return c, nil
}

// Scan scans a context held in fsys with the given ignore file (nil: none).
func Scan(fsys FS, ignore *IgnoreFile, opts Options) (*Context, error) {
	c := &Context{FS: fsys, Ignore: ignore}
	if err := c.scan(opts); err != nil {
		return nil, err
	}
	return c, nil
}

func (c *Context) scan(opts Options) error {
	m, err := newMatcher(c.Ignore.Patterns())
	if err != nil {
		return &LineError{Path: c.Ignore.Path, Err: err}
	}
	w := &walker{fsys: c.FS, m: m, noPrune: opts.NoLiteralPrune}
	if err := w.walkDir("", patternmatcher.MatchInfo{}); err != nil {
		var we *WalkError
		if !errors.As(err, &we) {
			err = &WalkError{Path: ".", Err: err}
		}
		return err
	}
	c.Entries, c.Visited = w.out, w.visited
	c.digests = opts.Digests
	if c.digests == nil {
		c.digests = NewDigestCache()
	}
	return nil
}

// idx returns the path index, built on first use.
func (c *Context) idx() map[string]int {
	c.indexOnce.Do(func() {
		c.index = make(map[string]int, len(c.Entries))
		for i, e := range c.Entries {
			c.index[e.Path] = i
		}
	})
	return c.index
}

// SelectIgnore finds the ignore file BuildKit uses for the Dockerfile at
// dockerfile (may be empty) and the context directory dir:
// <dir of Dockerfile>/<Dockerfile name>.dockerignore when it exists (even when
// outside the context), otherwise dir/.dockerignore; never both. It returns
// the parsed file (nil when none), the path of a root .dockerignore that the
// per-Dockerfile file shadows, and the error met reading the root file (which
// BuildKit ignores). A line Docker rejects is an error (*LineError).
func SelectIgnore(dir, dockerfile string) (ign *IgnoreFile, shadowed string, readErr error, err error) {
	root := filepath.Join(dir, ".dockerignore")
	if dockerfile != "" && dockerfile != "-" {
		per := dockerfile + ".dockerignore"
		if src, rerr := os.ReadFile(per); rerr == nil {
			ign, err = ParseIgnore(per, src)
			if err != nil {
				return nil, "", nil, err
			}
			ign.PerDockerfile = true
			if fi, serr := os.Stat(root); serr == nil && !fi.IsDir() && !sameFile(per, root) {
				shadowed = root
			}
			return ign, shadowed, nil, nil
		}
	}
	src, rerr := os.ReadFile(root)
	if rerr != nil {
		if errors.Is(rerr, fs.ErrNotExist) {
			return nil, "", nil, nil
		}
		return nil, "", rerr, nil
	}
	ign, err = ParseIgnore(root, src)
	if err != nil {
		return nil, "", nil, err
	}
	return ign, "", nil, nil
}

func sameFile(a, b string) bool {
	fa, err1 := os.Stat(a)
	fb, err2 := os.Stat(b)
	return err1 == nil && err2 == nil && os.SameFile(fa, fb)
}

// Lookup returns the entry at path p (slash-separated, relative).
func (c *Context) Lookup(p string) (Entry, bool) {
	i, ok := c.idx()[p]
	if !ok {
		return Entry{}, false
	}
	return c.Entries[i], true
}

// Has reports whether BuildKit sends path p.
func (c *Context) Has(p string) bool { _, ok := c.idx()[p]; return ok }

// Below returns the entries strictly below directory d ("" for the root), in
// walk order. The slice aliases Entries.
func (c *Context) Below(d string) []Entry {
	if d == "" || d == "." {
		return c.Entries
	}
	i, ok := c.idx()[d]
	if !ok {
		return nil
	}
	pfx := d + "/"
	j := i + 1
	for j < len(c.Entries) && strings.HasPrefix(c.Entries[j].Path, pfx) {
		j++
	}
	return c.Entries[i+1 : j]
}

// Children returns the direct children of directory d ("" for the root).
func (c *Context) Children(d string) []Entry {
	var out []Entry
	depth := 0
	if d != "" && d != "." {
		depth = strings.Count(d, "/") + 1
	}
	for _, e := range c.Below(d) {
		if strings.Count(e.Path, "/") == depth {
			out = append(out, e)
		}
	}
	return out
}

// Unfiltered returns the same directory scanned without any ignore file (what
// a context with no .dockerignore would send), computed once.
func (c *Context) Unfiltered() (*Context, error) {
	if c.Ignore == nil {
		return c, nil
	}
	c.fullOnce.Do(func() {
		c.full = &Context{Dir: c.Dir, FS: c.FS}
		c.fullErr = c.full.scan(Options{Digests: c.digests})
	})
	if c.fullErr != nil {
		return nil, c.fullErr
	}
	return c.full, nil
}

// Excluded reports whether the ignore file excludes path p under walker
// semantics, whether or not p exists. It evaluates the chain of p's parent
// directories exactly as the walk would.
func (c *Context) Excluded(p string) (bool, error) {
	if c.Ignore == nil || len(c.Ignore.Lines) == 0 {
		return false, nil
	}
	return Match(c.Ignore.Patterns(), p)
}

// excludedByWalk evaluates p and each of its parents with parent results
// passed down, as the walk does.
func excludedByWalk(pm *patternmatcher.PatternMatcher, p string) (bool, error) {
	var info patternmatcher.MatchInfo
	parts := strings.Split(p, "/")
	var m bool
	for i := range parts {
		var err error
		m, info, err = pm.MatchesUsingParentResults(strings.Join(parts[:i+1], "/"), info)
		if err != nil {
			return false, err
		}
	}
	return m, nil
}

// sortedPaths returns the paths of es sorted.
func sortedPaths(es []Entry) []string {
	out := make([]string, len(es))
	for i, e := range es {
		out[i] = e.Path
	}
	sort.Strings(out)
	return out
}

// Match reports whether patterns (as an ignore file lists them) exclude path
// p, evaluating p's parent directories first and passing their results down,
// as BuildKit's walk does. Unlike the walk it does not need p to exist.
func Match(patterns []string, p string) (bool, error) {
	if len(patterns) == 0 {
		return false, nil
	}
	pm, err := patternmatcher.New(patterns)
	if err != nil {
		return false, err
	}
	return excludedByWalk(pm, p)
}

// FromFiles builds a context in memory, for examples and tests: files maps
// slash paths to contents; a path ending in "/" is an (empty) directory.
// The ignore file is chosen as for a Dockerfile named dockerfile at the
// context root: "<dockerfile>.dockerignore" if present, else ".dockerignore".
func FromFiles(files map[string]string, dockerfile string) (*Context, error) {
	m := fstest.MapFS{}
	for p, data := range files {
		if strings.HasSuffix(p, "/") {
			m[strings.TrimSuffix(p, "/")] = &fstest.MapFile{Mode: fs.ModeDir | 0o755}
			continue
		}
		m[p] = &fstest.MapFile{Data: []byte(data), Mode: 0o644}
	}
	var ign *IgnoreFile
	shadowed := ""
	for _, name := range []string{dockerfile + ".dockerignore", ".dockerignore"} {
		src, ok := files[name]
		if !ok || dockerfile == "" && name != ".dockerignore" {
			continue
		}
		if ign != nil {
			shadowed = name
			break
		}
		var err error
		if ign, err = ParseIgnore(name, []byte(src)); err != nil {
			return nil, err
		}
		ign.PerDockerfile = name != ".dockerignore"
	}
	c, err := Scan(m, ign, Options{})
	if err != nil {
		return nil, err
	}
	c.Shadowed = shadowed
	return c, nil
}
