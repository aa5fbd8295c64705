package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/layerlint/layerlint/cache"
	"github.com/layerlint/layerlint/ctxscan"
	"github.com/layerlint/layerlint/dockerfile"
)

const cacheHelp = `Usage: layerlint cache [flags] --changed FILE... | --since GIT_REF | --score

Predicts which steps of the build rerun when files of the build context
change, without a Docker daemon: for each stage the build needs, the first
step whose cache key changes and every step that reruns from there, with its
cost (expensive: package installs, dependency downloads, compiles; medium:
other RUNs, downloads, large copies; cheap: the rest).

  --changed FILE...   files edited, added or removed; paths are relative to
                      the current directory and must lie in the context (a
                      directory stands for everything below it; further
                      arguments after the flags are more changed files)
  --since GIT_REF     the files 'git diff --name-only GIT_REF' lists plus the
                      untracked ones ('git ls-files --others
                      --exclude-standard'); an edit of the Dockerfile since
                      GIT_REF counts too
  --changed-arg NAME[=VALUE]
                      a build argument that takes another value (VALUE, or
                      just a different one)
  --score             the expected number of expensive steps an edit to one
                      file of the context reruns (averaged over its files),
                      before and after simulating the cache rules' fixes

A step's key depends on its parent step, its instruction with build
arguments expanded where BuildKit expands them, the values of the ARGs
declared before a RUN (they are in its environment) and ENV values, the
content and mode (not the modification time) of the context files a COPY,
ADD or RUN --mount=type=bind brings, and the result of the stages it copies
from. Approximations: the base image, URLs and git sources are taken as
unchanged; a step after a miss is listed as rerunning even when BuildKit
would only recompute configuration (ENV, LABEL, CMD, ...) or rebase a COPY
--link; variables no ARG or ENV defines expand to ""; a removed file counts
when a COPY source's path or wildcard names it; costs come from command
names. See 'go doc github.com/layerlint/layerlint/cache' for the details.

--format json prints
  {"stages":[{"name","firstInvalidated":{"line","instruction"} or null,
              "rebuilds":[{"line","instruction","cost"}]}]}
(lines 1-based; rebuilds lists only the steps that rerun); with --score
  {"files","read","expensive","steps","afterFixes":{"expensive","steps"},
   "fixes":[{"rule","line","message"}],
   "groups":[{"files","example","firstLine","expensive","steps"}]}

Exit codes: 0 the prediction was made, 2 usage or I/O error (a missing
Dockerfile or context, a changed file outside the context, a git failure).
`

// cacheReport is the JSON shape of a prediction.
type cacheReport struct {
	Stages []cacheStage `json:"stages"`
}

type cacheStage struct {
	Name             string       `json:"name"`
	FirstInvalidated *cacheStep   `json:"firstInvalidated"`
	Rebuilds         []cacheRerun `json:"rebuilds"`
}

type cacheStep struct {
	Line        int    `json:"line"` // 1-based
	Instruction string `json:"instruction"`
}

type cacheRerun struct {
	Line        int    `json:"line"` // 1-based
	Instruction string `json:"instruction"`
	Cost        string `json:"cost"`
}

// scoreReport is the JSON shape of --score.
type scoreReport struct {
	Files      int          `json:"files"`
	Read       int          `json:"read"`
	Expensive  float64      `json:"expensive"`
	Steps      float64      `json:"steps"`
	AfterFixes scoreFigures `json:"afterFixes"`
	Fixes      []scoreFix   `json:"fixes"`
	Groups     []scoreGroup `json:"groups"`
}

type scoreFigures struct {
	Expensive float64 `json:"expensive"`
	Steps     float64 `json:"steps"`
}

type scoreFix struct {
	Rule    string `json:"rule"`
	Line    int    `json:"line"`
	Message string `json:"message"`
}

type scoreGroup struct {
	Files     int    `json:"files"`
	Example   string `json:"example"`
	FirstLine int    `json:"firstLine"`
	Expensive int    `json:"expensive"`
	Steps     int    `json:"steps"`
}

