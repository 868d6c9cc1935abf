package bib

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/pubs-dev/pubs/internal/bench/libgen"
)

func TestFormatFile(t *testing.T) {
	trimDOI := func(s string) (string, bool) {
		s = strings.TrimPrefix(strings.TrimSpace(s), "https://doi.org/")
		return s, strings.HasPrefix(s, "10.")
	}
	tests := []struct {
		name, src, want string
		changed         int
		opt             FormatOptions
	}{
		{
			name:    "canonical entry is left alone",
			src:     "% head\n@article{k,\n  title = {T},\n  year = 2020,\n}\n% tail\n",
			want:    "% head\n@article{k,\n  title = {T},\n  year = 2020,\n}\n% tail\n",
			changed: 0,
		},
		{
			name:    "layout, case, quotes, names",
			src:     "@ARTICLE{Key,   Author = \"Lars Ruthotto and de la Vall{\\'e}e Poussin, C.\", TITLE={A\n   {B}}, Journal = jn # { x}}",
			want:    "@article{Key,\n  author = {Ruthotto, Lars and de la Vall{\\'e}e Poussin, C.},\n  title = {A\n   {B}},\n  journal = jn # { x},\n}",
			changed: 1,
		},
		{
			name:    "DOI as URL becomes bare, when asked",
			src:     "@misc{k, doi = {https://doi.org/10.1/x}}",
			want:    "@misc{k,\n  doi = {10.1/x},\n}",
			changed: 1,
			opt:     FormatOptions{NormalizeDOI: trimDOI},
		},
		{
			name:    "an invalid DOI is kept",
			src:     "@misc{k,\n  doi = {not a doi},\n}",
			want:    "@misc{k,\n  doi = {not a doi},\n}",
			changed: 0,
			opt:     FormatOptions{NormalizeDOI: trimDOI},
		},
		{
			name:    "CRLF is kept",
			src:     "@misc{k, title = {T}}\r\n",
			want:    "@misc{k,\r\n  title = {T},\r\n}\r\n",
			changed: 1,
		},
		{
			name:    "broken entries, strings and preambles are kept byte for byte",
			src:     "@string{ x = \"y\" }\n@preamble{ \"p\" }\n@misc{bad, title = {T} year = 1}\n@misc{ nokey = 1 }\n",
			want:    "@string{ x = \"y\" }\n@preamble{ \"p\" }\n@misc{bad, title = {T} year = 1}\n@misc{ nokey = 1 }\n",
			changed: 0,
		},
		{
			name:    "paren entry whose key has a brace keeps parentheses",
			src:     "@misc(k}1, title = {T})",
			want:    "@misc(k}1,\n  title = {T},\n)",
			changed: 1,
		},
		{
			name:    "a braced first name moves with the first name",
			src:     "@misc{k, author = {{\\relax Ch}ristopher Smith and Doe, J}}",
			want:    "@misc{k,\n  author = {Smith, {\\relax Ch}ristopher and Doe, J},\n}",
			changed: 1,
		},
		{
			name:    "sorted fields, when asked",
			src:     "@misc{k, year = 2020, note = {n}, zzz = {z}, title = {T}, author = {A B}}",
			want:    "@misc{k,\n  author = {B, A},\n  title = {T},\n  year = 2020,\n  note = {n},\n  zzz = {z},\n}",
			changed: 1,
			opt:     FormatOptions{SortFields: true},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, _ := Parse("f.bib", []byte(tt.src))
			got, changes := FormatFile(f, tt.opt)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
			if len(changes) != tt.changed {
				t.Errorf("%d changes, want %d", len(changes), tt.changed)
			}
			again, _ := Parse("f.bib", []byte(got))
			if got2, ch := FormatFile(again, tt.opt); got2 != got || len(ch) != 0 {
				t.Errorf("not idempotent: second pass gives %q (%d changes)", got2, len(ch))
			}
		})
	}
}

