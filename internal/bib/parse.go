package bib

import (
	"runtime"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"
	"unsafe"

	"github.com/pubs-dev/pubs/internal/parallel"
)

// Parse splits src into items and parses every @-item. It never fails on
// content: the returned File holds everything that could be read, and the
// error, when not nil, is an [ErrorList] of the syntax errors, sorted by
// position. filename is used in positions only.
//
// A large file is parsed in chunks on all cores (see parseChunks); the
// result is the same, item for item and error for error, as reading it in
// one pass.
func Parse(filename string, src []byte) (*File, error) {
	return parseString(filename, string(src))
}

// ParseOwned is Parse for a buffer that nobody modifies afterwards (a
// file just read): the File's text shares its memory instead of copying
// it.
func ParseOwned(filename string, src []byte) (*File, error) {
	if len(src) == 0 {
		return parseString(filename, "")
	}
	return parseString(filename, unsafe.String(unsafe.SliceData(src), len(src)))
}

func parseString(filename, s string) (*File, error) {
	f := &File{Name: filename, Src: s}
	var errs ErrorList
	if uint64(len(s)) > maxFileSize {
		// An entry keeps 32-bit offsets into its file (see field).
		f.lines = newLineIndex(s, false)
		f.Items = []Item{{Kind: KindText, End: len(s)}}
		errs.Add(Pos{Filename: filename, Line: 1, Col: 1}, SeverityError,
			"the file is %d bytes long; pubs reads .bib files of up to 4 GiB", len(s))
		return f, errs
	}
	if bounds := chunkBounds(s); len(bounds) > 2 {
		f.lines = newLineIndex(s, true)
		errs = parseChunks(f, bounds)
	} else {
		f.lines = newLineIndex(s, false)
		p := &parser{f: f, s: s, braces: &braceIndex{}}
		f.Items = p.itemsOf(p.scan(len(s), nil))
		errs = p.errs
	}
	errs.Sort()
	if len(errs) == 0 {
		return f, nil
	}
	return f, errs
}

type parser struct {
	f    *File
	s    string
	i    int // the next byte to read
	errs ErrorList

	// braces finds the end of long brace groups; it is shared by the
	// parsers of one file's chunks.
	braces *braceIndex

	// Entries and fields are carved out of large blocks (see addField),
	// so that a file costs a few allocations per thousand entries
	// instead of several per entry. The parts of a value are read into a
	// scratch slice and not kept: a field keeps the span of a value of
	// one literal part, and [Field.Parts] reads the parts again.
	entries      []Entry
	fields       []field
	scratchParts []Part

	// record, when set (by tests), is called with the parts of every value
	// read, in order: what the parser stored before [Field.Parts] read
	// them again.
	record func([]Part)
}

const arenaBlock = 1024

// maxFileSize is the size of the largest file Parse reads.
const maxFileSize = 1<<32 - 1

func (p *parser) newEntry() *Entry {
	if len(p.entries) == cap(p.entries) {
		p.entries = make([]Entry, 0, arenaBlock)
	}
	p.entries = p.entries[:len(p.entries)+1]
	return &p.entries[len(p.entries)-1]
}

// addField appends fd to the arena block p.fields, where the fields of
// the entry being read start at *start: when the block is full, they move
// to a new one. Each entry's fields are thus read in place, not copied.
func (p *parser) addField(start *int, fd field) {
	if len(p.fields) == cap(p.fields) {
		n := len(p.fields) - *start
		block := make([]field, n, max(arenaBlock, 2*n))
		copy(block, p.fields[*start:])
		p.fields, *start = block, 0
	}
	p.fields = append(p.fields, fd)
}

// keepFields copies fs into an arena block, with the capacity of its
// length so that appending to it never overwrites a neighbour.
func (p *parser) keepFields(fs []field) []field {
	n := len(fs)
	if n == 0 {
		return nil
	}
	if cap(p.fields)-len(p.fields) < n {
		p.fields = make([]field, 0, max(arenaBlock, n))
	}
	start := len(p.fields)
	p.fields = append(p.fields, fs...)
	return p.fields[start : start+n : start+n]
}

// errorf reports a syntax error; a parser without a file (see
// valueParts) reports nothing.
func (p *parser) errorf(off int, format string, args ...any) {
	if p.f == nil {
		return
	}
	p.errs.Add(p.f.Position(off), SeverityError, format, args...)
}

