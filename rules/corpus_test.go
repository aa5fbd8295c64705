package rules

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/layerlint/layerlint/dockerfile"
	"github.com/moby/buildkit/frontend/dockerfile/parser"
)

const corpusDir = "../../shared/corpus/files"

func loadCorpus(t testing.TB) (names []string, srcs [][]byte) {
	files, _ := filepath.Glob(filepath.Join(corpusDir, "*"))
	if len(files) == 0 {
		t.Skip("no corpus at " + corpusDir)
	}
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		names = append(names, filepath.Base(f))
		srcs = append(srcs, src)
	}
	return names, srcs
}

// allRules enables every rule, including the ones off by default.
func allRules() *Config {
	c := &Config{}
	for _, r := range All() {
		c.Enable = append(c.Enable, r.ID)
	}
	return c
}

// TestCorpusSmoke lints every corpus file with every rule: no crash, every
// range inside its file, and every safe fix leaves a file that parses and no
// longer triggers the finding it fixes.
func TestCorpusSmoke(t *testing.T) {
	names, srcs := loadCorpus(t)
	cfg := allRules()
	total, fixes := 0, 0
	for i, src := range srcs {
		f := dockerfile.Parse(names[i], src)
		ds := Lint(f, cfg)
		total += len(ds)
		for _, d := range ds {
			if d.Rule == InternalError.ID {
				t.Errorf("%s: %s", names[i], d.Message)
			}
			if d.Range.Start < 0 || d.Range.End > len(src) || d.Range.Start > d.Range.End {
				t.Errorf("%s: %s range %v outside %d bytes", names[i], d.Rule, d.Range, len(src))
			}
			for _, rel := range d.Related {
				if rel.Range.Start < 0 || rel.Range.End > len(src) || rel.Range.Start > rel.Range.End {
					t.Errorf("%s: %s related range %v outside", names[i], d.Rule, rel.Range)
				}
			}
			for _, fx := range d.Fixes {
				if !fx.Safe {
					continue
				}
				fixes++
				out, ok := ApplyEdits(src, fx.Edits)
				if !ok {
					t.Errorf("%s: %s fix %q has overlapping or invalid edits", names[i], d.Rule, fx.Title)
					continue
				}
				g := dockerfile.Parse(names[i], out)
				if len(g.Errors) > len(f.Errors) {
					t.Errorf("%s: %s fix %q breaks the parse: %v", names[i], d.Rule, fx.Title, g.Errors[len(g.Errors)-1].Message)
				}
				r, _ := Lookup(d.Rule)
				if after := RunRule(g, r); len(after) >= len(RunRule(f, r)) {
					t.Errorf("%s: %s fix %q does not remove the finding\n%s", names[i], d.Rule, fx.Title, diffHint(src, out))
				}
			}
		}
	}
	t.Logf("%d files, %d findings, %d safe fixes checked", len(srcs), total, fixes)
}

func diffHint(a, b []byte) string {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	s := max(0, i-40)
	return fmt.Sprintf("at byte %d: %q -> %q", i, a[s:min(len(a), i+60)], b[s:min(len(b), i+60)])
}

func benchLint(b *testing.B, src []byte) {
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		f := dockerfile.Parse("Dockerfile", src)
		Lint(f, nil)
	}
}

// BenchmarkLint parses and lints synthetic 120- and 600-line Dockerfiles;
// compare with dockerfile's BenchmarkBuildKitParse for the same sizes.
func BenchmarkLint(b *testing.B) {
	for _, n := range []int{120, 600} {
		src := dockerfile.SyntheticDockerfile(n)
		b.Run(fmt.Sprintf("lines=%d", bytes.Count(src, []byte("\n"))), func(b *testing.B) { benchLint(b, src) })
	}
}

// BenchmarkLintVsBuildKit alternates BuildKit's bare parser.Parse and
// layerlint's parse + lint of the same synthetic Dockerfile in each iteration
// and reports their ratio ("x-buildkit"), which stays meaningful when other
// work shares the machine. The foundation target is below 2 at 600 lines.
func BenchmarkLintVsBuildKit(b *testing.B) {
	for _, n := range []int{120, 600} {
		src := dockerfile.SyntheticDockerfile(n)
		b.Run(fmt.Sprintf("lines=%d", bytes.Count(src, []byte("\n"))), func(b *testing.B) {
			var bk, ll time.Duration
			for b.Loop() {
				t0 := time.Now()
				if _, err := parser.Parse(bytes.NewReader(src)); err != nil {
					b.Fatal(err)
				}
				t1 := time.Now()
				Lint(dockerfile.Parse("Dockerfile", src), nil)
				t2 := time.Now()
				bk += t1.Sub(t0)
				ll += t2.Sub(t1)
			}
			b.ReportMetric(float64(ll)/float64(bk), "x-buildkit")
			b.ReportMetric(float64(bk.Microseconds())/float64(b.N), "buildkit-µs/op")
			b.ReportMetric(float64(ll.Microseconds())/float64(b.N), "lint-µs/op")
		})
	}
}

// BenchmarkLintCorpus parses and lints every corpus file, one after another.
func BenchmarkLintCorpus(b *testing.B) {
	_, srcs := loadCorpus(b)
	total := 0
	for _, s := range srcs {
		total += len(s)
	}
	b.SetBytes(int64(total))
	b.ReportAllocs()
	for b.Loop() {
		for _, s := range srcs {
			Lint(dockerfile.Parse("Dockerfile", s), nil)
		}
	}
}

// TestCorpusFixAll applies every safe fix of every corpus file the way
// --fix does: each round takes SafeFixEdits (whole fixes, no overlaps) and
// applies them together to a copy of the text, and rounds repeat while fixes
// remain (at most 5, as the CLI). Every round's result must parse as well as
// the original, and the rounds must converge: no safe fix left at the end.
func TestCorpusFixAll(t *testing.T) {
	names, srcs := loadCorpus(t)
	cfg := allRules()
	files, applied := 0, 0
	for i, src := range srcs {
		f := dockerfile.Parse(names[i], src)
		ds := Lint(f, cfg)
		text, cur := src, f
		rounds := 0
		for ; rounds < 5; rounds++ {
			edits, n := SafeFixEdits(ds, len(text))
			if n == 0 {
				break
			}
			out, ok := ApplyEdits(text, edits)
			if !ok {
				t.Errorf("%s: round %d: the chosen edits overlap", names[i], rounds+1)
				break
			}
			applied += n
			g := dockerfile.Parse(names[i], out)
			if len(g.Errors) > len(f.Errors) {
				t.Errorf("%s: round %d: after %d fixes the file no longer parses: %s", names[i], rounds+1, n, g.Errors[len(g.Errors)-1].Message)
				break
			}
			text, cur = out, g
			ds = Lint(cur, cfg)
		}
		if rounds > 0 {
			files++
		}
		if _, n := SafeFixEdits(ds, len(text)); n > 0 && rounds == 5 {
			t.Errorf("%s: safe fixes do not converge: %d still apply after 5 rounds", names[i], n)
		}
	}
	t.Logf("%d files fixed, %d fixes applied", files, applied)
}
