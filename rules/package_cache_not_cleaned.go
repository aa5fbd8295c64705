package rules

import (
	"fmt"
	"path"
	"regexp"
	"strings"
	"sync"

	"github.com/layerlint/layerlint/dockerfile"
	"github.com/moby/buildkit/frontend/dockerfile/instructions"
)

// PackageCacheNotCleaned reports package installs whose download cache stays
// in the RUN's layer: no cache-avoiding flag, no cleanup later in the same
// RUN and no cache mount over the cache directory.
var PackageCacheNotCleaned = register(&Rule{
	ID: "PackageCacheNotCleaned",
	// each finding carries the code of its package manager
	Aliases:  []string{"DL3009", "DL3019", "DL3042", "DL3032", "DL3040", "DL3036", "DL3060"},
	Category: CategorySize,
	Severity: SeverityWarning,
	Doc: Doc{
		Title: "Package manager cache left in the image layer",
		Description: "Package managers keep what they download: apt its package lists in /var/lib/apt/lists, " +
			"apk its index in /var/cache/apk, pip the wheels in ~/.cache/pip, yum, dnf and zypper their " +
			"metadata and packages under /var/cache, yarn and npm every tarball they fetched. Nothing in the " +
			"image reads these files again, yet they are stored in the layer of the RUN that wrote them, " +
			"from a few megabytes (apk's index) to tens of megabytes (apt's lists) or more (pip's wheels). Removing them in a later RUN does not help: the bytes " +
			"stay in the earlier layer and the later one only hides them. Skip the cache " +
			"(`apk add --no-cache`, `pip install --no-cache-dir`; after `apk update` the flag is not enough), " +
			"remove it at the end of the same RUN " +
			"(`rm -rf /var/lib/apt/lists/*`, `yum clean all`, `npm cache clean --force`), or keep it out of " +
			"the layer with `RUN --mount=type=cache` on its directory, which also speeds up rebuilds. " +
			"Stages that are only copied from are not checked: their layers never reach the image.",
		Bad: "FROM python:3.12-slim\n" +
			"RUN apt-get update && apt-get install -y --no-install-recommends gcc\n" +
			"RUN pip install -r requirements.txt\n",
		Good: "FROM python:3.12-slim\n" +
			"RUN apt-get update && apt-get install -y --no-install-recommends gcc \\\n" +
			"    && rm -rf /var/lib/apt/lists/*\n" +
			"RUN pip install --no-cache-dir -r requirements.txt\n",
	},
	Run: runPackageCacheNotCleaned,
})

func runPackageCacheNotCleaned(p *Pass) {
	for _, in := range p.File.Instructions {
		run := in
		if in.Onbuild != nil {
			run = in.Onbuild
		}
		// only RUNs whose commands are known
		if run.Keyword != "run" || run.Run == nil || len(run.Run.Commands) == 0 {
			continue
		}
		// only stages whose layers reach the final image
		if in.Stage == nil || !in.Stage.InImage {
			continue
		}
		c := &cacheCheck{p: p, at: in, run: run, rb: run.Run}
		c.classify()
		c.apt()
		if !c.apkUpdate() {
			c.perCommand(cacheApk)
		}
		c.perCommand(cachePip)
		for _, k := range []*pkgCache{cacheRpm, cacheZypper, cacheYarn, cacheNpm} {
			c.grouped(k)
		}
	}
}

// pkgCache describes one package manager's download cache and how a RUN
// avoids or removes it.
type pkgCache struct {
	alias string // the hadolint code; "" when there is none
	// dirs are the cache directories; "~/" stands for any home directory
	dirs []string
	// what names the cache in messages
	what string
	// flag, when set, is an install flag that skips the cache: the fix adds it
	flag string
	// cleanup is the command the fix appends to the RUN
	cleanup string
	// cleans recognizes a command, besides rm, that empties the cache
	cleans func(c *dockerfile.Command, pc PkgCmd, ok bool) bool
	// dirCmd is a command that prints the cache directory, as in
	// rm -rf "$(yarn cache dir)"
	dirCmd string
	// configured returns cache directories set by flags or variables
	configured func(cc *cacheCheck, c *dockerfile.Command) []string
}

