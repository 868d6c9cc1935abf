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
			s2 := without(s, drop)
			if _, ok := scanArXiv(s2); ok {
				t.Fatalf("the scan finds an identifier in %q, which has no %c", s2, drop[0])
			}
		}
	}
}

// TestArXivDOIShortcut checks arXivDOI's shortcut (no arXiv DOI in a
// value without an x and a v, or a percent sign): it agrees with parsing
// the DOI on arXiv DOIs written every way ParseDOI reads, and parsing
// finds none once the x's or v's are gone.
func TestArXivDOIShortcut(t *testing.T) {
	full := func(raw string) (ArXivID, bool) {
		if d, ok := ParseDOI(raw); ok && hasPrefixFold(d, arXivDOIPrefix) {
			if a, end, ok := parseArXivAt(d, len(arXivDOIPrefix)); ok && end == len(d) {
				return a, true
			}
		}
		return ArXivID{}, false
	}
	inputs := []string{
		"10.48550/arXiv.2103.05180", "10.48550/ARXIV.2103.05180", "https://doi.org/10.48550/arXiv.2103.05180",
		"doi:10.48550/arxiv.2103.05180", "10.48550%2FarXiv.2103.05180", "10.48550/%61rXiv.2103.05180",
		"10.48550/ar%58iv.2103.05180", "10.48550/arXi%76.2103.05180", "{10.48550/arXiv.2103.05180}",
		"10.1007/978-3-030-00000-0_1", "", "10.48550/arXiv.math/0211159",
	}
	rng := rand.New(rand.NewPCG(3, 4))
	pieces := []string{"10.48550/", "arXiv.", "ARXIV.", "ar", "Xi", "v.", "%58", "%76", "%2F", "2103.05180",
		"https://doi.org/", "doi:", "x", "v", "{", "}", "\\_", "/", "."}
	pick := func(from ...string) string { return from[rng.IntN(len(from))] }
	for range 20000 {
		var b strings.Builder
		if rng.IntN(2) == 0 {
			// An arXiv DOI written one of the ways ParseDOI reads.
			b.WriteString(pick("", "https://doi.org/", "doi:", "DOI ", "{"))
			b.WriteString("10.48550" + pick("/", "%2F", "%2f"))
			b.WriteString(pick("arXiv", "ARXIV", "arxiv", "ar%58iv", "arXi%76", "%61rXiv") + ".")
			b.WriteString(pick("2103.05180", "2103.05180v2", "math/0211159", "1501.0001"))
			b.WriteString(pick("", "}", ".", " "))
		}
		for range rng.IntN(4) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		inputs = append(inputs, b.String())
	}
	found := 0
	for _, s := range inputs {
		a1, ok1 := arXivDOI(s)
		a2, ok2 := full(s)
		if a1 != a2 || ok1 != ok2 {
			t.Fatalf("arXivDOI(%q) = %v, %v; parsing gives %v, %v", s, a1, ok1, a2, ok2)
		}
		if ok1 {
			found++
		}
		if strings.Contains(s, "%") {
			continue
		}
		for _, drop := range []string{"xX", "vV"} {
			s2 := without(s, drop)
			if _, ok := full(s2); ok {
				t.Fatalf("%q, without %c, holds an arXiv DOI", s2, drop[0])
			}
		}
	}
	if found < 100 {
		t.Fatalf("only %d of the inputs hold an arXiv DOI: the test tests little", found)
	}
}

// without returns s without the runes of drop.
func without(s, drop string) string {
	return strings.Map(func(r rune) rune {
		if strings.ContainsRune(drop, r) {
			return -1
		}
		return r
	}, s)
}
