package bib

import (
	"fmt"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
)

// Field values are not stored as parts: Field.Parts reads them again from
// the file's text. The tests below check that it gives, for every field,
// the parts the parser read (and used to store), and that the line index
// gives the positions of the index it replaced (an offset per line).

// recordParts parses src in one pass, as Parse does for a small file, and
// returns the file with the parts of every value as the parser read them,
// in the order of the fields.
func recordParts(src string) (*File, [][]Part) {
	f := &File{Name: "x.bib", Src: src, lines: newLineIndex(src, false)}
	var recorded [][]Part
	p := &parser{f: f, s: src, braces: &braceIndex{}, record: func(parts []Part) {
		recorded = append(recorded, slices.Clone(parts))
	}}
	f.Items = p.itemsOf(p.scan(len(src), nil))
	return f, recorded
}

// fieldOf is a field of an @-item, and its place.
type fieldOf struct {
	Field
	e *Entry
	i int // e.FieldAt(i) is the field
}

// fieldsOf returns every field of every @-item of f, in order.
func fieldsOf(f *File) []fieldOf {
	var out []fieldOf
	for _, it := range f.Items {
		if e := it.Entry; e != nil {
			for i := range e.NumFields() {
				out = append(out, fieldOf{e.FieldAt(i), e, i})
			}
		}
	}
	return out
}

// checkPartsAsParsed checks, for every field of src, that Parts gives the
// parts the parser read, and that they agree with the field's Value and
// with naiveParts.
// literalParts counts the fields for which literalPart answered, so that
// the tests can tell it was exercised.
var literalParts int

func checkPartsAsParsed(t *testing.T, name, src string) int {
	t.Helper()
	f, recorded := recordParts(src)
	fields := fieldsOf(f)
	if len(fields) != len(recorded) {
		t.Errorf("%s: %d fields, %d values read", name, len(fields), len(recorded))
		return 0
	}
	for k, fd := range fields {
		if got := fd.Parts(f); !slices.Equal(got, recorded[k]) {
			t.Errorf("%s: field %q at %d: Parts = %+v, the parser read %+v", name, fd.Name, fd.Start, got, recorded[k])
			continue
		}
		checkParts(t, f, fd.Field)
		// The formatter's shortcut for single literal values.
		if lit := fd.e.literalPart(fd.i, nil); lit != nil && !slices.Equal(lit, recorded[k]) {
			t.Errorf("%s: field %q at %d: literalPart = %+v, the parser read %+v", name, fd.Name, fd.Start, lit, recorded[k])
		} else if lit != nil {
			literalParts++
		}
		if single := len(recorded[k]) == 1 && recorded[k][0].literal(); single && fd.Value != recorded[k][0].Text {
			t.Errorf("%s: field %q at %d: Value %q, want the part's text", name, fd.Name, fd.Start, fd.Value)
		} else if !single && !fd.e.maybeComposite(fd.i) {
			t.Errorf("%s: field %q at %d: the value %+v is not marked for expansion", name, fd.Name, fd.Start, recorded[k])
		}
	}
	return len(fields)
}

// checkParts checks Parts of a field of f against naiveParts, and
// AppendParts against Parts.
func checkParts(t testing.TB, f *File, fd Field) {
	t.Helper()
	got := fd.Parts(f)
	want, ok := naiveParts(f.Src, fd)
	if !ok || !slices.Equal(got, want) {
		t.Fatalf("field %q at %d-%d: Parts = %+v, the value as written is %+v (%v)", fd.Name, fd.Start, fd.End, got, want, ok)
	}
	prefix := []Part{{Kind: PartNumber, Text: "1", Offset: -1}}
	if appended := fd.AppendParts(slices.Clip(prefix), f); !slices.Equal(appended, append(prefix, got...)) {
		t.Fatalf("field %q at %d: AppendParts = %+v, want %+v then %+v", fd.Name, fd.Start, appended, prefix, got)
	}
}

