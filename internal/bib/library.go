package bib

import (
	"errors"
	"fmt"
	"hash/maphash"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/pubs-dev/pubs/internal/parallel"
)

// MonthMacros are the macros the standard BibTeX styles predefine. A
// @string in the library may redefine them.
var MonthMacros = map[string]string{
	"jan": "January", "feb": "February", "mar": "March", "apr": "April",
	"may": "May", "jun": "June", "jul": "July", "aug": "August",
	"sep": "September", "oct": "October", "nov": "November", "dec": "December",
}

// Library is a set of files read in order, as BibTeX reads the files of one
// \bibliography: macros defined in one file are visible in the later ones,
// and keys are unique across all of them.
type Library struct {
	Files   []*File
	Entries []*Entry // the entries (KindEntry) of every file, in order
	// Diagnostics holds every problem found: the files' syntax errors and
	// what NewLibrary found, sorted by file and position.
	Diagnostics ErrorList
}

// NewLibrary expands the macros and field values of the files, in order,
// and collects the problems that need the whole library to see. syntax holds
// the errors that Parse returned for the files; they are merged into
// Diagnostics.
func NewLibrary(files []*File, syntax ErrorList) *Library {
	lib := &Library{Files: files}
	diags := append(ErrorList(nil), syntax...)
	macros := make(map[string]string, len(MonthMacros))
	for k, v := range MonthMacros {
		macros[k] = v
	}
	// Where each file stops being UTF-8, found meanwhile on another core.
	invalid := make([]chan int, len(files))
	for k, f := range files {
		invalid[k] = make(chan int, 1)
		go func() { invalid[k] <- firstInvalid(f.Src) }()
	}
	n := 0
	for _, f := range files {
		for _, it := range f.Items {
			if it.Kind == KindEntry {
				n++
			}
		}
	}
	lib.Entries = make([]*Entry, 0, n)
	keys := newKeyTable(n)
	var refs []*Entry // the entries with a crossref or xref field
	// The entries since the last @string or @preamble see the same macros:
	// their fields are expanded and checked on all cores, and what needs
	// order (diagnostics, keys) is then done in order, a window of entries
	// at a time, so that the results waiting to be used take little memory.
	pending := 0
	var results []checked
	var text []byte // scratch for expandFields
	flush := func() {
		es := lib.Entries[len(lib.Entries)-pending:]
		pending = 0
		for len(es) > 0 {
			window := es[:min(len(es), checkWindow)]
			es = es[len(window):]
			results = checkEntries(window, macros, results)
			for i, e := range window {
				c := &results[i]
				diags = append(diags, c.diags...)
				if c.ref {
					refs = append(refs, e)
				}
				checkKey(e, c.hash, keys, &diags)
			}
		}
	}
	// Where each file's encoding warning goes in diags: before the
	// diagnostics of its items.
	marks := make([]int, len(files))
	for k, f := range files {
		marks[k] = len(diags)
		for _, it := range f.Items {
			e := it.Entry
			switch it.Kind {
			case KindString:
				flush()
				if e.NumFields() == 1 {
					text = expandFields(e, text, macros, &diags)
					macros[strings.ToLower(e.Key)] = e.ValueAt(0)
				}
			case KindPreamble:
				flush()
				text = expandFields(e, text, macros, &diags)
			case KindEntry:
				lib.Entries = append(lib.Entries, e)
				pending++
			}
		}
		flush()
	}
	for k := len(files) - 1; k >= 0; k-- {
		if off := <-invalid[k]; off >= 0 {
			var w ErrorList
			encodingWarning(files[k], off, &w)
			diags = slices.Insert(diags, marks[k], w...)
		}
	}
	checkCrossrefs(refs, keys, &diags)
	diags.Sort()
	lib.Diagnostics = diags
	return lib
}

// checked is what checkEntries found about one entry.
type checked struct {
	diags ErrorList // its diagnostics but those of its key, in order
	hash  uint64    // keyHash of its key
	ref   bool      // it has a crossref or xref field
}

// checkWindow is how many entries NewLibrary checks at a time.
const checkWindow = 8192

// checkEntries runs checkFields on each entry, on all cores when there
// are many, and returns the results in buf (reused when large enough).
func checkEntries(es []*Entry, macros map[string]string, buf []checked) []checked {
	out := buf[:0]
	if cap(out) < len(es) {
		out = make([]checked, len(es))
	}
	out = out[:len(es)]
	const batch = 1024
	nb := (len(es) + batch - 1) / batch
	run := func(b int) {
		var text []byte // scratch for expandFields
		for i := b * batch; i < min(len(es), (b+1)*batch); i++ {
			out[i], text = checkFields(es[i], macros, text)
		}
	}
	if nb <= 1 {
		for b := range nb {
			run(b)
		}
		return out
	}
	parallel.Each(nb, run) // macros is only read
	return out
}

