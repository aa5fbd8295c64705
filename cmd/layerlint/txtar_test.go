package main

import (
	"bytes"
	"strings"
	"testing"
)

// archive is a txtar archive: a free-form comment, then files introduced by
// marker lines "-- name --". golang.org/x/tools/txtar is not in the module
// graph, and the format is a dozen lines to read.
type archive struct {
	comment string
	files   []archiveFile
}

type archiveFile struct {
	name string
	data string
}

// parseArchive reads a txtar archive. Every file's data ends with a newline
// unless it is empty.
func parseArchive(data []byte) *archive {
	a := &archive{}
	var cur *archiveFile
	var buf bytes.Buffer
	flush := func() {
		if cur == nil {
			a.comment = buf.String()
		} else {
			cur.data = buf.String()
			a.files = append(a.files, *cur)
		}
		buf.Reset()
	}
	for len(data) > 0 {
		line := data
		if i := bytes.IndexByte(data, '\n'); i >= 0 {
			line, data = data[:i+1], data[i+1:]
		} else {
			data = nil
		}
		if name, ok := markerName(line); ok {
			flush()
			cur = &archiveFile{name: name}
			continue
		}
		buf.Write(line)
		if !bytes.HasSuffix(line, []byte("\n")) {
			buf.WriteByte('\n')
		}
	}
	flush()
	return a
}

// markerName reads "-- name --" (with its newline).
func markerName(line []byte) (string, bool) {
	s := strings.TrimRight(string(line), "\r\n")
	if !strings.HasPrefix(s, "-- ") || !strings.HasSuffix(s, " --") || len(s) < len("-- x --") {
		return "", false
	}
	name := strings.TrimSpace(s[3 : len(s)-3])
	return name, name != ""
}

func TestParseArchive(t *testing.T) {
	a := parseArchive([]byte("comment\nline\n-- a --\nA\n-- b/c --\n-- d --\nno newline"))
	if a.comment != "comment\nline\n" {
		t.Errorf("comment %q", a.comment)
	}
	want := []archiveFile{{"a", "A\n"}, {"b/c", ""}, {"d", "no newline\n"}}
	if len(a.files) != len(want) {
		t.Fatalf("files %+v, want %+v", a.files, want)
	}
	for i := range want {
		if a.files[i] != want[i] {
			t.Errorf("file %d = %+v, want %+v", i, a.files[i], want[i])
		}
	}
}
