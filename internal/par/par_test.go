package par

import "testing"

func TestParallelPanicReachesCaller(t *testing.T) {
	defer func() {
		if r := recover(); r == nil {
			t.Fatal("a worker's panic was not raised in the caller")
		}
	}()
	Do(3, 10, func(_, i int) {
		if i == 7 {
			panic("boom")
		}
	})
}
