package rules

import (
	"encoding/csv"
	"path"
	"strings"

	"github.com/layerlint/layerlint/dockerfile"
	"github.com/moby/buildkit/frontend/dockerfile/shell"
)

// This file knows which build-context files a dependency install reads (its
// manifests and lockfiles) and which COPY/ADD sources are broad, that is,
// bring in far more than those files.

// manifestNames are files a dependency manager reads to decide what to
// install, plus the extension-less files that commonly sit next to them. A
// COPY of only such files is narrow: editing the application's sources does
// not touch its layer.
var manifestNames = []string{
	"package.json", "package-lock.json", "npm-shrinkwrap.json", "yarn.lock", ".yarnrc", ".yarnrc.yml",
	"pnpm-lock.yaml", "pnpm-workspace.yaml", ".npmrc", ".nvmrc",
	"requirements.txt", "requirements-dev.txt", "constraints.txt", "setup.py", "setup.cfg",
	"pyproject.toml", "poetry.lock", "uv.lock", "Pipfile", "Pipfile.lock", "pdm.lock",
	"go.mod", "go.sum", "go.work", "go.work.sum",
	"Gemfile", "Gemfile.lock", "gems.rb", "gems.locked",
	"composer.json", "composer.lock", "auth.json",
	"Cargo.toml", "Cargo.lock", "rust-toolchain", "rust-toolchain.toml",
	"pom.xml", "mvnw", "mvnw.cmd",
	"build.gradle", "build.gradle.kts", "settings.gradle", "settings.gradle.kts", "gradle.properties",
	"gradle.lockfile", "gradlew", "gradlew.bat", "libs.versions.toml",
	"App.csproj", "App.fsproj", "App.vbproj", "App.sln", // stand-ins for the *.csproj patterns "packages.lock.json", "nuget.config", "NuGet.Config",
	"Directory.Build.props", "Directory.Packages.props", "global.json",
	"mix.exs", "mix.lock", "pubspec.yaml", "pubspec.lock", "Package.swift", "Package.resolved",
}

// sourceProbes are typical application source files and directories. A
// wildcard that matches one of them copies source code, which changes on
// every edit; one that matches none (*.sh, *.patch, *.pem) copies support
// files.
var sourceProbes = []string{
	"main.go", "index.js", "index.mjs", "server.ts", "app.py", "main.rs", "Program.cs", "Main.java",
	"Main.kt", "Main.scala", "app.rb", "index.php", "main.c", "main.cpp", "util.h", "index.html",
	"style.css", "App.vue", "App.tsx", "App.jsx", "main.swift", "app.ex", "main.dart",
	"src", "lib", "app",
}

// installSupportDirs are directories that a dependency install itself needs
// (wrapper jars, Yarn releases and plugins, patch-package patches), so that
// copying them, or a folder inside them, before the install is part of the
// good pattern.
var installSupportDirs = map[string]bool{
	".yarn": true, ".mvn": true, "gradle": true, ".cargo": true, "patches": true, ".pnpm-patches": true,
}

// breadth grades how much of the build context a COPY source brings in.
type breadth int

const (
	breadthFiles   breadth = iota // specific files: manifests, scripts, configuration files
	breadthSupport                // a directory of support files (conf/, scripts/, rootfs/) or one of unknown role
	breadthTree                   // the context root, an application source directory or a wildcard over source files
)

// contextSource is one COPY/ADD source read from the build context.
type contextSource struct {
	Arg     dockerfile.Arg
	Value   string // the source with variables expanded
	Breadth breadth
}

