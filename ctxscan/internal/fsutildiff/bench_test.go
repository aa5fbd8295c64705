package fsutildiff

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/layerlint/layerlint/ctxscan"
	"github.com/tonistiigi/fsutil"
)

// The benchmark context: 200,000 files in 6,056 directories, shaped like a
// JavaScript monorepo: node_modules/ (2,500 packages × 60 files), src/ (800
// directories × 50 files) and .git/objects (256 × 40), with node_modules and
// .git excluded by the ignore file (40,844 entries are sent).
const benchIgnore = "node_modules\n.git\n"

var (
	benchOnce sync.Once
	benchRoot string
	benchErr  error
)

func benchTree(tb testing.TB) string {
	benchOnce.Do(func() {
		benchRoot, benchErr = os.MkdirTemp("", "ctxscan-bench")
		if benchErr != nil {
			return
		}
		write := func(dir string, n int, ext string) {
			if benchErr != nil {
				return
			}
			if benchErr = os.MkdirAll(dir, 0o755); benchErr != nil {
				return
			}
			for i := 0; i < n; i++ {
				if benchErr = os.WriteFile(filepath.Join(dir, fmt.Sprintf("f%02d%s", i, ext)), []byte("x"), 0o644); benchErr != nil {
					return
				}
			}
		}
		for p := 0; p < 2500; p++ {
			pkg := filepath.Join(benchRoot, "node_modules", fmt.Sprintf("pkg%04d", p))
			write(pkg, 40, ".js")
			write(filepath.Join(pkg, "lib"), 20, ".js")
		}
		for d := 0; d < 800; d++ {
			write(filepath.Join(benchRoot, "src", fmt.Sprintf("mod%02d", d/20), fmt.Sprintf("pkg%02d", d%20)), 50, ".go")
		}
		for o := 0; o < 256; o++ {
			write(filepath.Join(benchRoot, ".git", "objects", fmt.Sprintf("%02x", o)), 40, "")
		}
		if benchErr == nil {
			benchErr = os.WriteFile(filepath.Join(benchRoot, ".dockerignore"), []byte(benchIgnore), 0o644)
		}
	})
	if benchErr != nil {
		tb.Fatal(benchErr)
	}
	return benchRoot
}

func TestMain(m *testing.M) {
	code := m.Run()
	if benchRoot != "" {
		os.RemoveAll(benchRoot)
	}
	os.Exit(code)
}

func walkFsutil(root string) ([]string, error) {
	var out []string
	err := fsutil.Walk(context.Background(), root, &fsutil.FilterOpt{ExcludePatterns: []string{"node_modules", ".git"}},
		func(p string, fi os.FileInfo, err error) error {
			if err != nil {
				return err
			}
			out = append(out, filepath.ToSlash(p)+typeOf(fi.Mode()))
			return nil
		})
	return out, err
}

func walkCtxscan(root string, sizes bool) ([]string, error) {
	cx, err := ctxscan.Open(root, ctxscan.Options{})
	if err != nil {
		return nil, err
	}
	if sizes {
		cx.Total()
	}
	out := make([]string, len(cx.Entries))
	for i, e := range cx.Entries {
		out[i] = e.Path + typeOf(e.Type)
	}
	return out, nil
}

// BenchmarkContextWalk measures BuildKit's walk (fsutil.Walk with the same
// excludes) and ctxscan's side by side on the same tree, after checking that
// they list the same entries in the same order.
func BenchmarkContextWalk(b *testing.B) {
	root := benchTree(b)
	want, err := walkFsutil(root)
	if err != nil {
		b.Fatal(err)
	}
	got, err := walkCtxscan(root, false)
	if err != nil {
		b.Fatal(err)
	}
	if strings.Join(want, "\n") != strings.Join(got, "\n") {
		b.Fatalf("ctxscan lists %d entries, fsutil %d: the sets differ", len(got), len(want))
	}
	b.Logf("%d entries sent", len(want))
	b.Run("fsutil", func(b *testing.B) {
		for b.Loop() {
			if _, err := walkFsutil(root); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("ctxscan", func(b *testing.B) {
		for b.Loop() {
			if _, err := walkCtxscan(root, false); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("ctxscan+sizes", func(b *testing.B) {
		for b.Loop() {
			if _, err := walkCtxscan(root, true); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// TestWalkSpeed asserts the speed-up on the benchmark tree: the median of 5
// ctxscan walks must be at least 5x faster than the median of 5 fsutil
// walks. It builds a 200,000-file tree, so it runs only with CTXSCAN_SPEED=1
// (.ci/ctxscan-diff.sh sets it).
func TestWalkSpeed(t *testing.T) {
	if os.Getenv("CTXSCAN_SPEED") == "" {
		t.Skip("set CTXSCAN_SPEED=1 to build the 200,000-file tree and compare speeds")
	}
	root := benchTree(t)
	median := func(f func() error) time.Duration {
		var ds []time.Duration
		for i := 0; i < 5; i++ {
			start := time.Now()
			if err := f(); err != nil {
				t.Fatal(err)
			}
			ds = append(ds, time.Since(start))
		}
		sort.Slice(ds, func(i, j int) bool { return ds[i] < ds[j] })
		return ds[2]
	}
	want, _ := walkFsutil(root)
	got, _ := walkCtxscan(root, false)
	if strings.Join(want, "\n") != strings.Join(got, "\n") {
		t.Fatalf("ctxscan lists %d entries, fsutil %d: the sets differ", len(got), len(want))
	}
	fs := median(func() error { _, err := walkFsutil(root); return err })
	cs := median(func() error { _, err := walkCtxscan(root, false); return err })
	ss := median(func() error { _, err := walkCtxscan(root, true); return err })
	t.Logf("%d entries: fsutil.Walk %v, ctxscan %v (%.1fx), ctxscan with sizes %v (%.1fx)",
		len(want), fs, cs, float64(fs)/float64(cs), ss, float64(fs)/float64(ss))
	if cs*5 > fs {
		t.Errorf("ctxscan %v is less than 5x faster than fsutil %v", cs, fs)
	}
}
