package rules

import (
	"fmt"
	"strings"
	"unicode"

	"github.com/layerlint/layerlint/dockerfile"
)

// NoEmptyContinuation reports blank lines inside an instruction continued
// with the escape character (BuildKit's check of the same name).
var NoEmptyContinuation = register(&Rule{
	ID:       "NoEmptyContinuation",
	Category: CategoryCorrectness,
	Severity: SeverityWarning,
	BuildKit: true,
	Doc: Doc{
		Title: "Empty lines inside a continued instruction",
		Description: "BuildKit skips a blank line that follows a line ending in `\\`, so the instruction goes on " +
			"below it. That is easy to misread: a blank line usually ends a block, and when the `\\` was left " +
			"by mistake the next instruction silently becomes arguments of this one. BuildKit announces that " +
			"empty continuation lines will become errors in a future release, which would break the build. " +
			"The fix deletes the blank lines, which BuildKit ignores today, so the instruction is unchanged. " +
			"BuildKit reports the finding on the last line of the instruction; layerlint reports it on the " +
			"first blank line. BuildKit reports this as a warning; so does layerlint.",
		Bad:  "FROM alpine\nRUN apk add --no-cache \\\n\n    curl\n",
		Good: "FROM alpine\nRUN apk add --no-cache \\\n    curl\n",
	},
	Run: runNoEmptyContinuation,
})

func runNoEmptyContinuation(p *Pass) {
	f := p.File
	for _, in := range f.Instructions {
		lines := emptyContinuationLines(f, in)
		if len(lines) == 0 {
			continue
		}
		var edits []Edit
		for _, n := range lines {
			edits = append(edits, Edit{Range: dockerfile.Range{Start: f.LineStart(n), End: f.LineStart(n + 1)}})
		}
		first := lines[0]
		msg := fmt.Sprintf("blank line %d continues the %s instruction above it", first, strings.ToUpper(in.Keyword))
		if len(lines) > 1 {
			msg = fmt.Sprintf("%d blank lines continue the %s instruction above them (first at line %d)", len(lines), strings.ToUpper(in.Keyword), first)
		}
		p.Report(Diagnostic{
			Range:   dockerfile.Range{Start: f.LineStart(first), End: f.LineEnd(first)},
			Message: msg,
			Related: []Related{{Message: "the continued instruction", Range: in.KeywordRange}},
			Fixes:   []Fix{{Title: "Delete the empty continuation lines", Safe: true, Edits: edits}},
		})
	}
}

// emptyContinuationLines returns the 1-based numbers of the blank lines that
// BuildKit's parser skips while it joins the continuation lines of in.
func emptyContinuationLines(f *dockerfile.File, in *dockerfile.Instruction) []int {
	var out []int
	line := in.StartLine
	cont := continuesLine(f.Line(line), f.Escape)
	for cont && line < f.LineCount() {
		line++
		text := f.Line(line)
		rest := strings.TrimLeftFunc(text, unicode.IsSpace)
		switch {
		case strings.HasPrefix(rest, "#"):
			// comment lines inside a continuation are dropped
		case rest == "":
			out = append(out, line)
		default:
			cont = continuesLine(text, f.Escape)
		}
	}
	return out
}

// continuesLine reports whether a physical line ends with the escape
// character (trailing blanks allowed) that is not itself escaped.
func continuesLine(text string, esc byte) bool {
	t := strings.TrimRight(text, " \t")
	if !strings.HasSuffix(t, string(esc)) {
		return false
	}
	return len(t) == 1 || t[len(t)-2] != esc
}
