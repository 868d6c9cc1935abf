// Package lint finds what BibTeX reads without complaint but is probably
// wrong: missing required fields, a year that is not a number, a DOI that
// is invalid, written as a URL or shared by two entries, names that BibTeX
// will split oddly, one person under several spellings, and LaTeX commands
// that pubs does not know. Every finding is a warning: nothing is lost, so
// 'pubs check' still exits 0 for them.
package lint

import (
	"fmt"
	"hash/maphash"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/pubs-dev/pubs/internal/bib"
	"github.com/pubs-dev/pubs/internal/ids"
	"github.com/pubs-dev/pubs/internal/latex"
	"github.com/pubs-dev/pubs/internal/parallel"
)

// Check returns the warnings for the library, sorted by position.
//
// The entries are checked concurrently, each on its own; what needs the
// entries before it (a DOI seen twice, an unknown command reported once,
// the spellings of a person) is then merged in the entries' order, so
// that the result is that of a sequential pass.
func Check(lib *bib.Library) bib.ErrorList { return Find(lib).Errors() }

// Find is Check without the bib.Errors, made one by one as a caller
// needs them: 'pubs check' prints a hundred thousand warnings and keeps
// none.
func Find(lib *bib.Library) Warnings {
	entries := lib.Entries
	const batch = 512
	batches := make([]batchResult, (len(entries)+batch-1)/batch)
	briefs := make([]brief, len(entries))
	seed := maphash.MakeSeed()
	var workers []*worker
	var mu sync.Mutex
	ns := &names{}
	parallel.BatchesWith(len(entries), batch, func() *worker {
		w := newWorker()
		w.names = ns
		mu.Lock()
		workers = append(workers, w)
		mu.Unlock()
		return w
	}, func(w *worker, lo, hi int) {
		r := &batches[lo/batch]
		w.occs.begin(&r.occs)
		w.dois.begin(&r.dois)
		// The keys, packed together.
		var keys strings.Builder
		n := 0
		for i := lo; i < hi; i++ {
			n += len(entries[i].Key)
		}
		keys.Grow(n)
		for i := lo; i < hi; i++ {
			keys.WriteString(entries[i].Key)
		}
		packed := keys.String()
		for i := lo; i < hi; i++ {
			e := entries[i]
			key := packed[:len(e.Key)]
			packed = packed[len(e.Key):]
			briefs[i] = brief{key, e.File, !printable(key)}
			w.khash = uint32(maphash.String(seed, key))
			w.entry(e, int32(i), r)
		}
		w.occs.end()
		w.dois.end()
	})

	// The DOIs and unknown commands, in entry order, while the spellings
	// are grouped.
	var merged []warning
	done := make(chan struct{})
	go func() {
		merged = mergeOrdered(entries, batches)
		close(done)
	}()
	ns.collect(workers)
	variants, rank := checkVariants(briefs, batches, workers, ns)
	<-done

	sources := make([][]warning, 0, len(batches)+1+len(variants))
	for i := range batches {
		sources = append(sources, batches[i].out)
		batches[i] = batchResult{}
	}
	sources = append(append(sources, merged), variants...)
	return Warnings{sortWarnings(lib, briefs, sources, rank), briefs}
}

// brief is what the spellings' check needs of an entry, packed for the
// sake of the memory caches: the entries themselves are far apart.
type brief struct {
	key   string // a copy, next to the keys of the entries around
	file  *bib.File
	quote bool // the key holds a character that is not printable (see appendKeys)
}

// batchResult is what checking a batch of entries found: their own
// warnings, and what the merge needs, in entry order.
type batchResult struct {
	out     []warning
	dois    [][]doiUse // in segments (see seq)
	unknown []unknownUse
	occs    [][]occurrence // in segments
}

type doiUse struct {
	key   string // doiKey
	field int32  // in the entry
	entry int32
}

type unknownUse struct {
	cmd   string
	field int32 // in the entry
	entry int32
}