func (p *parser) eof() bool { return p.i >= len(p.s) }

func (p *parser) skipWhite() {
	for p.i < len(p.s) && isWhite(p.s[p.i]) {
		p.i++
	}
}

// ident reads an identifier and returns it as written.
func (p *parser) ident() string {
	start := p.i
	for p.i < len(p.s) && idChar[p.s[p.i]] {
		p.i++
	}
	return p.s[start:p.i]
}

// lowerName returns strings.ToLower(s). It does not allocate for a name
// that is lowercase already, nor for an entry type or field name in common
// use written in any case ("Author", "TITLE", "@Article"): it returns a
// constant for those.
func lowerName(s string) string {
	name, _ := lowerCommon(s)
	return name
}

// lowerCommon returns strings.ToLower(s) as lowerName does, and its index
// in commonList (0 for a name not in common use).
func lowerCommon(s string) (string, uint8) {
	var buf [24]byte
	lower, ok := lowerASCII(buf[:0], s)
	if !ok {
		// The index stays that of the name returned, even for one that
		// only Unicode's lower case makes common (K, the Kelvin sign,
		// is k): Entry.Index compares indices.
		l := strings.ToLower(s)
		return l, commonID(l)
	}
	// A common name is the constant even when written in lower case: an
	// entry's type then shares memory with every other entry's.
	if id := commonID(lower); id != 0 {
		return commonList[id], id
	}
	if string(lower) == s {
		return s, 0
	}
	return string(lower), 0
}

// setName sets the name of f, a field of e whose name is written at off
// in the file as raw: a common name by its index in commonList (which
// makes looking a field up, Entry.Get, a comparison of strings in cache
// rather than a read of the file's text), a name in lower case as its
// span of the file, another in lower case in the entry's text. It returns
// the name.
func setName(e *Entry, f *field, raw string, off int) string {
	name, id := lowerCommon(raw)
	switch {
	case id != 0:
		f.id = id
	case name == raw:
		f.name, f.nlen = uint32(off), uint32(len(raw))
	default:
		f.flags |= nameInText
		f.name, f.nlen = uint32(len(e.text)), uint32(len(name))
		e.text += name
	}
	return name
}

// commonID returns the index of a lowercase name in commonList, or 0; the
// name may be in a buffer (lowerCommon's), which is not copied.
func commonID[T string | []byte](name T) uint8 {
	for h := commonHash(name); ; h = (h + 1) & (commonSlots - 1) {
		id := commonTable[h]
		if id == 0 || commonList[id] == string(name) {
			return id
		}
	}
}

// commonTable finds the common names: an open-addressing hash table of
// their indices in commonList (0 for an empty slot), with a hash of the
// length and three bytes that is cheaper than a map's and spreads them
// well (TestCommonNamesAreConstants checks the probe lengths).
const commonSlots = 512

var commonTable = func() (t [commonSlots]uint8) {
	for id := 1; id < len(commonList); id++ {
		h := commonHash(commonList[id])
		for t[h] != 0 {
			h = (h + 1) & (commonSlots - 1)
		}
		t[h] = uint8(id)
	}
	return t
}()

func commonHash[T string | []byte](s T) uint32 {
	if len(s) == 0 {
		return 0
	}
	n := uint32(len(s))
	return (n*97 + uint32(s[0])*31 + uint32(s[n-1])*7 + uint32(s[n/2])*131) & (commonSlots - 1)
}

