package latex

// The tables in this file were built by hand and checked against
// latexcodec's Unicode↔LaTeX table (mcmtroffaes/latexcodec @ ab14aed433eb,
// latexcodec/table.txt, MIT licence; copied to
// shared/corpus/latex/latexcodec-table.txt). TestLatexcodecTable verifies
// every mapping of that table that this package decodes, and lists the
// deliberate differences (see its comments).

// cmdKind says how the interpreter treats a known command.
type cmdKind uint8

const (
	cSym        cmdKind = iota // emit s
	cOp                        // math operator name such as \log: emit s
	cAccent                    // accent on the next argument; p indexes accentTable
	cStyleArg                  // style change for the next argument; p holds style ops
	cDecl                      // style declaration for the rest of the group; p holds style ops
	cIgnore                    // no output
	cSoftSpace                 // collapsible space (\\, \newline, \newblock)
	cPar                       // paragraph break
	cDropArg                   // skip p brace arguments verbatim (\label, \noopsort, \color)
	cURL                       // \url{raw}: the argument verbatim
	cHref                      // \href{raw}{text}: drop the URL, keep the text
	cColorArg                  // \textcolor{raw}{text}: drop the colour, keep the text
	cEnsureMath                // \ensuremath{...}
	cBegin                     // \begin{env}
	cEnd                       // \end{env}
	cGlyph                     // \ElsevierGlyph{hex}
	cChar                      // \char<number>
	cSymbolArg                 // \symbol{<number>}
	cFrac                      // \frac{a}{b}
	cSqrt                      // \sqrt[n]{x}
	cTextSup                   // \textsuperscript{x}
	cTextSub                   // \textsubscript{x}
	cDelim                     // \left, \right, \big...: dropped, with a following "."
	cWrapArg                   // emit wraps[p].open, the argument, wraps[p].close
	cMathOpen                  // \( or \[ (p: closer)
	cMathClose                 // \) or \]
	cLineBreak                 // \\ and \newline: soft space, skipping * and [..]
)

// cmd is a known command.
type cmd struct {
	kind cmdKind
	s    string
	p    int32
}

// Style operations, combined in cmd.p for cStyleArg and cDecl.
const (
	opEmphOn = 1 << iota
	opEmphToggle
	opEmphOff
	opBoldOn
	opBoldOff
	opMonoOn
	opMonoOff
	opAlphaReset // math alphabet back to normal (\text, \mathrm)
	opUpper
	opLower
	opCaseNone
	opAlpha // the math alphabet in bits 16..23 (\mathbb ...)
)

const opAllOff = opEmphOff | opBoldOff | opMonoOff

// Math alphabets (style.alpha).
const (
	alphaNone uint8 = iota
	alphaBold
	alphaItalic
	alphaBoldItalic
	alphaScript
	alphaFraktur
	alphaDouble
	alphaSans
	alphaMono
)

func alphaOp(a uint8) int32 { return opAlpha | int32(a)<<16 }

// accentInfo describes a text or math accent.
type accentInfo struct {
	mark    string // combining mark(s), applied after the base letter
	above   bool   // placed above: turns a following \i or \j into i or j
	spacing string // what the accent alone (\'{}) prints
}

// accentTable lists the accents; cmds refers to them by index.
var accentTable = []accentInfo{
	{"\u0300", true, "`"},       // 0 \`
	{"\u0301", true, "\u00b4"},  // 1 \'
	{"\u0302", true, "\u02c6"},  // 2 \^
	{"\u0308", true, "\u00a8"},  // 3 \"
	{"\u0303", true, "\u02dc"},  // 4 \~
	{"\u0304", true, "\u00af"},  // 5 \=
	{"\u0307", true, "\u02d9"},  // 6 \.
	{"\u0306", true, "\u02d8"},  // 7 \u
	{"\u030c", true, "\u02c7"},  // 8 \v
	{"\u030b", true, "\u02dd"},  // 9 \H
	{"\u030a", true, "\u02da"},  // 10 \r
	{"\u0327", false, "\u00b8"}, // 11 \c
	{"\u0328", false, "\u02db"}, // 12 \k
	{"\u0323", false, ""},       // 13 \d
	{"\u0331", false, "\u02cd"}, // 14 \b
	{"\u0361", true, ""},        // 15 \t (tie over two letters)
	{"\u0326", false, ""},       // 16 \textcommabelow
	{"\u0304\u0301", true, ""},  // 17 \textacutemacron
	{"\u20d7", true, ""},        // 18 \vec
	{"\u0305", true, ""},        // 19 \overline
	{"\u0332", false, ""},       // 20 \underline
	{"\u0338", false, ""},       // 21 \not
	{"\u20db", true, ""},        // 22 \dddot
	{"\u030f", true, ""},        // 23 \G (double grave)
}

// composeAccents turns the precomposed letters of emitRune on; tests turn
// it off to compare (TestComposedAccents).
var composeAccents = true

// composed, the precomposed letters, is in composed_table.go.

// wrap is what cWrapArg puts around its argument.
type wrap struct{ open, close string }

var wraps = []wrap{
	{"\u201c", "\u201d"}, // 0 \enquote, \mkbibquote
	{"(mod ", ")"},       // 1 \pmod
	{"\u2018", "\u2019"}, // 2 \enquote*
	{"{", "}"},           // 3 an unknown math command's argument
}

const wrapBraces = 3

// Math closers (cMathOpen p and frame.closer).
const (
	closeDollar  = iota // $...$
	closeDDollar        // $$...$$
	closeParen          // \(...\)
	closeBracket        // \[...\]
	closeBrace          // \ensuremath{...}
)