func runCache(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fset := newFlagSet("cache")
	var changed, buildArgs, changedArgs listFlag
	fset.Var(&changed, "changed", "a changed `FILE` (repeatable; more may follow the flags)")
	dockerfilePath := fset.String("dockerfile", "", "the Dockerfile's `PATH` (default CONTEXT/Dockerfile; - reads standard input)")
	contextDir := fset.String("context", "", "the build context `DIR` (default: a compose or bake file that names the Dockerfile, else its directory, else the nearest ancestor where its COPY sources resolve)")
	target := fset.String("target", "", "the `STAGE` to build (default: the last)")
	fset.Var(&buildArgs, "build-arg", "a build argument of the build, `NAME=VALUE` (NAME alone: from the environment)")
	fset.Var(&changedArgs, "changed-arg", "a build argument given another value, `NAME[=VALUE]`")
	since := fset.String("since", "", "take the changed files from git since `GIT_REF`")
	score := fset.Bool("score", false, "print the cache score instead of a prediction")
	format := fset.String("format", "text", "output format: text or json")
	pos, err := parseFlags(fset, args, cacheHelp, stdout)
	if errors.Is(err, errHelp) {
		return exitOK
	}
	if err != nil {
		return fail(stderr, err)
	}
	changed.values = append(changed.values, pos...)
	if *format != "text" && *format != "json" {
		return fail(stderr, &usageError{fmt.Sprintf("cache: unknown --format %q (want text or json)", *format)})
	}
	switch {
	case *score && (len(changed.values) > 0 || *since != "" || len(changedArgs.values) > 0):
		return fail(stderr, &usageError{"cache: --score takes no --changed, --since or --changed-arg"})
	case !*score && len(changed.values) == 0 && *since == "" && len(changedArgs.values) == 0:
		return fail(stderr, &usageError{"cache: say what changes: --changed FILE..., --since GIT_REF or --changed-arg NAME (or ask for --score; see 'layerlint cache -h')"})
	}
	opts := cache.Options{Target: *target, BuildArgs: map[string]string{}}
	for _, s := range buildArgs.values {
		name, value, set, err := cache.ParseBuildArg(s, os.LookupEnv)
		if err != nil {
			return fail(stderr, &usageError{"cache: --build-arg: " + err.Error()})
		}
		if set {
			opts.BuildArgs[name] = value
		}
	}
	var argChanges []cache.ArgChange
	for _, s := range changedArgs.values {
		name, value, set, err := cache.ParseBuildArg(s, nil)
		if err != nil {
			return fail(stderr, &usageError{"cache: --changed-arg: " + err.Error()})
		}
		argChanges = append(argChanges, cache.ArgChange{Name: name, Value: value, Unknown: !set})
	}

	in, err := openCacheInput(*dockerfilePath, *contextDir, stdin)
	if err != nil {
		return fail(stderr, err)
	}
	if n := len(in.file.Errors); n > 0 {
		fmt.Fprintf(stderr, "layerlint: %s: %s that BuildKit rejects; the prediction covers the instructions that parse\n", in.dockerfile, countWord(n, "problem"))
	}
	plan, err := cache.New(in.file, in.cx, opts)
	if err != nil {
		return fail(stderr, err)
	}
	if *score {
		return printScore(stdout, stderr, plan, *format)
	}

	var files []string
	for _, c := range changed.values {
		rel, err := contextPath(in.cx.Dir, in.dir, c)
		if err != nil {
			return fail(stderr, err)
		}
		files = append(files, rel)
	}
	var edited *dockerfile.File // the Dockerfile at --since, when it differs
	if *since != "" {
		g, err := gitChanges(in.cx.Dir, *since, in.dockerfile)
		if err != nil {
			return fail(stderr, err)
		}
		files = append(files, g.files...)
		if g.oldDockerfile != nil && !bytes.Equal(g.oldDockerfile, in.file.Src) {
			edited = dockerfile.Parse(in.dockerfile, g.oldDockerfile)
		}
	}
	res, err := plan.Predict(cache.Change{Files: files, Args: argChanges})
	if err != nil {
		return fail(stderr, err)
	}
	if edited != nil {
		if prev, err := cache.New(edited, in.cx, opts); err == nil {
			same := func(ctxscan.Entry) string { return "" }
			res = res.Union(cache.Compare(prev.Keys(same), plan.Keys(same)))
		}
	}
	if *format == "json" {
		return printCacheJSON(stdout, stderr, res)
	}
	printCacheText(stdout, in, plan, res, files, *since, edited != nil)
	return exitOK
}

// cacheInput is the Dockerfile and context a prediction reads.
type cacheInput struct {
	dockerfile string // as given or found ("-" for standard input)
	file       *dockerfile.File
	cx         *ctxscan.Context
	dir        string // the context directory as given or found
	inferred   string // why InferDir chose the directory (and any bake or compose file it ignored), "" for the Dockerfile's own directory
}

