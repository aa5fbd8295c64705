package rules

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/layerlint/layerlint/dockerfile"
)

// PackageSignatureDisabled reports package-manager options that install
// packages whose signatures or digests are not checked.
var PackageSignatureDisabled = register(&Rule{
	ID:       "PackageSignatureDisabled",
	Category: CategorySecurity,
	Severity: SeverityWarning,
	Doc: Doc{
		Title: "Package signature verification disabled",
		Description: "System package managers refuse packages whose signature does not match a trusted key: " +
			"that check is what makes installing over plain HTTP mirrors and through proxies safe. Options " +
			"that switch it off let a tampered or substituted package install silently, as root, into the " +
			"image. The rule reports apt's `--allow-unauthenticated`, `--allow-insecure-repositories`, " +
			"`--force-yes` (deprecated, and it also allows unauthenticated packages) and the matching " +
			"`-o APT::Get::AllowUnauthenticated=true` / `Acquire::AllowInsecureRepositories` options and " +
			"`[trusted=yes]` source entries; apk's `--allow-untrusted`; yum, dnf, tdnf and microdnf's " +
			"`--nogpgcheck` and `gpgcheck=0`; rpm's `--nosignature`, `--nodigest` and `--noverify` when " +
			"installing; zypper's `--no-gpg-checks` and `--no-gpgcheck`. Import the repository's key " +
			"instead (`signed-by=` for apt, `rpm --import`, `apk add --allow-untrusted` replaced by copying " +
			"the key into /etc/apk/keys).",
		Bad:  "FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y --allow-unauthenticated vendor-tool\n",
		Good: "FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y --no-install-recommends vendor-tool\n",
	},
	Run: runPackageSignatureDisabled,
})

var (
	// repoNoGPGRE matches gpgcheck=0 written into a yum/dnf repository file
	// or passed with --setopt (repo_gpgcheck, the metadata check, is left out).
	// A preceding "\n" or "\t" escape (printf, echo -e) counts as a separator.
	repoNoGPGRE = regexp.MustCompile(`(?i)(?:^|[^_a-z]|\\[nt])(gpgcheck\s*=\s*(?:0|false|no)\b)`)
	// aptTrustedRE matches a sources.list entry that trusts a repository
	// without a signature.
	// Local repositories (file:, copy:) built in the same RUN are left out:
	// their packages come from the build itself.
	aptTrustedRE = regexp.MustCompile(`(?i)\[[^\]]*\b(?:trusted|allow-insecure)=yes\b[^\]]*\]\s*(\S*)`)
	// aptUnauthRE matches apt options that accept unsigned packages or repositories.
	aptUnauthRE = regexp.MustCompile(`(?i)(?:APT::Get::AllowUnauthenticated|Acquire::AllowInsecureRepositories|Acquire::AllowDowngradeToInsecureRepositories)(?:\s*=\s*|\s+"?)(?:true|1|yes)\b`)
)

func runPackageSignatureDisabled(p *Pass) {
	f := p.File
	for _, in := range f.Instructions {
		run := runOf(in, true)
		if run == nil {
			continue
		}
		fetched := false
		for _, c := range run.Run.Commands {
			if c.Name() == "curl" || c.Name() == "wget" {
				fetched = true
			}
			for _, w := range c.Argv()[min(1, len(c.Argv())):] {
				if what := signatureOffOption(c, w.Value, fetched); what != "" {
					p.Report(Diagnostic{
						Range:   w.Range,
						Message: fmt.Sprintf("%s %s; trust the repository's key instead", c.Name(), what),
					})
				}
			}
		}
		// configuration written by the script: repo files and sources lists
		text := f.Text(run.Run.Script)
		if lower := strings.ToLower(text); !strings.Contains(lower, "gpgcheck") && !strings.Contains(lower, "trusted=") &&
			!strings.Contains(lower, "allow-insecure=") {
			continue
		}
		for _, m := range []struct {
			re   *regexp.Regexp
			what string
		}{
			{repoNoGPGRE, "gpgcheck=0 turns off the package signature check of a repository"},
			{aptTrustedRE, "a [trusted=yes] source lets apt install unsigned packages from it"},
		} {
			loc := m.re.FindStringSubmatchIndex(text)
			if loc == nil || optionAlreadyReported(run, f, run.Run.Script.Start+loc[0]) {
				continue
			}
			if m.re == aptTrustedRE {
				uri := strings.ToLower(strings.Trim(text[loc[2]:loc[3]], `"'`))
				if strings.HasPrefix(uri, "file:") || strings.HasPrefix(uri, "copy:") {
					continue
				}
				loc[1] = strings.LastIndex(text[:loc[1]], "]") + 1
			}
			if m.re == repoNoGPGRE {
				loc[0], loc[1] = loc[2], loc[3]
			}
			p.Report(Diagnostic{
				Range:   dockerfile.Range{Start: run.Run.Script.Start + loc[0], End: run.Run.Script.Start + loc[1]},
				Message: m.what,
			})
		}
	}
}

