package export

import (
	"bytes"
	htmltemplate "html/template"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/pubs-dev/pubs/internal/bib"
)

// owner is the first user, as pubs.toml names him.
var owner = []bib.Name{bib.ParseName("Lars Ruthotto"), bib.ParseName("L. Ruthotto")}

func readLib(t *testing.T, files ...string) *bib.Library {
	t.Helper()
	lib, err := bib.ParseFiles(files...)
	if err != nil {
		t.Fatal(err)
	}
	if err := lib.Diagnostics.Err(); err != nil {
		t.Fatal(err)
	}
	return lib
}

var refs = []string{filepath.Join("..", "..", "refs", "publications.bib"), filepath.Join("..", "..", "refs", "talks.bib")}

// compareGolden compares got with testdata/name, or rewrites it with -update.
func compareGolden(t *testing.T, name string, got []byte) {
	t.Helper()
	golden := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -update)", err)
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("%s (-want +got):\n%s", golden, diff)
	}
}

func render(t *testing.T, lib *bib.Library, format string, opt Options, ropt RenderOptions) []byte {
	t.Helper()
	doc, err := Build(lib.Entries, opt)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if format == "bibtex" {
		var entries []*bib.Entry
		for _, s := range doc.Sections {
			for _, it := range s.Items {
				entries = append(entries, it.Entry)
			}
		}
		err = WriteBibTeX(&buf, lib, entries, opt)
	} else {
		err = Render(&buf, format, doc, ropt)
	}
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestGolden pins every list format on the first user's library and on
// cv.bib (accents, math, TeX specials, roles, long author lists, missing
// fields, every talk form).
func TestGolden(t *testing.T) {
	tests := []struct {
		name   string
		files  []string
		format string
		opt    Options
		ropt   RenderOptions
	}{
		{"refs.html", refs, "html", Options{Owner: owner}, RenderOptions{}},
		{"refs.standalone.html", refs, "html", Options{Owner: owner, Title: "Lars Ruthotto: Publications and Talks"}, RenderOptions{Standalone: true, JSONLD: true}},
		{"refs.md", refs, "markdown", Options{Owner: owner}, RenderOptions{}},
		{"refs.tex", refs, "latex", Options{Owner: owner, Numbering: "reverse"}, RenderOptions{}},
		{"refs.bib", refs, "bibtex", Options{Owner: owner}, RenderOptions{}},
		{"cv.html", []string{"testdata/cv.bib"}, "html", Options{Owner: owner, Abstract: true, GroupBy: "year", Numbering: "reverse"}, RenderOptions{}},
		{"cv.md", []string{"testdata/cv.bib"}, "markdown", Options{Owner: owner, Numbering: "reverse", GroupBy: "year"}, RenderOptions{Standalone: true}},
		{"cv.tex", []string{"testdata/cv.bib"}, "latex", Options{Owner: owner, Numbering: "reverse", GroupBy: "year"}, RenderOptions{Standalone: true}},
		{"cv.itemize.tex", []string{"testdata/cv.bib"}, "latex", Options{Owner: owner, Numbering: "ascending", Sort: "date"}, RenderOptions{Standalone: true, LaTeXList: "itemize"}},
		{"cv.cventry.tex", []string{"testdata/cv.bib"}, "latex", Options{Owner: owner}, RenderOptions{Standalone: true, LaTeXList: "cventry"}},
		{"cv.etaremune.tex", []string{"testdata/cv.bib"}, "latex", Options{Owner: owner, Numbering: "reverse", GroupBy: "type"}, RenderOptions{Standalone: true, LaTeXList: "etaremune"}},
		{"cv.bib", []string{"testdata/cv.bib"}, "bibtex", Options{Owner: owner, Sort: "title"}, RenderOptions{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lib := readLib(t, tt.files...)
			compareGolden(t, tt.name+".golden", render(t, lib, tt.format, tt.opt, tt.ropt))
		})
	}
}

// TestAppendHTMLText checks the writer's escaping against html/template's,
// in text and in a quoted attribute, on every byte alone and between
// letters, and on random strings of the bytes that matter.
func TestAppendHTMLText(t *testing.T) {
	tmpl := htmltemplate.Must(htmltemplate.New("").Parse(`<p>{{.}}</p><a title="{{.}}">`))
	check := func(s string) {
		t.Helper()
		var want bytes.Buffer
		if err := tmpl.Execute(&want, s); err != nil {
			t.Fatal(err)
		}
		e := string(appendHTMLText(nil, s))
		if got := "<p>" + e + `</p><a title="` + e + `">`; got != want.String() {
			t.Errorf("appendHTMLText(%q) = %q, html/template writes %q", s, got, want.String())
		}
		if b := string(appendHTMLText([]byte("x"), []byte(s))); b != "x"+e {
			t.Errorf("appendHTMLText(%q) of bytes = %q, of a string %q", s, b[1:], e)
		}
	}
	for c := 0; c < 256; c++ {
		check(string([]byte{byte(c)}))
		check("a" + string([]byte{byte(c)}) + "b")
	}
	r := rand.New(rand.NewPCG(1, 2))
	alphabet := []byte("\x00\"&'+<>ab \xc3\xa9\xff{}\\")
	for range 20000 {
		s := make([]byte, r.IntN(12))
		for i := range s {
			s[i] = alphabet[r.IntN(len(alphabet))]
		}
		check(string(s))
	}
}
