package latex

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// maxScan caps how many argument transforms that rescan their output
// (sub/superscripts, \frac, \sqrt, \ElsevierGlyph) may be open at once.
// Deeper ones degrade to a form that needs no rescan, so that each output
// byte is rescanned at most maxScan times and the run time stays linear.
const maxScan = 16

// maxOptArg bounds the search for the "]" of an optional argument and for
// the "}" of an environment name; longer ones are not treated as such.
const maxOptArg = 64

type engineMode uint8

const (
	modeText  engineMode = iota // interpret math (ToText, Unknown)
	modeSpans                   // keep math source (Parse)
)

// style is the state that groups save and restore.
type style struct {
	emph, bold, mono bool
	cas              uint8 // 0 none, 1 upper, 2 lower
	alpha            uint8 // math alphabet
}

// run is a stretch of output that shares one span style (modeSpans).
type run struct {
	start                  int
	emph, bold, mono, math bool
}

type frameKind uint8

const (
	fBrace frameKind = iota // {...}
	fToken                  // a one-token argument
	fEnv                    // \begin{x}...\end{x}
	fMath                   // a math segment (modeText)
)

type action uint8

const (
	actNone action = iota
	actAccent
	actSup
	actSub
	actTextSup
	actTextSub
	actFracNum
	actFracDen
	actSqrt
	actGlyph
	actWrap
)

type frame struct {
	kind   frameKind
	act    action
	scan   bool  // a rescanning transform within the maxScan budget
	param  int32 // accent index, wrap index, sqrt index
	saved  style
	start  int // len(out) when opened
	accIdx int // actAccent: index of the accent in engine.accents

	// fMath only: the state to restore.
	closer                    int
	savedMath                 bool
	savedCloser, savedStart   int
	savedBraces, savedEnvs    int
	savedMathIdx, savedQuotes int
}

type expectation struct {
	on    bool
	act   action
	param int32
}

// engine interprets LaTeX text. It is a loop over tokens with an explicit
// stack of groups; nothing in it recurses.
type engine struct {
	src  string
	pos  int
	mode engineMode

	out  []byte
	runs []run
	st   style

	frames  []frame
	accents []int32 // pending accents (indexes into accentTable), outermost first
	expect  expectation

	pendSpace, pendPar bool
	pendSt             style // the style where the pending space was seen

	inMath    bool
	closer    int // closer of the current math segment
	mathStart int // len(out) when the current math segment opened
	mathIdx   int // index of the current math frame, -1 outside math

	braces, envs int // open brace and env frames above the current math frame
	scanDepth    int
	openQuotes   int // single quotes opened by ` and not yet closed

	// last positions of $, \) and \] (escape-aware) for lone-$ detection
	lastDollar, lastParen, lastBracket int

	unknown  map[string]bool
	unknowns []string

	nfc []byte // ToText: the output in NFC, when it is not already
}

func newEngine(s string, m engineMode) *engine {
	e := new(engine)
	e.reset(s, m)
	return e
}

// reset makes e a new engine for s, keeping the memory of its buffers.
func (e *engine) reset(s string, m engineMode) {
	out, runs, frames, accents, nfc := e.out[:0], e.runs[:0], e.frames[:0], e.accents[:0], e.nfc[:0]
	*e = engine{src: s, mode: m, mathIdx: -1, lastDollar: -1, lastParen: -1, lastBracket: -1,
		out: out, runs: runs, frames: frames, accents: accents, nfc: nfc}
	if n := len(s) + len(s)/8; cap(e.out) < n {
		e.out = make([]byte, 0, n)
	}
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\\':
			if i+1 < len(s) {
				switch s[i+1] {
				case ')':
					e.lastParen = i
				case ']':
					e.lastBracket = i
				}
			}
			i++
		case '$':
			e.lastDollar = i
		}
	}
}

// ---- output ----

func (e *engine) startRun(math bool) {
	if e.mode != modeSpans {
		return
	}
	n := len(e.runs)
	if n > 0 {
		r := e.runs[n-1]
		if r.emph == e.st.emph && r.bold == e.st.bold && r.mono == e.st.mono && r.math == math {
			return
		}
		if r.start == len(e.out) { // empty run: reuse
			e.runs = e.runs[:n-1]
			e.startRun(math)
			return
		}
	}
	e.runs = append(e.runs, run{start: len(e.out), emph: e.st.emph, bold: e.st.bold, mono: e.st.mono, math: math})
}

