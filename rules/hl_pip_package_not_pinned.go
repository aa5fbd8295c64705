package rules

import (
	"strings"

	"github.com/layerlint/layerlint/dockerfile"
)

// PipPackageNotPinned reports pip install of packages without a version.
var PipPackageNotPinned = register(&Rule{
	ID:       "PipPackageNotPinned",
	Aliases:  []string{"DL3013"},
	Category: CategoryCorrectness,
	Severity: SeverityInfo,
	Doc: Doc{
		Title: "pip install without package versions",
		Description: "`pip install flask` installs the newest release on the day the layer is built. The " +
			"cached layer keeps that version while the next uncached build picks up whatever was released " +
			"since, breaking changes included, so the same Dockerfile builds different images. Pin " +
			"(`flask==3.0.3`), or install from a requirements or constraints file (`-r`, `-c`), which this " +
			"rule leaves to the file. Local archives, paths and VCS URLs with `@ref` count as pinned; " +
			"versions held in ARG or ENV values are resolved.",
		Bad:  "FROM python:3.12-slim\nRUN pip install --no-cache-dir flask gunicorn\n",
		Good: "FROM python:3.12-slim\nRUN pip install --no-cache-dir flask==3.0.3 gunicorn==22.0.0\n",
	},
	Run: func(p *Pass) { runPinned(p, hlPinPip) },
})

// hlPipValueOpts are the pip install options that take the next word.
var hlPipValueOpts = []string{
	"--abi", "-b", "--build", "-e", "--editable", "--extra-index-url", "-f", "--find-links",
	"-i", "--index-url", "--implementation", "--no-binary", "--only-binary", "--platform",
	"--prefix", "--progress-bar", "--proxy", "--python", "--python-version", "--root",
	"--root-user-action", "--src", "-t", "--target", "--trusted-host", "--upgrade-strategy",
	"--cache-dir", "--log", "--timeout", "--retries", "--cert", "--client-cert", "--report",
	"-r", "--requirement", "-c", "--constraint", "--config-settings", "-C", "--global-option",
}

var hlVCSSchemes = []string{"git+", "hg+", "svn+", "bzr+", "git:", "svn:"}

var hlPinPip = hlPin{
	packages: func(c *dockerfile.Command) ([]dockerfile.Word, string, bool) {
		pc, ok := ClassifyPkg(c)
		if !ok || pc.Manager != MgrPip || pc.Action != PkgInstall {
			return nil, "", false
		}
		// requirements, constraints or the local project decide the versions
		if c.Has("-r", "--requirement", "-c", "--constraint", ".") || c.HasPrefix("--requirement=", "--constraint=") {
			return nil, "", false
		}
		argv := c.Argv()
		if strings.HasPrefix(c.Name(), "python") {
			argv = argv[2:] // python -m pip ...
		}
		var pkgs []dockerfile.Word
		after := false
		for i := 1; i < len(argv); i++ {
			v := argv[i].Value
			switch {
			case v == "--":
				continue
			case strings.HasPrefix(v, "-") && len(v) > 1:
				for _, o := range hlPipValueOpts {
					if v == o {
						i++
						break
					}
				}
			case !after:
				after = v == "install"
			default:
				pkgs = append(pkgs, argv[i])
			}
		}
		return pkgs, pkgLabel(pc), true
	},
	pinned: func(pkg string) bool {
		for _, s := range []string{"==", ">=", "<=", ">", "<", "!=", "~=", "==="} {
			if strings.Contains(pkg, s) {
				return true
			}
		}
		if strings.HasSuffix(pkg, ".whl") || strings.HasSuffix(pkg, ".tar.gz") || strings.HasSuffix(pkg, ".zip") {
			return true
		}
		vcs := false
		for _, s := range hlVCSSchemes {
			if strings.HasPrefix(pkg, s) {
				vcs = true
			}
		}
		if vcs {
			// git+https://host/repo@v1.2 (the @ after the host part)
			_, rest, _ := strings.Cut(pkg, "://")
			return strings.Contains(rest, "@")
		}
		// a path, or a URL of an archive
		return strings.Contains(pkg, "/")
	},
	form: "<package>==<version> or install from a requirements file",
}
