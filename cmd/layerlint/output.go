package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/layerlint/layerlint/dockerfile"
	"github.com/layerlint/layerlint/rules"
)

// formatWriters write a report in each format named in config.FormatNames.
// The text format's decoration depends on its destination and is chosen in
// writeOutputs.
var formatWriters = map[string]func(io.Writer, []result) error{
	"json":       writeJSON,
	"sarif":      writeSARIF,
	"github":     writeGitHub,
	"gitlab":     writeGitLab,
	"checkstyle": writeCheckstyle,
	"junit":      writeJUnit,
}

// output is one requested format and where it goes.
type output struct {
	format string
	file   string // "" for standard output
}

// parseOutputs reads format values ("NAME" or "NAME=FILE"; "-" as FILE is
// standard output). A format without =FILE goes to -o FILE when given, else
// to standard output. Two formats may not share a destination. source names
// where the values came from, for messages.
func parseOutputs(values []string, o, source string) ([]output, error) {
	if o == "-" {
		o = ""
	}
	var outs []output
	byDest := map[string]string{}
	for _, v := range values {
		name, file, hasFile := strings.Cut(v, "=")
		if !hasFile {
			file = o
		}
		if file == "-" {
			file = ""
		}
		if prev, dup := byDest[file]; dup {
			dest := "standard output"
			if file != "" {
				dest = file
			}
			return nil, &usageError{fmt.Sprintf("%s: %s and %s would both write to %s; give one of them =FILE", flagName(source), prev, name, dest)}
		}
		byDest[file] = name
		outs = append(outs, output{format: name, file: file})
	}
	return outs, nil
}

// flagName names the origin of the format list in messages.
func flagName(source string) string {
	if source == "flags" {
		return "--format"
	}
	return source
}

// writeOutputs writes every report: to stdout, or to a file it creates (or
// truncates). It returns one error per report that could not be written.
func writeOutputs(outs []output, stdout io.Writer, results []result, noColor bool) []error {
	var errs []error
	for _, o := range outs {
		w := stdout
		var f *os.File
		if o.file != "" {
			var err error
			f, err = os.Create(o.file)
			if err != nil {
				errs = append(errs, fmt.Errorf("%s: %w", o.file, osReason(err)))
				continue
			}
			w = f
		}
		var err error
		if o.format == "text" {
			st := textStyle{excerpt: isTerminal(w)}
			st.color = st.excerpt && !noColor
			writeText(w, results, st)
		} else {
			err = formatWriters[o.format](w, results)
		}
		if f != nil {
			if cerr := f.Close(); err == nil {
				err = cerr
			}
		}
		if err != nil {
			dest := "the " + o.format + " report"
			if o.file != "" {
				dest = o.file
			}
			errs = append(errs, fmt.Errorf("writing %s: %v", dest, osReason(err)))
		}
	}
	return errs
}

// wantsSummary reports whether the summary line goes to stderr: unless a
// machine-readable format writes to standard output, where a reader expects
// one document and nothing around it.
func wantsSummary(outs []output) bool {
	for _, o := range outs {
		if o.file == "" && o.format != "text" && o.format != "github" {
			return false
		}
	}
	return true
}

// textStyle says how much decoration the text format adds.
type textStyle struct {
	excerpt bool // show the source line with a caret underline (terminals)
	color   bool // ANSI colours
}

const (
	ansiReset = "\x1b[0m"
	ansiBold  = "\x1b[1m"
	ansiDim   = "\x1b[2m"
)

var severityColor = map[rules.Severity]string{
	rules.SeverityError:   "\x1b[1;31m",
	rules.SeverityWarning: "\x1b[1;33m",
	rules.SeverityInfo:    "\x1b[1;34m",
	rules.SeverityHint:    "\x1b[1;36m",
}

func (st textStyle) paint(code, s string) string {
	if !st.color || code == "" {
		return s
	}
	return code + s + ansiReset
}

