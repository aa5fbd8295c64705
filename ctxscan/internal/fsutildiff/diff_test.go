package fsutildiff

import (
	"context"
	"flag"
	"io/fs"
	"math/rand"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/layerlint/layerlint/ctxscan"
	"github.com/moby/patternmatcher"
	"github.com/moby/patternmatcher/ignorefile"
	"github.com/tonistiigi/fsutil"
	fscopy "github.com/tonistiigi/fsutil/copy"
)

var seeds = flag.Int("seeds", 3000, "random trees compared with fsutil")

// typeOf renders an entry type the way BuildKit sends it: sockets, FIFOs and
// devices lose their type bits only for sockets (fsutil clears ModeSocket).
func typeOf(m fs.FileMode) string {
	switch {
	case m&fs.ModeDir != 0:
		return "/"
	case m&fs.ModeSymlink != 0:
		return "@"
	case m&fs.ModeNamedPipe != 0:
		return "|"
	}
	return ""
}

// reference walks root with fsutil exactly as BuildKit's context transfer
// does: patterns read by ignorefile.ReadAll, then fsutil.Walk with them as
// ExcludePatterns.
func reference(root string, ignore []byte) (list []string, rejected bool, err error) {
	patterns, err := ignorefile.ReadAll(strings.NewReader(string(ignore)))
	if err != nil {
		return nil, true, err
	}
	if _, err := patternmatcher.New(patterns); err != nil {
		return nil, true, err
	}
	err = fsutil.Walk(context.Background(), root, &fsutil.FilterOpt{ExcludePatterns: patterns}, func(p string, fi os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		list = append(list, filepath.ToSlash(p)+typeOf(fi.Mode()))
		return nil
	})
	return list, false, err
}

// ours walks root with ctxscan.
func ours(root string, ignore []byte, opt ctxscan.Options) (list []string, rejected bool, err error) {
	ign, err := ctxscan.ParseIgnore(".dockerignore", ignore)
	if err != nil {
		return nil, true, err
	}
	cx, err := ctxscan.Scan(os.DirFS(root).(ctxscan.FS), ign, opt)
	if err != nil {
		return nil, false, err
	}
	for _, e := range cx.Entries {
		list = append(list, e.Path+typeOf(e.Type))
	}
	return list, false, nil
}

// compareWalk reports how ctxscan differs from fsutil on one tree and one
// ignore file ("" when it does not).
func compareWalk(root string, ignore []byte) string {
	want, wrej, werr := reference(root, ignore)
	for _, opt := range []ctxscan.Options{{}, {NoLiteralPrune: true}} {
		got, grej, gerr := ours(root, ignore, opt)
		switch {
		case wrej != grej:
			return "rejection differs: fsutil " + errString(werr) + ", ctxscan " + errString(gerr)
		case wrej:
			continue
		case (werr == nil) != (gerr == nil):
			return "walk error differs: fsutil " + errString(werr) + ", ctxscan " + errString(gerr)
		case werr != nil:
			continue
		case strings.Join(want, " ") != strings.Join(got, " "):
			return "entries differ (NoLiteralPrune=" + boolString(opt.NoLiteralPrune) + ")\nfsutil:  " + strings.Join(want, " ") + "\nctxscan: " + strings.Join(got, " ")
		}
	}
	return ""
}

func errString(err error) string {
	if err == nil {
		return "<nil>"
	}
	return err.Error()
}

func boolString(b bool) string {
	if b {
		return "true"
	}
	return "false"
}

// TestWalkDifferential compares ctxscan's walk with fsutil.Walk on seeded
// random trees and random ignore files: same entries, same order, same
// types, same rejection and same failure.
func TestWalkDifferential(t *testing.T) {
	n := *seeds
	if testing.Short() {
		n = 300
	}
	mismatches, rejected, failed, entries := 0, 0, 0, 0
	for seed := int64(1); seed <= int64(n); seed++ {
		r := rand.New(rand.NewSource(seed))
		root := t.TempDir()
		if err := genTree(r, root); err != nil {
			t.Fatal(err)
		}
		for k := 0; k < 3; k++ {
			ignore := []byte(genIgnore(r))
			if d := compareWalk(root, ignore); d != "" {
				mismatches++
				if mismatches <= 5 {
					t.Errorf("seed %d, ignore file %q: %s", seed, ignore, d)
				}
			}
			list, rej, err := reference(root, ignore)
			switch {
			case rej:
				rejected++
			case err != nil:
				failed++
			default:
				entries += len(list)
			}
		}
	}
	t.Logf("%d trees × 3 ignore files: %d mismatches; %d ignore files rejected, %d walks failed, %d entries compared", n, mismatches, rejected, failed, entries)
	if mismatches > 0 {
		t.Errorf("%d mismatches", mismatches)
	}
}

