package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/layerlint/layerlint/rules"
)

// writeGitHub prints one GitHub Actions workflow command per finding, which
// the runner turns into an annotation on the pull request:
//
//	::warning file=Dockerfile,line=4,col=5,endLine=4,endColumn=36,title=PackageCacheNotCleaned::pip install leaves ...
//
// Errors are ::error, warnings ::warning, infos and hints ::notice. Lines are
// 1-based; columns are 1-based code points and endColumn is exclusive, as in
// the other formats; they are left out when the range spans several lines,
// since annotations support columns only within one line. Property values escape %, CR, LF, ':' and ','; the
// message escapes %, CR and LF (the runner's own rules).
func writeGitHub(w io.Writer, results []result) error {
	var b strings.Builder
	for _, r := range results {
		for _, d := range r.diags {
			start, end := r.file.Position(d.Range.Start), r.file.Position(d.Range.End)
			fmt.Fprintf(&b, "::%s file=%s,line=%d,", githubLevel(d.Severity), escapeGitHubProperty(r.path), start.Line)
			if start.Line == end.Line {
				fmt.Fprintf(&b, "col=%d,endLine=%d,endColumn=%d,", r.file.RuneColumn(d.Range.Start), end.Line, r.file.RuneColumn(d.Range.End))
			} else {
				// Columns are shown only for ranges within one line.
				fmt.Fprintf(&b, "endLine=%d,", end.Line)
			}
			fmt.Fprintf(&b, "title=%s::%s\n", escapeGitHubProperty(d.Rule), escapeGitHubData(d.Message))
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func githubLevel(s rules.Severity) string {
	switch s {
	case rules.SeverityError:
		return "error"
	case rules.SeverityWarning:
		return "warning"
	}
	return "notice"
}

// escapeGitHubData escapes a workflow command's message.
func escapeGitHubData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

// escapeGitHubProperty escapes a workflow command's property value.
func escapeGitHubProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}
