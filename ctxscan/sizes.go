package ctxscan

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"io/fs"
	"runtime"
	"sort"
	"strings"
	"sync"
)

// FileStat is what a size or digest needs to know about one entry.
type FileStat struct {
	Size    int64 // bytes; 0 for directories, the target length for symlinks
	ModTime int64 // modification time, nanoseconds since the Unix epoch
	Err     error // Lstat failed (the entry vanished or became unreadable)
}

// Stats returns one FileStat per entry (same index as Entries). The first call
// Lstats every entry with a small pool of goroutines; later calls reuse the
// result. The walk itself never stats: entry types come from the directory
// listing.
func (c *Context) Stats() []FileStat {
	c.sizeOnce.Do(func() {
		c.sizes = make([]FileStat, len(c.Entries))
		parallel(len(c.Entries), 128, func(i int) {
			e := c.Entries[i]
			if e.IsDir() {
				return
			}
			fi, err := c.FS.Lstat(e.Path)
			if err != nil {
				c.sizes[i].Err = err
				return
			}
			c.sizes[i] = FileStat{Size: fi.Size(), ModTime: fi.ModTime().UnixNano()}
		})
	})
	return c.sizes
}

// parallel calls fn(i) for i in [0,n) on a bounded pool of goroutines,
// handing out chunk indexes at a time so that cheap calls do not pay for
// synchronisation. Less than two chunks of work run inline.
func parallel(n, chunk int, fn func(i int)) {
	workers := min(2*runtime.GOMAXPROCS(0), 16)
	if n < 2*chunk || workers < 2 {
		for i := 0; i < n; i++ {
			fn(i)
		}
		return
	}
	var next int
	var mu sync.Mutex
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				mu.Lock()
				s := next
				next += chunk
				mu.Unlock()
				if s >= n {
					return
				}
				for i := s; i < min(s+chunk, n); i++ {
					fn(i)
				}
			}
		}()
	}
	wg.Wait()
}

// Size returns the size in bytes of the entry at p (0 when absent).
func (c *Context) Size(p string) int64 {
	i, ok := c.idx()[p]
	if !ok {
		return 0
	}
	return c.Stats()[i].Size
}

// Usage sums what a set of entries weighs.
type Usage struct {
	Bytes int64 // sizes of regular files and symlinks
	Files int   // non-directory entries
}

func (u *Usage) add(e Entry, st FileStat) {
	if e.IsDir() {
		return
	}
	u.Files++
	u.Bytes += st.Size
}

// Total is the usage of the whole context.
func (c *Context) Total() Usage {
	st := c.Stats()
	var u Usage
	for i, e := range c.Entries {
		u.add(e, st[i])
	}
	return u
}

// UsageOf sums the entries at or below path p ("" for the whole context).
func (c *Context) UsageOf(p string) Usage {
	if p == "" || p == "." {
		return c.Total()
	}
	st := c.Stats()
	i, ok := c.idx()[p]
	if !ok {
		return Usage{}
	}
	var u Usage
	u.add(c.Entries[i], st[i])
	for j, e := range c.Below(p) {
		u.add(e, st[i+1+j])
	}
	return u
}

// DirUsage is the weight of one directory.
type DirUsage struct {
	Path string
	Usage
}

// TopDirs returns up to n directories at depth at most maxDepth (1: top
// level) by decreasing size, ties by path. Nested directories are listed
// alongside their parents.
func (c *Context) TopDirs(n, maxDepth int) []DirUsage {
	st := c.Stats()
	acc := map[string]*Usage{}
	for i, e := range c.Entries {
		if e.IsDir() {
			continue
		}
		parts := strings.Split(e.Path, "/")
		for d := 1; d < len(parts) && d <= maxDepth; d++ {
			k := strings.Join(parts[:d], "/")
			u := acc[k]
			if u == nil {
				u = &Usage{}
				acc[k] = u
			}
			u.add(e, st[i])
		}
	}
	out := make([]DirUsage, 0, len(acc))
	for k, u := range acc {
		out = append(out, DirUsage{Path: k, Usage: *u})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Bytes != out[j].Bytes {
			return out[i].Bytes > out[j].Bytes
		}
		return out[i].Path < out[j].Path
	})
	if len(out) > n {
		out = out[:n]
	}
	return out
}

// DigestCache remembers content digests by (path, size, mtime), so that a
// long-lived process (the language server) rehashes only files that changed.
// It is safe for concurrent use.
type DigestCache struct {
	mu sync.Mutex
	m  map[digestKey]string
}

type digestKey struct {
	path    string
	size    int64
	modTime int64
}

// NewDigestCache returns an empty cache.
func NewDigestCache() *DigestCache { return &DigestCache{m: map[digestKey]string{}} }

// Digests returns "sha256:<hex>" content digests of the regular files among
// paths (other entries and absent paths are left out), hashing in parallel
// and only what the cache does not hold. The first read error is returned
// with the digests that succeeded.
func (c *Context) Digests(paths []string) (map[string]string, error) {
	st := c.Stats()
	type job struct {
		path string
		key  digestKey
	}
	var jobs []job
	out := make(map[string]string, len(paths))
	c.digests.mu.Lock()
	for _, p := range paths {
		i, ok := c.idx()[p]
		if !ok || !c.Entries[i].IsRegular() || st[i].Err != nil {
			continue
		}
		k := digestKey{path: c.Dir + "\x00" + p, size: st[i].Size, modTime: st[i].ModTime}
		if d, ok := c.digests.m[k]; ok {
			out[p] = d
			continue
		}
		jobs = append(jobs, job{p, k})
	}
	c.digests.mu.Unlock()
	res := make([]string, len(jobs))
	errs := make([]error, len(jobs))
	parallel(len(jobs), 1, func(j int) {
		res[j], errs[j] = hashFile(c.FS, jobs[j].path)
	})
	var first error
	c.digests.mu.Lock()
	for j, jb := range jobs {
		if errs[j] != nil {
			if first == nil {
				first = &WalkError{Path: jb.path, Err: unwrapPath(errs[j])}
			}
			continue
		}
		c.digests.m[jb.key] = res[j]
		out[jb.path] = res[j]
	}
	c.digests.mu.Unlock()
	return out, first
}

func hashFile(fsys fs.FS, p string) (string, error) {
	f, err := fsys.Open(p)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return "sha256:" + hex.EncodeToString(h.Sum(nil)), nil
}

// FormatSize renders a byte count for people, 1024-based like du -h:
// "512 B", "1.5 kB", "45.0 MB", "1.2 GB".
func FormatSize(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f kB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d B", n)
}
