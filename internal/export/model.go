package export

import (
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/pubs-dev/pubs/internal/bib"
	"github.com/pubs-dev/pubs/internal/ids"
	"github.com/pubs-dev/pubs/internal/latex"
	"github.com/pubs-dev/pubs/internal/parallel"
	"github.com/pubs-dev/pubs/internal/query"
)

// Document is what a list format renders: the data model of the built-in
// templates and of a user's --template (docs/templates.md).
type Document struct {
	Title    string     // "Publications" unless set
	Sections []*Section // non-empty sections, in order
	Notes    []Note     // the legend of the author marks used in the document
	Count    int        // entries in all sections

	planned bool // the items are not filled yet (see Plan)
	opt     Options
	private map[string]bool // the fields Cite blocks leave out
}

// Section is one heading and its entries.
type Section struct {
	Name      string
	Slug      string // lowercase ASCII, for HTML ids and file names
	Numbering string // "reverse", "ascending" or "none"
	Groups    []*Group
	Items     []*Item // all items of the section in order

	plan []planned // before Fill: the items to be, in order
}

// Group is a run of items with the same year or type; Name is empty when
// the section is not grouped.
type Group struct {
	Name  string
	Items []*Item

	plan []int // before Fill: the items, as indices in the section's plan
}

// planned is an item before Fill: what Plan decided about it.
type planned struct {
	e      *bib.Entry
	number int        // 0 when not numbered
	marks  [][]string // the role marks of each person, nil when none
}

// Item is one entry as the formats show it.
type Item struct {
	Key      string
	Type     string // the entry type, lowercased
	Number   int    // the item's number in its section; 0 when not numbered
	Title    Text
	Authors  []Person // authors, else editors
	Editors  bool     // Authors are editors
	Venue    Text     // journal, booktitle, ...; for a talk, the event sentence
	Year     int      // 0 when unknown
	Date     string   // ISO date: "2021-10-29", "2021-10" or "2021"; "" when unknown
	URL      string   // the title's link: url, else the DOI's URL; "" when none is safe
	Links    []Link   // the buttons, in the seed page's order
	DOI      string   // the bare DOI
	ArXiv    string   // the arXiv id
	Abstract Text     // empty unless abstracts were asked for
	BibTeX   string   // the entry for a Cite block, private fields removed
	Talk     *Talk    // set for talks
	Entry    *bib.Entry
}

// Talk is a talk's details for display.
type Talk struct {
	Kind     string // "Invited talk"
	Event    Text
	Venue    Text
	Location Text
	Sentence Text   // "Invited talk at the Workshop on ...", from howpublished or built
	Date     string // ISO date
	Time     string // "HH:MM"
	When     string // "Oct 29, 2021 10:45 AM", as a Hugo Academic page prints it
}

// Person is an author or editor.
type Person struct {
	Name   Text     // "Lars Ruthotto" as LaTeX source ("First von Last, Jr")
	Owner  bool     // the library's owner (or a --highlight name)
	Others bool     // the "and others" of a name list
	Marks  []string // the role marks: "*", "†", ...
	Roles  []string // the role annotations: "equal", "corresponding", ...

	raw string // the name as written; Short and Last are made from it when asked
}

// Short is the name with initials for first names, plain: "L. Ruthotto".
func (p Person) Short() string {
	if p.Others {
		return ""
	}
	return bib.ParseName(p.raw).Short()
}

// Last is the plain last name with its von part: "van der Berg".
func (p Person) Last() string {
	if p.Others {
		return ""
	}
	pl := bib.ParseName(p.raw).Plain()
	return strings.TrimSpace(pl.Von + " " + pl.Last)
}

// Link is a button.
type Link struct {
	Label string // "Preprint", "PDF", "Code", "Slides", "Video", "DOI", ...
	URL   string // a safe URL (see SafeURL)
	Field string // the field it came from
}

// Note is one line of the legend: a mark and what it means.
type Note struct {
	Mark, Role, Text string
}

