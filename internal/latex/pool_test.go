package latex

import (
	"math/rand/v2"
	"strings"
	"sync"
	"testing"

	"golang.org/x/text/unicode/norm"
)

// freshToText is ToText with an engine of its own: what a reused engine
// must give.
func freshToText(s string) string {
	e := newEngine(s, modeText)
	e.run()
	return norm.NFC.String(string(e.out))
}

// TestToTextReusesEngines checks ToText, whose engines come from a pool
// and keep their buffers, against fresh engines: on texts that leave an
// engine in every state (open groups, math, accents, environments, deep
// nesting, long and short texts, decomposed output), converted in random
// order on several goroutines, so that each engine is reused after
// texts of every kind.
func TestToTextReusesEngines(t *testing.T) {
	pieces := []string{
		`{`, `}`, `$`, `$$`, `\(`, `\)`, `\[`, `\]`, `\"u`, `{\"u}`, `\'{e}`, `\c c`, `\v{s}`, `\emph{`, `\textbf{x}`,
		`\begin{itemize}`, `\end{itemize}`, `\item`, `x^2`, `\alpha`, `\mathbb{R}`, `--`, `---`, "``", `''`, `~`, `\\`,
		`\unknown`, `%`, ` `, "\n\n", `a`, `Z`, `é`, "u\u0308", `\ss`, `\o`, `\i`, `{\it`, `\sqrt{`, `_{`, `\relax`,
	}
	rng := rand.New(rand.NewPCG(7, 8))
	texts := []string{"", strings.Repeat("{", 300), strings.Repeat(`\emph{`, 50) + "x", strings.Repeat("a", 100000)}
	for range 20000 {
		var b strings.Builder
		for range rng.IntN(12) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		texts = append(texts, b.String())
	}
	want := make([]string, len(texts))
	for i, s := range texts {
		want[i] = freshToText(s)
	}
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Go(func() {
			r := rand.New(rand.NewPCG(uint64(g), 9))
			for range len(texts) {
				i := r.IntN(len(texts))
				if got := ToText(texts[i]); got != want[i] {
					t.Errorf("ToText(%q) = %q, a fresh engine gives %q", texts[i], got, want[i])
					return
				}
			}
		})
	}
	wg.Wait()
}
