package latex

import (
	"reflect"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"
)

type textCase struct{ name, in, want string }

func runText(t *testing.T, cases []textCase) {
	t.Helper()
	for _, c := range cases {
		if got := ToText(c.in); got != c.want {
			t.Errorf("%s: ToText(%q) = %q, want %q", c.name, c.in, got, c.want)
		}
	}
}

func TestAccents(t *testing.T) {
	runText(t, []textCase{
		{"braced group", `{\"u}`, "ü"},
		{"braced arg", `\"{u}`, "ü"},
		{"bare", `\"u`, "ü"},
		{"space before arg", `{\" o}`, "ö"},
		{"dotless i acute", `\'{\i}`, "í"},
		{"dotless i bare", `\'\i`, "í"},
		{"dotless i in group", `{\'\i}`, "í"},
		{"dotless i breve", `\u\i`, "ĭ"},
		{"dotless j circumflex", `\^{\j}`, "ĵ"},
		{"dotless i below accent keeps ı", `\d{\i}`, "ı̣"},
		{"cedilla braced", `\c{c}`, "ç"},
		{"cedilla control word", `\c c`, "ç"},
		{"cedilla capital", `\c C`, "Ç"},
		{"tilde", `\~n`, "ñ"},
		{"circumflex", `\^o`, "ô"},
		{"grave", "\\`a", "à"},
		{"macron", `\=a`, "ā"},
		{"dot above", `\.z`, "ż"},
		{"breve", `\u{g}`, "ğ"},
		{"caron", `\v{s}`, "š"},
		{"double acute", `\H{o}`, "ő"},
		{"ogonek", `\k{e}`, "ę"},
		{"ring", `\r{u}`, "ů"},
		{"dot below", `\d{h}`, "ḥ"},
		{"macron below", `\b{t}`, "ṯ"},
		{"tie", `\t{oo}`, "o͡o"},
		{"comma below", `\textcommabelow{s}`, "ș"},
		{"stacked", `\'{\"u}`, "ǘ"},
		{"stacked below and above", `\'{\d{\i}}`, "ị́"},
		{"acute macron", `\textacutemacron a`, "ā́"},
		{"accent on letter command", `\'{\ae}`, "ǽ"},
		{"empty arg spacing form", `\~{}`, "˜"},
		{"empty arg acute", `\'{}`, "´"},
		{"missing arg at end", `x\'`, "x´"},
		{"missing arg before brace", `{a\'}b`, "a´b"},
		{"accent on first letter of group", `\'{ab}`, "áb"},
		{"accent then uppercase", `\MakeUppercase{\'e}`, "É"},
		{"non-ASCII base", `\c ö`, "ö̧"},
		{"precomposed stays", "Éva", "Éva"},
		{"combining in input is composed", "e\u0301", "é"},
	})
}

func TestLetters(t *testing.T) {
	runText(t, []textCase{
		{"ss", `Stra\ss e`, "Straße"},
		{"o", `{\o}`, "ø"}, {"O", `{\O}`, "Ø"},
		{"aa", `{\aa}`, "å"}, {"AA", `\AA{}`, "Å"},
		{"ae", `\ae`, "æ"}, {"AE", `\AE`, "Æ"},
		{"oe", `\oe`, "œ"}, {"OE", `\OE`, "Œ"},
		{"l", `\l`, "ł"}, {"L", `\L`, "Ł"},
		{"i", `\i`, "ı"}, {"j", `\j`, "ȷ"},
		{"dh", `\dh`, "ð"}, {"DH", `\DH`, "Ð"},
		{"th", `\th`, "þ"}, {"TH", `\TH`, "Þ"},
		{"ng", `\ng`, "ŋ"}, {"NG", `\NG`, "Ŋ"},
		{"dj", `\dj{}`, "đ"}, {"DJ", `\DJ{}`, "Đ"},
		{"control word eats space", `\ae \ae`, "ææ"},
		{"control space", `\ae\ \ae`, "æ æ"},
		{"empty group ends word", `\ae{} x`, "æ x"},
		{"letter command in name", `\L\k{e}ski`, "Łęski"},
	})
}

