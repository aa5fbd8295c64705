package dockerfile

import (
	"bytes"
	"regexp"
	"sort"
	"strings"
	"unicode"

	"github.com/moby/buildkit/frontend/dockerfile/parser"

	"github.com/layerlint/layerlint/internal/par"
)

// segment maps a run of logical-line bytes to the source.
type segment struct {
	logical int // offset in the logical line
	src     int // offset in the source
	n       int // length
}

// logicalLine is an instruction line as BuildKit assembles it: continuation
// characters removed, comment and empty lines inside the continuation skipped.
type logicalLine struct {
	text      []byte
	segs      []segment
	startLine int // 1-based physical lines
	endLine   int
	endSrc    int // source offset just past the last content byte
}

func (l *logicalLine) add(src []byte, off, n int) {
	if n <= 0 {
		return
	}
	l.segs = append(l.segs, segment{logical: len(l.text), src: off, n: n})
	l.text = append(l.text, src[off:off+n]...)
}

// src maps a logical offset to a source offset. An offset at the very end maps
// just past the last byte.
func (l *logicalLine) src(off int) int {
	if len(l.segs) == 0 {
		return l.endSrc
	}
	if off >= len(l.text) {
		s := l.segs[len(l.segs)-1]
		return s.src + s.n
	}
	if off < 0 {
		off = 0
	}
	i := sort.Search(len(l.segs), func(i int) bool { return l.segs[i].logical > off }) - 1
	if i < 0 {
		i = 0
	}
	s := l.segs[i]
	return s.src + off - s.logical
}

// rng maps a logical span to a source range; the end maps from the last byte
// so that a span ending at a segment boundary does not run into the next line.
func (l *logicalLine) rng(start, end int) Range {
	if end <= start {
		p := l.src(start)
		return Range{p, p}
	}
	return Range{Start: l.src(start), End: l.src(end-1) + 1}
}

// physLine is one physical line of the source.
type physLine struct {
	start, end int // content bytes [start,end), line ending excluded
}

func physLines(src []byte, starts []int, hasBOM bool) []physLine {
	lines := make([]physLine, len(starts))
	for i, s := range starts {
		e := len(src)
		if i+1 < len(starts) {
			e = starts[i+1]
		}
		for e > s && (src[e-1] == '\n' || src[e-1] == '\r') {
			e--
		}
		if i == 0 && hasBOM {
			s = len(bom)
			if e < s {
				e = s
			}
		}
		lines[i] = physLine{s, e}
	}
	if len(src) == 0 {
		return nil
	}
	return lines
}

var directiveRE = regexp.MustCompile(`^#\s*([a-zA-Z][a-zA-Z0-9]*)\s*=\s*(.+?)\s*$`)

func isSpaceByte(c byte) bool { return c == ' ' || c == '\t' }

// trimLeftSpace mirrors BuildKit's trimLeadingWhitespace (unicode.IsSpace).
func trimLeftSpace(b []byte) int {
	t := bytes.TrimLeftFunc(b, unicode.IsSpace)
	return len(b) - len(t)
}

// continuation mirrors BuildKit's line-continuation regular expression: the
// escape character as the last non-blank byte, not itself escaped. It returns
// the content length to keep and whether the line continues.
func continuation(b []byte, esc byte) (int, bool) {
	j := len(b)
	for j > 0 && isSpaceByte(b[j-1]) {
		j--
	}
	if j == 0 || b[j-1] != esc {
		return len(b), false
	}
	if j == 1 {
		return 0, true
	}
	if b[j-2] == esc {
		return len(b), false
	}
	return j - 1, true
}

