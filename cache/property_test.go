package cache

import (
	"fmt"
	"io/fs"
	"math"
	"math/rand"
	"path"
	"sort"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/layerlint/layerlint/ctxscan"
	"github.com/layerlint/layerlint/dockerfile"
)

// world is a generated Dockerfile and build context.
type world struct {
	src    string
	fsys   fstest.MapFS
	ignore []string
}

var (
	genDirs  = []string{"src", "src/lib", "web", "conf", "docs", "vendor"}
	genNames = []string{"a.txt", "b.go", "c.ts", "package.json", "go.mod", "requirements.txt", "x.yaml", "notes.md"}
	genRuns  = []string{"npm ci", "make", "echo hi > /tmp/x", "go build ./...", "pip install -r requirements.txt", "apt-get update && apt-get install -y curl", "true"}
)

// genWorld builds a random world from seed: up to 40 files, an ignore file
// with a few patterns, and up to three stages of COPY, RUN (with bind and
// cache mounts), ARG, ENV, WORKDIR, COPY --from and FROM of a stage.
func genWorld(seed int64) *world {
	r := rand.New(rand.NewSource(seed))
	w := &world{fsys: fstest.MapFS{}}
	var files []string
	for i := 0; i < 5+r.Intn(35); i++ {
		p := genNames[r.Intn(len(genNames))]
		if r.Intn(4) > 0 {
			p = genDirs[r.Intn(len(genDirs))] + "/" + p
		}
		files = append(files, p)
		w.fsys[p] = &fstest.MapFile{Data: []byte(fmt.Sprintf("%s %d", p, r.Int())), Mode: 0o644}
		// directories are explicit, so that removing their last file
		// leaves them in place, as on a disk
		for d := path.Dir(p); d != "."; d = path.Dir(d) {
			w.fsys[d] = &fstest.MapFile{Mode: fs.ModeDir | 0o755}
		}
	}
	for _, pat := range []string{"docs", "*.md", "vendor/**", "conf/x.yaml", "!docs/notes.md", "src/lib/*.ts"} {
		if r.Intn(3) == 0 {
			w.ignore = append(w.ignore, pat)
		}
	}
	var b strings.Builder
	var sources []string
	sources = append(sources, ".", "src", "src/", "web", "conf/*.yaml", "*.json", "src/lib", "go.mod", "missing.txt")
	sources = append(sources, files...)
	stages := 1 + r.Intn(3)
	for s := 0; s < stages; s++ {
		switch {
		case s > 0 && r.Intn(3) == 0:
			fmt.Fprintf(&b, "FROM s%d AS s%d\n", r.Intn(s), s)
		default:
			fmt.Fprintf(&b, "FROM alpine:3.%d AS s%d\n", r.Intn(3), s)
		}
		for i := 0; i < 2+r.Intn(8); i++ {
			switch r.Intn(9) {
			case 0, 1:
				fmt.Fprintf(&b, "COPY %s /dst%d/\n", sources[r.Intn(len(sources))], i)
			case 2, 3:
				fmt.Fprintf(&b, "RUN %s\n", genRuns[r.Intn(len(genRuns))])
			case 4:
				src := sources[r.Intn(len(sources))]
				if ctxscan.HasWildcards(src) {
					src = "." // bind mounts take a path, not a pattern
				}
				fmt.Fprintf(&b, "RUN --mount=type=bind,source=%s,target=/m --mount=type=cache,target=/c %s\n",
					strings.TrimSuffix(src, "/"), genRuns[r.Intn(len(genRuns))])
			case 5:
				fmt.Fprintf(&b, "ARG A%d=%d\n", r.Intn(3), r.Intn(3))
			case 6:
				fmt.Fprintf(&b, "ENV E%d=$A%d\n", r.Intn(3), r.Intn(3))
			case 7:
				fmt.Fprintf(&b, "WORKDIR /w%d\n", r.Intn(3))
			case 8:
				if s > 0 {
					fmt.Fprintf(&b, "COPY --from=s%d /out /in%d\n", r.Intn(s), i)
				} else {
					fmt.Fprintf(&b, "LABEL l=%d\n", i)
				}
			}
		}
	}
	w.src = b.String()
	return w
}

