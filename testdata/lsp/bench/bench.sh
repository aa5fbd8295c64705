#!/usr/bin/env bash
# Language-server benchmark, layerlint and (when installed) the Node
# dockerfile-language-server side by side, with the shared peers' client
# (../shared/peers/bench-lsp.sh: vscode-jsonrpc over stdio, push diagnostics).
#
# For 600- and 6,000-line synthetic Dockerfiles (dockerfile.SyntheticDockerfile):
# initialize, didOpen → first publishDiagnostics, EDITS one-character
# incremental edits in a trailing comment (each waits for its publish: p50,
# p99), and one run of RSS_EDITS edits on the 600-line file for the resident
# memory after them. Prints a table and keeps the raw JSON in OUT.
#
# Env: PEERS (default: ../shared/peers beside the repository), PEERS_HOME,
# EDITS (default 200), RSS_EDITS (default 10000), OUT (default bench-lsp.out),
# SERVERS ("layerlint docker-langserver": which to run).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
cd "$root"
PEERS="${PEERS:-$root/../shared/peers}"
EDITS="${EDITS:-200}"
RSS_EDITS="${RSS_EDITS:-10000}"
OUT="${OUT:-$root/bench-lsp.out}"
SERVERS="${SERVERS:-layerlint docker-langserver}"
export PEERS_HOME="${PEERS_HOME:-$HOME/.cache/dockerfile-peers}"

if [ ! -x "$PEERS/bench-lsp.sh" ]; then
	echo "bench-lsp: $PEERS/bench-lsp.sh not found; set PEERS to the shared peers folder" >&2
	exit 2
fi
command -v node >/dev/null || { echo "bench-lsp: node is needed by the peers' LSP client" >&2; exit 2; }
if [ ! -d "$PEERS_HOME/node/node_modules/vscode-jsonrpc" ]; then
	echo "bench-lsp: the peers' npm packages are missing; run $PEERS/setup.sh" >&2
	exit 2
fi

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
go build -o "$tmp/layerlint" ./cmd/layerlint
for n in 600 6000; do
	mkdir -p "$tmp/d$n"
	go run ./lsp/internal/gendockerfile "$n" >"$tmp/d$n/Dockerfile"
done

cmd_for() {
	case "$1" in
	layerlint) echo "$tmp/layerlint lsp" ;;
	docker-langserver)
		if command -v docker-langserver >/dev/null 2>&1 || [ -x "$PEERS_HOME/bin/docker-langserver" ]; then
			echo "docker-langserver --stdio"
		fi
		;;
	esac
}

: >"$OUT"
for server in $SERVERS; do
	cmd="$(cmd_for "$server")"
	if [ -z "$cmd" ]; then
		echo "bench-lsp: $server is not installed; skipped" >&2
		continue
	fi
	for n in 600 6000; do
		echo "bench-lsp: $server, $n lines, $EDITS edits" >&2
		printf '{"server":"%s","lines":%d,"run":"edits","result":' "$server" "$n" >>"$OUT"
		LSP_TIMEOUT_MS=30000 "$PEERS/bench-lsp.sh" "$cmd" "$tmp/d$n/Dockerfile" "$EDITS" | tr -d '\n' >>"$OUT"
		echo '}' >>"$OUT"
	done
	echo "bench-lsp: $server, 600 lines, $RSS_EDITS edits (memory)" >&2
	printf '{"server":"%s","lines":600,"run":"rss","result":' "$server" >>"$OUT"
	LSP_TIMEOUT_MS=30000 "$PEERS/bench-lsp.sh" "$cmd" "$tmp/d600/Dockerfile" "$RSS_EDITS" | tr -d '\n' >>"$OUT"
	echo '}' >>"$OUT"
done

python3 - "$OUT" <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
def g(d, *ks):
    for k in ks:
        if not isinstance(d, dict) or k not in d or d[k] is None:
            return None
        d = d[k]
    return d
def f(v, unit=""):
    return "-" if v is None else (f"{v:.1f}{unit}" if isinstance(v, float) else f"{v}{unit}")
print(f"{'server':<18} {'lines':>5} {'init ms':>8} {'open→diag ms':>13} {'edit→diag p50':>14} {'p99':>8} {'max':>8} {'full p50':>9} {'RSS idle MB':>12}")
for r in rows:
    if r["run"] != "edits":
        continue
    x = r["result"]
    rss = g(x, "server_rss_idle", "VmRSS_kB")
    print(f"{r['server']:<18} {r['lines']:>5} {f(g(x,'init_ms')):>8} {f(g(x,'didOpen_to_diagnostics_ms')):>13} "
          f"{f(g(x,'didChange_incremental','p50_ms')):>14} {f(g(x,'didChange_incremental','p99_ms')):>8} "
          f"{f(g(x,'didChange_incremental','max_ms')):>8} {f(g(x,'didChange_full','p50_ms')):>9} {f(rss/1024 if rss else None):>12}")
for r in rows:
    if r["run"] != "rss":
        continue
    x = r["result"]
    n = g(x, "didChange_incremental", "n")
    rss, hwm = g(x, "server_rss_after", "VmRSS_kB"), g(x, "server_rss_after", "VmHWM_kB")
    print(f"{r['server']}: RSS after {n} edits on 600 lines: {f(rss/1024 if rss else None)} MB (peak {f(hwm/1024 if hwm else None)} MB), "
          f"edit→diag p50 {f(g(x,'didChange_incremental','p50_ms'))} ms, p99 {f(g(x,'didChange_incremental','p99_ms'))} ms")
PY
echo "raw results: $OUT" >&2
