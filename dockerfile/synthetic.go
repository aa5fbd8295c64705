package dockerfile

import (
	"bytes"
	"fmt"
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
