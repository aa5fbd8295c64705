package rules

import (
	"fmt"
	"strings"

	"github.com/layerlint/layerlint/dockerfile"
)

// CdInsteadOfWorkdir reports cd in RUN scripts.
var CdInsteadOfWorkdir = register(&Rule{
	ID:       "CdInsteadOfWorkdir",
	Aliases:  []string{"DL3003"},
	Category: CategoryStyle,
	Severity: SeverityHint,
	Doc: Doc{
		Title: "cd in RUN instead of WORKDIR",
		Description: "A `cd` lasts only until the end of its RUN, so every later RUN must repeat it, and a " +
			"reader has to follow each script to know where a command runs. WORKDIR sets the directory for " +
			"all later instructions of the stage (RUN, COPY, CMD, ...), creates it when missing and shows " +
			"in the image's metadata. When a RUN starts with `cd DIR &&`, the suggested fix moves the " +
			"directory to a WORKDIR line; it is not applied automatically because the later instructions " +
			"of the stage then run in DIR too.",
		Bad:  "FROM golang:1.22\nCOPY . /src\nRUN cd /src && go build -o /out/app .\n",
		Good: "FROM golang:1.22\nWORKDIR /src\nCOPY . .\nRUN go build -o /out/app .\n",
	},
	Run: runCdInsteadOfWorkdir,
})

func runCdInsteadOfWorkdir(p *Pass) {
	for _, r := range hlRuns(p.File) {
		for i, c := range r.In.Run.Commands {
			// a cd inside an `sh -c` string, or in exec form, is not the RUN's own
			if c.Nested || r.In.Run.Kind != dockerfile.ShellPOSIX || c.Name() != "cd" {
				continue
			}
			argv := c.Argv()
			d := Diagnostic{Range: hlCommandRange(c), Message: "cd lasts only for this RUN; set the directory with WORKDIR"}
			if len(argv) == 2 {
				d.Message = fmt.Sprintf("cd %s lasts only for this RUN; use WORKDIR %s", argv[1].Value, argv[1].Value)
			}
			if i == 0 && r.At == r.In {
				if fx, ok := cdWorkdirFix(p.File, r.In, c); ok {
					d.Fixes = []Fix{fx}
				}
			}
			p.Report(d)
		}
	}
}

// cdWorkdirFix turns `RUN cd DIR && rest` into `WORKDIR DIR` and `RUN rest`.
func cdWorkdirFix(f *dockerfile.File, in *dockerfile.Instruction, c *dockerfile.Command) (Fix, bool) {
	argv := c.Argv()
	if len(in.Heredocs) > 0 || len(in.Args) != 1 || len(c.Args) != 2 || len(c.Assign) > 0 || !argv[1].Literal {
		return Fix{}, false
	}
	dir := argv[1].Value
	if dir == "" || dir == "-" || strings.ContainsAny(dir, " \t\"'\\$*?[~") || f.Text(argv[1].Range) != dir {
		return Fix{}, false
	}
	// the cd must open the script and be followed by && and more commands
	if c.Range.Start != in.Run.Script.Start {
		return Fix{}, false
	}
	src := f.Src
	i := c.Range.End
	skip := func() {
		for i < len(src) {
			switch {
			case src[i] == ' ' || src[i] == '\t':
				i++
			case src[i] == f.Escape && i+1 < len(src) && (src[i+1] == '\n' || src[i+1] == '\r'):
				i += 2
				if i < len(src) && src[i-1] == '\r' && src[i] == '\n' {
					i++
				}
			case src[i] == '\n' && i > 0 && src[i-1] == '\r':
				i++
			default:
				return
			}
		}
	}
	skip()
	if i+2 > len(src) || string(src[i:i+2]) != "&&" {
		return Fix{}, false
	}
	i += 2
	skip()
	if i >= in.ArgsRange.End {
		return Fix{}, false
	}
	// the rest must still be one valid script
	rest := in.Args[0].Value
	if j := strings.Index(rest, "&&"); j >= 0 {
		rest = rest[j+2:]
	}
	if !shellParses(rest) {
		return Fix{}, false
	}
	indent := f.Text(dockerfile.Range{Start: f.LineStart(in.StartLine), End: in.Range.Start})
	if strings.TrimSpace(indent) != "" {
		return Fix{}, false
	}
	kw := "WORKDIR"
	if raw := in.RawKeyword(f); raw == strings.ToLower(raw) {
		kw = "workdir"
	}
	nl := "\n"
	if e := f.LineEnd(in.StartLine); e < len(src) && src[e] == '\r' {
		nl = "\r\n"
	}
	return Fix{
		Title: fmt.Sprintf("Replace cd %s with WORKDIR %s", dir, dir),
		Edits: []Edit{
			{Range: dockerfile.Range{Start: in.Range.Start, End: in.Range.Start}, NewText: kw + " " + dir + nl + indent},
			{Range: dockerfile.Range{Start: c.Range.Start, End: i}},
		},
	}, true
}