// optionAlreadyReported reports whether off lies in a command word that the
// per-command check already reported (dnf --setopt=gpgcheck=0).
func optionAlreadyReported(run *dockerfile.Instruction, f *dockerfile.File, off int) bool {
	for _, c := range run.Run.Commands {
		for _, w := range c.Argv()[min(1, len(c.Argv())):] {
			if w.Range.Start <= off && off < w.Range.End && signatureOffOption(c, w.Value, true) != "" {
				return true
			}
		}
	}
	return false
}

// signatureOffOption describes the effect of option v of command c when it
// disables signature checks, or returns "". fetched tells that the RUN
// downloaded something before c, so local package files may come from the
// network.
func signatureOffOption(c *dockerfile.Command, v string, fetched bool) string {
	switch c.Name() {
	case "apt-get", "apt", "aptitude":
		switch v {
		case "--allow-unauthenticated":
			return "--allow-unauthenticated accepts unsigned packages"
		case "--allow-insecure-repositories":
			return "--allow-insecure-repositories accepts unsigned repositories"
		case "--force-yes":
			return "--force-yes also accepts unsigned packages"
		}
		if aptUnauthRE.MatchString(v) {
			return v + " accepts unsigned packages"
		}
	case "apk":
		sub := c.Sub(optsWithValue["apk"]...)
		if v == "--allow-untrusted" && sub != "index" && sub != "verify" && (fetched || !localPackagesOnly(c, ".apk")) {
			return "--allow-untrusted accepts packages signed by unknown keys"
		}
	case "yum", "dnf", "tdnf", "microdnf", "yum-config-manager", "dnf5":
		if v == "--nogpgcheck" || v == "--no-gpgchecks" {
			return v + " skips the package signature check"
		}
		if strings.HasPrefix(v, "--setopt") && repoNoGPGRE.MatchString(v) {
			return v + " skips the package signature check"
		}
	case "rpm":
		switch v {
		case "--nosignature", "--nodigest":
			if rpmInstalls(c) {
				return v + " skips the package " + strings.TrimPrefix(v, "--no") + " check"
			}
		case "--noverify":
			if rpmInstalls(c) {
				return "--noverify skips the package checks before installing"
			}
		}
	case "zypper":
		switch v {
		case "--no-gpg-checks", "--no-gpgcheck", "--gpgcheck-allow-unsigned", "--gpgcheck-allow-unsigned-package", "--gpgcheck-allow-unsigned-repo":
			return v + " accepts unsigned packages or repositories"
		}
	}
	return ""
}

// rpmInstalls reports rpm in install, upgrade or freshen mode.
func rpmInstalls(c *dockerfile.Command) bool {
	for _, w := range c.Argv()[1:] {
		switch w.Value {
		case "--install", "--upgrade", "--freshen", "--reinstall":
			return true
		}
		if shortFlag(w.Value, "iUF", "") {
			return true
		}
	}
	return false
}

// localPackagesOnly reports a command whose package operands are all local
// files with extension ext: packages built or copied into the build, which
// carry no repository signature to check.
func localPackagesOnly(c *dockerfile.Command, ext string) bool {
	ops := c.Operands(optsWithValue[c.Name()]...)
	n := 0
	for _, o := range ops[min(1, len(ops)):] {
		if !strings.HasSuffix(o.Value, ext) && !strings.HasSuffix(o.Value, "*"+ext) && !strings.HasSuffix(o.Value, ext+"*") {
			if strings.HasSuffix(o.Value, "*") && strings.Contains(o.Value, "/") {
				n++
				continue
			}
			return false
		}
		if strings.Contains(o.Value, "://") {
			return false
		}
		n++
	}
	return n > 0
}
