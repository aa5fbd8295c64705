package rules

// Shared machinery of the rules that mirror BuildKit's build checks (the
// bk_*.go files). BuildKit raises most checks while it converts a Dockerfile
// to LLB: it expands variables with the environment of each stage as it
// dispatches the instructions one by one. bkSimulate replays that walk over
// the model without building anything, so the rules see the same variables,
// SHELL, WORKDIR and CMD history BuildKit sees.
//
// Unlike BuildKit, the walk never stops at the first fatal problem: an
// instruction BuildKit rejects is skipped and the walk goes on.
//
// Base images are not pulled. A stage built on an image starts with PATH as
// its only environment variable, like BuildKit given an image config that
// sets nothing else.

import (
	// digests are validated only for hash functions linked into the binary,
	// as in BuildKit
	_ "crypto/sha256"
	_ "crypto/sha512"
	"regexp"
	"strings"

	"github.com/layerlint/layerlint/dockerfile"
	"github.com/moby/buildkit/frontend/dockerfile/command"
	"github.com/moby/buildkit/frontend/dockerfile/instructions"
	"github.com/moby/buildkit/frontend/dockerfile/linter"
	"github.com/moby/buildkit/frontend/dockerfile/parser"
	"github.com/moby/buildkit/frontend/dockerfile/shell"
	"github.com/moby/buildkit/util/suggest"
	"github.com/opencontainers/go-digest"
)

// bkDefaultPath is the PATH BuildKit sets when the base image has none.
const bkDefaultPath = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"

// bkNonEnvArgs are build arguments BuildKit never puts in the environment.
var bkNonEnvArgs = map[string]bool{
	"BUILDKIT_SBOM_SCAN_CONTEXT": true,
	"BUILDKIT_SBOM_SCAN_STAGE":   true,
}

// bkNodeArgs returns the argument words of in as BuildKit's parser split
// them (quotes kept, variables unexpanded).
func bkNodeArgs(in *dockerfile.Instruction) []string {
	var args []string
	if in.Node == nil {
		return nil
	}
	for n := in.Node.Next; n != nil; n = n.Next {
		args = append(args, n.Value)
	}
	return args
}

// bkKnownInstruction reports whether kw (any case) is a Dockerfile instruction.
func bkKnownInstruction(kw string) bool {
	_, ok := command.Commands[strings.ToLower(kw)]
	return ok
}

// bkEnv is an ordered variable scope that satisfies shell.EnvGetter.
type bkEnv struct {
	keys []string
	vals map[string]string
}

func newBKEnv() *bkEnv { return &bkEnv{vals: map[string]string{}} }

func (e *bkEnv) Get(k string) (string, bool) { v, ok := e.vals[k]; return v, ok }
func (e *bkEnv) Keys() []string              { return e.keys }

func (e *bkEnv) set(k, v string) {
	if _, ok := e.vals[k]; !ok {
		e.keys = append(e.keys, k)
	}
	e.vals[k] = v
}

func (e *bkEnv) clone() *bkEnv {
	c := &bkEnv{keys: append([]string(nil), e.keys...), vals: make(map[string]string, len(e.vals))}
	for k, v := range e.vals {
		c.vals[k] = v
	}
	return c
}

// bkGlobalScope is what BuildKit knows before the first stage: the platform
// arguments it predefines and the global ARGs (those before the first FROM)
// with their default values expanded in order.
type bkGlobalScope struct {
	args *bkEnv
	// declared holds every name FROM may use without UndefinedArgInFrom:
	// the predefined arguments and every global ARG, with or without a value.
	declared map[string]bool
	// failed is set when a global ARG default does not expand (BuildKit
	// then skips InvalidDefaultArgInFrom and stops the build).
	failed bool
	// from caches FROM word expansions: stages repeat the same base
	// (node:${NODE_VERSION}) and platform words.
	from map[string]bkFromResult
}

type bkFromResult struct {
	res shell.ProcessWordResult
	err error
}

// bkPlatformArgs are BuildKit's predefined platform arguments for a
// linux/amd64 build on a linux/amd64 builder. Only their names matter to
// the checks, except TARGETPLATFORM (RedundantTargetPlatform compares it).
var bkPlatformArgs = [][2]string{
	{"BUILDPLATFORM", "linux/amd64"},
	{"BUILDOS", "linux"},
	{"BUILDOSVERSION", ""},
	{"BUILDARCH", "amd64"},
	{"BUILDVARIANT", ""},
	{"TARGETPLATFORM", "linux/amd64"},
	{"TARGETOS", "linux"},
	{"TARGETOSVERSION", ""},
	{"TARGETARCH", "amd64"},
	{"TARGETVARIANT", ""},
}

