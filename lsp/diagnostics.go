package lsp

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"github.com/go-json-experiment/json/jsontext"
	"hash/fnv"
	"os"
	"path/filepath"
	"sync"
	"time"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"

	"github.com/layerlint/layerlint/ctxscan"
	"github.com/layerlint/layerlint/rules"
)

// lintResult is the diagnostics of one document version under one config.
type lintResult struct {
	cfg   *config
	cx    *ctxscan.Context // the build context the context rules saw; nil: none
	diags []rules.Diagnostic
	items []protocol.Diagnostic // never nil
	wire  []byte                // items as JSON: compared to skip unchanged publishes
}

// resultID names a pull result; equal content gives an equal ID.
func (r *lintResult) resultID() string {
	h := fnv.New64a()
	h.Write(r.wire)
	return fmt.Sprintf("%016x", h.Sum64())
}

// analyze lints d under cfg with the build context cx (nil: none yet), at
// most once per (version, config, context).
func (s *server) analyze(d *document, cfg *config, cx *ctxscan.Context) *lintResult {
	if r := d.lint.Load(); r != nil && r.cfg == cfg && r.cx == cx {
		return r
	}
	// one lint at a time per version: a request that needs it waits for the
	// worker's rather than linting the same text again
	d.lintMu.Lock()
	defer d.lintMu.Unlock()
	if r := d.lint.Load(); r != nil && r.cfg == cfg && r.cx == cx {
		return r
	}
	var diags []rules.Diagnostic
	var items []protocol.Diagnostic
	switch d.kind {
	case kindDockerfile:
		diags = rules.LintContext(d.parsed(), &cfg.rules, cx)
		items = s.toProtocol(d, diags)
	case kindDockerignore:
		items = ignoreFileDiagnostics(d)
	}
	r := &lintResult{cfg: cfg, cx: cx, diags: diags, items: items}
	r.wire, _ = protocol.Marshal(r.items)
	if len(r.items) == 0 {
		r.wire = []byte("[]") // an array, never null: it is sent as it is
	}
	d.lint.Store(r)
	return r
}

// diagnosticData travels in Diagnostic.data: the rule, the document version
// the diagnostic was computed for, and its fixes as LSP edits, so that a
// client (or the server, on textDocument/codeAction) can build the quick
// fixes without linting again.
type diagnosticData struct {
	Rule    string    `json:"rule"`
	Version int32     `json:"version"`
	Fixes   []fixData `json:"fixes,omitempty"`
}

type fixData struct {
	Title string     `json:"title"`
	Safe  bool       `json:"safe"`
	Edits []editData `json:"edits"`
}

// editData is a protocol.TextEdit of the document, or, when URI is set, of
// another file (the build context's ignore file), in whose text Range lies:
// its open buffer, else the file on disk. Create says that file does not
// exist yet: NewText is its content, at 0:0.
type editData struct {
	URI     uri.URI        `json:"uri,omitempty"`
	Create  bool           `json:"create,omitempty"`
	Range   protocol.Range `json:"range"`
	NewText string         `json:"newText"`
}

func severity(s rules.Severity) protocol.DiagnosticSeverity {
	switch s {
	case rules.SeverityError:
		return protocol.DiagnosticSeverityError
	case rules.SeverityWarning:
		return protocol.DiagnosticSeverityWarning
	case rules.SeverityInfo:
		return protocol.DiagnosticSeverityInformation
	}
	return protocol.DiagnosticSeverityHint
}

// toProtocol converts findings to LSP diagnostics. The edits of other files
// in their fixes are placed in those files' open buffers, or on disk.
func (s *server) toProtocol(d *document, diags []rules.Diagnostic) []protocol.Diagnostic {
	items := make([]protocol.Diagnostic, 0, len(diags))
	if len(diags) == 0 {
		return items
	}
	m := d.mapper()
	pl := &editPlacer{d: d, m: m, text: s.otherText}
	for _, g := range diags {
		items = append(items, toProtocolIn(d, m, g, pl))
	}
	return items
}

