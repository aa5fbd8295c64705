package rules

import (
	"fmt"
	"sort"

	"github.com/layerlint/layerlint/dockerfile"
	"github.com/moby/buildkit/frontend/dockerfile/instructions"
	"github.com/moby/buildkit/util/suggest"
)

// UndefinedArgInFrom reports a variable in FROM that no global ARG declares
// (BuildKit's check of the same name).
var UndefinedArgInFrom = register(&Rule{
	ID:       "UndefinedArgInFrom",
	Category: CategoryCorrectness,
	Severity: SeverityWarning,
	BuildKit: true,
	Doc: Doc{
		Title: "FROM uses an ARG that is not declared",
		Description: "FROM can only use the ARGs declared before the first FROM (plus BuildKit's predefined " +
			"platform arguments such as TARGETARCH). Any other variable expands to an empty string: " +
			"`FROM alpine:${ALPINE_VERSION}` becomes `alpine:` and the build fails, or a different image " +
			"than intended is pulled. A typo (`$ALPNE_VERSION`) is the usual cause; the message suggests the " +
			"closest declared name. Declare the ARG before the first FROM. " +
			"The check covers the image name and the --platform flag. BuildKit reports this as a warning; " +
			"so does layerlint.",
		Bad:  "ARG ALPINE_VERSION=3.20\nFROM alpine:${ALPNE_VERSION}\n",
		Good: "ARG ALPINE_VERSION=3.20\nFROM alpine:${ALPINE_VERSION}\n",
	},
	Run: runUndefinedArgInFrom,
})

func runUndefinedArgInFrom(p *Pass) {
	f := p.File
	g := bkSimulate(f).Globals
	var declared []string
	for k := range g.declared {
		declared = append(declared, k)
	}
	sort.Strings(declared)
	for _, st := range f.Stages {
		in := st.From
		base, platform := st.BaseRaw, st.Platform
		if args := bkNodeArgs(in); len(args) > 0 {
			base = args[0]
		}
		if c, ok := bkCommand(in).(*instructions.Stage); ok {
			base, platform = c.BaseName, c.Platform
		}
		baseRange := bkLine(in)
		if len(in.Args) > 0 {
			baseRange = in.Args[0].Range
		}
		check := func(word string, r dockerfile.Range) {
			res, _ := bkFromWord(f, g, word)
			var names []string
			for name := range res.Unmatched {
				if !g.declared[name] {
					names = append(names, name)
				}
			}
			sort.Strings(names)
			for _, name := range names {
				msg := fmt.Sprintf("FROM uses $%s, which no ARG before the first FROM declares", name)
				if s, ok := suggest.Search(name, declared, true); ok {
					msg += fmt.Sprintf(" (did you mean $%s?)", s)
				}
				p.Report(Diagnostic{Range: bkVarRange(f, r, name), Message: msg})
			}
		}
		check(base, baseRange)
		if platform != "" {
			r := bkLine(in)
			if fl := in.Flag("platform"); fl != nil {
				r = fl.ValueRange
			}
			check(platform, r)
		}
	}
}
