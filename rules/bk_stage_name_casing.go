package rules

import (
	"fmt"
	"regexp"
	"strings"
)

// StageNameCasing reports a stage name with upper-case letters (BuildKit's
// check of the same name).
var StageNameCasing = register(&Rule{
	ID:       "StageNameCasing",
	Category: CategoryStyle,
	Severity: SeverityWarning,
	BuildKit: true,
	Doc: Doc{
		Title: "Stage names should be lowercase",
		Description: "BuildKit lowercases stage names: `FROM golang AS Builder` defines a stage called `builder`, " +
			"and `--target`, `COPY --from` and `RUN --mount=from=` look names up case-insensitively. " +
			"A name written with capitals therefore reads as if case mattered while it does not, and " +
			"`FROM Builder` does not even find the stage: it is read as an image name, which must be " +
			"lowercase, and the build fails. Write stage names in lowercase. " +
			"The fix lowercases the name; references to it keep working because they are case-insensitive. " +
			"BuildKit reports this as a warning (`docker build --check` fails on it); so does layerlint.",
		Bad:  "FROM golang:1.22 AS BuildStage\nRUN go version\n",
		Good: "FROM golang:1.22 AS build-stage\nRUN go version\n",
	},
	Run: runStageNameCasing,
})

// bkValidStageName is the form BuildKit accepts for a lowercased stage name.
var bkValidStageName = regexp.MustCompile(`^[a-z][a-z0-9-_.]*$`)

func runStageNameCasing(p *Pass) {
	f := p.File
	for _, st := range f.Stages {
		args := bkNodeArgs(st.From)
		// BuildKit checks the name only in the exact form FROM <image> AS <name>
		if len(args) != 3 {
			continue
		}
		name := args[2]
		lower := strings.ToLower(name)
		if name == lower {
			continue
		}
		r := st.NameRange
		if r.End <= r.Start {
			r = bkLine(st.From)
		}
		d := Diagnostic{Range: r, Message: fmt.Sprintf("stage name %q has upper-case letters; BuildKit reads it as %q", name, lower)}
		// the name must be a plain word that stays valid once lowercased
		if f.Text(st.NameRange) == name && bkValidStageName.MatchString(lower) {
			d.Fixes = []Fix{{
				Title: fmt.Sprintf("Rename the stage to %q", lower),
				Safe:  true,
				Edits: []Edit{{Range: st.NameRange, NewText: lower}},
			}}
		}
		p.Report(d)
	}
}
