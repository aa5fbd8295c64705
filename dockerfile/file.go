// Package dockerfile is layerlint's model of one Dockerfile: BuildKit's parse
// tree enriched with exact source ranges, stages, parser directives, ARG/ENV
// scopes and RUN bodies parsed as shell.
//
// It parses with github.com/moby/buildkit/frontend/dockerfile/parser and never
// re-implements the Dockerfile grammar; it only locates, in the source text,
// the pieces BuildKit already identified.
//
// Positions: every Range holds byte offsets into File.Src (0-based, End
// exclusive). Lines and columns are derived on demand, 1-based, columns in
// bytes; UTF-16 conversion belongs to the language server, not here.
//
// This package must not import rules, ctxscan, lsp or cmd.
package dockerfile

import (
	"bytes"
	"errors"
	"fmt"
	"runtime/debug"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/moby/buildkit/frontend/dockerfile/instructions"
	"github.com/moby/buildkit/frontend/dockerfile/linter"
	"github.com/moby/buildkit/frontend/dockerfile/parser"
)

// Range is a half-open span [Start, End) of byte offsets into File.Src.
type Range struct {
	Start int // byte offset, 0-based, inclusive
	End   int // byte offset, 0-based, exclusive
}

// Contains reports whether byte offset off lies in r (End inclusive, so a
// cursor just after a word still touches it).
func (r Range) Contains(off int) bool { return off >= r.Start && off <= r.End }

// Position is a point in the source.
type Position struct {
	Offset int // byte offset into File.Src, 0-based
	Line   int // 1-based line number
	Column int // 1-based column, counted in bytes from the line start (a leading BOM is not counted)
}

// Error is a problem BuildKit reports while parsing: the build would fail.
type Error struct {
	Message string
	Range   Range
}

// Warning is a non-fatal finding of BuildKit's parser (empty continuation lines).
type Warning struct {
	Message string
	Range   Range
}

// Directive is a parser directive at the top of the file (# syntax=, # escape=, # check=).
type Directive struct {
	Name       string // lower-case name
	Value      string
	Range      Range // the whole comment line
	ValueRange Range
}

// Comment is one comment line (directives excluded).
type Comment struct {
	Text  string // text after '#', trimmed
	Range Range  // from '#' to the end of the line content
}

// File is a parsed Dockerfile.
type File struct {
	Name string
	Src  []byte

	// HasBOM reports a UTF-8 byte order mark at offset 0; the parse ignores it.
	HasBOM bool
	// Escape is the escape character in force: '\\' or '`'.
	Escape byte

	Directives   []Directive
	Comments     []Comment
	Instructions []*Instruction
	Stages       []*Stage
	// GlobalArgs are the ARG instructions before the first FROM.
	GlobalArgs []*Instruction

	// Errors lists what BuildKit rejects. Parsing recovers past each error so
	// that the rest of the file is still modelled.
	Errors   []Error
	Warnings []Warning

	// AST is BuildKit's parse tree of the file (of the recovered text when
	// Errors is not empty). It may be nil when nothing could be parsed.
	AST *parser.Node

	bx *Expander // the stage pass's word expander

	srcOnce sync.Once
	srcStr  string
	memoMu  sync.Mutex
	memo    map[any]*memoEntry

	internalErr bool
	stageNames  map[string]int // lower-case stage name → first stage with it
	// foldedStageNames: a stage name is not ASCII, so stageNames is not used
	foldedStageNames bool
	reused           []*Instruction // Reparse: the previous version's instructions that may be kept
	kept             []bool         // which instructions were kept (see isKept)
	internalStack    string
	lineStarts       []int // byte offset of the first byte of each physical line
}

// Parse builds the model of src. It never fails: problems BuildKit rejects are
// listed in File.Errors, and every instruction that could be parsed is kept.
func Parse(name string, src []byte) *File {
	return parse(name, src, nil)
}

