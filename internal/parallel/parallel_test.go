package parallel

import (
	"bytes"
	"errors"
	"fmt"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
)

// TestBatches: every index is visited exactly once, for sizes around the
// batch size and with one or several cores.
func TestBatches(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	for _, procs := range []int{1, 4} {
		runtime.GOMAXPROCS(procs)
		for _, n := range []int{0, 1, 7, 8, 9, 1000} {
			seen := make([]int32, n)
			Batches(n, 8, func(lo, hi int) {
				for i := lo; i < hi; i++ {
					seen[i]++
				}
			})
			for i, c := range seen {
				if c != 1 {
					t.Fatalf("procs %d, n %d: index %d visited %d times", procs, n, i, c)
				}
			}
		}
	}
}

// TestBatchesWith: every index is visited exactly once, and each state is
// used by one goroutine at a time.
func TestBatchesWith(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	for _, procs := range []int{1, 4} {
		runtime.GOMAXPROCS(procs)
		for _, n := range []int{0, 1, 7, 8, 9, 1000} {
			seen := make([]int32, n)
			inits := 0
			var mu sync.Mutex
			BatchesWith(n, 8, func() *int32 {
				mu.Lock()
				inits++
				mu.Unlock()
				return new(int32)
			}, func(busy *int32, lo, hi int) {
				if atomic.AddInt32(busy, 1) != 1 {
					t.Errorf("state shared between goroutines")
				}
				for i := lo; i < hi; i++ {
					seen[i]++
				}
				atomic.AddInt32(busy, -1)
			})
			for i, c := range seen {
				if c != 1 {
					t.Fatalf("procs %d, n %d: index %d visited %d times", procs, n, i, c)
				}
			}
			if inits > procs {
				t.Fatalf("procs %d: %d states", procs, inits)
			}
		}
	}
}

// TestEach checks that Each calls fn once for every index.
func TestEach(t *testing.T) {
	for _, n := range []int{0, 1, 2, 7, 1000} {
		calls := make([]int32, n)
		Each(n, func(k int) { atomic.AddInt32(&calls[k], 1) })
		for k, c := range calls {
			if c != 1 {
				t.Fatalf("n=%d: fn(%d) called %d times", n, k, c)
			}
		}
	}
}

// TestWriteOrdered: the output is the batches in order, whatever the
// cores; each state serves one goroutine at a time; a writer's error is
// returned and stops the filling.
func TestWriteOrdered(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	for _, procs := range []int{1, 2, 4} {
		runtime.GOMAXPROCS(procs)
		for _, n := range []int{0, 1, 7, 8, 9, 1000} {
			var want strings.Builder
			for i := range n {
				fmt.Fprintf(&want, "%d,", i)
			}
			var got bytes.Buffer
			type state struct{ busy atomic.Bool }
			err := WriteOrderedWith(&got, n, 8, func() *state { return &state{} }, func(s *state, b []byte, lo, hi int) []byte {
				if !s.busy.CompareAndSwap(false, true) {
					t.Error("a state used by two goroutines at once")
				}
				defer s.busy.Store(false)
				for i := lo; i < hi; i++ {
					b = fmt.Appendf(b, "%d,", i)
				}
				return b
			})
			if err != nil || got.String() != want.String() {
				t.Fatalf("procs %d, n %d: %q, %v; want %q", procs, n, got.String(), err, want.String())
			}
		}
		var filled atomic.Int64
		w := &failingWriter{after: 3}
		err := WriteOrdered(w, 100000, 8, func(b []byte, lo, hi int) []byte {
			filled.Add(1)
			return append(b, 'x')
		})
		if !errors.Is(err, errFull) {
			t.Fatalf("procs %d: error %v, want %v", procs, err, errFull)
		}
		if n := filled.Load(); n > 1000 {
			t.Fatalf("procs %d: %d batches filled after the writer failed at the 4th", procs, n)
		}
	}
}

var errFull = errors.New("full")

type failingWriter struct{ after int }

func (w *failingWriter) Write(p []byte) (int, error) {
	if w.after == 0 {
		return 0, errFull
	}
	w.after--
	return len(p), nil
}
