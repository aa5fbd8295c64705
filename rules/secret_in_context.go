package rules

import (
	"fmt"
	"path"
	"strings"
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
			"ignore file, and give the build the credentials it needs with `RUN --mount=type=secret`.",
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
			})
		}
	}
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
