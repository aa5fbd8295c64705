package lsp

import (
	"fmt"
	"path/filepath"
	"sort"
	"strings"
	"sync"

	"github.com/layerlint/layerlint/cache"
	"github.com/layerlint/layerlint/ctxscan"
	"github.com/layerlint/layerlint/dockerfile"
)

// This file is the editor half of 'layerlint cache': after files of a
// build context change on disk, a code lens on the first step whose cache
// key changes ("src/app.ts changed → cache miss from here; 9 steps rerun
// (2 expensive)"), and a hover listing the inputs of a step's key. It knows
// nothing of the protocol: the handlers convert its ranges with the
// document's Mapper. Hook points (server code): note the paths of
// workspace/didChangeWatchedFiles and of didSave of context files,
// append lenses in codeLens and the hover text in hoverText.

// cacheHints remembers the latest batch of changed files and memoises the
// plan of the last Dockerfile version and context it saw. Safe for
// concurrent use.
type cacheHints struct {
	mu     sync.Mutex
	latest []string // absolute paths of the latest batch of changed files

	memo struct {
		f      *dockerfile.File
		cx     *ctxscan.Context
		target int
		plan   *cache.Plan
		err    error
	}
}

func newCacheHints() *cacheHints { return &cacheHints{} }

// note records a batch of files changed on disk (absolute paths). A batch
// replaces the previous one: the lens answers "what does my latest save
// rerun".
func (h *cacheHints) note(paths []string) {
	if len(paths) == 0 {
		return
	}
	h.mu.Lock()
	h.latest = append([]string(nil), paths...)
	h.mu.Unlock()
}

// changedIn returns the latest changed files that lie in the context
// directory dir, relative to it with slashes, sorted.
func (h *cacheHints) changedIn(dir string) []string {
	h.mu.Lock()
	latest := h.latest
	h.mu.Unlock()
	if dir == "" {
		return nil
	}
	var out []string
	for _, p := range latest {
		rel, ok := hintRelInside(dir, p)
		if !ok {
			// the context's path has its symlinks resolved; the client's may not
			if real, err := filepath.EvalSymlinks(filepath.Dir(p)); err == nil {
				rel, ok = hintRelInside(dir, filepath.Join(real, filepath.Base(p)))
			}
		}
		if ok && rel != "" {
			out = append(out, rel)
		}
	}
	sort.Strings(out)
	return out
}

func hintRelInside(dir, p string) (string, bool) {
	rel, err := filepath.Rel(dir, p)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) || filepath.IsAbs(rel) {
		return "", false
	}
	if rel == "." {
		return "", true
	}
	return filepath.ToSlash(rel), true
}

// plan returns the plan of f in cx building the stage at index target
// (-1: the last stage), reusing the previous one when nothing changed.
func (h *cacheHints) plan(f *dockerfile.File, cx *ctxscan.Context, target int) (*cache.Plan, error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	m := &h.memo
	if m.f == f && m.cx == cx && m.target == target && (m.plan != nil || m.err != nil) {
		return m.plan, m.err
	}
	opt := cache.Options{}
	if target >= 0 {
		opt.Target = fmt.Sprint(target)
	}
	m.f, m.cx, m.target = f, cx, target
	m.plan, m.err = cache.New(f, cx, opt)
	return m.plan, m.err
}

// cacheHintLens is one code lens: its range (the keyword of the step) and
// its title.
type cacheHintLens struct {
	Range dockerfile.Range
	Title string
}

// lenses returns, when the latest change touches cx, a lens on the first
// step each stage of the build reruns from. The earliest one carries the
// totals.
func (h *cacheHints) lenses(f *dockerfile.File, cx *ctxscan.Context) []cacheHintLens {
	if cx == nil {
		return nil
	}
	changed := h.changedIn(cx.Dir)
	if len(changed) == 0 {
		return nil
	}
	p, err := h.plan(f, cx, -1)
	if err != nil {
		return nil
	}
	res, err := p.Predict(cache.Change{Files: changed})
	if err != nil {
		return nil
	}
	first := res.First()
	if first == nil {
		return nil
	}
	total, by := res.Counts()
	var out []cacheHintLens
	for _, s := range res.Stages {
		if s.First == nil {
			continue
		}
		title := "cache miss from here (" + s.Cause.String() + ")"
		if s == first {
			title = fmt.Sprintf("%s → cache miss from here; %s rerun", s.Cause.String(), hintPlural(total, "step"))
			if by[cache.Expensive] > 0 {
				title += fmt.Sprintf(" (%d expensive)", by[cache.Expensive])
			}
		}
		out = append(out, cacheHintLens{Range: s.First.Inst.KeywordRange, Title: title})
	}
	return out
}

