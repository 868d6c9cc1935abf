package latex

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

var fuzzSeeds = []string{
	"", `{\"u}`, `\'{\i}`, `\c c`, `$\alpha$-stable`, `\(\psi\)`, "``q'' --- `a'", `\foo{bar}`,
	`\emph{a {\bf b}}`, `$x^{2}_{i}$`, `\frac{a}{b}`, `\sqrt[3]{x}`, `\url{http://x/%20}`,
	`\href{u}{t}`, `\begin{it}x\end{it}`, "{{{", "}}}", "$", `\`, `\'`, "$$x", `\ensuremath{`,
	`\ElsevierGlyph{2014}`, `\char"263A`, "Ünïcödé ℓ₁ 𝑝", "\xff\xfe", "a\n\nb", `\input{x}`,
	"& % $ # _ { } ~ ^ \\ < > | ` \"", "  a  b  ", "ǘ ı\u0301 i\u0307", "--'',,!`?`",
}

func FuzzToText(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out := ToText(s)
		spans := Parse(s)
		Unknown(s)
		if !utf8.ValidString(s) {
			return
		}
		if !utf8.ValidString(out) {
			t.Fatalf("ToText(%q) = %q: invalid UTF-8", s, out)
		}
		for _, sp := range spans {
			if !utf8.ValidString(sp.Text) {
				t.Fatalf("Parse(%q): span %q: invalid UTF-8", s, sp.Text)
			}
		}
	})
}

// forbidden are the commands FromUnicode must never write, whatever the
// text holds.
var forbidden = []string{"input", "include", "write", "catcode", "def", "csname", "immediate"}

// checkLaTeX checks that tex has balanced braces, escapes & % $ # _ and
// holds none of the forbidden commands.
func checkLaTeX(tex string) string {
	depth := 0
	for i := 0; i < len(tex); i++ {
		switch c := tex[i]; c {
		case '\\':
			j := i + 1
			for j < len(tex) && isASCIILetter(tex[j]) {
				j++
			}
			if j == i+1 { // control symbol: skip its character
				if j < len(tex) {
					_, n := utf8.DecodeRuneInString(tex[j:])
					j += n
				}
			} else {
				name := tex[i+1 : j]
				for _, f := range forbidden {
					if name == f {
						return "writes \\" + name
					}
				}
			}
			i = j - 1
		case '{':
			depth++
		case '}':
			depth--
			if depth < 0 {
				return "unbalanced }"
			}
		case '&', '%', '$', '#', '_':
			return "unescaped " + string(c)
		}
	}
	if depth != 0 {
		return "unbalanced {"
	}
	for _, f := range forbidden {
		if strings.Contains(tex, `\`+f) {
			return "contains \\" + f
		}
	}
	return ""
}

func hasControl(s string) bool {
	return strings.IndexFunc(s, unicode.IsControl) >= 0
}

func FuzzFromUnicode(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, m := range []Mode{KeepUTF8, ASCII} {
			tex := FromUnicode(s, m)
			if !utf8.ValidString(tex) {
				t.Fatalf("mode %d: FromUnicode(%q) = %q: invalid UTF-8", m, s, tex)
			}
			if msg := checkLaTeX(tex); msg != "" {
				t.Fatalf("mode %d: FromUnicode(%q) = %q: %s", m, s, tex, msg)
			}
			if !utf8.ValidString(s) || hasControl(s) {
				continue
			}
			if back, want := ToText(tex), nfc(s); back != want {
				t.Fatalf("mode %d: ToText(FromUnicode(%q)) = %q via %q, want %q", m, s, back, tex, want)
			}
		}
	})
}

// TestCheckLaTeX makes sure the fuzz oracle itself catches what it should.
func TestCheckLaTeX(t *testing.T) {
	for in, bad := range map[string]bool{
		`a \& b`: false, `\input x`: true, `{a`: true, `a}`: true, `\{`: false, "50%": true,
		`{\textbackslash}input`: false, `\def\x`: true, `x_1`: true, `\_`: false, `\$\#`: false,
	} {
		if got := checkLaTeX(in) != ""; got != bad {
			t.Errorf("checkLaTeX(%q) flags=%v, want %v", in, got, bad)
		}
	}
}
