package rules

import (
	"strings"

	"github.com/layerlint/layerlint/dockerfile"
)

// AptPackageNotPinned reports apt-get install of packages without a version.
var AptPackageNotPinned = register(&Rule{
	ID:           "AptPackageNotPinned",
	Aliases:      []string{"DL3008"},
	Category:     CategoryCorrectness,
	Severity:     SeverityInfo,
	OffByDefault: true,
	Doc: Doc{
		Title: "apt-get install without package versions",
		Description: "`apt-get install curl` installs whatever version the mirror serves on the day the layer " +
			"is built. A cached layer keeps the old version while a fresh build (new machine, `--no-cache`, a " +
			"change higher up) gets another, so two images built from the same Dockerfile differ. Pinning " +
			"(`curl=7.88.1-10+deb12u5`) makes the install reproducible, at a price: Debian and Ubuntu " +
			"mirrors drop superseded versions, and a pinned build then fails until the pin is updated. That " +
			"trade-off is why this rule is off by default. Packages given as a `.deb` file, a path or " +
			"`package/release` count as pinned; versions held in ARG or ENV values are resolved.",
		Bad:  "FROM debian:bookworm\nRUN apt-get update \\\n && apt-get install -y --no-install-recommends curl \\\n && rm -rf /var/lib/apt/lists/*\n",
		Good: "FROM debian:bookworm\nARG CURL_VERSION=7.88.1-10+deb12u5\nRUN apt-get update \\\n && apt-get install -y --no-install-recommends curl=${CURL_VERSION} \\\n && rm -rf /var/lib/apt/lists/*\n",
	},
	Run: func(p *Pass) { runPinned(p, hlPinApt) },
})

var hlPinApt = hlPin{
	packages: func(c *dockerfile.Command) ([]dockerfile.Word, string, bool) {
		name := c.Name()
		if name != "apt-get" && name != "apt" && name != "aptitude" {
			return nil, "", false
		}
		pkgs := hlOperandsAfter(c, "install", optsWithValue["apt-get"])
		if c.Sub(optsWithValue["apt-get"]...) != "install" {
			return nil, "", false
		}
		return pkgs, name + " install", true
	},
	pinned: func(pkg string) bool {
		return strings.Contains(pkg, "=") || strings.Contains(pkg, "/") || strings.HasSuffix(pkg, ".deb")
	},
	form: "<package>=<version>",
}
