package export

import (
	"bytes"
	"encoding/csv"
	"io"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/olekukonko/tablewriter"
	"github.com/olekukonko/tablewriter/pkg/twwidth"
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

// Plain converts LaTeX text to plain Unicode on one line: commands
// converted, braces removed, white space folded.
func Plain(s string) string {
	return strings.Join(strings.Fields(toText(s)), " ")
}

var tableHeader = []string{"key", "type", "year", "authors", "title", "venue"}

// WriteTable writes the entries as a text table. Long titles and venues
// wrap within their column.
//
// tablewriter lays a table out once it has every row, on one core, at
// tens of microseconds a row. The columns' widths are known beforehand,
// though: the key, type and year columns are as wide as their widest
// cell, the others fixed. With those widths, a row is drawn the same
// whatever the rows around it, so batches of rows are drawn as tables of
// their own on all cores, and joined in order without the borders and
// header that each repeats. TestTableInBatches compares this with one
// table.
func WriteTable(w io.Writer, entries []*bib.Entry) error {
	return writeTable(w, entries, 512)
}

func writeTable(w io.Writer, entries []*bib.Entry, batch int) error {
	// tablewriter's cache of text widths costs more than it saves here
	// (a lock and a map for each cell, which seldom repeats); no other
	// table is drawn in the process.
	twwidth.SetCacheCapacity(0)
	// The widths of the first columns, from the cells NewRow makes.
	var mu sync.Mutex
	first := []int{twwidth.Width(tableHeader[0]), twwidth.Width(tableHeader[1]), twwidth.Width(tableHeader[2])}
	parallel.Batches(len(entries), 4096, func(lo, hi int) {
		var m [3]int
		for _, e := range entries[lo:hi] {
			m[0] = max(m[0], twwidth.Width(terminalText(e.Key)))
			m[1] = max(m[1], twwidth.Width(terminalText(e.Type)))
			if y, ok := e.Year(); ok {
				m[2] = max(m[2], twwidth.Width(strconv.Itoa(y)))
			}
		}
		mu.Lock()
		for i := range m {
			first[i] = max(first[i], m[i])
		}
		mu.Unlock()
	})
	widths := tw.NewMapper[int, int]().Set(3, 28).Set(4, 48).Set(5, 28)
	for i, width := range first {
		widths.Set(i, width+2) // and the padding
	}
	draw := func(w io.Writer, entries []*bib.Entry) error {
		t := tablewriter.NewTable(w,
			tablewriter.WithRowAutoWrap(tw.WrapNormal),
			tablewriter.WithHeaderAutoFormat(tw.Off),
			tablewriter.WithColumnWidths(widths),
			tablewriter.WithStreaming(tw.StreamConfig{Enable: true}),
		)
		if err := t.Start(); err != nil {
			return err
		}
		t.Header(tableHeader)
		for _, e := range entries {
			if err := t.Append(tableCells(e)); err != nil {
				return err
			}
		}
		return t.Close()
	}
	if len(entries) <= batch {
		return draw(w, entries)
	}
	var drawErr error
	var once sync.Once
	err := parallel.WriteOrdered(w, len(entries), batch, func(b []byte, lo, hi int) []byte {
		buf := bytes.NewBuffer(b)
		if err := draw(buf, entries[lo:hi]); err != nil {
			once.Do(func() { drawErr = err })
			return b
		}
		b = buf.Bytes()
		// A batch's table is its top border, the header and the line
		// under it, its rows and its bottom border: the first batch
		// keeps the top, the last the bottom.
		if lo > 0 {
			b = b[nthLine(b, 3):]
		}
		if hi < len(entries) {
			b = b[:nthLine(b, bytes.Count(b, []byte{'\n'})-1)]
		}
		return b
	})
	if err == nil {
		err = drawErr
	}
	return err
}

// tableCells is an entry's row of the table, fit for a terminal.
func tableCells(e *bib.Entry) []string {
	r := NewRow(e)
	cells := []string{r.Key, r.Type, r.Year, r.Authors, r.Title, r.Venue}
	for i, c := range cells {
		cells[i] = terminalText(c)
	}
	return cells
}

// terminalText is s for a terminal: each control character (C0, DEL,
// C1) and each byte that is not UTF-8 becomes U+FFFD, so that a .bib
// cannot send the terminal escape sequences (set its title, move the
// cursor, redraw the table) through a key or a title.
func terminalText(s string) string {
	i := 0
	for i < len(s) && s[i] >= 0x20 && s[i] < 0x7f {
		i++
	}
	if i == len(s) {
		return s // ASCII without a control character: most text
	}
	if utf8.ValidString(s) && strings.IndexFunc(s, unicode.IsControl) < 0 {
		return s
	}
	var b strings.Builder
	for _, r := range s { // an invalid byte reads as U+FFFD
		if unicode.IsControl(r) {
			r = utf8.RuneError
		}
		b.WriteRune(r)
	}
	return b.String()
}

// nthLine returns where line n (from 0) of b starts.
func nthLine(b []byte, n int) int {
	i := 0
	for ; n > 0; n-- {
		i += bytes.IndexByte(b[i:], '\n') + 1
	}
	return i
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
