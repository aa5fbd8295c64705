package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/layerlint/layerlint/config"
	"github.com/layerlint/layerlint/ctxscan"
	"github.com/layerlint/layerlint/dockerfile"
	"github.com/layerlint/layerlint/rules"
)

const checkHelp = `Usage: layerlint check [flags] [PATH...]

Lints each PATH: a file (whatever its name), a directory (searched
recursively for Dockerfile, Dockerfile.*, *.Dockerfile, *.dockerfile,
Containerfile*, *.Containerfile, skipping hidden directories and vendored
trees: node_modules, bower_components, vendor, third_party, third-party,
thirdparty), or - for standard input. With no PATH, lints ".".

Every rule that is on by default runs, unless --select names the only rules
to run: "--select ParseError,DL3042" runs those two and nothing else, so that
rules added to layerlint later do not change what a script or a CI job sees.
--disable and --severity still apply to the rules selected. Rules are named
by ID or alias, in any case; an alias that is one of several codes of a rule
(DL3009, the apt findings of PackageCacheNotCleaned) concerns only the
findings reported under it, in every flag and in the configuration.

Each Dockerfile is linted with the .layerlint.yaml found from its directory
upward to the repository root (or, failing that, a .hadolint.yaml), unless
--config or LAYERLINT_CONFIG names one. Flags override the environment
(LAYERLINT_CONFIG, LAYERLINT_FORMAT, NO_COLOR), which overrides the file.

Exit codes: 0 nothing at or above --fail-level, 1 findings at or above it,
2 usage, I/O or configuration error.
`

// defaultStdinName is how standard input is shown without --stdin-filename.
const defaultStdinName = "<stdin>"

// checkOptions are the flags of "layerlint check".
type checkOptions struct {
	formats     listFlag
	output      string
	noColor     bool
	selectRules listFlag
	enable      listFlag
	disable     listFlag
	severity    listFlag
	failLevel   string
	fix         bool
	diff        bool // --diff: print what --fix would change, write nothing
	stdinName   string
	include     listFlag
	exclude     listFlag
	configPath  string
	printConfig bool
	verbose     bool
	contextDir  string // --context: the build context of every Dockerfile (context.go)
	noContext   bool   // --no-context: rules that read the build context stay silent
}

// maxFixRounds bounds --fix: a fix may uncover another finding with a fix.
const maxFixRounds = 5

