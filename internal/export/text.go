package export

import (
	"html/template"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/pubs-dev/pubs/internal/bib"
	"github.com/pubs-dev/pubs/internal/latex"
)

// Text is a value from the .bib: LaTeX source, trusted as the user's own
// text but never as markup for the web. Each format renders it through
// one of its methods.
type Text string

// Plain renders the text as plain Unicode on one line.
func (t Text) Plain() string { return Plain(string(t)) }

// String is Plain, so that a template's {{.Title}} prints readable text.
func (t Text) String() string { return t.Plain() }

// IsZero reports whether the text is empty.
func (t Text) IsZero() bool { return strings.TrimSpace(string(t)) == "" }

// HTML renders the text as HTML: LaTeX converted to Unicode, \emph and
// friends as <em>, <strong> and <code>, math kept as \(...\) for MathJax,
// and everything else escaped.
func (t Text) HTML() template.HTML {
	if b, ok := appendPlain(nil, string(t)); ok {
		// What the converter gives for such text: itself, as one span.
		return template.HTML(b)
	}
	return spansHTML(string(t))
}

// spansHTML is Text.HTML through the converter's spans, for text that is
// not plain.
func spansHTML(s string) template.HTML {
	var b strings.Builder
	for _, s := range latex.Parse(s) {
		if s.Math {
			b.WriteString(`\(`)
			b.WriteString(template.HTMLEscapeString(s.Text))
			b.WriteString(`\)`)
			continue
		}
		open, close := styleTags(s)
		b.WriteString(open)
		b.WriteString(template.HTMLEscapeString(foldSpace(s.Text)))
		b.WriteString(close)
	}
	return template.HTML(strings.TrimSpace(b.String()))
}

// plainRun reports whether LaTeX text converts to itself: printable
// ASCII without commands, groups, math, comments, ties, quotes, dashes or
// other ligatures (most titles are); with utf8 set, also every byte of a
// multi-byte character (see appendPlain for what those must be).
func plainRun[T string | []byte](s T, utf8 bool) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 0x80 && utf8:
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9', c == ' ':
		case c == '.' || c == ':' || c == ';' || c == '(' || c == ')' || c == '/' || c == '+' || c == '=':
		case c == '-' || c == ',' || c == '?' || c == '!':
			// "--" is a dash, ",," a low quote, "?`" and "!`" inverted
			// marks.
			if i+1 < len(s) && (s[i+1] == '-' || s[i+1] == ',' || s[i+1] == '`') {
				return false
			}
		default:
			return false
		}
	}
	return true
}

// appendPlain appends the plain text of s to b when s is plain once its
// grouping braces are taken out, or plain but for characters beyond ASCII
// that the converter copies (see bib.LettersAsIs; names such as "José
// Müller"): that text without braces, its runs of spaces folded to one,
// trimmed. Such text is also its own HTML: it holds no character that
// HTML escapes. For other text it appends nothing and returns false. It is
// the converter's shortcut for Text.HTML, toText and the HTML writer,
// which appends the titles, names and venues of every item without making
// a string of them (TestPlainTextShortcut and TestPlainHTMLUnicode check
// it against the converter). Taking the braces out must not join what
// they kept apart ("-{}-" is two hyphens, "--" a dash): plainRun refuses
// every pair that could be read together.
func appendPlain(b []byte, s string) ([]byte, bool) {
	start, depth, high := len(b), 0, false
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '{':
			depth++
		case '}':
			if depth--; depth < 0 {
				return b[:start], false
			}
		case ' ':
			// Folding and trimming spaces cannot join what plainRun
			// reads as a pair: a space stays between any two words.
			if len(b) > start && b[len(b)-1] != ' ' {
				b = append(b, ' ')
			}
		default:
			high = high || c >= utf8.RuneSelf
			b = append(b, c)
		}
	}
	if depth != 0 || !plainRun(b[start:], high) {
		return b[:start], false
	}
	if high {
		// What was appended is s when nothing was taken out (most
		// text): no string to make for the test.
		t := s
		if len(b)-start != len(s) {
			t = string(b[start:])
		}
		if !bib.LettersAsIs(t) {
			return b[:start], false
		}
	}
	if len(b) > start && b[len(b)-1] == ' ' {
		b = b[:len(b)-1]
	}
	return b, true
}

// toText is latex.ToText, with a shortcut for plain text (see
// appendPlain): the converter only takes out its braces and folds its
// spaces.
func toText(s string) string {
	var buf [256]byte
	b, ok := appendPlain(buf[:0], s)
	switch {
	case !ok:
		return latex.ToText(s)
	case len(b) == len(s):
		return s // nothing taken out: s itself, without a copy
	}
	return string(b)
}

func styleTags(s latex.Span) (open, close string) {
	if s.Bold {
		open, close = open+"<strong>", "</strong>"+close
	}
	if s.Emph {
		open, close = open+"<em>", "</em>"+close
	}
	if s.Mono {
		open, close = open+"<code>", "</code>"+close
	}
	return open, close
}

