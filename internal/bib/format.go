package bib

import (
	"io"
	"sort"
	"strings"
	"unsafe"

	"github.com/pubs-dev/pubs/internal/parallel"
)

// FormatOptions tells [FormatFile] what to normalise beyond the layout.
type FormatOptions struct {
	// NormalizeDOI, when set, turns a doi field's value into the bare DOI
	// (it returns false for a value that holds no valid DOI, which is then
	// left as written).
	NormalizeDOI func(string) (string, bool)
	// SortFields puts fields in a conventional order (see fieldOrder);
	// otherwise their order is kept.
	SortFields bool
	// CanonicalName, when set, stands for the function CanonicalName:
	// a caller that formats many entries naming the same people (export)
	// passes a cached one, and splits each name once.
	CanonicalName func(raw string) (string, bool)
	// Select, when set, chooses the fields written: it is called with the
	// entry and the index of each field, and returns false for a field to
	// leave out.
	Select func(e *Entry, i int) bool
	// FirstOnly writes only the first of repeated fields, the one BibTeX
	// uses.
	FirstOnly bool
	// Expand writes every value that uses a @string macro as its
	// expansion, {Value}, so that the entry stands alone; a month macro
	// alone (jan) stays, as every style defines it.
	Expand bool
}

// Change is one entry that formatting rewrote.
type Change struct {
	Entry *Entry // in the original file
	Old   string // the entry's text before
	New   string // and after
}

// FormatFile returns the file with every well-formed entry in canonical
// form and every other byte as it was: free text, comments, @string and
// @preamble items, and entries with syntax errors are kept exactly. The
// changes list the entries whose text changed, in file order. Formatting
// is idempotent.
//
// The canonical form of an entry:
//
//	@article{key,
//	  author = {Ruthotto, Lars and Haber, Eldad},
//	  doi = {10.1088/1361-6420/aa9a90},
//	  title = {Stable architectures for deep neural networks},
//	  year = 2017,
//	}
//
// The type and field names are lowercased, each field is on its own line
// indented by two spaces, quoted values are braced (the same value to
// BibTeX), name lists are written "von Last, Jr, First" joined by "and"
// (where that reads back as the same names), and the entry ends with a
// trailing comma and a closing brace on its own line. Values are otherwise
// kept as written, line breaks inside them included. The file's line
// ending (LF or CRLF) is kept.
//
// Entries are formatted on all cores (opt's functions must be safe for
// concurrent use); the result is that of formatting them one after
// another.
func FormatFile(f *File, opt FormatOptions) (string, []Change) {
	var b strings.Builder
	b.Grow(len(f.Src) + len(f.Src)/32)
	changed, spans, _ := formatTo(&b, f, opt) // a strings.Builder does not fail
	text := b.String()
	changes := make([]Change, len(changed))
	for i, e := range changed {
		changes[i] = Change{Entry: e, Old: f.Src[e.Start:e.End], New: text[spans[i][0]:spans[i][1]]}
	}
	return text, changes
}

// FormatTo writes what [FormatFile] returns to w as it is made, a bounded
// number of entries ahead, without holding it, and returns the entries
// whose text changed, in file order, and w's first error.
func FormatTo(w io.Writer, f *File, opt FormatOptions) ([]*Entry, error) {
	changed, _, err := formatTo(w, f, opt)
	return changed, err
}

// formatTo is FormatTo; it also returns where the new text of each
// changed entry is in what it wrote.
func formatTo(w io.Writer, f *File, opt FormatOptions) ([]*Entry, [][2]int, error) {
	nl := "\n"
	if strings.Contains(f.Src, "\r\n") {
		nl = "\r\n"
	}
	// Batches of items are formatted on all cores and written in order;
	// each notes its changes as spans of its own text, placed at the end.
	type change struct{ item, start, end int }
	const batch = 256
	nb := (len(f.Items) + batch - 1) / batch
	noted := make([][]change, nb)
	sizes := make([]int, nb)
	err := parallel.WriteOrdered(w, len(f.Items), batch, func(b []byte, lo, hi int) []byte {
		var cs []change
		var scratch []byte
		for i := lo; i < hi; i++ {
			it := f.Items[i]
			old := f.Src[it.Start:it.End]
			if it.Kind == KindEntry {
				var ok bool
				scratch, ok = AppendEntry(scratch[:0], it.Entry, opt, nl)
				if ok && string(scratch) != old {
					b = append(b, scratch...)
					cs = append(cs, change{i, len(b) - len(scratch), len(b)})
					continue
				}
			}
			b = append(b, old...)
		}
		noted[lo/batch], sizes[lo/batch] = cs, len(b)
		return b
	})
	var changed []*Entry
	var spans [][2]int
	base := 0
	for k, cs := range noted {
		for _, c := range cs {
			changed = append(changed, f.Items[c.item].Entry)
			spans = append(spans, [2]int{base + c.start, base + c.end})
		}
		base += sizes[k]
	}
	return changed, spans, err
}

