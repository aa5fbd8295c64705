package lsp

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"sync"
	"time"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"
)

// maxBody is the largest message body the server reads; a larger frame is
// skipped (its bytes are discarded) and reported, and the connection goes on.
const maxBody = 64 << 20

// maxHeaderLine bounds one header line; longer lines are noise.
const maxHeaderLine = 8 << 10

// stream is a jsonrpc2.Stream with LSP's Content-Length framing that survives
// bad input. Unlike the library's header stream, which ends the connection on
// the first malformed frame, it
//
//   - skips header lines it cannot read and header blocks without a usable
//     Content-Length, resynchronising on the next blank line;
//   - answers a body that is not JSON with a ParseError response (id null), a
//     JSON value that is not a JSON-RPC message with InvalidRequest (echoing
//     its id when it has one), and goes on reading;
//   - discards bodies larger than maxBody.
//
// Only the end of the input or a read error ends the stream. Every frame body
// is read into a fresh buffer, so requests decoded from it stay valid as long
// as they are referenced.
type stream struct {
	in     *bufio.Reader
	out    io.Writer
	closer io.Closer
	warn   func(string) // reports skipped input; may be nil

	wmu     sync.Mutex
	wcond   *sync.Cond
	queue   [][]byte // frames waiting for the writer
	closing bool
	werr    error
	flushed chan struct{} // closed when the writer has stopped
}

func newStream(in io.Reader, out io.Writer, closer io.Closer, warn func(string)) *stream {
	s := &stream{in: bufio.NewReaderSize(in, 64<<10), out: out, closer: closer, warn: warn, flushed: make(chan struct{})}
	s.wcond = sync.NewCond(&s.wmu)
	go s.writeLoop()
	return s
}

func (s *stream) warnf(format string, args ...any) {
	if s.warn != nil {
		s.warn(fmt.Sprintf(format, args...))
	}
}

// Read returns the next well-formed message.
func (s *stream) Read(ctx context.Context) (jsonrpc2.Message, int64, error) {
	for {
		if err := ctx.Err(); err != nil {
			return nil, 0, err
		}
		body, n, err := s.readFrame()
		if err != nil {
			return nil, 0, err
		}
		if body == nil {
			continue // a skipped frame
		}
		msg, derr := jsonrpc2.DecodeMessage(body)
		if derr == nil {
			return msg, n, nil
		}
		s.rejectBody(ctx, body, derr)
	}
}

// readFrame reads one header block and its body. It returns a nil body with a
// nil error for a frame it skipped.
func (s *stream) readFrame() ([]byte, int64, error) {
	length := -1
	var consumed int64
	sawHeader := false
	for {
		line, err := s.readLine()
		consumed += int64(len(line))
		if err != nil {
			if errors.Is(err, io.EOF) && !sawHeader {
				return nil, consumed, io.EOF
			}
			if errors.Is(err, io.EOF) {
				err = io.ErrUnexpectedEOF
			}
			return nil, consumed, err
		}
		line = bytes.TrimRight(line, "\r\n")
		if len(line) == 0 {
			if !sawHeader {
				continue // blank lines between frames
			}
			break
		}
		sawHeader = true
		if i := bytes.Index(bytes.ToLower(line), []byte("content-length:")); i > 0 {
			// noise glued to a header (a skipped body without a line end)
			s.warnf("skipping %d bytes of noise before a header", i)
			line = line[i:]
		}
		name, value, ok := bytes.Cut(line, []byte{':'})
		if !ok {
			s.warnf("skipping a header line that is not 'Name: value' (%d bytes)", len(line))
			continue
		}
		if !bytes.EqualFold(bytes.TrimSpace(name), []byte("Content-Length")) {
			continue // Content-Type and unknown headers
		}
		n, err := strconv.ParseInt(string(bytes.TrimSpace(value)), 10, 64)
		if err != nil || n < 0 {
			s.warnf("skipping a frame with an invalid Content-Length %q", bytes.TrimSpace(value))
			length = -2
			continue
		}
		if length != -2 {
			length = int(min(n, 1<<40))
		}
	}
	if length < 0 {
		s.warnf("skipping a header block without a usable Content-Length")
		return nil, consumed, nil
	}
	if length > maxBody {
		s.warnf("skipping a %d-byte message: larger than the %d-byte limit", length, maxBody)
		m, err := io.CopyN(io.Discard, s.in, int64(length))
		consumed += m
		if err != nil {
			return nil, consumed, io.ErrUnexpectedEOF
		}
		return nil, consumed, nil
	}
	body := make([]byte, length)
	if _, err := io.ReadFull(s.in, body); err != nil {
		if errors.Is(err, io.EOF) {
			err = io.ErrUnexpectedEOF
		}
		return nil, consumed, err
	}
	return body, consumed + int64(length), nil
}

