package rules

// Helpers shared by the rules that give hadolint's DL checks a home
// (rules/hl_*.go).

import (
	"fmt"
	"strings"

	"github.com/layerlint/layerlint/dockerfile"
	"github.com/moby/buildkit/frontend/dockerfile/instructions"
)

// hlRun is one RUN to check: At is the instruction as it appears in the file
// (the ONBUILD for ONBUILD RUN), In the RUN itself.
type hlRun struct {
	At, In *dockerfile.Instruction
}

// hlRuns returns every RUN whose commands are known, ONBUILD RUN included.
// The slice is shared by the rules (computed once per file): do not modify it.
func hlRuns(f *dockerfile.File) []hlRun {
	return f.Memo(hlRunsKey{}, func() any { return collectRuns(f) }).([]hlRun)
}

type hlRunsKey struct{}

func collectRuns(f *dockerfile.File) []hlRun {
	var out []hlRun
	for _, at := range f.Instructions {
		in := at
		if at.Onbuild != nil {
			in = at.Onbuild
		}
		if in.Keyword == "run" && in.Run != nil {
			out = append(out, hlRun{At: at, In: in})
		}
	}
	return out
}

// hlCommands returns the commands of a RUN whose name is one of names.
func hlCommands(rb *dockerfile.RunBody, names ...string) []*dockerfile.Command {
	var out []*dockerfile.Command
	for _, c := range rb.Commands {
		n := c.Name()
		for _, want := range names {
			if n == want {
				out = append(out, c)
				break
			}
		}
	}
	return out
}

// hlOperandsAfter returns the operands of c that follow its subcommand
// operand sub, skipping the values of the options in withValue.
func hlOperandsAfter(c *dockerfile.Command, sub string, withValue []string) []dockerfile.Word {
	ops := c.Operands(withValue...)
	for i, w := range ops {
		if w.Value == sub {
			return ops[i+1:]
		}
	}
	return nil
}

// hlShortFlag reports whether a short-option cluster ("-qy") holds letter.
func hlShortFlag(c *dockerfile.Command, letter byte) bool {
	for _, w := range hlArgs(c) {
		v := w.Value
		if len(v) >= 2 && v[0] == '-' && v[1] != '-' && strings.IndexByte(v[1:], letter) >= 0 {
			return true
		}
	}
	return false
}

// hlLongFlag reports a long option "--name" or "--name=value".
func hlLongFlag(c *dockerfile.Command, names ...string) bool {
	for _, w := range hlArgs(c) {
		for _, n := range names {
			if w.Value == "--"+n || strings.HasPrefix(w.Value, "--"+n+"=") {
				return true
			}
		}
	}
	return false
}

// hlArgs returns the arguments of c after its name, up to a "--".
func hlArgs(c *dockerfile.Command) []dockerfile.Word {
	a := c.Argv()
	if len(a) == 0 {
		return nil
	}
	a = a[1:]
	for i, w := range a {
		if w.Value == "--" {
			return a[:i]
		}
	}
	return a
}

// hlEnv adapts the variables visible at an instruction to BuildKit's
// shell lexer; variables declared without a value are left unset.
type hlEnv map[string]string

func (e hlEnv) Get(k string) (string, bool) { v, ok := e[k]; return v, ok }
func (e hlEnv) Keys() []string {
	ks := make([]string, 0, len(e))
	for k := range e {
		ks = append(ks, k)
	}
	return ks
}

// hlVarsEnv returns the values of the ARG and ENV variables visible at an
// instruction, as the build sees them: each definition expanded, in order,
// with the values before it. ARG defaults count as the values; an ARG
// without a default (set only by --build-arg) is unknown and left unset.
func hlVarsEnv(f *dockerfile.File, at *dockerfile.Instruction) hlEnv {
	lex := f.Expander()
	global := hlEnv{}
	for _, g := range f.GlobalArgs {
		if at.Stage == nil && g.Index >= at.Index {
			break
		}
		hlDefine(lex, global, g, nil)
	}
	if at.Stage == nil {
		return global
	}
	env := hlEnv{}
	var chain []*dockerfile.Stage
	for p := at.Stage.Parent; p != nil && len(chain) < len(f.Stages); p = p.Parent {
		chain = append(chain, p)
	}
	for i := len(chain) - 1; i >= 0; i-- {
		for _, in := range chain[i].Instructions {
			if in.Keyword == "env" {
				hlDefine(lex, env, in, global)
			}
		}
	}
	for _, in := range at.Stage.Instructions {
		if in.Index >= at.Index {
			break
		}
		hlDefine(lex, env, in, global)
	}
	return env
}

