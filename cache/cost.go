package cache

import (
	"fmt"
	"path"
	"strings"

	"github.com/layerlint/layerlint/ctxscan"
	"github.com/layerlint/layerlint/dockerfile"
	"github.com/layerlint/layerlint/rules"
)

// Cost is what rerunning a step costs, by class.
type Cost int

const (
	Cheap     Cost = iota // metadata, small copies, WORKDIR, COPY --from
	Medium                // other RUNs, downloads, large copies, base image pulls
	Expensive             // package installs, dependency downloads, compiles and builds
)

var costNames = [...]string{"cheap", "medium", "expensive"}

func (c Cost) String() string {
	if c < 0 || int(c) >= len(costNames) {
		return fmt.Sprintf("Cost(%d)", int(c))
	}
	return costNames[c]
}

// MarshalText renders the cost as its name.
func (c Cost) MarshalText() ([]byte, error) { return []byte(c.String()), nil }

// A COPY or ADD that brings at least LargeCopyBytes or LargeCopyFiles from
// the context is medium rather than cheap.
const (
	LargeCopyBytes = 50 << 20
	LargeCopyFiles = 5000
)

// classify sets st.Cost and st.Why.
func classify(st *Step, c *ctxscan.Context) {
	in := st.Inst
	switch in.Keyword {
	case "from":
		switch {
		case st.Stage.Base != nil:
		case strings.EqualFold(st.Stage.Model.Base, "scratch"):
		default:
			st.Cost, st.Why = Medium, "pulls the base image when its reference changes"
		}
	case "run":
		st.Cost, st.Why = runCost(in)
	case "copy", "add":
		if in.Keyword == "add" {
			for _, a := range in.Args[:max(0, len(in.Args)-1)] {
				if k := ctxscan.ClassifyRemote(a.Value); k == ctxscan.FromURL || k == ctxscan.FromGit {
					st.Cost, st.Why = Medium, "downloads "+a.Value
					return
				}
			}
		}
		files, bytes := copied(st, c)
		if files >= LargeCopyFiles || bytes >= LargeCopyBytes {
			st.Cost, st.Why = Medium, fmt.Sprintf("copies %d files, %s", files, sizeText(bytes))
		}
	}
}

// copied counts the files a step brings from the context and their size.
func copied(st *Step, c *ctxscan.Context) (files int, bytes int64) {
	if c == nil {
		return 0, 0
	}
	seen := map[string]bool{}
	for _, inp := range st.Inputs {
		for _, e := range inp.Entries {
			if e.IsDir() || seen[e.Path] {
				continue
			}
			seen[e.Path] = true
			files++
			bytes += c.Size(e.Path)
		}
	}
	return files, bytes
}

// runCost classifies a RUN by its most expensive command.
func runCost(in *dockerfile.Instruction) (Cost, string) {
	rb := in.Run
	if rb == nil || (rb.Kind != dockerfile.ShellPOSIX && rb.Kind != dockerfile.ShellExec) || rb.SyntaxError != "" {
		return Medium, "runs a command"
	}
	cost, why := Medium, "runs a command"
	best := Cheap
	for _, cmd := range rb.Commands {
		c, w := commandCost(cmd)
		if c > best {
			best, cost, why = c, c, w
		}
	}
	return cost, why
}

// commandCost classifies one shell command; Cheap means nothing notable.
func commandCost(cmd *dockerfile.Command) (Cost, string) {
	if pc, ok := rules.ClassifyPkg(cmd); ok {
		switch pc.Action {
		case rules.PkgInstall:
			what := "installs packages"
			switch {
			case pc.Manager.System():
			case pc.Sub != nil && (pc.Sub.Value == "download" || pc.Sub.Value == "fetch" || strings.HasPrefix(pc.Sub.Value, "dependency:") || pc.Sub.Value == "dependencies"):
				what = "downloads dependencies"
			default:
				what = "installs dependencies"
			}
			return Expensive, fmt.Sprintf("'%s' %s", label(cmd), what)
		case rules.PkgUpdate:
			return Expensive, fmt.Sprintf("'%s' downloads package indexes", label(cmd))
		}
	}
	if buildCommand(cmd) {
		l := label(cmd)
		if subs, ok := builders[cmd.Name()]; ok && subs == nil {
			l = cmd.Name() // make, gcc, tsc: the operands are targets and files
		}
		return Expensive, fmt.Sprintf("'%s' compiles or builds", l)
	}
	switch cmd.Name() {
	case "curl", "wget", "aria2c":
		return Medium, fmt.Sprintf("'%s' downloads", cmd.Name())
	case "git":
		if s := cmd.Sub("-C", "-c"); s == "clone" || s == "fetch" || s == "pull" || s == "submodule" {
			return Medium, fmt.Sprintf("'git %s' downloads", s)
		}
	}
	return Cheap, ""
}

// label is a command's name and first operand ("npm ci", "go build").
func label(cmd *dockerfile.Command) string {
	argv := cmd.Argv()
	if len(argv) == 0 {
		return ""
	}
	s := path.Base(argv[0].Value)
	ops := cmd.Operands()
	for i, o := range ops {
		if i == 2 || len(o.Value) > 40 {
			break
		}
		s += " " + o.Value
		if !twoWords[o.Value] {
			break
		}
	}
	return s
}

