package main

import (
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
