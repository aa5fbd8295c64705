package lsp

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"

	"github.com/layerlint/layerlint/dockerfile"
	"github.com/layerlint/layerlint/rules"
)

// codeAction answers textDocument/codeAction: for each finding in the range,
// its fixes (the safe ones preferred), "ignore for this instruction", "ignore
// for this file" and "show documentation"; and source.fixAll.layerlint,
// which applies every safe fix in the document.
func (s *server) codeAction(params jsonrpc2.RawMessage) (func(context.Context) (any, error), error) {
	var p protocol.CodeActionParams
	if err := protocol.Unmarshal(params, &p); err != nil {
		return nil, invalidParams(protocol.MethodTextDocumentCodeAction, err)
	}
	d, err := s.snapshot(p.TextDocument.URI)
	if err != nil {
		return nil, err
	}
	only := p.Context.Only
	rng := p.Range
	return func(ctx context.Context) (any, error) {
		actions := []protocol.CommandOrCodeAction{}
		if d.kind != kindDockerfile {
			return actions, nil
		}
		m := d.mapper()
		if wantKind(only, protocol.CodeActionKindQuickFix) {
			start, end := m.OffsetRange(rng)
			actions = append(actions, s.quickFixes(d, s.diagnosticsAt(d, start, end))...)
		}
		if wantKind(only, CodeActionKindFixAll) && ctx.Err() == nil {
			if a := s.fixAllAction(d); a != nil {
				actions = append(actions, a)
			}
		}
		return actions, nil
	}, nil
}

// wantKind reports whether a code action of kind is asked for: no filter, or
// a filter entry equal to kind or a prefix of it ("source" asks for
// "source.fixAll.layerlint").
func wantKind(only []protocol.CodeActionKind, kind protocol.CodeActionKind) bool {
	if len(only) == 0 {
		return true
	}
	for _, o := range only {
		if o == kind || strings.HasPrefix(string(kind), string(o)+".") {
			return true
		}
	}
	return false
}

func (s *server) quickFixes(d *document, diags []rules.Diagnostic) []protocol.CommandOrCodeAction {
	m := d.mapper()
	f := d.parsed()
	quickfix := protocol.CodeActionKindQuickFix
	var fixes, ignores, docs []protocol.CommandOrCodeAction
	seen := map[string]bool{}
	// the same placement of other-file edits as the published diagnostics
	// (open buffers first), so the client matches them
	pl := &editPlacer{d: d, m: m, text: s.otherText}
	for _, g := range diags {
		pd := toProtocolIn(d, m, g, pl)
		for _, fix := range g.Fixes {
			edit, ok := s.fixEdit(d, m, fix.Edits)
			if !ok {
				continue // a file the client cannot create, or one changed since
			}
			a := &protocol.CodeAction{
				Title:       fix.Title,
				Kind:        &quickfix,
				Diagnostics: []protocol.Diagnostic{pd},
				Edit:        edit,
			}
			if fix.Safe {
				a.IsPreferred = ptr(true)
			}
			fixes = append(fixes, a)
		}
		if g.Rule == rules.InternalError.ID {
			continue
		}
		if in := f.InstructionAt(g.Range.Start); in != nil && !seen["inst:"+g.Rule+fmt.Sprint(in.Index)] {
			seen["inst:"+g.Rule+fmt.Sprint(in.Index)] = true
			if e, ok := ignoreInstructionEdit(f, in, g.Rule); ok {
				ignores = append(ignores, &protocol.CodeAction{
					Title:       fmt.Sprintf("Ignore %s for this instruction", g.Rule),
					Kind:        &quickfix,
					Diagnostics: []protocol.Diagnostic{pd},
					Edit:        workspaceEdit(d, m, []rules.Edit{e}),
				})
			}
		}
		if !seen["file:"+g.Rule] {
			seen["file:"+g.Rule] = true
			if e, ok := ignoreFileEdit(f, g.Rule); ok {
				ignores = append(ignores, &protocol.CodeAction{
					Title:       fmt.Sprintf("Ignore %s for this file", g.Rule),
					Kind:        &quickfix,
					Diagnostics: []protocol.Diagnostic{pd},
					Edit:        workspaceEdit(d, m, []rules.Edit{e}),
				})
			}
			arg, _ := json.Marshal(g.Rule)
			docs = append(docs, &protocol.CodeAction{
				Title:       fmt.Sprintf("Show documentation for %s", g.Rule),
				Kind:        &quickfix,
				Diagnostics: []protocol.Diagnostic{pd},
				Command: protocol.Command{
					Title:     fmt.Sprintf("Show documentation for %s", g.Rule),
					Command:   cmdShowRuleDoc,
					Arguments: []protocol.LSPAny{arg},
				},
			})
		}
	}
	return append(append(fixes, ignores...), docs...)
}

