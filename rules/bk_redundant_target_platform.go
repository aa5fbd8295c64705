package rules

import (
	"fmt"

	"github.com/layerlint/layerlint/dockerfile"
	"github.com/moby/buildkit/frontend/dockerfile/instructions"
)

// RedundantTargetPlatform reports FROM --platform=$TARGETPLATFORM (BuildKit's
// check of the same name).
var RedundantTargetPlatform = register(&Rule{
	ID:       "RedundantTargetPlatform",
	Aliases:  []string{"DL3065"},
	Category: CategoryStyle,
	Severity: SeverityWarning,
	BuildKit: true,
	Doc: Doc{
		Title: "FROM --platform=$TARGETPLATFORM is the default",
		Description: "A stage is built for the target platform unless FROM says otherwise, so " +
			"`--platform=$TARGETPLATFORM` changes nothing. It suggests a cross-platform setup that is not " +
			"there, and hides the stages that really pin a platform (`--platform=$BUILDPLATFORM`). As in " +
			"BuildKit, the flag is reported when its value is exactly the TARGETPLATFORM variable. " +
			"The fix removes the flag. BuildKit reports this as a warning; so does layerlint.",
		Bad:  "FROM --platform=$TARGETPLATFORM alpine\nRUN uname -m\n",
		Good: "FROM alpine\nRUN uname -m\n",
	},
	Run: runRedundantTargetPlatform,
})

func runRedundantTargetPlatform(p *Pass) {
	f := p.File
	g := bkSimulate(f).Globals
	for _, st := range f.Stages {
		in := st.From
		platform := st.Platform
		if c, ok := bkCommand(in).(*instructions.Stage); ok {
			platform = c.Platform
		}
		if platform == "" {
			continue
		}
		res, err := bkFromWord(f, g, platform)
		if err != nil || len(res.Matched) != 1 || len(res.Unmatched) != 0 {
			continue
		}
		if _, ok := res.Matched["TARGETPLATFORM"]; !ok {
			continue
		}
		if v, _ := g.args.Get("TARGETPLATFORM"); res.Result != v {
			continue
		}
		d := Diagnostic{
			Range:   bkLine(in),
			Message: fmt.Sprintf("--platform=%s is what FROM does by default; remove the flag", platform),
		}
		if fl := in.Flag("platform"); fl != nil {
			d.Range = fl.Range
			end := fl.Range.End
			for end < len(f.Src) && (f.Src[end] == ' ' || f.Src[end] == '\t') {
				end++
			}
			d.Fixes = []Fix{{Title: "Remove --platform", Safe: true, Edits: []Edit{{Range: dockerfile.Range{Start: fl.Range.Start, End: end}}}}}
		}
		p.Report(d)
	}
}