// symEntry is one symbol command. Commands flagged encMath are written
// inside \ensuremath by FromUnicode; noEnc entries are decoded only (not
// compilable with plain LaTeX, or not the preferred spelling).
type symEntry struct {
	name  string
	text  string
	flags uint8
}

const (
	encText uint8 = iota // FromUnicode writes {\name}
	encMath              // FromUnicode writes {\ensuremath{\name}}
	noEnc                // decode only
	encCtl               // FromUnicode writes \name (control symbol, no braces needed)
)

// textSymbols are text-mode symbol commands (and control symbols). The
// first encodable entry for a character is the one FromUnicode uses.
var textSymbols = []symEntry{
	// Escaped specials (control symbols).
	{"&", "&", encCtl}, {"%", "%", encCtl}, {"$", "$", encCtl}, {"#", "#", encCtl},
	{"_", "_", encCtl}, {"{", "{", encCtl}, {"}", "}", encCtl},
	// Letters.
	{"ss", "ß", encText}, {"SS", "SS", noEnc}, {"ae", "æ", encText}, {"AE", "Æ", encText},
	{"oe", "œ", encText}, {"OE", "Œ", encText}, {"o", "ø", encText}, {"O", "Ø", encText},
	{"aa", "å", encText}, {"AA", "Å", encText}, {"l", "ł", encText}, {"L", "Ł", encText},
	{"i", "ı", encText}, {"j", "ȷ", encText}, {"dh", "ð", encText}, {"DH", "Ð", encText},
	{"th", "þ", encText}, {"TH", "Þ", encText}, {"ng", "ŋ", encText}, {"NG", "Ŋ", encText},
	{"dj", "đ", encText}, {"DJ", "Đ", encText}, {"ij", "ĳ", noEnc}, {"IJ", "Ĳ", noEnc},
	// Punctuation and quotes.
	{"textendash", "\u2013", noEnc}, {"textemdash", "\u2014", noEnc},
	{"textquoteleft", "\u2018", encText}, {"textquoteright", "\u2019", encText},
	{"textquotedblleft", "\u201c", noEnc}, {"textquotedblright", "\u201d", noEnc},
	{"quotesinglbase", "\u201a", encText}, {"quotedblbase", "\u201e", encText},
	{"glq", "\u201a", noEnc}, {"grq", "\u2018", noEnc}, {"glqq", "\u201e", noEnc}, {"grqq", "\u201c", noEnc},
	{"guillemotleft", "«", encText}, {"guillemotright", "»", encText},
	{"guillemetleft", "«", noEnc}, {"guillemetright", "»", noEnc},
	{"guilsinglleft", "\u2039", encText}, {"guilsinglright", "\u203a", encText},
	{"flqq", "«", noEnc}, {"frqq", "»", noEnc}, {"flq", "\u2039", noEnc}, {"frq", "\u203a", noEnc},
	{"textquotesingle", "'", noEnc}, {"textquotedbl", "\"", noEnc}, {"textasciigrave", "`", encText},
	{"ldots", "…", encText}, {"dots", "…", noEnc}, {"textellipsis", "…", noEnc},
	{"textexclamdown", "¡", encText}, {"textquestiondown", "¿", encText},
	{"textbullet", "•", encText}, {"textperiodcentered", "·", encText},
	{"textcompwordmark", "\u200c", encText}, {"slash", "/", noEnc},
	// ASCII characters that are special or wrong in OT1.
	{"textbackslash", "\\", encText}, {"textasciitilde", "~", encText},
	{"textasciicircum", "^", encText}, {"textless", "<", encText}, {"textgreater", ">", encText},
	{"textbar", "|", encText}, {"textbraceleft", "{", noEnc}, {"textbraceright", "}", noEnc},
	{"textunderscore", "_", noEnc}, {"textdollar", "$", noEnc}, {"textampersand", "&", noEnc},
	{"textpercent", "%", noEnc}, {"textnumbersign", "#", noEnc},
	// Signs (textcomp, in the LaTeX kernel since 2020).
	{"S", "§", encText}, {"textsection", "§", noEnc}, {"P", "¶", encText}, {"textparagraph", "¶", noEnc},
	{"dag", "†", encText}, {"textdagger", "†", noEnc}, {"ddag", "‡", encText}, {"textdaggerdbl", "‡", noEnc},
	{"pounds", "£", encText}, {"textsterling", "£", noEnc}, {"textyen", "¥", encText}, {"yen", "¥", noEnc},
	{"texteuro", "€", encText}, {"euro", "€", noEnc}, {"textcent", "¢", encText},
	{"textcurrency", "¤", encText}, {"textflorin", "ƒ", noEnc}, {"textlira", "₤", encText},
	{"textnaira", "₦", encText}, {"textwon", "₩", encText}, {"textdong", "₫", encText},
	{"textpeso", "₱", encText}, {"textcolonmonetary", "₡", encText}, {"textguarani", "₲", encText},
	{"textbaht", "฿", encText},
	{"copyright", "©", encText}, {"textcopyright", "©", noEnc}, {"textregistered", "®", encText},
	{"texttrademark", "™", encText}, {"textservicemark", "℠", noEnc}, {"textcircledP", "℗", encText},
	{"textdegree", "°", encText}, {"textcelsius", "℃", encText}, {"textohm", "Ω", noEnc}, {"textmho", "℧", encText},
	{"textmu", "µ", encText}, {"micro", "µ", noEnc}, {"textpm", "±", encText}, {"texttimes", "×", encText},
	{"textdiv", "÷", encText}, {"textminus", "−", noEnc}, {"textlnot", "¬", encText},
	{"textbrokenbar", "¦", encText}, {"textbardbl", "‖", encText},
	{"textordfeminine", "ª", encText}, {"textordmasculine", "º", encText},
	{"textonehalf", "½", encText}, {"textonequarter", "¼", encText}, {"textthreequarters", "¾", encText},
	{"textonesuperior", "¹", noEnc}, {"texttwosuperior", "²", noEnc}, {"textthreesuperior", "³", noEnc},
	{"textfractionsolidus", "⁄", encText}, {"textsurd", "√", noEnc},
	{"textnumero", "№", encText}, {"textperthousand", "‰", encText}, {"textpertenthousand", "‱", encText},
	{"textasciimacron", "¯", noEnc}, {"textasciiacute", "´", noEnc}, {"textasciidieresis", "¨", noEnc},
	{"textasciibreve", "˘", noEnc}, {"textasciicaron", "ˇ", noEnc}, {"textacutedbl", "˝", noEnc},
	{"texttildelow", "˷", encText}, {"textvisiblespace", "␣", encText},
	{"textleftarrow", "←", noEnc}, {"textrightarrow", "→", noEnc}, {"textuparrow", "↑", noEnc},
	{"textdownarrow", "↓", noEnc}, {"textinterrobang", "‽", encText}, {"textreferencemark", "※", encText},
	{"textopenbullet", "◦", encText}, {"textbigcircle", "◯", encText}, {"textmusicalnote", "♪", encText},
	{"textestimated", "℮", encText}, {"textdiscount", "⁒", encText}, {"textrecipe", "℞", encText},
	{"textlangle", "〈", encText}, {"textrangle", "〉", encText}, {"textlquill", "⁅", encText},
	{"textrquill", "⁆", encText}, {"textasteriskcentered", "∗", noEnc}, {"textblank", "␢", encText},
	{"texttheta", "θ", noEnc}, {"textschwa", "ə", noEnc},
	// Logos.
	{"TeX", "TeX", noEnc}, {"LaTeX", "LaTeX", noEnc}, {"LaTeXe", "LaTeX2ε", noEnc},
	{"BibTeX", "BibTeX", noEnc}, {"XeTeX", "XeTeX", noEnc}, {"XeLaTeX", "XeLaTeX", noEnc},
	{"LuaTeX", "LuaTeX", noEnc}, {"LuaLaTeX", "LuaLaTeX", noEnc}, {"ConTeXt", "ConTeXt", noEnc},
	{"AmS", "AMS", noEnc}, {"AMS", "AMS", noEnc}, {"MF", "Metafont", noEnc}, {"MP", "MetaPost", noEnc},
	{"eTeX", "ε-TeX", noEnc}, {"pdfTeX", "pdfTeX", noEnc}, {"pdfLaTeX", "pdfLaTeX", noEnc},
	// Spaces. \  and \, etc. are control symbols.
	{" ", " ", noEnc}, {",", "\u2009", encCtl}, {"thinspace", "\u2009", noEnc},
	{";", "\u2004", encCtl}, {":", "\u205f", encCtl}, {">", "\u205f", noEnc},
	{"quad", "\u2003", encText}, {"qquad", "\u2003\u2003", noEnc}, {"enspace", "\u2002", encText},
	{"enskip", "\u2002", noEnc}, {"space", " ", noEnc}, {"nobreakspace", "\u00a0", noEnc},
	{"textnbsp", "\u00a0", noEnc},
}

