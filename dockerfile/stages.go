package dockerfile

import (
	"strconv"
	"strings"

	"github.com/moby/buildkit/frontend/dockerfile/instructions"
	"github.com/moby/buildkit/frontend/dockerfile/shell"
)

// Stage is one build stage: a FROM and the instructions up to the next FROM.
type Stage struct {
	Index     int    // 0-based position among the stages
	Name      string // the AS name as written, "" when unnamed
	NameRange Range
	From      *Instruction
	// BaseRaw is the base image as written; Base is it with global ARG
	// defaults expanded (unresolvable variables are left as written).
	BaseRaw   string
	Base      string
	BaseRange Range
	Platform  string // --platform value as written
	// Parent is the earlier stage this one builds on (FROM <stage>), or nil.
	Parent *Stage
	// CopiesFrom lists the earlier stages this one reads through COPY/ADD
	// --from or RUN --mount from=.
	CopiesFrom []*Stage
	// Instructions are the stage's instructions after its FROM.
	Instructions []*Instruction
	IsFinal      bool
	// InImage: the stage's layers are part of the final image (the final stage
	// and the stages it builds on with FROM).
	InImage bool
	// Needed: the stage is built when building the final stage (InImage
	// stages plus every stage they copy from, transitively).
	Needed bool
}

// Ref is a human-readable stage reference: its name or its index.
func (s *Stage) Ref() string {
	if s.Name != "" {
		return s.Name
	}
	return strconv.Itoa(s.Index)
}

// Var is one ARG or ENV definition.
type Var struct {
	Name     string
	Value    string
	HasValue bool
	Env      bool // ENV (persists into child stages) rather than ARG
	Inst     *Instruction
}

// globalEnv is a shell.EnvGetter over global ARG defaults.
type mapEnv map[string]string

func (m mapEnv) Get(k string) (string, bool) { v, ok := m[k]; return v, ok }
func (m mapEnv) Keys() []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	return ks
}

func (f *File) buildStages() {
	global := mapEnv{}
	var cur *Stage
	for _, in := range f.Instructions {
		if err := in.Err; err != nil { // typed in build
			in.Command = nil // BuildKit returns typed nil pointers with errors
			f.Errors = append(f.Errors, Error{Message: instructionError(err), Range: in.LineRange()})
		}
		if in.Keyword == "from" {
			cur = &Stage{Index: len(f.Stages), From: in}
			f.fillStage(cur, in, global)
			f.Stages = append(f.Stages, cur)
			if cur.Name != "" && !isASCII(cur.Name) {
				f.foldedStageNames = true // Unicode case folding: lookupStage scans
			} else if cur.Name != "" {
				if f.stageNames == nil {
					f.stageNames = map[string]int{}
				}
				if _, dup := f.stageNames[strings.ToLower(cur.Name)]; !dup {
					f.stageNames[strings.ToLower(cur.Name)] = cur.Index
				}
			}
			in.Stage = cur
			continue
		}
		in.Stage = cur
		if in.Onbuild != nil {
			in.Onbuild.Stage = cur
		}
		if cur == nil {
			if in.Keyword == "arg" {
				f.GlobalArgs = append(f.GlobalArgs, in)
				if a, ok := in.Command.(*instructions.ArgCommand); ok {
					for _, kv := range a.Args {
						if kv.Value != nil {
							lex := f.buildExpander(false)
							val, _, err := lex.Word(*kv.Value, global)
							if err != nil {
								val = *kv.Value
							}
							global[kv.Key] = val
						}
					}
				}
			}
			continue
		}
		cur.Instructions = append(cur.Instructions, in)
	}
	// RUN --mount flags: BuildKit parses their key=value fields only when
	// given an expander, which the dispatcher normally supplies.
	for i, in := range f.Instructions {
		if f.isKept(i) {
			continue // expanded in the previous version, with the same variables
		}
		if c, ok := in.Command.(*instructions.RunCommand); ok {
			if err := f.expandMounts(in, c); err != nil {
				in.Err = err
				f.Errors = append(f.Errors, Error{Message: instructionError(err), Range: in.LineRange()})
			}
		}
	}
	// references between stages
	for _, s := range f.Stages {
		for _, in := range s.Instructions {
			for _, ref := range stageRefs(in) {
				if t := f.lookupStage(ref, s.Index); t != nil && t != s {
					addStage(&s.CopiesFrom, t)
				}
			}
		}
	}
	if n := len(f.Stages); n > 0 {
		final := f.Stages[n-1]
		final.IsFinal = true
		for s := final; s != nil; s = s.Parent {
			if s.InImage {
				break
			}
			s.InImage = true
		}
		var need func(s *Stage)
		need = func(s *Stage) {
			if s == nil || s.Needed {
				return
			}
			s.Needed = true
			need(s.Parent)
			for _, c := range s.CopiesFrom {
				need(c)
			}
		}
		need(final)
	}
}