// flush writes a pending soft space or paragraph break.
func (e *engine) flush() {
	if !e.pendSpace && !e.pendPar {
		return
	}
	par := e.pendPar
	e.pendSpace, e.pendPar = false, false
	if len(e.out) == 0 {
		return // leading space is dropped
	}
	saved := e.st
	e.st = e.pendSt
	e.startRun(false)
	e.st = saved
	if par {
		e.out = append(e.out, '\n', '\n')
	} else {
		e.out = append(e.out, ' ')
	}
}

// writeRaw appends s as is (after any pending space).
func (e *engine) writeRaw(s string) {
	if s == "" {
		return
	}
	e.flush()
	e.startRun(false)
	e.out = append(e.out, s...)
}

func isMark(r rune) bool {
	return r >= 0x300 && (unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Me, r))
}

// plainText marks the ASCII bytes that are always written as themselves
// in text mode; plainMath those in math mode.
var plainText, plainMath = func() (t, m [128]bool) {
	for c := 0; c < 128; c++ {
		if c > ' ' && c < 127 {
			t[c], m[c] = true, true
		}
	}
	for _, c := range "\\{}$~-`',!?" {
		t[c] = false
	}
	for _, c := range "\\{}$~-'^_" {
		m[c] = false
	}
	return t, m
}()

// plainRun writes a run of plain ASCII bytes at once when nothing (an
// accent, a case change, a math alphabet, a one-token argument) needs to
// see them one by one. It reports whether it wrote anything.
func (e *engine) plainRun() bool {
	if len(e.accents) > 0 || e.st.cas != 0 || e.st.alpha != alphaNone {
		return false
	}
	if n := len(e.frames); n > 0 && e.frames[n-1].kind == fToken {
		return false
	}
	table := &plainText
	if e.inMath {
		table = &plainMath
	}
	s, start, p := e.src, e.pos, e.pos
	for p < len(s) && s[p] < 0x80 && table[s[p]] {
		p++
	}
	if p == start {
		return false
	}
	e.flush()
	e.startRun(false)
	e.out = append(e.out, s[start:p]...)
	e.pos = p
	return true
}

// emitRune writes one content character: it applies the case and math
// alphabet of the current style and any pending accents.
func (e *engine) emitRune(r rune) {
	e.flush()
	e.startRun(false)
	if len(e.accents) > 0 && !unicode.IsSpace(r) && !isMark(r) {
		above := false
		for _, a := range e.accents {
			if accentTable[a].above {
				above = true
				break
			}
		}
		if above {
			switch r {
			case 'ı':
				r = 'i'
			case 'ȷ':
				r = 'j'
			}
		}
		base := e.transform(r)
		if len(e.accents) == 1 && base < utf8.RuneSelf && e.scanDepth == 0 && composeAccents {
			// One accent on an ASCII letter, the common case (\'e,
			// \"{u}): the precomposed letter, which is what NFC makes
			// of the two, so that most text needs no normalising. Not
			// inside a transform that reads its output again (a script,
			// a fraction, a root, a case change), which counts and maps
			// runes.
			if c := composed[e.accents[0]][base]; c != 0 {
				e.out = utf8.AppendRune(e.out, c)
				e.accents = e.accents[:0]
				return
			}
		}
		e.out = utf8.AppendRune(e.out, base)
		for i := len(e.accents) - 1; i >= 0; i-- {
			e.out = append(e.out, accentTable[e.accents[i]].mark...)
		}
		e.accents = e.accents[:0]
		return
	}
	e.out = utf8.AppendRune(e.out, e.transform(r))
}

func (e *engine) transform(r rune) rune {
	switch e.st.cas {
	case 1:
		r = unicode.ToUpper(r)
	case 2:
		r = unicode.ToLower(r)
	}
	if e.st.alpha != alphaNone {
		r = mapAlpha(e.st.alpha, r)
	}
	return r
}

func (e *engine) emitString(s string) {
	for _, r := range s {
		e.emitRune(r)
	}
}

// take removes and returns the output written since start; ok is false
// (and nothing is removed) when that output holds a math span (modeSpans),
// which must not be rewritten.
func (e *engine) take(start int) (string, bool) {
	if start > len(e.out) {
		return "", false
	}
	n := len(e.runs)
	for n > 0 && e.runs[n-1].start >= start {
		if e.runs[n-1].math {
			return "", false
		}
		n--
	}
	if n > 0 && e.runs[n-1].math && start < len(e.out) {
		return "", false
	}
	s := string(e.out[start:])
	e.out = e.out[:start]
	e.runs = e.runs[:n]
	return s, true
}

func (e *engine) noteUnknown(name string) {
	if e.unknown == nil || e.unknown[name] {
		return
	}
	e.unknown[name] = true
	e.unknowns = append(e.unknowns, name)
}

// ---- input helpers ----

