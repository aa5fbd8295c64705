package rules

import (
	"fmt"

	"github.com/moby/buildkit/frontend/dockerfile/instructions"
)

// InvalidDefaultArgInFrom reports a FROM whose image name, with the global
// ARGs at their default values, is empty or invalid (BuildKit's check of the
// same name).
var InvalidDefaultArgInFrom = register(&Rule{
	ID:       "InvalidDefaultArgInFrom",
	Category: CategoryCorrectness,
	Severity: SeverityWarning,
	BuildKit: true,
	Doc: Doc{
		Title: "FROM gives an invalid image name with default ARGs",
		Description: "`ARG TAG` followed by `FROM alpine:$TAG` works only when every build passes " +
			"`--build-arg TAG=...`; a plain `docker build` expands the name to `alpine:` and fails. Give the " +
			"ARG a default (`ARG TAG=3.20`) so that the file builds as it is, and `--build-arg` still " +
			"overrides it. As BuildKit does, layerlint expands the image name with the default values of the " +
			"ARGs declared before the first FROM and checks that the result is a valid image reference; " +
			"a constant name that is invalid (upper-case letters, a placeholder such as `<image>`) is " +
			"reported too. BuildKit reports this as a warning; so does layerlint.",
		Bad:  "ARG TAG\nFROM alpine:$TAG\n",
		Good: "ARG TAG=3.20\nFROM alpine:$TAG\n",
	},
	Run: runInvalidDefaultArgInFrom,
})

func runInvalidDefaultArgInFrom(p *Pass) {
	f := p.File
	g := bkSimulate(f).Globals
	// BuildKit gives up on the check when a default does not expand
	if g.failed {
		return
	}
	for _, st := range f.Stages {
		in := st.From
		base := st.BaseRaw
		if args := bkNodeArgs(in); len(args) > 0 {
			base = args[0]
		}
		if c, ok := bkCommand(in).(*instructions.Stage); ok {
			base = c.BaseName
		} else if bkCommand(in) == nil {
			continue // the FROM does not parse: ParseError reports it
		}
		res, err := bkFromWord(f, g, base)
		if err != nil || bkValidReference(res.Result) {
			continue
		}
		r := bkLine(in)
		if len(in.Args) > 0 {
			r = in.Args[0].Range
		}
		msg := fmt.Sprintf("with the default values of its ARGs, FROM %s gives %q, which is not a valid image name", base, res.Result)
		if res.Result == "" {
			msg = fmt.Sprintf("with the default values of its ARGs, FROM %s gives an empty image name", base)
		} else if res.Result == base {
			msg = fmt.Sprintf("%q is not a valid image name", base)
		}
		p.Report(Diagnostic{Range: r, Message: msg})
	}
}
