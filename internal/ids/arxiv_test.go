package ids

import "testing"

func TestParseArXiv(t *testing.T) {
	tests := []struct {
		in      string
		id      string // "" for none
		version int
	}{
		// new style
		{"2103.14726", "2103.14726", 0},
		{"2103.14726v2", "2103.14726", 2},
		{"2103.14726V2", "2103.14726", 2},
		{"0706.0001", "0706.0001", 0},
		{"0704.0001v1", "0704.0001", 1},
		{"1412.9999", "1412.9999", 0},
		{"1501.00001", "1501.00001", 0},
		{"1605.08386", "1605.08386", 0},
		{"2104.12255v1", "2104.12255", 1},
		{"1011.1669v3", "1011.1669", 3},
		{"2103.14726v123", "2103.14726", 123},
		// old style
		{"math/0211159", "math/0211159", 0},
		{"math.GT/0309136", "math/0309136", 0},
		{"hep-th/9901001v2", "hep-th/9901001", 2},
		{"astro-ph/9812133", "astro-ph/9812133", 0},
		{"quant-ph/0201082v1", "quant-ph/0201082", 1},
		{"cond-mat.mes-hall/0601001", "cond-mat/0601001", 0},
		{"Hep-Th/9108001", "hep-th/9108001", 0}, // the first arXiv paper
		{"math/0703001", "math/0703001", 0},     // the last old-style month
		// prefixes, URLs, DOIs
		{"arXiv:2103.14726", "2103.14726", 0},
		{"ARXIV:2103.14726v2", "2103.14726", 2},
		{"arxiv:hep-th/9901001", "hep-th/9901001", 0},
		{"arXiv: 1208.4388", "1208.4388", 0},
		{"arXiv 1208.4388", "1208.4388", 0},
		{"[arXiv: 1208.4388]", "1208.4388", 0},
		{"arXiv preprint arXiv:2103.14726", "2103.14726", 0},
		{"arXiv:2103.14726 [cs.LG]", "2103.14726", 0},
		{"https://arxiv.org/abs/2103.14726", "2103.14726", 0},
		{"https://arxiv.org/abs/2103.14726v2", "2103.14726", 2},
		{"http://arxiv.org/abs/1106.5271", "1106.5271", 0},
		{"arxiv.org/abs/2103.14726", "2103.14726", 0},
		{"https://www.arxiv.org/abs/2103.14726", "2103.14726", 0},
		{"https://arxiv.org/pdf/2103.14726", "2103.14726", 0},
		{"https://arxiv.org/pdf/2103.14726v2.pdf", "2103.14726", 2},
		{"https://arxiv.org/pdf/2103.14726.pdf", "2103.14726", 0},
		{"http://export.arxiv.org/abs/math/0211159", "math/0211159", 0},
		{"https://export.arxiv.org/pdf/hep-th/9901001v2", "hep-th/9901001", 2},
		{"https://arxiv.org/abs/math.GT/0309136", "math/0309136", 0},
		{"https://arxiv.org/html/2402.12345v1", "2402.12345", 1},
		{"http://xxx.lanl.gov/abs/hep-th/9901001", "hep-th/9901001", 0},
		{":http\\://arxiv.org/pdf/cond-mat/0501739v1:PDF", "cond-mat/0501739", 1},
		{"https://arxiv.org/abs/2103.14726?context=cs", "2103.14726", 0},
		{"https://arxiv.org/abs/2103.14726/", "2103.14726", 0},
		{"10.48550/arXiv.2103.14726", "2103.14726", 0},
		{"10.48550/ARXIV.1706.03762", "1706.03762", 0},
		{"https://doi.org/10.48550/arXiv.2103.14726", "2103.14726", 0},
		{"https://doi.org/10.48550%2FarXiv.2103.14726", "2103.14726", 0},
		{"doi:10.48550/arXiv.hep-th/9901001", "hep-th/9901001", 0},
		// residue and punctuation around the whole identifier
		{" {2103.14726} ", "2103.14726", 0},
		{"(2103.14726).", "2103.14726", 0},
		{"\"math/0211159\",", "math/0211159", 0},

		// invalid
		{"", "", 0},
		{"0000.0000", "", 0},
		{"INVALIDID", "", 0},
		{"abc", "", 0},
		{"arXiv:", "", 0},
		{"2113.14726", "", 0}, // month 13
		{"2100.14726", "", 0}, // month 00
		{"0701.0001", "", 0},  // before the new scheme (April 2007)
		{"1501.1234", "", 0},  // four digits after 2014
		{"1412.12345", "", 0}, // five digits before 2015
		{"2103.0000", "", 0},
		{"2103.00000", "", 0},
		{"2103.147261", "", 0},
		{"2103.14726v0", "", 0},
		{"2103.14726v01", "", 0},
		{"2103.14726v", "", 0},
		{"2103.14726va", "", 0},
		{"2103.14726v1234567", "", 0},
		{"12103.14726", "", 0},
		{"math/021115", "", 0},
		{"math/02111590", "", 0},
		{"math/0213159", "", 0},   // month 13
		{"math/0211000", "", 0},   // number 000
		{"math/0704001", "", 0},   // old style after March 2007
		{"hep-th/9107001", "", 0}, // before August 1991
		{"foo/0211159", "", 0},    // not an archive
		{"math./0211159", "", 0},
		{"math/0211159 and more", "", 0},
		{"see 2103.14726", "", 0}, // a bare number in text is not taken
		{"https://example.org/abs/2103.14726", "", 0},
		{"https://arxiv.org/list/2103.14726", "", 0},
		{"https://notarxiv.org/abs/2103.14726", "", 0},
		{"10.1000/arXiv.2103.14726", "", 0},
	}
	for _, tt := range tests {
		a, ok := ParseArXiv(tt.in)
		want := ArXivID{ID: tt.id, Version: tt.version}
		if a != want || ok != (tt.id != "") {
			t.Errorf("ParseArXiv(%q) = %+v, %v; want %+v", tt.in, a, ok, want)
		}
	}
}

