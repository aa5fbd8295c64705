package cache

import (
	"fmt"
	"path"
	"sort"
	"strconv"
	"strings"

	"github.com/moby/buildkit/frontend/dockerfile/instructions"

	"github.com/layerlint/layerlint/ctxscan"
	"github.com/layerlint/layerlint/dockerfile"
)

// Options choose what is built.
type Options struct {
	// Target is the stage to build, by name (case-insensitive) or index;
	// "" builds the last stage.
	Target string
	// BuildArgs are the --build-arg values of the build.
	BuildArgs map[string]string
}

// Plan is the chain of cache keys of the stages a build needs.
type Plan struct {
	File *dockerfile.File
	// Context is the build context; nil when unknown (COPY/ADD from the
	// context then bring nothing that can be named).
	Context *ctxscan.Context
	Target  *Stage
	// Stages are the stages building Target needs, in file order.
	Stages []*Stage
	// Args are the build arguments in force (Options.BuildArgs).
	Args map[string]string

	byInst map[*dockerfile.Instruction]*Step
}

// Stage is one stage of the build and its steps.
type Stage struct {
	Model *dockerfile.Stage
	// Name is the stage's name, or its index when unnamed.
	Name string
	// Base is the stage this one builds FROM, nil for an image.
	Base *Stage
	// Steps are the FROM (index 0) and every instruction after it.
	Steps []*Step

	final   state // the state after the last step, inherited by stages built FROM this one
	unnamed int   // the number of unnamed stages before this one in the file
}

// Step is one instruction and the inputs of its cache key.
type Step struct {
	Stage *Stage
	Index int // 0-based position in Stage.Steps (0 is the FROM)
	Inst  *dockerfile.Instruction
	Line  int    // 1-based line of the instruction's keyword
	Text  string // the instruction on one line, whitespace collapsed
	Cost  Cost
	// Why says what makes the step cost what it does ("'npm ci' installs
	// packages"); "" for cheap steps.
	Why string

	// Expanded is the instruction as its key sees it: variables expanded
	// where BuildKit expands them (COPY/ADD/WORKDIR/FROM/RUN --mount), as
	// written elsewhere.
	Expanded string
	// Env are the NAME=value pairs a RUN runs with (ARG and ENV values),
	// sorted; nil for other steps.
	Env []string
	// User in force (RUN, WORKDIR) and working directory (RUN, COPY/ADD,
	// WORKDIR), variables expanded; "" when the base image's.
	User, Workdir string
	// Shell is the SHELL a RUN runs with.
	Shell string
	// Inputs are the context sources: COPY/ADD sources and RUN bind mounts.
	Inputs []*Input
	// Reads are the stages whose result enters the key: COPY --from and
	// RUN --mount from= (the stage a FROM names is Stage.Base).
	Reads []*Stage
	// Unresolved names variables that no ARG or ENV defines (they expand to "").
	Unresolved []string

	readRefs []string // stage references before resolution
}

// Input is one context source of a step.
type Input struct {
	// Source is the source after expansion and normalisation ("" is the
	// context root), as ctxscan.NormalizeSource returns it.
	Source string
	Mount  bool // a RUN --mount=type=bind source
	// Entries are what the source brings, sorted by path.
	Entries []ctxscan.Entry
	// NotFound is set when the build fails for lack of Missing.
	NotFound bool
	Missing  string
	Err      error // an invalid --exclude or --parents pattern

	raw string // the source as expanded, before normalisation
	opt ctxscan.CopyOptions
}

// Files is the number of non-directory entries the input brings.
func (in *Input) Files() int {
	n := 0
	for _, e := range in.Entries {
		if !e.IsDir() {
			n++
		}
	}
	return n
}

// StepAt returns the step of instruction in, or nil when in is not part of
// the build.
func (p *Plan) StepAt(in *dockerfile.Instruction) *Step { return p.byInst[in] }

// Stage returns the stage of the plan built from model s, or nil.
func (p *Plan) Stage(s *dockerfile.Stage) *Stage {
	for _, st := range p.Stages {
		if st.Model == s {
			return st
		}
	}
	return nil
}

// TargetError reports a --target that names no stage.
type TargetError struct {
	Target string
	Names  []string // the stage names of the file
}

func (e *TargetError) Error() string {
	if len(e.Names) == 0 {
		return fmt.Sprintf("target stage %q not found: no stage is named", e.Target)
	}
	return fmt.Sprintf("target stage %q not found (stages: %s)", e.Target, strings.Join(e.Names, ", "))
}