func runCheck(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	opts := checkOptions{
		selectRules: listFlag{split: true},
		enable:      listFlag{split: true},
		disable:     listFlag{split: true},
		severity:    listFlag{split: true},
	}
	fs := newFlagSet("check")
	fs.Var(&opts.formats, "format", "output `FORMAT`: text (default), json, sarif, github, gitlab, checkstyle or junit; FORMAT=FILE writes it to FILE (repeatable)")
	fs.StringVar(&opts.output, "o", "", "write the formats given without =FILE to `FILE` instead of standard output")
	fs.StringVar(&opts.output, "output", "", "write the formats given without =FILE to `FILE`; same as -o")
	fs.BoolVar(&opts.noColor, "no-color", false, "never colour the text output (NO_COLOR in the environment does the same)")
	fs.Var(&opts.selectRules, "select", "run only `RULE` (ID or alias; repeatable, comma-separated), including rules off by default; every other rule is off, whatever the configuration says")
	fs.Var(&opts.enable, "enable", "turn on `RULE` (ID or alias; repeatable, comma-separated), including rules off by default")
	fs.Var(&opts.disable, "disable", "turn off `RULE` (ID or alias; repeatable, comma-separated)")
	fs.Var(&opts.severity, "severity", "set a rule's severity, `RULE=LEVEL` with LEVEL error, warning, info, hint or off (repeatable)")
	fs.StringVar(&opts.failLevel, "fail-level", "", "exit 1 when a finding is at or above `LEVEL`: error, warning (default), info, hint or none")
	fs.BoolVar(&opts.fix, "fix", false, "apply safe fixes in place (for -, print the fixed text), then report what remains")
	fs.BoolVar(&opts.diff, "diff", false, "with --fix (which it implies): print the changes as a unified diff on stdout and change no file; no report, exit 1 when there is something to fix")
	fs.StringVar(&opts.stdinName, "stdin-filename", defaultStdinName, "`NAME` shown for - (standard input); its directory is where its configuration is searched from")
	fs.Var(&opts.include, "include", "lint only files found in directories whose path relative to the PATH matches `GLOB` (doublestar syntax; repeatable)")
	fs.Var(&opts.exclude, "exclude", "skip files and directories whose path relative to the PATH matches `GLOB` (doublestar syntax; repeatable)")
	fs.StringVar(&opts.configPath, "config", "", "read the configuration from `FILE` instead of searching for .layerlint.yaml")
	fs.BoolVar(&opts.printConfig, "print-config", false, "print the effective configuration for each PATH and where each value came from, and lint nothing")
	fs.StringVar(&opts.contextDir, "context", "", "the build context `DIR` of every Dockerfile, or \"auto\": each Dockerfile's directory, or the ancestor where its COPY sources resolve (default: inferred for each Dockerfile: a compose or bake file that names it, else its directory, else the nearest ancestor where its COPY sources resolve)")
	fs.BoolVar(&opts.noContext, "no-context", false, "do not read the build context: the rules that need it stay silent")
	fs.BoolVar(&opts.verbose, "verbose", false, "say on stderr which configuration each file is linted with, how a hadolint configuration was mapped, and which shellcheck the ShellCheck rule runs")

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
	if opts.diff {
		if len(opts.formats.values) > 0 || opts.output != "" {
			return fail(stderr, &usageError{"--diff prints a diff, not a report: drop --format and -o"})
		}
		opts.fix = true
	}

	flags, err := opts.flagLayer()
	if err != nil {
		return fail(stderr, err)
	}
	env, err := envLayer()
	if err != nil {
		return fail(stderr, err)
	}
	explicit, err := loadExplicit(opts.configPath)
	if err != nil {
		return failConfig(stderr, err)
	}
	cfgs := newConfigs(explicit, []config.Layer{
		{Name: "environment (" + envFormat + ")", Settings: env},
		{Name: "flags", Settings: flags},
	})

	if opts.printConfig {
		printConfigs(stdout, cfgs, paths, opts.stdinName)
		if len(cfgs.errs) > 0 {
			return failConfig(stderr, errors.Join(cfgs.errs...))
		}
		return exitOK
	}

	// The formats come from the configuration of the current directory (or
	// --config), since one run writes one set of reports.
	run := cfgs.forDir(".")
	if run == nil {
		return failConfig(stderr, errors.Join(cfgs.errs...))
	}
	outs, err := parseOutputs(run.eff.Format, opts.output, run.eff.Source["format"])
	if err != nil {
		return fail(stderr, err)
	}

	fl := &filters{}
	for _, p := range opts.include.values {
		g, _ := compileGlob(p) // validated in flagLayer
		fl.include = append(fl.include, g)
	}
	for _, p := range opts.exclude.values {
		g, _ := compileGlob(p)
		fl.exclude = append(fl.exclude, g)
	}

	d := discover(paths, fl)
	explicitFile := map[string]bool{}
	for _, p := range paths {
		if st, err := os.Stat(p); err == nil && !st.IsDir() {
			explicitFile[filepath.Clean(p)] = true
		}
	}
	jobs := make([]job, 0, len(d.files)+1)
	for _, p := range d.files {
		fc := cfgs.forDir(filepath.Dir(p))
		if fc == nil {
			continue
		}
		if !fc.eff.Keep(p, explicitFile[p]) {
			if opts.verbose {
				fmt.Fprintf(stderr, "layerlint: %s: skipped: excluded by %s\n", p, fc.eff.File.Path)
			}
			continue
		}
		jobs = append(jobs, job{path: p, cfg: fc})
	}
	if d.stdin {
		src, err := io.ReadAll(stdin)
		switch {
		case err != nil:
			d.errs = append(d.errs, fmt.Errorf("%s: %v", opts.stdinName, err))
		default:
			if fc := cfgs.forDir(stdinDir(opts.stdinName)); fc != nil {
				jobs = append(jobs, job{path: opts.stdinName, stdin: true, src: src, cfg: fc})
			}
		}
	}
	if len(cfgs.errs) > 0 {
		return failConfig(stderr, errors.Join(cfgs.errs...))
	}
	sort.SliceStable(jobs, func(i, j int) bool { return jobs[i].path < jobs[j].path })
	if opts.verbose {
		for _, j := range jobs {
			key := ""
			if j.cfg.eff.File != nil {
				key = j.cfg.eff.File.Path
			}
			cfgs.used[key]++
		}
		cfgs.verboseConfig(stderr)
	}

	setShellChecker(jobs, opts.verbose, stderr)
	setContexts(jobs, opts.contextDir, opts.noContext)
	results := lintAll(jobs, opts.fix, !opts.diff)
	applyOtherFiles(results, opts.fix && !opts.diff)
	if opts.fix && !opts.diff {
		refreshContexts(results) // the summary describes them as the fixes left them
	}
	if opts.diff {
		return reportDiff(stdout, stderr, d, results)
	}

	// Where stdout's reports go: with "--fix -", stdout carries the fixed text.
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
			if r.cfg.failAt != rules.SeverityOff && dg.Severity >= r.cfg.failAt {
				failed = true
			}
		}
	}

	if opts.verbose {
		for _, r := range results {
			if !r.context.read() {
				continue
			}
			ign := "no ignore file"
			if r.context.ignore != "" {
				ign = "ignore file " + relToWD(r.context.ignore)
			}
			fmt.Fprintf(stderr, "layerlint: %s: build context %s (%s)\n", r.path, relToWD(r.context.dir), ign)
		}
	}
	noColor := opts.noColor || os.Getenv("NO_COLOR") != ""
	errs = append(errs, writeOutputs(outs, report, results, noColor)...)
	for _, dir := range d.empty {
		fmt.Fprintf(stderr, "layerlint: %s: no Dockerfiles found\n", dir)
	}
	for _, err := range errs {
		fmt.Fprintf(stderr, "layerlint: %s\n", oneLine(err.Error()))
	}
	if wantsSummary(outs) {
		if n := countFixed(results); n > 0 {
			fmt.Fprintln(stderr, fixedLine("fixed", n, results))
		}
		// A run that read nothing and failed needs no "no problems in 0 files".
		if len(jobs) > 0 || len(errs) == 0 {
			for _, line := range contextLines(results) {
				fmt.Fprintln(stderr, line)
			}
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

// failConfig prints each configuration problem on its own line and returns
// exitError.
func failConfig(stderr io.Writer, err error) int {
	for _, line := range strings.Split(err.Error(), "\n") {
		fmt.Fprintf(stderr, "layerlint: %s\n", line)
	}
	return exitError
}

// job is one file to lint.
type job struct {
	path  string // as displayed and passed to dockerfile.Parse
	stdin bool
	src   []byte        // read up front for stdin
	cfg   *fileConfig   // the configuration it is linted with
	ctx   *contextCache // where its build context comes from; nil: none (context.go)
}

// result is what linting one file produced.
type result struct {
	job
	file  *dockerfile.File // the final text (after fixes); positions refer to it
	diags []rules.Diagnostic
	fixed int // fixes applied
	// context is the build context the file was linted with, which the
	// text summary, the JSON report and --verbose name
	context contextUse
	orig    []byte // the text as read, when fixes were applied
	err     error  // "path: problem"; diags are still those of the file as read

	others []*otherFile // the other files (ignore files) its fixes change (fixfiles.go)
}

// contextUse is the build context one Dockerfile was linted with, and why.
type contextUse struct {
	dir    string // the directory (absolute once read); "" when there is none
	ignore string // the ignore file in effect; "" when none
	files  int    // the files it sends, after the ignore file; -1 when not read
	why    contextWhy
}

// read reports whether the context was scanned.
func (u contextUse) read() bool { return u.dir != "" && u.files >= 0 }

// contextWhy says how a build context was chosen: at length for the JSON
// report ("Dockerfile's directory", `service "web" of compose.yaml`), and
// in a few words for the text summary ("" for the Dockerfile's directory,
// the usual case).
type contextWhy struct {
	long, short string
}

// describeContext is the contextUse of a Dockerfile whose build context
// forFile chose in dir for the reason why, and read as cx (nil when none or
// when it could not be read).
func describeContext(dir string, why contextWhy, cx *ctxscan.Context) contextUse {
	u := contextUse{dir: dir, files: -1, why: why}
	if cx == nil {
		return u
	}
	u.dir, u.files = cx.Dir, 0
	if cx.Ignore != nil {
		u.ignore = cx.Ignore.Path
	}
	for _, e := range cx.Entries {
		if !e.IsDir() {
			u.files++
		}
	}
	return u
}

// inferredWhy puts the reason ctxscan.InferDir gives in the report's words.
// That reason says how the context was chosen, then, "; "-separated, which
// compose or bake files were left out (notes the JSON report keeps); it is
// "" for the Dockerfile's own directory (ownDir) with nothing left out. The
// files a compose service or bake target comes from are shown as the report
// shows paths.
func inferredWhy(reason string, ownDir bool) contextWhy {
	for _, kind := range []string{"service ", "target "} {
		// service "web" of compose.yaml builds it with context DIR; notes
		rest, ok := strings.CutPrefix(reason, kind)
		if !ok {
			continue
		}
		name, err := strconv.QuotedPrefix(rest)
		if err != nil {
			break
		}
		files, after, ok := strings.Cut(strings.TrimPrefix(rest[len(name):], " of "), " builds it")
		if !ok {
			break
		}
		var shown []string
		for _, f := range strings.Split(files, " and ") {
			if filepath.IsAbs(f) {
				f = displayPath(f)
			}
			shown = append(shown, f)
		}
		files = strings.Join(shown, " and ")
		return contextWhy{kind + name + " of " + files + notesOf(after), "from " + files}
	}
	if rest, ok := strings.CutPrefix(reason, "the COPY/ADD sources resolve in "); ok {
		return contextWhy{"the COPY/ADD sources resolve there, not in the Dockerfile's directory" + notesOf(rest), "where the COPY sources resolve"}
	}
	switch {
	case reason == "":
		return contextWhy{"Dockerfile's directory", ""}
	case ownDir:
		return contextWhy{"Dockerfile's directory; " + reason, ""} // notes only
	}
	return contextWhy{reason, reason}
}

// notesOf returns the notes that follow the first "; " of a reason, with
// that separator, or "".
func notesOf(s string) string {
	if _, notes, ok := strings.Cut(s, "; "); ok {
		return "; " + notes
	}
	return ""
}

// lintAll lints the jobs on a pool of GOMAXPROCS workers. Results keep the
// order of jobs whatever order the workers finish in. With fix, safe fixes
// are applied, and written back to the files when write is set too.
func lintAll(jobs []job, fix, write bool) []result {
	results := make([]result, len(jobs))
	workers := min(runtime.GOMAXPROCS(0), len(jobs))
	next := make(chan int)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				results[i] = lintOne(jobs[i], fix, write)
				// the reports only need the text and its line index: let
				// the model go, so a large run keeps one file's at a time
				if f := results[i].file; f != nil {
					results[i].file = f.TextOnly()
				}
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

func lintOne(j job, fix, write bool) result {
	r := result{job: j}
	cfg := j.cfg.rules
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
	cx, dir, why, err := j.ctx.forFile(j, r.file)
	r.err = err
	r.context = describeContext(dir, why, cx)
	r.diags = rules.LintContext(r.file, cfg, cx)
	if !fix {
		return r
	}
	f, diags, n, others := fixRoundsFiles(j, r.file, r.diags, cfg, cx)
	if n == 0 {
		return r
	}
	r.orig = r.file.Src
	if write && !j.stdin {
		if err := writeFileAtomic(j.path, f.Src); err != nil {
			r.err = fmt.Errorf("%s: writing fixes: %w", j.path, osReason(err))
			return r
		}
	}
	r.file, r.diags, r.fixed, r.others = f, diags, n, others
	return r
}

// reportDiff ends a --diff run: the unified diff of each file that fixes
// would change on stdout, in path order, then the I/O errors and one line
// saying how much would be fixed on stderr. It exits 1 when there is a
// diff, so that CI can ask for fixed files, and 2 on errors.
func reportDiff(stdout, stderr io.Writer, d *discovery, results []result) int {
	var errs []error
	errs = append(errs, d.errs...)
	for _, r := range results {
		if r.err != nil {
			errs = append(errs, r.err)
		}
		if r.fixed > 0 {
			io.WriteString(stdout, unifiedDiff(r.path, r.orig, r.file.Src))
			io.WriteString(stdout, otherFilesDiff(r))
		}
	}
	for _, dir := range d.empty {
		fmt.Fprintf(stderr, "layerlint: %s: no Dockerfiles found\n", dir)
	}
	for _, err := range errs {
		fmt.Fprintf(stderr, "layerlint: %s\n", oneLine(err.Error()))
	}
	n := countFixed(results)
	switch {
	case n > 0:
		fmt.Fprintln(stderr, fixedLine("would fix", n, results))
	case len(results) > 0 || len(errs) == 0:
		fmt.Fprintf(stderr, "nothing to fix in %s\n", plural(len(results), "file", "files"))
	}
	switch {
	case len(errs) > 0:
		return exitError
	case n > 0:
		return exitFindings
	}
	return exitOK
}

// fixRounds applies the first safe fix of every diagnostic, re-lints, and
// repeats until nothing more applies (at most maxFixRounds times). It returns
// the final file, its diagnostics and the number of fixes applied.
func fixRounds(f *dockerfile.File, diags []rules.Diagnostic, cfg *rules.Config) (*dockerfile.File, []rules.Diagnostic, int) {
	return fixRoundsContext(f, diags, cfg, nil)
}

// fixRoundsContext is fixRounds re-linting with the build context cx.
func fixRoundsContext(f *dockerfile.File, diags []rules.Diagnostic, cfg *rules.Config, cx *ctxscan.Context) (*dockerfile.File, []rules.Diagnostic, int) {
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
		f, diags, total = nf, rules.LintContext(nf, cfg, cx), total+n
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

// maxClimb is how many directories up displayPath still shows a path
// relative to the working directory ("../.."), rather than absolute.
const maxClimb = 2

// displayPath shows a path of the build context as the findings' paths are
// shown: relative to the working directory, with "/" separators, unless that
// climbs more than maxClimb directories (a temporary directory seen from a
// project): then absolute. Context directories have their symbolic links
// resolved and other paths do not, so both spellings of the working
// directory are tried and the one climbing less wins.
func displayPath(p string) string {
	abs, err := filepath.Abs(p)
	if err != nil {
		return filepath.ToSlash(p)
	}
	wd, err := os.Getwd()
	if err != nil {
		return abs
	}
	bases := []string{wd}
	if real, err := filepath.EvalSymlinks(wd); err == nil && real != wd {
		bases = append(bases, real)
	}
	best, up := abs, maxClimb+1
	for _, base := range bases {
		if rel, err := filepath.Rel(base, abs); err == nil && climbs(rel) < up {
			best, up = filepath.ToSlash(rel), climbs(rel)
		}
	}
	return best
}

// climbs counts the leading ".." elements of a relative path.
func climbs(rel string) int {
	n := 0
	for _, elem := range strings.Split(filepath.ToSlash(rel), "/") {
		if elem != ".." {
			break
		}
		n++
	}
	return n
}

// relToWD shows a path relative to the working directory when it lies below
// it, absolute otherwise.
func relToWD(p string) string {
	if !filepath.IsAbs(p) {
		return p
	}
	wd, err := os.Getwd()
	if err != nil {
		return p
	}
	wd, _ = filepath.EvalSymlinks(wd)
	if rel, err := filepath.Rel(wd, p); err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return filepath.ToSlash(rel)
	}
	return p
}
