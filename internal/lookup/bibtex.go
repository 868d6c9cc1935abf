package lookup

import (
	"fmt"
	"regexp"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/pubs-dev/pubs/internal/ids"
	"github.com/pubs-dev/pubs/internal/latex"
)

// EntryOptions say how [Work.Entry] writes an entry.
type EntryOptions struct {
	// ASCII writes non-ASCII letters as BibTeX accents ({\"u}); otherwise
	// they are kept as UTF-8.
	ASCII bool
	// Keywords are written as the keywords field, comma-separated.
	Keywords []string
	// NL is the line ending, "\n" (default) or "\r\n".
	NL string
}

// months are the BibTeX month macros.
var months = [...]string{"", "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"}

// field is one field to write; macro values are written bare.
type field struct {
	name, value string
	macro       bool
}

// Entry writes the work as a BibTeX entry with the given key, in pubs's
// canonical layout (the one 'pubs fmt' writes): one field per line,
// indented by two spaces, braced values, a trailing comma. The key must
// be a valid BibTeX key (see [ValidKey]).
func (w *Work) Entry(key string, opt EntryOptions) string {
	nl := opt.NL
	if nl == "" {
		nl = "\n"
	}
	mode := latex.KeepUTF8
	if opt.ASCII {
		mode = latex.ASCII
	}
	plain := texOptions{mode: mode, markup: true}
	typ := w.bibType()
	var fs []field
	add := func(name, value string) {
		if strings.TrimSpace(value) != "" {
			fs = append(fs, field{name: name, value: value})
		}
	}
	add("author", nameList(w.Authors, mode))
	if typ == "book" || typ == "incollection" || typ == "proceedings" || (typ == "inproceedings" && len(w.Editors) > 0) {
		add("editor", nameList(w.Editors, mode))
	}
	title := toTeX(w.Title, texOptions{mode: mode, protect: true, markup: true})
	if sub := toTeX(w.Subtitle, texOptions{mode: mode, protect: true, markup: true}); sub != "" && title != "" {
		if !strings.HasSuffix(title, ":") && !strings.HasSuffix(title, "?") && !strings.HasSuffix(title, "!") {
			title += ":"
		}
		title += " " + sub
	}
	add("title", title)
	container := toTeX(w.Container, plain)
	publisher := toTeX(w.Publisher, plain)
	switch typ {
	case "article":
		add("journal", container)
	case "inproceedings", "incollection":
		add("booktitle", container)
		add("publisher", publisher)
	case "book", "proceedings":
		add("publisher", publisher)
	case "phdthesis":
		add("school", publisher)
	case "techreport":
		add("institution", publisher)
	case "misc":
		add("howpublished", publisher)
	}
	add("volume", toTeX(w.Volume, plain))
	add("number", toTeX(w.Issue, plain))
	add("pages", pages(w.Pages, mode))
	if w.Year != 0 {
		add("year", fmt.Sprint(w.Year))
		if w.Month >= 1 && w.Month <= 12 {
			fs = append(fs, field{name: "month", value: months[w.Month], macro: true})
		}
	}
	add("version", toTeX(w.Version, plain))
	if typ == "misc" {
		add("note", toTeX(w.Genre, plain))
	}
	if ids.IsDOI(w.DOI) && safeRaw(w.DOI) {
		add("doi", w.DOI)
	}
	if w.EPrint != "" && safeRaw(w.EPrint) {
		add("eprint", w.EPrint)
		add("archiveprefix", "arXiv")
		if safeRaw(w.PrimaryClass) {
			add("primaryclass", w.PrimaryClass)
		}
	}
	if typ == "book" || typ == "incollection" {
		if safeRaw(w.ISBN) {
			add("isbn", w.ISBN)
		}
	}
	if safeRaw(w.ISSN) {
		add("issn", w.ISSN)
	}
	if !ids.IsDOI(w.DOI) && isHTTP(w.URL) && safeRaw(w.URL) {
		add("url", w.URL)
	}
	var kws []string
	for _, k := range opt.Keywords {
		if k = strings.TrimSpace(k); k != "" {
			kws = append(kws, toTeX(k, plain))
		}
	}
	add("keywords", strings.Join(kws, ", "))

	var b strings.Builder
	b.WriteString("@" + typ + "{" + key + ",")
	for _, f := range fs {
		b.WriteString(nl + "  " + f.name + " = ")
		if f.macro {
			b.WriteString(f.value)
		} else {
			b.WriteString("{" + f.value + "}")
		}
		b.WriteString(",")
	}
	b.WriteString(nl + "}")
	return b.String()
}

