package rules

import "strings"

// OnbuildInvalidTrigger reports ONBUILD ONBUILD, ONBUILD FROM and ONBUILD
// MAINTAINER.
var OnbuildInvalidTrigger = register(&Rule{
	ID:       "OnbuildInvalidTrigger",
	Aliases:  []string{"DL3043"},
	Category: CategoryCorrectness,
	Severity: SeverityError,
	Doc: Doc{
		Title: "ONBUILD with ONBUILD, FROM or MAINTAINER",
		Description: "ONBUILD records an instruction to run when another Dockerfile builds FROM this image. " +
			"BuildKit refuses three of them as triggers, and the build fails: ONBUILD (triggers cannot be " +
			"chained), FROM (a trigger cannot start a stage in the child's build) and MAINTAINER. Move the " +
			"instruction into the child Dockerfile, or use a LABEL for the maintainer.",
		Bad:  "FROM alpine:3.20\nONBUILD FROM alpine:3.20\n",
		Good: "FROM alpine:3.20\nONBUILD RUN echo building on this image\n",
	},
	Run: runOnbuildInvalidTrigger,
})

func runOnbuildInvalidTrigger(p *Pass) {
	for _, in := range p.File.Instructions {
		if in.Keyword != "onbuild" || in.Onbuild == nil {
			continue
		}
		switch kw := in.Onbuild.Keyword; kw {
		case "onbuild", "from", "maintainer":
			p.Reportf(in.Onbuild.KeywordRange, "%s is not allowed as an ONBUILD trigger", strings.ToUpper(kw))
		}
	}
}
