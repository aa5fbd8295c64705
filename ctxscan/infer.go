package ctxscan

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/layerlint/layerlint/dockerfile"
)

// InferDir guesses the build context of the Dockerfile at dockerfilePath
// when none is given. The files `docker buildx bake` reads by default
// (compose.yaml, compose.yml, docker-compose.yml, docker-compose.yaml,
// docker-bake.json, docker-bake.hcl, docker-bake.override.json,
// docker-bake.override.hcl, merged in that order: see definitionFiles) in
// the Dockerfile's directory or the nearest ancestor that has a compose
// service or bake target building this Dockerfile give that target's
// context. Otherwise the Dockerfile's own directory, unless the literal
// COPY/ADD sources of f do not all exist there but do in an ancestor; then
// the nearest such ancestor. Ancestors are searched up to the repository
// root (the nearest directory holding .git) and at most 5 levels up.
//
// The reason says how the context was chosen and names the definition
// files that were left out because they could not be read ("FILE:LINE:
// problem; the file is ignored"); it is "" when the Dockerfile's directory
// was taken and nothing was left out. Paths in it are written like
// dockerfilePath (relative when it is).
func InferDir(f *dockerfile.File, dockerfilePath string) (dir, reason string) {
	start, err := filepath.Abs(filepath.Dir(dockerfilePath))
	if err != nil {
		return filepath.Dir(dockerfilePath), ""
	}
	d, why, notes, ok := definitionContext(dockerfilePath, start)
	if ok {
		return d, joinReason(why, notes)
	}
	dir, why = climbContext(f, dockerfilePath, start)
	return dir, joinReason(why, notes)
}

// joinReason appends the notes about ignored files to a reason.
func joinReason(why string, notes []string) string {
	parts := notes
	if why != "" {
		parts = append([]string{why}, notes...)
	}
	return strings.Join(parts, "; ")
}

// climbContext is the Dockerfile's directory, or the nearest ancestor in
// the repository where all literal COPY/ADD sources of f resolve.
func climbContext(f *dockerfile.File, dockerfilePath, start string) (dir, reason string) {
	var literal []string
	for _, in := range f.Instructions {
		for _, s := range Sources(f, in) {
			if s.Kind != FromContext {
				continue
			}
			src := s.Value
			if o := CopyOptionsOf(in); o.Parents {
				continue // --parents paths are patterns
			}
			if n := NormalizeSource(src); n != "" && !HasWildcards(n) {
				literal = append(literal, n)
			}
		}
	}
	found := func(d string) int {
		n := 0
		for _, p := range literal {
			if _, err := os.Lstat(filepath.Join(d, filepath.FromSlash(p))); err == nil {
				n++
			}
		}
		return n
	}
	here := found(start)
	if here == len(literal) {
		return filepath.Dir(dockerfilePath), ""
	}
	// climb only inside a repository, never above its root, never to / or
	// the home directory (a scan there would read the whole disk)
	root := repoRoot(start)
	if root == "" {
		return filepath.Dir(dockerfilePath), ""
	}
	home, _ := os.UserHomeDir()
	d := start
	for d != root {
		parent := filepath.Dir(d)
		if parent == d || parent == "/" || (home != "" && parent == home) {
			break
		}
		d = parent
		if found(d) == len(literal) {
			rel, err := filepath.Rel(start, d)
			if err != nil {
				rel = d
			}
			dir := filepath.Join(filepath.Dir(dockerfilePath), rel)
			return dir, fmt.Sprintf("the COPY/ADD sources resolve in %s, not in the Dockerfile's directory", dir)
		}
	}
	return filepath.Dir(dockerfilePath), ""
}

// definitionContext looks, from the Dockerfile's directory (start,
// absolute) up, for the bake definitions that build the Dockerfile at
// dockerfilePath and returns the context they give, written like
// dockerfilePath, with the notes about the definition files left out on
// the way.
func definitionContext(dockerfilePath, start string) (dir, reason string, notes []string, ok bool) {
	want, err := filepath.Abs(dockerfilePath)
	if err != nil {
		return "", "", nil, false
	}
	// shown writes an absolute path below or above start like dockerfilePath
	shown := func(abs string) string {
		rel, err := filepath.Rel(start, abs)
		if err != nil {
			return abs
		}
		return filepath.Join(filepath.Dir(dockerfilePath), rel)
	}
	d := start
	for level := 0; level <= 5; level++ {
		defs := readDefinitions(d, shown(d))
		notes = append(notes, defs.notes...)
		if t, ctx, found := defs.builds(d, want); found {
			files, compose := t.origin()
			kind := "target"
			if compose {
				kind = "service"
			}
			dir := shown(ctx)
			return dir, fmt.Sprintf("%s %q of %s builds it with context %s", kind, t.name, files, dir), notes, true
		}
		if _, err := os.Stat(filepath.Join(d, ".git")); err == nil {
			break
		}
		parent := filepath.Dir(d)
		if parent == d {
			break
		}
		d = parent
	}
	return "", "", notes, false
}

// repoRoot returns the nearest directory at or above dir holding a .git
// entry, or "" when dir is not inside a repository.
func repoRoot(dir string) string {
	for d := dir; ; {
		if _, err := os.Stat(filepath.Join(d, ".git")); err == nil {
			return d
		}
		parent := filepath.Dir(d)
		if parent == d {
			return ""
		}
		d = parent
	}
}