var (
	cacheApt = &pkgCache{
		alias:   "DL3009",
		dirs:    []string{"/var/lib/apt/lists"},
		what:    "/var/lib/apt/lists",
		cleanup: "rm -rf /var/lib/apt/lists/*",
		// apt 2.7.8 and later: clean plus the lists
		cleans: func(_ *dockerfile.Command, pc PkgCmd, ok bool) bool {
			return ok && pc.Manager == MgrApt && pc.Action == PkgClean && pc.Sub != nil &&
				(pc.Sub.Value == "dist-clean" || pc.Sub.Value == "distclean")
		},
	}
	cacheApk = &pkgCache{
		alias: "DL3019",
		dirs:  []string{"/var/cache/apk", "/etc/apk/cache"},
		what:  "/var/cache/apk",
		flag:  "--no-cache",
		// after an apk update, which --no-cache does not undo
		cleanup: "rm -rf /var/cache/apk/*",
	}
	cachePip = &pkgCache{
		alias: "DL3042",
		dirs:  []string{"~/.cache/pip"},
		what:  "~/.cache/pip",
		flag:  "--no-cache-dir",
		cleans: func(c *dockerfile.Command, _ PkgCmd, _ bool) bool {
			ops := pipOperands(c)
			return len(ops) >= 2 && ops[0].Value == "cache" && ops[1].Value == "purge"
		},
		dirCmd: "pip cache dir",
		configured: func(cc *cacheCheck, c *dockerfile.Command) []string {
			return cc.configuredDirs(c, "PIP_CACHE_DIR", "--cache-dir")
		},
	}
	cacheRpm = &pkgCache{
		dirs: []string{"/var/cache/yum", "/var/cache/dnf", "/var/cache/libdnf5", "/var/cache/tdnf"},
		cleans: func(c *dockerfile.Command, pc PkgCmd, ok bool) bool {
			if !ok || pc.Action != PkgClean || (pc.Manager != MgrYum && pc.Manager != MgrDnf && pc.Manager != MgrMicrodnf) {
				return false
			}
			for _, w := range c.Operands(optsWithValue[c.Name()]...) {
				if w.Value == "all" {
					return true
				}
			}
			return false
		},
	}
	cacheZypper = &pkgCache{
		alias:   "DL3036",
		dirs:    []string{"/var/cache/zypp"},
		what:    "/var/cache/zypp",
		cleanup: "zypper clean --all",
		cleans: func(_ *dockerfile.Command, pc PkgCmd, ok bool) bool {
			return ok && pc.Manager == MgrZypper && pc.Action == PkgClean
		},
	}
	cacheYarn = &pkgCache{
		alias:   "DL3060",
		dirs:    []string{"~/.cache/yarn", "/usr/local/share/.cache/yarn", "~/.yarn/berry/cache"},
		what:    "the yarn cache",
		cleanup: "yarn cache clean",
		cleans: func(c *dockerfile.Command, pc PkgCmd, ok bool) bool {
			if !ok || pc.Manager != MgrYarn || pc.Action != PkgClean {
				return false
			}
			ops := c.Operands(optsWithValue["yarn"]...)
			return len(ops) >= 2 && ops[1].Value == "clean"
		},
		dirCmd: "yarn cache dir",
		configured: func(cc *cacheCheck, c *dockerfile.Command) []string {
			return cc.configuredDirs(c, "YARN_CACHE_FOLDER", "--cache-folder")
		},
	}
	cacheNpm = &pkgCache{
		dirs:    []string{"~/.npm"},
		what:    "~/.npm",
		cleanup: "npm cache clean --force",
		cleans: func(c *dockerfile.Command, _ PkgCmd, _ bool) bool {
			if c.Name() != "npm" {
				return false
			}
			// npm before version 5 cleaned without --force; later ones
			// refuse and fail the build, so either form means a clean cache
			ops := c.Operands(optsWithValue["npm"]...)
			return len(ops) >= 2 && ops[0].Value == "cache" && (ops[1].Value == "clean" || ops[1].Value == "clear" || ops[1].Value == "rm")
		},
		dirCmd: "npm config get cache",
		configured: func(cc *cacheCheck, c *dockerfile.Command) []string {
			return cc.configuredDirs(c, "npm_config_cache", "--cache")
		},
	}
)

