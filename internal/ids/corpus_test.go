package ids

import (
	"encoding/json"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
)

// The shared corpus of real .bib files and the recorded DOI/arXiv
// responses (see /work/shared/corpus/MANIFEST.md and
// /work/shared/fixtures/doi/MANIFEST.md). Tests that need them skip, and
// say so, when they are absent.
var (
	corpusBibDir = filepath.Join("..", "..", "..", "shared", "corpus", "bib")
	fixtureDir   = filepath.Join("..", "..", "..", "shared", "fixtures", "doi")
)

// notDOIs are the doi field values in the corpus that are genuinely not a
// DOI, each with the reason. Every other doi value must parse.
var notDOIs = map[string]string{
	"978-3-319-07040-7":                 "an ISBN",
	"d4vb59":                            "not an identifier of any known kind",
	"fg6rf9":                            "not an identifier of any known kind",
	"j.desal.2005.02.017":               "a DOI suffix without its prefix (10.1016/ is missing)",
	"0.1088/0957-4484/22/26/265202":     "a DOI with its first digit lost (10.1088/… truncated)",
	"http://hdl.handle.net/2445/178855": "a Handle that is not a DOI (prefix 2445, not 10.)",
	"http://hdl.handle.net/2445/185952": "a Handle that is not a DOI (prefix 2445, not 10.)",
	"https://dialnet.unirioja.es/servlet/articulo?codigo=10094389": "a catalogue URL with no DOI in it",
}

// bibField is one field value read from a .bib file.
type bibField struct {
	file  string // relative to the corpus folder
	line  int
	name  string // lowercased
	value string // without its outer delimiters
}

// fieldStart finds "name =" at the start of a field. The scan below goes
// on after each value it reads, so text inside values is not taken for
// fields.
var fieldStart = regexp.MustCompile(`(?i)(?:^|[{,\s])([a-z][a-z0-9_:.-]*)\s*=\s*`)

// entryStart finds the '@' that starts an item.
var entryStart = regexp.MustCompile(`(?m)^[ \t]*@`)

// readFields returns the fields of each item of a .bib file, item by item.
// It is a rough reader, good enough to gather values for these tests; the
// real parser lives in internal/bib, which this package does not import.
func readFields(rel, text string) [][]bibField {
	var entries [][]bibField
	starts := entryStart.FindAllStringIndex(text, -1)
	for k, st := range starts {
		end := len(text)
		if k+1 < len(starts) {
			end = starts[k+1][0]
		}
		chunk := text[st[0]:end]
		base := st[0]
		var fields []bibField
		for pos := 0; pos < len(chunk); {
			m := fieldStart.FindStringSubmatchIndex(chunk[pos:])
			if m == nil {
				break
			}
			name := strings.ToLower(chunk[pos+m[2] : pos+m[3]])
			vstart := pos + m[1]
			value, vend := readValue(chunk, vstart)
			line := 1 + strings.Count(text[:base+pos+m[2]], "\n")
			fields = append(fields, bibField{file: rel, line: line, name: name, value: value})
			if vend <= pos {
				vend = pos + 1
			}
			pos = vend
		}
		entries = append(entries, fields)
	}
	return entries
}

// readValue reads a braced, quoted or bare value at s[i:].
func readValue(s string, i int) (string, int) {
	if i >= len(s) {
		return "", i
	}
	switch s[i] {
	case '{':
		depth := 0
		for j := i; j < len(s); j++ {
			switch s[j] {
			case '{':
				depth++
			case '}':
				depth--
				if depth == 0 {
					return s[i+1 : j], j + 1
				}
			}
		}
		return s[i+1:], len(s)
	case '"':
		depth := 0
		for j := i + 1; j < len(s); j++ {
			switch s[j] {
			case '{':
				depth++
			case '}':
				depth--
			case '"':
				if depth == 0 {
					return s[i+1 : j], j + 1
				}
			}
		}
		return s[i+1:], len(s)
	}
	j := i
	for j < len(s) && !strings.ContainsRune(",}\n\r", rune(s[j])) {
		j++
	}
	return strings.TrimSpace(s[i:j]), j
}

