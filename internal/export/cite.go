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
	return citeBibTeX(e, private, nil)
}

// citeBibTeX is CiteBibTeX with a cached bib.CanonicalName (nil for
// none), for callers that write many entries.
func citeBibTeX(e *bib.Entry, private map[string]bool, canonical func(string) (string, bool)) string {
	if e.Key == "" || e.Broken || e.NoKey {
		// Not printable in canonical form: show what the file holds.
		return strings.TrimSpace(e.Raw())
	}
	c := *e
	c.Fields = make([]bib.Field, 0, len(e.Fields))
	// Entries have a handful of fields, where a linear search beats a
	// map; a map keeps a hostile entry with many fields linear.
	var seen map[string]bool
	if len(e.Fields) > 32 {
		seen = make(map[string]bool, len(e.Fields))
	}
	for i, f := range e.Fields {
		if isPrivate(private, f.Name) {
			continue
		}
		if seen != nil {
			if seen[f.Name] {
				continue
			}
			seen[f.Name] = true
		} else if seenBefore(e.Fields[:i], f.Name) {
			continue
		}
		if needsExpansion(&f, e.File) {
			f = bib.Field{Name: f.Name, Value: f.Value} // not from the file: written as {Value}
		}
		c.Fields = append(c.Fields, f)
	}
	text, ok := bib.FormatEntry(&c, bib.FormatOptions{NormalizeDOI: ids.ParseDOI, CanonicalName: canonical}, "\n")
	if !ok {
		return strings.TrimSpace(e.Raw())
	}
	return text
}

// seenBefore reports whether a field of that name comes before: BibTeX
// uses the first of repeated fields.
func seenBefore(before []bib.Field, name string) bool {
	for i := range before {
		if before[i].Name == name {
			return true
		}
	}
	return false
}

// needsExpansion: a value that uses a macro other than a month.
func needsExpansion(f *bib.Field, file *bib.File) bool {
	var buf [8]bib.Part
	parts := f.AppendParts(buf[:0], file)
	for _, p := range parts {
		if p.Kind == bib.PartMacro && !(len(parts) == 1 && bib.ParseMonth(p.Text) > 0 && len(p.Text) == 3) {
			return true
		}
	}
	return false
}