// hlDefine applies the ARG or ENV definitions of in to env; global holds the
// global ARG defaults an ARG without a value takes inside a stage.
func hlDefine(lex *dockerfile.Expander, env hlEnv, in *dockerfile.Instruction, global hlEnv) {
	expand := func(v string) (string, bool) {
		res, err := lex.WordWithMatches(v, env)
		if err != nil || len(res.Unmatched) > 0 {
			return "", false
		}
		return res.Result, true
	}
	switch c := in.Command.(type) {
	case *instructions.EnvCommand:
		for _, kv := range c.Env {
			if v, ok := expand(kv.Value); ok {
				env[kv.Key] = v
			} else {
				delete(env, kv.Key)
			}
		}
	case *instructions.ArgCommand:
		for _, kv := range c.Args {
			switch {
			case kv.Value != nil:
				if v, ok := expand(*kv.Value); ok {
					env[kv.Key] = v
				} else {
					delete(env, kv.Key)
				}
			case global != nil:
				if v, ok := global[kv.Key]; ok {
					env[kv.Key] = v
				}
				// otherwise an ENV of the same name keeps its value, or the
				// variable stays unknown
			}
		}
	}
}

// hlResolve returns the words a shell word stands for, expanding the
// variables held in ARG and ENV: ok=false when the word depends on
// something unknown (a variable without a value, a command substitution).
// A literal word is itself.
func hlResolve(f *dockerfile.File, env hlEnv, w dockerfile.Word) ([]string, bool) {
	if w.Literal {
		return []string{w.Value}, true
	}
	text := f.Text(w.Range)
	if text == "" || strings.Contains(text, "$(") || strings.Contains(text, "`") {
		return nil, false
	}
	lex := f.Expander()
	res, err := lex.WordWithMatches(text, env)
	if err != nil || len(res.Unmatched) > 0 {
		return nil, false
	}
	words, err := lex.Words(text, env)
	if err != nil {
		return nil, false
	}
	return words, true
}

// hlSpan is the range from the first to the last word of ws.
func hlSpan(ws []dockerfile.Word) dockerfile.Range {
	return dockerfile.Range{Start: ws[0].Range.Start, End: ws[len(ws)-1].Range.End}
}

// hlList renders names for a message: at most four, then a count.
func hlList(names []string) string {
	const max = 4
	quoted := make([]string, 0, max)
	for i, n := range names {
		if i == max {
			break
		}
		quoted = append(quoted, "'"+n+"'")
	}
	s := strings.Join(quoted, ", ")
	if len(names) > max {
		s += fmt.Sprintf(" and %d more", len(names)-max)
	}
	return s
}

// hlCommandRange is the range of a command's words (its assignments excluded).
func hlCommandRange(c *dockerfile.Command) dockerfile.Range {
	if len(c.Args) == 0 {
		return c.Range
	}
	return dockerfile.Range{Start: c.Args[0].Range.Start, End: c.Args[len(c.Args)-1].Range.End}
}

// hlCommandName returns the range of the command's name word (after sudo
// and similar wrappers).
func hlNameRange(c *dockerfile.Command) dockerfile.Range {
	a := c.Argv()
	if len(a) == 0 {
		return c.Range
	}
	return a[0].Range
}

// hlExpandGlobal expands word with the defaults of the global ARGs declared
// before instruction at (what FROM sees); ok=false when a variable has no
// known value.
func hlExpandGlobal(f *dockerfile.File, at *dockerfile.Instruction, word string) (string, bool) {
	n := 0
	for _, g := range f.GlobalArgs {
		if g.Index >= at.Index {
			break
		}
		n++
	}
	// Stages repeat the same words (node:${NODE_VERSION}): expand each word
	// once per set of visible global ARGs.
	r := f.Memo(hlGlobalWord{n, word}, func() any {
		env := f.Memo(hlGlobalEnvKey{n}, func() any { return hlGlobalEnv(f, n) }).(hlEnv)
		res, err := f.Expander().WordWithMatches(word, env)
		if err != nil || len(res.Unmatched) > 0 {
			return hlExpansion{}
		}
		return hlExpansion{res.Result, true}
	}).(hlExpansion)
	return r.value, r.ok
}

type hlGlobalWord struct {
	n    int
	word string
}

type hlGlobalEnvKey struct{ n int }

type hlExpansion struct {
	value string
	ok    bool
}

// hlGlobalEnv returns the defaults of the first n global ARG instructions.
func hlGlobalEnv(f *dockerfile.File, n int) hlEnv {
	env := hlEnv{}
	lex := f.Expander()
	for _, g := range f.GlobalArgs[:n] {
		a, ok := g.Command.(*instructions.ArgCommand)
		if !ok {
			continue
		}
		for _, kv := range a.Args {
			if kv.Value == nil {
				continue
			}
			v, _, err := lex.Word(*kv.Value, env)
			if err != nil {
				v = *kv.Value
			}
			env[kv.Key] = v
		}
	}
	return env
}
