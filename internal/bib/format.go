package bib

import (
	"sort"
	"strings"
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
func FormatFile(f *File, opt FormatOptions) (string, []Change) {
	nl := "\n"
	if strings.Contains(f.Src, "\r\n") {
		nl = "\r\n"
	}
	var b strings.Builder
	b.Grow(len(f.Src))
	var changes []Change
	for _, it := range f.Items {
		old := f.Src[it.Start:it.End]
		if it.Kind != KindEntry {
			b.WriteString(old)
			continue
		}
		text, ok := FormatEntry(it.Entry, opt, nl)
		if !ok || text == old {
			b.WriteString(old)
			continue
		}
		b.WriteString(text)
		changes = append(changes, Change{Entry: it.Entry, Old: old, New: text})
	}
	return b.String(), changes
}

// FormatEntry returns the canonical text of an entry (see [FormatFile]),
// with nl as line ending. It returns false for an entry that must not be
// rewritten: one with a syntax error, or one whose key could not be read
// back from the canonical form.
func FormatEntry(e *Entry, opt FormatOptions, nl string) (string, bool) {
	if e.Kind != KindEntry || e.Broken || e.NoKey || e.Key == "" {
		return "", false
	}
	open, close := "{", "}"
	if strings.ContainsAny(e.Key, "}") {
		open, close = "(", ")" // such a key can only be written with parentheses
	}
	fields := e.Fields
	if opt.SortFields {
		fields = sortedFields(fields)
	}
	var b strings.Builder
	b.Grow(e.End - e.Start + 64)
	b.WriteString("@")
	b.WriteString(e.Type)
	b.WriteString(open)
	b.WriteString(e.Key)
	b.WriteString(",")
	for i := range fields {
		fd := &fields[i]
		b.WriteString(nl)
		b.WriteString("  ")
		b.WriteString(fd.Name)
		b.WriteString(" = ")
		writeValue(&b, fd, e.File, opt)
		b.WriteString(",")
	}
	b.WriteString(nl)
	b.WriteString(close)
	return b.String(), true
}

// writeValue writes a field value of file in canonical form.
func writeValue(b *strings.Builder, fd *Field, file *File, opt FormatOptions) {
	var buf [8]Part
	parts := fd.AppendParts(buf[:0], file)
	if len(parts) == 1 && parts[0].Kind != PartMacro && parts[0].Kind != PartNumber {
		text := parts[0].Text
		switch fd.Name {
		case "author", "editor", "translator", "bookauthor", "editora", "editorb", "editorc", "commentator", "annotator":
			if s, ok := canonicalNamesWith(text, opt.CanonicalName); ok {
				text = s
			}
		case "doi":
			if opt.NormalizeDOI != nil {
				if d, ok := opt.NormalizeDOI(text); ok && !strings.ContainsAny(d, "{}") {
					text = d
				}
			}
		}
		b.WriteString("{")
		b.WriteString(text)
		b.WriteString("}")
		return
	}
	for i, p := range parts {
		if i > 0 {
			b.WriteString(" # ")
		}
		switch p.Kind {
		case PartBraced, PartQuoted:
			b.WriteString("{")
			b.WriteString(p.Text)
			b.WriteString("}")
		default:
			b.WriteString(p.Text)
		}
	}
}

// canonicalNames writes a name list as "von Last, Jr, First and ...". It
// returns false when the canonical form would not read back as the same
// names (BibTeX's split is subtle: a name such as "{\relax Ch}ristopher"
// must stay as written).
func canonicalNames(list string) (string, bool) { return canonicalNamesWith(list, nil) }

// CanonicalName returns the canonical form of one name of a list, "von
// Last, Jr, First", and whether it reads back as the same name; FormatEntry
// writes a name list in canonical form when every name does (and the
// list still splits into as many names).
func CanonicalName(raw string) (string, bool) {
	n := ParseName(raw)
	s := nameString(n)
	return s, s == raw || ParseName(s) == n // a name already canonical reads back as itself
}

func canonicalNamesWith(list string, canonical func(string) (string, bool)) (string, bool) {
	if canonical == nil {
		canonical = CanonicalName
	}
	names := SplitNameList(list)
	if len(names) == 0 {
		return "", false
	}
	var b strings.Builder
	b.Grow(len(list) + 8)
	for i, raw := range names {
		s, ok := canonical(raw)
		if !ok {
			return "", false
		}
		if i > 0 {
			b.WriteString(" and ")
		}
		b.WriteString(s)
	}
	joined := b.String()
	if len(SplitNameList(joined)) != len(names) {
		return "", false
	}
	return joined, true
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

func sortedFields(fields []Field) []Field {
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
	out := append([]Field(nil), fields...)
	sort.SliceStable(out, func(i, j int) bool { return r(out[i].Name) < r(out[j].Name) })
	return out
}
