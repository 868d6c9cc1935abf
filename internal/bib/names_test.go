package bib

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestParseName(t *testing.T) {
	tests := []struct {
		in   string
		want Name
	}{
		{"Lars Ruthotto", Name{First: "Lars", Last: "Ruthotto"}},
		{"Ruthotto, Lars", Name{First: "Lars", Last: "Ruthotto"}},
		{"Charles Louis Xavier Joseph de la Vall{\\'e}e Poussin", Name{First: "Charles Louis Xavier Joseph", Von: "de la", Last: "Vall{\\'e}e Poussin"}},
		{"de la Fontaine, Jean", Name{First: "Jean", Von: "de la", Last: "Fontaine"}},
		{"Ford, Jr., Henry", Name{First: "Henry", Last: "Ford", Jr: "Jr."}},
		{"Henry Ford Jr.", Name{First: "Henry Ford", Last: "Jr."}},
		{"Jean-Paul Sartre", Name{First: "Jean-Paul", Last: "Sartre"}},
		{"John Smith-Jones", Name{First: "John", Last: "Smith-Jones"}},
		{"{IEEE Standards Association}", Name{Last: "{IEEE Standards Association}"}},
		{"{\\'E}mile Zola", Name{First: "{\\'E}mile", Last: "Zola"}},
		{"Émile Zola", Name{First: "Émile", Last: "Zola"}},
		{"{\\ae}sop Fable", Name{Von: "{\\ae}sop", Last: "Fable"}},
		{"Ludwig van Beethoven", Name{First: "Ludwig", Von: "van", Last: "Beethoven"}},
		{"Van der Berg, J.", Name{First: "J.", Von: "Van der", Last: "Berg"}},
		{"others", Name{Last: "others"}},
		{"Newman,", Name{Last: "Newman"}},
		{"A~B. C", Name{First: "A B.", Last: "C"}},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, ParseName(tt.in)); diff != "" {
				t.Errorf("ParseName(%q) (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}

func TestSplitNameList(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"A and B", []string{"A", "B"}},
		{"A AND B\tand\nC", []string{"A", "B", "C"}},
		{"{Barnes and Noble} and Smith", []string{"{Barnes and Noble}", "Smith"}},
		{"Anderson and Sandy", []string{"Anderson", "Sandy"}},
		{"A and others", []string{"A", "others"}},
		{"Smith and", []string{"Smith and"}},
		{"", nil},
		// Only ASCII white space is trimmed, as in ParseName and BibTeX:
		// a no-break space belongs to the name (FuzzNames found "0\u00a0"
		// read back as "0").
		{" \u00a0A\u00a0 and {B} and\tC\u2003\n", []string{"\u00a0A\u00a0", "{B}", "C\u2003"}},
		{"A \u00a0and\u00a0 B", []string{"A \u00a0and\u00a0 B"}},
		{"\u00a0", []string{"\u00a0"}},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, SplitNameList(tt.in)); diff != "" {
			t.Errorf("SplitNameList(%q) (-want +got):\n%s", tt.in, diff)
		}
	}
}

// TestNameVectors checks the split against names that BibTeX 0.99d itself
// split (../shared/corpus/names/names.json).
func TestNameVectors(t *testing.T) {
	path := filepath.Join(corpusDir(t), "names", "names.json")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var vectors []struct {
		Input                string
		First, Von, Last, Jr string
		NameIndex            *int `json:"name_index"`
	}
	if err := json.Unmarshal(data, &vectors); err != nil {
		t.Fatal(err)
	}
	agree := 0
	for _, v := range vectors {
		names := SplitNameList(v.Input)
		i := 0
		if v.NameIndex != nil {
			i = *v.NameIndex - 1 // 1-based
		}
		if i >= len(names) {
			t.Errorf("%q: %d names, want index %d", v.Input, len(names), i)
			continue
		}
		// The vectors write BibTeX's ties as spaces; compare after mapping
		// '~' to a space on both sides, as their MANIFEST says.
		tie := strings.NewReplacer("~", " ")
		n := ParseName(names[i])
		got := Name{First: tie.Replace(n.First), Von: tie.Replace(n.Von), Last: tie.Replace(n.Last), Jr: tie.Replace(n.Jr)}
		want := Name{First: tie.Replace(v.First), Von: tie.Replace(v.Von), Last: tie.Replace(v.Last), Jr: tie.Replace(v.Jr)}
		if got != want {
			t.Errorf("%q: got %+v, BibTeX %+v", v.Input, got, want)
			continue
		}
		agree++
	}
	t.Logf("%d of %d name vectors agree with BibTeX", agree, len(vectors))
}

// corpusDir returns ../shared/corpus, skipping the test visibly when it is
// absent.
func corpusDir(t testing.TB) string {
	t.Helper()
	dir := filepath.Join("..", "..", "..", "shared", "corpus")
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("SKIP: shared corpus not found at %s: %v", dir, err)
	}
	return dir
}
