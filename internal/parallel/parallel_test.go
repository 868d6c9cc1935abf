package parallel

import (
	"runtime"
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
