#!/usr/bin/env bash
# ctxscan against BuildKit's own code: differential tests of the context walk
# and of COPY source resolution against github.com/tonistiigi/fsutil (the
# version BuildKit v0.34.2 pins), permission/symlink/socket cases, a short
# fuzz run, and the 200,000-file speed check (ctxscan must be at least 5x
# faster than fsutil.Walk and list the same entries). fsutil lives only in the
# nested test module ctxscan/internal/fsutildiff, never in layerlint's go.mod.
#
# Usage: .ci/ctxscan-diff.sh [seeds]   (default 3000 random trees)
set -euo pipefail
cd "$(dirname "$0")/../ctxscan/internal/fsutildiff"
seeds="${1:-3000}"
test -z "$(gofmt -l .)" || { gofmt -l .; echo "gofmt needed" >&2; exit 1; }
go vet ./...
go test -count=1 -v -run 'Differential|SpecialFiles|Permissions' -seeds="$seeds" ./... 2>&1 | grep -E '^(---|ok|FAIL|PASS)|mismatches|entries|sources' 
go test -count=1 -run '^$' -fuzz '^FuzzScan$' -fuzztime "${CTXSCAN_FUZZTIME:-20s}" . 2>&1 | tail -3
CTXSCAN_SPEED=1 go test -count=1 -v -run '^TestWalkSpeed$' -bench '^BenchmarkContextWalk$' -benchtime 5x ./... 2>&1 | grep -Ev '^=== '
