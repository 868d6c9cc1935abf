package latex

import (
	"sync"

	"golang.org/x/text/unicode/norm"
)

// Span is a run of text with its style, for outputs that can render
// emphasis and math.
type Span struct {
	Text string // plain Unicode (NFC) for text spans; for Math spans the LaTeX source between the $ signs, as written
	Emph bool   // \emph, \textit, \textsl, {\em ...}, {\it ...}
	Bold bool   // \textbf, {\bf ...}
	Mono bool   // \texttt, {\tt ...}
	Math bool   // $...$ or \(...\) (keep source for MathJax)
}

// Parse converts LaTeX text to styled spans. Adjacent spans with the same
// style are merged; adjacent Math spans with the same style are merged
// with a space between their sources (TeX ignores spaces in math), so
// $a$$b$ gives one Math span "a b". Math spans come from $...$, $$...$$,
// \(...\), \[...\] and \ensuremath{...}; their Text is the source as
// written. Empty spans are dropped.
func Parse(s string) []Span {
	e := textEngines.Get().(*engine)
	defer textEngines.Put(e)
	e.reset(s, modeSpans)
	e.run()
	var spans []Span
	// The text of the last span, not yet normalised, is gathered in
	// e.nfc's spare capacity: a span costs one string.
	cur := e.nfc[:0]
	var nfc []byte
	finish := func() {
		if n := len(spans); n > 0 && !spans[n-1].Math {
			if norm.NFC.QuickSpan(cur) == len(cur) {
				spans[n-1].Text = string(cur)
			} else {
				nfc = norm.NFC.Append(nfc[:0], cur...)
				spans[n-1].Text = string(nfc)
			}
		}
		cur = cur[:0]
	}
	for i, r := range e.runs {
		end := len(e.out)
		if i+1 < len(e.runs) {
			end = e.runs[i+1].start
		}
		if r.start >= end {
			continue
		}
		text := e.out[r.start:end]
		if n := len(spans); n > 0 {
			p := &spans[n-1]
			if p.Emph == r.emph && p.Bold == r.bold && p.Mono == r.mono && p.Math == r.math {
				if r.math {
					p.Text += " " + string(text)
				} else {
					cur = append(cur, text...)
				}
				continue
			}
		}
		finish()
		spans = append(spans, Span{Emph: r.emph, Bold: r.bold, Mono: r.mono, Math: r.math})
		if r.math {
			spans[len(spans)-1].Text = string(text)
		} else {
			cur = append(cur, text...)
		}
	}
	finish()
	e.nfc = cur[:0]
	return spans
}

// ToText converts LaTeX text to plain Unicode text (NFC): styles are
// dropped and math is converted to Unicode where it can be (Greek letters
// and common symbols, sub- and superscripts that have Unicode forms, math
// alphabets such as \mathbb{R}); unknown math commands are kept as source,
// without the $ signs.
func ToText(s string) string {
	e := textEngines.Get().(*engine)
	e.reset(s, modeText)
	e.run()
	out := e.out
	// QuickSpan, unlike IsNormal, allocates nothing; text it cannot
	// tell is normal is normalised.
	if norm.NFC.QuickSpan(out) < len(out) {
		e.nfc = norm.NFC.Append(e.nfc[:0], out...)
		out = e.nfc
	}
	text := string(out)
	textEngines.Put(e)
	return text
}

// textEngines keeps engines for ToText, which converts names and titles
// by the hundred thousand: an engine's buffers are reused, not made again
// for every text (TestToTextReusesEngines).
var textEngines = sync.Pool{New: func() any { return new(engine) }}

// Unknown returns the names (without backslash) of the LaTeX commands in
// s that the converter does not know, each once, in order of first
// appearance. Commands inside math are included (ToText shows them as
// source). Unknown control symbols such as \< are reported by their
// character. Environment names are not reported.
func Unknown(s string) []string {
	e := newEngine(s, modeText)
	e.unknown = map[string]bool{}
	e.run()
	return e.unknowns
}
