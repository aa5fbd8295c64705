package rules

import (
	"bytes"
	"path"
	"path/filepath"
	"strings"

	"github.com/layerlint/layerlint/ctxscan"
	"github.com/layerlint/layerlint/dockerfile"
	"github.com/moby/buildkit/frontend/dockerfile/instructions"
	"mvdan.cc/sh/v3/syntax"
)

// Shared building blocks for fixes that edit RUN shell text (each helper
// checks that its edit keeps the shell text parseable and says whether the
// edit is safe to apply unreviewed), and for fixes that edit the ignore file.

// appendToRun returns an edit that runs cmd after everything else in the
// RUN's shell script: ` && cmd` at the end of a shell-form RUN (continuing the
// instruction's line-continuation style), or a new body line before the
// terminator of a `RUN <<EOF` here-document. ok is false when no such edit can
// be made (exec form, non-POSIX shell, a trailing shell comment, text that
// would no longer parse); safe is false when the edit is valid but may not run
// cmd last (an exit or exec in the script, shell text mixed with heredocs).
func appendToRun(f *dockerfile.File, in *dockerfile.Instruction, cmd string) (e Edit, safe, ok bool) {
	rb := in.Run
	if rb == nil || rb.Kind != dockerfile.ShellPOSIX || rb.SyntaxError != "" {
		return Edit{}, false, false
	}
	if len(in.Heredocs) > 0 {
		if len(in.Heredocs) != 1 || rb.Script != in.Heredocs[0].BodyRange {
			// `RUN cmd <<EOF`: the heredoc is data, the script is the line;
			// appending there is valid shell, but leave it to review.
			if e, ok := appendToLine(f, in, cmd); ok {
				return e, false, true
			}
			return Edit{}, false, false
		}
		e, ok := appendToHeredoc(f, in.Heredocs[0], cmd)
		return e, !endsEarly(f.Text(rb.Script)), ok
	}
	e, ok = appendToLine(f, in, cmd)
	return e, ok && !endsEarly(in.Args[0].Value), ok
}

// endsEarly reports a script whose last command is exit or exec: commands
// appended after it would never run.
func endsEarly(script string) bool {
	prog, err := parseScript(script)
	if err != nil || len(prog.Stmts) == 0 {
		return false
	}
	st := prog.Stmts[len(prog.Stmts)-1]
	for {
		b, ok := st.Cmd.(*syntax.BinaryCmd)
		if !ok {
			break
		}
		st = b.Y
	}
	call, ok := st.Cmd.(*syntax.CallExpr)
	if !ok || len(call.Args) == 0 {
		return false
	}
	name := call.Args[0].Lit()
	return name == "exit" || name == "exec"
}

// appendToLine appends ` && cmd` to a shell-form RUN.
func appendToLine(f *dockerfile.File, in *dockerfile.Instruction, cmd string) (Edit, bool) {
	rb := in.Run
	// a trailing comment would swallow the appended text
	if rb.HasComment || len(in.Args) != 1 || in.JSONForm || !appendedRuns(in.Args[0].Value, cmd) {
		return Edit{}, false
	}
	pos := rb.Script.End
	if pos <= rb.Script.Start || pos > len(f.Src) || isSpace(f.Src[pos-1]) {
		return Edit{}, false
	}
	return Edit{Range: dockerfile.Range{Start: pos, End: pos}, NewText: continueLikeRun(f, in, f.Position(pos).Line, cmd)}, true
}

// continueLikeRun returns the text that appends cmd to a RUN whose shell text
// ends on line last, in the RUN's own line-continuation style:
//
//	RUN a \            RUN a && \
//	    && b               b
//
// becoming "a \ && b \ && cmd" or "a && \ b && \ cmd" on separate lines. A
// one-line RUN, or one that breaks lines only between arguments, gets
// " && cmd" on its last line.
func continueLikeRun(f *dockerfile.File, in *dockerfile.Instruction, last int, cmd string) string {
	if last <= in.StartLine || f.Escape == 0 {
		return " && " + cmd
	}
	esc := string(f.Escape)
	nl := lineEnding(f, last)
	indentOf := func(l string) string { return l[:len(l)-len(strings.TrimLeft(l, " \t"))] }
	for n := last; n > in.StartLine; n-- {
		l := f.Line(n)
		if strings.HasPrefix(strings.TrimLeft(l, " \t"), "&&") {
			return " " + esc + nl + indentOf(l) + "&& " + cmd
		}
	}
	for n := last - 1; n >= in.StartLine; n-- {
		l := strings.TrimRight(f.Line(n), " \t")
		if strings.HasSuffix(l, esc) && strings.HasSuffix(strings.TrimRight(strings.TrimSuffix(l, esc), " \t"), "&&") {
			return " && " + esc + nl + indentOf(f.Line(n+1)) + cmd
		}
	}
	return " && " + cmd
}

