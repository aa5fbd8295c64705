package lsp

import (
	"bytes"
	"context"
	"fmt"
	"path"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/go-json-experiment/json/jsontext"
	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"

	"github.com/layerlint/layerlint/dockerfile"
)

// docKind says how a document is checked.
type docKind int

const (
	kindDockerfile   docKind = iota
	kindDockerignore         // .dockerignore and friends: no rule checks them yet
)

// document is one version of an open document. It never changes: an edit
// makes a new document. What is derived from the text (line index, parse,
// lint) is computed at most once per version, on first use.
type document struct {
	key     uri.URI // canonical URI, the store's key
	uri     uri.URI // the URI exactly as the client sent it, echoed in every answer
	path    string  // decoded file path, "" for other schemes
	version int32
	lang    string
	kind    docKind
	text    []byte
	enc     Encoding

	mapOnce   sync.Once
	m         *Mapper
	parseOnce sync.Once
	// file is the model once parsed (parsed), which the next version also
	// reparses from; base is an earlier version's model this one reparses
	// from (dropped once parsed). Both atomic: the next version reads them
	// while this one may be parsing.
	file   atomic.Pointer[dockerfile.File]
	base   atomic.Pointer[dockerfile.File]
	lint   atomic.Pointer[lintResult]
	lintMu sync.Mutex // held while linting
}

func (d *document) mapper() *Mapper {
	d.mapOnce.Do(func() { d.m = NewMapper(d.text, d.enc) })
	return d.m
}

// parsed returns the Dockerfile model of this version.
func (d *document) parsed() *dockerfile.File {
	d.parseOnce.Do(func() {
		name := d.path
		if name == "" {
			name = string(d.uri)
		}
		// the unchanged beginning of the text keeps the earlier version's
		// parse (dockerfile.Reparse gives the same model as Parse)
		d.file.Store(dockerfile.Reparse(d.base.Swap(nil), name, d.text))
	})
	return d.file.Load()
}

// reparseBase returns the latest model a next version can reparse from:
// this version's when parsed, else the one this version would have used.
func (d *document) reparseBase() *dockerfile.File {
	if f := d.file.Load(); f != nil {
		return f
	}
	return d.base.Load()
}

func kindOf(p, lang string) docKind {
	base := strings.ToLower(path.Base(p))
	switch {
	case lang == "ignore" || lang == "dockerignore",
		base == ".dockerignore", base == ".containerignore",
		strings.HasSuffix(base, ".dockerignore"), strings.HasSuffix(base, ".containerignore"):
		return kindDockerignore
	}
	return kindDockerfile
}

// docStore holds the latest version of every open document.
type docStore struct {
	mu   sync.Mutex
	docs map[uri.URI]*document
	enc  Encoding
}

func newDocStore() *docStore { return &docStore{docs: map[uri.URI]*document{}} }

func (st *docStore) setEncoding(e Encoding) {
	st.mu.Lock()
	st.enc = e
	st.mu.Unlock()
}

func (st *docStore) get(key uri.URI) *document {
	st.mu.Lock()
	defer st.mu.Unlock()
	return st.docs[key]
}

func (st *docStore) put(d *document) {
	st.mu.Lock()
	st.docs[d.key] = d
	st.mu.Unlock()
}

func (st *docStore) remove(key uri.URI) bool {
	st.mu.Lock()
	defer st.mu.Unlock()
	_, ok := st.docs[key]
	delete(st.docs, key)
	return ok
}

func (st *docStore) uris() []uri.URI {
	st.mu.Lock()
	defer st.mu.Unlock()
	us := make([]uri.URI, 0, len(st.docs))
	for u := range st.docs {
		us = append(us, u)
	}
	return us
}

// rawDocumentURI returns params.textDocument.uri exactly as sent. The
// protocol decoder canonicalises URIs (file:///C:/x becomes file:///c%3A/x),
// and a client matches diagnostics to buffers by comparing strings, so the
// server answers with the client's own spelling. It stops reading at the URI,
// which clients send before the text.
func rawDocumentURI(params []byte) (string, bool) {
	dec := jsontext.NewDecoder(bytes.NewReader(params), jsontext.AllowInvalidUTF8(true), jsontext.AllowDuplicateNames(true))
	if tok, err := dec.ReadToken(); err != nil || tok.Kind() != '{' {
		return "", false
	}
	for dec.PeekKind() == '"' {
		name, err := dec.ReadToken()
		if err != nil {
			return "", false
		}
		if name.String() != "textDocument" || dec.PeekKind() != '{' {
			if dec.SkipValue() != nil {
				return "", false
			}
			continue
		}
		if _, err := dec.ReadToken(); err != nil {
			return "", false
		}
		for dec.PeekKind() == '"' {
			key, err := dec.ReadToken()
			if err != nil {
				return "", false
			}
			if key.String() == "uri" && dec.PeekKind() == '"' {
				v, err := dec.ReadToken()
				if err != nil {
					return "", false
				}
				return v.String(), true
			}
			if dec.SkipValue() != nil {
				return "", false
			}
		}
		return "", false
	}
	return "", false
}