func workspaceEdit(d *document, m *Mapper, edits []rules.Edit) *protocol.WorkspaceEdit {
	tes := make([]protocol.TextEdit, 0, len(edits))
	for _, e := range edits {
		tes = append(tes, protocol.TextEdit{Range: m.Range(e.Range), NewText: e.NewText})
	}
	return &protocol.WorkspaceEdit{Changes: map[uri.URI][]protocol.TextEdit{d.uri: tes}}
}

// ignoreComment matches a layerlint suppression comment line; group 1 is
// "global", group 2 the rule list.
var ignoreComment = regexp.MustCompile(`(?i)^[ \t]*#[ \t]*layerlint[ \t]+(global[ \t]+)?ignore[ \t]*=[ \t]*([^ \t#\r\n]*)`)

// listsRule reports whether a comma-separated list names rule (by ID or alias).
func listsRule(list, rule string) bool {
	r, _ := rules.Lookup(rule)
	for _, n := range strings.Split(list, ",") {
		n = strings.TrimSpace(n)
		if strings.EqualFold(n, rule) {
			return true
		}
		if r != nil {
			for _, a := range r.Aliases {
				if strings.EqualFold(n, a) {
					return true
				}
			}
		}
	}
	return false
}

// newline returns the line ending the file uses.
func newline(f *dockerfile.File) string {
	if i := bytes.IndexByte(f.Src, '\n'); i > 0 && f.Src[i-1] == '\r' {
		return "\r\n"
	}
	return "\n"
}

// ignoreInstructionEdit suppresses rule for one instruction: it adds the rule
// to a "# layerlint ignore=" comment right above the instruction, or inserts
// one there with the instruction's indentation. ok is false when the comment
// already names the rule.
func ignoreInstructionEdit(f *dockerfile.File, in *dockerfile.Instruction, rule string) (rules.Edit, bool) {
	line := in.StartLine
	if line > 1 {
		prev := f.LineStart(line - 1)
		if loc := ignoreComment.FindSubmatchIndex(f.Src[prev:f.LineEnd(line-1)]); loc != nil && loc[2] < 0 {
			list := string(f.Src[prev+loc[4] : prev+loc[5]])
			if listsRule(list, rule) {
				return rules.Edit{}, false
			}
			at := prev + loc[5]
			sep := ","
			if list == "" {
				sep = ""
			}
			return rules.Edit{Range: dockerfile.Range{Start: at, End: at}, NewText: sep + rule}, true
		}
	}
	start := f.LineStart(line)
	indent := ""
	for i := start; i < len(f.Src) && (f.Src[i] == ' ' || f.Src[i] == '\t'); i++ {
		indent += string(f.Src[i])
	}
	return rules.Edit{Range: dockerfile.Range{Start: start, End: start}, NewText: indent + "# layerlint ignore=" + rule + newline(f)}, true
}

