package rules

import (
	"fmt"
)

// WorkdirRelativePath reports a relative WORKDIR with no absolute WORKDIR
// before it in the stage (BuildKit's check of the same name).
var WorkdirRelativePath = register(&Rule{
	ID:       "WorkdirRelativePath",
	Category: CategoryCorrectness,
	Severity: SeverityWarning,
	BuildKit: true,
	Doc: Doc{
		Title: "Relative WORKDIR without an absolute one before it",
		Description: "A relative WORKDIR is resolved against the working directory of the base image. When the " +
			"base image changes its WORKDIR in a new tag, every later COPY and RUN lands in a different " +
			"directory: files end up where the CMD does not look for them, and the layers no longer match the " +
			"cache. Set an absolute WORKDIR first; relative ones after it are fine. " +
			"As BuildKit does, layerlint checks only the first WORKDIR of a stage and of the stages it is " +
			"built FROM, after expanding variables (an undefined variable expands to nothing, so " +
			"`WORKDIR $APP_HOME` with no such variable is relative). hadolint's DL3000 is stricter: it rejects " +
			"every relative WORKDIR, so it is not an alias of this rule. " +
			"BuildKit reports this as a warning; so does layerlint.",
		Bad:  "FROM nginx\nWORKDIR usr/share/nginx/html\nCOPY public .\n",
		Good: "FROM nginx\nWORKDIR /usr/share/nginx/html\nCOPY public .\n",
	},
	Run: runWorkdirRelativePath,
})

func runWorkdirRelativePath(p *Pass) {
	for _, w := range bkSimulate(p.File).RelWorkdir {
		r := w.In.ArgsRange
		if r.End <= r.Start {
			r = bkLine(w.In)
		}
		p.Report(Diagnostic{
			Range:   r,
			Message: fmt.Sprintf("relative WORKDIR %q depends on the base image's working directory; set an absolute WORKDIR first", w.Path),
		})
	}
}
