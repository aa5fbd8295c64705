package rules

import (
	"fmt"
	"strings"

	"github.com/layerlint/layerlint/dockerfile"
	"mvdan.cc/sh/v3/syntax"
)

// UpdateWithoutInstall reports a package index update (apt-get update, apk
// update, yum/dnf makecache, zypper refresh) in a RUN that installs nothing
// with the same package manager afterwards.
var UpdateWithoutInstall = register(&Rule{
	ID:       "UpdateWithoutInstall",
	Category: CategoryCache,
	Severity: SeverityWarning,
	Doc: Doc{
		Title: "Package index update without an install in the same RUN",
		Description: "A RUN that only refreshes the package index (`apt-get update`, `apk update`, `yum makecache`, " +
			"`dnf makecache`, `zypper refresh`) produces a layer whose cache key is its unchanging text. " +
			"Once cached, that layer is reused by every later build, so the installs in the following RUNs " +
			"read an index that grows older with each build: they fail when the mirror no longer serves the " +
			"listed versions, or install outdated packages. Adding a package to the install RUN does not " +
			"refresh the index either. Update and install in the same RUN, so that the update reruns " +
			"whenever the install changes. An update whose index is deleted in the same RUN, with nothing " +
			"installed, is reported too: it only costs build time and network.",
		Bad:  "FROM debian:bookworm\nRUN apt-get update\nRUN apt-get install -y --no-install-recommends curl \\\n    && rm -rf /var/lib/apt/lists/*\n",
		Good: "FROM debian:bookworm\nRUN apt-get update && apt-get install -y --no-install-recommends curl \\\n    && rm -rf /var/lib/apt/lists/*\n",
	},
	Run: runUpdateWithoutInstall,
})

func runUpdateWithoutInstall(p *Pass) {
	for _, in := range p.File.Instructions {
		run, onbuild := in, false
		if in.Onbuild != nil {
			run, onbuild = in.Onbuild, true
		}
		// only RUNs whose commands are known
		if run.Keyword != "run" || run.Run == nil {
			continue
		}
		cmds := run.Run.Commands
		for i, c := range cmds {
			pc, ok := ClassifyPkg(c)
			fam := indexFamily(pc.Manager)
			if !ok || pc.Action != PkgUpdate || fam == "" {
				continue
			}
			// something later in the RUN reads the index (or may: a script,
			// a helper, a nested shell)
			if indexUsedAfter(cmds, i, fam) {
				continue
			}
			msg := "%s runs without %s in the same RUN; later RUNs install from its cached, stale index"
			if indexRemovedAfter(p.File, cmds, i, fam) {
				// nothing stale is left behind, but the download is wasted
				msg = "%s runs without %s in the same RUN and its index is deleted unused"
			}
			d := Diagnostic{
				Range:   wordsRange(pc.Cmd),
				Message: fmt.Sprintf(msg, pkgLabel(pc), installLabel(pc)),
			}
			if !onbuild {
				if fix, rel, ok := mergeUpdateFix(p.File, run, pc, fam); ok {
					d.Fixes = []Fix{fix}
					d.Related = rel
				}
			}
			p.Report(d)
		}
	}
}

// indexFamily groups managers that share one package index: "" for managers
// without an index update.
func indexFamily(m Manager) string {
	switch m {
	case MgrApt, MgrApk, MgrZypper:
		return string(m)
	case MgrYum, MgrDnf, MgrMicrodnf:
		return "rpm"
	}
	return ""
}

// indexUsedAfter reports a command after cmds[i] that may read the package
// index of family fam: an install or update of that family, or any command
// not known to leave the index alone. A later update counts, so that only
// the last update of a RUN is judged.
func indexUsedAfter(cmds []*dockerfile.Command, i int, fam string) bool {
	for _, c := range cmds[i+1:] {
		if usesIndex(c, fam) {
			return true
		}
	}
	return false
}

// indexRemovedAfter reports a command after cmds[i] that deletes the index
// of family fam (rm -rf /var/lib/apt/lists/*, apt-get dist-clean, yum clean
// all, ...).
func indexRemovedAfter(f *dockerfile.File, cmds []*dockerfile.Command, i int, fam string) bool {
	k := map[string]*pkgCache{"apt": cacheApt, "apk": cacheApk, "rpm": cacheRpm, "zypper": cacheZypper}[fam]
	if k == nil {
		return false
	}
	for _, c := range cmds[i+1:] {
		pc, ok := ClassifyPkg(c)
		if (k.cleans != nil && k.cleans(c, pc, ok)) || removes(f, c, k.dirs, k.dirCmd) {
			return true
		}
	}
	return false
}

