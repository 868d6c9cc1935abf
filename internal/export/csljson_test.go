package export

import (
	"bytes"
	"encoding/json"
	"math/rand/v2"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

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
		if want := cslReference(t, lib.Entries, CSLOptions{Abstract: true}); !bytes.Equal(buf.Bytes(), want) {
			t.Fatalf("WriteCSLJSON differs from encoding/json:\n%s", cmp.Diff(string(want), buf.String()))
		}
	})
}

// cslReference is WriteCSLJSON through encoding/json, which it wrote
// with before appendCSLItem.
func cslReference(t testing.TB, entries []*bib.Entry, opt CSLOptions) []byte {
	t.Helper()
	if len(entries) == 0 {
		return []byte("[]\n")
	}
	private := privateFields(Options{Abstract: opt.Abstract, Private: opt.Private})
	items := make([]CSLItem, len(entries))
	for i, e := range entries {
		items[i] = NewCSLItem(e, private, i)
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(items); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestCSLItemEncoding checks WriteCSLJSON's encoder against encoding/json:
// on a generated library and the test libraries, and on random items
// whose strings hold what JSON escapes (quotes, backslashes, control
// characters, U+2028, invalid UTF-8) and whose names and dates are
// empty, partial or missing.
func TestCSLItemEncoding(t *testing.T) {
	libs := map[string][]*bib.Entry{"generated": benchEntries(t)}
	for _, name := range []string{"cv.bib", "tricky.bib", "hostile.bib", "roles.bib"} {
		libs[name] = readLib(t, filepath.Join("testdata", name)).Entries
	}
	libs["refs"] = readLib(t, refs...).Entries
	for name, entries := range libs {
		for _, opt := range []CSLOptions{{}, {Abstract: true, Private: []string{"doi"}}} {
			var got bytes.Buffer
			if err := WriteCSLJSON(&got, entries, opt); err != nil {
				t.Fatal(err)
			}
			if want := cslReference(t, entries, opt); !bytes.Equal(got.Bytes(), want) {
				t.Fatalf("%s: WriteCSLJSON differs from encoding/json:\n%s", name, cmp.Diff(string(want), got.String()))
			}
		}
	}
	rng := rand.New(rand.NewPCG(7, 8))
	alphabet := []string{"", "a", "Z", " ", "\"", "\\", "/", "<", "&", "\n", "\t", "\x00", "\x1f", "\x7f", "é", "\u2028", "\u2029", "\xff", "\xe2\x80", "\U0001F600"}
	str := func() string {
		if rng.IntN(3) == 0 {
			return ""
		}
		var b strings.Builder
		for range rng.IntN(6) {
			b.WriteString(alphabet[rng.IntN(len(alphabet))])
		}
		return b.String()
	}
	names := func() []CSLName {
		switch rng.IntN(4) {
		case 0:
			return nil
		case 1:
			return []CSLName{}
		}
		list := make([]CSLName, 1+rng.IntN(3))
		for i := range list {
			list[i] = CSLName{Family: str(), Given: str(), DroppingParticle: str(), NonDroppingParticle: str(), Suffix: str(), Literal: str()}
		}
		return list
	}
	date := func() *CSLDate {
		switch rng.IntN(5) {
		case 0:
			return nil
		case 1:
			return &CSLDate{}
		case 2:
			return &CSLDate{DateParts: [][]int{}}
		}
		parts := make([][]int, 1+rng.IntN(2))
		for i := range parts {
			switch rng.IntN(4) {
			case 0:
				parts[i] = nil
			case 1:
				parts[i] = []int{}
			default:
				parts[i] = []int{rng.IntN(4000) - 100, rng.IntN(13), rng.IntN(32)}[:1+rng.IntN(3)]
			}
		}
		return &CSLDate{DateParts: parts}
	}
	for range 20000 {
		it := CSLItem{ID: str(), Type: str(), Title: str(), Author: names(), Editor: names(), ContainerTitle: str(),
			ContainerTitleShort: str(), CollectionTitle: str(), EventTitle: str(), EventPlace: str(), Genre: str(),
			Edition: str(), Volume: str(), Issue: str(), Number: str(), Page: str(), Version: str(), Publisher: str(),
			PublisherPlace: str(), Archive: str(), Issued: date(), EventDate: date(), DOI: str(), ISBN: str(), ISSN: str(),
			URL: str(), Note: str(), Abstract: str()}
		var buf bytes.Buffer
		enc := json.NewEncoder(&buf)
		enc.SetEscapeHTML(false)
		enc.SetIndent("  ", "  ")
		if err := enc.Encode(&it); err != nil {
			t.Fatal(err)
		}
		want := strings.TrimSuffix(buf.String(), "\n")
		if got := string(appendCSLItem(nil, &it)); got != want {
			t.Fatalf("appendCSLItem(%+v) differs from encoding/json:\n%s", it, cmp.Diff(want, got))
		}
	}
}
