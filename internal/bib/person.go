package bib

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/pubs-dev/pubs/internal/latex"
)

// Plain returns the name with each part as plain Unicode text: LaTeX
// converted (M{\"u}ller is Müller), braces removed, ties and runs of white
// space as single spaces.
func (n Name) Plain() Name {
	return Name{First: plainPart(n.First), Von: plainPart(n.Von), Last: plainPart(n.Last), Jr: plainPart(n.Jr)}
}

func plainPart(s string) string {
	if s == "" {
		return ""
	}
	if plainAlready(s) {
		return s
	}
	return strings.Join(strings.Fields(strings.ReplaceAll(latex.ToText(s), "\u00a0", " ")), " ")
}

// plainAlready reports whether s is its own plain form, which most name
// parts are: printable ASCII that LaTeX writes as itself (no command,
// brace, math, tie, dash ligature or quote ligature), words separated by
// single spaces, and non-ASCII letters in NFC. It saves the LaTeX
// converter for the rest.
func plainAlready(s string) bool {
	ascii := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 0x80:
			ascii = false
		case c == ' ':
			if i == 0 || i == len(s)-1 || s[i+1] == ' ' {
				return false
			}
		case !plainByte[c]:
			return false
		case i+1 < len(s) && pairLigature(c, s[i+1]):
			return false
		}
	}
	if ascii {
		return true
	}
	return LettersAsIs(s)
}

// plainByte marks the ASCII bytes that the LaTeX converter writes as
// themselves in text (some only when alone: see pairLigature).
var plainByte = func() (t [128]bool) {
	for c := '!'; c < 0x7f; c++ {
		t[c] = !strings.ContainsRune("\\{}$~`%^_&#", c)
	}
	return t
}()

// pairLigature reports the pairs that the converter joins: "--", two
// single quotes, ",,", "!`" and "?`".
func pairLigature(c, next byte) bool {
	return (c == '-' || c == '\'' || c == ',') && next == c || (c == '!' || c == '?') && next == '`'
}

// Full renders the name as "Lars Ruthotto", "Ludwig van Beethoven",
// "Henry Ford, Jr.", in plain Unicode.
func (n Name) Full() string { return fullOf(n.Plain()) }

// fullOf is Full of a name already plain.
func fullOf(p Name) string {
	s := joinNonEmpty(" ", p.First, p.Von, p.Last)
	if p.Jr != "" {
		s += ", " + p.Jr
	}
	return s
}

// Short renders the name with initials: "L. Ruthotto", "J.-P. Hansen".
func (n Name) Short() string {
	s := joinNonEmpty(" ", n.Initials(), plainPart(n.Von), plainPart(n.Last))
	if n.Jr != "" {
		s += ", " + plainPart(n.Jr)
	}
	return s
}

// LastFirst renders the name as "Ruthotto, Lars" ("van Beethoven, Ludwig").
func (n Name) LastFirst() string {
	p := n.Plain()
	return lastComma(p, p.First)
}

// LastInitials renders the name as "Ruthotto, L.".
func (n Name) LastInitials() string {
	return lastComma(n.Plain(), n.Initials())
}

func lastComma(p Name, first string) string {
	s := joinNonEmpty(" ", p.Von, p.Last)
	if p.Jr != "" {
		s += ", " + p.Jr
	}
	if first != "" {
		s += ", " + first
	}
	return s
}

// Initials abbreviates the first names: "Lars" is "L.", "Jean-Pierre" is
// "J.-P.", "Stanley J" is "S. J.", and a special character such as
// "{\relax Ch}ristopher" gives "Ch." as in BibTeX. A name already written
// as initials keeps them.
func (n Name) Initials() string {
	// The initials of each word, "-" between those of its hyphenated
	// parts, " " between words.
	var b strings.Builder
	for _, word := range nameWords(n.First) {
		first := true
		for piece := range strings.SplitSeq(word, "-") {
			in := initial(piece)
			if in == "" {
				continue
			}
			switch {
			case !first:
				b.WriteByte('-')
			case b.Len() > 0:
				b.WriteByte(' ')
			}
			b.WriteString(in)
			b.WriteByte('.')
			first = false
		}
	}
	return b.String()
}

