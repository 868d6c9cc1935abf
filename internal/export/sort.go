package export

import (
	"sort"
	"strings"

	"github.com/pubs-dev/pubs/internal/bib"
)

// SortNewestFirst orders entries by year and month, newest first, then by
// key. Entries without a year come last. Equal entries keep their order.
func SortNewestFirst(entries []*bib.Entry) {
	type sortKey struct {
		year, month int
		key         string
	}
	keys := make(map[*bib.Entry]sortKey, len(entries))
	for _, e := range entries {
		y, ok := e.Year()
		if !ok {
			y = -1
		}
		keys[e] = sortKey{y, e.Month(), strings.ToLower(e.Key)}
	}
	sort.SliceStable(entries, func(i, j int) bool {
		a, b := keys[entries[i]], keys[entries[j]]
		if a.year != b.year {
			return a.year > b.year
		}
		if a.month != b.month {
			return a.month > b.month
		}
		return a.key < b.key
	})
}
