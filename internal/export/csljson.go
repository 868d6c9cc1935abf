package export

import (
	"io"
	"strconv"
	"strings"

	"github.com/pubs-dev/pubs/internal/bib"
	"github.com/pubs-dev/pubs/internal/ids"
	"github.com/pubs-dev/pubs/internal/parallel"
)

// CSLOptions set what goes into CSL-JSON.
type CSLOptions struct {
	Abstract bool     // write abstracts (private otherwise)
	Private  []string // more fields never to write (pubs.toml export.private)
}

// CSLItem is one entry in CSL-JSON 1.0.2, the format of pandoc's
// --bibliography file.json and of Zotero's CSL JSON import. Fields are
// written in this order; empty ones are left out. docs/csljson.md maps
// them to BibTeX fields.
type CSLItem struct {
	ID                  string    `json:"id"`
	Type                string    `json:"type"`
	Title               string    `json:"title,omitempty"`
	Author              []CSLName `json:"author,omitempty"`
	Editor              []CSLName `json:"editor,omitempty"`
	ContainerTitle      string    `json:"container-title,omitempty"`
	ContainerTitleShort string    `json:"container-title-short,omitempty"`
	CollectionTitle     string    `json:"collection-title,omitempty"`
	EventTitle          string    `json:"event-title,omitempty"`
	EventPlace          string    `json:"event-place,omitempty"`
	Genre               string    `json:"genre,omitempty"`
	Edition             string    `json:"edition,omitempty"`
	Volume              string    `json:"volume,omitempty"`
	Issue               string    `json:"issue,omitempty"`
	Number              string    `json:"number,omitempty"`
	Page                string    `json:"page,omitempty"`
	Version             string    `json:"version,omitempty"`
	Publisher           string    `json:"publisher,omitempty"`
	PublisherPlace      string    `json:"publisher-place,omitempty"`
	Archive             string    `json:"archive,omitempty"`
	Issued              *CSLDate  `json:"issued,omitempty"`
	EventDate           *CSLDate  `json:"event-date,omitempty"`
	DOI                 string    `json:"DOI,omitempty"`
	ISBN                string    `json:"ISBN,omitempty"`
	ISSN                string    `json:"ISSN,omitempty"`
	URL                 string    `json:"URL,omitempty"`
	Note                string    `json:"note,omitempty"`
	Abstract            string    `json:"abstract,omitempty"`
}

// CSLName is a person: family and given names with particles and suffix,
// or a literal name (an organisation written in braces).
type CSLName struct {
	Family              string `json:"family,omitempty"`
	Given               string `json:"given,omitempty"`
	DroppingParticle    string `json:"dropping-particle,omitempty"`
	NonDroppingParticle string `json:"non-dropping-particle,omitempty"`
	Suffix              string `json:"suffix,omitempty"`
	Literal             string `json:"literal,omitempty"`
}

// CSLDate is a date as date-parts: [[year]], [[year, month]] or
// [[year, month, day]]; a range has a second part.
type CSLDate struct {
	DateParts [][]int `json:"date-parts"`
}

// WriteCSLJSON writes the entries, in the order given, as a CSL-JSON
// array (indented, keys in a fixed order; an empty list is []). Text is
// plain Unicode: LaTeX converted, case-protecting braces removed. Private
// fields (see CiteBibTeX) are never written.
func WriteCSLJSON(w io.Writer, entries []*bib.Entry, opt CSLOptions) error {
	if len(entries) == 0 {
		_, err := io.WriteString(w, "[]\n")
		return err
	}
	// The array as encoding/json indents it, written an item at a time
	// as the items are made, on all cores: "[", each item at depth 1
	// after ",\n  ", then "\n]".
	private := privateFields(Options{Abstract: opt.Abstract, Private: opt.Private})
	if _, err := io.WriteString(w, "[\n  "); err != nil {
		return err
	}
	err := parallel.WriteOrdered(w, len(entries), 256, func(b []byte, lo, hi int) []byte {
		for i := lo; i < hi; i++ {
			if i > 0 {
				b = append(b, ",\n  "...)
			}
			it := NewCSLItem(entries[i], private, i)
			b = appendCSLItem(b, &it)
		}
		return b
	})
	if err != nil {
		return err
	}
	_, err = io.WriteString(w, "\n]\n")
	return err
}

