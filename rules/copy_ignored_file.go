package rules

import (
	"fmt"
	"strings"

	"github.com/layerlint/layerlint/ctxscan"
)

// CopyIgnoredFile reports a COPY/ADD source that exists in the context
// directory but that the ignore file keeps out of what BuildKit sends.
var CopyIgnoredFile = register(&Rule{
	ID:           "CopyIgnoredFile",
	Category:     CategoryContext,
	Severity:     SeverityWarning,
	BuildKit:     true,
	NeedsContext: true,
	Doc: Doc{
		Title: "COPY source excluded by the ignore file",
		Description: "BuildKit sends the build context without the paths the ignore file excludes, so a COPY " +
			"or ADD of such a path finds nothing: a named file fails the build with \"not found\", and a " +
			"wildcard silently copies nothing. The file exists in your checkout, which makes the failure " +
			"puzzling. Either the pattern is too broad or the COPY is stale.\n\n" +
			"This is BuildKit's CopyIgnoredFile check, completed: BuildKit matches the source text against the " +
			"patterns and skips the check entirely when the ignore file has any `!` exception. layerlint " +
			"decides with the exact walk BuildKit uses to send the context (exceptions, parent directories " +
			"and all), resolves wildcards, `..` and `/` the way COPY does, and names the line that excludes " +
			"the path. The ignore file is `<Dockerfile>.dockerignore` beside the Dockerfile when it exists, " +
			"otherwise `.dockerignore` at the context root.",
		Bad:  "FROM alpine\nCOPY .env.production /app/.env\n",
		Good: "FROM alpine\nCOPY config/app.env /app/.env\n",
		Context: map[string]string{
			".dockerignore":   ".env*\n",
			".env.production": "TOKEN=x\n",
			"config/app.env":  "PORT=80\n",
		},
	},
	Run: runCopyIgnoredFile,
})

func runCopyIgnoredFile(p *Pass) {
	cx := p.Context
	if cx == nil || cx.Ignore == nil {
		return // nothing is ignored
	}
	for _, c := range contextCopies(p) {
		kw := strings.ToUpper(c.In.Keyword)
		for _, s := range c.Sources {
			r := s.Resolved
			switch {
			case r.NotFound && cx.OnDisk(r.Missing):
				// a named path (or the directory before a wildcard) is excluded
				p.Report(Diagnostic{
					Range: s.Arg.Range,
					Message: fmt.Sprintf("%q is excluded by %s%s; %s finds nothing and the build fails with \"not found\"",
						r.Missing, ignoreName(cx), blameSuffix(cx, r.Missing), kw),
				})
			case r.Wildcard && !r.NotFound && len(r.Matches) == 0:
				hits := cx.DiskMatches(r.Source, 3)
				if len(hits) == 0 {
					continue // matches nothing on disk either: an optional source
				}
				p.Report(Diagnostic{
					Range: s.Arg.Range,
					Message: fmt.Sprintf("everything %q matches is excluded by %s (%s%s), so %s copies nothing",
						s.Arg.Value, ignoreName(cx), quoteList(hits), blameSuffix(cx, hits[0]), kw),
				})
			}
		}
	}
}

// blameSuffix names the ignore-file line that excludes p: the last line
// without "!" that matches p or one of its parents (" (line 3: \"*.env\")").
func blameSuffix(cx *ctxscan.Context, p string) string {
	if l, ok := blameLine(cx, p); ok {
		return fmt.Sprintf(" (line %d: %q)", l.Line, l.Raw(cx.Ignore))
	}
	return ""
}

func blameLine(cx *ctxscan.Context, p string) (ctxscan.IgnoreLine, bool) {
	if cx.Ignore == nil {
		return ctxscan.IgnoreLine{}, false
	}
	for i := len(cx.Ignore.Lines) - 1; i >= 0; i-- {
		l := cx.Ignore.Lines[i]
		if l.Exclusion || l.MatchErr != nil {
			continue
		}
		if m, err := ctxscan.Match([]string{l.Pattern}, p); err == nil && m {
			return l, true
		}
	}
	return ctxscan.IgnoreLine{}, false
}

// quoteList renders up to three paths ("a", "b" and "c").
func quoteList(ps []string) string {
	q := make([]string, 0, len(ps))
	for i, p := range ps {
		if i == 3 {
			break
		}
		q = append(q, fmt.Sprintf("%q", p))
	}
	return joinAnd(q)
}
