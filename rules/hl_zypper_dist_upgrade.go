package rules

// ZypperDistUpgrade reports zypper dist-upgrade in RUN scripts.
var ZypperDistUpgrade = register(&Rule{
	ID:       "ZypperDistUpgrade",
	Aliases:  []string{"DL3035"},
	Category: CategoryCorrectness,
	Severity: SeverityWarning,
	Doc: Doc{
		Title: "zypper dist-upgrade in a build step",
		Description: "`zypper dist-upgrade` moves every package to the newest versions the repositories " +
			"offer, possibly across a distribution release: the image no longer matches its base tag, grows " +
			"by the replaced packages, and a cached layer and a fresh build hold different systems. Use a " +
			"newer base image instead, or `zypper patch` / `zypper update` for security fixes.",
		Bad:  "FROM opensuse/leap:15.5\nRUN zypper -n dist-upgrade\n",
		Good: "FROM opensuse/leap:15.6\nRUN zypper -n patch\n",
	},
	Run: runZypperDistUpgrade,
})

func runZypperDistUpgrade(p *Pass) {
	for _, r := range hlRuns(p.File) {
		for _, c := range r.In.Run.Commands {
			if c.Name() != "zypper" {
				continue
			}
			ops := c.Operands(optsWithValue["zypper"]...)
			if len(ops) > 0 && (ops[0].Value == "dist-upgrade" || ops[0].Value == "dup") {
				p.Reportf(ops[0].Range, "zypper %s upgrades the whole distribution inside the image; use a newer base image", ops[0].Value)
			}
		}
	}
}
