package main

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"unicode/utf8"

	"github.com/layerlint/layerlint/ctxscan"
	"github.com/layerlint/layerlint/dockerfile"
	"github.com/layerlint/layerlint/rules"
)

// Fixes that edit files other than the Dockerfile: the context rules fix
// the build context's ignore file (rules.Edit.File). --fix applies them with
// the Dockerfile's fixes, round by round, linting each round with the build
// context as the edited ignore file makes it; the files are written once
// every Dockerfile is linted (applyOtherFiles), and --fix --diff prints them
// in the same diff (otherFilesDiff). Fixes of a Dockerfile read from
// standard input never change other files.

// otherFile is a file other than the Dockerfile that safe fixes change.
type otherFile struct {
	path    string // absolute, cleaned, parent symlinks resolved (canonicalPath)
	exists  bool   // it existed on disk when read
	created bool   // a fix creates it
	orig    []byte // the content on disk before the fixes
	src     []byte // the content after the fixes
}

// changed reports whether the fixes change or create f.
func (f *otherFile) changed() bool { return f.created || f.exists && !bytes.Equal(f.orig, f.src) }

// otherFiles is the state of the other files during one Dockerfile's fix
// rounds, by canonical path.
type otherFiles struct {
	byPath map[string]*otherFile
	order  []string
}

// get returns the file at path (any spelling), reading it from disk on
// first use; ok is false when it cannot be read.
func (o *otherFiles) get(path string) (*otherFile, bool) {
	p := canonicalPath(path)
	if f, ok := o.byPath[p]; ok {
		return f, true
	}
	f := &otherFile{path: p}
	b, err := os.ReadFile(p)
	switch {
	case err == nil:
		f.exists, f.orig, f.src = true, b, b
	case !errors.Is(err, fs.ErrNotExist):
		return nil, false
	}
	if o.byPath == nil {
		o.byPath = map[string]*otherFile{}
	}
	o.byPath[p] = f
	o.order = append(o.order, p)
	return f, true
}

// changedFiles returns the files the fixes change or create, in the order
// the fixes first named them.
func (o *otherFiles) changedFiles() []*otherFile {
	var out []*otherFile
	for _, p := range o.order {
		if f := o.byPath[p]; f.changed() {
			out = append(out, f)
		}
	}
	return out
}

// canonicalPath makes the paths that name one file equal: absolute,
// cleaned, with the symbolic links of its directory resolved (the file
// itself may not exist yet).
func canonicalPath(p string) string {
	abs, err := filepath.Abs(p)
	if err != nil {
		return filepath.Clean(p)
	}
	if dir, err := filepath.EvalSymlinks(filepath.Dir(abs)); err == nil {
		return filepath.Join(dir, filepath.Base(abs))
	}
	return abs
}

// fixRoundsFiles is fixRoundsContext applying the edits of other files too:
// it applies the first safe fix of every diagnostic whose edits apply to
// the files as they stand (a file to create must not exist, an edit must
// fit in the file), re-lints, with the build context read again when the
// ignore file in force changed, and repeats until nothing more applies (at
// most maxFixRounds times). It returns the final file, its diagnostics, the
// number of fixes applied and the other files they change.
func fixRoundsFiles(j job, f *dockerfile.File, diags []rules.Diagnostic, cfg *rules.Config, cx *ctxscan.Context) (*dockerfile.File, []rules.Diagnostic, int, []*otherFile) {
	var others otherFiles
	total := 0
	for range maxFixRounds {
		edits, n := rules.SafeFixEdits(applicable(diags, &others, j.stdin || cx == nil), len(f.Src))
		if n == 0 {
			break
		}
		out, _ := rules.ApplyEdits(f.Src, edits)
		touched := rules.OtherFiles(edits)
		if string(out) == string(f.Src) && len(touched) == 0 {
			break
		}
		nf := dockerfile.Parse(f.Name, out)
		if len(nf.Errors) > len(f.Errors) {
			// A fix that breaks the parse is a rule bug; keep the last good text.
			break
		}
		for _, p := range touched {
			of, _ := others.get(p) // read by applicable
			of.src, _ = rules.ApplyFileEdits(of.src, p, edits)
			of.created = of.created || slices.ContainsFunc(edits, func(e rules.Edit) bool { return e.File == p && e.Create })
		}
		if len(touched) > 0 {
			cx = contextAfterFixes(j, cx, &others)
		}
		f, diags, total = nf, rules.LintContext(nf, cfg, cx), total+n
	}
	return f, diags, total, others.changedFiles()
}

