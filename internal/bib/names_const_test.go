package bib

import (
	"strings"
	"testing"
	"unsafe"
)

// TestCommonNamesAreConstants checks that lowerName returns the shared
// constant for every common name, in any case, and a lowercase copy for
// other names.
func TestCommonNamesAreConstants(t *testing.T) {
	names := append([]string{"article", "inproceedings", "mastersthesis", "unpublished", "string", "timestamp"}, fieldOrder...)
	for _, n := range names {
		c, ok := commonNames[n]
		if !ok || c != n {
			t.Fatalf("commonNames[%q] = %q, %v", n, c, ok)
		}
		for _, written := range []string{n, strings.ToUpper(n), strings.ToUpper(n[:1]) + n[1:]} {
			src := string([]byte(written)) // as read from a file
			if got := lowerName(src); got != n || unsafe.StringData(got) != unsafe.StringData(c) {
				t.Errorf("lowerName(%q) = %q, not the constant", written, got)
			}
		}
	}
	for _, n := range []string{"x-custom", "Zotero-Key", "a", "", "urldatex", "éditeur", strings.Repeat("a", 40)} {
		if got, want := lowerName(n), strings.ToLower(n); got != want {
			t.Errorf("lowerName(%q) = %q, want %q", n, got, want)
		}
		if _, ok := commonNames[strings.ToLower(n)]; ok {
			t.Errorf("%q taken for a common name", n)
		}
	}
}
