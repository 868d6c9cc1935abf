package export

import (
	"io"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/pubs-dev/pubs/internal/bib"
	"github.com/pubs-dev/pubs/internal/ids"
	"github.com/pubs-dev/pubs/internal/latex"
	"github.com/pubs-dev/pubs/internal/parallel"
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
		Fields: make(map[string]string, e.NumFields()),
	}
	for i := range e.NumFields() {
		if _, dup := r.Fields[e.NameAt(i)]; !dup {
			r.Fields[e.NameAt(i)] = e.ValueAt(i)
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
//
// The output is byte for byte what encoding/json writes for []Record
// (with SetEscapeHTML(false) and SetIndent("", "  ")), but the records are
// appended directly, without maps or reflection, in batches built on all
// cores and written in order.
func WriteJSON(w io.Writer, entries []*bib.Entry) error {
	if len(entries) == 0 {
		_, err := io.WriteString(w, "[]\n")
		return err
	}
	err := parallel.WriteOrderedWith(w, len(entries), 256, newJSONState, func(st *jsonState, b []byte, lo, hi int) []byte {
		for i := lo; i < hi; i++ {
			if i == 0 {
				b = append(b, "[\n  "...)
			} else {
				b = append(b, ",\n  "...)
			}
			b = appendRecord(b, entries[i], st)
		}
		return b
	})
	if err != nil {
		return err
	}
	_, err = io.WriteString(w, "\n]\n")
	return err
}

// jsonState is what one goroutine of WriteJSON keeps between records:
// scratch space, and the JSON of the names it has written (a name appears
// in many entries, and splitting and converting it is most of the cost of
// the authors).
type jsonState struct {
	order []int
	split []string          // the names of a list
	parts map[string]string // a part of a name as written -> its plain text
}

func newJSONState() *jsonState {
	return &jsonState{parts: make(map[string]string)}
}

// plain returns bib.Name's Plain of one part of a name as written,
// cached: a library writes its names in far fewer first and last names
// (the 100k library: 148,000 names, 3,000 first names and 730 last names
// as written), so a cache of parts stays small where one of whole names
// would start afresh again and again.
func (st *jsonState) plain(part string) string {
	if part == "" {
		return ""
	}
	p, ok := st.parts[part]
	if !ok {
		p = bib.Name{Last: part}.Plain().Last
		if len(st.parts) >= maxCached {
			clear(st.parts)
		}
		st.parts[part] = p
	}
	return p
}

// appendRecord appends the JSON of NewRecord(e) at depth 1 of the
// indented array.
func appendRecord(b []byte, e *bib.Entry, st *jsonState) []byte {
	order := st.order
	b = append(b, "{\n    \"key\": "...)
	b = appendJSONString(b, e.Key)
	b = append(b, ",\n    \"type\": "...)
	b = appendJSONString(b, e.Type)
	b = append(b, ",\n    \"file\": "...)
	b = appendJSONString(b, e.File.Name)
	b = append(b, ",\n    \"line\": "...)
	b = strconv.AppendInt(b, int64(e.Pos().Line), 10)

	// The fields, first of each name, sorted by name as encoding/json
	// sorts map keys.
	order = order[:0]
	for i := range e.NumFields() {
		name := e.NameAt(i)
		dup := false
		for _, j := range order {
			if e.NameAt(j) == name {
				dup = true
				break
			}
		}
		if !dup {
			order = append(order, i)
		}
	}
	slices.SortFunc(order, func(i, j int) int { return strings.Compare(e.NameAt(i), e.NameAt(j)) })
	if len(order) == 0 {
		b = append(b, ",\n    \"fields\": {}"...)
	} else {
		b = append(b, ",\n    \"fields\": {"...)
		for k, i := range order {
			if k > 0 {
				b = append(b, ',')
			}
			b = append(b, "\n      "...)
			b = appendJSONString(b, e.NameAt(i))
			b = append(b, ": "...)
			b = appendJSONString(b, e.ValueAt(i))
		}
		b = append(b, "\n    }"...)
	}
	b = append(b, ",\n    \"title\": "...)
	b = appendJSONString(b, toText(e.Get("title")))
	b = append(b, ",\n    \"authors\": "...)
	b = appendNames(b, e.Get("author"), st)
	b = append(b, ",\n    \"editors\": "...)
	b = appendNames(b, e.Get("editor"), st)
	b = append(b, ",\n    \"year\": "...)
	if y, ok := e.Year(); ok {
		b = strconv.AppendInt(b, int64(y), 10)
	} else {
		b = append(b, "null"...)
	}
	b = append(b, ",\n    \"doi\": "...)
	if d, ok := ids.ParseDOI(e.Get("doi")); ok {
		b = appendJSONString(b, d)
	} else {
		b = append(b, "null"...)
	}
	b = append(b, ",\n    \"arxiv\": "...)
	if a, ok := ids.ArXivFromFields(e.Get); ok {
		b = appendJSONString(b, a.String())
	} else {
		b = append(b, "null"...)
	}
	st.order = order
	return append(b, "\n  }"...)
}

// appendNames appends the names of a name list as jsonNames gives them.
func appendNames(b []byte, list string, st *jsonState) []byte {
	st.split = bib.AppendNameList(st.split[:0], list)
	names := st.split
	if len(names) == 0 {
		return append(b, "[]"...)
	}
	b = append(b, '[')
	for k, raw := range names {
		if k > 0 {
			b = append(b, ',')
		}
		// Most names are plain (SimpleName) and written as they are
		// split; the parts of the others are cached when they hold LaTeX
		// or letters beyond ASCII, which the converter reads: the rest
		// are made plain faster than a map is looked up.
		if first, last, ok := bib.SimpleName(raw); ok {
			b = appendNameParts(b, first, last)
			continue
		}
		n := bib.ParseName(raw)
		if plainASCII(raw) {
			b = appendPlainName(b, n.Plain())
			continue
		}
		b = appendPlainName(b, bib.Name{First: st.plain(n.First), Von: st.plain(n.Von), Last: st.plain(n.Last), Jr: st.plain(n.Jr)})
	}
	return append(b, "\n    ]"...)
}

// plainASCII reports whether s is ASCII without a backslash.
func plainASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= utf8.RuneSelf || c == '\\' {
			return false
		}
	}
	return true
}

