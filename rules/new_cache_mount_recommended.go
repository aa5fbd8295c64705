package rules

import (
	"fmt"
	"path"
	"strings"

	"github.com/layerlint/layerlint/dockerfile"
)

// CacheMountRecommended suggests a BuildKit cache mount for package-manager
// installs and builds, so that rebuilds reuse what they downloaded or
// compiled before instead of starting from nothing.
var CacheMountRecommended = register(&Rule{
	ID:       "CacheMountRecommended",
	Category: CategoryCache,
	Severity: SeverityHint,
	Doc: Doc{
		Title: "Package install or build without a cache mount",
		Description: "When a RUN's layer cache misses (a dependency file changed, the base image moved), the package " +
			"manager starts from an empty cache and downloads or compiles everything again. " +
			"`RUN --mount=type=cache,target=<dir>` keeps that directory in BuildKit's cache between builds and " +
			"out of the image, so a rebuild only fetches what changed, and no cache cleanup is needed to keep " +
			"the layer small. The rule reports installs and builds of apt, apk, pip, uv, poetry, npm, yarn, pnpm, " +
			"go (mod download, get, build, install, test), cargo, maven, gradle, bundler and gem, composer and " +
			"dotnet that run without a cache mount over their cache directory, and proposes the mount with the " +
			"directory of the user the RUN runs as (USER, HOME and variables such as PIP_CACHE_DIR, GOPATH, " +
			"GOCACHE, CARGO_HOME, GRADLE_USER_HOME, NUGET_PACKAGES or COMPOSER_HOME are followed). It runs when the " +
			"file can use mounts: a `# syntax=` directive of docker/dockerfile 1.2 or later, or no directive " +
			"(Docker Engine 23 and later build with BuildKit; SyntaxDirectiveTooOld asks for the directive). " +
			"The fix is applied automatically only when it is clearly right: the RUN runs as root with a known " +
			"home, the directory is certain, and, for caches that later steps read (the go module cache, cargo's " +
			"registry, ~/.m2, ~/.gradle, the pnpm store, NuGet packages, apk's index), no other RUN of the stage " +
			"uses the same cache without the mount. A flag that turns the cache off (`pip --no-cache-dir`, " +
			"`uv --no-cache`) is removed by the same fix, since the mount keeps the cache out of the image. " +
			"apt needs `--mount=type=cache,target=/var/cache/apt,sharing=locked " +
			"--mount=type=cache,target=/var/lib/apt,sharing=locked`; on Debian and Ubuntu images the file " +
			"/etc/apt/apt.conf.d/docker-clean deletes downloaded packages after every install, so also run " +
			"`rm -f /etc/apt/apt.conf.d/docker-clean` (and keep packages with " +
			"`echo 'Binary::apt::APT::Keep-Downloaded-Packages \"true\";' > /etc/apt/apt.conf.d/keep-cache`) in " +
			"an earlier RUN. The apt fix is never applied automatically: a RUN that relies on package lists from " +
			"an earlier layer would see an empty /var/lib/apt, and apt's record of automatically installed " +
			"packages (/var/lib/apt/extended_states) would be kept in the cache instead of the image. A user " +
			"other than root needs `uid=` on the mount to write to it. apt installs are reported only with the " +
			"option `apt: true`, for these reasons.",
		Options: map[string]any{"apt": true},
		Bad: "# syntax=docker/dockerfile:1\n" +
			"FROM python:3.12-slim\n" +
			"COPY requirements.txt .\n" +
			"RUN pip install -r requirements.txt\n",
		Good: "# syntax=docker/dockerfile:1\n" +
			"FROM python:3.12-slim\n" +
			"COPY requirements.txt .\n" +
			"RUN --mount=type=cache,target=/root/.cache/pip pip install -r requirements.txt\n",
	},
	Run: runCacheMountRecommended,
})

// aptOptIn reads the rule's "apt" option: apt installs are reported only
// when it is true, because the apt mounts are never a safe automatic fix and
// apt installs are everywhere (1,300 of the rule's 1,900 corpus findings).
func aptOptIn(p *Pass) bool {
	v, ok := p.Option("apt")
	b, isBool := v.(bool)
	return ok && isBool && b
}

