#!/usr/bin/env bash
# Installs code-server 4.100.3 (VS Code 1.100, the last release that runs on
# Node 20) from the npm registry alone, for the extension's UI test.
#
# code-server's own install scripts download ripgrep and prebuilt native
# addons from outside the npm registry, so every package is installed with
# --ignore-scripts; then the native addons VS Code's server needs are compiled
# here with node-gyp against the installed Node headers, and Debian's rg
# stands in for @vscode/ripgrep's download.
#
# usage: install-code-server.sh DEST
# Needs: node 20 + npm, make, g++, python3, libkrb5-dev (kerberos), rg.
# Idempotent: DEST/.complete-<hash of the lock file> marks a finished
# install; anything else in DEST is removed and redone.
# Prints each step's duration on stderr.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
[ $# -eq 1 ] || { sed -n '2,16p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2; exit 2; }
dest=$1

for c in node npm make g++ python3 rg; do
	command -v "$c" >/dev/null || { echo "install-code-server: missing '$c'" >&2; exit 1; }
done
if [ "$(node -p 'process.versions.node.split(".")[0]')" != 20 ]; then
	echo "install-code-server: warning: code-server 4.100.3 targets Node 20; this is Node $(node --version)" >&2
fi

stamp=".complete-$(sha256sum "$here/code-server/package-lock.json" | cut -c1-16)"
if [ -f "$dest/$stamp" ]; then
	echo "code-server: already installed in $dest"
	exit 0
fi

export npm_config_fund=false npm_config_audit=false npm_config_update_notifier=false
# node-pty's build step runs `npx node-gyp`
export npm_config_yes=true
# node-gyp: the headers installed with Node, never a download
node_prefix=$(dirname "$(dirname "$(readlink -f "$(command -v node)")")")
if [ -z "${npm_config_nodedir:-}" ] && [ -f "$node_prefix/include/node/node_version.h" ]; then
	export npm_config_nodedir=$node_prefix
fi

step_start=0
step() { step_start=$SECONDS; echo "== code-server: $*" >&2; }
took() { echo "   ($((SECONDS - step_start)) s)" >&2; }

rm -rf "$dest"
mkdir -p "$dest"
dest="$(cd "$dest" && pwd)"
cp "$here/code-server/package.json" "$here/code-server/package-lock.json" "$dest/"

step "npm ci (code-server 4.100.3, no install scripts)"
(cd "$dest" && npm ci --ignore-scripts --no-audit --no-fund >/dev/null)
took

vs=$dest/node_modules/code-server/lib/vscode
step "VS Code server dependencies (lib/vscode, no install scripts)"
(cd "$vs" && npm install --omit=dev --ignore-scripts --no-audit --no-fund >/dev/null)
took

# The addons the server loads: file watching, logging, storage, the
# extension-host watchdog, the machine id, copy-on-write copies, proxy
# authentication and terminals. Built one by one so a failure names its addon.
for addon in @vscode/spdlog @parcel/watcher @vscode/sqlite3 @vscode/native-watchdog @vscode/deviceid \
	@vscode/fs-copyfile kerberos node-pty; do
	[ -d "$vs/node_modules/$addon" ] || continue
	step "compile $addon"
	(cd "$vs" && npm rebuild "$addon" >"$dest/rebuild.log" 2>&1) || { tail -40 "$dest/rebuild.log" >&2; exit 1; }
	took
done

step "links: ripgrep, node_modules.asar, remote CLI"
mkdir -p "$vs/node_modules/@vscode/ripgrep/bin"
ln -sf "$(command -v rg)" "$vs/node_modules/@vscode/ripgrep/bin/rg"
rm -rf "$vs/node_modules.asar" && ln -s node_modules "$vs/node_modules.asar"
(cd "$vs/bin/remote-cli" && ln -sf code-linux.sh code-server)
(cd "$vs/bin/helpers" && ln -sf browser-linux.sh browser.sh)
took

step "built-in extensions' dependencies"
(cd "$vs/extensions" && npm install --omit=dev --ignore-scripts --no-audit --no-fund >/dev/null)
took

# code-server loads argon2 (password hashing) at start-up, even with
# --auth none; its installer would try a download first
step "compile argon2"
(cd "$dest" && npm_config_build_from_source=true npm rebuild argon2 >"$dest/rebuild.log" 2>&1) \
	|| { tail -40 "$dest/rebuild.log" >&2; exit 1; }
took

touch "$dest/$stamp"
echo "code-server: installed in $dest"
