package latex

import (
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
)

// TestComposedAccents checks that writing an accented ASCII letter
// precomposed (é for \'e) changes nothing that ToText and Parse return:
// on the cases where it once did (a transform that counts or maps the
// runes of its argument) and on random LaTeX made of accents, scripts,
// fractions, roots, case changes, styles, groups and math.
func TestComposedAccents(t *testing.T) {
	defer func() { composeAccents = true }()
	check := func(s string) {
		t.Helper()
		composeAccents = false
		wantText, wantSpans := ToText(s), Parse(s)
		composeAccents = true
		if got := ToText(s); got != wantText {
			t.Fatalf("ToText(%q) = %q composed, %q not", s, got, wantText)
		}
		if got := Parse(s); !reflect.DeepEqual(got, wantSpans) {
			t.Fatalf("Parse(%q) = %+v composed, %+v not", s, got, wantSpans)
		}
	}
	for _, s := range []string{
		`$x_\hat a$`, `$\frac{\'e}{2}$`, `\frac{\'e}{2}`, `$\sqrt{\hat a}$`, `\sqrt{\'e}`,
		`x\textsuperscript{\'e}`, `$x^{\'e}$`, `$x^\'e$`, `\'e`, `\MakeUppercase{\'e}`,
		`\textsubscript{\~n}`, `M{\"u}ller`, `\c{c}a`, `{\'\i}`, `\v{s}\v{Z}`,
	} {
		check(s)
	}
	tokens := strings.Fields(`\' \" \^ \~ \= \. \u \v \H \r \c \k \d \b \t \hat \vec \bar \dot
		a e i o u A E O n c s z y g G x 2 \i \j { } { } $ $ ^ _ \frac \sqrt \textsuperscript
		\textsubscript \MakeUppercase \MakeLowercase \emph{ \textbf{ \mathrm{ \mathbb{ \alpha ~ -- \\`)
	tokens = append(tokens, " ", " ", "é")
	rng := rand.New(rand.NewPCG(6, 5))
	for range 100000 {
		var b strings.Builder
		for range 1 + rng.IntN(10) {
			b.WriteString(tokens[rng.IntN(len(tokens))])
		}
		check(b.String())
	}
}
