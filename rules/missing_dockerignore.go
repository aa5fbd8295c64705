package rules

import (
	"fmt"
	"path"
	"slices"
	"sort"
	"strings"

	"github.com/layerlint/layerlint/ctxscan"
	"github.com/layerlint/layerlint/dockerfile"
)

// MissingDockerignore reports a COPY of the whole context when there is no
// ignore file and the context holds version-control data, dependencies,
// build output or logs.
var MissingDockerignore = register(&Rule{
	ID:           "MissingDockerignore",
	Category:     CategoryContext,
	Severity:     SeverityWarning,
	NeedsContext: true,
	Doc: Doc{
		Title: "COPY . without an ignore file sends heavy paths",
		Description: "Without a .dockerignore, `COPY . .` sends and copies everything in the context directory: " +
			"the `.git` history, `node_modules`, `target/`, `dist/`, virtualenvs, `__pycache__`, logs. The " +
			"image grows by all of it, the transfer to the builder slows down, and because `.git` and logs " +
			"change on every commit or run, the COPY layer and every layer after it miss the cache even when " +
			"no source file changed. Dependencies installed on the host can also shadow the ones the image " +
			"installs for its own platform.\n\n" +
			"The rule reports each broad COPY/ADD (`.`, `./`, `/` or `*`) when neither `<Dockerfile>.dockerignore` " +
			"nor the context's `.dockerignore` exists and the context holds such paths, with their sizes and " +
			"file counts. Create a `.dockerignore` that lists them (for the paths found nested, use `**/name`).\n\n" +
			"The fix creates `.dockerignore` at the context root. It never lists a path that a COPY/ADD source or " +
			"a `RUN --mount=type=bind` names. The first fix, which is safe and which `--fix` applies, lists only " +
			"what the build cannot need: logs, caches, bytecode, test output, version-control data when no RUN " +
			"calls git (or hg, svn), dependencies and virtualenvs when a RUN installs them. A second fix, to " +
			"review, lists the rest too: build output (`dist/`, `target/`, ...), which the image may ship as the " +
			"host built it, and what a RUN may use. Another Dockerfile that shares the context may need what " +
			"this one does not.",
		Bad:  "FROM node:22-slim\nWORKDIR /app\nCOPY . .\nRUN npm ci\n",
		Good: "FROM node:22-slim\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN npm ci\nCOPY src ./src\n",
		Context: map[string]string{
			"package.json":                       "{}\n",
			"package-lock.json":                  "{}\n",
			"src/index.js":                       "console.log(1)\n",
			".git/HEAD":                          "ref: refs/heads/main\n",
			"node_modules/left-pad/index.js":     "module.exports = 1\n",
			"node_modules/left-pad/package.json": "{}\n",
		},
	},
	Run: runMissingDockerignore,
})

func runMissingDockerignore(p *Pass) {
	cx := p.Context
	if cx == nil || cx.Ignore != nil {
		return // an ignore file exists: ContextBloat looks at what it lets through
	}
	var heavy []heavyPath // computed once, for the first broad COPY
	var fixes []Fix
	for _, c := range contextCopies(p) {
		for _, s := range c.Sources {
			if !broadSource(s) {
				continue
			}
			if heavy == nil {
				heavy = heavyPaths(cx, cx.Entries)
				if len(heavy) == 0 {
					return // nothing heavy or volatile: no ignore file needed
				}
				fixes = dockerignoreFixes(p, heavy)
			}
			p.Report(Diagnostic{
				Range: s.Arg.Range,
				Message: fmt.Sprintf("%s sends %s into the image; there is no .dockerignore: create one listing %s",
					copyLabel(c.In), describeHeavy(heavy, 3), strings.Join(ignorePatterns(heavy), ", ")),
				Fixes: fixes,
			})
		}
	}
}