// checkFields expands the entry's fields and reports repeated ones. text
// is scratch space, returned for the next call.
func checkFields(e *Entry, macros map[string]string, text []byte) (checked, []byte) {
	f := e.File
	var c checked
	text = expandFields(e, text, macros, &c.diags)
	e.cacheDate()
	// Entries have a handful of fields, where a linear search beats a map;
	// a map keeps a hostile entry with many fields linear.
	var seen map[string]int
	if e.NumFields() > 32 {
		seen = make(map[string]int, e.NumFields())
	}
	for i := range e.NumFields() {
		name := e.NameAt(i)
		if name == "crossref" || name == "xref" {
			c.ref = true
		}
		first := -1
		if seen != nil {
			if j, ok := seen[name]; ok {
				first = j
			} else {
				seen[name] = i
			}
		} else {
			first = e.firstField(i, name)
		}
		if first >= 0 {
			c.diags.Add(f.Position(int(e.fields[i].start)), SeverityWarning,
				"duplicate field %q in entry %q: BibTeX uses the first one, at line %d",
				name, e.Key, f.Position(int(e.fields[first].start)).Line)
		}
	}
	c.hash = keyHash(e.Key)
	return c, text
}

// checkKey reports an empty or repeated key, and records the entry's.
func checkKey(e *Entry, hash uint64, keys *keyTable, diags *ErrorList) {
	f := e.File
	if e.Key == "" {
		if !e.NoKey { // NoKey was reported by the parser
			diags.Add(e.Pos(), SeverityError, "entry has an empty key")
		}
		return
	}
	if first := keys.add(hash, e); first != nil {
		how := ""
		if first.Key != e.Key {
			how = fmt.Sprintf(" (as %q, keys ignore case)", first.Key)
		}
		diags.Add(f.Position(e.KeyOffset), SeverityError,
			"duplicate key %q: first defined at %s%s", e.Key, first.File.Position(first.KeyOffset), how)
	}
}

// keySeed seeds keyHash.
var keySeed = maphash.MakeSeed()

// keyHash hashes a key, in lower case, for keyTable. An ASCII key (most)
// is lowered into a buffer on the stack: lowering every key of a large
// library into a string of its own cost more than the rest of the keys'
// checks.
func keyHash(key string) uint64 {
	var buf [64]byte
	if lower, ok := lowerASCII(buf[:0], key); ok {
		return maphash.Bytes(keySeed, lower)
	}
	return maphash.String(keySeed, strings.ToLower(key))
}

// keyTable records the first entry of each key (in lower case), as a map
// would, but from hashes computed beforehand on all cores (checkFields):
// NewLibrary checks the keys one after another, and a map hashed each
// key there, a third of that sequential work. Open addressing, linear
// probing, at most three quarters full; two keys are compared only when
// their hashes agree, which is almost only when they are equal.
type keyTable struct {
	slots []keySlot
	mask  uint64
}

type keySlot struct {
	hash uint64
	e    *Entry // nil: an empty slot
}

func newKeyTable(n int) *keyTable {
	size := 16
	for size < n+n/3+1 {
		size *= 2
	}
	return &keyTable{slots: make([]keySlot, size), mask: uint64(size - 1)}
}

// add records e under its key, unless an entry has that key already: it
// returns that entry then, and nil when e is the first.
func (t *keyTable) add(hash uint64, e *Entry) *Entry {
	for i := hash & t.mask; ; i = (i + 1) & t.mask {
		s := &t.slots[i]
		switch {
		case s.e == nil:
			*s = keySlot{hash, e}
			return nil
		case s.hash == hash && sameKey(s.e.Key, e.Key):
			return s.e
		}
	}
}

// sameKey reports whether two keys are the same, ignoring case: their
// lower cases are equal, as keyHash hashes them (strings.EqualFold would
// also match "ſ" with "s", which strings.ToLower keeps apart).
func sameKey(a, b string) bool {
	if a == b {
		return true
	}
	lower := strings.ToLower(a)
	return lower == strings.ToLower(b)
}

