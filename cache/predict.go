package cache

import (
	"fmt"
	"path"
	"sort"
	"strings"

	"github.com/layerlint/layerlint/ctxscan"
)

// Change is what differs from the build whose cache is assumed warm.
type Change struct {
	// Files are paths relative to the context root, slash-separated, whose
	// content or metadata changed, or that were added or removed. A
	// directory stands for everything below it; "" or "." for the whole
	// context.
	Files []string
	// Args are build arguments that take another value.
	Args []ArgChange
}

// ArgChange is a build argument with a new value.
type ArgChange struct {
	Name  string
	Value string
	// Unknown means the new value is not known, only that it differs from
	// the current one; Value is then ignored.
	Unknown bool
}

// Result is what a change reruns, stage by stage.
type Result struct {
	Plan *Plan
	// Stages follow Plan.Stages.
	Stages []*StageResult
}

// StageResult is what a change reruns in one stage.
type StageResult struct {
	Stage *Stage
	// First is the first step whose key changes; nil when the stage is
	// entirely cached.
	First *Step
	// Cause says why First misses.
	Cause Cause
	// Rebuilds are First and every step after it in the stage.
	Rebuilds []*Step
}

// Cause is why a step's key changed.
type Cause struct {
	Files  []string // changed context paths the step reads
	Args   []string // build arguments whose new value enters the key
	Stages []*Stage // stages it reads or builds on that rerun
	Text   bool     // its instruction changed (Compare of two Dockerfiles)
}

func (c Cause) empty() bool {
	return len(c.Files) == 0 && len(c.Args) == 0 && len(c.Stages) == 0 && !c.Text
}

// String is a short explanation: "src/app.ts changed", "build arg VERSION
// changed", "stage build reruns".
func (c Cause) String() string {
	var parts []string
	switch n := len(c.Files); {
	case n == 1:
		parts = append(parts, c.Files[0]+" changed")
	case n == 2:
		parts = append(parts, c.Files[0]+" and "+c.Files[1]+" changed")
	case n > 2:
		parts = append(parts, fmt.Sprintf("%s and %d more files changed", c.Files[0], n-1))
	}
	if len(c.Args) > 0 {
		w := "build arg "
		if len(c.Args) > 1 {
			w = "build args "
		}
		parts = append(parts, w+strings.Join(c.Args, ", ")+" changed")
	}
	if len(c.Stages) > 0 {
		var names []string
		for _, s := range c.Stages {
			names = append(names, s.Name)
		}
		w := "stage "
		if len(names) > 1 {
			w = "stages "
		}
		parts = append(parts, w+strings.Join(names, ", ")+" reruns")
	}
	if c.Text {
		parts = append(parts, "the instruction changed")
	}
	return strings.Join(parts, "; ")
}

// Counts returns the number of steps that rerun, in total and by cost.
func (r *Result) Counts() (total int, byCost [3]int) {
	for _, s := range r.Stages {
		for _, st := range s.Rebuilds {
			total++
			byCost[st.Cost]++
		}
	}
	return total, byCost
}

// First returns the earliest invalidated step in file order, or nil.
func (r *Result) First() *StageResult {
	var best *StageResult
	for _, s := range r.Stages {
		if s.First != nil && (best == nil || s.First.Inst.Index < best.First.Inst.Index) {
			best = s
		}
	}
	return best
}

// Predict returns what ch reruns, assuming the cache holds the build of the
// plan as it stands.
func (p *Plan) Predict(ch Change) (*Result, error) {
	files := cleanPaths(ch.Files)
	after := p
	changedArgs := map[string]bool{}
	if len(ch.Args) > 0 {
		args := map[string]string{}
		for k, v := range p.Args {
			args[k] = v
		}
		for _, a := range ch.Args {
			v := a.Value
			if a.Unknown {
				v = "\x00another value of " + a.Name
			}
			if old, ok := p.Args[a.Name]; ok && old == v {
				continue
			}
			args[a.Name] = v
			changedArgs[a.Name] = true
		}
		if len(changedArgs) > 0 {
			var err error
			after, err = New(p.File, p.Context, Options{Target: p.Target.Model.Ref(), BuildArgs: args})
			if err != nil {
				return nil, err
			}
		}
	}
	direct := func(st *Step) Cause {
		var c Cause
		c.Files = p.reads(st, files)
		if len(changedArgs) > 0 {
			old := p.byInst[st.Inst]
			if old == nil || staticKey(old) != staticKey(st) {
				c.Args = argsUsed(st, changedArgs)
			}
		}
		return c
	}
	return after.propagate(direct), nil
}

