package lookup

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// Person is an author or editor as the services give it: given and
// family names, or a literal name (an organisation).
type Person struct {
	Given, Family, Suffix string
	Literal               string
}

// Work is a record fetched from a service, before it is written as BibTeX.
// Text fields hold Unicode as the service sent it, titles possibly with
// HTML, JATS or MathML markup; [Work.Entry] escapes and converts them.
type Work struct {
	// Type is the BibTeX entry type: article, inproceedings,
	// incollection, book, phdthesis, techreport, proceedings or misc.
	Type string
	// Genre says what a @misc holds ("Preprint", "Dataset", "Software"),
	// written as its note.
	Genre string

	Title, Subtitle string
	Authors         []Person
	Editors         []Person
	// Container is the journal, proceedings or book title.
	Container string
	// Publisher; for a thesis the school, for a report the institution,
	// for a preprint the server.
	Publisher string
	Volume    string
	Issue     string
	Pages     string
	Year      int // 0 when unknown
	Month     int // 1-12, 0 when unknown
	Version   string
	DOI       string
	URL       string
	ISBN      string
	ISSN      string
	// EPrint is the arXiv identifier, PrimaryClass its category.
	EPrint, PrimaryClass string

	// Source names the service and format the record came from.
	Source string
	// Warnings say what the record lacks or how it was read.
	Warnings []string
}

// strs is a JSON value that is a string or an array of strings (Crossref
// writes arrays, CSL-JSON strings, and CSL-JSON from Crossref both).
type strs []string

func (s *strs) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if len(b) == 0 || string(b) == "null" {
		*s = nil
		return nil
	}
	if b[0] == '"' {
		var one string
		if err := json.Unmarshal(b, &one); err != nil {
			return err
		}
		*s = strs{one}
		return nil
	}
	var many []json.RawMessage
	if err := json.Unmarshal(b, &many); err != nil {
		return err
	}
	out := strs{}
	for _, m := range many {
		var v string
		if json.Unmarshal(m, &v) == nil {
			out = append(out, v)
		}
	}
	*s = out
	return nil
}

func (s strs) first() string {
	for _, v := range s {
		if strings.TrimSpace(v) != "" {
			return v
		}
	}
	return ""
}

// lenient is a JSON scalar read as text: a string or a number
// ("volume": 7 happens in CSL-JSON).
type lenient string

func (l *lenient) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	var s string
	switch {
	case len(b) == 0 || string(b) == "null":
		*l = ""
	case b[0] == '"':
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		*l = lenient(s)
	case b[0] == '[' || b[0] == '{':
		*l = ""
	default:
		*l = lenient(string(b))
	}
	return nil
}

// date is a CSL/Crossref date: {"date-parts": [[Y, M, D]]}, parts being
// numbers, strings or null.
type date struct {
	Parts [][]json.RawMessage `json:"date-parts"`
	Raw   string              `json:"raw"`
}

// ym returns the year and month, 0 when absent or not a number.
func (d *date) ym() (year, month int) {
	if d == nil || len(d.Parts) == 0 {
		return 0, 0
	}
	p := d.Parts[0]
	num := func(i int) int {
		if i >= len(p) {
			return 0
		}
		s := strings.Trim(strings.TrimSpace(string(p[i])), `"`)
		n, err := strconv.Atoi(s)
		if err != nil {
			return 0
		}
		return n
	}
	year, month = num(0), num(1)
	if year < 1000 || year > 9999 {
		return 0, 0
	}
	if month < 1 || month > 12 {
		month = 0
	}
	return year, month
}

type cslPerson struct {
	Given   string `json:"given"`
	Family  string `json:"family"`
	Suffix  string `json:"suffix"`
	Name    string `json:"name"`
	Literal string `json:"literal"`
	// Non-dropping particle ("van") in CSL.
	Particle string `json:"non-dropping-particle"`
	Dropping string `json:"dropping-particle"`
}

