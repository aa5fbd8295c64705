package ctxscan

import (
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"path"
	"regexp"
	"sort"
	"strings"

	"github.com/moby/patternmatcher"
)

// CopyOptions are the COPY/ADD flags that change what a source brings.
type CopyOptions struct {
	// Exclude are the --exclude patterns, raw (BuildKit does not clean or
	// expand them), matched relative to each resolved source.
	Exclude []string
	// Parents is COPY --parents: the source becomes an include pattern
	// relative to the context root or to the "/./" pivot.
	Parents bool
}

// Resolved is what one COPY/ADD source brings from the context.
type Resolved struct {
	// Source is the source after BuildKit's normalisation: joined to "/"
	// (so "../x" is clamped to the root), without the leading "/"; "" is
	// the context root.
	Source   string
	Wildcard bool
	// Matches are what the source names after wildcard resolution, in
	// BuildKit's order.
	Matches []SourceMatch
	// Entries are the context entries the copy reads (files, symlinks and
	// directories, the matched directories themselves excluded), sorted by
	// path, each once.
	Entries []Entry
	// NotFound is set when the build fails because a required path is
	// missing from the context that is sent (a literal source, the
	// directory before a wildcard, a symlink target); Missing names it.
	NotFound bool
	Missing  string
}

// SourceMatch is one path a source names.
type SourceMatch struct {
	Path string // the context path ("" for the root), as named
	Real string // Path with its symlinks followed inside the context
	Dir  bool   // a directory: its contents are copied, not itself
	// Entries are what this match brings: for a directory the entries
	// below it that pass --exclude/--parents, otherwise the entry itself.
	Entries []Entry
}

// Files returns the non-directory entries of r.
func (r *Resolved) Files() []Entry {
	var out []Entry
	for _, e := range r.Entries {
		if !e.IsDir() {
			out = append(out, e)
		}
	}
	return out
}

// brings reports whether the copy takes p (followed inside the context) or
// something below it.
func (r *Resolved) brings(c *Context, p string) bool {
	real, ok := c.follow(p)
	if !ok {
		return false
	}
	for _, e := range r.Entries {
		if real == "" || e.Path == real || strings.HasPrefix(e.Path, real+"/") {
			return true
		}
	}
	return false
}

// NormalizeSource applies BuildKit's source normalisation: path.Join("/", s)
// (a leading "/" and any "../" cannot leave the context), returned without
// the leading "/" ("" for the root).
func NormalizeSource(s string) string {
	return strings.TrimPrefix(path.Join("/", s), "/")
}

// HasWildcards reports whether s holds an unescaped '*', '?' or '[' (a
// backslash escapes the next byte), as BuildKit's copy decides.
func HasWildcards(s string) bool {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\\':
			i++
		case '*', '?', '[':
			return true
		}
	}
	return false
}

// splitWildcards cuts a normalised source before its first component with a
// wildcard.
func splitWildcards(s string) (dir, pattern string) {
	if s == "" {
		return "", ""
	}
	parts := strings.Split(s, "/")
	for i, p := range parts {
		if HasWildcards(p) {
			return strings.Join(parts[:i], "/"), strings.Join(parts[i:], "/")
		}
	}
	return s, ""
}