// Options set what goes into a Document.
type Options struct {
	Title     string
	Sections  []SectionSpec // when empty, DefaultSections
	Sort      string        // "-date" (default), "date" or "title"
	GroupBy   string        // "none" (default), "year" or "type"
	Numbering string        // overrides every section's numbering when set
	Owner     []bib.Name    // the owner's name and variants, and --highlight names
	Abstract  bool          // keep abstracts (in items and Cite blocks)
	Private   []string      // more fields to strip from Cite blocks
}

// SectionSpec defines a section: a name and the filter that selects its
// entries. An entry goes to the first section whose filter it matches.
type SectionSpec struct {
	Name      string
	Filter    *query.Filter
	Order     string // "" for Options.Sort
	Numbering string // "" for the format's default
}

// DefaultSections are the CV sections used when pubs.toml defines none.
// Their filters are written in the filter language, so that docs and
// pubs.toml can show them.
var DefaultSections = []struct{ Name, Filter string }{
	{"Journal articles", "type:article -is:preprint"},
	{"Conference papers", "type:inproceedings,conference -is:talk"},
	{"Book chapters", "type:incollection,inbook"},
	{"Books", "type:book,mvbook,proceedings,collection"},
	{"Preprints", "is:preprint"},
	{"Theses", "type:phdthesis,mastersthesis,thesis"},
	{"Reports", "type:techreport,report"},
	{"Software", "type:software,dataset"},
	{"Talks", "is:talk"},
	{"Other", ""},
}

// DefaultSectionSpecs parses DefaultSections.
func DefaultSectionSpecs() []SectionSpec {
	specs := make([]SectionSpec, len(DefaultSections))
	for i, s := range DefaultSections {
		f, err := query.ParseFilter(s.Filter)
		if err != nil {
			panic(fmt.Sprintf("default section %q: %v", s.Name, err)) // a bug in the table above
		}
		specs[i] = SectionSpec{Name: s.Name, Filter: f}
	}
	return specs
}

// Build assigns the entries to sections and renders each as an Item.
// Entries that match no section are left out; entries are taken in the
// order given, then sorted within their section. It is Plan and Fill.
func Build(entries []*bib.Entry, opt Options) (*Document, error) {
	doc, err := Plan(entries, opt)
	if err != nil {
		return nil, err
	}
	doc.Fill()
	return doc, nil
}

