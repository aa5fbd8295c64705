package ctxscan

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/goccy/go-yaml"
	"github.com/layerlint/layerlint/dockerfile"
)

// InferDir guesses the build context of the Dockerfile at dockerfilePath
// when none is given. A compose file (compose.yaml, compose.yml,
// docker-compose.yml, docker-compose.yaml) in the Dockerfile's directory or
// an ancestor whose service builds this Dockerfile gives its build context.
// Otherwise the Dockerfile's own directory, unless the literal COPY/ADD
// sources of f do not all exist there but do in an ancestor; then the
// nearest such ancestor. Ancestors are searched up to the repository root
// (the nearest directory holding .git) and at most 5 levels up. The reason
// says how the context was chosen ("" for the Dockerfile's directory).
// Bake files are not read.
func InferDir(f *dockerfile.File, dockerfilePath string) (dir, reason string) {
	start, err := filepath.Abs(filepath.Dir(dockerfilePath))
	if err != nil {
		return filepath.Dir(dockerfilePath), ""
	}
	if d, why, ok := composeContext(dockerfilePath, start); ok {
		return d, why
	}
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

var composeNames = []string{"compose.yaml", "compose.yml", "docker-compose.yml", "docker-compose.yaml"}

// composeFile is the part of a compose file that names build contexts.
type composeFile struct {
	Services map[string]struct {
		Build any `yaml:"build"` // a context path, or {context, dockerfile}
	} `yaml:"services"`
}

// composeContext looks for a compose service that builds the Dockerfile at
// dockerfilePath (whose directory is start, absolute) and returns its
// context, relative to the Dockerfile's directory as given.
func composeContext(dockerfilePath, start string) (string, string, bool) {
	want, err := filepath.Abs(dockerfilePath)
	if err != nil {
		return "", "", false
	}
	d := start
	for level := 0; level <= 5; level++ {
		for _, name := range composeNames {
			src, err := os.ReadFile(filepath.Join(d, name))
			if err != nil {
				continue
			}
			var cf composeFile
			if yaml.Unmarshal(src, &cf) != nil {
				continue
			}
			svcs := make([]string, 0, len(cf.Services))
			for s := range cf.Services {
				svcs = append(svcs, s)
			}
			sort.Strings(svcs)
			for _, svc := range svcs {
				ctx, df := ".", "Dockerfile"
				switch b := cf.Services[svc].Build.(type) {
				case string:
					ctx = b
				case map[string]any:
					if c, ok := b["context"].(string); ok {
						ctx = c
					}
					if x, ok := b["dockerfile"].(string); ok {
						df = x
					}
				default:
					continue
				}
				if strings.Contains(ctx, "://") || strings.HasPrefix(ctx, "git@") {
					continue // a remote context
				}
				abs := filepath.Join(d, ctx)
				if filepath.IsAbs(ctx) {
					abs = filepath.Clean(ctx)
				}
				dfAbs := filepath.Join(abs, df)
				if filepath.IsAbs(df) {
					dfAbs = filepath.Clean(df)
				}
				if dfAbs != want {
					continue
				}
				rel, err := filepath.Rel(start, abs)
				if err != nil {
					return abs, fmt.Sprintf("service %q of %s builds it", svc, filepath.Join(d, name)), true
				}
				dir := filepath.Join(filepath.Dir(dockerfilePath), rel)
				return dir, fmt.Sprintf("service %q of %s builds it with context %s", svc, filepath.Join(d, name), dir), true
			}
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
	return "", "", false
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
