package rules

import (
	"strings"

	"github.com/layerlint/layerlint/dockerfile"
)

// PkgAction is what a package-manager command does.
type PkgAction int

const (
	PkgOther   PkgAction = iota
	PkgUpdate            // refreshes the package index (apt-get update, apk update, yum makecache, ...)
	PkgInstall           // installs packages or project dependencies
	PkgClean             // cleans the download cache (apt-get clean, yum clean all, ...)
)

// Manager names a package manager family.
type Manager string

const (
	MgrApt      Manager = "apt"
	MgrApk      Manager = "apk"
	MgrYum      Manager = "yum"
	MgrDnf      Manager = "dnf"
	MgrMicrodnf Manager = "microdnf"
	MgrZypper   Manager = "zypper"
	MgrPip      Manager = "pip"
	MgrPipenv   Manager = "pipenv"
	MgrPoetry   Manager = "poetry"
	MgrUv       Manager = "uv"
	MgrNpm      Manager = "npm"
	MgrYarn     Manager = "yarn"
	MgrPnpm     Manager = "pnpm"
	MgrBundle   Manager = "bundle"
	MgrGem      Manager = "gem"
	MgrComposer Manager = "composer"
	MgrGo       Manager = "go"
	MgrCargo    Manager = "cargo"
	MgrMaven    Manager = "maven"
	MgrGradle   Manager = "gradle"
	MgrDotnet   Manager = "dotnet"
)

// System reports whether m installs operating-system packages.
func (m Manager) System() bool {
	switch m {
	case MgrApt, MgrApk, MgrYum, MgrDnf, MgrMicrodnf, MgrZypper:
		return true
	}
	return false
}

// PkgCmd is a shell command classified as a package-manager operation.
type PkgCmd struct {
	Manager Manager
	Action  PkgAction
	Cmd     *dockerfile.Command
	// Sub is the subcommand word ("install", "ci", "add", ...), nil when the
	// action is implied (bare `yarn`, `bundle`).
	Sub *dockerfile.Word
}

// optsWithValue lists, per command name, the options that take the next word
// as their value, so that Operands finds the subcommand.
var optsWithValue = map[string][]string{
	"apt-get":  {"-o", "-c", "-t", "--option", "--target-release", "--config-file"},
	"apt":      {"-o", "-c", "-t", "--option", "--target-release"},
	"yum":      {"-c", "--setopt", "--enablerepo", "--disablerepo", "--installroot", "--releasever", "-d", "-e", "-x", "--exclude"},
	"dnf":      {"-c", "--setopt", "--enablerepo", "--disablerepo", "--installroot", "--releasever", "-d", "-e", "-x", "--exclude", "--repo"},
	"microdnf": {"--setopt", "--enablerepo", "--disablerepo", "--installroot", "--releasever"},
	"zypper":   {"-r", "--repo", "--root", "-R", "-D", "--reposd-dir"},
	"apk":      {"-X", "--repository", "-p", "--root", "--virtual", "-t", "--arch", "--cache-dir", "--keys-dir", "--repositories-file"},
	"pip":      {"-r", "--requirement", "-c", "--constraint", "-i", "--index-url", "--extra-index-url", "-t", "--target", "--prefix", "--root", "-e", "--editable", "-f", "--find-links", "--cache-dir", "--trusted-host", "--python", "-p"},
	"npm":      {"--prefix", "-w", "--workspace", "--cache", "--registry"},
	"yarn":     {"--cwd", "--cache-folder", "--modules-folder", "--mutex", "--network-timeout"},
	"pnpm":     {"-C", "--dir", "--filter", "-F", "--store-dir"},
	"go":       {"-C", "-modfile", "-o"},
	"mvn":      {"-f", "--file", "-s", "--settings", "-P", "-pl", "--projects", "-D", "-T"},
	"gradle":   {"-p", "--project-dir", "-b", "--build-file", "-x", "--exclude-task", "-g", "--gradle-user-home"},
	"dotnet":   {"-s", "--source", "-r", "--runtime", "-c", "--configuration", "--packages"},
	"composer": {"-d", "--working-dir"},
	"bundle":   {"--gemfile", "--path", "--jobs", "-j", "--retry", "--without", "--with"},
	"uv":       {"-r", "--requirement", "-p", "--python", "--index-url", "--extra-index-url", "--cache-dir", "--directory"},
	"poetry":   {"-C", "--directory", "--only", "--with", "--without", "-E", "--extras"},
}