// applicable returns diags keeping only the fixes that can apply now: no
// fix that edits another file when noOthers, and otherwise none whose edits
// of another file do not fit it as it stands.
func applicable(diags []rules.Diagnostic, others *otherFiles, noOthers bool) []rules.Diagnostic {
	out := make([]rules.Diagnostic, 0, len(diags))
	for _, d := range diags {
		var fixes []rules.Fix
		for _, fx := range d.Fixes {
			if fits(fx, others, noOthers) {
				fixes = append(fixes, fx)
			}
		}
		d.Fixes = fixes
		out = append(out, d)
	}
	return out
}

func fits(fx rules.Fix, others *otherFiles, noOthers bool) bool {
	for _, e := range fx.Edits {
		if e.File == "" {
			continue
		}
		if noOthers {
			return false
		}
		of, ok := others.get(e.File)
		if !ok {
			return false
		}
		if e.Create == (of.exists || of.created) || e.Range.Start < 0 || e.Range.Start > e.Range.End || e.Range.End > len(of.src) {
			return false
		}
	}
	return true
}

// contextAfterFixes returns the build context cx as the fixes so far leave
// it: read again with the ignore file in force, when the fixes changed or
// created it; otherwise cx. The listing is read from disk, where a created
// ignore file is not yet (it is not among the entries).
func contextAfterFixes(j job, cx *ctxscan.Context, others *otherFiles) *ctxscan.Context {
	df := j.path
	if j.stdin {
		df = ""
	}
	candidates := []string{filepath.Join(cx.Dir, ".dockerignore")}
	if df != "" {
		candidates = append([]string{df + ".dockerignore"}, candidates...)
	}
	for i, c := range candidates {
		of, ok := others.byPath[canonicalPath(c)]
		if !ok || !of.changed() {
			if _, err := os.Stat(c); err == nil {
				return cx // an ignore file the fixes leave alone is in force
			}
			continue
		}
		ign, err := ctxscan.ParseIgnore(of.path, of.src)
		if err != nil {
			return cx
		}
		ign.PerDockerfile = df != "" && i == 0
		nc, err := ctxscan.Open(cx.Dir, ctxscan.Options{Dockerfile: df, Ignore: ign})
		if err != nil {
			return cx
		}
		if ign.PerDockerfile {
			nc.Shadowed = cx.Shadowed
		}
		return nc
	}
	return cx
}

// applyOtherFiles settles the other files that the fixes of results change,
// in the order of results, and writes them when write is set: a file that
// exists is replaced atomically, a new one is created with mode 0644 and
// never over a file that appeared meanwhile. Several Dockerfiles' fixes may
// change one file (they share a build context): the first writes it; a later
// one that would leave it the same is dropped, one that would change it
// otherwise is dropped with an error (run --fix again), and so is a file
// that changed on disk since it was read. Errors go to the result whose
// fixes could not be written.
func applyOtherFiles(results []result, write bool) {
	done := map[string][]byte{} // path → content the first result leaves it with
	for i := range results {
		r := &results[i]
		var kept []*otherFile
		for _, of := range r.others {
			if prev, ok := done[of.path]; ok {
				if !bytes.Equal(prev, of.src) {
					r.err = errors.Join(r.err, fmt.Errorf("%s: fixes of %s not applied: the fixes of another Dockerfile change it too; run check --fix again",
						r.path, relToWD(of.path)))
				}
				continue
			}
			done[of.path] = of.src
			if write {
				if err := writeOther(of); err != nil {
					r.err = errors.Join(r.err, fmt.Errorf("%s: writing fixes to %s: %w", r.path, relToWD(of.path), osReason(err)))
					continue
				}
			}
			kept = append(kept, of)
		}
		r.others = kept
	}
}

