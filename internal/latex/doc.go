// Package latex converts BibTeX field text (LaTeX) to Unicode for display,
// and Unicode to LaTeX for writing.
//
// # Reading LaTeX: Parse, ToText, Unknown
//
// One interpreter (engine.go) serves all three. It is a single loop over
// tokens (control words, control symbols, braces, $, ligature characters,
// whitespace, other characters) with an explicit stack of groups; nothing
// recurses, so 100,000 nested braces cost a stack of 100,000 small frames
// and no Go stack. A command that takes an argument sets an expectation;
// the next token (after spaces, as in TeX) becomes the argument: a brace
// group, or a frame that closes as soon as its one token is complete (\'e,
// \"\i, \u\i, x^2, \mathbb R). Closing a frame applies its action:
//
//   - accents are streamed: pending accents attach their combining marks to
//     the next emitted character (innermost first), an accent above turns
//     \i and \j into i and j (so \'{\i} is í, the letter LaTeX prints), and
//     an accent with an empty argument prints its spacing form (\~{} is ˜);
//   - styles (\emph, \textbf, {\em ...}, \begin{it}), case changes
//     (\MakeUppercase) and math alphabets (\mathbb, \mathcal, \mathbf, ...)
//     are part of the group state and apply to characters as they are
//     written;
//   - sub- and superscripts (x^2, \textsuperscript{st}), \frac, \sqrt and
//     \ElsevierGlyph rewrite their own output when they close. At most
//     maxScan of them may be open at once; deeper ones degrade to a form
//     that needs no rewrite (x^{...} kept as source), so every output byte
//     is rewritten a bounded number of times.
//
// Verbatim arguments (\url, the URL of \href, \label, \noopsort, \color,
// \hspace) are skipped by one forward scan that moves the input position
// past them; optional arguments and environment names are looked for
// within 64 bytes only. Math segments in Parse are cut out the same way.
// So the whole conversion is linear in the input.
//
// Text follows TeX: a control word eats the spaces after it (\ae \ae is
// ææ; write \ae{} or \ae\ to keep one), runs of whitespace collapse to one
// space, a blank line or \par is a paragraph break ("\n\n"), leading and
// trailing whitespace is dropped, and \  (control space), ~ (U+00A0), \,
// (U+2009), \; (U+2004), \: (U+205F), \quad (U+2003) are hard spaces that
// do not collapse. -- and --- are en and em dashes, “ and ” are “ and ”,
// ,, is „, !` and ?` are ¡ and ¿. A single ` is ‘; a single ' is ’ only
// where it closes such a quote (not followed by a letter or digit), and
// otherwise stays an ASCII apostrophe, so O'Connor and l'objet keep theirs.
// \- (soft hyphen), \/, \@, \relax, \protect and {} print nothing; braces
// are dropped ({GPU} is GPU).
//
// Unknown commands: in text, \foo{bar} keeps bar (the command is dropped),
// while \foo and \foo{} are kept as written ("\foo", "\foo{}"), since
// dropping an unknown symbol would silently lose text; Unknown reports foo
// either way. Inside
// math, unknown commands are kept as source with the braces of their
// first argument. An unknown control symbol (\<) prints its character.
//
// Math: ToText converts $...$, $$...$$, \(...\), \[...\] and
// \ensuremath{...}: Greek letters and symbols, operators (\log), accents
// (\hat), \not (combining U+0338, so \not= is ≠), primes, sub- and
// superscripts that have Unicode forms (x^2 is x², x_{ij} is xᵢⱼ; others
// stay x^{...}), \frac{a}{b} as a/b, \sqrt as √, and the math alphabets
// (\mathbb{R} is ℝ, \mathcal{H} is ℋ, \mathit{p} is 𝑝). Plain letters stay
// plain ($p$ is p, not 𝑝), which keeps text searchable. Spaces in math are
// kept as written (collapsed, trimmed at both ends), including after
// control words, so $k \leq n$ reads "k ≤ n". \phi and \epsilon give the
// letters φ and ε, \varphi and \varepsilon the symbols ϕ and ϵ, as in
// latexcodec's table. Parse keeps each math segment's source in a Math
// span instead.
//
// Where the shared test vectors disagree with each other, pubs follows
// what LaTeX prints: \"{\i} is ï and \={\i} is ī (JabRef's vectors want
// dotless ı plus a combining mark, biber's own \'\i vector wants í).
// corpus_test.go lists every vector ToText does not reproduce, with why.
//
// Leniency: a $ with no later $ is a literal dollar sign; \( with no later
// \) is ignored; an unmatched } is ignored; groups still open at the end
// are closed there; a command missing its argument behaves as if given an
// empty one. Unescaped & % # _ ^ print as themselves (% is not a comment
// here: BibTeX fields hold it literally, as in URLs). Invalid UTF-8
// becomes U+FFFD.
//
// # Writing LaTeX: FromUnicode
//
// FromUnicode escapes specials, breaks ligatures and spaces so that
// ToText(FromUnicode(x, m)) == NFC(x) for any valid UTF-8 x without
// control characters, in both modes. See Mode and FromUnicode.
package latex
