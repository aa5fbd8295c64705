package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"

	"github.com/layerlint/layerlint/ctxscan"
	"github.com/layerlint/layerlint/dockerfile"
)

const contextHelp = `Usage: layerlint context [--dockerfile PATH] [--format text|json] [DIR]

Show the build context of DIR (default: the Dockerfile's directory, or the
ancestor directory where its COPY sources resolve, else .)
as BuildKit sends it: the ignore file it uses (<Dockerfile>.dockerignore
beside the Dockerfile wins over DIR/.dockerignore), the files that pass it,
their total size, the largest directories, and what each COPY/ADD brings.
`

// contextReport is the JSON shape of "layerlint context". Paths are relative
// to the context with "/" separators; sizes are bytes.
type contextReport struct {
	Context    string         `json:"context"`
	Dockerfile string         `json:"dockerfile,omitempty"`
	IgnoreFile *string        `json:"ignorefile"`
	Inferred   string         `json:"inferred,omitempty"` // why InferDir chose the directory (a compose or bake file, an ancestor), with the files it ignored
	Shadowed   string         `json:"shadowedIgnorefile,omitempty"`
	Files      []contextFile  `json:"files"`
	TotalBytes int64          `json:"totalBytes"`
	Largest    []contextDir   `json:"largestDirs"`
	Copies     []contextCopy  `json:"copies"`
	Sent       *contextAmount `json:"sent,omitempty"`
}

type contextFile struct {
	Path string `json:"path"`
	Size int64  `json:"size"`
}

type contextDir struct {
	Path  string `json:"path"`
	Bytes int64  `json:"bytes"`
	Files int    `json:"files"`
}

type contextAmount struct {
	Bytes int64 `json:"bytes"`
	Files int   `json:"files"`
}

type contextCopy struct {
	Line        int      `json:"line"` // 1-based line of the instruction
	Instruction string   `json:"instruction"`
	Sources     []string `json:"sources"` // the files it brings
	Bytes       int64    `json:"bytes"`
	Args        []string `json:"args"`               // the source arguments, variables expanded
	NotFound    []string `json:"notFound,omitempty"` // required paths missing from what is sent
	Elsewhere   []string `json:"elsewhere,omitempty"`
}

func runContext(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fset := newFlagSet("context")
	dockerfilePath := fset.String("dockerfile", "", "the Dockerfile (default DIR/Dockerfile)")
	format := fset.String("format", "text", "output format: text or json")
	top := fset.Int("top", 10, "how many of the largest directories to list")
	pos, err := parseFlags(fset, args, contextHelp, stdout)
	if errors.Is(err, errHelp) {
		return exitOK
	}
	if err != nil {
		return fail(stderr, err)
	}
	if *format != "text" && *format != "json" {
		return fail(stderr, &usageError{fmt.Sprintf("context: unknown --format %q (want text or json)", *format)})
	}
	if len(pos) > 1 {
		return fail(stderr, &usageError{"context: one context directory at most (see 'layerlint context -h')"})
	}
	dir := "."
	infer := false
	switch {
	case len(pos) == 1:
		dir = pos[0]
	case *dockerfilePath != "" && *dockerfilePath != "-":
		dir, infer = filepath.Dir(*dockerfilePath), true
	}
	df := *dockerfilePath
	if df == "" {
		df = defaultDockerfile(dir)
	} else if df != "-" {
		if fi, err := os.Stat(df); err != nil {
			return fail(stderr, pathError(df, err))
		} else if fi.IsDir() {
			return fail(stderr, fmt.Errorf("%s: is a directory, not a Dockerfile", df))
		}
	}
	if fi, err := os.Stat(dir); err != nil {
		return fail(stderr, fmt.Errorf("build context %s", pathError(dir, err)))
	} else if !fi.IsDir() {
		return fail(stderr, fmt.Errorf("build context %s is not a directory", dir))
	}
	var file *dockerfile.File
	if df != "" {
		var src []byte
		if df == "-" {
			src, err = io.ReadAll(stdin)
		} else {
			src, err = os.ReadFile(df)
		}
		if err != nil {
			return fail(stderr, pathError(df, err))
		}
		file = dockerfile.Parse(df, src)
	}
	reason := ""
	if infer && file != nil {
		dir, reason = ctxscan.InferDir(file, df)
	}
	cx, err := ctxscan.Open(dir, ctxscan.Options{Dockerfile: df})
	if err != nil {
		return fail(stderr, err)
	}
	rep := buildContextReport(dir, df, cx, file, *top)
	rep.Inferred = reason
	if *format == "json" {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(rep); err != nil {
			return fail(stderr, err)
		}
		return exitOK
	}
	writeContextText(stdout, rep, cx)
	return exitOK
}

