package ids

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// TestFindArXivShortcut checks findArXiv's shortcut (no identifier in text
// without an x and a v): with them removed, the full scan finds nothing in
// marked text, and findArXiv agrees with it everywhere.
func TestFindArXivShortcut(t *testing.T) {
	inputs := []string{
		"arXiv:2103.05180", "ARXIV:2103.05180v2", "arxiv 2103.05180", "https://arxiv.org/abs/2103.05180",
		"http://xxx.lanl.gov/abs/math/0211159v2", "doi 10.48550/arXiv.2103.05180", "See arXiv: math/0211159.",
		"AR XIV 2103.05180", "a r x i v 2103.05180", "", "plain title", "Arxiv", "XV", "arχiv:2103.05180",
	}
	rng := rand.New(rand.NewPCG(9, 10))
	pieces := []string{"arxiv", "ARXIV", "ArXiv", ":", " ", "2103.05180", "v2", "math/0211159", "xxx.lanl.gov/", "arxiv.org/",
		"abs/", "pdf/", "10.48550/arxiv.", "x", "v", "X", "V", "é", "{", "}", "\\'", "/", ".", "-"}
	for range 20000 {
		var b strings.Builder
		for range 1 + rng.IntN(8) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		inputs = append(inputs, b.String())
	}
	for _, s := range inputs {
		a1, ok1 := findArXiv(s)
		a2, ok2 := scanArXiv(s)
		if a1 != a2 || ok1 != ok2 {
			t.Fatalf("findArXiv(%q) = %v, %v; the scan gives %v, %v", s, a1, ok1, a2, ok2)
		}
		for _, drop := range []string{"xX", "vV"} {
			s2 := strings.Map(func(r rune) rune {
				if strings.ContainsRune(drop, r) {
					return -1
				}
				return r
			}, s)
			if _, ok := scanArXiv(s2); ok {
				t.Fatalf("the scan finds an identifier in %q, which has no %c", s2, drop[0])
			}
		}
	}
}