// openCacheInput finds, reads and scans what the flags name, as 'layerlint
// context' does.
func openCacheInput(df, dir string, stdin io.Reader) (*cacheInput, error) {
	in := &cacheInput{dockerfile: df, dir: dir}
	infer := false
	if in.dir == "" {
		in.dir = "."
		if df != "" && df != "-" {
			in.dir, infer = filepath.Dir(df), true
		}
	}
	if fi, err := os.Stat(in.dir); err != nil {
		return nil, fmt.Errorf("build context %w", pathError(in.dir, err))
	} else if !fi.IsDir() {
		return nil, fmt.Errorf("build context %s is not a directory", in.dir)
	}
	if in.dockerfile == "" {
		in.dockerfile = defaultDockerfile(in.dir)
		if in.dockerfile == "" {
			return nil, fmt.Errorf("no Dockerfile in %s (name one with --dockerfile)", in.dir)
		}
	}
	var src []byte
	var err error
	if in.dockerfile == "-" {
		src, err = io.ReadAll(stdin)
	} else {
		var fi os.FileInfo
		if fi, err = os.Stat(in.dockerfile); err == nil && fi.IsDir() {
			return nil, fmt.Errorf("%s: is a directory, not a Dockerfile", in.dockerfile)
		}
		src, err = os.ReadFile(in.dockerfile)
	}
	if err != nil {
		return nil, pathError(in.dockerfile, err)
	}
	in.file = dockerfile.Parse(in.dockerfile, src)
	if infer {
		in.dir, in.inferred = ctxscan.InferDir(in.file, in.dockerfile)
	}
	ignoreFor := in.dockerfile
	if ignoreFor == "-" {
		ignoreFor = ""
	}
	in.cx, err = ctxscan.Open(in.dir, ctxscan.Options{Dockerfile: ignoreFor})
	if err != nil {
		return nil, err
	}
	return in, nil
}

// contextPath maps a changed file, as given on the command line (relative
// to the current directory, or absolute), to a slash path relative to the
// context directory ctxDir (absolute, symlinks resolved; shown is how the
// user named it). The file need not exist: a removed file is a change too.
func contextPath(ctxDir, shown, file string) (string, error) {
	abs, err := filepath.Abs(file)
	if err != nil {
		return "", pathError(file, err)
	}
	real := resolveDirs(abs)
	rel, err := filepath.Rel(ctxDir, real)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		msg := fmt.Sprintf("changed file %s is outside the build context %s", file, shown)
		if !filepath.IsAbs(file) {
			if _, err := os.Lstat(filepath.Join(ctxDir, file)); err == nil {
				msg += fmt.Sprintf(" (paths are relative to the current directory: did you mean %s?)", filepath.Join(shown, file))
			}
		}
		return "", errors.New(msg)
	}
	if rel == "." {
		return "", nil
	}
	return filepath.ToSlash(rel), nil
}

// resolveDirs resolves the symlinks of the directories above p (not of p
// itself: a changed symlink is the change), as far as they exist.
func resolveDirs(p string) string {
	dir, base := filepath.Dir(p), filepath.Base(p)
	var rest []string
	for {
		if real, err := filepath.EvalSymlinks(dir); err == nil {
			parts := append([]string{real}, rest...)
			return filepath.Join(append(parts, base)...)
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return p
		}
		rest = append([]string{filepath.Base(dir)}, rest...)
		dir = parent
	}
}

// gitResult is what changed since a git revision.
type gitResult struct {
	files []string // relative to the context
	// oldDockerfile is the Dockerfile's content at the revision, nil when
	// it is not tracked there (or is read from standard input).
	oldDockerfile []byte
}

// gitChanges asks git, in the context directory, what changed since ref:
// tracked files that differ from ref (git diff --name-only, renames as a
// removal and an addition) and untracked files that are not ignored. Paths
// outside the context are dropped.
func gitChanges(ctxDir, ref, df string) (*gitResult, error) {
	top, err := git(ctxDir, "rev-parse", "--show-toplevel")
	if err != nil {
		return nil, err
	}
	root := strings.TrimSpace(string(top))
	if r, err := filepath.EvalSymlinks(root); err == nil {
		root = r
	}
	diff, err := git(ctxDir, "diff", "--name-only", "--no-renames", "-z", ref, "--")
	if err != nil {
		return nil, err
	}
	untracked, err := git(ctxDir, "ls-files", "--others", "--exclude-standard", "--full-name", "-z")
	if err != nil {
		return nil, err
	}
	res := &gitResult{}
	for _, p := range append(splitNUL(diff), splitNUL(untracked)...) {
		rel, err := filepath.Rel(ctxDir, filepath.Join(root, filepath.FromSlash(p)))
		if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			continue
		}
		res.files = append(res.files, filepath.ToSlash(rel))
	}
	if df != "" && df != "-" {
		if abs, err := filepath.Abs(df); err == nil {
			if rel, err := filepath.Rel(root, resolveDirs(abs)); err == nil && !strings.HasPrefix(rel, "..") {
				if old, err := git(ctxDir, "show", ref+":"+filepath.ToSlash(rel)); err == nil {
					res.oldDockerfile = old
				}
			}
		}
	}
	return res, nil
}

