package lsp

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"

	"github.com/layerlint/layerlint/ctxscan"
)

// The build context tier. A Dockerfile on disk gets the directory it sits in
// as its build context (what `docker build -f Dockerfile <its dir>` sends),
// unless the configuration file's contexts setting maps it elsewhere.
// Scanning it walks the directory, so it runs in the background: until the
// scan is ready the document is linted without the context rules, then
// re-linted with them. Scans are cached per (context directory, Dockerfile)
// and shared by every document using them; a file change the client reports
// (workspace/didChangeWatchedFiles, whose watcher the server registers) or an
// edit of an open ignore file makes the scan stale, and the next lint starts
// a new one. Content digests are cached across scans, so a rescan rehashes
// only what changed. Untitled documents and files outside the file system
// get no context rules, and neither do files outside the workspace folders.

// ctxKey names one scan.
type ctxKey struct {
	dir        string // the context directory
	dockerfile string // the Dockerfile's path (for <Dockerfile>.dockerignore)
}

// ctxScan is one scan, pending until ready is closed.
type ctxScan struct {
	key     ctxKey
	ready   chan struct{}
	started time.Time
	cx      *ctxscan.Context // nil when the scan failed
	err     error
	stale   bool
	prev    *ctxScan // the ready scan this one replaces, used until it is ready
}

// contextTTL is how old a scan may get when the client cannot report file
// changes.
const contextTTL = 30 * time.Second

type contextCache struct {
	mu      sync.Mutex
	scans   map[ctxKey]*ctxScan
	digests *ctxscan.DigestCache
	// ttl, when positive, makes scans older than it stale: for clients that
	// cannot report file changes.
	ttl time.Duration
}

func newContextCache() *contextCache {
	return &contextCache{scans: map[ctxKey]*ctxScan{}, digests: ctxscan.NewDigestCache()}
}

// contextKey returns the scan a document uses, ok false when it has none:
// the context directory the configuration file's contexts setting gives, or
// the Dockerfile's directory.
func (s *server) contextKey(d *document) (ctxKey, bool) {
	if d.path == "" || d.kind != kindDockerfile {
		return ctxKey{}, false
	}
	cfg := s.configFor(d)
	if !cfg.buildContext {
		return ctxKey{}, false
	}
	s.mu.Lock()
	inFolder := s.folderOf(d) != nil
	s.mu.Unlock()
	if !inFolder {
		return ctxKey{}, false // a file outside the workspace: no context rules
	}
	p := filepath.FromSlash(d.path)
	dir := filepath.Dir(p)
	if cd := s.editorContextFor(d); cd != "" {
		dir = cd // the editor's contexts setting
	} else if cfg.file != nil {
		if cd, ok := cfg.file.ContextFor(p); ok {
			dir = cd
		}
	}
	if home, err := os.UserHomeDir(); err == nil && dir == filepath.Clean(home) || dir == filepath.Dir(dir) {
		// a context that is the home directory or the root: scanning it
		// would read the whole home or disk; no context rules there
		return ctxKey{}, false
	}
	return ctxKey{dir: dir, dockerfile: p}, true
}

// buildContext returns the scanned context of d, starting a scan when there
// is none (or it is stale). It never waits: while the first scan runs it
// returns nil, while a rescan runs the previous result, and the documents
// using it are re-linted when the scan is ready.
func (s *server) buildContext(d *document) *ctxscan.Context {
	key, ok := s.contextKey(d)
	if !ok {
		return nil
	}
	c := s.contexts
	c.mu.Lock()
	defer c.mu.Unlock()
	sc := c.scans[key]
	if sc != nil && c.ttl > 0 && time.Since(sc.started) > c.ttl {
		sc.stale = true
	}
	// one scan at a time per context: a scan made stale while it runs is
	// redone when it ends (its documents are re-linted then)
	if sc == nil || sc.stale && sc.latest() == sc {
		fresh := &ctxScan{key: key, ready: make(chan struct{}), started: time.Now()}
		if sc != nil {
			fresh.prev = sc.latest()
		}
		c.scans[key] = fresh
		go s.scan(fresh)
		sc = fresh
	}
	if r := sc.latest(); r != nil {
		return r.cx
	}
	return nil
}

// latest returns sc when it is ready, else the scan it replaces (nil when
// there is none).
func (sc *ctxScan) latest() *ctxScan {
	select {
	case <-sc.ready:
		return sc
	default:
		return sc.prev
	}
}

