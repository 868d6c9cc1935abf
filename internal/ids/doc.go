// Package ids normalises and validates the identifiers pubs finds in BibTeX
// fields and on command lines: DOIs and arXiv identifiers.
//
// # Design
//
// Everything here is a pure function of its input: no network, no state.
// Input is text written by people and tools (BibTeX fields, pasted URLs,
// sentences), so every function accepts any string, never panics, and runs
// in time linear in its length: the scanners cut the input into tokens at
// white space, look for the spellings below at the start of each word, and
// skip a candidate that fails as a whole instead of retrying inside it.
// FuzzParseDOI, FuzzParseArXiv and TestLinearTime hold the code to this.
//
// A DOI is returned as a bare DOI ("10.1000/xyz") with its case kept, in a
// canonical form that is a fixed point: ParseDOI(d) == d for every d it
// returns, IsDOI reports exactly those strings, and
// ParseDOI(DOIURL(d)) == d. An arXiv identifier is returned as an [ArXivID],
// with ParseArXiv(a.String()) == a.
//
// # DOI syntax
//
// A DOI is "10." and a registrant code of digits with optional
// dot-separated sub-parts (10.1000, 10.1000.10), then "/" and a non-empty
// suffix of any printable Unicode characters; there is no length limit
// (DOI Handbook, "DOI Name Syntax" and "General Characteristics of the DOI
// Syntax", https://www.doi.org/doi-handbook/HTML/doi-name-syntax2.html,
// https://www.doi.org/doi-handbook/HTML/general-characteristics-of-the.html).
// pubs is stricter, in ways meant to cost nothing in practice:
// the suffix holds no white space (it would be indistinguishable from
// the text around it), nothing Unicode does not class as printable
// (control and format characters, private-use and unassigned code points),
// no braces (in BibTeX they are grouping, see below) and no HTML tag (see
// "Trailing punctuation").
// Crossref has accepted only a-z, A-Z, 0-9 and "-._;()/" in new suffixes
// since about 2008 (https://www.crossref.org/documentation/member-setup/constructing-your-dois/),
// but older DOIs hold much more: SICIs such as
// 10.1002/(SICI)1097-4571(199806)49:8<693::AID-ASI4>3.0.CO;2-O and
// 10.1890/0012-9615(1999)069[0569:EDILSA]2.0.CO;2, DOIs with '#' or '+'
// (10.1021/nl072670+). All of these are accepted.
//
// DOIs are case-insensitive (Handbook, "General Characteristics"). Only
// ASCII case is folded, by [EqualDOI] and [DOIKey]: the Handbook notes that
// the exact definition of case-insensitivity is still to be clarified, so
// non-ASCII letters are compared as written. ParseDOI keeps the case it
// was given.
//
// # DOI spellings that ParseDOI accepts
//
//   - Bare, as in 10.1000/xyz.
//   - Prefixed: doi:10.1000/xyz, DOI: 10.1000/xyz, DOI 10.1000/xyz (the
//     label may be a token of its own), urn:doi:10.1000:xyz and
//     info:doi/10.1000/xyz.
//   - Resolver URLs, with http, https or no scheme: doi.org, dx.doi.org,
//     www.doi.org, hdl.handle.net (a DOI is a handle), and the older
//     resolvers doi.acm.org, doi.wiley.com and doi.ieeecomputersociety.org
//     that BibTeX exports (DBLP's ee field among them) carry. The
//     query and fragment are dropped. The path may be the URN form
//     https://doi.org/urn:doi:10.123:456 that the Handbook describes.
//   - Publisher URLs (see below).
//   - Any of these inside running text: "see doi:10.1000/xyz." gives
//     10.1000/xyz. The first DOI found wins.
//
// Percent-encoding is decoded once, in URL forms only (including the path
// of a publisher URL): "%" is itself a legal DOI character, so a bare or
// prefixed DOI is taken as written. One exception: a bare DOI whose first
// slash is encoded, "10.1007%2Fbf01700692" (copied out of a URL), is no DOI
// undecoded, so decoding cannot misread it.
//
// # BibTeX and LaTeX residue
//
// Braces are BibTeX grouping, never DOI content (a literal brace cannot be
// written in a BibTeX field at all but as \{). So {10.1000/xyz},
// \doi{10.1000/xyz}, 10.1000/{ABC}def and \url{https://doi.org/…} all
// give the DOI without braces: a '}' that closes a group opened before the
// DOI ends it, and the braces left inside are removed.
//
// The LaTeX escapes \_ \% \# \& \$ become _ % # & $. People write
// 10.1000/a\_b because a DOI printed by a BibTeX style must be valid LaTeX,
// and the DOI meant is 10.1000/a_b. This reading is a choice: a DOI really
// containing a backslash followed by one of those characters would be
// misread. None is known; the backslash is not among Crossref's approved
// characters, and the Handbook recommends encoding it in URLs. Other
// backslash pairs are kept as written, which keeps the rule idempotent.
//
// # Trailing punctuation
//
// A DOI in a sentence or in brackets is followed by punctuation, and
// nothing marks where the DOI ends. The rule: strip, repeatedly, from the
// end of the candidate
//
//   - the sentence and quotation marks . , ; : ! ? ' " ’ ” » ›, always;
//   - a closing ) ] or > that has no opening partner in the candidate.
//
// So 10.1016/S0140-6736(20)30183-5 and the SICI DOIs above keep their
// balanced brackets, while "(see 10.1000/xyz)." and "<https://doi.org/…>"
// lose the wrapper. The price: a DOI that really ends in '.', ',', ';' or
// ':' cannot be written; the Crossref pattern admits such DOIs in theory
// (Andrew Gilmartin, "DOIs and matching regular expressions", Crossref
// blog, 2015-08-11), but a final '.' is almost always the end of a
// sentence, and Zotero's cleanDOI makes the same call
// (Zotero.Utilities.cleanDOI: /10(?:\.[0-9]{4,})?\/[^\s]*[^\s\.,]/).
// IsDOI is false for a string ending so, which keeps ParseDOI idempotent.
//
// A DOI also ends at a simple HTML tag such as <br/> or </a> (web pages
// and Mendeley notes separate DOIs with <br/>; a SICI's <693::AID-ASI4>
// holds digits and colons, so it is no such tag). Inside a URL, a DOI also
// ends at a double or single quote mark (the end of an HTML attribute, as
// in <a href="https://doi.org/…">) and at '?' or '#'
// (query and fragment, as a browser reads them).
//
// # DOIs in publisher URLs
//
// A publisher URL yields a DOI only when the path has a segment "10.NNNN"
// (a registrant code of four or more digits, so that "/10.5/" is not
// taken) right after one of the segments that publishers use to introduce
// a DOI: doi, abs, abstract, full, fulltext, pdf, epdf, pdfdirect, article,
// articles, chapter, book, stable. The DOI runs to the end of the path
// (DOI suffixes contain slashes: 10.1088/1361-6420/aa9a90), less one
// trailing segment that names a view of the article (meta, pdf, full,
// abstract, fulltext, epdf) and a final ".pdf". Examples:
//
//	https://onlinelibrary.wiley.com/doi/10.1002/gamm.202100008
//	https://link.springer.com/article/10.1007/s10851-019-00903-1
//	https://www.pnas.org/doi/full/10.1073/pnas.1922204117
//	https://iopscience.iop.org/article/10.1088/1361-6420/aa9a90/meta
//	https://link.springer.com/content/pdf/10.1007/s10851-019-00903-1.pdf
//
// The heuristic is conservative on purpose: a URL that does not fit gives
// no DOI rather than a wrong one. bioRxiv's
// https://www.biorxiv.org/content/10.1101/2021.08.15.21262067v1, whose
// last segment appends a version to the DOI, gives none.
//
// # DOI links
//
// [DOIURL] follows the DOI Handbook, "DOI Name Encoding Rules for URL
// Presentation" (https://www.doi.org/doi-handbook/HTML/encoding-rules-for-urls.html):
// it percent-encodes the mandatory characters % " # space ?, the
// recommended < > { } ^ [ ] ` | \ +, and also the apostrophe, control
// characters and every byte of a non-ASCII character (UTF-8). It keeps
// / ; ( ) : and the other characters that are safe in a URL path, and ','
// (the Handbook asks to encode it only in "Which RA?" requests). As the
// Handbook also recommends, the slash after a "." or ".." segment is
// encoded, so that browsers cannot remove the segment.
//
// # arXiv identifiers
//
// From https://info.arxiv.org/help/arxiv_identifier.html and
// https://info.arxiv.org/help/arxiv_identifier_for_services.html:
//
//   - New style (from April 2007): YYMM.NNNN up to 1412, YYMM.NNNNN from
//     1501; YYMM at least 0704, month 01 to 12, sequence number not zero.
//   - Old style (August 1991 to March 2007): archive/YYMMNNN, the archive
//     one of the 34 that issued such identifiers (hep-th, math, cond-mat,
//     astro-ph, …), optionally with a subject class (math.GT/0309136).
//     arXiv's preferred external form drops the subject class
//     (math.CA/0611800v2 is arXiv:math/0611800v2), and so does ArXivID.ID,
//     so that the two spellings compare equal. Archive names are
//     lowercased.
//   - An optional version: "v" and a number from 1, without leading zero.
//
// [ParseArXiv] accepts the identifier alone (in braces, followed by
// punctuation), or in text behind a marker: "arXiv:" in any case (with or
// without a space after it), arxiv.org URLs (abs, pdf with or without
// ".pdf", html, ps, format, src; any host under arxiv.org, such as
// export.arxiv.org; xxx.lanl.gov), and arXiv's DataCite DOI
// 10.48550/arXiv.<id>, assigned to every paper since 2022 and naming the
// paper, not a version (https://blog.arxiv.org/2022/02/17/new-arxiv-articles-are-now-automatically-assigned-dois/).
// A bare identifier inside other text is not taken, since many numbers
// look like one. [ArXivFromFields] documents which BibTeX fields are read.
package ids
