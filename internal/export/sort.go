package export

import (
	"cmp"
	"slices"
	"strings"
	"sync"

	"github.com/pubs-dev/pubs/internal/bib"
	"github.com/pubs-dev/pubs/internal/parallel"
)

// SortNewestFirst orders entries by year and month, newest first, then by
// key. Entries without a year come last. Equal entries keep their order.
func SortNewestFirst(entries []*bib.Entry) {
	// The keys in a slice beside the entries, computed on all cores. The
	// original index is the last key, so an unstable sort (pdqsort) gives
	// exactly the stable order, in O(n log n).
	type keyed struct {
		ym  int // year*16 + month, year -1 when absent: newest first
		key string
		i   int
		e   *bib.Entry
	}
	n := len(entries)
	ks := make([]keyed, n)
	parallel.Batches(n, 4096, func(lo, hi int) {
		for i := lo; i < hi; i++ {
			e := entries[i]
			y, ok := e.Year()
			if !ok {
				y = -1
			}
			// Month is 0 to 12, so comparing year*16+month compares the
			// year, then the month.
			ks[i] = keyed{y*16 + e.Month(), strings.ToLower(e.Key), i, e}
		}
	})
	less := func(a, b *keyed) int {
		if a.ym != b.ym {
			return cmp.Compare(b.ym, a.ym)
		}
		if c := strings.Compare(a.key, b.key); c != 0 {
			return c
		}
		return cmp.Compare(a.i, b.i)
	}
	sortKeyed := func(s []keyed) {
		slices.SortFunc(s, func(a, b keyed) int { return less(&a, &b) })
	}
	if n < 8192 {
		sortKeyed(ks)
		for i := range ks {
			entries[i] = ks[i].e
		}
		return
	}
	// Two halves sorted concurrently, then merged. No two keys are equal
	// (the index differs), so the merge is the sorted order.
	mid := n / 2
	var wg sync.WaitGroup
	wg.Go(func() { sortKeyed(ks[:mid]) })
	sortKeyed(ks[mid:])
	wg.Wait()
	a, b := ks[:mid], ks[mid:]
	i, j := 0, 0
	for k := range entries {
		if j >= len(b) || (i < len(a) && less(&a[i], &b[j]) < 0) {
			entries[k] = a[i].e
			i++
		} else {
			entries[k] = b[j].e
			j++
		}
	}
}
