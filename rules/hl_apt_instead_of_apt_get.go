package rules

import "fmt"

// AptInsteadOfAptGet reports the apt command in RUN scripts.
var AptInsteadOfAptGet = register(&Rule{
	ID:       "AptInsteadOfAptGet",
	Aliases:  []string{"DL3027"},
	Category: CategoryCorrectness,
	Severity: SeverityInfo,
	Doc: Doc{
		Title: "apt in a RUN script instead of apt-get",
		Description: "`apt` is the interactive front end: it warns that its command line is not stable for " +
			"scripts, prints progress meant for a terminal, and its options and output may change between " +
			"releases, which a cached Dockerfile only discovers on a later, uncached build. `apt-get` and " +
			"`apt-cache` are the stable interfaces. The fix renames apt to apt-get for the subcommands where " +
			"both behave the same (install, update, remove, purge, autoremove, clean, autoclean); `apt " +
			"upgrade` also installs new dependencies, which `apt-get upgrade` does not, so it is left to review.",
		Bad:  "FROM debian:bookworm\nRUN apt update && apt install -y --no-install-recommends curl \\\n && rm -rf /var/lib/apt/lists/*\n",
		Good: "FROM debian:bookworm\nRUN apt-get update && apt-get install -y --no-install-recommends curl \\\n && rm -rf /var/lib/apt/lists/*\n",
	},
	Run: runAptInsteadOfAptGet,
})

// hlAptSame are apt subcommands that apt-get runs the same way.
var hlAptSame = map[string]bool{"install": true, "update": true, "remove": true, "purge": true, "autoremove": true, "clean": true, "autoclean": true}

func runAptInsteadOfAptGet(p *Pass) {
	for _, r := range hlRuns(p.File) {
		for _, c := range r.In.Run.Commands {
			if c.Nested || c.Name() != "apt" {
				continue
			}
			name := c.Argv()[0]
			sub := c.Sub(optsWithValue["apt"]...)
			alt := "apt-get"
			switch sub {
			case "search", "show", "policy", "depends", "rdepends", "showsrc":
				alt = "apt-cache"
			}
			d := Diagnostic{Range: name.Range, Message: fmt.Sprintf("apt %s: apt has no stable command line for scripts; use %s %s", sub, alt, sub)}
			if sub == "" {
				d.Message = "apt has no stable command line for scripts; use apt-get or apt-cache"
			}
			if hlAptSame[sub] && name.Literal && p.File.Text(name.Range) == "apt" {
				d.Fixes = []Fix{{Title: "Replace apt with apt-get", Safe: true, Edits: []Edit{{Range: name.Range, NewText: "apt-get"}}}}
			}
			p.Report(d)
		}
	}
}
