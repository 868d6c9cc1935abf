package export

import (
	"bytes"
	"encoding/csv"
	"io"
	"strconv"
	"strings"

	"github.com/olekukonko/tablewriter"
	"github.com/olekukonko/tablewriter/tw"

	"github.com/pubs-dev/pubs/internal/bib"
	"github.com/pubs-dev/pubs/internal/parallel"
)

// Row is an entry as the list command shows it: short, plain text.
type Row struct {
	Key, Type, Year, Authors, Title, Venue string
}

// NewRow summarises an entry for a table.
func NewRow(e *bib.Entry) Row {
	r := Row{Key: e.Key, Type: e.Type, Authors: shortAuthorsOf(e), Title: Plain(e.Get("title")), Venue: Plain(e.Venue())}
	if y, ok := e.Year(); ok {
		r.Year = strconv.Itoa(y)
	}
	return r
}

// ShortAuthors lists up to three last names, then "et al.".
func ShortAuthors(names []bib.Name) string {
	var parts []string
	for i, n := range names {
		if i == 3 || n.IsOthers() {
			parts = append(parts, "et al.")
			break
		}
		p := n.Plain()
		last := p.Last
		if p.Von != "" {
			last = p.Von + " " + last
		}
		parts = append(parts, last)
	}
	return strings.Join(parts, ", ")
}

// shortAuthorsOf is ShortAuthors(e.Authors()), splitting only the names
// that ShortAuthors looks at: the first four.
func shortAuthorsOf(e *bib.Entry) string {
	list := e.Get("author")
	if strings.TrimSpace(list) == "" {
		list = e.Get("editor")
	}
	raw := bib.SplitNameList(list)
	names := make([]bib.Name, min(len(raw), 4))
	for i := range names {
		names[i] = bib.ParseName(raw[i])
	}
	return ShortAuthors(names)
}

// rows returns the rows of the entries, built on all cores.
func rows(entries []*bib.Entry) []Row {
	out := make([]Row, len(entries))
	parallel.Batches(len(entries), 256, func(lo, hi int) {
		for i := lo; i < hi; i++ {
			out[i] = NewRow(entries[i])
		}
	})
	return out
}

// Plain converts LaTeX text to plain Unicode on one line: commands
// converted, braces removed, white space folded.
func Plain(s string) string {
	return strings.Join(strings.Fields(toText(s)), " ")
}

var tableHeader = []string{"key", "type", "year", "authors", "title", "venue"}

// WriteTable writes the entries as a text table. Long titles and venues
// wrap within their column.
func WriteTable(w io.Writer, entries []*bib.Entry) error {
	t := tablewriter.NewTable(w,
		tablewriter.WithRowAutoWrap(tw.WrapNormal),
		tablewriter.WithHeaderAutoFormat(tw.Off),
		tablewriter.WithColumnWidths(tw.NewMapper[int, int]().Set(3, 28).Set(4, 48).Set(5, 28)),
	)
	t.Header(tableHeader)
	for _, r := range rows(entries) {
		if err := t.Append([]string{r.Key, r.Type, r.Year, r.Authors, r.Title, r.Venue}); err != nil {
			return err
		}
	}
	return t.Render()
}

// WriteCSV writes the entries as CSV (RFC 4180) with a header line:
// key, type, year, authors, title, venue, file, line.
func WriteCSV(w io.Writer, entries []*bib.Entry) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(append(tableHeader, "file", "line")); err != nil {
		return err
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return err
	}
	// Rows are encoded in batches on all cores and written in order; a
	// CSV record's encoding does not depend on the records before it.
	return parallel.WriteOrdered(w, len(entries), 256, func(b []byte, lo, hi int) []byte {
		buf := bytes.NewBuffer(b)
		cw := csv.NewWriter(buf)
		for _, e := range entries[lo:hi] {
			r := NewRow(e)
			// Writing to a bytes.Buffer does not fail.
			_ = cw.Write([]string{r.Key, r.Type, r.Year, r.Authors, r.Title, r.Venue, e.File.Name, strconv.Itoa(e.Pos().Line)})
		}
		cw.Flush()
		return buf.Bytes()
	})
}
