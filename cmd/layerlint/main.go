// Command layerlint lints Dockerfiles for build-cache and image-size mistakes.
//
// It is a thin driver: it parses flags, finds files, calls rules.Lint and
// prints the findings. Every lint decision belongs to package rules, so the
// command line and the language server cannot disagree.
//
// This package may import dockerfile and rules; nothing imports it.
package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
)

// Exit codes.
const (
	exitOK       = 0 // nothing at or above the fail level
	exitFindings = 1 // findings at or above the fail level
	exitError    = 2 // usage, I/O or configuration error
)

// version is replaced at link time: -ldflags "-X main.version=v1.2.3".
var version = "dev"

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// run is the whole command: main only adds the process around it, so that
// tests can drive it in-process.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		printUsage(stderr)
		return exitError
	}
	cmd, rest := args[0], args[1:]
	switch cmd {
	case "check":
		return runCheck(rest, stdin, stdout, stderr)
	case "rules":
		return runRules(rest, stdout, stderr)
	case "explain":
		return runExplain(rest, stdout, stderr)
	case "lsp":
		return runLSP(rest, stdin, stdout, stderr)
	case "context":
		return runContext(rest, stdin, stdout, stderr)
	case "cache":
		return runCache(rest, stdin, stdout, stderr)
	case "version", "--version":
		return runVersion(rest, stdout, stderr)
	case "help", "-h", "-help", "--help":
		if len(rest) > 0 {
			// "layerlint help check" is "layerlint check -h".
			return run([]string{rest[0], "-h"}, stdin, stdout, stderr)
		}
		printUsage(stdout)
		return exitOK
	}
	if strings.HasPrefix(cmd, "-") {
		fmt.Fprintf(stderr, "layerlint: flag %s before a subcommand (did you mean 'layerlint check %s'?)\n", cmd, cmd)
	} else {
		fmt.Fprintf(stderr, "layerlint: unknown subcommand %q\n", cmd)
	}
	printUsage(stderr)
	return exitError
}

const usage = `layerlint lints Dockerfiles for build-cache and image-size mistakes.

Usage:
  layerlint check [flags] [PATH...]   lint files, directories or - (stdin)
  layerlint context [flags] [DIR]     show the build context: ignore file, files sent, what each COPY brings
  layerlint cache [flags]             predict which build steps rerun when files or build args change
  layerlint lsp                       run the language server on stdin/stdout
  layerlint rules [--format text|json] list every rule
  layerlint explain RULE              describe one rule (ID or alias)
  layerlint version                   print the version
  layerlint help [SUBCOMMAND]         print this help or a subcommand's flags

Run 'layerlint check -h' for the check flags.
Exit codes: 0 no findings at or above --fail-level, 1 findings, 2 usage, I/O or configuration error.
`

func printUsage(w io.Writer) { io.WriteString(w, usage) }

// usageError is a problem with the command line; it is printed on one line.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

// fail prints one "layerlint: ..." line and returns exitError.
func fail(stderr io.Writer, err error) int {
	fmt.Fprintf(stderr, "layerlint: %s\n", oneLine(err.Error()))
	return exitError
}

// oneLine keeps error messages on one line whatever wraps them.
func oneLine(s string) string {
	return strings.Join(strings.Fields(strings.ReplaceAll(s, "\n", " ")), " ")
}

// pathError turns an I/O error into "path: problem", naming the path as the
// user wrote it rather than whatever the operating system call saw.
func pathError(path string, err error) error {
	return fmt.Errorf("%s: %w", path, osReason(err))
}

// osReason strips the operation and path that os errors carry, leaving the
// reason ("no such file or directory").
func osReason(err error) error {
	var pe *os.PathError
	var le *os.LinkError
	switch {
	case errors.As(err, &pe):
		return pe.Err
	case errors.As(err, &le):
		return le.Err
	}
	return err
}
