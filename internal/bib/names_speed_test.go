package bib

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// namePieces make random names and name lists: words, separators of
// every kind, "and" in every case, braces, special characters, commas.
var namePieces = []string{"a", "B", "von", "Van", "de", "la", "Jr", "others", ",", " ", "  ", "\t", "\n", "-", "~", ".", "{", "}", `{\"u}`, `{\relax Ch}`, `\"o`, "ü", "Ø", "李", "\u00a0", "\xff",
	"and", "AND", "aNd", " and ", " AND ", "  and\t", "and and", "band", "andy", "n", "N", "d"}

func randomName(r *rand.Rand) string {
	var b strings.Builder
	for range 1 + r.IntN(10) {
		b.WriteString(namePieces[r.IntN(len(namePieces))])
	}
	return b.String()
}

// TestAppendNameListShortcut compares AppendNameList, which finds the
// "and"s of a list without braces by their n, with the byte-by-byte
// split, on random lists with and without braces, and checks that it
// appends.
func TestAppendNameListShortcut(t *testing.T) {
	r := rand.New(rand.NewPCG(21, 22))
	flat := 0
	for range 200000 {
		s := randomName(r)
		if r.IntN(2) == 0 {
			s = strings.NewReplacer("{", "", "}", "").Replace(s)
		}
		want := appendNameListBytes(nil, s)
		if !strings.ContainsAny(s, "{}") {
			flat++
			if got := appendNameListFlat(nil, s); !slices.Equal(got, want) {
				t.Fatalf("appendNameListFlat(%q) = %q, want %q", s, got, want)
			}
		}
		got := AppendNameList([]string{"x"}, s)
		if got[0] != "x" || !slices.Equal(got[1:], want) {
			t.Fatalf("AppendNameList(x, %q) = %q, want x, %q", s, got, want)
		}
		if got := SplitNameList(s); !slices.Equal(got, want) || (got == nil) != (want == nil) {
			t.Fatalf("SplitNameList(%q) = %#v, want %#v", s, got, want)
		}
	}
	if flat < 50000 {
		t.Fatalf("only %d lists without braces", flat)
	}
}

// TestParseNameTable compares ParseName, which classifies bytes with a
// table, with the ParseName it replaced, on random names and on the
// names of the corpus vectors.
func TestParseNameTable(t *testing.T) {
	r := rand.New(rand.NewPCG(23, 24))
	for range 200000 {
		s := randomName(r)
		if got, want := ParseName(s), parseNameReference(s); got != want {
			t.Fatalf("ParseName(%q) = %#v, want %#v", s, got, want)
		}
	}
}

// parseNameReference is ParseName as it was before the byte table: the
// reference for TestParseNameTable.
func parseNameReference(s string) Name {
	// BibTeX ignores white space and commas at the end of a name
	// ("Gee, M.W.," is "Gee, M.W.").
	s = strings.TrimRightFunc(s, func(r rune) bool { return r == ',' || (r < 0x80 && isWhite(byte(r))) })
	var toks []nameToken
	var commas []int // token index at each comma
	depth := 0
	starting := true
	var sep byte // the separator before the next word
	start := 0
	end := func(i int) {
		if !starting {
			toks[len(toks)-1].text = s[start:i]
		}
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if depth > 0 {
			switch c {
			case '{':
				depth++
			case '}':
				depth--
			}
			continue
		}
		switch {
		case c == ',':
			end(i)
			if len(commas) < 2 {
				commas = append(commas, len(toks))
			}
			sep, starting = ',', true
		case isWhite(c) || c == '-' || c == '~':
			if !starting {
				end(i)
				sep = c
				if isWhite(c) {
					sep = ' '
				}
			}
			starting = true
		default:
			if c == '{' {
				depth++
			}
			if starting {
				toks = append(toks, nameToken{sep: sep, off: i})
				start = i
				starting = false
			}
		}
	}
	end(len(s))

	n := len(toks)
	var firstStart, firstEnd, vonStart, vonEnd, lastEnd, jrEnd int
	switch len(commas) {
	case 0:
		lastEnd, jrEnd = n, n
		vonStart = 0
		found := false
		for ; vonStart < lastEnd-1; vonStart++ {
			if isVon(toks[vonStart].text) {
				found = true
				break
			}
		}
		if found {
			vonEnd = vonEndIndex(toks, vonStart, lastEnd)
		} else {
			// No von part: the last name is the last word, and the words
			// hyphenated to it.
			for vonStart > 0 && toks[vonStart].sep == '-' {
				vonStart--
			}
			vonEnd = vonStart
		}
		firstEnd = vonStart
	case 1:
		lastEnd, jrEnd = commas[0], commas[0]
		firstStart, firstEnd = jrEnd, n
		vonEnd = vonEndIndex(toks, 0, lastEnd)
	default:
		lastEnd, jrEnd = commas[0], commas[1]
		firstStart, firstEnd = jrEnd, n
		vonEnd = vonEndIndex(toks, 0, lastEnd)
	}
	return Name{
		First: joinTokens(s, toks, firstStart, firstEnd),
		Von:   joinTokens(s, toks, vonStart, vonEnd),
		Last:  joinTokens(s, toks, vonEnd, lastEnd),
		Jr:    joinTokens(s, toks, lastEnd, jrEnd),
	}
}