func isSpaceByte(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'
}

// skipWS skips whitespace and reports how many newlines it saw.
func (e *engine) skipWS() int {
	nl := 0
	for e.pos < len(e.src) && isSpaceByte(e.src[e.pos]) {
		if e.src[e.pos] == '\n' {
			nl++
		}
		e.pos++
	}
	return nl
}

// rawGroup reads a brace group verbatim starting at e.pos (which must be
// "{") and returns its content; an unclosed group runs to the end.
func (e *engine) rawGroup() string {
	start := e.pos + 1
	depth := 0
	for i := e.pos; i < len(e.src); i++ {
		switch e.src[i] {
		case '\\':
			i++
		case '{':
			depth++
		case '}':
			depth--
			if depth == 0 {
				e.pos = i + 1
				return e.src[start:i]
			}
		}
	}
	e.pos = len(e.src)
	if start > len(e.src) {
		return ""
	}
	return e.src[start:]
}

// optArg skips an optional argument [..] of at most maxOptArg bytes and
// returns its content.
func (e *engine) optArg() (string, bool) {
	p := e.pos
	for p < len(e.src) && (e.src[p] == ' ' || e.src[p] == '\t') {
		p++
	}
	if p >= len(e.src) || e.src[p] != '[' {
		return "", false
	}
	end := strings.IndexByte(e.src[p+1:min(len(e.src), p+1+maxOptArg)], ']')
	if end < 0 {
		return "", false
	}
	e.pos = p + 1 + end + 1
	return e.src[p+1 : p+1+end], true
}

// bracedName reads {name} of at most maxOptArg bytes (for \begin, \end).
func (e *engine) bracedName() (string, bool) {
	p := e.pos
	for p < len(e.src) && isSpaceByte(e.src[p]) {
		p++
	}
	if p >= len(e.src) || e.src[p] != '{' {
		return "", false
	}
	end := strings.IndexByte(e.src[p+1:min(len(e.src), p+1+maxOptArg)], '}')
	if end < 0 {
		return "", false
	}
	name := e.src[p+1 : p+1+end]
	if strings.ContainsAny(name, "{\\") {
		return "", false
	}
	e.pos = p + 1 + end + 1
	return strings.TrimSpace(name), true
}

// ---- frames ----

func (e *engine) push(f frame) {
	f.saved = e.st
	f.start = len(e.out)
	e.frames = append(e.frames, f)
	switch f.kind {
	case fBrace:
		e.braces++
	case fEnv:
		e.envs++
	}
}

func (e *engine) top() *frame {
	if len(e.frames) == 0 {
		return nil
	}
	return &e.frames[len(e.frames)-1]
}

// canClose reports whether the top frame belongs to the current math
// level (frames below the current math frame are closed only by it).
func (e *engine) canClose() bool {
	return len(e.frames) > 0 && len(e.frames)-1 > e.mathIdx
}

// applyStyle applies style operations to the current style.
func (e *engine) applyStyle(ops int32) {
	if ops&opEmphOn != 0 {
		e.st.emph = true
	}
	if ops&opEmphToggle != 0 {
		e.st.emph = !e.st.emph
	}
	if ops&opEmphOff != 0 {
		e.st.emph = false
	}
	if ops&opBoldOn != 0 {
		e.st.bold = true
	}
	if ops&opBoldOff != 0 {
		e.st.bold = false
	}
	if ops&opMonoOn != 0 {
		e.st.mono = true
	}
	if ops&opMonoOff != 0 {
		e.st.mono = false
	}
	if ops&opAlphaReset != 0 {
		e.st.alpha = alphaNone
	}
	if ops&opAlpha != 0 {
		e.st.alpha = uint8(ops >> 16)
	}
	switch {
	case ops&opUpper != 0:
		e.st.cas = 1
	case ops&opLower != 0:
		e.st.cas = 2
	case ops&opCaseNone != 0:
		e.st.cas = 0
	}
}

// openArg opens the frame of an argument that an expectation asked for.
func (e *engine) openArg(kind frameKind, ex expectation) {
	f := frame{kind: kind, act: ex.act, param: ex.param}
	switch ex.act {
	case actAccent:
		f.accIdx = len(e.accents)
		e.push(f)
		e.accents = append(e.accents, ex.param)
		return
	case actNone:
		e.push(f)
		e.applyStyle(ex.param)
		return
	case actWrap:
		e.push(f)
		e.writeRaw(wraps[ex.param].open)
		return
	}
	// Rescanning transforms.
	if e.inMath && (ex.act == actSup || ex.act == actSub) {
		if len(e.out) > e.mathStart {
			e.pendSpace = false // TeX ignores the space in x ^2
		} else {
			e.flush() // a space before the math
		}
	} else {
		e.flush()
	}
	if e.scanDepth < maxScan {
		f.scan = true
		e.scanDepth++
		e.push(f)
		return
	}
	e.push(f)
	switch ex.act {
	case actSup:
		e.writeRaw("^{")
	case actSub:
		e.writeRaw("_{")
	case actFracNum, actFracDen:
		e.writeRaw("(")
	case actSqrt:
		e.writeRaw("√(")
	}
}

