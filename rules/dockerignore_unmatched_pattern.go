package rules

import (
	"fmt"

	"github.com/layerlint/layerlint/ctxscan"
)

// DockerignoreUnmatchedPattern reports ignore-file lines that have no effect
// on this context: a pattern that matches nothing, an exception that
// re-includes nothing.
var DockerignoreUnmatchedPattern = register(&Rule{
	ID:           "DockerignoreUnmatchedPattern",
	Category:     CategoryContext,
	Severity:     SeverityInfo,
	NeedsContext: true,
	Doc: Doc{
		Title: "An ignore-file line has no effect on the context",
		Description: "A `.dockerignore` line that matches nothing usually means the pattern does not say what " +
			"its author thinks: Docker patterns are anchored at the context root (`node_modules` and `*.log` " +
			"do not match nested paths; write `**/node_modules`), a trailing `/` does not mean \"directory\", " +
			"braces are literal and `[!a]` is not a negation. The path the line was meant to exclude is then " +
			"sent and copied. Likewise an exception (`!path`) re-includes only what an earlier line excludes, " +
			"and only along BuildKit's walk: after `**/*.log`, the line `!logs` does not bring back " +
			"`logs/app.log`, because the exception matches the directory, not the files in it.\n\n" +
			"The rule checks each line of the effective ignore file against the files in the context " +
			"directory (searching at most 200,000 entries per line) and reports it on the first COPY/ADD that " +
			"reads the context.",
		Bad:  "FROM alpine\nCOPY . /app\n",
		Good: "FROM alpine\n# the context is not read, so its ignore file does not matter\nCOPY --from=busybox /bin/sh /bin/sh\n",
		Context: map[string]string{
			".dockerignore":      "*.log\n",
			"app/main.sh":        "echo hi\n",
			"app/logs/debug.log": "noise\n",
		},
	},
	Run: runDockerignoreUnmatchedPattern,
})

// searchLimit bounds the entries one line's search reads.
const searchLimit = 200_000

func runDockerignoreUnmatchedPattern(p *Pass) {
	cx := p.Context
	if cx == nil || cx.Ignore == nil {
		return
	}
	copies := contextCopies(p)
	if len(copies) == 0 {
		return // the ignore file does not matter when the context is not read
	}
	at := copies[0].In.KeywordRange
	name := ignoreName(cx)
	for i, l := range cx.Ignore.Lines {
		if l.MatchErr != nil || misreadReason(cx.Ignore, l) != "" {
			continue // DockerignoreMisreadLine explains these lines
		}
		hits, complete := cx.PatternHits(l.Body(), 20, searchLimit)
		if !complete {
			continue
		}
		raw := l.Raw(cx.Ignore)
		if len(hits) == 0 {
			p.Report(Diagnostic{Range: at, Message: fmt.Sprintf("%s line %d %q matches nothing in the build context%s",
				name, l.Line, raw, unmatchedHint(l))})
			continue
		}
		if !l.Exclusion {
			continue
		}
		// an exception matters only for a path the lines above exclude
		above := cx.Ignore.Patterns()[:i]
		reincludes := false
		for _, h := range hits {
			if m, err := ctxscan.Match(above, h); err == nil && m {
				reincludes = true
				break
			}
		}
		if !reincludes {
			p.Report(Diagnostic{Range: at, Message: fmt.Sprintf("%s line %d %q re-includes nothing: no line above it excludes %s",
				name, l.Line, raw, quoteList(hits))})
		}
	}
}

// unmatchedHint suggests the usual fix for a root-anchored pattern.
func unmatchedHint(l ctxscan.IgnoreLine) string {
	b := l.Body()
	if len(b) > 0 && b[0] != '*' && !containsSlash(b) {
		return fmt.Sprintf(" (patterns are anchored at the context root; \"**/%s\" matches at any depth)", b)
	}
	return ""
}

func containsSlash(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] == '/' {
			return true
		}
	}
	return false
}