// FormatEntry returns the canonical text of an entry (see [FormatFile]),
// with nl as line ending. It returns false for an entry that must not be
// rewritten: one with a syntax error, or one whose key could not be read
// back from the canonical form.
func FormatEntry(e *Entry, opt FormatOptions, nl string) (string, bool) {
	b, ok := AppendEntry(make([]byte, 0, e.End-e.Start+64), e, opt, nl)
	return string(b), ok
}

// AppendEntry appends the canonical text of an entry to dst, as
// FormatEntry returns it; when FormatEntry returns false, it appends
// nothing.
func AppendEntry(dst []byte, e *Entry, opt FormatOptions, nl string) ([]byte, bool) {
	if e.Kind != KindEntry || e.Broken || e.NoKey || e.Key == "" {
		return dst, false
	}
	open, close := "{", "}"
	if strings.ContainsAny(e.Key, "}") {
		open, close = "(", ")" // such a key can only be written with parentheses
	}
	b := append(dst, '@')
	b = append(b, e.Type...)
	b = append(b, open...)
	b = append(b, e.Key...)
	b = append(b, ',')
	// Entries have a handful of fields, where looking back for a repeated
	// name beats a map; a map keeps a hostile entry with many fields
	// linear.
	var seen map[string]bool
	if opt.FirstOnly && e.NumFields() > 32 {
		seen = make(map[string]bool, e.NumFields())
	}
	field := func(i int) {
		// A repeated field is one whose name an earlier field has, written
		// or not; then Select decides.
		name := e.NameAt(i)
		if seen != nil {
			if seen[name] {
				return
			}
			seen[name] = true
		} else if opt.FirstOnly && e.firstField(i, name) >= 0 {
			return
		}
		if opt.Select != nil && !opt.Select(e, i) {
			return
		}
		b = append(b, nl...)
		b = append(b, "  "...)
		b = append(b, name...)
		b = append(b, " = "...)
		b = appendValue(b, e, i, opt)
		b = append(b, ',')
	}
	if opt.SortFields {
		for _, i := range sortedFields(e) {
			field(i)
		}
	} else {
		for i := range e.NumFields() {
			field(i)
		}
	}
	b = append(b, nl...)
	return append(b, close...), true
}

// appendValue appends the value of field i of an entry in canonical form.
func appendValue(b []byte, e *Entry, i int, opt FormatOptions) []byte {
	fd := e.FieldAt(i)
	var buf [8]Part
	parts := e.literalPart(i, buf[:0])
	if parts == nil {
		parts = fd.AppendParts(buf[:0], e.File)
	}
	if opt.Expand && usesMacro(parts) {
		parts = append(parts[:0], Part{Kind: PartBraced, Text: fd.Value})
	}
	if len(parts) == 1 && parts[0].Kind != PartMacro && parts[0].Kind != PartNumber {
		text := parts[0].Text
		switch fd.Name {
		case "author", "editor", "translator", "bookauthor", "editora", "editorb", "editorc", "commentator", "annotator":
			if nb, ok := appendCanonicalNames(append(b, '{'), text, opt.CanonicalName); ok {
				return append(nb, '}')
			}
		case "doi":
			if opt.NormalizeDOI != nil {
				if d, ok := opt.NormalizeDOI(text); ok && !strings.ContainsAny(d, "{}") {
					text = d
				}
			}
		}
		b = append(b, '{')
		b = append(b, text...)
		return append(b, '}')
	}
	for i, p := range parts {
		if i > 0 {
			b = append(b, " # "...)
		}
		switch p.Kind {
		case PartBraced, PartQuoted:
			b = append(b, '{')
			b = append(b, p.Text...)
			b = append(b, '}')
		default:
			b = append(b, p.Text...)
		}
	}
	return b
}

// usesMacro reports whether a value uses a macro other than a month
// macro alone.
func usesMacro(parts []Part) bool {
	for _, p := range parts {
		if p.Kind == PartMacro && !(len(parts) == 1 && ParseMonth(p.Text) > 0 && len(p.Text) == 3) {
			return true
		}
	}
	return false
}

