package rules

import (
	"fmt"
	"path"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/layerlint/layerlint/dockerfile"
)

// ShellCheck reports what the shellcheck program finds in RUN scripts. The
// rule itself only reads findings computed before it runs: the engine hands
// the scripts to Config.ShellChecker (the CLI's runs the shellcheck binary)
// and maps the results back into the Dockerfile. Without a checker, the rule
// reports nothing.
var ShellCheck = register(&Rule{
	ID:       "ShellCheck",
	Category: CategoryCorrectness,
	Severity: SeverityWarning,
	Doc: Doc{
		Title: "ShellCheck finds a problem in a RUN script",
		Description: "Each shell-form RUN (heredoc bodies included) that runs under sh, bash, dash, ash or ksh " +
			"is checked with [ShellCheck](https://www.shellcheck.net) when a `shellcheck` binary is on PATH; " +
			"the rule is silently off otherwise. A script error found here usually surfaces only in the middle " +
			"of a long build, or never: an unquoted variable that splits, a `cd` whose failure is ignored, a " +
			"pipe that hides a failed download. Each finding carries its SC code as alias, so " +
			"`# hadolint ignore=SC2086` above the RUN silences that code there. ARG and ENV names visible " +
			"at the RUN, and the predefined proxy variables, are declared to ShellCheck so that they are not " +
			"reported as unassigned. SC1090, SC1091 and SC2187 are never reported. The severity follows " +
			"ShellCheck's level (error, warning, info; style becomes hint) unless the rule's severity is " +
			"overridden. Option `exclude`: a list of further codes to skip (\"SC2086\" or 2086).",
		Bad:  "FROM debian:bookworm\nARG VERSION=1.2\nRUN cd /opt && curl -fsSLO https://example.com/app-$VERSION.tgz\n",
		Good: "FROM debian:bookworm\nARG VERSION=1.2\nWORKDIR /opt\nRUN curl -fsSLO \"https://example.com/app-$VERSION.tgz\"\n",
	},
	Run: runShellCheck,
})

func runShellCheck(p *Pass) {
	custom := p.Severity != p.Rule.Severity
	for _, sf := range p.shell {
		d := Diagnostic{
			Alias:   fmt.Sprintf("SC%04d", sf.code),
			Range:   sf.rng,
			Message: sf.message,
		}
		if !custom {
			d.Severity = sf.severity
		}
		if len(sf.edits) > 0 {
			d.Fixes = []Fix{{Title: "Apply ShellCheck's suggestion", Edits: sf.edits}}
		}
		p.Report(d)
	}
}

// ShellScript is one RUN script handed to a ShellChecker.
type ShellScript struct {
	Dialect string // "sh", "bash", "dash" or "ksh"
	Text    string
}

// ShellComment is one finding of a ShellChecker, positioned in its
// ShellScript.Text: lines are 1-based, columns are 1-based and count Unicode
// code points (a tab is one column), EndColumn is exclusive. This is
// shellcheck's json1 format.
type ShellComment struct {
	Code               int    // 2086 for SC2086
	Level              string // "error", "warning", "info" or "style"
	Message            string
	Line, Column       int
	EndLine, EndColumn int
	Fix                []ShellReplacement // ShellCheck's suggested fix, if any
}

// ShellReplacement is one edit of a suggested fix, positioned like ShellComment.
type ShellReplacement struct {
	Line, Column       int
	EndLine, EndColumn int
	Text               string
}

// ShellChecker checks shell scripts. CheckShell returns one list of comments
// per script, in order, and skips the codes in exclude. An error means the
// checker could not run; the ShellCheck rule then reports nothing.
type ShellChecker interface {
	CheckShell(scripts []ShellScript, exclude []int) ([][]ShellComment, error)
}

// shellAlwaysExcluded are codes that make no sense for Dockerfile scripts:
// SC1090 and SC1091 ask for source directives, SC2187 says ash is checked as dash.
var shellAlwaysExcluded = []int{1090, 1091, 2187}