func bkLex(f *dockerfile.File) *dockerfile.Expander { return f.Expander() }

func bkGlobals(f *dockerfile.File) *bkGlobalScope {
	g := &bkGlobalScope{args: newBKEnv(), declared: map[string]bool{}}
	for _, kv := range bkPlatformArgs {
		g.args.set(kv[0], kv[1])
	}
	target := "default"
	if s := f.FinalStage(); s != nil && s.Name != "" {
		target = strings.ToLower(s.Name)
	}
	g.args.set("TARGETSTAGE", target)
	lex := bkLex(f)
	for _, in := range f.GlobalArgs {
		c, ok := bkCommand(in).(*instructions.ArgCommand)
		if !ok {
			continue
		}
		for _, kv := range c.Args {
			g.declared[kv.Key] = true
			if kv.Value == nil {
				continue
			}
			v, _, err := lex.Word(*kv.Value, g.args)
			if err != nil {
				g.failed = true
				v = *kv.Value
			}
			g.args.set(kv.Key, v)
		}
	}
	for _, k := range g.args.Keys() {
		g.declared[k] = true
	}
	return g
}

// bkFromWord expands a FROM word (base name or --platform value) with the
// global scope, the way BuildKit resolves it before building a stage.
// Results are shared between callers: do not modify their maps.
func bkFromWord(f *dockerfile.File, g *bkGlobalScope, word string) (shell.ProcessWordResult, error) {
	if r, ok := g.from[word]; ok {
		return r.res, r.err
	}
	res, err := bkLex(f).WordWithMatches(word, g.args)
	if g.from == nil {
		g.from = map[string]bkFromResult{}
	}
	g.from[word] = bkFromResult{res, err}
	return res, err
}

// bkStageState is a stage as BuildKit dispatches it.
type bkStageState struct {
	st         *dockerfile.Stage
	base       *bkStageState // the earlier stage this one is built FROM, or nil for an image
	env        *bkEnv
	buildArgs  map[string]bool // ARG names declared in the stage (and its base stages)
	shellSet   bool            // a SHELL instruction is in force
	workdirSet bool            // a WORKDIR ran in this stage or a base stage
	windows    bool            // the stage's platform is windows
	cmd        *dockerfile.Instruction
	entrypoint *dockerfile.Instruction
	health     *dockerfile.Instruction
}

// bkUndefined is a variable used where it is not defined (UndefinedVar).
type bkUndefined struct {
	In      *dockerfile.Instruction
	Name    string
	Suggest string
}

// bkOverride is an instruction that a later one of the same kind overrides
// in the same stage (MultipleInstructionsDisallowed).
type bkOverride struct {
	Prev, Next *dockerfile.Instruction
}

// bkKey is an ARG or ENV name as BuildKit dispatches it (keys of ENV expanded).
type bkKey struct {
	In   *dockerfile.Instruction
	Kind string // "ARG" or "ENV"
	Key  string
}

// bkPort is one EXPOSE word after expansion.
type bkPort struct {
	In   *dockerfile.Instruction
	Port string
}

// bkWalk is everything the dispatch walk observed.
type bkWalk struct {
	Globals    *bkGlobalScope
	Stages     []*bkStageState
	Undefined  []bkUndefined
	RelWorkdir []struct {
		In   *dockerfile.Instruction
		Path string
	}
	ShellForm []*dockerfile.Instruction // CMD/ENTRYPOINT in shell form with no SHELL in force
	Overrides []bkOverride
	Keys      []bkKey
	Ports     []bkPort
}

// bkHasVar reports whether the instruction's text or heredocs contain a '$'.
func bkHasVar(in *dockerfile.Instruction) bool {
	if in.Node == nil || strings.Contains(in.Node.Original, "$") {
		return true
	}
	for _, h := range in.Heredocs {
		if strings.Contains(h.Content, "$") {
			return true
		}
	}
	return false
}

type bkWalkKey struct{}

