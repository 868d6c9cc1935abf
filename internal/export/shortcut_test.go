package export

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/pubs-dev/pubs/internal/bib"
)

// TestAppendZeroPadded checks isoDate's number formatting against fmt.
func TestAppendZeroPadded(t *testing.T) {
	for _, width := range []int{2, 4} {
		for n := 0; n <= 12000; n++ {
			if got, want := string(appendZeroPadded(nil, n, width)), fmt.Sprintf("%0*d", width, n); got != want {
				t.Fatalf("appendZeroPadded(%d, %d) = %q, want %q", n, width, got, want)
			}
		}
	}
}

// TestFoldSpaceShortcut checks foldSpace against the folding it
// shortcuts (foldFields), on random text.
func TestFoldSpaceShortcut(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	alphabet := []string{"a", "Z", " ", "  ", "\t", "\n", "\r", "\v", "\f", "\x01", "\u00a0", "\u2003", "\u0085", "é", "\xff", "\xc2", ".",
		"à", "х", "Š", "\xa0", "\x85"} // letters whose last byte is 0xA0 or 0x85, and those bytes alone
	for range 200000 {
		var b strings.Builder
		for range rng.IntN(8) {
			b.WriteString(alphabet[rng.IntN(len(alphabet))])
		}
		if got, want := foldSpace(b.String()), foldFields(b.String()); got != want {
			t.Fatalf("foldSpace(%q) = %q, want %q", b.String(), got, want)
		}
		// The folding itself, rune by rune.
		want := strings.Join(strings.Fields(b.String()), " ")
		if r, _ := utf8.DecodeRuneInString(b.String()); unicode.IsSpace(r) {
			want = " " + want
		}
		if r, _ := utf8.DecodeLastRuneInString(b.String()); unicode.IsSpace(r) && want != " " {
			want += " "
		}
		if got := foldSpace(b.String()); got != want {
			t.Fatalf("foldSpace(%q) = %q, want %q", b.String(), got, want)
		}
	}
}

// TestPersonLaTeX checks that personLaTeX returns the name as written
// exactly when that is "First von Last" with single spaces.
func TestPersonLaTeX(t *testing.T) {
	for _, tc := range []struct{ raw, want string }{
		{"Lars Ruthotto", "Lars Ruthotto"},
		{"Ruthotto, Lars", "Lars Ruthotto"},
		{"Ludwig van Beethoven", "Ludwig van Beethoven"},
		{"van Beethoven, Ludwig", "Ludwig van Beethoven"},
		{"Ford, Jr., Henry", "Henry Ford, Jr."},
		{"Lars  Ruthotto", "Lars Ruthotto"},
		{"Jean-Paul Sartre", "Jean-Paul Sartre"},
		{"J.~Doe", "J. Doe"},
		{"Plato", "Plato"},
		{"{The Gene Ontology Consortium}", "{The Gene Ontology Consortium}"},
	} {
		if got := personLaTeX(tc.raw, bib.ParseName(tc.raw)); got != tc.want {
			t.Errorf("personLaTeX(%q) = %q, want %q", tc.raw, got, tc.want)
		}
	}
}

// TestEscapeMarkdown checks escapeMarkdown's byte scan against escaping
// rune by rune (its first form): every byte alone and around text, and
// random text with every special character, letters beyond ASCII and
// invalid UTF-8 (whose bytes both turn into U+FFFD).
func TestEscapeMarkdown(t *testing.T) {
	ref := func(s string) string {
		var b strings.Builder
		for _, r := range s {
			if strings.ContainsRune("\\`*_[]<>&$|~", r) {
				b.WriteByte('\\')
			}
			b.WriteRune(r)
		}
		return b.String()
	}
	check := func(s string) {
		if got, want := escapeMarkdown(s), ref(s); got != want {
			t.Fatalf("escapeMarkdown(%q) = %q, want %q", s, got, want)
		}
	}
	for c := range 256 {
		for _, f := range []string{"%c", "a%c", "%cb", "é%c\\", "%c%c"} {
			check(strings.ReplaceAll(f, "%c", string([]byte{byte(c)})))
		}
	}
	rng := rand.New(rand.NewPCG(11, 12))
	alphabet := []string{"a", " ", "\\", "`", "*", "_", "[", "]", "<", ">", "&", "$", "|", "~", "#", "é", "张", "\U0001F600", "\xff", "\xc3", "\x80", "\u00a0"}
	for range 200000 {
		var b strings.Builder
		for range rng.IntN(12) {
			b.WriteString(alphabet[rng.IntN(len(alphabet))])
		}
		check(b.String())
	}
	// Text without a special character is returned as it is.
	if s := "José Müller: a study"; escapeMarkdown(s) != s || !utf8.ValidString(s) {
		t.Fatal("plain text changed")
	}
}
