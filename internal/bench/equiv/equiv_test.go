// Package equiv holds differential tests for the fast paths that the
// performance work added: each fast path must give exactly what the
// straightforward code gives.
package equiv

import (
	"bytes"
	"math/rand/v2"
	"regexp"
	"strings"
	"testing"

	"github.com/pubs-dev/pubs/internal/bench/libgen"
	"github.com/pubs-dev/pubs/internal/bib"
	"github.com/pubs-dev/pubs/internal/latex"
)

// plainRef is the definition of a name part's plain form.
func plainRef(s string) string {
	if s == "" {
		return ""
	}
	return strings.Join(strings.Fields(strings.ReplaceAll(latex.ToText(s), "\u00a0", " ")), " ")
}

// nameInputs returns every author name of a generated library, its words,
// and random strings over an alphabet of the characters that matter.
func nameInputs(t *testing.T) []string {
	var buf bytes.Buffer
	if err := libgen.Generate(&buf, 3000, 7, 0.01); err != nil {
		t.Fatal(err)
	}
	var in []string
	re := regexp.MustCompile(`(?mi)^\s*(?:author|editor)\s*=\s*[{"](.*)[}"],?\s*$`)
	for _, m := range re.FindAllStringSubmatch(buf.String(), -1) {
		for _, n := range bib.SplitNameList(m[1]) {
			in = append(in, n)
			in = append(in, strings.Fields(n)...)
		}
	}
	rng := rand.New(rand.NewPCG(5, 6))
	alphabet := []string{"a", "B", " ", "  ", "-", "--", "'", "''", ",", ",,", "!", "!`", "?", "?`", "`", ".", "~", "{", "}", "\\", "$",
		"%", "^", "_", "&", "#", "\t", "\n", "é", "e\u0301", "\u00a0", "\u2003", "\u0085", "\xff", "\ufffd", "Ł", "刘", "\"", "<", ">", "ﬁ", "Å", "Å"}
	for range 50000 {
		var b strings.Builder
		for range 1 + rng.IntN(8) {
			b.WriteString(alphabet[rng.IntN(len(alphabet))])
		}
		in = append(in, b.String())
	}
	return in
}

// TestPlainFastPath checks Name.Plain (whose parts skip the LaTeX
// converter when they are plain already) against the converter.
func TestPlainFastPath(t *testing.T) {
	for _, s := range nameInputs(t) {
		got := bib.Name{Last: s, First: s}.Plain()
		if want := plainRef(s); got.Last != want || got.First != want {
			t.Errorf("Plain(%q) = %q, want %q", s, got.Last, want)
		}
	}
}