// mergeOrdered finds, in entry order, the DOIs used a second time and the
// first use of each unknown command.
func mergeOrdered(entries []*bib.Entry, batches []batchResult) []warning {
	ndoi := 0
	for i := range batches {
		for _, seg := range batches[i].dois {
			ndoi += len(seg)
		}
	}
	dois := make(map[string]int32, ndoi)
	unknown := map[string]bool{}
	var out []warning
	k, last := 0, int32(-1) // the warnings of entry last so far
	for bi := range batches {
		r := &batches[bi]
		for _, seg := range r.dois {
			for _, d := range seg {
				first, dup := dois[d.key]
				if !dup {
					dois[d.key] = d.entry
					continue
				}
				if d.entry != last {
					k, last = 0, d.entry
				}
				e, f := entries[d.entry], entries[first]
				fd := e.FieldAt(int(d.field))
				doi, _ := ids.ParseDOI(strings.TrimSpace(fd.Value))
				out = append(out, warning{entry: d.entry, off: fd.Start, tie: tie(d.entry, 1, k),
					msg: fmt.Sprintf("entry %q has the same DOI %s as entry %q at %s", e.Key, doi, f.Key, f.Pos())})
				k++
			}
		}
		k, last = 0, -1
		for _, u := range r.unknown {
			if unknown[u.cmd] {
				continue
			}
			unknown[u.cmd] = true
			if u.entry != last {
				k, last = 0, u.entry
			}
			out = append(out, warning{entry: u.entry, off: entries[u.entry].FieldAt(int(u.field)).Start, tie: tie(u.entry, 2, k),
				msg: fmt.Sprintf("unknown LaTeX command \\%s in entry %q: pubs shows its argument as text (reported once)", u.cmd, entries[u.entry].Key)})
			k++
		}
		k, last = 0, -1
	}
	return out
}

// worker checks entries on one goroutine; it remembers the parts of the
// names it has split (see spell).
type worker struct {
	cache  map[string]*nameInfo // by name as written, for tests
	firsts map[string]*firstInfo
	lasts  map[string]*lastInfo // by last name as written
	tails  map[string]int       // firstInfo.tid
	groups []*keyGroup
	names  *names // shared by the workers
	// the parts this worker found
	firstList []*firstInfo
	lastList  []*lastInfo
	list      []string // a name list, split
	buf       []byte
	texts     texts
	dois      seq[doiUse]
	occs      seq[occurrence]

	// the entry being checked
	e     *bib.Entry
	i     int32
	khash uint32 // the low bits of its key's hash
	k     int    // its warnings so far
	out   *batchResult
}

func newWorker() *worker {
	return &worker{cache: map[string]*nameInfo{}}
}

func (w *worker) warn(off int, msg string) {
	w.out.out = append(w.out.out, warning{entry: w.i, off: off, msg: msg, tie: tie(w.i, 0, w.k)})
	w.k++
}

func (w *worker) warnf(off int, format string, args ...any) {
	w.warn(off, fmt.Sprintf(format, args...))
}

// entry checks entry i, e.
func (w *worker) entry(e *bib.Entry, i int32, r *batchResult) {
	if e.Broken {
		return // its syntax error says enough
	}
	w.e, w.i, w.k, w.out = e, i, 0, r
	w.required(e)
	for i := range e.NumFields() {
		fd := e.FieldAt(i)
		switch fd.Name {
		case "year":
			if v := strings.TrimSpace(fd.Value); !isYear(v) {
				w.warnf(fd.Start, "year %q of entry %q is not a number", v, e.Key)
			}
		case "month":
			if v := strings.TrimSpace(fd.Value); bib.ParseMonth(v) == 0 {
				w.warnf(fd.Start, "month %q of entry %q is not a month", v, e.Key)
			}
		case "doi":
			w.doi(e, fd, int32(i))
		case "author", "editor":
			w.nameList(e, int32(i))
		}
		// Unknown commands need a backslash: most values have none.
		if latexField(fd.Name) && strings.IndexByte(fd.Value, '\\') >= 0 && !onlyKnownCommands(fd.Value) {
			for _, cmd := range latex.Unknown(fd.Value) {
				r.unknown = append(r.unknown, unknownUse{cmd, int32(i), w.i})
			}
		}
	}
}

// knownCommands are commands the LaTeX converter knows, in text and in
// math: the accents and letters that names and titles use most, and the
// math that abstracts use most. TestKnownCommands checks each.
var knownCommands = func() map[string]bool {
	m := map[string]bool{}
	for _, c := range strings.Fields(`' " ~ ` + "`" + ` ^ = . u v H c d b r k t % _ & # { } i j o O l L ss aa AA ae AE oe OE emph textit textbf texttt url ` +
		`times approx ell epsilon infty log mathbb mathcal sqrt tilde alpha beta gamma delta lambda mu sigma theta pi leq geq cdot sum`) {
		m[c] = true
	}
	return m
}()