// closeTop closes the top frame and applies its action.
func (e *engine) closeTop() {
	f := e.frames[len(e.frames)-1]
	if f.kind == fMath {
		e.closeMath()
		return
	}
	e.frames = e.frames[:len(e.frames)-1]
	switch f.kind {
	case fBrace:
		e.braces--
	case fEnv:
		e.envs--
	}
	e.st = f.saved
	if f.scan {
		e.scanDepth--
	}
	switch f.act {
	case actAccent:
		if len(e.accents) > f.accIdx {
			e.accents = e.accents[:f.accIdx]
			if sp := accentTable[f.param].spacing; sp != "" {
				e.emitString(sp)
			}
		}
	case actWrap:
		e.writeRaw(wraps[f.param].close)
	case actSup, actSub, actTextSup, actTextSub:
		e.closeScript(f)
	case actFracNum, actFracDen:
		if f.scan {
			if c, ok := e.take(f.start); ok {
				if utf8.RuneCountInString(c) > 1 {
					c = "(" + c + ")"
				}
				e.writeRaw(c)
			}
		} else {
			e.writeRaw(")")
		}
		if f.act == actFracNum {
			e.writeRaw("/")
			e.expect = expectation{on: true, act: actFracDen}
		}
	case actSqrt:
		root := "√"
		switch f.param {
		case 3:
			root = "∛"
		case 4:
			root = "∜"
		}
		if !f.scan {
			e.writeRaw(")")
			break
		}
		if c, ok := e.take(f.start); ok {
			if utf8.RuneCountInString(c) > 1 {
				c = "(" + c + ")"
			}
			e.writeRaw(root + c)
		}
	case actGlyph:
		if !f.scan {
			break
		}
		if c, ok := e.take(f.start); ok {
			if r, ok := parseCodePoint(strings.TrimSpace(c), 16); ok {
				e.writeRaw(string(r))
			} else {
				e.writeRaw(c)
			}
		}
	}
}

func (e *engine) closeScript(f frame) {
	math := f.act == actSup || f.act == actSub
	if !f.scan {
		if math {
			e.writeRaw("}")
		}
		return
	}
	c, ok := e.take(f.start)
	if !ok {
		return
	}
	table := supOf
	if f.act == actSub || f.act == actTextSub {
		table = subOf
	}
	if f.act == actSup || f.act == actTextSup {
		if sp, ok := superWords[c]; ok {
			e.writeRaw(sp)
			return
		}
	}
	var b strings.Builder
	conv := c != ""
	for _, r := range c {
		if r == '−' {
			r = '-'
		}
		s, ok := table[r]
		if !ok {
			conv = false
			break
		}
		b.WriteRune(s)
	}
	switch {
	case conv:
		e.writeRaw(b.String())
	case !math || c == "":
		e.writeRaw(c)
	default:
		op := "^"
		if f.act == actSub {
			op = "_"
		}
		if utf8.RuneCountInString(c) == 1 {
			e.writeRaw(op + c)
		} else {
			e.writeRaw(op + "{" + c + "}")
		}
	}
}

// superWords are superscripts with a symbol of their own.
var superWords = map[string]string{"∘": "°", "TM": "™", "SM": "℠", "′": "′", "′′": "″"}

// completeTokens closes one-token argument frames whose token is complete.
func (e *engine) completeTokens() {
	for !e.expect.on && e.canClose() && e.top().kind == fToken {
		e.closeTop()
	}
}

// cancelExpect drops an expected argument that is missing.
func (e *engine) cancelExpect() {
	if !e.expect.on {
		return
	}
	ex := e.expect
	e.expect.on = false
	switch ex.act {
	case actAccent:
		if sp := accentTable[ex.param].spacing; sp != "" {
			e.emitString(sp)
		}
	}
}

// ---- math ----

