package rules

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// JSONArgsRecommended reports CMD and ENTRYPOINT in shell form when no SHELL
// instruction is in force (BuildKit's check of the same name).
var JSONArgsRecommended = register(&Rule{
	ID:       "JSONArgsRecommended",
	Aliases:  []string{"DL3025"},
	Category: CategoryCorrectness,
	Severity: SeverityWarning,
	BuildKit: true,
	Doc: Doc{
		Title: "Use the JSON form for CMD and ENTRYPOINT",
		Description: "In shell form, `CMD node server.js` runs as `/bin/sh -c \"node server.js\"`: the shell is " +
			"process 1, and `docker stop` sends SIGTERM to the shell, which does not pass it on. The " +
			"application is killed after the stop timeout instead of shutting down cleanly, and an " +
			"ENTRYPOINT in shell form also ignores the CMD and `docker run` arguments. Write " +
			"`CMD [\"node\", \"server.js\"]`, or start the command with `exec` if it needs the shell. " +
			"Like BuildKit, layerlint does not report a stage whose SHELL instruction (in the stage or a " +
			"stage it is built FROM) makes the shell an explicit choice. The fix, offered when the command is " +
			"plain words, converts to the JSON form; it is not applied automatically because the process " +
			"then runs without a shell. BuildKit reports this as a warning; so does layerlint.",
		Bad:  "FROM node:20\nCOPY . /app\nCMD node /app/server.js\n",
		Good: "FROM node:20\nCOPY . /app\nCMD [\"node\", \"/app/server.js\"]\n",
	},
	Run: runJSONArgsRecommended,
})

// bkPlainWords matches a shell-form command with no shell syntax at all.
var bkPlainWords = regexp.MustCompile(`^[A-Za-z0-9_./:=@%+,-]+(?:[ \t]+[A-Za-z0-9_./:=@%+,-]+)*$`)

func runJSONArgsRecommended(p *Pass) {
	f := p.File
	for _, in := range bkSimulate(f).ShellForm {
		kw := strings.ToUpper(in.Keyword)
		d := Diagnostic{
			Range:   in.ArgsRange,
			Message: fmt.Sprintf("%s in shell form runs under /bin/sh -c, which does not forward stop signals; use the JSON form", kw),
		}
		if d.Range.End <= d.Range.Start {
			d.Range = in.KeywordRange
		}
		text := f.Text(in.ArgsRange)
		if len(in.Args) == 1 && bkPlainWords.MatchString(text) {
			var quoted []string
			for _, w := range strings.Fields(text) {
				quoted = append(quoted, strconv.Quote(w))
			}
			d.Fixes = []Fix{{
				Title: "Convert to the JSON form",
				Safe:  false,
				Edits: []Edit{{Range: in.ArgsRange, NewText: "[" + strings.Join(quoted, ", ") + "]"}},
			}}
		}
		p.Report(d)
	}
}
