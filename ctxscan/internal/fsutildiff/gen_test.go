package fsutildiff

import (
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"strings"
)

// names collide on purpose with the pattern atoms below.
var names = []string{
	"a", "b", "foo", "x.go", "y.md", "README.md", "README-secret.md", "node_modules", ".git", "src",
	"tmp", "temp1", "keep.txt", "[x]", "sp ace", "é", "1", "d", "logs", "x.log", ".env", "a.b",
	"package.json", "ab", "#c", "!e",
}

// genTree writes a random tree of depth at most 4 under root: files,
// directories (some empty) and symlinks (relative, absolute, dangling, to
// directories).
func genTree(r *rand.Rand, root string) error {
	var mk func(dir string, depth int) error
	mk = func(dir string, depth int) error {
		n := 1 + r.Intn(5)
		if depth > 0 && r.Intn(8) == 0 {
			n = 0 // an empty directory
		}
		used := map[string]bool{}
		for i := 0; i < n; i++ {
			name := names[r.Intn(len(names))]
			if used[name] {
				continue
			}
			used[name] = true
			p := filepath.Join(dir, name)
			switch k := r.Intn(10); {
			case k < 4 && depth < 4:
				if err := os.Mkdir(p, 0o755); err != nil {
					return err
				}
				if err := mk(p, depth+1); err != nil {
					return err
				}
			case k == 9:
				targets := []string{"a", "src", "../a", "../../x.go", "/etc", "nowhere", "foo/x.go", ".", ".."}
				if err := os.Symlink(targets[r.Intn(len(targets))], p); err != nil {
					return err
				}
			default:
				if err := os.WriteFile(p, []byte(strings.Repeat("x", r.Intn(64))), 0o644); err != nil {
					return err
				}
			}
		}
		return nil
	}
	return mk(root, 0)
}

var atoms = []string{
	"*", "**", "?", "[ab]", "[^a]", "*.go", "t*", "README*.md", "foo", "a", "node_modules", "src",
	".git", "x.go", `\d`, `\*`, "temp?", "*.md", "logs", "*.log", "[x]", `\[x]`, "b", "keep.txt", "é*", "a**", "**.go",
	"[!a]", "{a,b}", "1", "d", "sp ace", ".env*", "#c", "!e",
}

// genIgnore writes a random ignore file: 1-6 lines of atoms joined by "/",
// with exceptions, leading and trailing slashes, "./", "..", comments,
// surrounding whitespace and CRLF line ends.
func genIgnore(r *rand.Rand) string {
	var b strings.Builder
	n := 1 + r.Intn(6)
	for i := 0; i < n; i++ {
		var parts []string
		for k := 1 + r.Intn(3); k > 0; k-- {
			parts = append(parts, atoms[r.Intn(len(atoms))])
		}
		line := strings.Join(parts, "/")
		if r.Intn(25) == 0 {
			// rejected when read ("[", "!") or failing when evaluated (`\x`, `\p`)
			line = []string{"[", "a[", `\x`, `a/\p`, "!", "!/", `**/\1`}[r.Intn(7)]
		}
		switch r.Intn(12) {
		case 0:
			line = "/" + line
		case 1:
			line += "/"
		case 2:
			line = "./" + line
		case 3:
			line = "../" + line
		case 4:
			line = "# " + line
		case 5:
			line = "  " + line + " "
		}
		if r.Intn(3) == 0 {
			line = "!" + line
		}
		end := "\n"
		if r.Intn(6) == 0 {
			end = "\r\n"
		}
		fmt.Fprint(&b, line, end)
	}
	return b.String()
}

var sourceAtoms = []string{
	".", "*", "src", "src/*", "*/x.go", "a*", "[ab]", "foo/../a", "../a", "/src", "nomatch*", "missing",
	"*/*", "a/b", "**/*.go", "x.go", "node_modules", "?", "*.md", "a/*/x.go", "[x]", `\[x]`, "src/.", "d/",
}

func genSource(r *rand.Rand) string { return sourceAtoms[r.Intn(len(sourceAtoms))] }

func genExcludes(r *rand.Rand) []string {
	var out []string
	for k := r.Intn(3); k > 0; k-- {
		p := atoms[r.Intn(len(atoms))]
		if r.Intn(2) == 0 {
			p += "/" + atoms[r.Intn(len(atoms))]
		}
		if r.Intn(3) == 0 {
			p = "!" + p
		}
		out = append(out, p)
	}
	return out
}