// openMath starts a math segment (modeText) that ends at closer. A soft
// space pending before it stays pending, so that an empty segment does not
// double it.
func (e *engine) openMath(closer int) {
	f := frame{kind: fMath, closer: closer, savedMath: e.inMath, savedCloser: e.closer,
		savedStart: e.mathStart, savedBraces: e.braces, savedEnvs: e.envs,
		savedMathIdx: e.mathIdx, savedQuotes: e.openQuotes}
	f.saved = e.st
	f.start = len(e.out)
	e.frames = append(e.frames, f)
	e.inMath, e.closer, e.mathStart = true, closer, len(e.out)
	e.braces, e.envs, e.mathIdx = 0, 0, len(e.frames)-1
}

// closeMath closes the current math segment and everything open in it.
func (e *engine) closeMath() {
	e.cancelExpect()
	for len(e.frames)-1 > e.mathIdx {
		e.closeTop()
		e.cancelExpect()
	}
	f := e.frames[len(e.frames)-1]
	e.frames = e.frames[:len(e.frames)-1]
	if len(e.out) > e.mathStart {
		e.pendSpace = false
	}
	e.st = f.saved
	e.inMath, e.closer, e.mathStart = f.savedMath, f.savedCloser, f.savedStart
	e.braces, e.envs, e.mathIdx = f.savedBraces, f.savedEnvs, f.savedMathIdx
	e.openQuotes = f.savedQuotes
}

// mathSource finds the end of a math segment whose content starts at from
// (modeSpans); it returns the content and the position after the closer.
func (e *engine) mathSource(from, closer int) (string, int) {
	s := e.src
	for i := from; i < len(s); i++ {
		switch s[i] {
		case '\\':
			if i+1 < len(s) {
				if (closer == closeParen && s[i+1] == ')') || (closer == closeBracket && s[i+1] == ']') {
					return s[from:i], i + 2
				}
			}
			i++
		case '$':
			if closer == closeDollar {
				return s[from:i], i + 1
			}
			if closer == closeDDollar {
				end := i + 1
				if end < len(s) && s[end] == '$' {
					end++
				}
				return s[from:i], end
			}
		}
	}
	if from > len(s) {
		from = len(s)
	}
	return s[from:], len(s)
}

// emitMathSpan writes a math span (modeSpans). Adjacent math spans with
// the same style are joined with a space, which TeX ignores in math.
// Bytes that are not UTF-8 become U+FFFD, as in text spans: a span is
// always valid UTF-8.
func (e *engine) emitMathSpan(src string) {
	e.flush()
	if !utf8.ValidString(src) {
		src = strings.ToValidUTF8(src, "\uFFFD")
	}
	if n := len(e.runs); n > 0 {
		r := e.runs[n-1]
		if r.math && r.start < len(e.out) && r.emph == e.st.emph && r.bold == e.st.bold && r.mono == e.st.mono {
			if src != "" {
				e.out = append(e.out, ' ')
				e.out = append(e.out, src...)
			}
			return
		}
	}
	e.runs = append(e.runs, run{start: len(e.out), emph: e.st.emph, bold: e.st.bold, mono: e.st.mono, math: true})
	e.out = append(e.out, src...)
}

// dollar handles "$" outside math.
func (e *engine) dollar() {
	display := e.pos+1 < len(e.src) && e.src[e.pos+1] == '$'
	open := 1
	closer := closeDollar
	if display {
		open, closer = 2, closeDDollar
	}
	if e.lastDollar < e.pos+open { // no closing $: a literal dollar sign
		e.pos += open
		for i := 0; i < open; i++ {
			e.emitRune('$')
		}
		return
	}
	e.pos += open
	e.enterMath(closer)
}

// enterMath starts math that ends at closer: as one span holding its
// source when building spans, converted symbol by symbol otherwise.
func (e *engine) enterMath(closer int) {
	if e.mode == modeSpans {
		src, next := e.mathSource(e.pos, closer)
		e.pos = next
		e.emitMathSpan(src)
		return
	}
	e.openMath(closer)
}

// ---- main loop ----

func (e *engine) run() {
	for {
		if e.pos >= len(e.src) {
			break
		}
		if e.expect.on {
			e.skipWS()
			if e.pos >= len(e.src) {
				break
			}
			c := e.src[e.pos]
			if c == '}' || (e.inMath && e.atCloser()) {
				e.cancelExpect()
				e.completeTokens()
				continue
			}
			ex := e.expect
			e.expect.on = false
			if c == '{' {
				e.pos++
				e.openArg(fBrace, ex)
				continue
			}
			e.openArg(fToken, ex)
		}
		e.step()
		e.completeTokens()
	}
	// End of input: close everything that is still open.
	for {
		e.cancelExpect()
		if len(e.frames) == 0 {
			break
		}
		e.closeTop()
	}
	e.cancelExpect()
	e.pendPar, e.pendSpace = false, false // trailing soft space is dropped
}

