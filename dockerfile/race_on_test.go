//go:build race

package dockerfile

// The race detector slows parsing about tenfold: the corpus-wide
// differential tests sample fewer files under it.
const raceEnabled = true