// dockerignoreFixes offers to create .dockerignore at the context root
// listing the heavy paths, except those a COPY/ADD source or a RUN bind
// mount names (excluding them would break the build). The first fix lists
// only what the build and the image cannot need, and is safe; when some
// heavy path may be needed (see mayNeed), a second fix to review lists
// them all. Every finding of the file carries the same fixes.
func dockerignoreFixes(p *Pass, heavy []heavyPath) []Fix {
	named, known := namedPaths(p)
	var all, safe []heavyPath
	for _, h := range collapseHeavy(heavy) {
		if _, breaks := excludesNamed(p.Context, []string{h.Pattern}, named); breaks {
			continue
		}
		all = append(all, h)
		if known && !mayNeed(p.File, h) {
			safe = append(safe, h)
		}
	}
	var fixes []Fix
	if fx, ok := dockerignoreFix(p.Context, safe); ok {
		fx.Safe = true
		fixes = append(fixes, fx)
	}
	if len(all) > len(safe) {
		if fx, ok := dockerignoreFix(p.Context, all); ok {
			fixes = append(fixes, fx)
		}
	}
	return fixes
}

// dockerignoreFix creates .dockerignore excluding hs, after a comment
// saying what they are.
func dockerignoreFix(cx *ctxscan.Context, hs []heavyPath) (Fix, bool) {
	if len(hs) == 0 {
		return Fix{}, false
	}
	pats := ignorePatterns(hs)
	var kinds []string // in the order of the lines
	for _, pat := range pats {
		i := slices.IndexFunc(hs, func(h heavyPath) bool { return h.Pattern == pat })
		if k := heavyKind(hs[i]); !slices.Contains(kinds, k) {
			kinds = append(kinds, k)
		}
	}
	header := "# Kept out of the build context: " + joinAnd(kinds) + "\n"
	e, ok := ignoreFileEdit(cx, header, pats)
	if !ok || !e.Create {
		return Fix{}, false
	}
	// the new file must exclude each path it lists, as BuildKit reads it
	after, ok := ignoredAfter(cx, e)
	if !ok {
		return Fix{}, false
	}
	for _, h := range hs {
		if h.Path == "*.log" {
			continue
		}
		if ex, err := ctxscan.Match(after, h.Path); err != nil || !ex {
			return Fix{}, false
		}
	}
	shown := pats
	if len(shown) > 3 {
		shown = append(shown[:3:3], fmt.Sprintf("%d more", len(pats)-3))
	}
	return Fix{Title: "Create .dockerignore excluding " + joinAnd(shown), Edits: []Edit{e}}, true
}

// mayNeed reports whether the build or the image may rely on the heavy path
// h being sent: version-control data when a RUN calls the tool,
// dependencies and virtualenvs when no RUN installs them (the image may run
// with the host's), Terraform providers when no RUN runs terraform, and
// build output always (the image may ship what the host built).
func mayNeed(f *dockerfile.File, h heavyPath) bool {
	switch name := path.Base(h.Path); heavyNames[name] {
	case "version control":
		return runsCommand(f, strings.TrimPrefix(name, "."))
	case "dependencies":
		return !installsWith(f, MgrNpm, MgrYarn, MgrPnpm)
	case "virtualenv":
		return !installsWith(f, MgrPip, MgrPipenv, MgrPoetry, MgrUv)
	case "providers":
		return !runsCommand(f, "terraform")
	case "build output":
		return true
	}
	return false
}

// runsCommand reports whether some RUN runs the command name.
func runsCommand(f *dockerfile.File, name string) bool {
	for _, r := range hlRuns(f) {
		if len(hlCommands(r.In.Run, name)) > 0 {
			return true
		}
	}
	return false
}

// installsWith reports whether some RUN installs packages or project
// dependencies with one of the managers.
func installsWith(f *dockerfile.File, ms ...Manager) bool {
	for _, r := range hlRuns(f) {
		for _, c := range PkgCmds(r.In.Run) {
			if c.Action == PkgInstall && slices.Contains(ms, c.Manager) {
				return true
			}
		}
	}
	return false
}