// Plan is Build without the items' contents: it assigns the entries to
// sections, sorts, numbers and groups them, and gives out the role marks
// (which number in order of first use, so in document order), but each
// Item holds only its Key, Type, Year, Number and Entry until Fill
// completes it. The formats that need only the entries in document order
// (bibtex, csljson, json) use a planned document as it is; the built-in
// HTML writer fills each item as it writes it, so that the items of a
// large library are never all complete in memory at once; every other
// writer calls Fill first.
func Plan(entries []*bib.Entry, opt Options) (*Document, error) {
	specs := opt.Sections
	if len(specs) == 0 {
		specs = DefaultSectionSpecs()
	}
	doc := &Document{Title: opt.Title, planned: true, opt: opt, private: privateFields(opt)}
	if doc.Title == "" {
		doc.Title = "Publications"
	}
	// Each entry's section, and whether it marks roles, on all cores and
	// in the entries' order (their memory's, while the sorted sections
	// visit it at random); then the buckets, in order.
	// The keys of newest-first order are taken in the same pass, while
	// the entry is at hand.
	orders := make([]string, len(specs))
	newest := false
	for i, s := range specs {
		if orders[i] = s.Order; orders[i] == "" {
			orders[i] = opt.Sort
		}
		newest = newest || newestFirst(orders[i])
	}
	section := make([]int, len(entries))
	roles := make([]bool, len(entries))
	var keys []newestKey
	if newest {
		keys = make([]newestKey, len(entries))
	}
	parallel.Batches(len(entries), 1024, func(lo, hi int) {
		matchers := make([]*query.Matcher, len(specs))
		for i, s := range specs {
			matchers[i] = s.Filter.Matcher()
		}
		for k := lo; k < hi; k++ {
			section[k] = -1
			for i, m := range matchers {
				if m.Match(entries[k]) {
					section[k] = i
					roles[k] = strings.TrimSpace(rolesOf(entries[k])) != ""
					if keys != nil {
						keys[k] = newestKeyOf(entries[k], k)
					}
					break
				}
			}
		}
	})
	var marking map[*bib.Entry]bool // the entries that mark roles
	// The buckets are allocated at their sizes: grown by doubling, a
	// large library's were copied and faulted in several times.
	sizes := make([]int, len(specs))
	for _, i := range section {
		if i >= 0 {
			sizes[i]++
		}
	}
	buckets := make([][]*bib.Entry, len(specs))
	bucketKeys := make([][]newestKey, len(specs))
	for i, n := range sizes {
		buckets[i] = make([]*bib.Entry, 0, n)
		if keys != nil {
			bucketKeys[i] = make([]newestKey, 0, n)
		}
	}
	for k, e := range entries {
		if roles[k] {
			if marking == nil {
				marking = map[*bib.Entry]bool{}
			}
			marking[e] = true
		}
		if i := section[k]; i >= 0 {
			buckets[i] = append(buckets[i], e)
			if keys != nil {
				bucketKeys[i] = append(bucketKeys[i], keys[k])
			}
		}
	}
	// The sections are sorted each on its own, all at once; their errors
	// are reported below in section order.
	sortErr := make([]error, len(specs))
	parallel.Batches(len(specs), 1, func(lo, hi int) {
		for i := lo; i < hi; i++ {
			switch {
			case len(buckets[i]) == 0:
			case newestFirst(orders[i]):
				// The keys index entries, whose order the bucket
				// keeps: ties keep it.
				sortNewest(bucketKeys[i], entries, buckets[i])
			default:
				sortErr[i] = SortEntries(buckets[i], orders[i])
			}
		}
	})
	slugs := map[string]int{}
	// The sections in order, with the errors in the order a section by
	// section pass finds them, and their items unfilled.
	notes := newNoteSet()
	for i, s := range specs {
		if len(buckets[i]) == 0 {
			continue
		}
		if err := sortErr[i]; err != nil {
			return nil, err
		}
		sec := &Section{Name: s.Name, Numbering: s.Numbering}
		if opt.Numbering != "" {
			sec.Numbering = opt.Numbering
		}
		switch sec.Numbering {
		case "", "none", "reverse", "ascending":
		default:
			return nil, fmt.Errorf("section %q: numbering %q: want reverse, ascending or none", s.Name, sec.Numbering)
		}
		if sec.Numbering == "" {
			sec.Numbering = "none"
		}
		sec.Slug = uniqueSlug(slugs, Slug(s.Name))
		bucket := buckets[i]
		sec.plan = make([]planned, len(bucket))
		// The marks are numbered in document order.
		for j, e := range bucket {
			p := &sec.plan[j]
			p.e = e
			switch sec.Numbering {
			case "reverse":
				p.number = len(bucket) - j
			case "ascending":
				p.number = j + 1
			}
			if marking[e] {
				p.marks = roleMarks(e, notes)
			}
		}
		groups, err := group(bucket, opt.GroupBy)
		if err != nil {
			return nil, err
		}
		sec.Groups = groups
		doc.Sections = append(doc.Sections, sec)
		doc.Count += len(bucket)
	}
	doc.Notes = notes.list()
	return doc, nil
}

// Fill completes the items of a planned document (see Plan), on all
// cores. It does nothing to a document that is complete.
func (doc *Document) Fill() {
	if doc == nil || !doc.planned {
		return
	}
	type job struct {
		it *Item
		p  *planned
	}
	var jobs []job
	for _, sec := range doc.Sections {
		slots := make([]Item, len(sec.plan)) // one allocation for the section
		sec.Items = make([]*Item, len(sec.plan))
		for j := range sec.plan {
			sec.Items[j] = &slots[j]
			jobs = append(jobs, job{&slots[j], &sec.plan[j]})
		}
		for _, g := range sec.Groups {
			g.Items = make([]*Item, len(g.plan))
			for k, j := range g.plan {
				g.Items[k] = sec.Items[j]
			}
			g.plan = nil
		}
	}
	newCache := func() *personCache { return newPersonCache(min(len(jobs), maxCached)) }
	parallel.BatchesWith(len(jobs), 256, newCache, func(people *personCache, lo, hi int) {
		for _, jb := range jobs[lo:hi] {
			doc.fill(jb.it, jb.p, people, true)
		}
	})
	for _, sec := range doc.Sections {
		sec.plan = nil
	}
	doc.planned = false
}

