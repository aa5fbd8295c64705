package rules

import (
	"strings"

	"github.com/layerlint/layerlint/dockerfile"
)

// NpmPackageNotPinned reports npm install of named packages without a version.
var NpmPackageNotPinned = register(&Rule{
	ID:       "NpmPackageNotPinned",
	Aliases:  []string{"DL3016"},
	Category: CategoryCorrectness,
	Severity: SeverityInfo,
	Doc: Doc{
		Title: "npm install of a package without a version",
		Description: "`npm install -g typescript` installs the newest release on the day the layer is built; " +
			"the cached layer and the next uncached build disagree, and a breaking release breaks the build " +
			"without any change to the Dockerfile. Name a version or tag (`typescript@5.4.5`), or install " +
			"from package.json and its lock file (`npm ci`, or `npm install` without package names), which " +
			"this rule leaves alone. Git URLs need a `#commit` or `#semver:` suffix; tarballs and folders " +
			"count as pinned; versions held in ARG or ENV values are resolved.",
		Bad:  "FROM node:20-alpine\nRUN npm install -g typescript\n",
		Good: "FROM node:20-alpine\nRUN npm install -g typescript@5.4.5\n",
	},
	Run: func(p *Pass) { runPinned(p, hlPinNpm) },
})

var hlNpmValueOpts = []string{"--loglevel", "--registry", "--prefix", "-w", "--workspace", "--cache", "--tag", "--omit", "--include", "--install-strategy"}

var hlPinNpm = hlPin{
	packages: func(c *dockerfile.Command) ([]dockerfile.Word, string, bool) {
		if c.Name() != "npm" {
			return nil, "", false
		}
		ops := c.Operands(hlNpmValueOpts...)
		if len(ops) == 0 {
			return nil, "", false
		}
		switch ops[0].Value {
		case "install", "i", "add", "isntall":
			return ops[1:], "npm " + ops[0].Value, true
		}
		return nil, "", false
	},
	pinned: func(pkg string) bool {
		for _, g := range []string{"git://", "git+ssh://", "git+http://", "git+https://", "github:", "gitlab:", "bitbucket:"} {
			if strings.HasPrefix(pkg, g) {
				return strings.Contains(pkg, "#")
			}
		}
		for _, s := range []string{".tar", ".tar.gz", ".tgz"} {
			if strings.HasSuffix(pkg, s) {
				return true
			}
		}
		for _, s := range []string{"/", "./", "../", "~/", "file:"} {
			if strings.HasPrefix(pkg, s) {
				return true
			}
		}
		// @scope/name@version: look for @ after the scope
		name := pkg
		if strings.HasPrefix(name, "@") {
			if i := strings.IndexByte(name, '/'); i >= 0 {
				name = name[i+1:]
			}
		}
		return strings.Contains(name, "@")
	},
	form: "<package>@<version>",
}