// scan runs one scan and re-lints the documents that use it.
func (s *server) scan(sc *ctxScan) {
	defer func() {
		if r := recover(); r != nil {
			s.reportPanic("scanning the build context "+sc.key.dir, r)
			sc.cx, sc.err = nil, nil
		}
		close(sc.ready)
		s.contexts.mu.Lock()
		sc.prev = nil
		s.contexts.mu.Unlock()
		s.contextReady(sc)
	}()
	opts := ctxscan.Options{Dockerfile: sc.key.dockerfile, Digests: s.contexts.digests}
	if ign := s.unsavedIgnore(sc.key); ign != nil {
		opts.Ignore = ign
	}
	sc.cx, sc.err = ctxscan.Open(sc.key.dir, opts)
	if sc.err != nil {
		s.logf("build context %s: %v", sc.key.dir, sc.err)
	}
}

// contextReady re-lints the open documents that use sc, if it is still the
// current scan for its key.
func (s *server) contextReady(sc *ctxScan) {
	c := s.contexts
	c.mu.Lock()
	current := c.scans[sc.key] == sc
	c.mu.Unlock()
	if !current || s.ctx.Err() != nil {
		return
	}
	for _, u := range s.docs.uris() {
		if d := s.docs.get(u); d != nil {
			if k, ok := s.contextKey(d); ok && k == sc.key {
				s.sched.mark(u, 0)
			}
		}
	}
}

// unsavedIgnore returns the ignore file for a scan from an open (possibly
// unsaved) document: <Dockerfile>.dockerignore when open, else the context
// root's .dockerignore when open and no <Dockerfile>.dockerignore exists on
// disk. Nil means: read it from disk.
func (s *server) unsavedIgnore(key ctxKey) *ctxscan.IgnoreFile {
	per := key.dockerfile + ".dockerignore"
	root := filepath.Join(key.dir, ".dockerignore")
	var doc *document
	for _, u := range s.docs.uris() {
		d := s.docs.get(u)
		if d == nil || d.kind != kindDockerignore || d.path == "" {
			continue
		}
		switch filepath.FromSlash(d.path) {
		case per:
			doc = d
		case root:
			if _, err := os.Stat(per); err != nil && doc == nil {
				doc = d
			}
		}
	}
	if doc == nil {
		return nil
	}
	ign, err := ctxscan.ParseIgnore(filepath.FromSlash(doc.path), doc.text)
	if err != nil {
		s.logf("%s: %v", doc.path, err)
		return nil
	}
	return ign
}

// invalidate makes stale every scan whose context holds path or whose
// ignore file is path, and re-lints the documents using them.
func (s *server) invalidate(paths []string) {
	c := s.contexts
	hit := map[ctxKey]bool{}
	c.mu.Lock()
	for key, sc := range c.scans {
		for _, p := range paths {
			if p == key.dockerfile+".dockerignore" || p == key.dir || strings.HasPrefix(p, key.dir+string(filepath.Separator)) {
				sc.stale = true
				hit[key] = true
			}
		}
	}
	c.mu.Unlock()
	if len(hit) == 0 {
		return
	}
	for _, u := range s.docs.uris() {
		if d := s.docs.get(u); d != nil {
			if k, ok := s.contextKey(d); ok && hit[k] {
				s.sched.mark(u, 0)
			}
		}
	}
}

// didChangeWatchedFiles: files changed on disk.
func (s *server) didChangeWatchedFiles(_ context.Context, params jsonrpc2.RawMessage) error {
	var p protocol.DidChangeWatchedFilesParams
	if err := protocol.Unmarshal(params, &p); err != nil {
		return err
	}
	var paths []string
	configChanged := false
	for _, ch := range p.Changes {
		if fp := filePath(ch.URI); fp != "" {
			paths = append(paths, filepath.FromSlash(fp))
			configChanged = configChanged || isConfigFile(fp)
		}
	}
	if configChanged {
		s.files.reset()
		for _, u := range s.docs.uris() {
			s.sched.mark(u, 0)
		}
	}
	s.invalidate(paths)
	s.hints.note(paths)
	return nil
}

// ignoreEdited: an ignore file's buffer changed (opened, edited, closed).
func (s *server) ignoreEdited(d *document) {
	if d.kind == kindDockerignore && d.path != "" {
		s.invalidate([]string{filepath.FromSlash(d.path)})
	}
}

// registerWatchers asks the client to report file changes (all files: any
// of them may be in a build context). It calls the client: run it in a
// goroutine.
func (s *server) registerWatchers() {
	opts, _ := protocol.Marshal(&protocol.DidChangeWatchedFilesRegistrationOptions{
		Watchers: []protocol.FileSystemWatcher{{GlobPattern: protocol.Pattern("**/*")}},
	})
	err := s.call(protocol.MethodClientRegisterCapability, &protocol.RegistrationParams{
		Registrations: []protocol.Registration{{
			ID:              "layerlint-watched-files",
			Method:          protocol.MethodWorkspaceDidChangeWatchedFiles,
			RegisterOptions: opts,
		}},
	}, nil)
	if err != nil {
		s.logf("registering file watchers: %v", err)
	}
}
