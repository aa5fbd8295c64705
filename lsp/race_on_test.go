//go:build race

package lsp

// The race detector slows the server down about tenfold: the huge-document
// test uses a smaller document under it.
const raceEnabled = true