// New builds the plan of f's build with the context c (nil: unknown).
func New(f *dockerfile.File, c *ctxscan.Context, opt Options) (*Plan, error) {
	if len(f.Stages) == 0 {
		return nil, fmt.Errorf("%s has no FROM: nothing is built", f.Name)
	}
	p := &Plan{File: f, Context: c, Args: map[string]string{}, byInst: map[*dockerfile.Instruction]*Step{}}
	for k, v := range opt.BuildArgs {
		p.Args[k] = v
	}
	target := f.FinalStage()
	if opt.Target != "" {
		target = f.Stage(opt.Target)
		if n, err := strconv.Atoi(opt.Target); target == nil && err == nil && n >= 0 && n < len(f.Stages) {
			target = f.Stages[n]
		}
		if target == nil {
			var names []string
			for _, s := range f.Stages {
				if s.Name != "" {
					names = append(names, s.Name)
				}
			}
			return nil, &TargetError{Target: opt.Target, Names: names}
		}
	}
	b := &builder{f: f, p: p, lex: f.Expander()}
	b.globals()
	all := make([]*Stage, target.Index+1)
	for i := range all {
		all[i] = b.stage(f.Stages[i], all)
	}
	// the stages the target needs
	need := make([]bool, len(all))
	var mark func(s *Stage)
	mark = func(s *Stage) {
		if s == nil || need[s.Model.Index] {
			return
		}
		need[s.Model.Index] = true
		mark(s.Base)
		for _, st := range s.Steps {
			for _, r := range st.Reads {
				mark(r)
			}
		}
	}
	mark(all[target.Index])
	for i, s := range all {
		if !need[i] {
			continue
		}
		p.Stages = append(p.Stages, s)
		for _, st := range s.Steps {
			b.resolve(st)
			classify(st, c)
			p.byInst[st.Inst] = st
		}
	}
	p.Target = all[target.Index]
	return p, nil
}

// builder walks the file with BuildKit's ARG/ENV semantics.
type builder struct {
	f    *dockerfile.File
	p    *Plan
	lex  *dockerfile.Expander
	glob env // global ARG values (build args applied)
}

// predefined are the platform ARGs BuildKit defines in the global scope.
var predefined = []string{
	"BUILDPLATFORM", "BUILDOS", "BUILDARCH", "BUILDVARIANT",
	"TARGETPLATFORM", "TARGETOS", "TARGETARCH", "TARGETVARIANT", "TARGETSTAGE",
}

func (b *builder) globals() {
	for _, k := range predefined {
		v, ok := b.p.Args[k]
		if !ok {
			v = "<" + k + ">" // unknown here, fixed across builds
		}
		b.glob = b.glob.set(k, v)
	}
	for _, in := range b.f.GlobalArgs {
		a, ok := in.Command.(*instructions.ArgCommand)
		if !ok {
			continue
		}
		for _, kv := range a.Args {
			if v, ok := b.p.Args[kv.Key]; ok {
				b.glob = b.glob.set(kv.Key, v)
			} else if kv.Value != nil {
				v, _ := b.expand(*kv.Value, b.glob)
				b.glob = b.glob.set(kv.Key, v)
			}
		}
	}
}

// state is what a step inherits from the steps before it.
type state struct {
	env     env // ARG and ENV values, in definition order
	user    string
	workdir string
}

// env is an ordered list of NAME=value definitions; later ones win. It is
// copied on write, so states can share it.
type env []kv

type kv struct{ k, v string }

func (e env) set(k, v string) env {
	out := make(env, 0, len(e)+1)
	for _, x := range e {
		if x.k != k {
			out = append(out, x)
		}
	}
	return append(out, kv{k, v})
}

func (e env) Get(k string) (string, bool) {
	for i := len(e) - 1; i >= 0; i-- {
		if e[i].k == k {
			return e[i].v, true
		}
	}
	return "", false
}

func (e env) Keys() []string {
	ks := make([]string, len(e))
	for i, x := range e {
		ks[i] = x.k
	}
	return ks
}

// pairs renders the environment as sorted NAME=value strings.
func (e env) pairs() []string {
	out := make([]string, len(e))
	for i, x := range e {
		out[i] = x.k + "=" + x.v
	}
	sort.Strings(out)
	return out
}

