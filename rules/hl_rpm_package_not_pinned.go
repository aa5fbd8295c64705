package rules

import (
	"strings"

	"github.com/layerlint/layerlint/dockerfile"
)

// YumPackageNotPinned reports yum install of packages without a version.
var YumPackageNotPinned = register(&Rule{
	ID:           "YumPackageNotPinned",
	Aliases:      []string{"DL3033"},
	Category:     CategoryCorrectness,
	Severity:     SeverityInfo,
	OffByDefault: true,
	Doc: Doc{
		Title: "yum install without package versions",
		Description: "`yum install httpd` installs whatever the repositories serve on the day the layer is " +
			"built, so a cached layer and a fresh build hold different versions. Pinning " +
			"(`httpd-2.4.6-99.el7`) makes the install reproducible but fails once the repository drops that " +
			"version, which is why this rule is off by default. A package counts as pinned when a part after " +
			"a dash looks like a version (`name-1.2`), and modules (`yum module install nodejs:20`) need a " +
			"stream; `.rpm` files, URLs, groups (`@core`) and versions held in ARG or ENV values count as pinned.",
		Bad:  "FROM centos:7\nRUN yum install -y httpd && yum clean all\n",
		Good: "FROM centos:7\nRUN yum install -y httpd-2.4.6 && yum clean all\n",
	},
	Run: func(p *Pass) { runPinned(p, hlPinRpm("yum")) },
})

// DnfPackageNotPinned reports dnf or microdnf install of packages without a version.
var DnfPackageNotPinned = register(&Rule{
	ID:           "DnfPackageNotPinned",
	Aliases:      []string{"DL3041"},
	Category:     CategoryCorrectness,
	Severity:     SeverityInfo,
	OffByDefault: true,
	Doc: Doc{
		Title: "dnf install without package versions",
		Description: "`dnf install httpd` (or microdnf) installs whatever the repositories serve on the day " +
			"the layer is built, so a cached layer and a fresh build hold different versions. Pinning " +
			"(`httpd-2.4.57`) makes the install reproducible but fails once the repository drops that " +
			"version, which is why this rule is off by default. A package counts as pinned when a part after " +
			"a dash looks like a version (`name-1.2`), and modules (`dnf module install nodejs:20`) need a " +
			"stream; `.rpm` files, URLs, groups (`@core`) and versions held in ARG or ENV values count as pinned.",
		Bad:  "FROM fedora:40\nRUN dnf install -y httpd && dnf clean all\n",
		Good: "FROM fedora:40\nRUN dnf install -y httpd-2.4.62 && dnf clean all\n",
	},
	Run: func(p *Pass) { runPinned(p, hlPinRpm("dnf")) },
})

// hlPinRpm checks yum, or dnf and microdnf: install of packages, and module
// install of modules.
func hlPinRpm(family string) hlPin {
	names := []string{"yum"}
	if family == "dnf" {
		names = []string{"dnf", "microdnf", "tdnf"}
	}
	return hlPin{
		packages: func(c *dockerfile.Command) ([]dockerfile.Word, string, bool) {
			name := c.Name()
			found := false
			for _, n := range names {
				found = found || n == name
			}
			if !found {
				return nil, "", false
			}
			ops := c.Operands(optsWithValue[name]...)
			if len(ops) >= 2 && ops[0].Value == "module" && ops[1].Value == "install" {
				return ops[2:], name + " module install", true
			}
			if len(ops) == 0 || ops[0].Value != "install" {
				return nil, "", false
			}
			return ops[1:], name + " install", true
		},
		pinned: hlRpmPinned,
		form:   "<package>-<version> (modules: <module>:<stream>)",
	}
}

// hlRpmPinned reports an rpm package or module spec with a version.
func hlRpmPinned(pkg string) bool {
	if strings.HasSuffix(pkg, ".rpm") || strings.Contains(pkg, "://") || strings.HasPrefix(pkg, "@") || strings.HasPrefix(pkg, "/") {
		return true
	}
	// a module stream, or epoch:version
	if strings.Contains(pkg, ":") {
		return true
	}
	parts := strings.Split(pkg, "-")
	if len(parts) < 2 {
		return false
	}
	digit := false
	for _, part := range parts[1:] {
		if part == "" {
			return false
		}
		for _, r := range part {
			if !(r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || strings.ContainsRune(".~^_:+*", r)) {
				return false
			}
		}
		if part[0] >= '0' && part[0] <= '9' {
			digit = true
		}
	}
	return digit
}
