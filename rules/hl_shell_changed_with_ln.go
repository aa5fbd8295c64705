package rules

// ShellChangedWithLn reports a RUN that replaces /bin/sh with a link.
var ShellChangedWithLn = register(&Rule{
	ID:       "ShellChangedWithLn",
	Aliases:  []string{"DL4005"},
	Category: CategoryCorrectness,
	Severity: SeverityWarning,
	Doc: Doc{
		Title: "/bin/sh replaced with ln instead of SHELL",
		Description: "`ln -sf /bin/bash /bin/sh` changes the shell of every later RUN, and also of every " +
			"script and program in the image that calls /bin/sh, including the distribution's own " +
			"maintainer scripts, which were written for dash or BusyBox. SHELL changes the shell of the " +
			"Dockerfile's RUN instructions only, and says so where a reader looks.",
		Bad:  "FROM debian:bookworm\nRUN ln -sf /bin/bash /bin/sh\n",
		Good: "FROM debian:bookworm\nSHELL [\"/bin/bash\", \"-c\"]\n",
	},
	Run: runShellChangedWithLn,
})

func runShellChangedWithLn(p *Pass) {
	for _, r := range hlRuns(p.File) {
		for _, c := range r.In.Run.Commands {
			if c.Name() != "ln" {
				continue
			}
			ops := c.Operands("-t", "--target-directory", "-S", "--suffix")
			if len(ops) >= 2 && ops[len(ops)-1].Value == "/bin/sh" {
				p.Reportf(hlCommandRange(c), "this link replaces /bin/sh for every later RUN and every script in the image; use SHELL to change the RUN shell")
			}
		}
	}
}