// Entries returns the entries of the document's items, in document order
// (planned or filled).
func (doc *Document) Entries() []*bib.Entry {
	n := 0
	for _, sec := range doc.Sections {
		n += len(sec.plan) + len(sec.Items)
	}
	out := make([]*bib.Entry, 0, n)
	for _, sec := range doc.Sections {
		for _, p := range sec.plan {
			out = append(out, p.e)
		}
		for _, it := range sec.Items {
			out = append(out, it.Entry)
		}
	}
	return out
}

// roleMarks returns the role marks of an entry's people, by their index
// in its name list (nil when none has a role), and records their use in
// notes. The items of a document must be marked in document order.
func roleMarks(e *bib.Entry, notes *noteSet) [][]string {
	list, _, _ := nameList(e)
	an := rolesOf(e)
	if strings.TrimSpace(an) == "" {
		return nil
	}
	roles := parseRoles(an)
	if len(roles) == 0 {
		return nil
	}
	names := bib.SplitNameList(list)
	var marks [][]string
	for i, raw := range names {
		r := roles[i+1]
		if len(r) == 0 || bib.ParseName(raw).IsOthers() {
			continue
		}
		if marks == nil {
			marks = make([][]string, len(names))
		}
		for _, role := range r {
			marks[i] = append(marks[i], notes.mark(role))
		}
	}
	return marks
}

// rolesOf returns the roles of the names an item shows (see nameList):
// its author+an field, else its editor+an field.
func rolesOf(e *bib.Entry) string {
	// Most entries mark no roles, which is known without reading their
	// names (Plan asks of every entry).
	if e.Index("author+an") < 0 && e.Index("editor+an") < 0 {
		return ""
	}
	_, field, _ := nameList(e)
	return e.Get(rolesField(field))
}

// rolesField returns the name of the field that holds the roles of a
// name list field, author or editor (a constant: no string to build).
func rolesField(field string) string {
	if field == "author" {
		return "author+an"
	}
	return "editor+an"
}

// nameList returns the names an item shows: the authors, else the
// editors.
func nameList(e *bib.Entry) (list, field string, editors bool) {
	list = e.Get("author")
	if strings.TrimSpace(list) != "" {
		return list, "author", false
	}
	list = e.Get("editor")
	return list, "editor", strings.TrimSpace(list) != ""
}

func uniqueSlug(seen map[string]int, s string) string {
	seen[s]++
	if n := seen[s]; n > 1 {
		return s + "-" + strconv.Itoa(n)
	}
	return s
}

// SortEntries orders entries: "-date" (or "") newest first, "date" oldest
// first, "title" by plain title; ties by key. The sort is stable.
func SortEntries(entries []*bib.Entry, order string) error {
	switch {
	case newestFirst(order):
		SortNewestFirst(entries)
	case order == "date":
		// Oldest first, undated first, ties by key.
		sort.SliceStable(entries, func(i, j int) bool {
			a, b := dateKey(entries[i]), dateKey(entries[j])
			if a != b {
				return a < b
			}
			return strings.ToLower(entries[i].Key) < strings.ToLower(entries[j].Key)
		})
	case order == "title":
		titles := make(map[*bib.Entry]string, len(entries))
		for _, e := range entries {
			titles[e] = strings.ToLower(Plain(e.Get("title")))
		}
		sort.SliceStable(entries, func(i, j int) bool {
			a, b := titles[entries[i]], titles[entries[j]]
			if a != b {
				return a < b
			}
			return strings.ToLower(entries[i].Key) < strings.ToLower(entries[j].Key)
		})
	default:
		return fmt.Errorf("sort %q: want -date, date or title", order)
	}
	return nil
}

