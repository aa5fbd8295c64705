package rules

import (
	"fmt"
)

// ReservedStageName reports a stage named like one of BuildKit's reserved
// sources (BuildKit's check of the same name).
var ReservedStageName = register(&Rule{
	ID:       "ReservedStageName",
	Aliases:  []string{"DL3063"},
	Category: CategoryCorrectness,
	Severity: SeverityWarning,
	BuildKit: true,
	Doc: Doc{
		Title: "Stage names should not be scratch or context",
		Description: "`scratch` is the empty image and `context` names the build context in named-context builds " +
			"(`--build-context`). A stage called either shadows the reserved meaning in some places and not " +
			"in others, so `FROM scratch` or `COPY --from=context` can refer to something other than what the " +
			"reader expects and the image content changes. Choose another name. " +
			"BuildKit reports this as a warning; so does layerlint.",
		Bad:  "FROM alpine AS scratch\nRUN echo hi > /greeting\n",
		Good: "FROM alpine AS base\nRUN echo hi > /greeting\n",
	},
	Run: runReservedStageName,
})

func runReservedStageName(p *Pass) {
	for _, st := range p.File.Stages {
		name := bkStageName(st)
		if name != "scratch" && name != "context" {
			continue
		}
		r := st.NameRange
		if r.End <= r.Start {
			r = bkLine(st.From)
		}
		p.Report(Diagnostic{Range: r, Message: fmt.Sprintf("stage name %q is reserved by BuildKit; choose another name", name)})
	}
}
