package lsp

import (
	"bytes"
	"sort"
	"unicode/utf8"

	"go.lsp.dev/protocol"

	"github.com/layerlint/layerlint/dockerfile"
)

// Encoding is the unit of protocol.Position.Character negotiated with the
// client: UTF-16 code units unless the client offers "utf-8".
type Encoding int

const (
	UTF16 Encoding = iota // LSP's default: UTF-16 code units
	UTF8                  // bytes
)

func (e Encoding) kind() protocol.PositionEncodingKind {
	if e == UTF8 {
		return protocol.PositionEncodingKindUTF8
	}
	return protocol.PositionEncodingKindUTF16
}

// Mapper converts between byte offsets into one immutable text and LSP
// positions (0-based line, 0-based character in the negotiated encoding).
//
// Lines end at "\n", "\r\n" or a lone "\r", as the LSP specification says.
// Invalid UTF-8 is never an error: each byte that does not start a valid
// sequence counts as one unit (the U+FFFD an editor shows in its place), in
// either encoding. Offsets and positions out of range are clamped; a position
// inside a UTF-16 surrogate pair or a multi-byte sequence rounds down to the
// start of its character.
type Mapper struct {
	src   []byte
	enc   Encoding
	lines []int // byte offset of the first byte of each line
}

// NewMapper indexes the lines of src. src must not be modified afterwards.
func NewMapper(src []byte, enc Encoding) *Mapper {
	return &Mapper{src: src, enc: enc, lines: lspLineStarts(src)}
}

func lspLineStarts(src []byte) []int {
	starts := make([]int, 1, 1+bytes.Count(src, []byte{'\n'}))
	if bytes.IndexByte(src, '\r') < 0 {
		for i := 0; ; {
			j := bytes.IndexByte(src[i:], '\n')
			if j < 0 {
				return starts
			}
			i += j + 1
			starts = append(starts, i)
		}
	}
	for i := 0; i < len(src); i++ {
		switch src[i] {
		case '\n':
			starts = append(starts, i+1)
		case '\r':
			if i+1 < len(src) && src[i+1] == '\n' {
				i++
			}
			starts = append(starts, i+1)
		}
	}
	return starts
}

// Encoding reports the unit of the character column.
func (m *Mapper) Encoding() Encoding { return m.enc }

// lineContentEnd returns the offset just past the content of 0-based line i,
// before its line ending.
func (m *Mapper) lineContentEnd(i int) int {
	end := len(m.src)
	if i+1 < len(m.lines) {
		end = m.lines[i+1]
	}
	start := m.lines[i]
	if end > start && m.src[end-1] == '\n' {
		end--
	}
	if end > start && m.src[end-1] == '\r' {
		end--
	}
	return end
}

// Position converts a byte offset to an LSP position.
func (m *Mapper) Position(off int) protocol.Position {
	off = max(0, min(off, len(m.src)))
	i := sort.Search(len(m.lines), func(i int) bool { return m.lines[i] > off }) - 1
	i = max(i, 0)
	start, end := m.lines[i], m.lineContentEnd(i)
	off = min(off, end)
	n := 0
	for p := start; p < off; {
		size, w := m.char(p, end)
		if p+size > off {
			break // off is inside this character: round down to its start
		}
		n += w
		p += size
	}
	return protocol.Position{Line: uint32(i), Character: uint32(n)}
}

// char returns the byte size of the character at off (bounded by end) and
// its width in the mapper's encoding. An invalid byte is one character of
// width one.
func (m *Mapper) char(off, end int) (size, width int) {
	c := m.src[off]
	if c < utf8.RuneSelf {
		return 1, 1
	}
	r, size := utf8.DecodeRune(m.src[off:end])
	switch {
	case m.enc == UTF8:
		return size, size
	case r >= 0x10000:
		return size, 2
	}
	return size, 1
}

// Range converts a byte range to an LSP range.
func (m *Mapper) Range(r dockerfile.Range) protocol.Range {
	start, end := r.Start, r.End
	if end < start {
		end = start
	}
	return protocol.Range{Start: m.Position(start), End: m.Position(end)}
}

// Offset converts an LSP position to a byte offset. A line past the end maps
// to the end of the text; a character past the end of its line maps to the
// end of the line's content.
func (m *Mapper) Offset(p protocol.Position) int {
	if int64(p.Line) >= int64(len(m.lines)) {
		return len(m.src)
	}
	i := int(p.Line)
	start, end := m.lines[i], m.lineContentEnd(i)
	want := int(p.Character)
	n := 0
	off := start
	if m.enc == UTF8 && asciiOnly(m.src[start:min(end, start+want)]) {
		return min(end, start+want) // fast path: every byte is a character
	}
	for off < end && n < want {
		size, w := m.char(off, end)
		if n+w > want {
			break // inside a character (a surrogate pair, a multi-byte sequence)
		}
		n += w
		off += size
	}
	return off
}

func asciiOnly(b []byte) bool {
	for _, c := range b {
		if c >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// OffsetRange converts an LSP range to byte offsets, start ≤ end.
func (m *Mapper) OffsetRange(r protocol.Range) (start, end int) {
	start, end = m.Offset(r.Start), m.Offset(r.End)
	if end < start {
		start, end = end, start
	}
	return start, end
}
