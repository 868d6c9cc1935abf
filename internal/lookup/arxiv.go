package lookup

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"strings"

	"github.com/pubs-dev/pubs/internal/ids"
)

type atomFeed struct {
	Entries []atomEntry `xml:"http://www.w3.org/2005/Atom entry"`
}

type atomEntry struct {
	ID        string `xml:"http://www.w3.org/2005/Atom id"`
	Title     string `xml:"http://www.w3.org/2005/Atom title"`
	Summary   string `xml:"http://www.w3.org/2005/Atom summary"`
	Published string `xml:"http://www.w3.org/2005/Atom published"`
	Authors   []struct {
		Name string `xml:"http://www.w3.org/2005/Atom name"`
	} `xml:"http://www.w3.org/2005/Atom author"`
	DOI        string `xml:"http://arxiv.org/schemas/atom doi"`
	JournalRef string `xml:"http://arxiv.org/schemas/atom journal_ref"`
	Primary    struct {
		Term string `xml:"term,attr"`
	} `xml:"http://arxiv.org/schemas/atom primary_category"`
	Categories []struct {
		Term string `xml:"term,attr"`
	} `xml:"http://www.w3.org/2005/Atom category"`
}

// ParseArXivAtom reads an answer of the arXiv API for the identifier
// asked. A feed without entries means the identifier does not exist
// (ErrNotFound); arXiv's error entry (for a malformed identifier) is an
// error.
func ParseArXivAtom(body []byte, asked ids.ArXivID) (*Work, error) {
	var feed atomFeed
	dec := xml.NewDecoder(bytes.NewReader(body))
	dec.Strict = true
	if err := dec.Decode(&feed); err != nil {
		return nil, fmt.Errorf("malformed answer from arXiv: %v", err)
	}
	var e *atomEntry
	for i := range feed.Entries {
		x := &feed.Entries[i]
		if strings.Contains(x.ID, "/api/errors") {
			msg := clean(x.Summary)
			if msg == "" {
				msg = "error"
			}
			return nil, fmt.Errorf("arXiv rejected %q: %s", asked.String(), msg)
		}
		if got, ok := ids.ParseArXiv(x.ID); ok && got.ID == asked.ID {
			e = x
			break
		}
		if e == nil {
			e = x
		}
	}
	if e == nil || clean(e.Title) == "" {
		return nil, &NotFoundError{ID: ID{Kind: KindArXiv, ArXiv: asked}, Msg: fmt.Sprintf("arXiv:%s does not exist", asked)}
	}
	w := &Work{
		Type:      "misc",
		Title:     clean(e.Title),
		Publisher: "arXiv",
		Source:    "arXiv API",
	}
	// Keep the version the user asked for; without one, cite the paper.
	w.EPrint = asked.String()
	w.PrimaryClass = strings.TrimSpace(e.Primary.Term)
	if w.PrimaryClass == "" && len(e.Categories) > 0 {
		w.PrimaryClass = strings.TrimSpace(e.Categories[0].Term)
	}
	w.URL = ids.ArXivID{ID: asked.ID, Version: asked.Version}.URL()
	w.Year, w.Month = isoYM(e.Published)
	for _, a := range e.Authors {
		if n := clean(a.Name); n != "" {
			w.Authors = append(w.Authors, splitName(n))
		}
	}
	if d, ok := ids.ParseDOI(strings.TrimSpace(e.DOI)); ok {
		w.DOI = d
	}
	return w, nil
}

// clean collapses white space (arXiv wraps titles across lines).
func clean(s string) string { return strings.Join(strings.Fields(s), " ") }

// collective words mark a name that is an organisation, kept whole.
var collective = []string{"collaboration", "consortium", "team", "group", "project", "committee", "network", "society", "association"}

// splitName splits a name written "Given Family" (arXiv gives names so)
// into its parts: the last word is the family name, with particles (van,
// de, ...) before it, and a trailing Jr. or a roman numeral is a suffix.
func splitName(n string) Person {
	words := strings.Fields(n)
	for _, w := range words {
		for _, c := range collective {
			if strings.EqualFold(w, c) {
				return Person{Literal: n}
			}
		}
	}
	if strings.Contains(n, ",") {
		// "Family, Given" or "Given Family, Jr."
		parts := strings.Split(n, ",")
		if len(parts) == 2 && isSuffix(strings.TrimSpace(parts[1])) {
			p := splitName(strings.TrimSpace(parts[0]))
			p.Suffix = strings.TrimSpace(parts[1])
			return p
		}
		return Person{Family: strings.TrimSpace(parts[0]), Given: strings.TrimSpace(strings.Join(parts[1:], " "))}
	}
	suffix := ""
	if len(words) > 2 && isSuffix(words[len(words)-1]) {
		suffix = words[len(words)-1]
		words = words[:len(words)-1]
	}
	if len(words) == 1 {
		return Person{Family: words[0], Suffix: suffix}
	}
	i := len(words) - 1
	for i > 1 && isParticle(words[i-1]) {
		i--
	}
	return Person{Given: strings.Join(words[:i], " "), Family: strings.Join(words[i:], " "), Suffix: suffix}
}

func isSuffix(w string) bool {
	switch strings.ToLower(strings.TrimSuffix(w, ".")) {
	case "jr", "sr", "ii", "iii", "iv":
		return true
	}
	return false
}

func isParticle(w string) bool {
	switch strings.ToLower(w) {
	case "van", "von", "de", "der", "den", "del", "della", "di", "da", "du", "la", "le", "ter", "ten", "dos", "das", "bin", "ibn", "al":
		return true
	}
	return false
}
