package lint

import (
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/pubs-dev/pubs/internal/bib"
	"github.com/pubs-dev/pubs/internal/parallel"
)

// occurrence is one name in an author or editor list.
type occurrence struct {
	first int32  // in names.firsts
	last  int32  // in names.lasts
	entry int32  // in Library.Entries
	off   uint32 // where its field starts in the entry's file
	khash uint32 // the low bits of the hash of its entry's key
}

// checkVariants warns when one person appears under several spellings:
// names that SamePerson accepts but that differ once rendered in plain
// Unicode (so "Ruthotto, Lars" and "Lars Ruthotto" are one spelling, as
// are M{\"u}ller and Müller).
//
// The occurrences are grouped by PersonKey with a counting sort, which
// keeps them in entry order, and the groups are checked concurrently. It
// returns the warnings, whose ties are variantTie(gid, k) until rank[gid]
// replaces gid (see sortWarnings): a sequential pass reported the groups
// in the order of their keys.
func checkVariants(briefs []brief, batches []batchResult, workers []*worker, ns *names) (found [][]warning, rank []int32) {
	// One number per PersonKey, whichever worker met it.
	gids := map[string]int32{}
	var keys []string
	for _, w := range workers {
		for _, g := range w.groups {
			id, ok := gids[g.key]
			if !ok {
				id = int32(len(keys))
				gids[g.key] = id
				keys = append(keys, g.key)
			}
			g.gid = id
		}
	}
	// The key of each occurrence, and how many each key has, on all
	// cores; then the occurrences in order of key, and of entry within
	// a key.
	keyOf := make([][]int32, len(batches))
	var counts [][]int32
	var mu sync.Mutex
	parallel.BatchesWith(len(batches), 4, func() []int32 {
		c := make([]int32, len(keys)+1)
		mu.Lock()
		counts = append(counts, c)
		mu.Unlock()
		return c
	}, func(c []int32, lo, hi int) {
		for i := lo; i < hi; i++ {
			n := 0
			for _, seg := range batches[i].occs {
				n += len(seg)
			}
			k := make([]int32, 0, n)
			for _, seg := range batches[i].occs {
				for j := range seg {
					g := ns.group(&seg[j]).gid
					k = append(k, g)
					c[g+1]++
				}
			}
			keyOf[i] = k
		}
	})
	start := make([]int32, len(keys)+1)
	for _, c := range counts {
		for g, n := range c {
			start[g] += n
		}
	}
	for g := range keys {
		start[g+1] += start[g]
	}
	occs := make([]occurrence, start[len(keys)])
	next := slices.Clone(start[:len(keys)])
	for i := range batches {
		k := keyOf[i]
		for _, seg := range batches[i].occs {
			for _, o := range seg {
				g := k[0]
				k = k[1:]
				occs[next[g]] = o
				next[g]++
			}
		}
		batches[i].occs, keyOf[i] = nil, nil
	}

	// Only a key named more than once can have two spellings.
	var multi []int32
	for g := range keys {
		if start[g+1]-start[g] > 1 {
			multi = append(multi, int32(g))
		}
	}
	warned := make([]bool, len(keys))
	parallel.BatchesWith(len(multi), 64, func() *grouper {
		gr := &grouper{briefs: briefs, names: ns}
		gr.out.begin(&gr.found)
		return gr
	}, func(gr *grouper, lo, hi int) {
		for _, g := range multi[lo:hi] {
			warned[g] = gr.variants(g, occs[start[g]:start[g+1]])
		}
		gr.out.end()
		mu.Lock()
		found = append(found, gr.found...)
		gr.found = gr.found[:0]
		mu.Unlock()
	})
	// Rank the keys that have warnings.
	var byKey []int32
	for g, w := range warned {
		if w {
			byKey = append(byKey, int32(g))
		}
	}
	slices.SortFunc(byKey, func(a, b int32) int { return strings.Compare(keys[a], keys[b]) })
	rank = make([]int32, len(keys))
	for r, g := range byKey {
		rank[g] = int32(r)
	}
	return found, rank
}

