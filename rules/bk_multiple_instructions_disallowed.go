package rules

import (
	"fmt"
	"strings"

	"github.com/layerlint/layerlint/dockerfile"
)

// MultipleInstructionsDisallowed reports a CMD, ENTRYPOINT or HEALTHCHECK
// that a later one in the same stage overrides (BuildKit's check of the same
// name). The finding is on the overridden instruction, as in BuildKit.
var MultipleInstructionsDisallowed = register(&Rule{
	ID:       "MultipleInstructionsDisallowed",
	Aliases:  []string{"DL4003", "DL4004", "DL3012"},
	Category: CategoryCorrectness,
	Severity: SeverityWarning,
	BuildKit: true,
	Doc: Doc{
		Title: "Only the last CMD, ENTRYPOINT or HEALTHCHECK counts",
		Description: "A stage's image keeps only the last CMD, ENTRYPOINT and HEALTHCHECK; earlier ones are " +
			"silently dropped. Two of them in one stage usually mean a leftover or a misunderstanding (such as " +
			"expecting two CMDs to run two processes), and the image does not start what the reader " +
			"expects. The finding is on the instruction that has no effect; its alias is the hadolint code of " +
			"the instruction (DL4003 for CMD, DL4004 for ENTRYPOINT, DL3012 for HEALTHCHECK), so " +
			"`# hadolint ignore=DL4003` suppresses only the CMD case. The fix deletes the overridden " +
			"instruction, which leaves the image configuration unchanged; it is offered in editors but not " +
			"applied by `--fix`, because the author may have meant the other instruction to stay. " +
			"BuildKit reports this as a warning; so does layerlint.",
		Bad:  "FROM python:3.12-slim\nCMD [\"python\", \"-m\", \"http.server\"]\nCMD [\"python\", \"app.py\"]\n",
		Good: "FROM python:3.12-slim\nCMD [\"python\", \"app.py\"]\n",
	},
	Run: runMultipleInstructionsDisallowed,
})

var bkOverrideAlias = map[string]string{"cmd": "DL4003", "entrypoint": "DL4004", "healthcheck": "DL3012"}

func runMultipleInstructionsDisallowed(p *Pass) {
	f := p.File
	for _, o := range bkSimulate(f).Overrides {
		kw := strings.ToUpper(o.Prev.Keyword)
		line := f.Position(o.Next.Range.Start).Line
		p.Report(Diagnostic{
			Range:   o.Prev.KeywordRange,
			Alias:   bkOverrideAlias[o.Prev.Keyword],
			Message: fmt.Sprintf("this %s has no effect: the %s at line %d overrides it", kw, kw, line),
			Related: []Related{{Message: "the " + kw + " that takes effect", Range: o.Next.KeywordRange}},
			// not applied unreviewed: the author may have meant the other one
			Fixes: []Fix{{
				Title: "Delete the overridden " + kw,
				Safe:  false,
				Edits: []Edit{{Range: bkInstructionLines(f, o.Prev)}},
			}},
		})
	}
}

// bkInstructionLines is the range of the physical lines of in, the final line
// ending included, so that deleting it leaves no blank line behind.
func bkInstructionLines(f *dockerfile.File, in *dockerfile.Instruction) dockerfile.Range {
	return dockerfile.Range{Start: f.LineStart(in.StartLine), End: f.LineStart(in.EndLine + 1)}
}
