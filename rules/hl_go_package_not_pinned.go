package rules

import (
	"strings"

	"github.com/layerlint/layerlint/dockerfile"
)

// GoPackageNotPinned reports go install, go get and go run of remote
// packages without a version.
var GoPackageNotPinned = register(&Rule{
	ID:       "GoPackageNotPinned",
	Aliases:  []string{"DL3062"},
	Category: CategoryCorrectness,
	Severity: SeverityInfo,
	Doc: Doc{
		Title: "go install of a module without a version",
		Description: "`go install golang.org/x/tools/gopls` (or `@latest`) resolves the newest version on " +
			"the day the layer is built, so the cached layer and the next uncached build hold different " +
			"tools and a breaking release breaks the build without any change to the Dockerfile. Name a " +
			"version: `go install golang.org/x/tools/gopls@v0.16.1`. Local packages (`.`, `./cmd/app`, " +
			"absolute paths) build what the context holds and are not reported; versions held in ARG or ENV " +
			"values are resolved.",
		Bad:  "FROM golang:1.22\nRUN go install golang.org/x/tools/gopls@latest\n",
		Good: "FROM golang:1.22\nRUN go install golang.org/x/tools/gopls@v0.16.1\n",
	},
	Run: func(p *Pass) { runPinned(p, hlPinGo) },
})

// hlGoValueOpts are the go build flags that take the next word.
var hlGoValueOpts = []string{
	"-C", "-o", "-modfile", "-tags", "-ldflags", "-gcflags", "-asmflags", "-gccgoflags", "-mod", "-p",
	"-pkgdir", "-toolexec", "-overlay", "-pgo", "-exec", "-buildmode", "-compiler", "-installsuffix", "-modcacherw",
}

var hlPinGo = hlPin{
	packages: func(c *dockerfile.Command) ([]dockerfile.Word, string, bool) {
		if c.Name() != "go" {
			return nil, "", false
		}
		ops := c.Operands(hlGoValueOpts...)
		if len(ops) < 2 {
			return nil, "", false
		}
		switch ops[0].Value {
		case "install", "get":
			return ops[1:], "go " + ops[0].Value, true
		case "run":
			// the words after the package are the program's arguments
			return ops[1:2], "go run", true
		}
		return nil, "", false
	},
	pinned: func(pkg string) bool {
		if pkg == "." || pkg == "all" || strings.HasPrefix(pkg, ".") || strings.HasPrefix(pkg, "/") || strings.HasSuffix(pkg, ".go") {
			return true
		}
		// standard-library and module-local packages have no dot in their first element
		if first, _, _ := strings.Cut(pkg, "/"); !strings.Contains(first, ".") {
			return true
		}
		_, v, ok := strings.Cut(pkg, "@")
		return ok && v != "latest" && v != "none" && v != "upgrade" && v != "patch" && v != ""
	},
	form: "<module>@<version>",
	noun: "module",
}
