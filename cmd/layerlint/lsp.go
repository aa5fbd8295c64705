package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"syscall"

	"github.com/layerlint/layerlint/lsp"
)

const lspUsage = `Usage: layerlint lsp [--stdio] [--log FILE]

Runs the layerlint language server on standard input and output (the only
transport), for editors: the same rules as 'layerlint check', on the unsaved
buffer. Settings come from the editor (initializationOptions and the
"layerlint" configuration section).

Exit codes: 0 after the client's shutdown and exit, 1 otherwise, 2 usage error.
`

// runLSP is the "lsp" subcommand.
func runLSP(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("lsp", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { io.WriteString(stderr, lspUsage) }
	fs.Bool("stdio", true, "use standard input and output (the default and only transport)")
	logFile := fs.String("log", "", "append the server's log to `FILE` (default: standard error)")
	if err := fs.Parse(args); err != nil {
		if err == flag.ErrHelp {
			return exitOK
		}
		return exitError
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "layerlint lsp: unexpected argument %q\n", fs.Arg(0))
		fs.Usage()
		return exitError
	}
	logw := stderr
	if *logFile != "" {
		f, err := os.OpenFile(*logFile, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
		if err != nil {
			return fail(stderr, pathError(*logFile, err))
		}
		defer f.Close()
		logw = f
	}
	tuneGC()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	return lsp.Serve(ctx, stdin, stdout, lsp.Options{Log: logw, Version: version})
}

// tuneGC trades memory for keystroke latency in the long-running server:
// each edit relints the file and leaves a few MB of garbage; with Go's
// default (a collection whenever the heap doubles over a small live set)
// collections overlap most edits. The heap may grow to four times the live
// data, with a soft limit of 64 MiB so a large workspace does not drift
// up. GOGC and GOMEMLIMIT in the environment win.
func tuneGC() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(400)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(64 << 20)
	}
}
