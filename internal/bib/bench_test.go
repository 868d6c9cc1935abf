package bib

import (
	"bytes"
	"errors"
	"sync"
	"testing"

	"github.com/pubs-dev/pubs/internal/bench/libgen"
)

var (
	benchOnce sync.Once
	benchSrc  []byte
)

// benchLibrary is a generated library of 20,000 entries (about 12 MB).
func benchLibrary(b *testing.B) []byte {
	benchOnce.Do(func() {
		var buf bytes.Buffer
		if err := libgen.Generate(&buf, 20000, 1, 0.001); err != nil {
			b.Fatal(err)
		}
		benchSrc = buf.Bytes()
	})
	return benchSrc
}

// BenchmarkParse measures splitting and parsing alone; MB/s is the read
// throughput.
func BenchmarkParse(b *testing.B) {
	src := benchLibrary(b)
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Parse("bench.bib", src); err == nil {
			b.Fatal("the generated library has malformed entries; want errors")
		}
	}
}

// BenchmarkRead measures Parse and NewLibrary: macros expanded, keys and
// fields checked.
func BenchmarkRead(b *testing.B) {
	src := benchLibrary(b)
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		f, err := Parse("bench.bib", src)
		var syntax ErrorList
		errors.As(err, &syntax)
		lib := NewLibrary([]*File{f}, syntax)
		if len(lib.Entries) != 20000 {
			b.Fatalf("%d entries", len(lib.Entries))
		}
	}
}

// BenchmarkNames measures splitting every author list of the library.
func BenchmarkNames(b *testing.B) {
	f, _ := Parse("bench.bib", benchLibrary(b))
	var lists []string
	for _, it := range f.Items {
		if it.Kind == KindEntry {
			if fd, ok := it.Entry.Field("author"); ok {
				lists = append(lists, fd.Value)
			}
		}
	}
	b.ReportAllocs()
	for b.Loop() {
		for _, l := range lists {
			ParseNames(l)
		}
	}
	b.ReportMetric(float64(len(lists)), "lists/op")
}
