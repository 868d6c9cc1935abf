package bib

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestNickngAgrees compares the reader with nickng/bibtex on the test data,
// the default library and every corpus file it accepts.
func TestNickngAgrees(t *testing.T) {
	var paths []string
	for _, pattern := range []string{"testdata/valid/*.bib", "../../refs/*.bib"} {
		m, _ := filepath.Glob(pattern)
		paths = append(paths, m...)
	}
	if dir, err := corpusBibDir(); err == nil {
		paths = append(paths, corpusFiles(t, dir)...)
	} else {
		t.Logf("SKIP corpus part: %v", err)
	}
	files, accepted, fields := 0, 0, 0
	for _, p := range paths {
		src, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		files++
		compared, n, diff := nickngDiff(src)
		if !compared {
			continue
		}
		accepted++
		fields += n
		for _, d := range diff {
			t.Errorf("%s: %s", p, d)
		}
	}
	t.Logf("whole files: nickng/bibtex accepted %d of %d; %d field values compared", accepted, files, fields)
	if fields == 0 {
		t.Error("nothing was compared")
	}

	// nickng/bibtex rejects most real files as a whole, so compare entry by
	// entry too: each entry with the @string definitions before it.
	entries, accepted, fields := 0, 0, 0
	for _, p := range paths {
		src, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		f, _ := Parse(p, src)
		var strs strings.Builder
		for _, it := range f.Items {
			switch it.Kind {
			case KindString:
				if !it.Entry.Broken {
					strs.WriteString(f.Src[it.Start:it.End] + "\n")
				}
			case KindEntry:
				entries++
				compared, n, diff := nickngDiff([]byte(strs.String() + f.Src[it.Start:it.End]))
				if !compared {
					continue
				}
				accepted++
				fields += n
				for _, d := range diff {
					t.Errorf("%s:%d: %s", p, f.Position(it.Start).Line, d)
				}
			}
		}
	}
	t.Logf("entry by entry: nickng/bibtex accepted %d of %d; %d field values compared", accepted, entries, fields)
}

func corpusBibDir() (string, error) {
	dir := filepath.Join("..", "..", "..", "shared", "corpus", "bib")
	_, err := os.Stat(dir)
	return dir, err
}

// corpusFiles lists the .bib files below dir in name order.
func corpusFiles(t testing.TB, dir string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && filepath.Ext(p) == ".bib" {
			out = append(out, p)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}
