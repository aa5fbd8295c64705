package rules

import (
	"fmt"
	"path"
	"strings"

	"github.com/layerlint/layerlint/ctxscan"
	"github.com/layerlint/layerlint/dockerfile"
)

// CopySourceNotFound reports a COPY/ADD source that is not in the build
// context at all: the build stops with "not found".
var CopySourceNotFound = register(&Rule{
	ID:           "CopySourceNotFound",
	Category:     CategoryContext,
	Severity:     SeverityError,
	NeedsContext: true,
	Doc: Doc{
		Title: "COPY source missing from the build context",
		Description: "BuildKit resolves every COPY and ADD source against the build context it was sent. A path " +
			"that is not there fails the build with `failed to compute cache key: ... not found`, after every " +
			"earlier step has already run. layerlint resolves the sources exactly as BuildKit does: `../x` and " +
			"`/x` are clamped to the context root, symlinks named by the source are followed inside the " +
			"context, a wildcard is matched one path component at a time (so `**` is just `*`) and may match " +
			"nothing without failing, but the directory before the first wildcard must exist, and so must a " +
			"`COPY --parents` path without wildcards. Sources read from another stage (`--from`), heredocs and " +
			"ADD of URLs or git repositories are not context reads. A source that exists but is excluded by " +
			"the ignore file is reported by CopyIgnoredFile instead.",
		Bad:  "FROM alpine\nCOPY config.yml /etc/app/\n",
		Good: "FROM alpine\nCOPY config.yaml /etc/app/\n",
		Context: map[string]string{
			"config.yaml": "port: 8080\n",
		},
	},
	Run: runCopySourceNotFound,
})

func runCopySourceNotFound(p *Pass) {
	cx := p.Context
	if cx == nil {
		return // no build context to resolve against
	}
	for _, c := range contextCopies(p) {
		for _, s := range c.Sources {
			r := s.Resolved
			if !r.NotFound || cx.OnDisk(r.Missing) {
				continue // found, or excluded by the ignore file: CopyIgnoredFile
			}
			var msg string
			switch {
			case r.Wildcard:
				msg = fmt.Sprintf("directory %q is not in the build context, so %s %q fails", r.Missing, strings.ToUpper(c.In.Keyword), s.Arg.Value)
			case r.Missing != r.Source:
				msg = fmt.Sprintf("%q (named by %q) is not in the build context; the build fails with \"not found\"", r.Missing, s.Arg.Value)
			default:
				msg = fmt.Sprintf("%q is not in the build context; the build fails with \"not found\"", s.Arg.Value)
			}
			if alt := nearestPath(cx, r.Missing); alt != "" {
				msg += fmt.Sprintf(" (did you mean %q?)", alt)
			}
			p.Report(Diagnostic{Range: s.Arg.Range, Message: msg})
		}
	}
}

// nearestPath suggests an existing sibling of a missing path whose name is
// close to it.
func nearestPath(cx *ctxscan.Context, missing string) string {
	dir, base := path.Split(missing)
	dir = strings.TrimSuffix(dir, "/")
	if dir != "" && !cx.Has(dir) {
		return ""
	}
	best, bestD := "", len(base)/3+1
	for _, e := range cx.Children(dir) {
		name := path.Base(e.Path)
		if diff := len(name) - len(base); diff >= bestD || -diff >= bestD {
			continue // the edit distance is at least the length difference
		}
		if d := editDistance(strings.ToLower(base), strings.ToLower(name)); d < bestD || d == bestD && best == "" && d < len(base)/3+1 {
			best, bestD = e.Path, d
		}
	}
	return best
}

// contextCopy is a COPY or ADD with the sources it reads from the build
// context, resolved.
type contextCopy struct {
	In      *dockerfile.Instruction
	Sources []ctxscan.SourceResult // FromContext sources with valid patterns only
}

// contextCopies lists the COPY and ADD instructions that read the build
// context, in file order (ONBUILD triggers are left out: they run in another
// build). Nil without a context.
func contextCopies(p *Pass) []contextCopy {
	if p.Context == nil {
		return nil
	}
	// eight context rules read this: resolve once per file and context
	// (callers must not modify the result)
	return p.File.Memo(contextCopiesKey{p.Context}, func() any { return resolveCopies(p) }).([]contextCopy)
}

type contextCopiesKey struct{ cx *ctxscan.Context }

func resolveCopies(p *Pass) []contextCopy {
	var out []contextCopy
	for _, in := range p.File.Instructions {
		if in.Keyword != "copy" && in.Keyword != "add" {
			continue
		}
		var srcs []ctxscan.SourceResult
		for _, s := range p.Context.ResolveInstruction(p.File, in) {
			if s.Kind == ctxscan.FromContext && s.Err == nil && s.Resolved != nil {
				srcs = append(srcs, s)
			}
		}
		if len(srcs) > 0 {
			out = append(out, contextCopy{In: in, Sources: srcs})
		}
	}
	return out
}

// broadSource reports whether a source brings the whole context (".", "./",
// "/", "*").
func broadSource(s ctxscan.SourceResult) bool {
	return s.Resolved.Source == "" || s.Resolved.Source == "*"
}

// ignoreName is how messages name the effective ignore file.
func ignoreName(cx *ctxscan.Context) string {
	if cx.Ignore == nil {
		return ".dockerignore"
	}
	return path.Base(strings.ReplaceAll(cx.Ignore.Path, "\\", "/"))
}

// humanBytes renders a size the way du -h users read it.
func humanBytes(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GB", float64(n)/(1<<30))
	case n >= 10<<20:
		return fmt.Sprintf("%d MB", n>>20)
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%d kB", n>>10)
	}
	return fmt.Sprintf("%d B", n)
}

// plural renders a count with its noun.
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// sourceLabel renders "COPY . ." style labels for a copy and one source.
func sourceLabel(c contextCopy) string {
	return copyLabel(c.In)
}