// Markdown renders the text as CommonMark inline content: LaTeX converted,
// emphasis as *...*, strong as **...**, code as `...`, math as $...$
// (GitHub and Hugo's passthrough read it), and every character that
// Markdown or HTML would interpret escaped with a backslash.
func (t Text) Markdown() string {
	var b strings.Builder
	for _, s := range latex.Parse(string(t)) {
		switch {
		case s.Math:
			b.WriteString("$" + mathForMarkdown(s.Text) + "$")
		case s.Mono:
			b.WriteString(codeSpan(foldSpace(s.Text)))
		default:
			text := escapeMarkdown(foldSpace(s.Text))
			if strings.TrimSpace(text) == "" {
				b.WriteString(text)
				continue
			}
			// Emphasis delimiters must touch the text: keep outer spaces out.
			lead := text[:len(text)-len(strings.TrimLeft(text, " "))]
			trail := text[len(strings.TrimRight(text, " ")):]
			text = strings.TrimSpace(text)
			if s.Bold {
				text = "**" + text + "**"
			}
			if s.Emph {
				text = "*" + text + "*"
			}
			b.WriteString(lead + text + trail)
		}
	}
	return escapeLineStart(strings.TrimSpace(b.String()))
}

// escapeMarkdown backslash-escapes the ASCII punctuation that can start or
// end inline markup in CommonMark or GitHub's extensions: emphasis, code,
// links, raw HTML, entities, math, tables and strikethrough. (Any ASCII
// punctuation may be escaped in CommonMark; escaping only these keeps the
// Markdown readable.)
func escapeMarkdown(s string) string {
	if !utf8.ValidString(s) {
		// Each invalid byte becomes U+FFFD, as a range over s reads it.
		var b strings.Builder
		for _, r := range s {
			if r < utf8.RuneSelf && markdownSpecial[r] {
				b.WriteByte('\\')
			}
			b.WriteRune(r)
		}
		return b.String()
	}
	// The characters are ASCII: a byte test finds them in UTF-8, and most
	// text has none, which is returned as it is.
	i := 0
	for i < len(s) && !markdownSpecial[s[i]] {
		i++
	}
	if i == len(s) {
		return s
	}
	b := make([]byte, 0, len(s)+8)
	for start := 0; ; {
		b = append(append(b, s[start:i]...), '\\', s[i])
		start = i + 1
		for i = start; i < len(s) && !markdownSpecial[s[i]]; i++ {
		}
		if i == len(s) {
			return string(append(b, s[start:]...))
		}
	}
}

// markdownSpecial marks the bytes escapeMarkdown escapes.
var markdownSpecial = func() (t [256]bool) {
	for _, c := range []byte("\\`*_[]<>&$|~") {
		t[c] = true
	}
	return t
}()

// escapeLineStart escapes what would start a block (heading, list item,
// quote, thematic break) when text begins a line: "# 1", "- x", "+ x",
// "> x", "2021. x", "1) x".
func escapeLineStart(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '#', '-', '+', '>', '=':
		return "\\" + s
	}
	i := 0
	for i < len(s) && i < 10 && '0' <= s[i] && s[i] <= '9' {
		i++
	}
	if i > 0 && i < len(s) && (s[i] == '.' || s[i] == ')') {
		return s[:i] + "\\" + s[i:]
	}
	return s
}

// codeSpan wraps s in enough backticks that none inside closes it.
func codeSpan(s string) string {
	fence := "`"
	for strings.Contains(s, fence) {
		fence += "`"
	}
	if strings.HasPrefix(s, "`") || strings.HasSuffix(s, "`") {
		s = " " + s + " "
	}
	return fence + s + fence
}

// mathForMarkdown keeps math source readable for MathJax or KaTeX but
// unable to open HTML: < and > become \lt and \gt, a $ is escaped, and
// line breaks are spaces.
func mathForMarkdown(s string) string {
	return markdownMath.Replace(s)
}

var markdownMath = strings.NewReplacer("<", `\lt `, ">", `\gt `, "$", `\$`, "\n", " ", "\r", " ")

// foldSpace turns runs of white space into one space, keeping a leading or
// trailing space (it separates spans).
func foldSpace(s string) string {
	// Most text has single spaces only: it is its own folding.
	folded, space := true, false
	for _, r := range s {
		if r == ' ' {
			if space {
				folded = false
				break
			}
			space = true
			continue
		}
		space = false
		if r < utf8.RuneSelf && r > ' ' || r >= utf8.RuneSelf && !unicode.IsSpace(r) {
			continue
		}
		folded = false
		break
	}
	if folded {
		return s
	}
	return foldFields(s)
}

// foldFields is foldSpace's general case: the words of s joined by single spaces, the
// outer spaces kept as one.
func foldFields(s string) string {
	f := strings.Fields(s)
	if len(f) == 0 {
		if s == "" {
			return ""
		}
		return " "
	}
	out := strings.Join(f, " ")
	// The first and last runes, not bytes: the last byte of "à" is 0xA0,
	// which as a rune is a no-break space.
	if r, _ := utf8.DecodeRuneInString(s); unicode.IsSpace(r) {
		out = " " + out
	}
	if r, _ := utf8.DecodeLastRuneInString(s); unicode.IsSpace(r) {
		out += " "
	}
	return out
}

// foldASCII maps a letter with diacritics to its base letter (é to e),
// and returns other runes unchanged.
func foldASCII(r rune) rune {
	if r < 0x80 {
		return r
	}
	switch r {
	case 'ß':
		return 's'
	case 'ø', 'Ø':
		return 'o'
	case 'ł', 'Ł':
		return 'l'
	case 'đ', 'Đ':
		return 'd'
	case 'æ', 'Æ':
		return 'a'
	}
	d := norm.NFD.String(string(r))
	if d == "" {
		return r
	}
	base := []rune(d)[0]
	if base < 0x80 {
		return base
	}
	return r
}
