#!/usr/bin/env bash
# Real-client tests of the language server: Neovim (the Debian package, 0.7.2
# on bookworm) runs headless as the LSP client of a freshly built
# `layerlint lsp`, on testdata/lsp/nvim/Dockerfile, and checks what it stored
# and applied (testdata/lsp/nvim/check.lua). Installs Neovim with apt when
# missing. Exits non-zero when a check fails. Called from .ci/run.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

if ! command -v nvim >/dev/null 2>&1; then
	echo "nvim not found; installing the neovim package with apt-get" >&2
	SUDO=""
	if [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1; then
		SUDO=sudo
	fi
	$SUDO apt-get update
	DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends neovim
fi
nvim --version | head -n 1

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
go build -o "$tmp/layerlint" ./cmd/layerlint
mkdir -p "$tmp/ws"
cp testdata/lsp/nvim/Dockerfile "$tmp/ws/Dockerfile"
cd "$tmp/ws"
# -u NONE: no user config; -i NONE: no shada; -n: no swap file
LAYERLINT="$tmp/layerlint" timeout 180 nvim --headless -u NONE -i NONE -n \
	-c "luafile $root/testdata/lsp/nvim/check.lua" Dockerfile
