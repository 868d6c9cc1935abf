package lint

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/pubs-dev/pubs/internal/bib"
)

func TestCheck(t *testing.T) {
	src := `@article{a, author = {Ruthotto, Lars and Haber, Eldad}, title = {T}, journal = {J}, year = 2020, doi = {https://doi.org/10.1088/1361-6420/aa9a90}}
@article{b, author = {L. Ruthotto}, title = {T \foo{x} \foo{y} \bar}, journal = {J}, year = {c. 2019}, month = {Smarch}, doi = {10.1088/1361-6420/AA9A90}}
@article{c, author = {Henry Ford Jr. and Doe, Jane and}, title = {T}, year = 2019}
@misc{d, author = {Li, Xingjian and Li, Xiaoming and A and and B}, doi = {not-a-doi}}
@misc{e, author = {One, Two, Three, Four}, month = oct}
@inproceedings{f, author = {M{\"u}ller, J.}, title = {T}, booktitle = {B}, year = 2020}
@inproceedings{g, author = {Müller, Jörg}, title = {T}, booktitle = {B}, year = 2021}
@misc{h` + "\x1b]0;x\x07" + `, author = {Haber, E.}}
`
	f, _ := bib.Parse("l.bib", []byte(src))
	lib := bib.NewLibrary([]*bib.File{f}, nil)
	var b strings.Builder
	Check(lib).Print(&b)
	want := `l.bib:1:98: warning: doi of entry "a" is written as "https://doi.org/10.1088/1361-6420/aa9a90": write the bare DOI 10.1088/1361-6420/aa9a90 ('pubs fmt' does)
l.bib:2:13: warning: "Lars Ruthotto" (a) and "L. Ruthotto" (b) look like one person under two spellings
l.bib:2:37: warning: unknown LaTeX command \foo in entry "b": pubs shows its argument as text (reported once)
l.bib:2:86: warning: year "c. 2019" of entry "b" is not a number
l.bib:2:104: warning: month "Smarch" of entry "b" is not a month
l.bib:2:122: warning: entry "b" has the same DOI 10.1088/1361-6420/AA9A90 as entry "a" at l.bib:1:1
l.bib:3:1: warning: entry "c" (@article) lacks journal or journaltitle
l.bib:3:13: warning: author of entry "c" starts or ends with "and"
l.bib:3:13: warning: name "Henry Ford Jr." in entry "c": BibTeX takes "Jr." for the last name; write "Ford, Jr., Henry"
l.bib:4:10: warning: author of entry "d" has an empty name ("and and")
l.bib:4:68: warning: doi "not-a-doi" of entry "d" is not a valid DOI (10.<registrant>/<suffix>)
l.bib:5:10: warning: name "One, Two, Three, Four" in entry "e" has 3 commas: BibTeX ignores what follows the third part
l.bib:7:19: warning: "J. Müller" (f) and "Jörg Müller" (g) look like one person under two spellings
l.bib:8:16: warning: "Eldad Haber" (a) and "E. Haber" ("h\x1b]0;x\a") look like one person under two spellings
`
	if testing.Verbose() {
		t.Log("\n" + b.String())
	}
	if diff := cmp.Diff(want, b.String()); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}