// newestFirst reports whether a section order is newest first, the
// default: "" or "-date".
func newestFirst(order string) bool { return order == "" || order == "-date" }

func dateKey(e *bib.Entry) int {
	y, ok := e.Year()
	if !ok {
		return -1
	}
	return y*100 + e.Month()
}

// group splits a section's entries (in order) into groups by year or
// type, in order of first appearance; each group holds indices into
// entries.
func group(entries []*bib.Entry, by string) ([]*Group, error) {
	var name func(*bib.Entry) string
	switch by {
	case "", "none":
		g := &Group{plan: make([]int, len(entries))}
		for j := range g.plan {
			g.plan[j] = j
		}
		return []*Group{g}, nil
	case "year":
		name = func(e *bib.Entry) string {
			if y, ok := e.Year(); ok && y != 0 { // as Item.Year
				return strconv.Itoa(y)
			}
			return "Undated"
		}
	case "type":
		name = typeName
	default:
		return nil, fmt.Errorf("group-by %q: want year, type or none", by)
	}
	var groups []*Group
	index := map[string]*Group{}
	for j, e := range entries {
		n := name(e)
		g, ok := index[n]
		if !ok {
			g = &Group{Name: n}
			index[n] = g
			groups = append(groups, g)
		}
		g.plan = append(g.plan, j)
	}
	return groups, nil
}

// TypeName names an item's kind for grouping: "Journal article", "Talk", ...
func TypeName(it *Item) string {
	if it.Talk != nil {
		return "Talk"
	}
	return typeName(it.Entry)
}

// typeName is TypeName for an entry (an item is a talk when its entry
// is).
func typeName(e *bib.Entry) string {
	switch {
	case e.IsTalk():
		return "Talk"
	case e.IsPreprint():
		return "Preprint"
	}
	switch e.Type {
	case "article":
		return "Journal article"
	case "inproceedings", "conference":
		return "Conference paper"
	case "incollection", "inbook":
		return "Book chapter"
	case "book", "mvbook", "collection", "proceedings":
		return "Book"
	case "phdthesis", "mastersthesis", "thesis":
		return "Thesis"
	case "techreport", "report":
		return "Report"
	case "software":
		return "Software"
	case "dataset":
		return "Dataset"
	}
	return "Other"
}

// personCache holds what an Item needs of each name as written, and its
// canonical form for the Cite block; a library names the same people
// again and again. One goroutine uses it.
type personCache struct {
	names     map[string]cachedName
	canonical func(string) (string, bool) // c.canonicalName as a value, made once

	// The Cite blocks' formatting (of one document: its private fields),
	// and the buffer they are written in.
	cite  *bib.FormatOptions
	buf   []byte
	split []string // the names of a list

	// The last DOI parsed (see parseDOI).
	doiRaw, doi   string
	doiSet, doiOK bool
}

type cachedName struct {
	person              Person // without roles
	hasPerson, hasCanon bool
	canon               string
	canonOK             bool
}

// maxCached bounds the caches of names and texts that the writers keep
// per goroutine: a cache that is full starts afresh. A library names its
// people again and again, but a merged library of 100,000 entries can
// name 100,000 different spellings, which are not worth keeping.
const maxCached = 1 << 14

func newPersonCache(size int) *personCache {
	c := &personCache{names: make(map[string]cachedName, size)}
	c.canonical = c.canonicalName
	return c
}

// person returns the Person for a name as written, without its roles.
// The common plain names (see bib.SimpleName) are made without the parser or
// the cache.
func (c *personCache) person(raw string, opt Options) Person {
	if first, last, ok := bib.SimpleName(raw); ok {
		return newPerson(raw, bib.Name{First: first, Last: last}, opt)
	}
	cn, ok := c.names[raw]
	if ok && cn.hasPerson {
		return cn.person
	}
	if !ok && len(c.names) >= maxCached {
		clear(c.names)
	}
	p := newPerson(raw, bib.ParseName(raw), opt)
	cn.person, cn.hasPerson = p, true
	c.names[raw] = cn
	return p
}