// corpusCache keeps what corpusEntries read, by folder.
var corpusCache = map[string][][]bibField{}

// corpusEntries reads every .bib file below dir (once per test binary).
func corpusEntries(t *testing.T, dir string) [][]bibField {
	t.Helper()
	if all, ok := corpusCache[dir]; ok {
		return all
	}
	var all [][]bibField
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || filepath.Ext(p) != ".bib" {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		all = append(all, readFields(filepath.ToSlash(rel), string(data))...)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	corpusCache[dir] = all
	return all
}

func corpusOrSkip(t *testing.T, dir string) {
	t.Helper()
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("SKIP: shared folder not found: %v", err)
	}
}

// plainDOI matches a doi value that is already a bare DOI: it must come
// back from ParseDOI unchanged.
var plainDOI = regexp.MustCompile(`^10\.[0-9]+(\.[0-9]+)*/[^\s{}\\]*[^\s{}\\.,;:)\]>'"]$`)

// TestCorpusDOIFields reads every doi = … value in the corpus and checks
// that each parses, or is listed in notDOIs as genuinely not a DOI.
func TestCorpusDOIFields(t *testing.T) {
	corpusOrSkip(t, corpusBibDir)
	total, parsed, unchanged := 0, 0, 0
	forms := map[DOIForm]int{}
	seenNot := map[string]bool{}
	for _, e := range corpusEntries(t, corpusBibDir) {
		for _, f := range e {
			if f.name != "doi" {
				continue
			}
			total++
			v := f.value
			d, ok := ParseDOI(v)
			if !ok {
				reason, known := notDOIs[strings.TrimSpace(v)]
				if !known {
					t.Errorf("%s:%d: doi = %q does not parse", f.file, f.line, v)
					continue
				}
				seenNot[strings.TrimSpace(v)] = true
				t.Logf("not a DOI: %s:%d: %q (%s)", f.file, f.line, v, reason)
				continue
			}
			parsed++
			forms[ClassifyDOI(v)]++
			if plainDOI.MatchString(v) {
				if d != v {
					t.Errorf("%s:%d: bare doi = %q came back as %q", f.file, f.line, v, d)
				}
				unchanged++
			} else if d != v {
				t.Logf("normalised: %s:%d: %q -> %q", f.file, f.line, v, d)
			}
		}
	}
	for v := range notDOIs {
		if !seenNot[v] {
			t.Errorf("notDOIs lists %q, which is no longer in the corpus", v)
		}
	}
	t.Logf("corpus doi fields: %d; %d parse (%d already bare and unchanged; forms: bare %d, prefixed %d, resolver URL %d, publisher URL %d); %d genuinely not DOIs",
		total, parsed, unchanged, forms[DOIBare], forms[DOIPrefixed], forms[DOIResolverURL], forms[DOIPublisherURL], total-parsed)
	if total == 0 {
		t.Error("no doi fields found: is the corpus reader broken?")
	}
}

