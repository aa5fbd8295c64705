package rules

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/layerlint/layerlint/dockerfile"
)

// SecretsUsedInArgOrEnv reports an ARG or ENV whose name looks like a secret
// (BuildKit's check of the same name).
var SecretsUsedInArgOrEnv = register(&Rule{
	ID:       "SecretsUsedInArgOrEnv",
	Aliases:  []string{"DL3064"},
	Category: CategorySecurity,
	Severity: SeverityWarning,
	BuildKit: true,
	Doc: Doc{
		Title: "Secrets should not be passed in ARG or ENV",
		Description: "ENV values are stored in the image configuration, and ARG values used by a RUN are " +
			"recorded in the image history: anyone who can pull the image can read them with " +
			"`docker history` or `docker inspect`. A changing secret in an ARG also invalidates the cache of " +
			"every RUN after it. Pass secrets with `RUN --mount=type=secret` (or `--mount=type=ssh`) instead, " +
			"which exposes them to one RUN without storing them. " +
			"As BuildKit does, layerlint looks at the name only: a name whose first or last `_`-separated " +
			"word (or the whole name) is apikey, auth, credential(s), key, password, pword, passwd, secret or " +
			"token, ignoring case, unless a word is public, file or version (`GPG_KEY_FILE`, `PUBLIC_KEY`). " +
			"ARGs before the first FROM are not checked, as in BuildKit. " +
			"BuildKit reports this as a warning; so does layerlint.",
		Bad:  "FROM alpine\nARG GITHUB_TOKEN\nRUN wget --header=\"Authorization: token $GITHUB_TOKEN\" https://example.com/file\n",
		Good: "FROM alpine\nRUN --mount=type=secret,id=github_token,env=GITHUB_TOKEN \\\n    wget --header=\"Authorization: token $GITHUB_TOKEN\" https://example.com/file\n",
	},
	Run: runSecretsUsedInArgOrEnv,
})

var (
	bkSecretName = regexp.MustCompile(`(?i)(?:_|^)(?:apikey|auth|credential|credentials|key|password|pword|passwd|secret|token)(?:_|$)`)
	bkSecretOK   = regexp.MustCompile(`(?i)(?:_|^)(?:public|file|version)(?:_|$)`)
)

func runSecretsUsedInArgOrEnv(p *Pass) {
	f := p.File
	for _, k := range bkSimulate(f).Keys {
		if !bkSecretName.MatchString(k.Key) || bkSecretOK.MatchString(k.Key) {
			continue
		}
		p.Report(Diagnostic{
			Range:   bkKeyRange(k.In, k.Key),
			Message: fmt.Sprintf("%s %s looks like a secret; its value stays readable in the image, pass it with RUN --mount=type=secret", k.Kind, k.Key),
		})
	}
}

// bkKeyRange locates the argument of an ARG or ENV that defines key.
func bkKeyRange(in *dockerfile.Instruction, key string) dockerfile.Range {
	for _, a := range in.Args {
		if a.Value == key || strings.HasPrefix(a.Value, key+"=") {
			return a.Range
		}
	}
	return in.KeywordRange
}
