package ids

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// ArXivID is an arXiv identifier: the paper and, optionally, one version.
type ArXivID struct {
	// ID is the identifier without version: new style "2103.14726" or
	// "0706.0001", old style "math/0211159" or "hep-th/9901001". An
	// old-style subject class ("math.GT/0309136") is not kept: arXiv's
	// preferred external form of that paper is "math/0309136".
	ID string
	// Version is the version number, 1 or more, or 0 for none (the latest
	// version).
	Version int
}

// String returns the identifier with its version, "2103.14726v2", or
// without one when Version is 0.
func (a ArXivID) String() string {
	if a.Version > 0 {
		return a.ID + "v" + strconv.Itoa(a.Version)
	}
	return a.ID
}

// URL returns the abstract page, "https://arxiv.org/abs/2103.14726v2".
func (a ArXivID) URL() string {
	return "https://arxiv.org/abs/" + a.String()
}

// DOI returns the DOI that arXiv (through DataCite) assigns to the paper,
// "10.48550/arXiv.2103.14726". The DOI names the paper, not a version.
func (a ArXivID) DOI() string {
	return "10.48550/arXiv." + a.ID
}

// ParseArXiv returns the arXiv identifier in s. s may be the identifier
// itself ("2103.14726v2", "math/0211159", "math.GT/0309136", possibly
// in braces or followed by punctuation) or hold one in running text
// behind a marker: "arXiv:2103.14726" (any case), "arXiv 2103.14726", an
// arxiv.org URL (abs, pdf with or without ".pdf", html, ps, format, src;
// any host under arxiv.org, such as export.arxiv.org; http or https or no
// scheme), or the arXiv DOI 10.48550/arXiv.2103.14726 in any spelling
// ParseDOI accepts. A bare identifier in running text is not taken: too
// many numbers look like one.
func ParseArXiv(s string) (ArXivID, bool) {
	if a, ok := wholeArXiv(s); ok {
		return a, true
	}
	if a, ok := findArXiv(s); ok {
		return a, true
	}
	if d, ok := ParseDOI(s); ok && hasPrefixFold(d, arXivDOIPrefix) {
		if a, end, ok := parseArXivAt(d, len(arXivDOIPrefix)); ok && end == len(d) {
			return a, true
		}
	}
	return ArXivID{}, false
}

const arXivDOIPrefix = "10.48550/arxiv."

// wholeArXiv accepts s when it is an identifier and nothing else but white
// space, wrapping brackets or quotes, and trailing punctuation.
func wholeArXiv(s string) (ArXivID, bool) {
	s = strings.TrimSpace(s)
	a, end, ok := parseArXivAt(s, skipOpeners(s, 0))
	if !ok || strings.TrimRight(s[end:], ".,;:!?'\")]>}’”»›") != "" {
		return ArXivID{}, false
	}
	return a, true
}

// findArXiv scans s for an identifier behind a marker. Like findDOI it
// visits every byte a bounded number of times.
func findArXiv(s string) (ArXivID, bool) {
	// Every marker ("arxiv", "arxiv.org/", "xxx.lanl.gov/", the DOI
	// prefix) holds an x and a v, in either case, as bytes: text without
	// both has no identifier to find. Most titles and notes have none.
	if !hasByteFold(s, 'x') || !hasByteFold(s, 'v') {
		return ArXivID{}, false
	}
	return scanArXiv(s)
}

// scanArXiv is findArXiv without its shortcut.
func scanArXiv(s string) (ArXivID, bool) {
	pending := false // the previous token was "arXiv" or "arXiv:"
	for i := 0; i < len(s); {
		if n := sepLen(s, i); n > 0 {
			i += n
			continue
		}
		j := i
		for j < len(s) && sepLen(s, j) == 0 {
			_, n := utf8.DecodeRuneInString(s[j:])
			j += n
		}
		tok := s[i:j]
		if pending {
			if a, _, ok := parseArXivAt(tok, skipOpeners(tok, 0)); ok {
				return a, true
			}
		}
		pending = false
		for pos := 0; pos < len(tok); pos++ {
			t := tok[pos:]
			switch {
			case hasPrefixFold(t, "arxiv.org/") && (pos == 0 || tok[pos-1] == '.' || !isAlnum(tok[pos-1])),
				hasPrefixFold(t, "xxx.lanl.gov/") && (pos == 0 || !isAlnum(tok[pos-1]) && tok[pos-1] != '.'):
				k := pos + strings.IndexByte(t, '/') + 1
				if a, ok := arXivPath(tok[k:]); ok {
					return a, true
				}
			case hasPrefixFold(t, "arxiv") && wordStart(tok, pos):
				k := pos + len("arxiv")
				if k == len(tok) || (k+1 == len(tok) && tok[k] == ':') {
					pending = true
					continue
				}
				if tok[k] != ':' {
					continue
				}
				if a, _, ok := parseArXivAt(tok, skipOpeners(tok, k+1)); ok {
					return a, true
				}
			case hasPrefixFold(t, arXivDOIPrefix) && doiStart(tok, pos):
				if a, _, ok := parseArXivAt(tok, pos+len(arXivDOIPrefix)); ok {
					return a, true
				}
			}
		}
		i = j
	}
	return ArXivID{}, false
}

