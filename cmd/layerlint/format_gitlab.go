package main

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/layerlint/layerlint/rules"
)

// GitLab Code Quality report: a JSON array of issues, which merge requests
// show as code quality findings. lines.begin and lines.end are 1-based.
type (
	gitlabIssue struct {
		Description string         `json:"description"`
		CheckName   string         `json:"check_name"`
		Fingerprint string         `json:"fingerprint"`
		Severity    string         `json:"severity"`
		Location    gitlabLocation `json:"location"`
	}
	gitlabLocation struct {
		Path  string      `json:"path"`
		Lines gitlabLines `json:"lines"`
	}
	gitlabLines struct {
		Begin int `json:"begin"`
		End   int `json:"end"`
	}
)

// gitlabSeverity maps severities onto Code Quality's: an error (the build
// fails) is critical, a warning major, an info minor, a hint info. blocker
// is not used.
func gitlabSeverity(s rules.Severity) string {
	switch s {
	case rules.SeverityError:
		return "critical"
	case rules.SeverityWarning:
		return "major"
	case rules.SeverityInfo:
		return "minor"
	}
	return "info"
}

func writeGitLab(w io.Writer, results []result) error {
	issues := []gitlabIssue{}
	fps := fingerprints(results)
	for ri, r := range results {
		for di, d := range r.diags {
			start, end := r.file.Position(d.Range.Start), r.file.Position(d.Range.End)
			issues = append(issues, gitlabIssue{
				Description: d.Message,
				CheckName:   d.Rule,
				Fingerprint: fps[ri][di],
				Severity:    gitlabSeverity(d.Severity),
				Location:    gitlabLocation{Path: r.path, Lines: gitlabLines{Begin: start.Line, End: end.Line}},
			})
		}
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(issues)
}

// fingerprints gives each finding an identifier that stays the same from run
// to run while the finding does, so that GitLab and code scanning can tell
// new findings from old ones: the first 32 hex digits of the SHA-256 of the
// rule ID, the path, the text of the lines the range covers with runs of
// white space collapsed, and the number of earlier findings in the file with
// the same rule and text. Line numbers and messages (which may quote line
// numbers) are left out, so adding or removing lines elsewhere in the file
// changes no fingerprint. The result is indexed like results[i].diags[j].
func fingerprints(results []result) [][]string {
	out := make([][]string, len(results))
	for i, r := range results {
		seen := map[string]int{}
		out[i] = make([]string, len(r.diags))
		for j, d := range r.diags {
			first, last := r.file.Position(d.Range.Start).Line, r.file.Position(d.Range.End).Line
			text := string(r.file.Src[r.file.LineStart(first):r.file.LineEnd(last)])
			key := d.Rule + "\x00" + r.path + "\x00" + strings.Join(strings.Fields(text), " ")
			n := seen[key]
			seen[key] = n + 1
			sum := sha256.Sum256([]byte(fmt.Sprintf("%s\x00%d", key, n)))
			out[i][j] = hex.EncodeToString(sum[:16])
		}
	}
	return out
}
