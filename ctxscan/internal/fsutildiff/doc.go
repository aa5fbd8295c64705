// Package fsutildiff holds differential tests and benchmarks of ctxscan
// against github.com/tonistiigi/fsutil, the library BuildKit uses to send a
// build context and to run COPY. It is a separate, test-only Go module so that
// fsutil and its dependencies never enter layerlint's own go.mod; run it with
// .ci/ctxscan-diff.sh or `go test` inside this directory.
package fsutildiff