// cacheTool is a package manager or build tool whose cache a mount can hold.
type cacheTool string

const (
	toolApt      cacheTool = "apt"
	toolApk      cacheTool = "apk"
	toolPip      cacheTool = "pip"
	toolUv       cacheTool = "uv"
	toolPoetry   cacheTool = "poetry"
	toolNpm      cacheTool = "npm"
	toolYarn     cacheTool = "yarn"
	toolPnpm     cacheTool = "pnpm"
	toolGoMod    cacheTool = "go-mod" // go mod download, go get
	toolGoBuild  cacheTool = "go"     // go build/install/test/run: modules and build cache
	toolCargo    cacheTool = "cargo"
	toolMaven    cacheTool = "maven"
	toolGradle   cacheTool = "gradle"
	toolBundler  cacheTool = "bundler"
	toolComposer cacheTool = "composer"
	toolDotnet   cacheTool = "dotnet"
)

// sharedCaches are read by later steps (an offline build, a later install),
// so mounting them in one RUN only is unsafe when another RUN uses them.
var sharedCaches = map[cacheTool]bool{
	toolApt: true, toolApk: true, toolPnpm: true, toolGoMod: true, toolGoBuild: true, toolCargo: true,
	toolMaven: true, toolGradle: true, toolDotnet: true,
}

// cacheUse is one command of a RUN that fills a cache.
type cacheUse struct {
	tool cacheTool
	cmd  *dockerfile.Command
	// off is the word that turns the cache off (--no-cache-dir), when any
	off *dockerfile.Word
}

// classifyCacheUse returns what cache c fills, or ok=false.
func classifyCacheUse(c *dockerfile.Command) (cacheUse, bool) {
	name := c.Name()
	argv := c.Argv()
	u := cacheUse{cmd: c}
	offFlag := func(flags ...string) {
		for i := range argv {
			for _, fl := range flags {
				if argv[i].Value == fl {
					w := argv[i]
					u.off = &w
				}
			}
		}
	}
	switch name {
	case "mvn", "mvnw", "gradle", "gradlew":
		for _, w := range c.Operands("-f", "--file", "-s", "--settings", "-P", "-pl", "--projects", "-T", "-p",
			"--project-dir", "-b", "--build-file", "-x", "--exclude-task", "-g", "--gradle-user-home", "-D") {
			if !strings.HasPrefix(w.Value, "-") {
				u.tool = toolMaven
				if strings.HasPrefix(name, "gradle") {
					u.tool = toolGradle
				}
				return u, true
			}
		}
		return u, false
	case "go":
		switch c.Sub("-C") {
		case "build", "install", "test", "run", "vet", "generate":
			u.tool = toolGoBuild
			return u, true
		}
	case "cargo":
		switch c.Sub() {
		case "build", "install", "test", "run", "check", "fetch", "doc", "bench":
			u.tool = toolCargo
			return u, true
		}
	case "dotnet":
		switch c.Sub(optsWithValue["dotnet"]...) {
		case "restore", "build", "publish", "test", "pack", "run":
			if c.Sub(optsWithValue["dotnet"]...) != "restore" && c.Has("--no-restore") {
				return u, false
			}
			u.tool = toolDotnet
			return u, true
		}
	}
	pc, ok := ClassifyPkg(c)
	if !ok || pc.Action != PkgInstall && pc.Action != PkgUpdate {
		return u, false
	}
	// a bare `yarn` or `bundle` is an install, unless it only prints
	if pc.Sub == nil && c.Has("--version", "-v", "-V", "--help", "-h", "version", "help") {
		return u, false
	}
	switch pc.Manager {
	case MgrApt:
		if pc.Action == PkgUpdate || pc.Sub != nil && pc.Sub.Value != "update" {
			u.tool = toolApt
			return u, true
		}
	case MgrApk:
		if c.Has("--no-cache") {
			return u, false // apk keeps nothing: the canonical small install
		}
		u.tool = toolApk
		return u, true
	case MgrPip:
		if pc.Action != PkgInstall || onlyPipTooling(c) {
			return u, false
		}
		u.tool = toolPip
		offFlag("--no-cache-dir", "--no-cache")
		return u, true
	case MgrUv:
		u.tool = toolUv
		offFlag("--no-cache", "-n")
		return u, true
	case MgrPoetry:
		u.tool = toolPoetry
		offFlag("--no-cache")
		return u, true
	case MgrNpm:
		u.tool = toolNpm
		return u, true
	case MgrYarn:
		if pc.Action == PkgInstall {
			u.tool = toolYarn
			return u, true
		}
	case MgrPnpm:
		u.tool = toolPnpm
		return u, true
	case MgrGo:
		u.tool = toolGoMod
		return u, true
	case MgrCargo:
		u.tool = toolCargo
		return u, true
	case MgrBundle, MgrGem:
		u.tool = toolBundler
		return u, true
	case MgrComposer:
		u.tool = toolComposer
		offFlag("--no-cache")
		return u, true
	case MgrDotnet:
		u.tool = toolDotnet
		return u, true
	case MgrMaven:
		u.tool = toolMaven
		return u, true
	case MgrGradle:
		u.tool = toolGradle
		return u, true
	}
	return u, false
}