func toProtocolIn(d *document, m *Mapper, g rules.Diagnostic, pl *editPlacer) protocol.Diagnostic {
	pd := protocol.Diagnostic{
		Range:    m.Range(g.Range),
		Severity: severity(g.Severity),
		Code:     protocol.String(g.Rule),
		Source:   protocol.NewOptional("layerlint"),
		Message:  protocol.String(g.Message),
	}
	if g.URL != "" {
		pd.CodeDescription = protocol.CodeDescription{Href: uri.URI(g.URL)}
	}
	for _, r := range g.Related {
		pd.RelatedInformation = append(pd.RelatedInformation, protocol.DiagnosticRelatedInformation{
			Location: protocol.Location{URI: d.uri, Range: m.Range(r.Range)},
			Message:  r.Message,
		})
	}
	data := diagnosticData{Rule: g.Rule, Version: d.version}
	for _, f := range g.Fixes {
		fd := fixData{Title: f.Title, Safe: f.Safe, Edits: make([]editData, 0, len(f.Edits))}
		for _, e := range f.Edits {
			fd.Edits = append(fd.Edits, pl.place(e))
		}
		data.Fixes = append(data.Fixes, fd)
	}
	pd.Data, _ = json.Marshal(data)
	return pd
}

// editPlacer converts the edits of fixes found in document d: an edit of d
// with its mapper m, an edit of another file (rules.Edit.File, an absolute
// path) in that file's text as text finds it, read once per file; a file
// to create is empty, so its edit is at 0:0.
type editPlacer struct {
	d     *document
	m     *Mapper
	text  func(path string) (uri.URI, []byte)
	files map[string]placedFile
}

type placedFile struct {
	uri uri.URI
	m   *Mapper
}

func (pl *editPlacer) place(e rules.Edit) editData {
	if e.File == "" {
		return editData{Range: pl.m.Range(e.Range), NewText: e.NewText}
	}
	f, ok := pl.files[e.File]
	if !ok {
		u, text := pl.text(e.File)
		f = placedFile{uri: u, m: NewMapper(text, pl.d.enc)}
		if pl.files == nil {
			pl.files = map[string]placedFile{}
		}
		pl.files[e.File] = f
	}
	ed := editData{URI: f.uri, Create: e.Create, Range: f.m.Range(e.Range), NewText: e.NewText}
	if e.Create {
		ed.Range = protocol.Range{}
	}
	return ed
}

// otherText returns the URI and text of the file at path, which is not the
// document: the client's open buffer of it, with the URI as the client
// spells it, else the file on disk (no text when it cannot be read).
func (s *server) otherText(path string) (uri.URI, []byte) {
	for _, u := range s.docs.uris() {
		if od := s.docs.get(u); od != nil && od.path != "" && samePath(filepath.FromSlash(od.path), path) {
			return od.uri, od.text
		}
	}
	return diskText(path)
}

// diskText returns the URI and text of the file at path as it is on disk.
func diskText(path string) (uri.URI, []byte) {
	b, _ := os.ReadFile(path)
	return uri.File(path), b
}

// samePath reports whether the path of an open document names the file at
// path, whose directory has its symbolic links resolved (as the build
// context names its files) while the document's may not.
func samePath(doc, path string) bool {
	if doc == path {
		return true
	}
	if filepath.Base(doc) != filepath.Base(path) {
		return false
	}
	dir, err := filepath.EvalSymlinks(filepath.Dir(doc))
	return err == nil && filepath.Join(dir, filepath.Base(doc)) == path
}

// scheduler runs the lint-and-publish workers. Edits mark a document due
// (after the configured delay; a later edit moves the deadline); due
// documents are linted on their latest version, each in its own goroutine
// but never two lints of one document at once, so a huge document does not
// hold up the others. Edits that arrive while a document is being linted are
// coalesced into its next lint, and the result of a lint whose version was
// superseded meanwhile is dropped.
type scheduler struct {
	s       *server
	mu      sync.Mutex
	due     map[uri.URI]time.Time
	running map[uri.URI]bool
	wake    chan struct{}
	done    chan struct{}
	wg      sync.WaitGroup

	published map[uri.URI]published // what the client shows; guarded by mu
}