// shellFinding is a ShellChecker comment mapped into the Dockerfile.
type shellFinding struct {
	code     int
	severity Severity
	message  string
	rng      dockerfile.Range
	edits    []Edit
}

// shellJob is one RUN script and the map from its text back to the source.
type shellJob struct {
	text    string
	dialect string
	toSrc   func(int) int // offset in text → offset in File.Src
	decl    string        // appended declarations of ARG/ENV names
}

// checkShell builds the scripts of f, runs sc over them and maps the findings
// back into f.
func checkShell(f *dockerfile.File, sc ShellChecker, opts map[string]any) []shellFinding {
	jobs := shellJobs(f)
	if len(jobs) == 0 {
		return nil
	}
	exclude := append([]int(nil), shellAlwaysExcluded...)
	exclude = append(exclude, shellExcludeOption(opts)...)
	scripts := make([]ShellScript, len(jobs))
	for i, j := range jobs {
		scripts[i] = ShellScript{Dialect: j.dialect, Text: j.text + j.decl}
	}
	res, err := sc.CheckShell(scripts, exclude)
	if err != nil || len(res) != len(jobs) {
		return nil
	}
	skip := map[int]bool{}
	for _, c := range exclude {
		skip[c] = true
	}
	var out []shellFinding
	for i, j := range jobs {
		lines := hlLineOffsets(scripts[i].Text)
		for _, c := range res[i] {
			if skip[c.Code] {
				continue
			}
			s := hlTextOffset(scripts[i].Text, lines, c.Line, c.Column)
			e := hlTextOffset(scripts[i].Text, lines, c.EndLine, c.EndColumn)
			// findings about the appended declarations are ours, not the user's
			if s < 0 || s >= len(j.text) {
				continue
			}
			if e < s {
				e = s
			}
			if e > len(j.text) {
				e = len(j.text)
			}
			rng := dockerfile.Range{Start: j.toSrc(s), End: j.toSrc(s)}
			if e > s {
				rng.End = j.toSrc(e-1) + 1
			}
			if rng.End < rng.Start || rng.End > len(f.Src) {
				rng.End = rng.Start
			}
			out = append(out, shellFinding{
				code:     c.Code,
				severity: shellSeverity(c.Level),
				message:  fmt.Sprintf("%s (SC%04d)", strings.TrimSuffix(lowerFirst(strings.TrimSpace(c.Message)), "."), c.Code),
				rng:      rng,
				edits:    shellEdits(f, j, scripts[i].Text, lines, c.Fix),
			})
		}
	}
	return out
}

// shellEdits maps a suggested fix into the source; nil when a replacement
// falls outside the script or on text the Dockerfile rewrites (a
// continuation line), where the edit could not be placed exactly.
func shellEdits(f *dockerfile.File, j shellJob, text string, lines []int, fix []ShellReplacement) []Edit {
	var es []Edit
	for _, r := range fix {
		s := hlTextOffset(text, lines, r.Line, r.Column)
		e := hlTextOffset(text, lines, r.EndLine, r.EndColumn)
		if s < 0 || e < s || e > len(j.text) {
			return nil
		}
		// an insertion goes right after the character before it, which
		// also holds at the end of a line
		ss := j.toSrc(s)
		if s > 0 {
			ss = j.toSrc(s-1) + 1
		}
		se := ss
		if e > s {
			ss = j.toSrc(s)
			se = j.toSrc(e-1) + 1
			// the replaced text must be contiguous in the source
			if se-ss != e-s || f.Text(dockerfile.Range{Start: ss, End: se}) != text[s:e] {
				return nil
			}
		}
		es = append(es, Edit{Range: dockerfile.Range{Start: ss, End: se}, NewText: r.Text})
	}
	return es
}

func shellSeverity(level string) Severity {
	switch level {
	case "error":
		return SeverityError
	case "warning":
		return SeverityWarning
	case "info":
		return SeverityInfo
	}
	return SeverityHint
}

