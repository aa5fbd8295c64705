#!/usr/bin/env bash
# Real-client test of the pre-commit hook in .pre-commit-hooks.yaml: Debian's
# pre-commit builds the hook from this repository's HEAD (language golang:
# "go install ./..." with the go on PATH) and runs it on a throw-away project
# with a good and a bad Dockerfile. It must fail on the bad one, naming the
# finding, and pass once the bad one is fixed.
#
# pre-commit try-repo builds from a commit, so this tests what is committed:
# it clones HEAD of this repository, never the work tree.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

if ! command -v pre-commit >/dev/null 2>&1; then
	echo "pre-commit not found; installing Debian's package" >&2
	SUDO=""
	if [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1; then
		SUDO=sudo
	fi
	$SUDO apt-get update
	$SUDO apt-get install -y --no-install-recommends pre-commit
fi
pre-commit --version

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# The hook repository: this repository's HEAD.
git clone --quiet --no-hardlinks "$repo" "$work/layerlint"
echo "hook repository at $(git -C "$work/layerlint" rev-parse --short HEAD)"

# pre-commit gives the hook environment a GOPATH of its own; keep the module
# cache shared so that the build does not download every module again.
GOMODCACHE="$(go env GOMODCACHE)"
export GOMODCACHE
export PRE_COMMIT_HOME="$work/pre-commit-home"

# The project: a configuration that makes PackageCacheNotCleaned an error and
# fails only on errors, a good Dockerfile and a bad one.
proj="$work/project"
mkdir -p "$proj/api" "$proj/web"
cd "$proj"
git init --quiet .
git config user.email ci@example.invalid
git config user.name ci
cat > .layerlint.yaml <<'YAML'
rules:
  PackageCacheNotCleaned: {severity: error}
fail-level: error
YAML
cat > api/Dockerfile <<'DOCKERFILE'
FROM python:3.12-slim
RUN pip install --no-cache-dir flask==3.0.3
DOCKERFILE
cat > web/Dockerfile <<'DOCKERFILE'
FROM python:3.12-slim
RUN pip install flask==3.0.3
DOCKERFILE
echo "not a Dockerfile" > README.md
git add -A
git commit --quiet -m "project with a bad Dockerfile"

run() {
	set +e
	pre-commit try-repo "$work/layerlint" layerlint --all-files --verbose >"$work/out" 2>&1
	status=$?
	set -e
	cat "$work/out"
}

echo "== with the bad Dockerfile"
run
if [ "$status" -eq 0 ]; then
	echo "FAIL: the hook passed with web/Dockerfile unfixed" >&2
	exit 1
fi
grep -q "web/Dockerfile:2:5: error PackageCacheNotCleaned pip install leaves ~/.cache/pip in the layer" "$work/out" || {
	echo "FAIL: the hook's output does not name the finding in web/Dockerfile" >&2
	exit 1
}
if grep -q "^api/Dockerfile:.*error" "$work/out"; then
	echo "FAIL: the good Dockerfile has an error" >&2
	exit 1
fi
grep -q "README.md" "$work/out" && {
	echo "FAIL: the hook was given a file that is not a Dockerfile" >&2
	exit 1
}

echo "== with the bad Dockerfile fixed"
sed -i 's/pip install flask/pip install --no-cache-dir flask/' web/Dockerfile
git add -A
git commit --quiet -m "fix web/Dockerfile"
run
if [ "$status" -ne 0 ]; then
	echo "FAIL: the hook failed with every Dockerfile fixed (exit $status)" >&2
	exit 1
fi
grep -q "Passed" "$work/out" || {
	echo "FAIL: pre-commit did not report the hook as passed" >&2
	exit 1
}
echo "precommit-test: 2 passed, 0 failed"
