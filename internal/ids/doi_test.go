package ids

import (
	"strings"
	"testing"
	"time"
)

func TestParseDOI(t *testing.T) {
	tests := []struct {
		in   string
		want string // "" for no DOI
		form DOIForm
	}{
		// bare, real DOIs with awkward characters
		{"10.1000/xyz", "10.1000/xyz", DOIBare},
		{"10.1175/1520-0469(1996)053<0445:OTSOCO>2.0.CO;2", "10.1175/1520-0469(1996)053<0445:OTSOCO>2.0.CO;2", DOIBare},
		{"10.1016/S0140-6736(20)30183-5", "10.1016/S0140-6736(20)30183-5", DOIBare},
		{"10.1093/mnras/stab2345", "10.1093/mnras/stab2345", DOIBare},
		{"10.21105/joss.04171", "10.21105/joss.04171", DOIBare},
		{"10.1088/1361-6420/aa9a90", "10.1088/1361-6420/aa9a90", DOIBare},
		{"10.1002/(SICI)1097-4571(199806)49:8<693::AID-ASI4>3.0.CO;2-O", "10.1002/(SICI)1097-4571(199806)49:8<693::AID-ASI4>3.0.CO;2-O", DOIBare},
		{"10.1890/0012-9615(1999)069[0569:EDILSA]2.0.CO;2", "10.1890/0012-9615(1999)069[0569:EDILSA]2.0.CO;2", DOIBare},
		{"10.1002/(SICI)1521-3951(199911)216:1<5::AID-PSSB5>3.3.CO;2-6", "10.1002/(SICI)1521-3951(199911)216:1<5::AID-PSSB5>3.3.CO;2-6", DOIBare},
		{"10.1002/1521-396X(199711)164:1<141::AID-PSSA141>3.0.CO;2-G", "10.1002/1521-396X(199711)164:1<141::AID-PSSA141>3.0.CO;2-G", DOIBare},
		{"10.1002/(SICI)1099-1727(199621)12:1<3::AID-SDR93>3.0.CO;2-#", "10.1002/(SICI)1099-1727(199621)12:1<3::AID-SDR93>3.0.CO;2-#", DOIBare}, // '#'
		{"10.1000/456#789", "10.1000/456#789", DOIBare},                                                                                         // the Handbook's example
		{"10.1021/nl072670+", "10.1021/nl072670+", DOIBare},
		{"10.4028/www.scientific.net/MSF.457-460.1613", "10.4028/www.scientific.net/MSF.457-460.1613", DOIBare},
		{"10.1051/jp4:2006132042", "10.1051/jp4:2006132042", DOIBare},
		{"10.6084/m9.figshare.4906367.v1", "10.6084/m9.figshare.4906367.v1", DOIBare},
		{"10.4124/05f6c379-dd68-4cdb-880d-33d3e9576d52/1", "10.4124/05f6c379-dd68-4cdb-880d-33d3e9576d52/1", DOIBare},
		{"10.3892/ijo_00000353", "10.3892/ijo_00000353", DOIBare},
		{"10.1000.10/123", "10.1000.10/123", DOIBare}, // registrant with a sub-part
		{"10.123/456", "10.123/456", DOIBare},         // short registrant, the Handbook's URN example
		{"10.1016/üникóδé-дôΐ", "10.1016/üникóδé-дôΐ", DOIBare},
		{"10.48550/arXiv.2103.14726", "10.48550/arXiv.2103.14726", DOIBare},

		// white space and BibTeX/LaTeX residue
		{"  10.1000/xyz \n", "10.1000/xyz", DOIBare},
		{"\u00a010.1000/xyz\u200b", "10.1000/xyz", DOIBare},
		{"{10.1000/xyz}", "10.1000/xyz", DOIBare},
		{"{{10.1000/xyz}}", "10.1000/xyz", DOIBare},
		{`"10.1000/xyz"`, "10.1000/xyz", DOIBare},
		{"10.1000/{ABC}def", "10.1000/ABCdef", DOIBare},
		{`10.1000/a\_b`, "10.1000/a_b", DOIBare},
		{`{10.1007/978-3-319-10422-5\_17}`, "10.1007/978-3-319-10422-5_17", DOIBare},
		{`10.1000/a{\_}b`, "10.1000/a_b", DOIBare},
		{`10.1000/50\%off`, "10.1000/50%off", DOIBare},
		{`10.1000/a\\b`, `10.1000/a\\b`, DOIBare}, // other backslash pairs are kept
		{`\doi{10.1000/xyz}`, "10.1000/xyz", DOIBare},
		{"10.1007%2Fbf01700692", "10.1007/bf01700692", DOIBare},
		{"10.1000/a%2Fb", "10.1000/a%2Fb", DOIBare}, // '%' is a DOI character: not decoded

		// prefixes
		{"doi:10.1000/xyz", "10.1000/xyz", DOIPrefixed},
		{"DOI:10.1000/xyz", "10.1000/xyz", DOIPrefixed},
		{"DOI: 10.1000/xyz", "10.1000/xyz", DOIPrefixed},
		{"doi:  \t10.1000/xyz", "10.1000/xyz", DOIPrefixed},
		{"Doi : 10.1000/xyz", "10.1000/xyz", DOIPrefixed},
		{"DOI 10.1109/WAINA.2013.149", "10.1109/WAINA.2013.149", DOIPrefixed},
		{"doi:{10.1000/xyz}", "10.1000/xyz", DOIPrefixed},
		{"urn:doi:10.123:456", "10.123/456", DOIPrefixed},
		{"info:doi/10.1000/xyz", "10.1000/xyz", DOIPrefixed},

		// resolver URLs
		{"https://doi.org/10.1000/xyz", "10.1000/xyz", DOIResolverURL},
		{"http://doi.org/10.1000/xyz", "10.1000/xyz", DOIResolverURL},
		{"http://dx.doi.org/10.1109/MSP.2004.81", "10.1109/MSP.2004.81", DOIResolverURL},
		{"https://dx.doi.org/10.1000/xyz", "10.1000/xyz", DOIResolverURL},
		{"HTTPS://DOI.ORG/10.1000/XYZ", "10.1000/XYZ", DOIResolverURL},
		{"https://www.doi.org/10.1000/xyz", "10.1000/xyz", DOIResolverURL},
		{"www.doi.org/10.1000/xyz", "10.1000/xyz", DOIResolverURL},
		{"doi.org/10.1000/xyz", "10.1000/xyz", DOIResolverURL},
		{"dx.doi.org/10.1000/xyz", "10.1000/xyz", DOIResolverURL},
		{"https://doi.org:443/10.1000/xyz", "10.1000/xyz", DOIResolverURL},
		{"http://doi.acm.org/10.1145/1358628.1358810", "10.1145/1358628.1358810", DOIResolverURL},
		{"http://doi.ieeecomputersociety.org/10.1109/ICDE.2008.4497500", "10.1109/ICDE.2008.4497500", DOIResolverURL},
		{"https://hdl.handle.net/10.1000/xyz", "10.1000/xyz", DOIResolverURL},
		{"https://doi.org/10.1007%2Fbf01700692", "10.1007/bf01700692", DOIResolverURL},
		{"https://doi.org/10.1890%2F0012-9615%281999%29069%5B0569%3Aedilsa%5D2.0.co%3B2", "10.1890/0012-9615(1999)069[0569:edilsa]2.0.co;2", DOIResolverURL},
		{"https://doi.org/10.1000/456%23789", "10.1000/456#789", DOIResolverURL},
		{"https://doi.org/10.1000/456#789", "10.1000/456", DOIResolverURL}, // a browser would drop the fragment too
		{"https://doi.org/10.1000/xyz?locatt=mode:legacy", "10.1000/xyz", DOIResolverURL},
		{"https://doi.org/urn:doi:10.123:456", "10.123/456", DOIResolverURL},
		{"https://doi.org/doi:10.1000/xyz", "10.1000/xyz", DOIResolverURL},
		{"http://dx.doi.org/10.1002/(sici)1097-0185(19990415)257:2<50::aid-ar4>3.3.co;2-n", "10.1002/(sici)1097-0185(19990415)257:2<50::aid-ar4>3.3.co;2-n", DOIResolverURL},
		{`https://doi.org/10.1000/a\_b`, "10.1000/a_b", DOIResolverURL},
		{`\url{https://doi.org/10.1000/xyz}`, "10.1000/xyz", DOIResolverURL},
		{`\href{https://doi.org/10.1000/xyz}{doi:10.1000/xyz}`, "10.1000/xyz", DOIResolverURL},
		{`doi:<a href="https://doi.org/10.1002/0470091355.ecm026">10.1002/0470091355.ecm026</a>`, "10.1002/0470091355.ecm026", DOIResolverURL},
		{"<https://doi.org/10.1000/xyz>", "10.1000/xyz", DOIResolverURL},
		{"[paper](https://doi.org/10.1016/S0140-6736(20)30183-5)", "10.1016/S0140-6736(20)30183-5", DOIResolverURL},

		// publisher URLs
		{"https://onlinelibrary.wiley.com/doi/10.1002/gamm.202100008", "10.1002/gamm.202100008", DOIPublisherURL},
		{"https://onlinelibrary.wiley.com/doi/full/10.1002/gamm.202100008", "10.1002/gamm.202100008", DOIPublisherURL},
		{"https://onlinelibrary.wiley.com/doi/abs/10.1002/%28SICI%291097-4571%28199806%2949%3A8%3C693%3A%3AAID-ASI4%3E3.0.CO%3B2-O", "10.1002/(SICI)1097-4571(199806)49:8<693::AID-ASI4>3.0.CO;2-O", DOIPublisherURL},
		{"https://link.springer.com/article/10.1007/s10851-019-00903-1", "10.1007/s10851-019-00903-1", DOIPublisherURL},
		{"https://link.springer.com/content/pdf/10.1007/s10851-019-00903-1.pdf", "10.1007/s10851-019-00903-1", DOIPublisherURL},
		{"https://www.pnas.org/doi/full/10.1073/pnas.1922204117", "10.1073/pnas.1922204117", DOIPublisherURL},
		{"https://iopscience.iop.org/article/10.1088/1361-6420/aa9a90/meta", "10.1088/1361-6420/aa9a90", DOIPublisherURL},
		{"https://iopscience.iop.org/article/10.1088/1361-6420/aa9a90/pdf", "10.1088/1361-6420/aa9a90", DOIPublisherURL},
		{"https://iopscience.iop.org/article/10.1088/1361-6420/aa9a90", "10.1088/1361-6420/aa9a90", DOIPublisherURL},
		{"https://www.frontiersin.org/articles/10.3389/fpsyg.2020.00001/full", "10.3389/fpsyg.2020.00001", DOIPublisherURL},
		{"https://www.tandfonline.com/doi/abs/10.1080/14786436508221859?journalCode=tphm20", "10.1080/14786436508221859", DOIPublisherURL},
		{"https://journals.aps.org/prl/abstract/10.1103/PhysRevLett.99.146101", "10.1103/PhysRevLett.99.146101", DOIPublisherURL},
		{"https://dl.acm.org/doi/pdf/10.1145/3292500.3330701", "10.1145/3292500.3330701", DOIPublisherURL},
		{"https://www.jstor.org/stable/10.2307/1234567", "10.2307/1234567", DOIPublisherURL},
		// conservative: no marker segment, or a version glued to the DOI
		{"https://www.biorxiv.org/content/10.1101/2021.08.15.21262067v1", "", DOIInvalid},
		{"https://example.org/files/10.1234/abc", "", DOIInvalid},
		{"https://example.org/doi/10.5/abc", "", DOIInvalid}, // registrant too short for a URL heuristic
		{"https://dialnet.unirioja.es/servlet/articulo?codigo=10094389", "", DOIInvalid},

		// trailing punctuation
		{"see doi:10.1000/xyz.", "10.1000/xyz", DOIPrefixed},
		{"10.1000/xyz.", "10.1000/xyz", DOIBare},
		{"10.1000/xyz,", "10.1000/xyz", DOIBare},
		{"10.1000/xyz;", "10.1000/xyz", DOIBare},
		{"(10.1000/xyz)", "10.1000/xyz", DOIBare},
		{"(see 10.1016/S0140-6736(20)30183-5).", "10.1016/S0140-6736(20)30183-5", DOIBare},
		{"[10.1000/xyz]", "10.1000/xyz", DOIBare},
		{"“10.1000/xyz”", "10.1000/xyz", DOIBare},
		{"10.1000/abc(1)", "10.1000/abc(1)", DOIBare},
		{"10.1000/abc(1))", "10.1000/abc(1)", DOIBare},
		{"10.1175/1520-0469(1996)053<0445:OTSOCO>2.0.CO;2.", "10.1175/1520-0469(1996)053<0445:OTSOCO>2.0.CO;2", DOIBare},
		{"The DOI is 10.1000/xyz; see also 10.1000/abc.", "10.1000/xyz", DOIBare},
		// HTML tags end a DOI (web pages, Mendeley notes), SICI brackets do not
		{"10.1093/acprof:oso/9780195086041.003.0007<br/><br/>10.1177/0021934702250021", "10.1093/acprof:oso/9780195086041.003.0007", DOIBare},
		{"<i>10.1000/xyz</i>", "10.1000/xyz", DOIBare},
		{"https://doi.org/10.1000/xyz</a>", "10.1000/xyz", DOIResolverURL},
		{"10.1002/(SICI)1097-4571(199806)49:8<693::AID-ASI4>3.0.CO;2-O<br>", "10.1002/(SICI)1097-4571(199806)49:8<693::AID-ASI4>3.0.CO;2-O", DOIBare},

		// no DOI
		{"", "", DOIInvalid},
		{"   ", "", DOIInvalid},
		{"doi:", "", DOIInvalid},
		{"doi: ", "", DOIInvalid},
		{"10.abc/x", "", DOIInvalid},
		{"11.1000/x", "", DOIInvalid},
		{"10.1000/", "", DOIInvalid},
		{"10.1000/.", "", DOIInvalid},
		{"10.1000", "", DOIInvalid},
		{"10./x", "", DOIInvalid},
		{"10.1000./x", "", DOIInvalid},
		{"0.1088/0957-4484/22/26/265202", "", DOIInvalid},
		{"110.1000/x", "", DOIInvalid},
		{"v10.1000/x", "", DOIInvalid},
		{"1.10.1000/x", "", DOIInvalid},
		{"j.desal.2005.02.017", "", DOIInvalid},
		{"978-3-319-07040-7", "", DOIInvalid},
		{"http://hdl.handle.net/2445/185952", "", DOIInvalid},
		{"https://doi.org/", "", DOIInvalid},
		{"https://doi.org/10.1000/a%20b", "", DOIInvalid}, // a space in a DOI
		{"https://doi.org/10.1000/%FF", "", DOIInvalid},   // not UTF-8
		{"10.1000/\xff", "", DOIInvalid},
		{"10.5 mg/kg", "", DOIInvalid},
	}
	for _, tt := range tests {
		got, ok := ParseDOI(tt.in)
		if got != tt.want || ok != (tt.want != "") {
			t.Errorf("ParseDOI(%q) = %q, %v; want %q", tt.in, got, ok, tt.want)
		}
		if form := ClassifyDOI(tt.in); form != tt.form {
			t.Errorf("ClassifyDOI(%q) = %v; want %v", tt.in, form, tt.form)
		}
	}
}