// shellExcludeOption reads the "exclude" option: codes as "SC2086", "2086" or numbers.
func shellExcludeOption(opts map[string]any) []int {
	var out []int
	for _, s := range hlOptionStrings(opts["exclude"]) {
		s = strings.TrimPrefix(strings.ToUpper(strings.TrimSpace(s)), "SC")
		if n, err := strconv.Atoi(s); err == nil {
			out = append(out, n)
		}
	}
	return out
}

// hlLineOffsets returns the byte offset of each line of text.
func hlLineOffsets(text string) []int {
	offs := []int{0}
	for i := 0; i < len(text); i++ {
		if text[i] == '\n' {
			offs = append(offs, i+1)
		}
	}
	return offs
}

// hlTextOffset converts a 1-based line and code-point column into a byte
// offset of text, or -1 when the line does not exist.
func hlTextOffset(text string, lines []int, line, col int) int {
	if line < 1 || line > len(lines) {
		return -1
	}
	off := lines[line-1]
	for c := 1; c < col && off < len(text) && text[off] != '\n'; c++ {
		_, n := utf8.DecodeRuneInString(text[off:])
		off += n
	}
	return off
}

// shellJobs returns the scripts of every shell-form RUN (ONBUILD RUN
// included) that a POSIX-like shell runs.
func shellJobs(f *dockerfile.File) []shellJob {
	pragmas := shellPragmas(f)
	var jobs []shellJob
	for _, at := range f.Instructions {
		in := at
		if at.Onbuild != nil {
			in = at.Onbuild
		}
		rb := in.Run
		if in.Keyword != "run" || rb == nil || rb.Kind != dockerfile.ShellPOSIX || in.JSONForm {
			continue
		}
		dialect := shellDialect(rb.Shell)
		if p, ok := latestPragma(pragmas, f, at); ok {
			dialect = shellDialect([]string{p})
		}
		j, ok := runScript(f, in)
		if !ok {
			continue
		}
		if j.dialect == "" {
			j.dialect = dialect
		}
		if j.dialect == "" {
			continue // zsh, powershell, ...: not checkable
		}
		j.decl = shellDeclarations(f, at)
		jobs = append(jobs, j)
	}
	return jobs
}

// runScript returns the script a RUN executes and its map to the source.
func runScript(f *dockerfile.File, in *dockerfile.Instruction) (shellJob, bool) {
	rb := in.Run
	// RUN <<EOF: the heredoc body is the script
	for _, h := range in.Heredocs {
		if rb.Script != h.BodyRange {
			continue
		}
		if len(in.Heredocs) != 1 {
			return shellJob{}, false
		}
		body := f.Text(h.BodyRange)
		j := shellJob{text: body, toSrc: func(o int) int { return h.BodyRange.Start + o }}
		if strings.HasPrefix(body, "#!") {
			j.dialect = shellDialect([]string{shebangInterpreter(body)})
			if j.dialect == "" {
				return shellJob{}, false
			}
		}
		return j, true
	}
	if len(in.Args) != 1 {
		return shellJob{}, false
	}
	raw := in.Args[0].Raw
	logical := in.Logical()
	ls := -1
	if strings.HasSuffix(logical, raw) {
		ls = len(logical) - len(raw)
	} else {
		ls = strings.Index(logical, raw)
	}
	if ls < 0 {
		return shellJob{}, false
	}
	text := raw
	var hdStart, hdEnd int
	if len(in.Heredocs) > 0 {
		hdStart = in.Heredocs[0].BodyRange.Start
		hdEnd = in.Heredocs[len(in.Heredocs)-1].Terminator.End
		if hdStart > hdEnd || hdEnd > len(f.Src) {
			return shellJob{}, false
		}
		text += "\n" + string(f.Src[hdStart:hdEnd]) + "\n"
	}
	n := len(raw)
	return shellJob{text: text, toSrc: func(o int) int {
		if o < n {
			return in.SourceOffset(ls + o)
		}
		if o == n || len(in.Heredocs) == 0 {
			return in.SourceOffset(ls + n - 1)
		}
		return min(hdStart+o-n-1, hdEnd)
	}}, true
}

