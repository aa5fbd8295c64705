package dockerfile

import (
	"bytes"
	"path"
	"slices"
	"strings"

	"github.com/moby/buildkit/frontend/dockerfile/instructions"
	"mvdan.cc/sh/v3/syntax"

	"github.com/layerlint/layerlint/internal/par"
)

// ShellKind says how a RUN body is executed.
type ShellKind int

const (
	ShellPOSIX    ShellKind = iota // sh/bash/ash/dash/zsh: body parsed into Commands
	ShellNonPOSIX                  // pwsh, powershell, cmd: body not parsed
	ShellExec                      // exec (JSON) form: one command, no shell
	ShellOther                     // heredoc with a non-shell interpreter (#!/usr/bin/env python)
)

// RunBody is what a RUN executes.
type RunBody struct {
	Kind  ShellKind
	Shell []string // the SHELL in force (default ["/bin/sh", "-c"])
	// Commands are the simple commands the body runs, in source order,
	// across &&, ||, ;, pipes, subshells, functions, heredoc scripts and
	// nested `sh -c '...'` strings.
	Commands []*Command
	// Mounts are the RUN --mount flags as BuildKit parsed them.
	Mounts []*instructions.Mount
	// SyntaxError is set when the shell text does not parse.
	SyntaxError      string
	SyntaxErrorRange Range
	// Script is the source range of the shell text (the arguments, or the
	// heredoc body for RUN <<EOF).
	Script Range
	// HasComment reports a shell comment in the body, which would swallow
	// text appended at the end of the line.
	HasComment bool
}

// Command is one simple command.
type Command struct {
	Args   []Word   // the words, command name first
	Assign []string // NAME=value prefixes, as written
	Range  Range    // from the first assignment or word to the last word
	Nested bool     // found inside an `sh -c` string
	// Pipeline is 0 when the command is not part of a pipeline; commands of
	// one pipeline share a positive Pipeline number (unique within the RUN)
	// and PipePos is their 0-based position in it (`a | b`: a=0, b=1).
	Pipeline int
	PipePos  int
	// Redirs are the command's redirections (`> file`, `2>&1`, `<<EOF`).
	Redirs []Redir
	// Substituted reports a command inside $(...), `...` or <(...): its
	// output is consumed by another command.
	Substituted bool

	// set once the words are final (resolve): where Argv starts, and Name
	argvAt   int
	name     string
	resolved bool
}

// resolve records Argv's start and Name, which rules ask for many times.
func (c *Command) resolve() {
	a := c.argv()
	c.argvAt = len(c.Args) - len(a)
	c.name = ""
	if len(a) > 0 {
		c.name = path.Base(a[0].Value)
	}
	c.resolved = true
}

// Redir is one redirection of a command.
type Redir struct {
	Op     string // ">", ">>", "<", "2>", "&>", "<<", "<<-", ">&", ... (the fd number, if any, prefixes it)
	Target Word   // the file, fd or heredoc delimiter
}

// Word is one shell word.
type Word struct {
	Value   string // the literal value with quotes removed; "" parts for expansions
	Literal bool   // the word has no expansions, so Value is exact
	Range   Range
}

// Name returns the command's base name ("/usr/bin/apt-get" → "apt-get"),
// looking through sudo, env, nohup, time, command and exec wrappers.
func (c *Command) Name() string {
	if c.resolved {
		return c.name
	}
	a := c.argv()
	if len(a) == 0 {
		return ""
	}
	return path.Base(a[0].Value)
}

// Argv returns the words starting at the real command, wrappers skipped.
func (c *Command) Argv() []Word {
	if c.resolved {
		return c.Args[c.argvAt:]
	}
	return c.argv()
}

func (c *Command) argv() []Word {
	a := c.Args
	for len(a) > 0 {
		switch path.Base(a[0].Value) {
		case "sudo", "nohup", "time", "command", "exec", "doas":
			a = a[1:]
			for len(a) > 0 && (strings.HasPrefix(a[0].Value, "-") || isAssignment(a[0].Value)) {
				if a[0].Value == "-u" || a[0].Value == "-g" {
					a = a[1:]
				}
				if len(a) > 0 {
					a = a[1:]
				}
			}
		case "env":
			a = a[1:]
			for len(a) > 0 && (strings.HasPrefix(a[0].Value, "-") || strings.Contains(a[0].Value, "=")) {
				a = a[1:]
			}
		default:
			return a
		}
	}
	return a
}

