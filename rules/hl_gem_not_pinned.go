package rules

import (
	"strings"

	"github.com/layerlint/layerlint/dockerfile"
)

// GemNotPinned reports gem install of gems without a version.
var GemNotPinned = register(&Rule{
	ID:       "GemNotPinned",
	Aliases:  []string{"DL3028"},
	Category: CategoryCorrectness,
	Severity: SeverityInfo,
	Doc: Doc{
		Title: "gem install without gem versions",
		Description: "`gem install bundler` installs the newest release on the day the layer is built: the " +
			"cached layer and the next uncached build hold different versions, and a major release can " +
			"break the build with no change to the Dockerfile. Pin with `gem install bundler:2.5.11` or " +
			"`-v 2.5.11` (which applies to every gem of the command); `.gem` files count as pinned and " +
			"versions held in ARG or ENV values are resolved.",
		Bad:  "FROM ruby:3.3-slim\nRUN gem install bundler\n",
		Good: "FROM ruby:3.3-slim\nRUN gem install bundler:2.5.11\n",
	},
	Run: func(p *Pass) { runPinned(p, hlPinGem) },
})

var hlGemValueOpts = []string{
	"-v", "--version", "-i", "--install-dir", "-n", "--bindir", "-s", "--source", "-p", "--http-proxy",
	"--platform", "-P", "--trust-policy", "--build-root", "--document", "-g", "--file", "--without",
	"--with", "--vendor",
}

var hlPinGem = hlPin{
	packages: func(c *dockerfile.Command) ([]dockerfile.Word, string, bool) {
		if c.Name() != "gem" {
			return nil, "", false
		}
		ops := c.Operands(hlGemValueOpts...)
		if len(ops) == 0 || (ops[0].Value != "install" && ops[0].Value != "i") {
			return nil, "", false
		}
		// -v applies to every gem of the command
		if c.Has("-v", "--version") || c.HasPrefix("--version=", "-v=") {
			return nil, "", false
		}
		return ops[1:], "gem " + ops[0].Value, true
	},
	pinned: func(pkg string) bool {
		return strings.Contains(pkg, ":") || strings.HasSuffix(pkg, ".gem")
	},
	form: "<gem>:<version>",
	noun: "gem",
}
