package main

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
)

// syncFile flushes a file to stable storage; tests replace it to simulate a
// failing disk.
var syncFile = (*os.File).Sync

// writeFileAtomic replaces the file at path with data without ever leaving a
// truncated file behind: it writes a temporary file in the same directory,
// flushes it, gives it the original's permission bits and renames it over the
// original. A symbolic link is followed, so the link stays a link. On any
// error the original is untouched and the temporary file is removed.
func writeFileAtomic(path string, data []byte) (err error) {
	target, err := filepath.EvalSymlinks(path)
	if err != nil {
		return err
	}
	info, err := os.Stat(target)
	if err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(target), "."+filepath.Base(target)+".layerlint-*")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if _, err = tmp.Write(data); err != nil {
		return err
	}
	mode := info.Mode() & (os.ModePerm | os.ModeSetuid | os.ModeSetgid | os.ModeSticky)
	if err = tmp.Chmod(mode); err != nil {
		return err
	}
	if err = syncFile(tmp); err != nil {
		return err
	}
	if err = tmp.Close(); err != nil {
		return err
	}
	if err = os.Rename(tmp.Name(), target); err != nil {
		return err
	}
	// Make the rename itself durable; not every system can sync a directory.
	if dir, derr := os.Open(filepath.Dir(target)); derr == nil {
		dir.Sync()
		dir.Close()
	}
	return nil
}

// createFileAtomic creates the file at path holding data, with permission
// bits perm, all at once: it writes and flushes a temporary file in the same
// directory, then links it to path, which fails when path exists (a file
// that appeared meanwhile is never overwritten). Where links are not
// supported it renames the temporary file after checking that path does
// not exist. On any error no file is left behind.
func createFileAtomic(path string, data []byte, perm os.FileMode) (err error) {
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".layerlint-*")
	if err != nil {
		return err
	}
	defer func() {
		tmp.Close()
		os.Remove(tmp.Name())
	}()
	if _, err = tmp.Write(data); err != nil {
		return err
	}
	if err = tmp.Chmod(perm); err != nil {
		return err
	}
	if err = syncFile(tmp); err != nil {
		return err
	}
	if err = tmp.Close(); err != nil {
		return err
	}
	if err = os.Link(tmp.Name(), path); err != nil {
		if errors.Is(err, fs.ErrExist) {
			return err
		}
		if _, serr := os.Lstat(path); serr == nil {
			return &fs.PathError{Op: "create", Path: path, Err: fs.ErrExist}
		}
		if err = os.Rename(tmp.Name(), path); err != nil {
			return err
		}
	}
	if d, derr := os.Open(dir); derr == nil {
		d.Sync()
		d.Close()
	}
	return nil
}
