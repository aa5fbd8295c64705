package config

import (
	"os"
	"path/filepath"
	"sync"
)

// Finder locates and loads the configuration file that applies to a
// directory, remembering what it found for each directory and file so that
// a run over many Dockerfiles reads each configuration once. It is safe for
// concurrent use.
//
// The search starts in the given directory and goes up one directory at a
// time, stopping after the repository root (the first directory holding a
// .git entry) or at the file system root. In each directory it looks for
// Names in order; the first file found wins. Only when no layerlint file is
// found up to the root does it search again, the same way, for HadolintNames.
type Finder struct {
	cwd   string // found paths are shown relative to it
	mu    sync.Mutex
	dirs  map[string]string // absolute directory → file path found ("" none)
	files map[string]loaded // file path → what loading it gave
}

type loaded struct {
	f   *File
	err error
}

// NewFinder returns an empty Finder. The paths it finds are relative to the
// current directory when it can be read, absolute otherwise.
func NewFinder() *Finder {
	cwd, _ := os.Getwd()
	return &Finder{cwd: cwd, dirs: map[string]string{}, files: map[string]loaded{}}
}

// Find returns the configuration file that applies to dir, loaded, or nil
// when there is none. The error is the file's (an ErrorList or *Error).
func (fd *Finder) Find(dir string) (*File, error) {
	p, err := fd.Path(dir)
	if err != nil || p == "" {
		return nil, err
	}
	return fd.Load(p)
}

// Path returns the path of the configuration file that applies to dir, or "".
func (fd *Finder) Path(dir string) (string, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	fd.mu.Lock()
	defer fd.mu.Unlock()
	if p, ok := fd.dirs[abs]; ok {
		return p, nil
	}
	p := search(abs, Names)
	if p == "" {
		p = search(abs, HadolintNames)
	}
	if p != "" && fd.cwd != "" {
		if rel, err := filepath.Rel(fd.cwd, p); err == nil {
			p = rel
		}
	}
	fd.dirs[abs] = p
	return p, nil
}

// Load loads the file at path once.
func (fd *Finder) Load(path string) (*File, error) {
	fd.mu.Lock()
	defer fd.mu.Unlock()
	if l, ok := fd.files[path]; ok {
		return l.f, l.err
	}
	f, err := Load(path)
	fd.files[path] = loaded{f, err}
	return f, err
}

// search walks up from dir for the first of names, stopping after the
// repository root.
func search(dir string, names []string) string {
	for {
		for _, n := range names {
			p := filepath.Join(dir, n)
			if st, err := os.Stat(p); err == nil && st.Mode().IsRegular() {
				return p
			}
		}
		if _, err := os.Lstat(filepath.Join(dir, ".git")); err == nil {
			return "" // the repository root: configuration above it is not the project's
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}