// mathSymbols are math-mode symbol commands. They are decoded in text mode
// too (leniently), and FromUnicode writes them inside \ensuremath.
var mathSymbols = []symEntry{
	// Greek. \phi and \epsilon give the letter forms φ and ε (as
	// latexcodec does); \varphi and \varepsilon the symbol forms ϕ and ϵ.
	{"alpha", "α", encMath}, {"beta", "β", encMath}, {"gamma", "γ", encMath}, {"delta", "δ", encMath},
	{"epsilon", "ε", encMath}, {"varepsilon", "ϵ", encMath}, {"zeta", "ζ", encMath}, {"eta", "η", encMath},
	{"theta", "θ", encMath}, {"vartheta", "ϑ", encMath}, {"iota", "ι", encMath}, {"kappa", "κ", encMath},
	{"varkappa", "ϰ", encMath}, {"lambda", "λ", encMath}, {"mu", "μ", encMath}, {"nu", "ν", encMath},
	{"xi", "ξ", encMath}, {"omicron", "ο", noEnc}, {"pi", "π", encMath}, {"varpi", "ϖ", encMath},
	{"rho", "ρ", encMath}, {"varrho", "ϱ", encMath}, {"sigma", "σ", encMath}, {"varsigma", "ς", encMath},
	{"tau", "τ", encMath}, {"upsilon", "υ", encMath}, {"phi", "φ", encMath}, {"varphi", "ϕ", encMath},
	{"chi", "χ", encMath}, {"psi", "ψ", encMath}, {"omega", "ω", encMath}, {"digamma", "ϝ", encMath},
	{"Alpha", "Α", noEnc}, {"Beta", "Β", noEnc}, {"Gamma", "Γ", encMath}, {"Delta", "Δ", encMath},
	{"Epsilon", "Ε", noEnc}, {"Zeta", "Ζ", noEnc}, {"Eta", "Η", noEnc}, {"Theta", "Θ", encMath},
	{"Iota", "Ι", noEnc}, {"Kappa", "Κ", noEnc}, {"Lambda", "Λ", encMath}, {"Mu", "Μ", noEnc},
	{"Nu", "Ν", noEnc}, {"Xi", "Ξ", encMath}, {"Omicron", "Ο", noEnc}, {"Pi", "Π", encMath},
	{"Rho", "Ρ", noEnc}, {"Sigma", "Σ", encMath}, {"Tau", "Τ", noEnc}, {"Upsilon", "Υ", encMath},
	{"Phi", "Φ", encMath}, {"Chi", "Χ", noEnc}, {"Psi", "Ψ", encMath}, {"Omega", "Ω", encMath},
	// Letter-like.
	{"ell", "ℓ", encMath}, {"hbar", "ℏ", encMath}, {"hslash", "ℏ", noEnc}, {"Re", "ℜ", encMath},
	{"Im", "ℑ", encMath}, {"aleph", "ℵ", encMath}, {"beth", "ℶ", encMath}, {"wp", "℘", encMath},
	{"imath", "ı", noEnc}, {"jmath", "ȷ", noEnc}, {"infty", "∞", encMath}, {"partial", "∂", encMath},
	{"nabla", "∇", encMath}, {"emptyset", "∅", encMath}, {"varnothing", "∅", noEnc},
	{"complement", "∁", encMath}, {"prime", "′", encMath}, {"backslash", "\\", noEnc},
	// Relations.
	{"leq", "≤", encMath}, {"le", "≤", noEnc}, {"geq", "≥", encMath}, {"ge", "≥", noEnc},
	{"leqslant", "⩽", encMath}, {"geqslant", "⩾", encMath}, {"neq", "≠", encMath}, {"ne", "≠", noEnc},
	{"approx", "≈", encMath}, {"sim", "∼", encMath}, {"simeq", "≃", encMath}, {"cong", "≅", encMath},
	{"equiv", "≡", encMath}, {"propto", "∝", encMath}, {"ll", "≪", encMath}, {"gg", "≫", encMath},
	{"lesssim", "≲", encMath}, {"gtrsim", "≳", encMath}, {"prec", "≺", encMath}, {"succ", "≻", encMath},
	{"preceq", "⪯", encMath}, {"succeq", "⪰", encMath}, {"asymp", "≍", encMath}, {"doteq", "≐", encMath},
	{"triangleq", "≜", encMath}, {"coloneqq", "≔", noEnc}, {"nleq", "≰", encMath}, {"ngeq", "≱", encMath},
	{"subset", "⊂", encMath}, {"supset", "⊃", encMath}, {"subseteq", "⊆", encMath}, {"supseteq", "⊇", encMath},
	{"subsetneq", "⊊", encMath}, {"supsetneq", "⊋", encMath}, {"nsubseteq", "⊈", encMath},
	{"nsupseteq", "⊉", encMath}, {"in", "∈", encMath}, {"notin", "∉", encMath}, {"ni", "∋", encMath},
	{"owns", "∋", noEnc}, {"notni", "∌", noEnc}, {"mid", "∣", encMath}, {"nmid", "∤", encMath},
	{"parallel", "∥", encMath}, {"perp", "⟂", noEnc}, {"vdash", "⊢", encMath}, {"dashv", "⊣", encMath},
	{"models", "⊨", encMath}, {"top", "⊤", encMath}, {"bot", "⊥", encMath},
	// Operators.
	{"pm", "±", noEnc}, {"mp", "∓", encMath}, {"times", "×", noEnc}, {"div", "÷", noEnc},
	{"cdot", "·", noEnc}, {"cdotp", "·", noEnc}, {"ast", "∗", encMath}, {"star", "⋆", encMath},
	{"circ", "∘", encMath}, {"bullet", "•", noEnc}, {"cap", "∩", encMath}, {"cup", "∪", encMath},
	{"setminus", "∖", encMath}, {"smallsetminus", "∖", noEnc}, {"wedge", "∧", encMath}, {"land", "∧", noEnc},
	{"vee", "∨", encMath}, {"lor", "∨", noEnc}, {"neg", "¬", noEnc}, {"lnot", "¬", noEnc},
	{"oplus", "⊕", encMath}, {"ominus", "⊖", encMath}, {"otimes", "⊗", encMath}, {"odot", "⊙", encMath},
	{"oslash", "⊘", encMath}, {"dagger", "†", noEnc}, {"ddagger", "‡", noEnc}, {"amalg", "⨿", encMath},
	{"sum", "∑", encMath}, {"prod", "∏", encMath}, {"coprod", "∐", encMath}, {"int", "∫", encMath},
	{"iint", "∬", encMath}, {"iiint", "∭", encMath}, {"oint", "∮", encMath}, {"bigcup", "⋃", encMath},
	{"bigcap", "⋂", encMath}, {"bigvee", "⋁", encMath}, {"bigwedge", "⋀", encMath},
	{"bigoplus", "⨁", encMath}, {"bigotimes", "⨂", encMath}, {"bigodot", "⨀", encMath},
	{"forall", "∀", encMath}, {"exists", "∃", encMath}, {"nexists", "∄", encMath},
	{"surd", "√", encMath}, {"angle", "∠", encMath}, {"triangle", "△", encMath},
	{"square", "□", encMath}, {"Box", "□", noEnc}, {"blacksquare", "■", encMath}, {"diamond", "⋄", encMath},
	{"Diamond", "◇", encMath}, {"lozenge", "◊", encMath}, {"clubsuit", "♣", encMath},
	{"diamondsuit", "♢", encMath}, {"heartsuit", "♡", encMath}, {"spadesuit", "♠", encMath},
	{"flat", "♭", encMath}, {"natural", "♮", encMath}, {"sharp", "♯", encMath},
	{"cdots", "⋯", encMath}, {"vdots", "⋮", encMath}, {"ddots", "⋱", encMath}, {"ldotp", ".", noEnc},
	// Arrows.
	{"to", "→", noEnc}, {"rightarrow", "→", encMath}, {"gets", "←", noEnc}, {"leftarrow", "←", encMath},
	{"leftrightarrow", "↔", encMath}, {"Rightarrow", "⇒", encMath}, {"Leftarrow", "⇐", encMath},
	{"Leftrightarrow", "⇔", encMath}, {"implies", "⟹", noEnc}, {"impliedby", "⟸", noEnc},
	{"iff", "⟺", noEnc}, {"Longrightarrow", "⟹", encMath}, {"Longleftarrow", "⟸", encMath},
	{"Longleftrightarrow", "⟺", encMath}, {"longrightarrow", "⟶", encMath},
	{"longleftarrow", "⟵", encMath}, {"longleftrightarrow", "⟷", encMath}, {"mapsto", "↦", encMath},
	{"longmapsto", "⟼", encMath}, {"uparrow", "↑", encMath}, {"downarrow", "↓", encMath},
	{"updownarrow", "↕", encMath}, {"Uparrow", "⇑", encMath}, {"Downarrow", "⇓", encMath},
	{"nearrow", "↗", encMath}, {"searrow", "↘", encMath}, {"swarrow", "↙", encMath},
	{"nwarrow", "↖", encMath}, {"hookrightarrow", "↪", encMath}, {"hookleftarrow", "↩", encMath},
	{"rightleftharpoons", "⇌", encMath}, {"leadsto", "⇝", noEnc},
	// Delimiters.
	{"langle", "⟨", encMath}, {"rangle", "⟩", encMath}, {"lfloor", "⌊", encMath},
	{"rfloor", "⌋", encMath}, {"lceil", "⌈", encMath}, {"rceil", "⌉", encMath},
	{"lbrace", "{", noEnc}, {"rbrace", "}", noEnc}, {"lbrack", "[", noEnc}, {"rbrack", "]", noEnc},
	{"vert", "|", noEnc}, {"lvert", "|", noEnc}, {"rvert", "|", noEnc}, {"Vert", "‖", noEnc},
	{"lVert", "‖", noEnc}, {"rVert", "‖", noEnc}, {"|", "‖", noEnc},
	// Misc.
	{"colon", ":", noEnc}, {"dotsc", "…", noEnc}, {"dotsb", "⋯", noEnc}, {"checkmark", "✓", encMath},
	{"degree", "°", noEnc},
}