// bibType is the entry type written: a type whose venue is unknown
// becomes @misc, so that no style prints an empty journal.
func (w *Work) bibType() string {
	switch w.Type {
	case "article":
		if strings.TrimSpace(w.Container) == "" {
			return "misc"
		}
	case "inproceedings", "incollection":
		if strings.TrimSpace(w.Container) == "" {
			return "misc"
		}
	case "phdthesis", "techreport", "book":
		if strings.TrimSpace(w.Publisher) == "" {
			return "misc"
		}
	case "proceedings", "misc":
	default:
		return "misc"
	}
	return w.Type
}

// safeRaw reports a value that can be written unescaped (a DOI, a URL, an
// identifier): no braces, backslashes, white space or control characters.
func safeRaw(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if r == '{' || r == '}' || r == '\\' || unicode.IsSpace(r) || unicode.IsControl(r) || isBidiControl(r) || r == '\uFFFD' {
			return false
		}
	}
	return true
}

func isHTTP(u string) bool {
	return strings.HasPrefix(u, "https://") || strings.HasPrefix(u, "http://")
}

var pageRange = regexp.MustCompile(`^([^\s\-–—]+)\s*[-–—]+\s*([^\s\-–—]+)$`)

// pages writes a page range with "--".
func pages(p string, mode latex.Mode) string {
	p = strings.TrimSpace(p)
	if m := pageRange.FindStringSubmatch(p); m != nil {
		if m[1] == m[2] {
			return toTeX(m[1], texOptions{mode: mode})
		}
		return toTeX(m[1], texOptions{mode: mode}) + "--" + toTeX(m[2], texOptions{mode: mode})
	}
	return toTeX(p, texOptions{mode: mode})
}

// nameList writes people as "Family, Given and ...".
func nameList(ps []Person, mode latex.Mode) string {
	var out []string
	for _, p := range ps {
		if s := personTeX(p, mode); s != "" {
			out = append(out, s)
		}
	}
	return strings.Join(out, " and ")
}

// personTeX writes one name as "Family, Given" or "Family, Jr., Given"; a
// literal name (an organisation) is braced so that BibTeX keeps it whole.
func personTeX(p Person, mode latex.Mode) string {
	o := texOptions{mode: mode}
	if p.Family == "" {
		lit := toTeX(p.Literal, o)
		if lit == "" {
			return ""
		}
		return "{" + lit + "}"
	}
	part := func(s string) string {
		t := toTeX(s, o)
		if strings.Contains(t, ",") || hasAndWord(t) {
			return "{" + t + "}"
		}
		return t
	}
	family := part(p.Family)
	if family == "" {
		return ""
	}
	// A family name whose first word is lower case would be read as a
	// "von" part only if more words follow; BibTeX handles it. A family
	// name that is all "von" words ("de la") must be braced to stay a
	// last name.
	if allLower(family) {
		family = "{" + family + "}"
	}
	given, suffix := part(p.Given), part(p.Suffix)
	switch {
	case suffix != "" && given != "":
		return family + ", " + suffix + ", " + given
	case suffix != "":
		return family + ", " + suffix + ","
	case given != "":
		return family + ", " + given
	}
	return family
}

func hasAndWord(s string) bool {
	for _, w := range strings.Fields(s) {
		if strings.EqualFold(w, "and") {
			return true
		}
	}
	return false
}

// allLower reports text whose every word starts with a lower-case letter.
func allLower(s string) bool {
	words := strings.Fields(s)
	if len(words) == 0 {
		return false
	}
	for _, w := range words {
		r := []rune(w)[0]
		if !unicode.IsLower(r) {
			return false
		}
	}
	return true
}

// DefaultKeyPattern is the key pattern used when none is configured.
const DefaultKeyPattern = "{lastname}{year}{firstword}"

var keyPlaceholder = regexp.MustCompile(`\{[^{}]*\}`)