// defaultDockerfile is DIR/Dockerfile, or DIR/dockerfile when only that
// exists (as buildx picks it), or "" when there is none.
func defaultDockerfile(dir string) string {
	for _, name := range []string{"Dockerfile", "dockerfile"} {
		p := filepath.Join(dir, name)
		if fi, err := os.Stat(p); err == nil && !fi.IsDir() {
			return p
		}
	}
	return ""
}

func buildContextReport(dir, df string, cx *ctxscan.Context, f *dockerfile.File, top int) *contextReport {
	rep := &contextReport{Context: dir, Dockerfile: df, Shadowed: cx.Shadowed, Files: []contextFile{}, Copies: []contextCopy{}, Largest: []contextDir{}}
	if cx.Ignore != nil {
		p := cx.Ignore.Path
		rep.IgnoreFile = &p
	}
	st := cx.Stats()
	for i, e := range cx.Entries {
		if e.IsDir() {
			continue
		}
		rep.Files = append(rep.Files, contextFile{Path: e.Path, Size: st[i].Size})
		rep.TotalBytes += st[i].Size
	}
	for _, d := range cx.TopDirs(top, 1) {
		rep.Largest = append(rep.Largest, contextDir{Path: d.Path, Bytes: d.Bytes, Files: d.Files})
	}
	if f == nil {
		return rep
	}
	sent := map[string]bool{}
	var amount contextAmount
	for _, in := range f.Instructions {
		if in.Keyword != "copy" && in.Keyword != "add" {
			continue
		}
		c := contextCopy{Line: in.StartLine, Instruction: copyText(in), Sources: []string{}, Args: []string{}}
		seen := map[string]bool{}
		for _, s := range cx.ResolveInstruction(f, in) {
			if s.Kind != ctxscan.FromContext {
				c.Elsewhere = append(c.Elsewhere, s.Kind.String()+": "+s.Value)
				continue
			}
			c.Args = append(c.Args, s.Value)
			if s.Err != nil {
				c.NotFound = append(c.NotFound, s.Err.Error())
				continue
			}
			if s.NotFound {
				c.NotFound = append(c.NotFound, s.Missing)
			}
			for _, e := range s.Resolved.Files() {
				if seen[e.Path] {
					continue
				}
				seen[e.Path] = true
				size := cx.Size(e.Path)
				c.Sources = append(c.Sources, e.Path)
				c.Bytes += size
				if !sent[e.Path] {
					sent[e.Path] = true
					amount.Files++
					amount.Bytes += size
				}
			}
		}
		sort.Strings(c.Sources)
		rep.Copies = append(rep.Copies, c)
	}
	rep.Sent = &amount
	return rep
}

// copyText renders an instruction's first line, shortened.
func copyText(in *dockerfile.Instruction) string {
	words := []string{strings.ToUpper(in.Keyword)}
	for _, fl := range in.Flags {
		words = append(words, "--"+fl.Name+valueSuffix(fl))
	}
	for _, a := range in.Args {
		words = append(words, a.Value)
	}
	s := strings.Join(words, " ")
	if r := []rune(s); len(r) > 60 {
		s = string(r[:59]) + "…"
	}
	return s
}

func valueSuffix(fl dockerfile.Flag) string {
	if !fl.HasValue {
		return ""
	}
	return "=" + fl.Value
}

func writeContextText(w io.Writer, rep *contextReport, cx *ctxscan.Context) {
	fmt.Fprintf(w, "context:     %s\n", rep.Context)
	if rep.Inferred != "" {
		fmt.Fprintf(w, "             (%s)\n", rep.Inferred)
	}
	if rep.Dockerfile != "" {
		fmt.Fprintf(w, "dockerfile:  %s\n", rep.Dockerfile)
	} else {
		fmt.Fprintf(w, "dockerfile:  none found (pass --dockerfile to see what each COPY brings)\n")
	}
	switch {
	case rep.IgnoreFile == nil:
		fmt.Fprintf(w, "ignore file: none: everything in the directory is sent\n")
	default:
		fmt.Fprintf(w, "ignore file: %s (%s)\n", *rep.IgnoreFile, countWord(len(cx.Ignore.Lines), "pattern"))
	}
	if rep.Shadowed != "" {
		fmt.Fprintf(w, "             %s is not used: the Dockerfile's own ignore file replaces it\n", rep.Shadowed)
	}
	if cx.IgnoreReadErr != nil {
		fmt.Fprintf(w, "             .dockerignore cannot be read (%v): BuildKit uses no patterns\n", cx.IgnoreReadErr)
	}
	fmt.Fprintf(w, "context:     %s, %s after the ignore file\n", countWord(len(rep.Files), "file"), sizeText(rep.TotalBytes))
	if rep.Sent != nil {
		fmt.Fprintf(w, "sent:        %s, %s read by COPY/ADD (BuildKit transfers only these)\n", countWord(rep.Sent.Files, "file"), sizeText(rep.Sent.Bytes))
	}
	if len(rep.Largest) > 0 {
		fmt.Fprintf(w, "\nlargest directories:\n")
		width := 0
		for _, d := range rep.Largest {
			width = max(width, len(d.Path))
		}
		for _, d := range rep.Largest {
			fmt.Fprintf(w, "  %-*s  %9s  %s\n", width, d.Path, sizeText(d.Bytes), countWord(d.Files, "file"))
		}
	}
	if len(rep.Copies) > 0 {
		fmt.Fprintf(w, "\nCOPY/ADD:\n")
		for _, c := range rep.Copies {
			fmt.Fprintf(w, "  line %-4d %s\n", c.Line, c.Instruction)
			switch {
			case len(c.Args) == 0:
				fmt.Fprintf(w, "            reads nothing from the context\n")
			default:
				fmt.Fprintf(w, "            brings %s, %s\n", countWord(len(c.Sources), "file"), sizeText(c.Bytes))
			}
			for _, m := range c.NotFound {
				fmt.Fprintf(w, "            not found: %s\n", m)
			}
		}
	}
}

