package dockerfile

import (
	"bytes"
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"testing"

	"github.com/moby/buildkit/frontend/dockerfile/instructions"
)

// fullSummary renders the whole model in comparable form: every
// instruction (ranges, words, typed command, RUN commands, stage, heredocs,
// comments, ONBUILD), the stages, errors, warnings, comments and directives.
func fullSummary(f *File) []string {
	out := modelSummary(f)
	for i, in := range f.Instructions {
		s := fmt.Sprintf("%d lines %d-%d comments %q heredocs %+v", i, in.StartLine, in.EndLine, in.Comments, in.Heredocs)
		if in.Stage != nil {
			s += fmt.Sprintf(" stage %d", in.Stage.Index)
		}
		if in.Onbuild != nil {
			s += fmt.Sprintf(" onbuild %s %v %+v %T", in.Onbuild.Keyword, in.Onbuild.Range, in.Onbuild.Args, in.Onbuild.Command)
			if in.Onbuild.Stage != nil {
				s += fmt.Sprintf(" obstage %d", in.Onbuild.Stage.Index)
			}
		}
		if c, ok := in.Command.(*instructions.RunCommand); ok {
			for _, m := range safeMounts(c) {
				s += fmt.Sprintf(" mount %s %s %s %s %v %s %s %v", m.Type, m.From, m.Source, m.Target, m.ReadOnly, m.CacheID, m.CacheSharing, m.Required)
				if m.Env != nil {
					s += " env=" + *m.Env
				}
				for _, p := range []*uint64{m.Mode, m.UID, m.GID} {
					if p != nil {
						s += fmt.Sprintf(" %d", *p)
					}
				}
			}
		}
		if in.Node != nil {
			s += fmt.Sprintf(" node %d-%d %q", in.Node.StartLine, in.Node.EndLine, in.Node.Original)
		}
		out = append(out, s)
	}
	for _, st := range f.Stages {
		s := fmt.Sprintf("stage %d %q %q %q %v %v %v %v %d", st.Index, st.Name, st.BaseRaw, st.Base, st.Platform, st.IsFinal, st.InImage, st.Needed, len(st.Instructions))
		if st.Parent != nil {
			s += fmt.Sprintf(" parent %d", st.Parent.Index)
		}
		for _, c := range st.CopiesFrom {
			s += fmt.Sprintf(" from %d", c.Index)
		}
		out = append(out, s)
	}
	for i := range out {
		out[i] = didYouMean.ReplaceAllString(out[i], "(did you mean …?)")
	}
	out = append(out, didYouMean.ReplaceAllString(fmt.Sprintf("errors %+v warnings %+v comments %+v directives %+v globals %d escape %q", f.Errors, f.Warnings, f.Comments, f.Directives, len(f.GlobalArgs), f.Escape), "(did you mean …?)"))
	return out
}

// didYouMean matches BuildKit's suggestion for an unknown instruction, which
// it picks from a map: equally close names come in random order.
var didYouMean = regexp.MustCompile(`\(did you mean [A-Za-z]+\?\)`)

// checkReparse compares Reparse(Parse(a), b) with Parse(b).
func checkReparse(t *testing.T, a, b []byte) {
	t.Helper()
	prev := Parse("Dockerfile", a)
	before := fullSummary(prev)
	got := Reparse(prev, "Dockerfile", b)
	want := Parse("Dockerfile", b)
	g, w := fullSummary(got), fullSummary(want)
	if !reflect.DeepEqual(g, w) {
		for i := range w {
			if i >= len(g) || g[i] != w[i] {
				gi := "(missing)"
				if i < len(g) {
					gi = g[i]
				}
				t.Fatalf("Reparse differs from Parse at item %d\nold: %q\nnew: %q\nreparse: %s\nparse:   %s", i, a, b, gi, w[i])
			}
		}
		t.Fatalf("Reparse has %d items, Parse %d\nold: %q\nnew: %q", len(g), len(w), a, b)
	}
	// the rest after the kept instructions may itself be parsed in halves
	splitTest = true
	halves := fullSummary(Reparse(prev, "Dockerfile", b))
	splitTest = false
	if !reflect.DeepEqual(halves, w) {
		t.Fatalf("Reparse with the rest parsed in halves differs from Parse\nold: %q\nnew: %q", a, b)
	}
	if !reflect.DeepEqual(before, fullSummary(prev)) {
		t.Fatalf("Reparse modified the previous version\nold: %q\nnew: %q", a, b)
	}
}

func TestReparseKeepsPrefix(t *testing.T) {
	a := SyntheticDockerfile(600)
	a = append(a, "# edit"...)
	b := append(bytes.Clone(a), 'x')
	prev := Parse("Dockerfile", a)
	f := Reparse(prev, "Dockerfile", b)
	kept := 0
	for i := range f.Instructions {
		if f.isKept(i) {
			kept++
		}
	}
	if kept != len(f.Instructions) || kept == 0 {
		t.Fatalf("an edit in the trailing comment kept %d of %d instructions", kept, len(f.Instructions))
	}
	checkReparse(t, a, b)
	// an edit in the middle keeps the instructions before it only
	mid := bytes.Index(a, []byte("FROM python"))
	c := append(append(bytes.Clone(a[:mid]), "RUN true\n"...), a[mid:]...)
	g := Reparse(prev, "Dockerfile", c)
	kept = 0
	for i := range g.Instructions {
		if g.isKept(i) {
			kept++
		}
	}
	if kept == 0 || kept >= len(g.Instructions)/2 {
		t.Fatalf("an edit at byte %d kept %d of %d instructions", mid, kept, len(g.Instructions))
	}
	checkReparse(t, a, c)
}

