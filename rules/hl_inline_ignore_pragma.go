package rules

import (
	"fmt"
	"strings"
)

// InlineIgnorePragma reports ignore comments that apply to one instruction.
var InlineIgnorePragma = register(&Rule{
	ID:           "InlineIgnorePragma",
	Aliases:      []string{"DL1001"},
	Category:     CategoryStyle,
	Severity:     SeverityInfo,
	OffByDefault: true,
	Doc: Doc{
		Title: "An inline ignore comment",
		Description: "`# hadolint ignore=...` and `# layerlint ignore=...` silence rules for the next " +
			"instruction. A team that wants every exception to go through the shared configuration (where " +
			"it is visible and reviewed once) can enable this rule to flag such comments. File-wide " +
			"`global ignore` comments are not reported. Off by default.",
		Bad:  "FROM debian:bookworm\n# hadolint ignore=DL3008\nRUN apt-get install -y curl\n",
		Good: "FROM debian:bookworm\nRUN apt-get install -y curl\n",
	},
	Run: runInlineIgnorePragma,
})

func runInlineIgnorePragma(p *Pass) {
	for _, c := range p.File.Comments {
		names, global, ok := parseIgnoreComment(c.Text)
		if !ok || global {
			continue
		}
		tool, _, _ := strings.Cut(strings.TrimSpace(c.Text), " ")
		d := Diagnostic{
			Range:   c.Range,
			Message: fmt.Sprintf("inline %s ignore of %s; keep exceptions in the configuration", strings.ToLower(tool), strings.Join(names, ", ")),
		}
		// the finding sits on the instruction the comment silences
		for _, in := range p.File.Instructions {
			if in.Range.Start > c.Range.Start {
				d.Range = in.KeywordRange
				d.Related = []Related{{Message: "the ignore comment", Range: c.Range}}
				break
			}
		}
		p.Report(d)
	}
}
