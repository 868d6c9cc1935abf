package bib

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Name is one person's name split into BibTeX's four parts. Each part holds
// its words as written (braces and LaTeX kept), joined by a space, or by a
// hyphen where the name has one.
type Name struct {
	First, Von, Last, Jr string
}

// IsOthers reports whether the name is BibTeX's "others", as in
// "A and B and others".
func (n Name) IsOthers() bool {
	return n.First == "" && n.Von == "" && n.Jr == "" && strings.EqualFold(n.Last, "others")
}

// SimpleName splits the most common form of name without the general
// parser: "First Middle Last" or "Last, First Middle", every word made of
// letters and periods and starting with an uppercase letter, words
// separated by single spaces. Letters beyond ASCII count when the name
// is valid UTF-8 in NFC ("José Müller", "Łukasz Kaiser"); a word may
// start with one that Unicode calls uppercase or titlecase, as ParseName
// reads its case. Such a name has no von or Jr part, and its parts are
// their own plain text, so the result is exactly ParseName(raw)'s First
// and Last, and its Plain()'s (TestSimpleName, in internal/export, whose
// writers use it). ok is false for every other name. It is the parser's
// shortcut for the names of most libraries.
func SimpleName(raw string) (first, last string, ok bool) {
	comma, space := -1, -1 // the comma, and the last space before it or the end
	word := true           // at the start of a word
	high := false          // a byte beyond ASCII was seen
	for i := 0; i < len(raw); i++ {
		c := raw[i]
		switch {
		case word:
			if c >= utf8.RuneSelf {
				r, n := utf8.DecodeRuneInString(raw[i:])
				if !unicode.IsUpper(r) && !unicode.IsTitle(r) {
					return "", "", false
				}
				high = true
				i += n - 1
			} else if c < 'A' || c > 'Z' {
				return "", "", false
			}
			word = false
		case c == ' ':
			if comma < 0 {
				space = i
			}
			word = true
		case c == ',':
			if comma >= 0 || i+1 >= len(raw) || raw[i+1] != ' ' {
				return "", "", false
			}
			comma = i
			i++ // the space after it
			word = true
		case ('a' <= c && c <= 'z') || ('A' <= c && c <= 'Z') || c == '.':
		case c >= utf8.RuneSelf:
			high = true
		default:
			return "", "", false
		}
	}
	if word { // empty, or ends with a separator
		return "", "", false
	}
	if high && !LettersAsIs(raw) {
		return "", "", false
	}
	if comma >= 0 {
		return raw[comma+2:], raw[:comma], true
	}
	if space < 0 {
		return "", raw, true
	}
	return raw[:space], raw[space+1:], true
}

// LettersAsIs reports whether the characters beyond ASCII in s are their
// own plain text, which the LaTeX converter copies: valid UTF-8 (and no
// U+FFFD, which stands for invalid bytes), no white space (which plain
// text folds), and in NFC (to which the converter normalises). NFC is
// tested with QuickSpan, which allocates nothing (IsNormalString does);
// the few strings in NFC that it cannot tell quickly are refused, and go
// the slow way.
func LettersAsIs(s string) bool {
	for _, r := range s {
		if r == utf8.RuneError || r >= utf8.RuneSelf && unicode.IsSpace(r) {
			return false
		}
	}
	return norm.NFC.QuickSpanString(s) == len(s)
}

// SplitNameList splits a name-list field (author, editor) at every "and"
// that stands between white space at brace depth 0, in any case, as
// BibTeX's num.names$ does. Parts are trimmed. As in BibTeX, "A and and B"
// holds three names, the second empty; an empty list holds none.
func SplitNameList(s string) []string { return AppendNameList(nil, s) }

// AppendNameList appends the names of SplitNameList(s) to out and returns
// the extended slice; with out of enough capacity, it does not allocate.
func AppendNameList(out []string, s string) []string {
	if strings.IndexByte(s, '{') < 0 && strings.IndexByte(s, '}') < 0 {
		return appendNameListFlat(out, s)
	}
	return appendNameListBytes(out, s)
}

// appendNameListFlat is appendNameListBytes for a list without braces,
// where every "and" is at depth 0: it finds each by its n, as most bytes
// of a list are neither. Two "and"s found so cannot overlap.
func appendNameListFlat(out []string, s string) []string {
	n0 := len(out)
	start := 0
	for _, n := range [2]byte{'n', 'N'} {
		if n == 'N' && strings.IndexByte(s, 'N') < 0 {
			break
		}
		for i := 0; ; {
			j := strings.IndexByte(s[i:], n)
			if j < 0 {
				break
			}
			p := i + j
			i = p + 1
			if p >= 2 && p+2 < len(s) && isWhite(s[p-2]) && s[p-1]|0x20 == 'a' && s[p+1]|0x20 == 'd' && isWhite(s[p+2]) {
				if n == 'N' {
					// Some "and" has an upper-case N: find them all in
					// order.
					return appendNameListBytes(out[:n0], s)
				}
				out = append(out, trimWhite(s[start:p-2]))
				start = p + 2
			}
		}
	}
	last := trimWhite(s[start:])
	if last == "" && len(out) == n0 {
		return out
	}
	return append(out, last)
}