func TestReparseCases(t *testing.T) {
	cases := [][2]string{
		{"FROM a\nRUN x\n", "FROM a\nRUN x\n# c\n"},
		{"FROM a\nRUN x\n", "FROM a\nRUN x \\\n  y\n"},
		{"FROM a\nRUN x\nRUN y\n", "FROM a\nRUN x\n# syntax=foo\nRUN y\n"},
		{"# escape=`\nFROM a\nRUN x\n", "# escape=`\nFROM a\nRUN x `\n  y\n# check=skip=all\n"},
		{"FROM a\nRUN <<EOF\nx\nEOF\nRUN y\n", "FROM a\nRUN <<EOF\nx\nEOF\nRUN <<E2\ny\nE2\n"},
		{"FROM a\nRUN x\n", "FROM a\nRUN x\nRUN <<EOF\nunterminated\n"},
		{"FROM a\nRUN x\n", "FROM a\nRUN x\nFROM b AS\n"},
		{"FROM a\nRUN x\n", "FROM a\nRUN x\nNOPE y\n"},
		{"FROM a\nRUN x\n", "FROM a\nRUN x\n\n\n"},
		{"FROM a\nRUN x\n", "FROM a\nRUN x"},
		{"FROM a AS b\nONBUILD RUN x\nFROM b\n", "FROM a AS b\nONBUILD RUN x\nFROM b\nRUN --mount=type=cache,target=/c y\n"},
		{"\ufeffFROM a\nRUN x\n", "\ufeffFROM a\nRUN x\nRUN y\n"},
		{"ARG V=1\nFROM a:$V\nRUN x\n", "ARG V=1\nFROM a:$V\nRUN x\nARG V\nRUN echo $V\n"},
		{"FROM a\nRUN x\n# a\n\n# b\nRUN y\n", "FROM a\nRUN x\n# a\n\n# bb\nRUN y\n"},
		{"FROM a\r\nRUN x\r\n", "FROM a\r\nRUN x\r\nRUN y\r\n"},
	}
	for _, c := range cases {
		checkReparse(t, []byte(c[0]), []byte(c[1]))
		checkReparse(t, []byte(c[1]), []byte(c[0]))
	}
}

// TestReparseRandomEdits applies random edits to corpus files (when the
// corpus is there) and the synthetic file.
func TestReparseRandomEdits(t *testing.T) {
	srcs := [][]byte{SyntheticDockerfile(150)}
	files, _ := filepath.Glob(filepath.Join(corpusDir, "*"))
	rng := rand.New(rand.NewSource(1))
	rng.Shuffle(len(files), func(i, j int) { files[i], files[j] = files[j], files[i] })
	n := 300
	if raceEnabled {
		n = 40
	}
	for _, p := range files[:min(len(files), n)] {
		if b, err := os.ReadFile(p); err == nil {
			srcs = append(srcs, b)
		}
	}
	pieces := []string{"\n", "\\\n", "RUN x\n", "# c\n", "<<EOF\n", "EOF\n", "FROM z AS q\n", "$", "\"", " ", "--mount=type=cache,target=/x ", "ARG A=1\n", "`"}
	for _, a := range srcs {
		for k := 0; k < 10; k++ {
			b := bytes.Clone(a)
			at := rng.Intn(len(b) + 1)
			switch rng.Intn(3) {
			case 0: // insert
				p := pieces[rng.Intn(len(pieces))]
				b = append(b[:at], append([]byte(p), b[at:]...)...)
			case 1: // delete
				n := min(rng.Intn(20), len(b)-at)
				b = append(b[:at], b[at+n:]...)
			case 2: // append at the end, like typing
				b = append(b, pieces[rng.Intn(len(pieces))]...)
			}
			checkReparse(t, a, b)
		}
	}
}

func FuzzReparse(f *testing.F) {
	f.Add([]byte("FROM a\nRUN x\n"), []byte("FROM a\nRUN x\nRUN y\n"))
	f.Add([]byte("# escape=`\nFROM a\nRUN x `\n y\n"), []byte("# escape=`\nFROM a\nRUN x `\n y\n# z"))
	f.Add([]byte("FROM a\nRUN <<EOF\nx\nEOF\n"), []byte("FROM a\nRUN <<EOF\nx\nEOF\nCOPY <<E /x\nE\n"))
	f.Fuzz(func(t *testing.T, a, b []byte) {
		if len(a) > 4096 || len(b) > 4096 {
			return
		}
		checkReparse(t, a, b)
	})
}
