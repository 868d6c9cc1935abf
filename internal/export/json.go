package export

import (
	"encoding/json"
	"io"

	"github.com/pubs-dev/pubs/internal/bib"
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