func TestIsDOI(t *testing.T) {
	for _, s := range []string{
		"10.1000/xyz",
		"10.1000/456#789",
		"10.1016/S0140-6736(20)30183-5",
		"10.1002/(SICI)1097-4571(199806)49:8<693::AID-ASI4>3.0.CO;2-O",
		"10.1000/abc(1)",
		`10.1000/a\\b`,
	} {
		if !IsDOI(s) {
			t.Errorf("IsDOI(%q) = false", s)
		}
	}
	for _, s := range []string{
		"", "doi:10.1000/xyz", "https://doi.org/10.1000/xyz", " 10.1000/xyz",
		"10.1000/xyz ", "10.1000/xyz.", "10.1000/xyz)", "{10.1000/xyz}",
		`10.1000/a\_b`, "10.1000/a b", "10.1000/", "10.abc/x", "10.1000/a\x00",
		"10.1000/a\u00ad", // soft hyphen, a format character
		"10.1000/a<br/>b", // ParseDOI would stop at the tag
	} {
		if IsDOI(s) {
			t.Errorf("IsDOI(%q) = true", s)
		}
	}
}

func TestEqualDOIAndKey(t *testing.T) {
	same := [][2]string{
		{"10.1000/ABC", "10.1000/abc"},
		{"https://doi.org/10.1002/GAMM.202100008", "doi:10.1002/gamm.202100008"},
		{"10.1007/BF01700692", "https://doi.org/10.1007%2Fbf01700692"},
	}
	for _, p := range same {
		if !EqualDOI(p[0], p[1]) {
			t.Errorf("EqualDOI(%q, %q) = false", p[0], p[1])
		}
		if DOIKey(p[0]) != DOIKey(p[1]) {
			t.Errorf("DOIKey(%q) = %q != DOIKey(%q) = %q", p[0], DOIKey(p[0]), p[1], DOIKey(p[1]))
		}
	}
	differ := [][2]string{
		{"10.1000/abc", "10.1000/abd"},
		{"10.1000/É", "10.1000/é"}, // only ASCII case is folded
		{"", ""},
		{"not a doi", "not a doi"},
	}
	for _, p := range differ {
		if EqualDOI(p[0], p[1]) {
			t.Errorf("EqualDOI(%q, %q) = true", p[0], p[1])
		}
	}
	if got := DOIKey("10.1016/S0140-6736(20)30183-5"); got != "10.1016/s0140-6736(20)30183-5" {
		t.Errorf("DOIKey = %q", got)
	}
}

