package latex

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Mode selects how FromUnicode writes non-ASCII letters.
type Mode int

const (
	// KeepUTF8 keeps non-ASCII characters as UTF-8; only ASCII specials,
	// and invisible spaces that have a LaTeX spelling (no-break, thin, en
	// and em spaces, the zero-width non-joiner), are written as LaTeX.
	KeepUTF8 Mode = iota
	// ASCII writes BibTeX accents (é -> {\'e}), letter commands ({\ss},
	// {\o}, {\aa}, {\l}, {\i}), text symbols ({\textendash} is written --),
	// math symbols and math alphabets ({\ensuremath{\leq}},
	// {\ensuremath{\mathbb{R}}}) and sub/superscripts
	// ({\textsuperscript{2}}). Characters with no LaTeX spelling (CJK,
	// Cyrillic, Greek capitals that look like Latin ones, combining marks
	// without an accent command, ...) are kept as UTF-8: dropping text is
	// worse than a character that a pdflatex document cannot render.
	ASCII
)

// FromUnicode converts plain Unicode text (for example from DOI metadata)
// to LaTeX that pdflatex compiles. It normalises s to NFC first; invalid
// UTF-8 bytes become U+FFFD.
//
// Both modes escape the TeX specials & % $ # _ { } ~ ^ \ and the ASCII
// characters that OT1 fonts print wrongly (< > | ` "), so that text such as
// "\input" comes out as {\textbackslash}input and prints literally. They
// break the ligatures -- --- “ ” ,, !` ?` with {} where the text has
// those characters side by side, write a run of spaces as one space and
// control spaces (\ ), and write leading and trailing spaces as control
// spaces, so that ToText(FromUnicode(x, m)) == NFC(x) for any valid UTF-8
// x without control characters. Tabs and line breaks become spaces; other
// control characters (C0, DEL, C1) are dropped, since TeX rejects them.
//
// Every command is written inside braces ({\ss}, {\'e}, {\textless}), the
// form BibTeX treats as one "special character" when it sorts, purifies and
// changes case, and which never swallows a following space.
//
// ASCII output assumes the T1 font encoding (\usepackage[T1]{fontenc}) for
// \k, \DH, \dh, \TH, \th, \NG, \ng, \DJ, \dj, guillemets and low quotes,
// and amssymb and amsmath for \mathbb, \mathfrak, \boldsymbol and some AMS
// symbols; TestPdflatex compiles every spelling it can write.
func FromUnicode(s string, m Mode) string {
	s = norm.NFC.String(strings.ToValidUTF8(s, "\uFFFD"))
	rs := []rune(s)
	w := &writer{mode: m}
	w.b.Grow(len(s) + len(s)/4)
	for i := 0; i < len(rs); {
		r := rs[i]
		if isFoldedSpace(r) {
			j := i
			for j < len(rs) && (isFoldedSpace(rs[j]) || (unicode.IsControl(rs[j]))) {
				j++
			}
			n := 0
			for _, c := range rs[i:j] {
				if isFoldedSpace(c) {
					n++
				}
			}
			soft := i > 0 && j < len(rs)
			for k := 0; k < n; k++ {
				if k == 0 && soft {
					w.lit(" ")
				} else {
					w.raw(`\ `)
				}
			}
			i = j
			continue
		}
		if unicode.IsControl(r) {
			i++
			continue
		}
		j := i + 1
		for j < len(rs) && isMark(rs[j]) {
			j++
		}
		if j == i+1 && r < 0x80 {
			w.char(r)
			i = j
			continue
		}
		if j == i+1 && m == ASCII {
			// Runs of superscripts, subscripts and math letters are
			// written in one command.
			if k := w.scriptRun(rs, i); k > i {
				i = k
				continue
			}
			if k := w.alphaRun(rs, i); k > i {
				i = k
				continue
			}
		}
		w.cluster(rs[i:j])
		i = j
	}
	return w.b.String()
}