type published struct {
	uri     uri.URI // as the client spells it
	version int32
	wire    []byte
}

func newScheduler(s *server) *scheduler {
	return &scheduler{
		s:         s,
		due:       map[uri.URI]time.Time{},
		running:   map[uri.URI]bool{},
		wake:      make(chan struct{}, 1),
		done:      make(chan struct{}),
		published: map[uri.URI]published{},
	}
}

// mark makes a document due for linting after delay.
func (q *scheduler) mark(key uri.URI, delay time.Duration) {
	at := time.Now().Add(delay)
	q.mu.Lock()
	q.due[key] = at
	q.mu.Unlock()
	q.poke()
}

func (q *scheduler) poke() {
	select {
	case q.wake <- struct{}{}:
	default:
	}
}

// configWait bounds how long the first lint waits for the client's settings.
const configWait = 250 * time.Millisecond

func (q *scheduler) run(ctx context.Context) {
	defer close(q.done)
	defer q.wg.Wait()
	// The first lint waits (briefly) for the settings the client will send,
	// so that a rule disabled in the settings never flashes on open.
	select {
	case <-q.s.configReady:
	case <-time.After(configWait):
	case <-ctx.Done():
		return
	}
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	for {
		now := time.Now()
		var next time.Time
		q.mu.Lock()
		for u, at := range q.due {
			switch {
			case q.running[u]:
				// picked up again when the running lint ends
			case !at.After(now):
				delete(q.due, u)
				q.running[u] = true
				q.wg.Add(1)
				go q.lint(ctx, u)
			case next.IsZero() || at.Before(next):
				next = at
			}
		}
		q.mu.Unlock()
		if !next.IsZero() {
			timer.Reset(time.Until(next))
		}
		select {
		case <-ctx.Done():
			timer.Stop()
			return
		case <-q.wake:
		case <-timer.C:
		}
		timer.Stop()
	}
}

func (q *scheduler) lint(ctx context.Context, key uri.URI) {
	defer q.wg.Done()
	defer func() {
		q.mu.Lock()
		delete(q.running, key)
		q.mu.Unlock()
		q.poke()
	}()
	if ctx.Err() == nil {
		q.lintAndPublish(ctx, key)
	}
}

func (q *scheduler) lintAndPublish(ctx context.Context, key uri.URI) {
	s := q.s
	defer func() {
		if r := recover(); r != nil {
			s.reportPanic("diagnostics for "+string(key), r)
		}
	}()
	s.mu.Lock()
	pull := s.caps.pull
	s.mu.Unlock()
	d := s.docs.get(key)
	if d == nil {
		// closed: clear what the client shows
		q.mu.Lock()
		p, ok := q.published[key]
		delete(q.published, key)
		q.mu.Unlock()
		if ok && !bytes.Equal(p.wire, []byte("[]")) {
			q.publish(ctx, &protocol.PublishDiagnosticsParams{URI: p.uri, Diagnostics: []protocol.Diagnostic{}})
		}
		return
	}
	if s.opts.beforeLint != nil {
		s.opts.beforeLint(string(d.uri))
	}
	r := s.current(d)
	if s.opts.afterLint != nil {
		s.opts.afterLint()
	}
	if pull {
		return // the result is cached for the client's next pull
	}
	if s.docs.get(key) != d {
		return // superseded while linting: the newer version is already due
	}
	q.mu.Lock()
	p, ok := q.published[key]
	same := ok && p.version == d.version && bytes.Equal(p.wire, r.wire)
	if !same {
		q.published[key] = published{uri: d.uri, version: d.version, wire: r.wire}
	}
	q.mu.Unlock()
	if same {
		return // nothing new to show
	}
	// the diagnostics are already encoded (r.wire): send them as they are
	q.publish(ctx, &publishParams{URI: d.uri, Version: d.version, Diagnostics: jsontext.Value(r.wire)})
}

