package lint

import (
	"bytes"
	"cmp"
	"slices"
	"strings"
	"sync/atomic"

	"github.com/pubs-dev/pubs/internal/bib"
	"github.com/pubs-dev/pubs/internal/parallel"
)

// warning is a finding before it becomes a bib.Error: where, what, and
// its place in the order of a sequential pass, which breaks ties in the
// sort as ErrorList.Sort's stability does.
type warning struct {
	off       int
	msg       string
	spellings *spellings // instead of msg, which it makes on demand
	tie       uint64
	entry     int32 // in Library.Entries; its File is the warning's
}

// appendMsg appends the warning's message.
func (w *warning) appendMsg(b []byte, briefs []brief) []byte {
	if w.spellings != nil {
		return appendSpellings(b, briefs, w.spellings)
	}
	return append(b, w.msg...)
}

// compareMsg compares the messages of two warnings, writing them into
// scratch when it must.
func compareMsg(a, b *warning, briefs []brief, scratch *[2][]byte) int {
	switch {
	case a.spellings == nil && b.spellings == nil:
		return strings.Compare(a.msg, b.msg)
	case a.spellings != nil && b.spellings != nil && a.spellings.a.quoted != b.spellings.a.quoted:
		// A quoted string is no prefix of another: the first ones
		// decide.
		return strings.Compare(a.spellings.a.quoted, b.spellings.a.quoted)
	}
	scratch[0] = a.appendMsg(scratch[0][:0], briefs)
	scratch[1] = b.appendMsg(scratch[1][:0], briefs)
	return bytes.Compare(scratch[0], scratch[1])
}

// tie orders the warnings of entry i: its own (kind 0) in the order
// found, then those about its DOIs (1) and its unknown commands (2). The
// spellings' warnings come after all entries' (see variantTie).
func tie(i int32, kind, k int) uint64 { return uint64(i)<<24 | uint64(kind)<<22 | uint64(k) }

// variantTie orders the k-th warning about the spellings of the key of
// the given rank.
func variantTie(rank, k int) uint64 { return 1<<63 | uint64(rank)<<22 | uint64(k) }

// sortWarnings sorts the warnings as ErrorList.Sort would sort them in the
// order of a sequential pass. The spellings' warnings among them have
// their PersonKey's number where variantTie wants its rank, which rank
// gives.
//
// The warnings are put in entry order by a counting sort, then the
// warnings of each entry sorted. Within a file the entries come in the
// order of their offsets, so that this is the order wanted; a last pass
// checks it, and sorts the whole list when it is not.
func sortWarnings(lib *bib.Library, briefs []brief, sources [][]warning, rank []int32) []warning {
	n := 0
	for _, src := range sources {
		n += len(src)
	}
	if n == 0 {
		return nil
	}
	// Where the warnings of each entry go, in any order: the sort
	// within each entry decides.
	end := make([]int32, len(briefs)+1)
	parallel.Batches(len(sources), 16, func(lo, hi int) {
		for _, src := range sources[lo:hi] {
			for i := range src {
				atomic.AddInt32(&end[src[i].entry+1], 1)
			}
		}
	})
	for i := range briefs {
		end[i+1] += end[i]
	}
	ws := make([]warning, n)
	parallel.Batches(len(sources), 16, func(lo, hi int) {
		for _, src := range sources[lo:hi] {
			for _, w := range src {
				if w.tie&(1<<63) != 0 {
					gid, k := w.tie>>22&(1<<41-1), w.tie&(1<<22-1)
					w.tie = variantTie(int(rank[gid]), int(k))
				}
				ws[atomic.AddInt32(&end[w.entry], 1)-1] = w
			}
		}
	})
	// (end[i] is now where the warnings of entry i end.)

	// Files ranked by name, as positions compare them.
	var names []string
	fileRank := map[*bib.File]int{}
	addFile := func(f *bib.File) {
		if _, ok := fileRank[f]; !ok {
			fileRank[f] = 0
			names = append(names, f.Name)
		}
	}
	for _, f := range lib.Files {
		addFile(f)
	}
	var last *bib.File
	for i := range ws {
		if f := briefs[ws[i].entry].file; f != last {
			addFile(f)
			last = f
		}
	}
	slices.Sort(names)
	names = slices.Compact(names)
	for f := range fileRank {
		fileRank[f], _ = slices.BinarySearch(names, f.Name)
	}
	compare := func(a, b *warning, scratch *[2][]byte) int {
		if fa, fb := briefs[a.entry].file, briefs[b.entry].file; fa != fb {
			if c := cmp.Compare(fileRank[fa], fileRank[fb]); c != 0 {
				return c
			}
		}
		if a.off != b.off {
			return cmp.Compare(a.off, b.off)
		}
		if c := compareMsg(a, b, briefs, scratch); c != 0 {
			return c
		}
		return cmp.Compare(a.tie, b.tie)
	}
	var unsorted atomic.Bool
	parallel.Batches(len(briefs), 4096, func(lo, hi int) {
		var scratch [2][]byte
		byEntry := func(a, b warning) int { return compare(&a, &b, &scratch) }
		from := int32(0)
		if lo > 0 {
			from = end[lo-1]
		}
		for _, to := range end[lo:hi] {
			if to-from > 1 {
				slices.SortFunc(ws[from:to], byEntry)
			}
			from = to
		}
	})
	parallel.Batches(len(ws), 4096, func(lo, hi int) {
		var scratch [2][]byte
		for i := max(lo, 1); i < hi; i++ {
			if compare(&ws[i-1], &ws[i], &scratch) > 0 {
				unsorted.Store(true)
				return
			}
		}
	})
	if unsorted.Load() {
		var scratch [2][]byte
		slices.SortFunc(ws, func(a, b warning) int { return compare(&a, &b, &scratch) })
	}

	return ws
}

