package ctxscan

import (
	"strings"

	"github.com/layerlint/layerlint/dockerfile"
	"github.com/moby/buildkit/frontend/dockerfile/shell"
)

// Source is one source argument of a COPY or ADD.
type Source struct {
	Arg   dockerfile.Arg // as written, with its range
	Value string         // variables expanded from ARG/ENV defaults (Arg.Value when unresolved)
	Kind  SourceKind
}

// Sources lists the source arguments of a COPY or ADD instruction (nil for
// other instructions): --from sources are FromStage, heredocs FromHeredoc,
// ADD URLs and git refs FromURL/FromGit, sources whose variables have no
// default FromUnresolved, everything else FromContext.
func Sources(f *dockerfile.File, in *dockerfile.Instruction) []Source {
	if (in.Keyword != "copy" && in.Keyword != "add") || len(in.Args) < 2 {
		return nil
	}
	from := in.Flag("from") != nil
	var env shell.EnvGetter
	var out []Source
	for _, a := range in.Args[:len(in.Args)-1] {
		s := Source{Arg: a, Value: a.Value}
		switch {
		case !in.JSONForm && strings.HasPrefix(a.Raw, "<<") && len(in.Heredocs) > 0:
			s.Kind = FromHeredoc
		case from:
			s.Kind = FromStage
		default:
			if strings.Contains(a.Raw, "$") {
				if env == nil {
					env = dockerfile.Env(f.Vars(in))
				}
				word := a.Raw
				if in.JSONForm {
					word = a.Value
				}
				res, err := f.Expander().WordWithMatches(word, env)
				if err != nil || len(res.Unmatched) > 0 {
					s.Kind = FromUnresolved
					out = append(out, s)
					continue
				}
				s.Value = res.Result
			}
			if in.Keyword == "add" {
				s.Kind = ClassifyRemote(s.Value)
			}
		}
		out = append(out, s)
	}
	return out
}

// CopyOptionsOf returns the flags of a COPY/ADD that change what its sources
// bring (--exclude values are taken as written: BuildKit does not expand them).
func CopyOptionsOf(in *dockerfile.Instruction) CopyOptions {
	o := CopyOptions{Exclude: in.FlagValues("exclude")}
	if fl := in.Flag("parents"); fl != nil && in.Keyword == "copy" {
		o.Parents = !fl.HasValue || fl.Value == "true" || fl.Value == "1"
	}
	return o
}

// SourceResult pairs a source with what it brings.
type SourceResult struct {
	Source
	*Resolved       // nil unless Kind is FromContext
	Err       error // an invalid --exclude or --parents pattern
}

// ResolveInstruction resolves every context source of a COPY/ADD.
func (c *Context) ResolveInstruction(f *dockerfile.File, in *dockerfile.Instruction) []SourceResult {
	opt := CopyOptionsOf(in)
	var out []SourceResult
	for _, s := range Sources(f, in) {
		sr := SourceResult{Source: s}
		if s.Kind == FromContext {
			sr.Resolved, sr.Err = c.Resolve(s.Value, opt)
		}
		out = append(out, sr)
	}
	return out
}
