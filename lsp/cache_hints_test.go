package lsp

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/layerlint/layerlint/ctxscan"
	"github.com/layerlint/layerlint/dockerfile"
)

const hintDockerfile = `FROM node:20 AS build
ARG VERSION=1
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
RUN npm run build

FROM nginx
COPY --from=build /app/dist /usr/share/nginx/html
`

func hintContext(t *testing.T) (string, *dockerfile.File, *ctxscan.Context) {
	t.Helper()
	dir := t.TempDir()
	for p, data := range map[string]string{
		"Dockerfile": hintDockerfile, "package.json": "{}", "package-lock.json": "{}",
		"src/app.ts": "x", "README.md": "", ".dockerignore": "*.md\n",
	} {
		full := filepath.Join(dir, filepath.FromSlash(p))
		os.MkdirAll(filepath.Dir(full), 0o755)
		if err := os.WriteFile(full, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	cx, err := ctxscan.Open(dir, ctxscan.Options{Dockerfile: filepath.Join(dir, "Dockerfile")})
	if err != nil {
		t.Fatal(err)
	}
	return dir, dockerfile.Parse("Dockerfile", []byte(hintDockerfile)), cx
}

func TestCacheHintLenses(t *testing.T) {
	dir, f, cx := hintContext(t)
	h := newCacheHints()
	if ls := h.lenses(f, cx); len(ls) != 0 {
		t.Fatalf("lenses before any change: %+v", ls)
	}
	h.note([]string{filepath.Join(dir, "README.md")})
	if ls := h.lenses(f, cx); len(ls) != 0 {
		t.Fatalf("an ignored file makes lenses: %+v", ls)
	}
	h.note([]string{filepath.Join(dir, "src", "app.ts"), "/elsewhere/x.ts"})
	ls := h.lenses(f, cx)
	if len(ls) != 2 {
		t.Fatalf("lenses %+v, want two", ls)
	}
	if got := f.Text(ls[0].Range); got != "COPY" || f.Position(ls[0].Range.Start).Line != 6 {
		t.Errorf("first lens on %q at line %d, want the COPY at line 6", got, f.Position(ls[0].Range.Start).Line)
	}
	if want := "src/app.ts changed → cache miss from here; 3 steps rerun (1 expensive)"; ls[0].Title != want {
		t.Errorf("title %q, want %q", ls[0].Title, want)
	}
	if f.Position(ls[1].Range.Start).Line != 10 || !strings.Contains(ls[1].Title, "stage build reruns") {
		t.Errorf("second lens %+v at line %d", ls[1], f.Position(ls[1].Range.Start).Line)
	}
}

func TestCacheHintHover(t *testing.T) {
	_, f, cx := hintContext(t)
	h := newCacheHints()
	for _, c := range []struct {
		line int
		want []string
	}{
		{1, []string{"step 1 of 7", "base image `node:20`"}},
		{5, []string{"previous step: line 4 `COPY package.json package-lock.json ./`", "`VERSION=1`", "working directory `/app`", "**expensive**: 'npm ci' installs dependencies"}},
		{6, []string{"the context root: 5 files from the build context", "with build arguments expanded", "**cheap**"}},
		{10, []string{"the result of stage `build`"}},
	} {
		in := f.InstructionAt(f.LineStart(c.line))
		text := h.hover(f, in, cx)
		for _, w := range c.want {
			if !strings.Contains(text, w) {
				t.Errorf("line %d: hover lacks %q:\n%s", c.line, w, text)
			}
		}
	}
}
