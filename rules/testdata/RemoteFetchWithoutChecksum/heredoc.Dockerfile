# syntax=docker/dockerfile:1
FROM debian:bookworm-slim
ARG GO_SHA256
# want "RemoteFetchWithoutChecksum"
RUN <<EOF
set -eu
curl -fsSLo /tmp/go.tgz "https://go.dev/dl/go1.22.5.linux-amd64.tar.gz"
tar -C /usr/local -xzf /tmp/go.tgz
EOF
RUN <<EOF
set -eu
curl -fsSLo /tmp/go.tgz "https://go.dev/dl/go1.22.5.linux-amd64.tar.gz"
echo "${GO_SHA256}  /tmp/go.tgz" | sha256sum -c -
tar -C /usr/local -xzf /tmp/go.tgz
EOF
