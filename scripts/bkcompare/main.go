// Command bkcompare measures how layerlint's BuildKit-named rules agree with
// BuildKit's own linter (the checks of `docker build --check`).
//
// It lints a set of Dockerfiles with layerlint, reads the findings of
// BuildKit v0.34.2 for the same files from the peers harness (bklint, run
// through run-bklint.sh; its JSON lines are produced on the fly or read from
// a cache file), matches findings on (file, rule, line) and prints precision
// and recall per rule.
//
// Lines are compared at the instruction level: each finding's line is
// replaced by the first line of the instruction that contains it. For every
// rule but NoEmptyContinuation that is already the line BuildKit reports;
// BuildKit reports NoEmptyContinuation on the last line of the instruction
// and layerlint on the first empty line.
//
// BuildKit stops at the first fatal problem of a file (reported by bklint as
// BuildError). In such files BuildKit's findings are a truncated list, so
// they count for recall only (every finding BuildKit made before it stopped
// must be found) and layerlint's other findings there are listed apart, not
// counted as false positives.
//
// InvalidDefinitionDescription is experimental: its findings come from a
// second bklint run with -experimental, which prepends
// "# check=experimental=all" to files without a check directive; layerlint
// is run on the same text.
//
// Usage:
//
//	go run ./scripts/bkcompare                        # the shared corpus, bklint run on the fly
//	go run ./scripts/bkcompare -bklint-out ~/.cache/layerlint-bkcompare/bklint.jsonl
//	go run ./scripts/bkcompare -l files.txt -v UndefinedVar
//
// The -bklint-out and -bklint-exp-out files are reused when they exist and
// written otherwise; keep them outside the repository.
package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"

	"github.com/layerlint/layerlint/dockerfile"
	"github.com/layerlint/layerlint/rules"
)

type finding struct {
	File    string `json:"file"`
	Line    int    `json:"line"`
	Code    string `json:"code"`
	Message string `json:"message"`
	Crash   string `json:"crash"`
}

type key struct {
	file, rule string
	line       int
}

type side struct {
	msgs map[key][]string
}

func newSide() *side { return &side{msgs: map[key][]string{}} }

func (s *side) add(k key, msg string) { s.msgs[k] = append(s.msgs[k], msg) }

type stats struct {
	bk, ours, tp, fp, fn int
	explained            int // mismatches a documented BuildKit deviation explains
	errBK, errTP, errFN  int // in files where BuildKit stopped (BuildError)
	errExplained         int
	errExtra             int // layerlint findings there that BuildKit never reached or missed
}

