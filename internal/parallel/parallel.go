// Package parallel runs index-range work on all cores. Callers write
// results into slots indexed by position, so output order never depends
// on scheduling.
package parallel

import (
	"runtime"
	"sync"
	"sync/atomic"
)

// Batches calls fn on the batches [lo, hi) of [0, n), of size batch, on up
// to GOMAXPROCS goroutines, and returns when all are done. With one
// batch or one core, fn runs once on [0, n) in the calling goroutine.
func Batches(n, batch int, fn func(lo, hi int)) {
	if batch < 1 {
		batch = 1
	}
	nb := (n + batch - 1) / batch
	workers := min(nb, runtime.GOMAXPROCS(0))
	if workers <= 1 {
		if n > 0 {
			fn(0, n)
		}
		return
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for {
				b := int(next.Add(1) - 1)
				if b >= nb {
					return
				}
				fn(b*batch, min(n, (b+1)*batch))
			}
		})
	}
	wg.Wait()
}

// BatchesWith is Batches with state per goroutine: init makes one state
// for each goroutine that runs batches (one in all with one core), and
// every batch that goroutine runs gets it. Callers keep caches there that
// must not be shared between goroutines.
func BatchesWith[S any](n, batch int, init func() S, fn func(s S, lo, hi int)) {
	if batch < 1 {
		batch = 1
	}
	nb := (n + batch - 1) / batch
	workers := min(nb, runtime.GOMAXPROCS(0))
	if workers <= 1 {
		if n > 0 {
			fn(init(), 0, n)
		}
		return
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			s := init()
			for {
				b := int(next.Add(1) - 1)
				if b >= nb {
					return
				}
				fn(s, b*batch, min(n, (b+1)*batch))
			}
		})
	}
	wg.Wait()
}

// Each calls fn(0), ..., fn(n-1) on up to GOMAXPROCS goroutines, each k
// once, and returns when all have returned: Batches of one.
func Each(n int, fn func(k int)) {
	Batches(n, 1, func(lo, hi int) {
		for k := lo; k < hi; k++ {
			fn(k)
		}
	})
}
