package dockerfile

import (
	"fmt"
	"strings"
	"testing"
)

// inst describes the expected source text of one instruction's pieces.
type inst struct {
	kw         string   // keyword as written
	flags      []string // each flag as written
	args       []string // each argument as written (source text of its range)
	start, end int      // physical lines
}

func checkInstructions(t *testing.T, src string, want []inst) *File {
	t.Helper()
	f := Parse("Dockerfile", []byte(src))
	if len(f.Errors) > 0 {
		t.Fatalf("unexpected errors: %+v", f.Errors)
	}
	if len(f.Instructions) != len(want) {
		t.Fatalf("got %d instructions, want %d", len(f.Instructions), len(want))
	}
	for i, w := range want {
		in := f.Instructions[i]
		if got := f.Text(in.KeywordRange); got != w.kw {
			t.Errorf("#%d keyword %q, want %q", i, got, w.kw)
		}
		var flags []string
		for _, fl := range in.Flags {
			flags = append(flags, f.Text(fl.Range))
		}
		if strings.Join(flags, "|") != strings.Join(w.flags, "|") {
			t.Errorf("#%d flags %q, want %q", i, flags, w.flags)
		}
		var args []string
		for _, a := range in.Args {
			args = append(args, f.Text(a.Range))
		}
		if strings.Join(args, "|") != strings.Join(w.args, "|") {
			t.Errorf("#%d args %q, want %q", i, args, w.args)
		}
		if in.StartLine != w.start || in.EndLine != w.end {
			t.Errorf("#%d lines %d-%d, want %d-%d", i, in.StartLine, in.EndLine, w.start, w.end)
		}
	}
	return f
}

func TestRangesBasic(t *testing.T) {
	src := "# syntax=docker/dockerfile:1\n" +
		"ARG BASE=golang:1.22\n" +
		"FROM ${BASE} AS build\n" +
		"COPY --link --chmod=755 [\"a b\", \"c\", \"/dst/\"]\n" +
		"  env A=1 B=\"x y\"\n" +
		"ADD --checksum=sha256:abc https://x/y.tgz /y.tgz\n" +
		"COPY --exclude=*.md --parents a/ b/ /out/\n"
	checkInstructions(t, src, []inst{
		{kw: "ARG", args: []string{"BASE=golang:1.22"}, start: 2, end: 2},
		{kw: "FROM", args: []string{"${BASE}", "AS", "build"}, start: 3, end: 3},
		{kw: "COPY", flags: []string{"--link", "--chmod=755"}, args: []string{`"a b"`, `"c"`, `"/dst/"`}, start: 4, end: 4},
		{kw: "env", args: []string{"A=1", `B="x y"`}, start: 5, end: 5},
		{kw: "ADD", flags: []string{"--checksum=sha256:abc"}, args: []string{"https://x/y.tgz", "/y.tgz"}, start: 6, end: 6},
		{kw: "COPY", flags: []string{"--exclude=*.md", "--parents"}, args: []string{"a/", "b/", "/out/"}, start: 7, end: 7},
	})
}

func TestRangesContinuationsAndComments(t *testing.T) {
	src := "FROM alpine\n" +
		"RUN --mount=type=cache,target=/var/cache/apk \\\n" +
		"    apk add \\\n" +
		"# a comment inside the continuation\n" +
		"      curl \\\n" +
		"\n" + // empty continuation line
		"      git\n" +
		"copy \\\n  a \\\n  b /c/\n"
	f := checkInstructions(t, src, []inst{
		{kw: "FROM", args: []string{"alpine"}, start: 1, end: 1},
		{kw: "RUN", flags: []string{"--mount=type=cache,target=/var/cache/apk"},
			args: []string{"apk add \\\n# a comment inside the continuation\n      curl \\\n\n      git"}, start: 2, end: 7},
		{kw: "copy", args: []string{"a", "b", "/c/"}, start: 8, end: 10},
	})
	run := f.Instructions[1]
	if got := run.Logical(); !strings.Contains(got, "apk add       curl       git") {
		t.Errorf("logical line %q", got)
	}
	if len(run.Run.Commands) != 1 {
		t.Fatalf("commands: %d", len(run.Run.Commands))
	}
	c := run.Run.Commands[0]
	var words []string
	for _, w := range c.Args {
		words = append(words, f.Text(w.Range))
	}
	if strings.Join(words, " ") != "apk add curl git" {
		t.Errorf("word ranges %q", words)
	}
	if p := f.Position(c.Args[2].Range.Start); p.Line != 5 || p.Column != 7 {
		t.Errorf("curl at %d:%d, want 5:7", p.Line, p.Column)
	}
	if len(f.Warnings) != 1 {
		t.Errorf("want one empty-continuation warning, got %v", f.Warnings)
	}
	if len(f.Comments) != 1 || f.Comments[0].Text != "a comment inside the continuation" {
		t.Errorf("comments %+v", f.Comments)
	}
}