func newPerson(raw string, n bib.Name, opt Options) Person {
	p := Person{Others: n.IsOthers()}
	if !p.Others {
		p.Name = Text(personLaTeX(raw, n))
		p.raw = raw
		for _, o := range opt.Owner {
			if bib.SamePerson(n, o) {
				p.Owner = true
				break
			}
		}
	}
	return p
}

// citeOptions returns the formatting of the document's Cite blocks, with
// this cache's canonical names; one goroutine serves one document.
func (c *personCache) citeOptions(doc *Document) bib.FormatOptions {
	if c.cite == nil {
		opt := newCiteOptions(doc.private, c.canonical)
		opt.NormalizeDOI = c.parseDOI
		c.cite = &opt
	}
	return *c.cite
}

// parseDOI is ids.ParseDOI, which remembers its last answer: an item's
// DOI is parsed when it is filled, and again, the same value, when its
// Cite block is written.
func (c *personCache) parseDOI(raw string) (string, bool) {
	if raw != c.doiRaw || !c.doiSet {
		c.doiRaw, c.doiSet = raw, true
		c.doi, c.doiOK = ids.ParseDOI(raw)
	}
	return c.doi, c.doiOK
}

// canonicalName is bib.CanonicalName, cached. (The Cite blocks' name
// lists write the plain names, see bib.SimpleName, without it.)
func (c *personCache) canonicalName(raw string) (string, bool) {
	cn, ok := c.names[raw]
	if !ok && len(c.names) >= maxCached {
		clear(c.names)
	}
	if ok && cn.hasCanon {
		return cn.canon, cn.canonOK
	}
	cn.canon, cn.canonOK = bib.CanonicalName(raw)
	cn.hasCanon = true
	c.names[raw] = cn
	return cn.canon, cn.canonOK
}

// fill makes the item p planned (see Plan); its Cite block (BibTeX) only
// when cite is set. Without cite, it is a writer's scratch item (see
// writeHTML), whose list of people is reused.
func (doc *Document) fill(it *Item, p *planned, people *personCache, cite bool) {
	e, opt := p.e, doc.opt
	var authors []Person
	if !cite {
		authors = it.Authors[:0]
	}
	*it = Item{
		Key:    e.Key,
		Type:   e.Type,
		Number: p.number,
		Date:   isoDate(e),
		Entry:  e,
	}
	it.Talk = talkOf(e)
	it.Title, it.Venue, it.Abstract = doc.texts(e, it.Talk)
	if y, ok := e.Year(); ok {
		it.Year = y
	}
	list, field, editors := nameList(e)
	it.Editors = editors
	roles := parseRoles(e.Get(rolesField(field)))
	people.split = bib.AppendNameList(people.split[:0], list)
	names := people.split
	if len(names) > 0 {
		it.Authors = slices.Grow(authors, len(names))[:len(names)]
	}
	for i, raw := range names {
		person := people.person(raw, opt)
		if !person.Others {
			person.Roles = append([]string(nil), roles[i+1]...)
			if i < len(p.marks) {
				person.Marks = p.marks[i]
			}
		}
		it.Authors[i] = person
	}
	if d, ok := people.parseDOI(e.Get("doi")); ok {
		it.DOI = d
	}
	if a, ok := ids.ArXivFromFields(e.Get); ok {
		it.ArXiv = a.String()
	}
	it.URL = SafeURL(strings.TrimSpace(e.Get("url")))
	if it.URL == "" && it.DOI != "" {
		it.URL = ids.DOIURL(it.DOI)
	}
	it.Links = links(e, it)
	if cite {
		people.buf = appendCite(people.buf[:0], e, people.citeOptions(doc))
		it.BibTeX = string(people.buf)
	}
}