// appendNameListBytes is AppendNameList, byte by byte.
func appendNameListBytes(out []string, s string) []string {
	n0 := len(out)
	depth, start := 0, 0
	for i := 0; i < len(s); i++ {
		switch nameClass[s[i]] {
		case classOpen:
			depth++
		case classClose:
			if depth > 0 {
				depth--
			}
		case classWhite:
			// "and" in any case: no other text folds to it.
			if depth == 0 && i+4 < len(s) && s[i+1]|0x20 == 'a' && s[i+2]|0x20 == 'n' && s[i+3]|0x20 == 'd' && isWhite(s[i+4]) {
				out = append(out, trimWhite(s[start:i]))
				start = i + 4
				i += 3
			}
		}
	}
	last := trimWhite(s[start:])
	if last == "" && len(out) == n0 {
		return out
	}
	return append(out, last)
}

// trimWhite trims BibTeX's white space, which is ASCII: a no-break space
// or another Unicode space is part of a name, as it is in ParseName (and
// for BibTeX, which reads its bytes as letters). Trimming Unicode spaces
// here and not there made a name read differently once written back.
func trimWhite(s string) string {
	for len(s) > 0 && isWhite(s[0]) {
		s = s[1:]
	}
	for len(s) > 0 && isWhite(s[len(s)-1]) {
		s = s[:len(s)-1]
	}
	return s
}

// ParseNames splits a name-list field and each name in it.
func ParseNames(s string) []Name {
	parts := SplitNameList(s)
	names := make([]Name, len(parts))
	for i, p := range parts {
		names[i] = ParseName(p)
	}
	return names
}

// nameToken is a word of a name and the separator written before it
// (' ' for white space, '-', '~' or ',').
type nameToken struct {
	text string
	sep  byte
	off  int // where text starts in the name
}

// ParseName splits one name into its parts exactly as BibTeX 0.99's
// format.name$ does, with one deliberate difference: a word that starts
// with a non-ASCII letter gets that letter's Unicode case (as biber does),
// where BibTeX ignores such bytes.
//
// The three forms are "First von Last", "von Last, First" and
// "von Last, Jr, First". A von word is one whose first letter at brace
// depth 0 is lowercase; a group "{\...}" at depth 0 is a special character
// whose case decides; other brace groups have no case.
func ParseName(s string) Name {
	// BibTeX ignores white space and commas at the end of a name
	// ("Gee, M.W.," is "Gee, M.W.").
	for len(s) > 0 && (s[len(s)-1] == ',' || isWhite(s[len(s)-1])) {
		s = s[:len(s)-1]
	}
	// (on the stack for most names)
	var tokBuf [8]nameToken
	var commaBuf [2]int
	toks := tokBuf[:0]
	commas := commaBuf[:0] // token index at each comma
	depth := 0
	starting := true
	var sep byte // the separator before the next word
	start := 0
	end := func(i int) {
		if !starting {
			toks[len(toks)-1].text = s[start:i]
		}
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if depth > 0 {
			switch c {
			case '{':
				depth++
			case '}':
				depth--
			}
			continue
		}
		switch nameClass[c] {
		case classComma:
			end(i)
			if len(commas) < 2 {
				commas = append(commas, len(toks))
			}
			sep, starting = ',', true
		case classWhite:
			if !starting {
				end(i)
				sep = ' '
			}
			starting = true
		case classDash, classTie:
			if !starting {
				end(i)
				sep = c
			}
			starting = true
		case classOpen:
			depth++
			fallthrough
		default:
			if starting {
				toks = append(toks, nameToken{sep: sep, off: i})
				start = i
				starting = false
			}
		}
	}
	end(len(s))

	n := len(toks)
	var firstStart, firstEnd, vonStart, vonEnd, lastEnd, jrEnd int
	switch len(commas) {
	case 0:
		lastEnd, jrEnd = n, n
		vonStart = 0
		found := false
		for ; vonStart < lastEnd-1; vonStart++ {
			if isVon(toks[vonStart].text) {
				found = true
				break
			}
		}
		if found {
			vonEnd = vonEndIndex(toks, vonStart, lastEnd)
		} else {
			// No von part: the last name is the last word, and the words
			// hyphenated to it.
			for vonStart > 0 && toks[vonStart].sep == '-' {
				vonStart--
			}
			vonEnd = vonStart
		}
		firstEnd = vonStart
	case 1:
		lastEnd, jrEnd = commas[0], commas[0]
		firstStart, firstEnd = jrEnd, n
		vonEnd = vonEndIndex(toks, 0, lastEnd)
	default:
		lastEnd, jrEnd = commas[0], commas[1]
		firstStart, firstEnd = jrEnd, n
		vonEnd = vonEndIndex(toks, 0, lastEnd)
	}
	return Name{
		First: joinTokens(s, toks, firstStart, firstEnd),
		Von:   joinTokens(s, toks, vonStart, vonEnd),
		Last:  joinTokens(s, toks, vonEnd, lastEnd),
		Jr:    joinTokens(s, toks, lastEnd, jrEnd),
	}
}

