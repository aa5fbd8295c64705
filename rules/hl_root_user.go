package rules

import (
	"fmt"
	"strings"

	"github.com/moby/buildkit/frontend/dockerfile/instructions"
)

// FinalUserRoot reports an image whose last USER switches to root.
var FinalUserRoot = register(&Rule{
	ID:       "FinalUserRoot",
	Aliases:  []string{"DL3002"},
	Category: CategorySecurity,
	Severity: SeverityWarning,
	Doc: Doc{
		Title: "The image's last USER is root",
		Description: "Containers run as the image's last USER. Switching to root for some installs and never " +
			"back means every container of the image runs as root, so a compromised process owns the " +
			"container and whatever is mounted into it. Switch back to an unprivileged user after the steps " +
			"that need root. Only stages whose layers end up in the image are checked (the final stage and " +
			"the stages it is built FROM): the user of a build stage that is only copied from does not " +
			"matter at run time.",
		Bad:  "FROM node:20-alpine\nUSER root\nRUN apk add --no-cache curl\n",
		Good: "FROM node:20-alpine\nUSER root\nRUN apk add --no-cache curl\nUSER node\n",
	},
	Run: runFinalUserRoot,
})

func runFinalUserRoot(p *Pass) {
	s := p.File.FinalStage()
	// the last USER of the final stage, or of the stages it builds on
	for n := 0; s != nil && n <= len(p.File.Stages); n++ {
		for i := len(s.Instructions) - 1; i >= 0; i-- {
			in := s.Instructions[i]
			if in.Keyword != "user" {
				continue
			}
			u, ok := in.Command.(*instructions.UserCommand)
			if !ok {
				return
			}
			if user, _, _ := strings.Cut(u.User, ":"); user == "root" || user == "0" {
				where := ""
				if !s.IsFinal {
					where = fmt.Sprintf(" (stage %s, which the final stage is built on)", s.Ref())
				}
				p.Reportf(in.ArgsRange, "the image runs as root: this is its last USER%s; switch to an unprivileged user after the steps that need root", where)
			}
			return
		}
		s = s.Parent
	}
}
