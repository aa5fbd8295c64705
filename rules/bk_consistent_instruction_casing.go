package rules

import (
	"fmt"
	"strings"

	"github.com/layerlint/layerlint/dockerfile"
)

// ConsistentInstructionCasing reports instruction keywords whose case differs
// from the majority of the file (BuildKit's check of the same name).
var ConsistentInstructionCasing = register(&Rule{
	ID:       "ConsistentInstructionCasing",
	Category: CategoryStyle,
	Severity: SeverityWarning,
	BuildKit: true,
	Doc: Doc{
		Title: "Instructions should all use the same case",
		Description: "Instruction keywords are case-insensitive, so `run` and `RUN` build the same layer; mixing them " +
			"only makes the file harder to read and to search. As BuildKit does, layerlint counts the " +
			"instructions written all lower-case and all upper-case, takes the more common one (upper-case " +
			"on a tie) and reports every keyword that differs, including mixed-case ones such as `Run`. " +
			"Like BuildKit, it looks only at the instructions of the stages: ARGs before the first FROM are " +
			"neither counted nor reported. The fix rewrites the keyword in the majority case. " +
			"BuildKit reports this as a warning (`docker build --check` fails on it); so does layerlint.",
		Bad:  "FROM alpine\nRUN apk add --no-cache curl\ncopy . /app\n",
		Good: "FROM alpine\nRUN apk add --no-cache curl\nCOPY . /app\n",
	},
	Run: runConsistentInstructionCasing,
})

func runConsistentInstructionCasing(p *Pass) {
	f := p.File
	ins := bkCasedInstructions(f)
	majority, conv := "uppercase", strings.ToUpper
	if bkLowerMajority(f) {
		majority, conv = "lowercase", strings.ToLower
	}
	for _, in := range ins {
		kw := in.Node.Value
		want := conv(kw)
		if kw == want {
			continue
		}
		d := Diagnostic{
			Range:   in.KeywordRange,
			Message: fmt.Sprintf("'%s' is not %s like most instructions in this file; write '%s'", kw, majority, want),
		}
		// MAINTAINER is replaced by MaintainerDeprecated's fix, in the majority case
		if f.Text(in.KeywordRange) == kw && in.Keyword != "maintainer" {
			d.Fixes = []Fix{{Title: fmt.Sprintf("Write '%s'", want), Safe: true, Edits: []Edit{{Range: in.KeywordRange, NewText: want}}}}
		}
		p.Report(d)
	}
}

// bkCasedInstructions returns the instructions BuildKit counts for the
// casing vote: those of the stages (global ARGs excluded) with a known keyword.
func bkCasedInstructions(f *dockerfile.File) []*dockerfile.Instruction {
	return f.Memo(bkCasedKey{}, func() any {
		var ins []*dockerfile.Instruction
		for _, st := range f.Stages {
			if in := st.From; in.Node != nil && bkKnownInstruction(in.Node.Value) {
				ins = append(ins, in)
			}
			for _, in := range st.Instructions {
				if in.Node != nil && bkKnownInstruction(in.Node.Value) {
					ins = append(ins, in)
				}
			}
		}
		return ins
	}).([]*dockerfile.Instruction)
}

type bkCasedKey struct{}

// bkLowerMajority reports whether more instructions are written in lower
// case than in upper case (a tie goes to upper case, as in BuildKit).
func bkLowerMajority(f *dockerfile.File) bool {
	lower, upper := 0, 0
	for _, in := range bkCasedInstructions(f) {
		// instruction names are letters: one case or the other (ToUpper
		// first: it does not copy a name that is already upper case, the
		// usual spelling)
		switch kw := in.Node.Value; kw {
		case strings.ToUpper(kw):
			upper++
		case strings.ToLower(kw):
			lower++
		}
	}
	return lower > upper
}
