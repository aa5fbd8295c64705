# syntax=docker/dockerfile:1
FROM debian:bookworm-slim
# want "MissingNoInstallRecommends"
RUN <<EOF
set -e
apt-get update
apt-get install -y \
  curl \
  ca-certificates
rm -rf /var/lib/apt/lists/*
EOF
RUN <<EOF
apt-get update
apt-get install -y --no-install-recommends git
EOF
