package bib

import (
	"reflect"
	"strings"
	"testing"
	"unsafe"
)

// TestCommonNamesAreConstants checks that lowerName returns the shared
// constant for every common name, in any case, and a lowercase copy for
// other names.
func TestCommonNamesAreConstants(t *testing.T) {
	names := append([]string{"article", "inproceedings", "mastersthesis", "unpublished", "string", "timestamp"}, fieldOrder...)
	for _, n := range names {
		id := commonID(n)
		if id == 0 || commonList[id] != n {
			t.Fatalf("commonID(%q) = %d", n, id)
		}
		c := commonList[id]
		for _, written := range []string{n, strings.ToUpper(n), strings.ToUpper(n[:1]) + n[1:]} {
			src := string([]byte(written)) // as read from a file
			if got := lowerName(src); got != n || unsafe.StringData(got) != unsafe.StringData(c) {
				t.Errorf("lowerName(%q) = %q, not the constant", written, got)
			}
		}
	}
	if len(commonList) > 256 {
		t.Fatalf("%d common names: an index must fit in a byte", len(commonList)-1)
	}
	// Every common name is found within a few probes of its hash, and
	// lowerCommon finds it by the same index.
	for id := 1; id < len(commonList); id++ {
		n := commonList[id]
		probes := 1
		for h := commonHash(n); int(commonTable[h]) != id; h = (h + 1) & (commonSlots - 1) {
			probes++
		}
		if probes > 3 {
			t.Errorf("%q is found after %d probes", n, probes)
		}
		if got, gid := lowerCommon(strings.ToUpper(n)); got != n || int(gid) != id {
			t.Errorf("lowerCommon(%q) = %q, %d, want %q, %d", strings.ToUpper(n), got, gid, n, id)
		}
	}
	for _, n := range []string{"x-custom", "Zotero-Key", "a", "", "urldatex", "éditeur", strings.Repeat("a", 40)} {
		if got, want := lowerName(n), strings.ToLower(n); got != want {
			t.Errorf("lowerName(%q) = %q, want %q", n, got, want)
		}
		if commonID(strings.ToLower(n)) != 0 {
			t.Errorf("%q taken for a common name", n)
		}
	}
}

// TestFieldStorage checks that every way an entry keeps a field's name
// and value (a common name, a span of the file, the entry's own text for
// names not in lower case and for expanded values, fields added by hand)
// gives back the name and value, and that the stored form holds no
// pointer for the garbage collector to follow.
func TestFieldStorage(t *testing.T) {
	if n := unsafe.Sizeof(field{}); n != 28 {
		t.Errorf("field is %d bytes, want 28", n)
	}
	ft := reflect.TypeOf(field{})
	for i := range ft.NumField() {
		if k := ft.Field(i).Type.Kind(); k != reflect.Uint32 && k != reflect.Uint8 {
			t.Errorf("field.%s is a %s: the garbage collector would scan every field", ft.Field(i).Name, k)
		}
	}
	src := `@string{Jo = "Journal of Tests"}
@Article{k1, AUTHOR = {A. Author}, X-Custom = {one}, x-other = "two", Éditeur = {three},
  journal = Jo, month = jan, year = 2024, note = {a} # Jo # "b", Title = {T}, Key = {kelvin}}`
	f, err := Parse("t.bib", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	lib := NewLibrary([]*File{f}, nil)
	if len(lib.Diagnostics) != 0 {
		t.Fatalf("diagnostics: %v", lib.Diagnostics)
	}
	e := lib.Entries[0]
	want := [][2]string{
		{"author", "A. Author"}, {"x-custom", "one"}, {"x-other", "two"}, {"éditeur", "three"},
		{"journal", "Journal of Tests"}, {"month", "January"}, {"year", "2024"},
		{"note", "aJournal of Testsb"}, {"title", "T"},
		{"key", "kelvin"}, // K, the Kelvin sign, is k in lower case
	}
	check := func(e *Entry, want [][2]string) {
		t.Helper()
		if e.NumFields() != len(want) {
			t.Fatalf("%d fields, want %d", e.NumFields(), len(want))
		}
		for i, w := range want {
			if fd := e.FieldAt(i); fd.Name != w[0] || fd.Value != w[1] || e.NameAt(i) != w[0] || e.ValueAt(i) != w[1] {
				t.Errorf("field %d = %q = %q, want %q = %q", i, fd.Name, fd.Value, w[0], w[1])
			}
			if got := e.Get(w[0]); got != w[1] {
				t.Errorf("Get(%q) = %q, want %q", w[0], got, w[1])
			}
		}
	}
	check(e, want)
	if fd, _ := e.Field("x-other"); e.File.Src[fd.Start:fd.End] != `x-other = "two"` {
		t.Errorf("span of x-other: %q", e.File.Src[fd.Start:fd.End])
	}
	if fd, _ := e.Field("note"); fd.RawName(e.File) != "note" || len(fd.Parts(e.File)) != 3 {
		t.Errorf("note: raw name %q, parts %v", fd.RawName(e.File), fd.Parts(e.File))
	}
	// The same fields set again by hand format as the parsed ones: a
	// value with a span of the file stands for the file's parts.
	again := *e
	again.SetFields(e.Fields())
	for _, opt := range []FormatOptions{{}, {Expand: true}, {SortFields: true}} {
		want, _ := FormatEntry(e, opt, "\n")
		if got, _ := FormatEntry(&again, opt, "\n"); got != want {
			t.Errorf("fields set again format as\n%s\nwant\n%s", got, want)
		}
	}
	// Fields added by hand, after the parsed ones and instead of them.
	e.AppendField(Field{Name: "url_code", Value: "https://example.org"})
	e.AppendField(Field{Name: "zz-hand", Value: "by hand"})
	check(e, append(want, [2]string{"url_code", "https://example.org"}, [2]string{"zz-hand", "by hand"}))
	if got := e.FieldAt(e.NumFields() - 1).Parts(e.File); len(got) != 1 || got[0].Text != "by hand" {
		t.Errorf("parts of a field added by hand: %v", got)
	}
	fs := e.Fields()
	fs[0].Value = "changed"
	e.SetFields(fs[:2])
	check(e, [][2]string{{"author", "changed"}, {"x-custom", "one"}})
	var made Entry
	made.SetFields([]Field{{Name: "title", Value: "Made"}, {Name: "odd", Value: ""}})
	check(&made, [][2]string{{"title", "Made"}, {"odd", ""}})
}
