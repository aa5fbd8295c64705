package dockerfile

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// corpusDir is the shared corpus of real Dockerfiles; tests skip without it.
const corpusDir = "../../shared/corpus/files"

func corpusFiles(t testing.TB) []string {
	files, _ := filepath.Glob(filepath.Join(corpusDir, "*"))
	if len(files) == 0 {
		t.Skip("no corpus at " + corpusDir)
	}
	return files
}

func inside(r Range, n int) bool { return r.Start >= 0 && r.Start <= r.End && r.End <= n }

// checkInvariants verifies what every model must satisfy, whatever the input.
func checkInvariants(t testing.TB, name string, src []byte) *File {
	f := Parse(name, src)
	if f.internalErr {
		t.Fatalf("%s: %s\n%s", name, f.Errors[len(f.Errors)-1].Message, f.internalStack)
	}
	n := len(src)
	prevEnd := 0
	for _, in := range f.Instructions {
		for _, r := range []Range{in.Range, in.KeywordRange, in.ArgsRange} {
			if !inside(r, n) {
				t.Fatalf("%s: instruction %d range %v outside %d bytes", name, in.Index, r, n)
			}
		}
		if in.Range.Start < prevEnd {
			t.Fatalf("%s: instruction %d starts at %d before the previous end %d", name, in.Index, in.Range.Start, prevEnd)
		}
		prevEnd = in.Range.End
		if in.KeywordRange.Start < in.Range.Start || in.KeywordRange.End > in.Range.End {
			t.Fatalf("%s: keyword %v outside instruction %v", name, in.KeywordRange, in.Range)
		}
		if kw := f.Text(in.KeywordRange); in.logical != nil && !strings.Contains(kw, "\n") && !strings.EqualFold(kw, in.Node.Value) {
			t.Fatalf("%s:%d: keyword text %q, BuildKit says %q", name, in.StartLine, f.Text(in.KeywordRange), in.Node.Value)
		}
		if p := f.Position(in.Range.Start); p.Line != in.StartLine {
			t.Fatalf("%s: instruction %d starts on line %d, StartLine %d", name, in.Index, p.Line, in.StartLine)
		}
		for _, fl := range in.Flags {
			if !inside(fl.Range, n) || !inside(fl.ValueRange, n) || !strings.HasPrefix(f.Text(fl.Range), "--") && in.logical != nil && !strings.Contains(f.Text(fl.Range), "\n") {
				t.Fatalf("%s:%d: flag range %v %q", name, in.StartLine, fl.Range, f.Text(fl.Range))
			}
		}
		for _, a := range in.Args {
			if !inside(a.Range, n) || a.Range.Start < in.Range.Start || a.Range.End > in.Range.End {
				t.Fatalf("%s:%d: arg range %v outside instruction %v", name, in.StartLine, a.Range, in.Range)
			}
		}
		for _, h := range in.Heredocs {
			if !inside(h.BodyRange, n) || !inside(h.Terminator, n) {
				t.Fatalf("%s:%d: heredoc ranges %v %v", name, in.StartLine, h.BodyRange, h.Terminator)
			}
		}
		if in.Run != nil {
			for _, c := range in.Run.Commands {
				if !inside(c.Range, n) {
					t.Fatalf("%s:%d: command range %v", name, in.StartLine, c.Range)
				}
				for _, w := range c.Args {
					if !inside(w.Range, n) {
						t.Fatalf("%s:%d: word range %v", name, in.StartLine, w.Range)
					}
				}
			}
			if !inside(in.Run.SyntaxErrorRange, n) {
				t.Fatalf("%s:%d: syntax error range %v", name, in.StartLine, in.Run.SyntaxErrorRange)
			}
		}
	}
	for _, e := range f.Errors {
		if !inside(e.Range, n) {
			t.Fatalf("%s: error range %v outside", name, e.Range)
		}
	}
	for _, c := range f.Comments {
		if !inside(c.Range, n) || f.Src[c.Range.Start] != '#' {
			t.Fatalf("%s: comment range %v", name, c.Range)
		}
	}
	for _, s := range f.Stages {
		if !inside(s.BaseRange, n) || !inside(s.NameRange, n) {
			t.Fatalf("%s: stage ranges", name)
		}
	}
	// position round trip on every line start
	for l := 1; l <= f.LineCount(); l++ {
		off := f.LineStart(l)
		p := f.Position(off)
		if p.Line != l || p.Column != 1 {
			t.Fatalf("%s: Position(LineStart(%d)) = %d:%d", name, l, p.Line, p.Column)
		}
		if f.Offset(l, 1) != off {
			t.Fatalf("%s: Offset(%d,1) != LineStart", name, l)
		}
	}
	return f
}

