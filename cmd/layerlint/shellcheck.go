package main

import (
	"fmt"
	"io"

	"github.com/layerlint/layerlint/rules"
	"github.com/layerlint/layerlint/shellcheck"
)

// setShellChecker hands a shellcheck runner to the configurations of the jobs
// when the ShellCheck rule runs for one of them. Without a shellcheck on
// PATH the rule reports nothing, which --verbose says once; otherwise it says
// which program is used.
func setShellChecker(jobs []job, verbose bool, stderr io.Writer) {
	needed := false
	for _, j := range jobs {
		if j.cfg.rules.Effective(rules.ShellCheck) != rules.SeverityOff {
			needed = true
			break
		}
	}
	if !needed {
		return
	}
	c, ok := shellcheck.New()
	if !ok {
		if verbose {
			fmt.Fprintln(stderr, "layerlint: shellcheck not found on PATH; the ShellCheck rule is off")
		}
		return
	}
	if verbose {
		v := c.Version()
		if v == "" {
			v = "unknown version"
		}
		fmt.Fprintf(stderr, "layerlint: the ShellCheck rule runs %s (%s)\n", c.Path, v)
	}
	// one checker for every file: it runs at most GOMAXPROCS processes at
	// once and remembers the scripts it has checked
	for _, j := range jobs {
		j.cfg.rules.ShellChecker = c
	}
}
