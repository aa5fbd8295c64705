package rules

import (
	"path"
	"strings"

	"github.com/layerlint/layerlint/dockerfile"
)

// SudoInRun reports sudo in RUN scripts.
var SudoInRun = register(&Rule{
	ID:       "SudoInRun",
	Aliases:  []string{"DL3004"},
	Category: CategoryCorrectness,
	Severity: SeverityWarning,
	Doc: Doc{
		Title: "sudo in a RUN script",
		Description: "Build steps run as the stage's USER, root unless the Dockerfile says otherwise, so sudo " +
			"is either useless or a sign that a step needs root in a stage that switched away from it. Most " +
			"base images have no sudo, and the build fails; where it exists it resets the environment (ARG " +
			"and ENV values disappear), may want a terminal for a password, and leaves a setuid binary in the " +
			"image. Switch with `USER root` around the steps that need it, and use a tool such as gosu or " +
			"su-exec for dropping privileges at run time.",
		Bad:  "FROM debian:bookworm\nRUN sudo apt-get update\n",
		Good: "FROM debian:bookworm\nUSER root\nRUN apt-get update\n",
	},
	Run: runSudoInRun,
})

func runSudoInRun(p *Pass) {
	for _, r := range hlRuns(p.File) {
		for _, c := range r.In.Run.Commands {
			if w := sudoWord(c); w != nil {
				p.Reportf(w.Range, "sudo in a build step: steps already run as the stage's USER; switch with USER root instead")
			}
		}
	}
}

// sudoWord returns the command's sudo word: its first word, or the first
// after env, time and similar wrappers with their options and assignments.
func sudoWord(c *dockerfile.Command) *dockerfile.Word {
	for i, w := range c.Args {
		b := path.Base(w.Value)
		switch {
		case b == "sudo":
			return &c.Args[i]
		case b == "env" || b == "time" || b == "nohup" || b == "command" || b == "exec":
		case strings.HasPrefix(w.Value, "-") || strings.Contains(w.Value, "="):
		default:
			return nil
		}
	}
	return nil
}
