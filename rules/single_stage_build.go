package rules

import (
	"fmt"
	"path"
	"strings"

	"github.com/layerlint/layerlint/dockerfile"
)

// SingleStageBuild reports a Dockerfile with one stage that compiles software
// on a toolchain image (or after installing compilers), so that the compiler,
// SDK, caches and sources all ship in the image that runs the result.
var SingleStageBuild = register(&Rule{
	ID:       "SingleStageBuild",
	Category: CategorySize,
	Severity: SeverityWarning,
	Doc: Doc{
		Title: "Single-stage build ships the build toolchain",
		Description: "An image keeps every layer of its stage. When one stage both builds and runs the software, the " +
			"final image carries the compiler or SDK (the golang, rust, maven and .NET SDK images weigh 300 MB to " +
			"1 GB), the dependency caches, the sources and any compilers installed with build-essential, while the " +
			"program usually needs a few megabytes of output and a runtime. Build in a first stage and COPY --from it " +
			"only the output into a small runtime image (distroless, alpine, a JRE or ASP.NET runtime image, " +
			"node:*-slim); the toolchain layers are then never pushed or pulled.\n\n" +
			"The rule reports a file with exactly one stage whose base image is a toolchain (golang, rust, gcc, " +
			"maven, gradle, a JDK with a build tool, the .NET SDK, swift, haskell, or node running a build " +
			"script such as `npm run build` or `tsc`), or that installs compilers (build-essential, gcc, make, build-base, " +
			"a JDK, golang, cargo) and then runs a build command (go build, cargo build, mvn package, gradle build, " +
			"dotnet publish, npm run build, make, gcc). It stays silent for runtime-only images, for images that remove " +
			"the compilers they installed, for images without CMD or ENTRYPOINT or that start a shell (base, CI and " +
			"builder images, whose product is the toolchain), for images whose command runs the toolchain (go run, " +
			"go test, cargo run, mvn, gradle, dotnet run, npm run dev), and for images that only `go install` or " +
			"`cargo install` a published tool.\n\n" +
			"Compilers installed on a general-purpose base are reported one level below the rule's severity (info by " +
			"default): on real Dockerfiles about half of those findings were tool or development images that need the " +
			"compiler when they run (kernel modules built against the host, BPF tools, dev environments), while " +
			"toolchain base images that build and then run a program were nearly always plain waste.",
		Bad: "FROM golang:1.22\nWORKDIR /src\nCOPY . .\nRUN go build -o /usr/local/bin/app ./cmd/app\n" +
			"CMD [\"app\"]\n",
		Good: "FROM golang:1.22 AS build\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=0 go build -o /out/app ./cmd/app\n\n" +
			"FROM gcr.io/distroless/static-debian12\nCOPY --from=build /out/app /app\nCMD [\"/app\"]\n",
	},
	Run: runSingleStageBuild,
})

func runSingleStageBuild(p *Pass) {
	f := p.File
	// only files with one stage: a second stage is where the output would go
	if len(f.Stages) != 1 {
		return
	}
	s := f.Stages[0]
	// only images that run a program, other than a shell or the toolchain itself
	start := stageStartCommand(s)
	if len(start) == 0 || isShellCommand(start) || runsToolchain(start) {
		return
	}
	var cmds []*dockerfile.Command
	for _, in := range s.Instructions {
		if in.Run != nil {
			cmds = append(cmds, in.Run.Commands...)
		}
	}
	if tc := baseToolchain(s.Base); tc != "" {
		for _, c := range cmds {
			if label := buildCommand(tc, c); label != "" {
				reportSingleStage(p, s, tc, label, c, nil)
				return
			}
		}
		return
	}
	// a general-purpose base with compilers installed, then a build
	for i, c := range cmds {
		pc, ok := ClassifyPkg(c)
		if !ok || pc.Action != PkgInstall || !pc.Manager.System() {
			continue
		}
		pkgName := toolchainPackage(pc)
		if pkgName == "" {
			continue
		}
		if removesToolchain(cmds[i+1:], pkgName, apkVirtualName(pc)) {
			return // the compilers are purged after the build
		}
		for _, b := range cmds[i:] {
			if label := buildCommand("", b); label != "" {
				reportSingleStage(p, s, pkgName, label, b, c)
				return
			}
		}
		return
	}
}