// mathOps are operator names written upright.
var mathOps = []string{
	"log", "ln", "lg", "exp", "sin", "cos", "tan", "sec", "csc", "cot", "arcsin", "arccos",
	"arctan", "sinh", "cosh", "tanh", "coth", "lim", "liminf", "limsup", "max", "min", "sup",
	"inf", "det", "dim", "ker", "deg", "gcd", "hom", "arg", "Pr", "mod", "bmod", "argmax", "argmin",
}

// otherCmds are the commands with special handling.
var otherCmds = map[string]cmd{
	// Accents (text).
	"`": {kind: cAccent, p: 0}, "'": {kind: cAccent, p: 1}, "^": {kind: cAccent, p: 2},
	"\"": {kind: cAccent, p: 3}, "~": {kind: cAccent, p: 4}, "=": {kind: cAccent, p: 5},
	".": {kind: cAccent, p: 6}, "u": {kind: cAccent, p: 7}, "v": {kind: cAccent, p: 8},
	"H": {kind: cAccent, p: 9}, "r": {kind: cAccent, p: 10}, "c": {kind: cAccent, p: 11},
	"k": {kind: cAccent, p: 12}, "d": {kind: cAccent, p: 13}, "b": {kind: cAccent, p: 14},
	"t": {kind: cAccent, p: 15}, "textcommabelow": {kind: cAccent, p: 16},
	"textogonekcentered": {kind: cAccent, p: 12}, "textacutemacron": {kind: cAccent, p: 17},
	"G": {kind: cAccent, p: 23}, "textcircumflex": {kind: cAccent, p: 2}, "texttilde": {kind: cAccent, p: 4},
	// Accents (math).
	"grave": {kind: cAccent, p: 0}, "acute": {kind: cAccent, p: 1}, "hat": {kind: cAccent, p: 2},
	"widehat": {kind: cAccent, p: 2}, "ddot": {kind: cAccent, p: 3}, "tilde": {kind: cAccent, p: 4},
	"widetilde": {kind: cAccent, p: 4}, "bar": {kind: cAccent, p: 5}, "dot": {kind: cAccent, p: 6},
	"breve": {kind: cAccent, p: 7}, "check": {kind: cAccent, p: 8}, "mathring": {kind: cAccent, p: 10},
	"vec": {kind: cAccent, p: 18}, "overrightarrow": {kind: cAccent, p: 18}, "overline": {kind: cAccent, p: 19},
	"underline": {kind: cAccent, p: 20}, "not": {kind: cAccent, p: 21}, "dddot": {kind: cAccent, p: 22},

	// Styles with an argument.
	"emph": {kind: cStyleArg, p: opEmphToggle}, "textit": {kind: cStyleArg, p: opEmphOn},
	"textsl": {kind: cStyleArg, p: opEmphOn}, "textbf": {kind: cStyleArg, p: opBoldOn},
	"texttt": {kind: cStyleArg, p: opMonoOn}, "textrm": {kind: cStyleArg, p: opMonoOff | opAlphaReset},
	"textsf": {kind: cStyleArg, p: opMonoOff | opAlphaReset}, "textup": {kind: cStyleArg, p: opEmphOff},
	"textmd": {kind: cStyleArg, p: opBoldOff}, "textnormal": {kind: cStyleArg, p: opAllOff | opAlphaReset},
	"textsc": {kind: cStyleArg}, "mbox": {kind: cStyleArg, p: opAlphaReset}, "hbox": {kind: cStyleArg, p: opAlphaReset},
	"fbox": {kind: cStyleArg, p: opAlphaReset}, "text": {kind: cStyleArg, p: opAlphaReset},
	"textnormalfont": {kind: cStyleArg, p: opAllOff}, "operatorname": {kind: cStyleArg, p: opAlphaReset},
	"mathop": {kind: cStyleArg}, "mathrm": {kind: cStyleArg, p: opAlphaReset},
	"mathnormal": {kind: cStyleArg, p: opAlphaReset}, "mathbf": {kind: cStyleArg, p: alphaOp(alphaBold)},
	"mathit": {kind: cStyleArg, p: alphaOp(alphaItalic)}, "boldsymbol": {kind: cStyleArg, p: alphaOp(alphaBoldItalic)},
	"bm": {kind: cStyleArg, p: alphaOp(alphaBoldItalic)}, "mathcal": {kind: cStyleArg, p: alphaOp(alphaScript)},
	"mathscr": {kind: cStyleArg, p: alphaOp(alphaScript)}, "mathfrak": {kind: cStyleArg, p: alphaOp(alphaFraktur)},
	"mathbb": {kind: cStyleArg, p: alphaOp(alphaDouble)}, "mathbbm": {kind: cStyleArg, p: alphaOp(alphaDouble)},
	"mathsf": {kind: cStyleArg, p: alphaOp(alphaSans)}, "mathtt": {kind: cStyleArg, p: alphaOp(alphaMono)},
	"MakeUppercase": {kind: cStyleArg, p: opUpper}, "uppercase": {kind: cStyleArg, p: opUpper},
	"textuppercase": {kind: cStyleArg, p: opUpper}, "MakeLowercase": {kind: cStyleArg, p: opLower},
	"lowercase": {kind: cStyleArg, p: opLower}, "textlowercase": {kind: cStyleArg, p: opLower},
	"NoCaseChange": {kind: cStyleArg, p: opCaseNone}, "nocase": {kind: cStyleArg, p: opCaseNone},
	"IeC": {kind: cStyleArg}, "protect": {kind: cIgnore}, "uline": {kind: cStyleArg}, "sout": {kind: cStyleArg},
	"textcircled": {kind: cStyleArg}, "overbrace": {kind: cStyleArg}, "underbrace": {kind: cStyleArg},
	"mkbibemph": {kind: cStyleArg, p: opEmphToggle}, "mkbibitalic": {kind: cStyleArg, p: opEmphOn},
	"mkbibbold": {kind: cStyleArg, p: opBoldOn}, "foreignlanguage": {kind: cDropArg, p: 1},
	"hspace": {kind: cDropArg, p: 1, s: " "}, "vspace": {kind: cDropArg, p: 1},
	"phantom": {kind: cDropArg, p: 1}, "hphantom": {kind: cDropArg, p: 1}, "vphantom": {kind: cDropArg, p: 1},
	"label": {kind: cDropArg, p: 1}, "index": {kind: cDropArg, p: 1}, "noopsort": {kind: cDropArg, p: 1},
	"SortNoop": {kind: cDropArg, p: 1}, "sortnoop": {kind: cDropArg, p: 1}, "noop": {kind: cDropArg, p: 1},
	"color": {kind: cDropArg, p: 1}, "hyphenation": {kind: cDropArg, p: 1}, "footnote": {kind: cDropArg, p: 1},
	"thanks": {kind: cDropArg, p: 1}, "url": {kind: cURL}, "nolinkurl": {kind: cURL}, "path": {kind: cURL},
	"href": {kind: cHref}, "textcolor": {kind: cColorArg}, "ensuremath": {kind: cEnsureMath},
	"begin": {kind: cBegin}, "end": {kind: cEnd}, "ElsevierGlyph": {kind: cGlyph}, "char": {kind: cChar},
	"symbol": {kind: cSymbolArg}, "frac": {kind: cFrac}, "dfrac": {kind: cFrac}, "tfrac": {kind: cFrac},
	"sqrt": {kind: cSqrt}, "textsuperscript": {kind: cTextSup}, "textsubscript": {kind: cTextSub},
	"enquote": {kind: cWrapArg, p: 0}, "mkbibquote": {kind: cWrapArg, p: 0}, "textquote": {kind: cWrapArg, p: 0},
	"pmod": {kind: cWrapArg, p: 1},

	// Declarations.
	"em": {kind: cDecl, p: opEmphToggle}, "it": {kind: cDecl, p: opEmphOn}, "itshape": {kind: cDecl, p: opEmphOn},
	"sl": {kind: cDecl, p: opEmphOn}, "slshape": {kind: cDecl, p: opEmphOn}, "bf": {kind: cDecl, p: opBoldOn},
	"bfseries": {kind: cDecl, p: opBoldOn}, "tt": {kind: cDecl, p: opMonoOn}, "ttfamily": {kind: cDecl, p: opMonoOn},
	"rm": {kind: cDecl, p: opAllOff}, "sf": {kind: cDecl, p: opAllOff}, "sc": {kind: cDecl, p: opAllOff},
	"rmfamily": {kind: cDecl, p: opMonoOff}, "sffamily": {kind: cDecl, p: opMonoOff}, "scshape": {kind: cDecl},
	"upshape": {kind: cDecl, p: opEmphOff}, "mdseries": {kind: cDecl, p: opBoldOff},
	"normalfont": {kind: cDecl, p: opAllOff}, "em*": {kind: cDecl}, "noindent": {kind: cIgnore},
	"tiny": {kind: cIgnore}, "scriptsize": {kind: cIgnore}, "footnotesize": {kind: cIgnore},
	"small": {kind: cIgnore}, "normalsize": {kind: cIgnore}, "large": {kind: cIgnore}, "Large": {kind: cIgnore},
	"LARGE": {kind: cIgnore}, "huge": {kind: cIgnore}, "Huge": {kind: cIgnore}, "displaystyle": {kind: cIgnore},
	"textstyle": {kind: cIgnore}, "scriptstyle": {kind: cIgnore}, "scriptscriptstyle": {kind: cIgnore},
	"limits": {kind: cIgnore}, "nolimits": {kind: cIgnore}, "nonumber": {kind: cIgnore},

	// Ignored.
	"relax": {kind: cIgnore}, "/": {kind: cIgnore}, "@": {kind: cIgnore}, "-": {kind: cIgnore},
	"!": {kind: cIgnore}, "*": {kind: cIgnore}, "nobreak": {kind: cIgnore}, "allowbreak": {kind: cIgnore},
	"xspace": {kind: cIgnore}, "ignorespaces": {kind: cIgnore}, "strut": {kind: cIgnore},
	"null": {kind: cIgnore}, "unskip": {kind: cIgnore}, "hfill": {kind: cSoftSpace}, "hfil": {kind: cSoftSpace},
	"break": {kind: cSoftSpace}, "linebreak": {kind: cLineBreak}, "newline": {kind: cLineBreak},
	"\\": {kind: cLineBreak}, "newblock": {kind: cSoftSpace}, "par": {kind: cPar},
	"smallskip": {kind: cPar}, "medskip": {kind: cPar}, "bigskip": {kind: cPar},
	"left": {kind: cDelim}, "right": {kind: cDelim}, "middle": {kind: cDelim}, "big": {kind: cDelim},
	"Big": {kind: cDelim}, "bigg": {kind: cDelim}, "Bigg": {kind: cDelim}, "bigl": {kind: cDelim},
	"bigr": {kind: cDelim}, "Bigl": {kind: cDelim}, "Bigr": {kind: cDelim}, "biggl": {kind: cDelim},
	"biggr": {kind: cDelim}, "Biggl": {kind: cDelim}, "Biggr": {kind: cDelim}, "bigm": {kind: cDelim},
	"(": {kind: cMathOpen, p: closeParen}, ")": {kind: cMathClose, p: closeParen},
	"[": {kind: cMathOpen, p: closeBracket}, "]": {kind: cMathClose, p: closeBracket},
}

