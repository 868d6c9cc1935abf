package export

import (
	"cmp"
	"slices"
	"strings"

	"github.com/pubs-dev/pubs/internal/bib"
)

// SortNewestFirst orders entries by year and month, newest first, then by
// key. Entries without a year come last. Equal entries keep their order.
func SortNewestFirst(entries []*bib.Entry) {
	// The keys in a slice beside the entries, not a map looked up twice
	// per comparison.
	type keyed struct {
		e           *bib.Entry
		year, month int
		key         string
	}
	ks := make([]keyed, len(entries))
	for i, e := range entries {
		y, ok := e.Year()
		if !ok {
			y = -1
		}
		ks[i] = keyed{e, y, e.Month(), strings.ToLower(e.Key)}
	}
	slices.SortStableFunc(ks, func(a, b keyed) int {
		if a.year != b.year {
			return cmp.Compare(b.year, a.year)
		}
		if a.month != b.month {
			return cmp.Compare(b.month, a.month)
		}
		return strings.Compare(a.key, b.key)
	})
	for i := range ks {
		entries[i] = ks[i].e
	}
}
