// Package par runs per-item work of one file on several cores when the file
// is large enough to repay the goroutines.
package par

import (
	"fmt"
	"runtime"
	"runtime/debug"
	"sync"
	"sync/atomic"
)

// Min is the number of items below which per-instruction work runs
// on the calling goroutine: for the typical 20-instruction file the
// goroutines cost more than they save.
const Min = 64

// Force, when set (tests), overrides Workers.
var Force int

// Workers returns how many goroutines work on n items should use.
func Workers(n int) int {
	if Force > 0 {
		return Force
	}
	if n < Min {
		return 1
	}
	return max(1, min(runtime.GOMAXPROCS(0), 4))
}

// Do calls fn(worker, i) for every i in [0, n) on w goroutines (the
// caller's when w is 1). A panic in fn is raised again in the caller, with
// the worker's stack, so that the caller's recovery sees it.
func Do(w, n int, fn func(worker, i int)) {
	if w <= 1 {
		for i := 0; i < n; i++ {
			fn(0, i)
		}
		return
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	var once sync.Once
	var crash any
	for k := 0; k < w; k++ {
		wg.Add(1)
		go func(k int) {
			defer wg.Done()
			defer func() {
				if r := recover(); r != nil {
					once.Do(func() { crash = fmt.Sprintf("%v\n%s", r, debug.Stack()) })
				}
			}()
			for {
				i := int(next.Add(1) - 1)
				if i >= n {
					return
				}
				fn(k, i)
			}
		}(k)
	}
	wg.Wait()
	if crash != nil {
		panic(crash)
	}
}
