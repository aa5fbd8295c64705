package rules

import (
	"fmt"
	"path"
	"strings"

	"github.com/layerlint/layerlint/dockerfile"
)

// CopyBeforeDependencyInstall reports a broad COPY/ADD of the build context
// that comes before a dependency or package install in the same stage, so that
// editing any copied file reruns the install.
var CopyBeforeDependencyInstall = register(&Rule{
	ID:       "CopyBeforeDependencyInstall",
	Category: CategoryCache,
	Severity: SeverityWarning,
	Doc: Doc{
		Title: "Broad COPY before a dependency install",
		Description: "BuildKit reuses a RUN layer only while every layer before it is unchanged, and a COPY layer changes " +
			"whenever any file it copies changes. When `COPY . .` (or a source directory, or a wildcard over source files) " +
			"comes before `npm ci`, `pip install -r requirements.txt`, `go mod download`, `bundle install` or `apt-get install`, " +
			"every edit to the application reruns the whole install: packages are downloaded and unpacked again and every " +
			"later layer is rebuilt. Copy only the manifests and lockfiles the install reads, run the install, then copy " +
			"the rest; an install that reads no project file (system packages, global tools) simply moves above the COPY.\n\n" +
			"The rule looks at one stage at a time and reports each broad COPY once. Its message names the first install " +
			"below it that reads project manifests (or else the first install), with every install it reruns as a related " +
			"location; the manifest paths are mapped back to the context through WORKDIR, `cd` and the COPY destination.\n\n" +
			"Broad means the context root, a wildcard over source files (`*`, `*.py`) or a directory: a conventional " +
			"source directory (src, app, lib, ...) or any path written with a trailing slash. Extension-less names such " +
			"as `sshd_config` or `docker-php-source` are taken for files. Directories of support files (conf/, scripts/, " +
			"rootfs/) count only for project installs: they change rarely and usually feed the RUNs below, so a system " +
			"install after them is left alone, as is a system install whose RUN reads the COPY destination.\n\n" +
			"The rule stays silent for COPY --from, for copies of specific files, for installs that need the whole tree " +
			"(`pip install .`, `pip install -e .`, `npm install ./pkg`, `cargo install --path .`, Maven or Gradle " +
			"commands that also build), for `go get` (GOPATH-era builds), for a second install by a manager that already " +
			"installed above the COPY (`poetry install --no-root`, `COPY . .`, `poetry install`: the good pattern), and for " +
			"RUNs that bind-mount the whole context. An install that reads its manifests through `RUN --mount=type=bind` " +
			"needs no COPY at all, so for it the advice is to move it above the COPY. There is no automatic fix: which " +
			"lockfile exists, and whether the RUN needs more than the manifests, is not visible in the Dockerfile.",
		Bad: "FROM node:20-slim\nWORKDIR /app\nCOPY . .\nRUN npm ci\nRUN npm run build\n",
		Good: "FROM node:20-slim\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN npm ci\nCOPY . .\n" +
			"RUN npm run build\n",
	},
	Run: runCopyBeforeDependencyInstall,
})

func runCopyBeforeDependencyInstall(p *Pass) {
	f := p.File
	for _, s := range f.Stages {
		for i, c := range s.Instructions {
			srcs := contextSources(f, c)
			if !anyBroad(srcs) {
				continue // COPY --from, specific files, heredoc or remote sources
			}
			if p.Context != nil && bringsOnlyManifests(p, c) {
				continue // the ignore file narrows this COPY to manifests: it is the good pattern
			}
			reportBroadCopy(p, s, i, srcs)
		}
	}
}

func anyBroad(srcs []contextSource) bool { return maxBreadth(srcs) > breadthFiles }

func maxBreadth(srcs []contextSource) breadth {
	b := breadthFiles
	for _, s := range srcs {
		b = max(b, s.Breadth)
	}
	return b
}

// maxRelated caps the related installs listed for one COPY.
const maxRelated = 3

// rerun is an install that a broad COPY makes rerun.
type rerun struct {
	depInstall
	run *dockerfile.Instruction
}

