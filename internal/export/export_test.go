package export

import (
	"bytes"
	"flag"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/pubs-dev/pubs/internal/bib"
)

var update = flag.Bool("update", false, "rewrite the .golden files in testdata")

// TestListFormats pins the list formats on a library with the characters
// that break naive writers: commas, quotes, line breaks, HTML specials.
func TestListFormats(t *testing.T) {
	lib, err := bib.ParseFiles(filepath.Join("testdata", "tricky.bib"))
	if err != nil {
		t.Fatal(err)
	}
	if err := lib.Diagnostics.Err(); err != nil {
		t.Fatal(err)
	}
	SortNewestFirst(lib.Entries)
	for name, write := range map[string]func(io.Writer, []*bib.Entry) error{
		"json": WriteJSON, "csv": WriteCSV, "table": WriteTable,
	} {
		t.Run(name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := write(&buf, lib.Entries); err != nil {
				t.Fatal(err)
			}
			golden := filepath.Join("testdata", "tricky."+name+".golden")
			if *update {
				if err := os.WriteFile(golden, buf.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update)", err)
			}
			if diff := cmp.Diff(string(want), buf.String()); diff != "" {
				t.Errorf("%s (-want +got):\n%s", golden, diff)
			}
		})
	}
}

func TestEmptyList(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteJSON(&buf, nil); err != nil || buf.String() != "[]\n" {
		t.Errorf("WriteJSON(nil) = %q, %v; want []", buf.String(), err)
	}
}
