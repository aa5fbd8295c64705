package lsp

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strings"
	"sync"
	"time"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"

	"github.com/layerlint/layerlint/shellcheck"
)

// Options configure a server.
type Options struct {
	// Log receives the server's own log lines (the protocol stream never
	// does). Nil discards them. Problems worth the user's attention also go to
	// the client as window/logMessage.
	Log io.Writer
	// Version is reported in serverInfo.
	Version string

	// beforeRequest, when set, runs in a request's goroutine after the
	// request has been released from the read loop and before it is
	// computed. Tests use it to hold a request while they cancel it.
	beforeRequest func(ctx context.Context, method string)
	// afterLint, when set, runs in the diagnostics worker after each lint.
	afterLint func()
	// beforeLint, when set, runs in the diagnostics worker before a
	// document is linted.
	beforeLint func(uri string)
	// started, when set, receives the server before it reads anything.
	started func(*server)
}

// Exit codes of Serve, as the LSP specification prescribes for "exit".
const (
	ExitOK    = 0 // exit after shutdown
	ExitError = 1 // exit without shutdown, or the connection ended without exit
)

// lifecycle states
const (
	stateNew          = iota // waiting for initialize
	stateInitialized         // initialize answered
	stateShuttingDown        // shutdown answered; only exit is accepted
)

// server is one language-server session over one connection.
type server struct {
	opts Options
	conn jsonrpc2.Conn
	ctx  context.Context // lives as long as Serve

	mu       sync.Mutex
	state    int
	caps     clientCaps
	folders  []folder
	settings settingsState
	inflight map[jsonrpc2.ID]context.CancelFunc

	docs     *docStore
	sched    *scheduler
	contexts *contextCache
	files    *configFiles
	hints    *cacheHints // the editor half of `layerlint cache`

	shellOnce sync.Once
	shell     *shellcheck.Checker

	exitOnce sync.Once
	exitCode chan int

	configReady     chan struct{} // closed once the first workspace/configuration answer arrived (or none is coming)
	configReadyOnce sync.Once
}

// Serve runs a language server reading requests from in and writing
// responses to out until the client sends "exit", the input ends or ctx is
// cancelled. It returns the process exit code: ExitOK when "exit" followed
// "shutdown", ExitError otherwise. If in or out is an io.Closer it is closed
// at the end.
func Serve(ctx context.Context, in io.Reader, out io.Writer, opts Options) int {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	s := &server{
		opts:        opts,
		ctx:         ctx,
		inflight:    map[jsonrpc2.ID]context.CancelFunc{},
		docs:        newDocStore(),
		contexts:    newContextCache(),
		files:       newConfigFiles(),
		hints:       newCacheHints(),
		exitCode:    make(chan int, 1),
		configReady: make(chan struct{}),
	}
	s.settings.init()
	s.sched = newScheduler(s)
	if opts.started != nil {
		opts.started(s)
	}
	st := newStream(in, out, closers(in, out), func(msg string) { s.logf("protocol: %s", msg) })
	s.conn = jsonrpc2.NewConn(st, jsonrpc2.WithCodec(codec{}))
	s.conn.Go(ctx, s.handle)
	go s.sched.run(ctx)

	code := ExitError
	select {
	case code = <-s.exitCode:
	case <-s.conn.Done():
		s.logf("the client closed the connection without exit")
		select { // an exit handled just before the end of input still counts
		case code = <-s.exitCode:
		default:
		}
	case <-ctx.Done():
	}
	cancel()
	s.cancelAll()
	select { // a lint in progress is not interruptible; do not wait long for it
	case <-s.sched.done:
	case <-time.After(time.Second):
	}
	st.flush(time.Second) // what was answered before exit reaches the client
	// Close drains handlers and closes the stream. A reader blocked on a
	// terminal or pipe that cannot be interrupted must not hold the exit up.
	closed := make(chan struct{})
	go func() { _ = s.conn.Close(); close(closed) }()
	select {
	case <-closed:
	case <-time.After(time.Second):
		s.logf("connection did not close within 1s; exiting anyway")
	}
	return code
}

func closers(in io.Reader, out io.Writer) io.Closer {
	var cs multiCloser
	if c, ok := in.(io.Closer); ok && in != io.Reader(os.Stdin) {
		cs = append(cs, c)
	}
	if c, ok := out.(io.Closer); ok && out != io.Writer(os.Stdout) {
		cs = append(cs, c)
	}
	return cs
}

