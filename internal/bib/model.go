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
type Entry struct {
	Type   string // lowercased: "article", "string", "preamble", "comment", ...
	Key    string // as written; empty when missing
	Fields []Field

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
}

// markComposite records that the value of field i is not one literal part.
func (e *Entry) markComposite(i int) { e.composite |= 1 << min(i, 31) }

// maybeComposite reports whether the value of field i may not be one
// literal part.
func (e *Entry) maybeComposite(i int) bool { return e.composite&(1<<min(i, 31)) != 0 }

// Pos returns the position of the entry's '@'.
func (e *Entry) Pos() Pos { return e.File.Position(e.Start) }

// Raw returns the entry's source text.
func (e *Entry) Raw() string { return e.File.Src[e.Start:e.End] }

// Field returns the first field of that (lowercase) name, as BibTeX uses the
// first when a field is repeated.
func (e *Entry) Field(name string) (*Field, bool) {
	for i := range e.Fields {
		if e.Fields[i].Name == name {
			return &e.Fields[i], true
		}
	}
	return nil, false
}

// Get returns the expanded value of the first field of that (lowercase)
// name, or "" when there is none.
func (e *Entry) Get(name string) string {
	if f, ok := e.Field(name); ok {
		return f.Value
	}
	return ""
}

// Field is one "name = value" pair of an entry. The value as written, a
// list of [Part]s joined by '#', is not stored: [Field.Parts] reads it
// again from the file's text.
type Field struct {
	Name       string // lowercased
	Start, End int    // byte span of "name = value"
	// Value is the expanded value: macros replaced, parts concatenated,
	// outer braces or quotes removed, everything else (inner braces, LaTeX,
	// white space) as written. [Parse] fills it in when the value uses no
	// macro; [NewLibrary] fills in the rest.
	Value string
}

// RawName returns the field name as written.
func (f *Field) RawName(file *File) string { return file.Src[f.Start : f.Start+len(f.Name)] }

// Parts returns the value as written: its parts, joined by '#' in the
// file. file is the file the field was read from (its entry's File); the
// parts are read again from its text, by the code that read them first.
//
// A field that is not a span of file, such as a Field made by hand (its
// End is 0), stands for its Value: Parts returns one braced part holding
// it.
func (f *Field) Parts(file *File) []Part { return f.AppendParts(nil, file) }

// AppendParts appends the parts that [Field.Parts] returns to dst and
// returns the extended slice; with a dst of enough capacity, it does not
// allocate.
func (f *Field) AppendParts(dst []Part, file *File) []Part {
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