// TestFormatCorpus formats every corpus file and checks that formatting is
// idempotent, changes only the entries it reports, and keeps every entry's
// meaning: the same keys, types and field values (names compared as parsed
// names), and no new problem.
func TestFormatCorpus(t *testing.T) {
	dir, err := corpusBibDir()
	if err != nil {
		t.Skipf("SKIP: shared corpus not found: %v", err)
	}
	files, changedEntries, entries := 0, 0, 0
	for _, path := range corpusFiles(t, dir) {
		src, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		files++
		f, err1 := Parse(path, src)
		out, changes := FormatFile(f, FormatOptions{})
		changedEntries += len(changes)

		// Only the reported entries changed: the output is the input with
		// exactly those entries replaced.
		changed := map[*Entry]string{}
		for _, c := range changes {
			if c.Old != f.Src[c.Entry.Start:c.Entry.End] {
				t.Fatalf("%s: change of %q does not hold the entry's old text", path, c.Entry.Key)
			}
			changed[c.Entry] = c.New
		}
		var rebuilt strings.Builder
		for _, it := range f.Items {
			if s, ok := changed[it.Entry]; ok && it.Entry != nil {
				rebuilt.WriteString(s)
				continue
			}
			rebuilt.WriteString(f.Src[it.Start:it.End])
		}
		if rebuilt.String() != out {
			t.Errorf("%s: output differs from the input beyond the reported entries", path)
		}

		g, err2 := Parse(path, []byte(out))
		if out2, ch := FormatFile(g, FormatOptions{}); out2 != out || len(ch) != 0 {
			t.Errorf("%s: formatting is not idempotent (%d changes on the second pass)", path, len(ch))
		}
		if countErrs(err1) != countErrs(err2) {
			t.Errorf("%s: %d syntax errors before, %d after", path, countErrs(err1), countErrs(err2))
		}
		before := NewLibrary([]*File{f}, nil)
		after := NewLibrary([]*File{g}, nil)
		if len(before.Entries) != len(after.Entries) {
			t.Fatalf("%s: %d entries before, %d after", path, len(before.Entries), len(after.Entries))
		}
		entries += len(before.Entries)
		for i, e := range before.Entries {
			a := after.Entries[i]
			if e.Key != a.Key || e.Type != a.Type || e.NumFields() != a.NumFields() {
				t.Errorf("%s: @%s{%s} became @%s{%s} with %d fields (had %d)", path, e.Type, e.Key, a.Type, a.Key, a.NumFields(), e.NumFields())
				continue
			}
			for j, fd := range e.Fields() {
				fa := a.FieldAt(j)
				same := fd.Name == fa.Name && foldWhite(fd.Value) == foldWhite(fa.Value)
				if !same && fd.Name == fa.Name && isNameField(fd.Name) {
					same = cmp.Equal(ParseNames(fd.Value), ParseNames(fa.Value))
				}
				if !same {
					t.Errorf("%s: @%s{%s}: %s = %q became %s = %q", path, e.Type, e.Key, fd.Name, fd.Value, fa.Name, fa.Value)
				}
			}
		}
	}
	t.Logf("%d corpus files: %d of %d entries reformatted; idempotent, meaning kept", files, changedEntries, entries)
}

func isNameField(name string) bool {
	switch name {
	case "author", "editor", "translator", "bookauthor", "editora", "editorb", "editorc", "commentator", "annotator":
		return true
	}
	return false
}

func countErrs(err error) int {
	var list ErrorList
	if errors.As(err, &list) {
		return len(list)
	}
	return 0
}