func reportSingleStage(p *Pass, s *dockerfile.Stage, tc, label string, build, install *dockerfile.Command) {
	what := "the " + tc + " toolchain"
	switch tc {
	case "node":
		what = "the node build's devDependencies and sources"
	case "dotnet":
		what = "the .NET SDK"
	case "jdk":
		what = "the JDK"
	}
	rng := s.BaseRange
	if rng.End <= rng.Start {
		rng = s.From.KeywordRange
	}
	var related []Related
	if install != nil {
		related = append(related, Related{Message: "the toolchain is installed here", Range: install.Range})
	}
	related = append(related, Related{Message: fmt.Sprintf("'%s' builds in the final image", label), Range: build.Range})
	d := Diagnostic{
		Range:   rng,
		Message: "single-stage build ships " + what + " in the final image; build in a stage and copy the output into a small runtime image",
		Related: related,
	}
	if install != nil && p.Severity > SeverityHint {
		// compilers installed on a general-purpose base are more often
		// needed at run time (modules built on the host, dev environments)
		d.Severity = p.Severity - 1
	}
	p.Report(d)
}

// splitImageRef returns the repository of an image reference, lower-case, without
// registry host, "library/" prefix, tag or digest, and the tag.
func splitImageRef(ref string) (repo, tag string) {
	r := strings.ToLower(ref)
	if i := strings.IndexByte(r, '@'); i >= 0 {
		r = r[:i]
	}
	if i := strings.LastIndexByte(r, ':'); i > strings.LastIndexByte(r, '/') {
		r, tag = r[:i], r[i+1:]
	}
	parts := strings.Split(r, "/")
	if len(parts) > 1 && (strings.ContainsAny(parts[0], ".:") || parts[0] == "localhost") {
		parts = parts[1:]
	}
	if len(parts) > 1 && parts[0] == "library" {
		parts = parts[1:]
	}
	return strings.Join(parts, "/"), tag
}

// jdkImages are the repositories of JDK images; a tag containing "jre" is a
// runtime image.
var jdkImages = map[string]bool{
	"openjdk": true, "eclipse-temurin": true, "adoptopenjdk": true, "amazoncorretto": true, "sapmachine": true,
	"ibm-semeru-runtimes": true, "azul/zulu-openjdk": true, "azul/zulu-openjdk-alpine": true,
	"azul/zulu-openjdk-debian": true, "openjdk/jdk": true, "bellsoft/liberica-openjdk-alpine": true,
	"bellsoft/liberica-openjdk-debian": true, "ibmjava": true,
}

// baseToolchain names the toolchain a base image carries, "" for other images.
func baseToolchain(ref string) string {
	repo, tag := splitImageRef(ref)
	last := path.Base(repo)
	switch {
	case strings.Contains(repo, "devcontainers"):
		return "" // development containers ship tools on purpose
	case last == "golang":
		return "golang"
	case last == "rust":
		return "rust"
	case last == "gcc":
		return "gcc"
	case last == "maven":
		return "maven"
	case last == "gradle":
		return "gradle"
	case last == "swift":
		return "swift"
	case last == "haskell":
		return "haskell"
	case last == "node":
		return "node"
	case strings.HasSuffix(repo, "dotnet/sdk") || strings.HasSuffix(repo, "dotnet/core/sdk") || strings.HasSuffix(repo, "dotnet/framework/sdk") ||
		(strings.HasSuffix(repo, "dotnet") && strings.Contains(tag, "sdk")) || strings.HasSuffix(repo, "aspnetcore-build"):
		return "dotnet"
	case jdkImages[repo] && !strings.Contains(tag, "jre"):
		return "jdk"
	}
	return ""
}