// build walks the source (work: the text BuildKit parsed) in step with
// BuildKit's AST and fills in instructions, ranges, directives and comments.
func (f *File) build(work []byte, res *parser.Result) {
	lines := physLines(work, f.lineStarts, f.HasBOM)
	esc := byte('\\')
	directivesDone := false
	children := res.AST.Children
	ci := 0
	var slab []Instruction
	var lls []logicalLine
	var kept []bool // instructions taken from the previous version (Reparse)

	for i := 0; i < len(lines) && ci < len(children); {
		ln := lines[i]
		raw := work[ln.start:ln.end]
		lead := trimLeftSpace(raw)
		body := raw[lead:]
		lineNo := i + 1
		i++

		if !directivesDone {
			if m := directiveRE.FindSubmatchIndex(body); m != nil {
				name := strings.ToLower(string(body[m[2]:m[3]]))
				if name == "syntax" || name == "escape" || name == "check" {
					val := string(body[m[4]:m[5]])
					f.Directives = append(f.Directives, Directive{
						Name:       name,
						Value:      val,
						Range:      Range{ln.start + lead, ln.end},
						ValueRange: Range{ln.start + lead + m[4], ln.start + lead + m[5]},
					})
					if name == "escape" && (val == "`" || val == `\`) {
						esc = val[0]
					}
					continue
				}
			}
			directivesDone = true
		}
		if len(body) > 0 && body[0] == '#' {
			f.addComment(work, ln.start+lead, ln.end)
			continue
		}
		keep, cont := continuation(body, esc)
		if !cont && keep == 0 {
			continue // blank line
		}

		child := children[ci]
		ci++
		if slab == nil {
			// one allocation for every instruction and logical line
			slab = make([]Instruction, len(children))
			lls = make([]logicalLine, len(children))
			f.Instructions = make([]*Instruction, 0, len(children))
		}
		ll := &lls[ci-1]
		*ll = logicalLine{startLine: lineNo}
		ll.add(work, ln.start+lead, keep)
		ll.endSrc = ln.start + lead + keep
		ll.endLine = lineNo
		hasEmpty := false
		for cont && i < len(lines) {
			ln2 := lines[i]
			raw2 := work[ln2.start:ln2.end]
			i++
			ll.endLine = i
			l2 := trimLeftSpace(raw2)
			if l2 < len(raw2) && raw2[l2] == '#' {
				f.addComment(work, ln2.start+l2, ln2.end)
				continue
			}
			if l2 == len(raw2) {
				hasEmpty = true
				continue
			}
			var k int
			k, cont = continuation(raw2, esc)
			ll.add(work, ln2.start, k)
			if k > 0 || len(ll.segs) > 0 {
				ll.endSrc = ln2.start + k
			}
		}
		in := &slab[ci-1]
		*in = Instruction{
			Index:     len(f.Instructions),
			Node:      child,
			Comments:  child.PrevComment,
			StartLine: ll.startLine,
			logical:   ll,
		}
		end := ll.endSrc
		if end < ln.start+lead {
			end = ln.start + lead
		}
		// heredoc bodies follow the instruction line
		for _, h := range child.Heredocs {
			hd := Heredoc{Name: h.Name, Expand: h.Expand, Chomp: h.Chomp, Content: h.Content}
			bodyStart := -1
			if i < len(lines) {
				bodyStart = lines[i].start
			}
			for i < len(lines) {
				l := lines[i]
				i++
				content := work[l.start:l.end]
				if h.Chomp {
					content = bytes.TrimLeft(content, "\t")
				}
				if string(content) == h.Name {
					hd.BodyRange = Range{bodyStart, l.start}
					hd.Terminator = Range{l.start, l.end}
					end = l.end
					break
				}
			}
			if bodyStart < 0 {
				bodyStart = end
				hd.BodyRange = Range{end, end}
				hd.Terminator = Range{end, end}
			}
			in.Heredocs = append(in.Heredocs, hd)
		}
		in.EndLine = i
		if len(child.Heredocs) == 0 {
			in.EndLine = ll.endLine
		}
		in.Range = Range{ln.start + lead, end}
		if hasEmpty {
			f.Warnings = append(f.Warnings, Warning{
				Message: "empty continuation line",
				Range:   in.LineRange0(),
			})
		}
		// BuildKit and this walk must agree; when they do not (a bug), fall
		// back to whole-line ranges taken from BuildKit's own line numbers.
		if child.StartLine != in.StartLine || child.EndLine != in.EndLine {
			in.StartLine, in.EndLine = child.StartLine, child.EndLine
			in.Range = f.linesRange(child.StartLine, child.EndLine)
			in.logical = nil
		}
		if i := ci - 1; i < len(f.reused) {
			if old := f.reused[i]; old.StartLine == in.StartLine && old.EndLine == in.EndLine && old.Range == in.Range {
				reuse(in, old)
				if kept == nil {
					kept = make([]bool, len(children))
				}
				kept[i] = true
			}
		}
		f.Instructions = append(f.Instructions, in)
	}
	f.trailingComments(work, lines)
	f.kept = kept

	// ranges and BuildKit's typed instructions are per instruction: large
	// files do them on several cores
	par.Do(par.Workers(len(f.Instructions)), len(f.Instructions), func(_, i int) {
		if f.isKept(i) {
			return
		}
		in := f.Instructions[i]
		f.locate(in)
		in.Command, in.Err = typedParse(in.Node)
	})
	f.buildStages()
	f.parseRuns()
}

// isKept reports whether instruction i was taken from the previous version
// with its ranges, typed command and RUN body.
func (f *File) isKept(i int) bool { return i < len(f.kept) && f.kept[i] }

// LineRange0 is the instruction's first logical line span, used before ArgsRange is known.
func (in *Instruction) LineRange0() Range {
	if in.logical == nil {
		return in.Range
	}
	return Range{in.Range.Start, in.logical.endSrc}
}

func (f *File) addComment(src []byte, start, end int) {
	text := strings.TrimSpace(string(src[start+1 : end]))
	f.Comments = append(f.Comments, Comment{Text: text, Range: Range{start, end}})
}

// trailingComments records comment lines after the last instruction, which the
// instruction walk stops before.
func (f *File) trailingComments(src []byte, lines []physLine) {
	from := 0
	if n := len(f.Instructions); n > 0 {
		from = f.Instructions[n-1].EndLine
	} else {
		return
	}
	for i := from; i < len(lines); i++ {
		ln := lines[i]
		raw := src[ln.start:ln.end]
		lead := trimLeftSpace(raw)
		if lead < len(raw) && raw[lead] == '#' {
			f.addComment(src, ln.start+lead, ln.end)
		}
	}
}