// cacheKind returns the cache an install or clean command uses, or nil.
func cacheKind(pc PkgCmd) *pkgCache {
	switch pc.Manager {
	case MgrApt:
		return cacheApt
	case MgrApk:
		return cacheApk
	case MgrPip:
		return cachePip
	case MgrYum, MgrDnf, MgrMicrodnf:
		return cacheRpm
	case MgrZypper:
		return cacheZypper
	case MgrYarn:
		return cacheYarn
	case MgrNpm:
		return cacheNpm
	}
	return nil
}

// cacheCheck holds one RUN while its installs are checked.
type cacheCheck struct {
	p   *Pass
	at  *dockerfile.Instruction // the instruction (ONBUILD for ONBUILD RUN)
	run *dockerfile.Instruction // the RUN itself
	rb  *dockerfile.RunBody
	pcs []PkgCmd // per command; Cmd is nil for other commands
}

func (cc *cacheCheck) classify() {
	cc.pcs = make([]PkgCmd, len(cc.rb.Commands))
	for i, c := range cc.rb.Commands {
		if pc, ok := ClassifyPkg(c); ok {
			cc.pcs[i] = pc
		}
	}
}

// cleanedAfter reports a command after index i that removes k's cache,
// extra being more cache directories in use.
func (cc *cacheCheck) cleanedAfter(i int, k *pkgCache, extra []string) bool {
	for j := i + 1; j < len(cc.rb.Commands); j++ {
		if cc.cleans(j, cc.rb.Commands[j], k, extra) {
			return true
		}
	}
	return false
}

// cleans reports whether command j, c, empties k's cache.
func (cc *cacheCheck) cleans(j int, c *dockerfile.Command, k *pkgCache, extra []string) bool {
	if k.cleans != nil && k.cleans(c, cc.pcs[j], cc.pcs[j].Cmd != nil) {
		return true
	}
	return removes(cc.p.File, c, append(append([]string(nil), k.dirs...), extra...), k.dirCmd)
}

// removes reports an rm (or find -delete) of one of dirs.
func removes(f *dockerfile.File, c *dockerfile.Command, dirs []string, dirCmd string) bool {
	var targets []dockerfile.Word
	switch c.Name() {
	case "rm":
		targets = c.Operands()
	case "find":
		if c.Has("-delete") || c.Has("-exec") {
			if ops := c.Argv(); len(ops) > 1 {
				targets = ops[1:2]
			}
		}
	}
	for _, w := range targets {
		if dirCmd != "" && strings.Contains(f.Text(w.Range), dirCmd) {
			return true
		}
		for _, p := range expandBraces(w.Value) {
			// a glob over the directory's files ("lists/*_*") empties it too
			if base := path.Base(p); strings.ContainsAny(base, "*?[") {
				p = path.Dir(p)
			}
			for _, d := range dirs {
				if pathCovers(p, d) {
					return true
				}
			}
		}
	}
	return false
}

