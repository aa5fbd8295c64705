package rules

import (
	"fmt"
	"strings"

	"github.com/layerlint/layerlint/dockerfile"
)

// ExposeProtoCasing reports an upper-case protocol in EXPOSE (BuildKit's
// check of the same name).
var ExposeProtoCasing = register(&Rule{
	ID:       "ExposeProtoCasing",
	Category: CategoryStyle,
	Severity: SeverityWarning,
	BuildKit: true,
	Doc: Doc{
		Title: "EXPOSE protocols should be lowercase",
		Description: "BuildKit accepts `EXPOSE 53/UDP` and records the port as `53/udp`, but other tools that " +
			"read the Dockerfile (compose files, scanners, documentation) compare protocols as written. " +
			"Writing them in lowercase keeps every reader in agreement. The fix lowercases the protocol. " +
			"BuildKit reports this as a warning; so does layerlint.",
		Bad:  "FROM nginx\nEXPOSE 80/TCP\n",
		Good: "FROM nginx\nEXPOSE 80/tcp\n",
	},
	Run: runExposeProtoCasing,
})

func runExposeProtoCasing(p *Pass) {
	f := p.File
	for _, s := range bkExposeSpecs(f) {
		lower := strings.ToLower(s.Proto)
		if s.Proto == lower {
			continue
		}
		d := Diagnostic{
			Range:   s.rangeOf(f),
			Message: fmt.Sprintf("protocol %q in EXPOSE %s should be lowercase", s.Proto, s.Word),
		}
		if a, ok := s.literalArg(f); ok {
			end := a.Range.End
			d.Fixes = []Fix{{
				Title: fmt.Sprintf("Write %q", lower),
				Safe:  true,
				Edits: []Edit{{Range: dockerfile.Range{Start: end - len(s.Proto), End: end}, NewText: lower}},
			}}
		}
		p.Report(d)
	}
}