// nameWords splits a name part into words at white space and ties outside
// braces.
func nameWords(s string) []string {
	var words []string
	depth, start := 0, 0
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '{':
			depth++
		case c == '}':
			if depth > 0 {
				depth--
			}
		case depth == 0 && (isWhite(c) || c == '~'):
			if start < i {
				words = append(words, s[start:i])
			}
			start = i + 1
		}
	}
	if start < len(s) {
		words = append(words, s[start:])
	}
	return words
}

// initial returns the first letter of a word in plain Unicode, or the text
// of a leading special character "{\relax Ch}".
func initial(word string) string {
	if strings.HasPrefix(word, "{\\") {
		end := skipGroup(word, 0)
		group := word[1 : end-1]
		if strings.HasPrefix(group, "\\relax") {
			return plainPart(strings.TrimSpace(strings.TrimPrefix(group, "\\relax")))
		}
		word = word[:end] // an accented letter: {\"U}
	}
	text := plainPart(word)
	for i, r := range text {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return text[i : i+utf8.RuneLen(r)] // string(r), without a copy
		}
	}
	return ""
}

func joinNonEmpty(sep string, parts ...string) string {
	nonEmpty, last := 0, ""
	for _, p := range parts {
		if p != "" {
			nonEmpty, last = nonEmpty+1, p
		}
	}
	if nonEmpty <= 1 {
		return last // no copy
	}
	var b strings.Builder
	for _, p := range parts {
		if p != "" {
			if b.Len() > 0 {
				b.WriteString(sep)
			}
			b.WriteString(p)
		}
	}
	return b.String()
}

// PersonKey groups the spellings that may name one person: the last name
// (with von part and Jr) in plain Unicode, case-folded, and the first
// initial. "Ruthotto, Lars", "L. Ruthotto" and "Ruthotto, L" share a key;
// so do M{\"u}ller and Müller, but not Mueller, since transliterations are
// not guessed. [SamePerson] decides within a key.
func (n Name) PersonKey() string { return n.personKey(n.Plain()) }

// personKey is PersonKey, given the name's plain form p.
func (n Name) personKey(p Name) string {
	key := strings.ToLower(joinNonEmpty(" ", p.Von, p.Last, p.Jr))
	if r, ok := n.firstInitial(); ok {
		key += "|" + strings.ToLower(string(r))
	}
	return key
}

// firstInitial is the first rune of Initials, without the rest.
func (n Name) firstInitial() (rune, bool) {
	for _, word := range nameWords(n.First) {
		for piece := range strings.SplitSeq(word, "-") {
			if in := initial(piece); in != "" {
				r, _ := utf8.DecodeRuneInString(in)
				return r, true
			}
		}
	}
	return 0, false
}

// Spelling returns what comparing the spellings of a person needs of a
// name, computed together: PersonKey, Full and Plain.
func (n Name) Spelling() (key, full string, plain Name) {
	p := n.Plain()
	return n.personKey(p), fullOf(p), p
}

// SamePerson reports whether two spellings may name the same person: the
// same last name and compatible first names, where an initial matches any
// name with that first letter and a missing middle name matches any.
// "Ruthotto, L." and "Lars Ruthotto" may; "Li, Xingjian" and "Li,
// Xiaoming" may not.
func SamePerson(a, b Name) bool {
	if a.PersonKey() != b.PersonKey() {
		return false
	}
	wa, wb := firstWords(a), firstWords(b)
	for i := 0; i < len(wa) && i < len(wb); i++ {
		if !CompatibleWord(wa[i], wb[i]) {
			return false
		}
	}
	return true
}

// firstWords splits the plain first names into words, hyphenated parts
// separately: "Jean-Pierre A." is [jean pierre a].
func firstWords(n Name) []string {
	return strings.FieldsFunc(strings.ToLower(plainPart(n.First)), func(r rune) bool {
		return r == ' ' || r == '-' || r == '.'
	})
}

// CompatibleWord reports whether two lowercased first-name words can
// name the same person: they are equal, or one is the initial of the
// other. SamePerson compares first names word by word with it.
func CompatibleWord(a, b string) bool {
	if a == b {
		return true
	}
	ra, na := utf8.DecodeRuneInString(a)
	rb, nb := utf8.DecodeRuneInString(b)
	return ra == rb && (na == len(a) || nb == len(b))
}
