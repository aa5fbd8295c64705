package ctxscan

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/layerlint/layerlint/dockerfile"
)

// InferDir guesses the build context of the Dockerfile at dockerfilePath
// when none is given: its own directory, unless the literal COPY/ADD sources
// of f do not all exist there but do in an ancestor directory (up to the
// repository root, the nearest directory holding .git, and at most 5 levels
// up); then the nearest such ancestor. The reason says why an ancestor was
// chosen ("" for the Dockerfile's directory). Compose and bake files are not
// read.
func InferDir(f *dockerfile.File, dockerfilePath string) (dir, reason string) {
	start, err := filepath.Abs(filepath.Dir(dockerfilePath))
	if err != nil {
		return filepath.Dir(dockerfilePath), ""
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
	d := start
	for level := 0; level < 5; level++ {
		if _, err := os.Stat(filepath.Join(d, ".git")); err == nil {
			break // the repository root: go no higher
		}
		parent := filepath.Dir(d)
		if parent == d {
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