// bkSimulate returns the dispatch walk of f, computed once per parsed file
// and shared by the BuildKit rules (callers must not modify it).
func bkSimulate(f *dockerfile.File) *bkWalk {
	return f.Memo(bkWalkKey{}, func() any { return bkWalkFile(f) }).(*bkWalk)
}

// bkWalkFile walks the stages in order the way BuildKit's dispatcher does.
func bkWalkFile(f *dockerfile.File) *bkWalk {
	w := &bkWalk{Globals: bkGlobals(f)}
	byName := map[string]*bkStageState{}
	lex := bkLex(f)
	for _, st := range f.Stages {
		s := &bkStageState{st: st, buildArgs: map[string]bool{}}
		baseName := st.BaseRaw
		if args := bkNodeArgs(st.From); len(args) > 0 {
			baseName = args[0]
		}
		if r, err := bkFromWord(f, w.Globals, baseName); err == nil {
			baseName = r.Result
		}
		s.base = byName[baseName]
		if s.base != nil {
			b := s.base
			s.env = b.env.clone()
			for k := range b.buildArgs {
				s.buildArgs[k] = true
			}
			s.shellSet, s.workdirSet, s.windows = b.shellSet, b.workdirSet, b.windows
		} else {
			s.env = newBKEnv()
			if st.Platform != "" {
				if r, err := bkFromWord(f, w.Globals, st.Platform); err == nil {
					if p, err := bkParsePlatform(r.Result); err == nil && p.OS == "windows" {
						s.windows = true
					}
				}
			}
			if !s.windows {
				s.env.set("PATH", bkDefaultPath)
			}
		}
		if st.Name != "" {
			byName[strings.ToLower(st.Name)] = s
		}
		w.Stages = append(w.Stages, s)
		// ONBUILD triggers of the base stage run first; BuildKit reports
		// their findings on the FROM
		if s.base != nil {
			for _, in := range s.base.st.Instructions {
				if ob, ok := bkCommand(in).(*instructions.OnbuildCommand); ok {
					if cmd := bkTrigger(ob.Expression); cmd != nil {
						w.dispatch(f, lex, s, st.From, cmd, true)
					}
				}
			}
		}
		for _, in := range st.Instructions {
			if cmd := bkCommand(in); cmd != nil {
				w.dispatch(f, lex, s, in, cmd, false)
			}
		}
	}
	return w
}

