// Package shellcheck runs the shellcheck program for layerlint's ShellCheck
// rule. It implements rules.ShellChecker: the rules package stays free of
// I/O, and the CLI (or any other driver) sets a Checker in rules.Config.
//
// Scripts are written to a temporary directory and checked in one batched
// pass: one shellcheck process per dialect, split over a small pool of
// processes when there are many scripts. shellcheck reports in its json1
// format, whose columns count code points with tabs as one column, as
// rules.ShellComment expects.
//
// This package imports rules and nothing of cmd or lsp.
package shellcheck

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/layerlint/layerlint/rules"
)

// Checker runs a shellcheck binary.
type Checker struct {
	// Path is the shellcheck executable.
	Path string
	// Procs bounds the processes run at once; 0 means GOMAXPROCS.
	Procs int
	// PerProc is the number of scripts that justifies one more process; 0
	// means 8. A file with few RUNs is checked by a single process.
	PerProc int
	// Timeout bounds one CheckShell call; 0 means 60 seconds.
	Timeout time.Duration

	// results of earlier calls by script, so that a language server's
	// re-lint after an edit checks only the scripts that changed
	mu    sync.Mutex
	cache map[cacheKey][]rules.ShellComment
}

type cacheKey struct {
	dialect, text, exclude string
}

// cacheLimit bounds the cache; it is emptied when full.
const cacheLimit = 4096

// New returns a Checker for the shellcheck found on PATH, or ok=false when
// there is none.
func New() (c *Checker, ok bool) {
	p, err := exec.LookPath("shellcheck")
	if err != nil {
		return nil, false
	}
	return &Checker{Path: p}, true
}

// Version returns the version line of the binary ("0.9.0"), or "".
func (c *Checker) Version() string {
	out, err := exec.Command(c.Path, "--version").Output()
	if err != nil {
		return ""
	}
	for _, l := range strings.Split(string(out), "\n") {
		if v, ok := strings.CutPrefix(l, "version:"); ok {
			return strings.TrimSpace(v)
		}
	}
	return ""
}

var _ rules.ShellChecker = (*Checker)(nil)

// CheckShell checks every script and returns their comments in order.
func (c *Checker) CheckShell(scripts []rules.ShellScript, exclude []int) ([][]rules.ShellComment, error) {
	out := make([][]rules.ShellComment, len(scripts))
	ex := fmt.Sprint(exclude)
	var todo []int
	c.mu.Lock()
	for i, s := range scripts {
		if cs, ok := c.cache[cacheKey{s.Dialect, s.Text, ex}]; ok {
			out[i] = cs
		} else {
			todo = append(todo, i)
		}
	}
	c.mu.Unlock()
	if len(todo) == 0 {
		return out, nil
	}
	res, err := c.check(scripts, todo, exclude)
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.cache == nil || len(c.cache)+len(todo) > cacheLimit {
		c.cache = map[cacheKey][]rules.ShellComment{}
	}
	for _, i := range todo {
		out[i] = res[i]
		c.cache[cacheKey{scripts[i].Dialect, scripts[i].Text, ex}] = res[i]
	}
	return out, nil
}

