# syntax=docker/dockerfile:1
FROM debian:bookworm
# want "UpdateWithoutInstall: ^apt-get update runs"
RUN <<EOF
set -e
apt-get update
EOF
RUN <<EOF
set -e
apt-get update
apt-get install -y curl
rm -rf /var/lib/apt/lists/*
EOF
# want "UpdateWithoutInstall"
ONBUILD RUN apt-get update
ONBUILD RUN apt-get install -y curl
