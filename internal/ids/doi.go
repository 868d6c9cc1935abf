package ids

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// DOIForm says how a DOI was written: the spelling ParseDOI recognised.
// Lints use it to report, for instance, "DOI written as URL" in a doi field.
type DOIForm int

// The forms of a DOI. The zero value is DOIInvalid.
const (
	// DOIInvalid: the text holds no valid DOI.
	DOIInvalid DOIForm = iota
	// DOIBare: the DOI itself, "10.1000/xyz", possibly with BibTeX residue
	// (braces, \_), surrounding white space or trailing punctuation.
	DOIBare
	// DOIPrefixed: "doi:10.1000/xyz", "DOI: 10.1000/xyz", "urn:doi:…",
	// "info:doi/…".
	DOIPrefixed
	// DOIResolverURL: a URL of a DOI resolver, "https://doi.org/10.1000/xyz",
	// "http://dx.doi.org/…", "doi.org/…" without a scheme, and the like.
	DOIResolverURL
	// DOIPublisherURL: a publisher's URL with the DOI in its path, such as
	// "https://onlinelibrary.wiley.com/doi/10.1002/gamm.202100008".
	DOIPublisherURL
)

// String names the form, for messages.
func (f DOIForm) String() string {
	switch f {
	case DOIBare:
		return "bare DOI"
	case DOIPrefixed:
		return "doi: prefix"
	case DOIResolverURL:
		return "resolver URL"
	case DOIPublisherURL:
		return "publisher URL"
	}
	return "invalid"
}

// ParseDOI returns the bare DOI in s, in any common spelling: bare, with a
// "doi:" prefix, as a doi.org (or other resolver) URL, inside a publisher's
// URL, or inside a sentence. It returns the first DOI it finds, with its
// case kept; ok is false when s holds no valid DOI. The rules are in the
// package documentation.
func ParseDOI(s string) (doi string, ok bool) {
	doi, _, ok = findDOI(s, scanAll)
	return doi, ok
}

// ClassifyDOI reports how the first DOI in s is written, or DOIInvalid.
// A caller that wants to know whether a field holds nothing but a clean DOI
// compares ParseDOI(s) with s, or calls IsDOI.
func ClassifyDOI(s string) DOIForm {
	_, form, _ := findDOI(s, scanAll)
	return form
}

// IsDOI reports whether s is already a bare, valid DOI in canonical
// spelling, that is, whether ParseDOI(s) returns s itself.
func IsDOI(s string) bool {
	d, ok := canonicalDOI(s)
	return ok && d == s
}

// EqualDOI reports whether a and b name the same DOI. Each side may be
// written in any spelling ParseDOI accepts; the comparison ignores ASCII
// case, as the DOI system does. It is false when either side holds no DOI.
func EqualDOI(a, b string) bool {
	da, ok := ParseDOI(a)
	if !ok {
		return false
	}
	db, ok := ParseDOI(b)
	if !ok {
		return false
	}
	return asciiLower(da) == asciiLower(db)
}

// DOIKey returns the key under which a DOI is compared and stored in maps:
// the bare DOI (parsed from any spelling, or doi itself when it holds no
// valid DOI) with ASCII letters lowercased. Non-ASCII letters are kept as
// they are.
func DOIKey(doi string) string {
	if d, ok := ParseDOI(doi); ok {
		doi = d
	}
	return asciiLower(doi)
}

