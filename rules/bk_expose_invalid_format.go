package rules

import (
	"fmt"
	"strings"

	"github.com/layerlint/layerlint/dockerfile"
)

// ExposeInvalidFormat reports an EXPOSE word with an IP address or a host
// port (BuildKit's check of the same name).
var ExposeInvalidFormat = register(&Rule{
	ID:       "ExposeInvalidFormat",
	Category: CategoryCorrectness,
	Severity: SeverityWarning,
	BuildKit: true,
	Doc: Doc{
		Title: "EXPOSE takes container ports, not host mappings",
		Description: "EXPOSE records which ports the container listens on; publishing them on the host is " +
			"`docker run -p`'s job. BuildKit accepts `EXPOSE 8080:80` or `EXPOSE 127.0.0.1:8080:80` but " +
			"keeps only the container port (80), so the host part has no effect and misleads the reader; " +
			"BuildKit announces that it will become an error, which would break the build. The fix removes " +
			"the address and host port, which leaves the exposed ports unchanged. " +
			"BuildKit reports this as a warning; so does layerlint.",
		Bad:  "FROM nginx\nEXPOSE 8080:80\n",
		Good: "FROM nginx\nEXPOSE 80\n",
	},
	Run: runExposeInvalidFormat,
})

func runExposeInvalidFormat(p *Pass) {
	f := p.File
	for _, s := range bkExposeSpecs(f) {
		if s.IP == "" && s.Host == "" {
			continue
		}
		d := Diagnostic{
			Range:   s.rangeOf(f),
			Message: fmt.Sprintf("EXPOSE %s maps a host address or port, which EXPOSE ignores; expose %s only", s.Word, s.Container),
		}
		if a, ok := s.literalArg(f); ok {
			i := strings.LastIndexByte(s.Word, ':')
			d.Fixes = []Fix{{
				Title: "Keep only the container port",
				Safe:  true,
				Edits: []Edit{{Range: dockerfile.Range{Start: a.Range.Start, End: a.Range.Start + i + 1}}},
			}}
		}
		p.Report(d)
	}
}