// Resolve computes what COPY/ADD of src (a context source, variables already
// expanded) brings from c, with BuildKit's semantics: wildcards per path
// component with path.Match (no "**"), a matched directory brings its
// contents, a wildcard matching nothing is fine but a missing literal is not,
// the source path's own symlinks are followed inside the context, and
// --exclude/--parents patterns are matched with patternmatcher. An error means
// a pattern is invalid (the build fails too).
func (c *Context) Resolve(src string, opt CopyOptions) (*Resolved, error) {
	var include []string
	required := ""
	if opt.Parents {
		parent, pattern, ok := strings.Cut(src, "/./")
		if !ok {
			parent, pattern = "/", src
		}
		src = parent
		include = []string{NormalizeSource(pattern)}
		if !HasWildcards(parent) && !HasWildcards(pattern) {
			// BuildKit requires something to be copied from this path
			required = NormalizeSource(path.Join(parent, NormalizeSource(pattern)))
		}
	}
	r := &Resolved{Source: NormalizeSource(src)}
	if required != "" {
		defer func() {
			if !r.NotFound && !r.brings(c, required) {
				r.NotFound, r.Missing = true, required
			}
		}()
	}
	dir, pattern := splitWildcards(r.Source)
	var names []string
	if pattern == "" {
		names = []string{r.Source}
	} else {
		r.Wildcard = true
		real, ok := c.follow(dir)
		if !ok {
			r.NotFound, r.Missing = true, dir
			return r, nil
		}
		if e, ok := c.lookupDir(real); ok && e.IsDir() {
			for _, m := range c.matchBelow(real, pattern) {
				names = append(names, joinRel(real, m))
			}
		}
	}
	var inc, exc *patternmatcher.PatternMatcher
	var err error
	if len(include) > 0 {
		if inc, err = patternmatcher.New(include); err != nil {
			return nil, fmt.Errorf("invalid --parents pattern %q: %w", include[0], err)
		}
	}
	if len(opt.Exclude) > 0 {
		if exc, err = patternmatcher.New(opt.Exclude); err != nil {
			return nil, fmt.Errorf("invalid --exclude pattern: %w", err)
		}
	}
	seen := map[string]bool{}
	for _, name := range names {
		real, ok := c.follow(name)
		if !ok {
			r.NotFound, r.Missing = true, name
			continue
		}
		m := SourceMatch{Path: name, Real: real}
		top, _ := c.lookupDir(real)
		if !top.IsDir() {
			m.Entries = []Entry{top} // the source itself is never matched against the patterns
		} else {
			m.Dir = true
			if m.Entries, err = c.copyDir(real, inc, exc); err != nil {
				return nil, err
			}
		}
		r.Matches = append(r.Matches, m)
		for _, e := range m.Entries {
			if !seen[e.Path] {
				seen[e.Path] = true
				r.Entries = append(r.Entries, e)
			}
		}
	}
	sortEntries(r.Entries)
	return r, nil
}

func joinRel(a, b string) string {
	if a == "" {
		return b
	}
	if b == "" {
		return a
	}
	return a + "/" + b
}

func (c *Context) lookupDir(p string) (Entry, bool) {
	if p == "" {
		return Entry{Type: fs.ModeDir}, true
	}
	return c.Lookup(p)
}

// matchBelow lists the paths below dir whose path relative to dir matches
// pattern with path.Match, in walk order; a matched directory's contents are
// not considered (BuildKit skips it once matched).
func (c *Context) matchBelow(dir, pattern string) []string {
	var out []string
	skip := ""
	base := len(dir)
	if dir != "" {
		base++
	}
	for _, e := range c.Below(dir) {
		if skip != "" && strings.HasPrefix(e.Path, skip) {
			continue
		}
		skip = ""
		rel := e.Path[base:]
		if ok, _ := path.Match(pattern, rel); !ok {
			continue
		}
		out = append(out, rel)
		if e.IsDir() {
			skip = e.Path + "/"
		}
	}
	return out
}

// copyDir adds the contents of directory dir ("" for the root), with the
// --parents include and --exclude patterns evaluated relative to dir using
// parent results, as BuildKit's copier does. A directory that is neither
// included nor excluded outright is kept only when something below it is.
func (c *Context) copyDir(dir string, inc, exc *patternmatcher.PatternMatcher) ([]Entry, error) {
	var out []Entry
	type frame struct {
		path     string
		inc, exc patternmatcher.MatchInfo
		pending  bool // not added yet
	}
	var stack []frame
	hasExc := exc != nil && exc.Exclusions()
	base := len(dir)
	if dir != "" {
		base++
	}
	skip := ""
	flush := func() {
		for i := range stack {
			if stack[i].pending {
				stack[i].pending = false
				out = append(out, Entry{Path: stack[i].path, Type: fs.ModeDir})
			}
		}
	}
	for _, e := range c.Below(dir) {
		if skip != "" && strings.HasPrefix(e.Path, skip) {
			continue
		}
		skip = ""
		for len(stack) > 0 && !strings.HasPrefix(e.Path, stack[len(stack)-1].path+"/") {
			stack = stack[:len(stack)-1]
		}
		var pinc, pexc patternmatcher.MatchInfo
		if len(stack) > 0 {
			pinc, pexc = stack[len(stack)-1].inc, stack[len(stack)-1].exc
		}
		rel := e.Path[base:]
		included := true
		var iinfo, einfo patternmatcher.MatchInfo
		if inc != nil {
			m, info, err := inc.MatchesUsingParentResults(rel, pinc)
			if err != nil {
				return nil, fmt.Errorf("failed to match the --parents pattern: %w", err)
			}
			included, iinfo = m, info
		}
		excluded := false
		if exc != nil {
			m, info, err := exc.MatchesUsingParentResults(rel, pexc)
			if err != nil {
				return nil, fmt.Errorf("failed to match the --exclude patterns: %w", err)
			}
			excluded, einfo = m, info
			if m {
				included = false
			}
		}
		if !included && inc == nil && !hasExc {
			if e.IsDir() {
				skip = e.Path + "/"
			}
			continue // excluded and no exception can bring anything back
		}
		if !e.IsDir() {
			if included {
				flush()
				out = append(out, e)
			}
			continue
		}
		if excluded && !hasExc {
			skip = e.Path + "/"
			continue
		}
		if included {
			flush()
			out = append(out, e)
		}
		stack = append(stack, frame{path: e.Path, inc: iinfo, exc: einfo, pending: !included})
	}
	return out, nil
}