// literalPart appends to dst the one part of field i when the parser
// marked its value as a single literal part (not composite), without
// reading it again: the text is the field's Value, and the byte that
// ends the field tells braces, quotes or digits apart. It returns nil
// when the value must be read again (see [Field.AppendParts]).
// TestLiteralPart checks it against AppendParts.
func (e *Entry) literalPart(i int, dst []Part) []Part {
	fd := &e.fields[i]
	// A value in the entry's text was expanded or set by hand: the file's
	// parts are read again, as Field.Parts reads them.
	if e.maybeComposite(i) || fd.flags&valueInText != 0 || e.File == nil || fd.end <= fd.start || int(fd.end) > len(e.File.Src) {
		return nil
	}
	value, end := e.ValueAt(i), int(fd.end)
	switch c := e.File.Src[end-1]; {
	case c == '}':
		return append(dst, Part{Kind: PartBraced, Text: value, Offset: end - len(value) - 2})
	case c == '"':
		return append(dst, Part{Kind: PartQuoted, Text: value, Offset: end - len(value) - 2})
	case isDigit(c):
		return append(dst, Part{Kind: PartNumber, Text: value, Offset: end - len(value)})
	}
	return nil
}

// CanonicalName returns the canonical form of one name of a list, "von
// Last, Jr, First", and whether it reads back as the same name; FormatEntry
// writes a name list in canonical form when every name does (and the
// list still splits into as many names).
func CanonicalName(raw string) (string, bool) {
	n := ParseName(raw)
	s := nameString(n)
	return s, s == raw || ParseName(s) == n // a name already canonical reads back as itself
}

// appendCanonicalNames appends a name list written "von Last, Jr, First
// and ..." to dst, each name by canonical (CanonicalName when nil). It
// returns false, and appends nothing, when the canonical form would not
// read back as the same names (BibTeX's split is subtle: a name such as
// "{\relax Ch}ristopher" must stay as written).
func appendCanonicalNames(dst []byte, list string, canonical func(string) (string, bool)) ([]byte, bool) {
	if canonical == nil {
		canonical = CanonicalName
	}
	// The names are split into a buffer on the stack: a Cite block of
	// every item of an export splits its name lists twice.
	var buf [32]string
	names := AppendNameList(buf[:0], list)
	if len(names) == 0 {
		return dst, false
	}
	start := len(dst)
	b := dst
	for i, raw := range names {
		if i > 0 {
			b = append(b, " and "...)
		}
		if first, last, ok := SimpleName(raw); ok {
			// Most names: "Last, First" (or "Last") is their canonical
			// form, and it reads back as the same name; written here,
			// without the parser or a string.
			b = append(b, last...)
			if first != "" {
				b = append(append(b, ", "...), first...)
			}
			continue
		}
		s, ok := canonical(raw)
		if !ok {
			return dst[:start], false
		}
		b = append(b, s...)
	}
	// The joined list must split into as many names. It is read in place:
	// b is not written to while AppendNameList reads it, and the names it
	// returns are only counted.
	joined := b[start:]
	if n := len(names); len(AppendNameList(names[:0], unsafe.String(unsafe.SliceData(joined), len(joined)))) != n {
		return dst[:start], false
	}
	return b, true
}

// nameString writes a name as "von Last, Jr, First", or "von Last, First",
// or "von Last" (and "others" as it is).
func nameString(n Name) string {
	last := n.Last
	if n.Von != "" {
		last = n.Von + " " + last
	}
	switch {
	case n.Jr != "":
		return last + ", " + n.Jr + ", " + n.First
	case n.First != "":
		return last + ", " + n.First
	}
	return last
}

// fieldOrder is the order of --sort-fields: who, what, where, when, then
// identifiers and links; other fields follow in their own order.
var fieldOrder = []string{
	"author", "editor", "title", "subtitle", "booktitle", "journal", "journaltitle", "eventtitle",
	"type", "howpublished", "school", "institution", "organization", "publisher", "address", "location", "venue",
	"edition", "series", "volume", "number", "chapter", "pages", "eid",
	"year", "month", "date", "eventdate", "time",
	"doi", "eprint", "archiveprefix", "primaryclass", "eprinttype", "isbn", "issn",
	"url", "urldate", "url_preprint", "url_pdf", "url_code", "url_slides", "url_video",
	"abstract", "keywords", "note", "crossref",
}

// sortedFields returns the indices of e's fields in --sort-fields order.
func sortedFields(e *Entry) []int {
	rank := make(map[string]int, len(fieldOrder))
	for i, n := range fieldOrder {
		rank[n] = i + 1
	}
	r := func(name string) int {
		if i, ok := rank[name]; ok {
			return i
		}
		return len(fieldOrder) + 1
	}
	order := make([]int, e.NumFields())
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(i, j int) bool { return r(e.NameAt(order[i])) < r(e.NameAt(order[j])) })
	return order
}
