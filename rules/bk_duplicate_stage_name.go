package rules

import (
	"fmt"

	"github.com/layerlint/layerlint/dockerfile"
	"github.com/moby/buildkit/frontend/dockerfile/instructions"
)

// DuplicateStageName reports a stage name already used by an earlier stage
// (BuildKit's check of the same name).
var DuplicateStageName = register(&Rule{
	ID:       "DuplicateStageName",
	Aliases:  []string{"DL3024"},
	Category: CategoryCorrectness,
	Severity: SeverityWarning,
	BuildKit: true,
	Doc: Doc{
		Title: "Stage names should be unique",
		Description: "When two stages share a name, `COPY --from=<name>`, `FROM <name>` and `--target <name>` " +
			"silently pick one of them: references after the second definition reach the second stage, " +
			"`--target` the last one. Copying from the wrong stage builds a different image, and the stage " +
			"that is no longer referenced is wasted work. Names are compared case-insensitively, as BuildKit " +
			"lowercases them. Give every stage its own name. " +
			"BuildKit reports this as a warning (hadolint's DL3024 as an error); layerlint reports a warning.",
		Bad:  "FROM golang:1.22 AS build\nRUN go version\n\nFROM node:20 AS build\nRUN npm --version\n",
		Good: "FROM golang:1.22 AS build-api\nRUN go version\n\nFROM node:20 AS build-web\nRUN npm --version\n",
	},
	Run: runDuplicateStageName,
})

// bkStageName returns the stage name BuildKit uses for st (lowercased), ""
// when the stage has no name or BuildKit rejects the FROM.
func bkStageName(st *dockerfile.Stage) string {
	if c, ok := bkCommand(st.From).(*instructions.Stage); ok {
		return c.Name
	}
	return ""
}

func runDuplicateStageName(p *Pass) {
	seen := map[string]*dockerfile.Stage{}
	for _, st := range p.File.Stages {
		name := bkStageName(st)
		if name == "" {
			continue
		}
		first, dup := seen[name]
		if !dup {
			seen[name] = st
			continue
		}
		r := st.NameRange
		if r.End <= r.Start {
			r = bkLine(st.From)
		}
		line := p.File.Position(first.From.Range.Start).Line
		p.Report(Diagnostic{
			Range:   r,
			Message: fmt.Sprintf("stage name %q is already used by the stage at line %d", name, line),
			Related: []Related{{Message: "first stage named " + name, Range: first.NameRange}},
		})
	}
}
