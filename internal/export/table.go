package export

import (
	"encoding/csv"
	"io"
	"strconv"
	"strings"

	"github.com/olekukonko/tablewriter"
	"github.com/olekukonko/tablewriter/tw"

	"github.com/pubs-dev/pubs/internal/bib"
	"github.com/pubs-dev/pubs/internal/latex"
)

// Row is an entry as the list command shows it: short, plain text.
type Row struct {
	Key, Type, Year, Authors, Title, Venue string
}

// NewRow summarises an entry for a table.
func NewRow(e *bib.Entry) Row {
	r := Row{Key: e.Key, Type: e.Type, Authors: ShortAuthors(e.Authors()), Title: Plain(e.Get("title")), Venue: Plain(e.Venue())}
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

// Plain converts LaTeX text to plain Unicode on one line: commands
// converted, braces removed, white space folded.
func Plain(s string) string {
	return strings.Join(strings.Fields(latex.ToText(s)), " ")
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
	for _, e := range entries {
		r := NewRow(e)
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
	for _, e := range entries {
		r := NewRow(e)
		rec := []string{r.Key, r.Type, r.Year, r.Authors, r.Title, r.Venue, e.File.Name, strconv.Itoa(e.Pos().Line)}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}