// shellDialect names the ShellCheck dialect of a SHELL command line, or ""
// when ShellCheck cannot check it.
func shellDialect(sh []string) string {
	if len(sh) == 0 {
		return "sh"
	}
	name := strings.ToLower(path.Base(strings.ReplaceAll(sh[0], `\`, "/")))
	switch name {
	case "sh":
		return "sh"
	case "bash":
		return "bash"
	case "dash", "ash", "busybox":
		return "dash"
	case "ksh", "mksh", "ksh93":
		return "ksh"
	}
	return ""
}

func shebangInterpreter(body string) string {
	line, _, _ := strings.Cut(body[2:], "\n")
	fields := strings.Fields(line)
	if len(fields) == 0 {
		return ""
	}
	name := path.Base(fields[0])
	if name == "env" && len(fields) > 1 {
		name = fields[1]
		if name == "-S" && len(fields) > 2 {
			name = fields[2]
		}
	}
	return path.Base(name)
}

// shellPragma is a "# hadolint shell=NAME" comment.
type shellPragma struct {
	offset int
	shell  string
}

var shellPragmaRE = regexp.MustCompile(`^hadolint\s+shell\s*=\s*(\S+)`)

func shellPragmas(f *dockerfile.File) []shellPragma {
	var ps []shellPragma
	for _, c := range f.Comments {
		if m := shellPragmaRE.FindStringSubmatch(strings.TrimSpace(c.Text)); m != nil {
			ps = append(ps, shellPragma{offset: c.Range.Start, shell: m[1]})
		}
	}
	return ps
}

// latestPragma returns the shell pragma in force at instruction at: the last
// one before it, unless a SHELL instruction of its stage comes later.
func latestPragma(ps []shellPragma, f *dockerfile.File, at *dockerfile.Instruction) (string, bool) {
	best := -1
	for i, p := range ps {
		if p.offset < at.Range.Start {
			best = i
		}
	}
	if best < 0 {
		return "", false
	}
	if at.Stage != nil {
		for _, in := range at.Stage.Instructions {
			if in.Keyword == "shell" && in.Range.Start > ps[best].offset && in.Index < at.Index {
				return "", false
			}
		}
	}
	return ps[best].shell, true
}

var shellNameRE = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)

// shellPredefined are the build arguments BuildKit passes to RUN without an ARG.
var shellPredefined = []string{"HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "https_proxy", "FTP_PROXY", "ftp_proxy", "NO_PROXY", "no_proxy", "ALL_PROXY", "all_proxy"}

// shellDeclarations returns a line that assigns every ARG and ENV name
// visible at the instruction. It is appended to the script: ShellCheck
// accepts an assignment anywhere in the script, and appending keeps every
// line and column of the script where it is.
func shellDeclarations(f *dockerfile.File, at *dockerfile.Instruction) string {
	names := append([]string(nil), shellPredefined...)
	for n := range f.Vars(at) {
		if shellNameRE.MatchString(n) {
			names = append(names, n)
		}
	}
	sort.Strings(names)
	var b strings.Builder
	b.WriteString("\n")
	for _, n := range names {
		fmt.Fprintf(&b, "export %s=1\n", n)
	}
	return b.String()
}

// hlOptionStrings reads an option value that is a string, a comma-separated
// string, or a list of strings or numbers.
func hlOptionStrings(v any) []string {
	switch v := v.(type) {
	case nil:
		return nil
	case string:
		var out []string
		for _, s := range strings.Split(v, ",") {
			if s = strings.TrimSpace(s); s != "" {
				out = append(out, s)
			}
		}
		return out
	case []string:
		return v
	case []any:
		var out []string
		for _, x := range v {
			out = append(out, fmt.Sprint(x))
		}
		return out
	}
	return []string{fmt.Sprint(v)}
}
