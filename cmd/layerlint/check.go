package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"
	"sort"
	"strings"
	"sync"

	"github.com/layerlint/layerlint/dockerfile"
	"github.com/layerlint/layerlint/rules"
)

const checkHelp = `Usage: layerlint check [flags] [PATH...]

Lints each PATH: a file (whatever its name), a directory (searched
recursively for Dockerfile, Dockerfile.*, *.Dockerfile, *.dockerfile,
Containerfile*, *.Containerfile, skipping hidden directories and vendored
trees: node_modules, bower_components, vendor, third_party, third-party,
thirdparty), or - for standard input. With no PATH, lints ".".

Exit codes: 0 nothing at or above --fail-level, 1 findings at or above it,
2 usage, I/O or configuration error.
`

// checkOptions are the flags of "layerlint check".
type checkOptions struct {
	format    string
	noColor   bool
	enable    listFlag
	disable   listFlag
	severity  listFlag
	failLevel string
	fix       bool
	stdinName string
	include   listFlag
	exclude   listFlag
}

// maxFixRounds bounds --fix: a fix may uncover another finding with a fix.
const maxFixRounds = 5

func runCheck(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	opts := checkOptions{
		enable:   listFlag{split: true},
		disable:  listFlag{split: true},
		severity: listFlag{split: true},
	}
	fs := newFlagSet("check")
	fs.StringVar(&opts.format, "format", "text", "output `FORMAT`: text or json")
	fs.BoolVar(&opts.noColor, "no-color", false, "never colour the text output (NO_COLOR in the environment does the same)")
	fs.Var(&opts.enable, "enable", "turn on `RULE` (ID or alias; repeatable, comma-separated), including rules off by default")
	fs.Var(&opts.disable, "disable", "turn off `RULE` (ID or alias; repeatable, comma-separated)")
	fs.Var(&opts.severity, "severity", "set a rule's severity, `RULE=LEVEL` with LEVEL error, warning, info, hint or off (repeatable)")
	fs.StringVar(&opts.failLevel, "fail-level", "warning", "exit 1 when a finding is at or above `LEVEL`: error, warning, info, hint or none")
	fs.BoolVar(&opts.fix, "fix", false, "apply safe fixes in place (for -, print the fixed text), then report what remains")
	fs.StringVar(&opts.stdinName, "stdin-filename", "<stdin>", "`NAME` shown for - (standard input)")
	fs.Var(&opts.include, "include", "lint only files found in directories whose path relative to the PATH matches `GLOB` (doublestar syntax; repeatable)")
	fs.Var(&opts.exclude, "exclude", "skip files and directories whose path relative to the PATH matches `GLOB` (doublestar syntax; repeatable)")

	paths, err := parseFlags(fs, args, checkHelp, stdout)
	if errors.Is(err, errHelp) {
		return exitOK
	}
	if err != nil {
		return fail(stderr, err)
	}
	if len(paths) == 0 {
		paths = []string{"."}
	}

	cfg, err := opts.config()
	if err != nil {
		return fail(stderr, err)
	}
	failAt, err := parseFailLevel(opts.failLevel)
	if err != nil {
		return fail(stderr, err)
	}
	if opts.format != "text" && opts.format != "json" {
		return fail(stderr, &usageError{fmt.Sprintf("--format: unknown format %q (want text or json)", opts.format)})
	}
	fl := &filters{}
	for _, p := range opts.include.values {
		g, err := compileGlob(p)
		if err != nil {
			return fail(stderr, fmt.Errorf("--include: %v", err))
		}
		fl.include = append(fl.include, g)
	}
	for _, p := range opts.exclude.values {
		g, err := compileGlob(p)
		if err != nil {
			return fail(stderr, fmt.Errorf("--exclude: %v", err))
		}
		fl.exclude = append(fl.exclude, g)
	}

	d := discover(paths, fl)
	jobs := make([]job, 0, len(d.files)+1)
	for _, p := range d.files {
		jobs = append(jobs, job{path: p})
	}
	if d.stdin {
		src, err := io.ReadAll(stdin)
		if err != nil {
			d.errs = append(d.errs, fmt.Errorf("%s: %v", opts.stdinName, err))
		} else {
			jobs = append(jobs, job{path: opts.stdinName, stdin: true, src: src})
		}
	}
	sort.SliceStable(jobs, func(i, j int) bool { return jobs[i].path < jobs[j].path })

	results := lintAll(jobs, cfg, opts.fix)

	// Where the report goes: with "--fix -", stdout carries the fixed text.
	report := stdout
	if opts.fix && d.stdin {
		report = stderr
		for _, r := range results {
			if r.stdin {
				stdout.Write(r.file.Src)
			}
		}
	}

	failed := false
	var errs []error
	errs = append(errs, d.errs...)
	for _, r := range results {
		if r.err != nil {
			errs = append(errs, r.err)
		}
		for _, dg := range r.diags {
			if failAt != rules.SeverityOff && dg.Severity >= failAt {
				failed = true
			}
		}
	}

	if opts.format == "json" {
		if err := writeJSON(report, results); err != nil {
			errs = append(errs, fmt.Errorf("writing the report: %v", err))
		}
	} else {
		st := textStyle{excerpt: isTerminal(report)}
		st.color = st.excerpt && !opts.noColor && os.Getenv("NO_COLOR") == ""
		writeText(report, results, st)
	}
	for _, dir := range d.empty {
		fmt.Fprintf(stderr, "layerlint: %s: no Dockerfiles found\n", dir)
	}
	for _, err := range errs {
		fmt.Fprintf(stderr, "layerlint: %s\n", oneLine(err.Error()))
	}
	if opts.format == "text" {
		if n := countFixed(results); n > 0 {
			fmt.Fprintln(stderr, fixedLine(n, results))
		}
		// A run that read nothing and failed needs no "no problems in 0 files".
		if len(jobs) > 0 || len(errs) == 0 {
			fmt.Fprintln(stderr, summaryLine(results))
		}
	}
	switch {
	case len(errs) > 0:
		return exitError
	case failed:
		return exitFindings
	}
	return exitOK
}

