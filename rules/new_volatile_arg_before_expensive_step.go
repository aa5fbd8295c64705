package rules

import (
	"fmt"
	"path"
	"strings"

	"github.com/layerlint/layerlint/dockerfile"
)

// VolatileArgBeforeExpensiveStep reports a build argument whose value changes
// on every build (a date, a commit, a cache-bust counter) declared before an
// expensive RUN that does not use it: the RUN reruns on every build anyway.
var VolatileArgBeforeExpensiveStep = register(&Rule{
	ID:       "VolatileArgBeforeExpensiveStep",
	Category: CategoryCache,
	Severity: SeverityWarning,
	Doc: Doc{
		Title: "Per-build ARG declared before an expensive RUN",
		Description: "Every RUN after an ARG declaration gets the argument in its environment, and BuildKit " +
			"includes that environment in the RUN's cache key: when the value changes, the first RUN after the " +
			"declaration misses the cache, and so does everything after it. Arguments such as BUILD_DATE, " +
			"GIT_COMMIT, VCS_REF, BUILD_NUMBER or CACHEBUST change on every build, so a dependency install " +
			"placed after them (`apt-get install`, `npm ci`, `pip install`, `go mod download`, a download) " +
			"reruns on every build even though it never reads the value. Declare such arguments as late as " +
			"possible, just before the instruction that uses them (usually the final build step or a LABEL). " +
			"The rule reports the declaration when a package install, dependency download or fetch runs after it " +
			"before anything that uses the value. A RUN that mentions the variable, or that runs a script, " +
			"make or a build tool that may read it from the environment, counts as a use and ends the search. " +
			"VERSION-like names (VERSION, APP_VERSION, RELEASE, ...) count as per-build only when they have no " +
			"default or a placeholder default (dev, latest, unknown, 0.0.0); SOURCE_DATE_EPOCH is not reported: " +
			"it is BuildKit's reproducible-build input, meant to reach the build tools. The suggested fix moves " +
			"the ARG just before its first use.",
		Bad: "FROM node:20-slim\n" +
			"ARG GIT_COMMIT\n" +
			"WORKDIR /app\n" +
			"COPY package.json package-lock.json ./\n" +
			"RUN npm ci\n" +
			"COPY . .\n" +
			"RUN echo \"$GIT_COMMIT\" > /app/REVISION\n",
		Good: "FROM node:20-slim\n" +
			"WORKDIR /app\n" +
			"COPY package.json package-lock.json ./\n" +
			"RUN npm ci\n" +
			"COPY . .\n" +
			"ARG GIT_COMMIT\n" +
			"RUN echo \"$GIT_COMMIT\" > /app/REVISION\n",
	},
	Run: runVolatileArgBeforeExpensiveStep,
})

// volatileKind says how an argument name varies between builds.
type volatileKind int

const (
	notVolatile    volatileKind = iota
	stampVolatile               // a date or build counter: new on every build
	sourceVolatile              // a commit or version: new whenever the sources change
	bustVolatile                // a cache-bust counter: meant to rerun the RUN that uses it
)

