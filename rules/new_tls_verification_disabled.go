package rules

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/layerlint/layerlint/dockerfile"
)

// TlsVerificationDisabled reports downloads and tools told not to verify the
// server's TLS certificate.
var TlsVerificationDisabled = register(&Rule{
	ID:       "TlsVerificationDisabled",
	Category: CategorySecurity,
	Severity: SeverityWarning,
	Doc: Doc{
		Title: "TLS certificate verification disabled",
		Description: "HTTPS protects a download only when the client checks the server's certificate. With the " +
			"check off, anyone on the network path (a proxy, a hijacked DNS answer, a compromised CI runner " +
			"network) can serve their own packages or scripts, and the build runs or installs them. The " +
			"rule reports `curl -k`/`--insecure`, `wget --no-check-certificate`, pip's `--trusted-host` and " +
			"`PIP_TRUSTED_HOST`, uv's `--allow-insecure-host`, `NODE_TLS_REJECT_UNAUTHORIZED=0`, " +
			"`npm`/`yarn`/`pnpm config set strict-ssl false` and `NPM_CONFIG_STRICT_SSL=false`, " +
			"`GIT_SSL_NO_VERIFY` (git ignores the value: any setting disables the check), " +
			"`git config http.sslVerify false` and `git -c http.sslVerify=false`, yum/dnf `sslverify=0`, " +
			"`PYTHONHTTPSVERIFY=0`, conda's `ssl_verify false`, composer's `disable-tls`/`secure-http false`, " +
			"`GOINSECURE`, and `--insecure-skip-tls-verify`/`--tls-verify=false` of cluster and registry " +
			"tools, in RUN commands and in ENV or ARG defaults. When a proxy re-signs traffic, add its CA " +
			"certificate to the image (`update-ca-certificates`) instead of turning verification off.",
		Bad:  "FROM node:20-slim\nENV NODE_TLS_REJECT_UNAUTHORIZED=0\nRUN curl -kfsSLo /tmp/tool.tgz https://example.com/tool.tgz\n",
		Good: "FROM node:20-slim\nCOPY proxy-ca.crt /usr/local/share/ca-certificates/\nRUN update-ca-certificates && curl -fsSLo /tmp/tool.tgz https://example.com/tool.tgz\n",
	},
	Run: runTlsVerificationDisabled,
})

// tlsEnv lists environment variables that turn TLS verification off, with
// the values that do so ("" = any value).
var tlsEnv = []struct {
	name   string
	values []string
	what   string
}{
	{"NODE_TLS_REJECT_UNAUTHORIZED", []string{"0"}, "Node.js accepts any certificate"},
	{"PIP_TRUSTED_HOST", nil, "pip skips certificate checks for the listed hosts"},
	{"GIT_SSL_NO_VERIFY", nil, "git skips certificate checks whatever the value"},
	{"PYTHONHTTPSVERIFY", []string{"0"}, "Python's urllib skips certificate checks"},
	{"NPM_CONFIG_STRICT_SSL", []string{"false", "0"}, "npm accepts any certificate"},
	{"YARN_ENABLE_STRICT_SSL", []string{"false", "0"}, "yarn accepts any certificate"},
	{"GOINSECURE", nil, "go fetches the listed modules without certificate checks"},
}

var (
	// sslVerifyOffRE matches yum/dnf/zypper repository options.
	sslVerifyOffRE = regexp.MustCompile(`(?i)(?:^|[^_a-z]|\\[nt])(sslverify\s*=\s*(?:0|false|no|off)\b)`)
	// tlsEnvRE finds assignments of the tlsEnv variables in shell text.
	tlsEnvRE = regexp.MustCompile(`(?i)(?:^|[^A-Za-z0-9_])(NODE_TLS_REJECT_UNAUTHORIZED|PIP_TRUSTED_HOST|GIT_SSL_NO_VERIFY|PYTHONHTTPSVERIFY|NPM_CONFIG_STRICT_SSL|YARN_ENABLE_STRICT_SSL|GOINSECURE)=("[^"]*"|'[^']*'|[^\s;&|]*)`)
	// wgetCheckOffRE matches wget's check_certificate setting turned off.
	wgetCheckOffRE = regexp.MustCompile(`(?i)check_certificate\s*=\s*(off|0|no)`)
	// curlShortWithArg lists curl's single-letter options that take a value.
	curlShortWithArg = "AbcCdDeEFHKmoPQrTuUwXxyYz"
)