func parse(name string, src []byte, prev *File) *File {
	f := &File{Name: name, Src: src, Escape: '\\'}
	f.lineStarts = lineStarts(src)
	f.HasBOM = bytes.HasPrefix(src, bom)

	work := src
	copied := false
	res, keep := f.reusable(prev)
	if keep > 0 {
		f.reused = prev.Instructions[:keep]
	} else {
		res = splitParse(src, f.lineStarts)
	}
	for attempt := 0; res == nil; attempt++ {
		r, err := safeParse(work)
		if err == nil {
			res = r
			break
		}
		first, last := f.errorLines(err)
		f.Errors = append(f.Errors, Error{Message: errorMessage(err), Range: f.linesRange(first, last)})
		if attempt >= 50 || !canMask(work, f.lineStarts, first, last) {
			break
		}
		if !copied {
			work = append([]byte(nil), src...)
			copied = true
		}
		maskLines(work, f.lineStarts, first, last)
	}
	if res == nil {
		return f
	}
	f.AST = res.AST
	if res.EscapeToken == '`' {
		f.Escape = '`'
	}
	func() {
		defer func() {
			if r := recover(); r != nil {
				f.Errors = append(f.Errors, Error{Message: fmt.Sprintf("internal error while modelling the file: %v", r)})
				f.internalErr = true
				f.internalStack = string(debug.Stack())
			}
		}()
		f.build(work, res)
	}()
	f.reused = nil // do not keep the previous version alive
	return f
}

// safeParse calls BuildKit's parser, turning a panic into an error.
func safeParse(src []byte) (res *parser.Result, err error) {
	defer func() {
		if r := recover(); r != nil {
			res, err = nil, fmt.Errorf("internal parser failure: %v", r)
		}
	}()
	return parser.Parse(bytes.NewReader(src))
}

var bom = []byte{0xEF, 0xBB, 0xBF}

func errorMessage(err error) string {
	msg := err.Error()
	// BuildKit's did-you-mean wrapper and location wrappers keep the base message.
	return strings.TrimSpace(msg)
}

// errorLines returns the 1-based physical line span an error points at.
func (f *File) errorLines(err error) (int, int) {
	var le *parser.LocationError
	first, last := 0, 0
	if errors.As(err, &le) {
		for _, loc := range le.Locations {
			for _, r := range loc {
				if first == 0 || (r.Start.Line > 0 && r.Start.Line < first) {
					first = r.Start.Line
				}
				if r.End.Line > last {
					last = r.End.Line
				}
			}
		}
	}
	n := len(f.lineStarts)
	if first <= 0 {
		first = 1
	}
	if last < first {
		last = first
	}
	if first > n {
		first = n
	}
	if last > n {
		last = n
	}
	return first, last
}

// canMask reports whether lines first..last still hold non-blank bytes.
func canMask(work []byte, starts []int, first, last int) bool {
	if first < 1 || first > len(starts) {
		return false
	}
	s := starts[first-1]
	e := len(work)
	if last < len(starts) {
		e = starts[last]
	}
	for _, c := range work[s:e] {
		if c != ' ' && c != '\n' && c != '\r' {
			return true
		}
	}
	return false
}

// maskLines blanks lines first..last (1-based) in place, keeping newlines so
// that every byte offset and line number of the rest of the file stays valid.
func maskLines(work []byte, starts []int, first, last int) {
	s := starts[first-1]
	e := len(work)
	if last < len(starts) {
		e = starts[last]
	}
	for i := s; i < e; i++ {
		if work[i] != '\n' && work[i] != '\r' {
			work[i] = ' '
		}
	}
}

func lineStarts(src []byte) []int {
	starts := []int{0}
	for i, c := range src {
		if c == '\n' && i+1 < len(src) {
			starts = append(starts, i+1)
		}
	}
	return starts
}

// LineCount returns the number of physical lines.
func (f *File) LineCount() int { return len(f.lineStarts) }

// LineStart returns the byte offset of the first byte of 1-based line n
// (after the BOM on line 1).
func (f *File) LineStart(n int) int {
	if n < 1 {
		n = 1
	}
	if n > len(f.lineStarts) {
		return len(f.Src)
	}
	s := f.lineStarts[n-1]
	if n == 1 && f.HasBOM {
		s = len(bom)
	}
	return s
}

// LineEnd returns the byte offset just past the content of 1-based line n,
// excluding its "\n" or "\r\n".
func (f *File) LineEnd(n int) int {
	if n < 1 {
		n = 1
	}
	if n > len(f.lineStarts) {
		return len(f.Src)
	}
	e := len(f.Src)
	if n < len(f.lineStarts) {
		e = f.lineStarts[n]
	}
	for e > f.lineStarts[n-1] && (f.Src[e-1] == '\n' || f.Src[e-1] == '\r') {
		e--
	}
	if n == 1 && f.HasBOM && e < len(bom) {
		e = len(bom)
	}
	return e
}

// Line returns the content of 1-based line n without its line ending.
func (f *File) Line(n int) string { return f.str()[f.LineStart(n):f.LineEnd(n)] }

