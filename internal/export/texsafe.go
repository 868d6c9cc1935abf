package export

import (
	"strings"
	"unicode/utf8"

	"github.com/pubs-dev/pubs/internal/latex"
)

// LaTeX renders the text for a LaTeX document. The .bib's LaTeX passes
// through (it is the user's own markup: accents, \emph, math), with three
// repairs so that any .bib value compiles and none can take over the
// document:
//
//   - characters that are literal in a .bib value but special in a LaTeX
//     paragraph are escaped: a bare % (a comment to LaTeX), & and #, and,
//     outside math, _ and ^;
//   - commands that read or write files, run programs or change how TeX
//     reads its input (\input, \write18, \catcode, \def, \csname, ...)
//     are written as text (\textbackslash{}input), and ^^ (TeX's
//     character-code notation, which could spell any of them) is broken up;
//   - non-ASCII characters outside math become LaTeX commands (é is \'{e}),
//     so the output needs no inputenc and works with T1 fonts.
//
// See docs/security.md for the trust model.
func (t Text) LaTeX() string { return SafeLaTeX(string(t)) }

// deniedCommands are TeX and LaTeX commands a bibliography entry has no
// business using.
var deniedCommands = map[string]bool{
	"input": true, "include": true, "includeonly": true, "InputIfFileExists": true, "IfFileExists": true,
	"openin": true, "openout": true, "closein": true, "closeout": true, "read": true, "readline": true,
	"write": true, "immediate": true, "newwrite": true, "newread": true, "special": true, "message": true,
	"catcode": true, "lccode": true, "uccode": true, "sfcode": true, "mathcode": true, "delcode": true,
	"def": true, "edef": true, "gdef": true, "xdef": true, "let": true, "futurelet": true,
	"csname": true, "endcsname": true, "expandafter": true, "noexpand": true, "afterassignment": true,
	"newcommand": true, "renewcommand": true, "providecommand": true, "DeclareRobustCommand": true,
	"usepackage": true, "RequirePackage": true, "documentclass": true,
	"directlua": true, "luaexec": true, "latelua": true, "ShellEscape": true, "pdfshellescape": true,
	"verbatiminput": true, "lstinputlisting": true, "inputminted": true, "includegraphics": true,
	"everypar": true, "everymath": true, "everyhbox": true, "everyvbox": true, "everyeof": true, "output": true,
	"jobname": true, "endinput": true, "end": true, "enddocument": true, "stop": true, "batchmode": true,
	"nonstopmode": true, "scrollmode": true, "errorstopmode": true, "loop": true, "repeat": true,
	"pdfobj": true, "pdfliteral": true, "pdffiledump": true, "pdfsavepos": true, "scantokens": true,
	"uppercase": true, "lowercase": true, "string": true, "meaning": true, "detokenize": true, "unexpanded": true,
	"globaldefs": true, "endlinechar": true, "newlinechar": true, "escapechar": true, "href": true, "url": true,
}