// atCloser reports whether the input at e.pos ends the current math
// segment.
func (e *engine) atCloser() bool {
	s, p := e.src, e.pos
	switch e.closer {
	case closeDollar, closeDDollar:
		return s[p] == '$'
	case closeParen:
		return s[p] == '\\' && p+1 < len(s) && s[p+1] == ')'
	case closeBracket:
		return s[p] == '\\' && p+1 < len(s) && s[p+1] == ']'
	case closeBrace:
		return s[p] == '}' && e.braces == 0
	}
	return false
}

// step processes one token.
func (e *engine) step() {
	s := e.src
	c := s[e.pos]
	if e.inMath && e.atCloser() {
		e.pos++
		switch e.closer {
		case closeDDollar:
			if e.pos < len(s) && s[e.pos] == '$' {
				e.pos++
			}
		case closeParen, closeBracket:
			e.pos++
		}
		e.closeMath()
		return
	}
	switch c {
	case '\\':
		e.command()
		return
	case '{':
		e.pos++
		e.push(frame{kind: fBrace})
		return
	case '}':
		e.pos++
		if e.braces == 0 {
			return // unbalanced: ignored
		}
		for e.canClose() {
			k := e.top().kind
			e.closeTop()
			e.cancelExpect()
			if k == fBrace {
				break
			}
		}
		return
	case '$':
		if e.inMath {
			e.pos++ // a $ that does not close this math: ignored
			return
		}
		e.dollar()
		return
	case '~':
		e.pos++
		e.emitRune('\u00a0')
		return
	}
	if isSpaceByte(c) {
		nl := e.skipWS()
		e.space(nl)
		return
	}
	if c < 0x80 && (e.inMath && plainMath[c] || !e.inMath && plainText[c]) && e.plainRun() {
		return
	}
	if e.inMath {
		e.mathChar(c)
		return
	}
	switch c {
	case '-':
		n := 0
		for e.pos < len(s) && s[e.pos] == '-' {
			n++
			e.pos++
		}
		for ; n >= 3; n -= 3 {
			e.emitRune('—')
		}
		switch n {
		case 2:
			e.emitRune('–')
		case 1:
			e.emitRune('-')
		}
		return
	case '`':
		if e.pos+1 < len(s) && s[e.pos+1] == '`' {
			e.pos += 2
			e.emitRune('“')
			return
		}
		e.pos++
		e.openQuotes++
		e.emitRune('‘')
		return
	case '\'':
		if e.pos+1 < len(s) && s[e.pos+1] == '\'' {
			e.pos += 2
			e.emitRune('”')
			return
		}
		e.pos++
		if e.openQuotes > 0 {
			r, _ := utf8.DecodeRuneInString(s[e.pos:])
			if e.pos >= len(s) || !(unicode.IsLetter(r) || unicode.IsDigit(r)) {
				e.openQuotes--
				e.emitRune('’')
				return
			}
		}
		e.emitRune('\'')
		return
	case ',', '!', '?':
		if e.pos+1 < len(s) {
			n := s[e.pos+1]
			switch {
			case c == ',' && n == ',':
				e.pos += 2
				e.emitRune('„')
				return
			case c == '!' && n == '`':
				e.pos += 2
				e.emitRune('¡')
				return
			case c == '?' && n == '`':
				e.pos += 2
				e.emitRune('¿')
				return
			}
		}
	}
	e.literal()
}

// literal emits the character at e.pos as is.
func (e *engine) literal() {
	r, n := utf8.DecodeRuneInString(e.src[e.pos:])
	e.pos += n
	e.emitRune(r)
}

// space handles a run of whitespace that held nl newlines.
func (e *engine) space(nl int) {
	if nl >= 2 && !e.inMath {
		e.setPar()
		return
	}
	e.softSpace()
}

// setPar sets a pending paragraph break.
func (e *engine) setPar() {
	if !e.pendSpace && !e.pendPar {
		e.pendSt = e.st
	}
	e.pendPar, e.pendSpace = true, false
}

// mathChar handles a character in math mode.
func (e *engine) mathChar(c byte) {
	s := e.src
	switch c {
	case '^':
		e.pos++
		e.expect = expectation{on: true, act: actSup}
		return
	case '_':
		e.pos++
		e.expect = expectation{on: true, act: actSub}
		return
	case '-':
		e.pos++
		e.emitRune('−')
		return
	case '\'':
		n := 0
		for e.pos < len(s) && s[e.pos] == '\'' {
			n++
			e.pos++
		}
		switch n {
		case 1:
			e.emitRune('′')
		case 2:
			e.emitRune('″')
		case 3:
			e.emitRune('‴')
		default:
			for ; n > 0; n-- {
				e.emitRune('′')
			}
		}
		return
	}
	e.literal()
}

