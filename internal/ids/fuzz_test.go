package ids

import (
	"testing"
)

// fuzzSeeds are inputs of every form the parsers know, tricky ones first.
var fuzzSeeds = []string{
	"10.1000/xyz",
	"see doi:10.1000/xyz.",
	"DOI: 10.1016/j.jcrysgro.2008.10.099",
	"{10.1000/a\\_b}",
	"https://doi.org/10.1007%2Fbf01700692",
	"http://dx.doi.org/10.1002/(sici)1097-0185(19990415)257:2<50::aid-ar4>3.3.co;2-n",
	"10.1175/1520-0469(1996)053<0445:OTSOCO>2.0.CO;2",
	"10.1890/0012-9615(1999)069[0569:EDILSA]2.0.CO;2",
	"(see 10.1016/S0140-6736(20)30183-5)",
	"https://iopscience.iop.org/article/10.1088/1361-6420/aa9a90/meta",
	"https://link.springer.com/content/pdf/10.1007/s10851-019-00903-1.pdf",
	"<a href=\"https://doi.org/10.1002/bit.22551\">10.1002/bit.22551</a>",
	"\\href{https://doi.org/10.1000/x}{doi:10.1000/x}",
	"https://doi.org/urn:doi:10.123:456",
	"info:doi/10.1000/456%23789",
	"10.1000/./x/../y",
	"10.1000/456#789",
	"10.1000/ü+\"'",
	"arXiv:2103.14726v2",
	"https://arxiv.org/pdf/math/0211159v1.pdf",
	"math.GT/0309136",
	"10.48550/arXiv.hep-th/9901001",
	"arXiv preprint arXiv:1412.1234",
	"[arXiv: 1208.4388]",
	"10.1093/acprof:oso/9780195086041.003.0007<br/><br/>10.1177/0021934702250021",
	"https://doi.org/10.1000/a%3Cbr%2F%3Eb",
}

func FuzzParseDOI(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, ok := ParseDOI(s)
		form := ClassifyDOI(s)
		if ok != (form != DOIInvalid) {
			t.Fatalf("ParseDOI(%q) ok=%v but ClassifyDOI = %v", s, ok, form)
		}
		if IsDOI(s) {
			if d != s || form != DOIBare {
				t.Fatalf("IsDOI(%q) but ParseDOI = %q, %v (%v)", s, d, ok, form)
			}
		}
		if !ok {
			if d != "" {
				t.Fatalf("ParseDOI(%q) = %q, false", s, d)
			}
			return
		}
		if !IsDOI(d) {
			t.Fatalf("ParseDOI(%q) = %q, which is not IsDOI", s, d)
		}
		if again, ok := ParseDOI(d); !ok || again != d {
			t.Fatalf("ParseDOI not idempotent: %q -> %q -> %q, %v", s, d, again, ok)
		}
		u := DOIURL(d)
		if back, ok := ParseDOI(u); !ok || back != d {
			t.Fatalf("ParseDOI(DOIURL(%q)) = %q, %v (URL %q)", d, back, ok, u)
		}
		if ClassifyDOI(u) != DOIResolverURL {
			t.Fatalf("ClassifyDOI(%q) = %v", u, ClassifyDOI(u))
		}
		for i := len("https://doi.org/"); i < len(u); i++ {
			if urlUnsafe(u[i]) && u[i] != '%' {
				t.Fatalf("DOIURL(%q) = %q: unescaped %q", d, u, u[i])
			}
		}
		if !EqualDOI(d, asciiUpper(d)) {
			t.Fatalf("EqualDOI(%q, upper) = false", d)
		}
		if DOIKey(u) != DOIKey(d) {
			t.Fatalf("DOIKey(%q) = %q, DOIKey(%q) = %q", u, DOIKey(u), d, DOIKey(d))
		}
	})
}

func FuzzParseArXiv(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		a, ok := ParseArXiv(s)
		if !ok {
			if a != (ArXivID{}) {
				t.Fatalf("ParseArXiv(%q) = %+v, false", s, a)
			}
			return
		}
		if a.ID == "" || a.Version < 0 {
			t.Fatalf("ParseArXiv(%q) = %+v", s, a)
		}
		for _, form := range []string{a.String(), a.URL(), "arXiv:" + a.String(), "{" + a.String() + "}."} {
			if b, ok := ParseArXiv(form); !ok || b != a {
				t.Fatalf("ParseArXiv(%q) = %+v, %v; want %+v (from %q)", form, b, ok, a, s)
			}
		}
		if b, ok := ParseArXiv(a.DOI()); !ok || b != (ArXivID{ID: a.ID}) {
			t.Fatalf("ParseArXiv(%q) = %+v, %v; want %q", a.DOI(), b, ok, a.ID)
		}
		if !IsDOI(a.DOI()) {
			t.Fatalf("%q is not IsDOI", a.DOI())
		}
		get := func(name string) string {
			switch name {
			case "eprint":
				return s
			case "archiveprefix":
				return "{arXiv}"
			}
			return ""
		}
		if b, ok := ArXivFromFields(get); !ok || b != a {
			t.Fatalf("ArXivFromFields(eprint = %q) = %+v, %v; want %+v", s, b, ok, a)
		}
	})
}

func asciiUpper(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'a' <= c && c <= 'z' {
			b[i] = c - 'a' + 'A'
		}
	}
	return string(b)
}
