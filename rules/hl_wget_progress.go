package rules

import (
	"strings"
)

// WgetProgressBar reports wget without a setting that keeps its progress
// output out of the build log.
var WgetProgressBar = register(&Rule{
	ID:       "WgetProgressBar",
	Aliases:  []string{"DL3047"},
	Category: CategoryStyle,
	Severity: SeverityHint,
	Doc: Doc{
		Title: "wget without a progress setting floods the build log",
		Description: "Without a terminal, GNU wget prints its progress as a dot per kilobyte: a large " +
			"download adds thousands of lines to the build log, hiding the lines that matter and bloating " +
			"CI logs. Use `--progress=dot:giga`, or `-q` / `-nv` (quiet, not verbose), or write the log " +
			"elsewhere (`-o`, `-a`). The suggested fix adds `--progress=dot:giga`, or `-q` on Alpine and " +
			"BusyBox images whose wget knows no --progress; it is not applied automatically because the " +
			"image's wget cannot be known for sure.",
		Bad:  "FROM debian:bookworm\nRUN wget https://example.com/app.tar.gz\n",
		Good: "FROM debian:bookworm\nRUN wget --progress=dot:giga https://example.com/app.tar.gz\n",
	},
	Run: runWgetProgressBar,
})

func runWgetProgressBar(p *Pass) {
	for _, r := range hlRuns(p.File) {
		for _, c := range r.In.Run.Commands {
			if c.Name() != "wget" {
				continue
			}
			if hlLongFlag(c, "progress", "quiet", "output-file", "append-output", "no-verbose") ||
				c.Has("-nv") || hlAssumesYes(c, "qoa") {
				continue
			}
			// output to stdout for a pipe is still logged to stderr: no exemption
			name := c.Argv()[0]
			d := Diagnostic{Range: name.Range, Message: "wget logs its progress into the build log; add --progress=dot:giga, or -q or -nv"}
			flag := "--progress=dot:giga"
			if s := r.At.Stage; s != nil {
				if b := strings.ToLower(s.Base); strings.Contains(b, "alpine") || strings.Contains(b, "busybox") {
					flag = "-q"
				}
			}
			if e, ok := insertAfterWord(p.File, &name, flag); ok {
				d.Fixes = []Fix{{Title: "Add " + flag + " to wget", Edits: []Edit{e}}}
			}
			p.Report(d)
		}
	}
}
