// Package config reads layerlint's configuration: a .layerlint.yaml file
// found from a Dockerfile's directory upward to the repository root or named
// explicitly, and, where there is none, hadolint's .hadolint.yaml, mapped onto
// layerlint's rules through their aliases. Everything it reads is validated:
// an unknown key, a value of the wrong type or an unknown rule name is an
// error naming the file, line and column, with a suggestion when one is close.
//
// Settings come in layers (defaults, a file, the environment, flags) that
// Merge combines in that order of precedence, remembering where each value
// came from so that "layerlint check --print-config" can say.
//
// Positions: Error and Note lines and columns are 1-based; columns count
// Unicode code points, as the YAML parser does.
//
// This package imports rules (for rule names and severities) and nothing else
// of layerlint. It does no linting and prints nothing but what WriteYAML is
// asked to print.
package config

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/layerlint/layerlint/rules"
)

// Names are the configuration file names looked for in each directory, in
// order; the first found wins.
var Names = []string{".layerlint.yaml", ".layerlint.yml"}

// HadolintNames are hadolint's configuration file names, read only when no
// layerlint file is found.
var HadolintNames = []string{".hadolint.yaml", ".hadolint.yml"}

// FormatNames are the output formats a "format" value may name.
var FormatNames = []string{"text", "json", "sarif", "github", "gitlab", "checkstyle", "junit"}

// FailLevels are the values of "fail-level", most severe first.
var FailLevels = []string{"error", "warning", "info", "hint", "none"}

// Kind says which tool's file format a File was read from.
type Kind int

const (
	KindLayerlint Kind = iota // .layerlint.yaml
	KindHadolint              // .hadolint.yaml, mapped onto layerlint's rules
)

// File is one configuration file as read.
type File struct {
	Path string // as it was found or given
	Kind Kind
	Settings
	// Notes say how a hadolint file was mapped (KindHadolint only), one per
	// setting, in file order.
	Notes []Note
}

// Dir is the directory the file's relative paths and globs are based on:
// the directory holding it, made absolute.
func (f *File) Dir() string {
	d, err := filepath.Abs(filepath.Dir(f.Path))
	if err != nil {
		return filepath.Dir(f.Path)
	}
	return d
}

// Settings is one layer of configuration. A nil slice or an empty string
// means "not set here", so that a lower layer's value shows through.
type Settings struct {
	Rules     map[string]*Rule // by rule ID
	Contexts  []Context        // nil: not set
	Include   []Pattern        // nil: not set
	Exclude   []Pattern        // nil: not set
	FailLevel string           // one of FailLevels; "": not set
	Format    []string         // "NAME" or "NAME=FILE"; nil: not set
	// Select names the only rules that run (IDs or aliases, as RuleName
	// spells them); the rule settings still give them their severity and
	// options, and may still turn one off. nil: not set, every rule runs as
	// its settings say.
	Select []string
}

// Rule is the setting of one rule. Nil fields are not set.
type Rule struct {
	Enabled  *bool
	Severity *rules.Severity
	Options  map[string]any // option name → value as decoded from YAML
}

// Pattern is an include or exclude glob (doublestar syntax). Base is the
// absolute directory the glob is matched relative to, or "" for a glob given
// on the command line, which is matched relative to each PATH argument.
type Pattern struct {
	Glob string
	Base string
}

// Context maps the Dockerfiles that match Glob (relative to Base) to a build
// context directory, Dir (relative to Base unless absolute).
type Context struct {
	Glob string
	Dir  string
	Base string
}

// Note is a remark about how a setting was read, for --verbose.
type Note struct {
	Path         string
	Line, Column int
	Text         string
}

func (n Note) String() string { return posString(n.Path, n.Line, n.Column) + n.Text }

// Error is a problem in a configuration file.
type Error struct {
	Path         string
	Line, Column int // 0 when unknown
	Msg          string
}

func (e *Error) Error() string { return posString(e.Path, e.Line, e.Column) + e.Msg }

func posString(path string, line, col int) string {
	switch {
	case line > 0 && col > 0:
		return fmt.Sprintf("%s:%d:%d: ", path, line, col)
	case line > 0:
		return fmt.Sprintf("%s:%d: ", path, line)
	}
	return path + ": "
}

// ErrorList is every problem found in one file, in file order.
type ErrorList []*Error

func (l ErrorList) Error() string {
	msgs := make([]string, len(l))
	for i, e := range l {
		msgs[i] = e.Error()
	}
	return strings.Join(msgs, "\n")
}

// Load reads the configuration file at path: a hadolint file when its name
// is one of HadolintNames, a layerlint file otherwise. Its errors are an
// ErrorList, or an *Error for a file that cannot be read.
func Load(path string) (*File, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		var pe *os.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return nil, &Error{Path: path, Msg: err.Error()}
	}
	for _, n := range HadolintNames {
		if filepath.Base(path) == n {
			return ParseHadolint(path, data)
		}
	}
	return Parse(path, data)
}

// ParseFailLevel reads a fail level: the severity at or above which a
// finding fails the run, or SeverityOff for "none" (never fail).
func ParseFailLevel(s string) (rules.Severity, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "error":
		return rules.SeverityError, nil
	case "warning":
		return rules.SeverityWarning, nil
	case "info":
		return rules.SeverityInfo, nil
	case "hint":
		return rules.SeverityHint, nil
	case "none":
		return rules.SeverityOff, nil
	}
	return 0, fmt.Errorf("unknown level %q (want error, warning, info, hint or none)", s)
}

// CheckFormat validates one format value, "NAME" or "NAME=FILE".
func CheckFormat(v string) error {
	name, file, hasFile := strings.Cut(v, "=")
	known := false
	for _, n := range FormatNames {
		if n == name {
			known = true
		}
	}
	if !known {
		msg := fmt.Sprintf("unknown format %q", name)
		if s := suggest(name, FormatNames); s != "" {
			msg += fmt.Sprintf(" (did you mean %q?)", s)
		} else {
			msg += " (want " + joinOr(FormatNames) + ")"
		}
		return fmt.Errorf("%s", msg)
	}
	if hasFile && file == "" {
		return fmt.Errorf("%q names no file after '='", v)
	}
	return nil
}

// joinOr writes a, b, c or d.
func joinOr(xs []string) string {
	if len(xs) == 1 {
		return xs[0]
	}
	return strings.Join(xs[:len(xs)-1], ", ") + " or " + xs[len(xs)-1]
}

// suggest returns the candidate closest to s by edit distance (ignoring
// case), or "" when none is close enough to be a likely typo.
func suggest(s string, candidates []string) string {
	best, bestD := "", 1<<30
	for _, c := range candidates {
		if d := editDistance(strings.ToLower(s), strings.ToLower(c)); d < bestD {
			best, bestD = c, d
		}
	}
	if bestD > len(s)/3+1 {
		return ""
	}
	return best
}

func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			c := prev[j-1]
			if ra[i-1] != rb[j-1] {
				c++
			}
			cur[j] = min(c, prev[j]+1, cur[j-1]+1)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
