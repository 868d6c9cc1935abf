package export

import (
	"strings"

	"github.com/pubs-dev/pubs/internal/bib"
	"github.com/pubs-dev/pubs/internal/ids"
)

// privateByDefault are the fields no public output shows: personal notes,
// local file paths, reference-manager bookkeeping, and the owner's own
// keywords. abstract is private unless abstracts are asked for. "note" is
// not private: it is a bibliographic field ("To appear") that styles print.
var privateByDefault = []string{
	"abstract", "annote", "annotation", "comment", "comments", "notes", "review",
	"file", "files", "pdf", "localfile", "local-url",
	"owner", "timestamp", "date-added", "date-modified", "added-at", "biburl", "interhash", "intrahash",
	"groups", "readstatus", "read", "printed", "priority", "ranking", "rating", "qualityassured",
	"keywords", "mendeley-groups", "mendeley-tags", "__markedentry",
}

// privatePrefixes mark families of bookkeeping fields (BibDesk's
// bdsk-file-1, bdsk-url-1; JabRef's and Mendeley's extras).
var privatePrefixes = []string{"bdsk-", "mendeley-", "jabref-", "zotero-"}

func privateFields(opt Options) map[string]bool {
	m := map[string]bool{}
	for _, f := range privateByDefault {
		m[f] = true
	}
	if opt.Abstract {
		delete(m, "abstract")
	}
	for _, f := range opt.Private {
		m[strings.ToLower(strings.TrimSpace(f))] = true
	}
	return m
}

// IsPrivate reports whether a field is kept out of public output.
func isPrivate(private map[string]bool, name string) bool {
	if private[name] {
		return true
	}
	for _, p := range privatePrefixes {
		if strings.HasPrefix(name, p) {
			return true
		}
	}
	return false
}

// CiteBibTeX returns an entry as it is shown behind a Cite button and in
// an exported .bib: in canonical form, private fields removed, repeated
// fields dropped (the first counts, as in BibTeX), the DOI bare, and
// @string macros expanded so that the entry stands alone (month macros
// stay: every style defines them).
func CiteBibTeX(e *bib.Entry, private map[string]bool) string {
	return string(appendCite(nil, e, newCiteOptions(private, nil)))
}

// newCiteOptions returns the formatting of Cite blocks, with a cached
// bib.CanonicalName (nil for none) for callers that write many entries.
func newCiteOptions(private map[string]bool, canonical func(string) (string, bool)) bib.FormatOptions {
	return bib.FormatOptions{
		NormalizeDOI:  ids.ParseDOI,
		CanonicalName: canonical,
		Expand:        true,
		FirstOnly:     true,
		Select:        func(e *bib.Entry, i int) bool { return !isPrivate(private, e.NameAt(i)) },
	}
}

// appendCite appends the Cite block of an entry (see CiteBibTeX).
func appendCite(b []byte, e *bib.Entry, opt bib.FormatOptions) []byte {
	if out, ok := bib.AppendEntry(b, e, opt, "\n"); ok {
		return out
	}
	// Not printable in canonical form: shown as the file holds it.
	return append(b, strings.TrimSpace(e.Raw())...)
}