func addStage(list *[]*Stage, s *Stage) {
	for _, x := range *list {
		if x == s {
			return
		}
	}
	*list = append(*list, s)
}

// stageRefs returns the --from values of COPY/ADD and RUN --mount from=.
func stageRefs(in *Instruction) []string {
	var refs []string
	switch c := in.Command.(type) {
	case *instructions.CopyCommand:
		if c.From != "" {
			refs = append(refs, c.From)
		}
	case *instructions.AddCommand:
		for _, fl := range in.Flags {
			if fl.Name == "from" {
				refs = append(refs, fl.Value)
			}
		}
	case *instructions.RunCommand:
		for _, m := range safeMounts(c) {
			if m.From != "" {
				refs = append(refs, m.From)
			}
		}
	}
	return refs
}

// lookupStage finds a stage by name or index among stages before limit.
func (f *File) lookupStage(ref string, limit int) *Stage {
	if n, err := strconv.Atoi(ref); err == nil {
		if n >= 0 && n < limit && n < len(f.Stages) {
			return f.Stages[n]
		}
		return nil
	}
	if i, ok := f.stageNames[strings.ToLower(ref)]; ok && isASCII(ref) && !f.foldedStageNames {
		if i < limit {
			return f.Stages[i]
		}
		return nil
	}
	for _, s := range f.Stages[:min(limit, len(f.Stages))] {
		if s.Name != "" && strings.EqualFold(s.Name, ref) {
			return s
		}
	}
	return nil
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// StageRef resolves a --from or FROM value to a stage defined before stage
// index limit, or nil when it names an image.
func (f *File) StageRef(ref string, limit int) *Stage { return f.lookupStage(ref, limit) }

func (f *File) fillStage(s *Stage, in *Instruction, global mapEnv) {
	args := in.Args
	if len(args) > 0 {
		s.BaseRaw = args[0].Value
		s.BaseRange = args[0].Range
	}
	if len(args) >= 3 && strings.EqualFold(args[1].Value, "as") {
		s.Name = args[2].Value
		s.NameRange = args[2].Range
	}
	if fl := in.Flag("platform"); fl != nil {
		s.Platform = fl.Value
	}
	s.Base = s.BaseRaw
	if strings.ContainsAny(s.BaseRaw, "$") {
		lex := f.buildExpander(true)
		if v, _, err := lex.Word(s.BaseRaw, global); err == nil {
			s.Base = v
		}
		if strings.Contains(s.Base, "$") {
			// unset ARGs with a ${VAR:-default} form: expand unset to empty
			lex.SkipUnsetEnv = false
			if v, _, err := lex.Word(s.BaseRaw, global); err == nil && plausibleImage(v) {
				s.Base = v
			}
		}
	}
	if p := f.lookupStage(s.Base, s.Index); p != nil {
		s.Parent = p
	}
}

func instructionError(err error) string {
	msg := err.Error()
	return strings.TrimSpace(msg)
}

// Vars returns the ARG and ENV definitions visible just before instruction at
// in its stage, latest definition per name: the stage's own ARG/ENV, ENV
// inherited from the parent stage chain, and global ARG defaults for ARGs
// redeclared without a value.
func (f *File) Vars(at *Instruction) map[string]Var {
	vars := map[string]Var{}
	f.scope(at, func(k string) (Var, bool) { v, ok := vars[k]; return v, ok }, func(k string, v Var) { vars[k] = v })
	return vars
}

// scope applies, in order, the definitions visible at instruction at to a
// variable scope read with get and written with set.
func (f *File) scope(at *Instruction, get func(string) (Var, bool), set func(string, Var)) {
	s := at.Stage
	if s == nil {
		for _, g := range f.GlobalArgs {
			if g.Index >= at.Index {
				break
			}
			f.define(g, get, set)
		}
		return
	}
	// parent chain ENV first, so the stage's own definitions override
	var chain []*Stage
	for p := s.Parent; p != nil && len(chain) < len(f.Stages); p = p.Parent {
		chain = append(chain, p)
	}
	for i := len(chain) - 1; i >= 0; i-- {
		for _, in := range chain[i].Instructions {
			if in.Keyword == "env" {
				f.define(in, get, set)
			}
		}
	}
	for _, in := range s.Instructions {
		if in.Index >= at.Index {
			break
		}
		f.define(in, get, set)
	}
}

// Lookup returns the definition of name visible at instruction at.
func (f *File) Lookup(at *Instruction, name string) (Var, bool) {
	// Vars(at)[name] without building the whole scope
	var cur Var
	has := false
	get := func(k string) (Var, bool) { return cur, has && k == name }
	set := func(k string, v Var) {
		if k == name {
			cur, has = v, true
		}
	}
	f.scope(at, get, set)
	return cur, has
}

func (f *File) globalDefault(name string) (string, bool) {
	for i := len(f.GlobalArgs) - 1; i >= 0; i-- {
		if a, ok := f.GlobalArgs[i].Command.(*instructions.ArgCommand); ok {
			for _, kv := range a.Args {
				if kv.Key == name && kv.Value != nil {
					return *kv.Value, true
				}
			}
		}
	}
	return "", false
}

func (f *File) define(in *Instruction, get func(string) (Var, bool), set func(string, Var)) {
	switch c := in.Command.(type) {
	case *instructions.EnvCommand:
		for _, kv := range c.Env {
			set(kv.Key, Var{Name: kv.Key, Value: kv.Value, HasValue: true, Env: true, Inst: in})
		}
	case *instructions.ArgCommand:
		for _, kv := range c.Args {
			v := Var{Name: kv.Key, Inst: in}
			if kv.Value != nil {
				v.Value, v.HasValue = *kv.Value, true
			} else if in.Stage != nil {
				if d, ok := f.globalDefault(kv.Key); ok {
					v.Value, v.HasValue = d, true
				}
			}
			if old, ok := get(kv.Key); ok && old.Env && !v.HasValue {
				continue // ARG without value does not hide an ENV
			}
			set(kv.Key, v)
		}
	}
}

// plausibleImage rejects expansions that lost a needed variable ("", "alpine:", "/x").
func plausibleImage(v string) bool {
	return v != "" && !strings.HasSuffix(v, ":") && !strings.HasSuffix(v, "@") &&
		!strings.HasPrefix(v, "/") && !strings.HasPrefix(v, ":") && !strings.Contains(v, "//")
}

// safeMounts returns the RUN --mount flags BuildKit parsed, or nil when its
// mount state is missing (GetMounts panics on such a command).
func safeMounts(c *instructions.RunCommand) (ms []*instructions.Mount) {
	defer func() {
		if recover() != nil {
			ms = nil
		}
	}()
	return instructions.GetMounts(c)
}

// expandMounts parses RUN --mount fields, expanding ARG/ENV values visible
// at the instruction and leaving unknown variables as written.
func (f *File) expandMounts(in *Instruction, c *instructions.RunCommand) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = nil // no mount state: nothing to expand
		}
	}()
	env := mapEnv{}
	hasVar := false
	for _, fl := range in.Flags {
		if fl.Name == "mount" && strings.Contains(fl.Value, "$") {
			hasVar = true
		}
	}
	if in.Stage != nil && hasVar {
		for k, v := range f.Vars(in) {
			if v.HasValue {
				env[k] = v.Value
			}
		}
	}
	lex := f.buildExpander(true)
	return c.Expand(func(word string) (string, error) {
		if !strings.Contains(word, "$") {
			return word, nil
		}
		if v, _, err := lex.Word(word, env); err == nil {
			return v, nil
		}
		return word, nil
	})
}

// Env returns the values of the definitions in vars (those with a value) as a
// variable source for BuildKit's word expander (shell.Lex).
func Env(vars map[string]Var) shell.EnvGetter {
	m := mapEnv{}
	for k, v := range vars {
		if v.HasValue {
			m[k] = v.Value
		}
	}
	return m
}

// buildExpander returns the word expander of the (sequential) stage pass,
// set to skipUnset: one lexer for the whole pass instead of one per word.
func (f *File) buildExpander(skipUnset bool) *Expander {
	if f.bx == nil {
		f.bx = f.Expander()
	}
	f.bx.SkipUnsetEnv = skipUnset
	return f.bx
}