// reportBroadCopy reports the broad COPY at index i of stage s when an
// install below it in the stage reruns on every change to the copied files.
func reportBroadCopy(p *Pass, s *dockerfile.Stage, i int, srcs []contextSource) {
	f := p.File
	c := s.Instructions[i]
	wd := workdirs(s)
	// project installs that already ran above the COPY: a later install of the
	// same manager finishes the job (installs the project itself) and is the
	// good pattern, not the bad one
	done := map[Manager]bool{}
	for _, in := range s.Instructions[:i] {
		for _, d := range dependencyInstalls(f, in) {
			if d.Project {
				done[d.Pkg.Manager] = true
			}
		}
	}
	dest := absPath(wd[c], c.Args[len(c.Args)-1].Value)
	breadth := maxBreadth(srcs)
	var found []rerun // at most one per RUN
	for _, in := range s.Instructions[i+1:] {
		var pick *rerun
		for _, d := range dependencyInstalls(f, in) {
			if d.Project && done[d.Pkg.Manager] {
				continue
			}
			if !d.Project && breadth < breadthTree {
				continue // support files (conf/, scripts/) change rarely and often feed the RUNs below
			}
			if !d.Project && isRealDir(dest) && runReads(in, dest) {
				continue // the RUN uses the copied files; the install cannot simply move up
			}
			if pick == nil || (pick.Manifests == nil && d.Manifests != nil) {
				pick = &rerun{d, in}
			}
		}
		if pick != nil {
			found = append(found, *pick)
		}
	}
	if len(found) == 0 {
		return
	}
	// the message names the first install that reads project manifests,
	// since copying those first is the fix that matters most
	inst := found[0]
	for _, d := range found {
		if d.Manifests != nil {
			inst = d
			break
		}
	}

	var rng dockerfile.Range
	first := true
	for _, src := range srcs {
		if src.Breadth == breadthFiles {
			continue
		}
		if first {
			rng, first = src.Arg.Range, false
		}
		rng.End = src.Arg.Range.End
	}
	line := f.Position(inst.Pkg.Cmd.Range.Start).Line
	kw := strings.ToUpper(c.Keyword)
	var advice string
	if inst.Manifests == nil {
		advice = "move the install above the " + kw
	} else if at := manifestsCopied(f, inst.Manifests, s.Instructions[:i]); at > 0 {
		advice = fmt.Sprintf("move the install above the %s, right after the manifests copied at line %d", kw, at)
	} else if at := manifestsCopied(f, inst.Manifests, between(s, i, inst.run)); at > 0 {
		advice = fmt.Sprintf("move the %s below the install; the manifests it needs are copied at line %d", kw, at)
	} else {
		var files []string
		for _, m := range inst.Manifests {
			if strings.ContainsAny(m, "*?[") {
				files = append(files, "the "+m+" files")
				continue
			}
			files = append(files, contextPath(m, absPath(runDir(wd[inst.run], inst), m), dest, srcs))
		}
		advice = "copy " + joinAnd(files) + " first"
	}
	var related []Related
	for _, d := range found[:min(len(found), maxRelated)] {
		related = append(related, Related{
			Message: fmt.Sprintf("'%s' reruns on every change to the copied files", d.Label),
			Range:   d.Pkg.Cmd.Range,
		})
	}
	p.Report(Diagnostic{
		Range:   rng,
		Message: fmt.Sprintf("%s runs before '%s' at line %d; %s", copyLabel(c), inst.Label, line, advice),
		Related: related,
	})
}

// between returns the stage's instructions after index i and before end.
func between(s *dockerfile.Stage, i int, end *dockerfile.Instruction) []*dockerfile.Instruction {
	for j := i + 1; j < len(s.Instructions); j++ {
		if s.Instructions[j] == end {
			return s.Instructions[i+1 : j]
		}
	}
	return nil
}

// unknownWorkdir stands for the base image's working directory, which the
// Dockerfile does not show. Paths joined to it still compare correctly with
// each other.
const unknownWorkdir = "/\x00workdir"

// workdirs returns the working directory in force at each instruction of s
// ("" when a variable makes it unknown).
func workdirs(s *dockerfile.Stage) map[*dockerfile.Instruction]string {
	out := map[*dockerfile.Instruction]string{}
	cur := unknownWorkdir
	for _, in := range s.Instructions {
		out[in] = cur
		if in.Keyword == "workdir" && len(in.Args) == 1 {
			cur = absPath(cur, in.Args[0].Value)
		}
	}
	return out
}

// absPath resolves p against the working directory wd; "" when either is unknown.
func absPath(wd, p string) string {
	if strings.Contains(p, "$") {
		return ""
	}
	if path.IsAbs(p) {
		return path.Clean(p)
	}
	if wd == "" {
		return ""
	}
	return path.Join(wd, p)
}

// runDir follows the `cd` commands that precede the install in its RUN
// ("cd /src/ui && yarn install"), starting from the working directory wd.
func runDir(wd string, r rerun) string {
	for _, cmd := range r.run.Run.Commands {
		if cmd == r.Pkg.Cmd {
			break
		}
		if argv := cmd.Argv(); len(argv) == 2 && argv[0].Value == "cd" && argv[1].Literal {
			wd = absPath(wd, argv[1].Value)
		}
	}
	return wd
}

// isRealDir reports whether d is a known absolute directory other than the root.
func isRealDir(d string) bool {
	return d != "" && d != "/" && !strings.HasPrefix(d, unknownWorkdir)
}