// form is one spelling of a person: where it first appears, and the keys
// of the entries that use it (the first three, and how many).
type form struct {
	full     string
	words    *firstInfo // its first names
	first    occurrence
	keys     [3]int32 // the entries of the first keys
	last     int32    // the entry of the last key counted
	lastHash uint32   // the low bits of the hash of its key
	n        int
	text     *formText // once a warning writes it
}

// pair is a name by its parts as one worker found them, whatever their
// order and white space: "Lars Ruthotto" and "Ruthotto, Lars" are one
// pair. Pairs of one spelling are many ("M{\"u}ller" and "Müller"), and
// more when several workers met it.
type pair struct{ first, last int32 }

// grouper finds the spellings of each PersonKey; it keeps its tables
// from one key to the next.
type grouper struct {
	briefs []brief
	names  *names

	forms     []form
	pairs     []pair  // distinct pairs of the key, in order of appearance
	form      []int32 // pairs[i] is a name of spelling forms[form[i]]
	pairIndex map[pair]int32
	fullIndex map[string]int32
	buf       []byte

	texts     texts
	out       seq[warning]
	found     [][]warning // out's segments
	formTexts slab[formText]
	twoTexts  slab[spellings]
}

// formText is what a warning writes of a spelling: its name, quoted, and
// the entries that use it.
type formText struct {
	quoted string
	keys   [3]int32 // the entries of the first keys
	n      int32    // how many keys
}

// spellings is what a warning about two spellings writes of them.
type spellings struct{ a, c *formText }

// text returns what warnings write of a spelling.
func (gr *grouper) text(f *form) *formText {
	if f.text == nil {
		gr.buf = appendQuote(gr.buf[:0], f.full)
		f.text = gr.formTexts.new(formText{gr.texts.add(gr.buf), f.keys, int32(f.n)})
	}
	return f.text
}

// appendSpellings appends the message of a warning about two spellings.
func appendSpellings(b []byte, briefs []brief, s *spellings) []byte {
	b = append(b, s.a.quoted...)
	b = append(b, " ("...)
	b = appendKeys(b, briefs, s.a)
	b = append(b, ") and "...)
	b = append(b, s.c.quoted...)
	b = append(b, " ("...)
	b = appendKeys(b, briefs, s.c)
	return append(b, ") look like one person under two spellings"...)
}

// variants finds the spellings of PersonKey g, given its occurrences in
// entry order, and reports whether it warned.
func (gr *grouper) variants(g int32, occ []occurrence) bool {
	forms := gr.formsOf(occ)
	k := 0
	for i := 1; i < len(forms); i++ {
		for j := 0; j < i; j++ {
			a, c := &forms[j], &forms[i]
			if a.words != c.words && !compatibleFirst(a.words, c.words) {
				continue
			}
			gr.out.add(warning{entry: c.first.entry, off: int(c.first.off), tie: variantTie(int(g), k),
				spellings: gr.twoTexts.new(spellings{gr.text(a), gr.text(c)})})
			k++
			break
		}
	}
	return k > 0
}