// expandBraces expands shell brace lists: "/var/lib/{apt,dpkg}/" gives
// "/var/lib/apt/" and "/var/lib/dpkg/".
func expandBraces(s string) []string {
	open := strings.IndexByte(s, '{')
	if open < 0 {
		return []string{s}
	}
	end := strings.IndexByte(s[open:], '}')
	if end < 0 {
		return []string{s}
	}
	end += open
	inner := s[open+1 : end]
	if !strings.Contains(inner, ",") || strings.Contains(inner, "{") {
		return []string{s}
	}
	var out []string
	for _, alt := range strings.Split(inner, ",") {
		for _, rest := range expandBraces(s[end+1:]) {
			out = append(out, s[:open]+alt+rest)
		}
	}
	return out
}

// mounted reports a cache or tmpfs mount over one of dirs.
func (cc *cacheCheck) mounted(dirs []string) bool {
	for _, t := range scratchMounts(cc.run) {
		for _, d := range dirs {
			if pathCovers(t, d) {
				return true
			}
		}
	}
	return false
}

// scratchMounts returns the targets of the RUN's cache and tmpfs mounts: what
// is written there never reaches the layer. RunBody.Mounts holds them with
// ARG/ENV expanded; the --mount flags are read directly when the model could
// not parse them.
func scratchMounts(in *dockerfile.Instruction) []string {
	scratch := func(typ string) bool {
		return typ == string(instructions.MountTypeCache) || typ == string(instructions.MountTypeTmpfs)
	}
	var targets []string
	parsed := false
	for _, m := range in.Run.Mounts {
		if m != nil && m.Target != "" {
			parsed = true
			if scratch(string(m.Type)) {
				targets = append(targets, m.Target)
			}
		}
	}
	if parsed {
		return targets
	}
	for _, v := range in.FlagValues("mount") {
		fields, err := mountFields(v)
		if err != nil {
			continue
		}
		typ, target := "bind", ""
		for _, fl := range fields {
			k, val, _ := strings.Cut(fl, "=")
			switch strings.ToLower(strings.TrimSpace(k)) {
			case "type":
				typ = strings.ToLower(val)
			case "target", "dst", "destination":
				target = val
			}
		}
		if scratch(typ) && target != "" {
			targets = append(targets, target)
		}
	}
	return targets
}

// configuredDirs returns the cache directory set for c by the variable env
// (ENV/ARG, an inline assignment or an earlier export) or the option flag.
func (cc *cacheCheck) configuredDirs(c *dockerfile.Command, env, flag string) []string {
	var dirs []string
	if v, ok := cc.envValue(c, env); ok && v != "" {
		dirs = append(dirs, v)
	}
	argv := c.Argv()
	for i, w := range argv {
		if w.Value == flag && i+1 < len(argv) {
			dirs = append(dirs, argv[i+1].Value)
		} else if v, ok := strings.CutPrefix(w.Value, flag+"="); ok {
			dirs = append(dirs, v)
		}
	}
	return dirs
}

// envValue finds the value of variable name as c sees it: an inline
// NAME=value prefix (or env wrapper), an export earlier in the RUN, or an
// ENV/ARG visible at the instruction.
func (cc *cacheCheck) envValue(c *dockerfile.Command, name string) (string, bool) {
	if v, ok := inlineVar(c, name); ok {
		return v, true
	}
	if c.Range.Start > cc.rb.Script.Start && c.Range.Start <= len(cc.p.File.Src) {
		before := string(cc.p.File.Src[cc.rb.Script.Start:c.Range.Start])
		if m := exportRE(name).FindAllStringSubmatch(before, -1); m != nil {
			return trimQuotes(m[len(m)-1][1]), true
		}
	}
	if v, ok := cc.p.File.Lookup(cc.at, name); ok && v.HasValue {
		return v.Value, true
	}
	return "", false
}

var exportREs sync.Map // variable name → *regexp.Regexp

// exportRE matches `export ... NAME=value` and captures the value.
func exportRE(name string) *regexp.Regexp {
	if re, ok := exportREs.Load(name); ok {
		return re.(*regexp.Regexp)
	}
	re := regexp.MustCompile(`\bexport\s+(?:[^;&|\n]*\s)?` + regexp.QuoteMeta(name) + `=("[^"]*"|'[^']*'|[^\s;&|]*)`)
	exportREs.Store(name, re)
	return re
}