// cmds maps every known command name (without the backslash) to its
// handling.
var cmds = buildCmds()

func buildCmds() map[string]cmd {
	m := make(map[string]cmd, len(otherCmds)+len(textSymbols)+len(mathSymbols)+len(mathOps))
	for _, e := range mathSymbols {
		m[e.name] = cmd{kind: cSym, s: e.text}
	}
	for _, e := range textSymbols {
		m[e.name] = cmd{kind: cSym, s: e.text}
	}
	for _, n := range mathOps {
		s := n
		switch n {
		case "bmod":
			s = "mod"
		case "argmax":
			s = "arg max"
		case "argmin":
			s = "arg min"
		}
		m[n] = cmd{kind: cOp, s: s}
	}
	for k, v := range otherCmds {
		m[k] = v
	}
	return m
}

// Superscript and subscript forms. Each table is one-to-one so that
// FromUnicode can write \textsuperscript{2} for ² and read it back.
var supPairs = []string{
	"0⁰", "1¹", "2²", "3³", "4⁴", "5⁵", "6⁶", "7⁷", "8⁸", "9⁹", "+⁺", "-⁻", "=⁼", "(⁽", ")⁾",
	"aᵃ", "bᵇ", "cᶜ", "dᵈ", "eᵉ", "fᶠ", "gᵍ", "hʰ", "iⁱ", "jʲ", "kᵏ", "lˡ", "mᵐ", "nⁿ", "oᵒ",
	"pᵖ", "rʳ", "sˢ", "tᵗ", "uᵘ", "vᵛ", "wʷ", "xˣ", "yʸ", "zᶻ",
	"Aᴬ", "Bᴮ", "Dᴰ", "Eᴱ", "Gᴳ", "Hᴴ", "Iᴵ", "Jᴶ", "Kᴷ", "Lᴸ", "Mᴹ", "Nᴺ", "Oᴼ", "Pᴾ", "Rᴿ",
	"Tᵀ", "Uᵁ", "Vⱽ", "Wᵂ", "αᵅ", "βᵝ", "γᵞ", "δᵟ", "θᶿ", "ιᶥ", "φᵠ", "χᵡ",
}