// heavyKind says what a heavy path holds, for the ignore file's comment.
func heavyKind(h heavyPath) string {
	if h.Path == "*.log" {
		return "logs"
	}
	return heavyNames[path.Base(h.Path)]
}

// collapseHeavy drops a top-level heavy directory when the same name is
// also found nested: its "**/name" line covers both.
func collapseHeavy(hs []heavyPath) []heavyPath {
	var out []heavyPath
	for _, h := range hs {
		if !strings.HasPrefix(h.Pattern, "**/") && slices.ContainsFunc(hs, func(o heavyPath) bool { return o.Pattern == "**/"+h.Pattern }) {
			continue
		}
		out = append(out, h)
	}
	return out
}

// ignorePatterns renders the ignore-file lines that exclude hs, each once,
// sorted, a top-level name left out when "**/name" covers it.
func ignorePatterns(hs []heavyPath) []string {
	var q []string
	for _, h := range collapseHeavy(hs) {
		if !slices.Contains(q, h.Pattern) {
			q = append(q, h.Pattern)
		}
	}
	sort.Strings(q)
	return q
}

// heavyPath is a directory (or a group of files) that rarely belongs in an
// image: version-control data, dependencies, build output, caches, logs.
type heavyPath struct {
	Path    string // the directory, or "*.log" for log files
	Pattern string // the ignore-file line that excludes it
	ctxscan.Usage
}

// heavyNames are directory names whose contents are volatile or
// reinstallable; the value is why.
var heavyNames = map[string]string{
	".git": "version control", ".hg": "version control", ".svn": "version control",
	"node_modules": "dependencies", ".venv": "virtualenv", "venv": "virtualenv",
	"__pycache__": "bytecode", ".pytest_cache": "cache", ".mypy_cache": "cache", ".tox": "cache",
	"target": "build output", "dist": "build output", ".next": "build output", ".nuxt": "build output",
	".gradle": "cache", ".terraform": "providers", "coverage": "test output",
	"logs": "logs",
}

// heavyPaths finds the heavy directories among entries (the outermost ones)
// and groups *.log files, largest first.
func heavyPaths(cx *ctxscan.Context, entries []ctxscan.Entry) []heavyPath {
	var out []heavyPath
	var logs heavyPath
	skip := ""
	for _, e := range entries {
		if skip != "" && strings.HasPrefix(e.Path, skip) {
			continue
		}
		skip = ""
		base := path.Base(e.Path)
		if e.IsDir() {
			if _, ok := heavyNames[base]; ok {
				pat := e.Path
				if strings.Contains(e.Path, "/") {
					pat = "**/" + base
				}
				out = append(out, heavyPath{Path: e.Path, Pattern: pat, Usage: cx.UsageOf(e.Path)})
				skip = e.Path + "/"
			}
			continue
		}
		if strings.HasSuffix(base, ".log") {
			logs.Files++
			logs.Bytes += cx.Size(e.Path)
		}
	}
	if logs.Files > 0 {
		logs.Path, logs.Pattern = "*.log", "**/*.log"
		out = append(out, logs)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Bytes > out[j].Bytes })
	return out
}

// describeHeavy renders "node_modules (230 MB, 15210 files) and .git (…)".
func describeHeavy(hs []heavyPath, max int) string {
	var parts []string
	for i, h := range hs {
		if i == max {
			parts = append(parts, fmt.Sprintf("%d more", len(hs)-max))
			break
		}
		name := h.Path
		if name == "*.log" {
			name = "log files"
		}
		parts = append(parts, fmt.Sprintf("%s (%s, %s)", name, humanBytes(h.Bytes), plural(h.Files, "file")))
	}
	return joinAnd(parts)
}

// suggestPatterns renders the ignore-file lines that exclude hs, each once.
func suggestPatterns(hs []heavyPath) string {
	seen := map[string]bool{}
	var q []string
	for _, h := range hs {
		if !seen[h.Pattern] {
			seen[h.Pattern] = true
			q = append(q, h.Pattern)
		}
	}
	sort.Strings(q)
	return strings.Join(q, ", ")
}