// command handles a control sequence at e.pos.
func (e *engine) command() {
	s := e.src
	e.pos++ // the backslash
	if e.pos >= len(s) {
		e.emitRune('\\')
		return
	}
	var name string
	skipped, nl := false, 0
	if isASCIILetter(s[e.pos]) {
		start := e.pos
		for e.pos < len(s) && isASCIILetter(s[e.pos]) {
			e.pos++
		}
		name = s[start:e.pos]
		if !e.inMath {
			before := e.pos
			nl = e.skipWS()
			skipped = e.pos > before
		}
	} else {
		r, n := utf8.DecodeRuneInString(s[e.pos:])
		e.pos += n
		name = string(r)
		if r == ' ' || r == '\t' || r == '\n' || r == '\r' {
			name = " "
			if !e.inMath {
				nl = e.skipWS()
			}
		}
	}
	if nl >= 2 {
		defer e.setPar()
	}
	c, ok := cmds[name]
	if !ok {
		e.unknownCommand(name, skipped)
		return
	}
	switch c.kind {
	case cSym:
		e.emitString(c.s)
	case cOp:
		if e.inMath && len(e.out) > e.mathStart {
			r, _ := utf8.DecodeLastRune(e.out)
			if unicode.IsLetter(r) || unicode.IsDigit(r) {
				e.softSpace()
			}
		}
		saved := e.st.alpha
		e.st.alpha = alphaNone
		e.emitString(c.s)
		e.st.alpha = saved
	case cAccent:
		e.expect = expectation{on: true, act: actAccent, param: c.p}
	case cStyleArg:
		e.expect = expectation{on: true, act: actNone, param: c.p}
	case cDecl:
		e.applyStyle(c.p)
	case cIgnore:
	case cSoftSpace:
		e.softSpace()
	case cLineBreak:
		if e.pos < len(s) && s[e.pos] == '*' {
			e.pos++
		}
		e.optArg()
		e.softSpace()
	case cPar:
		e.setPar()
	case cDropArg:
		e.skipWS()
		if e.pos < len(s) && s[e.pos] == '{' {
			e.rawGroup()
		}
		if c.s != "" {
			e.softSpace()
		}
	case cURL:
		e.skipWS()
		if e.pos < len(s) && s[e.pos] == '{' {
			for _, r := range e.rawGroup() {
				e.emitRune(r)
			}
		}
	case cHref, cColorArg:
		e.skipWS()
		if e.pos < len(s) && s[e.pos] == '{' {
			e.rawGroup()
		}
	case cEnsureMath:
		e.ensureMath()
	case cBegin:
		if name, ok := e.bracedName(); ok {
			e.push(frame{kind: fEnv})
			if d, ok := cmds[strings.TrimSuffix(name, "*")]; ok && d.kind == cDecl {
				e.applyStyle(d.p)
			}
		}
	case cEnd:
		if _, ok := e.bracedName(); ok && e.envs > 0 {
			for e.canClose() {
				k := e.top().kind
				e.closeTop()
				e.cancelExpect()
				if k == fEnv {
					break
				}
			}
		}
	case cGlyph:
		e.expect = expectation{on: true, act: actGlyph}
	case cChar:
		e.charCode()
	case cSymbolArg:
		e.skipWS()
		if e.pos < len(s) && s[e.pos] == '{' {
			if r, ok := parseTeXNumber(strings.TrimSpace(e.rawGroup())); ok {
				e.emitRune(r)
			}
		}
	case cFrac:
		e.expect = expectation{on: true, act: actFracNum}
	case cSqrt:
		var idx int32
		if a, ok := e.optArg(); ok {
			switch strings.TrimSpace(a) {
			case "3":
				idx = 3
			case "4":
				idx = 4
			}
		}
		e.expect = expectation{on: true, act: actSqrt, param: idx}
	case cTextSup:
		e.expect = expectation{on: true, act: actTextSup}
	case cTextSub:
		e.expect = expectation{on: true, act: actTextSub}
	case cDelim:
		p := e.pos
		for p < len(s) && isSpaceByte(s[p]) {
			p++
		}
		if p < len(s) && s[p] == '.' {
			e.pos = p + 1
		}
	case cWrapArg:
		p := c.p
		if name == "enquote" && e.pos < len(s) && s[e.pos] == '*' {
			e.pos++
			p = 2
		}
		e.expect = expectation{on: true, act: actWrap, param: p}
	case cMathOpen:
		e.mathOpen(int(c.p))
	case cMathClose:
		// a \) or \] that closes nothing: ignored
	}
}

