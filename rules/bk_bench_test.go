package rules

import (
	"testing"

	"github.com/layerlint/layerlint/dockerfile"
)

// BenchmarkBuildKitRules runs every BuildKit-named rule over the corpus
// (parsing excluded), one file after another.
func BenchmarkBuildKitRules(b *testing.B) {
	names, srcs := loadCorpus(b)
	files := make([]*dockerfile.File, len(srcs))
	total := 0
	for i, s := range srcs {
		files[i] = dockerfile.Parse(names[i], s)
		total += len(s)
	}
	var bk []*Rule
	for _, r := range All() {
		if r.BuildKit && r.Run != nil {
			bk = append(bk, r)
		}
	}
	b.SetBytes(int64(total))
	b.ReportAllocs()
	for b.Loop() {
		for _, f := range files {
			for _, r := range bk {
				RunRule(f, r)
			}
		}
	}
}
