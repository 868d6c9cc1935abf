package export

import (
	"bytes"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
	"github.com/olekukonko/tablewriter"
	"github.com/olekukonko/tablewriter/tw"

	"github.com/pubs-dev/pubs/internal/bib"
)

// TestTableInBatches checks WriteTable, which draws batches of rows as
// tables of their own with the widths worked out first, against drawing
// one table of all the rows (as it did before): on the test libraries, a
// generated one, keys of every width (CJK, combining marks, emoji, zero
// width), and libraries of 0, 1 and batch-sized numbers of entries.
func TestTableInBatches(t *testing.T) {
	one := func(entries []*bib.Entry) string {
		var b bytes.Buffer
		tb := tablewriter.NewTable(&b,
			tablewriter.WithRowAutoWrap(tw.WrapNormal),
			tablewriter.WithHeaderAutoFormat(tw.Off),
			tablewriter.WithColumnWidths(tw.NewMapper[int, int]().Set(3, 28).Set(4, 48).Set(5, 28)),
		)
		tb.Header(tableHeader)
		for _, e := range entries {
			if err := tb.Append(tableCells(e)); err != nil {
				t.Fatal(err)
			}
		}
		if err := tb.Render(); err != nil {
			t.Fatal(err)
		}
		return b.String()
	}
	libs := map[string][]*bib.Entry{"generated": benchEntries(t)[:2000]}
	for _, name := range []string{"cv.bib", "tricky.bib", "hostile.bib", "roles.bib"} {
		libs[name] = readLib(t, filepath.Join("testdata", name)).Entries
	}
	var src strings.Builder
	for i, key := range []string{"张伟2020", "e\u0301te\u0301", "😀emoji", "zero\u200bwidth", "ｆｕｌｌ", "plain", "a\u0300\u0301\u0302", "ﷺ"} {
		fmt.Fprintf(&src, "@%s{%s, title = {T %d}, year = %d}\n", []string{"article", "misc", "phdthesis"}[i%3], key, i, 1990+i*7)
	}
	f, err := bib.Parse("keys.bib", []byte(src.String()))
	if err != nil {
		t.Fatal(err)
	}
	libs["keys"] = bib.NewLibrary([]*bib.File{f}, nil).Entries
	for name, entries := range libs {
		for _, batch := range []int{1, 3, 64, 512} {
			for _, n := range []int{0, 1, batch, batch + 1, len(entries)} {
				n = min(n, len(entries))
				var got bytes.Buffer
				if err := writeTable(&got, entries[:n], batch); err != nil {
					t.Fatal(err)
				}
				if want := one(entries[:n]); got.String() != want {
					t.Fatalf("%s, %d entries in batches of %d: differs from one table:\n%s", name, n, batch, cmp.Diff(want, got.String()))
				}
			}
		}
	}
}

// TestTableTerminalSafe: a table of entries whose key, title, venue and
// authors hold escape sequences, other control characters (C0, DEL, C1)
// and bytes that are not UTF-8 is valid UTF-8 without a control
// character but its line breaks, and shows where each was.
func TestTableTerminalSafe(t *testing.T) {
	src := "@article{evil\x1b]0;pwned\x07key,\n  title = {Red\x1b[31m text\x7f\u009b2J},\n" +
		"  journal = {J\x00 \x08\xff\xfe},\n  author = {M\x1b[1m\u0085ller, A. and B\x9bC},\n  year = 2020,\n}\n"
	f, _ := bib.Parse("evil.bib", []byte(src))
	entries := bib.NewLibrary([]*bib.File{f}, nil).Entries
	if len(entries) != 1 {
		t.Fatalf("%d entries", len(entries))
	}
	for _, batch := range []int{1, 512} {
		var b bytes.Buffer
		if err := writeTable(&b, entries, batch); err != nil {
			t.Fatal(err)
		}
		out := b.String()
		if !utf8.ValidString(out) {
			t.Fatalf("not UTF-8:\n%s", out)
		}
		for _, r := range out {
			if r != '\n' && unicode.IsControl(r) {
				t.Fatalf("control character %U in:\n%s", r, out)
			}
		}
		for _, want := range []string{"evil\uFFFD]0;pwned\uFFFDkey", "Red\uFFFD[31m text\uFFFD\uFFFD2J"} {
			if !strings.Contains(out, want) {
				t.Errorf("no %q in:\n%s", want, out)
			}
		}
	}
	for s, want := range map[string]string{"": "", "plain": "plain", "José 张": "José 张", "a\tb": "a\uFFFDb", "\xffé\u009f": "\uFFFDé\uFFFD"} {
		if got := terminalText(s); got != want {
			t.Errorf("terminalText(%q) = %q, want %q", s, got, want)
		}
	}
}