// contextSources returns the build-context sources of a COPY or ADD, with
// variables expanded from ARG/ENV defaults. It returns nothing for COPY
// --from (another stage, an image or a named context), for heredoc sources and
// for ADD of URLs and git repositories. Sources whose variables cannot be
// resolved are left out.
func contextSources(f *dockerfile.File, in *dockerfile.Instruction) []contextSource {
	if (in.Keyword != "copy" && in.Keyword != "add") || in.Flag("from") != nil || len(in.Args) < 2 {
		return nil
	}
	var env shell.EnvGetter
	var out []contextSource
	for _, a := range in.Args[:len(in.Args)-1] {
		v := a.Value
		if strings.HasPrefix(a.Raw, "<<") {
			continue // heredoc: inline content
		}
		if strings.Contains(a.Raw, "$") {
			if env == nil {
				env = dockerfile.Env(f.Vars(in))
			}
			lex := f.Expander()
			word := a.Raw
			if in.JSONForm {
				word = a.Value
			}
			res, err := lex.WordWithMatches(word, env)
			if err != nil || len(res.Unmatched) > 0 || res.Result == "" {
				continue
			}
			v = res.Result
		}
		if isRemoteSource(v) {
			continue
		}
		out = append(out, contextSource{Arg: a, Value: v, Breadth: sourceBreadth(v)})
	}
	return out
}

func isRemoteSource(s string) bool {
	return strings.Contains(s, "://") || strings.HasPrefix(s, "git@")
}

// sourceBreadth grades a COPY source (a path relative to the context).
func sourceBreadth(src string) breadth {
	s := strings.TrimSpace(src)
	dir := strings.HasSuffix(s, "/") || strings.HasSuffix(s, "/.")
	s = strings.TrimSuffix(strings.TrimSuffix(s, "/."), "/")
	for strings.HasPrefix(s, "./") {
		s = strings.TrimPrefix(s, "./")
	}
	s = strings.TrimPrefix(s, "/")
	if s == "" || s == "." || s == ".." {
		return breadthTree // the context root
	}
	base := path.Base(s)
	if strings.ContainsAny(s, "*?[") {
		if base == "**" || matchesAny(base, sourceProbes) {
			return breadthTree // *, *.py, src*
		}
		return breadthFiles // package*.json, *.csproj, requirements*.txt, *.sh
	}
	parent := path.Base(path.Dir(s))
	for _, elem := range strings.Split(s, "/") {
		if installSupportDirs[elem] {
			return breadthFiles // .yarn/releases, gradle/wrapper
		}
	}
	switch {
	case !dir && (parent == "bin" || parent == "sbin"):
		return breadthFiles // an executable: bin/server
	case appDirNames[strings.ToLower(base)] || hasAppSuffix(base):
		return breadthTree
	case dir || supportDirNames[strings.ToLower(base)]:
		return breadthSupport
	}
	// Any other name is a file: one with an extension or a dotfile, or an
	// extension-less executable, script or configuration file
	// (docker-php-source, sshd_config). Directories of unknown role are
	// recognised only by a trailing slash.
	return breadthFiles
}

// appDirNames are conventional names of directories holding an
// application's sources or assets, which change with every edit.
var appDirNames = map[string]bool{
	"src": true, "source": true, "sources": true, "app": true, "apps": true, "application": true,
	"lib": true, "libs": true, "pkg": true, "cmd": true, "internal": true, "api": true, "server": true,
	"client": true, "web": true, "webapp": true, "frontend": true, "backend": true, "ui": true, "www": true,
	"html": true, "public": true, "static": true, "assets": true, "templates": true, "views": true,
	"test": true, "tests": true, "spec": true, "specs": true, "components": true, "pages": true,
	"project": true, "code": true, "site": true, "content": true, "packages": true, "modules": true,
	"services": true, "migrations": true, "dist": true, "build": true, "target": true, "out": true,
}

// supportDirNames are directories of configuration, provisioning scripts and
// root-filesystem overlays: inputs of the build rather than the application.
var supportDirNames = map[string]bool{
	"conf": true, "config": true, "configs": true, "etc": true, "scripts": true, "rootfs": true,
	"root": true, "files": true, "overlay": true, "bin": true, "sbin": true, "tools": true, "docs": true,
	"doc": true, "ci": true, "docker": true, "deploy": true, "hack": true, "resources": true, "data": true,
	"vendor": true, "include": true,
}

func hasAppSuffix(base string) bool {
	b := strings.ToLower(base)
	for _, suf := range []string{"-app", "_app", "-src", "_src", "-service", "-server", "-client", "-web", "-ui", "-api", "-frontend", "-backend"} {
		if strings.HasSuffix(b, suf) {
			return true
		}
	}
	return false
}