// propagate walks the stages in order: a stage reruns from the first step
// that direct reports or that reads (or builds on) a stage that reruns.
func (p *Plan) propagate(direct func(st *Step) Cause) *Result {
	res := &Result{Plan: p}
	rerun := map[*Stage]bool{}
	for _, s := range p.Stages {
		sr := &StageResult{Stage: s}
		for i, st := range s.Steps {
			c := direct(st)
			if i == 0 && s.Base != nil && rerun[s.Base] {
				c.Stages = append(c.Stages, s.Base)
			}
			for _, r := range st.Reads {
				if rerun[r] {
					c.Stages = append(c.Stages, r)
				}
			}
			if !c.empty() {
				sr.First, sr.Cause, sr.Rebuilds = st, c, s.Steps[i:]
				rerun[s] = true
				break
			}
		}
		res.Stages = append(res.Stages, sr)
	}
	return res
}

// argsUsed names the changed arguments that a step's key sees: in its
// environment or expanded in its text; all of them when neither shows.
func argsUsed(st *Step, changed map[string]bool) []string {
	var out []string
	for name := range changed {
		used := false
		for _, e := range st.Env {
			if strings.HasPrefix(e, name+"=") {
				used = true
			}
		}
		if !used && st.Inst != nil {
			t := st.Inst.Logical()
			used = strings.Contains(t, "$"+name) || strings.Contains(t, "${"+name)
		}
		if used {
			out = append(out, name)
		}
	}
	if len(out) == 0 {
		for name := range changed {
			out = append(out, name)
		}
	}
	sort.Strings(out)
	return out
}

// staticKey is the part of a step's key that does not depend on file
// contents or other stages.
func staticKey(st *Step) string {
	var b strings.Builder
	b.WriteString(st.Expanded)
	b.WriteString("\x00env\x00")
	b.WriteString(strings.Join(st.Env, "\x00"))
	fmt.Fprintf(&b, "\x00user=%s\x00workdir=%s\x00shell=%s", st.User, st.Workdir, st.Shell)
	for _, inp := range st.Inputs {
		fmt.Fprintf(&b, "\x00input=%s mount=%v", inp.Source, inp.Mount)
	}
	return b.String()
}

// cleanPaths normalises context paths: slash-separated, no leading "./" or
// "/", "" for the root.
func cleanPaths(ps []string) []string {
	out := make([]string, 0, len(ps))
	for _, p := range ps {
		p = path.Clean("/" + strings.ReplaceAll(p, "\\", "/"))
		out = append(out, strings.TrimPrefix(p, "/"))
	}
	return out
}

// reads returns the paths among files that step st reads.
func (p *Plan) reads(st *Step, files []string) []string {
	var out []string
	for _, f := range files {
		for _, inp := range st.Inputs {
			if p.inputReads(inp, f) {
				out = append(out, f)
				break
			}
		}
	}
	return out
}

// inputReads reports whether a change to context path f changes what inp
// brings: f is brought, or is a directory holding something brought, or f
// is not in the context now (removed, or not created yet) and the source
// would bring it.
func (p *Plan) inputReads(inp *Input, f string) bool {
	if f == "" {
		return len(inp.Entries) > 0
	}
	es := inp.Entries
	i := sort.Search(len(es), func(i int) bool { return es[i].Path >= f })
	if i < len(es) && (es[i].Path == f || strings.HasPrefix(es[i].Path, f+"/")) {
		return true
	}
	// a directory's entries sort around its children ("a/b" < "a/b.txt" <
	// "a/b/c"), so look for f+"/" too
	j := sort.Search(len(es), func(i int) bool { return es[i].Path >= f+"/" })
	if j < len(es) && strings.HasPrefix(es[j].Path, f+"/") {
		return true
	}
	if c := p.Context; c != nil {
		if c.Has(f) {
			return false // sent, but this source does not bring it
		}
		if ex, err := c.Excluded(f); err == nil && ex {
			return false // never sent
		}
	}
	return covers(inp, f)
}