// onlyPipTooling reports `pip install --upgrade pip setuptools wheel`: a few
// small wheels, not worth a mount.
func onlyPipTooling(c *dockerfile.Command) bool {
	ops := c.Operands(optsWithValue["pip"]...)
	for i, o := range ops {
		if o.Value == "install" {
			ops = ops[i+1:]
			break
		}
	}
	n := 0
	for _, o := range ops {
		v := strings.ToLower(o.Value)
		base := strings.FieldsFunc(v, func(r rune) bool { return strings.ContainsRune("=<>!~[", r) })
		if len(base) == 0 {
			continue
		}
		switch base[0] {
		case "pip", "setuptools", "wheel":
			n++
			continue
		}
		return false
	}
	return n > 0 && !c.HasPrefix("-r", "--requirement", "-e", "--editable")
}

// cacheTarget is one directory to mount.
type cacheTarget struct {
	dir     string
	sharing string // "locked" for apt and apk
}

// mountPlan is the mount a finding proposes, and whether applying it is safe.
type mountPlan struct {
	targets []cacheTarget
	safe    bool
	why     string // why the fix is not safe, for the message
	noFix   bool   // a directory is unknown ("~/.npm"): no edit can be proposed
}

func runCacheMountRecommended(p *Pass) {
	f := p.File
	if !mountsAllowed(f) {
		return
	}
	for _, in := range f.Instructions {
		if in.Keyword != "run" || in.Run == nil || in.Stage == nil || windowsImage(rootBase(in.Stage)) {
			continue
		}
		if in.Run.Kind != dockerfile.ShellPOSIX && in.Run.Kind != dockerfile.ShellExec {
			continue
		}
		// one finding per tool and RUN, on its first command; a go build
		// next to a go mod download needs both caches in one finding
		var uses []cacheUse
		building := false
		for _, c := range in.Run.Commands {
			if u, ok := classifyCacheUse(c); ok {
				uses = append(uses, u)
				building = building || u.tool == toolGoBuild
			}
		}
		seen := map[cacheTool]bool{}
		for _, u := range uses {
			if u.tool == toolGoMod && building {
				u.tool = toolGoBuild
			}
			if seen[u.tool] {
				continue
			}
			seen[u.tool] = true
			if u.tool == toolApt && !aptOptIn(p) {
				continue // apt is opt-in: the mount changes what the image records (see the doc)
			}
			if disabledByEnv(f, in, u) {
				continue
			}
			plan := planMount(f, in, u)
			if len(plan.targets) == 0 {
				continue
			}
			missing := unmounted(f, in, plan.targets)
			if len(missing) == 0 {
				continue
			}
			plan.targets = missing
			reportCacheMount(p, in, u, plan)
		}
	}
}

