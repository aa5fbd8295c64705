package lsp

import (
	"context"
	"fmt"
	"path/filepath"
	"sort"
	"strings"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"

	"github.com/layerlint/layerlint/ctxscan"
	"github.com/layerlint/layerlint/dockerfile"
)

// copyUsage is what a COPY/ADD brings from the build context.
type copyUsage struct {
	files   int
	bytes   int64
	top     []ctxscan.DirUsage // by decreasing size
	missing []string           // sources the context lacks (the build fails)
	other   []string           // sources not from the context (stages, URLs, heredocs, unresolved)
}

// usageOf resolves a COPY/ADD against the context; ok is false when it reads
// nothing from it.
func usageOf(f *dockerfile.File, in *dockerfile.Instruction, cx *ctxscan.Context) (copyUsage, bool) {
	var u copyUsage
	groups := map[string]*ctxscan.Usage{}
	fromContext := false
	for _, r := range cx.ResolveInstruction(f, in) {
		if r.Resolved == nil {
			if r.Kind != ctxscan.FromContext {
				u.other = append(u.other, fmt.Sprintf("`%s` (%s)", r.Arg.Raw, r.Kind))
			}
			continue
		}
		fromContext = true
		if r.NotFound {
			u.missing = append(u.missing, r.Arg.Raw)
			continue
		}
		for _, e := range r.Files() {
			size := cx.Size(e.Path)
			u.files++
			u.bytes += size
			key := e.Path
			if parts := strings.SplitN(e.Path, "/", 3); len(parts) == 3 {
				key = parts[0] + "/" + parts[1] + "/"
			} else if len(parts) == 2 {
				key = parts[0] + "/"
			}
			g := groups[key]
			if g == nil {
				g = &ctxscan.Usage{}
				groups[key] = g
			}
			g.Files++
			g.Bytes += size
		}
	}
	for k, g := range groups {
		u.top = append(u.top, ctxscan.DirUsage{Path: k, Usage: *g})
	}
	sort.Slice(u.top, func(i, j int) bool {
		if u.top[i].Bytes != u.top[j].Bytes {
			return u.top[i].Bytes > u.top[j].Bytes
		}
		return u.top[i].Path < u.top[j].Path
	})
	return u, fromContext
}

func plural(n int, one string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%s %ss", thousands(int64(n)), one)
}

func thousands(n int64) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

func humanBytes(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}

// summary is the one-line code lens text.
func (u copyUsage) summary() string {
	s := fmt.Sprintf("brings %s, %s", plural(u.files, "file"), humanBytes(u.bytes))
	if len(u.missing) > 0 {
		s += fmt.Sprintf("; %d source(s) not in the context", len(u.missing))
	}
	return s
}

// contextHover explains what a COPY/ADD brings and what invalidates it.
func contextHover(f *dockerfile.File, in *dockerfile.Instruction, cx *ctxscan.Context) string {
	u, ok := usageOf(f, in, cx)
	if !ok {
		return ""
	}
	var b strings.Builder
	fmt.Fprintf(&b, "**From the build context** (`%s`): %s, %s.\n", cx.Dir, plural(u.files, "file"), humanBytes(u.bytes))
	for i, t := range u.top {
		if i == 5 {
			fmt.Fprintf(&b, "- … and %d more\n", len(u.top)-5)
			break
		}
		fmt.Fprintf(&b, "- `%s` %s, %s\n", t.Path, plural(t.Files, "file"), humanBytes(t.Bytes))
	}
	for _, m := range u.missing {
		fmt.Fprintf(&b, "- `%s` is not in the context: the build fails\n", m)
	}
	if len(u.other) > 0 {
		fmt.Fprintf(&b, "- not from the context: %s\n", strings.Join(u.other, ", "))
	}
	b.WriteString("\nEditing, adding or removing any of these files (after `.dockerignore`")
	if in.Flag("exclude") != nil {
		b.WriteString(" and `--exclude`")
	}
	b.WriteString(") invalidates this step's cache and every step after it; touching a file without changing its content does not.")
	return b.String()
}

// codeLens answers textDocument/codeLens: on each COPY/ADD that reads the
// build context, what it brings (when the codeLens setting is on and the
// context is scanned).
func (s *server) codeLens(params jsonrpc2.RawMessage) (func(context.Context) (any, error), error) {
	var p protocol.CodeLensParams
	if err := protocol.Unmarshal(params, &p); err != nil {
		return nil, invalidParams(protocol.MethodTextDocumentCodeLens, err)
	}
	d, err := s.snapshot(p.TextDocument.URI)
	if err != nil {
		return nil, err
	}
	return func(ctx context.Context) (any, error) {
		lenses := []protocol.CodeLens{}
		if d.kind != kindDockerfile || !s.configFor(d).codeLens {
			return lenses, nil
		}
		cx := s.buildContext(d)
		if cx == nil {
			return lenses, nil
		}
		f, m := d.parsed(), d.mapper()
		for _, in := range f.Instructions {
			if ctx.Err() != nil {
				break
			}
			if in.Keyword != "copy" && in.Keyword != "add" {
				continue
			}
			u, ok := usageOf(f, in, cx)
			if !ok {
				continue
			}
			lenses = append(lenses, protocol.CodeLens{
				Range:   m.Range(in.KeywordRange),
				Command: protocol.Command{Title: u.summary(), Command: cmdNoop},
			})
		}
		for _, l := range s.hints.lenses(f, cx) {
			lenses = append(lenses, protocol.CodeLens{
				Range:   m.Range(l.Range),
				Command: protocol.Command{Title: l.Title, Command: cmdNoop},
			})
		}
		return lenses, nil
	}, nil
}

// documentLink answers textDocument/documentLink: each COPY/ADD source that
// names one file or directory of the build context links to it.
func (s *server) documentLink(params jsonrpc2.RawMessage) (func(context.Context) (any, error), error) {
	var p protocol.DocumentLinkParams
	if err := protocol.Unmarshal(params, &p); err != nil {
		return nil, invalidParams(protocol.MethodTextDocumentDocumentLink, err)
	}
	d, err := s.snapshot(p.TextDocument.URI)
	if err != nil {
		return nil, err
	}
	return func(ctx context.Context) (any, error) {
		links := []protocol.DocumentLink{}
		if d.kind != kindDockerfile {
			return links, nil
		}
		cx := s.buildContext(d)
		if cx == nil || cx.Dir == "" {
			return links, nil
		}
		f, m := d.parsed(), d.mapper()
		for _, in := range f.Instructions {
			if ctx.Err() != nil {
				break
			}
			if in.Keyword != "copy" && in.Keyword != "add" {
				continue
			}
			for _, r := range cx.ResolveInstruction(f, in) {
				if r.Resolved == nil || r.NotFound || len(r.Matches) != 1 {
					continue
				}
				target := uri.File(filepath.Join(cx.Dir, filepath.FromSlash(r.Matches[0].Path)))
				links = append(links, protocol.DocumentLink{Range: m.Range(r.Arg.Range), Target: &target})
			}
		}
		return links, nil
	}, nil
}