// runReads reports whether a word of the RUN names dir or a path below it.
func runReads(in *dockerfile.Instruction, dir string) bool {
	for _, cmd := range in.Run.Commands {
		for _, w := range cmd.Args {
			v := w.Value
			if i := strings.IndexByte(v, '='); i >= 0 && strings.HasPrefix(v, "-") {
				v = v[i+1:]
			}
			if v == dir || strings.HasPrefix(v, dir+"/") {
				return true
			}
		}
	}
	return false
}

// contextPath maps a file an install reads (m as written, abs resolved
// against the RUN's working directory) back to its path in the build
// context, through the broad COPY (its absolute destination and sources) that
// brought it in. When the mapping is unclear it keeps the name as written, or
// the base name of an absolute path.
func contextPath(m, abs, dest string, srcs []contextSource) string {
	fallback := path.Clean(m)
	if path.IsAbs(m) {
		fallback = path.Base(m)
	}
	if len(srcs) != 1 || srcs[0].Breadth == breadthFiles || strings.ContainsAny(srcs[0].Value, "*?[") || abs == "" || dest == "" {
		return fallback
	}
	var rel string
	switch {
	case abs == dest:
		return fallback
	case dest == "/":
		rel = abs[1:]
	case strings.HasPrefix(abs, dest+"/"):
		rel = abs[len(dest)+1:]
	default:
		return fallback
	}
	return path.Join(strings.TrimPrefix(srcs[0].Value, "/"), rel)
}

// manifestsCopied returns the line of the first COPY among ins that copies
// only specific files, one of them a manifest in manifests; 0 when none does.
func manifestsCopied(f *dockerfile.File, manifests []string, ins []*dockerfile.Instruction) int {
	for _, n := range ins {
		srcs := contextSources(f, n)
		if len(srcs) == 0 || anyBroad(srcs) {
			continue
		}
		for _, s := range srcs {
			pat := path.Base(s.Value)
			for _, m := range manifests {
				// either side may be a pattern: COPY *.csproj, or an install
				// that reads every *.csproj
				ok1, _ := path.Match(pat, path.Base(m))
				ok2, _ := path.Match(path.Base(m), pat)
				if ok1 || ok2 {
					return n.StartLine
				}
			}
		}
	}
	return 0
}

// copyLabel renders a COPY/ADD for messages ("COPY . .", "ADD src/ /app/"),
// flags left out and long argument lists shortened.
func copyLabel(in *dockerfile.Instruction) string {
	words := []string{strings.ToUpper(in.Keyword)}
	for _, a := range in.Args {
		words = append(words, a.Value)
	}
	s := strings.Join(words, " ")
	if r := []rune(s); len(r) > 48 {
		s = string(r[:47]) + "…"
	}
	return s
}

// bringsOnlyManifests reports, with the real build context, that every file
// the COPY brings is a dependency manifest or lockfile (a .dockerignore such
// as "*" + "!package*.json" turns `COPY . .` into a manifest copy).
func bringsOnlyManifests(p *Pass, in *dockerfile.Instruction) bool {
	files := 0
	for _, r := range p.Context.ResolveInstruction(p.File, in) {
		if r.Resolved == nil {
			if r.Err != nil {
				return false
			}
			continue
		}
		for _, e := range r.Files() {
			if !isManifestName(path.Base(e.Path)) {
				return false
			}
			files++
		}
	}
	return files > 0
}

// isManifestName reports file names that package managers read to resolve
// dependencies (manifests, lockfiles and their configuration).
func isManifestName(name string) bool {
	switch name {
	case "package.json", "package-lock.json", "npm-shrinkwrap.json", "yarn.lock", "pnpm-lock.yaml",
		"pnpm-workspace.yaml", ".npmrc", ".yarnrc", ".yarnrc.yml",
		"pyproject.toml", "poetry.lock", "Pipfile", "Pipfile.lock", "uv.lock", "setup.cfg",
		"go.mod", "go.sum", "go.work", "go.work.sum",
		"Gemfile", "Gemfile.lock", "composer.json", "composer.lock", "Cargo.toml", "Cargo.lock",
		"pom.xml", "build.gradle", "build.gradle.kts", "settings.gradle", "settings.gradle.kts",
		"gradle.properties", "packages.lock.json", "NuGet.config", "nuget.config", "Directory.Packages.props":
		return true
	}
	if strings.HasPrefix(name, "requirements") && strings.HasSuffix(name, ".txt") {
		return true
	}
	for _, ext := range []string{".csproj", ".fsproj", ".vbproj", ".sln", ".gemspec"} {
		if strings.HasSuffix(name, ext) {
			return true
		}
	}
	return false
}