// follow resolves symlinks along p inside the context (absolute targets are
// taken from the context root, ".." cannot leave it) and reports the real
// path and whether it is in the context. The root is "".
func (c *Context) follow(p string) (string, bool) {
	if p == "" {
		return "", true
	}
	parts := strings.Split(p, "/")
	cur := ""
	for hops := 0; len(parts) > 0; {
		next := joinRel(cur, parts[0])
		parts = parts[1:]
		e, ok := c.Lookup(next)
		if !ok {
			return next, false
		}
		if e.Type&fs.ModeSymlink == 0 {
			cur = next
			continue
		}
		hops++
		if hops > 255 {
			return next, false
		}
		target, err := c.readLink(next)
		if err != nil {
			return next, false
		}
		if !path.IsAbs(target) {
			target = path.Join(cur, target)
		}
		rest := NormalizeSource(target)
		var tparts []string
		if rest != "" {
			tparts = strings.Split(rest, "/")
		}
		parts = append(tparts, parts...)
		cur = ""
	}
	return cur, true
}

func (c *Context) readLink(p string) (string, error) {
	if rl, ok := c.FS.(fs.ReadLinkFS); ok {
		return rl.ReadLink(p)
	}
	return "", errors.ErrUnsupported
}

// sortEntries orders entries by path (byte order).
func sortEntries(es []Entry) {
	sort.Slice(es, func(i, j int) bool { return es[i].Path < es[j].Path })
}

// SourceKind tells where a COPY/ADD source is read from.
type SourceKind int

const (
	FromContext    SourceKind = iota // the build context
	FromStage                        // COPY --from=<stage, image or named context>
	FromHeredoc                      // COPY <<EOF: inline content
	FromURL                          // ADD http(s)://…
	FromGit                          // ADD of a git repository
	FromUnresolved                   // variables that cannot be expanded here
)

var sourceKindNames = [...]string{"context", "stage", "heredoc", "url", "git", "unresolved"}

func (k SourceKind) String() string { return sourceKindNames[k] }

var (
	protoRE  = regexp.MustCompile(`^[a-zA-Z0-9]+://`)
	scpGitRE = regexp.MustCompile(`^[a-zA-Z0-9-_]+@[a-zA-Z0-9-.]+:`)
)

// ClassifyRemote tells whether an ADD source is a URL or a git repository, as
// BuildKit decides (FromContext otherwise): git for ssh:// and git:// URLs,
// user@host:path, and http(s) URLs whose path ends in ".git"; other http(s)
// URLs are downloads. Any other scheme is read as a local path.
func ClassifyRemote(s string) SourceKind {
	if proto := protoRE.FindString(s); proto != "" {
		switch strings.ToLower(strings.TrimSuffix(proto, "://")) {
		case "ssh", "git":
			return FromGit
		case "http", "https":
			if u, err := url.Parse(s); err == nil && strings.HasSuffix(u.Path, ".git") {
				return FromGit
			}
			return FromURL
		}
		return FromContext
	}
	if scpGitRE.MatchString(s) {
		return FromGit
	}
	return FromContext
}