// writeText prints one line per finding:
//
//	path:line:col: severity RuleID message
//
// with a 1-based line and a 1-based column counted in code points. With
// st.excerpt each line is followed by the source line, a caret underline
// under the range, the related locations and the fix titles.
func writeText(w io.Writer, results []result, st textStyle) {
	for _, r := range results {
		for _, d := range r.diags {
			start := r.file.Position(d.Range.Start)
			fmt.Fprintf(w, "%s %s %s %s\n",
				st.paint(ansiBold, fmt.Sprintf("%s:%d:%d:", r.path, start.Line, r.file.RuneColumn(d.Range.Start))),
				st.paint(severityColor[d.Severity], d.Severity.String()),
				st.paint(ansiDim, d.Rule),
				visibleControls(d.Message))
			if !st.excerpt {
				continue
			}
			sev := d.Severity
			writeExcerpt(w, r.file, d.Range, func(s string) string { return st.paint(severityColor[sev], s) })
			for _, rel := range d.Related {
				p := r.file.Position(rel.Range.Start)
				fmt.Fprintf(w, "    %s %s\n", st.paint(ansiDim, fmt.Sprintf("%s:%d:%d:", r.path, p.Line, r.file.RuneColumn(rel.Range.Start))), rel.Message)
			}
			for _, fx := range d.Fixes {
				kind := "fix"
				if fx.Safe {
					kind = "safe fix"
				}
				fmt.Fprintf(w, "    %s: %s\n", kind, fx.Title)
			}
		}
	}
}

// visibleControls writes control characters other than tab as Go escapes
// (\n, \r, \x1b), so that a message quoting the Dockerfile keeps the text
// format to one line per finding and cannot drive the terminal.
func visibleControls(s string) string {
	if !strings.ContainsFunc(s, isControl) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if !isControl(r) {
			b.WriteRune(r)
			continue
		}
		q := strconv.QuoteRune(r)
		b.WriteString(q[1 : len(q)-1])
	}
	return b.String()
}

func isControl(r rune) bool { return r != '\t' && (r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0)) }

// writeExcerpt prints the first line of rng with carets under the part of
// rng on that line; paint colours the carets.
func writeExcerpt(w io.Writer, f *dockerfile.File, rng dockerfile.Range, paint func(string) string) {
	p := f.Position(rng.Start)
	lineStart, lineEnd := f.LineStart(p.Line), f.LineEnd(p.Line)
	line := f.Src[lineStart:lineEnd]
	start := max(rng.Start, lineStart)
	end := min(max(rng.End, start), lineEnd)
	// Pad with the same whitespace kind so that tabs line up.
	var pad strings.Builder
	for _, c := range string(f.Src[lineStart:start]) {
		if c == '\t' {
			pad.WriteByte('\t')
		} else {
			pad.WriteByte(' ')
		}
	}
	carets := max(utf8.RuneCount(f.Src[start:end]), 1)
	num := fmt.Sprint(p.Line)
	gutter := strings.Repeat(" ", len(num))
	fmt.Fprintf(w, " %s | %s\n", num, strings.ToValidUTF8(string(line), "\uFFFD"))
	fmt.Fprintf(w, " %s | %s%s\n", gutter, pad.String(), paint(strings.Repeat("^", carets)))
}

// counts tallies findings by severity.
type counts struct {
	files                          int
	errors, warnings, infos, hints int
}

func tally(results []result) counts {
	var c counts
	for _, r := range results {
		if r.file == nil {
			continue // could not be read
		}
		c.files++
		for _, d := range r.diags {
			switch d.Severity {
			case rules.SeverityError:
				c.errors++
			case rules.SeverityWarning:
				c.warnings++
			case rules.SeverityInfo:
				c.infos++
			case rules.SeverityHint:
				c.hints++
			}
		}
	}
	return c
}

func plural(n int, one, many string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, one)
	}
	return fmt.Sprintf("%d %s", n, many)
}

// summaryLine is the text format's last line, on stderr:
// "3 problems (1 error, 2 warnings) in 2 files", counting the files linted.
func summaryLine(results []result) string {
	c := tally(results)
	total := c.errors + c.warnings + c.infos + c.hints
	files := plural(c.files, "file", "files")
	if total == 0 {
		return "no problems in " + files
	}
	var parts []string
	for _, p := range []struct {
		n         int
		one, many string
	}{
		{c.errors, "error", "errors"},
		{c.warnings, "warning", "warnings"},
		{c.infos, "info", "infos"},
		{c.hints, "hint", "hints"},
	} {
		if p.n > 0 {
			parts = append(parts, plural(p.n, p.one, p.many))
		}
	}
	return fmt.Sprintf("%s (%s) in %s", plural(total, "problem", "problems"), strings.Join(parts, ", "), files)
}

// maxContextLines caps the build context lines of the text summary, so that
// a run over thousands of Dockerfiles still ends in a few lines.
const maxContextLines = 10

