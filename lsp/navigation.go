package lsp

import (
	"context"
	"fmt"
	"strings"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"

	"github.com/layerlint/layerlint/dockerfile"
)

// documentSymbol answers textDocument/documentSymbol: global ARGs, then each
// stage with its instructions as children (a flat list with container names
// for clients without hierarchical support).
func (s *server) documentSymbol(params jsonrpc2.RawMessage) (func(context.Context) (any, error), error) {
	var p protocol.DocumentSymbolParams
	if err := protocol.Unmarshal(params, &p); err != nil {
		return nil, invalidParams(protocol.MethodTextDocumentDocumentSymbol, err)
	}
	d, err := s.snapshot(p.TextDocument.URI)
	if err != nil {
		return nil, err
	}
	s.mu.Lock()
	hier := s.caps.hierarchicalSymbols
	s.mu.Unlock()
	return func(ctx context.Context) (any, error) {
		if d.kind != kindDockerfile {
			return protocol.DocumentSymbolSlice{}, nil
		}
		syms := symbols(d.parsed(), d.mapper())
		if hier {
			return protocol.DocumentSymbolSlice(syms), nil
		}
		return flatten(d, syms), nil
	}, nil
}

const maxSymbolName = 60

// instructionLabel is an instruction's first line, shortened.
func instructionLabel(f *dockerfile.File, in *dockerfile.Instruction) string {
	text := f.Text(in.LineRange())
	if i := strings.IndexAny(text, "\r\n"); i >= 0 {
		text = text[:i]
	}
	text = strings.Join(strings.Fields(strings.TrimSuffix(strings.TrimSpace(text), string(f.Escape))), " ")
	if r := []rune(text); len(r) > maxSymbolName {
		text = string(r[:maxSymbolName-1]) + "…"
	}
	if text == "" {
		text = strings.ToUpper(in.Keyword)
	}
	return text
}

func symbols(f *dockerfile.File, m *Mapper) []protocol.DocumentSymbol {
	inst := func(in *dockerfile.Instruction) protocol.DocumentSymbol {
		kind := protocol.SymbolKindFunction
		if in.Keyword == "arg" || in.Keyword == "env" {
			kind = protocol.SymbolKindVariable
		}
		return protocol.DocumentSymbol{
			Name:           instructionLabel(f, in),
			Kind:           kind,
			Range:          m.Range(in.Range),
			SelectionRange: m.Range(in.KeywordRange),
		}
	}
	out := []protocol.DocumentSymbol{}
	for _, in := range f.GlobalArgs {
		out = append(out, inst(in))
	}
	for _, st := range f.Stages {
		name := st.Name
		if name == "" {
			name = fmt.Sprintf("stage %d", st.Index)
		}
		rng := st.From.Range
		for _, in := range st.Instructions {
			rng.End = max(rng.End, in.Range.End)
		}
		sel := st.From.KeywordRange
		if st.Name != "" {
			sel = st.NameRange
		}
		detail := "FROM " + st.BaseRaw
		sym := protocol.DocumentSymbol{
			Name:           name,
			Detail:         &detail,
			Kind:           protocol.SymbolKindModule,
			Range:          m.Range(rng),
			SelectionRange: m.Range(sel),
			Children:       []protocol.DocumentSymbol{},
		}
		for _, in := range st.Instructions {
			sym.Children = append(sym.Children, inst(in))
		}
		out = append(out, sym)
	}
	return out
}

func flatten(d *document, syms []protocol.DocumentSymbol) protocol.SymbolInformationSlice {
	out := protocol.SymbolInformationSlice{}
	var walk func(ss []protocol.DocumentSymbol, container string)
	walk = func(ss []protocol.DocumentSymbol, container string) {
		for _, sy := range ss {
			si := protocol.SymbolInformation{
				BaseSymbolInformation: protocol.BaseSymbolInformation{Name: sy.Name, Kind: sy.Kind},
				Location:              protocol.Location{URI: d.uri, Range: sy.Range},
			}
			if container != "" {
				si.ContainerName = ptr(container)
			}
			out = append(out, si)
			walk(sy.Children, sy.Name)
		}
	}
	walk(syms, "")
	return out
}

// definition answers textDocument/definition for stage references
// (COPY/ADD --from=, RUN --mount=from=, FROM <stage>) and variable references
// ($VAR, ${VAR}) to their ARG or ENV.
func (s *server) definition(params jsonrpc2.RawMessage) (func(context.Context) (any, error), error) {
	var p protocol.DefinitionParams
	if err := protocol.Unmarshal(params, &p); err != nil {
		return nil, invalidParams(protocol.MethodTextDocumentDefinition, err)
	}
	d, err := s.snapshot(p.TextDocument.URI)
	if err != nil {
		return nil, err
	}
	pos := p.Position
	return func(ctx context.Context) (any, error) {
		if d.kind != kindDockerfile {
			return nil, nil
		}
		m := d.mapper()
		target, ok := definitionAt(d.parsed(), m.Offset(pos))
		if !ok {
			return nil, nil
		}
		return &protocol.Location{URI: d.uri, Range: m.Range(target)}, nil
	}, nil
}

