package rules

import (
	"strings"

	"github.com/moby/buildkit/frontend/dockerfile/instructions"
)

// MaintainerDeprecated reports the MAINTAINER instruction (BuildKit's check
// of the same name).
var MaintainerDeprecated = register(&Rule{
	ID:       "MaintainerDeprecated",
	Aliases:  []string{"DL4000"},
	Category: CategoryStyle,
	Severity: SeverityWarning,
	BuildKit: true,
	Doc: Doc{
		Title: "MAINTAINER is deprecated",
		Description: "MAINTAINER only sets the image's legacy Author field, which OCI tooling and registries do " +
			"not show. The label `org.opencontainers.image.authors` carries the same information where " +
			"`docker inspect`, registries and scanners look for it. The fix replaces the instruction with " +
			"that label, quoting the value so that it is not expanded, and writes LABEL in the case most " +
			"instructions of the file use. " +
			"BuildKit reports this as a warning (hadolint's DL4000 as an error); layerlint reports a warning.",
		Bad:  "FROM alpine\nMAINTAINER Jane Doe <jane@example.com>\n",
		Good: "FROM alpine\nLABEL org.opencontainers.image.authors=\"Jane Doe <jane@example.com>\"\n",
	},
	Run: runMaintainerDeprecated,
})

func runMaintainerDeprecated(p *Pass) {
	f := p.File
	for _, in := range f.Instructions {
		if in.Keyword != "maintainer" {
			continue
		}
		d := Diagnostic{
			Range:   in.KeywordRange,
			Message: "MAINTAINER is deprecated; use LABEL org.opencontainers.image.authors",
		}
		// blank continuation lines are NoEmptyContinuation's to delete
		if c, ok := bkCommand(in).(*instructions.MaintainerCommand); ok && len(emptyContinuationLines(f, in)) == 0 {
			kw := "LABEL"
			if bkLowerMajority(f) {
				kw = "label"
			}
			d.Fixes = []Fix{{
				Title: "Replace with LABEL org.opencontainers.image.authors",
				Safe:  true,
				Edits: []Edit{{Range: in.LineRange(), NewText: kw + " org.opencontainers.image.authors=" + bkQuote(c.Maintainer, f.Escape)}},
			}}
		}
		p.Report(d)
	}
}

// bkQuote double-quotes s for a Dockerfile word that BuildKit expands, so
// that it reads back as exactly s: the escape character, quotes and $ are
// escaped.
func bkQuote(s string, esc byte) string {
	var b strings.Builder
	b.WriteByte('"')
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == esc || c == '"' || c == '$' {
			b.WriteByte(esc)
		}
		b.WriteByte(c)
	}
	b.WriteByte('"')
	return b.String()
}
