package export

import (
	"encoding/json"
	"io"

	"github.com/pubs-dev/pubs/internal/bib"
	"github.com/pubs-dev/pubs/internal/ids"
	"github.com/pubs-dev/pubs/internal/latex"
)

// Record is one entry as `pubs list --format json` prints it. The fields
// and their meaning are a stable contract, documented in docs/json.md.
type Record struct {
	Key  string `json:"key"`
	Type string `json:"type"`
	File string `json:"file"` // as given on the command line or in pubs.toml
	Line int    `json:"line"` // 1-based line of the entry's '@'
	// Fields maps each lowercased field name to its value after @string
	// expansion and '#' concatenation, outer braces or quotes removed,
	// everything inside (LaTeX, braces, white space) as written. When a
	// field is repeated, the first one counts, as in BibTeX.
	Fields map[string]string `json:"fields"`

	// Normalized values, beside the fields as written.
	Title   string     `json:"title"`   // plain Unicode: LaTeX converted, case-protecting braces removed
	Authors []JSONName `json:"authors"` // [] when there are none
	Editors []JSONName `json:"editors"`
	Year    *int       `json:"year"`  // null when there is no four-digit year (year or date field)
	DOI     *string    `json:"doi"`   // the bare DOI, null when absent or invalid
	ArXiv   *string    `json:"arxiv"` // the arXiv id with its version, e.g. "2103.05180" or "math/0211159v2"
}

// JSONName is one name split as BibTeX splits it, each part in plain
// Unicode (ties as spaces, braces removed). "and others" is kept as a last
// element {"last": "others"}, as BibTeX treats it.
type JSONName struct {
	First string `json:"first,omitempty"`
	Von   string `json:"von,omitempty"`
	Last  string `json:"last"`
	Jr    string `json:"jr,omitempty"`
}

func jsonNames(list string) []JSONName {
	out := []JSONName{}
	for _, n := range bib.ParseNames(list) {
		p := n.Plain()
		out = append(out, JSONName{First: p.First, Von: p.Von, Last: p.Last, Jr: p.Jr})
	}
	return out
}

// NewRecord builds the JSON record of an entry.
func NewRecord(e *bib.Entry) Record {
	r := Record{
		Key:    e.Key,
		Type:   e.Type,
		File:   e.File.Name,
		Line:   e.Pos().Line,
		Fields: make(map[string]string, len(e.Fields)),
	}
	for _, f := range e.Fields {
		if _, dup := r.Fields[f.Name]; !dup {
			r.Fields[f.Name] = f.Value
		}
	}
	r.Title = latex.ToText(e.Get("title"))
	r.Authors = jsonNames(e.Get("author"))
	r.Editors = jsonNames(e.Get("editor"))
	if y, ok := e.Year(); ok {
		r.Year = &y
	}
	if d, ok := ids.ParseDOI(e.Get("doi")); ok {
		r.DOI = &d
	}
	if a, ok := ids.ArXivFromFields(e.Get); ok {
		s := a.String()
		r.ArXiv = &s
	}
	return r
}

// WriteJSON writes the entries as one JSON array of records, indented, with
// object keys sorted. An empty list is written as [].
func WriteJSON(w io.Writer, entries []*bib.Entry) error {
	records := make([]Record, len(entries))
	for i, e := range entries {
		records[i] = NewRecord(e)
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(records)
}
