package latex

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"
)

// The preamble that FromUnicode's ASCII output assumes: T1 for \k, \DH,
// \th, \ng, \dj, guillemets and low quotes; amssymb and amsmath for
// \mathbb, \mathfrak, \boldsymbol and the AMS symbols. pdflatex reads
// UTF-8 by default since 2018; inputenc is loaded anyway for older ones.
const pdflatexPreamble = `\documentclass{article}
\usepackage[utf8]{inputenc}
\usepackage[T1]{fontenc}
\usepackage{amsmath,amssymb}
\begin{document}
`

// keepUTF8Unrenderable lists the characters of the unicode2latex samples
// that KeepUTF8 output keeps and pdflatex (T1, inputenc utf8) cannot
// render: math letters, sub/superscripts except ¹²³, ℓ, ≤ and the
// combining marks U+0301 (after ā, in ā́) and U+035A. Use ASCII mode, or a Unicode engine, for
// such text.
var keepUTF8Unrenderable = []rune{
	'ᵖ', '́', '͚', 'ₚ', '₁', '₂', 'ℋ', 'ℓ', '≤', '𝐶', '𝑈', '𝑅', '𝑝', '𝜙', '𝟢', '𝟣',
}

// asciiUnrenderable lists the characters of the samples that ASCII mode
// keeps as UTF-8 because no accent command exists for them.
var asciiUnrenderable = []rune{'͚'}

type texResult struct {
	unrenderable map[rune]bool // "Unicode character ... not set up"
	otherErrors  []string
	missing      []string // "Missing character" font warnings
}

var (
	unicodeErr = regexp.MustCompile(`Unicode character .* \(U\+([0-9A-F]+)\)`)
	missingRe  = regexp.MustCompile(`Missing character: .*`)
)

func runPdflatex(t *testing.T, body string) texResult {
	t.Helper()
	dir := t.TempDir()
	src := filepath.Join(dir, "doc.tex")
	if err := os.WriteFile(src, []byte(pdflatexPreamble+body+"\n\\end{document}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, "pdflatex", "-interaction=nonstopmode", "-no-shell-escape", "doc.tex")
	cmd.Dir = dir
	out, _ := cmd.CombinedOutput() // errors are read from the log
	logb, err := os.ReadFile(filepath.Join(dir, "doc.log"))
	if err != nil {
		t.Fatalf("pdflatex wrote no log: %v\n%s", err, out)
	}
	if _, err := os.Stat(filepath.Join(dir, "doc.pdf")); err != nil {
		t.Errorf("pdflatex wrote no PDF")
	}
	res := texResult{unrenderable: map[rune]bool{}}
	lines := strings.Split(string(logb), "\n")
	for i, l := range lines {
		if m := missingRe.FindString(l); m != "" {
			res.missing = append(res.missing, m)
		}
		if !strings.HasPrefix(l, "! ") {
			continue
		}
		ctx := strings.Join(lines[i:min(len(lines), i+3)], "\n")
		if m := unicodeErr.FindStringSubmatch(ctx); m != nil {
			var r rune
			fmt.Sscanf(m[1], "%X", &r)
			res.unrenderable[r] = true
			continue
		}
		res.otherErrors = append(res.otherErrors, ctx)
	}
	return res
}

func requirePdflatex(t *testing.T) {
	if testing.Short() {
		t.Skip("pdflatex test skipped in -short mode")
	}
	if _, err := exec.LookPath("pdflatex"); err != nil {
		t.Skip("pdflatex not found: install texlive-latex-base (apt-get install -y --no-install-recommends texlive-latex-base) to run this test")
	}
}

func runeSet(rs []rune) map[rune]bool {
	m := map[rune]bool{}
	for _, r := range rs {
		m[r] = true
	}
	return m
}

func describe(m map[rune]bool) string {
	var rs []rune
	for r := range m {
		rs = append(rs, r)
	}
	sort.Slice(rs, func(i, j int) bool { return rs[i] < rs[j] })
	var b strings.Builder
	for _, r := range rs {
		fmt.Fprintf(&b, "%q U+%04X, ", r, r)
	}
	return strings.TrimSuffix(b.String(), ", ")
}

// TestPdflatex compiles FromUnicode output with pdflatex: the
// unicode2latex samples in both modes, and every character that ASCII
// mode spells with LaTeX commands, plus all printable ASCII.
func TestPdflatex(t *testing.T) {
	requirePdflatex(t)

	t.Run("spellings", func(t *testing.T) {
		var b strings.Builder
		var ascii []byte
		for r := rune(0x20); r < 0x7f; r++ {
			ascii = append(ascii, byte(r))
		}
		b.WriteString(FromUnicode(string(ascii), ASCII) + "\n\n")
		n := 0
		for r := rune(0xa0); r < 0x20000; r++ {
			if !utf8.ValidRune(r) || !unicode.IsPrint(r) && r != 0xa0 {
				continue
			}
			tex := FromUnicode(string(r), ASCII)
			if strings.ContainsFunc(tex, func(c rune) bool { return c >= 0x80 }) {
				continue // kept as UTF-8: no spelling
			}
			b.WriteString(tex + " ")
			if n++; n%20 == 0 {
				b.WriteString("\n\n")
			}
		}
		res := runPdflatex(t, b.String())
		for _, e := range res.otherErrors {
			t.Errorf("pdflatex error:\n%s", e)
		}
		if len(res.unrenderable) > 0 {
			t.Errorf("characters not set up: %s", describe(res.unrenderable))
		}
		for _, m := range res.missing {
			t.Errorf("pdflatex: %s", m)
		}
		t.Logf("%d non-ASCII characters with LaTeX spellings compiled", n)
	})

	samples := readSamples(t)
	for _, tc := range []struct {
		mode Mode
		name string
		want []rune
	}{{ASCII, "samples ASCII", asciiUnrenderable}, {KeepUTF8, "samples KeepUTF8", keepUTF8Unrenderable}} {
		t.Run(tc.name, func(t *testing.T) {
			var b strings.Builder
			for _, uni := range sortedKeys(samples) {
				b.WriteString(FromUnicode(uni, tc.mode) + "\n\n")
			}
			res := runPdflatex(t, b.String())
			for _, e := range res.otherErrors {
				t.Errorf("pdflatex error:\n%s", e)
			}
			want := runeSet(tc.want)
			for r := range res.unrenderable {
				if !want[r] {
					t.Errorf("pdflatex cannot render %q U+%04X (not documented)", r, r)
				}
			}
			for r := range want {
				if !res.unrenderable[r] {
					t.Errorf("%q U+%04X is documented as unrenderable but compiled", r, r)
				}
			}
			t.Logf("pdflatex cannot render: %s", describe(res.unrenderable))
		})
	}
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