// definitionAt finds what the reference at off refers to.
func definitionAt(f *dockerfile.File, off int) (dockerfile.Range, bool) {
	in := f.InstructionAt(off)
	if in == nil {
		return dockerfile.Range{}, false
	}
	if in.Onbuild != nil && in.Onbuild.Range.Contains(off) {
		in = in.Onbuild
	}
	limit := len(f.Stages)
	if in.Stage != nil {
		limit = in.Stage.Index
	}
	stageTarget := func(ref string) (dockerfile.Range, bool) {
		st := f.StageRef(ref, limit)
		if st == nil {
			return dockerfile.Range{}, false
		}
		if st.Name != "" {
			return st.NameRange, true
		}
		return st.From.KeywordRange, true
	}
	// variables first: --from=${STAGE} is a variable reference
	if name, ok := varRefAt(f, in, off); ok {
		return varDefinition(f, in, name)
	}
	for _, fl := range in.Flags {
		if !fl.Range.Contains(off) {
			continue
		}
		switch {
		case fl.Name == "from" && (in.Keyword == "copy" || in.Keyword == "add") && fl.ValueRange.Contains(off):
			return stageTarget(fl.Value)
		case fl.Name == "mount":
			if ref, ok := mountFromAt(f, fl, off); ok {
				return stageTarget(ref)
			}
		}
	}
	if in.Keyword == "from" && in.Stage != nil && in.Stage.BaseRange.Contains(off) && in.Stage.Parent != nil {
		p := in.Stage.Parent
		if p.Name != "" {
			return p.NameRange, true
		}
		return p.From.KeywordRange, true
	}
	return dockerfile.Range{}, false
}

// mountFromAt returns the from= value of a --mount flag when off is on it.
func mountFromAt(f *dockerfile.File, fl dockerfile.Flag, off int) (string, bool) {
	vr := fl.ValueRange
	raw := f.Text(vr)
	pos := vr.Start
	for _, part := range strings.Split(raw, ",") {
		k, v, ok := strings.Cut(part, "=")
		start := pos
		pos += len(part) + 1
		if !ok || !strings.EqualFold(strings.TrimSpace(k), "from") {
			continue
		}
		vstart := start + len(k) + 1
		if off >= vstart && off <= vstart+len(v) {
			return strings.Trim(strings.TrimSpace(v), `"'`), true
		}
	}
	return "", false
}

// varRefAt returns the name of the $VAR or ${VAR...} reference at off.
func varRefAt(f *dockerfile.File, in *dockerfile.Instruction, off int) (string, bool) {
	src := f.Src
	for i := in.Range.Start; i < in.Range.End && i <= off; i++ {
		if src[i] != '$' || (i > in.Range.Start && src[i-1] == f.Escape) {
			continue
		}
		j := i + 1
		braced := j < len(src) && src[j] == '{'
		if braced {
			j++
		}
		k := j
		for k < len(src) && (src[k] == '_' || src[k] >= 'a' && src[k] <= 'z' || src[k] >= 'A' && src[k] <= 'Z' || src[k] >= '0' && src[k] <= '9' && k > j) {
			k++
		}
		if k == j {
			continue
		}
		end := k
		if braced {
			for end < in.Range.End && src[end] != '}' && src[end] != '\n' {
				end++
			}
		}
		if off >= i && off <= end {
			return string(src[j:k]), true
		}
		i = k - 1
	}
	return "", false
}

// varDefinition locates the ARG or ENV that defines name as seen from in.
func varDefinition(f *dockerfile.File, in *dockerfile.Instruction, name string) (dockerfile.Range, bool) {
	var def *dockerfile.Instruction
	if in.Keyword == "from" {
		for _, g := range f.GlobalArgs {
			if g.Index < in.Index && definesVar(g, name) {
				def = g
			}
		}
	} else if v, ok := f.Lookup(in, name); ok {
		def = v.Inst
	}
	if def == nil {
		return dockerfile.Range{}, false
	}
	for _, a := range def.Args {
		if a.Value == name || strings.HasPrefix(a.Raw, name+"=") || strings.HasPrefix(a.Value, name+"=") {
			return dockerfile.Range{Start: a.Range.Start, End: a.Range.Start + len(name)}, true
		}
	}
	return def.KeywordRange, true
}

func definesVar(in *dockerfile.Instruction, name string) bool {
	for _, a := range in.Args {
		if a.Value == name || strings.HasPrefix(a.Value, name+"=") {
			return true
		}
	}
	return false
}