// apt: `apt-get update` writes the package lists into the layer; they must be
// removed after the last update (or be on a cache mount). The finding sits on
// the last install that follows the update, or on the update itself.
func (cc *cacheCheck) apt() {
	update := -1
	for i, pc := range cc.pcs {
		if pc.Cmd != nil && pc.Manager == MgrApt && pc.Action == PkgUpdate {
			update = i
		}
	}
	// only RUNs that download the lists
	if update < 0 || cc.mounted(cacheApt.dirs) || cc.cleanedAfter(update, cacheApt, nil) {
		return
	}
	target := update
	for i := update + 1; i < len(cc.pcs); i++ {
		if pc := cc.pcs[i]; pc.Cmd != nil && pc.Manager == MgrApt && pc.Action == PkgInstall {
			target = i
		}
	}
	// no visible install: a script or helper run later may install and
	// clean up on its own
	if target == update && indexUsedAfter(cc.rb.Commands, update, indexFamily(MgrApt)) {
		return
	}
	up, pc := cc.pcs[update], cc.pcs[target]
	d := Diagnostic{Alias: cacheApt.alias, Range: wordsRange(pc.Cmd)}
	if target == update {
		// the fix belongs to UpdateWithoutInstall: removing the lists here
		// would break the installs of the next RUN
		d.Message = fmt.Sprintf("%s leaves %s in the layer; install in the same RUN, then run '%s'",
			pkgLabel(up), cacheApt.what, cacheApt.cleanup)
	} else {
		d.Message = fmt.Sprintf("%s leaves %s in the layer; add '%s' in the same RUN",
			pkgLabel(pc), cacheApt.what, cacheApt.cleanup)
		d.Related = []Related{{Message: fmt.Sprintf("%s downloads the lists here", pkgLabel(up)), Range: wordsRange(up.Cmd)}}
		d.Fixes = cc.appendFix(cacheApt.cleanup)
	}
	cc.p.Report(d)
}

// apkUpdate handles a RUN whose `apk update` stores the index in
// /var/cache/apk: --no-cache on the adds would not remove it, so the fix
// removes the cache at the end of the RUN. It reports whether it judged the
// RUN's apk commands.
func (cc *cacheCheck) apkUpdate() bool {
	update := -1
	for i, pc := range cc.pcs {
		if pc.Cmd != nil && pc.Manager == MgrApk && pc.Action == PkgUpdate {
			update = i
		}
	}
	if update < 0 || cc.mounted(cacheApk.dirs) || cc.cleanedAfter(update, cacheApk, nil) {
		return false
	}
	// the last add after the update, preferring one without --no-cache
	target, cached := -1, false
	for i := update + 1; i < len(cc.pcs); i++ {
		pc := cc.pcs[i]
		if pc.Cmd == nil || pc.Manager != MgrApk || pc.Action != PkgInstall {
			continue
		}
		withFlag := pc.Cmd.Has(cacheApk.flag) || pc.Cmd.Has("--no-network")
		if !withFlag || !cached {
			target, cached = i, !withFlag
		}
	}
	up := cc.pcs[update]
	d := Diagnostic{Alias: cacheApk.alias}
	switch {
	case target < 0:
		// no install here: the fix belongs to UpdateWithoutInstall, and a
		// script run later may install and clean on its own
		if indexUsedAfter(cc.rb.Commands, update, indexFamily(MgrApk)) {
			return true
		}
		d.Range = wordsRange(up.Cmd)
		d.Message = fmt.Sprintf("%s leaves %s in the layer; install in the same RUN with 'apk add --no-cache' instead",
			pkgLabel(up), cacheApk.what)
	case !cached:
		// every add skips the cache; the update alone fills it
		d.Range = wordsRange(up.Cmd)
		d.Message = fmt.Sprintf("%s leaves %s in the layer; add '%s' in the same RUN, or drop it: 'apk add --no-cache' fetches a fresh index",
			pkgLabel(up), cacheApk.what, cacheApk.cleanup)
		d.Fixes = cc.appendFix(cacheApk.cleanup)
	default:
		pc := cc.pcs[target]
		d.Range = wordsRange(pc.Cmd)
		d.Message = fmt.Sprintf("%s leaves %s in the layer; add '%s' in the same RUN",
			pkgLabel(pc), cacheApk.what, cacheApk.cleanup)
		d.Related = []Related{{Message: fmt.Sprintf("%s downloads the index here", pkgLabel(up)), Range: wordsRange(up.Cmd)}}
		d.Fixes = cc.appendFix(cacheApk.cleanup)
	}
	cc.p.Report(d)
	return true
}

