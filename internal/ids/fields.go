package ids

import "strings"

// DOIFromFields finds the DOI of a BibTeX entry. get returns the value of
// a field by its lowercase name, or "" when the entry has no such field
// (BibTeX field names are case-insensitive: get must find "DOI" when asked
// for "doi"). Values may still carry BibTeX braces and LaTeX escapes.
//
// The fields are tried in order, and the first DOI found wins:
//
//   - doi: any spelling ParseDOI accepts;
//   - url, then ee (DBLP's "electronic edition"): a DOI resolver URL, a
//     publisher URL with the DOI in its path, or a "doi:" prefix;
//   - note, then howpublished: a DOI resolver URL or a "doi:" prefix only,
//     for a bare DOI in prose may well cite another work.
//
// field is the name of the field the DOI came from.
func DOIFromFields(get func(name string) string) (doi string, field string, ok bool) {
	if d, ok := ParseDOI(get("doi")); ok {
		return d, "doi", true
	}
	for _, f := range []string{"url", "ee"} {
		if d, _, ok := findDOI(get(f), scanURL); ok {
			return d, f, true
		}
	}
	for _, f := range []string{"note", "howpublished"} {
		if d, _, ok := findDOI(get(f), scanMarked); ok {
			return d, f, true
		}
	}
	return "", "", false
}

// ArXivFromFields finds the arXiv identifier of a BibTeX entry. get is as
// for DOIFromFields. The fields are tried in order, and the first
// identifier found wins:
//
//   - eprint, when archiveprefix (BibTeX, as arXiv recommends) or
//     eprinttype (biblatex) is "arXiv" in any case, or when neither is
//     given; an eprint of another archive (archiveprefix = {HAL}) is not
//     read. An old-style number without its archive ("0604596") takes the
//     archive from primaryclass or eprintclass ("cond-mat").
//   - arxiv and arxivid (written by some tools, Mendeley among them),
//     including Mendeley's mangled "0604596 [cond-mat]" for
//     cond-mat/0604596;
//   - doi, when it is an arXiv DOI (10.48550/arXiv.…);
//   - journal and journaltitle: "arXiv preprint arXiv:2103.14726", or
//     DBLP's journal = {CoRR} with volume = {abs/2103.14726};
//   - url, ee, howpublished, note: an arxiv.org URL or an "arXiv:" marker.
func ArXivFromFields(get func(name string) string) (ArXivID, bool) {
	if eprint := get("eprint"); eprint != "" {
		prefix := plainValue(get("archiveprefix"))
		etype := plainValue(get("eprinttype"))
		if (prefix == "" && etype == "") || strings.EqualFold(prefix, "arxiv") || strings.EqualFold(etype, "arxiv") {
			class := get("primaryclass")
			if class == "" {
				class = get("eprintclass")
			}
			if a, ok := eprintArXiv(eprint, class); ok {
				return a, true
			}
		}
	}
	for _, f := range []string{"arxiv", "arxivid"} {
		if a, ok := eprintArXiv(get(f), ""); ok {
			return a, true
		}
	}
	if d, ok := arXivDOI(get("doi")); ok {
		return d, true
	}
	for _, f := range []string{"journal", "journaltitle"} {
		j := get(f)
		if a, ok := findArXiv(j); ok {
			return a, true
		}
		if p := plainValue(j); strings.EqualFold(p, "CoRR") || strings.EqualFold(p, "Computing Research Repository") {
			v := plainValue(get("volume"))
			if hasPrefixFold(v, "abs/") {
				if a, ok := wholeArXiv(v[len("abs/"):]); ok {
					return a, true
				}
			}
		}
	}
	for _, f := range []string{"url", "ee", "howpublished", "note"} {
		if a, ok := findArXiv(get(f)); ok {
			return a, true
		}
	}
	return ArXivID{}, false
}

// arXivDOI returns the arXiv id of a doi field that holds an arXiv DOI
// (10.48550/arXiv.ID). The prefix holds an x and a v, in either case:
// a value without both, and without the percent sign that could encode
// them, holds none, and is not parsed (TestArXivDOIShortcut).
func arXivDOI(raw string) (ArXivID, bool) {
	if (!hasByteFold(raw, 'x') || !hasByteFold(raw, 'v')) && strings.IndexByte(raw, '%') < 0 {
		return ArXivID{}, false
	}
	if d, ok := ParseDOI(raw); ok && hasPrefixFold(d, arXivDOIPrefix) {
		if a, end, ok := parseArXivAt(d, len(arXivDOIPrefix)); ok && end == len(d) {
			return a, true
		}
	}
	return ArXivID{}, false
}

// plainValue trims white space and BibTeX braces from a short field value
// such as archiveprefix = {{arXiv}}.
func plainValue(s string) string {
	if !strings.ContainsAny(s, "{}") {
		return strings.TrimSpace(s)
	}
	return strings.TrimSpace(braceRemover.Replace(s))
}

var braceRemover = strings.NewReplacer("{", "", "}", "")

// eprintArXiv reads an identifier from an eprint-like field: any form
// ParseArXiv accepts, a bare old-style number with the archive given by
// class, or Mendeley's "NNNNNNN[vN] [archive]".
func eprintArXiv(v, class string) (ArXivID, bool) {
	if v == "" {
		return ArXivID{}, false
	}
	if a, ok := ParseArXiv(v); ok {
		return a, true
	}
	v = plainValue(v)
	num := v
	if sp := strings.IndexByte(v, ' '); sp >= 0 {
		// Mendeley: "0604596 [cond-mat]", "0405236v1 [arXiv:hep-ph]"
		num = v[:sp]
		tail := strings.TrimSpace(v[sp+1:])
		if len(tail) < 3 || tail[0] != '[' || tail[len(tail)-1] != ']' {
			return ArXivID{}, false
		}
		class = tail[1 : len(tail)-1]
		if hasPrefixFold(class, "arxiv:") {
			class = class[len("arxiv:"):]
		}
	}
	if a, ok := wholeArXiv(num); ok {
		return a, true
	}
	archive := plainValue(class)
	if k := strings.IndexAny(archive, ".,; :"); k >= 0 {
		archive = archive[:k] // "math.GT", "cond-mat, physics:physics"
	}
	if archive == "" || len(num) < 7 {
		return ArXivID{}, false
	}
	return wholeArXiv(archive + "/" + num)
}