func TestDOIURL(t *testing.T) {
	tests := []struct{ doi, want string }{
		{"10.1000/xyz", "https://doi.org/10.1000/xyz"},
		{"10.1000/456#789", "https://doi.org/10.1000/456%23789"},
		{"10.1175/1520-0469(1996)053<0445:OTSOCO>2.0.CO;2", "https://doi.org/10.1175/1520-0469(1996)053%3C0445:OTSOCO%3E2.0.CO;2"},
		{"10.1890/0012-9615(1999)069[0569:EDILSA]2.0.CO;2", "https://doi.org/10.1890/0012-9615(1999)069%5B0569:EDILSA%5D2.0.CO;2"},
		{"10.1021/nl072670+", "https://doi.org/10.1021/nl072670%2B"},
		{"10.1000/a b\"c%d?e{f}g|h\\i^j`k", "https://doi.org/10.1000/a%20b%22c%25d%3Fe%7Bf%7Dg%7Ch%5Ci%5Ej%60k"},
		{"10.1000/é", "https://doi.org/10.1000/%C3%A9"},
		{"10.1000/./x/../y", "https://doi.org/10.1000/.%2Fx/..%2Fy"},
		{"10.1000/a,b;c:d@e=f&g$h!i*j~k'l", "https://doi.org/10.1000/a,b;c:d@e=f&g$h!i*j~k%27l"},
	}
	for _, tt := range tests {
		if got := DOIURL(tt.doi); got != tt.want {
			t.Errorf("DOIURL(%q) = %q; want %q", tt.doi, got, tt.want)
		}
		if IsDOI(tt.doi) {
			if back, ok := ParseDOI(tt.want); !ok || back != tt.doi {
				t.Errorf("ParseDOI(%q) = %q, %v; want %q", tt.want, back, ok, tt.doi)
			}
		}
	}
}