// notArXiv lists the corpus entries that carry an arXiv hint (an arXiv
// archiveprefix or eprinttype, an arxiv or arxivid field) but name no
// arXiv paper, keyed by the file and line of the first such field. All are
// from one Mendeley export, which fills arxiv and arxivid with whatever it
// found (a DOI split at its slash, a PubMed or NIH manuscript number, a
// page number).
var notArXiv = map[string]string{
	"real/bibtex-tidy/better-bibtex/Unabbreviate_on_import_1436-3.bib:569":   "a DOI: arxivid = doi:10.7567/APEX.7.071001",
	"real/bibtex-tidy/better-bibtex/Unabbreviate_on_import_1436-3.bib:1209":  "a DOI: arxivid = 10.1021/nl403687h",
	"real/bibtex-tidy/better-bibtex/Unabbreviate_on_import_1436-3.bib:4760":  "a number: arxiv = 2",
	"real/bibtex-tidy/better-bibtex/Unabbreviate_on_import_1436-3.bib:19624": "a number: arxiv = 1",
	"real/bibtex-tidy/better-bibtex/Unabbreviate_on_import_1436-3.bib:20029": "a citation of supplementary information with a PubMed Central URL",
	"real/bibtex-tidy/better-bibtex/Unabbreviate_on_import_1436-3.bib:38569": "a DOI: arxivid = 10.1016/0927-0256(96)00008",
	"real/bibtex-tidy/better-bibtex/Unabbreviate_on_import_1436-3.bib:48871": "an NIH manuscript id: NIHMS150003",
	"real/bibtex-tidy/better-bibtex/Unabbreviate_on_import_1436-3.bib:52462": "a DOI URL: http://dx.doi.org/10.1021/acs.nanolett.6b04050",
	"real/bibtex-tidy/better-bibtex/Unabbreviate_on_import_1436-3.bib:78245": "a DOI URL: https://doi.org/10.1016/0001-6160(53)90006-6",
	"real/bibtex-tidy/better-bibtex/Unabbreviate_on_import_1436-3.bib:83244": "a PubMed-like number: 15334406",
}

// TestCorpusEntryIDs runs DOIFromFields and ArXivFromFields on every
// corpus entry and reports what they find.
func TestCorpusEntryIDs(t *testing.T) {
	corpusOrSkip(t, corpusBibDir)
	entries := corpusEntries(t, corpusBibDir)
	var withDOI, withArXiv, hinted, urlDOIs, urlDOIsParsed int
	byField := map[string]int{}
	var missed []string
	seen := map[string]bool{}
	for _, e := range entries {
		fields := map[string]string{}
		for _, f := range e {
			if _, dup := fields[f.name]; !dup {
				fields[f.name] = f.value
			}
		}
		get := func(name string) string { return fields[name] }
		if _, from, ok := DOIFromFields(get); ok {
			withDOI++
			byField[from]++
		}
		for _, name := range []string{"url", "ee", "note", "howpublished"} {
			v := fields[name]
			if strings.Contains(v, "doi.org/10.") || strings.Contains(v, "doi.acm.org/10.") {
				urlDOIs++
				if _, _, ok := findDOI(v, scanMarked); ok {
					urlDOIsParsed++
				} else {
					t.Errorf("%s = %q: resolver URL not read", name, v)
				}
			}
		}
		a, ok := ArXivFromFields(get)
		if ok {
			withArXiv++
		}
		hint := strings.EqualFold(plainValue(fields["archiveprefix"]), "arxiv") ||
			strings.EqualFold(plainValue(fields["eprinttype"]), "arxiv") ||
			fields["arxiv"] != "" || fields["arxivid"] != ""
		if !hint {
			continue
		}
		hinted++
		if !ok {
			where := ""
			for _, f := range e {
				if f.name == "eprint" || f.name == "arxiv" || f.name == "arxivid" || f.name == "archiveprefix" || f.name == "eprinttype" {
					where = f.file + ":" + itoa(f.line)
					break
				}
			}
			reason, known := notArXiv[where]
			if !known {
				t.Errorf("%s: arXiv hint without an identifier: %s", where, describe(fields))
				continue
			}
			seen[where] = true
			missed = append(missed, where+" ("+reason+")")
		} else if a.ID == "" {
			t.Errorf("empty id from %v", fields)
		}
	}
	sort.Strings(missed)
	for _, m := range missed {
		t.Logf("arXiv hint, but not arXiv: %s", m)
	}
	for where := range notArXiv {
		if !seen[where] {
			t.Errorf("notArXiv lists %s, which no longer misses", where)
		}
	}
	t.Logf("corpus entries: %d; with a DOI: %d (by field: %v); doi.org/doi.acm.org URLs in url/ee/note/howpublished: %d, read: %d",
		len(entries), withDOI, byField, urlDOIs, urlDOIsParsed)
	t.Logf("entries with an arXiv identifier: %d; entries with an arXiv hint: %d, of which %d hold no arXiv identifier (listed in notArXiv)", withArXiv, hinted, len(missed))
}