var subPairs = []string{
	"0₀", "1₁", "2₂", "3₃", "4₄", "5₅", "6₆", "7₇", "8₈", "9₉", "+₊", "-₋", "=₌", "(₍", ")₎",
	"aₐ", "eₑ", "hₕ", "iᵢ", "jⱼ", "kₖ", "lₗ", "mₘ", "nₙ", "oₒ", "pₚ", "rᵣ", "sₛ", "tₜ", "uᵤ",
	"vᵥ", "xₓ", "βᵦ", "γᵧ", "ρᵨ", "φᵩ", "χᵪ",
}

var (
	supOf, subOf     = scriptMap(supPairs), scriptMap(subPairs)
	supBase, subBase = scriptInverse(supPairs), scriptInverse(subPairs)
)

func scriptMap(pairs []string) map[rune]rune {
	m := make(map[rune]rune, len(pairs)+1)
	for _, p := range pairs {
		r := []rune(p)
		m[r[0]] = r[1]
	}
	return m
}

func scriptInverse(pairs []string) map[rune]rune {
	m := make(map[rune]rune, len(pairs))
	for _, p := range pairs {
		r := []rune(p)
		m[r[1]] = r[0]
	}
	return m
}

// Mathematical alphanumeric symbols (U+1D400 block). The latin letters of
// each alphabet start at these code points (capital A, then small a 26
// later); some letters live elsewhere (the "holes" below).
var latinBase = [...]rune{
	alphaBold: 0x1D400, alphaItalic: 0x1D434, alphaBoldItalic: 0x1D468, alphaScript: 0x1D49C,
	alphaFraktur: 0x1D504, alphaDouble: 0x1D538, alphaSans: 0x1D5A0, alphaMono: 0x1D670,
}