// contextLines name the build contexts the Dockerfiles were linted with,
// for the text format's summary on stderr, away from the findings on
// stdout, where a problem matcher could take them for findings. There is
// one line per distinct context (directory and ignore file), at most
// maxContextLines of them, then how many more. They are in the order of the
// files, except that contexts other than a Dockerfile's own directory
// without an ignore file come first:
//
//	build context: . (.dockerignore, 214 files)
//	build context: services (3 Dockerfiles; from compose.yaml; no ignore file, 40 files)
//	build context: none (--no-context)
//
// The file count is what the context scan found after the ignore file.
func contextLines(results []result) []string {
	type group struct {
		dir    string // as shown, or "none" ("none for NAME" for standard input)
		detail string // the ignore file and file count
		whys   []string
		none   bool
		plain  bool // read, without an ignore file (and, when whys is empty, the Dockerfile's own directory)
		n      int  // Dockerfiles
	}
	var groups []*group
	byKey := map[string]*group{}
	for _, r := range results {
		u := r.context
		if r.file == nil || u.why.long == "" {
			continue // not read, or no context was asked for (tests)
		}
		g := &group{dir: "none", none: u.dir == ""}
		switch {
		case g.none && r.stdin && r.ctx != nil: // not --no-context: no directory to infer from
			g.dir = "none for " + r.path
		case g.none:
		case !u.read():
			g.dir, g.detail = displayPath(u.dir), "not read"
		case u.ignore != "":
			g.dir, g.detail = displayPath(u.dir), displayPath(u.ignore)+", "+plural(u.files, "file", "files")
		default:
			g.dir, g.detail, g.plain = displayPath(u.dir), "no ignore file, "+plural(u.files, "file", "files"), true
		}
		key := g.dir + "\x00" + g.detail
		if have, ok := byKey[key]; ok {
			g = have
		} else {
			byKey[key] = g
			groups = append(groups, g)
		}
		g.n++
		if u.why.short != "" && !slices.Contains(g.whys, u.why.short) {
			g.whys = append(g.whys, u.why.short)
		}
	}
	// the Dockerfile's own directory without an ignore file is the usual
	// case: the others come first, so that the cap keeps them
	plain := func(g *group) bool { return g.plain && len(g.whys) == 0 }
	slices.SortStableFunc(groups, func(a, b *group) int {
		switch {
		case plain(a) == plain(b):
			return 0
		case plain(b):
			return -1
		}
		return 1
	})
	var lines []string
	for i, g := range groups {
		if i == maxContextLines {
			rest := 0
			for _, g := range groups[i:] {
				rest += g.n
			}
			lines = append(lines, fmt.Sprintf("and %d more build contexts for %s (--format json names each)", len(groups)-i, plural(rest, "Dockerfile", "Dockerfiles")))
			break
		}
		var parts []string
		if g.n > 1 && !g.none {
			parts = append(parts, plural(g.n, "Dockerfile", "Dockerfiles"))
		}
		parts = append(parts, g.whys...)
		if g.detail != "" {
			parts = append(parts, g.detail)
		}
		lines = append(lines, fmt.Sprintf("build context: %s (%s)", g.dir, strings.Join(parts, "; ")))
	}
	return lines
}

// fixedLine reports --fix's work: "fixed 2 problems in 1 file", or with
// verb "would fix", what --diff shows.
func fixedLine(verb string, n int, results []result) string {
	files := 0
	for _, r := range results {
		if r.fixed > 0 {
			files++
		}
	}
	return fmt.Sprintf("%s %s in %s", verb, plural(n, "problem", "problems"), plural(files, "file", "files"))
}

