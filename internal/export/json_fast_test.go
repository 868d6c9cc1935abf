package export

import (
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"

	"github.com/pubs-dev/pubs/internal/bib"
)

// TestSimpleName checks the JSON list's shortcut for plain names against
// the general parser: on every name of the generated library, on names
// built from the characters that matter to it, and on the forms it must
// refuse.
func TestSimpleName(t *testing.T) {
	check := func(raw string) (taken bool) {
		first, last, ok := bib.SimpleName(raw)
		if !ok {
			return false
		}
		n := bib.ParseName(raw)
		if want := (bib.Name{First: first, Last: last}); n != want || n.Plain() != want {
			t.Fatalf("SimpleName(%q) = %q, %q; ParseName gives %+v, plain %+v", raw, first, last, n, n.Plain())
		}
		// The export's cache takes the shortcut too.
		people := newPersonCache(0)
		canon, ok := people.canonicalName(raw)
		if wantCanon, wantOK := bib.CanonicalName(raw); canon != wantCanon || ok != wantOK {
			t.Fatalf("canonicalName(%q) = %q, %v; bib.CanonicalName gives %q, %v", raw, canon, ok, wantCanon, wantOK)
		}
		owner := []bib.Name{bib.ParseName("Ruthotto, Lars"), n}
		if got, want := people.person(raw, Options{Owner: owner}), newPerson(raw, n, Options{Owner: owner}); !reflect.DeepEqual(got, want) {
			t.Fatalf("person(%q) = %+v, want %+v", raw, got, want)
		}
		return true
	}
	taken, all := 0, 0
	for _, e := range benchEntries(t) {
		for _, field := range []string{"author", "editor"} {
			for _, raw := range bib.SplitNameList(e.Get(field)) {
				all++
				if check(raw) {
					taken++
				}
			}
		}
	}
	// Most generated names take the shortcut; otherwise it tests nothing.
	if taken < all/2 {
		t.Fatalf("the shortcut took %d of %d generated names", taken, all)
	}
	for _, raw := range []string{
		"", " ", "A", "a", "Ab Cd", "Ab  Cd", "Ab Cd ", " Ab", "Ab, Cd", "Ab,Cd", "Ab, ", "Ab,",
		"Ab, Cd, Ef", "Ab, Jr, Cd", "Ab de Cd", "ab Cd", "Ab Cd-Ef", "Ab~Cd", "Ab {Cd}",
		"Ab C{\\\"u}", "Ab Ç", "Ab\tCd", "A. B. C.", "A.B. Cd", "Ab Cd.", "Ab,  Cd", "Ab Cd, Ef Gh",
		"De La Cruz, Ana", "others", "Others", "Ab and Cd", "Ab'Cd", "O'Neil, Ann",
		"José Müller", "Müller, José", "Łukasz Kaiser", "Émile Borel", "ǅemal Bijedić", "Ørsted, H. C.",
		"Ab Mu\u0308ller", "Ab\u00a0Cd", "Ab \u00e9mile", "李 小龍", "Ab C\xff", "\xffAb", "Ab \ufffd",
		"Ab Cd\u2003", "Ab ſ", "Ab Cß",
	} {
		check(raw)
	}
	for _, raw := range []string{"José Müller", "Müller, José", "Łukasz Kaiser", "ǅemal Bijedić", "Ørsted, H. C."} {
		if !check(raw) {
			t.Errorf("SimpleName(%q) refused a name of letters beyond ASCII", raw)
		}
	}
	rng := rand.New(rand.NewPCG(1, 2))
	alphabet := []string{"A", "Z", "a", "z", ".", " ", ",", "-", "~", "{", "}", "\\", "'", "`",
		"É", "é", "Ł", "ǅ", "ß", "李", "\u0301", "\u00a0", "\u2003", "\xff", "\ufffd", "ſ"}
	for range 200000 {
		var b strings.Builder
		for range 1 + rng.IntN(12) {
			b.WriteString(alphabet[rng.IntN(len(alphabet))])
		}
		check(b.String())
	}
}
