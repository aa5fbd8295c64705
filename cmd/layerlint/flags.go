package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
)

// listFlag is a repeatable flag; with split set, each value may also hold a
// comma-separated list ("--disable A,B --disable C").
type listFlag struct {
	values []string
	split  bool
}

func (l *listFlag) String() string { return strings.Join(l.values, ",") }

func (l *listFlag) Set(s string) error {
	if !l.split {
		l.values = append(l.values, s)
		return nil
	}
	for _, v := range strings.Split(s, ",") {
		if v = strings.TrimSpace(v); v != "" {
			l.values = append(l.values, v)
		}
	}
	return nil
}

// newFlagSet returns a flag set that reports errors through parseFlags
// instead of printing them itself.
func newFlagSet(name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	return fs
}

// errHelp means -h was given and the help text has been printed.
var errHelp = errors.New("help requested")

// parseFlags parses args allowing flags after positional arguments
// ("check Dockerfile --format json"); "--" ends the flags. A lone "-" is a
// positional argument (stdin). On -h it prints help to stdout.
func parseFlags(fs *flag.FlagSet, args []string, help string, stdout io.Writer) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				io.WriteString(stdout, help)
				printDefaults(fs, stdout)
				return nil, errHelp
			}
			return nil, &usageError{fmt.Sprintf("%s: %v (see 'layerlint %s -h')", fs.Name(), err, fs.Name())}
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return pos, nil
		}
		// flag stops at "--" (consumed) or at the first positional argument.
		consumed := len(args) - len(rest)
		if consumed > 0 && args[consumed-1] == "--" {
			return append(pos, rest...), nil
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}

// printDefaults lists the flags with a "--" prefix, which flag also accepts,
// except one-letter flags, which read better with one dash ("-o").
func printDefaults(fs *flag.FlagSet, w io.Writer) {
	fmt.Fprintln(w, "\nFlags:")
	fs.VisitAll(func(f *flag.Flag) {
		name, use := flag.UnquoteUsage(f)
		head := "  --" + f.Name
		if len(f.Name) == 1 {
			head = "  -" + f.Name
		}
		if name != "" {
			head += " " + name
		}
		fmt.Fprintf(w, "%s\n    \t%s", head, use)
		if f.DefValue != "" && f.DefValue != "false" {
			fmt.Fprintf(w, " (default %q)", f.DefValue)
		}
		fmt.Fprintln(w)
	})
}