// texts returns an item's title, venue (for a talk, the event sentence)
// and abstract (empty unless abstracts were asked for). talk is the
// entry's Talk, nil when it is not one.
func (doc *Document) texts(e *bib.Entry, talk *Talk) (title, venue, abstract Text) {
	title = Text(strings.TrimSpace(e.Get("title")))
	venue = Text(strings.TrimSpace(e.Venue()))
	if talk != nil && talk.Sentence != "" {
		venue = talk.Sentence
	}
	if doc.opt.Abstract {
		abstract = Text(strings.TrimSpace(e.Get("abstract")))
	}
	return title, venue, abstract
}

// personLaTeX writes a name as "First von Last, Jr" in the .bib's LaTeX.
// The parts are joined by single spaces: when the name was written that
// way ("First Last"), the result is the name as written and costs nothing.
func personLaTeX(raw string, n bib.Name) string {
	var parts [3]string
	k := 0
	for _, p := range [3]string{n.First, n.Von, n.Last} {
		if p = strings.TrimSpace(p); p != "" {
			parts[k] = p
			k++
		}
	}
	jr := strings.TrimSpace(n.Jr)
	size := max(k-1, 0)
	for _, p := range parts[:k] {
		size += len(p)
	}
	if jr == "" && k > 0 && len(raw) == size && raw[:len(parts[0])] == parts[0] {
		// raw holds the parts in order, one byte apart: are those spaces?
		same, off := true, len(parts[0])
		for _, p := range parts[1:k] {
			if raw[off] != ' ' || raw[off+1:off+1+len(p)] != p {
				same = false
				break
			}
			off += 1 + len(p)
		}
		if same {
			return raw
		}
	}
	s := strings.Join(parts[:k], " ")
	if jr != "" {
		s += ", " + jr
	}
	return s
}

// talkOf returns a talk's details for display, nil for an entry that is
// not a talk.
func talkOf(e *bib.Entry) *Talk {
	if !e.IsTalk() {
		return nil
	}
	d := e.TalkDetails()
	t := &Talk{
		Kind:     Plain(d.Kind),
		Event:    Text(d.Event),
		Venue:    Text(d.Venue),
		Location: Text(d.Location),
		Sentence: Text(d.Text),
		Date:     d.Date,
		Time:     d.Time,
	}
	if t.Sentence == "" && d.Event != "" {
		kind := d.Kind
		if kind == "" {
			kind = "Talk"
		}
		s := kind + " at " + d.Event
		if d.Venue != "" {
			s += " at " + d.Venue
		}
		t.Sentence = Text(s)
	}
	if t.Date == "" {
		t.Date = isoDate(e)
	}
	t.When = when(t.Date, t.Time)
	return t
}

// when renders a date (and time) as a Hugo Academic page does:
// "Oct 29, 2021 10:45 AM", "Oct 2021", "2021".
func when(date, clock string) string {
	for _, layout := range []struct{ in, out string }{{"2006-01-02", "Jan 2, 2006"}, {"2006-01", "Jan 2006"}, {"2006", "2006"}} {
		d, err := time.Parse(layout.in, date)
		if err != nil {
			continue
		}
		s := d.Format(layout.out)
		if layout.in == "2006-01-02" && clock != "" {
			for _, cl := range []string{"15:04", "3:04 PM", "3:04PM", "3:04 pm"} {
				if c, err := time.Parse(cl, strings.TrimSpace(clock)); err == nil {
					s += " " + c.Format("3:04 PM")
					break
				}
			}
		}
		return s
	}
	return date
}

// isoDate is the entry's date as ISO 8601: the date field when it is one,
// else year and month.
func isoDate(e *bib.Entry) string {
	d := strings.TrimSpace(e.Get("date"))
	if len(d) >= 4 {
		for _, layout := range []string{"2006-01-02", "2006-01", "2006"} {
			if len(d) >= len(layout) {
				if _, err := time.Parse(layout, d[:len(layout)]); err == nil {
					return d[:len(layout)]
				}
			}
		}
	}
	y, ok := e.Year()
	if !ok {
		return ""
	}
	if y < 0 || y > 9999 {
		return fmt.Sprintf("%04d", y) // not a year BibTeX styles know; as written
	}
	var buf [7]byte
	b := appendZeroPadded(buf[:0], y, 4)
	if m := e.Month(); m > 0 {
		b = appendZeroPadded(append(b, '-'), m, 2)
	}
	return string(b)
}