// appendCSLItem appends the item as an element of WriteCSLJSON's array:
// as encoding/json writes it with HTML escaping off, the prefix "  " and
// the indent "  ", without Encode's newline. (encoding/json built each
// item by reflection and then indented it, in a second pass: half of the
// format's time. TestCSLItemEncoding compares the two.)
func appendCSLItem(b []byte, it *CSLItem) []byte {
	const key = ",\n    \""
	str := func(b []byte, name, v string) []byte {
		if v == "" {
			return b
		}
		b = append(append(append(b, key...), name...), "\": "...)
		return appendJSONString(b, v)
	}
	names := func(b []byte, name string, list []CSLName) []byte {
		if len(list) == 0 {
			return b
		}
		b = append(append(append(b, key...), name...), "\": ["...)
		for i := range list {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendCSLName(append(b, "\n      "...), &list[i])
		}
		return append(b, "\n    ]"...)
	}
	date := func(b []byte, name string, d *CSLDate) []byte {
		if d == nil {
			return b
		}
		b = append(append(append(b, key...), name...), "\": {\n      \"date-parts\": "...)
		switch {
		case d.DateParts == nil:
			b = append(b, "null"...)
		case len(d.DateParts) == 0:
			b = append(b, "[]"...)
		default:
			b = append(b, '[')
			for i, part := range d.DateParts {
				if i > 0 {
					b = append(b, ',')
				}
				b = append(b, "\n        "...)
				switch {
				case part == nil:
					b = append(b, "null"...)
				case len(part) == 0:
					b = append(b, "[]"...)
				default:
					b = append(b, '[')
					for j, n := range part {
						if j > 0 {
							b = append(b, ',')
						}
						b = strconv.AppendInt(append(b, "\n          "...), int64(n), 10)
					}
					b = append(b, "\n        ]"...)
				}
			}
			b = append(b, "\n      ]"...)
		}
		return append(b, "\n    }"...)
	}
	b = appendJSONString(append(b, "{\n    \"id\": "...), it.ID)
	b = appendJSONString(append(b, ",\n    \"type\": "...), it.Type)
	b = str(b, "title", it.Title)
	b = names(b, "author", it.Author)
	b = names(b, "editor", it.Editor)
	b = str(b, "container-title", it.ContainerTitle)
	b = str(b, "container-title-short", it.ContainerTitleShort)
	b = str(b, "collection-title", it.CollectionTitle)
	b = str(b, "event-title", it.EventTitle)
	b = str(b, "event-place", it.EventPlace)
	b = str(b, "genre", it.Genre)
	b = str(b, "edition", it.Edition)
	b = str(b, "volume", it.Volume)
	b = str(b, "issue", it.Issue)
	b = str(b, "number", it.Number)
	b = str(b, "page", it.Page)
	b = str(b, "version", it.Version)
	b = str(b, "publisher", it.Publisher)
	b = str(b, "publisher-place", it.PublisherPlace)
	b = str(b, "archive", it.Archive)
	b = date(b, "issued", it.Issued)
	b = date(b, "event-date", it.EventDate)
	b = str(b, "DOI", it.DOI)
	b = str(b, "ISBN", it.ISBN)
	b = str(b, "ISSN", it.ISSN)
	b = str(b, "URL", it.URL)
	b = str(b, "note", it.Note)
	b = str(b, "abstract", it.Abstract)
	return append(b, "\n  }"...)
}

// appendCSLName appends a name at depth 3 of appendCSLItem's array.
func appendCSLName(b []byte, n *CSLName) []byte {
	first := true
	str := func(b []byte, name, v string) []byte {
		if v == "" {
			return b
		}
		if !first {
			b = append(b, ',')
		}
		first = false
		b = append(append(append(b, "\n        \""...), name...), "\": "...)
		return appendJSONString(b, v)
	}
	b = append(b, '{')
	b = str(b, "family", n.Family)
	b = str(b, "given", n.Given)
	b = str(b, "dropping-particle", n.DroppingParticle)
	b = str(b, "non-dropping-particle", n.NonDroppingParticle)
	b = str(b, "suffix", n.Suffix)
	b = str(b, "literal", n.Literal)
	if first {
		return append(b, '}')
	}
	return append(b, "\n      }"...)
}