func (p cslPerson) person() (Person, bool) {
	family := strings.TrimSpace(strings.Join(nonEmpty(p.Particle, p.Family), " "))
	given := strings.TrimSpace(strings.Join(nonEmpty(p.Given, p.Dropping), " "))
	lit := strings.TrimSpace(p.Name)
	if lit == "" {
		lit = strings.TrimSpace(p.Literal)
	}
	switch {
	case family != "":
		return Person{Given: given, Family: family, Suffix: strings.TrimSpace(p.Suffix)}, true
	case lit != "":
		return Person{Literal: lit}, true
	case given != "":
		return Person{Literal: given}, true
	}
	return Person{}, false
}

func nonEmpty(ss ...string) []string {
	var out []string
	for _, s := range ss {
		if strings.TrimSpace(s) != "" {
			out = append(out, strings.TrimSpace(s))
		}
	}
	return out
}

func people(ps []cslPerson) []Person {
	var out []Person
	for _, p := range ps {
		if q, ok := p.person(); ok {
			out = append(out, q)
		}
	}
	return out
}

// cslWork is the union of Crossref's REST "message" and CSL-JSON.
type cslWork struct {
	Type           string      `json:"type"`
	Subtype        string      `json:"subtype"`
	Title          strs        `json:"title"`
	Subtitle       strs        `json:"subtitle"`
	ContainerTitle strs        `json:"container-title"`
	Author         []cslPerson `json:"author"`
	Editor         []cslPerson `json:"editor"`
	Issued         *date       `json:"issued"`
	PublishedPrint *date       `json:"published-print"`
	PublishedOnl   *date       `json:"published-online"`
	Published      *date       `json:"published"`
	Posted         *date       `json:"posted"`
	Volume         lenient     `json:"volume"`
	Issue          lenient     `json:"issue"`
	Page           lenient     `json:"page"`
	ArticleNumber  lenient     `json:"article-number"`
	Number         lenient     `json:"number"`
	Publisher      string      `json:"publisher"`
	DOI            string      `json:"DOI"`
	URL            string      `json:"URL"`
	ISSN           strs        `json:"ISSN"`
	ISBN           strs        `json:"ISBN"`
	Version        lenient     `json:"version"`
	Institution    []struct {
		Name string `json:"name"`
	} `json:"institution"`
}

// ParseCrossref reads an answer of Crossref's REST API for one work
// (/works/{doi}).
func ParseCrossref(body []byte) (*Work, error) {
	var env struct {
		Status      string          `json:"status"`
		MessageType string          `json:"message-type"`
		Message     json.RawMessage `json:"message"`
	}
	if err := json.Unmarshal(body, &env); err != nil {
		return nil, jsonError(err)
	}
	if env.Status != "" && env.Status != "ok" {
		return nil, fmt.Errorf("status %q in the answer", env.Status)
	}
	if env.MessageType != "" && env.MessageType != "work" {
		return nil, fmt.Errorf("the answer is a %q, not a work", env.MessageType)
	}
	if len(env.Message) == 0 || env.Message[0] != '{' {
		return nil, errors.New("no message in Crossref's answer")
	}
	var m cslWork
	if err := json.Unmarshal(env.Message, &m); err != nil {
		return nil, jsonError(err)
	}
	w := m.work()
	w.Source = "Crossref REST API"
	return w, nil
}

// ParseCSL reads CSL-JSON, as served by content negotiation for Crossref,
// DataCite and mEDRA DOIs. A one-element array is accepted.
func ParseCSL(body []byte) (*Work, error) {
	body = bytes.TrimSpace(body)
	if len(body) > 0 && body[0] == '[' {
		var list []json.RawMessage
		if err := json.Unmarshal(body, &list); err != nil {
			return nil, jsonError(err)
		}
		if len(list) == 0 {
			return nil, errors.New("empty CSL-JSON list")
		}
		body = list[0]
	}
	if len(body) == 0 || body[0] != '{' {
		return nil, errors.New("not a CSL-JSON object")
	}
	var m cslWork
	if err := json.Unmarshal(body, &m); err != nil {
		return nil, jsonError(err)
	}
	w := m.work()
	w.Source = "CSL-JSON"
	return w, nil
}