// appendToHeredoc adds cmd as the last line of a heredoc body.
func appendToHeredoc(f *dockerfile.File, h dockerfile.Heredoc, cmd string) (Edit, bool) {
	body := f.Text(h.BodyRange)
	if body == "" || h.Terminator.Start != h.BodyRange.End || !strings.HasSuffix(body, "\n") {
		return Edit{}, false
	}
	lines := strings.Split(strings.TrimRight(body, "\r\n"), "\n")
	// the last line must end a command, not continue into the new one
	for i := len(lines) - 1; i >= 0; i-- {
		l := strings.TrimRight(lines[i], " \t\r")
		if l == "" {
			continue
		}
		if strings.HasSuffix(l, `\`) || strings.HasSuffix(l, "&&") || strings.HasSuffix(l, "||") || strings.HasSuffix(l, "|") {
			return Edit{}, false
		}
		break
	}
	indent := ""
	for _, l := range lines {
		t := strings.TrimLeft(l, " \t")
		if t != "" && !strings.HasPrefix(t, "#!") {
			indent = l[:len(l)-len(t)]
			break
		}
	}
	nl := "\n"
	if strings.HasSuffix(body, "\r\n") {
		nl = "\r\n"
	}
	text := indent + cmd + nl
	if !shellParses(body + text) {
		return Edit{}, false
	}
	return Edit{Range: dockerfile.Range{Start: h.Terminator.Start, End: h.Terminator.Start}, NewText: text}, true
}

// insertAfterWord inserts " "+text right after shell word w, when w's source
// text is exactly its value (no quotes or escapes to preserve).
func insertAfterWord(f *dockerfile.File, w *dockerfile.Word, text string) (Edit, bool) {
	if w == nil || !w.Literal || w.Value == "" || f.Text(w.Range) != w.Value {
		return Edit{}, false
	}
	return Edit{Range: dockerfile.Range{Start: w.Range.End, End: w.Range.End}, NewText: " " + text}, true
}

// instructionLines is the range of the physical lines of in, line ending
// included: deleting it removes the instruction without leaving a blank line.
func instructionLines(f *dockerfile.File, in *dockerfile.Instruction) dockerfile.Range {
	return dockerfile.Range{Start: f.LineStart(in.StartLine), End: f.LineStart(in.EndLine + 1)}
}

// appendedRuns reports whether script + " && " + cmd parses with cmd as a
// command of its own: not swallowed by a trailing comment, not breaking a
// background job or an unfinished list.
func appendedRuns(script, cmd string) bool {
	prog, err := parseScript(script + " && " + cmd)
	if err != nil {
		return false
	}
	found := false
	syntax.Walk(prog, func(n syntax.Node) bool {
		if c, ok := n.(*syntax.CallExpr); ok && int(c.Pos().Offset()) >= len(script) {
			found = true
		}
		return !found
	})
	return found
}

func shellParses(text string) bool {
	_, err := parseScript(text)
	return err == nil
}

func parseScript(text string) (*syntax.File, error) {
	p := syntax.NewParser(syntax.Variant(syntax.LangBash), syntax.KeepComments(true))
	return p.Parse(strings.NewReader(text), "")
}

func lineEnding(f *dockerfile.File, line int) string {
	e := f.LineEnd(line)
	if e+1 < len(f.Src) && f.Src[e] == '\r' && f.Src[e+1] == '\n' {
		return "\r\n"
	}
	return "\n"
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// pathCovers reports whether p (a path given to rm or a mount target) is dir,
// an ancestor of dir, or dir's contents ("dir/*"). Paths starting with "~/"
// name a directory under any home: "~/.npm" is covered by "/root/.npm",
// "$HOME/.npm", "/home/node/.npm" and, for a relocated home, any path ending
// in "/.npm".
func pathCovers(p, dir string) bool {
	p = cleanGlobPath(p)
	if p == "" {
		return false
	}
	if rel, ok := strings.CutPrefix(dir, "~/"); ok {
		if home, inHome := homeRelative(p); inHome {
			return home == "" || home == rel || strings.HasPrefix(rel, home+"/")
		}
		return strings.HasSuffix(p, "/"+rel)
	}
	return p == dir || strings.HasPrefix(dir, p+"/")
}

// homeRelative returns p relative to a home directory ("" for the home
// itself), when p starts with ~, $HOME, /root or /home/<user>.
func homeRelative(p string) (string, bool) {
	for _, h := range []string{"~", "${HOME}", "$HOME", "/root"} {
		if p == h {
			return "", true
		}
		if rest, ok := strings.CutPrefix(p, h+"/"); ok {
			return rest, true
		}
	}
	if rest, ok := strings.CutPrefix(p, "/home/"); ok && rest != "" {
		user, sub, _ := strings.Cut(rest, "/")
		if user != "" && !strings.ContainsAny(user, "*?[") {
			return sub, true
		}
	}
	return "", false
}

// cleanGlobPath drops trailing "/", "/*", "*" and "/." from p, so that
// "/var/lib/apt/lists/*" and "/var/lib/apt/lists/" both read as the directory.
func cleanGlobPath(p string) string {
	p = strings.TrimSpace(p)
	for {
		q := strings.TrimSuffix(strings.TrimSuffix(strings.TrimSuffix(p, "/*"), "*"), "/.")
		if len(q) > 1 {
			q = strings.TrimRight(q, "/")
		}
		if q == p {
			break
		}
		p = q
	}
	if strings.HasPrefix(p, "/") {
		p = path.Clean(p)
	}
	return p
}

// Fixes that edit the build context's ignore file instead of the
// Dockerfile. They name the file by its OS path (Edit.File) but never read
// or write it: the context the rule runs with holds the ignore file's text.

// ignoreFileEdit returns the edit that adds lines (patterns, no line
// endings) to the effective ignore file: appended at its end in its own
// line-ending style, or, when there is none, a new .dockerignore at the
// context root holding header and lines. ok is false when a new file cannot
// be made: the root .dockerignore exists but could not be read, or is a
// directory.
func ignoreFileEdit(cx *ctxscan.Context, header string, lines []string) (Edit, bool) {
	if cx.Ignore == nil {
		if cx.IgnoreReadErr != nil || cx.Has(".dockerignore") {
			return Edit{}, false
		}
		return Edit{
			File:    filepath.Join(cx.Dir, ".dockerignore"),
			Create:  true,
			NewText: header + strings.Join(lines, "\n") + "\n",
		}, true
	}
	src := cx.Ignore.Src
	nl := "\n"
	if bytes.Contains(src, []byte("\r\n")) {
		nl = "\r\n"
	}
	text := strings.Join(lines, nl) + nl
	// the lines get their own comment, unless the file already has it (an
	// earlier round of the same fix)
	if h := strings.TrimSpace(header); h != "" && !bytes.Contains(src, []byte(h)) {
		text = h + nl + text
		if len(src) > 0 {
			text = nl + text // a blank line between the groups
		}
	}
	if len(src) > 0 && src[len(src)-1] != '\n' {
		text = nl + text
	}
	end := len(src)
	return Edit{File: cx.Ignore.Path, Range: dockerfile.Range{Start: end, End: end}, NewText: text}, true
}

// ignoredAfter returns the patterns of the ignore file as e would leave it,
// for checking what the fixed file excludes; ok is false when Docker would
// reject the result.
func ignoredAfter(cx *ctxscan.Context, e Edit) ([]string, bool) {
	var src []byte
	if cx.Ignore != nil {
		src = cx.Ignore.Src
	}
	out, ok := ApplyFileEdits(src, e.File, []Edit{e})
	if !ok {
		return nil, false
	}
	ign, err := ctxscan.ParseIgnore(e.File, out)
	if err != nil {
		return nil, false
	}
	for _, l := range ign.Lines {
		if l.MatchErr != nil {
			return nil, false
		}
	}
	return ign.Patterns(), true
}

// exactPattern returns the ignore-file line that matches the context path p
// and nothing else: wildcard characters and backslashes escaped, and a
// leading "#" or "!" too. ok is false for paths a line cannot hold (leading
// or trailing blanks, line breaks).
func exactPattern(p string) (string, bool) {
	if p == "" || strings.TrimSpace(p) != p || strings.ContainsAny(p, "\r\n") {
		return "", false
	}
	var b strings.Builder
	for i := 0; i < len(p); i++ {
		switch c := p[i]; {
		case c == '\\' || c == '*' || c == '?' || c == '[':
			b.WriteByte('\\')
		case i == 0 && (c == '#' || c == '!'):
			b.WriteByte('\\')
		}
		b.WriteByte(p[i])
	}
	return b.String(), true
}

// namedPaths returns the context paths the Dockerfile names on purpose: what
// each COPY/ADD source that is not the whole context matches (as written
// and with symlinks followed), and the sources of RUN bind mounts from the
// context. An ignore-file line that excludes one of them breaks the build or
// empties the copy. known is false when a source cannot be resolved (a
// variable without a default): it may name anything.
func namedPaths(p *Pass) (named []string, known bool) {
	known = true
	for _, in := range p.File.Instructions {
		for _, s := range ctxscan.Sources(p.File, in) {
			if s.Kind == ctxscan.FromUnresolved {
				known = false
			}
		}
	}
	for _, c := range contextCopies(p) {
		for _, s := range c.Sources {
			if broadSource(s) {
				continue
			}
			for _, m := range s.Resolved.Matches {
				named = append(named, m.Path)
				if m.Real != m.Path {
					named = append(named, m.Real)
				}
			}
		}
	}
	for _, r := range hlRuns(p.File) {
		for _, m := range r.In.Run.Mounts {
			if m.Type != instructions.MountTypeBind || m.From != "" {
				continue
			}
			if src := ctxscan.NormalizeSource(m.Source); src != "" {
				named = append(named, src)
			}
		}
	}
	return named, known
}

// excludesNamed returns the first of paths that patterns, appended to the
// current ignore file's, would newly exclude.
func excludesNamed(cx *ctxscan.Context, patterns, paths []string) (string, bool) {
	before := cx.Ignore.Patterns()
	after := append(append([]string(nil), before...), patterns...)
	for _, p := range paths {
		if p == "" {
			continue
		}
		ex, err := ctxscan.Match(after, p)
		if err != nil {
			return p, true
		}
		if !ex {
			continue
		}
		if was, err := ctxscan.Match(before, p); err != nil || !was {
			return p, true
		}
	}
	return "", false
}
