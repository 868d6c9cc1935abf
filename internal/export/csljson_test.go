package export

import (
	"bytes"
	"encoding/json"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/pubs-dev/pubs/internal/bib"
)

var cslLibraries = []struct {
	name  string
	files []string
}{
	{"refs", hugoRefs},
	{"tricky", []string{filepath.Join("testdata", "tricky.bib")}},
	{"roles", []string{filepath.Join("testdata", "roles.bib")}},
}

// TestCSLJSONGolden pins the CSL-JSON of refs/, tricky.bib and roles.bib.
func TestCSLJSONGolden(t *testing.T) {
	for _, lib := range cslLibraries {
		t.Run(lib.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := WriteCSLJSON(&buf, hugoLoad(t, lib.files...), CSLOptions{}); err != nil {
				t.Fatal(err)
			}
			hugoGolden(t, filepath.Join("testdata", lib.name+".csljson.golden"), buf.String())
		})
	}
}

// TestCSLJSONPandoc: pandoc reads the output back with the same items and
// titles.
func TestCSLJSONPandoc(t *testing.T) {
	pandoc, err := exec.LookPath("pandoc")
	if err != nil {
		t.Skip("pandoc not installed: CSL-JSON not checked against pandoc (CI installs it via .ci/run)")
	}
	for _, lib := range append(cslLibraries, struct {
		name  string
		files []string
	}{"hostile", []string{filepath.Join("testdata", "hostile.bib"), filepath.Join("testdata", "cv.bib")}}) {
		t.Run(lib.name, func(t *testing.T) {
			var buf bytes.Buffer
			entries := hugoLoad(t, lib.files...)
			if err := WriteCSLJSON(&buf, entries, CSLOptions{Abstract: true}); err != nil {
				t.Fatal(err)
			}
			var want []CSLItem
			if err := json.Unmarshal(buf.Bytes(), &want); err != nil {
				t.Fatal(err)
			}
			cmd := exec.Command(pandoc, "-f", "csljson", "-t", "csljson")
			cmd.Stdin = bytes.NewReader(buf.Bytes())
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			out, err := cmd.Output()
			if err != nil {
				t.Fatalf("pandoc: %v\n%s", err, stderr.String())
			}
			var got []struct {
				ID    string `json:"id"`
				Type  string `json:"type"`
				Title string `json:"title"`
			}
			if err := json.Unmarshal(out, &got); err != nil {
				t.Fatalf("pandoc output: %v\n%s", err, out)
			}
			if len(got) != len(entries) || len(want) != len(entries) {
				t.Fatalf("%d entries, %d written, %d read back by pandoc", len(entries), len(want), len(got))
			}
			byID := map[string]CSLItem{}
			for _, w := range want {
				byID[w.ID] = w
			}
			for _, g := range got {
				w, ok := byID[g.ID]
				if !ok {
					t.Errorf("pandoc invented id %q", g.ID)
					continue
				}
				if pandocNormal(g.Title) != pandocNormal(w.Title) || g.Type != w.Type {
					t.Errorf("%s: pandoc reads %s %q; wrote %s %q", g.ID, g.Type, g.Title, w.Type, w.Title)
				}
			}
		})
	}
}

// pandocNormal undoes pandoc's typography when it reads CSL-JSON: it
// curls straight quotes and writes superscript digits as <sup>.
func pandocNormal(s string) string {
	s = strings.NewReplacer("“", `"`, "”", `"`, "‘", "'", "’", "'", "<sup>", "", "</sup>", "", "<sub>", "", "</sub>", "").Replace(s)
	digits := map[rune]rune{}
	for i, r := range []rune("⁰¹²³⁴⁵⁶⁷⁸⁹") {
		digits[r] = '0' + rune(i)
	}
	for i, r := range []rune("₀₁₂₃₄₅₆₇₈₉") {
		digits[r] = '0' + rune(i)
	}
	return strings.Map(func(r rune) rune {
		if d, ok := digits[r]; ok {
			return d
		}
		return r
	}, s)
}

