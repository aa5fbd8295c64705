package rules

import (
	"path"
	"regexp"
	"strings"

	"github.com/layerlint/layerlint/dockerfile"
)

// PipeWithoutPipefail reports a RUN with a pipe whose shell does not fail
// when a command before the last one of the pipe fails.
var PipeWithoutPipefail = register(&Rule{
	ID:       "PipeWithoutPipefail",
	Aliases:  []string{"DL4006"},
	Category: CategoryCorrectness,
	Severity: SeverityWarning,
	Doc: Doc{
		Title: "RUN with a pipe but without pipefail",
		Description: "A pipeline's exit status is that of its last command, so in " +
			"`RUN curl -fsSL https://example.com/install.sh | sh` a failed download feeds `sh` nothing, `sh` " +
			"succeeds and the build goes on without the software; the layer is cached and the broken image " +
			"shipped. Make the shell fail with the pipe: `SHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]` " +
			"before the RUN (use /bin/ash on Alpine, where there is no bash), or `set -o pipefail` at the start of " +
			"the script. Pipes fed only by echo, printf or yes are not reported: those commands do not fail. The suggested fix adds the SHELL line; it is not applied automatically because it " +
			"changes the shell of every later RUN of the stage.",
		Bad:  "FROM debian:bookworm\nRUN curl -fsSL https://example.com/install.sh | sh\n",
		Good: "FROM debian:bookworm\nSHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]\nRUN curl -fsSL https://example.com/install.sh | sh\n",
	},
	Run: runPipeWithoutPipefail,
})

var setPipefailRE = regexp.MustCompile(`(^|[;&|\n(]|\s)set\s+(-[a-zA-Z]*o\s+pipefail|-o\s+pipefail|-[a-zA-Z]+\s+-o\s+pipefail)`)

func runPipeWithoutPipefail(p *Pass) {
	fixed := map[*dockerfile.Stage]bool{}
	for _, r := range hlRuns(p.File) {
		rb := r.In.Run
		if rb.Kind != dockerfile.ShellPOSIX || hasPipefail(rb.Shell) {
			continue
		}
		first, hider, last := pipeWithHiddenFailure(rb)
		if first == nil {
			continue
		}
		// the script turns pipefail on before the pipe
		if before := p.File.Text(dockerfile.Range{Start: rb.Script.Start, End: first.Range.Start}); setPipefailRE.MatchString(before) {
			continue
		}
		d := Diagnostic{
			Range:   dockerfile.Range{Start: first.Range.Start, End: last.Range.End},
			Message: "a failure of '" + hider.Name() + "' is hidden by the pipe into '" + last.Name() + "'; set the SHELL option -o pipefail",
		}
		if s := r.At.Stage; s != nil && !fixed[s] && r.At == r.In {
			fixed[s] = true
			if fx, ok := pipefailFix(p.File, r.In); ok {
				d.Fixes = []Fix{fx}
			}
		}
		p.Report(d)
	}
}

// pipeWithHiddenFailure returns the first pipeline of a RUN in which a
// command before the last one can fail: its first command, that command and
// its last command. Pipelines fed only by echo, printf, yes or true are
// skipped: those do not fail.
func pipeWithHiddenFailure(rb *dockerfile.RunBody) (first, hider, last *dockerfile.Command) {
	byPipe := map[int][]*dockerfile.Command{}
	var order []int
	for _, c := range rb.Commands {
		if c.Nested || c.Pipeline == 0 {
			continue
		}
		if byPipe[c.Pipeline] == nil {
			order = append(order, c.Pipeline)
		}
		byPipe[c.Pipeline] = append(byPipe[c.Pipeline], c)
	}
	for _, id := range order {
		cs := byPipe[id]
		if len(cs) < 2 {
			continue
		}
		for _, c := range cs[:len(cs)-1] {
			switch c.Name() {
			case "echo", "printf", "yes", "true", ":":
				continue
			}
			return cs[0], c, cs[len(cs)-1]
		}
	}
	return nil, nil, nil
}

// hasPipefail reports a SHELL that runs with -o pipefail.
func hasPipefail(sh []string) bool {
	if len(sh) == 0 {
		return false
	}
	switch path.Base(sh[0]) {
	case "bash", "zsh", "ash", "ksh", "mksh", "busybox":
	default:
		return false
	}
	for i, a := range sh[1:] {
		if a == "pipefail" && i > 0 && strings.HasPrefix(sh[i], "-") && strings.Contains(sh[i], "o") {
			return true
		}
		if a == "-opipefail" || a == "-o pipefail" {
			return true
		}
	}
	return false
}

// pipefailFix inserts a SHELL with pipefail before the RUN.
func pipefailFix(f *dockerfile.File, in *dockerfile.Instruction) (Fix, bool) {
	indent := f.Text(dockerfile.Range{Start: f.LineStart(in.StartLine), End: in.Range.Start})
	if strings.TrimSpace(indent) != "" || in.Stage == nil {
		return Fix{}, false
	}
	shell := "/bin/bash"
	if b := strings.ToLower(in.Stage.Base); strings.Contains(b, "alpine") || strings.Contains(b, "busybox") {
		shell = "/bin/ash"
	}
	kw := "SHELL"
	if raw := in.RawKeyword(f); raw == strings.ToLower(raw) {
		kw = "shell"
	}
	return Fix{
		Title: "Run the stage's later RUNs with " + shell + " -o pipefail",
		Edits: []Edit{{
			Range:   dockerfile.Range{Start: f.LineStart(in.StartLine), End: f.LineStart(in.StartLine)},
			NewText: indent + kw + ` ["` + shell + `", "-o", "pipefail", "-c"]` + "\n",
		}},
	}, true
}