// pkgActions maps each manager's subcommands to what they do.
var pkgActions = map[Manager]map[string]PkgAction{
	MgrPip:      {"install": PkgInstall},
	MgrApt:      {"update": PkgUpdate, "install": PkgInstall, "upgrade": PkgInstall, "dist-upgrade": PkgInstall, "full-upgrade": PkgInstall, "build-dep": PkgInstall, "reinstall": PkgInstall, "clean": PkgClean, "autoclean": PkgClean, "distclean": PkgClean, "dist-clean": PkgClean},
	MgrApk:      {"update": PkgUpdate, "add": PkgInstall, "upgrade": PkgInstall, "cache": PkgClean},
	MgrYum:      {"makecache": PkgUpdate, "install": PkgInstall, "groupinstall": PkgInstall, "localinstall": PkgInstall, "update": PkgInstall, "upgrade": PkgInstall, "reinstall": PkgInstall, "clean": PkgClean},
	MgrDnf:      {"makecache": PkgUpdate, "install": PkgInstall, "groupinstall": PkgInstall, "update": PkgInstall, "upgrade": PkgInstall, "reinstall": PkgInstall, "builddep": PkgInstall, "clean": PkgClean},
	MgrMicrodnf: {"makecache": PkgUpdate, "install": PkgInstall, "update": PkgInstall, "upgrade": PkgInstall, "reinstall": PkgInstall, "clean": PkgClean},
	MgrZypper:   {"refresh": PkgUpdate, "ref": PkgUpdate, "install": PkgInstall, "in": PkgInstall, "update": PkgInstall, "up": PkgInstall, "dist-upgrade": PkgInstall, "dup": PkgInstall, "source-install": PkgInstall, "si": PkgInstall, "clean": PkgClean, "cc": PkgClean},
	MgrPipenv:   {"install": PkgInstall, "sync": PkgInstall},
	MgrPoetry:   {"install": PkgInstall},
	MgrUv:       {"sync": PkgInstall},
	MgrNpm:      {"install": PkgInstall, "i": PkgInstall, "ci": PkgInstall, "add": PkgInstall, "clean-install": PkgInstall, "install-clean": PkgInstall, "isntall": PkgInstall},
	MgrYarn:     {"install": PkgInstall, "add": PkgInstall},
	MgrPnpm:     {"install": PkgInstall, "i": PkgInstall, "add": PkgInstall, "fetch": PkgInstall},
	MgrBundle:   {"install": PkgInstall},
	MgrGem:      {"install": PkgInstall},
	MgrComposer: {"install": PkgInstall, "update": PkgInstall, "require": PkgInstall},
	MgrGo:       {"get": PkgInstall},
	MgrCargo:    {"fetch": PkgInstall, "install": PkgInstall},
	MgrDotnet:   {"restore": PkgInstall},
}