// mountsAllowed reports whether the file's syntax has RUN --mount: no syntax
// directive (modern builders default to BuildKit), or docker/dockerfile 1.2
// or later (1.0 in the experimental and labs channels).
func mountsAllowed(f *dockerfile.File) bool {
	for _, d := range f.Directives {
		if d.Name != "syntax" {
			continue
		}
		sd, ok := parseSyntaxDirective(d)
		if !ok {
			return false // another frontend: its features are unknown
		}
		if sd.labs {
			return !sd.version.less(featMount.labs)
		}
		return !sd.version.less(featMount.stable)
	}
	return true
}

// disabledByEnv reports a cache turned off for the whole environment
// (PIP_NO_CACHE_DIR, UV_NO_CACHE): the user chose no cache on purpose.
func disabledByEnv(f *dockerfile.File, in *dockerfile.Instruction, u cacheUse) bool {
	name := map[cacheTool]string{toolPip: "PIP_NO_CACHE_DIR", toolUv: "UV_NO_CACHE", toolPoetry: "POETRY_NO_CACHE"}[u.tool]
	if name == "" {
		return false
	}
	_, set := varAt(f, in, u.cmd, name)
	return set
}

// planMount works out the directories to mount for u and whether the fix
// may be applied without review.
func planMount(f *dockerfile.File, in *dockerfile.Instruction, u cacheUse) mountPlan {
	user := userAt(f, in)
	c := u.cmd
	plan := mountPlan{safe: true}
	unsafe := func(why string) {
		if plan.safe {
			plan.safe, plan.why = false, why
		}
	}
	if !user.Known || !user.Root {
		unsafe("the RUN does not run as root, so the mount needs uid= and the home directory may differ")
	}
	home := user.Home
	if home == "" {
		// a guess for a named user; "~" (no fix) when nothing is known
		home = "/home/" + strings.SplitN(user.Name, ":", 2)[0]
		if user.UID != "" || user.Name == "" || strings.Contains(user.Name, "$") || strings.HasPrefix(user.Name, "(") {
			home = "~"
		}
	}
	// env returns a literal absolute directory from a variable or flag
	env := func(name string) (string, bool) {
		v, ok := varAt(f, in, c, name)
		if !ok || !isAbsLiteral(v) {
			return "", false
		}
		return strings.TrimRight(v, "/"), true
	}
	flagDir := func(flags ...string) (string, bool) {
		argv := c.Argv()
		for i, w := range argv {
			for _, fl := range flags {
				v := ""
				if w.Value == fl && i+1 < len(argv) {
					v = argv[i+1].Value
				} else if s, ok := strings.CutPrefix(w.Value, fl+"="); ok {
					v = s
				}
				if v != "" {
					if isAbsLiteral(v) {
						return strings.TrimRight(v, "/"), true
					}
					unsafe("the cache directory is set by a flag the rule cannot resolve")
				}
			}
		}
		return "", false
	}
	image := imageName(rootBase(in.Stage))
	// official reports a base image of the official name (golang, rust, ...)
	official := func(name string) bool { return image == name || strings.HasSuffix(image, "/"+name) }
	add := func(dir, sharing string) {
		if strings.HasPrefix(dir, "~") {
			unsafe("the home directory is unknown")
			plan.noFix = true
			plan.targets = append(plan.targets, cacheTarget{dir: dir, sharing: sharing})
			return
		}
		plan.targets = append(plan.targets, cacheTarget{dir: path.Clean(dir), sharing: sharing})
	}
	// A tool's cache directory comes from the first of its flags and
	// variables that names one (the later ones are not consulted), else
	// from its default.
	type source func() (string, bool)
	fromFlag := func(flags ...string) source { return func() (string, bool) { return flagDir(flags...) } }
	fromEnv := func(name string) source { return func() (string, bool) { return env(name) } }
	under := func(src source, sub string) source {
		return func() (string, bool) { d, ok := src(); return d + sub, ok }
	}
	dirOr := func(def string, sources ...source) string {
		for _, src := range sources {
			if d, ok := src(); ok {
				return d
			}
		}
		return def
	}
	switch u.tool {
	case toolApt:
		add("/var/cache/apt", "locked")
		add("/var/lib/apt", "locked")
		unsafe("apt's cache mounts hide package lists and installed-package records of earlier layers")
	case toolApk:
		add("/var/cache/apk", "locked")
		if !apkFetchesIndex(in.Run, c) {
			unsafe("the install reads the package index an earlier layer downloaded, which the mount would hide")
		}
	case toolPip:
		add(dirOr(home+"/.cache/pip", fromFlag("--cache-dir"), fromEnv("PIP_CACHE_DIR")), "")
	case toolUv:
		add(dirOr(home+"/.cache/uv", fromFlag("--cache-dir"), fromEnv("UV_CACHE_DIR")), "")
	case toolPoetry:
		add(dirOr(home+"/.cache/pypoetry", fromEnv("POETRY_CACHE_DIR")), "")
	case toolNpm:
		add(dirOr(home+"/.npm", fromFlag("--cache"), fromEnv("npm_config_cache"), fromEnv("NPM_CONFIG_CACHE")), "")
	case toolYarn:
		if yarnBerry(f, in, c) {
			add(home+"/.yarn/berry/cache", "")
			unsafe("Yarn 2 and later keep their cache where .yarnrc.yml says")
			break
		}
		def := home + "/.cache/yarn"
		if user.Root && user.Known {
			def = "/usr/local/share/.cache/yarn"
		}
		add(dirOr(def, fromFlag("--cache-folder"), fromEnv("YARN_CACHE_FOLDER")), "")
	case toolPnpm:
		add(dirOr(home+"/.local/share/pnpm/store", fromFlag("--store-dir"), fromEnv("npm_config_store_dir"), under(fromEnv("PNPM_HOME"), "/store")), "")
	case toolGoMod, toolGoBuild:
		def := home + "/go/pkg/mod"
		if official("golang") {
			def = "/go/pkg/mod"
		}
		gopath := func() (string, bool) { d, ok := env("GOPATH"); return strings.SplitN(d, ":", 2)[0] + "/pkg/mod", ok }
		add(dirOr(def, fromEnv("GOMODCACHE"), gopath), "")
		if u.tool == toolGoBuild {
			add(dirOr(home+"/.cache/go-build", fromEnv("GOCACHE")), "")
		}
	case toolCargo:
		def := home + "/.cargo"
		if official("rust") {
			def = "/usr/local/cargo"
		}
		cargoHome := dirOr(def, fromEnv("CARGO_HOME"))
		add(cargoHome+"/registry", "")
		add(cargoHome+"/git", "")
	case toolMaven:
		repo := home + "/.m2/repository"
		for _, w := range c.Argv() {
			if v, ok := strings.CutPrefix(w.Value, "-Dmaven.repo.local="); ok {
				if isAbsLiteral(v) {
					repo = v
				} else {
					unsafe("the local repository is set by a flag the rule cannot resolve")
				}
			}
		}
		add(repo, "")
	case toolGradle:
		gh := dirOr(home+"/.gradle", fromFlag("-g", "--gradle-user-home"), fromEnv("GRADLE_USER_HOME"))
		add(gh+"/caches", "")
		if strings.HasPrefix(c.Name(), "gradlew") {
			add(gh+"/wrapper", "")
		}
	case toolBundler:
		if _, ok := varAt(f, in, c, "BUNDLE_PATH"); ok || c.Has("--path") || c.Has("--deployment") {
			unsafe("BUNDLE_PATH or --path moves the gem cache")
		}
		if d, ok := env("GEM_HOME"); ok {
			add(d+"/cache", "")
		} else {
			add("/usr/local/bundle/cache", "")
			if !official("ruby") {
				unsafe("the gem directory of this base image is unknown")
			}
		}
	case toolComposer:
		switch d := dirOr("", fromEnv("COMPOSER_CACHE_DIR"), under(fromEnv("COMPOSER_HOME"), "/cache")); {
		case d != "":
			add(d, "")
		case official("composer"):
			add("/tmp/cache", "")
		default:
			add(home+"/.composer/cache", "")
			unsafe("composer picks ~/.composer/cache or ~/.cache/composer depending on the system; check `composer config cache-dir`")
		}
	case toolDotnet:
		add(dirOr(home+"/.nuget/packages", fromEnv("NUGET_PACKAGES")), "")
	}
	if sharedCaches[u.tool] && otherUsers(f, in, u.tool) {
		unsafe("another RUN of the stage uses the same cache without the mount")
	}
	return plan
}