// hover returns Markdown listing the inputs of the cache key of the step of
// instruction in, or "" when in is not a step of a build.
func (h *cacheHints) hover(f *dockerfile.File, in *dockerfile.Instruction, cx *ctxscan.Context) string {
	if in == nil || in.Stage == nil {
		return ""
	}
	p, err := h.plan(f, cx, in.Stage.Index)
	if err != nil {
		return ""
	}
	st := p.StepAt(in)
	if st == nil {
		return ""
	}
	return hintStepInputs(p, st)
}

// stepInputs renders what a step's key depends on.
func hintStepInputs(p *cache.Plan, st *cache.Step) string {
	var b strings.Builder
	fmt.Fprintf(&b, "**Cache key** (stage `%s`, step %d of %d) depends on:\n", st.Stage.Name, st.Index+1, len(st.Stage.Steps))
	if st.Index == 0 {
		if st.Stage.Base != nil {
			fmt.Fprintf(&b, "- the result of stage `%s`\n", st.Stage.Base.Name)
		} else {
			fmt.Fprintf(&b, "- the base image `%s` (taken as unchanged: no registry is asked)\n", st.Stage.Model.Base)
		}
	} else {
		prev := st.Stage.Steps[st.Index-1]
		fmt.Fprintf(&b, "- the previous step: line %d `%s`\n", prev.Line, hintShorten(prev.Text, 60))
		fmt.Fprintf(&b, "- the instruction, %s\n", hintExpansionNote(st))
	}
	if len(st.Env) > 0 {
		fmt.Fprintf(&b, "- the environment: %s\n", hintCodeList(st.Env, 6))
	}
	if st.User != "" || st.Workdir != "" {
		var parts []string
		if st.User != "" {
			parts = append(parts, "user `"+st.User+"`")
		}
		if st.Workdir != "" {
			parts = append(parts, "working directory `"+st.Workdir+"`")
		}
		fmt.Fprintf(&b, "- %s\n", strings.Join(parts, ", "))
	}
	for _, inp := range st.Inputs {
		what := "`" + inp.Source + "`"
		if inp.Source == "" {
			what = "the context root"
		}
		if inp.Mount {
			what += " (bind mount)"
		}
		switch {
		case inp.Err != nil:
			fmt.Fprintf(&b, "- %s: %v\n", what, inp.Err)
		case inp.NotFound:
			fmt.Fprintf(&b, "- %s: `%s` is not in the context (the build fails)\n", what, inp.Missing)
		case p.Context == nil:
			fmt.Fprintf(&b, "- %s from the build context (not scanned yet)\n", what)
		default:
			fmt.Fprintf(&b, "- %s: %s from the build context, by content and mode, not modification time\n", what, hintPlural(inp.Files(), "file"))
		}
	}
	for _, r := range st.Reads {
		fmt.Fprintf(&b, "- the result of stage `%s`\n", r.Name)
	}
	if len(st.Unresolved) > 0 {
		fmt.Fprintf(&b, "- variables no ARG or ENV defines, taken as empty: %s\n", hintCodeList(st.Unresolved, 6))
	}
	fmt.Fprintf(&b, "\nRerunning it is **%s**", st.Cost)
	if st.Why != "" {
		fmt.Fprintf(&b, ": %s", st.Why)
	}
	b.WriteString(".")
	return b.String()
}

func hintExpansionNote(st *cache.Step) string {
	switch st.Inst.Keyword {
	case "run":
		return "as written (the shell expands it when it runs)"
	case "copy", "add", "workdir":
		return "with build arguments expanded"
	}
	return "as written (it changes the image configuration; what it sets reaches later steps)"
}

func hintCodeList(items []string, n int) string {
	var parts []string
	for i, s := range items {
		if i == n {
			parts = append(parts, fmt.Sprintf("and %d more", len(items)-n))
			break
		}
		parts = append(parts, "`"+hintShorten(s, 40)+"`")
	}
	return strings.Join(parts, ", ")
}

func hintShorten(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}

func hintPlural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