func isASCIILetter(c byte) bool { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') }

// softSpace sets a pending collapsible space.
func (e *engine) softSpace() {
	if e.pendSpace || e.pendPar || (e.inMath && len(e.out) == e.mathStart) {
		return
	}
	e.pendSt = e.st
	e.pendSpace = true
}

// unknownCommand handles a command that is not in the tables.
func (e *engine) unknownCommand(name string, skipped bool) {
	e.noteUnknown(name)
	s := e.src
	if e.inMath {
		// Unknown math is kept as source, with its first argument's braces.
		e.writeRaw("\\" + name)
		p := e.pos
		for p < len(s) && isSpaceByte(s[p]) {
			p++
		}
		if p < len(s) && s[p] == '{' {
			e.pos = p + 1
			e.openArg(fBrace, expectation{act: actWrap, param: wrapBraces})
		}
		return
	}
	if utf8.RuneCountInString(name) == 1 && !isASCIILetter(name[0]) {
		// An unknown control symbol prints its character.
		r, _ := utf8.DecodeRuneInString(name)
		e.emitRune(r)
		return
	}
	if e.pos < len(s) && s[e.pos] == '{' {
		p := e.pos + 1
		for p < len(s) && isSpaceByte(s[p]) {
			p++
		}
		if p < len(s) && s[p] == '}' { // \foo{}: kept as written
			e.pos = p + 1
			e.writeRaw("\\" + name + "{}")
		}
		return // \foo{arg}: keep the argument only
	}
	e.writeRaw("\\" + name)
	if skipped {
		e.softSpace()
	}
}

// ensureMath handles \ensuremath.
func (e *engine) ensureMath() {
	s := e.src
	if e.inMath {
		return // a plain group inside math
	}
	p := e.pos
	for p < len(s) && isSpaceByte(s[p]) {
		p++
	}
	if p >= len(s) || s[p] != '{' {
		return
	}
	e.pos = p
	if e.mode == modeSpans {
		e.emitMathSpan(e.rawGroup())
		return
	}
	e.pos++
	e.openMath(closeBrace)
}

// mathOpen handles \( and \[.
func (e *engine) mathOpen(closer int) {
	if e.inMath {
		if closer == closeParen {
			e.emitRune('(')
		} else {
			e.emitRune('[')
		}
		return
	}
	last := e.lastParen
	if closer == closeBracket {
		last = e.lastBracket
	}
	if last < e.pos {
		return // no closer: ignored
	}
	e.enterMath(closer)
}

// charCode handles \char followed by a TeX number.
func (e *engine) charCode() {
	s := e.src
	p := e.pos
	for p < len(s) && isSpaceByte(s[p]) {
		p++
	}
	if p >= len(s) {
		return
	}
	start := p
	switch s[p] {
	case '"':
		p++
		for p < len(s) && p-start <= 7 && isHex(s[p]) {
			p++
		}
	case '\'':
		p++
		for p < len(s) && p-start <= 9 && s[p] >= '0' && s[p] <= '7' {
			p++
		}
	case '`':
		p++
		if p < len(s) && s[p] == '\\' {
			p++
		}
		if p < len(s) {
			_, n := utf8.DecodeRuneInString(s[p:])
			p += n
		}
	default:
		for p < len(s) && p-start <= 8 && s[p] >= '0' && s[p] <= '9' {
			p++
		}
	}
	if r, ok := parseTeXNumber(s[start:p]); ok {
		e.pos = p
		e.emitRune(r)
	}
}

func isHex(c byte) bool {
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')
}

// parseTeXNumber parses "hex, 'octal, `c, `\c or decimal into a printable
// code point.
func parseTeXNumber(t string) (rune, bool) {
	if t == "" {
		return 0, false
	}
	switch t[0] {
	case '"':
		return parseCodePoint(t[1:], 16)
	case '\'':
		return parseCodePoint(t[1:], 8)
	case '`':
		t = strings.TrimPrefix(t[1:], "\\")
		r, n := utf8.DecodeRuneInString(t)
		if n == 0 || n != len(t) || r == utf8.RuneError {
			return 0, false
		}
		return r, true
	}
	return parseCodePoint(t, 10)
}

// parseCodePoint parses a code point that is valid and not a control or
// surrogate character.
func parseCodePoint(t string, base int) (rune, bool) {
	if t == "" || len(t) > 8 {
		return 0, false
	}
	v, err := strconv.ParseUint(t, base, 32)
	if err != nil || v > unicode.MaxRune {
		return 0, false
	}
	r := rune(v)
	if !utf8.ValidRune(r) || unicode.IsControl(r) {
		return 0, false
	}
	return r, true
}