// formsOf returns the distinct spellings of one PersonKey, in order of
// first appearance.
func (gr *grouper) formsOf(occ []occurrence) []form {
	forms, pairs, formOf := gr.forms[:0], gr.pairs[:0], gr.form[:0]
	// Pairs and spellings are looked up in a map once there are many.
	pairIndex, fullIndex := false, false
	if len(gr.pairIndex) > 0 {
		clear(gr.pairIndex)
	}
	if len(gr.fullIndex) > 0 {
		clear(gr.fullIndex)
	}
	for _, o := range occ {
		p := pair{o.first, o.last}
		pi := int32(-1)
		if pairIndex {
			if j, ok := gr.pairIndex[p]; ok {
				pi = j
			}
		} else {
			for j := range pairs {
				if pairs[j] == p {
					pi = int32(j)
					break
				}
			}
		}
		if pi < 0 {
			// A new pair: which spelling is it?
			pi = int32(len(pairs))
			pairs = append(pairs, p)
			if pairIndex {
				gr.pairIndex[p] = pi
			} else if len(pairs) > 8 {
				pairIndex = true
				if gr.pairIndex == nil {
					gr.pairIndex = map[pair]int32{}
				}
				for j, q := range pairs {
					gr.pairIndex[q] = int32(j)
				}
			}
			gr.buf = appendFull(gr.buf[:0], gr.names.firsts[p.first], gr.names.lasts[p.last])
			fi := int32(-1)
			if fullIndex {
				if j, ok := gr.fullIndex[string(gr.buf)]; ok {
					fi = j
				}
			} else {
				for j := range forms {
					if forms[j].full == string(gr.buf) {
						fi = int32(j)
						break
					}
				}
			}
			if fi < 0 {
				fi = int32(len(forms))
				forms = append(forms, form{full: gr.texts.add(gr.buf), words: gr.names.firsts[o.first], first: o})
				if fullIndex {
					gr.fullIndex[forms[fi].full] = fi
				} else if len(forms) > 8 {
					fullIndex = true
					if gr.fullIndex == nil {
						gr.fullIndex = map[string]int32{}
					}
					for j := range forms {
						gr.fullIndex[forms[j].full] = int32(j)
					}
				}
			}
			formOf = append(formOf, fi)
		}
		// Its entry's key, unless the last counted is the same.
		fm := &forms[formOf[pi]]
		if fm.n > 0 && o.entry == fm.last {
			continue
		}
		// The occurrence carries its key's hash, so that the entry's
		// brief, far away in memory, is read only when the hashes agree.
		if fm.n == 0 || o.khash != fm.lastHash || gr.briefs[o.entry].key != gr.briefs[fm.last].key {
			if fm.n < len(fm.keys) {
				fm.keys[fm.n] = o.entry
			}
			fm.n++
			fm.last, fm.lastHash = o.entry, o.khash
		}
	}
	gr.forms, gr.pairs, gr.form = forms, pairs, formOf
	return forms
}

// appendKeys appends the keys of the entries that use a spelling: "a, b"
// or "a, b, c and 4 more".
func appendKeys(b []byte, briefs []brief, f *formText) []byte {
	for i := 0; i < int(f.n) && i < len(f.keys); i++ {
		if i > 0 {
			b = append(b, ", "...)
		}
		// The message goes to a terminal, which would act on an escape
		// sequence in a key: such a key is quoted as %q quotes it.
		if br := &briefs[f.keys[i]]; br.quote {
			b = strconv.AppendQuote(b, br.key)
		} else {
			b = append(b, br.key...)
		}
	}
	if int(f.n) > len(f.keys) {
		b = append(b, " and "...)
		b = strconv.AppendInt(b, int64(int(f.n)-len(f.keys)), 10)
		b = append(b, " more"...)
	}
	return b
}

// printable reports whether a key can go to a terminal as it is: it is
// UTF-8 and every character is printable (strconv.IsPrint).
func printable(key string) bool {
	for i := 0; i < len(key); i++ {
		if c := key[i]; c < 0x20 || c >= 0x7f {
			return utf8.ValidString(key) && strings.IndexFunc(key, func(r rune) bool { return !strconv.IsPrint(r) }) < 0
		}
	}
	return true
}

// samePerson is bib.SamePerson for two names of one PersonKey, from
// what nameInfo keeps.
func samePerson(a, b *nameInfo) bool { return compatibleFirst(a.first, b.first) }

// appendQuote is strconv.AppendQuote, shorter for printable ASCII.
func appendQuote(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < ' ' || c > '~' || c == '"' || c == '\\' {
			return strconv.AppendQuote(b, s)
		}
	}
	b = append(b, '"')
	b = append(b, s...)
	return append(b, '"')
}

// compatibleFirst tells whether two names of one PersonKey may name the
// same person, as bib.SamePerson does: their first names must be
// compatible word by word.
func compatibleFirst(a, b *firstInfo) bool {
	for i := 0; i < len(a.words) && i < len(b.words); i++ {
		if !bib.CompatibleWord(a.words[i], b.words[i]) {
			return false
		}
	}
	return true
}
