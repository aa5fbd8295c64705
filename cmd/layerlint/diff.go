package main

import (
	"fmt"
	"strings"
)

// diffContext is the number of unchanged lines shown around each change, as
// diff -u shows.
const diffContext = 3

// unifiedDiff returns the changes from a to b in the unified format of
// diff -u, both files named name ("--- name", "+++ name", which patch -p0
// applies), or "" when they are equal. Lines are compared with their line
// endings; a last line without one is followed by "\ No newline at end of
// file". Hunk headers count lines from 1; a range of one line shows only its
// start, and an empty range starts at the line before it.
func unifiedDiff(name string, a, b []byte) string {
	return unifiedDiffNames(name, name, a, b)
}

// unifiedDiffNames is unifiedDiff with the old and the new file named
// apart: "/dev/null" as the old name stands for a file that b creates.
func unifiedDiffNames(aName, bName string, a, b []byte) string {
	if string(a) == string(b) && aName == bName {
		return ""
	}
	al, bl := splitLines(string(a)), splitLines(string(b))
	ops := diffLines(al, bl)
	var out strings.Builder
	fmt.Fprintf(&out, "--- %s\n+++ %s\n", aName, bName)
	for _, h := range hunks(ops) {
		aStart, aCount, bStart, bCount := h[0].a, 0, h[0].b, 0
		for _, o := range h {
			if o.kind != '+' {
				aCount++
			}
			if o.kind != '-' {
				bCount++
			}
		}
		fmt.Fprintf(&out, "@@ -%s +%s @@\n", hunkRange(aStart, aCount), hunkRange(bStart, bCount))
		for _, o := range h {
			line := ""
			switch o.kind {
			case '+':
				line = bl[o.b]
			default:
				line = al[o.a]
			}
			out.WriteByte(o.kind)
			out.WriteString(line)
			if !strings.HasSuffix(line, "\n") {
				out.WriteString("\n\\ No newline at end of file\n")
			}
		}
	}
	return out.String()
}

// hunkRange writes one side of a hunk header from its 0-based first line and
// its line count.
func hunkRange(start, count int) string {
	switch count {
	case 0:
		return fmt.Sprintf("%d,0", start) // the line before, counted from 1
	case 1:
		return fmt.Sprint(start + 1)
	}
	return fmt.Sprintf("%d,%d", start+1, count)
}

// splitLines cuts s after each "\n"; the last line may lack one.
func splitLines(s string) []string {
	var out []string
	for s != "" {
		i := strings.IndexByte(s, '\n')
		if i < 0 {
			out = append(out, s)
			break
		}
		out = append(out, s[:i+1])
		s = s[i+1:]
	}
	return out
}

// diffOp is one line of a diff: kept (' '), removed ('-') or added ('+').
// a and b are 0-based line indexes into the old and new text; for an added
// line a is the old line that follows it, for a removed line b is the new
// line that follows it.
type diffOp struct {
	kind byte
	a, b int
}

// diffLines returns a shortest edit script from a to b, in order, with
// Myers' algorithm (An O(ND) Difference Algorithm and Its Variations, 1986):
// the time and memory it takes grow with the number of changed lines, which
// fixes keep small.
func diffLines(a, b []string) []diffOp {
	n, m := len(a), len(b)
	max := n + m
	off := max + 1
	v := make([]int, 2*max+3)
	var trace [][]int // v before each round d
	done := false
	for d := 0; d <= max && !done; d++ {
		trace = append(trace, append([]int(nil), v...))
		for k := -d; k <= d; k += 2 {
			var x int
			if k == -d || (k != d && v[off+k-1] < v[off+k+1]) {
				x = v[off+k+1] // down: a line of b added
			} else {
				x = v[off+k-1] + 1 // right: a line of a removed
			}
			y := x - k
			for x < n && y < m && a[x] == b[y] {
				x, y = x+1, y+1
			}
			v[off+k] = x
			if x >= n && y >= m {
				done = true
				break
			}
		}
	}
	// walk back from the end through the rounds, collecting the script
	var rev []diffOp
	x, y := n, m
	for d := len(trace) - 1; d >= 0; d-- {
		v := trace[d]
		k := x - y
		var pk int
		if k == -d || (k != d && v[off+k-1] < v[off+k+1]) {
			pk = k + 1
		} else {
			pk = k - 1
		}
		px := v[off+pk]
		py := px - pk
		for x > px && y > py {
			x, y = x-1, y-1
			rev = append(rev, diffOp{' ', x, y})
		}
		if d == 0 {
			break
		}
		if x == px {
			y--
			rev = append(rev, diffOp{'+', x, y})
		} else {
			x--
			rev = append(rev, diffOp{'-', x, y})
		}
		x, y = px, py
	}
	ops := make([]diffOp, len(rev))
	for i, o := range rev {
		ops[len(rev)-1-i] = o
	}
	return ops
}

// hunks groups the changes of ops with diffContext kept lines around each;
// changes separated by at most twice that many kept lines share a hunk.
func hunks(ops []diffOp) [][]diffOp {
	var out [][]diffOp
	start, end := -1, -1 // the current hunk is ops[start:end]
	for i, o := range ops {
		if o.kind == ' ' {
			continue
		}
		lo, hi := max(i-diffContext, 0), min(i+1+diffContext, len(ops))
		if start >= 0 && lo <= end {
			end = hi
			continue
		}
		if start >= 0 {
			out = append(out, ops[start:end])
		}
		start, end = lo, hi
	}
	if start >= 0 {
		out = append(out, ops[start:end])
	}
	return out
}
