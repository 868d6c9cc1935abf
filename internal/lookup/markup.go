package lookup

import (
	"html"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/pubs-dev/pubs/internal/latex"
)

// markupCommand maps the HTML and JATS tags that titles carry to the LaTeX
// command written for them; tags not listed are dropped, their content
// kept.
var markupCommand = map[string]string{
	"i": `\textit`, "em": `\textit`, "italic": `\textit`, "jats:italic": `\textit`, "var": `\textit`, "cite": `\textit`,
	"b": `\textbf`, "strong": `\textbf`, "bold": `\textbf`, "jats:bold": `\textbf`,
	"sub": `\textsubscript`, "inf": `\textsubscript`, "jats:sub": `\textsubscript`,
	"sup": `\textsuperscript`, "jats:sup": `\textsuperscript`,
	"scp": `\textsc`, "sc": `\textsc`, "jats:sc": `\textsc`, "small-caps": `\textsc`,
}

// texOptions say how [toTeX] writes text.
type texOptions struct {
	mode latex.Mode
	// protect wraps words with a capital after their first letter in
	// braces, so that BibTeX styles do not lowercase them (titles).
	protect bool
	// markup converts tags; otherwise they are dropped.
	markup bool
}

// toTeX converts text from a metadata service (Unicode, possibly with
// HTML/JATS/MathML tags and HTML entities) to the value of a BibTeX field:
// white space collapsed, every TeX special escaped by latex.FromUnicode,
// and the only braces and commands in the result the ones written here,
// always balanced.
func toTeX(s string, o texOptions) string {
	t := &texWriter{o: o}
	for len(s) > 0 {
		i := strings.IndexByte(s, '<')
		if i < 0 {
			t.text(s)
			break
		}
		t.text(s[:i])
		s = s[i:]
		n, name, closing, selfClosing := scanTag(s)
		if n == 0 {
			t.text("<")
			s = s[1:]
			continue
		}
		s = s[n:]
		switch {
		case name == "":
			// a comment or declaration
		case name == "br":
			t.space = true
		case closing:
			t.close(name)
		case !selfClosing:
			t.open(name)
		}
	}
	for len(t.stack) > 0 {
		t.pop()
	}
	return t.b.String()
}

type openTag struct {
	name    string
	command bool // a command (and "{") was written for it
}

type texWriter struct {
	o     texOptions
	b     strings.Builder
	stack []openTag
	space bool // a space is pending
	depth int  // commands open
}

func (t *texWriter) open(name string) {
	cmd, ok := markupCommand[name]
	if !ok || !t.o.markup {
		t.stack = append(t.stack, openTag{name: name})
		return
	}
	t.flushSpace()
	t.b.WriteString(cmd + "{")
	t.depth++
	t.stack = append(t.stack, openTag{name: name, command: true})
}

func (t *texWriter) close(name string) {
	for i := len(t.stack) - 1; i >= 0; i-- {
		if t.stack[i].name == name {
			for len(t.stack) > i {
				t.pop()
			}
			return
		}
	}
}

func (t *texWriter) pop() {
	top := t.stack[len(t.stack)-1]
	t.stack = t.stack[:len(t.stack)-1]
	if top.command {
		t.b.WriteString("}")
		t.depth--
	}
}

func (t *texWriter) flushSpace() {
	if t.space && t.b.Len() > 0 {
		t.b.WriteByte(' ')
	}
	t.space = false
}

// text writes a run of text between tags.
func (t *texWriter) text(s string) {
	if s == "" {
		return
	}
	s = html.UnescapeString(s)
	if strings.ContainsFunc(s, isBidiControl) {
		s = strings.Map(func(r rune) rune {
			if isBidiControl(r) {
				return -1
			}
			return r
		}, s)
	}
	start := -1
	for i, r := range s {
		if isSpace(r) {
			if start >= 0 {
				t.word(s[start:i])
				start = -1
			}
			t.space = true
			continue
		}
		if start < 0 {
			start = i
		}
	}
	if start >= 0 {
		t.word(s[start:])
	}
}

// isBidiControl reports the bidirectional embeddings, overrides and
// isolates (U+202A-U+202E, U+2066-U+2069). Network text loses them: they
// can make a terminal or an editor show a field's text in an order other
// than the one stored ("Trojan Source"). Control characters (C0, DEL, C1)
// are dropped by latex.FromUnicode.
func isBidiControl(r rune) bool {
	return (r >= '\u202a' && r <= '\u202e') || (r >= '\u2066' && r <= '\u2069')
}

