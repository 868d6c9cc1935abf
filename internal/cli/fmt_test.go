package cli

import (
	"bytes"
	"strings"
	"testing"

	"github.com/pubs-dev/pubs/internal/bib"
)

// TestFormatUpdate: for a file whose entries are all in canonical form,
// fmt --write's update has nothing to write (so that the file is not
// touched, nor need be writable); for another, it writes what FormatFile
// returns and counts the entries that change.
func TestFormatUpdate(t *testing.T) {
	streams := IOStreams{In: strings.NewReader(""), Out: &bytes.Buffer{}, ErrOut: &bytes.Buffer{}}
	opt := formatOptions(&fmtOptions{})
	raw := "% a comment\n@article{k,\n  title = \"T\",\n  year = {2020}\n}\n\n@misc{m, note = {x}}\n"
	write, n, err := formatUpdate("lib.bib", []byte(raw), opt, streams)
	if err != nil || write == nil || n != 2 {
		t.Fatalf("unformatted: formatUpdate = %v, %d, %v; want a writer, 2 changes", write != nil, n, err)
	}
	var got bytes.Buffer
	if err := write(&got); err != nil {
		t.Fatal(err)
	}
	f, err := bib.Parse("lib.bib", []byte(raw))
	if err != nil {
		t.Fatal(err)
	}
	want, _ := bib.FormatFile(f, opt)
	if got.String() != want {
		t.Fatalf("written %q, want %q", got.String(), want)
	}
	write, n, err = formatUpdate("lib.bib", got.Bytes(), opt, streams)
	if err != nil || write != nil || n != 0 {
		t.Fatalf("formatted: formatUpdate = %v, %d, %v; want nothing to write", write != nil, n, err)
	}
	if _, _, err := formatUpdate("lib.bib", []byte("@misc{k, title = {unclosed}"), opt, streams); err == nil {
		t.Fatal("a file with a syntax error: no error")
	}
}