// buildCommand returns how c compiles or bundles software ("go build",
// "mvn package", "npm run build"), or "" when it does not. tc limits the
// commands to those of one toolchain ("" accepts any).
func buildCommand(tc string, c *dockerfile.Command) string {
	argv := c.Argv()
	if len(argv) == 0 {
		return ""
	}
	name := path.Base(argv[0].Value)
	ops := dockerfile.Operands(argv[1:])
	sub := ""
	if len(ops) > 0 {
		sub = ops[0].Value
	}
	native := func() string {
		switch name {
		case "make", "gmake", "ninja", "gcc", "g++", "cc", "c++", "clang", "clang++":
			return name
		case "cmake":
			if c.Has("--build") {
				return "cmake --build"
			}
		}
		return ""
	}
	goBuild := func() string {
		if name != "go" {
			return ""
		}
		switch sub {
		case "build":
			return "go build"
		case "install":
			// go install pkg@version fetches a published tool; a local
			// package path builds the project
			for _, w := range ops[1:] {
				if strings.Contains(w.Value, "@") || !isLocalPath(w.Value) {
					return ""
				}
			}
			return "go install"
		}
		return ""
	}
	cargoBuild := func() string {
		if name == "cargo" && (sub == "build" || (sub == "install" && (c.Has("--path") || c.HasPrefix("--path=")))) {
			return "cargo " + sub
		}
		return ""
	}
	jvmBuild := func() string {
		switch name {
		case "mvn", "mvnw":
			for _, w := range dockerfile.Operands(argv[1:], optsWithValue["mvn"]...) {
				switch w.Value {
				case "package", "install", "verify", "compile", "deploy", "spring-boot:repackage":
					return name + " " + w.Value
				}
			}
		case "gradle", "gradlew":
			for _, w := range dockerfile.Operands(argv[1:], optsWithValue["gradle"]...) {
				v := w.Value
				if i := strings.LastIndexByte(v, ':'); i >= 0 {
					v = v[i+1:]
				}
				switch v {
				case "build", "assemble", "installDist", "distTar", "distZip", "war", "bootWar", "quarkusBuild", "nativeCompile":
					return name + " " + w.Value
				}
				if strings.HasSuffix(v, "Jar") || v == "jar" {
					return name + " " + w.Value
				}
			}
		case "javac", "ant":
			return name
		case "sbt":
			for _, g := range []string{"assembly", "compile", "stage", "package", "universal:packageBin"} {
				if c.Has(g) {
					return "sbt " + g
				}
			}
		case "lein":
			if sub == "uberjar" || sub == "jar" || sub == "compile" {
				return "lein " + sub
			}
		}
		return ""
	}
	dotnetBuild := func() string {
		if name == "dotnet" && (sub == "publish" || sub == "build" || sub == "msbuild") {
			return "dotnet " + sub
		}
		if name == "msbuild" {
			return name
		}
		return ""
	}
	nodeBuild := func() string {
		prog, verb := name, sub
		switch name {
		case "npm", "pnpm", "yarn", "bun":
			script := sub
			if sub == "run" || sub == "run-script" {
				script = ""
				if len(ops) > 1 {
					script = ops[1].Value
				}
			} else if name == "npm" {
				return "" // npm runs scripts only through "npm run"
			}
			if strings.HasPrefix(script, "build") || strings.HasPrefix(script, "compile") {
				if script == sub {
					return name + " " + script
				}
				return name + " " + sub + " " + script
			}
			return ""
		case "npx":
			if len(ops) == 0 {
				return ""
			}
			prog, verb = path.Base(ops[0].Value), ""
			if len(ops) > 1 {
				verb = ops[1].Value
			}
		}
		switch prog {
		case "tsc", "webpack":
			return prog
		case "ng", "next", "vite", "nest", "nuxt", "gatsby", "react-scripts", "vue-cli-service", "astro", "remix":
			if verb == "build" {
				return prog + " build"
			}
		}
		return ""
	}
	first := func(fs ...func() string) string {
		for _, f := range fs {
			if l := f(); l != "" {
				return l
			}
		}
		return ""
	}
	swiftBuild := func() string {
		if name == "swift" && sub == "build" {
			return "swift build"
		}
		return ""
	}
	switch tc {
	case "golang":
		return first(goBuild, native)
	case "rust":
		return first(cargoBuild, native)
	case "gcc", "":
		return first(native, goBuild, cargoBuild, jvmBuild, dotnetBuild, nodeBuild, swiftBuild)
	case "maven", "gradle", "jdk":
		return jvmBuild()
	case "dotnet":
		return dotnetBuild()
	case "node":
		return nodeBuild()
	case "swift":
		return swiftBuild()
	case "haskell":
		if (name == "stack" || name == "cabal") && sub == "build" {
			return name + " " + sub
		}
		if (name == "stack" || name == "cabal") && sub == "install" {
			// cabal install PACKAGE fetches a published tool; without
			// operands, or with a path, it builds the project
			for _, w := range ops[1:] {
				if !isLocalPath(w.Value) {
					return ""
				}
			}
			return name + " " + sub
		}
	}
	return ""
}

// toolchainPackage returns the first compiler package a system install
// names (build-essential, gcc, make, a JDK, golang, cargo), or "".
func toolchainPackage(pc PkgCmd) string {
	for _, w := range dockerfile.Operands(argsAfterSub(pc), optsWithValue[pc.Cmd.Name()]...) {
		v := strings.ToLower(w.Value)
		if i := strings.IndexAny(v, "=<>"); i > 0 {
			v = v[:i] // pinned versions: gcc=4:12.2.0-3
		}
		switch {
		case v == "build-essential" || v == "build-base" || v == "gcc" || v == "g++" || v == "gcc-c++" ||
			v == "make" || v == "clang" || v == "golang" || v == "golang-go" || v == "go" || v == "rust" ||
			v == "rustc" || v == "cargo" || v == "default-jdk" || v == "default-jdk-headless" || v == "maven" ||
			v == "gradle" || v == "development tools" || v == "@development-tools":
			return w.Value
		case strings.HasPrefix(v, "openjdk") && strings.Contains(v, "-jdk"),
			strings.HasPrefix(v, "java-") && strings.HasSuffix(v, "-devel"),
			strings.HasPrefix(v, "dotnet-sdk"):
			return w.Value
		}
	}
	return ""
}

