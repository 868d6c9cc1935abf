package latex

import (
	"encoding/json"
	"os"
	"sort"
	"strings"
	"testing"
)

const corpusDir = "../../../shared/corpus/latex/"

func readCorpus(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(corpusDir + name)
	if os.IsNotExist(err) {
		t.Skipf("shared corpus not found (%s): vector test skipped", corpusDir+name)
	}
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// Reasons for the vectors of latex.json that ToText deliberately does not
// reproduce.
const (
	whyBraces = "implementation-specific: the source (a codec, or biber) keeps grouping braces; " +
		"a display converter drops them"
	whyDotless = "deliberate: an accent over \\i or \\j gives the accented i or j that LaTeX prints " +
		"(\\\"{\\i} is ï, \\={\\i} is ī); the vector wants dotless ı/ȷ plus a combining mark, which " +
		"renders the same but breaks search, and contradicts biber's own \\'\\i → í vector"
	whyUnknownArg = "deliberate (pubs issue): an unknown command's brace argument is kept and the command " +
		"dropped (\\foo{bar} → bar); JabRef keeps unknown commands verbatim"
	whyMbox = "deliberate (pubs issue): \\mbox is a known command that keeps its argument"
	whyTeX  = "implementation-specific: latexcodec decodes at codec level (a % is a TeX comment, $$ is " +
		"left alone); in BibTeX fields % is literal and $$ is display math"
	whyMathItalic = "implementation-specific: JabRef renders \\textit as Unicode mathematical italic " +
		"letters; pubs keeps plain letters (Parse reports the emphasis)"
	whyMathScripts = "implementation-specific: JabRef ignores \\mathsf and flattens nested scripts " +
		"(x^{d_1} → xᵈ₁); pubs gives 𝗄 for \\mathsf k and keeps x^{d₁}, since ₁ has no superscript form"
	whyUnderscore = "implementation-specific: JabRef turns _{...} in text into parentheses; in text " +
		"mode _ is literal and the braces are a group"
	whyKnown = "implementation-specific: biber keeps macros it excludes from decoding; pubs knows them " +
		"(\\frac → a/b, \\textuppercase upper-cases, \\; is a thick space U+2004)"
	whyDash   = "implementation-specific: biber leaves the -- ligature; pubs gives the en dash"
	whySoftHy = "implementation-specific: biber keeps \\-; pubs drops the soft hyphen (pubs issue)"
	whyHref   = "implementation-specific: citation-js keeps the URL of \\href; pubs keeps the link text (pubs issue)"
	whyCodec  = "implementation-specific: latexcodec leaves \\c before a non-ASCII letter undecoded; " +
		"pubs applies the cedilla (ö̧)"
	whyOgonek = "implementation-specific: latexcodec only encodes \\textogonekcentered; pubs also " +
		"decodes it as an ogonek (Ǭǭ, latexcodec's own table entry)"
)

var latexVectorDisagreements = map[string]string{
	`\copyright\ l{\aa}ren av bj{\"o}rn`: whyBraces,
	`Seraf{\'i}n`:                        whyBraces,
	`{\AA}str{\"o}m`:                     whyBraces,
	`l{\r a}ren l{\r A}ren`:              whyBraces,
	`{M{\'a}t{\'e}}`:                     whyBraces,
	`{M\'{a}t\'{e}}`:                     whyBraces,
	`{M\'at\'e}`:                         whyBraces,
	`R{\'egis}`:                          whyBraces,
	`{\DH{}and\dj{}and\'{c}, H.}`:        whyBraces,
	`{{\'A}lvarez}, J.~D.`:               whyBraces + " (and ~ is U+00A0)",
	`{I}`:                                whyBraces,
	`\&{A}`:                              whyBraces,
	`\&\;{A}`:                            whyKnown,
	`\frac{a}{b}`:                        whyKnown,
	`\textuppercase{\'e}`:                whyKnown,
	`--`:                                 whyDash,
	`a\-a`:                               whySoftHy,
	`\"{\i}`:                             whyDotless,
	`\^{\j}`:                             whyDotless,
	`\u{\i}`:                             whyDotless,
	`\u\i`:                               whyDotless,
	"Mu\\d{h}ammad ibn M\\=us\\=a al-Khw\\=arizm\\={\\i} \\r{a}": whyDotless,
	`\mbox{-}`:                        whyMbox,
	`\aaaa{bbbb}`:                     whyUnknownArg,
	`\\%`:                             whyTeX,
	"\\% abc\n\\\\% def\n\\\\\\% ghi": whyTeX,
	`This is a $$\psi$$ test.`:        whyTeX,
	`\textit{text}`:                   whyMathItalic,
	`Lorem ipsum_{lorem ipsum}`:       whyUnderscore,
	`href: \href{https://example.org}{Example}`: whyHref,
	`\c öké`: whyCodec,
	`\textogonekcentered{\=O}\textogonekcentered{\=o}`: whyOgonek,
}

// Vectors too long for a map key are matched by prefix.
var latexVectorPrefixDisagreements = map[string]string{
	"Pu{\\d{n}}ya-pattana":                 whyDotless,
	"M\\^eme s'il a fait":                  whyBraces + " (fran{ç}ais)",
	"Much progress has been made":          whyMathScripts,
	"Let $R$ be a standard graded algebra": whyMathScripts,
}

func disagreementReason(latex string) string {
	if r, ok := latexVectorDisagreements[latex]; ok {
		return r
	}
	for p, r := range latexVectorPrefixDisagreements {
		if strings.HasPrefix(latex, p) {
			return r
		}
	}
	return ""
}

// TestLatexVectors runs shared/corpus/latex/latex.json. Every vector
// must agree, or be listed above with the reason for the difference; a
// listed vector that starts to agree fails too, so the list stays true.
func TestLatexVectors(t *testing.T) {
	var vs []struct {
		Latex, Text, Kind, Note string
	}
	if err := json.Unmarshal(readCorpus(t, "latex.json"), &vs); err != nil {
		t.Fatal(err)
	}
	agree := map[string]int{}
	total := map[string]int{}
	reasons := map[string]int{}
	for _, v := range vs {
		total[v.Kind]++
		got := ToText(v.Latex)
		reason := disagreementReason(v.Latex)
		switch {
		case got == v.Text && reason == "":
			agree[v.Kind]++
		case got == v.Text:
			t.Errorf("ToText(%q) now agrees with the vector; remove it from the disagreement list", v.Latex)
		case reason == "":
			t.Errorf("ToText(%q) = %q, want %q (%s; %s)", v.Latex, got, v.Text, v.Kind, v.Note)
		default:
			reasons[reason]++
			t.Logf("differs on purpose: %.60q: got %.60q, vector %.60q", v.Latex, got, v.Text)
		}
	}
	kinds := make([]string, 0, len(total))
	for k := range total {
		kinds = append(kinds, k)
	}
	sort.Strings(kinds)
	for _, k := range kinds {
		t.Logf("%s: %d of %d vectors agree", k, agree[k], total[k])
	}
	for r, n := range reasons {
		t.Logf("%d × %s", n, r)
	}
}

// unicode2latex samples: Unicode title -> LaTeX (a string, or [latex,
// format]).
func readSamples(t *testing.T) map[string]string {
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(readCorpus(t, "unicode2latex-samples.json"), &raw); err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for k, v := range raw {
		var s string
		if json.Unmarshal(v, &s) != nil {
			var arr []string
			if err := json.Unmarshal(v, &arr); err != nil || len(arr) == 0 {
				t.Fatalf("sample %q: %s", k, v)
			}
			s = arr[0]
		}
		out[k] = s
	}
	return out
}

// Samples whose LaTeX → Unicode direction ToText deliberately does not
// reproduce: unicode2latex writes math letters in mathematical italic and
// encodes some characters lossily.
var sampleDisagreements = map[string]string{
	"Matrices with Small Coherence Using 𝑝-Ary Block Codes": "plain math letters stay plain ($p$ → p), " +
		"so that titles stay searchable; 𝑝 is written \\mathit{p}",
	"Relative-Error 𝐶𝑈𝑅 Matrix Decompositions": "plain math letters stay plain ($CUR$ → CUR)",
	"Penalty Functions and Duality in Stochastic Programming via 𝜙-Divergence Functionals": "plain math " +
		"letters stay plain, and \\phi is the letter φ (latexcodec's table); 𝜙 is mathematical italic ϕ",
	"State-Space Solutions to Standard ℋ₂ and ℋ ͚ Control Problems": "∞ has no subscript form, so " +
		"\\mathcal{H}_\\infty is ℋ_∞; unicode2latex's ' ͚' (space + U+035A COMBINING DOUBLE RING BELOW) " +
		"is a lossy stand-in",
}

func TestUnicode2LatexSamples(t *testing.T) {
	samples := readSamples(t)
	agree := 0
	for uni, tex := range samples {
		got := ToText(tex)
		reason := sampleDisagreements[uni]
		switch {
		case got == nfc(uni) && reason == "":
			agree++
		case got == nfc(uni):
			t.Errorf("ToText(%q) now agrees; remove it from sampleDisagreements", tex)
		case reason == "":
			t.Errorf("ToText(%q) = %q, want %q", tex, got, uni)
		default:
			t.Logf("differs on purpose: %q: got %q (%s)", tex, got, reason)
		}
	}
	t.Logf("LaTeX → Unicode: %d of %d samples agree", agree, len(samples))
	// FromUnicode round trips, in both modes.
	for uni := range samples {
		for _, m := range []Mode{KeepUTF8, ASCII} {
			tex := FromUnicode(uni, m)
			if back := ToText(tex); back != nfc(uni) {
				t.Errorf("mode %d: ToText(FromUnicode(%q)) = %q via %q", m, uni, back, tex)
			}
		}
	}
}

// Rows of latexcodec's table that this package deliberately decodes
// differently, or does not encode (keyed by the character name, or by
// name, tab and LaTeX where a character has several rows).
var tableDecodeDifferences = map[string]string{
	"CENT SIGN":                          "\\not{c} is c with a combining long solidus overlay (c̸); ¢ is \\textcent",
	"SOFT HYPHEN":                        "a soft hyphen prints nothing in a title (pubs issue: drop \\-)",
	"MICRO SIGN\t\\mu":                   "\\mu is the Greek letter μ (as latexcodec's own GREEK SMALL LETTER MU row); µ is \\textmu",
	"LATIN CAPITAL LETTER DZ WITH CARON": "D\\v Z is decoded as the letters D + Ž, not the compatibility digraph Ǆ",
	"LATIN CAPITAL LETTER D WITH SMALL LETTER Z WITH CARON": "D\\v z is decoded as D + ž, not the digraph ǅ",
	"LATIN SMALL LETTER DZ WITH CARON":                      "d\\v z is decoded as d + ž, not the digraph ǆ",
	"END OF PROOF":                                          "amssymb's \\blacksquare is ■ (U+25A0, as in unicode-math); ∎ is END OF PROOF",
}

var tableEncodeDifferences = map[string]string{
	"ZERO WIDTH JOINER":     "no spelling that reads back; kept as UTF-8",
	"ZERO WIDTH SPACE":      "\\hspace{0pt} would read back as a space; kept as UTF-8",
	"SOFT HYPHEN":           "\\- reads back as nothing; kept as UTF-8 (inputenc maps it to \\-)",
	"REPLACEMENT CHARACTER": "latexcodec writes ????; kept as UTF-8",
	"HYPHEN":                "latexcodec writes '-' (lossy); kept as UTF-8",
	"END OF PROOF":          "\\blacksquare reads back as ■; kept as UTF-8",
	"MINUS SIGN":            "written {\\ensuremath{-}} rather than latexcodec's bare '-' (which is a hyphen in text)",
}

// lossyEncodings are latexcodec's encode-only rows that spell a
// character as other characters (ligatures ﬁ → fi, digraphs ǅ → Dž,
// modifier letters ʼ → '); FromUnicode keeps those as UTF-8 so that
// ToText(FromUnicode(x)) == x. Greek capitals that look like Latin ones and
// omicron have no LaTeX command (\Alpha is undefined) and are kept too.
func lossyEncoding(r tableRow) bool {
	switch {
	case strings.Contains(r.name, "LIGATURE"), strings.Contains(r.name, "MODIFIER LETTER"),
		strings.Contains(r.name, " DZ"), strings.Contains(r.name, " LJ"), strings.Contains(r.name, " NJ"),
		strings.Contains(r.name, "WITH SMALL LETTER"), strings.HasPrefix(r.name, "GREEK CAPITAL"),
		r.name == "GREEK SMALL LETTER OMICRON":
		return true
	}
	return false
}

// TestLatexcodecTable checks the tables of this package against
// latexcodec's table.txt: every decodable row must decode to its
// character, and every encodable character must get a LaTeX spelling that
// reads back, apart from the listed differences.
func TestLatexcodecTable(t *testing.T) {
	if _, err := os.Stat(latexcodecTable); os.IsNotExist(err) {
		t.Skipf("shared corpus not found (%s): table test skipped", latexcodecTable)
	}
	rows, err := readLatexcodecTable()
	if err != nil {
		t.Fatal(err)
	}
	dec, decOK, enc, encOK := 0, 0, 0, 0
	for _, r := range rows {
		if r.decode {
			dec++
			src := r.latex
			if r.math {
				src = "$" + src + "$"
			}
			got := ToText(src)
			why, listed := tableDecodeDifferences[r.name]
			if !listed {
				why, listed = tableDecodeDifferences[r.name+"\t"+r.latex]
			}
			switch {
			case got == string(r.char) && !listed:
				decOK++
			case got == string(r.char):
				t.Errorf("%q now decodes as latexcodec does; remove it from tableDecodeDifferences", r.latex)
			case !listed:
				t.Errorf("ToText(%q) = %q, latexcodec: %q (%s)", src, got, string(r.char), r.name)
			default:
				t.Logf("decode differs on purpose: %q → %q, latexcodec %q: %s", r.latex, got, string(r.char), why)
			}
		}
		if r.encode && r.char >= 0x80 {
			enc++
			tex := FromUnicode(string(r.char), ASCII)
			if back := ToText(tex); back != nfc(string(r.char)) {
				t.Errorf("FromUnicode(%q) = %q reads back as %q", string(r.char), tex, back)
			}
			_, listed := tableEncodeDifferences[r.name]
			kept := tex == string(r.char)
			switch {
			case !kept && !listed:
				encOK++
			case kept && (listed || lossyEncoding(r)):
				t.Logf("kept as UTF-8 on purpose: %s (latexcodec %q)", r.name, r.latex)
			case kept:
				t.Errorf("FromUnicode(%q, ASCII) kept UTF-8; latexcodec writes %q (%s)", string(r.char), r.latex, r.name)
			case listed && r.name != "MINUS SIGN":
				t.Errorf("%s is now encoded (%q); remove it from tableEncodeDifferences", r.name, tex)
			default:
				encOK++
			}
		}
	}
	t.Logf("decode: %d of %d latexcodec rows agree; encode: %d of %d non-ASCII characters get a LaTeX spelling", decOK, dec, encOK, enc)
}