// appendNameParts appends the JSON object of a name that has only a first
// and a last part.
func appendNameParts(b []byte, first, last string) []byte {
	b = append(b, "\n      {"...)
	if first != "" {
		b = append(b, "\n        \"first\": "...)
		b = appendJSONString(b, first)
		b = append(b, ',')
	}
	b = append(b, "\n        \"last\": "...)
	b = appendJSONString(b, last)
	return append(b, "\n      }"...)
}

// appendPlainName appends the JSON object of one name of a list, in
// plain text.
func appendPlainName(b []byte, p bib.Name) []byte {
	b = append(b, "\n      {"...)
	if p.First != "" {
		b = append(b, "\n        \"first\": "...)
		b = appendJSONString(b, p.First)
		b = append(b, ',')
	}
	if p.Von != "" {
		b = append(b, "\n        \"von\": "...)
		b = appendJSONString(b, p.Von)
		b = append(b, ',')
	}
	b = append(b, "\n        \"last\": "...)
	b = appendJSONString(b, p.Last)
	if p.Jr != "" {
		b = append(b, ",\n        \"jr\": "...)
		b = appendJSONString(b, p.Jr)
	}
	b = append(b, "\n      }"...)
	return b
}

// appendJSONString appends s quoted as encoding/json quotes it with HTML
// escaping off: '"', '\\' and control characters escaped, invalid UTF-8
// as \ufffd, U+2028 and U+2029 escaped.
func appendJSONString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		// Eight bytes at a time while none needs a look: no control
		// character, '"', '\\' or non-ASCII byte.
		for i+8 <= len(s) && plainWord(load64(s, i)) {
			i += 8
		}
		if i >= len(s) {
			break
		}
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '\\', '"':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hexDigits[r&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

const hexDigits = "0123456789abcdef"

// plain8 reports whether the 8 bytes of s are all ASCII and none of them
// is a control character, '"' or '\\': bytes appendJSONString copies as
// they are.
func plain8(s string) bool { return plainWord(load64(s, 0)) }

// load64 returns the 8 bytes of s from i as a little-endian word (the
// compiler makes it one load).
func load64(s string, i int) uint64 {
	s = s[i : i+8]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

// plainWord is plain8 for 8 bytes in a word.
func plainWord(x uint64) bool {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	// The classic tests, exact as to whether any byte matches: a byte of
	// UTF-8 or invalid text (high bit), a byte below 0x20, and a byte
	// equal to '"' or '\\' (a zero byte after the XOR).
	q := x ^ (ones * '"')
	bs := x ^ (ones * '\\')
	return (x|((x-ones*0x20)&^x)|((q-ones)&^q)|((bs-ones)&^bs))&highs == 0
}