// SafeLaTeX applies the repairs of [Text.LaTeX] to LaTeX source.
func SafeLaTeX(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 16)
	math := 0 // closing delimiter expected: 0 none, '$', '$'+1 for $$, ')' or ']'
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == '\\':
			j := i + 1
			for j < len(s) && isLetter(s[j]) {
				j++
			}
			if j == i+1 { // a control symbol: \%, \$, \\, \( ...
				if j < len(s) {
					sym := s[j]
					switch {
					case sym == '(' && math == 0:
						math = ')'
					case sym == '[' && math == 0:
						math = ']'
					case sym == ')' && math == ')', sym == ']' && math == ']':
						math = 0
					}
					if sym == '^' && j+1 < len(s) && s[j+1] == '^' {
						// \^^ would leave a ^^ behind
						b.WriteString(`\^{}`)
						i = j + 1
						continue
					}
					if sym >= utf8.RuneSelf {
						_, n := utf8.DecodeRuneInString(s[j:])
						b.WriteString(s[i : j+n])
						i = j + n
						continue
					}
					b.WriteString(s[i : j+1])
					i = j + 1
				} else {
					b.WriteString(`\textbackslash{}`)
					i = j
				}
				continue
			}
			name := s[i+1 : j]
			if deniedCommands[name] {
				b.WriteString(`\textbackslash{}` + name)
			} else {
				b.WriteString(s[i:j])
			}
			i = j
		case c == '$':
			switch {
			case math == 0 && strings.HasPrefix(s[i:], "$$"):
				math = '$' + 1
				b.WriteString("$$")
				i += 2
			case math == '$'+1 && strings.HasPrefix(s[i:], "$$"):
				math = 0
				b.WriteString("$$")
				i += 2
			case math == 0:
				math = '$'
				b.WriteByte('$')
				i++
			case math == '$':
				math = 0
				b.WriteByte('$')
				i++
			default:
				b.WriteString(`\$`)
				i++
			}
		case c == '%' || c == '&' || c == '#':
			b.WriteByte('\\')
			b.WriteByte(c)
			i++
		case c == '^' && i+1 < len(s) && s[i+1] == '^':
			if math != 0 {
				b.WriteString("^{}")
			} else {
				b.WriteString(`\^{}`)
			}
			i++
		case (c == '_' || c == '^') && math == 0:
			if c == '_' {
				b.WriteString(`\_`)
			} else {
				b.WriteString(`\^{}`)
			}
			i++
		case c >= utf8.RuneSelf:
			r, n := utf8.DecodeRuneInString(s[i:])
			if math != 0 || r == utf8.RuneError {
				if r == utf8.RuneError && n == 1 {
					b.WriteString("?")
				} else {
					b.WriteString(s[i : i+n])
				}
			} else {
				b.WriteString(latex.FromUnicode(string(r), latex.ASCII))
			}
			i += n
		case c < ' ' && c != '\n' && c != '\t' && c != '\r':
			i++ // control characters are not text
		default:
			b.WriteByte(c)
			i++
		}
	}
	if math != 0 {
		// An unclosed math shift would swallow the rest of the document.
		switch math {
		case '$':
			b.WriteString("$")
		case '$' + 1:
			b.WriteString("$$")
		case ')':
			b.WriteString(`\)`)
		case ']':
			b.WriteString(`\]`)
		}
	}
	return balanceBraces(b.String())
}

func isLetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || c == '@' }

// balanceBraces drops a "}" that closes nothing and closes what stays
// open, counting only braces that are not escaped (\{ and \}).
func balanceBraces(s string) string {
	var b strings.Builder
	depth := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '\\' && i+1 < len(s) {
			b.WriteByte(c)
			b.WriteByte(s[i+1])
			i++
			continue
		}
		switch c {
		case '{':
			depth++
		case '}':
			if depth == 0 {
				b.WriteString(`\}`)
				continue
			}
			depth--
		}
		b.WriteByte(c)
	}
	b.WriteString(strings.Repeat("}", depth))
	return b.String()
}

// EscapeLaTeX escapes plain text (no markup) for LaTeX.
func EscapeLaTeX(s string) string { return latex.FromUnicode(s, latex.ASCII) }

// LaTeXURL makes a URL safe inside \href{...} and \url{...}: characters
// that TeX or hyperref would interpret are percent-encoded or escaped.
func LaTeXURL(u string) string {
	var b strings.Builder
	for i := 0; i < len(u); i++ {
		c := u[i]
		switch c {
		case '%', '#':
			b.WriteByte('\\')
			b.WriteByte(c)
		case '\\', '{', '}', '^', '|', ' ', '"', '<', '>', '`':
			b.WriteString("%" + strings.ToUpper(string("0123456789abcdef"[c>>4])+string("0123456789abcdef"[c&15])))
		default:
			if c < ' ' || c >= 0x7f {
				b.WriteString("%" + strings.ToUpper(string("0123456789abcdef"[c>>4])+string("0123456789abcdef"[c&15])))
			} else {
				b.WriteByte(c)
			}
		}
	}
	return b.String()
}
