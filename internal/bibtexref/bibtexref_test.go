package bibtexref

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

// corpusDir holds the shared real-world test material (see its MANIFEST.md).
const corpusDir = "/work/shared/corpus"

func requireBibTeX(t *testing.T) {
	t.Helper()
	if !Available() {
		t.Skip("bibtex is not on PATH: these tests run the real BibTeX 0.99d as a reference; " +
			"install it (Debian: apt-get install texlive-binaries) to run them")
	}
}

func testContext(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	t.Cleanup(cancel)
	return ctx
}

// writeBibs writes each content to its own file in a temporary directory.
func writeBibs(t *testing.T, contents ...string) []string {
	t.Helper()
	dir := t.TempDir()
	var paths []string
	for i, c := range contents {
		p := filepath.Join(dir, fmt.Sprintf("input %d.bib", i))
		if err := os.WriteFile(p, []byte(c), 0o644); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
	}
	return paths
}

var summaryErrorsRE = regexp.MustCompile(`(?m)^\(There (?:were (\d+) error messages|was (1) error message)\)$`)

// logErrorCount is the N of "(There were N error messages)" in the .blg, or
// 0 when there is no such line.
func logErrorCount(t *testing.T, log string) int {
	t.Helper()
	m := summaryErrorsRE.FindStringSubmatch(log)
	if m == nil {
		return 0
	}
	n, err := strconv.Atoi(m[1] + m[2])
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func TestRead(t *testing.T) {
	requireBibTeX(t)
	long := strings.Repeat("word ", 59) + "end"         // 298 bytes with spaces
	unbroken := strings.Repeat("abcdefghij", 30)        // 300 bytes without a space
	longKey := "Key" + strings.Repeat("0123456789", 10) // 103 bytes
	type want struct {
		entries  []Entry
		preamble string
		errors   []Message
		warnings []Message // checked only when not nil
	}
	tests := []struct {
		name string
		bibs []string
		want want
	}{
		{
			name: "string, concatenation and month macro",
			bibs: []string{`@string{foo = "Foo"}
@article{A, title = foo # " bar " # jan, month = feb, year = 1999}
`},
			want: want{entries: []Entry{{Key: "A", Type: "article", Fields: map[string]string{
				"title": "Foo bar January", "month": "February", "year": "1999"}}}},
		},
		{
			name: "@comment does not consume braces",
			bibs: []string{"@comment{ @book{B, title = {In a comment}} }\n@misc{C, note = {after}}\n"},
			want: want{entries: []Entry{
				{Key: "B", Type: "book", Fields: map[string]string{"title": "In a comment"}},
				{Key: "C", Type: "misc", Fields: map[string]string{"note": "after"}},
			}},
		},
		{
			name: "repeated key case-insensitively",
			bibs: []string{"@misc{Key, title = {one}}\n@misc{KEY, title = {two}}\n@misc{other, title = {three}}\n"},
			want: want{
				entries: []Entry{
					{Key: "Key", Type: "misc", Fields: map[string]string{"title": "one"}},
					{Key: "other", Type: "misc", Fields: map[string]string{"title": "three"}},
				},
				errors: []Message{{Line: 2, Text: "Repeated entry"}},
			},
		},
		{
			name: "missing comma after the key",
			bibs: []string{"@article{Q title={x}}\n@misc{R, title = {y}}\n"},
			want: want{
				entries: []Entry{
					{Key: "Q", Type: "article", Fields: map[string]string{}},
					{Key: "R", Type: "misc", Fields: map[string]string{"title": "y"}},
				},
				errors: []Message{{Line: 1, Text: "I was expecting a `,' or a `}'"}},
			},
		},
		{
			name: "long values and key round-trip",
			bibs: []string{"@misc{" + longKey + ",\n  title = {" + long + "},\n  note = {" + unbroken + "},\n  url = " + `"` + unbroken + " " + unbroken + `"` + "\n}\n"},
			want: want{entries: []Entry{{Key: longKey, Type: "misc", Fields: map[string]string{
				"title": long, "note": unbroken, "url": unbroken + " " + unbroken}}}},
		},
		{
			name: "white space is collapsed and trimmed",
			bibs: []string{"@misc{W, title = {  a \t b\n   c  }, note = \"x\" # { } # \" y \", year = { }}\n"},
			want: want{entries: []Entry{{Key: "W", Type: "misc", Fields: map[string]string{
				"title": "a b c", "note": "x y", "year": ""}}}},
		},
		{
			name: "empty key",
			bibs: []string{"@article{, title={x}}\n"},
			want: want{entries: []Entry{{Key: "", Type: "article", Fields: map[string]string{"title": "x"}}}},
		},
		{
			name: "parenthesised entry",
			bibs: []string{"@Article(P, Title = {Paren (entry)}, YEAR = 1999)\n"},
			want: want{entries: []Entry{{Key: "P", Type: "article", Fields: map[string]string{
				"title": "Paren (entry)", "year": "1999"}}}},
		},
		{
			name: "UTF-8 passes through",
			bibs: []string{"@book{Müller2020, author = {Jürgen Müller and 李 小龙}, title = {Ça va — “quotes” ∑ 🎉}}\n" +
				"@BÜch{k, TÏtel = {x}}\n"},
			want: want{entries: []Entry{
				{Key: "Müller2020", Type: "book", Fields: map[string]string{
					"author": "Jürgen Müller and 李 小龙", "title": "Ça va — “quotes” ∑ 🎉"}},
				// BibTeX lowercases ASCII letters only.
				{Key: "k", Type: "bÜch", Fields: map[string]string{"tÏtel": "x"}},
			}},
		},
		{
			name: "crossref",
			bibs: []string{`@inproceedings{child, crossref = {Parent}, title = {Child}}
@proceedings{parent, title = {Parent Title}, year = 2000, publisher = {P}}
@inproceedings{orphan, crossref = {nowhere}, title = {Orphan}}
`},
			want: want{
				entries: []Entry{
					// BibTeX rewrites crossref to the parent's key as spelt
					// there and fills the missing fields from the parent.
					{Key: "child", Type: "inproceedings", Fields: map[string]string{
						"crossref": "parent", "title": "Child", "year": "2000", "publisher": "P"}},
					{Key: "parent", Type: "proceedings", Fields: map[string]string{
						"title": "Parent Title", "year": "2000", "publisher": "P"}},
					// A bad crossref is removed.
					{Key: "orphan", Type: "inproceedings", Fields: map[string]string{"title": "Orphan"}},
				},
				errors: []Message{{Line: 0, Text: `A bad cross reference---entry "orphan"`}},
			},
		},
		{
			name: "preamble is concatenated, not trimmed",
			bibs: []string{`@preamble{"\def\x{1} "}
@misc{k, title = {t}}
@preamble{{ y }}
`},
			want: want{
				entries:  []Entry{{Key: "k", Type: "misc", Fields: map[string]string{"title": "t"}}},
				preamble: `\def\x{1}  y `,
			},
		},
		{
			name: "undefined macro and duplicate field are warnings",
			bibs: []string{"@misc{k,\n  journal = nosuch,\n  title = {a},\n  title = {b}\n}\n"},
			want: want{
				entries: []Entry{{Key: "k", Type: "misc", Fields: map[string]string{"journal": "", "title": "a"}}},
				warnings: []Message{
					{Line: 2, Text: `string name "nosuch" is undefined`},
					// BibTeX gives the line where it noticed: after the value.
					{Line: 5, Text: `I'm ignoring k's extra "title" field`},
				},
			},
		},
		{
			name: "names that a style cannot declare",
			bibs: []string{`@string{article = {Art}}
@article{k, title = article, sort.key$ = {s}, zz.field = {z}, + = {p}}
`},
			want: want{entries: []Entry{{Key: "k", Type: "article", Fields: map[string]string{"title": "Art"}}}},
		},
		{
			name: "two files in order, repeated key across them",
			bibs: []string{"@misc{a, title = {A}}\n@misc{b, title = {B}}\n", "% second file\n@misc{B, title = {again}}\n@misc{c, title = {C}}\n"},
			want: want{
				entries: []Entry{
					{Key: "a", Type: "misc", Fields: map[string]string{"title": "A"}},
					{Key: "b", Type: "misc", Fields: map[string]string{"title": "B"}},
					{Key: "c", Type: "misc", Fields: map[string]string{"title": "C"}},
				},
				errors: []Message{{Line: 2, Text: "Repeated entry"}},
			},
		},
		{
			// BibTeX quirk: once it has read the last line of a file it stops
			// after the item it is processing.
			name: "second entry on the last line is not read",
			bibs: []string{"@misc{a, x = 1} @misc{b, x = 2}\n"},
			want: want{entries: []Entry{{Key: "a", Type: "misc", Fields: map[string]string{"x": "1"}}}},
		},
		{
			name: "CRLF counts as two lines",
			bibs: []string{"@misc{a,\r\n title={x}}\r\n@misc{a,\r\n title={y}}\r\n"},
			want: want{
				entries: []Entry{{Key: "a", Type: "misc", Fields: map[string]string{"title": "x"}}},
				errors:  []Message{{Line: 5, Text: "Repeated entry"}},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := Read(testContext(t), writeBibs(t, tt.bibs...)...)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(res.Entries, tt.want.entries) {
				t.Errorf("entries:\n got %q\nwant %q", res.Entries, tt.want.entries)
			}
			if res.Preamble != tt.want.preamble {
				t.Errorf("preamble: got %q, want %q", res.Preamble, tt.want.preamble)
			}
			if len(res.Errors) != len(tt.want.errors) || (len(res.Errors) > 0 && !reflect.DeepEqual(res.Errors, tt.want.errors)) {
				t.Errorf("errors:\n got %+v\nwant %+v", res.Errors, tt.want.errors)
			}
			if n := logErrorCount(t, res.Log); n != len(res.Errors) {
				t.Errorf("BibTeX counted %d error messages, Read parsed %d", n, len(res.Errors))
			}
			if tt.want.warnings != nil && !reflect.DeepEqual(res.Warnings, tt.want.warnings) {
				t.Errorf("warnings:\n got %+v\nwant %+v", res.Warnings, tt.want.warnings)
			}
			if strings.Contains(fmt.Sprint(res.Errors, res.Warnings), "of file") {
				t.Errorf("messages mention a file: %+v %+v", res.Errors, res.Warnings)
			}
			if t.Failed() {
				t.Logf("log:\n%s", res.Log)
			}
		})
	}
}

func TestReadErrorCount(t *testing.T) {
	requireBibTeX(t)
	bib := `@misc{a, title = {one}}
@misc{A, title = {two}}
@article{Q title = {x}}
@misc{b, title = {x} author = {y}}
@misc{c, = {y}}
@misc{d, title = {fine}}
`
	res, err := Read(testContext(t), writeBibs(t, bib)...)
	if err != nil {
		t.Fatal(err)
	}
	want := []Message{
		{Line: 2, Text: "Repeated entry"},
		{Line: 3, Text: "I was expecting a `,' or a `}'"},
		{Line: 4, Text: "I was expecting a `,' or a `}'"},
		{Line: 5, Text: "You're missing a field name"},
	}
	if !reflect.DeepEqual(res.Errors, want) {
		t.Errorf("errors:\n got %+v\nwant %+v\nlog:\n%s", res.Errors, want, res.Log)
	}
	if n := logErrorCount(t, res.Log); n != 4 || !strings.Contains(res.Log, "(There were 4 error messages)") {
		t.Errorf("log counts %d errors, want 4", n)
	}
	var keys []string
	for _, e := range res.Entries {
		keys = append(keys, e.Key)
	}
	if got := strings.Join(keys, " "); got != "a Q b c d" {
		t.Errorf("keys: got %q, want %q", got, "a Q b c d")
	}

	one, err := Read(testContext(t), writeBibs(t, "@misc{x, title={a}}\n@misc{x, title={b}}\n")...)
	if err != nil {
		t.Fatal(err)
	}
	if len(one.Errors) != 1 || !strings.Contains(one.Log, "(There was 1 error message)") {
		t.Errorf("got errors %+v, want 1; log:\n%s", one.Errors, one.Log)
	}
}

// TestReadLarge checks that BibTeX's capacities suffice for a large file:
// 10,000 entries, 200 distinct field names and 3,000 @strings.
func TestReadLarge(t *testing.T) {
	requireBibTeX(t)
	if testing.Short() {
		t.Skip("large input skipped in -short mode")
	}
	var b strings.Builder
	for i := 0; i < 3000; i++ {
		fmt.Fprintf(&b, "@string{s%d = {String number %d}}\n", i, i)
	}
	const n = 10000
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "@article{key%d,\n  title = {Title %d},\n  journal = s%d,\n", i, i, i%3000)
		for j := 0; j < 12; j++ {
			fmt.Fprintf(&b, "  field%d = {value %d %d},\n", (i*7+j*13)%200, i, j)
		}
		b.WriteString("  year = 2001\n}\n\n")
	}
	res, err := Read(testContext(t), writeBibs(t, b.String())...)
	if err != nil {
		t.Fatalf("%.3000s", err)
	}
	if len(res.Entries) != n || len(res.Errors) != 0 || len(res.Warnings) != 0 {
		t.Fatalf("got %d entries, %d errors, %d warnings; want %d, 0, 0", len(res.Entries), len(res.Errors), len(res.Warnings), n)
	}
	last := res.Entries[n-1]
	if len(last.Fields) != 15 || last.Fields["journal"] != "String number 999" || last.Fields["field110"] != "value 9999 9" {
		t.Errorf("last entry: %q", last)
	}
}

