package ctxscan

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/layerlint/layerlint/dockerfile"
)

// TestInferDirDefinitions infers contexts from compose and bake files in
// real directories. Paths are relative to the project root, which is the
// working directory, so reasons are compared exactly.
func TestInferDirDefinitions(t *testing.T) {
	for _, tc := range []struct {
		name       string
		files      map[string]string // Dockerfiles not listed here are written empty
		dockerfile string
		dir        string
		reason     string
	}{{
		name: "hcl variables",
		files: map[string]string{"docker-bake.hcl": `
variable "SERVICES" { default = "services" }
variable "API" { default = "${SERVICES}/api" }
target "api" {
  context    = API
  dockerfile = "docker/Dockerfile"
}
`},
		dockerfile: "services/api/docker/Dockerfile",
		dir:        "services/api",
		reason:     `target "api" of docker-bake.hcl builds it with context services/api`,
	}, {
		name: "variables are defaults, never the environment",
		files: map[string]string{"docker-bake.hcl": `
variable "HOME" { default = "app" }
target "app" {
  context    = "${HOME}"
  dockerfile = "docker/Dockerfile"
}
`},
		dockerfile: "app/docker/Dockerfile",
		dir:        "app",
		reason:     `target "app" of docker-bake.hcl builds it with context app`,
	}, {
		name: "global attributes, untyped variables without default, functions",
		files: map[string]string{"docker-bake.hcl": `
ROOT = "Src"
variable "SUFFIX" {}
target "x" {
  context    = "${lower(ROOT)}${SUFFIX}"
  dockerfile = trimprefix("../../build/x.Dockerfile", "../")
}
`},
		dockerfile: "build/x.Dockerfile",
		dir:        "src",
		reason:     `target "x" of docker-bake.hcl builds it with context src`,
	}, {
		name: "context .. with the Dockerfile in a subfolder",
		files: map[string]string{"app/docker-bake.hcl": `
target "app" {
  context    = ".."
  dockerfile = "app/docker/Dockerfile"
}
`},
		dockerfile: "app/docker/Dockerfile",
		dir:        ".",
		reason:     `target "app" of app/docker-bake.hcl builds it with context .`,
	}, {
		name: "inherits, transitively",
		files: map[string]string{"docker-bake.hcl": `
target "_common" { context = "src" }
target "base" {
  inherits   = ["_common"]
  dockerfile = "../docker/base.Dockerfile"
}
target "app" {
  inherits   = ["base"]
  dockerfile = "../docker/app.Dockerfile"
}
`},
		dockerfile: "docker/app.Dockerfile",
		dir:        "src",
		reason:     `target "app" of docker-bake.hcl builds it with context src`,
	}, {
		name: "inherits in a cycle",
		files: map[string]string{"docker-bake.hcl": `
target "a" {
  inherits = ["b"]
  context  = "cyc"
}
target "b" {
  inherits   = ["a"]
  dockerfile = "../Dockerfile.cyc"
}
`},
		dockerfile: "Dockerfile.cyc",
		dir:        "cyc",
		reason:     `target "a" of docker-bake.hcl builds it with context cyc`,
	}, {
		name: "inherits a missing target",
		files: map[string]string{"docker-bake.hcl": `
target "app" {
  inherits   = ["nowhere"]
  context    = "."
  dockerfile = "app/Dockerfile"
}
`},
		dockerfile: "app/Dockerfile",
		dir:        "app",
	}, {
		name: "json",
		files: map[string]string{"docker-bake.json": `{
  "variable": {"SRC": {"default": "backend"}},
  "target": {"be": {"context": "${SRC}", "dockerfile": "docker/Dockerfile"}}
}`},
		dockerfile: "backend/docker/Dockerfile",
		dir:        "backend",
		reason:     `target "be" of docker-bake.json builds it with context backend`,
	}, {
		name: "the override file wins",
		files: map[string]string{
			"docker-bake.hcl":          `target "app" { context = "app" }`,
			"docker-bake.override.hcl": "target \"app\" {\n  context = \".\"\n  dockerfile = \"app/Dockerfile\"\n}\n",
		},
		dockerfile: "app/Dockerfile",
		dir:        ".",
		reason:     `target "app" of docker-bake.override.hcl builds it with context .`,
	}, {
		name: "variables are shared between the files",
		files: map[string]string{
			"docker-bake.json":         `{"variable": {"DIR": {"default": "web"}}}`,
			"docker-bake.hcl":          `target "web" { dockerfile = "../docker/web.Dockerfile" }`,
			"docker-bake.override.hcl": `target "web" { context = DIR }`,
		},
		dockerfile: "docker/web.Dockerfile",
		dir:        "web",
		reason:     `target "web" of docker-bake.override.hcl and docker-bake.hcl builds it with context web`,
	}, {
		name: "bake overrides compose in the same directory",
		files: map[string]string{
			"compose.yaml":    "services:\n  api:\n    build:\n      context: .\n      dockerfile: api/Dockerfile\n",
			"docker-bake.hcl": `target "api" { dockerfile = "api/Dockerfile.bake" }`,
		},
		dockerfile: "api/Dockerfile.bake",
		dir:        ".",
		reason:     `target "api" of compose.yaml and docker-bake.hcl builds it with context .`,
	}, {
		name: "compose's Dockerfile replaced by bake's",
		files: map[string]string{
			"compose.yaml":    "services:\n  api:\n    build:\n      context: .\n      dockerfile: api/Dockerfile\n",
			"docker-bake.hcl": `target "api" { dockerfile = "api/Dockerfile.bake" }`,
		},
		dockerfile: "api/Dockerfile",
		dir:        "api",
	}, {
		name:       "compose alone",
		files:      map[string]string{"docker-compose.yml": "services:\n  web:\n    build:\n      context: .\n      dockerfile: web/Dockerfile\n  db:\n    image: postgres\n"},
		dockerfile: "web/Dockerfile",
		dir:        ".",
		reason:     `service "web" of docker-compose.yml builds it with context .`,
	}, {
		name: "matrix",
		files: map[string]string{"docker-bake.hcl": `
target "svc" {
  name       = "svc-${item}"
  matrix     = { item = ["a", "b"] }
  context    = item
  dockerfile = "docker/Dockerfile"
}
`},
		dockerfile: "b/docker/Dockerfile",
		dir:        "b",
		reason:     `target "svc-b" of docker-bake.hcl builds it with context b`,
	}, {
		name: "BAKE_CMD_CONTEXT and cwd://",
		files: map[string]string{"docker-bake.hcl": `
target "one" {
  context    = BAKE_CMD_CONTEXT
  dockerfile = "one/Dockerfile"
}
target "two" {
  context    = "cwd://lib"
  dockerfile = "cwd://two/Dockerfile"
}
`},
		dockerfile: "two/Dockerfile",
		dir:        "lib",
		reason:     `target "two" of docker-bake.hcl builds it with context lib`,
	}, {
		name: "the nearest directory wins",
		files: map[string]string{
			"docker-bake.hcl":        "target \"far\" {\n  dockerfile = \"a/b/Dockerfile\"\n}\n",
			"a/docker-bake.hcl":      "target \"near\" {\n  dockerfile = \"b/Dockerfile\"\n}\n",
			"a/b/docker-compose.yml": "services:\n  other:\n    build: ../../elsewhere\n",
		},
		dockerfile: "a/b/Dockerfile",
		dir:        "a",
		reason:     `target "near" of a/docker-bake.hcl builds it with context a`,
	}, {
		name: "dockerfile-inline names no file",
		files: map[string]string{"docker-bake.hcl": `
target "inline" {
  context           = "."
  dockerfile        = "x/Dockerfile"
  dockerfile-inline = "FROM alpine"
}
`},
		dockerfile: "x/Dockerfile",
		dir:        "x",
	}, {
		name: "a target context is no directory",
		files: map[string]string{"docker-bake.hcl": `
target "base" { dockerfile = "base.Dockerfile" }
target "app" {
  context    = "target:base"
  dockerfile = "../app/Dockerfile"
}
`},
		dockerfile: "app/Dockerfile",
		dir:        "app",
	}, {
		name: "an unknown variable or function leaves the target out",
		files: map[string]string{"docker-bake.hcl": `
target "a" {
  context    = "${NOPE}"
  dockerfile = "../a/Dockerfile"
}
target "b" {
  context    = timestamp()
  dockerfile = "../a/Dockerfile"
}
variable "T" { type = string }
target "c" {
  context    = "${T}"
  dockerfile = "../a/Dockerfile"
}
`},
		dockerfile: "a/Dockerfile",
		dir:        "a",
	}, {
		name:       "malformed hcl",
		files:      map[string]string{"docker-bake.hcl": "target \"app\" {\n  context = \".\"\n  dockerfile = \n}\n"},
		dockerfile: "app/Dockerfile",
		dir:        "app",
		reason:     "docker-bake.hcl:3: invalid expression; the file is ignored",
	}, {
		name: "malformed json beside a good override",
		files: map[string]string{
			"docker-bake.json":          `{"target": {"app": {"context": "."}}`,
			"docker-bake.override.json": `{"target": {"app": {"context": ".", "dockerfile": "app/Dockerfile"}}}`,
		},
		dockerfile: "app/Dockerfile",
		dir:        ".",
		reason:     `target "app" of docker-bake.override.json builds it with context .; docker-bake.json:1: unclosed object; the file is ignored`,
	}, {
		name:       "malformed compose",
		files:      map[string]string{"compose.yaml": "services:\n  - a\n  b: c\n"},
		dockerfile: "app/Dockerfile",
		dir:        "app",
		reason:     "compose.yaml:3: value is not allowed in this context; the file is ignored",
	}, {
		name: "a directory named like a bake file",
		files: map[string]string{
			"docker-bake.hcl/x":        "",
			"docker-bake.override.hcl": "target \"app\" {\n  dockerfile = \"app/Dockerfile\"\n}\n",
		},
		dockerfile: "app/Dockerfile",
		dir:        ".",
		reason:     `target "app" of docker-bake.override.hcl builds it with context .; docker-bake.hcl: not a regular file; the file is ignored`,
	}, {
		name: "bake files above the repository are not read",
		files: map[string]string{
			"docker-bake.hcl": "target \"app\" {\n  dockerfile = \"repo/app/Dockerfile\"\n}\n",
			"repo/.git/HEAD":  "ref: refs/heads/main\n",
		},
		dockerfile: "repo/app/Dockerfile",
		dir:        "repo/app",
	}} {
		t.Run(tc.name, func(t *testing.T) {
			root := t.TempDir()
			t.Chdir(root)
			t.Setenv("HOME", "elsewhere") // bake would read it; layerlint must not
			files := map[string]string{tc.dockerfile: "FROM alpine\n"}
			for p, data := range tc.files {
				files[p] = data
			}
			writeFiles(t, root, files)
			f := dockerfile.Parse(tc.dockerfile, []byte(files[tc.dockerfile]))
			dir, reason := InferDir(f, tc.dockerfile)
			if dir != filepath.FromSlash(tc.dir) {
				t.Errorf("dir %q, want %q (reason %q)", dir, tc.dir, reason)
			}
			if reason != tc.reason {
				t.Errorf("reason %q\nwant   %q", reason, tc.reason)
			}
		})
	}
}