// jsonError words a decoding error for people: a cut-off body is the
// common case.
func jsonError(err error) error {
	if strings.Contains(err.Error(), "unexpected end of JSON input") {
		return errors.New("truncated JSON")
	}
	return fmt.Errorf("invalid JSON: %v", err)
}

func (m *cslWork) work() *Work {
	w := &Work{
		Title:     strings.TrimSpace(m.Title.first()),
		Subtitle:  strings.TrimSpace(m.Subtitle.first()),
		Container: strings.TrimSpace(m.ContainerTitle.first()),
		Authors:   people(m.Author),
		Editors:   people(m.Editor),
		Volume:    strings.TrimSpace(string(m.Volume)),
		Issue:     strings.TrimSpace(string(m.Issue)),
		Pages:     strings.TrimSpace(string(m.Page)),
		Publisher: strings.TrimSpace(m.Publisher),
		DOI:       strings.TrimSpace(m.DOI),
		URL:       strings.TrimSpace(m.URL),
		Version:   strings.TrimSpace(string(m.Version)),
	}
	if w.Issue == "" {
		w.Issue = strings.TrimSpace(string(m.Number))
	}
	if w.Pages == "" {
		w.Pages = strings.TrimSpace(string(m.ArticleNumber))
	}
	for _, d := range []*date{m.PublishedPrint, m.Issued, m.PublishedOnl, m.Published, m.Posted} {
		if y, mo := d.ym(); y != 0 {
			w.Year, w.Month = y, mo
			break
		}
	}
	if w.Year == 0 {
		w.Warnings = append(w.Warnings, "the record has no publication date: no year written")
	}
	institution := ""
	for _, in := range m.Institution {
		if s := strings.TrimSpace(in.Name); s != "" {
			institution = s
			break
		}
	}
	if len(m.ISBN) > 0 {
		w.ISBN = m.ISBN.first()
	}
	t := strings.ToLower(strings.TrimSpace(m.Type))
	switch t {
	case "journal-article", "article-journal", "article-magazine", "article-newspaper", "magazine-article", "newspaper-article":
		w.Type = "article"
	case "proceedings-article", "paper-conference", "conference-paper":
		w.Type = "inproceedings"
	case "book-chapter", "book-section", "book-part", "reference-entry", "chapter", "entry", "entry-dictionary", "entry-encyclopedia":
		w.Type = "incollection"
	case "book", "monograph", "edited-book", "reference-book", "book-set", "book-series", "book-track":
		w.Type = "book"
		w.Container = ""
	case "dissertation", "thesis":
		w.Type = "phdthesis"
		if institution != "" {
			w.Publisher = institution
		}
	case "report", "report-component", "report-series":
		w.Type = "techreport"
		if institution != "" {
			w.Publisher = institution
		}
	case "proceedings", "proceedings-series":
		w.Type = "proceedings"
		w.Container = ""
	case "posted-content", "preprint":
		w.Type = "misc"
		if m.Subtype == "preprint" || t == "preprint" {
			w.Genre = "Preprint"
		}
		if institution != "" {
			w.Publisher = institution
		}
	case "dataset":
		w.Type, w.Genre = "misc", "Dataset"
	case "software":
		w.Type, w.Genre = "misc", "Software"
	case "journal", "journal-issue", "journal-volume", "book-series-volume":
		w.Type = "misc"
		w.Warnings = append(w.Warnings, fmt.Sprintf("this DOI names a %s, not an article: written as @misc", strings.ReplaceAll(t, "-", " ")))
		if len(m.ISSN) > 0 {
			w.ISSN = m.ISSN.first()
		}
	default:
		w.Type = "misc"
	}
	if w.Type == "misc" && w.Publisher == "" && w.Container != "" {
		w.Publisher = w.Container
	}
	return w
}