// isFoldedSpace reports the characters that ToText reads as a collapsible
// space.
func isFoldedSpace(r rune) bool {
	return r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\f' || r == '\v'
}

type writer struct {
	b    strings.Builder
	mode Mode
	last byte // last byte written, for ligature breaking
}

// lit writes literal text, breaking a ligature with the previous output.
func (w *writer) lit(s string) {
	if s == "" {
		return
	}
	c := s[0]
	switch {
	case w.last == '-' && c == '-', w.last == '\'' && c == '\'', w.last == ',' && c == ',',
		w.last == '`' && c == '`', (w.last == '!' || w.last == '?') && c == '`':
		w.b.WriteString("{}")
	}
	w.raw(s)
}

// raw writes s as is.
func (w *writer) raw(s string) {
	if s == "" {
		return
	}
	w.b.WriteString(s)
	w.last = s[len(s)-1]
}

// asciiSpelling is how both modes write ASCII characters that are not
// written as themselves.
var asciiSpelling = [128]string{
	'\\': `{\textbackslash}`, '{': `\{`, '}': `\}`, '$': `\$`, '&': `\&`, '%': `\%`,
	'#': `\#`, '_': `\_`, '~': `{\textasciitilde}`, '^': `{\textasciicircum}`,
	'<': `{\textless}`, '>': `{\textgreater}`, '|': `{\textbar}`, '`': `{\textasciigrave}`,
	'"': `{"}`,
}

// spaceSpelling is how both modes write invisible characters.
var spaceSpelling = map[rune]string{
	'\u00a0': "~", '\u2009': `\,`, '\u2004': `\;`, '\u205f': `\:`, '\u2003': `{\quad}`,
	'\u2002': `{\enspace}`, '\u200c': `{\textcompwordmark}`,
}

// typographic are the characters that ASCII mode writes with TeX's own
// ligatures.
var typographic = map[rune]string{
	'–': "--", '—': "---", '“': "``", '”': "''", '−': `{\ensuremath{-}}`,
}