func isSpace(r rune) bool {
	return unicode.IsSpace(r) || r == '\u200b' || r == '\ufeff'
}

func (t *texWriter) word(w string) {
	t.flushSpace()
	esc := escape(w, t.o.mode)
	if t.o.protect && t.depth == 0 && needsProtection(w) {
		t.b.WriteString("{" + esc + "}")
		return
	}
	t.b.WriteString(esc)
}

// escape writes text as LaTeX with latex.FromUnicode, except braces:
// FromUnicode writes \{ and \}, which LaTeX reads as braces but BibTeX
// counts as grouping, so a lone brace from the network would unbalance the
// entry. They are written {\textbraceleft} and {\textbraceright}.
func escape(s string, mode latex.Mode) string {
	if !strings.ContainsAny(s, "{}") {
		return latex.FromUnicode(s, mode)
	}
	var b strings.Builder
	for s != "" {
		i := strings.IndexAny(s, "{}")
		if i < 0 {
			b.WriteString(latex.FromUnicode(s, mode))
			break
		}
		if i > 0 {
			b.WriteString(latex.FromUnicode(s[:i], mode))
		}
		if s[i] == '{' {
			b.WriteString(`{\textbraceleft}`)
		} else {
			b.WriteString(`{\textbraceright}`)
		}
		s = s[i+1:]
	}
	return b.String()
}

// needsProtection reports a word that has an upper-case letter after its
// first letter: an acronym (DNA, COVID-19), a name such as hessQuik or
// mRNA. Such words keep their case only in braces.
func needsProtection(w string) bool {
	first := true
	for _, r := range w {
		if !unicode.IsLetter(r) {
			continue
		}
		if !first && unicode.IsUpper(r) {
			return true
		}
		first = false
	}
	return false
}

// scanTag reads a tag at the start of s ("<i>", "</mml:mi>", "<br/>",
// "<!-- x -->"). n is 0 when s does not start with a tag; name is "" for a
// comment or declaration.
func scanTag(s string) (n int, name string, closing, selfClosing bool) {
	if len(s) < 3 || s[0] != '<' {
		return 0, "", false, false
	}
	if strings.HasPrefix(s, "<!--") {
		if end := strings.Index(s, "-->"); end >= 0 {
			return end + 3, "", false, false
		}
		return 0, "", false, false
	}
	i := 1
	if s[i] == '/' {
		closing = true
		i++
	}
	if s[1] == '!' || s[1] == '?' {
		if end := strings.IndexByte(s, '>'); end >= 0 && !strings.ContainsRune(s[1:end], '<') {
			return end + 1, "", false, false
		}
		return 0, "", false, false
	}
	j := i
	for j < len(s) {
		c := s[j]
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || (j > i && (c >= '0' && c <= '9' || c == ':' || c == '-' || c == '_' || c == '.')) {
			j++
			continue
		}
		break
	}
	if j == i {
		return 0, "", false, false
	}
	name = strings.ToLower(s[i:j])
	// The rest of the tag: attributes up to '>', with no '<' inside.
	end := -1
	quote := byte(0)
	for k := j; k < len(s); k++ {
		c := s[k]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '<':
			return 0, "", false, false
		case c == '>':
			end = k
		}
		if end >= 0 {
			break
		}
	}
	if end < 0 {
		return 0, "", false, false
	}
	rest := s[j:end]
	if rest != "" && !isSpaceByte(rest[0]) && rest[0] != '/' {
		return 0, "", false, false // "<a+b>" is text
	}
	selfClosing = strings.HasSuffix(rest, "/")
	return end + 1, name, closing, selfClosing
}

func isSpaceByte(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' }

// plainText returns the text of s without tags, entities decoded, white
// space collapsed (for keys and messages).
func plainText(s string) string {
	var b strings.Builder
	for len(s) > 0 {
		i := strings.IndexByte(s, '<')
		if i < 0 {
			b.WriteString(s)
			break
		}
		b.WriteString(s[:i])
		s = s[i:]
		n, name, _, _ := scanTag(s)
		if n == 0 {
			b.WriteByte('<')
			s = s[1:]
			continue
		}
		if name == "br" {
			b.WriteByte(' ')
		}
		s = s[n:]
	}
	out := strings.Join(strings.Fields(html.UnescapeString(b.String())), " ")
	if !utf8.ValidString(out) {
		out = strings.ToValidUTF8(out, "\uFFFD")
	}
	return out
}