func runTlsVerificationDisabled(p *Pass) {
	f := p.File
	for _, in := range f.Instructions {
		if in.Keyword == "env" || in.Keyword == "arg" {
			for _, v := range declaredVars(in) {
				if !v.HasDefault {
					continue
				}
				if what := tlsEnvOff(v.Name, v.Value); what != "" {
					p.Report(Diagnostic{Range: v.Range, Message: fmt.Sprintf("%s %s=%s: %s", strings.ToUpper(in.Keyword), v.Name, v.Value, what)})
				}
			}
			continue
		}
		run := runOf(in, true)
		if run == nil {
			continue
		}
		var reported []dockerfile.Range
		for _, c := range run.Run.Commands {
			if r, what := tlsOffInCommand(c); what != "" {
				p.Report(Diagnostic{Range: r, Message: what})
				reported = append(reported, r)
			}
		}
		text := f.Text(run.Run.Script)
		// variables set inline, with export or with env in the script
		var matches [][]int
		// the regular expression only runs on text that names a variable
		if containsFold(text, "tls_reject") || containsFold(text, "trusted_host") ||
			containsFold(text, "ssl_no_verify") || containsFold(text, "httpsverify") ||
			containsFold(text, "strict_ssl") || containsFold(text, "goinsecure") {
			matches = tlsEnvRE.FindAllStringSubmatchIndex(text, -1)
		}
		for _, m := range matches {
			if what := tlsEnvOff(text[m[2]:m[3]], trimQuotes(text[m[4]:m[5]])); what != "" {
				p.Report(Diagnostic{
					Range:   dockerfile.Range{Start: run.Run.Script.Start + m[2], End: run.Run.Script.Start + m[5]},
					Message: fmt.Sprintf("%s: %s", text[m[2]:m[5]], what),
				})
			}
		}
		// yum/dnf repository settings, written to a file or passed with --setopt
		if !containsFold(text, "sslverify") {
			continue
		}
		if loc := sslVerifyOffRE.FindStringSubmatchIndex(text); loc != nil && !overlapsAny(reported, run.Run.Script.Start+loc[2]) {
			p.Report(Diagnostic{
				Range:   dockerfile.Range{Start: run.Run.Script.Start + loc[2], End: run.Run.Script.Start + loc[3]},
				Message: fmt.Sprintf("%s: the package manager accepts any certificate from the repository", text[loc[2]:loc[3]]),
			})
		}
	}
}

// tlsEnvOff describes the effect of setting variable name to value when it
// disables TLS verification, or returns "".
func tlsEnvOff(name, value string) string {
	for _, e := range tlsEnv {
		if !strings.EqualFold(name, e.name) {
			continue
		}
		if e.values == nil {
			if e.name == "GIT_SSL_NO_VERIFY" || strings.TrimSpace(value) != "" {
				return e.what
			}
			return ""
		}
		for _, v := range e.values {
			if strings.EqualFold(strings.TrimSpace(value), v) {
				return e.what
			}
		}
	}
	return ""
}