type multiCloser []io.Closer

func (m multiCloser) Close() error {
	var errs []error
	for _, c := range m {
		errs = append(errs, c.Close())
	}
	return errors.Join(errs...)
}

// logf writes one line to the server log.
func (s *server) logf(format string, args ...any) {
	if s.opts.Log == nil {
		return
	}
	msg := fmt.Sprintf(format, args...)
	fmt.Fprintf(s.opts.Log, "%s layerlint lsp: %s\n", time.Now().Format("15:04:05.000"), strings.TrimRight(msg, "\n"))
}

// clientLog sends window/logMessage (never waits) and logs locally.
func (s *server) clientLog(typ protocol.MessageType, format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	s.logf("%s", msg)
	_ = s.conn.Notify(s.ctx, protocol.MethodWindowLogMessage, &protocol.LogMessageParams{Type: typ, Message: msg})
}

// showMessage sends window/showMessage (never waits).
func (s *server) showMessage(typ protocol.MessageType, format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	s.logf("%s", msg)
	_ = s.conn.Notify(s.ctx, protocol.MethodWindowShowMessage, &protocol.ShowMessageParams{Type: typ, Message: msg})
}

// reportPanic logs a recovered panic to the client and the server log.
func (s *server) reportPanic(where string, r any) {
	stack := string(debug.Stack())
	s.clientLog(protocol.MessageTypeError, "internal error in %s: %v (please report this bug)\n%s", where, r, stack)
}

// handle is the connection's handler. It runs on the read loop, so every
// message is seen in arrival order: notifications are applied inline (they
// are cheap: store text, mark the document for linting), requests capture
// what they read inline and then release the read loop to compute.
func (s *server) handle(ctx context.Context, req *jsonrpc2.Request) (result any, err error) {
	method := strings.Clone(req.Method())
	isCall := req.IsCall()
	defer func() {
		if r := recover(); r != nil {
			s.reportPanic(method, r)
			result, err = nil, nil
			if isCall {
				err = jsonrpc2.NewError(jsonrpc2.InternalError, fmt.Sprintf("internal error in %s: %v", method, r))
			}
		}
	}()
	if !isCall {
		s.notification(ctx, method, req.Params())
		return nil, nil
	}
	return s.request(ctx, req, method)
}

func (s *server) getState() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.state
}

// notification handles one notification. Errors are logged, never returned:
// a notification handler's error would end the connection.
func (s *server) notification(ctx context.Context, method string, params jsonrpc2.RawMessage) {
	switch method {
	case protocol.MethodExit:
		s.exit()
		return
	case protocol.MethodCancelRequest:
		s.cancelRequest(params)
		return
	}
	switch s.getState() {
	case stateNew:
		return // the specification: drop notifications before initialize
	case stateShuttingDown:
		return
	}
	h, ok := notificationHandlers[method]
	if !ok {
		if !strings.HasPrefix(method, "$/") {
			s.logf("ignoring notification %s", method)
		}
		return
	}
	if err := h(s, ctx, params); err != nil {
		s.clientLog(protocol.MessageTypeError, "%s: %v", method, err)
	}
}

// notificationHandlers apply one notification each, inline on the read loop.
var notificationHandlers map[string]func(s *server, ctx context.Context, params jsonrpc2.RawMessage) error

// requestFunc decodes a request and captures what it needs inline on the read
// loop; the returned compute function runs after the read loop was released.
type requestFunc func(s *server, params jsonrpc2.RawMessage) (compute func(ctx context.Context) (any, error), err error)

var requestHandlers map[string]requestFunc