// NewCSLItem converts one entry; i (its index) names an entry without a
// key. private is the set of fields to leave out (see privateFields).
func NewCSLItem(e *bib.Entry, private map[string]bool, i int) CSLItem {
	get := func(name string) string {
		if isPrivate(private, name) {
			return ""
		}
		return strings.TrimSpace(e.Get(name))
	}
	plain := func(names ...string) string {
		for _, n := range names {
			if v := cslPlain(get(n)); v != "" {
				return v
			}
		}
		return ""
	}
	it := CSLItem{ID: strings.TrimSpace(e.Key), Type: cslType(e)}
	if it.ID == "" {
		it.ID = "item" + strconv.Itoa(i+1)
	}
	it.Title = plain("title")
	// Name lists as written: trimming Unicode space from the whole list
	// would move where it splits (bib.SplitNameList trims ASCII space
	// from each name, as BibTeX does).
	names := func(name string) []CSLName {
		if isPrivate(private, name) {
			return nil
		}
		return cslNames(e.Get(name))
	}
	it.Author = names("author")
	it.Editor = names("editor")
	talk := e.IsTalk()
	preprint := !talk && e.IsPreprint()
	switch it.Type {
	case "article-journal":
		it.ContainerTitle = plain("journal", "journaltitle")
		it.ContainerTitleShort = plain("shortjournal")
		it.Issue = plain("number", "issue")
	case "paper-conference", "chapter":
		it.ContainerTitle = plain("booktitle", "maintitle")
		it.Number = plain("number")
	case "thesis":
		it.Publisher = plain("school", "institution")
		it.Genre = plain("type")
		if it.Genre == "" {
			switch e.Type {
			case "phdthesis":
				it.Genre = "PhD thesis"
			case "mastersthesis":
				it.Genre = "Master's thesis"
			}
		}
	case "report":
		it.Publisher = plain("institution")
		it.Genre = plain("type")
		it.Number = plain("number")
	case "speech":
		d := e.TalkDetails()
		it.Genre = cslPlain(d.Kind)
		it.EventTitle = cslPlain(d.Event)
		it.EventPlace = strings.TrimSpace(joinNonEmpty(", ", cslPlain(d.Venue), cslPlain(d.Location)))
		start, end := talkDates(d.Date, "")
		it.EventDate = cslDate(start, end)
	default:
		it.Number = plain("number")
	}
	if it.Type != "speech" {
		it.PublisherPlace = plain("address", "location")
	}
	if it.Publisher == "" {
		it.Publisher = plain("publisher", "organization")
	}
	if it.Publisher == "" && (it.Type == "document" || it.Type == "article" || it.Type == "software" || it.Type == "dataset") {
		if hp := get("howpublished"); hp != "" && !strings.Contains(hp, "://") && !strings.Contains(hp, `\url`) {
			it.Publisher = cslPlain(hp)
		}
	}
	it.CollectionTitle = plain("series")
	it.Edition = plain("edition")
	it.Volume = plain("volume")
	it.Page = cslPages(get("pages"))
	it.Version = plain("version")
	it.ISBN = plain("isbn")
	it.ISSN = plain("issn")
	if it.Issued = cslDate(isoDate(e), ""); it.Issued == nil && it.EventDate != nil {
		it.Issued = it.EventDate
	}
	if d, ok := ids.ParseDOI(get("doi")); ok {
		it.DOI = d
	}
	it.URL = SafeURL(get("url"))
	if a, ok := ids.ArXivFromFields(get); ok && preprint {
		it.Number = "arXiv:" + a.ID
		it.Archive = "arXiv"
		if it.Publisher == "" {
			it.Publisher = "arXiv"
		}
		if it.URL == "" {
			it.URL = "https://arxiv.org/abs/" + a.ID
		}
	}
	// A talk's note that is its sentence ("Invited talk at ...") says
	// again what genre and event-title say; it stays when they are empty.
	if note := get("note"); note != "" && !(talk && it.EventTitle != "" && note == strings.TrimSpace(e.TalkDetails().Text)) {
		it.Note = cslPlain(note)
	}
	it.Abstract = plain("abstract")
	return it
}