// JSON format. Lines and columns are 1-based; columns count Unicode code
// points; a range's end is exclusive (the position just after it).
type (
	jsonReport struct {
		Diagnostics []jsonDiagnostic `json:"diagnostics"`
		Summary     jsonSummary      `json:"summary"`
		Contexts    []jsonContext    `json:"contexts"`
	}
	// jsonContext is the build context of one Dockerfile linted. Context
	// is null when there is none (--no-context, standard input without
	// --context); ignoreFile is null when no ignore file applies; files,
	// what the context sends after the ignore file, is null when the
	// context could not be read.
	jsonContext struct {
		Dockerfile string  `json:"dockerfile"`
		Context    *string `json:"context"`
		IgnoreFile *string `json:"ignoreFile"`
		Files      *int    `json:"files"`
		Reason     string  `json:"reason"`
	}
	jsonDiagnostic struct {
		File     string        `json:"file"`
		Rule     string        `json:"rule"`
		Alias    string        `json:"alias,omitempty"`
		Severity string        `json:"severity"`
		Message  string        `json:"message"`
		Range    jsonRange     `json:"range"`
		Related  []jsonRelated `json:"related"`
		Fixes    []jsonFix     `json:"fixes"`
	}
	jsonPosition struct {
		Line   int `json:"line"`
		Column int `json:"column"`
	}
	jsonRange struct {
		Start jsonPosition `json:"start"`
		End   jsonPosition `json:"end"`
	}
	jsonRelated struct {
		Message string    `json:"message"`
		Range   jsonRange `json:"range"`
	}
	jsonFix struct {
		Title string     `json:"title"`
		Safe  bool       `json:"safe"`
		Edits []jsonEdit `json:"edits"`
	}
	// jsonEdit changes the Dockerfile, or, when File is set, another file
	// (the build context's ignore file), named as the Dockerfile is, in
	// whose text Range lies. Create says that file does not exist yet:
	// NewText is its content and Range is its start (1:1 to 1:1).
	jsonEdit struct {
		File    string    `json:"file,omitempty"`
		Create  bool      `json:"create,omitempty"`
		Range   jsonRange `json:"range"`
		NewText string    `json:"newText"`
	}
	jsonSummary struct {
		Files    int `json:"files"`
		Errors   int `json:"errors"`
		Warnings int `json:"warnings"`
		Infos    int `json:"infos"`
		Hints    int `json:"hints"`
	}
)

func toJSONRange(f *dockerfile.File, r dockerfile.Range) jsonRange {
	pos := func(off int) jsonPosition {
		return jsonPosition{Line: f.Position(off).Line, Column: f.RuneColumn(off)}
	}
	return jsonRange{Start: pos(r.Start), End: pos(r.End)}
}

// toJSONRangeIn is toJSONRange for a file other than the Dockerfile.
func toJSONRangeIn(t *textLines, r dockerfile.Range) jsonRange {
	pos := func(off int) jsonPosition {
		line, col := t.position(off)
		return jsonPosition{Line: line, Column: col}
	}
	return jsonRange{Start: pos(r.Start), End: pos(r.End)}
}

// writeJSON prints exactly one JSON document; arrays are never null.
func writeJSON(w io.Writer, results []result) error {
	rep := jsonReport{Diagnostics: []jsonDiagnostic{}, Contexts: []jsonContext{}}
	others := otherTexts{}
	for _, r := range results {
		if u := r.context; r.file != nil && u.why.long != "" {
			jc := jsonContext{Dockerfile: r.path, Reason: u.why.long}
			if u.dir != "" {
				dir := displayPath(u.dir)
				jc.Context = &dir
			}
			if u.ignore != "" {
				ign := displayPath(u.ignore)
				jc.IgnoreFile = &ign
			}
			if u.read() {
				n := u.files
				jc.Files = &n
			}
			rep.Contexts = append(rep.Contexts, jc)
		}
		for _, d := range r.diags {
			jd := jsonDiagnostic{
				File:     r.path,
				Rule:     d.Rule,
				Alias:    d.Alias,
				Severity: d.Severity.String(),
				Message:  d.Message,
				Range:    toJSONRange(r.file, d.Range),
				Related:  []jsonRelated{},
				Fixes:    []jsonFix{},
			}
			for _, rel := range d.Related {
				jd.Related = append(jd.Related, jsonRelated{Message: rel.Message, Range: toJSONRange(r.file, rel.Range)})
			}
			for _, fx := range d.Fixes {
				jf := jsonFix{Title: fx.Title, Safe: fx.Safe, Edits: []jsonEdit{}}
				for _, e := range fx.Edits {
					je := jsonEdit{Range: toJSONRange(r.file, e.Range), NewText: e.NewText}
					if e.File != "" {
						je.File, je.Create = otherFileName(r.path, e.File), e.Create
						je.Range = toJSONRangeIn(others.of(e), e.Range)
					}
					jf.Edits = append(jf.Edits, je)
				}
				jd.Fixes = append(jd.Fixes, jf)
			}
			rep.Diagnostics = append(rep.Diagnostics, jd)
		}
	}
	c := tally(results)
	rep.Summary = jsonSummary{Files: c.files, Errors: c.errors, Warnings: c.warnings, Infos: c.infos, Hints: c.hints}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(rep)
}