func TestSpecialsAndPunctuation(t *testing.T) {
	runText(t, []textCase{
		{"escaped specials", `\& \% \$ \# \_ \{ \}`, "& % $ # _ { }"},
		{"en dash", "1--10", "1–10"},
		{"em dash", "a---b", "a—b"},
		{"four hyphens", "----", "—-"},
		{"hyphen", "well-known", "well-known"},
		{"dash broken by group", "-{}-", "--"},
		{"double quotes", "``quoted''", "“quoted”"},
		{"single quotes", "`quoted'", "‘quoted’"},
		{"apostrophe in word", "O'Connor", "O'Connor"},
		{"apostrophe inside quotes", "`don't'", "‘don't’"},
		{"lone apostrophe", "rock 'n roll", "rock 'n roll"},
		{"low quotes", ",,Zitat``", "„Zitat“"},
		{"inverted marks", "!`Hola! ?`Qu\\'e?", "¡Hola! ¿Qué?"},
		{"tie", "Y.~Matsumoto", "Y.\u00a0Matsumoto"},
		{"ldots", `Wait\ldots{} what`, "Wait… what"},
		{"dots", `a\dots b`, "a…b"},
		{"textendash", `\textendash`, "–"},
		{"textemdash", `\textemdash{}`, "—"},
		{"textquoteleft", `\textquoteleft x\textquoteright`, "‘x’"},
		{"textquotedbl", `\textquotedblleft x\textquotedblright`, "“x”"},
		{"guillemets", `\guillemotleft x\guillemotright`, "«x»"},
		{"ascii names", `\textasciitilde{}\textasciicircum{}\textbackslash{}`, "~^\\"},
		{"textless", `\textless\textgreater\textbar`, "<>|"},
		{"copyright", `\copyright{} 2020`, "© 2020"},
		{"degree", `20\textdegree C`, "20°C"},
		{"euro", `\texteuro 5`, "€5"},
		{"logos", `\LaTeX{} and \BibTeX`, "LaTeX and BibTeX"},
		{"unescaped specials are literal", "a & b, 50% off, #1, x_1, 2^3", "a & b, 50% off, #1, x_1, 2^3"},
		{"percent is not a comment", "http://x.org/a%20b", "http://x.org/a%20b"},
	})
}

func TestSpacesAndGroups(t *testing.T) {
	runText(t, []textCase{
		{"case protection", "{GPU} computing with {CUDA}", "GPU computing with CUDA"},
		{"nested braces", "{{{x}}}", "x"},
		{"empty group", "a{}b", "ab"},
		{"whitespace collapses", "a \n\t b", "a b"},
		{"paragraph", "a\n\nb", "a\n\nb"},
		{"par command", `a \par b`, "a\n\nb"},
		{"leading and trailing trimmed", "  a b  ", "a b"},
		{"control space kept at edges", `\ a\ `, " a "},
		{"control space", `a\ \ b`, "a  b"},
		{"thin space", `10\,000`, "10\u2009000"},
		{"quad", `a\quad b`, "a\u2003b"},
		{"soft hyphen dropped", `hy\-phen`, "hyphen"},
		{"italic correction", `\emph{a}\/b`, "ab"},
		{"relax", `{\relax Ch}ristian`, "Christian"},
		{"line break", `a\\b`, "a b"},
		{"mbox", `\mbox{x}`, "x"},
		{"url", `see \url{http://x.org/~u_1%20}`, "see http://x.org/~u_1%20"},
		{"href keeps text", `\href{http://x.org}{the site}`, "the site"},
		{"noopsort", `{\noopsort{1973b}}1973`, "1973"},
		{"textcolor", `\textcolor{red}{hot}`, "hot"},
		{"ElsevierGlyph", `\ElsevierGlyph{2014}`, "—"},
		{"ElsevierGlyph invalid", `\ElsevierGlyph{zz}`, "zz"},
		{"char", `\char"41\char65\char'101`, "AAA"},
		{"symbol", `\symbol{"263A}`, "☺"},
		{"superscript", `1\textsuperscript{st}`, "1ˢᵗ"},
		{"superscript without form", `\textsuperscript{q}`, "q"},
		{"subscript", `H\textsubscript{2}O`, "H₂O"},
		{"uppercase", `\MakeUppercase{abc} \MakeLowercase{DEF}`, "ABC def"},
		{"enquote", `\enquote{x}`, "“x”"},
		{"environment", `\begin{itshape}x\end{itshape}`, "x"},
	})
}