// config turns the rule-selection flags into a rules.Config, naming the flag
// of the first unknown rule or bad level.
func (o *checkOptions) config() (*rules.Config, error) {
	cfg := &rules.Config{}
	for _, n := range o.enable.values {
		r, err := rules.Resolve(n)
		if err != nil {
			return nil, fmt.Errorf("--enable: %w", err)
		}
		cfg.Enable = append(cfg.Enable, r.ID)
	}
	for _, n := range o.disable.values {
		r, err := rules.Resolve(n)
		if err != nil {
			return nil, fmt.Errorf("--disable: %w", err)
		}
		cfg.Disable = append(cfg.Disable, r.ID)
	}
	for _, kv := range o.severity.values {
		name, level, ok := strings.Cut(kv, "=")
		if !ok {
			return nil, &usageError{fmt.Sprintf("--severity: %q is not RULE=LEVEL", kv)}
		}
		r, err := rules.Resolve(strings.TrimSpace(name))
		if err != nil {
			return nil, fmt.Errorf("--severity: %w", err)
		}
		sev, err := rules.ParseSeverity(level)
		if err != nil {
			return nil, fmt.Errorf("--severity: %s: %w", r.ID, err)
		}
		if cfg.Severity == nil {
			cfg.Severity = map[string]rules.Severity{}
		}
		cfg.Severity[r.ID] = sev
	}
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	return cfg, nil
}

// parseFailLevel reads --fail-level; "none" (SeverityOff) never fails.
func parseFailLevel(s string) (rules.Severity, error) {
	switch strings.ToLower(s) {
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
	return 0, &usageError{fmt.Sprintf("--fail-level: unknown level %q (want error, warning, info, hint or none)", s)}
}

// job is one file to lint.
type job struct {
	path  string // as displayed and passed to dockerfile.Parse
	stdin bool
	src   []byte // read up front for stdin
}

// result is what linting one file produced.
type result struct {
	job
	file  *dockerfile.File // the final text (after fixes); positions refer to it
	diags []rules.Diagnostic
	fixed int   // fixes applied
	err   error // "path: problem"; diags are still those of the file as read
}

// lintAll lints the jobs on a pool of GOMAXPROCS workers. Results keep the
// order of jobs whatever order the workers finish in.
func lintAll(jobs []job, cfg *rules.Config, fix bool) []result {
	results := make([]result, len(jobs))
	workers := min(runtime.GOMAXPROCS(0), len(jobs))
	next := make(chan int)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				results[i] = lintOne(jobs[i], cfg, fix)
			}
		}()
	}
	for i := range jobs {
		next <- i
	}
	close(next)
	wg.Wait()
	return results
}

func lintOne(j job, cfg *rules.Config, fix bool) result {
	r := result{job: j}
	src := j.src
	if !j.stdin {
		var err error
		src, err = os.ReadFile(j.path)
		if err != nil {
			r.err = pathError(j.path, err)
			return r
		}
	}
	r.file = dockerfile.Parse(j.path, src)
	r.diags = rules.Lint(r.file, cfg)
	if !fix {
		return r
	}
	f, diags, n := fixRounds(r.file, r.diags, cfg)
	if n == 0 {
		return r
	}
	if !j.stdin {
		if err := writeFileAtomic(j.path, f.Src); err != nil {
			r.err = fmt.Errorf("%s: writing fixes: %w", j.path, osReason(err))
			return r
		}
	}
	r.file, r.diags, r.fixed = f, diags, n
	return r
}

// fixRounds applies the first safe fix of every diagnostic, re-lints, and
// repeats until nothing more applies (at most maxFixRounds times). It returns
// the final file, its diagnostics and the number of fixes applied.
func fixRounds(f *dockerfile.File, diags []rules.Diagnostic, cfg *rules.Config) (*dockerfile.File, []rules.Diagnostic, int) {
	total := 0
	for range maxFixRounds {
		edits, n := safeEdits(diags, len(f.Src))
		if n == 0 {
			break
		}
		out, _ := rules.ApplyEdits(f.Src, edits)
		if string(out) == string(f.Src) {
			break
		}
		nf := dockerfile.Parse(f.Name, out)
		if len(nf.Errors) > len(f.Errors) {
			// A fix that breaks the parse is a rule bug; keep the last good text.
			break
		}
		f, diags, total = nf, rules.Lint(nf, cfg), total+n
	}
	return f, diags, total
}

// safeEdits collects the edits of the first safe fix of each diagnostic,
// each fix taken whole or not at all (rules.SafeFixEdits, shared with the
// language server's "fix all").
func safeEdits(diags []rules.Diagnostic, size int) ([]rules.Edit, int) {
	return rules.SafeFixEdits(diags, size)
}

func countFixed(results []result) int {
	n := 0
	for _, r := range results {
		n += r.fixed
	}
	return n
}

// isTerminal reports whether w is a character device (a terminal). Tests
// replace it to exercise the excerpt output.
var isTerminal = func(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}