// TestCanonicalNamesShortcut checks that a name list written in canonical
// form is what writing each name with CanonicalName makes, as it was
// before plain names (SimpleName) were written without it: on random
// lists of plain names, of names with LaTeX, von parts and odd spacing,
// and of letters beyond ASCII.
func TestCanonicalNamesShortcut(t *testing.T) {
	slow := func(list string) (string, bool) {
		names := SplitNameList(list)
		if len(names) == 0 {
			return "", false
		}
		out := make([]string, len(names))
		for i, raw := range names {
			s, ok := CanonicalName(raw)
			if !ok {
				return "", false
			}
			out[i] = s
		}
		joined := strings.Join(out, " and ")
		if len(SplitNameList(joined)) != len(names) {
			return "", false
		}
		return joined, true
	}
	words := []string{"Ann", "Smith", "J.", "de", "la", "Jr.", "And", "and", "{\\'E}mile", "Łukasz", "José", "Mu\u0308ller", "ǅemal", "李"}
	seps := []string{" ", " ", ", ", " and ", "  ", "~", "-"}
	rng := rand.New(rand.NewPCG(5, 6))
	taken := 0
	for range 100000 {
		var b strings.Builder
		for k := range 1 + rng.IntN(6) {
			if k > 0 {
				b.WriteString(seps[rng.IntN(len(seps))])
			}
			b.WriteString(words[rng.IntN(len(words))])
		}
		list := b.String()
		got, ok := appendCanonicalNames(nil, list, nil)
		want, wantOK := slow(list)
		if ok != wantOK || ok && string(got) != want {
			t.Fatalf("canonical list of %q = %q, %v; writing each name with CanonicalName gives %q, %v", list, got, ok, want, wantOK)
		}
		if ok {
			taken++
		}
	}
	if taken < 10000 {
		t.Errorf("only %d random lists had a canonical form", taken)
	}
}

// TestFormatFileInOrder checks FormatFile and FormatTo, which format
// batches of entries on all cores, against formatting the items one after
// another: the text and the changes (each New a span of the text), on a generated
// library of many batches (with malformed entries and CRLF line ends),
// with and without sorting the fields, and on every corpus file.
func TestFormatFileInOrder(t *testing.T) {
	sequential := func(f *File, opt FormatOptions) (string, []Change) {
		nl := "\n"
		if strings.Contains(f.Src, "\r\n") {
			nl = "\r\n"
		}
		var b strings.Builder
		var changes []Change
		for _, it := range f.Items {
			old := f.Src[it.Start:it.End]
			if it.Kind != KindEntry {
				b.WriteString(old)
				continue
			}
			text, ok := FormatEntry(it.Entry, opt, nl)
			if !ok || text == old {
				b.WriteString(old)
				continue
			}
			b.WriteString(text)
			changes = append(changes, Change{Entry: it.Entry, Old: old, New: text})
		}
		return b.String(), changes
	}
	check := func(name string, src []byte) {
		f, _ := Parse(name, src)
		for _, opt := range []FormatOptions{{}, {SortFields: true, NormalizeDOI: func(s string) (string, bool) { return strings.ToLower(s), s != "" }}} {
			got, gotChanges := FormatFile(f, opt)
			want, wantChanges := sequential(f, opt)
			if got != want {
				t.Fatalf("%s: FormatFile differs from formatting in order", name)
			}
			if len(gotChanges) != len(wantChanges) {
				t.Fatalf("%s: %d changes, want %d", name, len(gotChanges), len(wantChanges))
			}
			for i, c := range gotChanges {
				w := wantChanges[i]
				if c.Entry != w.Entry || c.Old != w.Old || c.New != w.New {
					t.Fatalf("%s: change %d is %q, want %q", name, i, c.New, w.New)
				}
			}
			var streamed bytes.Buffer
			changed, err := FormatTo(&streamed, f, opt)
			if err != nil || streamed.String() != want || len(changed) != len(wantChanges) {
				t.Fatalf("%s: FormatTo differs from formatting in order (%v)", name, err)
			}
			for i, e := range changed {
				if e != wantChanges[i].Entry {
					t.Fatalf("%s: FormatTo's change %d is %q, want %q", name, i, e.Key, wantChanges[i].Entry.Key)
				}
			}
		}
	}
	for _, crlf := range []bool{false, true} {
		var buf bytes.Buffer
		var w io.Writer = &buf
		if crlf {
			w = libgen.NewCRLFWriter(&buf)
		}
		if err := libgen.Generate(w, 3000, 9, 0.01); err != nil {
			t.Fatal(err)
		}
		check(fmt.Sprintf("generated (CRLF %v)", crlf), buf.Bytes())
	}
	for _, p := range corpusFiles(t, corpusDir(t)) {
		src, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		check(p, src)
	}
}
