package rules

import (
	"strconv"
	"strings"
)

// ExposePortOutOfRange reports EXPOSE of a port above 65535.
var ExposePortOutOfRange = register(&Rule{
	ID:       "ExposePortOutOfRange",
	Aliases:  []string{"DL3011"},
	Category: CategoryCorrectness,
	Severity: SeverityError,
	Doc: Doc{
		Title: "EXPOSE of a port outside 0-65535",
		Description: "TCP and UDP ports are 16-bit numbers. BuildKit rejects an EXPOSE of a larger port " +
			"(or a range reaching past 65535) and the build fails. Usually a digit slipped in: " +
			"`EXPOSE 80800` meant 8080 or 80.",
		Bad:  "FROM nginx:1.27\nEXPOSE 80800\n",
		Good: "FROM nginx:1.27\nEXPOSE 8080\n",
	},
	Run: runExposePortOutOfRange,
})

func runExposePortOutOfRange(p *Pass) {
	for _, at := range p.File.Instructions {
		in := at
		if at.Onbuild != nil {
			in = at.Onbuild
		}
		if in.Keyword != "expose" {
			continue
		}
		for _, a := range in.Args {
			spec, _, _ := strings.Cut(a.Value, "/")
			// a host:container mapping is another rule's business; judge the numbers
			for _, part := range strings.FieldsFunc(spec, func(r rune) bool { return r == '-' || r == ':' }) {
				n, err := strconv.ParseUint(part, 10, 64)
				if err == nil && n > 65535 {
					p.Reportf(a.Range, "port %s is out of range: ports go from 0 to 65535", part)
					break
				}
			}
		}
	}
}