// tlsOffInCommand returns the range and a message when c turns certificate
// verification off.
func tlsOffInCommand(c *dockerfile.Command) (dockerfile.Range, string) {
	argv := c.Argv()
	if len(argv) == 0 {
		return dockerfile.Range{}, ""
	}
	name := c.Name()
	args := argv[1:]
	for i, w := range args {
		v := w.Value
		switch {
		case v == "--insecure-skip-tls-verify" || v == "--insecure-skip-tls-verify=true" ||
			v == "--tls-verify=false" || v == "--src-tls-verify=false" || v == "--dest-tls-verify=false":
			return w.Range, fmt.Sprintf("%s %s connects without checking certificates", name, v)
		case name == "curl" && (v == "--insecure" || v == "--proxy-insecure" || shortFlag(v, "k", curlShortWithArg)):
			return w.Range, fmt.Sprintf("curl %s accepts any certificate; the download can be replaced in transit", v)
		case name == "wget" && v == "--no-check-certificate":
			return w.Range, "wget --no-check-certificate accepts any certificate; the download can be replaced in transit"
		case name == "wget" && (v == "-e" || v == "--execute") && i+1 < len(args) &&
			wgetCheckOffRE.MatchString(args[i+1].Value):
			return args[i+1].Range, "wget check_certificate=off accepts any certificate; the download can be replaced in transit"
		case (v == "--trusted-host" || strings.HasPrefix(v, "--trusted-host=")) && isPipCommand(c):
			return w.Range, fmt.Sprintf("%s --trusted-host skips certificate checks for that host", name)
		case name == "uv" && (v == "--allow-insecure-host" || strings.HasPrefix(v, "--allow-insecure-host=")):
			return w.Range, "uv --allow-insecure-host skips certificate checks for that host"
		case (name == "npm" || name == "yarn" || name == "pnpm") && (v == "--strict-ssl=false" || v == "--strict-ssl" && i+1 < len(args) && args[i+1].Value == "false"):
			return w.Range, fmt.Sprintf("%s --strict-ssl=false accepts any certificate", name)
		case name == "git" && v == "-c" && i+1 < len(args) && gitSSLOff(args[i+1].Value, ""):
			return args[i+1].Range, "git -c http.sslVerify=false skips certificate checks"
		case name == "go" && v == "-insecure":
			return w.Range, "go -insecure fetches modules without certificate checks"
		}
	}
	switch name {
	case "npm", "pnpm", "yarn", "git", "conda", "mamba", "micromamba", "composer":
	default:
		if !isPipCommand(c) {
			return dockerfile.Range{}, "" // no configuration setter below applies
		}
	}
	ops := c.Operands()
	vals := make([]string, len(ops))
	for i, o := range ops {
		vals[i] = strings.ToLower(o.Value)
	}
	// config setters: <tool> config set <key> <value>
	setting := func(key, value string) (dockerfile.Range, bool) {
		for i := 0; i+1 < len(vals); i++ {
			if (vals[i] == key || strings.HasSuffix(vals[i], "."+key)) && vals[i+1] == value {
				return dockerfile.Range{Start: ops[i].Range.Start, End: ops[i+1].Range.End}, true
			}
			if vals[i] == key+"="+value {
				return ops[i].Range, true
			}
		}
		return dockerfile.Range{}, false
	}
	switch name {
	case "npm", "pnpm", "yarn":
		if len(vals) > 0 && (vals[0] == "config" || vals[0] == "set") {
			for _, kv := range [][2]string{{"strict-ssl", "false"}, {"enablestrictssl", "false"}} {
				if r, ok := setting(kv[0], kv[1]); ok {
					return r, name + " config strict-ssl false accepts any certificate from the registry"
				}
			}
		}
	case "git":
		if len(vals) > 0 && vals[0] == "config" {
			for i := 1; i+1 < len(vals); i++ {
				if gitSSLOff(vals[i], vals[i+1]) {
					return dockerfile.Range{Start: ops[i].Range.Start, End: ops[i+1].Range.End}, "git config http.sslVerify false skips certificate checks"
				}
			}
		}
	case "conda", "mamba", "micromamba":
		for _, v := range []string{"false", "no", "0"} {
			if r, ok := setting("ssl_verify", v); ok {
				return r, name + " ssl_verify false accepts any certificate from the channels"
			}
		}
	case "composer":
		if r, ok := setting("disable-tls", "true"); ok {
			return r, "composer disable-tls true downloads without TLS"
		}
		if r, ok := setting("secure-http", "false"); ok {
			return r, "composer secure-http false allows downloads over plain HTTP"
		}
	default:
		if isPipCommand(c) && !strings.HasPrefix(name, "pip") && len(vals) > 0 && vals[0] == "pip" {
			ops, vals = ops[1:], vals[1:]
		}
		if isPipCommand(c) && len(vals) > 0 && vals[0] == "config" {
			for i := 1; i < len(vals); i++ {
				if strings.HasSuffix(vals[i], "trusted-host") && i+1 < len(vals) {
					return dockerfile.Range{Start: ops[i].Range.Start, End: ops[i+1].Range.End}, "pip config trusted-host skips certificate checks for that host"
				}
			}
		}
	}
	return dockerfile.Range{}, ""
}

// gitSSLOff reports a git configuration of http[.<url>].sslVerify to false,
// given as "key=value" or as key and value.
func gitSSLOff(key, value string) bool {
	if k, v, ok := strings.Cut(key, "="); ok {
		key, value = k, v
	}
	key = strings.ToLower(key)
	if !strings.HasPrefix(key, "http.") || !strings.HasSuffix(key, ".sslverify") {
		return false
	}
	switch strings.ToLower(value) {
	case "false", "0", "no", "off":
		return true
	}
	return false
}

// isPipCommand reports pip, pip3, pip3.12 and python -m pip.
func isPipCommand(c *dockerfile.Command) bool {
	name := c.Name()
	if name == "pip" || strings.HasPrefix(name, "pip3") || strings.HasPrefix(name, "pip2") {
		return true
	}
	argv := c.Argv()
	return strings.HasPrefix(name, "python") && len(argv) >= 3 && argv[1].Value == "-m" && strings.HasPrefix(argv[2].Value, "pip")
}

// overlapsAny reports whether offset off lies in one of rs.
func overlapsAny(rs []dockerfile.Range, off int) bool {
	for _, r := range rs {
		if r.Start <= off && off < r.End {
			return true
		}
	}
	return false
}