// referenceCopy runs fsutil's copy as BuildKit's FileOp does for a COPY from
// the context (wildcards resolved first, an empty wildcard allowed, the
// source's symlinks followed, directory contents copied) and lists the
// destination; failed is set when the copy errors (the build fails), conflict
// when it fails because two matches clash in the destination (a file and a
// directory of the same name), which ctxscan does not model.
func referenceCopy(root, src string, opt ctxscan.CopyOptions) (list []string, failed, conflict bool) {
	var include []string
	if opt.Parents {
		parent, pattern, ok := strings.Cut(src, "/./")
		if !ok {
			parent, pattern = "/", src
		}
		src = parent
		include = []string{strings.TrimPrefix(path.Join("/", pattern), "/")}
		// RequiredPaths is enforced by BuildKit's cache-key code, not by
		// the copy: the caller compares only what is copied
	}
	src = path.Join("/", src)
	dst, err := os.MkdirTemp("", "copydst")
	if err != nil {
		panic(err)
	}
	defer os.RemoveAll(dst)
	matches, err := fscopy.ResolveWildcards(root, src, true)
	if err != nil {
		return nil, true, false
	}
	for _, m := range matches {
		err := fscopy.Copy(context.Background(), root, m, dst, "/", func(ci *fscopy.CopyInfo) {
			ci.CopyDirContents = true
			ci.FollowLinks = true
			ci.ExcludePatterns = opt.Exclude
			ci.IncludePatterns = include
		})
		if err != nil {
			msg := err.Error()
			return nil, true, strings.Contains(msg, "cannot copy to non-directory") || strings.Contains(msg, "cannot replace to directory")
		}
	}
	filepath.WalkDir(dst, func(p string, d fs.DirEntry, err error) error {
		if err != nil || p == dst {
			return nil
		}
		rel, _ := filepath.Rel(dst, p)
		list = append(list, filepath.ToSlash(rel)+typeOf(d.Type()))
		return nil
	})
	sort.Strings(list)
	return list, false, false
}

// oursCopy maps ctxscan's resolution to destination paths.
func oursCopy(cx *ctxscan.Context, src string, opt ctxscan.CopyOptions) (list []string, failed bool, err error) {
	r, err := cx.Resolve(src, opt)
	if err != nil {
		return nil, true, err
	}
	if r.NotFound {
		return nil, true, nil
	}
	seen := map[string]string{}
	var order []string
	for _, m := range r.Matches {
		for _, e := range m.Entries {
			var d string
			if m.Dir {
				d = strings.TrimPrefix(e.Path, m.Real+"/")
				if m.Real == "" {
					d = e.Path
				}
			} else {
				d = path.Base(m.Path)
			}
			if opt.Parents {
				d = e.Path
				if m.Real != "" {
					d = strings.TrimPrefix(e.Path, m.Real+"/")
				}
			}
			if _, ok := seen[d]; !ok {
				order = append(order, d)
			}
			seen[d] = typeOf(e.Type) // a later match replaces an earlier file
		}
	}
	for _, d := range order {
		list = append(list, d+seen[d])
	}
	// parent directories the copy creates for nested entries
	for _, p := range append([]string(nil), list...) {
		for dir := path.Dir(strings.TrimRight(p, "/@|")); dir != "."; dir = path.Dir(dir) {
			if _, ok := seen[dir]; !ok {
				seen[dir] = "/"
				list = append(list, dir+"/")
			}
		}
	}
	sort.Strings(list)
	return list, false, nil
}