// usesIndex reports whether c may read the package index of family fam.
func usesIndex(c *dockerfile.Command, fam string) bool {
	if pc, ok := ClassifyPkg(c); ok {
		return indexFamily(pc.Manager) == fam && pc.Action != PkgClean
	}
	name := c.Name()
	if indexNeutral[name] {
		return false
	}
	if subs, ok := indexNeutralSubs[name]; ok {
		return !subs[c.Sub(optsWithValue[name]...)]
	}
	return true
}

// indexNeutral lists commands that install no system packages.
var indexNeutral = setOf(
	":", "[", "addgroup", "adduser", "apt-key", "apt-mark", "awk", "cat", "cd", "chgrp", "chmod",
	"chown", "cp", "curl", "cut", "debconf-set-selections", "dpkg", "dpkg-reconfigure", "echo",
	"exit", "false", "find", "gem", "git", "go", "gpg", "gpgconf", "grep", "groupadd", "gzip",
	"head", "id", "ldconfig", "ln", "locale-gen", "ls", "mkdir", "mktemp", "mv", "npm", "pip",
	"pip3", "pnpm", "printf", "rm", "rmdir", "rpm", "sed", "set", "sleep", "sort", "tail", "tar",
	"tee", "test", "touch", "tr", "true", "uniq", "unzip", "update-ca-certificates",
	"update-locale", "useradd", "usermod", "wget", "whoami", "xz", "yarn", "yum-config-manager",
)

// indexNeutralSubs lists package-manager subcommands that read no index.
var indexNeutralSubs = map[string]map[string]bool{
	"apt-get":  setOf("autoclean", "autoremove", "autopurge", "clean", "purge", "remove"),
	"apt":      setOf("autoclean", "autoremove", "autopurge", "clean", "purge", "remove"),
	"apk":      setOf("del", "info", "version", "cache"),
	"yum":      setOf("clean", "erase", "remove"),
	"dnf":      setOf("clean", "erase", "remove", "config-manager"),
	"microdnf": setOf("clean", "remove"),
	"zypper":   setOf("addrepo", "ar", "clean", "cc", "remove", "rm", "removerepo", "rr"),
}

func setOf(names ...string) map[string]bool {
	m := make(map[string]bool, len(names))
	for _, n := range names {
		m[n] = true
	}
	return m
}

// installLabel names the install command that should accompany an update.
func installLabel(pc PkgCmd) string {
	switch pc.Manager {
	case MgrApk:
		return "apk add"
	case MgrZypper:
		return "zypper install"
	}
	return pc.Cmd.Name() + " install"
}