// readLine reads up to and including '\n'. A line longer than maxHeaderLine
// is consumed whole and returned truncated, so it reads as noise.
func (s *stream) readLine() ([]byte, error) {
	line, err := s.in.ReadSlice('\n')
	if err == nil {
		return bytes.Clone(line), nil
	}
	if !errors.Is(err, bufio.ErrBufferFull) {
		if len(line) > 0 && errors.Is(err, io.EOF) {
			return bytes.Clone(line), io.ErrUnexpectedEOF
		}
		return nil, err
	}
	head := bytes.Clone(line[:min(len(line), maxHeaderLine)])
	for errors.Is(err, bufio.ErrBufferFull) {
		_, err = s.in.ReadSlice('\n')
	}
	if err != nil {
		return nil, err
	}
	// drop any ':' so that the truncated line is never taken for a header
	return bytes.ReplaceAll(head, []byte{':'}, []byte{' '}), nil
}

// rejectBody answers a frame whose body is not a JSON-RPC message.
func (s *stream) rejectBody(ctx context.Context, body []byte, derr error) {
	var probe map[string]json.RawMessage
	if err := json.Unmarshal(body, &probe); err != nil && json.Valid(body) {
		s.warnf("answering a message that is JSON but not an object (a batch?) with InvalidRequest")
		s.writeError(ctx, jsonrpc2.ID{}, jsonrpc2.NewError(jsonrpc2.InvalidRequest, "not a JSON-RPC 2.0 message (batches are not supported)"))
		return
	} else if err != nil {
		s.warnf("answering a message whose body is not a JSON object with ParseError (%d bytes)", len(body))
		s.writeError(ctx, jsonrpc2.ID{}, jsonrpc2.NewError(jsonrpc2.ParseError, "the message body is not a JSON object"))
		return
	}
	_, isResult := probe["result"]
	_, isError := probe["error"]
	if _, hasMethod := probe["method"]; !hasMethod && (isResult || isError) {
		s.warnf("dropping a malformed response")
		return
	}
	id := jsonrpc2.ID{}
	if raw, ok := probe["id"]; ok {
		var n int64
		var str string
		if json.Unmarshal(raw, &n) == nil {
			id = jsonrpc2.NewNumberID(n)
		} else if json.Unmarshal(raw, &str) == nil {
			id = jsonrpc2.NewStringID(str)
		}
	}
	s.warnf("answering a malformed JSON-RPC message with InvalidRequest: %v", derr)
	s.writeError(ctx, id, jsonrpc2.NewError(jsonrpc2.InvalidRequest, "not a valid JSON-RPC 2.0 message: "+derr.Error()))
}

func (s *stream) writeError(ctx context.Context, id jsonrpc2.ID, err error) {
	_, _ = s.Write(ctx, jsonrpc2.NewResponse(id, nil, err))
}

// Write queues one message; the writer goroutine sends it as a single Write
// of header and body. Queuing keeps the read loop, which writes the answers
// of inline requests, from ever blocking on a client that is itself busy
// writing (two peers blocked writing to each other). It reports the error of
// an earlier failed write.
func (s *stream) Write(ctx context.Context, msg jsonrpc2.Message) (int64, error) {
	body := jsonrpc2.AppendMessage(nil, msg)
	header := "Content-Length: " + strconv.Itoa(len(body)) + "\r\n\r\n"
	frame := make([]byte, 0, len(header)+len(body))
	frame = append(append(frame, header...), body...)
	s.wmu.Lock()
	defer s.wmu.Unlock()
	if s.werr != nil {
		return 0, s.werr
	}
	s.queue = append(s.queue, frame)
	s.wcond.Signal()
	return int64(len(frame)), nil
}

// writeLoop sends queued frames in order until the stream is closed and the
// queue is empty, or a write fails.
func (s *stream) writeLoop() {
	defer close(s.flushed)
	s.wmu.Lock()
	defer s.wmu.Unlock()
	for {
		for len(s.queue) == 0 && !s.closing {
			s.wcond.Wait()
		}
		if len(s.queue) == 0 {
			return
		}
		frame := s.queue[0]
		s.queue[0] = nil
		s.queue = s.queue[1:]
		s.wmu.Unlock()
		_, err := s.out.Write(frame)
		s.wmu.Lock()
		if err != nil {
			s.werr = err
			s.queue = nil
			return
		}
	}
}

// flush stops the writer after the queued frames are written, waiting at
// most d.
func (s *stream) flush(d time.Duration) {
	s.wmu.Lock()
	s.closing = true
	s.wcond.Signal()
	s.wmu.Unlock()
	select {
	case <-s.flushed:
	case <-time.After(d):
	}
}

// Close closes the underlying connection.
func (s *stream) Close() error {
	s.flush(time.Second)
	if s.closer != nil {
		return s.closer.Close()
	}
	return nil
}

// codec marshals payloads with the protocol package's union-aware encoder,
// which the library's own (unexported) LSP codec also uses.
type codec struct{}

func (codec) Marshal(v any) ([]byte, error) {
	switch m := v.(type) {
	case jsonrpc2.RawMessage:
		if m == nil {
			return []byte("null"), nil
		}
		return m, nil
	case json.RawMessage:
		if m == nil {
			return []byte("null"), nil
		}
		return m, nil
	}
	return protocol.Marshal(v)
}

func (codec) Unmarshal(data []byte, v any) error {
	if p, ok := v.(*jsonrpc2.RawMessage); ok {
		*p = bytes.Clone(data)
		return nil
	}
	return protocol.Unmarshal(data, v)
}