// TestCopyDifferential compares ctxscan's COPY source resolution with
// fsutil's copy on random trees, sources and --exclude/--parents patterns.
func TestCopyDifferential(t *testing.T) {
	n := *seeds / 3
	if testing.Short() {
		n = 100
	}
	mismatches, compared, failed, conflicts, required := 0, 0, 0, 0, 0
	for seed := int64(1); seed <= int64(n); seed++ {
		r := rand.New(rand.NewSource(seed))
		root := t.TempDir()
		if err := genTree(r, root); err != nil {
			t.Fatal(err)
		}
		cx, err := ctxscan.Scan(os.DirFS(root).(ctxscan.FS), nil, ctxscan.Options{})
		if err != nil {
			t.Fatal(err)
		}
		for k := 0; k < 4; k++ {
			src := genSource(r)
			opt := ctxscan.CopyOptions{Exclude: genExcludes(r)}
			if r.Intn(4) == 0 {
				opt.Parents = true
				if r.Intn(2) == 0 {
					src = "src/./" + src
				}
			}
			if _, err := patternmatcher.New(opt.Exclude); err != nil {
				continue // BuildKit rejects the Dockerfile
			}
			if ctxscan.CheckPatterns(opt.Exclude) != nil {
				continue // fails when evaluated: compared by the walk test
			}
			want, wfail, conflict := referenceCopy(root, src, opt)
			if conflict {
				conflicts++
				continue
			}
			got, gfail, gerr := oursCopy(cx, src, opt)
			if gfail && gerr == nil && opt.Parents && !wfail {
				// ctxscan applies BuildKit's RequiredPaths check (done by
				// the cache-key code, which this harness does not run)
				required++
				continue
			}
			compared++
			if wfail {
				failed++
			}
			if wfail != gfail || strings.Join(want, " ") != strings.Join(got, " ") {
				mismatches++
				if mismatches <= 5 {
					t.Errorf("seed %d: COPY %v %q: fsutil failed=%v %q\nctxscan failed=%v (%v) %q", seed, opt, src, wfail, want, gfail, gerr, got)
				}
			}
		}
	}
	t.Logf("%d COPY sources compared on %d trees: %d mismatches (%d failing builds; skipped: %d destination clashes, %d --parents required-path failures)", compared, n, mismatches, failed, conflicts, required)
	if mismatches > 0 {
		t.Errorf("%d mismatches", mismatches)
	}
}

// FuzzScan: for any ignore file and any seeded tree, ctxscan sends what
// fsutil sends.
func FuzzScan(f *testing.F) {
	f.Add(int64(1), "node_modules\n!node_modules/keep.txt\n")
	f.Add(int64(2), "**/*.log\n!logs\n")
	f.Add(int64(3), "*\n!**/*.go\n")
	f.Add(int64(4), "d\n!d/*\nd\n")
	f.Add(int64(5), "\\d\n[^a]\n!a**\n")
	f.Add(int64(6), "!\n")
	f.Fuzz(func(t *testing.T, seed int64, ignore string) {
		if len(ignore) > 4096 {
			return
		}
		root := t.TempDir()
		if err := genTree(rand.New(rand.NewSource(seed)), root); err != nil {
			t.Fatal(err)
		}
		if d := compareWalk(root, []byte(ignore)); d != "" {
			t.Fatalf("seed %d, ignore %q: %s", seed, ignore, d)
		}
	})
}

// TestSpecialFiles: sockets are sent as regular files, FIFOs as FIFOs,
// symlink loops as symlinks; a context that is a symlink is resolved.
func TestSpecialFiles(t *testing.T) {
	root := t.TempDir()
	must(t, os.WriteFile(filepath.Join(root, "f"), nil, 0o644))
	must(t, os.Symlink("loop2", filepath.Join(root, "loop1")))
	must(t, os.Symlink("loop1", filepath.Join(root, "loop2")))
	must(t, mkfifo(filepath.Join(root, "fifo")))
	if sock, err := listenUnix(filepath.Join(root, "app.sock")); err == nil {
		defer sock.Close()
	} else {
		t.Logf("no socket: %v", err)
	}
	for _, ignore := range []string{"", "loop1\n", "*\n!app.sock\n"} {
		if d := compareWalk(root, []byte(ignore)); d != "" {
			t.Errorf("%q: %s", ignore, d)
		}
	}
	cx, err := ctxscan.Scan(os.DirFS(root).(ctxscan.FS), nil, ctxscan.Options{})
	must(t, err)
	if r, _ := cx.Resolve("loop1", ctxscan.CopyOptions{}); !r.NotFound {
		t.Errorf("COPY of a symlink loop must fail")
	}
	if e, ok := cx.Lookup("app.sock"); ok && e.Type&fs.ModeSocket == 0 {
		t.Errorf("ctxscan keeps the socket type for rules: %v", e.Type)
	}
	link := filepath.Join(t.TempDir(), "ctx")
	must(t, os.Symlink(root, link))
	c2, err := ctxscan.Open(link, ctxscan.Options{})
	must(t, err)
	if len(c2.Entries) != len(cx.Entries) {
		t.Errorf("a symlinked context dir: %d entries, want %d", len(c2.Entries), len(cx.Entries))
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func ctxscanOptions() ctxscan.Options { return ctxscan.Options{} }
