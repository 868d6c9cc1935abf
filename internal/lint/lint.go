// Package lint finds what BibTeX reads without complaint but is probably
// wrong: missing required fields, a year that is not a number, a DOI that
// is invalid, written as a URL or shared by two entries, names that BibTeX
// will split oddly, one person under several spellings, and LaTeX commands
// that pubs does not know. Every finding is a warning: nothing is lost, so
// 'pubs check' still exits 0 for them.
package lint

import (
	"fmt"
	"regexp"
	"sort"
	"strings"
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
func Check(lib *bib.Library) bib.ErrorList {
	entries := lib.Entries
	results := make([]entryResult, len(entries))
	parallel.BatchesWith(len(entries), 512, newWorker, func(w *worker, lo, hi int) {
		for i := lo; i < hi; i++ {
			w.entry(entries[i], &results[i])
		}
	})
	c := &checker{dois: map[string]*bib.Entry{}, unknown: map[string]bool{}, people: map[string][]spelling{}}
	for i, e := range entries {
		r := &results[i]
		c.out = append(c.out, r.out...)
		for _, d := range r.dois {
			if first, dup := c.dois[d.key]; dup {
				c.warn(e, d.field.Start, "entry %q has the same DOI %s as entry %q at %s", e.Key, d.doi, first.Key, first.Pos())
				continue
			}
			c.dois[d.key] = e
		}
		for _, u := range r.unknown {
			if !c.unknown[u.cmd] {
				c.unknown[u.cmd] = true
				c.warn(e, u.field.Start, "unknown LaTeX command \\%s in entry %q: pubs shows its argument as text (reported once)", u.cmd, e.Key)
			}
		}
		for _, sp := range r.people {
			c.people[sp.name.key] = append(c.people[sp.name.key], sp)
		}
		*r = entryResult{}
	}
	c.variants()
	c.out.Sort()
	return c.out
}

// nameInfo is what the checks need of one name as written.
type nameInfo struct {
	name   bib.Name
	key    string   // PersonKey
	full   string   // Full, the spelling compared
	words  []string // the plain first names, as SamePerson compares them
	others bool
	commas int  // at brace depth 0
	suffix bool // the last name is "Jr", "III", ...
}

type spelling struct {
	name  *nameInfo
	entry *bib.Entry
	field *bib.Field
}

type checker struct {
	out     bib.ErrorList
	dois    map[string]*bib.Entry
	unknown map[string]bool
	people  map[string][]spelling // PersonKey -> every occurrence
}

func (c *checker) warn(e *bib.Entry, off int, format string, args ...any) {
	c.out.Add(e.File.Position(off), bib.SeverityWarning, format, args...)
}

// entryResult is what checking one entry found: its own warnings, and
// what the merge needs.
type entryResult struct {
	out     bib.ErrorList
	dois    []doiUse
	unknown []unknownUse
	people  []spelling
}

type doiUse struct {
	key, doi string
	field    *bib.Field
}

type unknownUse struct {
	cmd   string
	field *bib.Field
}

// worker checks entries on one goroutine; it remembers the names it has
// split, since a library names the same people again and again.
type worker struct {
	cache map[string]*nameInfo
}

func newWorker() *worker { return &worker{cache: map[string]*nameInfo{}} }

func (r *entryResult) warn(e *bib.Entry, off int, format string, args ...any) {
	r.out.Add(e.File.Position(off), bib.SeverityWarning, format, args...)
}

func (w *worker) entry(e *bib.Entry, r *entryResult) {
	if e.Broken {
		return // its syntax error says enough
	}
	r.required(e)
	for i := range e.Fields {
		fd := &e.Fields[i]
		switch fd.Name {
		case "year":
			if v := strings.TrimSpace(fd.Value); !isYear(v) {
				r.warn(e, fd.Start, "year %q of entry %q is not a number", v, e.Key)
			}
		case "month":
			if v := strings.TrimSpace(fd.Value); bib.ParseMonth(v) == 0 {
				r.warn(e, fd.Start, "month %q of entry %q is not a month", v, e.Key)
			}
		case "doi":
			r.doi(e, fd)
		case "author", "editor":
			w.names(e, fd, r)
		}
		// Unknown commands need a backslash: most values have none.
		if latexField(fd.Name) && strings.IndexByte(fd.Value, '\\') >= 0 && !onlyKnownCommands(fd.Value) {
			for _, cmd := range latex.Unknown(fd.Value) {
				r.unknown = append(r.unknown, unknownUse{cmd, fd})
			}
		}
	}
}

// knownCommands are commands the LaTeX converter knows in text, the
// accents and letters that names and titles use most; TestKnownCommands
// checks each.
var knownCommands = func() map[string]bool {
	m := map[string]bool{}
	for _, c := range strings.Fields(`' " ~ ` + "`" + ` ^ = . u v H c d b r k t % _ & # { } i j o O l L ss aa AA ae AE oe OE emph textit textbf texttt url`) {
		m[c] = true
	}
	return m
}()

// onlyKnownCommands reports whether every command in s is one of
// knownCommands and s has no math, so that latex.Unknown(s) is empty
// without running the converter.
func onlyKnownCommands(s string) bool {
	if strings.IndexByte(s, '$') >= 0 {
		return false
	}
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

var yearRE = regexp.MustCompile(`^[0-9]{4}$`)

func isYear(s string) bool { return yearRE.MatchString(s) }

func (r *entryResult) required(e *bib.Entry) {
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
		r.warn(e, e.Start, "entry %q (@%s) lacks %s", e.Key, e.Type, strings.Join(missing, ", "))
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

func (r *entryResult) doi(e *bib.Entry, fd *bib.Field) {
	raw := strings.TrimSpace(fd.Value)
	d, ok := ids.ParseDOI(raw)
	if !ok {
		r.warn(e, fd.Start, "doi %q of entry %q is not a valid DOI (10.<registrant>/<suffix>)", raw, e.Key)
		return
	}
	if d != raw {
		r.warn(e, fd.Start, "doi of entry %q is written as %q: write the bare DOI %s ('pubs fmt' does)", e.Key, raw, d)
	}
	r.dois = append(r.dois, doiUse{ids.DOIKey(d), d, fd})
}

var suffixes = map[string]bool{"jr": true, "jr.": true, "sr": true, "sr.": true, "ii": true, "iii": true, "iv": true}

func (w *worker) names(e *bib.Entry, fd *bib.Field, r *entryResult) {
	v := strings.TrimSpace(fd.Value)
	// The words of the list, compared with "and" in any case (no other
	// text lowercases to "and"), without splitting the list.
	words, startAnd, endAnd, double := 0, false, false, false
	for w := range strings.FieldsSeq(v) {
		and := isAnd(w)
		if words == 0 {
			startAnd = and
		} else if and && endAnd {
			double = true
		}
		endAnd = and
		words++
	}
	if startAnd || endAnd {
		r.warn(e, fd.Start, "%s of entry %q starts or ends with \"and\"", fd.Name, e.Key)
	}
	if double {
		r.warn(e, fd.Start, "%s of entry %q has an empty name (\"and and\")", fd.Name, e.Key)
	}
	for _, raw := range bib.SplitNameList(v) {
		info := w.name(raw)
		n := info.name
		if info.commas > 2 {
			r.warn(e, fd.Start, "name %q in entry %q has %d commas: BibTeX ignores what follows the third part", raw, e.Key, info.commas)
		}
		if info.suffix && !strings.Contains(raw, ",") {
			r.warn(e, fd.Start, "name %q in entry %q: BibTeX takes %q for the last name; write \"%s, %s, %s\"",
				raw, e.Key, n.Last, lastOf(n.First), n.Last, firstOf(n.First))
		}
		if info.others {
			continue
		}
		r.people = append(r.people, spelling{info, e, fd})
	}
}

func isAnd(w string) bool {
	return len(w) == 3 && w[0]|0x20 == 'a' && w[1]|0x20 == 'n' && w[2]|0x20 == 'd'
}

// name splits a name, once per worker and spelling.
func (w *worker) name(raw string) *nameInfo {
	if info, ok := w.cache[raw]; ok {
		return info
	}
	n := bib.ParseName(raw)
	info := &nameInfo{name: n, others: n.IsOthers(), commas: topLevelCommas(raw), suffix: suffixes[strings.ToLower(n.Last)]}
	if !info.others {
		var plain bib.Name
		info.key, info.full, plain = n.Spelling()
		info.words = firstWords(plain.First)
	}
	w.cache[raw] = info
	return info
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

// variants warns when one person appears under several spellings: names
// that SamePerson accepts but that differ once rendered in plain Unicode
// (so "Ruthotto, Lars" and "Lars Ruthotto" are one spelling, as are
// M{\"u}ller and Müller).
func (c *checker) variants() {
	keys := make([]string, 0, len(c.people))
	for k, occ := range c.people {
		if len(occ) > 1 {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	found := make([]bib.ErrorList, len(keys))
	parallel.Batches(len(keys), 256, func(lo, hi int) {
		for i := lo; i < hi; i++ {
			found[i] = variantsOf(c.people[keys[i]])
		}
	})
	for _, f := range found {
		c.out = append(c.out, f...)
	}
}

// form is one spelling of a person, with where it first appears and the
// keys of the entries that use it.
type form struct {
	full  string
	first spelling
	keys  []string
}

// variantsOf returns the warnings about the spellings of one person.
func variantsOf(occ []spelling) bib.ErrorList {
	// Distinct spellings, in order of first appearance.
	var forms []form
	var index map[string]int // full -> forms index, once there are many
	for _, o := range occ {
		f := o.name.full
		i := 0
		if index != nil {
			if j, ok := index[f]; ok {
				i = j
			} else {
				i = len(forms)
			}
		} else {
			for i < len(forms) && forms[i].full != f {
				i++
			}
		}
		if i == len(forms) {
			forms = append(forms, form{full: f, first: o})
			if index != nil {
				index[f] = i
			} else if len(forms) > 8 {
				index = make(map[string]int, 2*len(forms))
				for k, fm := range forms {
					index[fm.full] = k
				}
			}
		}
		if ks := forms[i].keys; len(ks) == 0 || ks[len(ks)-1] != o.entry.Key {
			forms[i].keys = append(forms[i].keys, o.entry.Key)
		}
	}
	var out bib.ErrorList
	for i := 1; i < len(forms); i++ {
		for j := 0; j < i; j++ {
			a, b := forms[j].first, forms[i].first
			if !samePerson(a.name, b.name) {
				continue
			}
			out.Add(b.entry.File.Position(b.field.Start), bib.SeverityWarning,
				"%q (%s) and %q (%s) look like one person under two spellings",
				forms[j].full, listKeys(forms[j].keys), forms[i].full, listKeys(forms[i].keys))
			break
		}
	}
	return out
}

// samePerson is bib.SamePerson for two names of one PersonKey, from
// what nameInfo keeps: the first names must be compatible word by word.
func samePerson(a, b *nameInfo) bool {
	for i := 0; i < len(a.words) && i < len(b.words); i++ {
		if !compatibleWord(a.words[i], b.words[i]) {
			return false
		}
	}
	return true
}

// firstWords splits plain first names as bib.SamePerson does: lowercase,
// at spaces, hyphens and periods.
func firstWords(plain string) []string {
	return strings.FieldsFunc(strings.ToLower(plain), func(r rune) bool {
		return r == ' ' || r == '-' || r == '.'
	})
}

// compatibleWord: equal, or one is an initial of the other (as in
// bib.SamePerson).
func compatibleWord(a, b string) bool {
	if a == b {
		return true
	}
	ra, na := utf8.DecodeRuneInString(a)
	rb, nb := utf8.DecodeRuneInString(b)
	return ra == rb && (na == len(a) || nb == len(b))
}

func listKeys(keys []string) string {
	if len(keys) > 3 {
		return fmt.Sprintf("%s and %d more", strings.Join(keys[:3], ", "), len(keys)-3)
	}
	return strings.Join(keys, ", ")
}
