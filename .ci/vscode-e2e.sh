#!/usr/bin/env bash
# The VS Code extension's tests, for .ci/run (and `make e2e-vscode`):
#   1. its type check and unit tests (node --test): binary resolution,
#      settings mapping, build-context command line;
#   2. make vsix for this machine's platform (VSIX_PLATFORMS to change it);
#   3. the UI test in a real VS Code: code-server 4.100.3 installed from the
#      npm registry (native addons compiled here; cached in CODE_SERVER_HOME,
#      default ~/.cache/layerlint/code-server-4.100.3), the VSIX installed with
#      --install-extension, Chromium driven by playwright-core
#      (vscode-extension/test/e2e/ui.test.mjs). Screenshots and logs go to
#      vscode-extension/test-artifacts/.
# Installs what it needs with apt (chromium, ripgrep, make, g++, python3,
# libkrb5-dev) and npm. Needs Node.js 20 with npm, and Go.
# LAYERLINT_SKIP_VSCODE_UI=1 skips step 3 (the code-server install and the
# UI test) and says so. Prints each step's duration.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
vsx=vscode-extension
start=$SECONDS
step_start=$SECONDS
step() { step_start=$SECONDS; echo "== vscode: $*"; }
took() { echo "   ($((SECONDS - step_start)) s)"; }

command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 || {
	echo "vscode-e2e: Node.js 20 and npm are required (node, npm not found)" >&2
	exit 1
}
node_major=$(node -p 'process.versions.node.split(".")[0]')
if [ "$node_major" -lt 20 ]; then
	echo "vscode-e2e: Node.js 20 is required (esbuild, vsce, code-server 4.100.3); this is $(node --version)" >&2
	exit 1
fi
export npm_config_fund=false npm_config_audit=false npm_config_update_notifier=false

SUDO=""
if [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1; then
	SUDO=sudo
fi
apt_updated=0
# apt_need PACKAGE...: install the packages that are not installed
apt_need() {
	local missing=() p
	for p in "$@"; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
	done
	[ ${#missing[@]} -eq 0 ] && return 0
	echo "installing with apt-get: ${missing[*]}"
	if [ $apt_updated = 0 ]; then
		$SUDO apt-get update -qq
		apt_updated=1
	fi
	DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

case "$(uname -m)" in
	x86_64 | amd64) platform=linux-x64 ;;
	aarch64 | arm64) platform=linux-arm64 ;;
	*) platform=linux-$(uname -m) ;;
esac
VSIX_PLATFORMS=${VSIX_PLATFORMS:-$platform}

mk() { make --no-print-directory -f "$vsx/Makefile.vsix" "$@"; }

step "npm ci, type check and unit tests"
mk test-vscode
took

step "make vsix (VSIX_PLATFORMS=$VSIX_PLATFORMS)"
mk vsix VSIX_PLATFORMS="$VSIX_PLATFORMS"
took
vsix=$(ls -t "$vsx"/dist/layerlint-*.vsix | head -n 1)

if [ "${LAYERLINT_SKIP_VSCODE_UI:-}" = 1 ]; then
	echo "== vscode: UI test SKIPPED (LAYERLINT_SKIP_VSCODE_UI=1): code-server was not installed and the"
	echo "   extension was not run in VS Code; unset LAYERLINT_SKIP_VSCODE_UI to run it"
	echo "== vscode: done in $((SECONDS - start)) s"
	exit 0
fi

step "system packages for code-server and the browser"
need=(chromium ripgrep libkrb5-dev)
command -v make >/dev/null 2>&1 || need+=(make)
command -v g++ >/dev/null 2>&1 || need+=(g++)
command -v python3 >/dev/null 2>&1 || need+=(python3)
apt_need "${need[@]}"
CHROMIUM=${CHROMIUM:-$(command -v chromium || command -v chromium-browser || true)}
[ -n "$CHROMIUM" ] || { echo "vscode-e2e: no chromium after installing it" >&2; exit 1; }
"$CHROMIUM" --version 2>/dev/null | head -n 1 || true
took

step "code-server 4.100.3"
CODE_SERVER_HOME=${CODE_SERVER_HOME:-$HOME/.cache/layerlint/code-server-4.100.3}
bash "$vsx/test/e2e/install-code-server.sh" "$CODE_SERVER_HOME"
took

step "UI test in code-server ($vsix)"
rm -rf "$vsx/test-artifacts"
CODE_SERVER_ENTRY="$CODE_SERVER_HOME/node_modules/code-server/out/node/entry.js" \
	LAYERLINT_VSIX="$root/$vsix" CHROMIUM="$CHROMIUM" \
	timeout 600 node --test --test-reporter=spec "$vsx/test/e2e/ui.test.mjs"
took
echo "   screenshots and logs: $vsx/test-artifacts/"
echo "== vscode: done in $((SECONDS - start)) s"