func countWord(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// sizeText renders bytes for people (ctxscan.FormatSize).
func sizeText(n int64) string { return ctxscan.FormatSize(n) }

// contextCache gives "layerlint check" the build context of each Dockerfile,
// scanning each (context, ignore file) pair once for all the files that share it.
type contextCache struct {
	dir string // --context, or "" to infer per Dockerfile (--context auto)
	mu  sync.Mutex
	m   map[string]*contextScan
}

type contextScan struct {
	once sync.Once
	cx   *ctxscan.Context
	err  error
}

// setContexts decides where the jobs' build contexts come from: dir for all
// of them, or inferred per Dockerfile when dir is "auto"; none when dir is ""
// or with off. (Inferring by default would change what "check" reports for
// every existing project; that switch is the CLI owner's to make.)
func setContexts(jobs []job, dir string, off bool) {
	if off {
		return
	}
	if dir == "auto" {
		dir = "" // inferred per Dockerfile, as without --context
	}
	c := &contextCache{dir: dir, m: map[string]*contextScan{}}
	for i := range jobs {
		jobs[i].ctx = c
	}
}

// forFile returns the build context of the Dockerfile f of job j (nil when
// there is none: --no-context, or standard input without --context, or when
// it could not be read), the directory chosen and why (dir is "" when there
// is none), and the error that made it unavailable ("path: problem"). It
// asks in this order: --no-context, --context, the configuration's
// contexts, then inference (ctxscan.InferDir).
func (c *contextCache) forFile(j job, f *dockerfile.File) (cx *ctxscan.Context, dir string, why contextWhy, err error) {
	if c == nil {
		return nil, "", contextWhy{"--no-context", "--no-context"}, nil
	}
	dir, df := c.dir, j.path
	switch {
	case dir != "":
		why = contextWhy{"--context", "--context"}
		if j.stdin {
			df = ""
		}
	case j.stdin:
		// no location to infer a context from
		return nil, "", contextWhy{"standard input: no directory to infer it from; --context names one", "standard input; --context names one"}, nil
	default:
		// the configuration's contexts map (so CI and the editor agree),
		// else inference
		if mapped, ok := configuredContext(j); ok {
			file := displayPath(j.cfg.eff.Source["contexts"])
			dir, why = mapped, contextWhy{"contexts in " + file, "from " + file}
		} else {
			var reason string
			dir, reason = ctxscan.InferDir(f, j.path)
			why = inferredWhy(reason, filepath.Clean(dir) == filepath.Dir(j.path))
		}
	}
	// Dockerfiles that share a context and have no ignore file of their
	// own share one scan
	key := dir
	if df != "" {
		if _, err := os.Stat(df + ".dockerignore"); err == nil {
			key += "\x00" + df
		}
	}
	c.mu.Lock()
	s := c.m[key]
	if s == nil {
		s = &contextScan{}
		c.m[key] = s
	}
	c.mu.Unlock()
	s.once.Do(func() {
		s.cx, s.err = ctxscan.Open(dir, ctxscan.Options{Dockerfile: df})
	})
	if s.err != nil {
		// ctxscan.Open names the directory when it cannot be opened; the
		// problems found inside it (an ignore file, an entry) need it said
		msg := oneLine(s.err.Error())
		if !strings.HasPrefix(msg, "build context ") {
			msg = "build context " + dir + ": " + msg
		}
		return nil, dir, why, fmt.Errorf("%s: %s", j.path, msg)
	}
	return s.cx, dir, why, nil
}

// configuredContext returns the build context that the configuration's
// `contexts` globs map the job's Dockerfile to.
func configuredContext(j job) (string, bool) {
	if j.cfg == nil || j.cfg.eff == nil {
		return "", false
	}
	abs, err := filepath.Abs(j.path)
	if err != nil {
		return "", false
	}
	return j.cfg.eff.ContextFor(abs)
}
