package lint

import (
	"bytes"
	"errors"
	"testing"

	"github.com/pubs-dev/pubs/internal/bench/libgen"
	"github.com/pubs-dev/pubs/internal/bib"
)

// BenchmarkCheck measures the lints of pubs check on a generated library
// of 20,000 entries (about 12 MB); MB/s is per byte of the file.
func BenchmarkCheck(b *testing.B) {
	var buf bytes.Buffer
	if err := libgen.Generate(&buf, 20000, 1, 0.001); err != nil {
		b.Fatal(err)
	}
	f, err := bib.Parse("bench.bib", buf.Bytes())
	var syntax bib.ErrorList
	errors.As(err, &syntax)
	lib := bib.NewLibrary([]*bib.File{f}, syntax)
	b.SetBytes(int64(buf.Len()))
	b.ReportAllocs()
	for b.Loop() {
		Check(lib)
	}
}
