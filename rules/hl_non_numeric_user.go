package rules

import (
	"strings"

	"github.com/moby/buildkit/frontend/dockerfile/instructions"
)

// NonNumericUser reports USER with a user name instead of a numeric ID.
var NonNumericUser = register(&Rule{
	ID:           "NonNumericUser",
	Aliases:      []string{"DL3066"},
	Category:     CategorySecurity,
	Severity:     SeverityInfo,
	OffByDefault: true,
	Doc: Doc{
		Title: "USER given by name instead of numeric ID",
		Description: "A name in USER is resolved through the image's /etc/passwd when the container starts. " +
			"Kubernetes' `runAsNonRoot` cannot tell whether `USER app` is root and refuses to start the pod, " +
			"and tools that run the image with an explicit UID cannot map the name. A numeric ID " +
			"(`USER 10001:10001`) is unambiguous. Users given through an ARG are not reported. Off by default: " +
			"named users are fine outside such platforms.",
		Bad:  "FROM node:20-alpine\nUSER node\n",
		Good: "FROM node:20-alpine\nUSER 1000:1000\n",
	},
	Run: runNonNumericUser,
})

func runNonNumericUser(p *Pass) {
	for _, in := range p.File.Instructions {
		u, ok := in.Command.(*instructions.UserCommand)
		if !ok || u.User == "" {
			continue
		}
		user, _, _ := strings.Cut(u.User, ":")
		if user == "" || strings.Trim(user, "0123456789") == "" || strings.Contains(user, "$") {
			continue
		}
		p.Reportf(in.ArgsRange, "USER %s is a name; a numeric UID (and GID) lets the platform verify the user is not root", user)
	}
}
