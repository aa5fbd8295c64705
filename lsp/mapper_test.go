package lsp

import (
	"testing"
	"unicode/utf8"

	"go.lsp.dev/protocol"

	"github.com/layerlint/layerlint/dockerfile"
)

func TestMapper(t *testing.T) {
	// line 1: "é" is 2 bytes / 1 unit, "😀" 4 bytes / 2 units, "€" 3 bytes / 1 unit
	src := "FROM a\nRUN é😀€x\r\nlone\rcr\n\xff\xfebad\n"
	for _, tc := range []struct {
		name      string
		enc       Encoding
		off       int
		want      protocol.Position
		roundTrip bool // Offset(want) == off
	}{
		{"start", UTF16, 0, pos(0, 0), true},
		{"end of line 0", UTF16, 6, pos(0, 6), true},
		{"newline maps to line end", UTF16, 6, pos(0, 6), true},
		{"start of line 1", UTF16, 7, pos(1, 0), true},
		{"before é", UTF16, 11, pos(1, 4), true},
		{"after é", UTF16, 13, pos(1, 5), true},
		{"inside é", UTF16, 12, pos(1, 4), false},
		{"after 😀", UTF16, 17, pos(1, 7), true},
		{"inside 😀", UTF16, 15, pos(1, 5), false},
		{"after €", UTF16, 20, pos(1, 8), true},
		{"x end", UTF16, 21, pos(1, 9), true},
		{"between \\r and \\n", UTF16, 22, pos(1, 9), false},
		{"lone \\r ends a line", UTF16, 23, pos(2, 0), true},
		{"after lone cr", UTF16, 28, pos(3, 0), true},
		{"invalid bytes count one each", UTF16, 33, pos(4, 2), true},
		{"past the end", UTF16, 999, pos(5, 0), false},
		{"utf-8 after é", UTF8, 13, pos(1, 6), true},
		{"utf-8 after 😀", UTF8, 17, pos(1, 10), true},
		{"utf-8 inside 😀", UTF8, 15, pos(1, 6), false},
		{"utf-8 invalid bytes", UTF8, 33, pos(4, 2), true},
	} {
		m := NewMapper([]byte(src), tc.enc)
		if got := m.Position(tc.off); got != tc.want {
			t.Errorf("%s: Position(%d) = %v, want %v", tc.name, tc.off, got, tc.want)
		}
		if tc.roundTrip {
			if got := m.Offset(tc.want); got != tc.off {
				t.Errorf("%s: Offset(%v) = %d, want %d", tc.name, tc.want, got, tc.off)
			}
		}
	}
}

func TestMapperOffsetClamps(t *testing.T) {
	m := NewMapper([]byte("ab😀c\nxy"), UTF16)
	for _, tc := range []struct {
		p    protocol.Position
		want int
	}{
		{pos(0, 3), 2},  // inside the surrogate pair: the character's start
		{pos(0, 4), 6},  // after 😀
		{pos(0, 99), 7}, // past the line: its end, before the newline
		{pos(1, 1), 9},
		{pos(1, 99), 10},
		{pos(7, 0), 10}, // past the last line: end of text
		{pos(^uint32(0), ^uint32(0)), 10},
	} {
		if got := m.Offset(tc.p); got != tc.want {
			t.Errorf("Offset(%v) = %d, want %d", tc.p, got, tc.want)
		}
	}
	s, e := m.OffsetRange(rng(1, 1, 0, 1))
	if s != 1 || e != 9 {
		t.Errorf("reversed range: %d-%d", s, e)
	}
	if r := m.Range(dockerfile.Range{Start: 9, End: 1}); r.Start != r.End {
		t.Errorf("reversed byte range maps to %v", r)
	}
}

func TestMapperEmpty(t *testing.T) {
	m := NewMapper(nil, UTF16)
	if p := m.Position(5); p != pos(0, 0) {
		t.Errorf("Position on empty text = %v", p)
	}
	if o := m.Offset(pos(3, 3)); o != 0 {
		t.Errorf("Offset on empty text = %d", o)
	}
}

// checkMapper asserts the mapper's invariants on src at off.
func checkMapper(t *testing.T, src []byte, off int, p protocol.Position, enc Encoding) {
	m := NewMapper(src, enc)
	pp := m.Position(off)
	o := m.Offset(pp)
	if o > max(0, min(off, len(src))) {
		t.Fatalf("Offset(Position(%d)) = %d: past the original offset (src %q)", off, o, src)
	}
	if again := m.Position(o); again != pp {
		t.Fatalf("Position(%d) = %v but Position(Offset(that)) = %v (src %q)", off, pp, again, src)
	}
	q := m.Offset(p)
	if q < 0 || q > len(src) {
		t.Fatalf("Offset(%v) = %d out of range", p, q)
	}
	if back := m.Offset(m.Position(q)); back != q {
		t.Fatalf("Offset(%v) = %d is not a character boundary: maps back to %d (src %q)", p, q, back, src)
	}
	if q > 0 && q < len(src) && utf8.Valid(src) && !utf8.RuneStart(src[q]) {
		t.Fatalf("Offset(%v) = %d splits a character (src %q)", p, q, src)
	}
}

func FuzzMapper(f *testing.F) {
	f.Add([]byte("FROM a\nRUN é😀€x\r\nlone\rcr\n\xff\xfebad\n"), 15, uint32(1), uint32(5), false)
	f.Add([]byte("\r\n\r\r\n"), 2, uint32(1), uint32(0), true)
	f.Add([]byte("😀"), 2, uint32(0), uint32(1), false)
	f.Fuzz(func(t *testing.T, src []byte, off int, line, char uint32, utf8enc bool) {
		enc := UTF16
		if utf8enc {
			enc = UTF8
		}
		checkMapper(t, src, off, pos(line%8, char%64), enc)
	})
}