// symbolSpelling maps characters to the symbol commands of textSymbols and
// mathSymbols (ASCII mode).
var symbolSpelling = func() map[rune]string {
	m := map[rune]string{}
	add := func(list []symEntry) {
		for _, e := range list {
			r, n := utf8.DecodeRuneInString(e.text)
			if n != len(e.text) || e.flags == noEnc || r < 0x80 {
				continue
			}
			if _, dup := m[r]; dup {
				continue
			}
			switch e.flags {
			case encText:
				m[r] = `{\` + e.name + `}`
			case encMath:
				m[r] = `{\ensuremath{\` + e.name + `}}`
			case encCtl:
				m[r] = `\` + e.name
			}
		}
	}
	add(textSymbols)
	add(mathSymbols)
	return m
}()

// letterSpelling is how ASCII mode writes a letter that carries accents:
// the base inside the accent command.
var letterSpelling = map[rune]string{
	'ß': `\ss`, 'æ': `\ae`, 'Æ': `\AE`, 'œ': `\oe`, 'Œ': `\OE`, 'ø': `\o`, 'Ø': `\O`,
	'å': `\aa`, 'Å': `\AA`, 'ł': `\l`, 'Ł': `\L`, 'ı': `\i`, 'ȷ': `\j`, 'ð': `\dh`, 'Ð': `\DH`,
	'þ': `\th`, 'Þ': `\TH`, 'ŋ': `\ng`, 'Ŋ': `\NG`, 'đ': `\dj`, 'Đ': `\DJ`,
}

// markAccent maps combining marks to the accent command FromUnicode writes.
var markAccent = map[rune]string{
	'\u0300': "`", '\u0301': "'", '\u0302': "^", '\u0308': `"`, '\u0303': "~", '\u0304': "=",
	'\u0307': ".", '\u0306': "u", '\u030c': "v", '\u030b': "H", '\u030a': "r", '\u0327': "c",
	'\u0328': "k", '\u0323': "d", '\u0331': "b", '\u0361': "t", '\u0326': "textcommabelow",
}

// spacingAccent maps spacing accents to \'{} etc. (ASCII mode).
var spacingAccent = func() map[rune]string {
	m := map[rune]string{}
	for mark, name := range markAccent {
		for _, a := range accentTable {
			if a.mark == string(mark) && a.spacing != "" && a.spacing[0] >= 0x80 {
				r, _ := utf8.DecodeRuneInString(a.spacing)
				m[r] = `{\` + name + `{}}`
			}
		}
	}
	return m
}()

// char writes one character without marks.
func (w *writer) char(r rune) {
	if r < 0x80 {
		if sp := asciiSpelling[r]; sp != "" {
			w.raw(sp)
		} else {
			w.lit(string(r))
		}
		return
	}
	if sp, ok := spaceSpelling[r]; ok {
		w.raw(sp)
		return
	}
	if w.mode == ASCII {
		if sp, ok := typographic[r]; ok {
			w.lit(sp)
			return
		}
		if sp, ok := letterSpelling[r]; ok {
			w.raw("{" + sp + "}")
			return
		}
		if sp, ok := symbolSpelling[r]; ok {
			w.raw(sp)
			return
		}
		if sp, ok := spacingAccent[r]; ok {
			w.raw(sp)
			return
		}
		if b, ok := supBase[r]; ok {
			w.raw(`{\textsuperscript{`)
			w.char(b)
			w.raw(`}}`)
			return
		}
		if b, ok := subBase[r]; ok {
			w.raw(`{\textsubscript{`)
			w.char(b)
			w.raw(`}}`)
			return
		}
		if ab, ok := unAlpha[r]; ok {
			w.raw(`{\ensuremath{\` + alphaCmd[ab[0]] + `{`)
			w.mathBase(ab[1])
			w.raw(`}}}`)
			return
		}
	}
	w.raw(string(r))
}

// mathBase writes a letter, digit or Greek letter inside math.
func (w *writer) mathBase(r rune) {
	if r < 0x80 {
		w.raw(string(r))
		return
	}
	if name, ok := mathLetterCmd[r]; ok {
		w.raw(`\` + name)
		return
	}
	w.raw(string(r))
}

// mathLetterCmd maps Greek letters to their math commands.
var mathLetterCmd = func() map[rune]string {
	m := map[rune]string{}
	for _, e := range mathSymbols {
		r, n := utf8.DecodeRuneInString(e.text)
		if _, dup := m[r]; !dup && n == len(e.text) && e.flags == encMath {
			m[r] = e.name
		}
	}
	return m
}()

// scriptRun writes a run of two or more superscript (or subscript)
// characters as one \textsuperscript and returns the index after it, or i.
func (w *writer) scriptRun(rs []rune, i int) int {
	for _, t := range []struct {
		base map[rune]rune
		cmd  string
	}{{supBase, "textsuperscript"}, {subBase, "textsubscript"}} {
		j := i
		for j < len(rs) && (j+1 >= len(rs) || !isMark(rs[j+1])) {
			if _, ok := t.base[rs[j]]; !ok {
				break
			}
			j++
		}
		if j-i < 2 {
			continue
		}
		w.raw(`{\` + t.cmd + `{`)
		for _, r := range rs[i:j] {
			w.char(t.base[r])
		}
		w.raw(`}}`)
		return j
	}
	return i
}

// alphaRun writes a run of two or more math letters of one alphabet whose
// bases are ASCII as one \ensuremath{\mathxx{...}}.
func (w *writer) alphaRun(rs []rune, i int) int {
	first, ok := unAlpha[rs[i]]
	if !ok || first[1] >= 0x80 {
		return i
	}
	j := i
	for j < len(rs) && (j+1 >= len(rs) || !isMark(rs[j+1])) {
		ab, ok := unAlpha[rs[j]]
		if !ok || ab[0] != first[0] || ab[1] >= 0x80 {
			break
		}
		j++
	}
	if j-i < 2 {
		return i
	}
	w.raw(`{\ensuremath{\` + alphaCmd[first[0]] + `{`)
	for _, r := range rs[i:j] {
		w.raw(string(unAlpha[r][1]))
	}
	w.raw(`}}}`)
	return j
}

// cluster writes a character and the combining marks that follow it.
func (w *writer) cluster(c []rune) {
	if isMark(c[0]) { // marks with no base
		w.raw(string(c))
		return
	}
	if w.mode == KeepUTF8 || len(c) == 1 && (c[0] < 0x80 || !hasDecomposition(c[0]) || hasDirect(c[0])) {
		w.char(c[0])
		w.raw(string(c[1:]))
		return
	}
	d := []rune(norm.NFD.String(string(c)))
	base, marks := d[0], d[1:]
	// A base and first mark that make a letter with its own command (å
	// is \aa, so ǻ is \'{\aa}).
	if len(marks) > 0 {
		if comp := []rune(norm.NFC.String(string([]rune{base, marks[0]}))); len(comp) == 1 && letterSpelling[comp[0]] != "" {
			base, marks = comp[0], marks[1:]
		}
	}
	inner, ok := baseSpelling(base)
	k := 0
	for k < len(marks) && markAccent[marks[k]] != "" {
		k++
	}
	above := false
	for _, mk := range marks[:k] {
		if a, ok := markAccent[mk]; ok && accentTable[accentIndex(a)].above {
			above = true
		}
	}
	if !ok || k == 0 || (above && (base == 'ı' || base == 'ȷ')) {
		// No accent command applies: the base, then the marks as UTF-8.
		// (ToText reads \'{\i} as í, so ı with a mark stays UTF-8.)
		w.char(base)
		w.raw(string(marks))
		return
	}
	if above {
		switch base {
		case 'i':
			inner = `\i`
		case 'j':
			inner = `\j`
		}
	}
	// Accents above go inside, accents below outside: LaTeX stacks
	// \k{\=O} correctly but not \={\k{O}}. ToText reads the marks back
	// in another order, which NFC's canonical ordering undoes (below marks
	// have a lower combining class than above ones).
	ordered := make([]rune, 0, k)
	for _, below := range []bool{false, true} {
		for _, mk := range marks[:k] {
			if accentTable[accentIndex(markAccent[mk])].above != below {
				ordered = append(ordered, mk)
			}
		}
	}
	for _, mk := range ordered {
		a := markAccent[mk]
		if len(a) == 1 && !isASCIILetter(a[0]) && len(inner) == 1 && isASCIILetter(inner[0]) {
			inner = `\` + a + inner
		} else {
			inner = `\` + a + `{` + inner + `}`
		}
	}
	w.raw("{" + inner + "}")
	w.raw(string(marks[k:]))
}

// baseSpelling is the spelling of an accent's base character.
func baseSpelling(r rune) (string, bool) {
	if r < 0x80 {
		if r == ' ' || unicode.IsControl(r) {
			return "", false
		}
		if sp := asciiSpelling[r]; sp != "" {
			return sp, true
		}
		return string(r), true
	}
	if sp, ok := letterSpelling[r]; ok {
		return sp, true
	}
	return "", false
}

func accentIndex(name string) int {
	if c, ok := cmds[name]; ok && c.kind == cAccent {
		return int(c.p)
	}
	return 0
}

// hasDirect reports whether ASCII mode has a spelling for r as a whole.
func hasDirect(r rune) bool {
	if _, ok := letterSpelling[r]; ok {
		return true
	}
	if _, ok := symbolSpelling[r]; ok {
		return true
	}
	if _, ok := unAlpha[r]; ok {
		return true
	}
	return false
}

func hasDecomposition(r rune) bool {
	return norm.NFD.PropertiesString(string(r)).Decomposition() != nil
}