func TestDOIFromFields(t *testing.T) {
	tests := []struct {
		fields    map[string]string
		doi, from string
	}{
		{map[string]string{"doi": "10.1000/xyz", "url": "https://doi.org/10.1000/other"}, "10.1000/xyz", "doi"},
		{map[string]string{"doi": "d4vb59", "url": "https://doi.org/10.1000/xyz"}, "10.1000/xyz", "url"},
		{map[string]string{"url": "http://dx.doi.org/10.1007/978-3-642-32524-3_35"}, "10.1007/978-3-642-32524-3_35", "url"},
		{map[string]string{"url": "https://www.pnas.org/doi/full/10.1073/pnas.1922204117"}, "10.1073/pnas.1922204117", "url"},
		{map[string]string{"url": "https://arxiv.org/abs/2103.14726"}, "", ""},
		{map[string]string{"ee": "http://doi.acm.org/10.1145/1137627.1137636"}, "10.1145/1137627.1137636", "ee"},
		{map[string]string{"note": "Available at \\url{https://doi.org/10.1000/xyz}."}, "10.1000/xyz", "note"},
		{map[string]string{"note": "doi: 10.1000/xyz"}, "10.1000/xyz", "note"},
		// a bare DOI or a publisher URL in a note may cite another work
		{map[string]string{"note": "Comment on 10.1000/xyz"}, "", ""},
		{map[string]string{"note": "See https://onlinelibrary.wiley.com/doi/10.1002/gamm.202100008"}, "", ""},
		{map[string]string{"howpublished": "\\url{http://dx.doi.org/10.1000/xyz}"}, "10.1000/xyz", "howpublished"},
		{map[string]string{}, "", ""},
	}
	for _, tt := range tests {
		doi, from, ok := DOIFromFields(func(name string) string { return tt.fields[name] })
		if doi != tt.doi || from != tt.from || ok != (tt.doi != "") {
			t.Errorf("DOIFromFields(%v) = %q, %q, %v; want %q, %q", tt.fields, doi, from, ok, tt.doi, tt.from)
		}
	}
}