// Argument names by kind; names are compared in upper case.
var (
	stampNames = stringSet("BUILD_DATE", "BUILDDATE", "BUILD_TIME", "BUILDTIME", "BUILD_TIMESTAMP",
		"BUILD_DATETIME", "BUILD_NUMBER", "BUILD_NUM", "BUILD_ID", "CACHE_DATE", "CI_PIPELINE_ID",
		"GITHUB_RUN_ID", "GITHUB_RUN_NUMBER")
	stampSuffixes = []string{"_BUILD_DATE", "_BUILD_TIME", "_BUILD_TIMESTAMP", "_BUILD_NUMBER"}
	bustNames     = stringSet("CACHEBUST", "CACHE_BUST", "CACHEBUSTER", "CACHE_BUSTER", "CACHE_BUSTING")
	sourceNames   = stringSet("GIT_COMMIT", "GIT_SHA", "GIT_HASH", "GIT_REV", "GIT_REVISION", "GIT_COMMIT_SHA",
		"GIT_COMMIT_HASH", "GIT_COMMIT_ID", "GIT_DESCRIBE", "COMMIT", "COMMIT_SHA", "COMMIT_HASH", "COMMIT_ID",
		"SHA", "SHORT_SHA", "SOURCE_COMMIT", "VCS_REF", "VCS_REVISION", "REVISION", "CI_COMMIT_SHA", "GITHUB_SHA",
		"BUILD_REF", "VERSION", "APP_VERSION", "BUILD_VERSION", "RELEASE_VERSION", "IMAGE_VERSION", "RELEASE",
		"IMAGE_TAG", "BUILD_TAG", "GIT_TAG", "GIT_VERSION", "GIT_BRANCH", "BRANCH", "TIMESTAMP", "DATE")
	sourceSuffixes = []string{"_GIT_COMMIT", "_GIT_SHA", "_GIT_HASH", "_COMMIT_SHA", "_COMMIT_HASH", "_VCS_REF"}
)

// placeholderDefault reports a default that stands for "passed at build time".
func placeholderDefault(v string) bool {
	switch strings.ToLower(strings.Trim(v, `"' `)) {
	case "", "dev", "develop", "development", "latest", "unknown", "local", "snapshot", "0.0.0", "0.0.0-dev",
		"main", "master", "head", "none", "undefined", "unset", "0", "now", "n/a":
		return true
	}
	return false
}

// volatileArg classifies ARG name with its default. SOURCE_DATE_EPOCH is
// never volatile here: it is meant to reach the build tools. Commit and
// version names with a real default are pinned inputs, not per-build stamps.
func volatileArg(name string, hasDefault bool, def string) volatileKind {
	up := strings.ToUpper(name)
	switch {
	case up == "SOURCE_DATE_EPOCH":
		return notVolatile
	case stampNames[up] || hasAnySuffix(up, stampSuffixes):
		return stampVolatile
	case bustNames[up] || hasAnySuffix(up, []string{"_CACHEBUST"}):
		return bustVolatile
	case sourceNames[up] || hasAnySuffix(up, sourceSuffixes):
		if !hasDefault || placeholderDefault(def) {
			return sourceVolatile
		}
	}
	return notVolatile
}

func hasAnySuffix(s string, suffixes []string) bool {
	for _, x := range suffixes {
		if strings.HasSuffix(s, x) {
			return true
		}
	}
	return false
}

func runVolatileArgBeforeExpensiveStep(p *Pass) {
	f := p.File
	for _, s := range f.Stages {
		for i, in := range s.Instructions {
			if in.Keyword != "arg" {
				continue
			}
			decl := declaredVars(in)
			for _, v := range decl {
				hasDef, def := v.HasDefault, v.Value
				if !hasDef {
					hasDef, def = globalArgDefault(f, v.Name)
				}
				if kind := volatileArg(v.Name, hasDef, def); kind != notVolatile {
					checkVolatileArg(p, s, i, v, kind, len(decl))
				}
			}
		}
	}
}

// globalArgDefault returns the default of a global ARG name (before the first FROM).
func globalArgDefault(f *dockerfile.File, name string) (bool, string) {
	has, val := false, ""
	for _, g := range f.GlobalArgs {
		for _, v := range declaredVars(g) {
			if v.Name == name && v.HasDefault {
				has, val = true, v.Value
			}
		}
	}
	return has, val
}