func main() {
	corpus := flag.String("corpus", "/work/shared/corpus/files", "directory of Dockerfiles (every file in it)")
	list := flag.String("l", "", "file with one Dockerfile path per line (instead of -corpus)")
	runner := flag.String("runner", "/work/shared/peers/run-bklint.sh", "run-bklint.sh of the peers harness")
	bkOut := flag.String("bklint-out", "", "bklint JSON lines: read when the file exists, else written (default: run bklint, keep nothing)")
	bkExpOut := flag.String("bklint-exp-out", "", "the same for the -experimental run")
	verbose := flag.String("v", "", "list the mismatches of this rule (or \"all\")")
	flag.Parse()

	files, err := listFiles(*corpus, *list)
	if err != nil {
		fatal(err)
	}
	if len(files) == 0 {
		fatal(fmt.Errorf("no files"))
	}
	bk, err := bklint(*runner, files, *bkOut, false)
	if err != nil {
		fatal(err)
	}
	bkExp, err := bklint(*runner, files, *bkExpOut, true)
	if err != nil {
		fatal(err)
	}

	ruleIDs := map[string]bool{}
	for _, r := range rules.All() {
		// CopyIgnoredFile needs the build context, which bklint does not have
		if r.BuildKit && r.ID != "CopyIgnoredFile" {
			ruleIDs[r.ID] = true
		}
	}
	const exp = "InvalidDefinitionDescription"

	theirs, ours := newSide(), newSide()
	buildErr := map[string]bool{}
	models := map[string]*dockerfile.File{}
	var crashes []string
	for _, fd := range bk {
		if fd.Crash != "" {
			crashes = append(crashes, fd.File)
		}
		if fd.Code == "BuildError" {
			buildErr[fd.File] = true
		}
	}
	for _, name := range files {
		src, err := os.ReadFile(name)
		if err != nil {
			fatal(err)
		}
		f := dockerfile.Parse(name, src)
		models[name] = f
		for _, d := range rules.Lint(f, nil) {
			if ruleIDs[d.Rule] && d.Rule != exp {
				ours.add(key{name, d.Rule, instLine(f, f.Position(d.Range.Start).Line)}, d.Message)
			}
		}
		// the experimental run sees the text bklint -experimental sees
		g, shift := f, 0
		if !hasCheckDirective(f) {
			g = dockerfile.Parse(name, append([]byte("# check=experimental=all\n"), src...))
			shift = 1
		}
		for _, d := range rules.Lint(g, nil) {
			if d.Rule == exp {
				line := g.Position(d.Range.Start).Line - shift
				ours.add(key{name, d.Rule, instLine(f, line)}, d.Message)
			}
		}
	}
	for _, fd := range bk {
		if ruleIDs[fd.Code] && fd.Code != exp {
			theirs.add(key{fd.File, fd.Code, instLine(models[fd.File], fd.Line)}, fd.Message)
		}
	}
	for _, fd := range bkExp {
		if fd.Code == exp {
			theirs.add(key{fd.File, fd.Code, instLine(models[fd.File], fd.Line)}, fd.Message)
		}
	}

	st := map[string]*stats{}
	for id := range ruleIDs {
		st[id] = &stats{}
	}
	type miss struct {
		k      key
		kind   string
		msgs   []string
		reason string
	}
	var misses []miss
	keys := map[key]bool{}
	for k := range theirs.msgs {
		keys[k] = true
	}
	for k := range ours.msgs {
		keys[k] = true
	}
	for k := range keys {
		s := st[k.rule]
		b, o := len(theirs.msgs[k]), len(ours.msgs[k])
		tp := min(b, o)
		if buildErr[k.file] {
			s.errBK += b
			s.errTP += tp
			s.errFN += b - tp
			s.errExtra += o - tp
			if b > tp {
				r := explain(models[k.file], k, false, o)
				if r != "" {
					s.errExplained += b - tp
				}
				misses = append(misses, miss{k, "missed (BuildError file)", theirs.msgs[k], r})
			}
			continue
		}
		s.bk += b
		s.ours += o
		s.tp += tp
		s.fp += o - tp
		s.fn += b - tp
		if o > tp {
			r := explain(models[k.file], k, true, o)
			if r != "" {
				s.explained += o - tp
			}
			misses = append(misses, miss{k, "extra", ours.msgs[k], r})
		}
		if b > tp {
			r := explain(models[k.file], k, false, o)
			if r != "" {
				s.explained += b - tp
			}
			misses = append(misses, miss{k, "missed", theirs.msgs[k], r})
		}
	}

	var ids []string
	for id := range st {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	fmt.Printf("%d files, %d where BuildKit stopped at a BuildError, %d bklint crashes\n\n", len(files), len(buildErr), len(crashes))
	fmt.Println("Files without BuildError (precision and recall):")
	fmt.Println()
	fmt.Println("| Rule | BuildKit | layerlint | match | extra | missed | precision | recall | explained |")
	fmt.Println("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
	var tot stats
	for _, id := range ids {
		s := st[id]
		fmt.Printf("| %s | %d | %d | %d | %d | %d | %s | %s | %d |\n", id, s.bk, s.ours, s.tp, s.fp, s.fn, pct(s.tp, s.ours), pct(s.tp, s.bk), s.explained)
		tot.bk += s.bk
		tot.ours += s.ours
		tot.tp += s.tp
		tot.fp += s.fp
		tot.fn += s.fn
		tot.explained += s.explained
		tot.errBK += s.errBK
		tot.errTP += s.errTP
		tot.errFN += s.errFN
		tot.errExtra += s.errExtra
		tot.errExplained += s.errExplained
	}
	fmt.Printf("| **all** | %d | %d | %d | %d | %d | %s | %s | %d |\n", tot.bk, tot.ours, tot.tp, tot.fp, tot.fn, pct(tot.tp, tot.ours), pct(tot.tp, tot.bk), tot.explained)
	fmt.Println()
	fmt.Println("Files where BuildKit stopped at a BuildError (recall of BuildKit's truncated list):")
	fmt.Println()
	fmt.Println("| Rule | BuildKit | match | missed | recall | explained | layerlint beyond |")
	fmt.Println("|---|---:|---:|---:|---:|---:|---:|")
	for _, id := range ids {
		s := st[id]
		if s.errBK == 0 && s.errExtra == 0 {
			continue
		}
		fmt.Printf("| %s | %d | %d | %d | %s | %d | %d |\n", id, s.errBK, s.errTP, s.errFN, pct(s.errTP, s.errBK), s.errExplained, s.errExtra)
	}
	fmt.Printf("| **all** | %d | %d | %d | %s | %d | %d |\n", tot.errBK, tot.errTP, tot.errFN, pct(tot.errTP, tot.errBK), tot.errExplained, tot.errExtra)
	fmt.Println()
	fmt.Println("explained: mismatches caused by a BuildKit behaviour that layerlint documents as a deviation (see -v).")

	if *verbose != "" {
		sort.Slice(misses, func(i, j int) bool {
			a, b := misses[i].k, misses[j].k
			if a.rule != b.rule {
				return a.rule < b.rule
			}
			if a.file != b.file {
				return a.file < b.file
			}
			return a.line < b.line
		})
		fmt.Println()
		for _, m := range misses {
			if *verbose != "all" && m.k.rule != *verbose {
				continue
			}
			r := ""
			if m.reason != "" {
				r = " [" + m.reason + "]"
			}
			fmt.Printf("%s %s:%d %s%s\n", m.k.rule, m.k.file, m.k.line, m.kind, r)
			for _, msg := range m.msgs {
				fmt.Printf("    %s\n", msg)
			}
		}
	}
}

// explain names the documented deviation from BuildKit that accounts for a
// mismatch, or "".
func explain(f *dockerfile.File, k key, extra bool, reported int) string {
	// a layerlint or hadolint ignore comment, or a "# check=skip=" comment
	// above an instruction, which layerlint applies to every rule (BuildKit
	// applies it only to the checks it runs while dispatching instructions)
	if !extra {
		if r, ok := rules.Lookup(k.rule); ok {
			all := 0
			for _, d := range rules.RunRule(f, r) {
				if instLine(f, f.Position(d.Range.Start).Line) == k.line {
					all++
				}
			}
			if all > reported {
				return "suppressed by a comment in layerlint"
			}
		}
	}
	switch k.rule {
	case "InvalidDefinitionDescription":
		// BuildKit keeps comments above an empty line attached to the
		// instruction below it, contrary to its documentation
		if !extra && k.line > 1 {
			above := strings.TrimSpace(f.Line(k.line - 1))
			if !strings.HasPrefix(above, "#") {
				return "BuildKit attaches a comment separated by an empty line"
			}
		}
	}
	return ""
}

// instLine maps a 1-based line to the first line of the instruction that
// contains it.
func instLine(f *dockerfile.File, line int) int {
	if f == nil || line < 1 {
		return line
	}
	for _, in := range f.Instructions {
		if line >= in.StartLine && line <= in.EndLine {
			return in.StartLine
		}
	}
	return line
}

func hasCheckDirective(f *dockerfile.File) bool {
	for _, d := range f.Directives {
		if d.Name == "check" {
			return true
		}
	}
	return false
}

func pct(a, b int) string {
	if b == 0 {
		return "–"
	}
	return fmt.Sprintf("%.1f%%", 100*float64(a)/float64(b))
}

func listFiles(dir, list string) ([]string, error) {
	if list != "" {
		dt, err := os.ReadFile(list)
		if err != nil {
			return nil, err
		}
		var out []string
		for _, l := range strings.Split(string(dt), "\n") {
			if l = strings.TrimSpace(l); l != "" {
				out = append(out, l)
			}
		}
		return out, nil
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, e := range entries {
		if !e.IsDir() {
			out = append(out, filepath.Join(dir, e.Name()))
		}
	}
	return out, nil
}

// bklint returns bklint's findings for files, read from cache when it
// exists, else produced by the runner (and written to cache when set).
func bklint(runner string, files []string, cache string, experimental bool) ([]finding, error) {
	var data []byte
	if cache != "" {
		if dt, err := os.ReadFile(cache); err == nil {
			data = dt
		}
	}
	if data == nil {
		tmp, err := os.CreateTemp("", "bkcompare-*.txt")
		if err != nil {
			return nil, err
		}
		defer os.Remove(tmp.Name())
		if _, err := tmp.WriteString(strings.Join(files, "\n") + "\n"); err != nil {
			return nil, err
		}
		tmp.Close()
		args := []string{"-l", tmp.Name()}
		if experimental {
			args = append([]string{"-experimental"}, args...)
		}
		cmd := exec.Command(runner, args...)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		out, err := cmd.Output()
		if err != nil {
			return nil, fmt.Errorf("%s: %v\n%s", runner, err, stderr.String())
		}
		data = out
		if cache != "" {
			if err := os.MkdirAll(filepath.Dir(cache), 0o755); err != nil {
				return nil, err
			}
			if err := os.WriteFile(cache, data, 0o644); err != nil {
				return nil, err
			}
		}
	}
	var out []finding
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		var fd finding
		if err := json.Unmarshal(sc.Bytes(), &fd); err != nil {
			return nil, fmt.Errorf("bklint output: %v", err)
		}
		out = append(out, fd)
	}
	return out, sc.Err()
}

func fatal(err error) {
	fmt.Fprintln(os.Stderr, "bkcompare:", err)
	os.Exit(1)
}
