package dockerfile

import (
	"strings"

	"github.com/moby/buildkit/frontend/dockerfile/parser"
)

// Instruction is one Dockerfile instruction with exact source ranges.
type Instruction struct {
	Index   int    // position in File.Instructions
	Keyword string // lower-case instruction name ("run", "copy", ...)
	// Range spans from the keyword to the end of the instruction, heredoc
	// bodies and terminators included.
	Range        Range
	KeywordRange Range
	// ArgsRange spans the arguments after the flags, up to the end of the
	// instruction line (heredoc bodies excluded).
	ArgsRange Range
	Flags     []Flag
	// Args are the argument words, located in the source. For the exec (JSON)
	// form each element is one Arg whose Value is the decoded string. For
	// shell-form RUN, CMD and ENTRYPOINT there is a single Arg holding the
	// whole command text (continuations removed).
	Args     []Arg
	JSONForm bool
	Heredocs []Heredoc
	// Comments are the comment lines directly above the instruction (BuildKit's PrevComment).
	Comments []string
	// StartLine and EndLine are 1-based physical lines covered by Range.
	StartLine, EndLine int

	// Node is BuildKit's node for this instruction.
	Node *parser.Node
	// Command is BuildKit's typed instruction (*instructions.RunCommand, *instructions.Stage
	// for FROM, ...), nil when BuildKit rejects the instruction (see Err).
	Command any
	Err     error

	// Stage is the stage the instruction belongs to; nil for global ARGs.
	Stage *Stage
	// Run describes the shell commands of RUN (and of shell-form CMD/ENTRYPOINT is not parsed).
	Run *RunBody

	// Onbuild is the wrapped instruction of ONBUILD, with its own ranges.
	Onbuild *Instruction

	logical *logicalLine
}

// Flag is one --name[=value] flag of an instruction.
type Flag struct {
	Name       string // without the leading "--"
	Value      string // unquoted value ("" when absent)
	HasValue   bool
	Range      Range // the whole flag
	ValueRange Range // the value, empty at the end of Range when absent
}

// Arg is one argument word.
type Arg struct {
	Raw   string // text as written on the logical line (quotes kept)
	Value string // the word with quotes and escapes removed (JSON-decoded in exec form)
	Range Range
}

// Heredoc is a here-document attached to an instruction.
type Heredoc struct {
	Name       string // the delimiter word
	Expand     bool   // variables are expanded in the body (unquoted delimiter)
	Chomp      bool   // <<- form: leading tabs removed
	Content    string // body as BuildKit sees it
	BodyRange  Range  // the body lines, line endings included
	Terminator Range  // the terminator line content
}

// Flag returns the first flag named name (without "--"), or nil.
func (in *Instruction) Flag(name string) *Flag {
	for i := range in.Flags {
		if in.Flags[i].Name == name {
			return &in.Flags[i]
		}
	}
	return nil
}

// FlagValues returns the values of every flag named name.
func (in *Instruction) FlagValues(name string) []string {
	var vs []string
	for _, f := range in.Flags {
		if f.Name == name {
			vs = append(vs, f.Value)
		}
	}
	return vs
}

// Is reports whether the instruction's keyword is kw (case-insensitive).
func (in *Instruction) Is(kw string) bool { return strings.EqualFold(in.Keyword, kw) }

// RawKeyword is the keyword as written.
func (in *Instruction) RawKeyword(f *File) string { return f.Text(in.KeywordRange) }

// LineRange is the instruction line itself: from the keyword to the end of the
// logical line (heredoc bodies excluded).
func (in *Instruction) LineRange() Range {
	return Range{Start: in.Range.Start, End: in.ArgsRange.End}
}

// SourceOffset maps an offset in the instruction's logical line (the text
// BuildKit sees after joining continuation lines, Node.Original) to a byte
// offset in File.Src.
func (in *Instruction) SourceOffset(logical int) int {
	if in.logical == nil {
		return in.Range.Start
	}
	return in.logical.src(logical)
}

// Logical returns the instruction's logical line (continuations joined).
func (in *Instruction) Logical() string {
	if in.logical == nil {
		return ""
	}
	return string(in.logical.text)
}

// LogicalRange maps a logical-line span to a source range.
func (in *Instruction) LogicalRange(start, end int) Range {
	if in.logical == nil {
		return in.Range
	}
	return in.logical.rng(start, end)
}
