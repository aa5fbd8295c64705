package rules

import (
	"fmt"
	"strings"

	"github.com/layerlint/layerlint/dockerfile"
)

// NonInteractiveFlagMissing reports package-manager commands that ask for
// a confirmation, which a build cannot give.
var NonInteractiveFlagMissing = register(&Rule{
	ID:       "NonInteractiveFlagMissing",
	Aliases:  []string{"DL3014", "DL3030", "DL3034", "DL3038"},
	Category: CategoryCorrectness,
	Severity: SeverityWarning,
	Doc: Doc{
		Title: "Package install without its assume-yes flag",
		Description: "apt-get, yum, dnf, microdnf and zypper ask for a confirmation before installing (as soon " +
			"as a dependency comes along) or removing packages. A build has no terminal to answer, so the " +
			"command reads end-of-input, aborts, and the build fails; it passes only while nothing beyond " +
			"the named packages happens to be installed, and breaks the day a dependency is added. Pass the assume-yes flag: `-y` (or " +
			"`--yes`, `--assume-yes`, `-qq` for apt-get; `-y`/`--assumeyes` for yum and dnf; `-n`/" +
			"`--non-interactive` or `-y`/`--no-confirm` for zypper). A command fed by `yes |` is not reported, " +
			"nor are the commands after an instruction that may set assume-yes in the manager's configuration. " +
			"The fix adds `-y` after the subcommand. Aliases: DL3014 (apt-get), DL3030 (yum), DL3034 " +
			"(zypper), DL3038 (dnf, microdnf).",
		Bad:  "FROM debian:bookworm\nRUN apt-get update && apt-get install --no-install-recommends curl \\\n && rm -rf /var/lib/apt/lists/*\n",
		Good: "FROM debian:bookworm\nRUN apt-get update && apt-get install -y --no-install-recommends curl \\\n && rm -rf /var/lib/apt/lists/*\n",
	},
	Run: runNonInteractiveFlagMissing,
})

// hlPrompting describes, per command, the subcommands that ask for a
// confirmation and the flags that answer it.
type hlPrompting struct {
	alias string
	subs  map[string]bool
	long  []string // long options that assume yes
	short string   // short option letters that assume yes
}

var hlPrompts = map[string]hlPrompting{
	"apt-get": {alias: "DL3014", subs: map[string]bool{"install": true, "upgrade": true, "dist-upgrade": true, "full-upgrade": true, "remove": true, "purge": true, "autoremove": true, "build-dep": true, "reinstall": true},
		long: []string{"yes", "assume-yes", "force-yes"}, short: "y"},
	"apt": {alias: "DL3014", subs: map[string]bool{"install": true, "upgrade": true, "full-upgrade": true, "dist-upgrade": true, "remove": true, "purge": true, "autoremove": true, "reinstall": true},
		long: []string{"yes", "assume-yes"}, short: "y"},
	"yum": {alias: "DL3030", subs: map[string]bool{"install": true, "groupinstall": true, "localinstall": true, "update": true, "upgrade": true, "remove": true, "erase": true, "reinstall": true, "downgrade": true, "groupupdate": true, "groupremove": true},
		long: []string{"assumeyes"}, short: "y"},
	"dnf": {alias: "DL3038", subs: map[string]bool{"install": true, "groupinstall": true, "localinstall": true, "update": true, "upgrade": true, "remove": true, "erase": true, "reinstall": true, "downgrade": true, "distro-sync": true},
		long: []string{"assumeyes"}, short: "y"},
	"microdnf": {alias: "DL3038", subs: map[string]bool{"install": true, "groupinstall": true, "localinstall": true},
		long: []string{"assumeyes"}, short: "y"},
	"zypper": {alias: "DL3034", subs: map[string]bool{"install": true, "in": true, "remove": true, "rm": true, "source-install": true, "si": true, "patch": true, "update": true, "up": true, "dist-upgrade": true, "dup": true},
		long: []string{"non-interactive", "no-confirm"}, short: "ny"},
}

func runNonInteractiveFlagMissing(p *Pass) {
	configured := -1 // index of the first instruction that may configure assume-yes
	for _, in := range p.File.Instructions {
		t := p.File.Text(in.Range)
		if containsFold(t, "apt::get::assume-yes") || assumeYesSetting(t) ||
			((in.Keyword == "copy" || in.Keyword == "add") && (containsFold(t, "apt.conf") || containsFold(t, "yum.conf") || containsFold(t, "dnf.conf"))) {
			configured = in.Index
			break
		}
	}
	for _, r := range hlRuns(p.File) {
		// an earlier instruction may have set assume-yes in the manager's configuration
		if configured >= 0 && r.At.Index > configured {
			continue
		}
		rb := r.In.Run
		for i, c := range rb.Commands {
			name := c.Name()
			pr, ok := hlPrompts[name]
			if !ok {
				continue
			}
			first := c.FirstOperand(optsWithValue[name]...)
			if first == nil || !pr.subs[first.Value] {
				continue
			}
			if hlLongFlag(c, pr.long...) || hlAssumesYes(c, pr.short) {
				continue
			}
			if name == "apt-get" && hlAptQuiet2(c) {
				continue
			}
			// yes | apt-get install ...
			if c.PipePos > 0 && i > 0 && rb.Commands[i-1].Pipeline == c.Pipeline && rb.Commands[i-1].Name() == "yes" {
				continue
			}
			sub := *first
			d := Diagnostic{
				Alias:   pr.alias,
				Range:   dockerfile.Range{Start: c.Argv()[0].Range.Start, End: sub.Range.End},
				Message: fmt.Sprintf("%s %s may ask for a confirmation the build cannot give, which aborts it; add -y", name, sub.Value),
			}
			if e, ok := insertAfterWord(p.File, &sub, "-y"); ok {
				d.Fixes = []Fix{{Title: fmt.Sprintf("Add -y to %s %s", name, sub.Value), Safe: true, Edits: []Edit{e}}}
			}
			p.Report(d)
		}
	}
}

// assumeYesSetting reports whether t sets yum's and dnf's assumeyes option
// ("assumeyes=1", any case, blanks allowed before "=").
func assumeYesSetting(t string) bool {
	for i := indexFold(t, "assumeyes"); i >= 0; {
		rest := strings.TrimLeft(t[i+len("assumeyes"):], " \t\n\r\v\f")
		if strings.HasPrefix(rest, "=") {
			return true
		}
		j := indexFold(t[i+1:], "assumeyes")
		if j < 0 {
			break
		}
		i += 1 + j
	}
	return false
}

// hlAssumesYes reports a short option cluster with one of letters.
func hlAssumesYes(c *dockerfile.Command, letters string) bool {
	for i := 0; i < len(letters); i++ {
		if hlShortFlag(c, letters[i]) {
			return true
		}
	}
	return false
}

// hlAptQuiet2 reports apt-get's quiet level 2 (-qq, -q -q, -q=2,
// --quiet=2), which implies -y.
func hlAptQuiet2(c *dockerfile.Command) bool {
	q := 0
	for _, w := range hlArgs(c) {
		v := w.Value
		switch {
		case v == "-q=2" || v == "--quiet=2" || v == "-qq":
			return true
		case v == "--quiet" || v == "-q":
			q++
		case len(v) > 1 && v[0] == '-' && v[1] != '-':
			q += strings.Count(v, "q")
		}
	}
	return q >= 2
}