// checkVolatileArg scans the stage after the ARG at index i for the first
// expensive RUN that neither uses the value nor comes after a use.
func checkVolatileArg(p *Pass, s *dockerfile.Stage, i int, v declaredVar, kind volatileKind, declCount int) {
	f := p.File
	arg := s.Instructions[i]
	names := map[string]bool{v.Name: true} // the ARG and ENVs copying it
	var wasted *dockerfile.Instruction
	var wastedCmd *dockerfile.Command
	var use, firstRef *dockerfile.Instruction
	broadCopy := false // the whole context was copied after the ARG
	for _, in := range s.Instructions[i+1:] {
		text := f.Text(in.Range)
		refers := false
		for n := range names {
			if referencesVar(text, n) {
				refers = true
			}
		}
		if refers && firstRef == nil {
			firstRef = in
		}
		switch in.Keyword {
		case "env", "arg":
			// ENV X=$GIT_COMMIT carries the value on under another name
			for _, d := range declaredVars(in) {
				for n := range names {
					if referencesVar(d.Value, n) {
						names[d.Name] = true
					}
				}
			}
			continue
		case "label", "expose", "cmd", "entrypoint", "healthcheck", "stopsignal", "shell", "maintainer", "onbuild":
			// no effect on the cache of later RUNs beyond the ARG itself
			continue
		case "run":
			if in.Run == nil {
				continue
			}
			if refers || mayReadEnv(in.Run) {
				use = in
			} else if c := expensiveCommand(in.Run); c != nil && wasted == nil && !(kind == sourceVolatile && broadCopy) {
				// (after a broad COPY the RUN reruns on every source
				// change anyway, and a commit or version only changes
				// with the sources)
				wasted, wastedCmd = in, c
			}
		case "copy", "add":
			if refers {
				use = in
			} else if in.Flag("from") == nil && copiesWholeContext(in) {
				broadCopy = true
			}
		default:
			// COPY, ADD, WORKDIR, USER, VOLUME: a use when they expand it
			if refers {
				use = in
			}
		}
		if use != nil {
			break
		}
	}
	if wasted == nil {
		return
	}
	// a cache-bust argument nobody names busts the RUN right after it, on
	// purpose
	if kind == bustVolatile && use == nil {
		return
	}
	// a value inside a download URL selects what to fetch: a pinned input
	// passed by the build, not a per-build stamp
	if use != nil && inURL(f.Text(use.Range), names) {
		return
	}
	label := commandTitle(wastedCmd)
	changes := map[volatileKind]string{
		stampVolatile:  "changes on every build",
		sourceVolatile: "changes with every commit or release",
		bustVolatile:   "is changed to force rebuilds",
	}[kind]
	d := Diagnostic{
		Range: v.Range,
		Message: fmt.Sprintf("ARG %s %s and is declared before '%s' on line %d, which reruns whenever the value changes; declare the ARG just before its first use",
			v.Name, changes, label, wasted.StartLine),
		Related: []Related{{Message: fmt.Sprintf("'%s' reruns whenever %s changes", label, v.Name), Range: argvRange(wastedCmd)}},
	}
	// the fix target: the first instruction that names the value or may
	// read it from the environment
	target := firstRef
	if target == nil || use != nil && use.Index < target.Index {
		target = use
	}
	if target != nil {
		d.Related = append(d.Related, Related{Message: fmt.Sprintf("first use of %s", v.Name), Range: target.KeywordRange})
		if declCount == 1 && target.Index > wasted.Index {
			if fx, ok := moveInstructionFix(f, arg, target); ok {
				d.Fixes = []Fix{fx}
			}
		}
	}
	p.Report(d)
}

// moveInstructionFix moves the lines of in to just before the line of dst.
func moveInstructionFix(f *dockerfile.File, in, dst *dockerfile.Instruction) (Fix, bool) {
	from := dockerfile.Range{Start: f.LineStart(in.StartLine), End: f.LineStart(in.EndLine + 1)}
	if in.EndLine >= f.LineCount() || dst.StartLine <= in.EndLine {
		return Fix{}, false
	}
	text := f.Text(from)
	at := f.LineStart(dst.StartLine)
	return Fix{
		Title: fmt.Sprintf("Move the ARG to line %d, before its first use", dst.StartLine),
		Edits: []Edit{{Range: from}, {Range: dockerfile.Range{Start: at, End: at}, NewText: text}},
	}, true
}

