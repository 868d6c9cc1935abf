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

	"github.com/pubs-dev/pubs/internal/bib"
	"github.com/pubs-dev/pubs/internal/ids"
	"github.com/pubs-dev/pubs/internal/latex"
)

// Check returns the warnings for the library, sorted by position.
func Check(lib *bib.Library) bib.ErrorList {
	c := &checker{dois: map[string]*bib.Entry{}, unknown: map[string]bool{}, people: map[string][]spelling{}}
	for _, e := range lib.Entries {
		c.entry(e)
	}
	c.variants()
	c.out.Sort()
	return c.out
}

type spelling struct {
	name  bib.Name
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

func (c *checker) entry(e *bib.Entry) {
	if e.Broken {
		return // its syntax error says enough
	}
	c.required(e)
	for i := range e.Fields {
		fd := &e.Fields[i]
		switch fd.Name {
		case "year":
			if v := strings.TrimSpace(fd.Value); !isYear(v) {
				c.warn(e, fd.Start, "year %q of entry %q is not a number", v, e.Key)
			}
		case "month":
			if v := strings.TrimSpace(fd.Value); bib.ParseMonth(v) == 0 {
				c.warn(e, fd.Start, "month %q of entry %q is not a month", v, e.Key)
			}
		case "doi":
			c.doi(e, fd)
		case "author", "editor":
			c.names(e, fd)
		}
		if latexField(fd.Name) {
			for _, cmd := range latex.Unknown(fd.Value) {
				if !c.unknown[cmd] {
					c.unknown[cmd] = true
					c.warn(e, fd.Start, "unknown LaTeX command \\%s in entry %q: pubs shows its argument as text (reported once)", cmd, e.Key)
				}
			}
		}
	}
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

func (c *checker) required(e *bib.Entry) {
	need, known := required[e.Type]
	if !known {
		return
	}
	var missing []string
	for _, alts := range need {
		found := false
		for _, name := range strings.Split(alts, "|") {
			if strings.TrimSpace(e.Get(name)) != "" {
				found = true
				break
			}
		}
		if !found {
			missing = append(missing, strings.ReplaceAll(alts, "|", " or "))
		}
	}
	if len(missing) > 0 {
		c.warn(e, e.Start, "entry %q (@%s) lacks %s", e.Key, e.Type, strings.Join(missing, ", "))
	}
}

func (c *checker) doi(e *bib.Entry, fd *bib.Field) {
	raw := strings.TrimSpace(fd.Value)
	d, ok := ids.ParseDOI(raw)
	if !ok {
		c.warn(e, fd.Start, "doi %q of entry %q is not a valid DOI (10.<registrant>/<suffix>)", raw, e.Key)
		return
	}
	if d != raw {
		c.warn(e, fd.Start, "doi of entry %q is written as %q: write the bare DOI %s ('pubs fmt' does)", e.Key, raw, d)
	}
	key := ids.DOIKey(d)
	if first, dup := c.dois[key]; dup {
		c.warn(e, fd.Start, "entry %q has the same DOI %s as entry %q at %s", e.Key, d, first.Key, first.Pos())
		return
	}
	c.dois[key] = e
}

var suffixes = map[string]bool{"jr": true, "jr.": true, "sr": true, "sr.": true, "ii": true, "iii": true, "iv": true}

func (c *checker) names(e *bib.Entry, fd *bib.Field) {
	v := strings.TrimSpace(fd.Value)
	words := strings.Fields(strings.ToLower(v))
	if len(words) > 0 && (words[0] == "and" || words[len(words)-1] == "and") {
		c.warn(e, fd.Start, "%s of entry %q starts or ends with \"and\"", fd.Name, e.Key)
	}
	for i := 1; i < len(words); i++ {
		if words[i] == "and" && words[i-1] == "and" {
			c.warn(e, fd.Start, "%s of entry %q has an empty name (\"and and\")", fd.Name, e.Key)
			break
		}
	}
	for _, raw := range bib.SplitNameList(v) {
		n := bib.ParseName(raw)
		if commas := topLevelCommas(raw); commas > 2 {
			c.warn(e, fd.Start, "name %q in entry %q has %d commas: BibTeX ignores what follows the third part", raw, e.Key, commas)
		}
		if suffixes[strings.ToLower(n.Last)] && !strings.Contains(raw, ",") {
			c.warn(e, fd.Start, "name %q in entry %q: BibTeX takes %q for the last name; write \"%s, %s, %s\"",
				raw, e.Key, n.Last, lastOf(n.First), n.Last, firstOf(n.First))
		}
		if n.IsOthers() {
			continue
		}
		k := n.PersonKey()
		c.people[k] = append(c.people[k], spelling{n, e, fd})
	}
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
	for k := range c.people {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		occ := c.people[k]
		// Distinct spellings, in order of first appearance.
		var forms []string
		first := map[string]spelling{}
		entries := map[string][]string{}
		for _, o := range occ {
			f := o.name.Full()
			if _, seen := first[f]; !seen {
				forms = append(forms, f)
				first[f] = o
			}
			if ks := entries[f]; len(ks) == 0 || ks[len(ks)-1] != o.entry.Key {
				entries[f] = append(entries[f], o.entry.Key)
			}
		}
		for i := 1; i < len(forms); i++ {
			for j := 0; j < i; j++ {
				a, b := first[forms[j]], first[forms[i]]
				if !bib.SamePerson(a.name, b.name) {
					continue
				}
				c.warn(b.entry, b.field.Start, "%q (%s) and %q (%s) look like one person under two spellings",
					forms[j], listKeys(entries[forms[j]]), forms[i], listKeys(entries[forms[i]]))
				break
			}
		}
	}
}

func listKeys(keys []string) string {
	if len(keys) > 3 {
		return fmt.Sprintf("%s and %d more", strings.Join(keys[:3], ", "), len(keys)-3)
	}
	return strings.Join(keys, ", ")
}
