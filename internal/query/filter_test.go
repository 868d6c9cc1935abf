package query

import (
	"strings"
	"testing"

	"github.com/pubs-dev/pubs/internal/bib"
)

const filterLib = `@article{a, author = {Ruthotto, Lars and Haber, Eldad}, title = {Stable {Architectures}}, journal = {Inverse Problems}, year = 2017, doi = {10.1088/1361-6420/aa9a90}, keywords = {selected, deep learning}}
@misc{b, author = {Newman, Elizabeth}, title = {slimTrain}, year = {2021}, eprint = {2109.14002}, archiveprefix = {arXiv}}
@inproceedings{c, editor = {van der Berg, Jan}, title = {Proc}, booktitle = {AISTATS}, date = {2022-03-01}}
@misc{d, title = {No year}}
@misc{t, author = {M{\"u}ller, J{\"o}rg}, title = {Talk}, type = {Invited talk}, eventtitle = {SIAM CSE}, date = {2023-03-01}, keywords = {talk}}
@unpublished{u, author = {Ruthotto, L.}, title = {Plenary}, note = {Invited plenary talk at AN20}, year = 2020}`

func TestFilter(t *testing.T) {
	f, _ := bib.Parse("q.bib", []byte(filterLib))
	l := bib.NewLibrary([]*bib.File{f}, nil)
	tests := []struct {
		args []string
		want string
	}{
		{nil, "abcdtu"},
		{[]string{""}, "abcdtu"},
		{[]string{"type:article"}, "a"},
		{[]string{"type:article,INPROCEEDINGS"}, "ac"},
		{[]string{"-type:misc"}, "acu"},
		{[]string{"year>=2020"}, "bctu"},
		{[]string{"year>2021"}, "ct"},
		{[]string{"year<2021"}, "au"},
		{[]string{"year<=2021"}, "abu"},
		{[]string{"year=2017"}, "a"},
		{[]string{"year:2019..2022"}, "bcu"},
		{[]string{"keyword:selected"}, "a"},
		{[]string{"kw:Deep learning"}, ""}, // "learning" is a word of its own
		{[]string{`kw:"deep learning"`}, "a"},
		{[]string{"author:ruthotto"}, "au"},
		{[]string{"author:Müller"}, "t"},
		{[]string{"author:van der"}, "c"}, // author:van and the word "der"
		{[]string{`author:"van der berg"`}, "c"},
		{[]string{"key:A,c"}, "ac"},
		{[]string{"is:talk"}, "tu"},
		{[]string{"-is:talk", "is:preprint"}, "b"},
		{[]string{"is:selected"}, "a"},
		{[]string{"has:doi"}, "a"},
		{[]string{"-has:doi", "-has:eprint"}, "cdtu"},
		{[]string{`journal:"inverse problems"`}, "a"},
		{[]string{`booktitle:aistats`}, "c"},
		{[]string{"stable architectures"}, "a"},
		{[]string{"stable", "architectures"}, "a"},
		{[]string{`"architectures stable"`}, ""},
		{[]string{`"no year"`}, "d"},
		{[]string{"type:misc year>=2021 -is:talk"}, "b"},
		{[]string{"jörg"}, "t"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			flt, err := ParseFilter(tt.args...)
			if err != nil {
				t.Fatal(err)
			}
			if all := strings.TrimSpace(strings.Join(tt.args, " ")) == ""; flt.MatchesAll() != all {
				t.Errorf("MatchesAll() = %v, want %v", !all, all)
			}
			got, byMatcher := "", ""
			m := flt.Matcher() // one for every entry, as Plan uses it
			for _, e := range l.Entries {
				if flt.Match(e) {
					got += e.Key
				}
				if m.Match(e) {
					byMatcher += e.Key
				}
			}
			if got != tt.want {
				t.Errorf("matched %q, want %q", got, tt.want)
			}
			if byMatcher != tt.want {
				t.Errorf("a Matcher matched %q, want %q", byMatcher, tt.want)
			}
		})
	}
}

func TestFilterErrors(t *testing.T) {
	tests := []struct{ in, want string }{
		{`"open`, `filter "\"open": unclosed quote`},
		{`type:`, `filter "type:": type: needs a value`},
		{`year>=twenty`, `filter year>=twenty: want a year such as 2020`},
		{`year:2022..2019`, `invalid year range "2022..2019": 2022 is after 2019`},
		{`type>=article`, `filter type>=article: only year compares with >=`},
		{`is:book`, `filter is:book: want is:talk, is:preprint or is:selected`},
		{`- x`, `filter "- x": '-' must be followed by a term`},
		{`x -`, `filter "x -": '-' must be followed by a term`},
	}
	for _, tt := range tests {
		_, err := ParseFilter(tt.in)
		if err == nil || err.Error() != tt.want {
			t.Errorf("ParseFilter(%q) error = %v, want %q", tt.in, err, tt.want)
		}
	}
}

func TestFromQueryString(t *testing.T) {
	q := Query{Types: []string{"article"}, Years: YearRange{Min: 2019}, Keywords: []string{"selected"}, Text: []string{"Neural"}}
	if got, want := FromQuery(q).String(), `type:article year:2019.. keyword:selected "neural"`; got != want {
		t.Errorf("String() = %q, want %q", got, want)
	}
	// The rendering reads back as the same filter.
	if _, err := ParseFilter(FromQuery(q).String()); err != nil {
		t.Error(err)
	}
}

func FuzzParseFilter(f *testing.F) {
	for _, s := range []string{`type:article year>=2020 keyword:selected author:Ruthotto -type:misc "free text"`, `-`, `"`, `a:"b" -c:d,e`} {
		f.Add(s)
	}
	lib, _ := bib.Parse("q.bib", []byte(filterLib))
	l := bib.NewLibrary([]*bib.File{lib}, nil)
	f.Fuzz(func(t *testing.T, s string) {
		flt, err := ParseFilter(s)
		if err != nil {
			return
		}
		for _, e := range l.Entries {
			flt.Match(e)
		}
	})
}