// TestInferDirAbsolute: an absolute Dockerfile path gives an absolute
// context and absolute file names in the reason.
func TestInferDirAbsolute(t *testing.T) {
	root := t.TempDir()
	writeFiles(t, root, map[string]string{
		"deploy/docker-bake.hcl": "target \"app\" {\n  context = \"../src\"\n  dockerfile = \"../deploy/app/Dockerfile\"\n}\n",
		"deploy/app/Dockerfile":  "FROM alpine\nCOPY . .\n",
	})
	df := filepath.Join(root, "deploy", "app", "Dockerfile")
	f := dockerfile.Parse(df, []byte("FROM alpine\nCOPY . .\n"))
	dir, reason := InferDir(f, df)
	if want := filepath.Join(root, "src"); dir != want {
		t.Errorf("dir %q, want %q", dir, want)
	}
	want := `target "app" of ` + filepath.Join(root, "deploy", "docker-bake.hcl") + ` builds it with context ` + filepath.Join(root, "src")
	if reason != want {
		t.Errorf("reason %q\nwant   %q", reason, want)
	}
}

// writeFiles writes files (slash-separated paths relative to root).
func writeFiles(t *testing.T, root string, files map[string]string) {
	t.Helper()
	for p, data := range files {
		full := filepath.Join(root, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