// apkFetchesIndex reports an apk add that downloads the index itself
// (--update, -U) or follows an apk update in the same RUN.
func apkFetchesIndex(rb *dockerfile.RunBody, c *dockerfile.Command) bool {
	if c.Has("--update", "-U", "--update-cache") {
		return true
	}
	for _, o := range rb.Commands {
		if o == c {
			break
		}
		if pc, ok := ClassifyPkg(o); ok && pc.Manager == MgrApk && pc.Action == PkgUpdate {
			return true
		}
	}
	return false
}

// yarnBerry reports signs of Yarn 2 or later: corepack, `yarn set version`,
// --immutable, YARN_ settings of Berry, or a .yarnrc.yml copied in.
func yarnBerry(f *dockerfile.File, in *dockerfile.Instruction, c *dockerfile.Command) bool {
	if c.Has("--immutable", "--immutable-cache") {
		return true
	}
	for _, x := range chainInstructions(in.Stage, in) {
		text := f.Text(x.Range)
		if strings.Contains(text, ".yarnrc.yml") || strings.Contains(text, "yarn set version") ||
			strings.Contains(text, "corepack") || strings.Contains(text, "YARN_ENABLE_") || strings.Contains(text, ".yarn/releases") {
			return true
		}
	}
	return strings.Contains(f.Text(in.Range), "corepack")
}

