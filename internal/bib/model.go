package bib

import "strings"

// Kind tells what an [Item] is.
type Kind uint8

// The kinds of item a file holds.
const (
	KindText     Kind = iota // free text between @-items, ignored by BibTeX
	KindEntry                // @article{key, ...} and every other entry type
	KindString               // @string{name = value}
	KindPreamble             // @preamble{value}
	KindComment              // the word "@comment"; what follows it is text
)

var kindNames = [...]string{"text", "entry", "string", "preamble", "comment"}

func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "unknown"
}

// File is one parsed .bib file. Its items cover Src exactly: concatenating
// Src[it.Start:it.End] for every item gives back the file, byte for byte.
type File struct {
	Name  string // as given to Parse, used in positions
	Src   string // the file's bytes
	Items []Item
	lines lineIndex
}

// Position returns the position of a byte offset in the file.
func (f *File) Position(off int) Pos { return f.lines.pos(f.Name, f.Src, off) }

// Item is a span of a file. For every kind but text it carries the parsed
// @-item in Entry.
type Item struct {
	Kind       Kind
	Start, End int
	Entry      *Entry
}

// Entry is an @-item: an entry proper (Kind KindEntry), a @string
// definition (Key is the macro name, one field holds the value), a
// @preamble (one field with an empty name) or a @comment.
//
// Its fields are read with [Entry.NumFields], [Entry.FieldAt],
// [Entry.NameAt], [Entry.ValueAt], [Entry.Field] and [Entry.Get]. An
// entry keeps them as offsets into its file's text (see field), so that
// a library of 100,000 entries holds a million fields without a pointer
// among them for the garbage collector to follow.
type Entry struct {
	Type string // lowercased: "article", "string", "preamble", "comment", ...
	Key  string // as written; empty when missing

	fields []field
	// text holds what is not a span of File.Src: the lower case of field
	// names that are neither common nor written in lower case, expanded
	// values, fields added by hand.
	text string

	File       *File
	Start, End int // byte span in File.Src, from '@'
	KeyOffset  int // where the key starts (or would start)

	// The small fields come last, together, so that they share one word.

	Kind   Kind
	Delim  byte // '{' or '('; 0 when none was read
	Broken bool // a syntax error cut the entry short or was recovered from
	NoKey  bool // the entry was written without a key

	// composite marks the fields whose value is not one literal part (it
	// uses a macro or '#'), which the parser leaves for [NewLibrary] to
	// expand: bit i stands for field i, and bit 31 for every field from
	// the 32nd on.
	composite uint32

	// date is the year and month that Year and Month return, as
	// 1 + ((year+1)<<4 | month) with year -1 when there is none, or 0
	// when not known (see cacheDate).
	date int32
}

// field is how an entry keeps a [Field]: 28 bytes of offsets. A name in
// common use is its index in commonList; another name, and the value,
// are a span of File.Src or, when the flag says so, of the entry's text.
// Offsets are 32 bits: Parse refuses a file of 4 GiB or more.
type field struct {
	start, end uint32 // "name = value" in File.Src; 0, 0 for a field added by hand
	name, nlen uint32
	val, vlen  uint32
	id         uint8 // index in commonList; 0 when the name is not common
	flags      uint8
}

// The flags of a field.
const (
	nameInText  = 1 << iota // the name is a span of Entry.text
	valueInText             // the value is a span of Entry.text
)

// markComposite records that the value of field i is not one literal part.
func (e *Entry) markComposite(i int) { e.composite |= 1 << min(i, 31) }

// maybeComposite reports whether the value of field i may not be one
// literal part.
func (e *Entry) maybeComposite(i int) bool { return e.composite&(1<<min(i, 31)) != 0 }

// Pos returns the position of the entry's '@'.
func (e *Entry) Pos() Pos { return e.File.Position(e.Start) }

// Raw returns the entry's source text.
func (e *Entry) Raw() string { return e.File.Src[e.Start:e.End] }

// NumFields returns the number of fields, repeated ones included.
func (e *Entry) NumFields() int { return len(e.fields) }

// span returns a span of the entry's text or of its file's.
func (e *Entry) span(inText bool, off, n uint32) string {
	if inText {
		return e.text[off : off+n]
	}
	return e.File.Src[off : off+n]
}

// NameAt returns the (lowercase) name of field i.
func (e *Entry) NameAt(i int) string {
	f := &e.fields[i]
	if f.id != 0 {
		return commonList[f.id]
	}
	return e.span(f.flags&nameInText != 0, f.name, f.nlen)
}

// ValueAt returns the value of field i (see [Field.Value]).
func (e *Entry) ValueAt(i int) string {
	f := &e.fields[i]
	return e.span(f.flags&valueInText != 0, f.val, f.vlen)
}

// FieldAt returns field i.
func (e *Entry) FieldAt(i int) Field {
	return Field{Name: e.NameAt(i), Start: int(e.fields[i].start), End: int(e.fields[i].end), Value: e.ValueAt(i)}
}

// Fields returns a copy of the fields, in order.
func (e *Entry) Fields() []Field {
	fs := make([]Field, len(e.fields))
	for i := range fs {
		fs[i] = e.FieldAt(i)
	}
	return fs
}

