package lookup

import (
	"flag"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pubs-dev/pubs/internal/bib"
	"github.com/pubs-dev/pubs/internal/ids"
	"github.com/pubs-dev/pubs/internal/lint"
	"github.com/pubs-dev/pubs/internal/lookup/lookuptest"
)

var update = flag.Bool("update", false, "rewrite testdata/golden/*.bib")

// fixtures returns the folder of recorded responses, or skips the test.
func fixtures(t testing.TB) string {
	t.Helper()
	dir, ok := lookuptest.FixtureDir()
	if !ok {
		t.Skip("SKIP: no recorded responses: ../shared/fixtures/doi not found (set PUBS_FIXTURES_DOI)")
	}
	return dir
}

// metadataRecord maps one recorded metadata response, or reports that the
// file is not one (an error page, an RA lookup, server BibTeX, ...).
func metadataRecord(t *testing.T, dir string, r lookuptest.Record) (*Work, bool) {
	t.Helper()
	body, err := os.ReadFile(filepath.Join(dir, r.File))
	if err != nil {
		t.Fatal(err)
	}
	var w *Work
	switch {
	case strings.HasSuffix(r.File, ".crossref.json") && r.Status == 200:
		w, err = ParseCrossref(body)
	case strings.HasSuffix(r.File, ".csl.json"):
		w, err = ParseCSL(body)
	case strings.HasSuffix(r.File, ".datacite.json") && r.Status == 200:
		w, err = ParseDataCite(body)
	case strings.HasPrefix(r.File, "arxiv_") && r.Status == 200 && !strings.Contains(r.File, "empty"):
		u, _ := url.Parse(r.URL)
		a, ok := ids.ParseArXiv(u.Query().Get("id_list"))
		if !ok {
			t.Fatalf("%s: no arXiv id in %s", r.File, r.URL)
		}
		w, err = ParseArXivAtom(body, a)
	default:
		return nil, false
	}
	if err != nil {
		t.Fatalf("%s: %v", r.File, err)
	}
	return w, true
}

// TestRecordedResponses maps every recorded metadata response to BibTeX
// and checks the entry against its golden file, the reader (no errors),
// the lints and 'pubs fmt' (the entry is already canonical).
func TestRecordedResponses(t *testing.T) {
	dir := fixtures(t)
	recs, err := lookuptest.LoadIndex(dir)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, r := range recs {
		w, ok := metadataRecord(t, dir, r)
		if !ok {
			continue
		}
		n++
		t.Run(r.File, func(t *testing.T) {
			for _, ascii := range []bool{false, true} {
				key := UniqueKey(w.KeyBase(""), func(string) bool { return false })
				text := w.Entry(key, EntryOptions{ASCII: ascii, Keywords: []string{"new"}})
				checkEntry(t, text, key)
				golden := filepath.Join("testdata", "golden", strings.TrimSuffix(r.File, filepath.Ext(r.File))+".bib")
				if ascii {
					golden = strings.TrimSuffix(golden, ".bib") + ".ascii.bib"
				}
				compareGolden(t, golden, text+"\n")
			}
		})
	}
	if n < 20 {
		t.Errorf("only %d metadata recordings found", n)
	}
}

// checkEntry parses an entry written by Work.Entry and fails on any
// reader error, any lint warning but a missing year, a non-canonical
// layout or a tag left in the text.
func checkEntry(t *testing.T, text, key string) {
	t.Helper()
	f, err := bib.Parse("new.bib", []byte(text))
	if err != nil {
		t.Fatalf("the entry does not parse: %v\n%s", err, text)
	}
	lib := bib.NewLibrary([]*bib.File{f}, nil)
	if len(lib.Entries) != 1 || lib.Entries[0].Key != key {
		t.Fatalf("want one entry %q, got %d\n%s", key, len(lib.Entries), text)
	}
	for _, d := range append(lib.Diagnostics, lint.Check(lib)...) {
		if strings.Contains(d.Msg, "lacks year") || strings.Contains(d.Msg, "look like one person") {
			continue
		}
		t.Errorf("%s\n%s", d.Diagnostic(), text)
	}
	if out, ok := bib.FormatEntry(lib.Entries[0], bib.FormatOptions{NormalizeDOI: ids.ParseDOI}, "\n"); !ok || out != text {
		t.Errorf("the entry is not in canonical form:\n%s\nfmt gives:\n%s", text, out)
	}
	if strings.ContainsAny(text, "<>") {
		t.Errorf("markup left in the entry:\n%s", text)
	}
}

func compareGolden(t *testing.T, path, got string) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if string(want) != got {
		t.Errorf("%s differs (run go test -update after checking):\ngot:\n%s\nwant:\n%s", path, got, want)
	}
}
