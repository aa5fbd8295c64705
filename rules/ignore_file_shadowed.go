package rules

import (
	"fmt"
	"path/filepath"

	"github.com/layerlint/layerlint/dockerfile"
)

// IgnoreFileShadowed reports that a <Dockerfile>.dockerignore makes BuildKit
// ignore the context root's .dockerignore for this Dockerfile.
var IgnoreFileShadowed = register(&Rule{
	ID:           "IgnoreFileShadowed",
	Category:     CategoryContext,
	Severity:     SeverityInfo,
	NeedsContext: true,
	Doc: Doc{
		Title: "A <Dockerfile>.dockerignore replaces .dockerignore",
		Description: "When a file named after the Dockerfile plus `.dockerignore` (`app.Dockerfile.dockerignore`, " +
			"`Dockerfile.dockerignore`) sits beside the Dockerfile, BuildKit uses it and does not read the " +
			"context root's `.dockerignore` at all: the two are never merged. Patterns added to the root file " +
			"then silently stop applying to this Dockerfile, so secrets or heavy directories it excludes are " +
			"sent again. Keep the patterns you need in the Dockerfile's own ignore file, or remove it. " +
			"An empty `<Dockerfile>.dockerignore` is ambiguous: the built-in frontend uses it (no patterns), " +
			"while a frontend selected with `# syntax=` falls back to the root file.",
		Bad:  "FROM alpine\nCOPY . /src\n",
		Good: "FROM alpine\n# the context is not read, so no ignore file applies\nCOPY --from=busybox /bin/sh /bin/sh\n",
		Context: map[string]string{
			".dockerignore":           ".git\nsecrets/\n",
			"Dockerfile.dockerignore": "node_modules\n",
			"src/main.c":              "int main(){}\n",
		},
	},
	Run: runIgnoreFileShadowed,
})

func runIgnoreFileShadowed(p *Pass) {
	cx := p.Context
	if cx == nil || cx.Shadowed == "" || cx.Ignore == nil {
		return // one ignore file at most: nothing is shadowed
	}
	if len(contextCopies(p)) == 0 {
		return // the context is not read: the ignore files do not matter
	}
	msg := fmt.Sprintf("%s replaces the context's .dockerignore for this Dockerfile; the patterns in .dockerignore do not apply (the files are never merged)",
		filepath.Base(cx.Ignore.Path))
	if len(cx.Ignore.Lines) == 0 {
		msg = fmt.Sprintf("%s is empty: BuildKit's built-in frontend applies no patterns, but a frontend chosen with # syntax= falls back to .dockerignore",
			filepath.Base(cx.Ignore.Path))
	}
	p.Report(Diagnostic{Range: firstKeyword(p.File), Message: msg})
}

// firstKeyword is the keyword of the first instruction (the start of the
// file when there is none): where file-wide context findings are reported.
func firstKeyword(f *dockerfile.File) dockerfile.Range {
	for _, in := range f.Instructions {
		return in.KeywordRange
	}
	return dockerfile.Range{}
}