// ignoreFileEdit suppresses rule for the whole file: it adds the rule to an
// existing "# layerlint global ignore=" comment, or inserts one at the top,
// after the parser directives (a comment before them would end them).
func ignoreFileEdit(f *dockerfile.File, rule string) (rules.Edit, bool) {
	for n := 1; n <= f.LineCount(); n++ {
		ls := f.LineStart(n)
		loc := ignoreComment.FindSubmatchIndex(f.Src[ls:f.LineEnd(n)])
		if loc == nil || loc[2] < 0 {
			continue
		}
		list := string(f.Src[ls+loc[4] : ls+loc[5]])
		if listsRule(list, rule) {
			return rules.Edit{}, false
		}
		sep := ","
		if list == "" {
			sep = ""
		}
		at := ls + loc[5]
		return rules.Edit{Range: dockerfile.Range{Start: at, End: at}, NewText: sep + rule}, true
	}
	last := 0
	for _, d := range f.Directives {
		last = max(last, f.Position(d.Range.Start).Line)
	}
	at := f.LineStart(last + 1)
	text := "# layerlint global ignore=" + rule + newline(f)
	if at == len(f.Src) && at > 0 && f.Src[at-1] != '\n' {
		text = newline(f) + strings.TrimSuffix(text, newline(f))
	}
	return rules.Edit{Range: dockerfile.Range{Start: at, End: at}, NewText: text}, true
}

// maxFixPasses bounds fix-all: a fix can reveal another finding.
const maxFixPasses = 8

// fixAll applies every safe fix to d's text (rules.SafeFixEdits, as the
// CLI's --fix does), re-linting until nothing is left to fix: a fix can
// reveal another finding, and a fix that overlapped one taken in a pass is
// taken in the next. It returns the fixed text, the edits of other files
// (the ignore file) and the number of fixes. Fixes of other files are taken
// in the first pass only, and only those the client can apply: the build
// context is not read again between passes.
func (s *server) fixAll(d *document) ([]byte, []rules.Edit, int) {
	cfg := s.configFor(d)
	cx := s.buildContext(d)
	src := d.text
	var others []rules.Edit
	total := 0
	for pass := 0; pass < maxFixPasses; pass++ {
		var diags []rules.Diagnostic
		if pass == 0 {
			diags = s.analyze(d, cfg, cx).diags
		} else {
			diags = rules.LintContext(dockerfile.Parse(d.parsed().Name, src), &cfg.rules, cx)
		}
		diags = s.applicableFixes(d, diags, pass == 0)
		edits, n := rules.SafeFixEdits(diags, len(src))
		if n == 0 {
			break
		}
		next, _ := rules.ApplyEdits(src, edits)
		for _, e := range edits {
			if e.File != "" {
				others = append(others, e)
			}
		}
		if bytes.Equal(next, src) && (pass > 0 || len(others) == 0) {
			break
		}
		src = next
		total += n
	}
	return src, others, total
}

// applicableFixes returns diags with only the fixes fix-all may take: with
// otherFiles, those whose edits of other files the client can apply
// (fixEdit), otherwise those that edit d alone.
func (s *server) applicableFixes(d *document, diags []rules.Diagnostic, otherFiles bool) []rules.Diagnostic {
	out := make([]rules.Diagnostic, 0, len(diags))
	for _, g := range diags {
		var fixes []rules.Fix
		for _, fx := range g.Fixes {
			if len(rules.OtherFiles(fx.Edits)) == 0 {
				fixes = append(fixes, fx)
			} else if _, ok := s.fixEdit(d, d.mapper(), fx.Edits); otherFiles && ok {
				fixes = append(fixes, fx)
			}
		}
		g.Fixes = fixes
		out = append(out, g)
	}
	return out
}

func (s *server) fixAllAction(d *document) *protocol.CodeAction {
	fixed, others, n := s.fixAll(d)
	if n == 0 {
		return nil
	}
	var edits []rules.Edit
	if !bytes.Equal(fixed, d.text) {
		edits = append(edits, minimalEdit(d.text, fixed))
	}
	edit, ok := s.fixEdit(d, d.mapper(), append(edits, others...))
	if !ok {
		return nil
	}
	kind := CodeActionKindFixAll
	title := "Fix all layerlint findings with a safe fix"
	if n == 1 {
		title = "Fix the layerlint finding with a safe fix"
	}
	return &protocol.CodeAction{
		Title: title,
		Kind:  &kind,
		Edit:  edit,
	}
}