// find returns the first entry of a key (in any case), or nil.
func (t *keyTable) find(key string) *Entry {
	hash := keyHash(key)
	for i := hash & t.mask; ; i = (i + 1) & t.mask {
		s := &t.slots[i]
		if s.e == nil || s.hash == hash && sameKey(s.e.Key, key) {
			return s.e
		}
	}
}

// firstField returns the index of the first of the fields before field i
// that has that name, or -1.
func (e *Entry) firstField(i int, name string) int {
	for j := range i {
		if e.NameAt(j) == name {
			return j
		}
	}
	return -1
}

// expandFields sets the values of the entry's fields that are not one
// literal part (the parser set those) from their parts, reporting
// undefined macros (whose value is then empty, as in BibTeX). The values
// go to the end of the entry's text, built in scratch, which it returns
// for the next call.
func expandFields(e *Entry, scratch []byte, macros map[string]string, diags *ErrorList) []byte {
	if e.composite == 0 {
		return scratch
	}
	text := append(scratch[:0], e.text...)
	var buf [8]Part
	for i := range e.NumFields() {
		if !e.maybeComposite(i) {
			continue
		}
		parts := e.FieldAt(i).AppendParts(buf[:0], e.File)
		if len(parts) == 1 && parts[0].literal() {
			continue // set by the parser
		}
		off := len(text)
		for _, pt := range parts {
			v := pt.Text
			if !pt.literal() {
				var ok bool
				if v, ok = lookupLower(macros, pt.Text); !ok {
					diags.Add(e.File.Position(pt.Offset), SeverityError, "undefined string macro %q", pt.Text)
				}
			}
			text = append(text, v...)
		}
		fd := &e.fields[i]
		fd.flags |= valueInText
		fd.val, fd.vlen = uint32(off), uint32(len(text)-off)
	}
	if len(text) > len(e.text) {
		e.text = string(text)
	}
	return text
}

// lookupLower returns m[strings.ToLower(name)], without allocating for a
// short ASCII name.
func lookupLower(m map[string]string, name string) (string, bool) {
	var buf [32]byte
	if lower, ok := lowerASCII(buf[:0], name); ok {
		v, ok := m[string(lower)]
		return v, ok
	}
	v, ok := m[strings.ToLower(name)]
	return v, ok
}

// ParseFiles reads and parses the named files in order and builds their
// library. The error is not nil only when a file cannot be read; problems
// in the files' content are in the library's Diagnostics.
func ParseFiles(names ...string) (*Library, error) {
	files := make([]*File, 0, len(names))
	var syntax ErrorList
	for _, name := range names {
		src, err := ReadFile(name)
		if err != nil {
			return nil, err
		}
		f, err := ParseOwned(name, src) // src is not used again: no copy
		var list ErrorList
		if errors.As(err, &list) {
			syntax = append(syntax, list...)
		}
		files = append(files, f)
	}
	return NewLibrary(files, syntax), nil
}

// checkCrossrefs reports crossref (and biblatex xref) fields that name no
// entry of the library. BibTeX counts a bad crossref as an error; biber
// only warns about a bad xref.
func checkCrossrefs(entries []*Entry, keys *keyTable, diags *ErrorList) {
	for _, e := range entries {
		for i := range e.NumFields() {
			fd := e.FieldAt(i)
			sev := SeverityError
			switch fd.Name {
			case "crossref":
			case "xref":
				sev = SeverityWarning
			default:
				continue
			}
			target := strings.TrimSpace(fd.Value)
			if keys.find(target) == nil {
				diags.Add(e.File.Position(fd.Start), sev, "%s %q in entry %q names no entry of the library", fd.Name, target, e.Key)
			}
		}
	}
}

// firstInvalid returns the offset of the first byte of src that is not
// UTF-8, or -1.
func firstInvalid(src string) int {
	if utf8.ValidString(src) {
		return -1
	}
	off := 0
	for off < len(src) {
		r, size := utf8.DecodeRuneInString(src[off:])
		if r == utf8.RuneError && size == 1 {
			break
		}
		off += size
	}
	return off
}

// encodingWarning warns about a file that is not UTF-8 (Latin-1 and
// Windows-1252 files are common), at its first invalid byte. BibTeX reads
// bytes, and so does pubs, but output meant for the web would show
// replacement characters.
func encodingWarning(f *File, off int, diags *ErrorList) {
	diags.Add(f.Position(off), SeverityWarning,
		"the file is not UTF-8 (byte 0x%02X); convert it, e.g. iconv -f latin1 -t utf-8", f.Src[off])
}
