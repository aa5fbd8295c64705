package rules

import (
	"fmt"
	"strings"

	"github.com/layerlint/layerlint/dockerfile"
)

// CurlPipeShell reports a download piped straight into a shell or another
// interpreter, which runs whatever the server returns.
var CurlPipeShell = register(&Rule{
	ID:       "CurlPipeShell",
	Category: CategorySecurity,
	Severity: SeverityWarning,
	Doc: Doc{
		Title: "Downloaded script piped into a shell",
		Description: "`curl https://… | sh` runs whatever the server sends at build time, unread and unverified: " +
			"a compromised site, CDN or mirror, a DNS or TLS interception, or a truncated download (a script " +
			"cut off mid-line can run a half-written `rm -rf`) executes as root inside the build, and its " +
			"result is baked into the image. The same script can also change between two builds of the same " +
			"Dockerfile, so the image is not reproducible. The rule looks at the parsed shell: a pipeline in " +
			"which curl or wget feeds sh, bash or another shell, or an interpreter (python, perl, ruby, node, " +
			"php), and `sh -c \"$(curl …)\"` or `bash <(curl …)`. Download the script to a file, check it " +
			"against a known SHA-256 (`echo \"<sha256>  install.sh\" | sha256sum -c -`) or a signature, then " +
			"run it; better still, install the tool from a package or copy a pinned release.",
		Bad: "FROM debian:bookworm-slim\n" +
			"RUN curl -fsSL https://example.com/install.sh | sh\n",
		Good: "FROM debian:bookworm-slim\n" +
			"ARG INSTALL_SHA256=0f5b3c1f0e1f1c5c2f9a0b6a1d3c7e8f9a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d\n" +
			"RUN curl -fsSLo /tmp/install.sh https://example.com/install.sh \\\n" +
			"    && echo \"${INSTALL_SHA256}  /tmp/install.sh\" | sha256sum -c - \\\n" +
			"    && sh /tmp/install.sh && rm /tmp/install.sh\n",
	},
	Run: runCurlPipeShell,
})

func runCurlPipeShell(p *Pass) {
	f := p.File
	for _, in := range f.Instructions {
		run := runOf(in, true)
		if run == nil {
			continue
		}
		cmds := run.Run.Commands
		for i, c := range cmds {
			if !isFetcher(c) {
				continue
			}
			// a later command of the same pipeline interprets the download
			if c.Pipeline > 0 {
				for _, d := range cmds[i+1:] {
					if d.Pipeline != c.Pipeline || d.PipePos <= c.PipePos {
						continue
					}
					if interp := interpreterName(d); interp != "" && readsStdinScript(d) {
						p.Report(Diagnostic{
							Range: dockerfile.Range{Start: argvRange(c).Start, End: argvRange(d).End},
							Message: fmt.Sprintf("%s output is piped into %s, which runs it unverified; download to a file and check its checksum first",
								c.Name(), interp),
						})
						break
					}
				}
			}
		}
		// sh -c "$(curl ...)", bash <(curl ...)
		for _, c := range cmds {
			interp := interpreterName(c)
			if interp == "" {
				continue
			}
			for _, w := range c.Argv()[1:] {
				if fetched := substitutedFetch(f.Text(w.Range)); fetched != "" {
					p.Report(Diagnostic{
						Range: argvRange(c),
						Message: fmt.Sprintf("%s runs the output of %s unverified; download to a file and check its checksum first",
							interp, fetched),
					})
					break
				}
			}
		}
	}
}

// isFetcher reports curl or wget fetching a URL to its standard output (or
// to a file, which a pipe then cannot read: the pipeline check needs stdout).
func isFetcher(c *dockerfile.Command) bool {
	switch c.Name() {
	case "curl", "wget":
		return true
	}
	return false
}

// interpreterName returns the program c runs scripts with when it reads
// one from its input or arguments: a shell or a scripting language.
func interpreterName(c *dockerfile.Command) string {
	name := c.Name()
	if isShell(name) {
		return name
	}
	base := strings.TrimRight(name, "0123456789.")
	switch base {
	case "python", "perl", "ruby", "node", "php":
		return name
	}
	return ""
}

// substitutedFetch returns "curl" or "wget" when a shell word runs one of
// them in a command or process substitution.
func substitutedFetch(text string) string {
	for _, open := range []string{"$(", "<(", "`"} {
		i := strings.Index(text, open)
		if i < 0 {
			continue
		}
		rest := strings.TrimLeft(text[i+len(open):], " \t")
		for _, name := range []string{"curl", "wget"} {
			if strings.HasPrefix(rest, name+" ") || strings.HasPrefix(rest, name+"\t") {
				return name
			}
		}
	}
	return ""
}

// readsStdinScript reports whether an interpreter takes its program from
// standard input: no inline program (-c, -e, -r, -m) and no script file
// operand, or an explicit "-" or "-s".
func readsStdinScript(c *dockerfile.Command) bool {
	shell := isShell(c.Name())
	argv := c.Argv()
	for i := 1; i < len(argv); i++ {
		v := argv[i].Value
		switch {
		case v == "-" || v == "-s" || v == "/dev/stdin" || v == "/proc/self/fd/0" || (shell && shortFlag(v, "s", "co")):
			return true
		case v == "--":
			// a shell takes the next word as its script file; php and the
			// others pass the rest to the program read from stdin
			return !shell || i+1 >= len(argv) || argv[i+1].Value == "-"
		case shell && (v == "-o" || v == "+o"):
			i++
		case shell && shortFlag(v, "c", "o"):
			return false
		case !shell && (v == "-c" || v == "-m" || v == "-e" || v == "-E" || v == "-r" || v == "-p" ||
			v == "--eval" || v == "--print" || strings.HasPrefix(v, "-c") && len(v) > 2):
			return false
		case strings.HasPrefix(v, "-") || strings.HasPrefix(v, "+"):
			// another option
		default:
			// a script file: the pipe feeds it data
			return false
		}
	}
	return true
}