func TestUnknownCommands(t *testing.T) {
	runText(t, []textCase{
		{"argument kept", `\foo{bar}`, "bar"},
		{"two arguments kept", `\foo{a}{b}`, "ab"},
		{"bare kept", `a \foo b`, `a \foo b`},
		{"empty arg kept", `\foo{}`, `\foo{}`},
		{"at end", `unknown: \unknown`, `unknown: \unknown`},
		{"control symbol", `a\<b`, "a<b"},
		{"in math kept as source", `$\foo{x}+1$`, `\foo{x}+1`},
	})
	for _, c := range []struct {
		in   string
		want []string
	}{
		{`\foo{bar} \emph{x} \baz \foo`, []string{"foo", "baz"}},
		{`$\alpha + \qux$ \'e \<`, []string{"qux", "<"}},
		{`\begin{center}x\end{center}`, nil},
		{"plain", nil},
	} {
		if got := Unknown(c.in); !reflect.DeepEqual(got, c.want) {
			t.Errorf("Unknown(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestMath(t *testing.T) {
	runText(t, []textCase{
		{"greek", `$\alpha$-stable`, "α-stable"},
		{"paren math", `\(\psi\)`, "ψ"},
		{"bracket math", `\[x\]`, "x"},
		{"display", `$$\psi$$`, "ψ"},
		{"ensuremath", `\ensuremath{\beta}`, "β"},
		{"greek capitals", `$\Sigma\Delta$`, "ΣΔ"},
		{"phi forms", `$\phi\varphi\epsilon\varepsilon$`, "φϕεϵ"},
		{"symbols", `$\ell \infty \leq \geq \neq \to \times$`, "ℓ ∞ ≤ ≥ ≠ → ×"},
		{"spaces kept", `$k \leq n$`, "k ≤ n"},
		{"minus", `$-1$`, "−1"},
		{"superscript digit", `$e=mc^2$`, "e=mc²"},
		{"subscript digit", `$\ell_1$`, "ℓ₁"},
		{"superscript group", `$x^{10}$`, "x¹⁰"},
		{"subscript letters", `$x_{ij}$`, "xᵢⱼ"},
		{"no form kept", `$x_{Q}$`, "x_Q"},
		{"no form group", `$x^{q+1}$`, "x^{q+1}"},
		{"degree", `$90^\circ$`, "90°"},
		{"space before script", `$x ^2$ and $^3$He`, "x² and ³He"},
		{"prime", `$f'(x)$`, "f′(x)"},
		{"mathbb", `$\mathbb{R}^n$`, "ℝⁿ"},
		{"mathbb bare", `$\mathbb R$`, "ℝ"},
		{"mathcal", `$\mathcal{H}_2$`, "ℋ₂"},
		{"mathsf digit", `$\mathsf{0}$`, "𝟢"},
		{"mathit", `$\mathit{p}$`, "𝑝"},
		{"mathfrak", `$\mathfrak m$`, "𝔪"},
		{"mathbf greek", `$\mathbf{\Gamma}$`, "𝚪"},
		{"plain letters stay plain", `$CUR$`, "CUR"},
		{"text in math", `$\text{if } x$`, "if x"},
		{"operator", `$O(n\log n)$`, "O(n log n)"},
		{"operatorname", `$\operatorname{rank}(A)$`, "rank(A)"},
		{"frac", `$\frac{1}{2}$`, "1/2"},
		{"frac groups", `$\frac{a+b}{c}$`, "(a+b)/c"},
		{"sqrt", `$\sqrt{2}$ $\sqrt[3]{x}$`, "√2 ∛x"},
		{"accent", `$\acute{\omega}$ $\hat{x}$`, "ώ x̂"},
		{"not", `$a \not= b$, $x\not\in S$`, "a ≠ b, x∉ S"},
		{"left right", `$\left(x\right.$`, "(x"},
		{"math spacing", `$a\,b\!c$`, "a\u2009bc"},
		{"math without closing $ is literal", `costs $5`, "costs $5"},
		{"escaped dollar in math", `$a\$b$`, "a$b"},
		{"lone \\(", `a \( b`, "a b"},
		{"braces inside math", `${a}^{2}$`, "a²"},
		{"unbalanced brace in math", `$a}b$c`, "abc"},
		{"empty math keeps one space", `a $ $ b`, "a b"},
		{"math in word", `{$\Sigma\Delta$}-modulator`, "ΣΔ-modulator"},
	})
}

func TestParse(t *testing.T) {
	for _, c := range []struct {
		in   string
		want []Span
	}{
		{"plain", []Span{{Text: "plain"}}},
		{`a \emph{b} c`, []Span{{Text: "a "}, {Text: "b", Emph: true}, {Text: " c"}}},
		{`\textit{a}\textsl{b}`, []Span{{Text: "ab", Emph: true}}},
		{`\emph{a \emph{b} c}`, []Span{{Text: "a ", Emph: true}, {Text: "b"}, {Text: " c", Emph: true}}},
		{`{\em a} {\it b} {\bf c} {\tt d}`, []Span{{Text: "a", Emph: true}, {Text: " "}, {Text: "b", Emph: true},
			{Text: " "}, {Text: "c", Bold: true}, {Text: " "}, {Text: "d", Mono: true}}},
		{`\textbf{\textit{x}}`, []Span{{Text: "x", Emph: true, Bold: true}}},
		{`\texttt{x}`, []Span{{Text: "x", Mono: true}}},
		{`$\alpha$-stable`, []Span{{Text: `\alpha`, Math: true}, {Text: "-stable"}}},
		{`\emph{$x^2$}`, []Span{{Text: "x^2", Math: true, Emph: true}}},
		{`\(\psi\) and \ensuremath{\beta}`, []Span{{Text: `\psi`, Math: true}, {Text: " and "}, {Text: `\beta`, Math: true}}},
		{`$a$$b$`, []Span{{Text: "a b", Math: true}}},
		{`M\"{u}ller`, []Span{{Text: "Müller"}}},
		{`\begin{it}x\end{it} y`, []Span{{Text: "x", Emph: true}, {Text: " y"}}},
		{"", nil},
		{"{}", nil},
	} {
		if got := Parse(c.in); !reflect.DeepEqual(got, c.want) {
			t.Errorf("Parse(%q) = %+v, want %+v", c.in, got, c.want)
		}
	}
}

func TestFromUnicode(t *testing.T) {
	for _, c := range []struct {
		in          string
		utf8, ascii string
	}{
		{"Müller", "Müller", `M{\"u}ller`},
		{"café", "café", `caf{\'e}`},
		{"Straße", "Straße", `Stra{\ss}e`},
		{"Ørsted Ångström", "Ørsted Ångström", `{\O}rsted {\AA}ngstr{\"o}m`},
		{"Łódź", "Łódź", `{\L}{\'o}d{\'z}`},
		{"naïve", "naïve", `na{\"{\i}}ve`},
		{"Ağrı", "Ağrı", `A{\u{g}}r{\i}`},
		{"François", "François", `Fran{\c{c}}ois`},
		{"ǘ", "ǘ", `{\'{\"u}}`},
		{"ǻ", "ǻ", `{\'{\aa}}`},
		{"Þórr", "Þórr", `{\TH}{\'o}rr`},
		{"Ǭ ậ", "Ǭ ậ", `{\k{\=O}} {\d{\^a}}`},
		{"& % $ # _ { } ~ ^ \\", `\& \% \$ \# \_ \{ \} {\textasciitilde} {\textasciicircum} {\textbackslash}`,
			`\& \% \$ \# \_ \{ \} {\textasciitilde} {\textasciicircum} {\textbackslash}`},
		{`\input{x}`, `{\textbackslash}input\{x\}`, `{\textbackslash}input\{x\}`},
		{"a < b > c | d", `a {\textless} b {\textgreater} c {\textbar} d`, `a {\textless} b {\textgreater} c {\textbar} d`},
		{"1–10 — “q” ‘s’", "1–10 — “q” ‘s’", "1--10 --- ``q'' {\\textquoteleft}s{\\textquoteright}"},
		{"a--b ''x'' ,,", "a-{}-b '{}'x'{}' ,{},", "a-{}-b '{}'x'{}' ,{},"},
		{"a  b", `a \ b`, `a \ b`},
		{" a ", `\ a\ `, `\ a\ `},
		{"a\u00a0b", "a~b", "a~b"},
		{"x\ty\nz", "x y z", "x y z"},
		{"bell\x07", "bell", "bell"},
		{"ℓ₁ ≤ x²", "ℓ₁ ≤ x²", `{\ensuremath{\ell}}{\textsubscript{1}} {\ensuremath{\leq}} x{\textsuperscript{2}}`},
		{"ℝ 𝐶𝑈𝑅", "ℝ 𝐶𝑈𝑅", `{\ensuremath{\mathbb{R}}} {\ensuremath{\mathit{CUR}}}`},
		{"α-stable", "α-stable", `{\ensuremath{\alpha}}-stable`},
		{"東京", "東京", "東京"},
		{"©2020", "©2020", `{\copyright}2020`},
		{"\xff", "\uFFFD", "\uFFFD"},
	} {
		if got := FromUnicode(c.in, KeepUTF8); got != c.utf8 {
			t.Errorf("FromUnicode(%q, KeepUTF8) = %q, want %q", c.in, got, c.utf8)
		}
		if got := FromUnicode(c.in, ASCII); got != c.ascii {
			t.Errorf("FromUnicode(%q, ASCII) = %q, want %q", c.in, got, c.ascii)
		}
	}
}

func TestRoundTrip(t *testing.T) {
	for _, s := range []string{
		"Müller & Söhne: 100% of $5 for #1_a", `C:\input\x{y}~^`, "O'Connor's ``odd'' --- ,,test''",
		"ı\u0301 i\u0307 ị́ ŉ", "  lead and trail  ", "a   b", "ﬁ ĳ Ǆ µ Ω Å K", "Αλφα ΑΒΓ",
		"x⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ⁿ y₀₁₂ₐₑ", "𝒳𝔛𝕏𝗫𝚇𝛂𝜶 ∎ ■", "\u00ad\u200b\u200c\u200d\ufeff", "!`?`!“",
		"´¨˜ˆ¯˘ˇ˝˚¸˛", "#\u0301 ~\u0301 \u0301", "Ǭǭ", "−1", "¡¿«»‹›„‚",
	} {
		for _, m := range []Mode{KeepUTF8, ASCII} {
			want := nfc(s)
			if got := ToText(FromUnicode(s, m)); got != want {
				t.Errorf("mode %d: ToText(FromUnicode(%q)) = %q via %q, want %q", m, s, got, FromUnicode(s, m), want)
			}
		}
	}
}

// TestLinear feeds hostile inputs of about 200 KB: deep nesting, unclosed
// groups and math, nested transforms. A quadratic algorithm would take
// minutes here.
func TestLinear(t *testing.T) {
	const n = 50000
	inputs := map[string]string{
		"nested braces":       strings.Repeat("{", 2*n) + "x" + strings.Repeat("}", 2*n),
		"unclosed braces":     strings.Repeat("{", 4*n),
		"stray closers":       strings.Repeat("}", 4*n),
		"nested accents":      strings.Repeat(`\'{`, n) + "e" + strings.Repeat("}", n),
		"unclosed accents":    strings.Repeat(`\"`, 2*n),
		"nested emph":         strings.Repeat(`\emph{`, n) + "x",
		"nested superscripts": "$" + strings.Repeat("x^{", n) + strings.Repeat("}", n) + "$",
		"nested frac":         "$" + strings.Repeat(`\frac{`, n) + "$",
		"nested sqrt":         strings.Repeat(`\sqrt{`, n),
		"nested textsup":      strings.Repeat(`\textsuperscript{`, n) + "2",
		"nested glyph":        strings.Repeat(`\ElsevierGlyph{`, n),
		"many lone parens":    strings.Repeat(`\(`, 2*n),
		"many lone dollars":   "$" + strings.Repeat(`\$`, 2*n),
		"many ensuremath":     strings.Repeat(`\ensuremath{`, n),
		"many url":            strings.Repeat(`\url{`, n),
		"many begin":          strings.Repeat(`\begin{it}`, n) + strings.Repeat("}", n),
		"many end":            strings.Repeat(`\begin{x}{`, n) + strings.Repeat(`\end{x}`, n),
		"many opt args":       strings.Repeat(`\\[`, n),
		"many hyphens":        strings.Repeat("-", 4*n),
		"many dollars":        strings.Repeat("$", 4*n),
		"many unknown math":   "$" + strings.Repeat(`\foo{`, n) + "$",
		"many quotes":         strings.Repeat("`", 4*n) + strings.Repeat("'", 4*n),
		"long control word":   `\` + strings.Repeat("a", 4*n),
		"deep token args":     strings.Repeat(`\textbf\emph\'`, n) + "x",
	}
	start := time.Now()
	for name, in := range inputs {
		t0 := time.Now()
		ToText(in)
		Parse(in)
		Unknown(in)
		FromUnicode(in, ASCII)
		if d := time.Since(t0); d > 2*time.Second {
			t.Errorf("%s: %v for %d bytes", name, d, len(in))
		}
	}
	t.Logf("all hostile inputs: %v", time.Since(start))
}

// TestRoundTripAllRunes checks ToText(FromUnicode(x)) == NFC(x) for every
// non-control code point up to U+2FFFF, alone, between letters, doubled,
// and followed by combining marks (acute, dot below).
func TestRoundTripAllRunes(t *testing.T) {
	fails := 0
	for r := rune(0x20); r < 0x30000 && fails < 20; r++ {
		if !utf8.ValidRune(r) || unicode.IsControl(r) {
			continue
		}
		c := string(r)
		for _, s := range []string{c, "a" + c + "b", c + c, c + "\u0301", "i" + c + "\u0323\u0301"} {
			for _, m := range []Mode{KeepUTF8, ASCII} {
				tex := FromUnicode(s, m)
				if back := ToText(tex); back != nfc(s) {
					t.Errorf("mode %d: %q (U+%04X) -> %q -> %q, want %q", m, s, r, tex, back, nfc(s))
					fails++
				}
				if msg := checkLaTeX(tex); msg != "" {
					t.Errorf("mode %d: %q -> %q: %s", m, s, tex, msg)
					fails++
				}
			}
		}
	}
}