func TestCorpusInvariants(t *testing.T) {
	files := corpusFiles(t)
	parsed, withErrors, insts := 0, 0, 0
	for _, file := range files {
		src, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		f := checkInvariants(t, filepath.Base(file), src)
		parsed++
		insts += len(f.Instructions)
		if len(f.Errors) > 0 {
			withErrors++
		}
		// every instruction's ranges were rebuilt from the text, not the fallback
		for _, in := range f.Instructions {
			if in.logical == nil {
				t.Errorf("%s:%d: fell back to line ranges", file, in.StartLine)
				continue
			}
			compareArgs(t, file, f, in)
		}
	}
	t.Logf("%d files, %d instructions, %d files with parse errors", parsed, insts, withErrors)
}

func FuzzParse(f *testing.F) {
	seeds := []string{
		"FROM alpine\nRUN apk add curl\n",
		"# escape=`\nFROM a\nRUN x `\n y\n",
		"FROM a\nRUN <<EOF\necho\nEOF\nCOPY <<-X /a\n\tx\n\tX\n",
		"\xEF\xBB\xBFFROM a\r\nRUN a \\\r\n\r\n b\r\n",
		"FROM a AS b\nONBUILD RUN x\nCOPY --from=b [\"a\", \"b\"]\n",
		"FORM a\nRUN <<EOF\n",
		"ARG X=1\nFROM ${X:-y}\nRUN sh -c 'a && b' && [ -f x ] || (c; d)\n",
		"FROM a\nRUN [\"sh\",\"-c\",\"apt-get update\"]\nSHELL [\"pwsh\"]\nRUN x\n",
		"FROM a\nRUN echo \\\n# c\n  \\\n",
	}
	for _, s := range seeds {
		f.Add([]byte(s))
	}
	if files, _ := filepath.Glob(filepath.Join(corpusDir, "*")); len(files) > 0 {
		for i := 0; i < len(files); i += 300 {
			if src, err := os.ReadFile(files[i]); err == nil {
				f.Add(src)
			}
		}
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		if !utf8.Valid(src) && len(src) > 4096 {
			return
		}
		// a hang is a bug too: crash the worker so the fuzzer saves the input
		done := make(chan struct{})
		defer close(done)
		go func() {
			select {
			case <-done:
			case <-time.After(10 * time.Second):
				panic(fmt.Sprintf("Parse hangs on %q", src))
			}
		}()
		checkInvariants(t, "fuzz", src)
	})
}

// compareArgs checks located argument values against BuildKit's own node values
// where both split the same way (JSON form, and unquoted whitespace lists).
func compareArgs(t *testing.T, file string, f *File, in *Instruction) {
	switch in.Keyword {
	case "from", "copy", "add", "expose", "volume":
	default:
		if !in.JSONForm {
			return
		}
	}
	if !in.JSONForm && strings.ContainsAny(in.Logical(), "'\"`\\") {
		return
	}
	var want []string
	for n := in.Node.Next; n != nil; n = n.Next {
		want = append(want, n.Value)
	}
	var got []string
	for _, a := range in.Args {
		got = append(got, a.Value)
	}
	if strings.Join(got, "\x00") != strings.Join(want, "\x00") {
		t.Errorf("%s:%d: args %q, BuildKit %q", file, in.StartLine, got, want)
	}
}