// ClassifyPkg returns the package-manager operation c performs, or ok=false.
func ClassifyPkg(c *dockerfile.Command) (PkgCmd, bool) {
	name := c.Name()
	argv := c.Argv()
	if name == "" {
		return PkgCmd{}, false
	}
	// python -m pip install ...
	if strings.HasPrefix(name, "python") && len(argv) >= 3 && argv[1].Value == "-m" && strings.HasPrefix(argv[2].Value, "pip") {
		sub := dockerfile.FirstOperand(argv[3:], optsWithValue["pip"]...)
		return pkg(MgrPip, sub, c, pkgActions[MgrPip])
	}
	base := name
	if strings.HasPrefix(base, "pip") && (base == "pip" || base == "pip3" || strings.HasPrefix(base, "pip3.") || strings.HasPrefix(base, "pip2")) {
		base = "pip"
	}
	if base == "gradlew" || base == "./gradlew" {
		base = "gradle"
	}
	if base == "mvnw" {
		base = "mvn"
	}
	sub := dockerfile.FirstOperand(argv[min(1, len(argv)):], optsWithValue[base]...)
	switch base {
	case "apt-get", "apt", "aptitude":
		return pkg(MgrApt, sub, c, pkgActions[MgrApt])
	case "apk":
		return pkg(MgrApk, sub, c, pkgActions[MgrApk])
	case "yum":
		return pkg(MgrYum, sub, c, pkgActions[MgrYum])
	case "dnf", "dnf5", "tdnf":
		return pkg(MgrDnf, sub, c, pkgActions[MgrDnf])
	case "microdnf":
		return pkg(MgrMicrodnf, sub, c, pkgActions[MgrMicrodnf])
	case "zypper":
		return pkg(MgrZypper, sub, c, pkgActions[MgrZypper])
	case "pip":
		return pkg(MgrPip, sub, c, pkgActions[MgrPip])
	case "pipenv":
		return pkg(MgrPipenv, sub, c, pkgActions[MgrPipenv])
	case "poetry":
		return pkg(MgrPoetry, sub, c, pkgActions[MgrPoetry])
	case "uv":
		if sub != nil && sub.Value == "pip" {
			rest := c.Operands(optsWithValue["uv"]...)
			if len(rest) >= 2 && rest[1].Value == "install" || len(rest) >= 2 && rest[1].Value == "sync" {
				w := rest[1]
				return PkgCmd{Manager: MgrUv, Action: PkgInstall, Cmd: c, Sub: &w}, true
			}
			return PkgCmd{}, false
		}
		return pkg(MgrUv, sub, c, pkgActions[MgrUv])
	case "npm":
		return pkg(MgrNpm, sub, c, pkgActions[MgrNpm])
	case "yarn":
		if sub == nil {
			// bare yarn installs, unless it only prints its version or help
			if c.Has("--version", "-v", "-V", "--help", "-h") {
				return PkgCmd{}, false
			}
			return PkgCmd{Manager: MgrYarn, Action: PkgInstall, Cmd: c}, true
		}
		if sub.Value == "cache" {
			return PkgCmd{Manager: MgrYarn, Action: PkgClean, Cmd: c, Sub: sub}, true
		}
		if sub.Value == "global" {
			// yarn global add <pkg>
			ops := c.Operands(optsWithValue["yarn"]...)
			if len(ops) >= 2 && ops[1].Value == "add" {
				w := ops[1]
				return PkgCmd{Manager: MgrYarn, Action: PkgInstall, Cmd: c, Sub: &w}, true
			}
			return PkgCmd{}, false
		}
		return pkg(MgrYarn, sub, c, pkgActions[MgrYarn])
	case "pnpm":
		return pkg(MgrPnpm, sub, c, pkgActions[MgrPnpm])
	case "bundle", "bundler":
		if sub == nil {
			return PkgCmd{Manager: MgrBundle, Action: PkgInstall, Cmd: c}, true
		}
		return pkg(MgrBundle, sub, c, pkgActions[MgrBundle])
	case "gem":
		return pkg(MgrGem, sub, c, pkgActions[MgrGem])
	case "composer":
		return pkg(MgrComposer, sub, c, pkgActions[MgrComposer])
	case "go":
		if sub != nil && sub.Value == "mod" {
			ops := c.Operands(optsWithValue["go"]...)
			if len(ops) >= 2 && ops[1].Value == "download" {
				w := ops[1]
				return PkgCmd{Manager: MgrGo, Action: PkgInstall, Cmd: c, Sub: &w}, true
			}
			return PkgCmd{}, false
		}
		return pkg(MgrGo, sub, c, pkgActions[MgrGo])
	case "cargo":
		return pkg(MgrCargo, sub, c, pkgActions[MgrCargo])
	case "mvn":
		for _, w := range c.Operands(optsWithValue["mvn"]...) {
			if strings.HasPrefix(w.Value, "dependency:") || w.Value == "de.qaware.maven:go-offline-maven-plugin:resolve-dependencies" {
				w := w
				return PkgCmd{Manager: MgrMaven, Action: PkgInstall, Cmd: c, Sub: &w}, true
			}
		}
		return PkgCmd{}, false
	case "gradle":
		for _, w := range c.Operands(optsWithValue["gradle"]...) {
			if w.Value == "dependencies" || w.Value == "downloadDependencies" || w.Value == "--refresh-dependencies" {
				w := w
				return PkgCmd{Manager: MgrGradle, Action: PkgInstall, Cmd: c, Sub: &w}, true
			}
		}
		return PkgCmd{}, false
	case "dotnet":
		return pkg(MgrDotnet, sub, c, pkgActions[MgrDotnet])
	}
	return PkgCmd{}, false
}

func pkg(m Manager, sub *dockerfile.Word, c *dockerfile.Command, actions map[string]PkgAction) (PkgCmd, bool) {
	if sub == nil {
		return PkgCmd{}, false
	}
	a, ok := actions[sub.Value]
	if !ok {
		return PkgCmd{}, false
	}
	return PkgCmd{Manager: m, Action: a, Cmd: c, Sub: sub}, true
}

// PkgCmds classifies every command of a RUN body.
func PkgCmds(rb *dockerfile.RunBody) []PkgCmd {
	if rb == nil {
		return nil
	}
	var out []PkgCmd
	for _, c := range rb.Commands {
		if p, ok := ClassifyPkg(c); ok {
			out = append(out, p)
		}
	}
	return out
}
