package rules

import (
	"fmt"
	"sort"
	"strings"

	"github.com/layerlint/layerlint/dockerfile"
)

// ConsecutiveRunInstructions reports a single-command RUN that directly
// follows another single-command RUN with the same flags, as hadolint's
// DL3059 does.
var ConsecutiveRunInstructions = register(&Rule{
	ID:       "ConsecutiveRunInstructions",
	Aliases:  []string{"DL3059"},
	Category: CategoryStyle,
	Severity: SeverityInfo,
	Doc: Doc{
		Title: "Consecutive RUN instructions could be merged",
		Description: "Every RUN creates a layer and a cache entry. Two RUNs in a row that each run one short " +
			"command produce two layers where one would do, and files the first writes and the second " +
			"changes are stored twice. The rule follows hadolint's DL3059 exactly: it reports a RUN that " +
			"comes right after another RUN of the same stage (only comments between them) when both run at " +
			"most one command and their flags (`--mount`, `--network`, `--security`) are the same. RUNs that " +
			"already chain several commands are left alone, since splitting them was most likely deliberate " +
			"(for example to cache a slow download apart from a step that changes often); a heredoc body " +
			"counts its commands the same way. The suggested fix joins the two with `&&`; it is not applied " +
			"automatically because merging changes what the build cache can reuse.",
		Bad:  "FROM alpine:3.20\nRUN mkdir -p /app/data\nRUN chown nobody /app/data\n",
		Good: "FROM alpine:3.20\nRUN mkdir -p /app/data && chown nobody /app/data\n",
	},
	Run: runConsecutiveRunInstructions,
})

func runConsecutiveRunInstructions(p *Pass) {
	f := p.File
	var prev *dockerfile.Instruction
	for _, in := range f.Instructions {
		// any instruction but a RUN (ONBUILD RUN included) breaks the sequence
		if in.Keyword != "run" || in.Run == nil {
			prev = nil
			continue
		}
		cur := in
		n, known := runCommandCount(in)
		if !known || n > 1 {
			// a multi-command RUN stays the reference for the next one, but
			// can never be merged with it
			prev = nil
			continue
		}
		if prev == nil || prev.Stage != in.Stage || !sameRunFlags(prev, in) {
			prev = cur
			continue
		}
		d := Diagnostic{
			Range: in.KeywordRange,
			Message: fmt.Sprintf("RUN follows the single-command RUN on line %d with the same flags; merge them into one layer",
				prev.StartLine),
			Related: []Related{{Message: "the previous RUN", Range: prev.KeywordRange}},
		}
		if e, ok := mergeRunsEdit(f, prev, in); ok {
			d.Fixes = []Fix{{Title: fmt.Sprintf("Merge into the RUN on line %d", prev.StartLine), Edits: []Edit{e}}}
		}
		p.Report(d)
		// a third single-command RUN is reported against this one
		prev = cur
	}
}

// runCommandCount counts the commands a RUN runs at its top level (nested
// `sh -c` scripts are one command). known is false when the body was not
// parsed (non-POSIX shell, a heredoc for another interpreter, a syntax error).
func runCommandCount(in *dockerfile.Instruction) (n int, known bool) {
	rb := in.Run
	if rb.Kind == dockerfile.ShellNonPOSIX || rb.Kind == dockerfile.ShellOther || rb.SyntaxError != "" {
		return 0, false
	}
	for _, c := range rb.Commands {
		if !c.Nested {
			n++
		}
	}
	return n, true
}

// sameRunFlags compares the flags of two RUNs as sets, the way hadolint
// compares its RunFlags record.
func sameRunFlags(a, b *dockerfile.Instruction) bool {
	key := func(in *dockerfile.Instruction) string {
		var fs []string
		for _, fl := range in.Flags {
			fs = append(fs, fl.Name+"="+fl.Value)
		}
		sort.Strings(fs)
		return strings.Join(fs, "\x00")
	}
	return key(a) == key(b)
}

// mergeRunsEdit joins b into a with " && \" and a continuation line: a and b
// must both be shell-form RUNs without heredocs, a without a trailing
// comment, and nothing but blank space may separate them.
func mergeRunsEdit(f *dockerfile.File, a, b *dockerfile.Instruction) (Edit, bool) {
	for _, in := range []*dockerfile.Instruction{a, b} {
		if in.JSONForm || len(in.Heredocs) > 0 || in.Run.Kind != dockerfile.ShellPOSIX || in.Onbuild != nil {
			return Edit{}, false
		}
	}
	if a.Run.HasComment || a.Run.Script.End <= a.Run.Script.Start {
		return Edit{}, false
	}
	gap := f.Text(dockerfile.Range{Start: a.Run.Script.End, End: b.Range.Start})
	if strings.TrimSpace(gap) != "" {
		return Edit{}, false
	}
	if len(a.Args) != 1 || len(b.Args) != 1 || !shellOK(a.Args[0].Value+" && "+b.Args[0].Value) {
		return Edit{}, false
	}
	nl := lineEndingAt(f, a.EndLine)
	esc := string(f.Escape)
	return Edit{
		Range:   dockerfile.Range{Start: a.Run.Script.End, End: b.ArgsRange.Start},
		NewText: " && " + esc + nl + "    ",
	}, true
}

// lineEndingAt returns the line ending of 1-based line n.
func lineEndingAt(f *dockerfile.File, n int) string {
	e := f.LineEnd(n)
	if e+1 < len(f.Src) && f.Src[e] == '\r' && f.Src[e+1] == '\n' {
		return "\r\n"
	}
	return "\n"
}
