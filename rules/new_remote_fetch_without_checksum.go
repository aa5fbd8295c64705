package rules

import (
	"fmt"
	"path"
	"strings"

	"github.com/layerlint/layerlint/dockerfile"
)

// RemoteFetchWithoutChecksum reports remote downloads whose content is not
// checked against a known checksum or signature: ADD <url> without
// --checksum, and curl or wget in a RUN that verifies nothing.
var RemoteFetchWithoutChecksum = register(&Rule{
	ID:       "RemoteFetchWithoutChecksum",
	Category: CategorySecurity,
	Severity: SeverityWarning,
	Doc: Doc{
		Title: "Remote download without a checksum or signature check",
		Description: "A file fetched over the network is whatever the server returns on the day of the build: a " +
			"compromised release page or mirror, a moved tag, or an interception replaces the binary the image " +
			"ships, and nothing fails. The same Dockerfile then also builds different images on different days. " +
			"Pin the content, not only the URL: `ADD --checksum=sha256:<hex> <url> <dest>` (Dockerfile syntax " +
			"1.6 and later) makes BuildKit refuse any other bytes, and in a RUN, verify the download before using " +
			"it, in the same RUN: `echo \"<sha256>  file\" | sha256sum -c -`, `sha512sum -c`, `gpg --verify`, " +
			"`cosign verify-blob` or `minisign -V`. The rule reports `ADD` of an http(s) URL without " +
			"`--checksum` (git sources are pinned by a commit in the URL instead and are not checked), and " +
			"every curl or wget download in a RUN that runs none of those verifications. Not reported: " +
			"signing keys and checksum files themselves (keys are trusted on first use and verified by " +
			"fingerprint, which the rule cannot see), output read by a shell or interpreter (CurlPipeShell " +
			"reports that), requests whose answer is only parsed (`| jq`, `$(curl …)` to read a version), " +
			"and requests to localhost. A check done in a later RUN is not recognized.",
		Bad: "FROM alpine:3.20\n" +
			"ADD https://example.com/releases/v1.2/app-linux-amd64 /usr/local/bin/app\n" +
			"RUN wget -qO /tmp/tool.tgz https://example.com/tool-1.2.tgz && tar -xzf /tmp/tool.tgz -C /usr/local/bin\n",
		Good: "FROM alpine:3.20\n" +
			"ADD --checksum=sha256:4c1a3f0b9e2d7c6a5b8f0e1d2c3b4a5f6e7d8c9b0a1f2e3d4c5b6a7f8e9d0c1b \\\n" +
			"    https://example.com/releases/v1.2/app-linux-amd64 /usr/local/bin/app\n" +
			"ARG TOOL_SHA256=0f5b3c1f0e1f1c5c2f9a0b6a1d3c7e8f9a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d\n" +
			"RUN wget -qO /tmp/tool.tgz https://example.com/tool-1.2.tgz \\\n" +
			"    && echo \"${TOOL_SHA256}  /tmp/tool.tgz\" | sha256sum -c - \\\n" +
			"    && tar -xzf /tmp/tool.tgz -C /usr/local/bin\n",
	},
	Run: runRemoteFetchWithoutChecksum,
})

func runRemoteFetchWithoutChecksum(p *Pass) {
	f := p.File
	for _, in := range f.Instructions {
		add := in
		if in.Onbuild != nil {
			add = in.Onbuild
		}
		if add.Keyword == "add" {
			checkAddURLs(p, add)
			continue
		}
		run := runOf(in, true)
		if run == nil || runVerifies(run.Run) {
			continue
		}
		for i, c := range run.Run.Commands {
			url, ok := downloadURL(f, run.Run, i)
			if !ok {
				continue
			}
			msg := fmt.Sprintf("%s downloads %s and nothing in this RUN checks its checksum or signature", c.Name(), url)
			if strings.HasPrefix(strings.ToLower(url), "http://") {
				msg = fmt.Sprintf("%s downloads %s over plain HTTP and nothing in this RUN checks its checksum or signature", c.Name(), url)
			}
			p.Report(Diagnostic{Range: argvRange(c), Message: msg})
		}
	}
}

