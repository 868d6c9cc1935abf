package bib

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/pubs-dev/pubs/internal/bibtexref"
)

// countsFile records, for every corpus file, how many entries BibTeX 0.99d
// reads and how many errors it reports (go test -run Corpus -update
// rewrites it when bibtex is installed). It is the justified count that
// TestCorpusCounts holds the reader to where bibtex is not installed.
const countsFile = "testdata/corpus-bibtex-counts.tsv"

// TestCorpusAgainstBibTeX runs BibTeX itself on every corpus file and
// checks that nothing it reads is lost or changed: every entry BibTeX reads
// is read, with the same type and the same value in every field (after
// BibTeX's white space folding). Entries read beyond BibTeX's must be
// explained, and where BibTeX reports an error so must pubs.
func TestCorpusAgainstBibTeX(t *testing.T) {
	dir, err := corpusBibDir()
	if err != nil {
		t.Skipf("SKIP: shared corpus not found: %v", err)
	}
	if !bibtexref.Available() {
		t.Skip("SKIP: bibtex is not installed (apt-get install texlive-binaries); TestCorpusCounts still checks the recorded counts")
	}
	var counts []string
	var theirTotal, ourTotal, fieldsCompared int
	for _, path := range corpusFiles(t, dir) {
		ref, err := bibtexref.Read(context.Background(), path)
		if err != nil {
			t.Errorf("%s: bibtex: %v", path, err)
			continue
		}
		lib, err := ParseFiles(path)
		if err != nil {
			t.Fatal(err)
		}
		rel, _ := filepath.Rel(dir, path)
		counts = append(counts, fmt.Sprintf("%s\t%d\t%d", filepath.ToSlash(rel), len(ref.Entries), len(ref.Errors)))
		theirTotal += len(ref.Entries)
		ourTotal += len(lib.Entries)
		fieldsCompared += compareWithBibTeX(t, rel, lib, ref)
	}
	t.Logf("BibTeX reads %d entries in the corpus, pubs %d; %d field values compared", theirTotal, ourTotal, fieldsCompared)
	if *update {
		sort.Strings(counts)
		data := "# corpus file (below shared/corpus/bib)\tentries BibTeX 0.99d reads\terrors it reports\n" + strings.Join(counts, "\n") + "\n"
		if err := os.WriteFile(countsFile, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// compareWithBibTeX checks one file and returns how many values it compared.
func compareWithBibTeX(t *testing.T, name string, lib *Library, ref *bibtexref.Result) int {
	t.Helper()
	// Match entries by key without regard to case, repeated keys in order:
	// BibTeX reads the first of a repeated key only.
	ours := map[string][]*Entry{}
	for _, e := range lib.Entries {
		k := strings.ToLower(e.Key)
		ours[k] = append(ours[k], e)
	}
	matched := map[*Entry]bool{}
	compared := 0
	for _, r := range ref.Entries {
		k := strings.ToLower(r.Key)
		if len(ours[k]) == 0 {
			// BibTeX takes the first field name of a keyless entry for its
			// key ("@article{ author = ..."); pubs reads it as keyless.
			if e := keylessWithField(lib, matched, k); e != nil {
				matched[e] = true
				continue
			}
			t.Errorf("%s: BibTeX reads @%s{%s}, pubs does not", name, r.Type, r.Key)
			continue
		}
		e := ours[k][0]
		ours[k] = ours[k][1:]
		matched[e] = true
		// BibTeX's type$ is empty where the name of the type is also
		// written as a field name and bibtexref cannot tell them apart.
		if e.Key != r.Key || (r.Type != "" && e.Type != r.Type) {
			t.Errorf("%s: BibTeX reads @%s{%s}, pubs @%s{%s}", name, r.Type, r.Key, e.Type, e.Key)
		}
		for fname, want := range r.Fields {
			if fname == "crossref" || (e.Get("crossref") != "" && !hasField(e, fname)) {
				continue // BibTeX rewrites crossref and inherits from the parent
			}
			fd, ok := e.Field(fname)
			if !ok {
				t.Errorf("%s: @%s{%s}: BibTeX reads field %q = %q, pubs does not", name, r.Type, r.Key, fname, want)
				continue
			}
			compared++
			if got := foldWhite(fd.Value); got != want {
				t.Errorf("%s: @%s{%s}: %s = %q, BibTeX %q", name, r.Type, r.Key, fname, got, want)
			}
		}
	}
	bibtexErrors := len(ref.Errors) > 0
	if bibtexErrors && lib.Diagnostics.Err() == nil {
		t.Errorf("%s: BibTeX reports %d errors (first: line %d: %s), pubs none", name, len(ref.Errors), ref.Errors[0].Line, ref.Errors[0].Text)
	}
	// Entries that pubs reads beyond BibTeX's must be explained.
	seen := map[string]bool{}
	lastLine := lastLineStart(lib.Files[0])
	for _, e := range lib.Entries {
		k := strings.ToLower(e.Key)
		repeated := seen[k] && !e.NoKey
		seen[k] = true
		switch {
		case matched[e]:
		case repeated, e.NoKey:
			// BibTeX skips a repeated key; it takes the first field name
			// of a keyless entry for its key. pubs reports both.
		case e.Start >= lastLine:
			// BibTeX stops after the item in progress once it has read the
			// file's last line, so it never sees a second item there.
		case bibtexErrors:
			// After a syntax error BibTeX resumes at the next '@'; pubs
			// recovers further (see the package doc).
		default:
			t.Errorf("%s:%d: pubs reads @%s{%s}, BibTeX does not, and nothing explains it", name, e.Pos().Line, e.Type, e.Key)
		}
	}
	return compared
}

func keylessWithField(lib *Library, matched map[*Entry]bool, name string) *Entry {
	for _, e := range lib.Entries {
		if e.NoKey && !matched[e] && e.NumFields() > 0 && e.NameAt(0) == name {
			return e
		}
	}
	return nil
}

func hasField(e *Entry, name string) bool { _, ok := e.Field(name); return ok }

// foldWhite folds white space as BibTeX does in field values: each run
// becomes one space, and the ends are trimmed.
func foldWhite(s string) string {
	return strings.Join(strings.FieldsFunc(s, func(r rune) bool { return r < 0x80 && isWhite(byte(r)) }), " ")
}

// lastLineStart returns the offset where the file's last line starts.
func lastLineStart(f *File) int {
	s := strings.TrimRight(f.Src, "\r\n")
	return strings.LastIndexAny(s, "\r\n") + 1
}

// TestCorpusCounts holds the reader to the entry counts BibTeX 0.99d
// recorded for every corpus file: pubs reads at least as many entries, and
// reports an error wherever BibTeX does. It needs no bibtex binary.
func TestCorpusCounts(t *testing.T) {
	dir, err := corpusBibDir()
	if err != nil {
		t.Skipf("SKIP: shared corpus not found: %v", err)
	}
	f, err := os.Open(countsFile)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	files, entries, ours := 0, 0, 0
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "#") {
			continue
		}
		cols := strings.Split(line, "\t")
		if len(cols) != 3 {
			t.Fatalf("%s: bad line %q", countsFile, line)
		}
		want, _ := strconv.Atoi(cols[1])
		wantErrs, _ := strconv.Atoi(cols[2])
		lib, err := ParseFiles(filepath.Join(dir, filepath.FromSlash(cols[0])))
		if err != nil {
			t.Errorf("%v", err)
			continue
		}
		files++
		entries += want
		ours += len(lib.Entries)
		if len(lib.Entries) < want {
			t.Errorf("%s: pubs reads %d entries, BibTeX %d", cols[0], len(lib.Entries), want)
		}
		if wantErrs > 0 && lib.Diagnostics.Err() == nil {
			t.Errorf("%s: BibTeX reports %d errors, pubs none", cols[0], wantErrs)
		}
	}
	if files == 0 {
		t.Fatal("no counts recorded")
	}
	t.Logf("%d corpus files: BibTeX reads %d entries, pubs %d", files, entries, ours)
}