// naiveParts reads the value of a field byte by byte, as the definition
// goes: after the name, '=' and white space (for a field that has a
// name), parts joined by '#': a braced text, a quoted text (braces
// balanced, its '"' at brace depth 0), a number, or a macro name. The
// value must end at the field's end.
func naiveParts(src string, fd Field) ([]Part, bool) {
	s := src[:fd.End]
	i := fd.Start
	white := func() {
		for i < len(s) && isWhite(s[i]) {
			i++
		}
	}
	if fd.Name != "" {
		for i < len(s) && idChar[s[i]] {
			i++
		}
		white()
		if i == len(s) || s[i] != '=' {
			return nil, false
		}
		i++
		white()
	}
	var parts []Part
	for i < len(s) {
		start, c := i, s[i]
		switch {
		case c == '{' || c == '"':
			depth, j := 0, i+1
			for ; j < len(s); j++ {
				if s[j] == '{' {
					depth++
				} else if s[j] == '}' && depth > 0 {
					depth--
				} else if depth == 0 && (s[j] == '}' || c == '"' && s[j] == '"') {
					break
				}
			}
			kind := PartBraced
			if c == '"' {
				kind = PartQuoted
			}
			if j == len(s) || (kind == PartBraced) != (s[j] == '}') {
				return nil, false
			}
			parts = append(parts, Part{Kind: kind, Text: s[i+1 : j], Offset: start})
			i = j + 1
		case isDigit(c):
			for i < len(s) && isDigit(s[i]) {
				i++
			}
			parts = append(parts, Part{Kind: PartNumber, Text: s[start:i], Offset: start})
		case idChar[c]:
			for i < len(s) && idChar[s[i]] {
				i++
			}
			parts = append(parts, Part{Kind: PartMacro, Text: s[start:i], Offset: start})
		default:
			return nil, false
		}
		if i == len(s) {
			return parts, true
		}
		white()
		if i == len(s) || s[i] != '#' {
			return nil, false
		}
		i++
		white()
	}
	return nil, false
}

// partsInputs returns equivalenceInputs and hand-made hostile ones.
func partsInputs(t *testing.T) map[string]string {
	in := map[string]string{}
	for name, src := range equivalenceInputs(t) {
		in[name] = string(src)
	}
	deep := strings.Repeat("{", 3000) + "x" + strings.Repeat("}", 3000)
	long := strings.Repeat("a{b}c ", 40000) // longer than a brace index block
	for name, src := range map[string]string{
		"deep":      "@article{k, title = {" + deep + "}, author = {" + deep + " and Doe}, year = 2020}\n",
		"long":      "@misc{k, title = {" + long + "}, note = \"" + long + "\" # {" + long + "}}\n",
		"unclosed":  "@misc{k, title = {x}, note = {" + strings.Repeat("{", 50) + "\n@misc{after, title = {ok}}\n",
		"quoted":    "@misc{k, t = \"a {\"} b\" # \"\", u = \"{}\"}\n@misc{j, t = \"x}\"}\n",
		"macros":    "@string{a = \"x\"}@String(B = a # {y} # 12)\n@misc{k, t = a#b # jan, u = 007, v = B, w = \"\" # {}}\n",
		"preamble":  "@preamble{ \"a\" # b # {c} }@preamble(x)@preamble{12}@preamble{x = y}\n",
		"nul":       "@misc{k, title = {a\x00b}, x\x00y = \"\x00\"}\n",
		"utf8":      "@misc{k, T\xc3\x89 = {\xff\xfe}, \xc3\xa9t\xc3\xa9 = m\xc3\xa9, year = 2020}\n",
		"bom":       "\uFEFF@misc{k,\r\n  title = {x},\r\n  year\t=\r\n2020 # \"y\",\r\n}\r\n",
		"keyless":   "@article{ author = {A}, title = {B} year = 2020 month = jan}\n",
		"white":     "@misc{k,\n  title\n =\n\t{x}\n\t#\n\tjan\n  ,}",
		"eof":       "@misc{k, title = {x} # ",
		"eof2":      "@misc{k, title = {x}, year = 2020",
		"repeated":  "@misc{k, title = {x}, TITLE = {y}, Title = z}",
		"parens":    "@misc(k}, title = {a) b}, t = \"(\")",
		"many":      "@misc{k" + strings.Repeat(", f = x # {y}, g = {z}", 40) + "}",
		"comment":   "@comment{@misc{k, t = {x}}} @comment @misc{j, t = x}",
		"badvalues": "@misc{k, a = , b = {x}}@misc{j, a = {x} b}@misc{i, a = {x}} # {y}}",
	} {
		in[name] = src
	}
	return in
}

// TestPartsAsParsed checks that, for every field of the generated
// libraries, the testdata files, mutated files and hostile ones, Parts
// gives the parts that the parser read, with the brace index at its
// normal and at tiny block sizes.
func TestPartsAsParsed(t *testing.T) {
	old := braceShift
	defer func() { braceShift = old }()
	n := 0
	for name, src := range partsInputs(t) {
		for _, shift := range []int{16, 2} {
			braceShift = shift
			n += checkPartsAsParsed(t, fmt.Sprintf("%s (brace blocks of %d)", name, 1<<shift), src)
		}
	}
	t.Logf("%d fields compared", n)
	if literalParts < n/2 {
		t.Errorf("literalPart answered for %d of %d fields only", literalParts, n)
	}
}

