package dockerfile

import (
	"bytes"
	"runtime"

	"github.com/moby/buildkit/frontend/dockerfile/parser"
)

// splitMin is the size from which BuildKit's parse of a file runs as two
// halves on two cores; splitTest makes every file with a cut point split
// (tests).
var (
	splitMin  = 16 << 10
	splitTest = false
)

// splitParse runs BuildKit's parser on the two halves of a large src at once,
// cut before a FROM near the middle, and joins the results as one parse would
// give them (lines of the second half shifted, the same nodes). It returns
// nil whenever that cannot be shown safe: no cut point, a backtick escape
// character, or an error in either half (the caller then parses the whole
// file, which also places errors exactly). FuzzSplitParse compares it with
// the whole-file parse.
// starts are src's line starts, computed here when nil.
func splitParse(src []byte, starts []int) *parser.Result {
	if !splitTest && (len(src) < splitMin || runtime.GOMAXPROCS(0) < 2) {
		return nil
	}
	if starts == nil {
		starts = lineStarts(src)
	}
	cut, line := cutPoint(src, starts)
	if cut <= 0 {
		return nil
	}
	var head, tail *parser.Result
	var headErr, tailErr error
	done := make(chan struct{})
	go func() {
		defer close(done)
		// a blank first line ends BuildKit's parser directives: comments at
		// the top of the second half stay comments
		rest := make([]byte, 0, 1+len(src)-cut)
		rest = append(append(rest, '\n'), src[cut:]...)
		tail, tailErr = safeParse(rest)
	}()
	head, headErr = safeParse(src[:cut])
	<-done
	if headErr != nil || tailErr != nil || head.EscapeToken != parser.DefaultEscapeToken {
		return nil
	}
	shift := line - 1 // the tail's line 1 is the added blank line
	for _, c := range tail.AST.Children {
		c.StartLine += shift
		c.EndLine += shift
	}
	root := head.AST
	root.Children = append(root.Children, tail.AST.Children...)
	root.EndLine = root.Children[len(root.Children)-1].EndLine
	return &parser.Result{AST: root, EscapeToken: head.EscapeToken}
}

// cutPoint returns the offset of the line after the last instruction line
// before a FROM line in the second half of src, and that line's 0-based
// number (the lines before the cut): the comments and blank lines between
// the two instructions go with the FROM, as BuildKit attaches comments to
// the instruction after them. 0 when there is no such FROM, or when the line
// before the comments continues (ends with a backslash).
func cutPoint(src []byte, starts []int) (int, int) {
	for i := len(starts) / 2; i < len(starts); i++ {
		if !isFromLine(lineAt(src, starts, i)) {
			continue
		}
		j := i - 1
		for j > 0 {
			t := bytes.TrimSpace(lineAt(src, starts, j))
			if len(t) > 0 && t[0] != '#' {
				break
			}
			j--
		}
		if j <= 0 {
			return 0, 0
		}
		t := bytes.TrimRight(lineAt(src, starts, j), " \t\r")
		if len(t) == 0 || t[len(t)-1] == '\\' {
			return 0, 0 // the instruction before might continue onto the FROM
		}
		return starts[j+1], j + 1
	}
	return 0, 0
}

func lineAt(src []byte, starts []int, i int) []byte {
	end := len(src)
	if i+1 < len(starts) {
		end = starts[i+1]
	}
	return bytes.TrimRight(src[starts[i]:end], "\n")
}

// isFromLine reports a line that starts a FROM instruction.
func isFromLine(l []byte) bool {
	l = bytes.TrimLeft(l, " \t")
	return len(l) > 5 && (l[0]|0x20) == 'f' && (l[1]|0x20) == 'r' && (l[2]|0x20) == 'o' && (l[3]|0x20) == 'm' && (l[4] == ' ' || l[4] == '\t')
}