// Has reports whether any argument (after the name) equals one of vals.
func (c *Command) Has(vals ...string) bool {
	a := c.Argv()
	for _, w := range a[min(1, len(a)):] {
		for _, v := range vals {
			if w.Value == v {
				return true
			}
		}
	}
	return false
}

// HasPrefix reports whether any argument starts with one of prefixes.
func (c *Command) HasPrefix(prefixes ...string) bool {
	a := c.Argv()
	for _, w := range a[min(1, len(a)):] {
		for _, p := range prefixes {
			if strings.HasPrefix(w.Value, p) {
				return true
			}
		}
	}
	return false
}

// Operands returns the non-option arguments after the name. Options listed in
// withValue take the next word as their value.
func (c *Command) Operands(withValue ...string) []Word {
	a := c.Argv()
	if len(a) == 0 {
		return nil
	}
	return Operands(a[1:], withValue...)
}

// FirstOperand is the first word of Operands, nil when there is none.
func (c *Command) FirstOperand(withValue ...string) *Word {
	a := c.Argv()
	if len(a) == 0 {
		return nil
	}
	return FirstOperand(a[1:], withValue...)
}

// Operands returns the non-option words of args: words starting with "-" are
// options, those listed in withValue consume the next word, and every word
// after "--" is an operand.
func Operands(args []Word, withValue ...string) []Word {
	var out []Word
	for i := 0; i < len(args); i++ {
		j, rest := skipOptions(args, i, withValue)
		if rest {
			return append(out, args[j:]...)
		}
		if j == len(args) {
			break
		}
		out = append(out, args[j])
		i = j
	}
	return out
}

// FirstOperand returns the first word Operands would return, without
// building the list; nil when there is none. The word is args' own.
func FirstOperand(args []Word, withValue ...string) *Word {
	if j, _ := skipOptions(args, 0, withValue); j < len(args) {
		return &args[j]
	}
	return nil
}

// skipOptions returns the index of the first operand at or after i
// (len(args) when none) and whether it follows "--" (then every word from it
// on is an operand).
func skipOptions(args []Word, i int, withValue []string) (int, bool) {
	for ; i < len(args); i++ {
		v := args[i].Value
		if v == "--" {
			return i + 1, true
		}
		if strings.HasPrefix(v, "-") && len(v) > 1 {
			if slices.Contains(withValue, v) {
				i++
			}
			continue
		}
		return i, false
	}
	return len(args), false
}

// Sub returns the first operand (the subcommand: "install" in apt-get
// install), or "".
func (c *Command) Sub(withValue ...string) string {
	ops := c.Operands(withValue...)
	if len(ops) == 0 {
		return ""
	}
	return ops[0].Value
}

// String renders the command's literal words.
func (c *Command) String() string {
	var b strings.Builder
	for i, w := range c.Args {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(w.Value)
	}
	return b.String()
}

// shellState tracks the SHELL in force per stage.
func defaultShell(s *Stage) []string {
	if s != nil && isWindowsImage(s.Base) {
		return []string{"cmd", "/S", "/C"}
	}
	return []string{"/bin/sh", "-c"}
}

func isWindowsImage(img string) bool {
	l := strings.ToLower(img)
	if i := strings.LastIndexByte(l, '/'); i >= 0 {
		// mcr.microsoft.com/windows:1809, mcr.microsoft.com/windows/server:ltsc2022
		repo := l[:i]
		name := l[i+1:]
		if strings.HasSuffix(repo, "/windows") || strings.HasPrefix(name, "windows:") || name == "windows" {
			return true
		}
	}
	return strings.Contains(l, "windows/") || strings.Contains(l, "nanoserver") || strings.Contains(l, "servercore")
}