func init() {
	notificationHandlers = map[string]func(*server, context.Context, jsonrpc2.RawMessage) error{
		protocol.MethodInitialized:                        (*server).initialized,
		protocol.MethodTextDocumentDidOpen:                (*server).didOpen,
		protocol.MethodTextDocumentDidChange:              (*server).didChange,
		protocol.MethodTextDocumentDidClose:               (*server).didClose,
		protocol.MethodTextDocumentDidSave:                (*server).didSave,
		protocol.MethodWorkspaceDidChangeConfiguration:    (*server).didChangeConfiguration,
		protocol.MethodWorkspaceDidChangeWorkspaceFolders: (*server).didChangeWorkspaceFolders,
		protocol.MethodWorkspaceDidChangeWatchedFiles:     (*server).didChangeWatchedFiles,
		protocol.MethodSetTrace:                           func(*server, context.Context, jsonrpc2.RawMessage) error { return nil },
	}
	requestHandlers = map[string]requestFunc{
		protocol.MethodTextDocumentDiagnostic:     (*server).pullDiagnostics,
		protocol.MethodWorkspaceDiagnostic:        (*server).workspaceDiagnostics,
		protocol.MethodTextDocumentCodeAction:     (*server).codeAction,
		protocol.MethodTextDocumentHover:          (*server).hover,
		protocol.MethodTextDocumentDefinition:     (*server).definition,
		protocol.MethodTextDocumentDocumentSymbol: (*server).documentSymbol,
		protocol.MethodWorkspaceExecuteCommand:    (*server).executeCommand,
		protocol.MethodTextDocumentCodeLens:       (*server).codeLens,
		protocol.MethodTextDocumentDocumentLink:   (*server).documentLink,
	}
}

var (
	errNotInitialized = jsonrpc2.NewError(jsonrpc2.ServerNotInitialized, "the server is not initialized: send initialize first")
	errShuttingDown   = jsonrpc2.NewError(jsonrpc2.InvalidRequest, "the server is shutting down: only exit is accepted")
)

func invalidParams(method string, err error) error {
	return jsonrpc2.NewError(jsonrpc2.InvalidParams, fmt.Sprintf("%s: invalid params: %v", method, err))
}

// request handles one call.
func (s *server) request(ctx context.Context, req *jsonrpc2.Request, method string) (any, error) {
	switch state := s.getState(); {
	case method == protocol.MethodInitialize:
		if state != stateNew {
			return nil, jsonrpc2.NewError(jsonrpc2.InvalidRequest, "initialize was already received")
		}
		return s.initialize(req.Params())
	case state == stateNew:
		return nil, errNotInitialized
	case state == stateShuttingDown:
		return nil, errShuttingDown
	case method == protocol.MethodShutdown:
		s.mu.Lock()
		s.state = stateShuttingDown
		s.mu.Unlock()
		return nil, nil
	}
	h, ok := requestHandlers[method]
	if !ok {
		return nil, jsonrpc2.NewError(jsonrpc2.MethodNotFound, fmt.Sprintf("method not found: %s", method))
	}
	compute, err := h(s, req.Params())
	if err != nil {
		return nil, err
	}
	id := req.ID()
	cctx, cancel := context.WithCancel(ctx)
	s.mu.Lock()
	s.inflight[id] = cancel
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		delete(s.inflight, id)
		s.mu.Unlock()
		cancel()
	}()
	jsonrpc2.Async(ctx) // from here on the read loop goes on without us
	if s.opts.beforeRequest != nil {
		s.opts.beforeRequest(cctx, method)
	}
	if cctx.Err() != nil {
		return nil, protocol.ErrRequestCancelled
	}
	res, err := compute(cctx)
	if cctx.Err() != nil {
		return nil, protocol.ErrRequestCancelled
	}
	return res, err
}

// cancelRequest handles $/cancelRequest: the named request, if still running,
// answers RequestCancelled.
func (s *server) cancelRequest(params jsonrpc2.RawMessage) {
	var p protocol.CancelParams
	if err := protocol.Unmarshal(params, &p); err != nil {
		s.logf("$/cancelRequest: %v", err)
		return
	}
	var id jsonrpc2.ID
	switch v := p.ID.(type) {
	case protocol.Integer:
		id = jsonrpc2.NewNumberID(int64(v))
	case protocol.String:
		id = jsonrpc2.NewStringID(string(v))
	default:
		return
	}
	s.mu.Lock()
	cancel := s.inflight[id]
	s.mu.Unlock()
	if cancel != nil {
		cancel()
	}
}

func (s *server) cancelAll() {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, c := range s.inflight {
		c()
	}
}

// exit handles the exit notification.
func (s *server) exit() {
	code := ExitError
	if s.getState() == stateShuttingDown {
		code = ExitOK
	}
	s.exitOnce.Do(func() { s.exitCode <- code })
}

// call sends a request to the client and waits for its answer. It must never
// run on the read loop: the answer is read there.
func (s *server) call(method string, params, result any) error {
	ctx, cancel := context.WithTimeout(s.ctx, 30*time.Second)
	defer cancel()
	_, err := s.conn.Call(ctx, method, params, result)
	return err
}
