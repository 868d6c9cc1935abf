package bib

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestEntryHelpers(t *testing.T) {
	src := `@article{a, year = {c. 2019a}, month = sep, journal = {J}, keywords = {selected; talk ,, x}}
@misc{b, date = {2021-10-29}, howpublished = {arXiv}}
@misc{c, year = {12345}, month = {13}, editor = {A. B and C. D}}
@misc{d, year = 2020, month = {Oct.}, publisher = {P}}`
	f, _ := Parse("h.bib", []byte(src))
	lib := NewLibrary([]*File{f}, nil)
	type view struct {
		Year     int
		HasYear  bool
		Month    int
		Venue    string
		Keywords []string
		Authors  int
	}
	var got []view
	for _, e := range lib.Entries {
		y, ok := e.Year()
		got = append(got, view{y, ok, e.Month(), e.Venue(), e.Keywords(), len(e.Authors())})
	}
	want := []view{
		{2019, true, 9, "J", []string{"selected", "talk", "x"}, 0},
		{2021, true, 10, "arXiv", nil, 0},
		{0, false, 0, "", nil, 2},
		{2020, true, 10, "P", nil, 0},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}