// git runs git in dir and returns its standard output; a failure is an
// error holding git's own message.
func git(dir string, args ...string) ([]byte, error) {
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		msg := strings.TrimSpace(errb.String())
		if msg == "" {
			msg = err.Error()
		}
		return nil, fmt.Errorf("--since: git %s: %s", args[0], msg)
	}
	return out.Bytes(), nil
}

// splitNUL splits git's -z output.
func splitNUL(b []byte) []string {
	var out []string
	for _, p := range bytes.Split(b, []byte{0}) {
		if len(p) > 0 {
			out = append(out, string(p))
		}
	}
	return out
}

func printCacheJSON(stdout, stderr io.Writer, res *cache.Result) int {
	rep := cacheReport{Stages: []cacheStage{}}
	for _, s := range res.Stages {
		cs := cacheStage{Name: s.Stage.Name, Rebuilds: []cacheRerun{}}
		if s.First != nil {
			cs.FirstInvalidated = &cacheStep{Line: s.First.Line, Instruction: s.First.Text}
		}
		for _, st := range s.Rebuilds {
			cs.Rebuilds = append(cs.Rebuilds, cacheRerun{Line: st.Line, Instruction: st.Text, Cost: st.Cost.String()})
		}
		rep.Stages = append(rep.Stages, cs)
	}
	enc := json.NewEncoder(stdout)
	enc.SetIndent("", "  ")
	if err := enc.Encode(rep); err != nil {
		return fail(stderr, err)
	}
	return exitOK
}

// printCacheText prints the prediction for people.
func printCacheText(w io.Writer, in *cacheInput, plan *cache.Plan, res *cache.Result, files []string, since string, edited bool) {
	fmt.Fprintf(w, "context:    %s\n", in.dir)
	if in.inferred != "" {
		fmt.Fprintf(w, "            (%s)\n", in.inferred)
	}
	fmt.Fprintf(w, "dockerfile: %s\n", in.dockerfile)
	if plan.Target != nil && plan.Target.Model.Name != "" {
		fmt.Fprintf(w, "target:     %s\n", plan.Target.Name)
	}
	switch {
	case since != "":
		fmt.Fprintf(w, "changed:    %s since %s", countWord(len(files), "file"), since)
		if edited {
			fmt.Fprintf(w, ", and the Dockerfile")
		}
		fmt.Fprintln(w)
	case len(files) > 0:
		fmt.Fprintf(w, "changed:    %s\n", listShort(files, 5))
	}
	fmt.Fprintln(w)
	for _, s := range res.Stages {
		head := "stage " + s.Stage.Name
		if s.First == nil {
			fmt.Fprintf(w, "%s: cached\n", head)
			continue
		}
		fmt.Fprintf(w, "%s: cache miss at line %d, %s\n", head, s.First.Line, s.Cause)
		width := 0
		for _, st := range s.Rebuilds {
			width = max(width, len(short(st.Text, 60)))
		}
		for _, st := range s.Rebuilds {
			line := fmt.Sprintf("  %4d  %-*s  %-9s", st.Line, width, short(st.Text, 60), st.Cost)
			if st.Why != "" && st.Cost != cache.Cheap {
				line += "  " + st.Why
			}
			fmt.Fprintln(w, strings.TrimRight(line, " "))
		}
	}
	total, by := res.Counts()
	fmt.Fprintln(w)
	if total == 0 {
		fmt.Fprintln(w, "nothing reruns: every step is cached")
	} else {
		fmt.Fprintf(w, "%s rerun: %d expensive, %d medium, %d cheap\n", countWord(total, "step"), by[cache.Expensive], by[cache.Medium], by[cache.Cheap])
	}
	// changed files that nothing reads, and why
	read := map[string]bool{}
	for _, s := range res.Stages {
		for _, f := range s.Cause.Files {
			read[f] = true
		}
	}
	var unread []string
	for _, f := range files {
		if !read[f] && !plan.Reads(f) {
			unread = append(unread, f)
		}
	}
	if in.dockerfile != "-" {
		if self, err := contextPath(in.cx.Dir, in.dir, in.dockerfile); err == nil {
			for _, f := range files {
				if f == self && since == "" {
					fmt.Fprintf(w, "note: %s is the Dockerfile: it counts here as a file of the context; an edit of its instructions reruns from the first edited one (--since compares them with a commit)\n", f)
				}
			}
		}
	}
	if len(unread) > 0 && len(unread) <= 10 {
		for _, f := range unread {
			why := "no COPY, ADD or bind mount of the build reads it"
			if ex, err := in.cx.Excluded(f); err == nil && ex && in.cx.Ignore != nil {
				why = "the ignore file " + in.cx.Ignore.Path + " excludes it"
			}
			fmt.Fprintf(w, "not read: %s (%s)\n", f, why)
		}
	} else if len(unread) > 10 {
		fmt.Fprintf(w, "%s that no step of the build reads\n", countWord(len(unread), "changed file"))
	}
}

