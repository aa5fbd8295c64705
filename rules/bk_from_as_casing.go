package rules

import (
	"fmt"
	"strings"
)

// FromAsCasing reports an AS keyword whose case differs from its FROM
// (BuildKit's check of the same name).
var FromAsCasing = register(&Rule{
	ID:       "FromAsCasing",
	Category: CategoryStyle,
	Severity: SeverityWarning,
	BuildKit: true,
	Doc: Doc{
		Title: "The AS keyword should match the case of FROM",
		Description: "`FROM node:20 as build` mixes an upper-case instruction with a lower-case `as`. " +
			"The build is the same either way; the mismatch only makes the file harder to scan for stage " +
			"boundaries. Like BuildKit, layerlint checks only a `FROM` written all upper-case or all " +
			"lower-case (a mixed-case `From` is left to ConsistentInstructionCasing). " +
			"The fix rewrites `AS` in the case of its `FROM`. " +
			"BuildKit reports this as a warning (`docker build --check` fails on it); so does layerlint.",
		Bad:  "FROM node:20 as build\nRUN npm --version\n",
		Good: "FROM node:20 AS build\nRUN npm --version\n",
	},
	Run: runFromAsCasing,
})

func runFromAsCasing(p *Pass) {
	f := p.File
	for _, st := range f.Stages {
		in := st.From
		args := bkNodeArgs(in)
		if len(args) < 3 || in.Node == nil {
			continue
		}
		from, as := in.Node.Value, args[1]
		var want string
		switch from {
		case strings.ToLower(from):
			want = strings.ToLower(as)
		case strings.ToUpper(from):
			want = strings.ToUpper(as)
		default:
			continue // mixed-case FROM: ConsistentInstructionCasing's business
		}
		if as == want {
			continue
		}
		r := bkLine(in)
		var fixes []Fix
		if len(in.Args) >= 2 && f.Text(in.Args[1].Range) == as {
			r = in.Args[1].Range
			fixes = []Fix{{
				Title: fmt.Sprintf("Write %q", want),
				Safe:  true,
				Edits: []Edit{{Range: r, NewText: want}},
			}}
		}
		p.Report(Diagnostic{
			Range:   r,
			Message: fmt.Sprintf("'%s' does not match the case of '%s'; write '%s'", as, from, want),
			Fixes:   fixes,
		})
	}
}