// dispatch replays cmd, the command of instruction in (or an ONBUILD trigger
// reported on in) in stage s. A fresh command may be expanded in place.
func (w *bkWalk) dispatch(f *dockerfile.File, lex *dockerfile.Expander, s *bkStageState, in *dockerfile.Instruction, cmd any, fresh bool) {
	report := func(unmatched map[string]struct{}) {
		for name := range unmatched {
			if s.buildArgs[name] || bkNonEnvArgs[name] {
				continue
			}
			sug, _ := suggest.Search(name, s.env.Keys(), true)
			w.Undefined = append(w.Undefined, bkUndefined{In: in, Name: name, Suggest: sug})
		}
	}
	if arg, ok := cmd.(*instructions.ArgCommand); ok {
		for _, kv := range arg.Args {
			w.Keys = append(w.Keys, bkKey{In: in, Kind: "ARG", Key: kv.Key})
			var val string
			has := false
			if kv.Value == nil {
				val, has = w.Globals.args.Get(kv.Key)
			} else {
				v, unmatched, _ := lex.Word(*kv.Value, s.env)
				report(unmatched)
				val, has = v, true
			}
			if has && !bkNonEnvArgs[kv.Key] {
				s.env.set(kv.Key, val)
			}
			s.buildArgs[kv.Key] = true
		}
		return
	}
	// Expansion mutates the command, so work on a fresh copy of it.
	_, expands := cmd.(instructions.SupportsSingleWordExpansion)
	_, expandsRaw := cmd.(instructions.SupportsSingleWordExpansionRaw)
	// Without a variable, expansion finds nothing to report; only ENV and
	// WORKDIR need their expanded values (quotes removed) for later checks.
	switch cmd.(type) {
	case *instructions.EnvCommand, *instructions.WorkdirCommand:
	default:
		if !fresh && !bkHasVar(in) {
			expands, expandsRaw = false, false
		}
	}
	if (expands || expandsRaw) && !fresh {
		c, err := bkReparse(in)
		if err != nil {
			return
		}
		cmd = c
	}
	if ex, ok := cmd.(instructions.SupportsSingleWordExpansion); ok && expands {
		_ = ex.Expand(func(word string) (string, error) {
			v, unmatched, err := lex.Word(word, s.env)
			report(unmatched)
			return v, err
		})
	}
	if ex, ok := cmd.(instructions.SupportsSingleWordExpansionRaw); ok && expandsRaw {
		raw := dockerfile.NewExpander('\\')
		raw.SkipProcessQuotes = true
		_ = ex.ExpandRaw(func(word string) (string, error) {
			v, unmatched, err := raw.Word(word, s.env)
			report(unmatched)
			return v, err
		})
	}
	switch c := cmd.(type) {
	case *instructions.EnvCommand:
		for _, kv := range c.Env {
			w.Keys = append(w.Keys, bkKey{In: in, Kind: "ENV", Key: kv.Key})
			s.env.set(kv.Key, kv.Value)
		}
	case *instructions.WorkdirCommand:
		if !s.workdirSet && !bkIsAbs(c.Path, s.windows) {
			w.RelWorkdir = append(w.RelWorkdir, struct {
				In   *dockerfile.Instruction
				Path string
			}{in, c.Path})
		}
		s.workdirSet = true
	case *instructions.ShellCommand:
		s.shellSet = len(c.Shell) > 0
	case *instructions.CmdCommand:
		w.track(&s.cmd, in)
		if c.PrependShell && !s.shellSet {
			w.ShellForm = append(w.ShellForm, in)
		}
	case *instructions.EntrypointCommand:
		w.track(&s.entrypoint, in)
		if c.PrependShell && !s.shellSet {
			w.ShellForm = append(w.ShellForm, in)
		}
	case *instructions.HealthCheckCommand:
		w.track(&s.health, in)
	case *instructions.ExposeCommand:
		for _, p := range c.Ports {
			words, err := lex.Words(p, s.env)
			if err != nil {
				continue
			}
			for _, word := range words {
				w.Ports = append(w.Ports, bkPort{In: in, Port: word})
			}
		}
	}
}

func (w *bkWalk) track(last **dockerfile.Instruction, in *dockerfile.Instruction) {
	if *last != nil {
		w.Overrides = append(w.Overrides, bkOverride{Prev: *last, Next: in})
	}
	*last = in
}

// bkTrigger parses the instruction of an ONBUILD trigger.
func bkTrigger(expr string) (v any) {
	defer func() {
		if recover() != nil {
			v = nil
		}
	}()
	res, err := parser.Parse(strings.NewReader(expr))
	if err != nil || len(res.AST.Children) != 1 {
		return nil
	}
	v, err = instructions.ParseInstructionWithLinter(res.AST.Children[0], linter.New(&linter.Config{}))
	if err != nil {
		return nil
	}
	return v
}

// bkReparse returns a new typed command for in, safe to mutate.
func bkReparse(in *dockerfile.Instruction) (v any, err error) {
	defer func() {
		if r := recover(); r != nil {
			v, err = nil, bkErrPanicked
		}
	}()
	if in.Node == nil {
		return nil, bkErrPanicked
	}
	// a linter that reports nothing: BuildKit's parser dereferences a nil
	// one when a "# check=" comment sits above the instruction
	v, err = instructions.ParseInstructionWithLinter(in.Node, linter.New(&linter.Config{}))
	if err != nil {
		return nil, err
	}
	return v, nil
}

// bkCommand returns BuildKit's typed command for in, or nil when BuildKit
// rejects the instruction. The model has no command for an instruction
// preceded by a "# check=" comment (BuildKit's ParseInstruction crashes on
// those), so such instructions are parsed again here.
func bkCommand(in *dockerfile.Instruction) any {
	if in.Command != nil {
		return in.Command
	}
	v, err := bkReparse(in)
	if err != nil {
		return nil
	}
	return v
}

type bkPanicError struct{}

func (bkPanicError) Error() string { return "instruction parser panicked" }

var bkErrPanicked error = bkPanicError{}