// TestLinearTime checks that adversarial inputs are scanned in time
// linear in their length: four times the input may not cost more than
// about four times the work (measured as wall time, with a wide margin).
func TestLinearTime(t *testing.T) {
	if testing.Short() {
		t.Skip("timing test")
	}
	patterns := []string{
		"10.1/", "10.1", "10.", "doi:", "doi", "doi.org/", "https://", "http://doi.org/",
		"https://x.org/doi/10.1234/", "{", "}", "(", ")", "\\", "%", "%2F", "10.1/)",
		"arxiv:", "arXiv ", "arxiv.org/abs/", "10.48550/arxiv.", "hep-th/", "1234.", "a ",
		"urn:doi:10.1:", "\xff", "é", "doi:((((",
	}
	for _, p := range patterns {
		small := strings.Repeat(p, 20000)
		large := strings.Repeat(p, 80000)
		ts := timeIt(func() { ParseDOI(small); ParseArXiv(small) })
		tl := timeIt(func() { ParseDOI(large); ParseArXiv(large) })
		if tl > 12*ts && tl > 50e6 { // 50 ms: ignore noise on tiny timings
			t.Errorf("pattern %q: %d bytes took %v, %d bytes took %v: not linear", p, len(small), ts, len(large), tl)
		}
	}
}

// timeIt returns the best of three runs of f.
func timeIt(f func()) time.Duration {
	best := time.Duration(1 << 62)
	for range 3 {
		start := time.Now()
		f()
		if d := time.Since(start); d < best {
			best = d
		}
	}
	return best
}
