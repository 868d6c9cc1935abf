package bib

import (
	"context"
	"os"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/pubs-dev/pubs/internal/bibtexref"
)

// TestNamesAgainstBibTeX splits every author and editor list of the corpus
// with pubs and with BibTeX's format.name$ and compares the four parts.
// Lists where a word starts with a non-ASCII letter are counted apart:
// there pubs deliberately gives the letter its Unicode case (as biber
// does), where BibTeX skips the bytes.
func TestNamesAgainstBibTeX(t *testing.T) {
	dir, err := corpusBibDir()
	if err != nil {
		t.Skipf("SKIP: shared corpus not found: %v", err)
	}
	if !bibtexref.Available() {
		t.Skip("SKIP: bibtex is not installed (apt-get install texlive-binaries)")
	}
	seen := map[string]bool{}
	var lists []string
	for _, path := range corpusFiles(t, dir) {
		src, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		f, _ := Parse(path, src)
		lib := NewLibrary([]*File{f}, nil)
		for _, e := range lib.Entries {
			for _, name := range []string{"author", "editor"} {
				v := foldWhite(e.Get(name))
				if v == "" || seen[v] || !utf8.ValidString(v) || braceDepthOK(v) != nil {
					continue
				}
				seen[v] = true
				lists = append(lists, v)
			}
		}
	}
	ref, err := bibtexref.SplitNames(context.Background(), lists)
	if err != nil {
		t.Fatal(err)
	}
	tie := strings.NewReplacer("~", " ")
	names, agree, unicodeDiffs := 0, 0, 0
	for i, list := range lists {
		ours := ParseNames(list)
		if len(ours) != len(ref[i]) {
			t.Errorf("%q: pubs reads %d names, BibTeX %d", list, len(ours), len(ref[i]))
			continue
		}
		for j, n := range ours {
			names++
			want := ref[i][j]
			got := [4]string{tie.Replace(n.First), tie.Replace(n.Von), tie.Replace(n.Last), tie.Replace(n.Jr)}
			for k := range want {
				want[k] = strings.Join(strings.Fields(tie.Replace(want[k])), " ")
				got[k] = strings.Join(strings.Fields(got[k]), " ")
			}
			switch {
			case got == want:
				agree++
			case hasNonASCIIWordStart(list):
				unicodeDiffs++
			default:
				t.Errorf("%q name %d: pubs %q, BibTeX %q", list, j+1, got, want)
			}
		}
	}
	t.Logf("%d name lists, %d names: %d agree with BibTeX, %d differ by the deliberate Unicode-case rule", len(lists), names, agree, unicodeDiffs)
}

func braceDepthOK(s string) error {
	depth := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '{':
			depth++
		case '}':
			depth--
			if depth < 0 {
				return os.ErrInvalid
			}
		}
	}
	if depth != 0 {
		return os.ErrInvalid
	}
	return nil
}

func hasNonASCIIWordStart(s string) bool {
	for _, w := range strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == '~' || r == '-' || r == ',' }) {
		if w[0] >= utf8.RuneSelf {
			return true
		}
	}
	return false
}