func matchesAny(pattern string, names []string) bool {
	for _, n := range names {
		if ok, _ := path.Match(pattern, n); ok {
			return true
		}
	}
	return false
}

// mountSpec is the part of a RUN --mount flag this file needs.
type mountSpec struct {
	Type, From, Source string
}

// runMounts reads the --mount flags of a RUN. BuildKit's parsed mounts
// (RunBody.Mounts) leave every key=value field zero until variables are
// expanded, so the flag text is read here instead: comma-separated key=value
// fields, type defaulting to bind.
func runMounts(in *dockerfile.Instruction) []mountSpec {
	var out []mountSpec
	for _, v := range in.FlagValues("mount") {
		m := mountSpec{Type: "bind"}
		fields, err := mountFields(v)
		if err != nil {
			fields = strings.Split(v, ",")
		}
		for _, fl := range fields {
			k, val, _ := strings.Cut(fl, "=")
			switch strings.ToLower(strings.TrimSpace(k)) {
			case "type":
				m.Type = strings.ToLower(val)
			case "from":
				m.From = val
			case "source", "src":
				m.Source = val
			}
		}
		out = append(out, m)
	}
	return out
}

// mountFields splits a --mount value into its comma-separated fields the way
// BuildKit does (as CSV, so a quoted field may hold a comma).
func mountFields(v string) ([]string, error) {
	if v != "" && !strings.ContainsAny(v, "\"\r\n") {
		return strings.Split(v, ","), nil // what the CSV reader returns, without its buffers
	}
	return csv.NewReader(strings.NewReader(v)).Read()
}

// depInstall is a dependency install found in a RUN and what it reads.
type depInstall struct {
	Pkg   PkgCmd
	Label string // the command as shown in messages: "npm ci", "apt-get install"
	// Project reports an install driven by the project's manifests (npm ci,
	// pip install -r, go mod download), as opposed to system packages or
	// named tools.
	Project bool
	// Manifests are the context files to copy before the install, nil when the
	// install reads no project file (system packages, named packages) or reads
	// it through a bind mount, and so can simply run before the broad COPY.
	Manifests []string
}

// dependencyInstalls returns the installs in a RUN that a broad COPY above it
// would make rerun. Installs that need the whole tree (pip install ., npm
// install ./pkg) are left out, and so is every install of a RUN that
// bind-mounts the whole context: moving them gains nothing.
func dependencyInstalls(f *dockerfile.File, in *dockerfile.Instruction) []depInstall {
	if in.Run == nil {
		return nil
	}
	viaMount := false
	for _, m := range runMounts(in) {
		if m.Type != "bind" || m.From != "" {
			continue
		}
		if sourceBreadth(m.Source) != breadthFiles {
			return nil // the RUN reads the whole context anyway
		}
		viaMount = true
	}
	var out []depInstall
	for _, pc := range PkgCmds(in.Run) {
		if pc.Action != PkgInstall {
			continue
		}
		d, ok := installReads(f, pc)
		if !ok {
			continue
		}
		d.Project = d.Manifests != nil
		if viaMount {
			d.Manifests = nil // its files come through --mount=type=bind
		}
		out = append(out, d)
	}
	return out
}

