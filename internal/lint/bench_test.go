package lint

import (
	"bytes"
	"errors"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/pubs-dev/pubs/internal/bench/libgen"
	"github.com/pubs-dev/pubs/internal/bib"
	"github.com/pubs-dev/pubs/internal/latex"
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

// TestAndWords pins the warnings about "and" at the ends of a name list
// and "and and", which Check finds without splitting the list into
// lowercased words.
func TestAndWords(t *testing.T) {
	for _, tt := range []struct {
		list        string
		ends, empty bool
	}{
		{"A and B", false, false},
		{"and", true, false},
		{"AND A", true, false},
		{"A aNd", true, false},
		{"and A and", true, false},
		{"A and and B", false, true},
		{"A AND\tand B", false, true},
		{"and and", true, true},
		{"A andand B", false, false},
		{"Anderson and Band", false, false},
		{"A and\u00a0and B", false, true},
	} {
		src := "@misc{k, author = {" + tt.list + "}}\n"
		f, err := bib.Parse("t.bib", []byte(src))
		if err != nil {
			t.Fatal(err)
		}
		var ends, empty bool
		for _, d := range Check(bib.NewLibrary([]*bib.File{f}, nil)) {
			ends = ends || strings.Contains(d.Msg, "starts or ends with")
			empty = empty || strings.Contains(d.Msg, "has an empty name")
		}
		if ends != tt.ends || empty != tt.empty {
			t.Errorf("%q: ends %v, empty %v; want %v, %v", tt.list, ends, empty, tt.ends, tt.empty)
		}
	}
}

// TestKnownCommands checks onlyKnownCommands, which spares the LaTeX
// converter most values, against latex.Unknown: on each command it
// assumes known, the values of a generated library, and random strings.
func TestKnownCommands(t *testing.T) {
	var values []string
	for c := range knownCommands {
		values = append(values, `a \`+c+`{b} c`, `\`+c+`x`, `x\`+c)
	}
	var buf bytes.Buffer
	if err := libgen.Generate(&buf, 5000, 3, 0.001); err != nil {
		t.Fatal(err)
	}
	f, _ := bib.Parse("gen.bib", buf.Bytes())
	for _, it := range f.Items {
		if it.Entry != nil {
			for _, fd := range it.Entry.Fields() {
				values = append(values, fd.Value)
			}
		}
	}
	r := rand.New(rand.NewPCG(7, 8))
	pieces := []string{`\`, `\'`, `\"`, `\foo`, `\u`, `\ue`, `\ss`, `\ssx`, `\url{a\b}`, `\emph`, `\(`, `\[`, `\<`, `\\`, `$`, `{`, `}`, `a`, ` `, `\begin{x}`, `\verb|\z|`, `\c`, `\%`, `%`, `\ `}
	for range 50000 {
		var b strings.Builder
		for range 1 + r.IntN(6) {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		values = append(values, b.String())
	}
	known := 0
	for _, v := range values {
		if !onlyKnownCommands(v) {
			continue
		}
		known++
		if u := latex.Unknown(v); len(u) > 0 {
			t.Errorf("%q: onlyKnownCommands, but latex.Unknown finds %q", v, u)
		}
	}
	if known < len(values)/4 {
		t.Errorf("the shortcut applies to %d of %d values only", known, len(values))
	}
}
