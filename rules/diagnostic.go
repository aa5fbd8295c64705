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