// expand expands word as BuildKit does (unset variables expand to ""),
// returning the variables it could not find.
func (b *builder) expand(word string, e env) (string, []string) {
	if !strings.ContainsAny(word, "$") {
		return word, nil
	}
	res, err := b.lex.WordWithMatches(word, e)
	if err != nil {
		return word, nil
	}
	var un []string
	for k := range res.Unmatched {
		un = append(un, k)
	}
	sort.Strings(un)
	return res.Result, un
}

// stage builds the steps of s; stages before it are in built.
func (b *builder) stage(s *dockerfile.Stage, built []*Stage) *Stage {
	st := &Stage{Model: s, Name: s.Ref()}
	for _, o := range b.f.Stages[:s.Index] {
		if o.Name == "" {
			st.unnamed++
		}
	}
	from := &Step{Stage: st, Inst: s.From, Line: s.From.StartLine, Text: oneLine(s.From.Logical())}
	base, _ := b.expand(s.BaseRaw, b.glob)
	platform := ""
	if fl := s.From.Flag("platform"); fl != nil {
		platform, _ = b.expand(fl.Value, b.glob)
	}
	var cur state
	if ref := b.f.StageRef(base, s.Index); ref != nil && built[ref.Index] != nil {
		st.Base = built[ref.Index]
		cur = st.Base.final
		from.Expanded = "FROM stage " + st.Base.Name
	} else {
		from.Expanded = "FROM " + base + " platform=" + platform
	}
	st.Steps = append(st.Steps, from)
	for _, in := range s.Instructions {
		step := &Step{Stage: st, Index: len(st.Steps), Inst: in, Line: in.StartLine, Text: oneLine(in.Logical())}
		cur = b.step(step, cur)
		for _, ref := range step.readRefs {
			if r := b.f.StageRef(ref, s.Index); r != nil && built[r.Index] != nil && !containsStage(step.Reads, built[r.Index]) {
				step.Reads = append(step.Reads, built[r.Index])
			}
		}
		st.Steps = append(st.Steps, step)
	}
	st.final = cur
	return st
}

// step fills the key inputs of step from the state before it and returns
// the state after it.
func (b *builder) step(step *Step, cur state) state {
	in := step.Inst
	step.Expanded = in.Logical() // as written unless expanded below
	var unresolved []string
	exp := func(w string) string {
		v, un := b.expand(w, cur.env)
		unresolved = append(unresolved, un...)
		return v
	}
	defer func() { step.Unresolved = dedupe(unresolved) }()
	switch in.Keyword {
	case "arg":
		a, ok := in.Command.(*instructions.ArgCommand)
		if !ok {
			return cur
		}
		for _, kv := range a.Args {
			if v, ok := b.p.Args[kv.Key]; ok {
				cur.env = cur.env.set(kv.Key, v)
			} else if kv.Value != nil {
				cur.env = cur.env.set(kv.Key, exp(*kv.Value))
			} else if v, ok := b.glob.Get(kv.Key); ok {
				cur.env = cur.env.set(kv.Key, v)
			}
		}
	case "env":
		c, ok := fresh(in).(*instructions.EnvCommand)
		if !ok {
			return cur
		}
		// BuildKit expands the whole command before applying it: every
		// value sees the state before the instruction, not its neighbours
		before := cur.env
		for _, kv := range c.Env {
			v, un := b.expand(kv.Value, before)
			unresolved = append(unresolved, un...)
			cur.env = cur.env.set(kv.Key, v)
		}
	case "user":
		if len(in.Args) > 0 {
			cur.user = exp(in.Args[0].Raw)
		}
	case "workdir":
		if len(in.Args) > 0 {
			wd := exp(in.Args[0].Raw)
			if !path.IsAbs(wd) {
				base := cur.workdir
				if base == "" {
					base = "/"
				}
				wd = path.Join(base, wd)
			}
			cur.workdir = path.Clean(wd)
			step.Expanded = "WORKDIR " + cur.workdir
			step.User = cur.user
		}
	case "run":
		b.run(step, cur, exp)
	case "copy", "add":
		b.copy(step, cur, exp)
	}
	return cur
}