var digitBase = [...]rune{
	alphaBold: 0x1D7CE, alphaDouble: 0x1D7D8, alphaSans: 0x1D7E2, alphaMono: 0x1D7F6,
}

// greekBase: capital Alpha of the Greek alphabets (58 symbols each).
var greekBase = [...]rune{
	alphaBold: 0x1D6A8, alphaItalic: 0x1D6E2, alphaBoldItalic: 0x1D71C,
}

// holes are letters of the math alphabets that Unicode encodes in the
// Letterlike Symbols block instead.
var holes = map[uint8]map[rune]rune{
	alphaItalic: {'h': 'ℎ'},
	alphaScript: {'B': 'ℬ', 'E': 'ℰ', 'F': 'ℱ', 'H': 'ℋ', 'I': 'ℐ', 'L': 'ℒ', 'M': 'ℳ', 'R': 'ℛ',
		'e': 'ℯ', 'g': 'ℊ', 'o': 'ℴ'},
	alphaFraktur: {'C': 'ℭ', 'H': 'ℌ', 'I': 'ℑ', 'R': 'ℜ', 'Z': 'ℨ'},
	alphaDouble:  {'C': 'ℂ', 'H': 'ℍ', 'N': 'ℕ', 'P': 'ℙ', 'Q': 'ℚ', 'R': 'ℝ', 'Z': 'ℤ'},
}