func (w *world) plan(t testing.TB) *Plan {
	t.Helper()
	var ign *ctxscan.IgnoreFile
	if len(w.ignore) > 0 {
		var err error
		ign, err = ctxscan.ParseIgnore(".dockerignore", []byte(strings.Join(w.ignore, "\n")))
		if err != nil {
			t.Fatal(err)
		}
	}
	cx, err := ctxscan.Scan(w.fsys, ign, ctxscan.Options{})
	if err != nil {
		t.Fatal(err)
	}
	p, err := New(dockerfile.Parse("Dockerfile", []byte(w.src)), cx, Options{})
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func (w *world) fingerprint(t testing.TB) *Fingerprint {
	t.Helper()
	fp, err := w.plan(t).Fingerprint()
	if err != nil {
		t.Fatal(err)
	}
	return fp
}

// clone copies the file system so that a mutation leaves w alone.
func (w *world) clone() *world {
	c := *w
	c.fsys = fstest.MapFS{}
	for k, v := range w.fsys {
		f := *v
		c.fsys[k] = &f
	}
	return &c
}

// paths lists the files (not the directories).
func (w *world) paths() []string {
	var out []string
	for p, f := range w.fsys {
		if !f.Mode.IsDir() {
			out = append(out, p)
		}
	}
	sort.Strings(out)
	return out
}

func nothingReruns(t *testing.T, what string, w *world, res *Result) {
	t.Helper()
	for _, s := range res.Stages {
		if s.First != nil {
			t.Fatalf("%s: stage %s misses at line %d (%s)\n%s", what, s.Stage.Name, s.First.Line, s.Cause, w.src)
		}
	}
}

// numSeeds is the number of generated worlds per property (fewer with
// -short or the race detector).
func numSeeds() int64 {
	if testing.Short() || raceEnabled {
		return 60
	}
	return 300
}

func TestPropertyUnchangedContext(t *testing.T) {
	for seed := int64(0); seed < numSeeds(); seed++ {
		w := genWorld(seed)
		p := w.plan(t)
		res, err := p.Predict(Change{})
		if err != nil {
			t.Fatal(err)
		}
		nothingReruns(t, "no change", w, res)
		// a fresh scan of the same files: same keys
		nothingReruns(t, "rescan", w, Compare(w.fingerprint(t), w.fingerprint(t)))
		// the same files with new modification times
		touched := w.clone()
		for _, f := range touched.fsys {
			f.ModTime = time.Unix(1e9, 0)
		}
		nothingReruns(t, "touch every file", w, Compare(w.fingerprint(t), touched.fingerprint(t)))
	}
}

func TestPropertyUnreadFile(t *testing.T) {
	checked := 0
	for seed := int64(0); seed < numSeeds(); seed++ {
		w := genWorld(seed)
		p := w.plan(t)
		before := w.fingerprint(t)
		for _, f := range w.paths() {
			if p.Reads(f) {
				continue
			}
			checked++
			res, err := p.Predict(Change{Files: []string{f}})
			if err != nil {
				t.Fatal(err)
			}
			nothingReruns(t, "predict "+f, w, res)
			edited := w.clone()
			edited.fsys[f].Data = append(edited.fsys[f].Data, " edited"...)
			nothingReruns(t, "edit "+f, w, Compare(before, edited.fingerprint(t)))
		}
	}
	if checked == 0 {
		t.Fatal("no world has a file that no step reads")
	}
}

func TestPropertyIgnoredFile(t *testing.T) {
	checked := 0
	for seed := int64(0); seed < numSeeds(); seed++ {
		w := genWorld(seed)
		p := w.plan(t)
		before := w.fingerprint(t)
		for _, f := range w.paths() {
			if p.Context.Has(f) {
				continue // sent
			}
			checked++
			res, err := p.Predict(Change{Files: []string{f}})
			if err != nil {
				t.Fatal(err)
			}
			nothingReruns(t, "predict ignored "+f, w, res)
			edited := w.clone()
			edited.fsys[f].Data = append(edited.fsys[f].Data, " edited"...)
			edited.fsys[f].Mode = 0o755
			nothingReruns(t, "edit ignored "+f, w, Compare(before, edited.fingerprint(t)))
			removed := w.clone()
			delete(removed.fsys, f)
			nothingReruns(t, "remove ignored "+f, w, Compare(before, removed.fingerprint(t)))
		}
	}
	if checked == 0 {
		t.Fatal("no world has an ignored file")
	}
}

// checkMonotone checks that a result is closed down the chain: a stage
// reruns every step from its first miss, and a stage that builds on or
// reads a stage that reruns reruns too, from that step at the latest.
func checkMonotone(t *testing.T, w *world, res *Result) {
	t.Helper()
	rerun := map[*Stage]bool{}
	for _, s := range res.Stages {
		if s.First == nil {
			if len(s.Rebuilds) != 0 {
				t.Fatalf("stage %s cached but rebuilds %d steps\n%s", s.Stage.Name, len(s.Rebuilds), w.src)
			}
		} else {
			rerun[s.Stage] = true
			want := s.Stage.Steps[s.First.Index:]
			if len(s.Rebuilds) != len(want) {
				t.Fatalf("stage %s: %d rebuilds, want the %d steps from the first miss\n%s", s.Stage.Name, len(s.Rebuilds), len(want), w.src)
			}
			for i := range want {
				if s.Rebuilds[i] != want[i] {
					t.Fatalf("stage %s: rebuild %d is not step %d\n%s", s.Stage.Name, i, s.First.Index+i, w.src)
				}
			}
		}
	}
	for _, s := range res.Stages {
		limit := -1 // the latest step at which s must miss
		if s.Stage.Base != nil && rerun[s.Stage.Base] {
			limit = 0
		}
		for _, st := range s.Stage.Steps {
			for _, r := range st.Reads {
				if rerun[r] && limit < 0 {
					limit = st.Index
				}
			}
		}
		if limit >= 0 && (s.First == nil || s.First.Index > limit) {
			t.Fatalf("stage %s reads a stage that reruns but does not miss by step %d\n%s", s.Stage.Name, limit, w.src)
		}
	}
}

func renderAll(res *Result) string { return strings.Join(render(res), "\n") }

func TestPropertyMonotone(t *testing.T) {
	for seed := int64(0); seed < numSeeds(); seed++ {
		w := genWorld(seed)
		p := w.plan(t)
		r := rand.New(rand.NewSource(seed))
		paths := append(w.paths(), "src/new.ts", "conf/new.yaml", "go.mod", "missing.txt")
		var single []*Result
		var all []string
		for i := 0; i < 4; i++ {
			f := paths[r.Intn(len(paths))]
			all = append(all, f)
			res, err := p.Predict(Change{Files: []string{f}})
			if err != nil {
				t.Fatal(err)
			}
			checkMonotone(t, w, res)
			single = append(single, res)
		}
		// more changes never rerun less: the prediction for all of them is
		// the union of the predictions for each
		both, err := p.Predict(Change{Files: all})
		if err != nil {
			t.Fatal(err)
		}
		checkMonotone(t, w, both)
		union := single[0]
		for _, s := range single[1:] {
			union = union.Union(s)
		}
		if renderAll(both) != renderAll(union) {
			t.Fatalf("changes %q:\ntogether\n%s\nunion of each\n%s\n%s", all, renderAll(both), renderAll(union), w.src)
		}
		// args: a changed ARG reruns from some step on, closed as well
		for _, a := range []string{"A0", "A1", "A2"} {
			res, err := p.Predict(Change{Args: []ArgChange{{Name: a, Unknown: true}}})
			if err != nil {
				t.Fatal(err)
			}
			checkMonotone(t, w, res)
		}
	}
}

// TestPropertyPredictMatchesKeys checks Predict, which reasons about what
// steps read, against the keys computed from real content: editing,
// removing or adding one file must give the same answer both ways.
func TestPropertyPredictMatchesKeys(t *testing.T) {
	misses := 0
	defer func() {
		if misses == 0 {
			t.Error("no edit made anything rerun: the worlds are too tame")
		}
	}()
	for seed := int64(0); seed < numSeeds(); seed++ {
		w := genWorld(seed)
		p := w.plan(t)
		before := w.fingerprint(t)
		for _, f := range w.paths() {
			if !p.Context.Has(f) {
				continue
			}
			predicted, err := p.Predict(Change{Files: []string{f}})
			if err != nil {
				t.Fatal(err)
			}
			edited := w.clone()
			edited.fsys[f].Data = append(edited.fsys[f].Data, " edited"...)
			if predicted.First() != nil {
				misses++
			}
			if got, want := renderAll(Compare(before, edited.fingerprint(t))), renderAll(predicted); got != want {
				t.Fatalf("edit %s:\nkeys say\n%s\nPredict says\n%s\n%s", f, got, want, w.src)
			}
			removed := w.clone()
			delete(removed.fsys, f)
			if got, want := renderAll(Compare(before, removed.fingerprint(t))), renderAll(predicted); got != want {
				t.Fatalf("remove %s:\nkeys say\n%s\nPredict says\n%s\n%s", f, got, want, w.src)
			}
		}
		for _, f := range []string{"src/new.ts", "conf/new.yaml", "web/new.json", "new.json"} {
			if _, ok := w.fsys[f]; ok {
				continue
			}
			added := w.clone()
			added.fsys[f] = &fstest.MapFile{Data: []byte("new"), Mode: 0o644}
			if !added.plan(t).Context.Has(f) {
				continue // the ignore file drops it
			}
			predicted, err := p.Predict(Change{Files: []string{f}})
			if err != nil {
				t.Fatal(err)
			}
			if got, want := renderAll(Compare(before, added.fingerprint(t))), renderAll(predicted); got != want {
				t.Fatalf("add %s:\nkeys say\n%s\nPredict says\n%s\n%s", f, got, want, w.src)
			}
		}
	}
}

// TestPropertyScore checks the grouped score against one Predict per file.
func TestPropertyScore(t *testing.T) {
	for seed := int64(0); seed < numSeeds(); seed++ {
		w := genWorld(seed)
		p := w.plan(t)
		sc := p.Score()
		var sum, n float64
		for _, e := range p.Context.Entries {
			if e.IsDir() {
				continue
			}
			n++
			res, err := p.Predict(Change{Files: []string{e.Path}})
			if err != nil {
				t.Fatal(err)
			}
			_, by := res.Counts()
			sum += float64(by[Expensive])
		}
		want := 0.0
		if n > 0 {
			want = sum / n
		}
		if math.Abs(sc.Expensive-want) > 1e-9 {
			t.Fatalf("score %v, want %v from one prediction per file\n%s", sc.Expensive, want, w.src)
		}
		// the simulated fixes never make it worse
		q, _ := p.Fixed()
		if after := q.Score(); after.Expensive > sc.Expensive+1e-9 {
			t.Fatalf("score %v after fixes, %v before\n%s", after.Expensive, sc.Expensive, w.src)
		}
	}
}
