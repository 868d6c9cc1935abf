package export

import (
	"bytes"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

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
			r := NewRow(e)
			if err := tb.Append([]string{r.Key, r.Type, r.Year, r.Authors, r.Title, r.Venue}); err != nil {
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
