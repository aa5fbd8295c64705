package rules

import (
	"strings"

	"github.com/layerlint/layerlint/dockerfile"
)

// ApkPackageNotPinned reports apk add of packages without a version.
var ApkPackageNotPinned = register(&Rule{
	ID:           "ApkPackageNotPinned",
	Aliases:      []string{"DL3018"},
	Category:     CategoryCorrectness,
	Severity:     SeverityInfo,
	OffByDefault: true,
	Doc: Doc{
		Title: "apk add without package versions",
		Description: "`apk add curl` installs whatever the Alpine mirror serves on the day the layer is " +
			"built, so a cached layer and a fresh build hold different versions. Pinning (`curl=8.9.1-r0`, " +
			"or a range such as `curl~8.9`) makes the install reproducible, but Alpine keeps only the latest " +
			"build of each package per branch, so exact pins break as soon as a fix is published; that is " +
			"why this rule is off by default. `.apk` files count as pinned; versions held in ARG or ENV " +
			"values are resolved.",
		Bad:  "FROM alpine:3.20\nRUN apk add --no-cache curl\n",
		Good: "FROM alpine:3.20\nRUN apk add --no-cache curl~8.9\n",
	},
	Run: func(p *Pass) { runPinned(p, hlPinApk) },
})

var hlPinApk = hlPin{
	packages: func(c *dockerfile.Command) ([]dockerfile.Word, string, bool) {
		if c.Name() != "apk" || c.Sub(optsWithValue["apk"]...) != "add" {
			return nil, "", false
		}
		return hlOperandsAfter(c, "add", optsWithValue["apk"]), "apk add", true
	},
	pinned: func(pkg string) bool {
		return strings.ContainsAny(pkg, "=~<>") || strings.HasSuffix(pkg, ".apk")
	},
	form: "<package>=<version> or <package>~<version>",
}
