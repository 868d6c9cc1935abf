package lint

import (
	"strings"
	"sync/atomic"

	"github.com/pubs-dev/pubs/internal/bib"
)

// A library names far fewer first names, and last names, than names: the
// generated 100,000 entries have 422,000 names, 148,000 different ones,
// but only 3,000 first names and 730 last names as written. So a worker
// splits each name again (bib.ParseName is cheap), but converts each part
// to plain text and keys it once: two lookups in small tables cost less
// than one in a table of every name, whose size defeats the memory
// caches.

// firstInfo is what the checks need of first names as written.
type firstInfo struct {
	id    int32    // in names.firsts
	plain string   // plain Unicode
	tail  string   // the PersonKey's tail: "|" and the first initial, or ""
	tid   int      // the worker's number for tail
	words []string // as SamePerson compares them
}

// lastInfo is what the checks need of the von, last and Jr parts of a
// name as written.
type lastInfo struct {
	id            int32       // in names.lasts
	von, last, jr string      // plain Unicode
	base          string      // the PersonKey without the first initial
	suffix        bool        // the last name is "Jr", "III", ...
	groups        []*keyGroup // by firstInfo.tid

	rawVon, rawJr string    // as written
	next          *lastInfo // with the same last name as written
}

// names numbers the firstInfos and lastInfos of all workers, so that an
// occurrence names its parts in 4 bytes each.
type names struct {
	nfirst, nlast atomic.Int32
	// after the workers are done:
	firsts []*firstInfo
	lasts  []*lastInfo
}

// collect makes the tables of the parts the workers found.
func (ns *names) collect(workers []*worker) {
	ns.firsts = make([]*firstInfo, ns.nfirst.Load())
	ns.lasts = make([]*lastInfo, ns.nlast.Load())
	for _, w := range workers {
		for _, f := range w.firstList {
			ns.firsts[f.id] = f
		}
		for _, l := range w.lastList {
			ns.lasts[l.id] = l
		}
	}
}

// group returns the PersonKey of an occurrence, as its worker met it.
func (ns *names) group(o *occurrence) *keyGroup {
	return ns.lasts[o.last].groups[ns.firsts[o.first].tid]
}

// keyGroup is one PersonKey, as one worker met it.
type keyGroup struct {
	key string
	gid int32 // the same for every worker
}

// spelling is what the checks need of one name as written.
type spelling struct {
	name   bib.Name
	first  *firstInfo
	last   *lastInfo
	group  *keyGroup // its PersonKey; nil for "others"
	commas int       // at brace depth 0
}

// spell splits a name as written, and finds its parts in plain text and
// its PersonKey.
func (w *worker) spell(raw string) spelling {
	var sp spelling
	if first, last, ok := bib.SimpleName(raw); ok {
		// Most names: no parser, and no braces to count commas inside.
		sp.name = bib.Name{First: first, Last: last}
		if strings.IndexByte(raw, ',') >= 0 {
			sp.commas = 1 // "Last, First"
		}
	} else {
		sp = spelling{name: bib.ParseName(raw), commas: topLevelCommas(raw)}
	}
	n := sp.name
	if n.IsOthers() {
		return sp
	}
	if w.firsts == nil {
		w.firsts, w.lasts, w.tails = map[string]*firstInfo{}, map[string]*lastInfo{}, map[string]int{}
		if w.names == nil {
			w.names = &names{}
		}
	}
	f := w.firsts[n.First]
	if f == nil {
		// Plain and PersonKey of a name with first names only are the
		// plain first names and the key's tail.
		only := bib.Name{First: n.First}
		f = &firstInfo{plain: only.Plain().First, tail: only.PersonKey()}
		tid, ok := w.tails[f.tail]
		if !ok {
			tid = len(w.tails)
			w.tails[f.tail] = tid
		}
		f.tid = tid
		f.words = firstWords(f.plain)
		f.id = w.names.nfirst.Add(1) - 1
		w.firstList = append(w.firstList, f)
		w.firsts[strings.Clone(n.First)] = f
	}
	l := w.lasts[n.Last]
	for l != nil && (l.rawVon != n.Von || l.rawJr != n.Jr) {
		l = l.next
	}
	if l == nil {
		// Likewise, without first names the PersonKey has no tail.
		rest := bib.Name{Von: n.Von, Last: n.Last, Jr: n.Jr}
		p := rest.Plain()
		l = &lastInfo{von: p.Von, last: p.Last, jr: p.Jr, base: rest.PersonKey(), suffix: suffixes[strings.ToLower(n.Last)],
			rawVon: strings.Clone(n.Von), rawJr: strings.Clone(n.Jr)}
		l.id = w.names.nlast.Add(1) - 1
		w.lastList = append(w.lastList, l)
		last := strings.Clone(n.Last)
		l.next = w.lasts[last]
		w.lasts[last] = l
	}
	sp.first, sp.last = f, l
	if f.tid < len(l.groups) && l.groups[f.tid] != nil {
		sp.group = l.groups[f.tid]
		return sp
	}
	sp.group = &keyGroup{key: l.base + f.tail}
	if f.tid >= len(l.groups) {
		l.groups = append(l.groups, make([]*keyGroup, f.tid+1-len(l.groups))...)
	}
	l.groups[f.tid] = sp.group
	w.groups = append(w.groups, sp.group)
	return sp
}

// nameInfo is what tests compare of one name as written.
type nameInfo struct {
	name   bib.Name
	key    string // PersonKey
	full   string // Full, the spelling compared
	others bool   // BibTeX's "others"
	first  *firstInfo
}

// name is spell, with what tests compare, once per worker and name.
func (w *worker) name(raw string) *nameInfo {
	if info, ok := w.cache[raw]; ok {
		return info
	}
	sp := w.spell(raw)
	info := &nameInfo{name: sp.name, others: sp.group == nil}
	if !info.others {
		info.key, info.first = sp.group.key, sp.first
		info.full = string(appendFull(nil, sp.first, sp.last))
	}
	w.cache[raw] = info
	return info
}

// appendFull appends bib.Name.Full of the name of those parts.
func appendFull(b []byte, f *firstInfo, l *lastInfo) []byte {
	start := len(b)
	for _, p := range [...]string{f.plain, l.von, l.last} {
		if p != "" {
			if len(b) > start {
				b = append(b, ' ')
			}
			b = append(b, p...)
		}
	}
	if l.jr != "" {
		b = append(b, ", "...)
		b = append(b, l.jr...)
	}
	return b
}

// firstWords splits plain first names as bib.SamePerson does: lowercase,
// at spaces, hyphens and periods.
func firstWords(plain string) []string {
	return strings.FieldsFunc(strings.ToLower(plain), func(r rune) bool {
		return r == ' ' || r == '-' || r == '.'
	})
}

func topLevelCommas(s string) int {
	n, depth := 0, 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '{':
			depth++
		case '}':
			depth--
		case ',':
			if depth == 0 {
				n++
			}
		}
	}
	return n
}