// greekIndex gives the position of a Greek letter or symbol inside a
// 58-symbol math Greek alphabet, or -1.
func greekIndex(r rune) int {
	switch {
	case r >= 0x391 && r <= 0x3A9 && r != 0x3A2:
		return int(r - 0x391)
	case r == 'ϴ':
		return 17
	case r == '∇':
		return 25
	case r >= 0x3B1 && r <= 0x3C9:
		return 26 + int(r-0x3B1)
	}
	switch r {
	case '∂':
		return 51
	case 'ϵ':
		return 52
	case 'ϑ':
		return 53
	case 'ϰ':
		return 54
	case 'ϕ':
		return 55
	case 'ϱ':
		return 56
	case 'ϖ':
		return 57
	}
	return -1
}

var greekAt = func() [58]rune {
	var t [58]rune
	for r := rune(0x370); r < 0x400; r++ {
		if i := greekIndex(r); i >= 0 {
			t[i] = r
		}
	}
	t[25], t[51] = '∇', '∂'
	return t
}()

// mapAlpha returns r in math alphabet a, or r itself when the alphabet has
// no such letter.
func mapAlpha(a uint8, r rune) rune {
	if a == alphaNone || int(a) >= len(latinBase) {
		return r
	}
	if h, ok := holes[a][r]; ok {
		return h
	}
	switch {
	case r >= 'A' && r <= 'Z':
		return latinBase[a] + (r - 'A')
	case r >= 'a' && r <= 'z':
		return latinBase[a] + 26 + (r - 'a')
	case r >= '0' && r <= '9':
		if digitBase[a] != 0 {
			return digitBase[a] + (r - '0')
		}
	default:
		if int(a) < len(greekBase) && greekBase[a] != 0 {
			if i := greekIndex(r); i >= 0 {
				return greekBase[a] + rune(i)
			}
		}
	}
	return r
}

// alphaCmd names the LaTeX command for each math alphabet (FromUnicode).
var alphaCmd = [...]string{
	alphaBold: "mathbf", alphaItalic: "mathit", alphaBoldItalic: "boldsymbol", alphaScript: "mathcal",
	alphaFraktur: "mathfrak", alphaDouble: "mathbb", alphaSans: "mathsf", alphaMono: "mathtt",
}

// unAlpha maps a math alphanumeric symbol back to its alphabet and base
// character (FromUnicode).
var unAlpha = func() map[rune][2]rune {
	m := make(map[rune][2]rune)
	for a := alphaBold; a <= alphaMono; a++ {
		var bases []rune
		for r := 'A'; r <= 'Z'; r++ {
			bases = append(bases, r)
		}
		// \mathcal has no lower case and amssymb's \mathbb (font msbm)
		// only capitals: the others print wrong glyphs.
		if a != alphaScript && a != alphaDouble {
			for r := 'a'; r <= 'z'; r++ {
				bases = append(bases, r)
			}
			for r := '0'; r <= '9'; r++ {
				bases = append(bases, r)
			}
		}
		bases = append(bases, greekAt[:]...)
		for _, b := range bases {
			if g := mapAlpha(a, b); g != b {
				if _, dup := m[g]; !dup {
					m[g] = [2]rune{rune(a), b}
				}
			}
		}
	}
	return m
}()