func describe(fields map[string]string) string {
	var parts []string
	for _, k := range []string{"eprint", "archiveprefix", "eprinttype", "primaryclass", "arxiv", "arxivid", "journal", "url"} {
		if v, ok := fields[k]; ok {
			parts = append(parts, k+"="+strings.Join(strings.Fields(v), " "))
		}
	}
	return strings.Join(parts, "; ")
}

func itoa(n int) string {
	b := []byte{}
	for {
		b = append([]byte{byte('0' + n%10)}, b...)
		n /= 10
		if n == 0 {
			return string(b)
		}
	}
}

// TestFixtureBibDOIs checks the BibTeX bodies recorded from doi.org: the
// doi field and the (percent-encoded) url field name the same DOI.
func TestFixtureBibDOIs(t *testing.T) {
	corpusOrSkip(t, fixtureDir)
	files, _ := filepath.Glob(filepath.Join(fixtureDir, "*.bib"))
	pairs := 0
	for _, p := range files {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range readFields(filepath.Base(p), string(data)) {
			fields := map[string]string{}
			for _, f := range e {
				fields[f.name] = f.value
			}
			doi, u := fields["doi"], fields["url"]
			if doi == "" || u == "" {
				continue
			}
			pairs++
			if !IsDOI(doi) || !EqualDOI(doi, u) || ClassifyDOI(u) != DOIResolverURL {
				t.Errorf("%s: doi = %q, url = %q: want the same DOI", filepath.Base(p), doi, u)
			}
		}
	}
	t.Logf("fixture BibTeX bodies: %d doi/url pairs agree", pairs)
}

// TestFixtureRequests checks the identifiers of the recorded requests
// against the answers the services gave: doi.org answered 400 "Not a DOI"
// exactly for the strings ParseDOI refuses, and arXiv's API answered with
// an error (400) or no entry for exactly the identifiers ParseArXiv
// refuses.
func TestFixtureRequests(t *testing.T) {
	corpusOrSkip(t, fixtureDir)
	data, err := os.ReadFile(filepath.Join(fixtureDir, "index.json"))
	if err != nil {
		t.Fatal(err)
	}
	var index []struct {
		File   string `json:"file"`
		URL    string `json:"url"`
		Status int    `json:"status"`
	}
	if err := json.Unmarshal(data, &index); err != nil {
		t.Fatal(err)
	}
	var dois, arxivs int
	for _, r := range index {
		u, err := url.Parse(r.URL)
		if err != nil {
			t.Errorf("%s: %v", r.File, err)
			continue
		}
		switch {
		case (u.Host == "doi.org" || u.Host == "dx.doi.org") && !strings.HasPrefix(u.Path, "/ra/"):
			dois++
			_, ok := ParseDOI(r.URL)
			if ok == (r.Status == 400) {
				t.Errorf("%s: %s answered %d, but ParseDOI ok = %v", r.File, r.URL, r.Status, ok)
			}
		case u.Host == "api.datacite.org" && strings.HasPrefix(u.Path, "/dois/"):
			dois++
			if _, ok := ParseDOI(strings.TrimPrefix(u.Path, "/dois/")); !ok {
				t.Errorf("%s: DataCite DOI %q does not parse", r.File, u.Path)
			}
		case u.Host == "export.arxiv.org" && u.Query().Get("id_list") != "":
			arxivs++
			id := u.Query().Get("id_list")
			_, ok := ParseArXiv(id)
			body, err := os.ReadFile(filepath.Join(fixtureDir, r.File))
			if err != nil {
				t.Fatal(err)
			}
			found := r.Status == 200 && strings.Contains(string(body), "<entry") && !strings.Contains(string(body), "api/errors#")
			if ok != found {
				t.Errorf("%s: arXiv id %q: API found a paper: %v, ParseArXiv ok = %v", r.File, id, found, ok)
			}
		}
	}
	t.Logf("fixture requests checked: %d DOI, %d arXiv", dois, arxivs)
}