// lowerASCII appends s in lower case to dst; it returns false, and
// appends nothing, when s is not ASCII or is longer than dst's free
// capacity.
func lowerASCII(dst []byte, s string) ([]byte, bool) {
	if len(s) > cap(dst)-len(dst) {
		return dst, false
	}
	n := len(dst)
	for i := range len(s) {
		c := s[i]
		if c >= utf8.RuneSelf {
			return dst[:n], false
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		dst = append(dst, c)
	}
	return dst, true
}

// commonList holds the entry types and field names in common use, from
// index 1 on (at most 255 of them, so that an index is a byte).
var commonList = func() []string {
	names := []string{
		"article", "book", "booklet", "collection", "conference", "dataset", "inbook", "incollection",
		"inproceedings", "manual", "mastersthesis", "misc", "online", "patent", "phdthesis",
		"proceedings", "report", "software", "techreport", "thesis", "unpublished",
		"string", "preamble", "comment",
		"annote", "bibsource", "biburl", "file", "isbn", "issn", "key", "keywords", "language", "month",
		"timestamp",
	}
	list := []string{""}
	for _, n := range append(names, fieldOrder...) {
		if !slices.Contains(list, n) {
			list = append(list, n)
		}
	}
	return list[:min(len(list), 256)] // TestCommonNamesAreConstants checks that none is dropped
}()

// percentHint explains, for an '@' on a line that starts with '%', that
// '%' comments nothing out in a .bib file.
func (p *parser) percentHint(at int) string {
	line := p.s[strings.LastIndexByte(p.s[:at], '\n')+1 : at]
	if strings.HasPrefix(strings.TrimLeft(line, " \t"), "%") {
		return " (BibTeX has no comments: every \"@\", even on a \"%\" line, starts an item)"
	}
	return ""
}

// found describes the byte at the read position, for error messages.
func (p *parser) found() string {
	if p.eof() {
		return "end of file"
	}
	c := p.s[p.i]
	switch {
	case c == '\n' || c == '\r':
		return "end of line"
	case c < ' ' || c == 0x7f:
		return "control character"
	case c >= 0x80:
		return "non-ASCII text"
	}
	return "\"" + string(c) + "\""
}

// scan parses the @-items from p.i on whose '@' is before limit, and
// appends them to items. It stops at the first '@' at or after limit; the
// last item may end after limit, and p.i is then after limit too. With
// limit len(s), scan reads the rest of the file.
func (p *parser) scan(limit int, items []*Entry) []*Entry {
	for p.i < limit {
		at := strings.IndexByte(p.s[p.i:limit], '@')
		if at < 0 {
			break
		}
		at += p.i
		p.i = at + 1
		e := p.item(at)
		if e == nil {
			// Not an @-item after all: the '@' stays part of the free text,
			// and scanning resumes where the item broke off (p.i).
			continue
		}
		items = append(items, e)
		if p.i < e.End {
			p.i = e.End
		}
	}
	return items
}

// itemsOf returns the items of the file: the @-items in order, and the
// free text in every gap between them.
func (p *parser) itemsOf(entries []*Entry) []Item {
	n, text := len(entries), 0
	for _, e := range entries {
		if text < e.Start {
			n++
		}
		text = e.End
	}
	if text < len(p.s) {
		n++
	}
	items := make([]Item, 0, n)
	text = 0 // start of the pending free text
	for _, e := range entries {
		if text < e.Start {
			items = append(items, Item{Kind: KindText, Start: text, End: e.Start})
		}
		items = append(items, Item{Kind: e.Kind, Start: e.Start, End: e.End, Entry: e})
		text = e.End
	}
	if text < len(p.s) {
		items = append(items, Item{Kind: KindText, Start: text, End: len(p.s)})
	}
	return items
}

// item parses the @-item whose '@' is at offset at; p.i is just after it.
// It returns nil when no item could be read (no type, or no delimiter after
// it); the error is reported and p.i is where scanning resumes.
func (p *parser) item(at int) *Entry {
	p.skipWhite()
	typeOff := p.i
	typ := p.ident()
	switch {
	case typ == "":
		p.errorf(at, "expected an entry type after \"@\", found %s", p.found())
		return nil
	case isDigit(typ[0]):
		p.errorf(typeOff, "entry type %q starts with a digit", typ)
		return nil
	}
	e := p.newEntry()
	*e = Entry{File: p.f, Start: at, Type: lowerName(typ), Kind: KindEntry}
	switch e.Type {
	case "comment":
		e.Kind, e.End = KindComment, p.i
		return e
	case "string":
		e.Kind = KindString
	case "preamble":
		e.Kind = KindPreamble
	}
	p.skipWhite()
	if p.eof() || (p.s[p.i] != '{' && p.s[p.i] != '(') {
		p.errorf(at, "expected \"{\" or \"(\" after \"@%s\", found %s%s", typ, p.found(), p.percentHint(at))
		return nil
	}
	e.Delim = p.s[p.i]
	close := byte('}')
	if e.Delim == '(' {
		close = ')'
	}
	p.i++
	switch e.Kind {
	case KindString:
		p.stringBody(e, close)
	case KindPreamble:
		p.preambleBody(e, close)
	default:
		p.entryBody(e, close)
	}
	if e.End == 0 { // cut short by an error: the item ends where reading stopped
		e.Broken = true
		e.End = p.i
	}
	return e
}

// finish reads the closing delimiter of e, after optional white space.
func (p *parser) finish(e *Entry, close byte) {
	p.skipWhite()
	if p.eof() || p.s[p.i] != close {
		p.errorf(p.i, "expected %q to close @%s, found %s", string(close), e.Type, p.found())
		return
	}
	p.i++
	e.End = p.i
}

func (p *parser) stringBody(e *Entry, close byte) {
	p.skipWhite()
	e.KeyOffset = p.i
	if p.eof() || isDigit(p.s[p.i]) || !idChar[p.s[p.i]] {
		p.errorf(p.i, "expected a string name, found %s", p.found())
		return
	}
	name := p.ident()
	e.Key = name
	fd, _, ok := p.field(e, 0, e.KeyOffset, name)
	if !ok {
		return
	}
	e.fields = p.keepFields([]field{fd})
	p.finish(e, close)
}

func (p *parser) preambleBody(e *Entry, close byte) {
	p.skipWhite()
	e.KeyOffset = p.i
	start := p.i
	parts, ok := p.scratchValue()
	if !ok {
		return
	}
	e.fields = p.keepFields([]field{newField(e, 0, start, p.i, parts)})
	p.finish(e, close)
}

// entryBody reads "key, name = value, ... }" of an entry.
func (p *parser) entryBody(e *Entry, close byte) {
	p.skipWhite()
	e.KeyOffset = p.i
	for p.i < len(p.s) {
		c := p.s[p.i]
		if c == ',' || isWhite(c) || (c == '}' && close == '}') {
			break
		}
		p.i++
	}
	e.Key = p.s[e.KeyOffset:p.i]
	p.skipWhite()
	switch {
	case p.eof():
		p.errorf(p.i, "unexpected end of file in entry %q", e.Key)
		return
	case p.s[p.i] == close:
		p.i++
		e.End = p.i
		return
	case p.s[p.i] == '=' && e.Key != "":
		// "@article{ author = ...": the entry has no key. Read its fields.
		p.errorf(e.KeyOffset, "entry has no key (found field %q first)", e.Key)
		e.Key, e.NoKey, e.Broken = "", true, true
		p.i = e.KeyOffset
	case p.s[p.i] != ',':
		p.errorf(p.i, "expected \",\" after the key %q, found %s", e.Key, p.found())
		return
	default:
		p.i++ // ','
	}
	start := len(p.fields)
	p.entryFields(e, close, &start)
	e.fields = p.fields[start:len(p.fields):len(p.fields)]
	if len(e.fields) == 0 {
		e.fields = nil
	}
}

// entryFields reads "name = value" pairs up to the closing delimiter into
// the arena block p.fields, after the entry's first field at *start (see
// addField). p.i is at the first name (or at white space before it,
// or at the closing delimiter).
func (p *parser) entryFields(e *Entry, close byte, start *int) {
	for {
		p.skipWhite()
		if p.eof() {
			p.errorf(e.Start, "entry %q is not closed: expected %q before the end of the file", e.Key, string(close))
			return
		}
		if p.s[p.i] == close {
			p.i++
			e.End = p.i
			return
		}
		nameOff := p.i
		if isDigit(p.s[p.i]) || !idChar[p.s[p.i]] {
			p.errorf(nameOff, "expected a field name or %q, found %s", string(close), p.found())
			return
		}
		fd, name, ok := p.field(e, len(p.fields)-*start, nameOff, p.ident())
		if !ok {
			return
		}
		p.addField(start, fd)
		p.skipWhite()
		switch {
		case p.eof():
			continue // reported at the top of the loop
		case p.s[p.i] == ',':
			p.i++
		case p.s[p.i] == close:
		case idChar[p.s[p.i]] && p.missingComma():
			// "title = {x} year = 2020": report, and go on reading.
			p.errorf(p.i, "missing \",\" between fields")
			e.Broken = true
		default:
			p.errorf(p.i, "expected \",\" or %q after the value of %q, found %s", string(close), name, p.found())
			return
		}
	}
}

// missingComma reports whether the text at p.i looks like "name =", that is
// a field that lacks the comma before it.
func (p *parser) missingComma() bool {
	j := p.i
	for j < len(p.s) && idChar[p.s[j]] {
		j++
	}
	for j < len(p.s) && isWhite(p.s[j]) {
		j++
	}
	return j < len(p.s) && p.s[j] == '=' && !isDigit(p.s[p.i])
}

// field reads "= value" after the name of e's field i (or its string
// name), written at nameOff as raw. It returns the field and its name.
func (p *parser) field(e *Entry, i, nameOff int, raw string) (field, string, bool) {
	p.skipWhite()
	if p.eof() || p.s[p.i] != '=' {
		p.errorf(p.i, "expected \"=\" after the field name %q, found %s", raw, p.found())
		return field{}, "", false
	}
	p.i++
	p.skipWhite()
	parts, ok := p.scratchValue()
	if !ok {
		return field{}, "", false
	}
	fd := newField(e, i, nameOff, p.i, parts)
	return fd, setName(e, &fd, raw, nameOff), true
}

// newField returns e's field i, with that span and value, and no name. A
// value that is one literal part is its text; any other is marked for
// NewLibrary to expand.
func newField(e *Entry, i int, start, end int, parts []Part) field {
	fd := field{start: uint32(start), end: uint32(end)}
	if len(parts) == 1 && parts[0].literal() {
		off := parts[0].Offset
		if parts[0].Kind != PartNumber {
			off++ // the opening brace or quote
		}
		fd.val, fd.vlen = uint32(off), uint32(len(parts[0].Text))
	} else {
		e.markComposite(i)
	}
	return fd
}

// valueParts reads again the value of a field that the parser read, for
// [Field.AppendParts]: s is the file's text up to the end of the field,
// and start is where the field starts: at its name, or, for the field of a
// @preamble (noName), at the value. The parts are appended to dst. It
// returns false when s[start:] is not such a field.
func valueParts(s string, start int, noName bool, dst []Part) ([]Part, bool) {
	p := parser{s: s, i: start} // no file: no errors reported, no brace index
	if !noName {
		if p.ident() == "" {
			return dst, false
		}
		p.skipWhite()
		if p.eof() || p.s[p.i] != '=' {
			return dst, false
		}
		p.i++
		p.skipWhite()
	}
	parts, ok := p.value(dst)
	if !ok || p.i != len(s) {
		return dst, false
	}
	return parts, true
}

// scratchValue reads a value into the parser's scratch slice: the parts
// are valid until the next call.
func (p *parser) scratchValue() ([]Part, bool) {
	parts, ok := p.value(p.scratchParts[:0])
	p.scratchParts = parts[:0]
	if ok && p.record != nil {
		p.record(parts)
	}
	return parts, ok
}

// value reads one or more parts joined by '#' and appends them to dst. On
// success p.i is just after the last part.
func (p *parser) value(dst []Part) ([]Part, bool) {
	parts := dst
	for {
		if p.eof() {
			p.errorf(p.i, "expected a value, found end of file")
			return dst, false
		}
		start := p.i
		c := p.s[p.i]
		var part Part
		switch {
		case c == '{':
			end, ok := p.balanced(start+1, 0)
			if !ok {
				return dst, false
			}
			part = Part{Kind: PartBraced, Text: p.s[start+1 : end], Offset: start}
			p.i = end + 1
		case c == '"':
			end, ok := p.balanced(start+1, '"')
			if !ok {
				return dst, false
			}
			part = Part{Kind: PartQuoted, Text: p.s[start+1 : end], Offset: start}
			p.i = end + 1
		case isDigit(c):
			for p.i < len(p.s) && isDigit(p.s[p.i]) {
				p.i++
			}
			part = Part{Kind: PartNumber, Text: p.s[start:p.i], Offset: start}
		case idChar[c]:
			part = Part{Kind: PartMacro, Text: p.ident(), Offset: start}
		default:
			p.errorf(p.i, "expected a value (\"{...}\", \"\\\"...\\\"\", a number or a string name), found %s", p.found())
			return dst, false
		}
		parts = append(parts, part)
		j := p.i
		p.skipWhite()
		if p.eof() || p.s[p.i] != '#' {
			p.i = j // white space after the value is not part of it
			return parts, true
		}
		p.i++
		p.skipWhite()
	}
}

// balanced finds the end of a braced text starting at from: the offset of
// the closing '}' (quote == 0) or of the closing '"' at brace depth 0. On
// failure it reports the error and moves p.i to where scanning resumes.
func (p *parser) balanced(from int, quote byte) (int, bool) {
	if quote == 0 {
		if end, ok := p.closingBrace(from); ok {
			return end, true
		}
	} else {
		// The first '"', '{' or '}' decides: a brace group is skipped
		// whole, since a '"' inside it does not end the value.
	quoted:
		for j := from; j < len(p.s); {
			k := strings.IndexAny(p.s[j:], "{}\"")
			if k < 0 {
				break
			}
			j += k
			switch p.s[j] {
			case '"':
				return j, true
			case '}':
				p.errorf(j, "unbalanced \"}\" in a quoted value")
				p.i = j
				return 0, false
			default: // '{'
				end, ok := p.closingBrace(j + 1)
				if !ok {
					break quoted
				}
				j = end + 1
			}
		}
	}
	// The value runs to the end of the file: a brace or quote is missing.
	// BibTeX would lose everything after it; resume at the next line that
	// starts with '@' instead.
	open := from - 1
	if quote == 0 {
		p.errorf(open, "unbalanced braces: this \"{\" is never closed")
	} else {
		p.errorf(open, "unterminated quoted value: this '\"' is never closed")
	}
	p.i = nextLineAt(p.s, from)
	return 0, false
}

// closingBrace finds the '}' that closes a group opened just before from.
// It searches with the fast byte search of the strings package (between
// one '}' and the next there are only '{'s to count), at first within a
// window of at least one block of the brace index. A group that is still open at the
// end of the window is rare, and usually never closed: the brace index
// tells that without reading the rest of the file, so that a file with
// many unclosed groups is still read in linear time. A parser without a
// brace index (valueParts, which reads one field again, up to its end)
// searches the rest of its text.
func (p *parser) closingBrace(from int) (int, bool) {
	s := p.s
	w := min(len(s), (from>>braceShift+2)<<braceShift)
	end, depth, ok := closingBraceIn(s, from, w, 0)
	if ok || w == len(s) {
		return end, ok
	}
	if p.braces != nil && !p.braces.closes(s, w, depth) {
		return 0, false
	}
	end, _, ok = closingBraceIn(s, w, len(s), depth)
	return end, ok
}

// closingBraceIn searches s[from:to] for the '}' that brings the brace
// depth, depth at from, below 0. When there is none, it returns the depth
// at to.
func closingBraceIn(s string, from, to, depth int) (int, int, bool) {
	j := from
	for {
		k := strings.IndexByte(s[j:to], '}')
		if k < 0 {
			return 0, depth + strings.Count(s[j:to], "{"), false
		}
		k += j
		depth += strings.Count(s[j:k], "{")
		if depth == 0 {
			return k, 0, true
		}
		depth--
		j = k + 1
	}
}

// The brace index has blocks of 1<<braceShift bytes (64 KiB). Tests
// lower it.
var braceShift = 16

// braceIndex knows, for each block-aligned offset w, the brace depth
// at w (the '{'s minus the '}'s before it) and the lowest depth reached
// anywhere from w to the end of the file. It is built on first use, on
// all cores.
type braceIndex struct {
	once   sync.Once
	depth  []int // depth[b]: the depth at the start of block b
	sufMin []int // sufMin[b]: the lowest depth from the start of block b on
}

// closes reports whether a group that is depth levels deep at the
// block-aligned offset w is closed after w.
func (x *braceIndex) closes(s string, w, depth int) bool {
	x.once.Do(func() { x.build(s) })
	b := w >> braceShift
	return x.sufMin[b] <= x.depth[b]-depth-1
}

func (x *braceIndex) build(s string) {
	block := 1 << braceShift
	nb := (len(s) + block - 1) / block
	net := make([]int, nb)    // depth change over the block
	lowest := make([]int, nb) // lowest depth in the block, relative to its start
	parallel.Each(nb, func(b int) {
		t := s[b*block : min(len(s), (b+1)*block)]
		depth, low := 0, 0
		for j := 0; ; {
			k := strings.IndexByte(t[j:], '}')
			if k < 0 {
				depth += strings.Count(t[j:], "{")
				break
			}
			depth += strings.Count(t[j:j+k], "{") - 1
			low = min(low, depth)
			j += k + 1
		}
		net[b], lowest[b] = depth, low
	})
	x.depth = make([]int, nb+1)
	for b := range nb {
		x.depth[b+1] = x.depth[b] + net[b]
	}
	x.sufMin = make([]int, nb+1)
	x.sufMin[nb] = x.depth[nb]
	for b := nb - 1; b >= 0; b-- {
		x.sufMin[b] = min(x.depth[b]+lowest[b], x.sufMin[b+1])
	}
}

// Large files are parsed in chunks, concurrently. The chunks start at a
// line that starts with '@', which is almost always the start of an item,
// but not always: the line may be inside a value ("@" in an abstract), or
// the item before it may be broken and run into it. Each chunk is parsed
// as if the sequential parser reached its first '@' at the top level; the
// chunks are then checked in order. A chunk is kept when the parse of the
// chunk before it stopped at or before its start, so that the sequential
// parser would indeed have come to its first '@' from the top level; it
// is read again, sequentially, from where the item before it ended,
// otherwise. Either way the items and errors are those of one sequential
// pass.

// parallelMin is the size from which a file is parsed in chunks, and
// chunkMin the smallest chunk. Tests lower them.
var (
	parallelMin = 1 << 20
	chunkMin    = 256 << 10
)

// chunkBounds returns the offsets at which the chunks of s start, and
// len(s), or nil when s is parsed in one piece.
func chunkBounds(s string) []int {
	procs := runtime.GOMAXPROCS(0)
	if procs < 2 || len(s) < parallelMin {
		return nil
	}
	n := min(procs*4, len(s)/max(chunkMin, 1))
	if n < 2 {
		return nil
	}
	bounds := make([]int, 1, n+1)
	for k := 1; k < n; k++ {
		t := max(int(int64(k)*int64(len(s))/int64(n)), bounds[len(bounds)-1])
		i := strings.Index(s[t:], "\n@")
		if i < 0 {
			break
		}
		if c := t + i + 1; c > bounds[len(bounds)-1] {
			bounds = append(bounds, c)
		}
	}
	return append(bounds, len(s))
}

// parseChunks parses the chunks of f.Src concurrently, sets f.Items and
// returns the syntax errors, unsorted, in the order a sequential parse
// finds them.
func parseChunks(f *File, bounds []int) ErrorList {
	s := f.Src
	n := len(bounds) - 1
	braces := &braceIndex{}
	type result struct {
		entries []*Entry
		errs    ErrorList
		stop    int // p.i after the chunk
	}
	res := make([]result, n)
	parallel.Each(n, func(k int) {
		p := &parser{f: f, s: s, i: bounds[k], braces: braces}
		entries := p.scan(bounds[k+1], nil)
		res[k] = result{entries, p.errs, p.i}
	})
	total := 0
	for _, r := range res {
		total += len(r.entries)
	}
	entries := make([]*Entry, 0, total)
	var errs ErrorList
	stop := 0
	for k := range res {
		r := res[k]
		res[k] = result{}
		if stop > bounds[k] {
			// The item before the chunk ran into it: read it again from
			// where that item ended.
			p := &parser{f: f, s: s, i: stop, braces: braces}
			r.entries = p.scan(bounds[k+1], nil)
			r.errs, r.stop = p.errs, p.i
		}
		entries = append(entries, r.entries...)
		errs = append(errs, r.errs...)
		stop = r.stop
	}
	f.Items = (&parser{s: s}).itemsOf(entries)
	return errs
}

// nextLineAt returns the offset of the first '@' after off that starts a
// line (after optional blanks), or len(s).
func nextLineAt(s string, off int) int {
	for {
		i := strings.IndexByte(s[off:], '\n')
		if i < 0 {
			return len(s)
		}
		off += i + 1
		j := off
		for j < len(s) && (s[j] == ' ' || s[j] == '\t') {
			j++
		}
		if j < len(s) && s[j] == '@' {
			return j
		}
	}
}
