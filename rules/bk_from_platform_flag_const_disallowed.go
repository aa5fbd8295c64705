package rules

import (
	"fmt"
	"strings"

	"github.com/moby/buildkit/frontend/dockerfile/instructions"
)

// FromPlatformFlagConstDisallowed reports FROM --platform with a constant
// value (BuildKit's check of the same name).
var FromPlatformFlagConstDisallowed = register(&Rule{
	ID:       "FromPlatformFlagConstDisallowed",
	Category: CategoryCorrectness,
	Severity: SeverityWarning,
	BuildKit: true,
	Doc: Doc{
		Title: "FROM --platform should not be a constant",
		Description: "`FROM --platform=linux/amd64 node` pins the stage to one platform whatever the build asks " +
			"for: a multi-platform build produces an amd64 image under every platform's name, and an arm64 " +
			"machine runs it under emulation, slowly. Use `$BUILDPLATFORM` for stages that only produce " +
			"build artifacts, or leave the flag out. As in BuildKit, a constant is accepted when the stage " +
			"name contains its OS or architecture (`FROM --platform=linux/amd64 alpine AS build-amd64`), " +
			"which shows the pin is deliberate. hadolint's DL3029 rejects every --platform, so it is not an " +
			"alias. BuildKit reports this as a warning; so does layerlint.",
		Bad:  "FROM --platform=linux/amd64 node:20 AS build\nRUN node --version\n",
		Good: "FROM --platform=$BUILDPLATFORM node:20 AS build\nRUN node --version\n",
	},
	Run: runFromPlatformFlagConstDisallowed,
})

func runFromPlatformFlagConstDisallowed(p *Pass) {
	f := p.File
	g := bkSimulate(f).Globals
	for _, st := range f.Stages {
		in := st.From
		platform, name := st.Platform, strings.ToLower(st.Name)
		if c, ok := bkCommand(in).(*instructions.Stage); ok {
			platform, name = c.Platform, c.Name
		}
		if platform == "" {
			continue
		}
		res, err := bkFromWord(f, g, platform)
		// a variable anywhere in the value makes it not a constant
		if err != nil || len(res.Matched) > 0 || len(res.Unmatched) > 0 {
			continue
		}
		pl, err := bkParsePlatform(res.Result)
		if err != nil {
			continue // BuildKit fails the build on it anyway
		}
		if strings.Contains(name, pl.OS) || strings.Contains(name, pl.Arch) {
			continue
		}
		r := bkLine(in)
		if fl := in.Flag("platform"); fl != nil {
			r = fl.Range
		}
		p.Report(Diagnostic{
			Range:   r,
			Message: fmt.Sprintf("--platform=%s pins the stage to one platform; use $BUILDPLATFORM or name the stage after the platform", res.Result),
		})
	}
}
