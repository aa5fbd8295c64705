package lsp

import (
	"fmt"
	"strings"
	"testing"

	"github.com/layerlint/layerlint/dockerfile"
)

// BenchmarkEditToDiagnostics measures one keystroke in a trailing comment
// (an incremental didChange) to the publishDiagnostics for its version,
// in-process over a pipe, with every rule on: the server-side part of what
// `make bench-lsp` measures over stdio.
func BenchmarkEditToDiagnostics(b *testing.B) {
	for _, lines := range []int{600, 6000} {
		b.Run(fmt.Sprintf("lines=%d", lines), func(b *testing.B) {
			c := startServer(b, Options{})
			c.initialize(defaultCaps(), "")
			text := string(dockerfile.SyntheticDockerfile(lines)) + "# edit"
			end := NewMapper([]byte(text), UTF16).Position(len(text))
			c.open(docURI, text)
			c.diagnostics(docURI, 1)
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				at := pos(end.Line, end.Character+uint32(i))
				c.changeRange(docURI, int32(i+2), rng(at.Line, at.Character, at.Line, at.Character), "x")
				c.diagnostics(docURI, int32(i+2))
			}
		})
	}
}

// BenchmarkEditMiddleToDiagnostics is BenchmarkEditToDiagnostics with the
// keystrokes in a comment in the middle of the file: the model of the
// instructions after it is rebuilt (dockerfile.Reparse keeps only the
// unchanged beginning), so this is the slower case.
func BenchmarkEditMiddleToDiagnostics(b *testing.B) {
	for _, lines := range []int{600, 6000} {
		b.Run(fmt.Sprintf("lines=%d", lines), func(b *testing.B) {
			c := startServer(b, Options{})
			c.initialize(defaultCaps(), "")
			src := string(dockerfile.SyntheticDockerfile(lines))
			nl := strings.Index(src[len(src)/2:], "\n") + len(src)/2 + 1
			text := src[:nl] + "# edit\n" + src[nl:]
			at := NewMapper([]byte(text), UTF16).Position(nl + len("# edit"))
			c.open(docURI, text)
			c.diagnostics(docURI, 1)
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				p := pos(at.Line, at.Character+uint32(i))
				c.changeRange(docURI, int32(i+2), rng(p.Line, p.Character, p.Line, p.Character), "x")
				c.diagnostics(docURI, int32(i+2))
			}
		})
	}
}

// BenchmarkInitializeToFirstDiagnostics measures a session start: initialize,
// initialized, didOpen of a 600-line Dockerfile, first publishDiagnostics.
func BenchmarkInitializeToFirstDiagnostics(b *testing.B) {
	text := string(dockerfile.SyntheticDockerfile(600))
	for i := 0; i < b.N; i++ {
		c := startServer(b, Options{})
		c.initialize(defaultCaps(), "")
		c.open(docURI, text)
		c.diagnostics(docURI, 1)
		c.shutdownExit()
	}
}

// BenchmarkLint is the lint alone (parse + every rule + conversion), for
// comparison with the round trips above.
func BenchmarkLint(b *testing.B) {
	for _, lines := range []int{600, 6000} {
		b.Run(fmt.Sprintf("lines=%d", lines), func(b *testing.B) {
			s := &server{}
			text := dockerfile.SyntheticDockerfile(lines)
			for i := 0; i < b.N; i++ {
				d := &document{text: text, kind: kindDockerfile}
				s.analyze(d, defaultConfig, nil)
			}
		})
	}
}