func TestSplitNames(t *testing.T) {
	requireBibTeX(t)
	got, err := SplitNames(testContext(t), []string{
		`Lars Ruthotto and Haber, Eldad and Charles Louis Xavier Joseph de la Vall{\'e}e Poussin and Ford, Jr., Henry and others`,
		"",
		"{Barnes and Noble, Inc.}",
		"jean de la fontaine",
	})
	if err != nil {
		t.Fatal(err)
	}
	want := [][][4]string{
		{
			{"Lars", "", "Ruthotto", ""},
			{"Eldad", "", "Haber", ""},
			{"Charles Louis Xavier~Joseph", "de~la", `Vall{\'e}e~Poussin`, ""},
			{"Henry", "", "Ford", "Jr."},
			{"", "", "others", ""},
		},
		{},
		{{"", "", "{Barnes and Noble, Inc.}", ""}},
		{{"", "jean de~la", "fontaine", ""}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got  %q\nwant %q", got, want)
	}

	for _, bad := range []string{"a } b {", "{a", "a}"} {
		if _, err := SplitNames(testContext(t), []string{"ok", bad}); err == nil {
			t.Errorf("SplitNames(%q): no error for unbalanced braces", bad)
		}
	}
}

// TestSplitNamesCorpus compares SplitNames with the BibTeX splits recorded
// in the shared corpus.
func TestSplitNamesCorpus(t *testing.T) {
	requireBibTeX(t)
	path := filepath.Join(corpusDir, "names", "names.json")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Skipf("name vectors not available: %v", err)
	}
	var vectors []struct {
		Input     string            `json:"input"`
		NameIndex int               `json:"name_index"`
		Format    map[string]string `json:"bibtex_format_name"`
	}
	if err := json.Unmarshal(data, &vectors); err != nil {
		t.Fatal(err)
	}
	inputs := make([]string, len(vectors))
	for i, v := range vectors {
		inputs[i] = v.Input
	}
	got, err := SplitNames(testContext(t), inputs)
	if err != nil {
		t.Fatal(err)
	}
	for i, v := range vectors {
		idx := max(v.NameIndex, 1) - 1
		if idx >= len(got[i]) {
			t.Errorf("%q: got %d names, want name %d", v.Input, len(got[i]), idx+1)
			continue
		}
		want := [4]string{v.Format["ff"], v.Format["vv"], v.Format["ll"], v.Format["jj"]}
		if got[i][idx] != want {
			t.Errorf("%q name %d: got %q, want %q", v.Input, idx+1, got[i][idx], want)
		}
	}
}

