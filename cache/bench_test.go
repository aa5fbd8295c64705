package cache

import (
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/layerlint/layerlint/ctxscan"
	"github.com/layerlint/layerlint/dockerfile"
)

// benchDockerfile builds a web front end and an API from a context of
// benchFiles files, with both the good pattern (manifests first) and a
// broad COPY before an install, so that Score has a fix to simulate.
const benchDockerfile = `# syntax=docker/dockerfile:1
ARG NODE_VERSION=20
FROM node:${NODE_VERSION} AS web
WORKDIR /web
COPY web/package.json web/package-lock.json ./
RUN npm ci
COPY web/ ./
RUN npm run build

FROM golang:1.22 AS api
WORKDIR /api
COPY api/ ./
RUN go mod download
RUN --mount=type=cache,target=/root/.cache/go-build go build -o /bin/api ./cmd/api

FROM alpine:3.20
RUN apk add --no-cache ca-certificates
COPY --from=api /bin/api /usr/local/bin/api
COPY --from=web /web/dist /srv/www
COPY config/*.yaml /etc/app/
ARG VERSION=dev
LABEL version=$VERSION
ENTRYPOINT ["api"]
`

const benchFiles = 10000

var (
	benchOnce sync.Once
	benchDir  string
)

// benchContext writes, once per test binary, a context of benchFiles files:
// web/src/<d>/<f>.ts, api/internal/<d>/<f>.go, config/*.yaml, docs/ and an
// ignored node_modules/ (not counted).
func benchContext(b *testing.B) string {
	benchOnce.Do(func() {
		dir, err := os.MkdirTemp("", "layerlint-cache-bench")
		if err != nil {
			b.Fatal(err)
		}
		write := func(p, data string) {
			full := filepath.Join(dir, filepath.FromSlash(p))
			if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
				b.Fatal(err)
			}
			if err := os.WriteFile(full, []byte(data), 0o644); err != nil {
				b.Fatal(err)
			}
		}
		write("Dockerfile", benchDockerfile)
		write(".dockerignore", "**/node_modules\n**/dist\n.git\n")
		write("web/package.json", "{}")
		write("web/package-lock.json", "{}")
		write("api/go.mod", "module example.com/api\n")
		write("api/go.sum", "")
		n := 6
		for i := 0; n < benchFiles; i++ {
			switch i % 10 {
			case 0, 1, 2, 3, 4:
				write(fmt.Sprintf("web/src/d%03d/f%d.ts", i%100, i), "export const x = 1\n")
			case 5, 6, 7:
				write(fmt.Sprintf("api/internal/p%03d/f%d.go", i%100, i), "package p\n")
			case 8:
				write(fmt.Sprintf("config/c%d.yaml", i), "k: v\n")
			case 9:
				write(fmt.Sprintf("docs/d%03d/n%d.md", i%50, i), "notes\n")
			}
			n++
		}
		for i := 0; i < 500; i++ {
			write(fmt.Sprintf("web/node_modules/m%d/index.js", i), "module.exports = 1\n")
		}
		benchDir = dir
	})
	return benchDir
}

func benchPlan(b *testing.B, dir string) *Plan {
	df := filepath.Join(dir, "Dockerfile")
	src, err := os.ReadFile(df)
	if err != nil {
		b.Fatal(err)
	}
	cx, err := ctxscan.Open(dir, ctxscan.Options{Dockerfile: df})
	if err != nil {
		b.Fatal(err)
	}
	p, err := New(dockerfile.Parse(df, src), cx, Options{})
	if err != nil {
		b.Fatal(err)
	}
	return p
}

// BenchmarkPredictFromScratch is `layerlint cache --changed FILE` minus
// process start: walk the context, parse, plan, predict. The OS caches are
// warm after the first iteration.
func BenchmarkPredictFromScratch(b *testing.B) {
	dir := benchContext(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		p := benchPlan(b, dir)
		if len(p.Context.Entries) < benchFiles {
			b.Fatalf("%d entries", len(p.Context.Entries))
		}
		res, err := p.Predict(Change{Files: []string{"web/src/d007/f7.ts"}})
		if err != nil || res.First() == nil {
			b.Fatal("nothing reruns", err)
		}
	}
}

// BenchmarkPredictWarm is an editor after a save: the context is scanned
// and the plan built; only the prediction runs.
func BenchmarkPredictWarm(b *testing.B) {
	p := benchPlan(b, benchContext(b))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := p.Predict(Change{Files: []string{"api/internal/p005/f5.go", "config/c8.yaml"}}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkPlanWarm is an editor after an edit of the Dockerfile: the
// context is scanned; the plan is rebuilt (every COPY resolved) and a
// prediction made.
func BenchmarkPlanWarm(b *testing.B) {
	dir := benchContext(b)
	p0 := benchPlan(b, dir)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		p, err := New(p0.File, p0.Context, Options{})
		if err != nil {
			b.Fatal(err)
		}
		if _, err := p.Predict(Change{Files: []string{"web/src/d007/f7.ts"}}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkPredictArgWarm changes a build argument, which re-plans.
func BenchmarkPredictArgWarm(b *testing.B) {
	p := benchPlan(b, benchContext(b))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := p.Predict(Change{Args: []ArgChange{{Name: "NODE_VERSION", Value: "22"}}}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkScoreWarm is `layerlint cache --score` on a planned context:
// the score, the simulated fixes and the score after them.
func BenchmarkScoreWarm(b *testing.B) {
	p := benchPlan(b, benchContext(b))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		sc := p.Score()
		q, fixes := p.Fixed()
		after := q.Score()
		if sc.Files < benchFiles || len(fixes) == 0 || after.Expensive >= sc.Expensive {
			b.Fatalf("score %+v, %d fixes, after %v", sc.Expensive, len(fixes), after.Expensive)
		}
	}
}

// BenchmarkFingerprintWarm computes every key from real content with the
// digests cached (a second fingerprint of an unchanged context).
func BenchmarkFingerprintWarm(b *testing.B) {
	p := benchPlan(b, benchContext(b))
	if _, err := p.Fingerprint(); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := p.Fingerprint(); err != nil {
			b.Fatal(err)
		}
	}
}

func TestMain(m *testing.M) {
	code := m.Run()
	if benchDir != "" {
		os.RemoveAll(benchDir)
	}
	os.Exit(code)
}