// CheckKeyPattern reports a pattern with an unknown placeholder or with
// characters a key cannot hold.
func CheckKeyPattern(p string) error {
	for _, m := range keyPlaceholder.FindAllString(p, -1) {
		switch m {
		case "{lastname}", "{year}", "{firstword}":
		default:
			return fmt.Errorf("key pattern %q: unknown placeholder %s (known: {lastname}, {year}, {firstword})", p, m)
		}
	}
	if rest := keyPlaceholder.ReplaceAllString(p, ""); rest != "" && !ValidKey(rest) {
		return fmt.Errorf("key pattern %q: %q cannot be part of a BibTeX key", p, rest)
	}
	if strings.TrimSpace(p) == "" {
		return fmt.Errorf("key pattern is empty")
	}
	return nil
}

// maxKeyPart is the most characters {lastname} and {firstword} give to a
// key.
const maxKeyPart = 32

// KeyBase returns the key of the work by the pattern (before any suffix
// that makes it unique): {lastname} is the first author's (or editor's)
// family name, {year} the year, {firstword} the first word of the title
// that is not a, an or the; all lowercase ASCII, accents transliterated,
// other characters dropped, each cut to 32 characters.
func (w *Work) KeyBase(pattern string) string {
	if pattern == "" {
		pattern = DefaultKeyPattern
	}
	last := ""
	who := w.Authors
	if len(who) == 0 {
		who = w.Editors
	}
	if len(who) > 0 {
		p := who[0]
		if p.Family != "" {
			last = asciiKey(p.Family)
		} else if f := strings.Fields(plainText(p.Literal)); len(f) > 0 {
			last = asciiKey(f[0])
		}
	}
	if last == "" {
		last = "anon"
	}
	year := ""
	if w.Year != 0 {
		year = fmt.Sprint(w.Year)
	}
	first := ""
	words := strings.Fields(plainText(w.Title))
	for i, wd := range words {
		k := asciiKey(wd)
		if k == "" {
			continue
		}
		if i == 0 && (k == "a" || k == "an" || k == "the") {
			continue
		}
		first = k
		break
	}
	// A name or word from the network may be any length; a key stays
	// short.
	last, first = last[:min(len(last), maxKeyPart)], first[:min(len(first), maxKeyPart)]
	key := keyPlaceholder.ReplaceAllStringFunc(pattern, func(m string) string {
		switch m {
		case "{lastname}":
			return last
		case "{year}":
			return year
		case "{firstword}":
			return first
		}
		return ""
	})
	if key == "" || !ValidKey(key) {
		key = "entry"
	}
	return key
}

// translit spells the letters that do not decompose into a base letter
// and accents.
var translit = map[rune]string{
	'ß': "ss", 'æ': "ae", 'Æ': "ae", 'œ': "oe", 'Œ': "oe", 'ø': "o", 'Ø': "o", 'đ': "d", 'Đ': "d",
	'ð': "d", 'Ð': "d", 'þ': "th", 'Þ': "th", 'ł': "l", 'Ł': "l", 'ı': "i", 'ŋ': "ng", 'Ŋ': "ng",
}

// asciiKey lowercases s, transliterates accented letters to ASCII and
// keeps only letters and digits.
func asciiKey(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			b.WriteRune(r)
		case r >= 'A' && r <= 'Z':
			b.WriteRune(r + 'a' - 'A')
		default:
			if t, ok := translit[r]; ok {
				b.WriteString(t)
			}
		}
	}
	return b.String()
}

// ValidKey reports whether s can be written as a BibTeX key: not empty,
// no white space, none of , { } ( ) = " # % ' \ and no control
// characters.
func ValidKey(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if unicode.IsSpace(r) || unicode.IsControl(r) || strings.ContainsRune(",{}()=\"#%'\\~", r) {
			return false
		}
	}
	return true
}

// UniqueKey returns base, or base with a suffix b, c, ..., z, then ba,
// bb, ..., when taken reports the key used (case-insensitively, as BibTeX
// compares keys). The first entry keeps the bare key and the second gets
// "b", as in the default library (ruthotto2020machine,
// ruthotto2020machineb).
func UniqueKey(base string, taken func(key string) bool) string {
	if !taken(base) {
		return base
	}
	for n := 1; ; n++ {
		k := base + suffix(n)
		if !taken(k) {
			return k
		}
	}
}

// suffix returns the n-th suffix (n >= 1): b, ..., z, then bb, bc, ...
func suffix(n int) string {
	var s []byte
	for n > 0 {
		n--
		s = append([]byte{byte('b' + n%25)}, s...)
		n /= 25
	}
	return string(s)
}
