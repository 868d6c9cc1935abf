package latex

import (
	"runtime/debug"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// Deep nesting must cost no Go stack: the engine keeps its own stack of
// groups (see doc.go). A 4 MB stack limit turns any recursion per level
// into a fatal "stack overflow".

const deepLevels = 100_000

// deepPatterns are constructs nested deepLevels times: open is repeated,
// then mid, then close.
var deepPatterns = []struct{ open, mid, close string }{
	{"{", "x", "}"},
	{"{", "", ""},
	{"", "", "}"},
	{`\emph{`, "x", "}"},
	{`{\bf `, "x", "}"},
	{`\'{`, "e", "}"},
	{`\'`, "e", ""},
	{`\"{\'{`, `\i`, "}}"},
	{"$x^{", "2", "}$"},
	{"$", "", ""},
	{"$x^{", "2", "}"},
	{`$\frac{`, "a", "}{b}$"},
	{`$\sqrt{`, "x", "}$"},
	{`$\mathbb{`, "R", "}$"},
	{`\textsuperscript{`, "st", "}"},
	{`\ensuremath{`, `\alpha`, "}"},
	{`\(`, "x", `\)`},
	{`\begin{it}`, "x", `\end{it}`},
	{`\MakeUppercase{`, "x", "}"},
	{`\url{`, "x", "}"},
	{`\href{`, "u}{t", "}"},
	{`\foo{`, "x", "}"},
	{`\ElsevierGlyph{`, "2014", "}"},
	{"^{", "x", "}"},
	{"_", "x", ""},
	{`\c{`, "c", "}"},
}

func deepInput(open, mid, close string, n int) string {
	return strings.Repeat(open, n) + mid + strings.Repeat(close, n)
}

func withSmallStack(t testing.TB) {
	old := debug.SetMaxStack(4 << 20)
	t.Cleanup(func() { debug.SetMaxStack(old) })
}

func TestDeepNesting(t *testing.T) {
	withSmallStack(t)
	for _, p := range deepPatterns {
		s := deepInput(p.open, p.mid, p.close, deepLevels)
		done := make(chan struct{})
		go func() {
			defer close(done)
			checkDeep(t, s)
		}()
		select {
		case <-done:
		case <-time.After(time.Minute): // a hang detector, not a timing assertion
			t.Fatalf("%q x %d: still running after a minute", p.open, deepLevels)
		}
	}
}

func checkDeep(t testing.TB, s string) {
	out := ToText(s)
	if !utf8.ValidString(out) {
		t.Errorf("ToText(%.30q...): invalid UTF-8", s)
	}
	for _, sp := range Parse(s) {
		if !utf8.ValidString(sp.Text) {
			t.Errorf("Parse(%.30q...): invalid UTF-8 span", s)
		}
	}
	Unknown(s)
	FromUnicode(out, ASCII)
}

// FuzzDeepNesting nests fuzzer-chosen text up to 10,000 levels deep.
func FuzzDeepNesting(f *testing.F) {
	for _, p := range deepPatterns {
		f.Add(p.open, p.mid, p.close, uint16(10000))
	}
	f.Fuzz(func(t *testing.T, open, mid, close string, n uint16) {
		if len(open)+len(close) > 64 || len(mid) > 64 {
			return
		}
		withSmallStack(t)
		levels := int(n) % 10001
		checkDeep(t, deepInput(open, mid, close, levels))
	})
}