// mergeUpdateFix moves the update into the next RUN when that RUN installs
// with the same manager, or deletes the update RUN when the next RUN runs its
// own update before installing.
func mergeUpdateFix(f *dockerfile.File, in *dockerfile.Instruction, pc PkgCmd, fam string) (Fix, []Related, bool) {
	// the update RUN must hold nothing but the update
	rb := in.Run
	if rb.Kind != dockerfile.ShellPOSIX || rb.SyntaxError != "" || in.JSONForm ||
		len(in.Heredocs) > 0 || len(rb.Commands) != 1 || len(in.Args) != 1 || !singleCall(in.Args[0].Value) {
		return Fix{}, nil, false
	}
	// the very next instruction must be a RUN of the same stage
	if in.Index+1 >= len(f.Instructions) {
		return Fix{}, nil, false
	}
	next := f.Instructions[in.Index+1]
	nb := next.Run
	if next.Keyword != "run" || next.Stage != in.Stage || nb == nil || nb.Kind != dockerfile.ShellPOSIX ||
		nb.SyntaxError != "" || next.JSONForm || len(next.Heredocs) > 0 || nb.HasComment || len(next.Args) != 1 {
		return Fix{}, nil, false
	}
	var install *PkgCmd
	ownUpdate := false
	for _, npc := range PkgCmds(nb) {
		if indexFamily(npc.Manager) != fam {
			continue
		}
		if npc.Action == PkgUpdate && install == nil {
			ownUpdate = true
		}
		if npc.Action == PkgInstall && install == nil {
			npc := npc
			install = &npc
		}
	}
	if install == nil {
		return Fix{}, nil, false
	}
	if fam == "apk" && !ownUpdate {
		// apk add --no-cache and --update fetch a fresh index themselves
		ownUpdate = true
		for _, npc := range PkgCmds(nb) {
			if npc.Manager == MgrApk && npc.Action == PkgInstall && !npc.Cmd.Has("--no-cache", "--update", "--update-cache", "-U") {
				ownUpdate = false
			}
		}
	}
	rel := []Related{{
		Message: fmt.Sprintf("%s runs here, in another layer", pkgLabel(*install)),
		Range:   wordsRange(install.Cmd),
	}}
	del := Edit{Range: instructionLines(f, in)}
	if ownUpdate {
		return Fix{
			Title: fmt.Sprintf("Remove the redundant %s RUN", pkgLabel(pc)),
			Safe:  true,
			Edits: []Edit{del},
		}, rel, true
	}
	// the merged RUN keeps the next RUN's flags, so the update's own flags
	// must already be there; a network setting of the next RUN must also
	// have applied to the update
	for _, fl := range in.Flags {
		if !hasFlag(next, fl) {
			return Fix{}, nil, false
		}
	}
	for _, fl := range next.Flags {
		if fl.Name == "network" && !hasFlag(in, fl) {
			return Fix{}, nil, false
		}
	}
	prefix := strings.TrimSpace(in.Args[0].Value)
	ins := Edit{Range: dockerfile.Range{Start: nb.Script.Start, End: nb.Script.Start}, NewText: prefix + " && "}
	return Fix{
		Title: fmt.Sprintf("Merge %s into the RUN on line %d", pkgLabel(pc), next.StartLine),
		// `update && a || b` would let b hide a failed update
		Safe:  andChain(next.Args[0].Value),
		Edits: []Edit{del, ins},
	}, rel, true
}

// singleCall reports whether script is one simple command without comments,
// lists, pipes or background jobs.
func singleCall(script string) bool {
	prog, err := parseScript(script)
	if err != nil || len(prog.Stmts) != 1 || len(prog.Last) > 0 {
		return false
	}
	st := prog.Stmts[0]
	if st.Background || st.Coprocess || st.Negated || len(st.Comments) > 0 {
		return false
	}
	_, ok := st.Cmd.(*syntax.CallExpr)
	return ok && !strings.ContainsAny(script, "\n;&|`#")
}

// andChain reports whether script is one statement whose top level joins
// commands with && only, so that a prefix "x && " guards all of it.
func andChain(script string) bool {
	prog, err := parseScript(script)
	if err != nil || len(prog.Stmts) != 1 {
		return false
	}
	st := prog.Stmts[0]
	if st.Background || st.Coprocess || st.Negated {
		return false
	}
	cmd := st.Cmd
	for {
		b, ok := cmd.(*syntax.BinaryCmd)
		if !ok {
			return true
		}
		switch b.Op {
		case syntax.AndStmt:
			if b.X.Negated || b.X.Background {
				return false
			}
			cmd = b.X.Cmd
		case syntax.Pipe, syntax.PipeAll:
			return true
		default:
			return false
		}
	}
}

func hasFlag(in *dockerfile.Instruction, fl dockerfile.Flag) bool {
	for _, g := range in.Flags {
		if g.Name == fl.Name && g.Value == fl.Value && g.HasValue == fl.HasValue {
			return true
		}
	}
	return false
}

// wordsRange spans a command's words from the command name (wrappers such as
// sudo included, NAME=value prefixes excluded) to its last word.
func wordsRange(c *dockerfile.Command) dockerfile.Range {
	if len(c.Args) == 0 {
		return c.Range
	}
	return dockerfile.Range{Start: c.Args[0].Range.Start, End: c.Args[len(c.Args)-1].Range.End}
}

// pkgLabel names a package command by its name and subcommand
// ("apt-get update", "pip3 install", "python3 -m pip install", "yarn global
// add", "yarn").
func pkgLabel(pc PkgCmd) string {
	argv := pc.Cmd.Argv()
	name := pc.Cmd.Name()
	if len(argv) >= 3 && argv[1].Value == "-m" {
		name += " -m " + argv[2].Value
	}
	if pc.Sub == nil {
		return name
	}
	if pc.Manager == MgrYarn {
		for _, w := range argv[1:] {
			if w.Range.Start >= pc.Sub.Range.Start {
				break
			}
			if w.Value == "global" {
				name += " global"
			}
		}
	}
	return name + " " + pc.Sub.Value
}