// expensiveCommand returns the first command of rb that installs or
// downloads dependencies, or nil.
func expensiveCommand(rb *dockerfile.RunBody) *dockerfile.Command {
	for _, c := range rb.Commands {
		if pc, ok := ClassifyPkg(c); ok && (pc.Action == PkgInstall || pc.Action == PkgUpdate) {
			return c
		}
		switch c.Name() {
		case "curl", "wget", "git":
			if c.Name() != "git" || c.Sub() == "clone" {
				return c
			}
		case "go":
			switch c.Sub() {
			case "build", "install", "test":
				return c
			}
		}
	}
	return nil
}

// mayReadEnv reports a RUN that runs something able to read build
// arguments from its environment without naming them: a script, make, or a
// build tool configured from files the rule cannot see.
func mayReadEnv(rb *dockerfile.RunBody) bool {
	if rb.Kind != dockerfile.ShellPOSIX && rb.Kind != dockerfile.ShellExec {
		return true
	}
	for _, c := range rb.Commands {
		name := c.Name()
		argv := c.Argv()
		if len(argv) == 0 {
			continue
		}
		first := argv[0].Value
		if strings.Contains(first, "/") && !strings.HasPrefix(first, "/usr/") && !strings.HasPrefix(first, "/bin/") && !strings.HasPrefix(first, "/sbin/") {
			return true // ./build.sh, scripts/release
		}
		if strings.HasSuffix(name, ".sh") || strings.HasSuffix(name, ".py") {
			return true
		}
		switch name {
		case "make", "gmake", "cmake", "ninja", "mvn", "mvnw", "gradle", "gradlew", "sbt", "ant", "bazel",
			"cargo", "dotnet", "msbuild", "goreleaser", "ko", "scons", "meson", "rake", "just", "task":
			return true
		case "npm", "yarn", "pnpm", "bun":
			sub := c.Sub()
			if sub != "install" && sub != "ci" && sub != "i" && sub != "add" && sub != "" {
				return true // npm run build, yarn build
			}
		case "python", "python3", "node", "ruby", "perl", "php", "bash", "sh":
			// with a script file operand
			for _, w := range argv[1:] {
				if !strings.HasPrefix(w.Value, "-") {
					return path.Ext(w.Value) != "" || strings.Contains(w.Value, "/")
				}
				if w.Value == "-c" || w.Value == "-m" {
					break
				}
			}
		}
	}
	return false
}

func stringSet(names ...string) map[string]bool {
	m := make(map[string]bool, len(names))
	for _, n := range names {
		m[n] = true
	}
	return m
}

// copiesWholeContext reports a COPY or ADD of the context root ("." or "./").
func copiesWholeContext(in *dockerfile.Instruction) bool {
	if len(in.Args) < 2 {
		return false
	}
	for _, a := range in.Args[:len(in.Args)-1] {
		switch strings.TrimSuffix(a.Value, "/") {
		case ".", "", "*":
			return true
		}
	}
	return false
}

// inURL reports a reference to one of names inside a URL of text.
func inURL(text string, names map[string]bool) bool {
	for _, word := range strings.Fields(text) {
		if !strings.Contains(word, "://") {
			continue
		}
		for n := range names {
			if referencesVar(word, n) {
				return true
			}
		}
	}
	return false
}

// commandTitle names a command for messages: the program and its words up
// to the package-manager subcommand ("go mod download", "apt-get install").
func commandTitle(c *dockerfile.Command) string {
	pc, ok := ClassifyPkg(c)
	if !ok || pc.Sub == nil {
		return cmdHead(c)
	}
	parts := []string{c.Name()}
	for _, w := range c.Argv()[1:] {
		if strings.HasPrefix(w.Value, "-") && !(w.Value == "-m" && strings.HasPrefix(parts[0], "python")) {
			if w.Range == pc.Sub.Range {
				break
			}
			continue
		}
		parts = append(parts, w.Value)
		if w.Range == pc.Sub.Range {
			break
		}
	}
	return strings.Join(parts, " ")
}
