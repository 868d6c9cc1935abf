package query

import (
	"testing"

	"github.com/pubs-dev/pubs/internal/bib"
)

const lib = `@article{a, author = {Ruthotto, Lars and Haber, Eldad}, title = {Stable {Architectures}}, journal = {Inverse Problems}, year = 2017, keywords = {selected, deep learning}}
@misc{b, author = {Newman, Elizabeth}, title = {slimTrain}, year = {2021}}
@inproceedings{c, editor = {van der Berg, Jan}, title = {Proc}, booktitle = {AISTATS}, date = {2022-03-01}}
@misc{d, title = {No year}}`

func TestMatch(t *testing.T) {
	f, _ := bib.Parse("q.bib", []byte(lib))
	l := bib.NewLibrary([]*bib.File{f}, nil)
	tests := []struct {
		name string
		q    Query
		want string
	}{
		{"zero query matches all", Query{}, "abcd"},
		{"type any case", Query{Types: []string{"MISC"}}, "bd"},
		{"year range", Query{Years: YearRange{Min: 2018, Max: 2022}}, "bc"},
		{"open upper bound, date field", Query{Years: YearRange{Min: 2022}}, "c"},
		{"keyword", Query{Keywords: []string{"Selected"}}, "a"},
		{"author last name", Query{Authors: []string{"haber"}}, "a"},
		{"editor with von", Query{Authors: []string{"van der berg"}}, "c"},
		{"full name", Query{Authors: []string{"Lars Ruthotto"}}, "a"},
		{"text in title ignores braces", Query{Text: []string{"stable", "architectures"}}, "a"},
		{"text in venue", Query{Text: []string{"aistats"}}, "c"},
		{"text all words must match", Query{Text: []string{"stable", "slimtrain"}}, ""},
		{"conjunction", Query{Types: []string{"misc"}, Years: YearRange{Min: 2020}}, "b"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := ""
			for _, e := range l.Entries {
				if FromQuery(tt.q).Match(e) {
					got += e.Key
				}
			}
			if got != tt.want {
				t.Errorf("matched %q, want %q", got, tt.want)
			}
		})
	}
}

func TestParseYearRange(t *testing.T) {
	tests := []struct {
		in   string
		want YearRange
		err  bool
	}{
		{"2020", YearRange{2020, 2020}, false},
		{"2019..2022", YearRange{2019, 2022}, false},
		{"2019..", YearRange{2019, 0}, false},
		{"..2022", YearRange{0, 2022}, false},
		{"2022..2019", YearRange{}, true},
		{"..", YearRange{}, true},
		{"twenty", YearRange{}, true},
	}
	for _, tt := range tests {
		got, err := ParseYearRange(tt.in)
		if (err != nil) != tt.err || (!tt.err && got != tt.want) {
			t.Errorf("ParseYearRange(%q) = %v, %v; want %v, error %v", tt.in, got, err, tt.want, tt.err)
		}
	}
}

func TestMatchUnicode(t *testing.T) {
	f, _ := bib.Parse("u.bib", []byte(`@misc{m, author = {M{\"u}ller, J{\"o}rg}, title = {{\"U}ber {GPUs}}}`))
	e := bib.NewLibrary([]*bib.File{f}, nil).Entries[0]
	for _, q := range []Query{{Authors: []string{"Müller"}}, {Text: []string{"über", "gpus"}}, {Text: []string{"jörg"}}} {
		if !FromQuery(q).Match(e) {
			t.Errorf("%+v does not match %s", q, e.Raw())
		}
	}
}