// workspaceEditCaps is what the client can apply in a workspace edit.
type workspaceEditCaps struct {
	documentChanges bool // documentChanges: versioned edits, one entry per document
	createFiles     bool // documentChanges may hold CreateFile operations
}

func readWorkspaceEditCaps(ws *protocol.WorkspaceClientCapabilities) workspaceEditCaps {
	var c workspaceEditCaps
	if ws == nil || ws.WorkspaceEdit == nil {
		return c
	}
	we := ws.WorkspaceEdit
	c.documentChanges = we.DocumentChanges != nil && *we.DocumentChanges
	c.createFiles = c.documentChanges && slices.Contains(we.ResourceOperations, protocol.ResourceOperationKindCreate)
	return c
}

// fixEdit converts a fix's edits to a workspace edit. Edits of d alone give
// plain changes. Edits of another file (rules.Edit.File, an absolute path
// here) apply to its open buffer, or to the file on disk when it is not
// open; creating a file takes a CreateFile operation, so it needs a client
// that supports them. ok is false when the client cannot apply the edits:
// a file to create that exists by now or that the client cannot create, or
// a file whose text is no longer what the fix was computed from.
func (s *server) fixEdit(d *document, m *Mapper, edits []rules.Edit) (*protocol.WorkspaceEdit, bool) {
	others := rules.OtherFiles(edits)
	if len(others) == 0 {
		return workspaceEdit(d, m, edits), true
	}
	s.mu.Lock()
	caps := s.caps.edits
	s.mu.Unlock()
	var own []protocol.TextEdit
	for _, e := range edits {
		if e.File == "" {
			own = append(own, protocol.TextEdit{Range: m.Range(e.Range), NewText: e.NewText})
		}
	}
	we := &protocol.WorkspaceEdit{}
	if caps.documentChanges {
		if len(own) > 0 {
			v := d.version
			we.DocumentChanges = append(we.DocumentChanges, textDocumentEdit(d.uri, &v, own))
		}
	} else {
		we.Changes = map[uri.URI][]protocol.TextEdit{}
		if len(own) > 0 {
			we.Changes[d.uri] = own
		}
	}
	for _, file := range others {
		t, ok := s.otherFile(d, file)
		if !ok {
			return nil, false
		}
		create := slices.ContainsFunc(edits, func(e rules.Edit) bool { return e.File == file && e.Create })
		if create != !t.exists || create && !caps.createFiles {
			return nil, false
		}
		tm := NewMapper(t.text, d.enc)
		var tes []protocol.TextEdit
		for _, e := range edits {
			if e.File != file {
				continue
			}
			if e.Range.Start < 0 || e.Range.Start > e.Range.End || e.Range.End > len(t.text) {
				return nil, false
			}
			tes = append(tes, protocol.TextEdit{Range: tm.Range(e.Range), NewText: e.NewText})
		}
		if !caps.documentChanges {
			we.Changes[t.uri] = tes
			continue
		}
		if create {
			we.DocumentChanges = append(we.DocumentChanges, &protocol.CreateFile{
				Kind:    string(protocol.ResourceOperationKindCreate),
				URI:     t.uri,
				Options: &protocol.CreateFileOptions{Overwrite: ptr(false), IgnoreIfExists: ptr(false)},
			})
		}
		we.DocumentChanges = append(we.DocumentChanges, textDocumentEdit(t.uri, t.version, tes))
	}
	return we, true
}

func textDocumentEdit(u uri.URI, version *int32, tes []protocol.TextEdit) *protocol.TextDocumentEdit {
	e := &protocol.TextDocumentEdit{
		TextDocument: protocol.OptionalVersionedTextDocumentIdentifier{
			TextDocumentIdentifier: protocol.TextDocumentIdentifier{URI: u},
			Version:                version, // null: the file on disk
		},
	}
	for i := range tes {
		e.Edits = append(e.Edits, &tes[i])
	}
	return e
}

// otherTarget is a file other than the Dockerfile that a fix edits, as the
// server sees it now.
type otherTarget struct {
	uri     uri.URI
	version *int32 // the open buffer's version; nil for the file on disk
	text    []byte
	exists  bool
}

