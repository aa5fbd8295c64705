package lsp

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"sync"
	"testing"

	"go.lsp.dev/jsonrpc2"
)

type nopCloser struct{ io.Writer }

func (nopCloser) Close() error { return nil }

// syncBuffer is a bytes.Buffer safe for the stream's writer goroutine.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func frame(body string) string { return fmt.Sprintf("Content-Length: %d\r\n\r\n%s", len(body), body) }

// readAll reads every message st yields until the end of input, flushing
// the answers it wrote.
func readAll(t testing.TB, input string) (methods []string, answers string, warnings []string) {
	out := &syncBuffer{}
	st := newStream(strings.NewReader(input), out, nil, func(w string) { warnings = append(warnings, w) })
	for {
		msg, _, err := st.Read(context.Background())
		if err != nil {
			break
		}
		switch m := msg.(type) {
		case *jsonrpc2.Call:
			methods = append(methods, m.Method())
		case *jsonrpc2.Notification:
			methods = append(methods, m.Method())
		case *jsonrpc2.Response:
			methods = append(methods, "response")
		}
	}
	st.flush(waitTimeout)
	return methods, out.String(), warnings
}

func TestStreamSurvivesBadFrames(t *testing.T) {
	ok := `{"jsonrpc":"2.0","method":"ok"}`
	for _, tc := range []struct {
		name    string
		input   string
		methods string // messages read, comma-separated
		answer  string // substring of what the stream answered itself
	}{
		{"plain", frame(ok), "ok", ""},
		{"headers in any case, extra headers", "content-length: 31\r\nContent-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n" + ok, "ok", ""},
		{"bare \\n line ends", "Content-Length: 31\n\n" + ok, "ok", ""},
		{"blank lines between frames", "\r\n\r\n" + frame(ok) + "\r\n" + frame(ok), "ok,ok", ""},
		{"garbage header line", "hello there\r\n" + frame(ok), "ok", ""},
		{"garbage before the header on its line", "xx" + frame(ok), "ok", ""},
		{"no Content-Length", "Content-Type: x\r\n\r\n" + frame(ok), "ok", ""},
		{"invalid Content-Length", "Content-Length: abc\r\n\r\n" + frame(ok), "ok", ""},
		{"negative Content-Length", "Content-Length: -5\r\n\r\n" + frame(ok), "ok", ""},
		{"body not JSON", frame("hello") + frame(ok), "ok", `"id":null,"error":{"code":-32700`},
		{"truncated JSON", frame(`{"jsonrpc":"2.0","id":1,"method":"x"`) + frame(ok), "ok", `"code":-32700`},
		{"JSON but not a message", frame(`{"foo":1}`) + frame(ok), "ok", `"code":-32600`},
		{"a call without method keeps its id", frame(`{"jsonrpc":"2.0","id":7,"params":{}}`) + frame(ok), "ok", `"id":7,"error":{"code":-32600`},
		{"batch", frame(`[{"jsonrpc":"2.0","method":"a"}]`) + frame(ok), "ok", `"code":-32600`},
		{"too large", "Content-Length: 99999999\r\n\r\n" + strings.Repeat(" ", 1000), "", ""},
		{"long header line", strings.Repeat("x", 200000) + "\r\n" + frame(ok), "ok", ""},
		{"body shorter than announced", "Content-Length: 100\r\n\r\n{}", "", ""},
		{"empty", "", "", ""},
	} {
		methods, answers, _ := readAll(t, tc.input)
		if got := strings.Join(methods, ","); got != tc.methods {
			t.Errorf("%s: read %q, want %q", tc.name, got, tc.methods)
		}
		if tc.answer == "" && answers != "" {
			t.Errorf("%s: unexpected answer %q", tc.name, answers)
		}
		if tc.answer != "" && !strings.Contains(answers, tc.answer) {
			t.Errorf("%s: answered %q, want it to contain %q", tc.name, answers, tc.answer)
		}
	}
}

func TestStreamWritesWholeFrames(t *testing.T) {
	out := &syncBuffer{}
	st := newStream(strings.NewReader(""), out, nopCloser{io.Discard}, nil)
	params, _ := json.Marshal(map[string]string{"text": "é"})
	for i := 0; i < 3; i++ {
		if _, err := st.Write(context.Background(), jsonrpc2.NewNotification("n", params)); err != nil {
			t.Fatal(err)
		}
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	methods, _, _ := readAll(t, out.String())
	if strings.Join(methods, ",") != "n,n,n" {
		t.Errorf("re-read %v from %q", methods, out.String())
	}
}

// FuzzFrameReader: whatever the input, the reader neither panics nor loops;
// well-formed frames placed after the noise are still read.
func FuzzFrameReader(f *testing.F) {
	f.Add([]byte("Content-Length: 5\r\n\r\nhello"))
	f.Add([]byte("Content-Length: 2\r\n\r\n{}Content-Length: x\r\n\r\n"))
	f.Add([]byte("\r\n\r\n:\r\n\r\n"))
	f.Add([]byte(frame(`{"jsonrpc":"2.0","id":"a","method":"m","params":[1]}`)))
	f.Fuzz(func(t *testing.T, noise []byte) {
		if len(noise) > 1<<16 {
			return
		}
		marker := frame(`{"jsonrpc":"2.0","method":"marker"}`)
		// a newline pair ends whatever header block the noise left open
		methods, _, _ := readAll(t, string(noise)+"\r\n\r\n"+marker+marker)
		n := 0
		for _, m := range methods {
			if m == "marker" {
				n++
			}
		}
		// the noise may swallow the first marker (as the body of a frame it
		// announced), never both
		if n == 0 && !bytes.Contains(bytes.ToLower(noise), []byte("content-length")) {
			t.Fatalf("no marker read after noise %q: %v", noise, methods)
		}
	})
}