// twoWords are subcommands whose next operand says what runs ("npm run
// build", "go mod download").
var twoWords = map[string]bool{"run": true, "run-script": true, "exec": true, "mod": true, "pip": true, "global": true, "dlx": true, "x": true}

// scriptRE-like words: npm/yarn/pnpm script names that build.
var buildScriptWords = []string{"build", "compile", "bundle", "dist", "generate", "prod", "export", "release"}

func buildScript(name string) bool {
	n := strings.ToLower(name)
	for _, w := range buildScriptWords {
		if strings.Contains(n, w) {
			return true
		}
	}
	return false
}

// builders maps a command name to the subcommands that compile or build; a
// nil list means the command always does.
var builders = map[string][]string{
	"go":       {"build", "install", "test", "run", "generate"},
	"cargo":    {"build", "test", "run", "chef", "rustc", "b", "t"},
	"dotnet":   {"build", "publish", "pack", "test", "msbuild"},
	"mix":      {"compile", "release", "deps.get", "deps.compile", "phx.digest", "assets.deploy"},
	"cabal":    {"build", "install", "v2-build"},
	"stack":    {"build", "install"},
	"swift":    {"build"},
	"zig":      {"build", "build-exe"},
	"bazel":    {"build", "test", "run"},
	"bazelisk": {"build", "test", "run"},
	"meson":    {"compile", "install"},
	"poetry":   {"build"},
	"uv":       {"build"},
	"hatch":    {"build"},
	"pdm":      {"build"},
	"conda":    {"install", "create", "update", "env"},
	"mamba":    {"install", "create", "update", "env"},
	"bun":      {"install", "i", "build"},
	"deno":     {"cache", "compile", "install"},
	"rustup":   {"toolchain", "target", "component"},
	"pecl":     {"install"},
	"tinygo":   {"build"},
	"hugo":     nil,
	"make":     nil, "gmake": nil, "ninja": nil, "scons": nil, "configure": nil,
	"gcc": nil, "g++": nil, "cc": nil, "c++": nil, "clang": nil, "clang++": nil,
	"rustc": nil, "javac": nil, "kotlinc": nil, "scalac": nil, "ghc": nil, "swiftc": nil,
	"tsc": nil, "webpack": nil, "esbuild": nil, "rollup": nil,
	"docker-php-ext-install": nil, "sdkmanager": nil, "micromamba": nil,
}

// mavenPhases are the Maven lifecycle phases that compile.
var mavenPhases = map[string]bool{
	"compile": true, "test-compile": true, "test": true, "package": true, "verify": true,
	"install": true, "deploy": true,
}

// jsTools build when run through npx (npx tsc, npx vite build).
var jsTools = map[string]bool{
	"tsc": true, "webpack": true, "vite": true, "next": true, "esbuild": true, "rollup": true,
	"parcel": true, "nest": true, "ng": true, "prisma": true, "nuxt": true, "astro": true, "turbo": true,
}

// buildCommand reports whether cmd compiles or builds something (or
// downloads and builds dependencies outside the package managers that
// rules.ClassifyPkg knows).
func buildCommand(cmd *dockerfile.Command) bool {
	name := cmd.Name()
	ops := cmd.Operands()
	sub := ""
	if len(ops) > 0 {
		sub = ops[0].Value
	}
	if subs, ok := builders[name]; ok {
		if subs == nil {
			return !cmd.Has("--version", "-v", "--help", "-h")
		}
		for _, s := range subs {
			if s == sub {
				return true
			}
		}
		return false
	}
	switch name {
	case "mvn", "mvnw":
		for _, o := range ops {
			if mavenPhases[o.Value] || strings.Contains(o.Value, ":") && !strings.HasPrefix(o.Value, "dependency:") {
				return true
			}
		}
	case "gradle", "gradlew":
		for _, o := range ops {
			if o.Value != "dependencies" && o.Value != "help" {
				return true
			}
		}
	case "cmake":
		return cmd.Has("--build", "--install") || len(ops) > 0
	case "npm", "pnpm", "yarn":
		switch sub {
		case "run", "run-script":
			return len(ops) > 1 && buildScript(ops[1].Value)
		case "test", "build", "pack":
			return true
		}
		// yarn <script> and pnpm <script>
		return name != "npm" && sub != "" && buildScript(sub)
	case "npx", "pnpx", "bunx":
		return len(ops) > 0 && jsTools[path.Base(ops[0].Value)]
	case "vite", "next", "nuxt", "astro", "ng", "nest", "parcel":
		return sub == "build" || sub == "generate"
	case "python", "python3", "python2":
		argv := cmd.Argv()
		for i, w := range argv[1:] {
			if path.Base(w.Value) == "setup.py" {
				return true
			}
			if w.Value == "-m" && i+2 < len(argv) {
				m := argv[i+2].Value
				return m == "build" || m == "compileall" || (strings.HasPrefix(m, "pip") && i+3 < len(argv) && argv[i+3].Value == "wheel")
			}
		}
	case "pip", "pip3":
		return sub == "wheel"
	case "bundle", "bundler", "rails", "rake":
		for _, o := range ops {
			if strings.Contains(o.Value, "assets:precompile") || o.Value == "build" {
				return true
			}
		}
	}
	return false
}

// sizeText renders bytes for people (ctxscan.FormatSize).
func sizeText(n int64) string { return ctxscan.FormatSize(n) }