// bkIsAbs reports whether a WORKDIR path is absolute for the stage's OS.
func bkIsAbs(p string, windows bool) bool {
	if windows {
		p = strings.ReplaceAll(p, `\`, "/")
		if len(p) >= 2 && p[1] == ':' {
			if p[0] != 'c' && p[0] != 'C' {
				return false
			}
			p = p[2:]
		}
	}
	return strings.HasPrefix(p, "/")
}

// Image references, following the grammar of github.com/distribution/reference
// that BuildKit validates base image names with.
var (
	bkRefRE = func() *regexp.Regexp {
		const (
			alnum     = `[a-z0-9]+`
			sep       = `(?:[._]|__|[-]+)`
			component = alnum + `(?:` + sep + alnum + `)*`
			label     = `(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])`
			host      = `(?:` + label + `(?:\.` + label + `)*` + `|\[(?:[a-fA-F0-9:]+)\])`
			domain    = host + `(?::[0-9]+)?`
			path      = component + `(?:/` + component + `)*`
			tag       = `[\w][\w.-]{0,127}`
			dgst      = `[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*[:][[:xdigit:]]{32,}`
		)
		return regexp.MustCompile(`^((?:` + domain + `/)?` + path + `)(?::(` + tag + `))?(?:@(` + dgst + `))?$`)
	}()
	bkHexIDRE = regexp.MustCompile(`^[a-f0-9]{64}$`)
)

// bkValidReference reports whether BuildKit accepts s as a base image name
// (a "familiar" Docker reference such as "alpine:3", "ghcr.io/o/r@sha256:...").
func bkValidReference(s string) bool {
	if bkHexIDRE.MatchString(s) {
		return false
	}
	domain, rest := "docker.io", s
	if first, after, ok := strings.Cut(s, "/"); ok {
		if first == "localhost" || strings.ContainsAny(first, ".:") || strings.ToLower(first) != first {
			domain, rest = first, after
		} else if first == "index.docker.io" {
			rest = after
		}
	} else {
		rest = "library/" + s
	}
	repo := rest
	if i := strings.IndexByte(rest, ':'); i >= 0 {
		repo = rest[:i]
	}
	if strings.ToLower(repo) != repo {
		return false
	}
	m := bkRefRE.FindStringSubmatch(domain + "/" + rest)
	if m == nil {
		return false
	}
	name := m[1]
	if i := strings.IndexByte(name, '/'); i >= 0 && len(name[i+1:]) > 255 {
		return false
	}
	if m[3] != "" {
		if _, err := digest.Parse(m[3]); err != nil {
			return false
		}
	}
	return true
}

// bkPlatform is a parsed --platform value.
type bkPlatform struct{ OS, Arch, Variant string }

var (
	bkPlatformPartRE = regexp.MustCompile(`^[A-Za-z0-9_.-]+$`)
	bkPlatformOSRE   = regexp.MustCompile(`^([A-Za-z0-9_-]+)(?:\(([A-Za-z0-9_.%-]*)((?:\+[A-Za-z0-9_.%-]+)*)\))?$`)
)

type bkPlatformError string

func (e bkPlatformError) Error() string { return string(e) }

// bkParsePlatform reads an os[/arch[/variant]] specifier the way containerd's
// platforms.Parse does on a linux/amd64 host, normalizing architecture names.
func bkParsePlatform(s string) (bkPlatform, error) {
	if strings.Contains(s, "*") {
		return bkPlatform{}, bkPlatformError("wildcards are not supported")
	}
	parts := strings.SplitN(s, "/", 4)
	m := bkPlatformOSRE.FindStringSubmatch(parts[0])
	if m == nil {
		return bkPlatform{}, bkPlatformError("invalid OS component")
	}
	for _, p := range parts[1:] {
		if !bkPlatformPartRE.MatchString(p) {
			return bkPlatform{}, bkPlatformError("invalid platform component")
		}
	}
	os := strings.ToLower(m[1])
	if os == "macos" {
		os = "darwin"
	}
	switch len(parts) {
	case 1:
		if bkKnownOS[os] {
			return bkPlatform{OS: os, Arch: "amd64"}, nil
		}
		arch, variant := bkNormalizeArch(parts[0], "")
		if arch == "arm" && variant == "v7" {
			variant = ""
		}
		if bkKnownArch[arch] {
			return bkPlatform{OS: "linux", Arch: arch, Variant: variant}, nil
		}
		return bkPlatform{}, bkPlatformError("unknown operating system or architecture")
	case 2:
		arch, variant := bkNormalizeArch(parts[1], "")
		if arch == "arm" && variant == "v7" {
			variant = ""
		}
		return bkPlatform{OS: os, Arch: arch, Variant: variant}, nil
	case 3:
		arch, variant := bkNormalizeArch(parts[1], parts[2])
		if arch == "arm64" && variant == "" {
			variant = "v8"
		}
		return bkPlatform{OS: os, Arch: arch, Variant: variant}, nil
	}
	return bkPlatform{}, bkPlatformError("too many components")
}

var bkKnownOS = bkSet("aix", "android", "darwin", "dragonfly", "freebsd", "hurd", "illumos", "ios", "js",
	"linux", "nacl", "netbsd", "openbsd", "plan9", "solaris", "windows", "zos")

var bkKnownArch = bkSet("386", "amd64", "amd64p32", "arm", "armbe", "arm64", "arm64be", "ppc64", "ppc64le",
	"loong64", "mips", "mipsle", "mips64", "mips64le", "mips64p32", "mips64p32le", "ppc", "riscv", "riscv64",
	"s390", "s390x", "sparc", "sparc64", "wasm")

func bkSet(names ...string) map[string]bool {
	m := make(map[string]bool, len(names))
	for _, n := range names {
		m[n] = true
	}
	return m
}

func bkNormalizeArch(arch, variant string) (string, string) {
	arch, variant = strings.ToLower(arch), strings.ToLower(variant)
	switch arch {
	case "i386":
		return "386", ""
	case "x86_64", "x86-64", "amd64":
		if variant == "v1" {
			variant = ""
		}
		return "amd64", variant
	case "aarch64", "arm64":
		switch variant {
		case "8", "v8", "v8.0":
			variant = ""
		case "9", "9.0", "v9.0":
			variant = "v9"
		}
		return "arm64", variant
	case "armhf":
		return "arm", "v7"
	case "armel":
		return "arm", "v6"
	case "arm":
		switch variant {
		case "", "7":
			variant = "v7"
		case "5", "6", "8":
			variant = "v" + variant
		}
	}
	return arch, variant
}

// bkLine is the range BuildKit reports a finding on: the instruction's
// keyword, where editors put the squiggle for a whole-instruction finding.
func bkLine(in *dockerfile.Instruction) dockerfile.Range { return in.KeywordRange }

// bkExposeSpec is one EXPOSE word split as BuildKit splits it:
// [[ip:]host:]container[/proto].
type bkExposeSpec struct {
	In        *dockerfile.Instruction
	Word      string
	IP, Host  string
	Container string
	Proto     string // as written, "" when absent
}

// bkExposeSpecs returns the EXPOSE words BuildKit accepts far enough to lint
// them: a container port is present and the protocol is tcp, udp or sctp.
func bkExposeSpecs(f *dockerfile.File) []bkExposeSpec {
	var out []bkExposeSpec
	for _, p := range bkSimulate(f).Ports {
		s := bkExposeSpec{In: p.In, Word: p.Port}
		parts := strings.Split(p.Port, ":")
		n := len(parts)
		switch {
		case n == 1:
			s.Container = parts[0]
		case n == 2:
			s.Host, s.Container = parts[0], parts[1]
		default:
			s.IP, s.Host, s.Container = strings.Join(parts[:n-2], ":"), parts[n-2], parts[n-1]
		}
		s.Container, s.Proto, _ = strings.Cut(s.Container, "/")
		if s.Container == "" {
			continue
		}
		switch strings.ToLower(s.Proto) {
		case "", "tcp", "udp", "sctp":
		default:
			continue // BuildKit rejects the protocol before linting
		}
		out = append(out, s)
	}
	return out
}

// literalArg returns the argument of in written exactly as word (no quotes,
// escapes or variables), so that a fix can edit its text.
func (s bkExposeSpec) literalArg(f *dockerfile.File) (dockerfile.Arg, bool) {
	for _, a := range s.In.Args {
		if a.Value == s.Word && f.Text(a.Range) == s.Word {
			return a, true
		}
	}
	return dockerfile.Arg{}, false
}

// rangeOf returns the range of the word in the source, or the arguments.
func (s bkExposeSpec) rangeOf(f *dockerfile.File) dockerfile.Range {
	for _, a := range s.In.Args {
		if a.Value == s.Word {
			return a.Range
		}
	}
	if s.In.ArgsRange.End > s.In.ArgsRange.Start {
		return s.In.ArgsRange
	}
	return s.In.KeywordRange
}
