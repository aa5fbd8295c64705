package dockerfile

import (
	"bytes"
	"strings"

	"github.com/moby/buildkit/frontend/dockerfile/parser"
)

// Reparse returns the model of src, an edited version of prev's source, as
// Parse(name, src) would build it, reusing prev's work for the unchanged
// beginning of the file: the instructions that end, line break included,
// before the first changed byte keep BuildKit's nodes, their ranges, typed
// commands and RUN bodies, and BuildKit parses only the lines after them.
// Stages, variables and everything file-wide are rebuilt. prev is not
// modified and may still be read concurrently. With prev nil, or when prev
// had errors, it is Parse. FuzzReparse checks that both give the same model.
func Reparse(prev *File, name string, src []byte) *File {
	return parse(name, src, prev)
}

// reusable returns BuildKit's result for f's source assembled from prev's
// nodes for its first keep instructions and a parse of the rest; keep is 0
// when nothing can be reused (then f is parsed from scratch).
func (f *File) reusable(prev *File) (res *parser.Result, keep int) {
	if prev == nil || prev.AST == nil || len(prev.Errors) > 0 || prev.internalErr ||
		prev.HasBOM != f.HasBOM || len(prev.Instructions) == 0 {
		return nil, 0
	}
	same := commonPrefix(prev.Src, f.Src)
	// the last instruction whose lines and following line break are unchanged
	// (instructions are in file order: binary search on their ends)
	lo, hi := 0, len(prev.Instructions)
	for lo < hi {
		mid := (lo + hi) / 2
		if end := prev.lineEnd(prev.Instructions[mid].EndLine); end >= 0 && end <= same {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	keep = lo
	if keep == 0 {
		return nil, 0
	}
	last := prev.Instructions[keep-1]
	cut := prev.lineEnd(last.EndLine)
	// BuildKit reads parser directives only at the top of a file: a blank
	// first line ends them, so comments at the top of the rest stay comments;
	// the escape character comes from prev (it is in the unchanged part).
	prelude := "\n"
	if prev.Escape == '`' {
		prelude = "# escape=`\n\n"
	}
	rest := make([]byte, 0, len(prelude)+len(f.Src)-cut)
	rest = append(append(rest, prelude...), f.Src[cut:]...)
	shift := last.EndLine - strings.Count(prelude, "\n")
	var children []*parser.Node
	tail := splitParse(rest, nil) // a long rest is parsed as two halves too
	var err error
	if tail == nil {
		tail, err = safeParse(rest)
	}
	switch {
	case err == nil:
		children = tail.AST.Children
		for _, c := range children {
			c.StartLine += shift
			c.EndLine += shift
		}
	case onlyCommentsOrBlank(f.Src[cut:]):
		// BuildKit rejects a file without instructions; here the rest is
		// simply empty
	default:
		return nil, 0 // let the full parse find and report the error
	}
	root := &parser.Node{StartLine: prev.AST.StartLine}
	root.Children = make([]*parser.Node, 0, keep+len(children))
	for _, in := range prev.Instructions[:keep] {
		root.Children = append(root.Children, in.Node)
	}
	root.Children = append(root.Children, children...)
	root.EndLine = root.Children[len(root.Children)-1].EndLine
	esc := rune(parser.DefaultEscapeToken)
	if prev.Escape == '`' {
		esc = '`'
	}
	return &parser.Result{AST: root, EscapeToken: esc}, keep
}

// lineEnd returns the offset just past physical line n's line break (1-based
// n), -1 for the last line, which has no line after it.
func (f *File) lineEnd(n int) int {
	if n < 1 || n >= len(f.lineStarts) {
		return -1
	}
	return f.lineStarts[n]
}

func commonPrefix(a, b []byte) int {
	n := min(len(a), len(b))
	i := 0
	for i+8 <= n && bytes.Equal(a[i:i+8], b[i:i+8]) {
		i += 8
	}
	for i < n && a[i] == b[i] {
		i++
	}
	return i
}

// onlyCommentsOrBlank reports whether text has no instruction line: every
// line is blank or a comment (comment lines never continue).
func onlyCommentsOrBlank(text []byte) bool {
	for len(text) > 0 {
		line := text
		if i := bytes.IndexByte(text, '\n'); i >= 0 {
			line, text = text[:i], text[i+1:]
		} else {
			text = nil
		}
		t := bytes.TrimSpace(line)
		if len(t) > 0 && t[0] != '#' {
			return false
		}
	}
	return true
}

// reuse copies prev's instruction old into in, the same instruction found
// again by the line walk, leaving out what the stage pass recomputes.
func reuse(in, old *Instruction) {
	*in = *old
	in.Stage = nil
	if old.Onbuild != nil {
		ob := *old.Onbuild
		ob.Stage = nil
		in.Onbuild = &ob
	}
}
