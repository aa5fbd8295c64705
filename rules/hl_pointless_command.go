package rules

import (
	"fmt"
)

// PointlessCommand reports commands that make no sense in a build step:
// interactive tools, and commands that act on a running system.
var PointlessCommand = register(&Rule{
	ID:       "PointlessCommand",
	Aliases:  []string{"DL3001"},
	Category: CategoryCorrectness,
	Severity: SeverityInfo,
	Doc: Doc{
		Title: "A command that makes no sense in a build step",
		Description: "A RUN executes once, without a terminal, in a container that exists only for that " +
			"step. Interactive tools (vim, top) wait for input that never comes, `service ... start` starts " +
			"a process that dies with the step, `ps`, `free`, `kill` and `shutdown` inspect or stop a system " +
			"that is not the one the image will run in, `mount` needs privileges a build does not have, and " +
			"`ssh` to another host makes the build depend on it. Usually the command belongs in the " +
			"container's entrypoint, or nowhere.",
		Bad:  "FROM debian:bookworm\nRUN service nginx start\n",
		Good: "FROM debian:bookworm\nCMD [\"nginx\", \"-g\", \"daemon off;\"]\n",
	},
	Run: runPointlessCommand,
})

var hlPointless = map[string]string{
	"free":     "reports the memory of a throwaway build container",
	"kill":     "signals processes of a throwaway build container",
	"mount":    "needs privileges a build step does not have",
	"ps":       "lists the processes of a throwaway build container",
	"service":  "starts or stops a service that ends with the build step",
	"shutdown": "shuts down nothing in a build step",
	"ssh":      "makes the build depend on a remote host",
	"top":      "is interactive and waits for input that never comes",
	"vim":      "is interactive and waits for input that never comes",
	"ifconfig": "reports the network of a throwaway build container",
}

func runPointlessCommand(p *Pass) {
	for _, r := range hlRuns(p.File) {
		for _, c := range r.In.Run.Commands {
			n := c.Name()
			why, ok := hlPointless[n]
			if !ok || c.Nested {
				continue
			}
			p.Report(Diagnostic{Range: hlNameRange(c), Message: fmt.Sprintf("%s %s", n, why)})
		}
	}
}