func TestArXivIDMethods(t *testing.T) {
	a := ArXivID{ID: "2103.14726", Version: 2}
	if got := a.String(); got != "2103.14726v2" {
		t.Errorf("String = %q", got)
	}
	if got := a.URL(); got != "https://arxiv.org/abs/2103.14726v2" {
		t.Errorf("URL = %q", got)
	}
	if got := a.DOI(); got != "10.48550/arXiv.2103.14726" {
		t.Errorf("DOI = %q", got)
	}
	b := ArXivID{ID: "math/0211159"}
	if got := b.String(); got != "math/0211159" {
		t.Errorf("String = %q", got)
	}
	if got := b.URL(); got != "https://arxiv.org/abs/math/0211159" {
		t.Errorf("URL = %q", got)
	}
}

func TestArXivFromFields(t *testing.T) {
	tests := []struct {
		name   string
		fields map[string]string
		want   string // ArXivID.String(), "" for none
	}{
		{"eprint+archiveprefix", map[string]string{"eprint": "2103.14726", "archiveprefix": "arXiv"}, "2103.14726"},
		{"archiveprefix braced", map[string]string{"eprint": "{2103.14726v2}", "archiveprefix": "{{arXiv}}"}, "2103.14726v2"},
		{"eprinttype biblatex", map[string]string{"eprint": "hep-th/9901001", "eprinttype": "arxiv"}, "hep-th/9901001"},
		{"eprint alone", map[string]string{"eprint": "1011.1669v3"}, "1011.1669v3"},
		{"eprint with prefix", map[string]string{"eprint": "arXiv:1011.1669v3"}, "1011.1669v3"},
		{"eprint of another archive", map[string]string{"eprint": "2103.14726", "archiveprefix": "HAL"}, ""},
		{"eprint pubmed", map[string]string{"eprint": "12345678", "eprinttype": "pubmed"}, ""},
		{"old number and primaryclass", map[string]string{"eprint": "0604596", "archiveprefix": "arXiv", "primaryclass": "cond-mat"}, "cond-mat/0604596"},
		{"old number and eprintclass", map[string]string{"eprint": "0211159", "eprinttype": "arxiv", "eprintclass": "math.GT"}, "math/0211159"},
		{"arxiv field", map[string]string{"arxiv": "2103.14726"}, "2103.14726"},
		{"arxivid field", map[string]string{"arxivid": "arXiv:1011.1669v3"}, "1011.1669v3"},
		{"mendeley old style", map[string]string{"arxiv": "0604596 [cond-mat]"}, "cond-mat/0604596"},
		{"mendeley with version", map[string]string{"arxiv": "0405236v1 [arXiv:hep-ph]"}, "hep-ph/0405236v1"},
		{"mendeley new style", map[string]string{"arxiv": "2103.14726 [cs.LG]"}, "2103.14726"},
		{"mendeley garbage", map[string]string{"arxiv": "/doi.org/10.1016/0001-6160(53)90006-6 [https:]"}, ""},
		{"mendeley doi", map[string]string{"arxiv": "0927-0256(96)00008 [10.1016]"}, ""},
		{"arxiv DOI", map[string]string{"doi": "10.48550/ARXIV.1706.03762"}, "1706.03762"},
		{"other DOI", map[string]string{"doi": "10.1000/xyz"}, ""},
		{"journal", map[string]string{"journal": "arXiv preprint arXiv:2103.14726"}, "2103.14726"},
		{"journaltitle", map[string]string{"journaltitle": "{arXiv e-prints}, arXiv:2103.14726"}, "2103.14726"},
		{"journal without id", map[string]string{"journal": "ArXiv E-Prints"}, ""},
		{"dblp corr", map[string]string{"journal": "CoRR", "volume": "abs/2103.14726"}, "2103.14726"},
		{"dblp corr old", map[string]string{"journal": "{CoRR}", "volume": "{abs/cs/0112017}"}, "cs/0112017"},
		{"url", map[string]string{"url": "http://arxiv.org/abs/1106.5271"}, "1106.5271"},
		{"ee", map[string]string{"ee": "http://arxiv.org/abs/1104.5069"}, "1104.5069"},
		{"note", map[string]string{"note": "Preprint at \\url{https://arxiv.org/abs/2103.14726v1}."}, "2103.14726v1"},
		{"howpublished", map[string]string{"howpublished": "arXiv:2103.14726"}, "2103.14726"},
		{"bare number in note", map[string]string{"note": "2103.14726"}, ""},
		{"eprint wins", map[string]string{"eprint": "2103.14726", "url": "https://arxiv.org/abs/1106.5271"}, "2103.14726"},
		{"nothing", map[string]string{"title": "arXiv"}, ""},
	}
	for _, tt := range tests {
		a, ok := ArXivFromFields(func(name string) string { return tt.fields[name] })
		got := ""
		if ok {
			got = a.String()
		}
		if got != tt.want {
			t.Errorf("%s: ArXivFromFields(%v) = %q; want %q", tt.name, tt.fields, got, tt.want)
		}
	}
}