// DOIURL returns the doi.org link for a bare DOI: "https://doi.org/"
// followed by the DOI, with every character that is not safe in a URL path
// percent-encoded as the DOI Handbook asks (see the package
// documentation). '/', ';', '(', ')' and ':' are kept as they are.
func DOIURL(doi string) string {
	var b strings.Builder
	b.Grow(len("https://doi.org/") + len(doi) + 8)
	b.WriteString("https://doi.org/")
	segStart := 0
	for i := 0; i < len(doi); i++ {
		c := doi[i]
		if c == '/' {
			// The Handbook: browsers may resolve "/./" and "/../"; encode
			// the slash after such a segment so that they cannot.
			seg := doi[segStart:i]
			segStart = i + 1
			if seg == "." || seg == ".." {
				b.WriteString("%2F")
				continue
			}
			b.WriteByte('/')
			continue
		}
		if urlUnsafe(c) {
			const hex = "0123456789ABCDEF"
			b.WriteByte('%')
			b.WriteByte(hex[c>>4])
			b.WriteByte(hex[c&15])
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}

// urlUnsafe reports whether DOIURL percent-encodes the byte c: control
// characters, space, non-ASCII bytes (so a non-ASCII character becomes its
// UTF-8 percent-encoding), the Handbook's mandatory and recommended
// characters, and the apostrophe, which ends a URL in HTML attributes.
func urlUnsafe(c byte) bool {
	if c <= ' ' || c >= 0x7f {
		return true
	}
	return strings.IndexByte("\"#%<>?[\\]^`{|}+'", c) >= 0
}

// scanOptions chooses which spellings findDOI accepts.
type scanOptions struct {
	bareInText bool // a bare "10.…" anywhere, not only after "doi:"
	publisher  bool // DOIs inside publisher URLs
}

var (
	scanAll    = scanOptions{bareInText: true, publisher: true}
	scanURL    = scanOptions{publisher: true} // url and ee fields
	scanMarked = scanOptions{}                // note and howpublished fields
)

// findDOI scans s token by token (tokens are separated by white space and
// other characters that cannot be part of a DOI) and returns the first DOI
// it finds. Every candidate that fails is skipped as a whole, so the scan
// is linear in len(s).
func findDOI(s string, o scanOptions) (string, DOIForm, bool) {
	pending := false // the previous token was "doi:" (or "doi")
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
		d, form, ok, next := scanToken(s[i:j], pending, o)
		if ok {
			return d, form, true
		}
		pending = next
		i = j
	}
	return "", DOIInvalid, false
}

// sepLen returns the length of the separator at s[i], or 0: separators are
// every character that is not printable (white space other than the ASCII
// space included, control and format characters), the space, and bytes that
// are not UTF-8.
func sepLen(s string, i int) int {
	c := s[i]
	if c < utf8.RuneSelf {
		if c <= ' ' || c == 0x7f {
			return 1
		}
		return 0
	}
	r, n := utf8.DecodeRuneInString(s[i:])
	if r == utf8.RuneError && n == 1 {
		return 1
	}
	if !unicode.IsPrint(r) {
		return n
	}
	return 0
}

// resolverHosts are hosts that resolve DOIs: the DOI proxy, its older and
// www names, the Handle System proxy (DOIs are handles), and the resolvers
// that ACM, Wiley and the IEEE Computer Society have run, which
// older BibTeX exports (DBLP's "ee" fields) carry.
var resolverHosts = []string{
	"doi.org", "dx.doi.org", "www.doi.org", "hdl.handle.net",
	"doi.acm.org", "doi.wiley.com", "doi.ieeecomputersociety.org",
}

func isResolverHost(h string) bool {
	for _, r := range resolverHosts {
		if h == r {
			return true
		}
	}
	return false
}

// scanToken looks for a DOI in one token. pending says that the previous
// token was a bare "doi:" label; the result next says that this one is.
func scanToken(tok string, pending bool, o scanOptions) (doi string, form DOIForm, ok bool, next bool) {
	if pending {
		if tok == ":" {
			return "", DOIInvalid, false, true
		}
		k := skipOpeners(tok, 0)
		if hasDigitsDOIPrefix(tok[k:]) {
			if d, _, ok := bareCandidate(tok, k); ok {
				return d, DOIPrefixed, true, false
			}
		}
	}
	for pos := 0; pos < len(tok); {
		if !wordStart(tok, pos) {
			pos++
			continue
		}
		d, form, end, res := tryAt(tok, pos, o)
		switch res {
		case found:
			return d, form, true, false
		case label:
			return "", DOIInvalid, false, true
		case failed:
			pos = end
		default:
			pos++
		}
	}
	return "", DOIInvalid, false, false
}

// The results of tryAt.
const (
	nothing = iota // no candidate starts here
	found          // a DOI
	failed         // a candidate that is not a DOI, to be skipped as a whole
	label          // a "doi:" label that ends the token: the DOI follows
)

// tryAt tries every spelling of a DOI that can start at tok[pos].
func tryAt(tok string, pos int, o scanOptions) (doi string, form DOIForm, end int, result int) {
	s := tok[pos:]
	if hasPrefixFold(s, "https://") || hasPrefixFold(s, "http://") {
		d, f, end, ok := urlCandidate(tok, pos, o)
		if ok {
			return d, f, end, found
		}
		return "", DOIInvalid, end, failed
	}
	if hostStart(tok, pos) {
		if host, ok := resolverPrefix(s); ok {
			d, end, ok := resolverCandidate(tok, pos+len(host)+1)
			if ok {
				return d, DOIResolverURL, end, found
			}
			return "", DOIInvalid, end, failed
		}
	}
	var k int // where the DOI starts after a prefix
	switch {
	case hasPrefixFold(s, "doi"):
		rest := pos + 3
		if rest < len(tok) && tok[rest] == ':' {
			rest++
		} else if rest < len(tok) {
			return "", DOIInvalid, 0, nothing
		}
		if rest == len(tok) {
			return "", DOIInvalid, rest, label
		}
		k = skipOpeners(tok, rest)
	case hasPrefixFold(s, "urn:doi:"):
		k = pos + len("urn:doi:")
		if !hasDigitsDOIPrefix(tok[k:]) {
			return "", DOIInvalid, 0, nothing
		}
		end := candidateEnd(tok, k)
		if d, ok := canonicalDOI(urnToDOI(tok[k:end])); ok {
			return d, DOIPrefixed, end, found
		}
		return "", DOIInvalid, end, failed
	case hasPrefixFold(s, "info:doi/"):
		k = pos + len("info:doi/")
	case o.bareInText && doiStart(tok, pos):
		d, end, ok := bareCandidate(tok, pos)
		if ok {
			return d, DOIBare, end, found
		}
		return "", DOIInvalid, end, failed
	default:
		return "", DOIInvalid, 0, nothing
	}
	if !hasDigitsDOIPrefix(tok[k:]) {
		return "", DOIInvalid, 0, nothing
	}
	d, end, ok := bareCandidate(tok, k)
	if ok {
		return d, DOIPrefixed, end, found
	}
	return "", DOIInvalid, end, failed
}

// wordStart reports whether tok[pos] starts a word: it is the first
// character or follows one that is neither a letter nor a digit.
func wordStart(tok string, pos int) bool {
	if pos == 0 {
		return true
	}
	r, _ := utf8.DecodeLastRuneInString(tok[:pos])
	return !unicode.IsLetter(r) && !unicode.IsDigit(r)
}

// hostStart reports whether a host name can start at tok[pos]: not inside
// another host name (after '.' or '-').
func hostStart(tok string, pos int) bool {
	return pos == 0 || (tok[pos-1] != '.' && tok[pos-1] != '-')
}

// doiStart reports whether a bare DOI can start at tok[pos] in running
// text: "10." must not continue a number, a word or a dotted name.
func doiStart(tok string, pos int) bool {
	if !hasDigitsDOIPrefix(tok[pos:]) {
		return false
	}
	if pos == 0 {
		return true
	}
	switch tok[pos-1] {
	case '.', '-', '_', '+':
		return false
	}
	return true
}

// hasDigitsDOIPrefix reports whether s starts with "10." and a digit.
func hasDigitsDOIPrefix(s string) bool {
	return len(s) >= 4 && s[0] == '1' && s[1] == '0' && s[2] == '.' && isDigit(s[3])
}

// skipOpeners skips opening brackets and quotes that may wrap a DOI.
func skipOpeners(tok string, i int) int {
	for i < len(tok) {
		switch tok[i] {
		case '{', '(', '[', '<', '"', '\'':
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(tok[i:])
		switch r {
		case '“', '‘', '«', '‹':
			i += n
			continue
		}
		break
	}
	return i
}

// resolverPrefix matches a resolver host followed by '/' at the start of s.
func resolverPrefix(s string) (string, bool) {
	for _, h := range resolverHosts {
		if len(s) > len(h) && s[len(h)] == '/' && hasPrefixFold(s, h) {
			return h, true
		}
	}
	return "", false
}

// candidateEnd returns where a DOI that starts at tok[i] ends: at the end of
// the token or at a '}' that closes a group opened before the DOI (as in
// "\doi{10.1000/xyz}" or "{10.1000/xyz}.").
func candidateEnd(tok string, i int) int {
	depth := 0
	for ; i < len(tok); i++ {
		switch tok[i] {
		case '{':
			depth++
		case '}':
			if depth == 0 {
				return i
			}
			depth--
		case '<':
			if htmlTagLen(tok, i) > 0 {
				return i
			}
		}
	}
	return i
}

// htmlTagLen returns the length of the simple HTML tag at s[i] ("<br/>",
// "</a>", "<i>"), or 0. Such a tag ends a DOI: text copied from web pages
// and Mendeley's notes separate DOIs with "<br/>". A SICI's "<693::…>"
// is no such tag: it holds digits and colons.
func htmlTagLen(s string, i int) int {
	j := i + 1
	if j < len(s) && s[j] == '/' {
		j++
	}
	start := j
	for j < len(s) && j-start < 10 && isLetter(s[j]) {
		j++
	}
	if j == start {
		return 0
	}
	for j < len(s) && (s[j] == '/' || s[j] == ' ') && j-start < 12 {
		j++
	}
	if j < len(s) && s[j] == '>' {
		return j + 1 - i
	}
	return 0
}

// bareCandidate reads a DOI written without a URL around it, starting at
// tok[i], and returns it in canonical form and where the candidate ended.
func bareCandidate(tok string, i int) (string, int, bool) {
	end := candidateEnd(tok, i)
	c := tok[i:end]
	if n, ok := registrantLen(c[3:]); ok && hasPrefixFold(c[3+n:], "%2F") {
		// "10.1007%2Fbf01700692", copied out of a URL: without decoding it
		// is no DOI at all, so decoding cannot misread one.
		c = percentDecode(c)
	}
	d, ok := canonicalDOI(c)
	return d, end, ok
}

// urlEnd returns where a URL that starts at tok[i] ends: at the end of the
// token, at a quote (the end of an HTML attribute), or at a '}' that closes
// a group opened before the URL (as in "\url{…}" or "\href{…}{…}").
func urlEnd(tok string, i int) int {
	depth := 0
	for ; i < len(tok); i++ {
		switch tok[i] {
		case '"', '\'':
			return i
		case '<':
			if htmlTagLen(tok, i) > 0 {
				return i
			}
		case '{':
			depth++
		case '}':
			if depth == 0 {
				return i
			}
			depth--
		}
	}
	return i
}

// urlCandidate reads the http(s) URL at tok[pos] and the DOI in it.
func urlCandidate(tok string, pos int, o scanOptions) (string, DOIForm, int, bool) {
	end := urlEnd(tok, pos)
	u := tok[pos:end]
	rest := u[strings.Index(u, "//")+2:]
	hostEnd := strings.IndexAny(rest, "/?#")
	if hostEnd < 0 {
		return "", DOIInvalid, end, false
	}
	host := rest[:hostEnd]
	if at := strings.LastIndexByte(host, '@'); at >= 0 {
		host = host[at+1:]
	}
	if colon := strings.LastIndexByte(host, ':'); colon >= 0 {
		host = host[:colon]
	}
	host = strings.TrimSuffix(asciiLower(host), ".")
	if rest[hostEnd] != '/' {
		return "", DOIInvalid, end, false
	}
	path := rest[hostEnd+1:]
	if isResolverHost(host) {
		d, ok := resolverPath(path)
		return d, DOIResolverURL, end, ok
	}
	if !o.publisher {
		return "", DOIInvalid, end, false
	}
	d, ok := publisherPath(path)
	return d, DOIPublisherURL, end, ok
}

// resolverCandidate reads the path of a resolver URL written without a
// scheme ("doi.org/10.1000/xyz"), starting at tok[i].
func resolverCandidate(tok string, i int) (string, int, bool) {
	end := urlEnd(tok, i)
	d, ok := resolverPath(tok[i:end])
	return d, end, ok
}

// cutQuery cuts a URL path at its query or fragment.
func cutQuery(path string) string {
	if q := strings.IndexAny(path, "?#"); q >= 0 {
		return path[:q]
	}
	return path
}

// resolverPath returns the DOI that a resolver URL path names: the path,
// without query and fragment, percent-decoded once; "doi:" and "urn:doi:"
// forms of the path are understood.
func resolverPath(path string) (string, bool) {
	d := percentDecode(latexUnescape(cutQuery(path)))
	switch {
	case hasPrefixFold(d, "urn:doi:"):
		d = urnToDOI(d[len("urn:doi:"):])
	case hasPrefixFold(d, "doi:"):
		d = d[len("doi:"):]
	}
	return canonicalDOI(d)
}

// doiMarkers are the path segments after which publishers put a DOI in
// their URLs ("/doi/", "/doi/full/", "/article/", "/content/pdf/", …).
var doiMarkers = []string{
	"abs", "abstract", "article", "articles", "book", "chapter", "doi",
	"epdf", "full", "fulltext", "pdf", "pdfdirect", "stable",
}

// viewSegments are trailing path segments that name a view of the article
// rather than belong to the DOI (IOP's ".../meta", Frontiers' ".../full").
var viewSegments = []string{"abstract", "epdf", "full", "fulltext", "meta", "pdf"}

func inFold(s string, list []string) bool {
	for _, w := range list {
		if strings.EqualFold(s, w) {
			return true
		}
	}
	return false
}

// publisherPath finds a DOI in the path of a publisher's URL: a segment
// "10.NNNN" (four or more digits, as every registrant code issued since
// the early days has) that follows one of doiMarkers; the DOI runs to the
// end of the path, less one trailing view segment and a ".pdf" extension.
func publisherPath(path string) (string, bool) {
	p := percentDecode(latexUnescape(cutQuery(path)))
	segs := strings.Split(p, "/")
	for k := 1; k+1 < len(segs); k++ {
		if !registrantSegment(segs[k]) || !inFold(segs[k-1], doiMarkers) {
			continue
		}
		rest := segs[k:]
		for len(rest) > 2 && rest[len(rest)-1] == "" {
			rest = rest[:len(rest)-1]
		}
		if len(rest) > 2 && inFold(rest[len(rest)-1], viewSegments) {
			rest = rest[:len(rest)-1]
		}
		last := rest[len(rest)-1]
		if len(last) > 4 && strings.EqualFold(last[len(last)-4:], ".pdf") {
			rest[len(rest)-1] = last[:len(last)-4]
		}
		return canonicalDOI(strings.Join(rest, "/"))
	}
	return "", false
}

// registrantSegment reports whether s is "10." followed by a registrant
// code of four or more digits, with optional dot-separated sub-parts.
func registrantSegment(s string) bool {
	if !strings.HasPrefix(s, "10.") {
		return false
	}
	n, ok := registrantLen(s[3:])
	if !ok || n != len(s)-3 {
		return false
	}
	first := strings.IndexByte(s[3:], '.')
	if first < 0 {
		first = len(s) - 3
	}
	return first >= 4
}

// registrantLen returns the length of the registrant code at the start of
// s: digits, then any number of '.' and digits.
func registrantLen(s string) (int, bool) {
	i := 0
	for {
		start := i
		for i < len(s) && isDigit(s[i]) {
			i++
		}
		if i == start {
			return 0, false
		}
		if i+1 < len(s) && s[i] == '.' && isDigit(s[i+1]) {
			i++
			continue
		}
		return i, true
	}
}

// urnToDOI turns the URN form "10.123:456" (a colon in place of the first
// slash, as the DOI proxy accepts in https://doi.org/urn:doi:…) into
// "10.123/456".
func urnToDOI(s string) string {
	if !strings.HasPrefix(s, "10.") {
		return s
	}
	n, ok := registrantLen(s[3:])
	if !ok || 3+n >= len(s) || s[3+n] != ':' {
		return s
	}
	return s[:3+n] + "/" + s[3+n+1:]
}

// canonicalDOI turns a candidate into the canonical bare DOI, or reports
// that it is not one. It removes BibTeX grouping braces, undoes the LaTeX
// escapes \_ \% \# \& \$, strips trailing punctuation, and validates. It is
// idempotent: a DOI it returns is returned unchanged by a second call.
func canonicalDOI(s string) (string, bool) {
	if strings.ContainsAny(s, "{}") {
		s = braceRemover.Replace(s)
	}
	s = latexUnescape(s)
	s = trimTrailing(s)
	if !validDOI(s) {
		return "", false
	}
	return s, true
}

// validDOI checks the syntax "10.<registrant>/<suffix>": the registrant is
// digits with optional dot-separated sub-parts, the suffix is non-empty and
// every character in it is printable and not a space or a brace, and it
// holds no HTML tag.
func validDOI(s string) bool {
	if !strings.HasPrefix(s, "10.") {
		return false
	}
	n, ok := registrantLen(s[3:])
	if !ok {
		return false
	}
	i := 3 + n
	if i >= len(s) || s[i] != '/' || i+1 == len(s) {
		return false
	}
	for k, r := range s[i+1:] {
		if r == '<' && htmlTagLen(s, i+1+k) > 0 {
			return false // cut there by every scanner
		}
		if r == utf8.RuneError || !unicode.IsPrint(r) || r == ' ' || r == '{' || r == '}' {
			// RuneError: invalid UTF-8 (a literal U+FFFD, which no DOI
			// has, is refused with it).
			return false
		}
	}
	return true
}

// latexUnescape undoes the LaTeX escapes that BibTeX users put in DOIs and
// URLs: \_ \% \# \& \$ become _ % # & $. Any other backslash pair is kept
// as written, so that the function is idempotent.
func latexUnescape(s string) string {
	if strings.IndexByte(s, '\\') < 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '\\' && i+1 < len(s) {
			e := s[i+1]
			i++
			if strings.IndexByte("_%#&$", e) < 0 {
				b.WriteByte('\\')
			}
			b.WriteByte(e)
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}

// trimTrailing strips what cannot end a DOI: sentence punctuation and
// quotes (. , ; : ! ? ' " ’ ” » ›), and a closing ) ] > that has no
// opening partner in the DOI.
func trimTrailing(s string) string {
	var open, close [3]int // (), [], <>
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '(':
			open[0]++
		case ')':
			close[0]++
		case '[':
			open[1]++
		case ']':
			close[1]++
		case '<':
			open[2]++
		case '>':
			close[2]++
		}
	}
	for len(s) > 0 {
		r, n := utf8.DecodeLastRuneInString(s)
		k := -1
		switch r {
		case '.', ',', ';', ':', '!', '?', '\'', '"', '’', '”', '»', '›':
			s = s[:len(s)-n]
			continue
		case ')':
			k = 0
		case ']':
			k = 1
		case '>':
			k = 2
		}
		if k < 0 || close[k] <= open[k] {
			break
		}
		close[k]--
		s = s[:len(s)-n]
	}
	return s
}

// percentDecode decodes %XX escapes once; a '%' not followed by two hex
// digits is kept.
func percentDecode(s string) string {
	if strings.IndexByte(s, '%') < 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		if s[i] == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]) {
			b.WriteByte(unhex(s[i+1])<<4 | unhex(s[i+2]))
			i += 2
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

func isHex(c byte) bool {
	return isDigit(c) || ('a' <= c|0x20 && c|0x20 <= 'f')
}

func unhex(c byte) byte {
	if isDigit(c) {
		return c - '0'
	}
	return c | 0x20 - 'a' + 10
}

// hasPrefixFold reports whether s starts with prefix, ignoring ASCII case.
// prefix must be ASCII.
func hasPrefixFold(s, prefix string) bool {
	if len(s) < len(prefix) {
		return false
	}
	for i := 0; i < len(prefix); i++ {
		c, p := s[i], prefix[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if 'A' <= p && p <= 'Z' {
			p += 'a' - 'A'
		}
		if c != p {
			return false
		}
	}
	return true
}

// asciiLower lowercases the ASCII letters of s and keeps every other byte.
func asciiLower(s string) string {
	for i := 0; i < len(s); i++ {
		if 'A' <= s[i] && s[i] <= 'Z' {
			b := []byte(s)
			for j := i; j < len(b); j++ {
				if 'A' <= b[j] && b[j] <= 'Z' {
					b[j] += 'a' - 'A'
				}
			}
			return string(b)
		}
	}
	return s
}
