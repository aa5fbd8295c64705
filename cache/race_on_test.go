//go:build race

package cache

// The race detector slows the property tests about fivefold: they look at
// fewer generated worlds under it.
const raceEnabled = true
