package latex

import (
	"bytes"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/pubs-dev/pubs/internal/bench/libgen"
)

var (
	titlesOnce sync.Once
	titles     []string
)

// benchTitles returns the titles of a generated library of 5,000 entries
// (the project's realistic generator: case-protection braces, accents,
// math, \emph, ...).
func benchTitles(b *testing.B) []string {
	titlesOnce.Do(func() {
		var buf bytes.Buffer
		if err := libgen.Generate(&buf, 5000, 1, 0); err != nil {
			b.Fatal(err)
		}
		re := regexp.MustCompile(`(?mi)^\s*title\s*=\s*(.*)$`)
		for _, m := range re.FindAllStringSubmatch(buf.String(), -1) {
			v := strings.TrimSuffix(strings.TrimSpace(m[1]), ",")
			if len(v) >= 2 && (v[0] == '{' && v[len(v)-1] == '}' || v[0] == '"' && v[len(v)-1] == '"') {
				v = v[1 : len(v)-1]
			}
			titles = append(titles, v)
		}
	})
	if len(titles) < 1000 {
		b.Fatalf("only %d titles", len(titles))
	}
	return titles
}

func benchTitleBytes(ts []string) int64 {
	n := 0
	for _, t := range ts {
		n += len(t)
	}
	return int64(n)
}

// BenchmarkToText converts every title once per iteration; ns/op is for
// the whole set, MB/s the input throughput.
func BenchmarkToText(b *testing.B) {
	ts := benchTitles(b)
	b.SetBytes(benchTitleBytes(ts))
	b.ReportAllocs()
	for b.Loop() {
		for _, t := range ts {
			ToText(t)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(ts)), "ns/title")
}

func BenchmarkParse(b *testing.B) {
	ts := benchTitles(b)
	b.SetBytes(benchTitleBytes(ts))
	b.ReportAllocs()
	for b.Loop() {
		for _, t := range ts {
			Parse(t)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(ts)), "ns/title")
}

func BenchmarkFromUnicode(b *testing.B) {
	ts := benchTitles(b)
	plain := make([]string, len(ts))
	for i, t := range ts {
		plain[i] = ToText(t)
	}
	b.SetBytes(benchTitleBytes(plain))
	b.ReportAllocs()
	for b.Loop() {
		for _, t := range plain {
			FromUnicode(t, ASCII)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(plain)), "ns/title")
}
