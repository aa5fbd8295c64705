package dockerfile

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/moby/buildkit/frontend/dockerfile/parser"
)

func benchSizes(b *testing.B, fn func(b *testing.B, src []byte)) {
	for _, n := range []int{120, 600} {
		src := SyntheticDockerfile(n)
		b.Run(fmt.Sprintf("lines=%d", countLines(src)), func(b *testing.B) {
			b.SetBytes(int64(len(src)))
			b.ReportAllocs()
			fn(b, src)
		})
	}
}

// BenchmarkBuildKitParse is the baseline: BuildKit's bare parser.Parse.
func BenchmarkBuildKitParse(b *testing.B) {
	benchSizes(b, func(b *testing.B, src []byte) {
		for b.Loop() {
			if _, err := parser.Parse(bytes.NewReader(src)); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkParse is the whole model: BuildKit's parse, typed instructions,
// ranges, stages and shell-parsed RUN bodies.
func BenchmarkParse(b *testing.B) {
	benchSizes(b, func(b *testing.B, src []byte) {
		for b.Loop() {
			if f := Parse("Dockerfile", src); len(f.Errors) > 0 {
				b.Fatal(f.Errors)
			}
		}
	})
}

func BenchmarkParseCorpus(b *testing.B) {
	files, _ := filepath.Glob(filepath.Join(corpusDir, "*"))
	if len(files) == 0 {
		b.Skip("no corpus")
	}
	var srcs [][]byte
	total := 0
	for _, f := range files {
		s, _ := os.ReadFile(f)
		srcs = append(srcs, s)
		total += len(s)
	}
	b.SetBytes(int64(total))
	for b.Loop() {
		for _, s := range srcs {
			Parse("Dockerfile", s)
		}
	}
}