// perCommand checks managers whose fix is a flag on each install (apk, pip).
func (cc *cacheCheck) perCommand(k *pkgCache) {
	for i, pc := range cc.pcs {
		if pc.Cmd == nil || pc.Action != PkgInstall || cacheKind(pc) != k {
			continue
		}
		c := pc.Cmd
		// the flag, or an abbreviation pip accepts ("--no-cache")
		if c.Has(k.flag) || (k == cachePip && c.HasPrefix("--no-cache")) {
			continue
		}
		// apk add --no-network installs from local files and fetches no index
		if k == cacheApk && c.Has("--no-network") {
			continue
		}
		if k == cachePip && cc.pipCacheOff(c) {
			continue
		}
		var extra []string
		if k.configured != nil {
			extra = k.configured(cc, c)
		}
		if cc.mounted(append(append([]string(nil), k.dirs...), extra...)) || cc.cleanedAfter(i, k, extra) {
			continue
		}
		d := Diagnostic{
			Alias:   k.alias,
			Range:   wordsRange(c),
			Message: fmt.Sprintf("%s leaves %s in the layer; add %s", pkgLabel(pc), k.what, k.flag),
		}
		if e, ok := insertAfterWord(cc.p.File, pc.Sub, k.flag); ok {
			// a later --cache-dir would win over the inserted flag
			safe := !(k == cachePip && c.HasPrefix("--cache-dir"))
			d.Fixes = []Fix{{Title: fmt.Sprintf("Add %s to %s", k.flag, pkgLabel(pc)), Safe: safe, Edits: []Edit{e}}}
		}
		cc.p.Report(d)
	}
}

// pipCacheOff reports pip's cache disabled for c by PIP_NO_CACHE_DIR (pip
// turns the cache off for any boolean value, "0" and "false" included) or by
// an earlier `pip config set ... no-cache-dir`.
func (cc *cacheCheck) pipCacheOff(c *dockerfile.Command) bool {
	if v, ok := cc.envValue(c, "PIP_NO_CACHE_DIR"); ok && pipBool(v) {
		return true
	}
	pipConfig := func(c *dockerfile.Command) bool {
		ops := pipOperands(c)
		if len(ops) < 3 || ops[0].Value != "config" {
			return false
		}
		for _, w := range ops[1:] {
			if strings.HasSuffix(w.Value, ".no-cache-dir") {
				return true
			}
		}
		return false
	}
	for _, o := range cc.rb.Commands {
		if o == c {
			break
		}
		if pipConfig(o) {
			return true
		}
	}
	for s := cc.at.Stage; s != nil; s = s.Parent {
		for _, in := range s.Instructions {
			if in.Index >= cc.at.Index || in.Run == nil {
				continue
			}
			for _, o := range in.Run.Commands {
				if pipConfig(o) {
					return true
				}
			}
		}
	}
	return false
}

