package rules

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/layerlint/layerlint/dockerfile"
)

// FuzzLint runs every rule on arbitrary input: no rule may crash, every
// range stays inside the file, and safe fixes apply cleanly.
func FuzzLint(f *testing.F) {
	f.Add([]byte("FROM node:20\nCOPY . .\nRUN npm ci\n"))
	f.Add([]byte("FROM debian\nRUN apt-get update\nRUN apt-get install -y curl\n"))
	f.Add([]byte("FROM golang:1.22\nRUN <<EOF\ngo build ./...\nEOF\n# layerlint ignore=X\nRUN pip install x\n"))
	if files, _ := filepath.Glob(filepath.Join(corpusDir, "*")); len(files) > 0 {
		for i := 0; i < len(files); i += 250 {
			if src, err := os.ReadFile(files[i]); err == nil {
				f.Add(src)
			}
		}
	}
	cfg := allRules()
	f.Fuzz(func(t *testing.T, src []byte) {
		file := dockerfile.Parse("fuzz", src)
		for _, d := range Lint(file, cfg) {
			if d.Rule == InternalError.ID {
				t.Fatal(d.Message)
			}
			if d.Range.Start < 0 || d.Range.End > len(src) || d.Range.Start > d.Range.End {
				t.Fatalf("%s: range %v outside %d bytes", d.Rule, d.Range, len(src))
			}
			for _, fx := range d.Fixes {
				if _, ok := ApplyEdits(src, fx.Edits); !ok && fx.Safe {
					t.Fatalf("%s: safe fix %q does not apply", d.Rule, fx.Title)
				}
			}
		}
	})
}

func FuzzIgnoreComment(f *testing.F) {
	for _, s := range []string{"layerlint ignore=A,B reason", "hadolint global ignore=DL3009 # why", "layerlint ignore =", "hadolint"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		names, _, ok := parseIgnoreComment(s)
		if ok && len(names) == 0 {
			t.Fatal("ok without names")
		}
		for _, n := range names {
			if n == "" {
				t.Fatal("empty name")
			}
		}
	})
}