// Warnings holds what Check finds, sorted, before each warning is made a
// bib.Error.
type Warnings struct {
	ws     []warning
	briefs []brief
}

// Len returns how many warnings there are.
func (w Warnings) Len() int { return len(w.ws) }

// Error returns warning i.
func (w Warnings) Error(i int) bib.Error {
	x := &w.ws[i]
	msg := x.msg
	if x.spellings != nil {
		msg = string(x.appendMsg(nil, w.briefs))
	}
	return bib.Error{Pos: w.briefs[x.entry].file.Position(x.off), Msg: msg, Severity: bib.SeverityWarning}
}

// AppendDiagnostic appends what bib.Error.AppendDiagnostic appends of
// warning i, without making its message a string.
func (w Warnings) AppendDiagnostic(b []byte, i int) []byte {
	x := &w.ws[i]
	e := bib.Error{Pos: w.briefs[x.entry].file.Position(x.off), Severity: bib.SeverityWarning}
	return x.appendMsg(e.AppendDiagnostic(b), w.briefs)
}

// Errors returns the warnings as a list.
func (w Warnings) Errors() bib.ErrorList {
	if len(w.ws) == 0 {
		return nil
	}
	errs := make([]bib.Error, len(w.ws))
	out := make(bib.ErrorList, len(w.ws))
	parallel.Batches(len(w.ws), 4096, func(lo, hi int) {
		for i := lo; i < hi; i++ {
			errs[i] = w.Error(i)
			out[i] = &errs[i]
		}
	})
	return out
}

// texts packs the text of many short strings into a few allocations.
type texts struct {
	b strings.Builder
}

// add returns a string holding b.
func (t *texts) add(b []byte) string {
	if t.b.Cap()-t.b.Len() < len(b) {
		// The strings made so far keep the full buffer alive; a
		// Builder never writes over what it holds.
		t.b.Reset()
		t.b.Grow(max(32<<10, len(b)))
	}
	start := t.b.Len()
	t.b.Write(b)
	return t.b.String()[start:]
}

// seq appends values into chunks that never grow, so that appending never
// copies: a batch of work is given the segments of the chunks that hold
// its values.
type seq[T any] struct {
	chunk []T
	from  int    // where the current batch's values start in chunk
	segs  *[][]T // the current batch's segments
}

// begin starts a batch, whose segments go to segs.
func (s *seq[T]) begin(segs *[][]T) { s.segs, s.from = segs, len(s.chunk) }

// add appends v to the current batch.
func (s *seq[T]) add(v T) {
	if len(s.chunk) == cap(s.chunk) {
		s.end()
		s.chunk, s.from = make([]T, 0, 2048), 0
	}
	s.chunk = append(s.chunk, v)
}

// end ends the current batch's last segment.
func (s *seq[T]) end() {
	if n := len(s.chunk); n > s.from {
		*s.segs = append(*s.segs, s.chunk[s.from:n:n])
		s.from = n
	}
}

// slab hands out pointers to values that it never moves.
type slab[T any] struct{ chunk []T }

// new returns a pointer to a copy of v.
func (s *slab[T]) new(v T) *T {
	if len(s.chunk) == cap(s.chunk) {
		s.chunk = make([]T, 0, 1024)
	}
	s.chunk = append(s.chunk, v)
	return &s.chunk[len(s.chunk)-1]
}
