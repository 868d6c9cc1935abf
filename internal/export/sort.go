package export

import (
	"cmp"
	"encoding/binary"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/pubs-dev/pubs/internal/bib"
	"github.com/pubs-dev/pubs/internal/parallel"
)

// SortNewestFirst orders entries by year and month, newest first, then by
// key. Entries without a year come last. Equal entries keep their order.
func SortNewestFirst(entries []*bib.Entry) {
	ks := make([]newestKey, len(entries))
	parallel.Batches(len(entries), 4096, func(lo, hi int) {
		for i := lo; i < hi; i++ {
			ks[i] = newestKeyOf(entries[i], i)
		}
	})
	sortNewest(ks, slices.Clone(entries), entries)
}

// newestKey is where an entry goes in newest-first order: its date,
// newest first, then its key ignoring case, then its index (in the
// slice that newestKeyOf was given), so that no two are equal and an
// unstable sort (pdqsort) gives exactly the stable order.
//
// The key is compared by its first 16 bytes in lower case, held as two
// numbers, so that sorting moves 24-byte records and compares numbers;
// the few runs of entries whose dates and prefixes tie are then sorted
// by their whole keys.
type newestKey struct {
	ym  int32     // year*16 + month, year -1 when absent; month is 0 to 12
	i   int32     // the entry's index
	pre [2]uint64 // the first 16 bytes of the lower-cased key, big-endian, 0-padded
}

func newestKeyOf(e *bib.Entry, i int) newestKey {
	y, ok := e.Year()
	if !ok {
		y = -1
	}
	// Comparing year*16+month compares the year, then the month.
	return newestKey{ym: int32(y*16 + e.Month()), i: int32(i), pre: keyPrefix(e.Key)}
}

// keyPrefix is the first 16 bytes of strings.ToLower(key), as two
// big-endian numbers padded with zeros: for two keys, a smaller prefix
// means a smaller lower-cased key (and an equal one decides nothing).
func keyPrefix(key string) [2]uint64 {
	var buf [16]byte
	for i := 0; i < min(len(key), len(buf)); i++ {
		c := key[i]
		if c >= utf8.RuneSelf {
			// ToLower may change the length or the bytes of what
			// follows: the key is lower-cased whole (rare).
			buf = [16]byte{}
			copy(buf[:], strings.ToLower(key))
			break
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[i] = c
	}
	return [2]uint64{binary.BigEndian.Uint64(buf[:8]), binary.BigEndian.Uint64(buf[8:])}
}

// compareKeys compares strings.ToLower(a) and strings.ToLower(b).
func compareKeys(a, b string) int {
	n := min(len(a), len(b))
	for i := 0; i < n; i++ {
		x, y := a[i], b[i]
		if x >= utf8.RuneSelf || y >= utf8.RuneSelf {
			return strings.Compare(strings.ToLower(a[i:]), strings.ToLower(b[i:]))
		}
		if 'A' <= x && x <= 'Z' {
			x += 'a' - 'A'
		}
		if 'A' <= y && y <= 'Z' {
			y += 'a' - 'A'
		}
		if x != y {
			return cmp.Compare(x, y)
		}
	}
	// One is a prefix of the other, in ASCII; what follows in the longer
	// one lower-cases to something non-empty.
	return cmp.Compare(len(a), len(b))
}

// compareNewest orders keys by date, newest first, then by key prefix,
// then by index.
func compareNewest(a, b *newestKey) int {
	if a.ym != b.ym {
		return cmp.Compare(b.ym, a.ym)
	}
	if a.pre != b.pre {
		if a.pre[0] != b.pre[0] {
			return cmp.Compare(a.pre[0], b.pre[0])
		}
		return cmp.Compare(a.pre[1], b.pre[1])
	}
	return cmp.Compare(a.i, b.i)
}

// sortNewest sorts ks and writes the entries they stand for, all[k.i], in
// that order to out.
func sortNewest(ks []newestKey, all, out []*bib.Entry) {
	sortKeys := func(s []newestKey) {
		slices.SortFunc(s, func(a, b newestKey) int { return compareNewest(&a, &b) })
	}
	n := len(ks)
	if n < 8192 {
		sortKeys(ks)
	} else {
		// Two halves sorted concurrently, then merged. No two keys
		// are equal (the index differs), so the merge is the sorted
		// order.
		mid := n / 2
		var wg sync.WaitGroup
		wg.Go(func() { sortKeys(ks[:mid]) })
		sortKeys(ks[mid:])
		wg.Wait()
		merged := make([]newestKey, n)
		a, b := ks[:mid], ks[mid:]
		i, j := 0, 0
		for k := range merged {
			if j >= len(b) || (i < len(a) && compareNewest(&a[i], &b[j]) < 0) {
				merged[k] = a[i]
				i++
			} else {
				merged[k] = b[j]
				j++
			}
		}
		ks = merged
	}
	// The runs of equal dates and prefixes, in index order now, by their
	// whole keys; the index still breaks ties.
	for lo := 0; lo < n; {
		hi := lo + 1
		for hi < n && ks[hi].ym == ks[lo].ym && ks[hi].pre == ks[lo].pre {
			hi++
		}
		if hi-lo > 1 {
			slices.SortStableFunc(ks[lo:hi], func(a, b newestKey) int {
				return compareKeys(all[a.i].Key, all[b.i].Key)
			})
		}
		lo = hi
	}
	for j := range ks {
		out[j] = all[ks[j].i]
	}
}
