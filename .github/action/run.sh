#!/usr/bin/env bash
# The work of the layerlint GitHub Action (action.yml at the repository
# root): build layerlint from the action's own checkout with go install, run
# "layerlint check" on the workspace with annotations (--format github) and a
# SARIF report, and exit with layerlint's exit code.
#
# Environment, as the runner and action.yml set it:
#   GITHUB_ACTION_PATH    the action's checkout (this repository); required
#   INPUT_PATHS           files and directories, separated by white space (default .)
#   INPUT_CONFIG          --config FILE, when not empty
#   INPUT_FAIL_LEVEL      --fail-level LEVEL, when not empty
#   INPUT_SARIF_FILE      where to write SARIF, when not empty
#   RUNNER_TEMP           where to put the built binary (default: a temporary directory)
#   GITHUB_OUTPUT         outputs exit-code and sarif-file are appended here, when set
#   GITHUB_STEP_SUMMARY   the text report is appended here, when set
# It runs in the current directory (the workspace, on a runner).
set -euo pipefail

: "${GITHUB_ACTION_PATH:?must be the directory of the action checkout}"

tmp="${RUNNER_TEMP:-}"
if [ -z "$tmp" ]; then
	tmp="$(mktemp -d)"
	trap 'rm -rf "$tmp"' EXIT
fi
bin="$tmp/layerlint-bin"
mkdir -p "$bin"

echo "::group::Build layerlint"
(cd "$GITHUB_ACTION_PATH" && GOBIN="$bin" go install ./cmd/layerlint)
"$bin/layerlint" version
echo "::endgroup::"

args=(check --format github)
sarif="${INPUT_SARIF_FILE:-}"
if [ -n "$sarif" ]; then
	mkdir -p "$(dirname "$sarif")"
	args+=(--format "sarif=$sarif")
fi
report="$tmp/layerlint-report.txt"
if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
	args+=(--format "text=$report")
fi
if [ -n "${INPUT_CONFIG:-}" ]; then
	args+=(--config "$INPUT_CONFIG")
fi
if [ -n "${INPUT_FAIL_LEVEL:-}" ]; then
	args+=(--fail-level "$INPUT_FAIL_LEVEL")
fi
# Split the paths on white space only: read does no globbing.
paths=()
read -r -d '' -a paths <<<"${INPUT_PATHS:-.}" || true
if [ "${#paths[@]}" -eq 0 ]; then
	paths=(.)
fi

set +e
"$bin/layerlint" "${args[@]}" -- "${paths[@]}"
code=$?
set -e

if [ -n "${GITHUB_OUTPUT:-}" ]; then
	{
		echo "exit-code=$code"
		echo "sarif-file=$sarif"
	} >>"$GITHUB_OUTPUT"
fi
if [ -n "${GITHUB_STEP_SUMMARY:-}" ] && [ -f "$report" ]; then
	{
		echo "### layerlint"
		echo
		if [ -s "$report" ]; then
			echo '```'
			cat "$report"
			echo '```'
		else
			echo "No findings."
		fi
	} >>"$GITHUB_STEP_SUMMARY"
fi
exit "$code"
