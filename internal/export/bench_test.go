package export

import (
	"bytes"
	stdcmp "cmp"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/pubs-dev/pubs/internal/bench/libgen"
	"github.com/pubs-dev/pubs/internal/bib"
	"github.com/pubs-dev/pubs/internal/latex"
)

var (
	benchOnce sync.Once
	benchLib  *bib.Library
	benchSize int64
)

// benchEntries returns the entries of a generated library of 20,000
// entries (about 12 MB), newest first.
func benchEntries(b testing.TB) []*bib.Entry {
	benchOnce.Do(func() {
		var buf bytes.Buffer
		if err := libgen.Generate(&buf, 20000, 1, 0.001); err != nil {
			b.Fatal(err)
		}
		benchSize = int64(buf.Len())
		f, err := bib.Parse("bench.bib", buf.Bytes())
		var syntax bib.ErrorList
		errors.As(err, &syntax)
		benchLib = bib.NewLibrary([]*bib.File{f}, syntax)
		SortNewestFirst(benchLib.Entries)
	})
	return benchLib.Entries
}

func benchWriter(b *testing.B, write func(io.Writer, []*bib.Entry) error) {
	entries := benchEntries(b)
	b.SetBytes(benchSize)
	b.ReportAllocs()
	for b.Loop() {
		if err := write(io.Discard, entries); err != nil {
			b.Fatal(err)
		}
	}
}

// The list formats; MB/s is per byte of the .bib file.
func BenchmarkListJSON(b *testing.B)  { benchWriter(b, WriteJSON) }
func BenchmarkListCSV(b *testing.B)   { benchWriter(b, WriteCSV) }
func BenchmarkListTable(b *testing.B) { benchWriter(b, WriteTable) }

// BenchmarkListJSONReflect is the JSON list the straightforward way, with
// encoding/json and a map per record: the reference WriteJSON matches.
func BenchmarkListJSONReflect(b *testing.B) { benchWriter(b, writeJSONReflect) }