// covers reports whether the source of inp names f, or a directory above f,
// by its path or wildcard, with --exclude applied below a named directory.
// Symlinks are not followed.
func covers(inp *Input, f string) bool {
	src := inp.Source
	dir, pattern := splitWildcards(src)
	var matched string // the path the source names, f itself or a directory above it
	if pattern == "" {
		if src != "" && f != src && !strings.HasPrefix(f, src+"/") {
			return false
		}
		matched = src
	} else {
		rel := f
		if dir != "" {
			if !strings.HasPrefix(f, dir+"/") {
				return false
			}
			rel = f[len(dir)+1:]
		}
		pp := strings.Split(pattern, "/")
		rp := strings.Split(rel, "/")
		if len(rp) < len(pp) {
			return false
		}
		for i, x := range pp {
			if ok, _ := path.Match(x, rp[i]); !ok {
				return false
			}
		}
		matched = joinRel(dir, strings.Join(rp[:len(pp)], "/"))
	}
	if matched == f || len(inp.opt.Exclude) == 0 {
		return true
	}
	rel := f
	if matched != "" {
		rel = f[len(matched)+1:]
	}
	ex, err := ctxscan.Match(inp.opt.Exclude, rel)
	return err != nil || !ex
}

// splitWildcards cuts a normalised source before its first component with a
// wildcard.
func splitWildcards(s string) (dir, pattern string) {
	if s == "" {
		return "", ""
	}
	parts := strings.Split(s, "/")
	for i, p := range parts {
		if ctxscan.HasWildcards(p) {
			return strings.Join(parts[:i], "/"), strings.Join(parts[i:], "/")
		}
	}
	return s, ""
}

func joinRel(a, b string) string {
	switch {
	case a == "":
		return b
	case b == "":
		return a
	}
	return a + "/" + b
}

// Reads reports whether some step of the plan reads context path f (or,
// for a path not in the context, would read it).
func (p *Plan) Reads(f string) bool {
	f = cleanPaths([]string{f})[0]
	for _, s := range p.Stages {
		for _, st := range s.Steps {
			for _, inp := range st.Inputs {
				if p.inputReads(inp, f) {
					return true
				}
			}
		}
	}
	return false
}

// Union combines two results over the same Dockerfile's stages (matched by
// position in the file): each stage reruns from the earlier of the two
// misses, the causes joined when both miss at the same step. It is what
// happens when both changes happen, since each result is closed under
// propagation.
func (r *Result) Union(o *Result) *Result {
	other := map[int]*StageResult{}
	for _, s := range o.Stages {
		other[s.Stage.Model.Index] = s
	}
	out := &Result{Plan: r.Plan}
	for _, s := range r.Stages {
		sr := *s
		if x := other[s.Stage.Model.Index]; x != nil && x.First != nil {
			i := x.First.Index
			switch {
			case i >= len(s.Stage.Steps):
			case sr.First == nil || i < sr.First.Index:
				sr.First, sr.Cause, sr.Rebuilds = s.Stage.Steps[i], x.Cause, s.Stage.Steps[i:]
			case i == sr.First.Index:
				sr.Cause = joinCauses(sr.Cause, x.Cause)
			}
		}
		out.Stages = append(out.Stages, &sr)
	}
	return out
}

func joinCauses(a, b Cause) Cause {
	c := Cause{Text: a.Text || b.Text}
	c.Files = dedupe(append(append([]string(nil), a.Files...), b.Files...))
	c.Args = dedupe(append(append([]string(nil), a.Args...), b.Args...))
	c.Stages = append([]*Stage(nil), a.Stages...)
	for _, s := range b.Stages {
		found := false
		for _, t := range c.Stages {
			found = found || t.Model.Index == s.Model.Index
		}
		if !found {
			c.Stages = append(c.Stages, s)
		}
	}
	return c
}