// checkAddURLs reports the http(s) sources of an ADD without --checksum.
func checkAddURLs(p *Pass, in *dockerfile.Instruction) {
	if in.Flag("checksum") != nil || len(in.Args) < 2 {
		return
	}
	for _, a := range in.Args[:len(in.Args)-1] {
		u := strings.ToLower(a.Value)
		if !strings.HasPrefix(u, "http://") && !strings.HasPrefix(u, "https://") {
			continue
		}
		if isGitURL(u) || verificationMaterial(u) {
			continue
		}
		msg := fmt.Sprintf("ADD downloads %s without --checksum; any content the server returns is accepted", a.Value)
		if strings.HasPrefix(u, "http://") {
			msg = fmt.Sprintf("ADD downloads %s over plain HTTP without --checksum; any content is accepted", a.Value)
		}
		p.Report(Diagnostic{Range: a.Range, Message: msg})
	}
}

// isGitURL reports a URL that BuildKit fetches as a git repository.
func isGitURL(u string) bool {
	base, _, _ := strings.Cut(u, "#")
	return strings.HasSuffix(base, ".git") || strings.HasPrefix(u, "git@") || strings.HasPrefix(u, "git://")
}

// verificationMaterial reports a URL of a checksum list, a signature or a key.
func verificationMaterial(u string) bool {
	u, _, _ = strings.Cut(strings.ToLower(u), "?")
	base := path.Base(strings.TrimRight(u, "/"))
	for _, ext := range []string{".asc", ".sig", ".sign", ".gpg", ".pgp", ".key", ".pub", ".pem", ".crt",
		".sha1", ".sha256", ".sha256sum", ".sha512", ".sha512sum", ".md5", ".sums", ".minisig", ".bundle", ".intoto.jsonl"} {
		if strings.HasSuffix(base, ext) {
			return true
		}
	}
	return strings.Contains(base, "sums") || strings.Contains(base, "checksum") ||
		strings.Contains(base, "keyring") || base == "gpg" || base == "gpgkey" || base == "key" ||
		strings.Contains(u, "/keys/") || strings.Contains(u, "gpg-key") || strings.Contains(u, "gpgkey")
}

// verifiers are commands that check a download's integrity.
var verifiers = map[string]bool{
	"sha1sum": true, "sha224sum": true, "sha256sum": true, "sha384sum": true, "sha512sum": true,
	"md5sum": true, "b2sum": true, "shasum": true, "cksum": true, "gpgv": true, "gpgv2": true,
	"cosign": true, "minisign": true, "signify": true, "slsa-verifier": true, "sigstore": true,
}

// runVerifies reports a RUN that checks a checksum or a signature.
func runVerifies(rb *dockerfile.RunBody) bool {
	for _, c := range rb.Commands {
		name := c.Name()
		if verifiers[name] {
			return true
		}
		switch name {
		case "gpg", "gpg2":
			if c.Has("--verify") || c.HasPrefix("--verify") {
				return true
			}
		case "openssl":
			if c.Sub() == "dgst" || c.Sub() == "sha256" || c.Sub() == "sha512" {
				return true
			}
		case "rpm", "rpmkeys":
			if c.Has("-K") || c.Has("--checksig") {
				return true
			}
		case "gh":
			if ops := c.Operands(); len(ops) >= 2 && ops[0].Value == "attestation" && ops[1].Value == "verify" {
				return true
			}
		}
	}
	return false
}

