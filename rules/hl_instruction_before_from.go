package rules

import (
	"errors"
	"strings"

	"github.com/moby/buildkit/frontend/dockerfile/instructions"
)

// InstructionBeforeFrom reports instructions other than ARG before the
// first FROM.
var InstructionBeforeFrom = register(&Rule{
	ID:       "InstructionBeforeFrom",
	Aliases:  []string{"DL3061"},
	Category: CategoryCorrectness,
	Severity: SeverityError,
	Doc: Doc{
		Title: "An instruction other than ARG before the first FROM",
		Description: "A Dockerfile starts with parser directives, comments and global ARGs, then a FROM. Any " +
			"other instruction before the first FROM has no stage to belong to, and BuildKit refuses the " +
			"file: the build fails. Move the instruction after the FROM it belongs to.",
		Bad:  "LABEL org.opencontainers.image.source=https://github.com/org/app\nFROM alpine:3.20\n",
		Good: "FROM alpine:3.20\nLABEL org.opencontainers.image.source=https://github.com/org/app\n",
	},
	Run: runInstructionBeforeFrom,
})

func runInstructionBeforeFrom(p *Pass) {
	for _, in := range p.File.Instructions {
		if in.Keyword == "from" {
			return
		}
		var unknown *instructions.UnknownInstructionError
		if errors.As(in.Err, &unknown) {
			continue // not an instruction at all: ParseError reports it
		}
		if in.Keyword != "arg" {
			p.Reportf(in.KeywordRange, "%s comes before the first FROM; only ARG may precede it", strings.ToUpper(in.Keyword))
		}
	}
}