// installReads works out what a package-manager install reads from the
// project, or ok=false when it is not a dependency install this rule can
// advise on.
func installReads(f *dockerfile.File, pc PkgCmd) (d depInstall, ok bool) {
	d = depInstall{Pkg: pc, Label: commandLabel(pc)}
	args := argsAfterSub(pc)
	ops := dockerfile.Operands(args, optsWithValue[optsKey(pc)]...)
	switch pc.Manager {
	case MgrApt, MgrApk, MgrYum, MgrDnf, MgrMicrodnf, MgrZypper:
		for _, w := range ops {
			if isLocalPath(w.Value) || strings.HasSuffix(w.Value, ".deb") || strings.HasSuffix(w.Value, ".rpm") ||
				strings.HasSuffix(w.Value, ".apk") || (!w.Literal && !strings.Contains(w.Value, "${")) {
				return d, false // installs a copied package file, or a list read at run time
			}
		}
		return d, true
	case MgrPip, MgrUv:
		if pc.Manager == MgrUv && pc.Sub.Value == "sync" && !isUvPip(pc) {
			d.Manifests = []string{"pyproject.toml", "uv.lock"}
			return d, true
		}
		var reqs []string
		for i := 0; i < len(args); i++ {
			v := args[i].Value
			switch {
			case v == "-r" || v == "--requirement" || v == "-c" || v == "--constraint":
				if i+1 < len(args) {
					reqs = append(reqs, args[i+1].Value)
					i++
				}
			case strings.HasPrefix(v, "--requirement=") || strings.HasPrefix(v, "--constraint="):
				reqs = append(reqs, v[strings.IndexByte(v, '=')+1:])
			case strings.HasPrefix(v, "-r") && len(v) > 2:
				reqs = append(reqs, v[2:])
			case v == "-e" || v == "--editable":
				if i+1 < len(args) && isLocalPath(args[i+1].Value) {
					return d, false
				}
				i++
			}
		}
		if pc.Sub.Value == "sync" { // uv pip sync requirements.txt
			for _, w := range ops {
				reqs = append(reqs, w.Value)
			}
		} else {
			for _, w := range ops {
				if isLocalPath(w.Value) || strings.HasSuffix(w.Value, ".whl") || strings.HasSuffix(w.Value, ".tar.gz") {
					return d, false // installs the project itself
				}
			}
		}
		if len(reqs) > 0 {
			d.Manifests = reqs
		}
		return d, len(reqs) > 0 || len(ops) > 0
	case MgrPipenv:
		d.Manifests = []string{"Pipfile", "Pipfile.lock"}
	case MgrPoetry:
		d.Manifests = []string{"pyproject.toml", "poetry.lock"}
	case MgrNpm, MgrYarn, MgrPnpm:
		for _, w := range ops {
			if isLocalPath(w.Value) || strings.HasPrefix(w.Value, "file:") || strings.HasSuffix(w.Value, ".tgz") {
				return d, false
			}
		}
		if hasWord(args, "-g", "--global", "--location=global") {
			return d, true // a global tool: reads no package.json
		}
		switch pc.Manager {
		case MgrNpm:
			d.Manifests = []string{"package.json", "package-lock.json"}
		case MgrYarn:
			d.Manifests = []string{"package.json", "yarn.lock"}
		case MgrPnpm:
			d.Manifests = []string{"package.json", "pnpm-lock.yaml"}
			if pc.Sub.Value == "fetch" {
				d.Manifests = []string{"pnpm-lock.yaml"}
			}
		}
	case MgrBundle:
		d.Manifests = []string{"Gemfile", "Gemfile.lock"}
		for i, w := range args {
			if g, ok := strings.CutPrefix(w.Value, "--gemfile="); ok {
				d.Manifests = []string{g, g + ".lock"}
			} else if w.Value == "--gemfile" && i+1 < len(args) {
				d.Manifests = []string{args[i+1].Value, args[i+1].Value + ".lock"}
			}
		}
	case MgrGem:
		if hasWord(args, "-g", "--file") {
			return d, false
		}
		for _, w := range ops {
			if isLocalPath(w.Value) || strings.HasSuffix(w.Value, ".gem") || !w.Literal {
				return d, false // installs a gem built from the copied tree
			}
		}
		return d, len(ops) > 0
	case MgrComposer:
		d.Manifests = []string{"composer.json", "composer.lock"}
	case MgrGo:
		if pc.Sub.Value != "download" {
			return d, false // go get: GOPATH-era tree builds or go.mod edits; too ambiguous
		}
		d.Manifests = []string{"go.mod", "go.sum"}
	case MgrCargo:
		if pc.Sub.Value == "install" {
			if hasWord(args, "--path") || hasPrefixWord(args, "--path=") || len(ops) == 0 {
				return d, false
			}
			return d, true // a named crate: a tool
		}
		d.Manifests = []string{"Cargo.toml", "Cargo.lock"}
	case MgrMaven:
		for _, w := range dockerfile.Operands(pc.Cmd.Argv()[1:], optsWithValue["mvn"]...) {
			if !strings.HasPrefix(w.Value, "dependency:") && !strings.Contains(w.Value, "go-offline") && !strings.Contains(w.Value, "resolve") {
				return d, false // runs build goals too: needs the sources
			}
		}
		d.Manifests = []string{"pom.xml"}
	case MgrGradle:
		for _, w := range dockerfile.Operands(pc.Cmd.Argv()[1:], optsWithValue["gradle"]...) {
			switch w.Value {
			case "dependencies", "downloadDependencies", "resolveDependencies", "androidDependencies":
			default:
				return d, false
			}
		}
		if strings.Contains(string(f.Src), ".gradle.kts") {
			d.Manifests = []string{"build.gradle.kts", "settings.gradle.kts"}
		} else {
			d.Manifests = []string{"build.gradle", "settings.gradle"}
		}
	case MgrDotnet:
		for _, w := range ops {
			switch path.Ext(w.Value) {
			case ".csproj", ".fsproj", ".vbproj", ".sln", ".slnx":
				d.Manifests = append(d.Manifests, w.Value)
			}
		}
		if d.Manifests == nil {
			d.Manifests = []string{"*.csproj"}
		}
	default:
		return d, false
	}
	return d, true
}