// cslType maps an entry to its CSL type. Hugo's publication_types use
// the same names (see hugoPubType).
func cslType(e *bib.Entry) string {
	if e.IsTalk() {
		return "speech"
	}
	if e.IsPreprint() {
		return "article"
	}
	switch e.Type {
	case "article":
		return "article-journal"
	case "inproceedings", "conference":
		return "paper-conference"
	case "incollection", "inbook", "bookinbook", "suppbook", "suppcollection":
		return "chapter"
	case "book", "mvbook", "collection", "mvcollection", "proceedings", "mvproceedings", "reference", "mvreference":
		return "book"
	case "booklet":
		return "pamphlet"
	case "phdthesis", "mastersthesis", "thesis":
		return "thesis"
	case "techreport", "report", "manual":
		return "report"
	case "software":
		return "software"
	case "dataset":
		return "dataset"
	case "patent":
		return "patent"
	case "unpublished":
		return "manuscript"
	case "online", "electronic", "www":
		return "webpage"
	}
	return "document"
}

// cslPlain is a field value as plain Unicode on one line.
func cslPlain(s string) string {
	return strings.TrimSpace(cleanString(Plain(s)))
}

// cslPages writes a page range with a hyphen, as CSL expects ("352-364");
// processors turn it into the style's dash.
func cslPages(s string) string {
	return cslPageDashes.Replace(cslPlain(cslPageRanges.Replace(s)))
}

// The page ranges' dashes, in LaTeX and then in text. A Replacer is built
// on first use, and is costly to build: these are made once.
var (
	cslPageRanges = strings.NewReplacer("---", "-", "--", "-")
	cslPageDashes = strings.NewReplacer("–", "-", "—", "-", " - ", "-")
)

// cslNames converts a name list; "others" is dropped (CSL has no way to
// say it, and styles add "et al." by their own rules).
func cslNames(list string) []CSLName {
	var out []CSLName
	for _, n := range bib.ParseNames(list) {
		if n.IsOthers() {
			continue
		}
		p := n.Plain()
		c := CSLName{
			Family:              cslPlain(p.Last),
			Given:               cslPlain(p.First),
			NonDroppingParticle: cslPlain(p.Von),
			Suffix:              cslPlain(p.Jr),
		}
		if n.First == "" && n.Von == "" && n.Jr == "" && isOneGroup(n.Last) && strings.Contains(c.Family, " ") {
			c = CSLName{Literal: c.Family}
		}
		if c != (CSLName{}) {
			out = append(out, c)
		}
	}
	return out
}

// isOneGroup reports whether s is one brace group: "{World Health
// Organization}".
func isOneGroup(s string) bool {
	s = strings.TrimSpace(s)
	if len(s) < 2 || s[0] != '{' || s[len(s)-1] != '}' {
		return false
	}
	depth := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '{':
			depth++
		case '}':
			depth--
			if depth == 0 && i != len(s)-1 {
				return false
			}
		}
	}
	return depth == 0
}

// cslDate reads ISO dates ("2021", "2021-10", "2021-10-29") into
// date-parts; nil when start is not one.
func cslDate(start, end string) *CSLDate {
	a := isoParts(start)
	if a == nil {
		return nil
	}
	d := &CSLDate{DateParts: [][]int{a}}
	if b := isoParts(end); b != nil {
		d.DateParts = append(d.DateParts, b)
	}
	return d
}

func isoParts(s string) []int {
	s = isoPrefix(s)
	if s == "" {
		return nil
	}
	var parts []int
	for _, p := range strings.Split(s, "-") {
		n, err := strconv.Atoi(p)
		if err != nil {
			return nil
		}
		parts = append(parts, n)
	}
	return parts
}