// otherUsers reports another RUN of in's stage, of the stages it builds on or
// of the stages built on it, that uses tool's cache.
func otherUsers(f *dockerfile.File, in *dockerfile.Instruction, tool cacheTool) bool {
	family := map[*dockerfile.Stage]bool{}
	for _, s := range stageChain(in.Stage) {
		family[s] = true
	}
	for _, s := range f.Stages {
		for _, a := range stageChain(s) {
			if a == in.Stage {
				family[s] = true
			}
		}
	}
	same := func(t cacheTool) bool {
		if tool == toolGoMod || tool == toolGoBuild {
			return t == toolGoMod || t == toolGoBuild
		}
		return t == tool
	}
	for _, x := range f.Instructions {
		if x == in || x.Keyword != "run" || x.Run == nil || !family[x.Stage] {
			continue
		}
		for _, c := range x.Run.Commands {
			if u, ok := classifyCacheUse(c); ok && same(u.tool) {
				return true
			}
		}
	}
	return false
}

// unmounted returns the targets no cache or tmpfs mount of in covers.
func unmounted(f *dockerfile.File, in *dockerfile.Instruction, targets []cacheTarget) []cacheTarget {
	var out []cacheTarget
	mounts := mountTargets(f, in)
	for _, t := range targets {
		covered := false
		for _, m := range mounts {
			if sameOrNested(m, t.dir) {
				covered = true
			}
		}
		if !covered {
			out = append(out, t)
		}
	}
	return out
}

// mountTargets returns the targets of in's cache and tmpfs mounts, variables
// expanded where known.
func mountTargets(f *dockerfile.File, in *dockerfile.Instruction) []string {
	var out []string
	for _, v := range in.FlagValues("mount") {
		typ, target := "bind", ""
		for _, kv := range strings.Split(v, ",") {
			k, val, _ := strings.Cut(strings.TrimSpace(kv), "=")
			switch strings.ToLower(k) {
			case "type":
				typ = strings.ToLower(val)
			case "target", "dst", "destination":
				target = val
			}
		}
		if (typ == "cache" || typ == "tmpfs") && target != "" {
			out = append(out, expandKnownVars(f, in, target))
		}
	}
	return out
}

// sameOrNested reports a mount target m that is dir, contains it, or lies
// inside it. A target with an unknown variable matches by the path after it
// ("$HOME/.cache/pip" matches "/root/.cache/pip").
func sameOrNested(m, dir string) bool {
	m = strings.TrimRight(m, "/")
	if i := strings.LastIndex(m, "}"); strings.Contains(m, "$") {
		tail := m
		if i >= 0 {
			tail = m[i+1:]
		} else if j := strings.Index(m[1:], "/"); j >= 0 {
			tail = m[j+1:]
		}
		return tail != "" && strings.HasSuffix(dir, tail)
	}
	m = path.Clean(m)
	return m == dir || strings.HasPrefix(dir, m+"/") || strings.HasPrefix(m, dir+"/")
}