// onlyKnownCommands reports whether every command in s is one of
// knownCommands, so that latex.Unknown(s) is empty without running the
// converter. Math ($...$) makes no difference: the converter looks
// commands up alike in text and in math, and reports those it does not
// know in both.
func onlyKnownCommands(s string) bool {
	for i := strings.IndexByte(s, '\\'); i >= 0; {
		j := i + 1
		for j < len(s) && ('a' <= s[j] && s[j] <= 'z' || 'A' <= s[j] && s[j] <= 'Z') {
			j++
		}
		if j == i+1 && j < len(s) {
			j++ // a control symbol: \' \%
		}
		if !knownCommands[s[i+1:j]] {
			return false
		}
		k := strings.IndexByte(s[j:], '\\')
		if k < 0 {
			break
		}
		i = j + k
	}
	return true
}

// latexField tells whether a field holds text to typeset, rather than an
// identifier, a URL or a file name.
func latexField(name string) bool {
	switch name {
	case "doi", "url", "eprint", "file", "pdf", "isbn", "issn", "crossref", "xref", "keywords", "archiveprefix", "primaryclass", "urldate", "date":
		return false
	}
	return !strings.HasPrefix(name, "url_")
}

// isYear reports whether s is four ASCII digits, what `^[0-9]{4}$`
// matches.
func isYear(s string) bool {
	if len(s) != 4 {
		return false
	}
	for i := 0; i < 4; i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

func (w *worker) required(e *bib.Entry) {
	need, known := requiredSplit[e.Type]
	if !known {
		return
	}
	var missing []string
	for i, alts := range need {
		found := false
		for _, name := range alts {
			if strings.TrimSpace(e.Get(name)) != "" {
				found = true
				break
			}
		}
		if !found {
			missing = append(missing, strings.ReplaceAll(required[e.Type][i], "|", " or "))
		}
	}
	if len(missing) > 0 {
		w.warnf(e.Start, "entry %q (@%s) lacks %s", e.Key, e.Type, strings.Join(missing, ", "))
	}
}

// requiredSplit is required with the alternatives split at "|".
var requiredSplit = func() map[string][][]string {
	m := make(map[string][][]string, len(required))
	for typ, need := range required {
		for _, alts := range need {
			m[typ] = append(m[typ], strings.Split(alts, "|"))
		}
	}
	return m
}()

// doi checks the doi field of the entry, fd, which is its field i.
func (w *worker) doi(e *bib.Entry, fd bib.Field, i int32) {
	raw := strings.TrimSpace(fd.Value)
	d, ok := ids.ParseDOI(raw)
	if !ok {
		w.warnf(fd.Start, "doi %q of entry %q is not a valid DOI (10.<registrant>/<suffix>)", raw, e.Key)
		return
	}
	if d != raw {
		b := append(w.buf[:0], "doi of entry "...)
		b = appendQuote(b, e.Key)
		b = append(b, " is written as "...)
		b = appendQuote(b, raw)
		b = append(b, ": write the bare DOI "...)
		b = append(b, d...)
		b = append(b, " ('pubs fmt' does)"...)
		w.buf = b
		w.warn(fd.Start, w.texts.add(b))
	}
	w.dois.add(doiUse{doiKey(d), i, w.i})
}

// doiKey is ids.DOIKey of a DOI that ids.ParseDOI returned, which parses
// as itself: its ASCII letters lowercased.
func doiKey(d string) string {
	for i := 0; i < len(d); i++ {
		if 'A' <= d[i] && d[i] <= 'Z' {
			b := []byte(d)
			for j := i; j < len(b); j++ {
				if 'A' <= b[j] && b[j] <= 'Z' {
					b[j] += 'a' - 'A'
				}
			}
			return string(b)
		}
	}
	return d
}

var suffixes = map[string]bool{"jr": true, "jr.": true, "sr": true, "sr.": true, "ii": true, "iii": true, "iv": true}

// nameList checks an author or editor list, field fi of the entry, and
// records its names.
func (w *worker) nameList(e *bib.Entry, fi int32) {
	fd := e.FieldAt(int(fi))
	v := strings.TrimSpace(fd.Value)
	if startAnd, endAnd, double := andWords(v); startAnd || endAnd || double {
		if startAnd || endAnd {
			w.warnf(fd.Start, "%s of entry %q starts or ends with \"and\"", fd.Name, e.Key)
		}
		if double {
			w.warnf(fd.Start, "%s of entry %q has an empty name (\"and and\")", fd.Name, e.Key)
		}
	}
	w.list = bib.AppendNameList(w.list[:0], v)
	for _, raw := range w.list {
		sp := w.spell(raw)
		if sp.commas > 2 {
			w.warnf(fd.Start, "name %q in entry %q has %d commas: BibTeX ignores what follows the third part", raw, e.Key, sp.commas)
		}
		if sp.group == nil {
			continue // "others"
		}
		if sp.last.suffix && strings.IndexByte(raw, ',') < 0 {
			n := sp.name
			w.warnf(fd.Start, "name %q in entry %q: BibTeX takes %q for the last name; write \"%s, %s, %s\"",
				raw, e.Key, n.Last, lastOf(n.First), n.Last, firstOf(n.First))
		}
		w.occs.add(occurrence{sp.first.id, sp.last.id, w.i, uint32(fd.Start), w.khash})
	}
}

// andWords tells whether the first or the last of the words of v (as
// strings.Fields splits them) is "and" in any case, and whether two
// words in a row are; no other text lowercases to "and". v has no white
// space at either end.
func andWords(v string) (startAnd, endAnd, double bool) {
	// Each "and" word is found by its n.
	for _, n := range [2]byte{'n', 'N'} {
		for i := 0; i < len(v); {
			j := strings.IndexByte(v[i:], n)
			if j < 0 {
				break
			}
			p := i + j
			i = p + 1
			if p == 0 || p+1 == len(v) || v[p-1]|0x20 != 'a' || v[p+1]|0x20 != 'd' ||
				!spaceBefore(v, p-1) || !spaceAt(v, p+2) {
				continue
			}
			startAnd = startAnd || p == 1
			endAnd = endAnd || p+2 == len(v)
			// Is the next word "and" too?
			k := p + 2
			for k < len(v) {
				r, size := rune(v[k]), 1
				if r >= utf8.RuneSelf {
					r, size = utf8.DecodeRuneInString(v[k:])
				}
				if !unicode.IsSpace(r) {
					break
				}
				k += size
			}
			if k > p+2 && k+3 <= len(v) && isAnd(v[k:k+3]) && spaceAt(v, k+3) {
				double = true
			}
		}
	}
	return startAnd, endAnd, double
}

// spaceAt tells whether v has white space at i, or ends there.
func spaceAt(v string, i int) bool {
	if i == len(v) {
		return true
	}
	if c := v[i]; c < utf8.RuneSelf {
		return asciiSpace[c]
	}
	r, _ := utf8.DecodeRuneInString(v[i:])
	return unicode.IsSpace(r)
}

// spaceBefore tells whether v has white space just before i, or starts
// there.
func spaceBefore(v string, i int) bool {
	if i == 0 {
		return true
	}
	if c := v[i-1]; c < utf8.RuneSelf {
		return asciiSpace[c]
	}
	r, _ := utf8.DecodeLastRuneInString(v[:i])
	return unicode.IsSpace(r)
}

var asciiSpace = [utf8.RuneSelf]bool{'\t': true, '\n': true, '\v': true, '\f': true, '\r': true, ' ': true}

func isAnd(w string) bool {
	return len(w) == 3 && w[0]|0x20 == 'a' && w[1]|0x20 == 'n' && w[2]|0x20 == 'd'
}

// lastOf and firstOf split "Henry Ford" (BibTeX's first part of "Henry Ford
// Jr.") into what the suggestion writes.
func lastOf(first string) string {
	w := strings.Fields(first)
	if len(w) == 0 {
		return ""
	}
	return w[len(w)-1]
}

func firstOf(first string) string {
	w := strings.Fields(first)
	if len(w) == 0 {
		return ""
	}
	return strings.Join(w[:len(w)-1], " ")
}
