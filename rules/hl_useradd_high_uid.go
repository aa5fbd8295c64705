package rules

import (
	"fmt"
	"strings"

	"github.com/layerlint/layerlint/dockerfile"
)

// UseraddHighUID reports useradd with a large UID and without -l.
var UseraddHighUID = register(&Rule{
	ID:       "UseraddHighUID",
	Aliases:  []string{"DL3046"},
	Category: CategorySize,
	Severity: SeverityWarning,
	Doc: Doc{
		Title: "useradd with a large UID and without -l",
		Description: "useradd records every new user in /var/log/lastlog and /var/log/faillog, files indexed " +
			"by UID. On the host they are sparse, but an image layer stores them in full: a UID of 1000000 " +
			"adds a lastlog of hundreds of megabytes to the image. `-l` (`--no-log-init`) skips those " +
			"records; the fix adds it. UIDs of up to five digits are not reported.",
		Bad:  "FROM debian:bookworm-slim\nRUN useradd -u 1000000 -m app\n",
		Good: "FROM debian:bookworm-slim\nRUN useradd -l -u 1000000 -m app\n",
	},
	Run: runUseraddHighUID,
})

func runUseraddHighUID(p *Pass) {
	for _, r := range hlRuns(p.File) {
		for _, c := range r.In.Run.Commands {
			if c.Name() != "useradd" || hlShortFlag(c, 'l') || hlLongFlag(c, "no-log-init") {
				continue
			}
			uid, w := useraddUID(c)
			if len(uid) <= 5 || strings.Trim(uid, "0123456789") != "" {
				continue
			}
			d := Diagnostic{
				Range:   w.Range,
				Message: fmt.Sprintf("useradd with UID %s writes a lastlog of hundreds of megabytes into the layer; add -l", uid),
			}
			name := c.Argv()[0]
			if e, ok := insertAfterWord(p.File, &name, "-l"); ok {
				d.Fixes = []Fix{{Title: "Add -l to useradd", Safe: true, Edits: []Edit{e}}}
			}
			p.Report(d)
		}
	}
}

// useraddUID returns the value of -u / --uid and the word holding it.
func useraddUID(c *dockerfile.Command) (string, dockerfile.Word) {
	args := hlArgs(c)
	for i, w := range args {
		switch {
		case (w.Value == "-u" || w.Value == "--uid") && i+1 < len(args):
			return args[i+1].Value, args[i+1]
		case strings.HasPrefix(w.Value, "--uid="):
			return strings.TrimPrefix(w.Value, "--uid="), w
		case strings.HasPrefix(w.Value, "-u") && len(w.Value) > 2 && !strings.HasPrefix(w.Value, "--"):
			return w.Value[2:], w
		}
	}
	return "", dockerfile.Word{}
}