// appendZeroPadded appends n (0 <= n) in at least width digits, as
// fmt's %0*d writes it.
func appendZeroPadded(b []byte, n, width int) []byte {
	for d, p := 1, 10; d < width; d, p = d+1, p*10 {
		if n < p {
			b = append(b, '0')
		}
	}
	return strconv.AppendInt(b, int64(n), 10)
}

// linkFields are the button fields in the order a Hugo Academic page shows
// its buttons; "Cite" comes after PDF there, and the formats insert it.
var linkFields = [...]struct{ field, label string }{
	{"url_preprint", "Preprint"},
	{"url_pdf", "PDF"},
	{"url_code", "Code"},
	{"url_dataset", "Dataset"},
	{"url_poster", "Poster"},
	{"url_project", "Project"},
	{"url_slides", "Slides"},
	{"url_video", "Video"},
	{"url_source", "Source"},
}

func links(e *bib.Entry, it *Item) []Link {
	// The first value of each link field, in one pass over the fields
	// (every link field starts with "url_").
	var values [len(linkFields)]string
	var seen [len(linkFields)]bool
	for i := range e.NumFields() {
		name := e.NameAt(i)
		if !strings.HasPrefix(name, "url_") {
			continue
		}
		for k, lf := range linkFields {
			if !seen[k] && name == lf.field {
				values[k], seen[k] = e.ValueAt(i), true
				break
			}
		}
	}
	var out []Link
	for k, lf := range linkFields {
		u := SafeURL(strings.TrimSpace(values[k]))
		if u == "" && lf.field == "url_preprint" && it.ArXiv != "" {
			if a, ok := ids.ParseArXiv(it.ArXiv); ok {
				u, lf.field = "https://arxiv.org/abs/"+a.ID, "eprint"
			}
		}
		if u != "" {
			out = append(out, Link{Label: lf.label, URL: u, Field: lf.field})
		}
	}
	if it.DOI != "" {
		out = append(out, Link{Label: "DOI", URL: ids.DOIURL(it.DOI), Field: "doi"})
	}
	return out
}

// CiteIndex is where the Cite button goes among the links: after Preprint
// and PDF, as on a Hugo Academic page.
func (it *Item) CiteIndex() int {
	i := 0
	for i < len(it.Links) && (it.Links[i].Label == "Preprint" || it.Links[i].Label == "PDF") {
		i++
	}
	return i
}

// LinksBeforeCite and LinksAfterCite split the buttons around Cite.
func (it *Item) LinksBeforeCite() []Link { return it.Links[:it.CiteIndex()] }

// LinksAfterCite: see LinksBeforeCite.
func (it *Item) LinksAfterCite() []Link { return it.Links[it.CiteIndex():] }

// ShowAuthors tells whether a talk's speakers are worth printing: they are
// when someone besides the owner spoke. Publications always show them.
func (it *Item) ShowAuthors() bool {
	if it.Talk == nil {
		return len(it.Authors) > 0
	}
	for _, p := range it.Authors {
		if !p.Owner {
			return true
		}
	}
	return false
}

// Slug turns a heading into a lowercase ASCII identifier: "Journal
// articles" is "journal-articles".
func Slug(s string) string { return slugify(latex.ToText(s), "section") }

// slugify keeps lowercase ASCII letters, digits and '_' (accents folded),
// turns every other run into one '-' between them, stops at 120 bytes, and
// returns fallback for an empty result. A slug never holds '/', '.' or a
// NUL, so as a folder name it can neither climb out nor hide.
func slugify(s, fallback string) string {
	var b strings.Builder
	dash := false
	for _, r := range s {
		r = unicode.ToLower(foldASCII(r))
		switch {
		case 'a' <= r && r <= 'z', '0' <= r && r <= '9', r == '_':
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
		default:
			dash = true
		}
		if b.Len() >= 120 {
			break
		}
	}
	if b.Len() == 0 {
		return fallback
	}
	return b.String()
}