func printScore(stdout, stderr io.Writer, plan *cache.Plan, format string) int {
	sc := plan.Score()
	fixed, fixes := plan.Fixed()
	after := fixed.Score()
	if format == "json" {
		rep := scoreReport{Files: sc.Files, Read: sc.Read, Expensive: round2(sc.Expensive), Steps: round2(sc.Steps),
			AfterFixes: scoreFigures{Expensive: round2(after.Expensive), Steps: round2(after.Steps)},
			Fixes:      []scoreFix{}, Groups: []scoreGroup{}}
		for _, f := range fixes {
			rep.Fixes = append(rep.Fixes, scoreFix{Rule: f.Rule, Line: f.Line, Message: f.Message})
		}
		for _, g := range sc.Groups {
			sg := scoreGroup{Files: g.Files, Example: g.Example, Expensive: g.Expensive, Steps: g.Steps}
			if g.First != nil {
				sg.FirstLine = g.First.Line
			}
			rep.Groups = append(rep.Groups, sg)
		}
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(rep); err != nil {
			return fail(stderr, err)
		}
		return exitOK
	}
	fmt.Fprintf(stdout, "cache score: %.2f expensive steps rerun by an edit to one file, on average over the %s of the context (%.2f steps in all)\n",
		sc.Expensive, countWord(sc.Files, "file"), sc.Steps)
	if sc.Files > sc.Read {
		fmt.Fprintf(stdout, "             (no step reads %d of them)\n", sc.Files-sc.Read)
	}
	if len(sc.Groups) > 0 {
		fmt.Fprintln(stdout, "\nwhere it comes from:")
		for i, g := range sc.Groups {
			if i == 5 {
				fmt.Fprintf(stdout, "  … and %d more groups\n", len(sc.Groups)-5)
				break
			}
			first := ""
			if g.First != nil {
				first = fmt.Sprintf(", cache miss at line %d %s", g.First.Line, short(g.First.Text, 40))
			}
			like := "like " + g.Example
			if g.Files == 1 {
				like = g.Example
			}
			fmt.Fprintf(stdout, "  %s (%s): %d expensive of %s%s\n", countWord(g.Files, "file"), like, g.Expensive, countWord(g.Steps, "step"), first)
		}
	}
	fmt.Fprintln(stdout)
	if len(fixes) == 0 {
		fmt.Fprintln(stdout, "after the suggested fixes: no cache rule suggests a fix that changes this")
		return exitOK
	}
	fmt.Fprintf(stdout, "after the suggested fixes: %.2f expensive steps (%.2f steps in all)\n", after.Expensive, after.Steps)
	for _, f := range fixes {
		fmt.Fprintf(stdout, "  line %d %s: %s\n", f.Line, f.Rule, f.Message)
	}
	return exitOK
}

func round2(x float64) float64 {
	return float64(int64(x*100+0.5)) / 100
}

// short shortens s to n runes with an ellipsis.
func short(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}

// listShort joins up to n items, then says how many more.
func listShort(items []string, n int) string {
	if len(items) <= n {
		return strings.Join(items, ", ")
	}
	return strings.Join(items[:n], ", ") + fmt.Sprintf(" and %d more", len(items)-n)
}
