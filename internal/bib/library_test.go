package bib

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
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
