package dockerfile

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/moby/buildkit/frontend/dockerfile/parser"
)

// SyntheticDockerfile returns a realistic multi-stage Dockerfile of about
// lines lines: global ARGs, stages with apt/pip/npm installs, continuation
// lines, heredocs, COPY --from and metadata instructions.
func SyntheticDockerfile(lines int) []byte {
	var b bytes.Buffer
	b.WriteString("# syntax=docker/dockerfile:1\nARG NODE_VERSION=20\nARG PY=3.12\n")
	for stage := 0; countLines(b.Bytes()) < lines; stage++ {
		fmt.Fprintf(&b, "\nFROM node:${NODE_VERSION}-bookworm AS deps%d\n", stage)
		b.WriteString("WORKDIR /app\nENV NODE_ENV=production \\\n    PATH=/app/node_modules/.bin:$PATH\n")
		b.WriteString("RUN --mount=type=cache,target=/var/cache/apt \\\n    apt-get update \\\n && apt-get install -y --no-install-recommends \\\n      ca-certificates \\\n      curl \\\n      git \\\n && rm -rf /var/lib/apt/lists/*\n")
		b.WriteString("COPY package.json package-lock.json ./\nRUN npm ci --omit=dev && npm cache clean --force\n")
		b.WriteString("COPY . .\nRUN npm run build\n")
		fmt.Fprintf(&b, "\nFROM python:${PY}-slim AS py%d\n", stage)
		b.WriteString("LABEL org.opencontainers.image.title=\"app\" \\\n      org.opencontainers.image.version=\"1.0\"\n")
		b.WriteString("COPY requirements.txt .\nRUN pip install --no-cache-dir -r requirements.txt\n")
		b.WriteString("RUN <<EOF\nset -eux\nuseradd -m app\nmkdir -p /data && chown app /data\nEOF\n")
		fmt.Fprintf(&b, "COPY --from=deps%d /app/dist /app/dist\n", stage)
		b.WriteString("USER app\nEXPOSE 8080/tcp\nHEALTHCHECK --interval=30s CMD [\"curl\", \"-f\", \"http://localhost:8080/\"]\n")
		b.WriteString("ENTRYPOINT [\"python\", \"-m\", \"app\"]\n")
	}
	return b.Bytes()
}

func countLines(b []byte) int { return bytes.Count(b, []byte("\n")) }

func benchSizes(b *testing.B, fn func(b *testing.B, src []byte)) {
	for _, n := range []int{120, 600} {
		src := SyntheticDockerfile(n)
		b.Run(fmt.Sprintf("lines=%d", countLines(src)), func(b *testing.B) {
			b.SetBytes(int64(len(src)))
			b.ReportAllocs()
			fn(b, src)
		})
	}
}

// BenchmarkBuildKitParse is the baseline: BuildKit's bare parser.Parse.
func BenchmarkBuildKitParse(b *testing.B) {
	benchSizes(b, func(b *testing.B, src []byte) {
		for b.Loop() {
			if _, err := parser.Parse(bytes.NewReader(src)); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkParse is the whole model: BuildKit's parse, typed instructions,
// ranges, stages and shell-parsed RUN bodies.
func BenchmarkParse(b *testing.B) {
	benchSizes(b, func(b *testing.B, src []byte) {
		for b.Loop() {
			if f := Parse("Dockerfile", src); len(f.Errors) > 0 {
				b.Fatal(f.Errors)
			}
		}
	})
}

func BenchmarkParseCorpus(b *testing.B) {
	files, _ := filepath.Glob(filepath.Join(corpusDir, "*"))
	if len(files) == 0 {
		b.Skip("no corpus")
	}
	var srcs [][]byte
	total := 0
	for _, f := range files {
		s, _ := os.ReadFile(f)
		srcs = append(srcs, s)
		total += len(s)
	}
	b.SetBytes(int64(total))
	for b.Loop() {
		for _, s := range srcs {
			Parse("Dockerfile", s)
		}
	}
}