// refreshContexts describes again, after applyOtherFiles wrote the files
// in results' others, the build contexts those files changed: each whose
// ignore file in force is, or may now be, one of them (DIR/.dockerignore,
// or the Dockerfile's own <Dockerfile>.dockerignore). The report then says
// what the remaining findings were linted with, as the fixes left it: the
// ignore file, and the files the context sends through it. Each such
// context is read again once.
func refreshContexts(results []result) {
	written := map[string]bool{}
	for _, r := range results {
		for _, of := range r.others {
			written[of.path] = true
		}
	}
	if len(written) == 0 {
		return
	}
	type scan struct {
		cx  *ctxscan.Context
		err error
	}
	scans := map[string]scan{}
	for i := range results {
		r := &results[i]
		if !r.context.read() {
			continue
		}
		df := r.path
		if r.stdin {
			df = ""
		}
		own := df != "" && written[canonicalPath(df+".dockerignore")]
		if !own && !written[canonicalPath(filepath.Join(r.context.dir, ".dockerignore"))] {
			continue
		}
		// as forFile shares scans: a Dockerfile with an ignore file of its
		// own has a context of its own
		key := r.context.dir
		if df != "" {
			if _, err := os.Stat(df + ".dockerignore"); err == nil {
				key += "\x00" + df
			}
		}
		sc, ok := scans[key]
		if !ok {
			sc.cx, sc.err = ctxscan.Open(r.context.dir, ctxscan.Options{Dockerfile: df})
			scans[key] = sc
		}
		if sc.err == nil {
			r.context = describeContext(r.context.dir, r.context.why, sc.cx)
		}
	}
}

// writeOther writes one other file, checking that it is as the fixes found
// it.
func writeOther(of *otherFile) error {
	if !of.exists {
		return createFileAtomic(of.path, of.src, 0o644)
	}
	cur, err := os.ReadFile(of.path)
	if err != nil {
		return err
	}
	if !bytes.Equal(cur, of.orig) {
		return errors.New("it changed since it was read")
	}
	return writeFileAtomic(of.path, of.src)
}

// otherFilesDiff returns the unified diff of the other files r's fixes
// change, each named as r names its Dockerfile (otherFileName). A created
// file comes from /dev/null, as patch -p0 expects.
func otherFilesDiff(r result) string {
	var b bytes.Buffer
	for _, of := range r.others {
		name := otherFileName(r.path, of.path)
		if of.exists {
			b.WriteString(unifiedDiff(name, of.orig, of.src))
		} else {
			b.WriteString(unifiedDiffNames("/dev/null", name, nil, of.src))
		}
	}
	return b.String()
}

// otherFileName shows the path p of a file other than the Dockerfile that
// fixes change, as the reports show the path of the Dockerfile whose fixes
// they are: absolute when that path is absolute, otherwise relative to the
// working directory unless that climbs too far (displayPath).
func otherFileName(dockerfile, p string) string {
	abs, err := filepath.Abs(p)
	if err != nil {
		return filepath.ToSlash(p)
	}
	if filepath.IsAbs(dockerfile) {
		return abs
	}
	return displayPath(abs)
}

// The reports that carry fixes (JSON, SARIF) place each edit in the text of
// the file it changes. An edit of another file is placed in that file as it
// is on disk when the report is written: the text the fixes were computed
// from, or after --fix the text the fixes left. A file to create is empty,
// so its edit is at line 1, column 1.

// textLines locates byte offsets of a text as 1-based lines and 1-based
// columns counted in Unicode code points. The end of a text that ends with a
// newline is at the start of the empty line after it, where an editor puts
// the cursor; a byte order mark takes no column.
type textLines struct {
	src    []byte
	starts []int // the offset of each line
}

func newTextLines(src []byte) *textLines {
	t := &textLines{src: src, starts: []int{0}}
	if bytes.HasPrefix(src, []byte("\uFEFF")) {
		t.starts[0] = len("\uFEFF")
	}
	for i, c := range src {
		if c == '\n' {
			t.starts = append(t.starts, i+1)
		}
	}
	return t
}

// position returns the line and column of off, clamped to the text.
func (t *textLines) position(off int) (line, col int) {
	off = min(max(off, t.starts[0]), len(t.src))
	i := sort.Search(len(t.starts), func(i int) bool { return t.starts[i] > off }) - 1
	return i + 1, utf8.RuneCount(t.src[t.starts[i]:off]) + 1
}

// otherTexts holds the files other than the Dockerfile that the fixes in a
// report edit, by rules.Edit.File, each read once.
type otherTexts map[string]*textLines

// of returns the text that e, an edit of another file, applies to: nothing
// for a file to create, else the file on disk (nothing when it cannot be
// read).
func (o otherTexts) of(e rules.Edit) *textLines {
	if e.Create {
		return newTextLines(nil)
	}
	t, ok := o[e.File]
	if !ok {
		src, _ := os.ReadFile(e.File)
		t = newTextLines(src)
		o[e.File] = t
	}
	return t
}