func isPOSIXShell(sh []string) bool {
	if len(sh) == 0 {
		return true
	}
	name := strings.ToLower(path.Base(strings.ReplaceAll(sh[0], `\`, "/")))
	name = strings.TrimSuffix(name, ".exe")
	switch name {
	case "pwsh", "powershell", "cmd":
		return false
	}
	return true
}

func isShellName(name string) bool {
	switch name {
	case "sh", "bash", "ash", "dash", "zsh", "ksh", "busybox":
		return true
	}
	return false
}

// parseRuns fills Instruction.Run for every RUN (and ONBUILD RUN).
func (f *File) parseRuns() {
	type job struct {
		in *Instruction
		sh []string
	}
	var jobs []job
	shells := map[*Stage][]string{}
	for _, in := range f.Instructions {
		s := in.Stage
		if in.Keyword == "from" {
			if s.Parent != nil {
				shells[s] = shells[s.Parent]
			}
			if shells[s] == nil {
				shells[s] = defaultShell(s)
			}
			continue
		}
		if in.Keyword == "shell" {
			if c, ok := in.Command.(*instructions.ShellCommand); ok && len(c.Shell) > 0 {
				shells[s] = c.Shell
			}
			continue
		}
		sh := shells[s]
		if sh == nil {
			sh = defaultShell(s)
		}
		target := in
		if in.Onbuild != nil {
			target = in.Onbuild
		}
		if target.Keyword == "run" && !f.isKept(in.Index) {
			jobs = append(jobs, job{target, sh})
		}
	}
	// RUN bodies are independent: parse them on several cores in large files
	parsers := make([]runParser, par.Workers(len(jobs)))
	for i := range parsers {
		parsers[i].File = f
	}
	par.Do(len(parsers), len(jobs), func(w, i int) {
		jobs[i].in.Run = parsers[w].parseRun(jobs[i].in, jobs[i].sh)
	})
}

// runParser parses RUN bodies with its own shell parser (one per goroutine).
type runParser struct {
	*File
	sh *syntax.Parser
}

func (f *runParser) parseRun(in *Instruction, sh []string) *RunBody {
	rb := &RunBody{Shell: sh, Script: in.ArgsRange}
	if c, ok := in.Command.(*instructions.RunCommand); ok {
		rb.Mounts = safeMounts(c)
	}
	if in.JSONForm {
		rb.Kind = ShellExec
		cmd := &Command{}
		for _, a := range in.Args {
			cmd.Args = append(cmd.Args, Word{Value: a.Value, Literal: true, Range: a.Range})
		}
		if len(cmd.Args) > 0 {
			cmd.Range = Range{cmd.Args[0].Range.Start, cmd.Args[len(cmd.Args)-1].Range.End}
			cmd.resolve()
			rb.Commands = append(rb.Commands, cmd)
			f.nested(rb, cmd, 0)
		}
		return rb
	}
	if !isPOSIXShell(sh) {
		rb.Kind = ShellNonPOSIX
		return rb
	}
	if in.logical == nil {
		return rb
	}
	// script text: the logical argument text, then the heredoc bodies as source
	ll := in.logical
	start := ll.logicalOf(in.ArgsRange.Start)
	end := ll.logicalOf(in.ArgsRange.End)
	if start < 0 || end < start {
		return rb
	}
	script := &logicalLine{}
	for _, sg := range ll.segs {
		s0, s1 := max(sg.logical, start), min(sg.logical+sg.n, end)
		if s1 > s0 {
			script.segs = append(script.segs, segment{logical: len(script.text), src: sg.src + s0 - sg.logical, n: s1 - s0})
			script.text = append(script.text, ll.text[s0:s1]...)
		}
	}
	if len(in.Heredocs) > 0 {
		script.text = append(script.text, '\n')
		first := in.Heredocs[0].BodyRange.Start
		last := in.Heredocs[len(in.Heredocs)-1].Terminator.End
		if first <= last && last <= len(f.Src) {
			script.segs = append(script.segs, segment{logical: len(script.text), src: first, n: last - first})
			script.text = append(script.text, f.Src[first:last]...)
			script.text = append(script.text, '\n')
		}
	}
	prog, err := f.parseShell(script.text)
	if err != nil {
		rb.SyntaxError = err.Error()
		if pe, ok := err.(syntax.ParseError); ok {
			p := script.src(int(pe.Pos.Offset()))
			rb.SyntaxErrorRange = Range{p, p}
		} else {
			rb.SyntaxErrorRange = in.ArgsRange
		}
		return rb
	}
	rb.HasComment = hasComment(prog)
	// RUN <<EOF (heredoc only): the bodies are the script
	if heredocOnly(prog) && len(in.Heredocs) > 0 {
		rb.HasComment = false
		for _, h := range in.Heredocs {
			body := f.Src[h.BodyRange.Start:h.BodyRange.End]
			if interp := shebang(body); interp != "" && !isShellName(interp) {
				rb.Kind = ShellOther
				continue
			}
			hp, err := f.parseShell(body)
			if err != nil {
				rb.SyntaxError = err.Error()
				rb.SyntaxErrorRange = h.BodyRange
				continue
			}
			if hasComment(hp) {
				rb.HasComment = true
			}
			rb.Script = h.BodyRange
			base := h.BodyRange.Start
			f.collect(rb, hp, body, func(o int) int { return base + o }, false)
		}
		return rb
	}
	f.collect(rb, prog, script.text, script.src, false)
	return rb
}

// logicalOf maps a source offset back to the logical line (first match), or -1.
func (l *logicalLine) logicalOf(src int) int {
	for _, s := range l.segs {
		if src >= s.src && src <= s.src+s.n {
			return s.logical + src - s.src
		}
	}
	if len(l.segs) > 0 && src >= l.segs[len(l.segs)-1].src {
		return len(l.text)
	}
	return -1
}

// parseShell parses a script with the file's shell parser (one per File,
// reused: Parse runs on one goroutine).
func (f *runParser) parseShell(text []byte) (*syntax.File, error) {
	if f.sh == nil {
		f.sh = syntax.NewParser(syntax.Variant(syntax.LangBash), syntax.KeepComments(true))
	}
	return f.sh.Parse(bytes.NewReader(text), "")
}

func heredocOnly(prog *syntax.File) bool {
	if len(prog.Stmts) == 0 {
		return false
	}
	for _, st := range prog.Stmts {
		if st.Cmd != nil {
			return false
		}
		hd := false
		for _, r := range st.Redirs {
			if r.Hdoc != nil {
				hd = true
			}
		}
		if !hd {
			return false
		}
	}
	return true
}

func shebang(body []byte) string {
	if !bytes.HasPrefix(body, []byte("#!")) {
		return ""
	}
	line := body[2:]
	if i := bytes.IndexByte(line, '\n'); i >= 0 {
		line = line[:i]
	}
	fields := strings.Fields(string(line))
	if len(fields) == 0 {
		return ""
	}
	name := path.Base(fields[0])
	if name == "env" && len(fields) > 1 {
		name = path.Base(fields[1])
		if name == "-S" && len(fields) > 2 {
			name = path.Base(fields[2])
		}
	}
	return name
}

// shellFacts are what the pass over a script found besides its commands.
type shellFacts struct {
	stdin   []*syntax.Stmt // shells fed a heredoc on stdin
	comment bool
}

// walkShell walks prog once, in source order, calling onCall for every simple
// command with its redirections, whether it runs inside a substitution, and
// its pipeline number and position (0, 0 outside pipelines). Pipeline numbers
// start above base*1000 so that nested scripts of one RUN do not reuse them.
func walkShell(prog *syntax.File, base int, onCall func(c *syntax.CallExpr, redirs []*syntax.Redirect, subst bool, pipe [2]int)) *shellFacts {
	sf := &shellFacts{comment: len(prog.Last) > 0}
	id := base * 1000
	var pipes map[*syntax.Stmt][2]int
	var inPipe map[*syntax.BinaryCmd]bool // made on the first pipeline
	substDepth := 0
	var walk func(n syntax.Node) bool
	walk = func(n syntax.Node) bool {
		switch n := n.(type) {
		case *syntax.Comment:
			sf.comment = true
		case *syntax.Stmt:
			if c, ok := n.Cmd.(*syntax.CallExpr); ok && len(c.Args) > 0 {
				if len(n.Redirs) > 0 {
					sf.stdin = append(sf.stdin, n)
				}
				onCall(c, n.Redirs, substDepth > 0, pipes[n])
			}
		case *syntax.BinaryCmd:
			if (n.Op == syntax.Pipe || n.Op == syntax.PipeAll) && !inPipe[n] {
				id++
				pos := 0
				var flatten func(st *syntax.Stmt)
				flatten = func(st *syntax.Stmt) {
					if b, ok := st.Cmd.(*syntax.BinaryCmd); ok && (b.Op == syntax.Pipe || b.Op == syntax.PipeAll) {
						if inPipe == nil {
							inPipe = map[*syntax.BinaryCmd]bool{}
						}
						inPipe[b] = true
						flatten(b.X)
						flatten(b.Y)
						return
					}
					if pipes == nil {
						pipes = map[*syntax.Stmt][2]int{}
					}
					pipes[st] = [2]int{id, pos}
					pos++
				}
				flatten(n.X)
				flatten(n.Y)
			}
		case *syntax.CmdSubst, *syntax.ProcSubst:
			substDepth++
			for _, st := range substStmts(n) {
				syntax.Walk(st, walk)
			}
			substDepth--
			return false
		}
		return true
	}
	syntax.Walk(prog, walk)
	return sf
}

func substStmts(n syntax.Node) []*syntax.Stmt {
	switch n := n.(type) {
	case *syntax.CmdSubst:
		return n.Stmts
	case *syntax.ProcSubst:
		return n.Stmts
	}
	return nil
}

// collect appends prog's simple commands to rb, mapping offsets with toSrc.
func (f *runParser) collect(rb *RunBody, prog *syntax.File, text []byte, toSrc func(int) int, nested bool) {
	sf := walkShell(prog, len(rb.Commands), func(call *syntax.CallExpr, redirs []*syntax.Redirect, subst bool, pipe [2]int) {
		cmd := &Command{Nested: nested, Substituted: subst, Pipeline: pipe[0], PipePos: pipe[1]}
		for _, r := range redirs {
			op := r.Op.String()
			if r.N != nil {
				op = r.N.Value + op
			}
			rd := Redir{Op: op}
			if r.Word != nil {
				val, lit := wordValue(r.Word)
				ws, we := int(r.Word.Pos().Offset()), int(r.Word.End().Offset())
				rd.Target = Word{Value: val, Literal: lit, Range: Range{toSrc(ws), mapEnd(toSrc, ws, we)}}
			}
			cmd.Redirs = append(cmd.Redirs, rd)
		}
		for _, a := range call.Assigns {
			s, e := int(a.Pos().Offset()), int(a.End().Offset())
			if s <= e && e <= len(text) {
				cmd.Assign = append(cmd.Assign, string(text[s:e]))
			}
		}
		cmd.Args = make([]Word, 0, len(call.Args))
		for _, w := range call.Args {
			val, lit := wordValue(w)
			s, e := int(w.Pos().Offset()), int(w.End().Offset())
			cmd.Args = append(cmd.Args, Word{Value: val, Literal: lit, Range: Range{toSrc(s), mapEnd(toSrc, s, e)}})
		}
		s := int(call.Pos().Offset())
		e := int(call.End().Offset())
		cmd.Range = Range{toSrc(s), mapEnd(toSrc, s, e)}
		cmd.resolve()
		rb.Commands = append(rb.Commands, cmd)
		if !nested {
			// sh -c 'script': parse the string too
			f.nestedShell(rb, cmd, call, text, toSrc)
		}
	})
	if sf.comment {
		rb.HasComment = true
	}
	if !nested {
		f.stdinScripts(rb, sf.stdin, text, toSrc)
	}
}

// stdinScripts parses heredocs fed to a shell's standard input
// (`RUN bash <<EOF ... EOF`) as scripts.
func (f *runParser) stdinScripts(rb *RunBody, stmts []*syntax.Stmt, text []byte, toSrc func(int) int) {
	for _, st := range stmts {
		call, ok := st.Cmd.(*syntax.CallExpr)
		if !ok || len(call.Args) == 0 {
			continue
		}
		name, _ := wordValue(call.Args[0])
		if !isShellName(path.Base(name)) {
			continue
		}
		dashC := false
		for _, a := range call.Args[1:] {
			if v, _ := wordValue(a); strings.HasPrefix(v, "-") && strings.Contains(v, "c") && !strings.HasPrefix(v, "--") {
				dashC = true // sh -c: the script is the argument, not stdin
			}
		}
		if dashC {
			continue
		}
		for _, r := range st.Redirs {
			if r.Hdoc == nil || (r.Op != syntax.Hdoc && r.Op != syntax.DashHdoc) {
				continue
			}
			s, e := int(r.Hdoc.Pos().Offset()), int(r.Hdoc.End().Offset())
			if s < 0 || e > len(text) || s >= e {
				continue
			}
			body := text[s:e]
			// the node may extend over the closing delimiter line: cut it
			if delim, _ := wordValue(r.Word); delim != "" {
				if i := bytes.LastIndexByte(bytes.TrimRight(body, "\n"), '\n'); i >= 0 {
					if strings.TrimLeft(strings.TrimSpace(string(body[i+1:])), "\t") == delim {
						body = body[:i+1]
					}
				} else if strings.TrimSpace(string(body)) == delim {
					continue
				}
			}
			hp, err := f.parseShell(body)
			if err != nil {
				continue
			}
			f.collect(rb, hp, body, func(o int) int { return toSrc(s + o) }, true)
		}
	}
}

func hasComment(prog *syntax.File) bool {
	if len(prog.Last) > 0 {
		return true
	}
	found := false
	syntax.Walk(prog, func(n syntax.Node) bool {
		if _, ok := n.(*syntax.Comment); ok {
			found = true
		}
		return !found
	})
	return found
}

func mapEnd(toSrc func(int) int, s, e int) int {
	if e <= s {
		return toSrc(s)
	}
	return toSrc(e-1) + 1
}

// nestedShell parses the script of `sh -c SCRIPT` in shell form.
func (f *runParser) nestedShell(rb *RunBody, cmd *Command, call *syntax.CallExpr, text []byte, toSrc func(int) int) {
	argv := cmd.Argv()
	if len(argv) < 3 || !isShellName(path.Base(argv[0].Value)) {
		return
	}
	off := len(cmd.Args) - len(argv)
	for i := 1; i+1 < len(argv); i++ {
		v := argv[i].Value
		if !strings.HasPrefix(v, "-") {
			return
		}
		if strings.Contains(v, "c") && !strings.HasPrefix(v, "--") {
			w := call.Args[off+i+1]
			if !argv[i+1].Literal {
				return
			}
			script := argv[i+1].Value
			prog, err := f.parseShell([]byte(script))
			if err != nil {
				return
			}
			// one-to-one mapping when the word is a single quoted part
			base := int(w.Pos().Offset())
			exact := false
			if len(w.Parts) == 1 {
				switch p := w.Parts[0].(type) {
				case *syntax.SglQuoted:
					exact = !p.Dollar
					base++
				case *syntax.DblQuoted:
					if len(p.Parts) <= 1 && !strings.Contains(string(text[int(w.Pos().Offset()):int(w.End().Offset())]), `\`) {
						exact = true
						base++
					}
				case *syntax.Lit:
					exact = !strings.Contains(p.Value, `\`)
				}
			}
			mapper := func(o int) int { return toSrc(base) }
			if exact {
				mapper = func(o int) int { return toSrc(base + o) }
			}
			f.collect(rb, prog, []byte(script), mapper, true)
			return
		}
	}
}

// nested handles exec-form ["sh", "-c", "script"].
func (f *runParser) nested(rb *RunBody, cmd *Command, _ int) {
	a := cmd.Args
	if len(a) < 3 || !isShellName(path.Base(a[0].Value)) {
		return
	}
	for i := 1; i+1 < len(a); i++ {
		if !strings.HasPrefix(a[i].Value, "-") {
			return
		}
		if strings.Contains(a[i].Value, "c") {
			prog, err := f.parseShell([]byte(a[i+1].Value))
			if err != nil {
				return
			}
			r := a[i+1].Range
			raw := f.Text(r)
			exact := !strings.Contains(raw, `\`)
			mapper := func(o int) int { return r.Start }
			if exact {
				mapper = func(o int) int { return r.Start + 1 + o }
			}
			f.collect(rb, prog, []byte(a[i+1].Value), mapper, true)
			return
		}
	}
}

// wordValue returns the literal value of w and whether it is fully literal.
func wordValue(w *syntax.Word) (string, bool) {
	var b strings.Builder
	lit := true
	var walk func(parts []syntax.WordPart, dq bool)
	walk = func(parts []syntax.WordPart, dq bool) {
		for _, p := range parts {
			switch p := p.(type) {
			case *syntax.Lit:
				b.WriteString(unescape(p.Value, dq))
			case *syntax.SglQuoted:
				b.WriteString(p.Value)
			case *syntax.DblQuoted:
				walk(p.Parts, true)
			case *syntax.ParamExp:
				lit = false
				if p.Param != nil {
					b.WriteString("${" + p.Param.Value + "}")
				}
			default:
				lit = false
			}
		}
	}
	walk(w.Parts, false)
	return b.String(), lit
}

func unescape(s string, dq bool) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) {
			if !dq || strings.ContainsRune("$`\"\\\n", rune(s[i+1])) {
				i++
			}
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// isAssignment reports a NAME=value word.
func isAssignment(w string) bool {
	i := strings.IndexByte(w, '=')
	if i <= 0 {
		return false
	}
	for j, c := range w[:i] {
		if !(c == '_' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || j > 0 && c >= '0' && c <= '9') {
			return false
		}
	}
	return true
}