// pipBool reports a value pip reads as a boolean; an expansion counts as set.
func pipBool(v string) bool {
	switch strings.ToLower(strings.TrimSpace(v)) {
	case "1", "0", "true", "false", "yes", "no", "y", "n", "t", "f", "on", "off":
		return true
	}
	return strings.Contains(v, "$")
}

// pipOperands returns the operands of a pip command (pip, pip3, python -m
// pip), or nil for other commands.
func pipOperands(c *dockerfile.Command) []dockerfile.Word {
	argv := c.Argv()
	name := c.Name()
	switch {
	case name == "pip" || strings.HasPrefix(name, "pip3") || strings.HasPrefix(name, "pip2"):
		argv = argv[1:]
	case strings.HasPrefix(name, "python") && len(argv) >= 3 && argv[1].Value == "-m" && strings.HasPrefix(argv[2].Value, "pip"):
		argv = argv[3:]
	default:
		return nil
	}
	var ops []dockerfile.Word
	for _, w := range argv {
		if !strings.HasPrefix(w.Value, "-") {
			ops = append(ops, w)
		}
	}
	return ops
}

// grouped checks managers whose fix is one cleanup at the end of the RUN
// (yum/dnf, zypper, yarn, npm). Installs after the last cleanup all wait for
// the same missing cleanup: one finding, on the last of them, names the
// others as related locations and carries the single fix.
func (cc *cacheCheck) grouped(k *pkgCache) {
	var installs []int
	var extra []string
	for i, pc := range cc.pcs {
		if pc.Cmd != nil && pc.Action == PkgInstall && cacheKind(pc) == k {
			installs = append(installs, i)
			if k.configured != nil {
				extra = append(extra, k.configured(cc, pc.Cmd)...)
			}
		}
	}
	// only RUNs that install, without a cache mount
	if len(installs) == 0 || cc.mounted(append(append([]string(nil), k.dirs...), extra...)) {
		return
	}
	cleaned := -1
	for j, c := range cc.rb.Commands {
		if cc.cleans(j, c, k, extra) {
			cleaned = j
		}
	}
	var open []int // installs after the last cleanup
	for _, i := range installs {
		if i > cleaned {
			open = append(open, i)
		}
	}
	if len(open) == 0 {
		return
	}
	pc := cc.pcs[open[len(open)-1]]
	alias, what, cleanup := k.alias, k.what, k.cleanup
	if k == cacheRpm {
		alias, what, cleanup = rpmCache(pc.Cmd.Name())
	}
	// no hadolint code covers npm: alias stays "" (the engine lends a
	// default alias only to rules that have exactly one)
	d := Diagnostic{
		Alias:   alias,
		Range:   wordsRange(pc.Cmd),
		Message: fmt.Sprintf("%s leaves %s in the layer; add '%s' in the same RUN", pkgLabel(pc), what, cleanup),
		Fixes:   cc.appendFix(cleanup),
	}
	for _, i := range open[:len(open)-1] {
		d.Related = append(d.Related, Related{
			Message: fmt.Sprintf("%s also fills the cache here", pkgLabel(cc.pcs[i])),
			Range:   wordsRange(cc.pcs[i].Cmd),
		})
	}
	cc.p.Report(d)
}

// rpmCache returns the hadolint code, cache name and cleanup of an rpm
// package manager command.
func rpmCache(name string) (alias, what, cleanup string) {
	switch name {
	case "yum":
		return "DL3032", "/var/cache/yum", "yum clean all"
	case "dnf":
		return "DL3040", "/var/cache/dnf", "dnf clean all"
	}
	return "DL3040", "its package cache", name + " clean all"
}

// appendFix appends cleanup to the RUN, when that can be done.
func (cc *cacheCheck) appendFix(cleanup string) []Fix {
	e, safe, ok := appendToRun(cc.p.File, cc.run, cleanup)
	if !ok {
		return nil
	}
	return []Fix{{Title: fmt.Sprintf("Run '%s' at the end of the RUN", cleanup), Safe: safe, Edits: []Edit{e}}}
}