// check runs shellcheck over the scripts at the indexes todo and returns the
// comments by script index.
func (c *Checker) check(scripts []rules.ShellScript, todo []int, exclude []int) (map[int][]rules.ShellComment, error) {
	out := map[int][]rules.ShellComment{}
	timeout := c.Timeout
	if timeout == 0 {
		timeout = 60 * time.Second
	}
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()

	dir, err := os.MkdirTemp("", "layerlint-shellcheck-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)

	// one file per script; the file name carries the script's index
	byDialect := map[string][]int{}
	var dialects []string
	for _, i := range todo {
		s := scripts[i]
		name := filepath.Join(dir, fmt.Sprintf("%d.sh", i))
		if err := os.WriteFile(name, []byte(s.Text), 0o600); err != nil {
			return nil, err
		}
		d := s.Dialect
		if d == "" {
			d = "sh"
		}
		if _, seen := byDialect[d]; !seen {
			dialects = append(dialects, d)
		}
		byDialect[d] = append(byDialect[d], i)
	}

	var batches []batch
	for _, d := range dialects {
		idx := byDialect[d]
		n := c.procsFor(len(idx))
		size := (len(idx) + n - 1) / n
		for s := 0; s < len(idx); s += size {
			batches = append(batches, batch{dialect: d, scripts: idx[s:min(s+size, len(idx))]})
		}
	}

	procs := c.Procs
	if procs <= 0 {
		procs = runtime.GOMAXPROCS(0)
	}
	sem := make(chan struct{}, procs)
	var wg sync.WaitGroup
	var mu sync.Mutex
	var firstErr error
	for _, b := range batches {
		wg.Add(1)
		sem <- struct{}{}
		go func(b batch) {
			defer wg.Done()
			defer func() { <-sem }()
			res, err := c.run(ctx, dir, b, exclude)
			mu.Lock()
			defer mu.Unlock()
			if err != nil {
				if firstErr == nil {
					firstErr = err
				}
				return
			}
			for i, cs := range res {
				out[i] = cs
			}
		}(b)
	}
	wg.Wait()
	if firstErr != nil {
		return nil, firstErr
	}
	return out, nil
}

type batch struct {
	dialect string
	scripts []int
}

// procsFor returns how many processes should share n scripts.
func (c *Checker) procsFor(n int) int {
	per := c.PerProc
	if per <= 0 {
		per = 8
	}
	max := c.Procs
	if max <= 0 {
		max = runtime.GOMAXPROCS(0)
	}
	p := (n + per - 1) / per
	if p > max {
		p = max
	}
	if p < 1 {
		p = 1
	}
	return p
}

// jsonComment is one entry of shellcheck's json1 output.
type jsonComment struct {
	File      string `json:"file"`
	Line      int    `json:"line"`
	EndLine   int    `json:"endLine"`
	Column    int    `json:"column"`
	EndColumn int    `json:"endColumn"`
	Level     string `json:"level"`
	Code      int    `json:"code"`
	Message   string `json:"message"`
	Fix       *struct {
		Replacements []struct {
			Line        int    `json:"line"`
			Column      int    `json:"column"`
			EndLine     int    `json:"endLine"`
			EndColumn   int    `json:"endColumn"`
			Replacement string `json:"replacement"`
		} `json:"replacements"`
	} `json:"fix"`
}

// run checks one batch and returns its comments by script index.
func (c *Checker) run(ctx context.Context, dir string, b batch, exclude []int) (map[int][]rules.ShellComment, error) {
	args := []string{"--format=json1", "--norc", "--shell=" + b.dialect}
	if len(exclude) > 0 {
		codes := make([]string, len(exclude))
		for i, e := range exclude {
			codes[i] = strconv.Itoa(e)
		}
		args = append(args, "--exclude="+strings.Join(codes, ","))
	}
	for _, i := range b.scripts {
		args = append(args, fmt.Sprintf("%d.sh", i))
	}
	cmd := exec.CommandContext(ctx, c.Path, args...)
	cmd.Dir = dir
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	// shellcheck exits 1 when it finds something; only a missing or
	// unreadable report is a failure
	var report struct {
		Comments []jsonComment `json:"comments"`
	}
	if jerr := json.Unmarshal(stdout.Bytes(), &report); jerr != nil {
		if err == nil {
			err = jerr
		}
		var ee *exec.ExitError
		if errors.As(err, &ee) && stderr.Len() > 0 {
			err = fmt.Errorf("shellcheck: %s", strings.TrimSpace(stderr.String()))
		}
		return nil, err
	}
	out := map[int][]rules.ShellComment{}
	for _, i := range b.scripts {
		out[i] = []rules.ShellComment{}
	}
	for _, jc := range report.Comments {
		i, err := strconv.Atoi(strings.TrimSuffix(filepath.Base(jc.File), ".sh"))
		if err != nil {
			continue
		}
		sc := rules.ShellComment{
			Code: jc.Code, Level: jc.Level, Message: jc.Message,
			Line: jc.Line, Column: jc.Column, EndLine: jc.EndLine, EndColumn: jc.EndColumn,
		}
		if jc.Fix != nil {
			for _, r := range jc.Fix.Replacements {
				sc.Fix = append(sc.Fix, rules.ShellReplacement{
					Line: r.Line, Column: r.Column, EndLine: r.EndLine, EndColumn: r.EndColumn, Text: r.Replacement,
				})
			}
		}
		out[i] = append(out[i], sc)
	}
	return out, nil
}