func filePath(u uri.URI) string {
	if u.IsFile() {
		return u.Path()
	}
	return ""
}

func (s *server) didOpen(_ context.Context, params jsonrpc2.RawMessage) error {
	var p protocol.DidOpenTextDocumentParams
	if err := protocol.Unmarshal(params, &p); err != nil {
		return err
	}
	item := p.TextDocument
	d := &document{
		key:     item.URI,
		uri:     item.URI,
		path:    filePath(item.URI),
		version: item.Version,
		lang:    string(item.LanguageID),
		text:    []byte(item.Text),
	}
	if raw, ok := rawDocumentURI(params); ok && raw != "" {
		d.uri = uri.URI(raw)
	}
	name := d.path
	if name == "" {
		name = item.URI.Path()
	}
	d.kind = kindOf(name, d.lang)
	s.docs.mu.Lock()
	d.enc = s.docs.enc
	s.docs.docs[d.key] = d
	s.docs.mu.Unlock()
	s.sched.mark(d.key, 0)
	s.ignoreEdited(d)
	return nil
}

func (s *server) didChange(_ context.Context, params jsonrpc2.RawMessage) error {
	var p protocol.DidChangeTextDocumentParams
	if err := protocol.Unmarshal(params, &p); err != nil {
		return err
	}
	old := s.docs.get(p.TextDocument.URI)
	if old == nil {
		return fmt.Errorf("change to a document that is not open: %s", p.TextDocument.URI)
	}
	text, err := applyChanges(old, p.ContentChanges)
	if err != nil {
		return fmt.Errorf("%s: %w", old.uri, err)
	}
	d := &document{
		key: old.key, uri: old.uri, path: old.path, lang: old.lang, kind: old.kind, enc: old.enc,
		version: p.TextDocument.Version,
		text:    text,
	}
	if d.kind == kindDockerfile {
		d.base.Store(old.reparseBase())
	}
	if len(p.ContentChanges) == 0 {
		d.mapOnce.Do(func() { d.m = old.mapper() })
	}
	s.docs.put(d)
	cfg := s.configFor(d)
	s.sched.mark(d.key, cfg.delay)
	s.ignoreEdited(d)
	return nil
}

// applyChanges applies content changes in order to a copy of old's text.
// Ranges out of bounds are clamped to the text.
func applyChanges(old *document, changes []protocol.TextDocumentContentChangeEvent) ([]byte, error) {
	text := old.text
	m := old.mapper()
	for i, ch := range changes {
		switch c := ch.(type) {
		case *protocol.TextDocumentContentChangeWholeDocument:
			text = []byte(c.Text)
		case *protocol.TextDocumentContentChangePartial:
			if i > 0 {
				m = NewMapper(text, old.enc)
			}
			start, end := m.OffsetRange(c.Range)
			next := make([]byte, 0, len(text)-(end-start)+len(c.Text))
			next = append(next, text[:start]...)
			next = append(next, c.Text...)
			next = append(next, text[end:]...)
			text = next
		case nil:
			return nil, fmt.Errorf("content change %d is null", i)
		default:
			return nil, fmt.Errorf("content change %d has an unknown shape", i)
		}
	}
	return text, nil
}

func (s *server) didClose(_ context.Context, params jsonrpc2.RawMessage) error {
	var p protocol.DidCloseTextDocumentParams
	if err := protocol.Unmarshal(params, &p); err != nil {
		return err
	}
	d := s.docs.get(p.TextDocument.URI)
	if s.docs.remove(p.TextDocument.URI) {
		s.sched.mark(p.TextDocument.URI, 0) // the worker clears what it published
		s.ignoreEdited(d)                   // back to the ignore file on disk
	}
	return nil
}

// didSave: the buffer is linted as it changes, so a save changes nothing
// unless the client sent a text the server has not seen.
func (s *server) didSave(_ context.Context, params jsonrpc2.RawMessage) error {
	var p protocol.DidSaveTextDocumentParams
	if err := protocol.Unmarshal(params, &p); err != nil {
		return err
	}
	old := s.docs.get(p.TextDocument.URI)
	if old != nil && old.path != "" {
		// a saved file may lie in a build context: the cache lens answers what it reruns
		s.hints.note([]string{filepath.FromSlash(old.path)})
	}
	if old == nil || p.Text == nil || *p.Text == string(old.text) {
		return nil
	}
	d := &document{key: old.key, uri: old.uri, path: old.path, lang: old.lang, kind: old.kind, enc: old.enc,
		version: old.version, text: []byte(*p.Text)}
	s.docs.put(d)
	s.sched.mark(d.key, 0)
	return nil
}

// snapshot returns the open document named by a request, or an error for the
// client when there is none.
func (s *server) snapshot(u uri.URI) (*document, error) {
	d := s.docs.get(u)
	if d == nil {
		return nil, jsonrpc2.NewError(jsonrpc2.InvalidParams, fmt.Sprintf("document not open: %s", u))
	}
	return d, nil
}
