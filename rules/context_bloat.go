package rules

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/layerlint/layerlint/ctxscan"
)

// ContextBloat reports a build that sends a large context, or heavy paths
// the ignore file lets through.
var ContextBloat = register(&Rule{
	ID:           "ContextBloat",
	Category:     CategoryContext,
	Severity:     SeverityWarning,
	NeedsContext: true,
	Doc: Doc{
		Title: "The build sends a large or cluttered context",
		Description: "BuildKit transfers what the COPY and ADD instructions read from the context (after the " +
			"ignore file), and every byte ends up in a layer: a large transfer slows down every remote or CI " +
			"build, and large or volatile copied trees make layers miss the cache. The rule adds up what the " +
			"Dockerfile's context reads bring and reports the COPY that brings the most when the total is over " +
			"the threshold (option `threshold`, bytes or a size such as \"100MB\"; default 100 MB), with the " +
			"largest directories. It also reports, even below the threshold, version-control data, " +
			"dependencies, build output and logs (`.git`, `node_modules`, `target/`, `dist/`, `.venv`, " +
			"`__pycache__`, `*.log`, ...) that an existing ignore file still lets through; without an ignore " +
			"file that case is MissingDockerignore's.",
		Bad:  "FROM python:3.13-slim\nCOPY . /app\n",
		Good: "FROM python:3.13-slim\nCOPY app/main.py /app/app/\n",
		// a small threshold so that the examples and testdata stay small
		Options: map[string]any{"threshold": "1kB"},
		Context: map[string]string{
			".dockerignore":            "*.pyc\n",
			"app/main.py":              "print('hi')\n",
			".venv/lib/site.py":        "# a virtualenv\n",
			".venv/bin/python":         "#!/bin/sh\n",
			"app/__pycache__/main.pyc": "bytecode",
		},
	},
	Run: runContextBloat,
})

const defaultBloatThreshold = 100 << 20

func runContextBloat(p *Pass) {
	cx := p.Context
	if cx == nil {
		return
	}
	threshold := int64(defaultBloatThreshold)
	if v, ok := p.Option("threshold"); ok {
		if n, err := parseSize(v); err == nil {
			threshold = n
		}
	}
	copies := contextCopies(p)
	if len(copies) == 0 {
		return // nothing is read from the context, so almost nothing is sent
	}
	// the union of what the copies bring, and the copy that brings the most
	sent := map[string]ctxscan.Entry{}
	var biggestSrc ctxscan.SourceResult
	var biggestBytes int64 = -1
	for _, c := range copies {
		for _, s := range c.Sources {
			var b int64
			for _, e := range s.Resolved.Entries {
				sent[e.Path] = e
				if !e.IsDir() {
					b += cx.Size(e.Path)
				}
			}
			if b > biggestBytes {
				biggestSrc, biggestBytes = s, b
			}
		}
	}
	entries := make([]ctxscan.Entry, 0, len(sent))
	var total ctxscan.Usage
	for _, e := range sent {
		entries = append(entries, e)
		if !e.IsDir() {
			total.Files++
			total.Bytes += cx.Size(e.Path)
		}
	}
	sort.Slice(entries, func(i, j int) bool { return entries[i].Path < entries[j].Path })
	if total.Bytes > threshold {
		p.Report(Diagnostic{
			Range: biggestSrc.Arg.Range,
			Message: fmt.Sprintf("the build sends %s (%s) from the context, over the %s threshold; largest: %s",
				humanBytes(total.Bytes), plural(total.Files, "file"), humanBytes(threshold), topDirs(cx, entries, 3)),
		})
	}
	if cx.Ignore == nil {
		return // heavy paths without an ignore file: MissingDockerignore
	}
	// heavy paths that the ignore file lets through, reported on the first
	// copy that brings each
	reported := map[string]bool{}
	for _, c := range copies {
		for _, s := range c.Sources {
			var hs []heavyPath
			for _, h := range heavyPaths(cx, sortedByPath(s.Resolved.Entries)) {
				if !reported[h.Path] {
					reported[h.Path] = true
					hs = append(hs, h)
				}
			}
			if len(hs) == 0 {
				continue
			}
			p.Report(Diagnostic{
				Range: s.Arg.Range,
				Message: fmt.Sprintf("%s still sends %s although %s exists; add %s to it",
					copyLabel(c.In), describeHeavy(hs, 3), ignoreName(cx), suggestPatterns(hs)),
			})
		}
	}
}

// sortedByPath puts entries in walk order (directories before their
// contents), as heavyPaths expects.
func sortedByPath(es []ctxscan.Entry) []ctxscan.Entry {
	out := append([]ctxscan.Entry(nil), es...)
	sort.SliceStable(out, func(i, j int) bool {
		return strings.ReplaceAll(out[i].Path, "/", "\x00") < strings.ReplaceAll(out[j].Path, "/", "\x00")
	})
	return out
}

// topDirs renders the largest top-level directories (or files) of entries.
func topDirs(cx *ctxscan.Context, entries []ctxscan.Entry, n int) string {
	acc := map[string]int64{}
	for _, e := range entries {
		if e.IsDir() {
			continue
		}
		top, _, _ := strings.Cut(e.Path, "/")
		acc[top] += cx.Size(e.Path)
	}
	keys := make([]string, 0, len(acc))
	for k := range acc {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if acc[keys[i]] != acc[keys[j]] {
			return acc[keys[i]] > acc[keys[j]]
		}
		return keys[i] < keys[j]
	})
	var parts []string
	for i, k := range keys {
		if i == n {
			break
		}
		parts = append(parts, fmt.Sprintf("%s %s", k, humanBytes(acc[k])))
	}
	return strings.Join(parts, ", ")
}

// parseSize reads a byte count: a number, or a number with a unit (B, kB,
// KB, KiB, MB, MiB, GB, GiB; decimal and binary units are both read as
// powers of 1024, as du does).
func parseSize(v any) (int64, error) {
	switch x := v.(type) {
	case int:
		return int64(x), nil
	case int64:
		return x, nil
	case float64:
		return int64(x), nil
	case string:
		s := strings.TrimSpace(strings.ToLower(x))
		mult := int64(1)
		for _, u := range []struct {
			suffix string
			mult   int64
		}{{"gib", 1 << 30}, {"gb", 1 << 30}, {"g", 1 << 30}, {"mib", 1 << 20}, {"mb", 1 << 20}, {"m", 1 << 20}, {"kib", 1 << 10}, {"kb", 1 << 10}, {"k", 1 << 10}, {"b", 1}} {
			if strings.HasSuffix(s, u.suffix) {
				s, mult = strings.TrimSpace(strings.TrimSuffix(s, u.suffix)), u.mult
				break
			}
		}
		f, err := strconv.ParseFloat(s, 64)
		if err != nil || f < 0 {
			return 0, fmt.Errorf("invalid size %q", x)
		}
		return int64(f * float64(mult)), nil
	}
	return 0, fmt.Errorf("invalid size %v", v)
}