func reportCacheMount(p *Pass, in *dockerfile.Instruction, u cacheUse, plan mountPlan) {
	f := p.File
	user := userAt(f, in)
	var flags []string
	var dirs []string
	for _, t := range plan.targets {
		// an unknown home reads as a placeholder the user fills in
		fl := "--mount=type=cache,target=" + strings.Replace(t.dir, "~", "<home>", 1)
		if t.sharing != "" {
			fl += ",sharing=" + t.sharing
		}
		if !user.Root && user.UID != "" {
			fl += ",uid=" + user.UID
		}
		flags = append(flags, fl)
		dirs = append(dirs, t.dir)
	}
	label := commandTitle(u.cmd)
	msg := fmt.Sprintf("'%s' has no cache mount for %s; add %s so rebuilds reuse what it downloaded",
		label, strings.Join(dirs, " and "), strings.Join(flags, " "))
	if u.tool == toolGoBuild || u.tool == toolCargo || u.tool == toolGradle || u.tool == toolMaven || u.tool == toolDotnet {
		msg = fmt.Sprintf("'%s' has no cache mount for %s; add %s so rebuilds reuse downloads and build results",
			label, strings.Join(dirs, " and "), strings.Join(flags, " "))
	}
	edits := []Edit{{
		Range:   dockerfile.Range{Start: in.KeywordRange.End, End: in.KeywordRange.End},
		NewText: " " + strings.Join(flags, " "),
	}}
	safe := plan.safe
	if u.off != nil {
		// the flag that turned the cache off is pointless with the mount
		if e, ok := removeWord(f, in, *u.off); ok {
			edits = append(edits, e)
		} else {
			safe = false
		}
	}
	if u.off == nil && cleanedByOtherRule(u.tool) {
		// PackageCacheNotCleaned's safe fix turns this cache off
		// (--no-cache-dir, a cache clean); applying both would mount a cache
		// nothing uses, so this one waits for a person to choose
		safe = false
		if plan.why == "" {
			plan.why = "PackageCacheNotCleaned offers to turn this cache off instead"
		}
	}
	title := "Add a cache mount for " + label
	if !safe && plan.why != "" {
		title += " (review: " + plan.why + ")"
	}
	d := Diagnostic{Range: argvRange(u.cmd), Message: msg}
	if !plan.noFix {
		d.Fixes = []Fix{{Title: title, Safe: safe, Edits: edits}}
	}
	p.Report(d)
}

// removeWord deletes a literal option word and the blank before it, when the
// text is exactly the word on the RUN's line.
func removeWord(f *dockerfile.File, in *dockerfile.Instruction, w dockerfile.Word) (Edit, bool) {
	if !w.Literal || f.Text(w.Range) != w.Value || in.JSONForm {
		return Edit{}, false
	}
	start := w.Range.Start
	for start > 0 && (f.Src[start-1] == ' ' || f.Src[start-1] == '\t') {
		start--
	}
	if start == w.Range.Start || start < in.ArgsRange.Start && len(in.Heredocs) == 0 {
		return Edit{}, false
	}
	return Edit{Range: dockerfile.Range{Start: start, End: w.Range.End}}, true
}

// windowsImage reports Windows base images, whose paths and shells differ.
func windowsImage(ref string) bool {
	l := strings.ToLower(ref)
	for _, w := range []string{"windows", "nanoserver", "servercore", "dotnet/framework", "ltsc20"} {
		if strings.Contains(l, w) {
			return true
		}
	}
	return false
}

// cleanedByOtherRule: tools whose cache PackageCacheNotCleaned removes or
// turns off with a safe fix of its own.
func cleanedByOtherRule(t cacheTool) bool {
	switch t {
	case toolPip, toolNpm, toolYarn, toolApk:
		return true
	}
	return false
}