// hasByteFold reports whether s holds the lowercase ASCII letter c or its
// uppercase.
func hasByteFold(s string, c byte) bool {
	return strings.IndexByte(s, c) >= 0 || strings.IndexByte(s, c-('a'-'A')) >= 0
}

// arXivPath reads the path of an arxiv.org URL after the host:
// "abs/ID", "pdf/ID" (".pdf" may follow), and the like.
func arXivPath(p string) (ArXivID, bool) {
	slash := strings.IndexByte(p, '/')
	if slash < 0 || !inFold(p[:slash], []string{"abs", "pdf", "html", "ps", "format", "src"}) {
		return ArXivID{}, false
	}
	a, _, ok := parseArXivAt(p, slash+1)
	return a, ok
}

// oldArchives are the archives that issued old-style identifiers
// ("archive/YYMMNNN"), before April 2007.
var oldArchives = []string{
	"acc-phys", "adap-org", "alg-geom", "ao-sci", "astro-ph", "atom-ph",
	"bayes-an", "chao-dyn", "chem-ph", "cmp-lg", "comp-gas", "cond-mat",
	"cs", "dg-ga", "funct-an", "gr-qc", "hep-ex", "hep-lat", "hep-ph",
	"hep-th", "math", "math-ph", "mtrl-th", "nlin", "nucl-ex", "nucl-th",
	"patt-sol", "physics", "plasm-ph", "q-alg", "q-bio", "quant-ph",
	"solv-int", "supr-con",
}

// parseArXivAt parses an identifier at s[i:] and returns it and where it
// ends. The identifier must not run on into a letter or digit.
func parseArXivAt(s string, i int) (ArXivID, int, bool) {
	if i >= len(s) {
		return ArXivID{}, i, false
	}
	var id string
	var end int
	var ok bool
	if isDigit(s[i]) {
		id, end, ok = newStyle(s, i)
	} else {
		id, end, ok = oldStyle(s, i)
	}
	if !ok {
		return ArXivID{}, i, false
	}
	a := ArXivID{ID: id}
	if end < len(s) && (s[end] == 'v' || s[end] == 'V') {
		v, n := digitsAt(s, end+1)
		if n == 0 || n > 6 || s[end+1] == '0' {
			return ArXivID{}, i, false
		}
		a.Version = v
		end += 1 + n
	}
	if end < len(s) && isAlnum(s[end]) {
		return ArXivID{}, i, false
	}
	return a, end, true
}

// digitsAt reads up to 9 digits at s[i:] and returns their value and count
// (the count goes on past 9 so that callers can refuse long runs).
func digitsAt(s string, i int) (int, int) {
	v, n := 0, 0
	for i+n < len(s) && isDigit(s[i+n]) {
		if n < 9 {
			v = v*10 + int(s[i+n]-'0')
		}
		n++
	}
	return v, n
}

// newStyle parses "YYMM.NNNN" (April 2007 to December 2014) or
// "YYMM.NNNNN" (from January 2015).
func newStyle(s string, i int) (string, int, bool) {
	yymm, n := digitsAt(s, i)
	if n != 4 || i+4 >= len(s) || s[i+4] != '.' {
		return "", 0, false
	}
	seq, m := digitsAt(s, i+5)
	mm := yymm % 100
	if mm < 1 || mm > 12 || yymm < 704 || seq == 0 {
		return "", 0, false
	}
	switch {
	case m == 4 && yymm <= 1412:
	case m == 5 && yymm >= 1501:
	default:
		return "", 0, false
	}
	end := i + 5 + m
	return s[i:end], end, true
}

// oldStyle parses "archive/YYMMNNN" or "archive.SC/YYMMNNN" (August 1991
// to March 2007); the subject class is dropped and the archive lowercased.
func oldStyle(s string, i int) (string, int, bool) {
	j := i
	for j < len(s) && j-i <= 10 && (isLetter(s[j]) || s[j] == '-') {
		j++
	}
	archive := asciiLower(s[i:j])
	if !inFold(archive, oldArchives) {
		return "", 0, false
	}
	if j < len(s) && s[j] == '.' {
		k := j + 1
		for k < len(s) && k-j <= 10 && (isLetter(s[k]) || s[k] == '-') {
			k++
		}
		if k == j+1 {
			return "", 0, false
		}
		j = k
	}
	if j >= len(s) || s[j] != '/' {
		return "", 0, false
	}
	num, n := digitsAt(s, j+1)
	if n != 7 {
		return "", 0, false
	}
	yy, mm, seq := num/100000, num/1000%100, num%1000
	yymm := yy*100 + mm
	switch {
	case mm < 1 || mm > 12 || seq == 0:
		return "", 0, false
	case yy >= 91 && yymm < 9108:
		return "", 0, false
	case yy < 91 && yymm > 703:
		return "", 0, false
	}
	end := j + 1 + 7
	return archive + "/" + s[j+1:end], end, true
}

func isLetter(c byte) bool { return 'a' <= c|0x20 && c|0x20 <= 'z' }

func isAlnum(c byte) bool { return isDigit(c) || isLetter(c) }
