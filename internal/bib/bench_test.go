package bib

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

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

// BenchmarkScan is the floor: counting the '@' bytes of the library, the
// least any reader must do.
func BenchmarkScan(b *testing.B) {
	src := benchLibrary(b)
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		if bytes.Count(src, []byte{'@'}) < 20000 {
			b.Fatal("too few items")
		}
	}
}

// BenchmarkParseSequential is BenchmarkParse in one pass, without chunks.
func BenchmarkParseSequential(b *testing.B) {
	src := benchLibrary(b)
	old := parallelMin
	defer func() { parallelMin = old }()
	parallelMin = math.MaxInt
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Parse("bench.bib", src); err == nil {
			b.Fatal("the generated library has malformed entries; want errors")
		}
	}
}

// BenchmarkLibrary measures NewLibrary alone: macros expanded, keys and
// fields checked, on a parsed file.
func BenchmarkLibrary(b *testing.B) {
	src := benchLibrary(b)
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		b.StopTimer()
		f, err := Parse("bench.bib", src)
		var syntax ErrorList
		errors.As(err, &syntax)
		b.StartTimer()
		NewLibrary([]*File{f}, syntax)
	}
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

// BenchmarkNamesPlain measures splitting every author list and rendering
// each name in plain Unicode, as the JSON list and the exports do.
func BenchmarkNamesPlain(b *testing.B) {
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
			for _, n := range ParseNames(l) {
				n.Plain()
			}
		}
	}
	b.ReportMetric(float64(len(lists)), "lists/op")
}

// The tests below are not benchmarks: they check that the performance
// machinery of the parser (chunks parsed concurrently, the brace index)
// gives exactly what one sequential pass gives.

// exact renders everything Parse returns, spans and offsets included.
func exact(f *File, err error) string {
	var b strings.Builder
	for _, it := range f.Items {
		fmt.Fprintf(&b, "%s %d-%d\n", it.Kind, it.Start, it.End)
		if e := it.Entry; e != nil {
			fmt.Fprintf(&b, "  %s %q %d-%d key@%d delim=%q broken=%v nokey=%v file=%v\n",
				e.Type, e.Key, e.Start, e.End, e.KeyOffset, e.Delim, e.Broken, e.NoKey, e.File == f)
			for _, fd := range e.Fields() {
				fmt.Fprintf(&b, "  %q %d-%d %q %+v\n", fd.Name, fd.Start, fd.End, fd.Value, fd.Parts(f))
			}
		}
	}
	fmt.Fprintf(&b, "lines %+v\n", f.lines)
	b.WriteString(diagLines(err))
	return b.String()
}

// parseWith parses src with the chunk and brace-index settings given.
func parseWith(src []byte, minSize, chunk, shift int) string {
	oldMin, oldChunk, oldShift := parallelMin, chunkMin, braceShift
	defer func() { parallelMin, chunkMin, braceShift = oldMin, oldChunk, oldShift }()
	parallelMin, chunkMin, braceShift = minSize, chunk, shift
	f, err := Parse("x.bib", src)
	return exact(f, err)
}

// equivalenceInputs returns generated libraries (with malformed entries)
// and every .bib file of testdata, and variants of them broken at random
// places.
func equivalenceInputs(t *testing.T) map[string][]byte {
	in := map[string][]byte{}
	for i, frac := range []float64{0, 0.05, 0.3} {
		var buf bytes.Buffer
		if err := libgen.Generate(&buf, 300, int64(i+1), frac); err != nil {
			t.Fatal(err)
		}
		in[fmt.Sprintf("gen-%v", frac)] = buf.Bytes()
	}
	paths, _ := filepath.Glob(filepath.Join("testdata", "*", "*.bib"))
	for _, p := range paths {
		src, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		in[p] = src
	}
	rng := rand.New(rand.NewPCG(1, 2))
	gen := in["gen-0.05"]
	cuts := []string{"{", "}", "\"", "\n@", "@", "(", ")", ",", "=", "#", "\n@string{x = {", "\n@misc{k, t = \"a {b\n"}
	for i := range 40 {
		src := append([]byte(nil), gen...)
		for range 1 + i%5 {
			at := rng.IntN(len(src))
			if rng.IntN(3) == 0 {
				src = append(src[:at], src[at+1:]...)
			} else {
				src = append(src[:at], append([]byte(cuts[rng.IntN(len(cuts))]), src[at:]...)...)
			}
		}
		in[fmt.Sprintf("mutated-%d", i)] = src
	}
	return in
}

// TestChunkedParseIsSequential checks that parsing in chunks, at every
// chunk size, and with a brace index of tiny blocks, gives exactly the
// items, spans, lines and errors of the sequential parse.
func TestChunkedParseIsSequential(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(4))
	for name, src := range equivalenceInputs(t) {
		want := parseWith(src, math.MaxInt, 1, 16)
		for _, chunk := range []int{1, 17, 300, 4096} {
			for _, shift := range []int{16, 2, 6} {
				if got := parseWith(src, 0, chunk, shift); got != want {
					t.Errorf("%s: chunks of %d, brace blocks of %d: differs from the sequential parse", name, chunk, 1<<shift)
				}
			}
		}
	}
}

