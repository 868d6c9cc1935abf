package bib

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/pubs-dev/pubs/internal/bench/libgen"
)

func mustLibrary(t *testing.T, files map[string]string, order ...string) *Library {
	t.Helper()
	var fs []*File
	var syntax ErrorList
	for _, name := range order {
		f, err := Parse(name, []byte(files[name]))
		var list ErrorList
		if errors.As(err, &list) {
			syntax = append(syntax, list...)
		}
		fs = append(fs, f)
	}
	return NewLibrary(fs, syntax)
}

func TestLibraryExpansion(t *testing.T) {
	lib := mustLibrary(t, map[string]string{
		"a.bib": `@string{jn = "J. " # {Num.}}
@STRING(Pub = "ACM")
@article{a, journal = jn # { } # 1999, month = jan, publisher = pub}
@string{jan = "Jan."}
@article{b, month = JAN, note = "x" # undefined # "y"}
@preamble{"p" # jn}`,
		"b.bib": `@article{c, journal = jn, title = {T}}`,
	}, "a.bib", "b.bib")
	got := map[string]map[string]string{}
	for _, e := range lib.Entries {
		m := map[string]string{}
		for _, f := range e.Fields() {
			m[f.Name] = f.Value
		}
		got[e.Key] = m
	}
	want := map[string]map[string]string{
		"a": {"journal": "J. Num. 1999", "month": "January", "publisher": "ACM"},
		"b": {"month": "Jan.", "note": "xy"},
		"c": {"journal": "J. Num.", "title": "T"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("values (-want +got):\n%s", diff)
	}
	pre := lib.Files[0].Items[len(lib.Files[0].Items)-1].Entry
	if pre.Kind != KindPreamble || pre.ValueAt(0) != "pJ. Num." {
		t.Errorf("preamble = %+v", pre.Fields())
	}
	wantDiags := "a.bib:5:39: error: undefined string macro \"undefined\"\n"
	var b = new(stringsBuilder)
	lib.Diagnostics.Print(b)
	if diff := cmp.Diff(wantDiags, b.String()); diff != "" {
		t.Errorf("diagnostics (-want +got):\n%s", diff)
	}
}

func TestLibraryDiagnostics(t *testing.T) {
	lib := mustLibrary(t, map[string]string{
		"a.bib": "@misc{Smith2020, title = {A}, Title = {B}}\n@misc{,title={x}}\n@misc{ note = {n} }\n",
		"b.bib": "@misc{smith2020, title={C}}\n@misc{Other, title={D}}\n@misc{Other}\n",
	}, "a.bib", "b.bib")
	var b = new(stringsBuilder)
	lib.Diagnostics.Print(b)
	want := `a.bib:1:31: warning: duplicate field "title" in entry "Smith2020": BibTeX uses the first one, at line 1
a.bib:2:1: error: entry has an empty key
a.bib:3:8: error: entry has no key (found field "note" first)
b.bib:1:7: error: duplicate key "smith2020": first defined at a.bib:1:7 (as "Smith2020", keys ignore case)
b.bib:3:7: error: duplicate key "Other": first defined at b.bib:2:7
`
	if diff := cmp.Diff(want, b.String()); diff != "" {
		t.Errorf("diagnostics (-want +got):\n%s", diff)
	}
	if n := len(lib.Entries); n != 6 {
		t.Errorf("got %d entries, want all 6 kept", n)
	}
	if lib.Diagnostics.Err() == nil {
		t.Error("Err() = nil, want the errors")
	}
	if got := lib.Entries[0].Get("title"); got != "A" {
		t.Errorf("Get(title) = %q, want the first one, as BibTeX", got)
	}
}

func TestParseFilesErrors(t *testing.T) {
	dir := t.TempDir()
	if _, err := ParseFiles(dir); err == nil {
		t.Error("ParseFiles(directory) succeeded")
	}
	if _, err := ParseFiles(filepath.Join(dir, "missing.bib")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("ParseFiles(missing) = %v, want a not-exist error", err)
	}
}

func TestLibraryEncodingWarning(t *testing.T) {
	lib := mustLibrary(t, map[string]string{
		"latin1.bib": "@misc{a,\n  title = {S\xf6me title}}\n",
		"utf8.bib":   "@misc{b, title = {Söme title}}\n",
	}, "latin1.bib", "utf8.bib")
	var b = new(stringsBuilder)
	lib.Diagnostics.Print(b)
	want := "latin1.bib:2:13: warning: the file is not UTF-8 (byte 0xF6); convert it, e.g. iconv -f latin1 -t utf-8\n"
	if diff := cmp.Diff(want, b.String()); diff != "" {
		t.Errorf("diagnostics (-want +got):\n%s", diff)
	}
}

// TestKeyTable checks the table of keys NewLibrary fills: the first entry
// of each key in lower case is kept, whatever the hashes; equal hashes of
// different keys (forced here) and long probe chains change nothing.
func TestKeyTable(t *testing.T) {
	entry := func(key string) *Entry { return &Entry{Key: key} }
	keys := []string{"Smith2020", "smith2020", "Jones", "JONES", "jones", "b", "a", "ſ", "s"}
	for i, hash := range []func(string) uint64{
		keyHash,
		func(string) uint64 { return 7 }, // every key collides
		func(s string) uint64 { return uint64(len(s)) & 1 }, // two chains
	} {
		table := newKeyTable(len(keys))
		first := map[string]*Entry{}
		for _, k := range keys {
			e, lower := entry(k), strings.ToLower(k)
			got := table.add(hash(lower), e)
			if want := first[lower]; got != want {
				t.Fatalf("add(%q) = %v, want %v", k, got, want)
			}
			if first[lower] == nil {
				first[lower] = e
			}
		}
		if i > 0 {
			continue // find hashes with keyHash
		}
		for lower, want := range first {
			if got := table.find(lower); got != want {
				t.Errorf("find(%q) = %v, want %v", lower, got, want)
			}
		}
		for _, k := range keys { // as written, in any case
			if got, want := table.find(k), first[strings.ToLower(k)]; got != want {
				t.Errorf("find(%q) = %v, want %v", k, got, want)
			}
		}
		// keyHash lowers the key itself: on the stack for ASCII, with
		// strings.ToLower for the rest.
		for _, k := range append(keys, "DBLP:conf/ccs/Collins25", "Ölund2020", strings.Repeat("Ab", 40)) {
			if keyHash(k) != keyHash(strings.ToLower(k)) {
				t.Errorf("keyHash(%q) differs from the hash of its lower case", k)
			}
		}
		if table.find("nothing") != nil {
			t.Error("find of a missing key found an entry")
		}
	}
}

// TestCachedDate checks that Year and Month, which NewLibrary caches,
// give what reading the fields gives: on the generated library, on every
// corpus file, on hand-written dates (macros, biblatex dates, no year),
// and after fields change.
func TestCachedDate(t *testing.T) {
	check := func(t *testing.T, lib *Library) {
		t.Helper()
		for _, e := range lib.Entries {
			if e.date == 0 {
				t.Fatalf("%s: no cached date", e.Key)
			}
			y, ok := e.Year()
			wy, wok := e.year()
			if y != wy || ok != wok || e.Month() != e.month() {
				t.Fatalf("%s: cached %d %v %d, fields give %d %v %d", e.Key, y, ok, e.Month(), wy, wok, e.month())
			}
		}
	}
	lib := mustLibrary(t, map[string]string{"a.bib": `
@string{yr = "2019"}
@string{mo = aug}
@article{macro, year = yr, month = mo}
@article{concat, year = "19" # "98", month = "1" # "1"}
@article{date, date = {2021-10-29}}
@article{both, year = {2020}, date = {2021-03}, month = {May.}}
@article{none, title = {No date}}
@article{monthonly, month = dec}
@article{badyear, year = {20211}, month = {13}}
@article{zero, year = {0000}, month = {0}}
@article{far, year = {c. 9999}, month = {{Sep}}}
@article{dup, YEAR = {2001}, Year = {2002}, month = {feb}, month = {mar}, date = {1990-07}}
@article{nodigits, year = {n.d.}, date = {1990-07}}
`}, "a.bib")
	check(t, lib)
	want := map[string][3]int{ // year, ok, month
		"macro": {2019, 1, 8}, "concat": {1998, 1, 11}, "date": {2021, 1, 10}, "both": {2020, 1, 5},
		"none": {0, 0, 0}, "monthonly": {0, 0, 12}, "badyear": {0, 0, 0}, "zero": {0, 1, 0}, "far": {9999, 1, 9},
		"dup": {2001, 1, 2}, "nodigits": {1990, 1, 7},
	}
	for _, e := range lib.Entries {
		y, ok := e.Year()
		got := [3]int{y, 0, e.Month()}
		if ok {
			got[1] = 1
		}
		if got != want[e.Key] {
			t.Errorf("%s: got %v, want %v", e.Key, got, want[e.Key])
		}
	}
	// A field added or replaced by hand is read again.
	i := slices.IndexFunc(lib.Entries, func(e *Entry) bool { return e.Key == "far" })
	e := lib.Entries[i]
	e.AppendField(Field{Name: "date", Value: "1999-04"})
	if y, _ := e.Year(); y != 9999 || e.Month() != 9 {
		t.Errorf("after AppendField: %d %d, want 9999 9", y, e.Month())
	}
	e.SetFields([]Field{{Name: "date", Value: "1999-04"}})
	if y, _ := e.Year(); y != 1999 || e.Month() != 4 {
		t.Errorf("after SetFields: %d %d, want 1999 4", y, e.Month())
	}
	var buf bytes.Buffer
	if err := libgen.Generate(&buf, 3000, 7, 0.01); err != nil {
		t.Fatal(err)
	}
	f, err := Parse("gen.bib", buf.Bytes())
	var syntax ErrorList
	if err != nil && !errors.As(err, &syntax) {
		t.Fatal(err)
	}
	check(t, NewLibrary([]*File{f}, syntax))
	dir, err := corpusBibDir()
	if err != nil {
		t.Skipf("SKIP corpus part: %v", err)
	}
	for _, path := range corpusFiles(t, dir) {
		lib, err := ParseFiles(path)
		if lib == nil {
			t.Fatalf("%s: %v", path, err)
		}
		check(t, lib)
	}
}
