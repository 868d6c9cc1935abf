package bib

import (
	"strings"
)

// Parse splits src into items and parses every @-item. It never fails on
// content: the returned File holds everything that could be read, and the
// error, when not nil, is an [ErrorList] of the syntax errors, sorted by
// position. filename is used in positions only.
func Parse(filename string, src []byte) (*File, error) {
	s := string(src)
	f := &File{Name: filename, Src: s, lines: newLineIndex(s)}
	p := &parser{f: f, s: s}
	p.parse()
	p.errs.Sort()
	if len(p.errs) == 0 {
		return f, nil
	}
	return f, p.errs
}

type parser struct {
	f    *File
	s    string
	i    int // the next byte to read
	errs ErrorList

	// Entries, fields and parts are carved out of large blocks, and fields
	// and parts are collected in scratch slices first, so that a file
	// costs a few allocations per thousand entries instead of several per
	// entry.
	entries       []Entry
	fields        []Field
	parts         []Part
	scratchFields []Field
	scratchParts  []Part
}

const arenaBlock = 1024

func (p *parser) newEntry() *Entry {
	if len(p.entries) == cap(p.entries) {
		p.entries = make([]Entry, 0, arenaBlock)
	}
	p.entries = p.entries[:len(p.entries)+1]
	return &p.entries[len(p.entries)-1]
}

// keepFields copies fs into an arena block, with the capacity of its
// length so that appending to it never overwrites a neighbour.
func (p *parser) keepFields(fs []Field) []Field {
	n := len(fs)
	if n == 0 {
		return nil
	}
	if cap(p.fields)-len(p.fields) < n {
		p.fields = make([]Field, 0, max(arenaBlock, n))
	}
	start := len(p.fields)
	p.fields = append(p.fields, fs...)
	return p.fields[start : start+n : start+n]
}

func (p *parser) keepParts(ps []Part) []Part {
	n := len(ps)
	if cap(p.parts)-len(p.parts) < n {
		p.parts = make([]Part, 0, max(arenaBlock, n))
	}
	start := len(p.parts)
	p.parts = append(p.parts, ps...)
	return p.parts[start : start+n : start+n]
}

func (p *parser) errorf(off int, format string, args ...any) {
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

func (p *parser) parse() {
	items := make([]Item, 0, strings.Count(p.s, "\n@")*2+2)
	text := 0 // start of the pending free text
	for p.i < len(p.s) {
		at := strings.IndexByte(p.s[p.i:], '@')
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
		if text < at {
			items = append(items, Item{Kind: KindText, Start: text, End: at})
		}
		items = append(items, Item{Kind: e.Kind, Start: e.Start, End: e.End, Entry: e})
		text = e.End
		if p.i < e.End {
			p.i = e.End
		}
	}
	if text < len(p.s) {
		items = append(items, Item{Kind: KindText, Start: text, End: len(p.s)})
	}
	p.f.Items = items
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
	*e = Entry{File: p.f, Start: at, Type: strings.ToLower(typ), Kind: KindEntry}
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
	fd, ok := p.field(e, e.KeyOffset, name, close)
	if !ok {
		return
	}
	e.Fields = p.keepFields([]Field{fd})
	p.finish(e, close)
}

func (p *parser) preambleBody(e *Entry, close byte) {
	p.skipWhite()
	e.KeyOffset = p.i
	start := p.i
	parts, ok := p.value(close)
	if !ok {
		return
	}
	e.Fields = p.keepFields([]Field{newField("", start, p.i, parts)})
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
	p.scratchFields = p.scratchFields[:0]
	p.entryFields(e, close)
	e.Fields = p.keepFields(p.scratchFields)
}

// entryFields reads "name = value" pairs up to the closing delimiter into
// p.scratchFields. p.i is at the first name (or at white space before it,
// or at the closing delimiter).
func (p *parser) entryFields(e *Entry, close byte) {
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
		name := p.ident()
		fd, ok := p.field(e, nameOff, name, close)
		if !ok {
			return
		}
		p.scratchFields = append(p.scratchFields, fd)
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
			p.errorf(p.i, "expected \",\" or %q after the value of %q, found %s", string(close), fd.Name, p.found())
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

// field reads "= value" after a field (or string) name.
func (p *parser) field(e *Entry, nameOff int, name string, close byte) (Field, bool) {
	p.skipWhite()
	if p.eof() || p.s[p.i] != '=' {
		p.errorf(p.i, "expected \"=\" after the field name %q, found %s", name, p.found())
		return Field{}, false
	}
	p.i++
	p.skipWhite()
	parts, ok := p.value(close)
	if !ok {
		return Field{}, false
	}
	fd := newField(strings.ToLower(name), nameOff, p.i, parts)
	return fd, true
}

func newField(name string, start, end int, parts []Part) Field {
	fd := Field{Name: name, Start: start, End: end, Parts: parts}
	if len(parts) == 1 && parts[0].literal() {
		fd.Value = parts[0].Text
	}
	return fd
}

// value reads one or more parts joined by '#'. On success p.i is just after
// the last part.
func (p *parser) value(close byte) ([]Part, bool) {
	parts := p.scratchParts[:0]
	defer func() { p.scratchParts = parts[:0] }()
	for {
		if p.eof() {
			p.errorf(p.i, "expected a value, found end of file")
			return nil, false
		}
		start := p.i
		c := p.s[p.i]
		var part Part
		switch {
		case c == '{':
			end, ok := p.balanced(start+1, 0)
			if !ok {
				return nil, false
			}
			part = Part{Kind: PartBraced, Text: p.s[start+1 : end], Offset: start}
			p.i = end + 1
		case c == '"':
			end, ok := p.balanced(start+1, '"')
			if !ok {
				return nil, false
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
			return nil, false
		}
		parts = append(parts, part)
		j := p.i
		p.skipWhite()
		if p.eof() || p.s[p.i] != '#' {
			p.i = j // white space after the value is not part of it
			return p.keepParts(parts), true
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
		if end, ok := closingBrace(p.s, from); ok {
			return end, true
		}
	}
	depth := 0
	for j := from; j < len(p.s); j++ {
		switch p.s[j] {
		case '{':
			depth++
		case '}':
			if depth == 0 {
				if quote == 0 {
					return j, true
				}
				p.errorf(j, "unbalanced \"}\" in a quoted value")
				p.i = j
				return 0, false
			}
			depth--
		case '"':
			if quote != 0 && depth == 0 {
				return j, true
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

// closingBrace finds the '}' that closes a group opened just before from,
// using the fast byte search of the strings package: between one '}' and
// the next there are only '{'s to count.
func closingBrace(s string, from int) (int, bool) {
	depth := 0
	for j := from; ; {
		k := strings.IndexByte(s[j:], '}')
		if k < 0 {
			return 0, false
		}
		k += j
		depth += strings.Count(s[j:k], "{")
		if depth == 0 {
			return k, true
		}
		depth--
		j = k + 1
	}
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
