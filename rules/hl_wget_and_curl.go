package rules

import (
	"fmt"

	"github.com/layerlint/layerlint/dockerfile"
)

// WgetAndCurl reports a stage that uses both wget and curl.
var WgetAndCurl = register(&Rule{
	ID:       "WgetAndCurl",
	Aliases:  []string{"DL4001"},
	Category: CategorySize,
	Severity: SeverityInfo,
	Doc: Doc{
		Title: "Both wget and curl are used in one stage",
		Description: "wget and curl do the same job here. Using both usually means installing both, with " +
			"their TLS and protocol libraries, in the image, and two tools whose flags, retries and error " +
			"handling differ. Pick one for the stage. The finding sits on the first use of the second tool " +
			"and points at the first use of the other.",
		Bad:  "FROM debian:bookworm\nRUN curl -fsSLo /tmp/a.tgz https://example.com/a.tgz\nRUN wget -q -O /tmp/b.tgz https://example.com/b.tgz\n",
		Good: "FROM debian:bookworm\nRUN curl -fsSLo /tmp/a.tgz https://example.com/a.tgz\nRUN curl -fsSLo /tmp/b.tgz https://example.com/b.tgz\n",
	},
	Run: runWgetAndCurl,
})

func runWgetAndCurl(p *Pass) {
	first := map[*dockerfile.Stage]map[string]*dockerfile.Command{}
	reported := map[*dockerfile.Stage]bool{}
	for _, r := range hlRuns(p.File) {
		s := r.At.Stage
		if s == nil || reported[s] {
			continue
		}
		if first[s] == nil {
			first[s] = map[string]*dockerfile.Command{}
		}
		for _, c := range r.In.Run.Commands {
			n := c.Name()
			if c.Nested || (n != "curl" && n != "wget") {
				continue
			}
			if first[s][n] == nil {
				first[s][n] = c
			}
			other := "curl"
			if n == "curl" {
				other = "wget"
			}
			if o := first[s][other]; o != nil {
				reported[s] = true
				p.Report(Diagnostic{
					Range:   hlNameRange(c),
					Message: fmt.Sprintf("%s is used in a stage that also uses %s (line %d); use one of them", n, other, p.File.Position(o.Range.Start).Line),
					Related: []Related{{Message: other + " is used here", Range: hlNameRange(o)}},
				})
				break
			}
		}
	}
}
