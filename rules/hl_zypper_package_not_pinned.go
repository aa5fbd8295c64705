package rules

import (
	"strings"

	"github.com/layerlint/layerlint/dockerfile"
)

// ZypperPackageNotPinned reports zypper install of packages without a version.
var ZypperPackageNotPinned = register(&Rule{
	ID:           "ZypperPackageNotPinned",
	Aliases:      []string{"DL3037"},
	Category:     CategoryCorrectness,
	Severity:     SeverityInfo,
	OffByDefault: true,
	Doc: Doc{
		Title: "zypper install without package versions",
		Description: "`zypper install curl` installs whatever the repositories serve on the day the layer " +
			"is built, so a cached layer and a fresh build hold different versions. Pinning " +
			"(`curl=8.6.0`, or a range such as `curl>=8.6`) makes the install reproducible but fails once " +
			"the repository drops that version, which is why this rule is off by default. `.rpm` files " +
			"and versions held in ARG or ENV values count as pinned.",
		Bad:  "FROM opensuse/leap:15.6\nRUN zypper install -y curl && zypper clean --all\n",
		Good: "FROM opensuse/leap:15.6\nRUN zypper install -y curl=8.6.0 && zypper clean --all\n",
	},
	Run: func(p *Pass) { runPinned(p, hlPinZypper) },
})

var hlPinZypper = hlPin{
	packages: func(c *dockerfile.Command) ([]dockerfile.Word, string, bool) {
		if c.Name() != "zypper" {
			return nil, "", false
		}
		ops := c.Operands(optsWithValue["zypper"]...)
		if len(ops) == 0 || (ops[0].Value != "install" && ops[0].Value != "in") {
			return nil, "", false
		}
		return ops[1:], "zypper " + ops[0].Value, true
	},
	pinned: func(pkg string) bool {
		return strings.ContainsAny(pkg, "=<>") || strings.HasSuffix(pkg, ".rpm")
	},
	form: "<package>=<version>",
}