func writeJSONReflect(w io.Writer, entries []*bib.Entry) error {
	records := make([]Record, len(entries))
	for i, e := range entries {
		records[i] = NewRecord(e)
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(records)
}

// TestWriteJSONMatchesEncodingJSON checks that the streaming JSON writer
// writes what encoding/json writes for the records, byte for byte, on a
// generated library and on values with every character JSON escapes.
func TestWriteJSONMatchesEncodingJSON(t *testing.T) {
	src := "@misc{ctl, title = {a\x01b\x1fc\x7f\td\\e\"f\u2028g\u2029h \xff\xfe i <&> \b\f}, author = {\x02 and {\xc3} and Q\u2028}, note = {}}\n" +
		"@misc{empty}\n@misc{dup, a = {1}, A = {2}, b = {}, z = 3, m = {x}}\n"
	f, err := bib.Parse("ctl.bib", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	entries := append(bib.NewLibrary([]*bib.File{f}, nil).Entries, benchEntries(t)...)
	for _, n := range []int{0, 1, 3, 300, len(entries)} {
		var got, want bytes.Buffer
		if err := WriteJSON(&got, entries[:n]); err != nil {
			t.Fatal(err)
		}
		if err := writeJSONReflect(&want, entries[:n]); err != nil {
			t.Fatal(err)
		}
		if n == 0 {
			want.Reset()
			want.WriteString("[]\n") // WriteJSON(nil): [] as documented
		}
		if !bytes.Equal(got.Bytes(), want.Bytes()) {
			t.Fatalf("%d entries: WriteJSON differs from encoding/json:\n%s", n, cmp.Diff(want.String(), got.String()))
		}
	}
}

// TestWritersMatchTemplates checks that writeHTML, writeMarkdown and
// writeLaTeX write what the built-in templates write, tidied, byte for
// byte: on the test libraries (hostile.bib included) and a generated one,
// planned (the writers fill the items) and built, with every layout
// option and LaTeX list, and on items whose keys, URLs, labels and names
// hold every character the formats escape.
func TestWritersMatchTemplates(t *testing.T) {
	for format := range builtinWriters {
		if builtinWriter(format) == nil {
			t.Fatalf("templates/%s.tmpl changed: update its writer (render.go, stream.go) to match it, then its sum in builtinWriters", format)
		}
	}
	libs := map[string][]*bib.Entry{"generated": benchEntries(t)[:3000]}
	for _, name := range []string{"cv.bib", "tricky.bib", "hostile.bib", "roles.bib"} {
		libs[name] = readLib(t, filepath.Join("testdata", name)).Entries
	}
	libs["refs"] = readLib(t, refs...).Entries
	// Titles and venues that end a sentence themselves, or almost, in
	// plain text and in LaTeX.
	stops, err := bib.Parse("stops.bib", []byte(`
@article{s1, author = {A. Bee}, title = {Is it?}, journal = {Proc. Natl. Acad. Sci.}, year = 2020}
@article{s2, author = {A. Bee}, title = {Yes!}, journal = {Wow!}, year = 2020}
@article{s3, author = {A. Bee}, title = {Plain}, journal = {Journal of Why?}, year = 2020}
@article{s4, author = {A. Bee}, title = {Ends in \&}, journal = {R\&D}, year = 2020}
@article{s5, author = {A. Bee}, title = {{Braced.}}, journal = {J. {\"U}ber.}, year = 2020}
@article{s6, author = {A. Bee}, title = {T. }, journal = {Ends with Ö.}, year = 2020}
@article{s7, author = {A. Bee}, title = {T}, journal = {A \& B.}, year = 2020}
@misc{s8, author = {A. Bee}, title = {Blank abstract}, abstract = {{}}, year = 2020}
@misc{s9, author = {A. Bee}, title = {Paragraphs}, abstract = {One.

Two.   }, year = 2020}
`))
	if err != nil {
		t.Fatal(err)
	}
	libs["stops"] = bib.NewLibrary([]*bib.File{stops}, nil).Entries
	opts := []Options{
		{Owner: owner},
		{Owner: owner, Abstract: true, GroupBy: "year", Numbering: "reverse", Title: "A <b> & 'c' + \"d\" $x_1$ #1 *e*"},
		{GroupBy: "type", Numbering: "ascending", Sort: "title"},
		{Numbering: "none", Sort: "date", Abstract: true},
	}
	for name, entries := range libs {
		for i, opt := range opts {
			built, err := Build(entries, opt)
			if err != nil {
				t.Fatal(err)
			}
			for _, standalone := range []bool{false, true} {
				for _, f := range writerLayouts {
					planned, err := Plan(entries, opt)
					if err != nil {
						t.Fatal(err)
					}
					what := fmt.Sprintf("%s, %s, options %d, standalone %v", name, f, i, standalone)
					want := templatePage(t, what, f, built, standalone)
					compareWriter(t, what+", built", f, built, standalone, want)
					compareWriter(t, what+", planned", f, planned, standalone, want)
				}
			}
		}
	}
	// Hand-made items with what escaping must handle.
	nasty := []string{"", "a\x00b", `"'&<>+`, "\xff\xfe<", "é ü \u2028 \U0001F600", "  trailing  \n\n\n  x \t\n", "%41%4g%", "a#b?c=d&e=f+g",
		"# h", "- x", "1. y", "*_`[]|~$\\", "{\\em x} $a<b$ \\texttt{c}", "\n\n"}
	urls := []string{"https://ex.org/a b?q=1&r=2+3#f", "HTTP://x/%zz%41%4", "javascript:alert(1)", "mailto:a@b.c", "/rel/path?x=<y>", "x/y:z", "data:text/html,hi", "http://ü.de/ü\"'()[]{}|\\^`"}
	marks := []string{"*", "†", "‡", "§", "¶", "‖", "x_y"}
	var items []*Item
	for i, s := range nasty {
		it := &Item{Key: s, Title: Text(s + " title"), Venue: Text(s), URL: urls[i%len(urls)], BibTeX: s + "\n  x = {y}, \n\n\n}", Year: i * 1000, Number: i,
			Abstract: Text(s), Editors: i%2 == 0}
		it.Authors = []Person{{Name: Text(s), Owner: i%3 == 0, Marks: []string{s, marks[i%len(marks)]}}, {Others: true}}
		it.Links = []Link{{Label: s, URL: urls[(i+1)%len(urls)]}, {Label: "PDF", URL: urls[(i+2)%len(urls)]}, {Label: "DOI", URL: urls[(i+3)%len(urls)]}}
		if i%2 == 1 {
			it.Talk = &Talk{Date: s, When: s}
			it.Authors[0].Owner = false
		}
		if i%5 == 4 {
			it.Links, it.Authors = nil, nil
		}
		items = append(items, it)
	}
	doc := &Document{Title: nasty[2], Notes: []Note{{Mark: "*", Text: nasty[2]}, {Mark: nasty[3], Text: nasty[1]}},
		Sections: []*Section{{Name: nasty[2], Slug: nasty[3], Numbering: "reverse", Items: items, Groups: []*Group{{Name: nasty[1], Items: items[:4]}, {Items: items[4:]}}},
			{Name: "x", Slug: "y", Numbering: "none", Items: items[:1], Groups: []*Group{{Items: items[:1]}, {}}}}}
	for _, standalone := range []bool{false, true} {
		for _, f := range writerLayouts {
			what := fmt.Sprintf("hand-made items, %s, standalone %v", f, standalone)
			if f.list == "etaremune" {
				// The template cannot write an empty list: it takes
				// the number of the first item.
				continue
			}
			compareWriter(t, what, f, doc, standalone, templatePage(t, what, f, doc, standalone))
		}
	}
	for _, f := range writerLayouts {
		empty := &Document{Title: "T"}
		compareWriter(t, "empty document, "+f.String(), f, empty, false, templatePage(t, "empty document", f, empty, false))
	}
}

// writerLayouts are the built-in writers' formats and LaTeX lists.
var writerLayouts = []writerLayout{{"html", ""}, {"markdown", ""}, {"latex", "enumerate"}, {"latex", "itemize"}, {"latex", "etaremune"}, {"latex", "cventry"}}

type writerLayout struct{ format, list string }

func (f writerLayout) String() string { return strings.TrimSuffix(f.format+" "+f.list, " ") }

func (f writerLayout) page(doc *Document, standalone bool) *Page {
	list := f.list
	if list == "" {
		list = "enumerate"
	}
	return &Page{Document: doc, Standalone: standalone, List: list, Math: f.format == "html" && standalone && hasMath(doc)}
}

// templatePage is what the built-in template writes for a filled
// document, tidied.
func templatePage(t *testing.T, what string, f writerLayout, doc *Document, standalone bool) []byte {
	t.Helper()
	src, err := builtinTemplates.ReadFile("templates/" + f.format + ".tmpl")
	if err != nil {
		t.Fatal(err)
	}
	raw, err := execute(f.format, f.format+".tmpl", src, f.page(doc, standalone))
	if err != nil {
		t.Fatalf("%s: %v", what, err)
	}
	return tidy(raw)
}

func compareWriter(t *testing.T, what string, f writerLayout, doc *Document, standalone bool, want []byte) {
	t.Helper()
	var buf bytes.Buffer
	if err := builtinWriters[f.format].write(&buf, f.page(doc, standalone)); err != nil {
		t.Fatal(err)
	}
	if got := buf.Bytes(); !bytes.Equal(want, got) {
		t.Fatalf("%s: the writer differs from the template:\n%s", what, cmp.Diff(string(want), string(got)))
	}
}

// TestTidyStream checks the streaming tidier against a line-by-line
// reference, on text cut into pieces at every position.
func TestTidyStream(t *testing.T) {
	ref := func(b []byte) []byte {
		lines := strings.Split(string(b), "\n")
		var out []string
		blank := 0
		for _, l := range lines {
			l = strings.TrimRight(l, " \t")
			if l == "" {
				blank++
				if blank > 1 || len(out) == 0 {
					continue
				}
			} else {
				blank = 0
			}
			out = append(out, l)
		}
		s := strings.TrimRight(strings.Join(out, "\n"), "\n")
		if s == "" {
			return nil
		}
		return []byte(s + "\n")
	}
	for _, s := range []string{"", "\n", "\n\n a", "a", "a\n", "a \t\n\n\n\nb \n \n", " \n\t\nx\r\n\n", "x\n\n", "a\nb\n\n\nc\n\n\n",
		"a\nb\nc \nd\n\n\ne\nf\n", "\n\na\nb\n", "a\r\nb\t\nc\n", "a\n\nb\nc\n\nd", "<li>\n  x\n</li>\n", " \na\nb \n\nc\nd\t", "\na\n\nb\n"} {
		want := ref([]byte(s))
		if got := tidy([]byte(s)); !bytes.Equal(got, want) {
			t.Errorf("tidy(%q) = %q, want %q", s, got, want)
		}
		for cut := 0; cut <= len(s); cut++ {
			var td tidier
			td.write([]byte(s[:cut]))
			td.write([]byte(s[cut:]))
			if got := td.end(); !bytes.Equal(got, want) {
				t.Errorf("tidy(%q) cut at %d = %q, want %q", s, cut, got, want)
			}
		}
	}
}

// The list formats through Build and Render, as pubs export runs them.
func BenchmarkBuild(b *testing.B) {
	entries := benchEntries(b)
	b.SetBytes(benchSize)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Build(entries, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkPlan is the part of Build that every export pays before its
// items are filled: sections, sorting, numbering, role marks.
func BenchmarkPlan(b *testing.B) {
	entries := benchEntries(b)
	b.SetBytes(benchSize)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Plan(entries, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

func benchRender(b *testing.B, format string, opt RenderOptions) {
	doc, err := Build(benchEntries(b), Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(benchSize)
	b.ReportAllocs()
	for b.Loop() {
		if err := Render(io.Discard, format, doc, opt); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkExportHTML is pubs export --format html after loading: Plan,
// then the built-in writer, which fills each item as it writes it.
func BenchmarkExportHTML(b *testing.B) {
	entries := benchEntries(b)
	b.SetBytes(benchSize)
	b.ReportAllocs()
	for b.Loop() {
		doc, err := Plan(entries, Options{})
		if err != nil {
			b.Fatal(err)
		}
		if err := Render(io.Discard, "html", doc, RenderOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkRenderHTML(b *testing.B)     { benchRender(b, "html", RenderOptions{}) }
func BenchmarkRenderMarkdown(b *testing.B) { benchRender(b, "markdown", RenderOptions{}) }
func BenchmarkRenderLaTeX(b *testing.B)    { benchRender(b, "latex", RenderOptions{}) }

// BenchmarkRenderHTMLTemplate is the HTML through html/template: the
// reference that writeHTML matches.
func BenchmarkRenderHTMLTemplate(b *testing.B) { benchRender(b, "html", RenderOptions{JSONLD: true}) }

// TestStopShortcut checks stop's shortcut against the plain text, on the
// titles and venues of a generated library and on random strings.
func TestStopShortcut(t *testing.T) {
	var texts []string
	for _, e := range benchEntries(t) {
		texts = append(texts, e.Get("title"), e.Venue(), e.Get("booktitle"), e.Get("note"))
	}
	r := rand.New(rand.NewPCG(1, 2))
	alphabet := []string{"a", "Z", "0", "9", " ", "\t", "\n", "-", "--", "'", "''", "`", "``", "?", "!", ".", ",", ";", ":", "\"", "<", ">",
		"<<", ">>", "&", "#", "^", "_", "|", "@", "*", "(", ")", "[", "]", "/", "+", "=", "é", "\u0301", "\x01", "\xff", "ﬁ", "\u00a0",
		"{", "}", "{}", "\\", "$", "%", "~"}
	for range 50000 {
		var b strings.Builder
		for range 1 + r.IntN(8) {
			b.WriteString(alphabet[r.IntN(len(alphabet))])
		}
		texts = append(texts, b.String())
	}
	for _, s := range texts {
		if got, want := stop(Text(s)), stopPlain(Text(s)); got != want {
			t.Errorf("stop(%q) = %q, want %q", s, got, want)
		}
	}
}

// TestPlainTextShortcut checks Text.HTML's shortcut for plain text
// against the converter, on the titles, venues and names of a generated
// library and on random strings.
func TestPlainTextShortcut(t *testing.T) {
	var texts []string
	for _, e := range benchEntries(t) {
		texts = append(texts, e.Get("title"), e.Venue(), e.Get("booktitle"), e.Get("note"), e.Get("author"))
	}
	r := rand.New(rand.NewPCG(3, 4))
	alphabet := []string{"a", "Z", "0", " ", "  ", "-", "--", "?", "!", ".", ",", ",,", ";", ":", "(", ")", "/", "+", "=", "`", "'", "<", "\t", "\n",
		"{", "}", "{}", "\\", "é", "e\u0301", "\u00a0", "ß", "—", "\xff"}
	for range 50000 {
		var b strings.Builder
		for range 1 + r.IntN(8) {
			b.WriteString(alphabet[r.IntN(len(alphabet))])
		}
		texts = append(texts, b.String())
	}
	n := 0
	for _, s := range texts {
		if got, want := toText(s), latex.ToText(s); got != want {
			t.Errorf("toText(%q) = %q, want %q", s, got, want)
		}
		if checkPlainHTML(t, s, false) {
			n++
		}
	}
	if n < len(texts)/10 {
		t.Errorf("the shortcut applies to %d of %d texts only", n, len(texts))
	}
}

// checkPlainHTML checks the shortcut appendPlain on s against the
// converter: that it appends the HTML of the converter's spans (one plain
// span), which is also Text.HTML, and nothing when it does not take s;
// that it takes s when must is set; and that the HTML writer's title and
// the period after it are those of the converter's text. It reports
// whether the shortcut took s.
func checkPlainHTML(t *testing.T, s string, must bool) bool {
	t.Helper()
	want := spansHTML(s)
	got, ok := appendPlain([]byte("x"), s)
	switch {
	case ok && string(got) != "x"+string(want):
		t.Errorf("appendPlain(%q) = %q, the converter gives %q", s, got[1:], want)
	case ok && len(latex.Parse(s)) > 1:
		t.Errorf("appendPlain(%q) took a text of several spans", s)
	case !ok && string(got) != "x":
		t.Errorf("appendPlain(%q) appended %q to a text it refused", s, got[1:])
	case !ok && must:
		t.Errorf("appendPlain(%q) refused a plain text", s)
	}
	if h := Text(s).HTML(); h != want {
		t.Errorf("Text(%q).HTML() = %q, the converter gives %q", s, h, want)
	}
	// The HTML writer's title ends its sentence as the converter's plain
	// text says.
	end, p := ".", strings.Join(strings.Fields(latex.ToText(s)), " ")
	if strings.HasSuffix(p, ".") || strings.HasSuffix(p, "?") || strings.HasSuffix(p, "!") {
		end = ""
	}
	b, gotEnd := newHTMLWriter().title(nil, &Item{Title: Text(s)})
	if wantB := `<span class="pubs-title">` + string(want) + "</span>"; string(b) != wantB || gotEnd != end {
		t.Errorf("title(%q) = %q, %q; want %q, %q", s, b, gotEnd, wantB, end)
	}
	return ok
}

// TestPlainHTMLUnicode checks appendPlain on text beyond ASCII: every
// character of the BMP and a sample beyond it, alone and next to letters,
// spaces, braces and combining marks, and invalid UTF-8; and that it takes
// names written in UTF-8.
func TestPlainHTMLUnicode(t *testing.T) {
	for r := rune(0x80); r <= 0x10ffff; r++ {
		if r > 0xffff && r%61 != 0 {
			continue
		}
		c := string(r)
		for _, s := range []string{c, "Ab" + c + "c d", " {" + c + "}-" + c + "  x ", "e" + c, c + "\u0301"} {
			checkPlainHTML(t, s, false)
		}
	}
	for _, s := range []string{"\xff", "a\xc3", "Jos\xc3\xa9\xff", "e\u0301", "a\u00a0b", "a\u2003b", "\u0301"} {
		checkPlainHTML(t, s, false)
	}
	for _, s := range []string{"José Müller", "Łukasz Kaiser", "Zoë {van} Dijk", "Ørsted, Hans Christian", "李 小龍", "Nguyễn Văn A"} {
		checkPlainHTML(t, s, true)
	}
}

// TestSortNewestFirstIsStable checks SortNewestFirst (pdqsort with the
// index as the last key, halves sorted concurrently and merged, keys
// compared by a prefix first) and Plan's sections against the plain
// stable sort it replaced, on the generated library in several orders,
// with repeated and tricky keys and entries without a year or month.
func TestSortNewestFirstIsStable(t *testing.T) {
	reference := func(entries []*bib.Entry) {
		type keyed struct {
			e           *bib.Entry
			year, month int
			key         string
		}
		ks := make([]keyed, len(entries))
		for i, e := range entries {
			y, ok := e.Year()
			if !ok {
				y = -1
			}
			ks[i] = keyed{e, y, e.Month(), strings.ToLower(e.Key)}
		}
		slices.SortStableFunc(ks, func(a, b keyed) int {
			if a.year != b.year {
				return stdcmp.Compare(b.year, a.year)
			}
			if a.month != b.month {
				return stdcmp.Compare(b.month, a.month)
			}
			return strings.Compare(a.key, b.key)
		})
		for i := range ks {
			entries[i] = ks[i].e
		}
	}
	base := benchEntries(t)
	// Entries sharing keys (in any case), years and months, some without.
	var extra []*bib.Entry
	for i := range 3000 {
		e := &bib.Entry{Key: []string{"Same", "same", "SAME", "other"}[i%4]}
		if i%5 != 0 {
			e.AppendField(bib.Field{Name: "year", Value: strconv.Itoa(2000 + i%3)})
		}
		if i%3 != 0 {
			e.AppendField(bib.Field{Name: "month", Value: []string{"jan", "dec", "5", ""}[i%4]})
		}
		extra = append(extra, e)
	}
	// Keys that lower-case beyond ASCII (the Kelvin sign to "k", "İ" to
	// two characters), invalid UTF-8, NUL bytes, and keys that share
	// their first sixteen bytes, in the same year.
	tricky := []string{
		"dblp:journals/science/A1", "DBLP:journals/science/a2", "DBLP:journals/science/", "DBLP:journals/scienc",
		"\u212aey", "key", "Kez", "\u0130x", "i\u0307x", "ix", "\xffbad", "\xff", "a\x00", "a", "a\x00b",
		"0123456789abcdef", "0123456789ABCDEF", "0123456789abcdefg", "0123456789abcdeF\u212a", "0123456789abcde\u212a",
		"Émile", "émile", "zz\u212a", "zzk", "",
	}
	for i := range 600 {
		e := &bib.Entry{Key: tricky[i%len(tricky)]}
		e.AppendField(bib.Field{Name: "year", Value: strconv.Itoa(2000 + i%2)})
		extra = append(extra, e)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for _, n := range []int{0, 1, 7, 100, 5000, 8191, 8192, 8193, 12345, len(base) + len(extra)} {
		all := append(slices.Clone(base), extra...)
		if n == 5000 {
			all = slices.Clone(extra) // below the size sorted in halves
		}
		rng.Shuffle(len(all), func(i, j int) { all[i], all[j] = all[j], all[i] })
		all = all[:min(n, len(all))]
		want, got := slices.Clone(all), slices.Clone(all)
		reference(want)
		SortNewestFirst(got)
		for i := range want {
			if want[i] != got[i] {
				t.Fatalf("n=%d: position %d holds %q, want %q", n, i, got[i].Key, want[i].Key)
			}
		}
		// Plan sorts each section with keys taken as it sorts the
		// entries into sections: the same order.
		doc, err := Plan(all, Options{})
		if err != nil {
			t.Fatal(err)
		}
		for _, sec := range doc.Sections {
			got := make([]*bib.Entry, len(sec.plan))
			for i := range sec.plan {
				got[i] = sec.plan[i].e
			}
			in := map[*bib.Entry]bool{}
			for _, e := range got {
				in[e] = true
			}
			var want []*bib.Entry // the section's entries in input order
			for _, e := range all {
				if in[e] {
					want = append(want, e)
				}
			}
			reference(want)
			if !slices.Equal(got, want) {
				t.Fatalf("n=%d: section %q is not in newest-first order", n, sec.Name)
			}
		}
	}
}

// TestPlain8 checks appendJSONString's eight-byte test against the byte
// test: every byte value at every position among plain bytes, pairs of
// bytes, and random words.
func TestPlain8(t *testing.T) {
	ref := func(s string) bool {
		for i := 0; i < len(s); i++ {
			if c := s[i]; c < 0x20 || c >= 0x80 || c == '"' || c == '\\' {
				return false
			}
		}
		return true
	}
	check := func(w []byte) {
		if got, want := plain8(string(w)), ref(string(w)); got != want {
			t.Fatalf("plain8(%q) = %v, want %v", w, got, want)
		}
	}
	for _, fill := range []byte{'a', ' ', 0x7f, '!', '#', '[', ']', 0x21} {
		for pos := range 8 {
			for c := range 256 {
				w := bytes.Repeat([]byte{fill}, 8)
				w[pos] = byte(c)
				check(w)
				for pos2 := pos + 1; pos2 < 8; pos2++ {
					for _, c2 := range []byte{0, 0x1f, 0x20, '"', '\\', 0x80, 0xff, 'a'} {
						w2 := slices.Clone(w)
						w2[pos2] = c2
						check(w2)
					}
				}
			}
		}
	}
	rng := rand.New(rand.NewPCG(3, 4))
	alphabet := []byte{0, 1, 0x1f, 0x20, 0x21, '"', '#', '\\', ']', '[', 0x7f, 0x80, 0xc3, 0xff, 'a', 'z'}
	for range 200000 {
		w := make([]byte, 8)
		for i := range w {
			if rng.IntN(4) == 0 {
				w[i] = alphabet[rng.IntN(len(alphabet))]
			} else {
				w[i] = byte(rng.IntN(256))
			}
		}
		check(w)
	}
}