// TestCorpusParts is TestPartsAsParsed on the shared corpus.
func TestCorpusParts(t *testing.T) {
	dir, err := corpusBibDir()
	if err != nil {
		t.Skipf("SKIP: shared corpus not found: %v", err)
	}
	n := 0
	for _, path := range corpusFiles(t, dir) {
		src, err := ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		n += checkPartsAsParsed(t, path, string(src))
	}
	t.Logf("%d fields compared", n)
}

// TestPartsNotFromTheFile checks the parts of a field that is not a span
// of the file: its Value, braced.
func TestPartsNotFromTheFile(t *testing.T) {
	f, _ := Parse("x.bib", []byte("@misc{k, title = {A} # b, year = 2020}"))
	e := f.Items[0].Entry
	want := []Part{{Kind: PartBraced, Text: "v"}}
	for name, fd := range map[string]Field{
		"by hand":             {Name: "title", Value: "v"},
		"past the end":        {Name: "title", Start: 9, End: 100, Value: "v"},
		"not a field":         {Name: "title", Start: 0, End: 10, Value: "v"},
		"inside the value":    {Name: "title", Start: 9, End: 19, Value: "v"},
		"more than the value": {Name: "year", Start: e.FieldAt(1).Start, End: e.FieldAt(1).End + 1, Value: "v"},
		"negative":            {Name: "title", Start: -1, End: 10, Value: "v"},
	} {
		if got := fd.Parts(f); !slices.Equal(got, want) {
			t.Errorf("%s: Parts = %+v, want %+v", name, got, want)
		}
	}
	fd := Field{Name: "title", Value: "v"}
	if got := fd.Parts(nil); !slices.Equal(got, want) {
		t.Errorf("without a file: Parts = %+v, want %+v", got, want)
	}
	if got, want := e.FieldAt(0).Parts(f), []Part{{PartBraced, "A", 17}, {PartMacro, "b", 23}}; !slices.Equal(got, want) {
		t.Errorf("Parts = %+v, want %+v", got, want)
	}
}

// oldLineIndex is the line index that lineIndex replaced: the offset of
// every line's start.
type oldLineIndex struct{ starts []int }

func newOldLineIndex(src string) oldLineIndex {
	starts := []int{0}
	if strings.HasPrefix(src, bom) {
		starts[0] = len(bom)
	}
	for off := 0; ; {
		i := strings.IndexByte(src[off:], '\n')
		if i < 0 {
			break
		}
		off += i + 1
		starts = append(starts, off)
	}
	return oldLineIndex{starts}
}

func (x oldLineIndex) pos(filename string, off int) Pos {
	line := sort.Search(len(x.starts), func(i int) bool { return x.starts[i] > off })
	if line == 0 {
		return Pos{Filename: filename, Offset: off, Line: 1, Col: 1}
	}
	return Pos{Filename: filename, Offset: off, Line: line, Col: off - x.starts[line-1] + 1}
}

// TestLineIndexAsBefore checks every offset's position (and a few
// outside the file) against the old line index, at several block sizes,
// built in one pass and on all cores.
func TestLineIndexAsBefore(t *testing.T) {
	in := map[string]string{
		"empty": "", "newline": "\n", "newlines": "\n\n\n", "no final newline": "a\nbc",
		"bom": "\uFEFF", "bom+newline": "\uFEFF\n", "bom+text": "\uFEFFab\ncd\n", "crlf": "a\r\nb\r\n\r\nc",
		"long line":  strings.Repeat("x", 5000) + "\n" + strings.Repeat("y", 3000),
		"many lines": strings.Repeat("ab\n", 2000),
	}
	paths, _ := filepath.Glob(filepath.Join("testdata", "*", "*.bib"))
	for _, p := range paths[:min(len(paths), 8)] {
		src, err := ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		in[p] = string(src)
	}
	old := lineShift
	defer func() { lineShift = old }()
	for name, src := range in {
		want := newOldLineIndex(src)
		for _, shift := range []int{0, 1, 3, 10} {
			lineShift = shift
			for _, concurrent := range []bool{false, true} {
				x := newLineIndex(src, concurrent)
				for off := -2; off <= len(src)+2; off++ {
					if got, want := x.pos("x.bib", src, off), want.pos("x.bib", off); got != want {
						t.Fatalf("%s, blocks of %d, concurrent %v: offset %d at %v, want %v", name, 1<<shift, concurrent, off, got, want)
					}
				}
			}
		}
	}
	var empty lineIndex // a File made by hand has none
	if got := empty.pos("x.bib", "a\nb", 2); got != (Pos{Filename: "x.bib", Offset: 2, Line: 1, Col: 1}) {
		t.Errorf("no index: %v", got)
	}
}