// downloadURL returns the URL command i of rb downloads as an artifact, with
// ok=false for commands that are no such download.
func downloadURL(f *dockerfile.File, rb *dockerfile.RunBody, i int) (string, bool) {
	c := rb.Commands[i]
	name := c.Name()
	if name != "curl" && name != "wget" {
		return "", false
	}
	argv := c.Argv()
	url := ""
	for _, w := range argv[1:] {
		v := w.Value
		switch v {
		case "-I", "--head", "--spider", "-V", "--version", "-h", "--help", "-d", "--data", "--data-raw",
			"--data-binary", "--json", "-F", "--form", "--post-data", "--post-file":
			return "", false
		case "-X", "--request", "--method":
			// a request method other than GET is an API call
			return "", false
		}
		if url == "" && isURLWord(w) {
			url = v
		}
	}
	if url == "" {
		return "", false
	}
	lu := strings.ToLower(url)
	if strings.HasPrefix(lu, "file:") || localHost(lu) || verificationMaterial(lu) {
		return "", false
	}
	// keys and checksum lists saved to a trusted location
	for _, w := range argv[1:] {
		if keyPath(w.Value) {
			return "", false
		}
	}
	// $(curl ...) and `curl ...`: the answer is read, not installed
	before := strings.TrimRight(f.Text(dockerfile.Range{Start: rb.Script.Start, End: c.Range.Start}), " \t")
	if strings.HasSuffix(before, "$(") || strings.HasSuffix(before, "`") || strings.HasSuffix(before, "<(") {
		return "", false
	}
	// what reads the download in a pipeline
	if c.Pipeline > 0 {
		for _, d := range rb.Commands[i+1:] {
			if d.Pipeline != c.Pipeline || d.PipePos <= c.PipePos {
				continue
			}
			switch dn := d.Name(); {
			case interpreterName(d) != "" && readsStdinScript(d):
				return "", false // CurlPipeShell
			case dn == "gpg" || dn == "gpg2" || dn == "apt-key" || dn == "rpm" || dn == "rpmkeys":
				return "", false // a key being imported
			case dn == "tee" && len(d.Operands()) > 0 && keyPath(d.Operands()[0].Value):
				return "", false
			case parsesOutput(d):
				return "", false
			}
		}
	}
	return url, true
}

// isURLWord reports a word that is or holds a download URL: a literal with
// a scheme, or an expansion of a variable named like a URL.
func isURLWord(w dockerfile.Word) bool {
	if strings.HasPrefix(w.Value, "-") {
		return false
	}
	if strings.Contains(w.Value, "://") {
		return true
	}
	if w.Literal {
		return false
	}
	u := strings.ToUpper(w.Value)
	return strings.Contains(u, "URL") || strings.Contains(u, "URI") || strings.Contains(u, "HTTP")
}

// localHost reports URLs of the build container itself.
func localHost(u string) bool {
	for _, h := range []string{"localhost", "127.0.0.1", "0.0.0.0", "[::1]"} {
		if strings.Contains(u, "://"+h) {
			return true
		}
	}
	return false
}

// keyPath reports a path where signing keys or repository definitions go.
func keyPath(p string) bool {
	l := strings.ToLower(p)
	return strings.Contains(l, "keyring") || strings.Contains(l, "trusted.gpg") || strings.Contains(l, "/etc/apk/keys") ||
		strings.Contains(l, "rpm-gpg") || strings.HasPrefix(l, "/etc/apt/sources.list") || strings.HasPrefix(l, "/etc/yum.repos.d") ||
		strings.HasSuffix(l, ".gpg") || strings.HasSuffix(l, ".asc") || strings.HasSuffix(l, ".pub") || strings.HasSuffix(l, ".key") ||
		strings.HasSuffix(l, ".repo") || strings.HasSuffix(l, ".list")
}

// parsesOutput reports text tools that read a response rather than keep it.
func parsesOutput(c *dockerfile.Command) bool {
	switch c.Name() {
	case "jq", "yq", "grep", "egrep", "sed", "awk", "cut", "head", "tail", "tr", "sort", "wc", "xmllint":
		return true
	}
	return false
}