func TestRangesCRLFAndBOM(t *testing.T) {
	src := "\xEF\xBB\xBFFROM a\r\nRUN x \\\r\n  && y\r\n"
	f := checkInstructions(t, src, []inst{
		{kw: "FROM", args: []string{"a"}, start: 1, end: 1},
		{kw: "RUN", args: []string{"x \\\r\n  && y"}, start: 2, end: 3},
	})
	if p := f.Position(f.Instructions[0].KeywordRange.Start); p.Line != 1 || p.Column != 1 {
		t.Errorf("FROM after BOM at %d:%d, want 1:1", p.Line, p.Column)
	}
	if !f.HasBOM {
		t.Error("BOM not detected")
	}
	var names []string
	for _, c := range f.Instructions[1].Run.Commands {
		names = append(names, f.Text(c.Range))
	}
	if strings.Join(names, ",") != "x,y" {
		t.Errorf("commands %q", names)
	}
}

func TestRangesBacktickEscape(t *testing.T) {
	src := "# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\n" +
		"RUN powershell -Command `\n  Write-Host hi\nCOPY a`\n b c:\\dst\\\n"
	f := checkInstructions(t, src, []inst{
		{kw: "FROM", args: []string{"mcr.microsoft.com/windows/servercore:ltsc2022"}, start: 2, end: 2},
		{kw: "RUN", args: []string{"powershell -Command `\n  Write-Host hi"}, start: 3, end: 4},
		{kw: "COPY", args: []string{"a", "b", `c:\dst\`}, start: 5, end: 6},
	})
	if f.Escape != '`' {
		t.Errorf("escape %q", f.Escape)
	}
	if f.Instructions[1].Run.Kind != ShellNonPOSIX {
		t.Errorf("windows base image: RUN kind %v, want non-POSIX", f.Instructions[1].Run.Kind)
	}
}

func TestHeredocs(t *testing.T) {
	src := "FROM debian\n" +
		"RUN <<EOF\nset -e\napt-get update\napt-get install -y curl\nEOF\n" +
		"RUN python3 <<'PY'\nprint(1)\nPY\n" +
		"COPY <<-EOT /etc/x.conf\n\tkey=value\n\tEOT\n" +
		"RUN <<EOF\n#!/usr/bin/env python3\nimport os\nEOF\n"
	f := checkInstructions(t, src, []inst{
		{kw: "FROM", args: []string{"debian"}, start: 1, end: 1},
		{kw: "RUN", args: []string{"<<EOF"}, start: 2, end: 6},
		{kw: "RUN", args: []string{"python3 <<'PY'"}, start: 7, end: 9},
		{kw: "COPY", args: []string{"<<-EOT", "/etc/x.conf"}, start: 10, end: 12},
		{kw: "RUN", args: []string{"<<EOF"}, start: 13, end: 16},
	})
	run := f.Instructions[1]
	if len(run.Heredocs) != 1 || f.Text(run.Heredocs[0].BodyRange) != "set -e\napt-get update\napt-get install -y curl\n" {
		t.Fatalf("heredoc body %q", f.Text(run.Heredocs[0].BodyRange))
	}
	if f.Text(run.Heredocs[0].Terminator) != "EOF" {
		t.Errorf("terminator %q", f.Text(run.Heredocs[0].Terminator))
	}
	var cmds []string
	for _, c := range run.Run.Commands {
		cmds = append(cmds, f.Text(c.Range))
	}
	if strings.Join(cmds, "|") != "set -e|apt-get update|apt-get install -y curl" {
		t.Errorf("heredoc commands %q", cmds)
	}
	if got := f.Instructions[2].Run.Commands; len(got) != 1 || got[0].Name() != "python3" {
		t.Errorf("python3 heredoc commands %v", got)
	}
	if f.Instructions[3].Heredocs[0].Chomp != true {
		t.Error("<<- not chomped")
	}
	if f.Instructions[4].Run.Kind != ShellOther {
		t.Errorf("python shebang heredoc kind %v", f.Instructions[4].Run.Kind)
	}
}

func TestShellCommands(t *testing.T) {
	src := "FROM x\n" +
		"RUN set -eux; apt-get update && (cd /x && make) || true; echo a | tee b\n" +
		"RUN sh -c 'npm ci && npm cache clean --force'\n" +
		"RUN [\"bash\", \"-c\", \"pip install flask\"]\n" +
		"SHELL [\"pwsh\", \"-Command\"]\n" +
		"RUN Get-ChildItem | Remove-Item\n"
	f := Parse("Dockerfile", []byte(src))
	names := func(i int) string {
		var ns []string
		for _, c := range f.Instructions[i].Run.Commands {
			ns = append(ns, c.Name())
		}
		return strings.Join(ns, " ")
	}
	if got := names(1); got != "set apt-get cd make true echo tee" {
		t.Errorf("commands %q", got)
	}
	if got := names(2); got != "sh npm npm" {
		t.Errorf("sh -c commands %q", got)
	}
	in := f.Instructions[2]
	npm := in.Run.Commands[1]
	if f.Text(npm.Range) != "npm ci" || !npm.Nested {
		t.Errorf("nested npm range %q nested=%v", f.Text(npm.Range), npm.Nested)
	}
	if got := names(3); got != "bash pip" {
		t.Errorf("exec form commands %q", got)
	}
	if f.Text(f.Instructions[3].Run.Commands[1].Range) != "pip install flask" {
		t.Errorf("exec nested range %q", f.Text(f.Instructions[3].Run.Commands[1].Range))
	}
	if k := f.Instructions[5].Run.Kind; k != ShellNonPOSIX || len(f.Instructions[5].Run.Commands) != 0 {
		t.Errorf("pwsh RUN kind %v commands %d", k, len(f.Instructions[5].Run.Commands))
	}
}

func TestStages(t *testing.T) {
	src := "ARG GO=1.22\nARG ALPINE\n" +
		"FROM golang:${GO} AS Build\nENV CGO_ENABLED=0 A=1\nRUN go build\n" +
		"FROM build AS test\nARG GO\nRUN go test\n" +
		"FROM alpine:${ALPINE:-3.20} AS unused\n" +
		"FROM scratch\nCOPY --from=build /app /app\n"
	f := Parse("Dockerfile", []byte(src))
	if len(f.Errors) != 0 {
		t.Fatal(f.Errors)
	}
	if len(f.Stages) != 4 || len(f.GlobalArgs) != 2 {
		t.Fatalf("%d stages, %d global args", len(f.Stages), len(f.GlobalArgs))
	}
	b, tst, un, fin := f.Stages[0], f.Stages[1], f.Stages[2], f.Stages[3]
	if b.Base != "golang:1.22" || b.Name != "Build" || f.Text(b.NameRange) != "Build" {
		t.Errorf("build stage %+v", b)
	}
	if un.Base != "alpine:3.20" {
		t.Errorf("default expansion %q", un.Base)
	}
	if tst.Parent != b {
		t.Error("test stage does not build on build (stage names are case-insensitive)")
	}
	if !fin.IsFinal || !fin.InImage || !fin.Needed || len(fin.CopiesFrom) != 1 || fin.CopiesFrom[0] != b {
		t.Errorf("final stage %+v", fin)
	}
	if b.InImage || !b.Needed || tst.Needed || un.Needed {
		t.Errorf("reachability: build in=%v needed=%v; test needed=%v; unused needed=%v", b.InImage, b.Needed, tst.Needed, un.Needed)
	}
	// ENV inherited from the parent stage, global ARG default through a redeclared ARG
	runTest := tst.Instructions[1]
	vars := f.Vars(runTest)
	if v := vars["CGO_ENABLED"]; v.Value != "0" || !v.Env {
		t.Errorf("inherited ENV %+v", v)
	}
	if v := vars["GO"]; v.Value != "1.22" || v.Env {
		t.Errorf("redeclared global ARG %+v", v)
	}
	if _, ok := f.Lookup(b.Instructions[0], "CGO_ENABLED"); ok {
		t.Error("ENV visible before its definition")
	}
}

func TestParseErrorsRecover(t *testing.T) {
	src := "FROM alpine\nFORM busybox\nCOPY a b\nRUN <<EOF\nnever ends\n"
	f := Parse("Dockerfile", []byte(src))
	if len(f.Errors) != 2 {
		t.Fatalf("errors %+v", f.Errors)
	}
	var lines []int
	for _, e := range f.Errors {
		lines = append(lines, f.Position(e.Range.Start).Line)
	}
	// the unterminated heredoc (line 4) is found by the parser first; the
	// unknown instruction (line 2) by the typed pass over what still parses
	if lines[0] != 4 || lines[1] != 2 {
		t.Errorf("error lines %v, want [4 2]", lines)
	}
	if len(f.Instructions) != 3 || f.Instructions[2].Keyword != "copy" {
		t.Errorf("recovered instructions: %d", len(f.Instructions))
	}
	empty := Parse("Dockerfile", nil)
	if len(empty.Errors) != 1 {
		t.Errorf("empty file errors %+v", empty.Errors)
	}
}

func TestPositionHelpers(t *testing.T) {
	f := Parse("Dockerfile", []byte("FROM a\nLABEL x=\"héllo\" y=z\n"))
	in := f.Instructions[1]
	y := in.Args[1]
	p := f.Position(y.Range.Start)
	// "LABEL " (6) + `x="héllo"` (10 bytes, 9 code points) + " " → y at byte 18, code point 17
	if p.Line != 2 || p.Column != 18 {
		t.Errorf("byte column %d:%d, want 2:18", p.Line, p.Column)
	}
	if c := f.RuneColumn(y.Range.Start); c != 17 {
		t.Errorf("rune column %d, want 17", c)
	}
	if off := f.Offset(2, 18); off != y.Range.Start {
		t.Errorf("Offset(2,18)=%d want %d", off, y.Range.Start)
	}
}

func TestOnbuild(t *testing.T) {
	f := Parse("Dockerfile", []byte("FROM a\nONBUILD RUN pip install x && echo hi\n"))
	in := f.Instructions[1]
	if in.Onbuild == nil {
		t.Fatal("no ONBUILD sub-instruction")
	}
	sub := in.Onbuild
	if sub.Keyword != "run" || f.Text(sub.KeywordRange) != "RUN" || f.Text(sub.ArgsRange) != "pip install x && echo hi" {
		t.Errorf("sub %q %q", f.Text(sub.KeywordRange), f.Text(sub.ArgsRange))
	}
	if sub.Run == nil || len(sub.Run.Commands) != 2 || f.Text(sub.Run.Commands[0].Range) != "pip install x" {
		t.Errorf("sub run %+v", sub.Run)
	}
}

func TestPipelines(t *testing.T) {
	f := Parse("Dockerfile", []byte("FROM a\nRUN curl -fsSL https://x | sh -s -- -y && a | b | c; d\n"))
	var got []string
	for _, c := range f.Instructions[1].Run.Commands {
		got = append(got, fmt.Sprintf("%s:%v:%d", c.Name(), c.Pipeline != 0, c.PipePos))
	}
	if strings.Join(got, " ") != "curl:true:0 sh:true:1 a:true:0 b:true:1 c:true:2 d:false:0" {
		t.Errorf("pipelines %q", got)
	}
	cs := f.Instructions[1].Run.Commands
	if cs[0].Pipeline != cs[1].Pipeline || cs[0].Pipeline == cs[2].Pipeline || cs[2].Pipeline != cs[4].Pipeline {
		t.Errorf("pipeline ids %d %d %d %d", cs[0].Pipeline, cs[1].Pipeline, cs[2].Pipeline, cs[4].Pipeline)
	}
}

func TestRunMounts(t *testing.T) {
	src := "FROM a\nARG CACHE=/root/.cache\nRUN --mount=type=cache,target=${CACHE}/pip,sharing=locked --mount=type=secret,id=tok,required pip install x\n"
	f := Parse("Dockerfile", []byte(src))
	ms := f.Instructions[2].Run.Mounts
	if len(ms) != 2 {
		t.Fatalf("mounts %d", len(ms))
	}
	if ms[0].Type != "cache" || ms[0].Target != "/root/.cache/pip" || ms[0].CacheSharing != "locked" {
		t.Errorf("cache mount %+v", ms[0])
	}
	if ms[1].Type != "secret" || ms[1].CacheID != "tok" || !ms[1].Required {
		t.Errorf("secret mount %+v", ms[1])
	}
	bad := Parse("Dockerfile", []byte("FROM a\nRUN --mount=type=nosuch,target=/x true\n"))
	if len(bad.Errors) != 1 {
		t.Errorf("invalid mount type: errors %+v", bad.Errors)
	}
}

func TestShellStdinHeredocAndComments(t *testing.T) {
	f := Parse("Dockerfile", []byte("FROM a\nRUN bash <<EOF\napt-get update\napt-get install -y curl\nEOF\nRUN a && b # note\nRUN a && b\n"))
	var names []string
	for _, c := range f.Instructions[1].Run.Commands {
		names = append(names, c.Name()+"@"+f.Text(c.Range))
	}
	if strings.Join(names, ",") != "bash@bash,apt-get@apt-get update,apt-get@apt-get install -y curl" {
		t.Errorf("stdin heredoc commands %q", names)
	}
	if !f.Instructions[2].Run.HasComment || f.Instructions[3].Run.HasComment {
		t.Errorf("HasComment: trailing %v, none %v", f.Instructions[2].Run.HasComment, f.Instructions[3].Run.HasComment)
	}
}

func TestCheckCommentAboveInstruction(t *testing.T) {
	f := Parse("Dockerfile", []byte("FROM a\n# check=skip=JSONArgsRecommended\nCMD echo hi\n"))
	if len(f.Errors) != 0 || f.Instructions[1].Command == nil {
		t.Errorf("a check comment above an instruction breaks its typed parse: %+v", f.Errors)
	}
}

func TestWindowsImages(t *testing.T) {
	for img, want := range map[string]bool{
		"mcr.microsoft.com/windows:1809":                   true,
		"mcr.microsoft.com/windows/servercore:ltsc2022":    true,
		"mcr.microsoft.com/windows/nanoserver:ltsc2022":    true,
		"mcr.microsoft.com/dotnet/sdk:8.0-nanoserver-1809": true,
		"mcr.microsoft.com/dotnet/sdk:8.0":                 false,
		"alpine:3.20":                                      false,
		"example.com/windows-tools/app:1":                  false,
	} {
		if got := isWindowsImage(img); got != want {
			t.Errorf("isWindowsImage(%q) = %v", img, got)
		}
	}
}

func TestRedirsSubstitutionAndSudoEnv(t *testing.T) {
	f := Parse("Dockerfile", []byte("FROM a\nRUN curl -fsSL https://x/k > /etc/k.asc 2>&1 && v=$(cat /v) && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y x\n"))
	cs := f.Instructions[1].Run.Commands
	var got []string
	for _, c := range cs {
		got = append(got, fmt.Sprintf("%s:%v", c.Name(), c.Substituted))
	}
	if strings.Join(got, " ") != "curl:false cat:true apt-get:false" {
		t.Fatalf("commands %q", got)
	}
	rs := cs[0].Redirs
	if len(rs) != 2 || rs[0].Op != ">" || rs[0].Target.Value != "/etc/k.asc" || f.Text(rs[0].Target.Range) != "/etc/k.asc" || rs[1].Op != "2>&" || rs[1].Target.Value != "1" {
		t.Errorf("redirs %+v", rs)
	}
}