// Index returns the index of the first field of that (lowercase) name,
// or -1.
func (e *Entry) Index(name string) int {
	// A field has a common name exactly when its id is not 0, so a
	// common name is found by its id alone, and another one among the
	// fields without an id.
	if id := commonID(name); id != 0 {
		for i := range e.fields {
			if e.fields[i].id == id {
				return i
			}
		}
		return -1
	}
	for i := range e.fields {
		if e.fields[i].id == 0 && e.NameAt(i) == name {
			return i
		}
	}
	return -1
}

// Field returns the first field of that (lowercase) name, as BibTeX uses
// the first when a field is repeated.
func (e *Entry) Field(name string) (Field, bool) {
	if i := e.Index(name); i >= 0 {
		return e.FieldAt(i), true
	}
	return Field{}, false
}

// Get returns the expanded value of the first field of that (lowercase)
// name, or "" when there is none.
func (e *Entry) Get(name string) string {
	if i := e.Index(name); i >= 0 {
		return e.ValueAt(i)
	}
	return ""
}

// AppendField adds a field after the others, for an entry made or
// completed by hand: its name (lower case) and value are copied into the
// entry. A field whose Start and End are not a span of the entry's file
// (End 0) stands for its value alone (see [Field.Parts]).
func (e *Entry) AppendField(fd Field) {
	f := field{id: commonID(fd.Name), flags: valueInText}
	if e.File != nil && 0 <= fd.Start && fd.Start < fd.End && fd.End <= len(e.File.Src) {
		f.start, f.end = uint32(fd.Start), uint32(fd.End)
	}
	if f.id == 0 {
		f.flags |= nameInText
		f.name, f.nlen = uint32(len(e.text)), uint32(len(fd.Name))
		e.text += fd.Name
	}
	f.val, f.vlen = uint32(len(e.text)), uint32(len(fd.Value))
	e.text += fd.Value
	e.fields = append(e.fields[:len(e.fields):len(e.fields)], f)
	e.date = 0
}

// SetFields replaces the entry's fields by fs (see [Entry.AppendField]).
func (e *Entry) SetFields(fs []Field) {
	e.fields, e.text, e.composite, e.date = nil, "", 0, 0
	for _, fd := range fs {
		e.AppendField(fd)
	}
}

// Field is one "name = value" pair of an entry, as [Entry.FieldAt]
// returns it. The value as written, a list of [Part]s joined by '#', is
// not stored: [Field.Parts] reads it again from the file's text.
type Field struct {
	Name       string // lowercased
	Start, End int    // byte span of "name = value"
	// Value is the expanded value: macros replaced, parts concatenated,
	// outer braces or quotes removed, everything else (inner braces, LaTeX,
	// white space) as written. A value of one literal part is its span of
	// the file from [Parse] on; [NewLibrary] expands the others (before,
	// their Value is empty).
	Value string
}

// RawName returns the field name as written.
func (f Field) RawName(file *File) string { return file.Src[f.Start : f.Start+len(f.Name)] }

// Parts returns the value as written: its parts, joined by '#' in the
// file. file is the file the field was read from (its entry's File); the
// parts are read again from its text, by the code that read them first.
//
// A field that is not a span of file, such as a Field made by hand (its
// End is 0), stands for its Value: Parts returns one braced part holding
// it.
func (f Field) Parts(file *File) []Part { return f.AppendParts(nil, file) }

// AppendParts appends the parts that [Field.Parts] returns to dst and
// returns the extended slice; with a dst of enough capacity, it does not
// allocate.
func (f Field) AppendParts(dst []Part, file *File) []Part {
	if file == nil || f.Start < 0 || f.End <= f.Start || f.End > len(file.Src) {
		return append(dst, Part{Kind: PartBraced, Text: f.Value})
	}
	parts, ok := valueParts(file.Src[:f.End], f.Start, f.Name == "", dst)
	if !ok {
		// Not a value that Parse read: the field was changed by hand.
		return append(dst, Part{Kind: PartBraced, Text: f.Value})
	}
	return parts
}

// PartKind tells how a value part is written.
type PartKind uint8

// The kinds of value part.
const (
	PartBraced PartKind = iota // {text}
	PartQuoted                 // "text"
	PartNumber                 // 2024
	PartMacro                  // jan, jmlr
)

// Part is one piece of a field value.
type Part struct {
	Kind   PartKind
	Text   string // inside the delimiters; the digits; or the macro name as written
	Offset int    // where the part starts (its delimiter, digit or name)
}

// literal reports whether the part's text is its value.
func (p Part) literal() bool { return p.Kind != PartMacro }

// isWhite reports white space as BibTeX sees it.
func isWhite(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'
}

// idChar[c] reports whether c may appear in a BibTeX identifier.
var idChar = func() (t [256]bool) {
	for c := 0; c < 256; c++ {
		t[c] = c > ' ' && c != 0x7f && !strings.ContainsRune("\"#%'(),={}", rune(c))
	}
	return t
}()

func isDigit(c byte) bool { return '0' <= c && c <= '9' }
