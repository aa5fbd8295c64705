package rules

import (
	"sort"

	"github.com/layerlint/layerlint/dockerfile"
)

// Diagnostic is one finding, shared by the CLI and the language server.
// Ranges are byte offsets into the linted file's source (dockerfile.Range).
type Diagnostic struct {
	File     string
	Rule     string // the rule ID
	Alias    string // the hadolint or BuildKit code that means the same, when one applies
	Severity Severity
	Message  string // lower-case start, no final period, names the concrete thing
	Range    dockerfile.Range
	URL      string // documentation of the rule
	Related  []Related
	Fixes    []Fix
}

// Related points at the other half of a cross-instruction problem.
type Related struct {
	Message string
	Range   dockerfile.Range
}

// Fix is a titled set of edits. A Safe fix keeps the file valid, preserves its
// meaning and removes the finding; --fix and "fix all" apply only safe fixes.
type Fix struct {
	Title string // a verb phrase
	Safe  bool
	Edits []Edit
}

// Edit replaces the bytes of Range with NewText.
type Edit struct {
	Range   dockerfile.Range
	NewText string
}

// ApplyEdits returns src with edits applied. Overlapping edits after the first
// are dropped; the second result reports whether every edit applied.
func ApplyEdits(src []byte, edits []Edit) ([]byte, bool) {
	es := append([]Edit(nil), edits...)
	sort.SliceStable(es, func(i, j int) bool {
		if es[i].Range.Start != es[j].Range.Start {
			return es[i].Range.Start < es[j].Range.Start
		}
		return es[i].Range.End < es[j].Range.End
	})
	out := make([]byte, 0, len(src)+64)
	last := 0
	all := true
	for _, e := range es {
		if e.Range.Start < last || e.Range.End > len(src) || e.Range.Start > e.Range.End {
			all = false
			continue
		}
		out = append(out, src[last:e.Range.Start]...)
		out = append(out, e.NewText...)
		last = e.Range.End
	}
	out = append(out, src[last:]...)
	return out, all
}

// SortDiagnostics orders diagnostics by position, then rule ID, then message.
func SortDiagnostics(ds []Diagnostic) {
	sort.SliceStable(ds, func(i, j int) bool {
		a, b := ds[i], ds[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Range.Start != b.Range.Start {
			return a.Range.Start < b.Range.Start
		}
		if a.Rule != b.Rule {
			return a.Rule < b.Rule
		}
		return a.Message < b.Message
	})
}

// SafeFixEdits collects the edits of the first safe fix of each diagnostic,
// taking each fix whole or not at all: a fix with an edit outside [0, size],
// or overlapping an edit already taken (two insertions at one offset count
// as overlapping, their order being ambiguous), is skipped. It returns the
// edits and the number of fixes taken. The CLI's --fix and the language
// server's "fix all" both use it, so they cannot disagree.
func SafeFixEdits(diags []Diagnostic, size int) ([]Edit, int) {
	var taken []Edit
	n := 0
	for _, d := range diags {
		var fix *Fix
		for i := range d.Fixes {
			if d.Fixes[i].Safe {
				fix = &d.Fixes[i]
				break
			}
		}
		if fix == nil || len(fix.Edits) == 0 {
			continue
		}
		ok := true
		for i, e := range fix.Edits {
			if e.Range.Start < 0 || e.Range.Start > e.Range.End || e.Range.End > size {
				ok = false
			}
			for _, t := range taken {
				if overlaps(e.Range, t.Range) {
					ok = false
				}
			}
			for _, o := range fix.Edits[:i] {
				if overlaps(e.Range, o.Range) {
					ok = false
				}
			}
		}
		if ok {
			taken = append(taken, fix.Edits...)
			n++
		}
	}
	return taken, n
}

func overlaps(a, b dockerfile.Range) bool {
	if a.Start == a.End && b.Start == b.End {
		return a.Start == b.Start
	}
	return a.Start < b.End && b.Start < a.End
}
