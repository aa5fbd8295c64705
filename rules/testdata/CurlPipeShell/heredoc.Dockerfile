# syntax=docker/dockerfile:1
FROM debian:bookworm-slim
# want "CurlPipeShell"
RUN <<EOF
set -eu
apt-get update
curl -fsSL https://example.com/install.sh | bash
EOF