// run fills the inputs of a RUN: environment, user, directory, shell and
// mounts.
func (b *builder) run(step *Step, cur state, exp func(string) string) {
	in := step.Inst
	for _, h := range in.Heredocs {
		step.Expanded += "\x00<<" + h.Content // the script of RUN <<EOF, as written
	}
	step.Env = cur.env.pairs()
	step.User, step.Workdir = cur.user, cur.workdir
	if in.Run != nil {
		step.Shell = strings.Join(in.Run.Shell, " ")
	}
	c, ok := fresh(in).(*instructions.RunCommand)
	if !ok {
		return
	}
	if err := safeExpand(c, exp); err != nil {
		return
	}
	var desc []string
	for _, m := range mountsOf(c) {
		desc = append(desc, fmt.Sprintf("mount type=%s from=%s source=%s target=%s", m.Type, m.From, m.Source, m.Target))
		switch {
		case m.Type == instructions.MountTypeBind && m.From == "":
			step.Inputs = append(step.Inputs, &Input{Source: ctxscan.NormalizeSource(m.Source), Mount: true})
		case (m.Type == instructions.MountTypeBind || m.Type == instructions.MountTypeCache) && m.From != "":
			if m.Type == instructions.MountTypeBind {
				step.readRefs = append(step.readRefs, m.From)
			}
		}
	}
	if len(desc) > 0 {
		step.Expanded += "\x00" + strings.Join(desc, "\x00")
	}
}

// copy fills the inputs of a COPY or ADD.
func (b *builder) copy(step *Step, cur state, exp func(string) string) {
	in := step.Inst
	step.Workdir = cur.workdir // the destination is resolved against it; USER plays no part (files belong to root unless --chown)
	var words []string
	words = append(words, strings.ToUpper(in.Keyword))
	from := ""
	for _, fl := range in.Flags {
		v := fl.Value
		if fl.Name != "exclude" {
			v = exp(v)
		}
		if fl.Name == "from" {
			from = v
		}
		words = append(words, "--"+fl.Name+"="+v)
	}
	if from != "" {
		step.readRefs = append(step.readRefs, from)
	}
	opt := ctxscan.CopyOptionsOf(in)
	hd := 0
	for i, a := range in.Args {
		last := i == len(in.Args)-1
		if !in.JSONForm && strings.HasPrefix(a.Raw, "<<") && hd < len(in.Heredocs) {
			h := in.Heredocs[hd]
			hd++
			body := h.Content
			if h.Expand {
				body = exp(body)
			}
			words = append(words, "<<"+body)
			continue
		}
		w := a.Raw
		if in.JSONForm {
			w = a.Value
		}
		v := exp(w)
		words = append(words, v)
		if last || from != "" {
			continue
		}
		if in.Keyword == "add" && ctxscan.ClassifyRemote(v) != ctxscan.FromContext {
			continue // a URL or a git repository: assumed unchanged
		}
		step.Inputs = append(step.Inputs, &Input{Source: ctxscan.NormalizeSource(v), opt: opt, raw: v})
	}
	step.Expanded = strings.Join(words, "\x00")
}

// resolve finds the context entries a step reads.
func (b *builder) resolve(step *Step) {
	c := b.p.Context
	if c == nil {
		return
	}
	for _, inp := range step.Inputs {
		src := inp.raw
		if inp.Mount {
			src = inp.Source
		}
		r, err := c.Resolve(src, inp.opt)
		if err != nil {
			inp.Err = err
			continue
		}
		inp.Entries, inp.NotFound, inp.Missing = r.Entries, r.NotFound, r.Missing
	}
}

func containsStage(list []*Stage, s *Stage) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// fresh parses in's node again, so that expanding the typed command does not
// touch the shared model.
func fresh(in *dockerfile.Instruction) (v any) {
	if in.Node == nil || in.Err != nil {
		return nil
	}
	defer func() {
		if recover() != nil {
			v = nil
		}
	}()
	v, err := instructions.ParseInstruction(in.Node)
	if err != nil {
		return nil
	}
	return v
}

func safeExpand(c *instructions.RunCommand, exp func(string) string) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("expanding RUN flags: %v", r)
		}
	}()
	return c.Expand(func(w string) (string, error) { return exp(w), nil })
}

func mountsOf(c *instructions.RunCommand) (ms []*instructions.Mount) {
	defer func() {
		if recover() != nil {
			ms = nil
		}
	}()
	return instructions.GetMounts(c)
}

// oneLine collapses runs of white space (continuation lines included).
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

func dedupe(ss []string) []string {
	if len(ss) == 0 {
		return nil
	}
	sort.Strings(ss)
	out := ss[:1]
	for _, s := range ss[1:] {
		if s != out[len(out)-1] {
			out = append(out, s)
		}
	}
	return out
}
