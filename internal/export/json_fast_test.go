package export

import (
	"math/rand/v2"
	"testing"

	"github.com/pubs-dev/pubs/internal/bib"
)

// TestSimpleName checks the JSON list's shortcut for plain names against
// the general parser: on every name of the generated library, on names
// built from the characters that matter to it, and on the forms it must
// refuse.
func TestSimpleName(t *testing.T) {
	check := func(raw string) (taken bool) {
		first, last, ok := simpleName(raw)
		if !ok {
			return false
		}
		p := bib.ParseName(raw).Plain()
		if p.First != first || p.Last != last || p.Von != "" || p.Jr != "" {
			t.Fatalf("simpleName(%q) = %q, %q; ParseName gives %+v", raw, first, last, p)
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
	} {
		check(raw)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	alphabet := "AZaz. ,-~{}\\'`"
	for range 200000 {
		b := make([]byte, 1+rng.IntN(12))
		for i := range b {
			b[i] = alphabet[rng.IntN(len(alphabet))]
		}
		check(string(b))
	}
}
