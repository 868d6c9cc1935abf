package export

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/pubs-dev/pubs/internal/bench/libgen"
	"github.com/pubs-dev/pubs/internal/bib"
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