// manifestRow is what MANIFEST.md records for one .bib file.
type manifestRow struct {
	read, errors int
}

var manifestCountsRE = regexp.MustCompile(`^(\d+) read(?:, (\d+) error\(s\))?(?:, \d+ warning\(s\))?$`)

// readManifest returns the "BibTeX 0.99d" column of the .bib table of
// MANIFEST.md, by path relative to the corpus directory.
func readManifest(t *testing.T) map[string]manifestRow {
	t.Helper()
	f, err := os.Open(filepath.Join(corpusDir, "MANIFEST.md"))
	if err != nil {
		t.Skipf("corpus manifest not available: %v", err)
	}
	defer f.Close()
	rows := map[string]manifestRow{}
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if !strings.HasPrefix(line, "| `shared/corpus/bib/") {
			continue
		}
		cols := strings.Split(line, " | ")
		if len(cols) < 6 {
			t.Fatalf("manifest row with %d columns: %q", len(cols), line)
		}
		path := strings.TrimPrefix(strings.Trim(strings.TrimPrefix(cols[0], "| "), "`"), "shared/corpus/")
		m := manifestCountsRE.FindStringSubmatch(cols[5])
		if m == nil {
			t.Fatalf("cannot parse BibTeX column %q of %s", cols[5], path)
		}
		var r manifestRow
		r.read, _ = strconv.Atoi(m[1])
		if m[2] != "" {
			r.errors, _ = strconv.Atoi(m[2])
		}
		rows[path] = r
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return rows
}

