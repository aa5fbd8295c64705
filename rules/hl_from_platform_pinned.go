package rules

import (
	"fmt"
	"strings"
)

// FromPlatformPinned reports FROM --platform with a value other than the
// build or target platform.
var FromPlatformPinned = register(&Rule{
	ID:       "FromPlatformPinned",
	Aliases:  []string{"DL3029"},
	Category: CategoryCorrectness,
	Severity: SeverityWarning,
	Doc: Doc{
		Title: "FROM --platform pinned to something else than the build",
		Description: "`FROM --platform=linux/amd64` builds that stage for amd64 whatever platform is asked " +
			"for: a multi-platform build ships amd64 binaries in its arm64 image, and builds on ARM machines " +
			"run under emulation. Leave the platform to the build (`docker build --platform`), or refer to " +
			"it explicitly: `--platform=$BUILDPLATFORM` for stages that only produce files (cross-compilers), " +
			"`$TARGETPLATFORM` for the image. Values built from other variables are reported too, as " +
			"hadolint does: they fix the platform just as well.",
		Bad:  "FROM --platform=linux/amd64 debian:bookworm-slim\n",
		Good: "FROM --platform=$BUILDPLATFORM golang:1.22 AS build\nFROM debian:bookworm-slim\nCOPY --from=build /out/app /app\n",
	},
	Run: runFromPlatformPinned,
})

func runFromPlatformPinned(p *Pass) {
	for _, s := range p.File.Stages {
		fl := s.From.Flag("platform")
		if fl == nil || strings.Contains(fl.Value, "BUILDPLATFORM") || strings.Contains(fl.Value, "TARGETPLATFORM") {
			continue
		}
		p.Report(Diagnostic{
			Range:   fl.Range,
			Message: fmt.Sprintf("--platform=%s fixes this stage's platform whatever the build asks for; remove it or use $BUILDPLATFORM or $TARGETPLATFORM", fl.Value),
		})
	}
}