// TestBalancedMatchesByteLoop checks the fast search for the end of a
// value against the byte-by-byte definition.
func TestBalancedMatchesByteLoop(t *testing.T) {
	old := braceShift
	defer func() { braceShift = old }()
	rng := rand.New(rand.NewPCG(3, 4))
	alphabet := "{}\"ab"
	for i := range 3000 {
		n := 1 + rng.IntN(200)
		b := make([]byte, n)
		for j := range b {
			b[j] = alphabet[rng.IntN(len(alphabet))]
		}
		s := string(b)
		from := rng.IntN(n)
		for _, quote := range []byte{0, '"'} {
			wantEnd, wantOK := naiveBalanced(s, from, quote)
			for _, shift := range []int{1, 3, 16} {
				braceShift = shift
				p := &parser{f: &File{Src: s, lines: newLineIndex(s, false)}, s: s, braces: &braceIndex{}}
				end, ok := p.balanced(from, quote)
				if ok != wantOK || ok && end != wantEnd {
					t.Fatalf("case %d: balanced(%q, %d, %q) = %d, %v; want %d, %v", i, s, from, quote, end, ok, wantEnd, wantOK)
				}
			}
		}
	}
}

// naiveBalanced is the definition of balanced's result: the offset of the
// '}' (quote 0) or '"' that ends the value, or false.
func naiveBalanced(s string, from int, quote byte) (int, bool) {
	depth := 0
	for j := from; j < len(s); j++ {
		switch s[j] {
		case '{':
			depth++
		case '}':
			if depth == 0 {
				return j, quote == 0
			}
			depth--
		case '"':
			if quote != 0 && depth == 0 {
				return j, true
			}
		}
	}
	return 0, false
}

// TestSpellingShortcut checks Spelling, and PersonKey's first initial
// taken without the other initials, against the plain definitions, on
// every name of a generated library and on hand-written hard cases.
func TestSpellingShortcut(t *testing.T) {
	raws := []string{"Jean-Pierre -Marc A.-B. Smith", "J.-P. Sartre", "{\\relax Ch}ristopher Smith", "-- Jean-Pierre X", "{\\\"U}lrich M{\\\"u}ller", "Ford, Jr., Henry", "van der Berg, J.-P.", "-", "a -b", "{}{} x", "É. Y", "1st, X"}
	f, _ := Parse("bench.bib", benchLibrary(nil))
	for _, it := range f.Items {
		if it.Kind == KindEntry {
			for _, name := range []string{"author", "editor"} {
				if fd, ok := it.Entry.Field(name); ok {
					raws = append(raws, SplitNameList(fd.Value)...)
				}
			}
		}
	}
	for _, raw := range raws {
		n := ParseName(raw)
		p := n.Plain()
		want := strings.ToLower(joinNonEmpty(" ", p.Von, p.Last, p.Jr))
		if in := n.Initials(); in != "" {
			r, _ := utf8.DecodeRuneInString(in)
			want += "|" + strings.ToLower(string(r))
		}
		// Initials as first written: with slices and joins.
		var words []string
		for _, word := range nameWords(n.First) {
			var parts []string
			for _, piece := range strings.Split(word, "-") {
				if in := initial(piece); in != "" {
					parts = append(parts, in+".")
				}
			}
			if len(parts) > 0 {
				words = append(words, strings.Join(parts, "-"))
			}
		}
		if got, want := n.Initials(), strings.Join(words, " "); got != want {
			t.Errorf("%q: Initials = %q, want %q", raw, got, want)
		}
		key, full, plain := n.Spelling()
		if key != want || n.PersonKey() != want || full != n.Full() || plain != p {
			t.Errorf("%q: Spelling = %q, %q, %v; want %q, %q, %v", raw, key, full, plain, want, n.Full(), p)
		}
	}
}

// TestParseMonthShortcut checks ParseMonth against its plain definition
// (lowercase, then strconv.Atoi, then the month names) on random strings.
func TestParseMonthShortcut(t *testing.T) {
	plain := func(s string) int {
		s = strings.ToLower(strings.Trim(strings.TrimSpace(s), "{}."))
		if n, err := strconv.Atoi(s); err == nil {
			if n >= 1 && n <= 12 {
				return n
			}
			return 0
		}
		if len(s) >= 3 {
			for i, m := range monthNames {
				if strings.HasPrefix(s, m) {
					return i + 1
				}
			}
		}
		return 0
	}
	r := rand.New(rand.NewPCG(5, 6))
	pieces := []string{"0", "1", "2", "9", "+", "-", " ", "{", "}", ".", "J", "a", "N", "u", "ary", "Sep", "DEC", "İ", "\u212a", "\xff", "99999999999999999999"}
	inputs := []string{"", "jan", "Jan.", "{oct}", " 12 ", "13", "0", "-1", "+3", "007", "ja", "Janvier", "mayo"}
	for range 100000 {
		var b strings.Builder
		for range 1 + r.IntN(5) {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		inputs = append(inputs, b.String())
	}
	for _, s := range inputs {
		if got, want := ParseMonth(s), plain(s); got != want {
			t.Errorf("ParseMonth(%q) = %d, want %d", s, got, want)
		}
	}
}

// TestSortIsStable checks ErrorList.Sort against sort.Stable with Less,
// on lists with many ties.
func TestSortIsStable(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 10))
	for _, n := range []int{0, 1, 2, 10, 1000, 20000} {
		var l ErrorList
		for range n {
			l = append(l, &Error{Pos: Pos{Filename: []string{"a.bib", "b.bib"}[r.IntN(2)], Offset: r.IntN(50)},
				Severity: Severity(r.IntN(2)), Msg: []string{"x", "y", "z"}[r.IntN(3)]})
		}
		want := append(ErrorList(nil), l...)
		sort.Stable(want)
		l.Sort()
		for i := range l {
			if l[i] != want[i] {
				t.Fatalf("n=%d: problem %d differs", n, i)
			}
		}
	}
}
