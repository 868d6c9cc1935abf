// Package parallel runs index-range work on all cores. Callers write
// results into slots indexed by position, so output order never depends
// on scheduling.
package parallel

import (
	"io"
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

// WriteOrdered writes n items in batches: fill appends the text of the
// items [lo, hi) to a buffer. Batches are filled on all cores, a bounded
// number ahead of the writer, and written in order, so the output is
// that of filling them one after another.
func WriteOrdered(w io.Writer, n, batch int, fill func(b []byte, lo, hi int) []byte) error {
	return WriteOrderedWith(w, n, batch, func() struct{} { return struct{}{} },
		func(_ struct{}, b []byte, lo, hi int) []byte { return fill(b, lo, hi) })
}

// WriteOrderedWith is WriteOrdered with state per goroutine: init makes
// one for each goroutine that fills batches, for caches that must not be
// shared.
func WriteOrderedWith[S any](w io.Writer, n, batch int, init func() S, fill func(s S, b []byte, lo, hi int) []byte) error {
	nb := (n + batch - 1) / batch
	workers := min(nb, runtime.GOMAXPROCS(0))
	if workers <= 1 {
		var b []byte
		s := init()
		for lo := 0; lo < n; lo += batch {
			b = fill(s, b[:0], lo, min(n, lo+batch))
			if _, err := w.Write(b); err != nil {
				return err
			}
		}
		return nil
	}
	type job struct {
		lo, hi int
		out    chan []byte
	}
	jobs := make(chan job)
	pending := make(chan chan []byte, 2*workers) // in output order
	free := make(chan []byte, 3*workers+1)
	var stop atomic.Bool
	go func() {
		defer close(jobs)
		defer close(pending)
		for lo := 0; lo < n && !stop.Load(); lo += batch {
			out := make(chan []byte, 1)
			pending <- out
			jobs <- job{lo, min(n, lo+batch), out}
		}
	}()
	for range workers {
		go func() {
			s := init()
			for j := range jobs {
				var b []byte
				select {
				case b = <-free:
				default:
				}
				if stop.Load() {
					j.out <- b[:0]
					continue
				}
				j.out <- fill(s, b[:0], j.lo, j.hi)
			}
		}()
	}
	var err error
	for out := range pending {
		b := <-out
		if err == nil {
			if _, err = w.Write(b); err != nil {
				stop.Store(true)
			}
		}
		select {
		case free <- b:
		default:
		}
	}
	return err
}