// Position converts a byte offset to a line and byte column.
func (f *File) Position(off int) Position {
	if off < 0 {
		off = 0
	}
	if off > len(f.Src) {
		off = len(f.Src)
	}
	i := sort.Search(len(f.lineStarts), func(i int) bool { return f.lineStarts[i] > off }) - 1
	if i < 0 {
		i = 0
	}
	start := f.lineStarts[i]
	if i == 0 && f.HasBOM {
		start = len(bom)
		if off < start {
			off = start
		}
	}
	return Position{Offset: off, Line: i + 1, Column: off - start + 1}
}

// RuneColumn returns the 1-based column of off counted in Unicode code points.
func (f *File) RuneColumn(off int) int {
	p := f.Position(off)
	start := p.Offset - (p.Column - 1)
	return utf8.RuneCount(f.Src[start:p.Offset]) + 1
}

// Offset converts a 1-based line and 1-based byte column to a byte offset,
// clamped to the line.
func (f *File) Offset(line, col int) int {
	s, e := f.LineStart(line), f.LineEnd(line)
	off := s + col - 1
	if off < s {
		off = s
	}
	if off > e {
		off = e
	}
	return off
}

// Text returns the source text of r.
func (f *File) Text(r Range) string {
	if r.Start < 0 || r.End > len(f.Src) || r.Start > r.End {
		return ""
	}
	return f.str()[r.Start:r.End]
}

// TextOnly returns a File with only f's name, text, line index and parse
// errors: enough for positions (Position, RuneColumn, LineStart, ...) and
// Text, without the model, which the garbage collector can then free.
func (f *File) TextOnly() *File {
	return &File{Name: f.Name, Src: f.Src, Escape: f.Escape, HasBOM: f.HasBOM, Errors: f.Errors, lineStarts: f.lineStarts}
}

// str returns Src as a string, copied once: Text and Line hand out
// substrings of it instead of a copy per call.
func (f *File) str() string {
	f.srcOnce.Do(func() { f.srcStr = string(f.Src) })
	return f.srcStr
}

// linesRange returns the range covering lines first..last.
func (f *File) linesRange(first, last int) Range {
	return Range{Start: f.LineStart(first), End: f.LineEnd(last)}
}

// InstructionAt returns the instruction whose range contains off, or nil.
func (f *File) InstructionAt(off int) *Instruction {
	// instructions are in source order and do not overlap: look at the last
	// one starting at or before off, and the one before it
	ins := f.Instructions
	j := sort.Search(len(ins), func(i int) bool { return ins[i].Range.Start > off }) - 1
	for k := max(0, j-1); k <= j; k++ {
		if ins[k].Range.Contains(off) {
			return ins[k]
		}
	}
	return nil
}

// Stage returns the stage named name (case-insensitive, as BuildKit compares), or nil.
func (f *File) Stage(name string) *Stage {
	for _, s := range f.Stages {
		if s.Name != "" && strings.EqualFold(s.Name, name) {
			return s
		}
	}
	return nil
}

// FinalStage returns the last stage, or nil when there is none.
func (f *File) FinalStage() *Stage {
	if len(f.Stages) == 0 {
		return nil
	}
	return f.Stages[len(f.Stages)-1]
}

// quietLinter reports nothing; it is never written to (BuildKit copies it
// before merging a comment's config), so all parses can share it.
var quietLinter = linter.New(&linter.Config{})

// typedParse runs BuildKit's instruction parser on one node, turning panics into errors.
func typedParse(n *parser.Node) (v any, err error) {
	defer func() {
		if r := recover(); r != nil {
			v, err = nil, fmt.Errorf("internal instruction parser failure: %v", r)
		}
	}()
	// BuildKit merges a "# check=" comment above the instruction into the
	// linter's config and crashes when that linter is nil: pass an empty one.
	return instructions.ParseInstructionWithLinter(n, quietLinter)
}

// Memo returns the value stored under key, computing it with compute on first
// use. Rules use it to share facts derived from the file (computed once per
// parse, freed with the File). Keys should be unexported types of the caller.
func (f *File) Memo(key any, compute func() any) any {
	f.memoMu.Lock()
	e, ok := f.memo[key]
	if !ok {
		if f.memo == nil {
			f.memo = map[any]*memoEntry{}
		}
		e = &memoEntry{}
		f.memo[key] = e
	}
	f.memoMu.Unlock()
	// rules running in parallel wait for the first computation instead of
	// repeating it
	e.once.Do(func() { e.v = compute() })
	return e.v
}

type memoEntry struct {
	once sync.Once
	v    any
}
