package lint

import (
	"bytes"
	"regexp"
	"testing"

	"github.com/pubs-dev/pubs/internal/bench/libgen"
	"github.com/pubs-dev/pubs/internal/bib"
)

// TestSamePersonShortcut checks samePerson, which Check uses within a
// group of one PersonKey, against bib.SamePerson on every pair of
// spellings of a generated library that share a key.
func TestSamePersonShortcut(t *testing.T) {
	var buf bytes.Buffer
	if err := libgen.Generate(&buf, 3000, 11, 0); err != nil {
		t.Fatal(err)
	}
	re := regexp.MustCompile(`(?mi)^\s*(?:author|editor)\s*=\s*[{"](.*)[}"],?\s*$`)
	w := &worker{cache: map[string]*nameInfo{}}
	groups := map[string][]*nameInfo{}
	for _, m := range re.FindAllStringSubmatch(buf.String(), -1) {
		for _, raw := range bib.SplitNameList(m[1]) {
			if info := w.name(raw); !info.others && len(groups[info.key]) < 40 {
				groups[info.key] = append(groups[info.key], info)
			}
		}
	}
	pairs := 0
	for _, g := range groups {
		for i := range g {
			for j := range i {
				pairs++
				if got, want := samePerson(g[i], g[j]), bib.SamePerson(g[i].name, g[j].name); got != want {
					t.Errorf("samePerson(%q, %q) = %v, bib.SamePerson says %v", g[i].full, g[j].full, got, want)
				}
			}
		}
	}
	if pairs < 1000 {
		t.Fatalf("only %d pairs", pairs)
	}
}
