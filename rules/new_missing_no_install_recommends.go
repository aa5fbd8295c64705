package rules

import (
	"regexp"
	"strings"

	"github.com/layerlint/layerlint/dockerfile"
)

// MissingNoInstallRecommends reports apt-get and apt installs that also pull
// in the packages the requested ones merely recommend.
var MissingNoInstallRecommends = register(&Rule{
	ID:       "MissingNoInstallRecommends",
	Aliases:  []string{"DL3015"},
	Category: CategorySize,
	Severity: SeverityInfo,
	Doc: Doc{
		Title: "apt install without --no-install-recommends",
		Description: "By default apt installs every package that the requested packages recommend, not only " +
			"what they depend on. Recommended packages are optional extras (documentation tools, fonts, " +
			"alternative backends, X11 libraries) and can add tens or hundreds of megabytes to an install. " +
			"They enlarge the layer, the attack surface and the download of every uncached build. Pass " +
			"`--no-install-recommends` (or `-o APT::Install-Recommends=false`), then add the few extras the " +
			"image really needs by name. An apt configuration file written earlier in the stage that sets " +
			"`APT::Install-Recommends` to false also satisfies the rule. The suggested fix adds the flag but " +
			"is not applied automatically: it changes which packages get installed, so something the image " +
			"relied on may go missing.",
		Bad:  "FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y curl \\\n    && rm -rf /var/lib/apt/lists/*\n",
		Good: "FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl \\\n    && rm -rf /var/lib/apt/lists/*\n",
	},
	Run: runMissingNoInstallRecommends,
})

// recommendsOffRE matches an apt option or configuration line that turns
// recommends off.
var recommendsOffRE = regexp.MustCompile(`(?i)APT::Install-Recommends(?:\s*=\s*|\s+"?)(?:false|0|no|off)\b`)

func runMissingNoInstallRecommends(p *Pass) {
	f := p.File
	for _, in := range f.Instructions {
		run := runOf(in, true)
		if run == nil {
			continue
		}
		for _, c := range run.Run.Commands {
			name := c.Name()
			if name != "apt-get" && name != "apt" {
				continue
			}
			sub := c.FirstOperand(optsWithValue[name]...)
			if sub == nil || sub.Value != "install" {
				continue
			}
			if c.Has("--no-install-recommends") || recommendsOff(c) {
				continue
			}
			// an apt.conf.d file written earlier in the stage turns them off
			if configuredNoRecommends(f, in, run, c) {
				continue
			}
			d := Diagnostic{
				Range:   argvRange(c),
				Message: name + " install also installs recommended packages; add --no-install-recommends",
			}
			if e, ok := insertAfterInstall(f, sub); ok {
				d.Fixes = []Fix{{Title: "Add --no-install-recommends", Edits: []Edit{e}}}
			}
			p.Report(d)
		}
	}
}

// recommendsOff reports -o APT::Install-Recommends=false (or 0) on c.
func recommendsOff(c *dockerfile.Command) bool {
	for _, w := range c.Argv() {
		if recommendsOffRE.MatchString(w.Value) {
			return true
		}
	}
	return false
}

// configuredNoRecommends reports text before c, in its RUN or in an earlier
// RUN of the stage chain, that writes APT::Install-Recommends "false".
func configuredNoRecommends(f *dockerfile.File, at, run *dockerfile.Instruction, c *dockerfile.Command) bool {
	if before := f.Text(dockerfile.Range{Start: run.Run.Script.Start, End: c.Range.Start}); recommendsOffRE.MatchString(before) {
		return true
	}
	if at.Stage == nil {
		return false
	}
	for _, in := range chainInstructions(at.Stage, at) {
		if in.Keyword == "run" && recommendsOffRE.MatchString(f.Text(in.Range)) {
			return true
		}
		if in.Keyword == "copy" || in.Keyword == "add" {
			// COPY apt.conf /etc/apt/apt.conf.d/: unknown content, trust it
			for _, a := range in.Args {
				if strings.Contains(a.Value, "apt.conf") {
					return true
				}
			}
		}
	}
	return false
}

// insertAfterInstall adds the flag right after the install word.
func insertAfterInstall(f *dockerfile.File, sub *dockerfile.Word) (Edit, bool) {
	if sub == nil || f.Text(sub.Range) != sub.Value {
		return Edit{}, false
	}
	return Edit{Range: dockerfile.Range{Start: sub.Range.End, End: sub.Range.End}, NewText: " --no-install-recommends"}, true
}
