package bib

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/pubs-dev/pubs/internal/latex"
)

func TestDisplayForms(t *testing.T) {
	tests := []struct {
		in                                   string
		full, short, lastFirst, lastInitials string
	}{
		{"Ruthotto, Lars", "Lars Ruthotto", "L. Ruthotto", "Ruthotto, Lars", "Ruthotto, L."},
		{"Jean-Pierre Hansen", "Jean-Pierre Hansen", "J.-P. Hansen", "Hansen, Jean-Pierre", "Hansen, J.-P."},
		{"M{\\\"u}ller, J{\\\"o}rg", "Jörg Müller", "J. Müller", "Müller, Jörg", "Müller, J."},
		{"Ludwig van Beethoven", "Ludwig van Beethoven", "L. van Beethoven", "van Beethoven, Ludwig", "van Beethoven, L."},
		{"Ford, Jr., Henry", "Henry Ford, Jr.", "H. Ford, Jr.", "Ford, Jr., Henry", "Ford, Jr., H."},
		{"Osher, Stanley J", "Stanley J Osher", "S. J. Osher", "Osher, Stanley J", "Osher, S. J."},
		{"{\\relax Ch}ristopher Smith", "Christopher Smith", "Ch. Smith", "Smith, Christopher", "Smith, Ch."},
		{"{\\'E}mile Zola", "Émile Zola", "É. Zola", "Zola, Émile", "Zola, É."},
		{"{World Health Organization}", "World Health Organization", "World Health Organization", "World Health Organization", "World Health Organization"},
		{"Aubet, Fran{\\c{c}}ois-Xavier", "François-Xavier Aubet", "F.-X. Aubet", "Aubet, François-Xavier", "Aubet, F.-X."},
	}
	for _, tt := range tests {
		n := ParseName(tt.in)
		got := []string{n.Full(), n.Short(), n.LastFirst(), n.LastInitials()}
		want := []string{tt.full, tt.short, tt.lastFirst, tt.lastInitials}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("%q (-want +got):\n%s", tt.in, diff)
		}
	}
}

func TestSamePerson(t *testing.T) {
	same := [][2]string{
		{"Ruthotto, Lars", "L. Ruthotto"},
		{"Lars Ruthotto", "Ruthotto, L"},
		{"M{\\\"u}ller, J.", "Jörg Müller"},
		{"Osher, Stanley J", "S. Osher"},
		{"Hansen, J.-P.", "Jean-Pierre Hansen"},
	}
	different := [][2]string{
		{"Li, Xingjian", "Li, Xiaoming"},
		{"Müller, J.", "Mueller, J."},
		{"Ruthotto, Lars", "Ruthotto, K."},
		{"Smith, John", "Smyth, John"},
	}
	for _, p := range same {
		if !SamePerson(ParseName(p[0]), ParseName(p[1])) {
			t.Errorf("SamePerson(%q, %q) = false", p[0], p[1])
		}
	}
	for _, p := range different {
		if SamePerson(ParseName(p[0]), ParseName(p[1])) {
			t.Errorf("SamePerson(%q, %q) = true", p[0], p[1])
		}
	}
}

// TestPlainAlready checks the shortcut of Plain: a part that plainAlready
// takes is what the LaTeX converter makes of it, on random parts of
// letters, spaces, punctuation, LaTeX and characters beyond ASCII.
func TestPlainAlready(t *testing.T) {
	slow := func(s string) string {
		return strings.Join(strings.Fields(strings.ReplaceAll(latex.ToText(s), "\u00a0", " ")), " ")
	}
	alphabet := []string{"A", "z", ".", " ", "  ", "-", "--", ",", "'", "`", "~", "{", "}", "\\'", "$",
		"é", "Ł", "e\u0301", "\u00a0", "\u2003", "\xff", "\ufffd", "李", "ß"}
	rng := rand.New(rand.NewPCG(7, 8))
	taken := 0
	for range 100000 {
		var b strings.Builder
		for range 1 + rng.IntN(8) {
			b.WriteString(alphabet[rng.IntN(len(alphabet))])
		}
		s := b.String()
		if !plainAlready(s) {
			continue
		}
		taken++
		if want := slow(s); s != want {
			t.Fatalf("plainAlready(%q), but the converter makes %q", s, want)
		}
	}
	for _, s := range []string{"José María", "Łukasz", "Nguyễn Văn"} {
		if !plainAlready(s) {
			t.Errorf("plainAlready(%q) = false", s)
		}
	}
	if taken < 1000 {
		t.Errorf("plainAlready took %d random parts only", taken)
	}
}