func isUvPip(pc PkgCmd) bool {
	for _, w := range pc.Cmd.Argv() {
		if w.Value == "pip" {
			return true
		}
	}
	return false
}

// optsKey is the optsWithValue key for a classified command.
func optsKey(pc PkgCmd) string {
	name := pc.Cmd.Name()
	switch pc.Manager {
	case MgrPip:
		return "pip"
	case MgrGradle:
		return "gradle"
	case MgrMaven:
		return "mvn"
	}
	return name
}

// argsAfterSub returns the words after the subcommand (all the arguments
// when the action is implied, as in a bare `yarn`).
func argsAfterSub(pc PkgCmd) []dockerfile.Word {
	argv := pc.Cmd.Argv()
	if pc.Sub == nil {
		return argv[min(1, len(argv)):]
	}
	for i, w := range argv {
		if w.Range == pc.Sub.Range {
			return argv[i+1:]
		}
	}
	return nil
}

func hasWord(args []dockerfile.Word, vals ...string) bool {
	for _, w := range args {
		for _, v := range vals {
			if w.Value == v {
				return true
			}
		}
	}
	return false
}

func hasPrefixWord(args []dockerfile.Word, prefix string) bool {
	for _, w := range args {
		if strings.HasPrefix(w.Value, prefix) {
			return true
		}
	}
	return false
}

// isLocalPath reports whether a package operand names a path on disk rather
// than a package: ".", "./x", "../x", "/x", "x/" or "~/x".
func isLocalPath(v string) bool {
	return v == "." || v == ".." || strings.HasPrefix(v, "./") || strings.HasPrefix(v, "../") ||
		strings.HasPrefix(v, "/") || strings.HasPrefix(v, "~/") || strings.HasSuffix(v, "/") ||
		strings.HasPrefix(v, ".[") || strings.HasPrefix(v, ".\\")
}

// commandLabel renders a package command for messages: the program and the
// words up to its subcommand, options left out ("npm ci", "python3 -m pip
// install", "apt-get install").
func commandLabel(pc PkgCmd) string {
	argv := pc.Cmd.Argv()
	if len(argv) == 0 {
		return ""
	}
	parts := []string{path.Base(argv[0].Value)}
	end := len(argv)
	if pc.Sub != nil {
		for i, w := range argv {
			if w.Range == pc.Sub.Range {
				end = i + 1
				break
			}
		}
	} else {
		end = 1
	}
	withValue := optsWithValue[optsKey(pc)]
	for i := 1; i < end; i++ {
		v := argv[i].Value
		if v == "-m" && strings.HasPrefix(parts[0], "python") {
			parts = append(parts, v)
			continue
		}
		if strings.HasPrefix(v, "-") {
			if !strings.Contains(v, "=") {
				for _, o := range withValue {
					if v == o {
						i++
						break
					}
				}
			}
			continue
		}
		parts = append(parts, v)
	}
	return strings.Join(parts, " ")
}

// joinAnd renders a list as "a", "a and b" or "a, b and c".
func joinAnd(items []string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	return strings.Join(items[:len(items)-1], ", ") + " and " + items[len(items)-1]
}
