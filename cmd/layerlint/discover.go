package main

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// isDockerfileName reports whether a file found while walking a directory is
// linted: Dockerfile, Dockerfile.*, *.Dockerfile, *.dockerfile,
// Containerfile*, *.Containerfile. Per-Dockerfile ignore files
// (Dockerfile.dockerignore, app.Containerfile.containerignore) are not.
func isDockerfileName(name string) bool {
	if strings.HasSuffix(name, ".dockerignore") || strings.HasSuffix(name, ".containerignore") {
		return false
	}
	switch {
	case name == "Dockerfile", strings.HasPrefix(name, "Dockerfile."):
		return true
	case strings.HasPrefix(name, "Containerfile"):
		return true
	}
	for _, suffix := range []string{".Dockerfile", ".dockerfile", ".Containerfile"} {
		if len(name) > len(suffix) && strings.HasSuffix(name, suffix) {
			return true
		}
	}
	return false
}

// skippedDirs are vendored or generated trees never walked into.
var skippedDirs = map[string]bool{
	"node_modules":     true,
	"bower_components": true,
	"vendor":           true,
	"third_party":      true,
	"third-party":      true,
	"thirdparty":       true,
}

// skipDir reports whether a directory below a PATH argument is not walked:
// hidden directories (.git, .venv, ...) and vendored trees. A PATH argument
// itself is always walked, whatever its name.
func skipDir(name string) bool {
	return strings.HasPrefix(name, ".") || skippedDirs[name]
}

// filters holds the --include and --exclude patterns.
type filters struct {
	include []*glob
	exclude []*glob
}

// keep reports whether a file at slash path rel (relative to the PATH
// argument it was found under) passes the filters.
func (fl *filters) keep(rel string) bool {
	if fl.excluded(rel) {
		return false
	}
	if len(fl.include) == 0 {
		return true
	}
	for _, g := range fl.include {
		if g.match(rel) {
			return true
		}
	}
	return false
}

func (fl *filters) excluded(rel string) bool {
	for _, g := range fl.exclude {
		if g.match(rel) {
			return true
		}
	}
	return false
}

// discovery is the outcome of expanding the PATH arguments.
type discovery struct {
	files []string // cleaned paths, sorted, without duplicates
	stdin bool     // "-" was given
	errs  []error  // one per path that could not be read, "path: problem"
	empty []string // directory arguments that held no Dockerfile
}

// discover expands PATH arguments: a file is linted whatever its name; a
// directory is walked for Dockerfiles that pass the filters; "-" is stdin.
func discover(args []string, fl *filters) *discovery {
	d := &discovery{}
	seen := map[string]bool{}
	add := func(p string) {
		if !seen[p] {
			seen[p] = true
			d.files = append(d.files, p)
		}
	}
	for _, arg := range args {
		if arg == "-" {
			d.stdin = true
			continue
		}
		root := filepath.Clean(arg)
		info, err := os.Stat(root)
		if err != nil {
			d.errs = append(d.errs, pathError(arg, err))
			continue
		}
		if !info.IsDir() {
			add(root)
			continue
		}
		if lst, err := os.Lstat(root); err == nil && lst.Mode()&os.ModeSymlink != 0 {
			// WalkDir does not enter a symbolic link, even as its root;
			// a trailing separator makes the system resolve it.
			root += string(filepath.Separator)
		}
		found := 0
		err = filepath.WalkDir(root, func(p string, e fs.DirEntry, err error) error {
			if err != nil {
				d.errs = append(d.errs, pathError(p, err))
				if e != nil && e.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			rel, _ := filepath.Rel(root, p)
			rel = filepath.ToSlash(rel)
			if e.IsDir() {
				if p != root && (skipDir(e.Name()) || fl.excluded(rel)) {
					return fs.SkipDir
				}
				return nil
			}
			if !isDockerfileName(e.Name()) || !fl.keep(rel) {
				return nil
			}
			if !e.Type().IsRegular() {
				// A symbolic link counts when it leads to a regular file.
				st, err := os.Stat(p)
				if err != nil || !st.Mode().IsRegular() {
					return nil
				}
			}
			found++
			add(p)
			return nil
		})
		if err != nil && !errors.Is(err, fs.SkipDir) {
			d.errs = append(d.errs, pathError(arg, err))
		}
		if found == 0 {
			d.empty = append(d.empty, arg)
		}
	}
	sort.Strings(d.files)
	return d
}
