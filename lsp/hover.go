package lsp

import (
	"context"
	"fmt"
	"strings"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"

	"github.com/layerlint/layerlint/dockerfile"
	"github.com/layerlint/layerlint/rules"
)

// hover answers textDocument/hover: on a finding, its rule's documentation;
// on an instruction keyword, what the instruction does and how it is cached.
func (s *server) hover(params jsonrpc2.RawMessage) (func(context.Context) (any, error), error) {
	var p protocol.HoverParams
	if err := protocol.Unmarshal(params, &p); err != nil {
		return nil, invalidParams(protocol.MethodTextDocumentHover, err)
	}
	d, err := s.snapshot(p.TextDocument.URI)
	if err != nil {
		return nil, err
	}
	pos := p.Position
	s.mu.Lock()
	markdown := s.caps.hoverMarkdown
	s.mu.Unlock()
	return func(ctx context.Context) (any, error) {
		if d.kind != kindDockerfile {
			return nil, nil
		}
		m := d.mapper()
		off := m.Offset(pos)
		text, rng, ok := s.hoverText(d, off)
		if !ok {
			return nil, nil
		}
		kind := protocol.MarkupKindMarkdown
		if !markdown {
			kind = protocol.MarkupKindPlainText
		}
		r := m.Range(rng)
		return &protocol.Hover{Contents: &protocol.MarkupContent{Kind: kind, Value: text}, Range: &r}, nil
	}, nil
}

func (s *server) hoverText(d *document, off int) (string, dockerfile.Range, bool) {
	var diags []rules.Diagnostic
	for _, g := range s.diagnosticsAt(d, off, off) {
		if g.Range.Start <= off && off <= g.Range.End {
			diags = append(diags, g)
		}
	}
	if len(diags) > 0 {
		var parts []string
		seen := map[string]bool{}
		rng := diags[0].Range
		for _, g := range diags {
			if seen[g.Rule] {
				continue
			}
			seen[g.Rule] = true
			doc := ""
			if r, ok := rules.Lookup(g.Rule); ok {
				doc = rules.Markdown(r)
			}
			parts = append(parts, fmt.Sprintf("**%s**: %s\n\n%s", g.Rule, g.Message, doc))
		}
		return strings.Join(parts, "\n\n---\n\n"), rng, true
	}
	f := d.parsed()
	for _, in := range f.Instructions {
		for _, k := range []*dockerfile.Instruction{in, in.Onbuild} {
			if k == nil || !k.KeywordRange.Contains(off) || k.KeywordRange.Start == k.KeywordRange.End {
				continue
			}
			doc, ok := keywordDocs[k.Keyword]
			if !ok {
				return "", dockerfile.Range{}, false
			}
			text := fmt.Sprintf("**%s**\n\n%s\n\n**Build cache.** %s", strings.ToUpper(k.Keyword), doc.does, doc.cache)
			cx := s.buildContext(d)
			if k == in && (k.Keyword == "copy" || k.Keyword == "add") && cx != nil {
				if more := contextHover(f, k, cx); more != "" {
					text += "\n\n" + more
				}
			}
			if k == in {
				if more := s.hints.hover(f, k, cx); more != "" {
					text += "\n\n" + more
				}
			}
			return text, k.KeywordRange, true
		}
	}
	return "", dockerfile.Range{}, false
}
