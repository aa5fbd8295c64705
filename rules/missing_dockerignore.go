package rules

import (
	"fmt"
	"path"
	"sort"
	"strings"

	"github.com/layerlint/layerlint/ctxscan"
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
			"file counts. Create a `.dockerignore` that lists them (for the paths found nested, use `**/name`).",
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
			}
			p.Report(Diagnostic{
				Range: s.Arg.Range,
				Message: fmt.Sprintf("%s sends %s into the image; there is no .dockerignore: create one listing %s",
					copyLabel(c.In), describeHeavy(heavy, 3), suggestPatterns(heavy)),
			})
		}
	}
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