// apkVirtualName returns the name of an `apk add --virtual NAME` group, or "".
func apkVirtualName(pc PkgCmd) string {
	argv := pc.Cmd.Argv()
	for i, w := range argv {
		if (w.Value == "--virtual" || w.Value == "-t") && i+1 < len(argv) {
			return argv[i+1].Value
		}
		if v, ok := strings.CutPrefix(w.Value, "--virtual="); ok {
			return v
		}
	}
	return ""
}

// removesToolchain reports whether a later command uninstalls the compiler
// package (or its apk virtual group) or auto-removes what was installed for
// the build.
func removesToolchain(cmds []*dockerfile.Command, pkgName, virtual string) bool {
	for _, c := range cmds {
		argv := c.Argv()
		if len(argv) < 2 {
			continue
		}
		switch path.Base(argv[0].Value) {
		case "apt-get", "apt", "yum", "dnf", "microdnf", "zypper", "apk":
		default:
			continue
		}
		sub := c.Sub(optsWithValue[c.Name()]...)
		switch sub {
		case "autoremove":
			return true
		case "remove", "purge", "del", "erase", "rm", "uninstall":
			if c.Has("--auto-remove", "--autoremove") {
				return true
			}
			for _, w := range c.Operands(optsWithValue[c.Name()]...)[1:] {
				if w.Value == pkgName || (virtual != "" && w.Value == virtual) {
					return true
				}
			}
		}
	}
	return false
}

// stageStartCommand returns the words the image starts with: ENTRYPOINT, else CMD
// (the last of each in the stage); shell-form text is split on blanks and
// `sh -c SCRIPT` is looked through.
func stageStartCommand(s *dockerfile.Stage) []string {
	var entry, cmd *dockerfile.Instruction
	for _, in := range s.Instructions {
		switch in.Keyword {
		case "entrypoint":
			entry = in
		case "cmd":
			cmd = in
		}
	}
	in := entry
	if in == nil {
		in = cmd
	}
	if in == nil {
		return nil
	}
	var words []string
	if in.JSONForm {
		for _, a := range in.Args {
			words = append(words, a.Value)
		}
	} else if len(in.Args) > 0 {
		words = strings.Fields(in.Args[0].Value)
	}
	if len(words) >= 3 && isShellProgram(path.Base(words[0])) && strings.HasPrefix(words[1], "-") && strings.Contains(words[1], "c") {
		words = strings.Fields(strings.Join(words[2:], " "))
	}
	for len(words) > 0 && (words[0] == "exec" || strings.Contains(words[0], "=") || path.Base(words[0]) == "tini" ||
		path.Base(words[0]) == "dumb-init" || words[0] == "--") {
		words = words[1:]
	}
	return words
}

func isShellProgram(name string) bool {
	switch strings.TrimSuffix(strings.ToLower(name), ".exe") {
	case "sh", "bash", "ash", "dash", "zsh", "ksh", "fish", "pwsh", "powershell", "cmd":
		return true
	}
	return false
}

// isShellCommand reports a start command that opens a shell: an image meant
// to be worked in, not one that runs a program.
func isShellCommand(words []string) bool {
	if !isShellProgram(path.Base(strings.Trim(words[0], `"'`))) {
		return false
	}
	for _, w := range words[1:] {
		if !strings.HasPrefix(w, "-") {
			return false // sh script.sh
		}
	}
	return true
}

// runsToolchain reports a start command that needs the toolchain at run time:
// go run, cargo test, mvn spring-boot:run, dotnet watch, npm run dev.
func runsToolchain(words []string) bool {
	name := path.Base(strings.Trim(words[0], `"'`))
	sub := ""
	if len(words) > 1 {
		sub = words[1]
	}
	switch name {
	case "go", "cargo", "rustc", "mvn", "mvnw", "gradle", "gradlew", "make", "gcc", "javac", "sbt", "lein",
		"mix", "swift", "stack", "cabal", "tsc", "ts-node", "nodemon", "ng", "vite", "next", "nuxt", "jshell":
		return !(name == "next" && sub == "start") && !(name == "nuxt" && sub == "start")
	case "dotnet":
		return sub == "run" || sub == "test" || sub == "watch" || sub == "build"
	case "npm", "yarn", "pnpm", "bun":
		script := sub
		if sub == "run" && len(words) > 2 {
			script = words[2]
		}
		for _, dev := range []string{"dev", "test", "watch", "serve", "storybook", "lint"} {
			if strings.Contains(script, dev) {
				return true
			}
		}
	}
	return false
}