// TestCSLJSONPrivate: private fields never appear; abstracts only when
// asked; extra private fields from the config are honoured.
func TestCSLJSONPrivate(t *testing.T) {
	entries := hugoLoad(t, filepath.Join("testdata", "cv.bib"))
	var buf bytes.Buffer
	if err := WriteCSLJSON(&buf, entries, CSLOptions{Private: []string{"URL", "note"}}); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, secret := range []string{"secret.pdf", "reviewer 2", "private-tag", "bold", "example.org/~user", `"note"`} {
		if strings.Contains(out, secret) {
			t.Errorf("output contains %q", secret)
		}
	}
	buf.Reset()
	if err := WriteCSLJSON(&buf, entries, CSLOptions{Abstract: true}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), `"abstract": "We show`) {
		t.Error("abstract missing when asked for")
	}
}

func TestCSLJSONEmpty(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteCSLJSON(&buf, nil, CSLOptions{}); err != nil || buf.String() != "[]\n" {
		t.Errorf("WriteCSLJSON(nil) = %q, %v; want []", buf.String(), err)
	}
}

func TestCSLNames(t *testing.T) {
	got := cslNames(`de la Vall{\'e}e Poussin, Charles and Ford, Jr., Henry and {World Health Organization} and Plato and others`)
	want := []CSLName{
		{Family: "Vallée Poussin", Given: "Charles", NonDroppingParticle: "de la"},
		{Family: "Ford", Given: "Henry", Suffix: "Jr."},
		{Literal: "World Health Organization"},
		{Family: "Plato"},
	}
	if len(got) != len(want) {
		t.Fatalf("got %+v", got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("name %d: %+v; want %+v", i, got[i], want[i])
		}
	}
	if p := cslPages("A100--A125"); p != "A100-A125" {
		t.Errorf("pages %q", p)
	}
}

// TestCSLJSONNameSplit checks that CSL-JSON splits a name list where the
// JSON list and BibTeX do: a no-break space before "and" is a name of its
// own (empty, and left out), not the start of "and Smith, John"; an em
// space after the last "and" is the last name, not an "and" at the end of
// Jane Doe's first names.
func TestCSLJSONNameSplit(t *testing.T) {
	f, err := bib.Parse("n.bib", []byte("@article{k, author = {\u00a0 and Smith, John}, editor = {Doe, Jane and \u2003}}\n"))
	if err != nil {
		t.Fatal(err)
	}
	lib := bib.NewLibrary([]*bib.File{f}, nil)
	it := NewCSLItem(lib.Entries[0], nil, 0)
	if want := []CSLName{{Family: "Smith", Given: "John"}}; !slices.Equal(it.Author, want) {
		t.Errorf("authors %+v, want %+v", it.Author, want)
	}
	if want := []CSLName{{Family: "Doe", Given: "Jane"}}; !slices.Equal(it.Editor, want) {
		t.Errorf("editors %+v, want %+v", it.Editor, want)
	}
}

// FuzzCSLJSON: any .bib gives valid JSON with one item per entry.
func FuzzCSLJSON(f *testing.F) {
	f.Add(hostileHugoBib)
	f.Add("@article{k, author = {A and {B C} and others}, title = {$x$ \\emph{y}}, pages = {1--2}, date = {2020-01/2021}}")
	f.Fuzz(func(t *testing.T, src string) {
		file, err := bib.Parse("f.bib", []byte(src))
		if err != nil {
			return
		}
		lib := bib.NewLibrary([]*bib.File{file}, nil)
		var buf bytes.Buffer
		if err := WriteCSLJSON(&buf, lib.Entries, CSLOptions{Abstract: true}); err != nil {
			t.Fatal(err)
		}
		var items []map[string]any
		if err := json.Unmarshal(buf.Bytes(), &items); err != nil {
			t.Fatalf("invalid JSON: %v\n%s", err, buf.Bytes())
		}
		if len(items) != len(lib.Entries) {
			t.Fatalf("%d items for %d entries", len(items), len(lib.Entries))
		}
	})
}