// otherFile finds the file at path: its open buffer, or the file on disk.
// ok is false when it cannot be read, or when it is d's ignore file and
// differs from the text d's build context read (the fix would edit the
// wrong place).
func (s *server) otherFile(d *document, path string) (otherTarget, bool) {
	if !filepath.IsAbs(path) {
		return otherTarget{}, false
	}
	t := otherTarget{uri: uri.File(path)}
	for _, u := range s.docs.uris() {
		if od := s.docs.get(u); od != nil && od.path != "" && filepath.FromSlash(od.path) == path {
			v := od.version
			t.uri, t.version, t.text, t.exists = od.uri, &v, od.text, true
			break
		}
	}
	if !t.exists {
		b, err := os.ReadFile(path)
		switch {
		case err == nil:
			t.text, t.exists = b, true
		case !errors.Is(err, fs.ErrNotExist):
			return otherTarget{}, false
		}
	}
	if cx := s.buildContext(d); cx != nil && cx.Ignore != nil && cx.Ignore.Path == path && !bytes.Equal(cx.Ignore.Src, t.text) {
		return otherTarget{}, false
	}
	return t, true
}

// minimalEdit returns one edit turning old into new: the span between their
// common prefix and suffix, widened to whole characters and line endings so
// that it maps to LSP positions exactly.
func minimalEdit(old, new []byte) rules.Edit {
	p := 0
	for p < len(old) && p < len(new) && old[p] == new[p] {
		p++
	}
	for p > 0 && (p < len(old) && !utf8.RuneStart(old[p]) || p < len(new) && !utf8.RuneStart(new[p]) ||
		old[p-1] == '\r' && (p < len(old) && old[p] == '\n' || p < len(new) && new[p] == '\n')) {
		p--
	}
	q := 0
	for q < len(old)-p && q < len(new)-p && old[len(old)-1-q] == new[len(new)-1-q] {
		q++
	}
	oe, ne := len(old)-q, len(new)-q
	for oe < len(old) && (!utf8.RuneStart(old[oe]) || oe > 0 && old[oe-1] == '\r' && old[oe] == '\n') {
		oe++
		ne++
	}
	return rules.Edit{Range: dockerfile.Range{Start: p, End: oe}, NewText: string(new[p:ne])}
}

// executeCommand runs the server's commands.
func (s *server) executeCommand(params jsonrpc2.RawMessage) (func(context.Context) (any, error), error) {
	var p protocol.ExecuteCommandParams
	if err := protocol.Unmarshal(params, &p); err != nil {
		return nil, invalidParams(protocol.MethodWorkspaceExecuteCommand, err)
	}
	if p.Command == cmdNoop {
		return func(context.Context) (any, error) { return nil, nil }, nil
	}
	if p.Command != cmdShowRuleDoc {
		return nil, jsonrpc2.NewError(jsonrpc2.InvalidParams, "unknown command "+p.Command)
	}
	var name string
	if len(p.Arguments) == 0 || json.Unmarshal(p.Arguments[0], &name) != nil {
		return nil, jsonrpc2.NewError(jsonrpc2.InvalidParams, cmdShowRuleDoc+" takes a rule ID")
	}
	r, err := rules.Resolve(name)
	if err != nil {
		return nil, jsonrpc2.NewError(jsonrpc2.InvalidParams, err.Error())
	}
	return func(ctx context.Context) (any, error) {
		s.mu.Lock()
		show := s.caps.showDocument
		s.mu.Unlock()
		if show {
			var res protocol.ShowDocumentResult
			err := s.call(protocol.MethodWindowShowDocument, &protocol.ShowDocumentParams{URI: uri.URI(r.URL()), External: ptr(true)}, &res)
			if err == nil && res.Success {
				return nil, nil
			}
		}
		s.showMessage(protocol.MessageTypeInfo, "%s: %s. %s", r.ID, r.Doc.Title, r.URL())
		return nil, nil
	}, nil
}