// TestCorpus reads every .bib file of the shared corpus and compares the
// number of entries and errors with MANIFEST.md.
//
// The manifest's entry counts leave out entries with an empty key and
// entries whose key is very long (its counting apparently lost them to
// write$'s line wrapping); BibTeX does read them (checked independently
// with a style that only counts entries). A difference is accepted, and
// logged, when it is explained that way.
func TestCorpus(t *testing.T) {
	requireBibTeX(t)
	if _, err := os.Stat(filepath.Join(corpusDir, "bib")); err != nil {
		t.Skipf("corpus not available: %v", err)
	}
	manifest := readManifest(t)
	var files []string
	err := filepath.WalkDir(filepath.Join(corpusDir, "bib"), func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".bib") {
			files = append(files, p)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	matched, explained := 0, 0
	for _, p := range files {
		rel, _ := filepath.Rel(corpusDir, p)
		want, ok := manifest[rel]
		if !ok {
			t.Errorf("%s: not in MANIFEST.md", rel)
			continue
		}
		res, err := Read(testContext(t), p)
		if err != nil {
			t.Errorf("%s: %.2000s", rel, err)
			continue
		}
		if n := logErrorCount(t, res.Log); n != len(res.Errors) {
			t.Errorf("%s: BibTeX counted %d error messages, Read parsed %d", rel, n, len(res.Errors))
		}
		if len(res.Errors) != want.errors {
			t.Errorf("%s: %d errors, MANIFEST.md says %d", rel, len(res.Errors), want.errors)
		}
		if len(res.Entries) == want.read {
			if len(res.Errors) == want.errors {
				matched++
			}
			continue
		}
		short, empty, long := 0, 0, 0
		for _, e := range res.Entries {
			switch {
			case e.Key == "":
				empty++
			case len(e.Key) >= 80:
				long++
			default:
				short++
			}
		}
		if short != want.read {
			t.Errorf("%s: %d entries read, MANIFEST.md says %d", rel, len(res.Entries), want.read)
			continue
		}
		explained++
		t.Logf("%s: %d entries read, MANIFEST.md says %d: it does not count %d with an empty key and %d with a key of 80+ bytes",
			rel, len(res.Entries), want.read, empty, long)
	}
	if len(files) != len(manifest) {
		t.Errorf("%d .bib files, MANIFEST.md lists %d", len(files), len(manifest))
	}
	t.Logf("%d of %d files match MANIFEST.md exactly; %d differ in the entry count as explained above", matched, len(files), explained)
}
