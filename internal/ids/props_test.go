package ids

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// pieces are fragments that the parsers treat specially; gluing them
// together at random reaches combinations that byte-level fuzzing finds
// slowly.
var pieces = []string{
	"10.", "1000", "10.1000/", "10.48550/arXiv.", "/", ".", ",", ";", ":", "(", ")", "[", "]",
	"<", ">", "{", "}", "\"", "'", "\\", "\\_", "\\%", "%", "%2F", "%2f", "%25", "%7B", "%3C",
	"%20", "%E2%80", "#", "?", "+", " ", "\t", "\u00a0", "\u200b", "é", "’", "”", "\xff",
	"doi", "doi:", "DOI: ", "urn:doi:", "info:doi/", "https://", "http://", "doi.org/",
	"dx.doi.org/", "hdl.handle.net/", "example.org/", "doi/", "full/", "/meta", "/pdf",
	".pdf", "<br/>", "</a>", "arXiv:", "arxiv ", "arxiv.org/abs/", "export.", "pdf/",
	"2103.14726", "v2", "v0", "math", "math.GT", "hep-th", "/0211159", "0704.0001", "x", "A",
}

func TestRandomProperties(t *testing.T) {
	n := 200000
	if testing.Short() {
		n = 20000
	}
	rng := rand.New(rand.NewPCG(1, 2))
	var b strings.Builder
	for i := 0; i < n; i++ {
		b.Reset()
		for k := rng.IntN(12); k >= 0; k-- {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		s := b.String()
		if d, ok := ParseDOI(s); ok {
			if !IsDOI(d) {
				t.Fatalf("ParseDOI(%q) = %q: not IsDOI", s, d)
			}
			if again, _ := ParseDOI(d); again != d {
				t.Fatalf("ParseDOI(%q) = %q, then %q", s, d, again)
			}
			if back, _ := ParseDOI(DOIURL(d)); back != d {
				t.Fatalf("ParseDOI(DOIURL(%q)) = %q", d, back)
			}
		}
		if IsDOI(s) {
			if d, _ := ParseDOI(s); d != s {
				t.Fatalf("IsDOI(%q) but ParseDOI = %q", s, d)
			}
		}
		if a, ok := ParseArXiv(s); ok {
			if b, ok := ParseArXiv(a.String()); !ok || b != a {
				t.Fatalf("ParseArXiv(%q) = %+v; ParseArXiv(%q) = %+v", s, a, a.String(), b)
			}
		}
	}
}
