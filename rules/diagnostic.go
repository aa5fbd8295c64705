package rules

import (
	"slices"
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

// Edit replaces the bytes of Range with NewText in one file: the linted
// Dockerfile, or another file named by File.
//
// Edits of another file come from the context rules, which fix the ignore
// file: File is then an OS path, as the build context names its files
// (ctxscan.Context.Dir and IgnoreFile.Path): absolute for a context read
// from an absolute directory, otherwise relative to the working directory of
// the process that linted; for a context held in memory (Dir empty) it is
// relative to the context root. Range is in bytes of that file's content as
// the rule saw it (IgnoreFile.Src). Create says the file does not exist yet
// and must be created with NewText as its whole content (Range is 0:0);
// applying it fails when the file has appeared meanwhile.
type Edit struct {
	Range   dockerfile.Range
	NewText string
	File    string // "" for the linted Dockerfile
	Create  bool   // File is new; NewText is its content
}

// ApplyEdits returns src, the linted Dockerfile's text, with the edits of it
// applied; edits of other files (File set) are left out. Overlapping edits
// after the first are dropped; the second result reports whether every edit
// of src applied.
func ApplyEdits(src []byte, edits []Edit) ([]byte, bool) {
	return ApplyFileEdits(src, "", edits)
}

// ApplyFileEdits is ApplyEdits for the file named file ("" for the
// Dockerfile): src is its content (nil for a file to create), and only the
// edits with that File apply.
func ApplyFileEdits(src []byte, file string, edits []Edit) ([]byte, bool) {
	var es []Edit
	for _, e := range edits {
		if e.File == file {
			es = append(es, e)
		}
	}
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

// OtherFiles returns the files other than the Dockerfile that edits change,
// each once, in the order they first appear.
func OtherFiles(edits []Edit) []string {
	var out []string
	seen := map[string]bool{}
	for _, e := range edits {
		if e.File != "" && !seen[e.File] {
			seen[e.File] = true
			out = append(out, e.File)
		}
	}
	return out
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
// taking each fix whole or not at all: a fix with an edit of the Dockerfile
// outside [0, size], or overlapping an edit already taken in the same file
// (two insertions at one offset count as overlapping, their order being
// ambiguous; creating a file overlaps any other edit of it), is skipped. An
// edit equal to one already taken is not a conflict: several findings often
// carry the same fix (one ignore file for every COPY .), and it is taken
// once. Edits of other files are not checked against their size, which the
// caller knows (ApplyFileEdits reports what does not apply). It returns the
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
		var add []Edit
		for i, e := range fix.Edits {
			if e.File == "" && (e.Range.Start < 0 || e.Range.Start > e.Range.End || e.Range.End > size) {
				ok = false
			}
			if slices.Contains(taken, e) {
				continue // the same edit, from another finding
			}
			for _, t := range taken {
				if conflicts(e, t) {
					ok = false
				}
			}
			for _, o := range fix.Edits[:i] {
				if conflicts(e, o) {
					ok = false
				}
			}
			add = append(add, e)
		}
		if ok {
			taken = append(taken, add...)
			n++
		}
	}
	return taken, n
}

// conflicts reports whether two edits cannot both apply: they change the
// same file in overlapping ranges, or one creates a file the other changes.
func conflicts(a, b Edit) bool {
	if a.File != b.File {
		return false
	}
	return a.Create || b.Create || overlaps(a.Range, b.Range)
}

func overlaps(a, b dockerfile.Range) bool {
	if a.Start == a.End && b.Start == b.End {
		return a.Start == b.Start
	}
	return a.Start < b.End && b.Start < a.End
}