// publishParams is protocol.PublishDiagnosticsParams with the diagnostics
// already encoded.
type publishParams struct {
	URI         uri.URI        `json:"uri"`
	Version     int32          `json:"version"`
	Diagnostics jsontext.Value `json:"diagnostics"`
}

func (q *scheduler) publish(ctx context.Context, p any) {
	if err := q.s.conn.Notify(ctx, protocol.MethodTextDocumentPublishDiagnostics, p); err != nil {
		q.s.logf("publishDiagnostics: %v", err)
	}
}

// pullDiagnostics answers textDocument/diagnostic (clients that pull).
func (s *server) pullDiagnostics(params jsonrpc2.RawMessage) (func(context.Context) (any, error), error) {
	var p protocol.DocumentDiagnosticParams
	if err := protocol.Unmarshal(params, &p); err != nil {
		return nil, invalidParams(protocol.MethodTextDocumentDiagnostic, err)
	}
	d := s.docs.get(p.TextDocument.URI)
	prev := p.PreviousResultID
	return func(ctx context.Context) (any, error) {
		if d == nil {
			return &protocol.RelatedFullDocumentDiagnosticReport{
				FullDocumentDiagnosticReport: protocol.FullDocumentDiagnosticReport{Kind: "full", Items: []protocol.Diagnostic{}},
			}, nil
		}
		r := s.current(d)
		id := r.resultID()
		if prev != nil && *prev == id {
			return &protocol.RelatedUnchangedDocumentDiagnosticReport{
				UnchangedDocumentDiagnosticReport: protocol.UnchangedDocumentDiagnosticReport{Kind: "unchanged", ResultID: id},
			}, nil
		}
		return &protocol.RelatedFullDocumentDiagnosticReport{
			FullDocumentDiagnosticReport: protocol.FullDocumentDiagnosticReport{Kind: "full", ResultID: &id, Items: r.items},
		}, nil
	}, nil
}

// current returns d's lint under the settings and build context in force.
func (s *server) current(d *document) *lintResult {
	return s.analyze(d, s.configFor(d), s.buildContext(d))
}

// diagnosticsAt returns the findings of d's current lint whose range holds
// or touches [start, end].
func (s *server) diagnosticsAt(d *document, start, end int) []rules.Diagnostic {
	r := s.current(d)
	var out []rules.Diagnostic
	for _, g := range r.diags {
		if g.Range.Start <= end && start <= max(g.Range.End, g.Range.Start) {
			out = append(out, g)
		}
	}
	return out
}

// ignoreFileDiagnostics reports what Docker rejects in an ignore file (the
// build fails): a line it cannot read, a pattern that fails when evaluated.
// What the Dockerfile's rules find about the ignore file is reported in the
// Dockerfile, at the COPY that reads the context.
func ignoreFileDiagnostics(d *document) []protocol.Diagnostic {
	items := []protocol.Diagnostic{}
	name := d.path
	if name == "" {
		name = string(d.uri)
	}
	m := d.mapper()
	lineRange := func(n int) protocol.Range {
		start := m.Offset(protocol.Position{Line: uint32(n - 1)})
		end := m.Offset(protocol.Position{Line: uint32(n - 1), Character: 1 << 30})
		return protocol.Range{Start: m.Position(start), End: m.Position(end)}
	}
	add := func(line int, msg string) {
		items = append(items, protocol.Diagnostic{
			Range:    lineRange(max(line, 1)),
			Severity: protocol.DiagnosticSeverityError,
			Source:   protocol.NewOptional("layerlint"),
			Message:  protocol.String(msg),
		})
	}
	f, err := ctxscan.ParseIgnore(name, d.text)
	var le *ctxscan.LineError
	if errors.As(err, &le) {
		add(le.Line, fmt.Sprintf("Docker rejects this line, so every build with this context fails: %v", le.Err))
	} else if err != nil {
		add(1, err.Error())
	}
	if f != nil {
		for _, l := range f.Lines {
			if l.MatchErr != nil {
				add(l.Line, fmt.Sprintf("this pattern cannot be compiled; the build fails when it is evaluated: %v", l.MatchErr))
			}
		}
	}
	return items
}
