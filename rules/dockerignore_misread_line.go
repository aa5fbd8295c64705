package rules

import (
	"fmt"
	"strings"

	"github.com/layerlint/layerlint/ctxscan"
)

// DockerignoreMisreadLine reports ignore-file lines that Docker reads
// differently from what they seem to say.
var DockerignoreMisreadLine = register(&Rule{
	ID:           "DockerignoreMisreadLine",
	Category:     CategoryContext,
	Severity:     SeverityWarning,
	NeedsContext: true,
	Doc: Doc{
		Title: "An ignore-file line does not mean what it seems",
		Description: "Docker reads `.dockerignore` with its own rules, not gitignore's. Only a `#` in column 1 " +
			"starts a comment: an indented `# note` is a pattern. The lines `.`, `/` and anything starting " +
			"with `..` never match. `[!a]` is a class containing `!`, not a negation (write `[^a]`), and " +
			"`{a,b}` is literal text, not a choice. A backslash before a letter or digit reaches Go's regular " +
			"expressions: `\\d` matches a digit, `\\b` a word boundary, and most other letters (`\\x`, `\\p`, " +
			"`\\1`) make the build fail with \"syntax error in pattern\" once the line is evaluated. Each of " +
			"these lines excludes something other than intended, or nothing. The rule reports them on the " +
			"first COPY/ADD that reads the context.",
		Bad:  "FROM alpine\nCOPY . /app\n",
		Good: "FROM alpine\n# the context is not read, so its ignore file does not matter\nCOPY --from=busybox /bin/sh /bin/sh\n",
		Context: map[string]string{
			".dockerignore": "  # build output\nbuild\n*.{tmp,bak}\n",
			"app/main.sh":   "echo hi\n",
			"build/out.bin": "x",
		},
	},
	Run: runDockerignoreMisreadLine,
})

func runDockerignoreMisreadLine(p *Pass) {
	cx := p.Context
	if cx == nil || cx.Ignore == nil {
		return
	}
	copies := contextCopies(p)
	if len(copies) == 0 {
		return // the ignore file does not matter when the context is not read
	}
	at := copies[0].In.KeywordRange
	for _, l := range cx.Ignore.Lines {
		if why := misreadReason(cx.Ignore, l); why != "" {
			p.Report(Diagnostic{Range: at, Message: fmt.Sprintf("%s line %d %q: %s", ignoreName(cx), l.Line, l.Raw(cx.Ignore), why)})
		}
	}
}

// misreadReason explains how Docker reads a line that does not mean what it
// seems to, or returns "".
func misreadReason(f *ctxscan.IgnoreFile, l ctxscan.IgnoreLine) string {
	raw := l.Raw(f)
	body := l.Body()
	switch {
	case strings.HasPrefix(strings.TrimSpace(raw), "#"):
		return "only a '#' in column 1 starts a comment; this line is the pattern " + fmt.Sprintf("%q", strings.TrimSpace(raw))
	case l.MatchErr != nil:
		return "the build fails with \"syntax error in pattern\" when this line is evaluated (a backslash before a letter or digit is a regular-expression escape)"
	case body == "." || body == "/" || body == ".." || strings.HasPrefix(body, "../"):
		return "this pattern never matches anything (paths are relative to the context root)"
	case strings.Contains(body, "[!"):
		return "'[!' is a class that contains '!', not a negation; write '[^...]'"
	case strings.Contains(body, "{") && strings.Contains(body, ",") && strings.Contains(body, "}"):
		return "braces are literal: '{a,b}' is not a choice; write one line per alternative"
	case hasRegexpEscape(body):
		return "a backslash before a letter or digit is a regular-expression escape ('\\d' is a digit, '\\b' a word boundary), not that letter"
	}
	return ""
}

// hasRegexpEscape reports a backslash followed by an ASCII letter or digit.
func hasRegexpEscape(s string) bool {
	for i := 0; i+1 < len(s); i++ {
		if s[i] == '\\' {
			c := s[i+1]
			if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' {
				return true
			}
			i++
		}
	}
	return false
}
