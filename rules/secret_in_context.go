package rules

import (
	"fmt"
	"path"
	"strings"

	"github.com/layerlint/layerlint/ctxscan"
)

// SecretInContext reports a COPY/ADD that puts a file that looks like a
// credential into a layer.
var SecretInContext = register(&Rule{
	ID:           "SecretInContext",
	Category:     CategorySecurity,
	Severity:     SeverityWarning,
	NeedsContext: true,
	Doc: Doc{
		Title: "A COPY puts a credential file into the image",
		Description: "Files such as `.env`, private keys (`*.pem`, `*.key`, `id_rsa`), registry and package " +
			"credentials (`.npmrc`, `.pypirc`, `.netrc`, `.git-credentials`, `.docker/config.json`), cloud " +
			"credentials (`.aws/`), kubeconfigs and Terraform state end up in a layer when a broad COPY " +
			"brings them. Anyone who can pull the image, or read the build cache it was exported to, can " +
			"extract them, and deleting them in a later layer does not remove them from the earlier one.\n\n" +
			"The rule resolves what each COPY/ADD brings from the context, after the ignore file, and reports " +
			"the secrets it finds (templates such as `.env.example` are left alone). Exclude them in the " +
			"ignore file, and give the build the credentials it needs with `RUN --mount=type=secret`.\n\n" +
			"The fix appends each secret's exact path to the ignore file in force (`<Dockerfile>.dockerignore` " +
			"when it exists), or creates `.dockerignore` at the context root when there is none. A secret that " +
			"a COPY/ADD source or a `RUN --mount=type=bind` names is left out, since excluding it would break " +
			"the build; the fix is then not safe, as the finding stays.",
		Bad:  "FROM node:22-slim\nWORKDIR /app\nCOPY . .\n",
		Good: "FROM node:22-slim\nWORKDIR /app\nCOPY src ./src\n",
		Context: map[string]string{
			".npmrc":       "//registry.npmjs.org/:_authToken=secret\n",
			".env":         "DB_PASSWORD=secret\n",
			".env.example": "DB_PASSWORD=\n",
			"src/index.js": "console.log(1)\n",
		},
	},
	Run: runSecretInContext,
})

func runSecretInContext(p *Pass) {
	for _, c := range contextCopies(p) {
		for _, s := range c.Sources {
			var found []string
			for _, e := range s.Resolved.Entries {
				if !e.IsDir() && looksLikeSecret(e.Path) {
					found = append(found, e.Path)
				}
			}
			if len(found) == 0 {
				continue
			}
			var q []string
			for i, f := range found {
				if i == 3 {
					q = append(q, fmt.Sprintf("%d more", len(found)-3))
					break
				}
				q = append(q, fmt.Sprintf("%q", f))
			}
			what := joinAnd(q)
			p.Report(Diagnostic{
				Range: s.Arg.Range,
				Message: fmt.Sprintf("%s puts %s into the image; exclude %s in %s",
					copyLabel(c.In), what, pronoun(len(found)), ignoreName(p.Context)),
				Fixes: secretFixes(p, found),
			})
		}
	}
}

// secretFixes offers to exclude the secrets found, each by its exact path,
// at the end of the effective ignore file (creating .dockerignore when there
// is none). Secrets that a COPY/ADD source or a RUN bind mount names are
// left out: excluding them would break the build. The fix is safe when it
// excludes every secret of the finding.
func secretFixes(p *Pass, found []string) []Fix {
	cx := p.Context
	named, known := namedPaths(p)
	var pats, excluded []string
	for _, f := range found {
		pat, ok := exactPattern(f)
		if !ok {
			continue
		}
		if _, breaks := excludesNamed(cx, []string{pat}, named); breaks {
			continue
		}
		pats = append(pats, pat)
		excluded = append(excluded, f)
	}
	if len(pats) == 0 {
		return nil
	}
	e, ok := ignoreFileEdit(cx, "# Credentials: never send them to the builder\n", pats)
	if !ok {
		return nil
	}
	after, ok := ignoredAfter(cx, e)
	if !ok {
		return nil
	}
	for _, f := range excluded {
		if ex, err := ctxscan.Match(after, f); err != nil || !ex {
			return nil
		}
	}
	q := make([]string, 0, 4)
	for i, f := range excluded {
		if i == 3 {
			q = append(q, fmt.Sprintf("%d more", len(excluded)-3))
			break
		}
		q = append(q, f)
	}
	return []Fix{{
		Title: fmt.Sprintf("Exclude %s in %s", joinAnd(q), ignoreName(cx)),
		Safe:  known && len(excluded) == len(found),
		Edits: []Edit{e},
	}}
}

func pronoun(n int) string {
	if n == 1 {
		return "it"
	}
	return "them"
}

// looksLikeSecret reports whether a context path is a credential by its name
// or its directory.
func looksLikeSecret(p string) bool {
	base := path.Base(p)
	lower := strings.ToLower(base)
	for _, dir := range []string{".aws/", ".ssh/", ".gnupg/", ".kube/"} {
		if strings.HasPrefix(p, dir) || strings.Contains(p, "/"+dir) {
			return !strings.HasSuffix(lower, ".pub") && lower != "known_hosts" && lower != "config.pub"
		}
	}
	if strings.HasSuffix(p, ".docker/config.json") {
		return true
	}
	switch lower {
	case ".env", ".npmrc", ".pypirc", ".netrc", "_netrc", ".git-credentials", "kubeconfig", "credentials.json",
		"terraform.tfstate", "terraform.tfstate.backup", ".htpasswd":
		return true
	}
	if strings.HasPrefix(lower, ".env.") {
		rest := strings.TrimPrefix(lower, ".env.")
		switch rest {
		case "example", "sample", "template", "dist", "defaults", "schema":
			return false
		}
		return true
	}
	for _, prefix := range []string{"id_rsa", "id_dsa", "id_ecdsa", "id_ed25519"} {
		if strings.HasPrefix(lower, prefix) {
			return !strings.HasSuffix(lower, ".pub")
		}
	}
	for _, ext := range []string{".pem", ".key", ".p12", ".pfx", ".tfstate", ".kubeconfig", ".jks", ".keystore"} {
		if strings.HasSuffix(lower, ext) {
			return true
		}
	}
	return false
}