// The classes of bytes that ParseName tells apart at brace depth 0.
const (
	classWord = iota
	classWhite
	classDash
	classTie
	classComma
	classOpen
	classClose // (a word's byte in ParseName)
)

var nameClass = func() (t [256]byte) {
	for _, c := range []byte(" \t\n\r\f\v") {
		t[c] = classWhite
	}
	t['-'], t['~'], t[','], t['{'], t['}'] = classDash, classTie, classComma, classOpen, classClose
	return t
}()

// vonEndIndex returns the end of the von part that starts at vonStart: just
// after its last lowercase word, leaving at least one word for the last
// name.
func vonEndIndex(toks []nameToken, vonStart, lastEnd int) int {
	vonEnd := lastEnd - 1
	for vonEnd > vonStart {
		if isVon(toks[vonEnd-1].text) {
			break
		}
		vonEnd--
	}
	if vonEnd < vonStart {
		vonEnd = vonStart
	}
	return vonEnd
}

// joinTokens joins the words from..to of the name s with their
// separators. When s has them written so (one space, or a hyphen, between
// words), the result is a slice of s, without allocation.
func joinTokens(s string, toks []nameToken, from, to int) string {
	if from >= to || from < 0 || to > len(toks) {
		return ""
	}
	contiguous := true
	for i := from + 1; i < to && contiguous; i++ {
		prev, t := toks[i-1], toks[i]
		want := byte(' ')
		if t.sep == '-' {
			want = '-'
		}
		contiguous = prev.off+len(prev.text)+1 == t.off && s[t.off-1] == want
	}
	if contiguous {
		return s[toks[from].off : toks[to-1].off+len(toks[to-1].text)]
	}
	var b strings.Builder
	for i := from; i < to; i++ {
		if i > from {
			if toks[i].sep == '-' {
				b.WriteByte('-')
			} else {
				b.WriteByte(' ')
			}
		}
		b.WriteString(toks[i].text)
	}
	return b.String()
}

// specialLetters gives the case of the foreign letters that BibTeX knows
// by their control sequence: true for lowercase.
var specialLetters = map[string]bool{
	"i": true, "j": true, "oe": true, "ae": true, "aa": true, "o": true, "l": true, "ss": true,
	"OE": false, "AE": false, "AA": false, "O": false, "L": false,
}

// isVon reports whether a word's first cased letter is lowercase, by
// BibTeX's rules (see ParseName).
func isVon(w string) bool {
	for i := 0; i < len(w); {
		c := w[i]
		switch {
		case 'A' <= c && c <= 'Z':
			return false
		case 'a' <= c && c <= 'z':
			return true
		case c == '{':
			if i+1 < len(w) && w[i+1] == '\\' {
				return specialCharIsLower(w[i+1:])
			}
			i = skipGroup(w, i)
		case c >= utf8.RuneSelf:
			r, size := utf8.DecodeRuneInString(w[i:])
			if unicode.IsUpper(r) || unicode.IsTitle(r) {
				return false
			}
			if unicode.IsLower(r) {
				return true
			}
			i += size
		default:
			i++
		}
	}
	return false
}

// specialCharIsLower decides the case of a special character: s starts
// just after its opening brace, at the backslash.
func specialCharIsLower(s string) bool {
	j := 1
	for j < len(s) && isASCIILetter(s[j]) {
		j++
	}
	if lower, ok := specialLetters[s[1:j]]; ok {
		return lower
	}
	depth := 1
	for ; j < len(s) && depth > 0; j++ {
		switch c := s[j]; {
		case 'A' <= c && c <= 'Z':
			return false
		case 'a' <= c && c <= 'z':
			return true
		case c == '{':
			depth++
		case c == '}':
			depth--
		}
	}
	return false
}

// skipGroup returns the offset just after the brace group opening at i.
func skipGroup(s string, i int) int {
	depth := 0
	for ; i < len(s); i++ {
		switch s[i] {
		case '{':
			depth++
		case '}':
			depth--
			if depth == 0 {
				return i + 1
			}
		}
	}
	return len(s)
}

func isASCIILetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }
