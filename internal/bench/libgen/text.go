package libgen

import (
	"math"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Random helpers, names, titles and abstracts.

func pick[T any](g *generator, xs []T) T { return xs[g.r.IntN(len(xs))] }

func (g *generator) chance(p float64) bool { return g.r.Float64() < p }

// weighted returns an index into weights, chosen with probability
// proportional to its weight.
func (g *generator) weighted(weights []int) int {
	total := 0
	for _, w := range weights {
		total += w
	}
	x := g.r.IntN(total)
	for i, w := range weights {
		if x < w {
			return i
		}
		x -= w
	}
	return len(weights) - 1
}

// person is one author or editor.
type person struct {
	first, last, von, suffix string
	corp                     string // braced corporate name; other fields empty
	cjk                      bool
	key                      string // ASCII last name for citation keys
}

// authorCount draws from a rounded log-normal clamped to 1..20 (mean ≈ 4).
func (g *generator) authorCount() int {
	n := int(math.Round(math.Exp(1.2 + 0.72*g.r.NormFloat64())))
	return min(max(n, 1), 20)
}

func (g *generator) person() person {
	ln := pick(g, lastNames)
	p := person{last: ln.s, von: ln.von, key: ln.key}
	if p.key == "" {
		p.key = fold(ln.s)
	}
	if ln.cjk {
		p.cjk = true
		p.first = pick(g, cjkFirstNames)
		return p
	}
	p.first = pick(g, firstNames)
	if g.chance(0.005) {
		p.suffix = pick(g, suffixes)
	}
	return p
}

func (g *generator) corporate() person {
	c := pick(g, corporateAuthors)
	k := ""
	for w := range strings.FieldsSeq(c) {
		if f := fold(w); f != "" && f != "the" {
			k = f
			break
		}
	}
	if k == "" {
		k = "anon"
	}
	return person{corp: c, key: k}
}

// people returns the persons of an author (or editor) field.
func (g *generator) people(n int) []person {
	ps := make([]person, 0, n)
	if g.chance(0.01) {
		ps = append(ps, g.corporate())
		if n == 1 {
			return ps
		}
		n--
	}
	for range n {
		ps = append(ps, g.person())
	}
	return ps
}

var initialsPool = "ABCDEFGHIJKLMNOPRSTVW"

// formatName writes a person in one of the forms people use in .bib files.
func (g *generator) formatName(p person) string {
	if p.corp != "" {
		return p.corp
	}
	if p.cjk {
		return p.last + ", " + p.first
	}
	last := p.last
	if p.von != "" {
		last = p.von + " " + p.last
	}
	first := p.first
	if g.chance(0.08) {
		first = initial(p.first)
	}
	if p.suffix != "" {
		return last + ", " + p.suffix + ", " + first
	}
	switch x := g.r.IntN(100); {
	case x < 45:
		if g.chance(0.2) {
			first += " " + string(initialsPool[g.r.IntN(len(initialsPool))]) + "."
		}
		return last + ", " + first
	case x < 82:
		return first + " " + last
	default:
		return first + " " + string(initialsPool[g.r.IntN(len(initialsPool))]) + ". " + last
	}
}

// initial abbreviates a given name: "Jean-Pierre" -> "J.-P.", "\'{E}mile" ->
// "\'{E}.", "Zoë" -> "Z.".
func initial(first string) string {
	if strings.HasPrefix(first, "\\") || strings.HasPrefix(first, "{") {
		// Keep the accent group: \'{E}mile -> \'{E}., {\'E}milie -> {\'E}.
		if i := strings.IndexByte(first, '}'); i > 0 {
			return first[:i+1] + "."
		}
	}
	parts := strings.Split(first, "-")
	for i, p := range parts {
		_, size := utf8.DecodeRuneInString(p)
		parts[i] = p[:size] + "."
	}
	return strings.Join(parts, "-")
}

// authorField formats persons joined by " and ", with "and others" sometimes.
func (g *generator) authorField(ps []person, sep string) (string, int) {
	var b strings.Builder
	for i, p := range ps {
		if i > 0 {
			b.WriteString(sep)
		}
		b.WriteString(g.formatName(p))
	}
	if g.chance(0.02) {
		b.WriteString(sep)
		b.WriteString("others")
	}
	return b.String(), len(ps)
}

// fold reduces a name written in LaTeX or UTF-8 to lower-case ASCII letters
// and digits: M{\"u}ller -> muller, Garc{\'\i}a -> garcia, Łukasz -> lukasz.
func fold(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == '\\':
			j := i + 1
			if j < len(s) && isASCIILetter(s[j]) {
				k := j
				for k < len(s) && isASCIILetter(s[k]) {
					k++
				}
				switch s[j:k] {
				case "i":
					b.WriteByte('i')
				case "o", "O":
					b.WriteByte('o')
				case "l", "L":
					b.WriteByte('l')
				case "ss":
					b.WriteString("ss")
				case "aa", "AA":
					b.WriteByte('a')
				case "ae", "AE":
					b.WriteString("ae")
				}
				i = k
				continue
			}
			i = j + 1
			continue
		case c < utf8.RuneSelf:
			if isASCIILetter(c) || c >= '0' && c <= '9' {
				b.WriteByte(toLowerASCII(c))
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		b.WriteString(foldRune(r))
		i += size
	}
	return b.String()
}

func foldRune(r rune) string {
	switch r {
	case 'ä', 'á', 'à', 'â', 'ã', 'å', 'Ä', 'Å', 'Á':
		return "a"
	case 'ö', 'ó', 'ò', 'ô', 'õ', 'ø', 'Ö', 'Ø', 'Ó':
		return "o"
	case 'ü', 'ú', 'ù', 'û', 'Ü', 'Ú':
		return "u"
	case 'é', 'è', 'ê', 'ë', 'É', 'È':
		return "e"
	case 'í', 'ì', 'î', 'ï', 'ı', 'Í':
		return "i"
	case 'ç', 'č', 'Č', 'Ç':
		return "c"
	case 'ñ':
		return "n"
	case 'ł', 'Ł':
		return "l"
	case 'ś', 'š', 'ş', 'Ś', 'Š':
		return "s"
	case 'ž', 'ź', 'ż', 'Ž':
		return "z"
	case 'ř':
		return "r"
	case 'ğ':
		return "g"
	case 'ß':
		return "ss"
	case 'æ':
		return "ae"
	}
	return ""
}

func isASCIILetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

func toLowerASCII(c byte) byte {
	if c >= 'A' && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

func capitalize(s string) string {
	if s == "" || !isASCIILetter(s[0]) {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// title returns a title with case protection, math and emphasis as found in
// real libraries.
func (g *generator) title() string {
	adj := func() string {
		if g.chance(0.12) {
			return pick(g, properAdjectives)
		}
		return pick(g, adjectives)
	}
	noun := func() string { return pick(g, nouns) }
	var t string
	switch g.weighted([]int{14, 10, 6, 6, 8, 8, 6, 5, 4, 4, 3, 3, 3, 5, 5}) {
	case 0:
		t = adj() + " " + noun() + " for " + noun()
	case 1:
		t = adj() + " " + noun() + ": " + adj() + " " + noun() + " " + pick(g, domains)
	case 2:
		t = "On the " + pick(g, abstractNouns) + " of " + adj() + " " + noun()
	case 3:
		t = "Towards " + adj() + " " + noun() + " " + pick(g, domains)
	case 4:
		name := pick(g, systemNames)
		if g.chance(0.3) {
			name = pick(g, acronyms)
		}
		a := adj()
		t = name + ": " + capitalize(article(a)) + " " + a + " " + pick(g, artifacts) + " for " + noun()
	case 5:
		t = noun() + " with " + adj() + " " + noun()
	case 6:
		t = pick(g, surveys) + " " + adj() + " " + noun()
	case 7:
		t = pick(g, properAdjectives) + " " + noun() + " " + pick(g, domains)
	case 8:
		t = "Learning to " + pick(g, verbs) + " " + noun()
	case 9:
		t = adj() + " " + noun() + " " + pick(g, mathPhrases)
	case 10:
		t = adj() + " " + noun() + " " + pick(g, emphPhrases)
	case 11:
		switch g.r.IntN(3) {
		case 0:
			t = "Is " + noun() + " All You Need?"
		case 1:
			t = "Do " + adj() + " " + noun() + " Really Work?"
		default:
			t = "What Makes " + noun() + " " + adj() + "?"
		}
	case 12:
		t = noun() + " and " + noun() + ": A " + adj() + " Perspective"
	case 13:
		t = adj() + " " + noun() + " Using " + pick(g, acronyms)
	default:
		t = adj() + " and " + adj() + " " + noun() + " for " + adj() + " " + noun() + " " + pick(g, domains)
	}
	if g.chance(0.3) {
		t = sentenceCase(t)
	}
	if g.chance(0.1) {
		t = "{" + t + "}" // double-braced whole title, as some exporters write
	}
	return t
}

// sentenceCase lower-cases every word but the first, leaving protected,
// mathematical and command tokens and acronyms alone.
func sentenceCase(t string) string {
	words := strings.Split(t, " ")
	for i := 1; i < len(words); i++ {
		w := words[i]
		if strings.ContainsAny(w, "{}$\\") || isAcronym(w) {
			continue
		}
		if strings.HasSuffix(words[i-1], ":") {
			continue
		}
		words[i] = strings.ToLower(w)
	}
	return strings.Join(words, " ")
}

func isAcronym(w string) bool {
	for part := range strings.SplitSeq(w, "-") {
		n := 0
		for i := 0; i < len(part); i++ {
			if part[i] >= 'A' && part[i] <= 'Z' {
				n++
			}
		}
		if n >= 2 {
			return true
		}
	}
	return false
}

// article returns "a" or "an" for the word w.
func article(w string) string {
	if w != "" && strings.ContainsRune("AEIOUaeiou", rune(w[0])) {
		return "an"
	}
	return "a"
}

// verb picks the singular or plural form for the subject s.
func verb(s, singular, plural string) string {
	if strings.HasSuffix(s, "s") && !strings.HasSuffix(s, "ss") && !strings.HasSuffix(s, "is") {
		return plural
	}
	return singular
}

// lowerPhrase lower-cases a noun phrase for running text.
func lowerPhrase(s string) string {
	if strings.ContainsAny(s, "{}$\\") {
		return s
	}
	words := strings.Split(s, " ")
	for i, w := range words {
		if !isAcronym(w) {
			words[i] = strings.ToLower(w)
		}
	}
	return strings.Join(words, " ")
}

var titleStopwords = []string{"a", "an", "the", "on", "of", "in", "for", "towards", "to", "and", "with", "is", "do", "what", "why", "how", "via", "from", "at", "by", "are", "learning"}

// titleWord is the first significant word of a title, for Google
// Scholar-style keys (smith2019deep).
func titleWord(t string) string {
	first := ""
	for w := range strings.FieldsSeq(t) {
		if strings.ContainsAny(w, "$\\") {
			continue
		}
		f := fold(w)
		if f == "" {
			continue
		}
		if first == "" {
			first = f
		}
		stop := false
		for _, s := range titleStopwords {
			if f == s {
				stop = true
				break
			}
		}
		if !stop {
			return f
		}
	}
	if first == "" {
		return "untitled"
	}
	return first
}

// abstract returns running text of between 300 and 1200 bytes (unless a
// single sentence is longer), skewed towards short ones.
func (g *generator) abstract() string {
	u := g.r.Float64()
	target := 300 + int(900*u*u*u*u)
	var b strings.Builder
	for b.Len() < target {
		s := g.sentence()
		if b.Len() >= 300 && b.Len()+1+len(s) > 1200 {
			break
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(s)
	}
	return b.String()
}

func (g *generator) sentence() string {
	adj := func() string { return strings.ToLower(pick(g, adjectives)) }
	noun := func() string { return lowerPhrase(pick(g, nouns)) }
	pct := func() string {
		return strconv.Itoa(1+g.r.IntN(60)) + "." + strconv.Itoa(g.r.IntN(10)) + "\\%"
	}
	switch g.r.IntN(16) {
	case 0:
		n := noun()
		return capitalize(adj()) + " " + n + " " + verb(n, "has", "have") + " emerged as a " + pick(g, []string{"key", "promising", "fundamental", "popular"}) + " " + pick(g, []string{"tool", "paradigm", "technique"}) + " for " + noun() + " " + lowerPhrase(pick(g, domains)) + "."
	case 1:
		return "However, existing " + pick(g, []string{"approaches", "methods", "systems", "analyses"}) + " suffer from " + pick(g, []string{"limited scalability", "high computational cost", "poor generalization", "a lack of interpretability", "sensitivity to hyperparameters", "strong distributional assumptions"}) + "."
	case 2:
		a := adj()
		return "In this " + pick(g, []string{"paper", "work", "article", "study"}) + ", we " + pick(g, []string{"propose", "present", "introduce", "develop"}) + " " + pick(g, systemNames) + ", " + article(a) + " " + a + " " + strings.ToLower(pick(g, artifacts)) + " that " + pick(g, []string{"leverages", "combines", "exploits", "unifies"}) + " " + noun() + " and " + noun() + "."
	case 3:
		return "We " + pick(g, []string{"prove", "show", "establish"}) + " that our " + pick(g, []string{"method", "estimator", "algorithm"}) + " achieves " + pick(g, []string{"a regret of $\\mathcal{O}(\\sqrt{T \\log T})$", "a convergence rate of $O(1/k^2)$", "a sample complexity of $\\tilde{O}(d/\\epsilon^2)$", "linear speedup in the number of workers", "an approximation ratio of $1 - 1/e$"}) + "."
	case 4:
		return "Experiments on " + strconv.Itoa(2+g.r.IntN(20)) + " " + pick(g, []string{"benchmark datasets", "real-world datasets", "cohorts", "simulated scenarios"}) + ", including " + pick(g, datasets) + " and " + pick(g, datasets) + ", demonstrate " + pick(g, []string{"improvements", "speedups", "gains"}) + " of up to " + pct() + " over " + pick(g, []string{"strong baselines", "the state of the art", "prior work"}) + "."
	case 5:
		return "Our results suggest that " + adj() + " " + noun() + " " + pick(g, []string{"can", "may", "could"}) + " " + pick(g, []string{"substantially", "significantly", "considerably"}) + " improve " + noun() + "."
	case 6:
		return "We further " + pick(g, []string{"analyze", "characterize", "investigate"}) + " the " + pick(g, []string{"trade-off", "relationship", "interplay"}) + " between " + noun() + " and " + noun() + "."
	case 7:
		return "The code is available at \\url{https://github.com/" + pick(g, owners) + "/" + fold(pick(g, systemNames)) + "_" + strconv.Itoa(2010+g.r.IntN(16)) + "}."
	case 8:
		return "We " + pick(g, []string{"measured", "observed", "quantified"}) + " " + noun() + " in " + strconv.Itoa(10+g.r.IntN(5000)) + " " + pick(g, []string{"patients", "participants", "samples", "galaxies", "devices"}) + " ($p < 0.001$)."
	case 9:
		return "These findings " + pick(g, []string{"shed light on", "provide new insights into", "have implications for"}) + " the " + pick(g, []string{"role", "mechanisms", "dynamics"}) + " of " + noun() + "."
	case 10:
		return "Compared with " + pick(g, acronyms) + "-based " + pick(g, []string{"pipelines", "baselines", "designs"}) + ", our approach reduces " + pick(g, []string{"latency", "memory usage", "energy consumption", "the error rate"}) + " by " + pct() + "~on average."
	case 11:
		a := adj()
		return "A key ingredient is " + article(a) + " " + a + " " + pick(g, []string{"reformulation", "relaxation", "decomposition", "estimator"}) + " of the " + noun() + " problem, which we solve with " + pick(g, properAdjectives) + " " + noun() + "."
	case 12:
		return "Unlike previous work, we do not assume access to " + pick(g, []string{"labeled data", "the full gradient", "a simulator", "ground-truth annotations", "a trusted third party"}) + "; instead, we rely on " + adj() + " " + noun() + "."
	case 13:
		return "We evaluate " + pick(g, []string{"our prototype", "the proposed design", "the model"}) + " on " + pick(g, datasets) + ", where it attains " + pct() + " accuracy with " + strconv.Itoa(2+g.r.IntN(98)) + "$\\times$ fewer parameters."
	case 14:
		return "Finally, we discuss " + pick(g, []string{"limitations", "open problems", "future directions", "ethical considerations"}) + " of " + noun() + " " + lowerPhrase(pick(g, domains)) + "."
	default:
		n := noun()
		v := pick(g, []string{"is", "remains", "has long been"})
		if verb(n, "", "p") == "p" {
			switch v {
			case "is":
				v = "are"
			case "remains":
				v = "remain"
			default:
				v = "have long been"
			}
		}
		return capitalize(n) + " " + v + " a " + pick(g, []string{"central", "challenging", "well-studied", "poorly understood"}) + " problem in " + pick(g, keywordPool) + "."
	}
}

// wrap breaks text into lines of about width bytes; continuation lines are
// prefixed with indent.
func wrap(s string, width int, indent string) string {
	var b strings.Builder
	b.Grow(len(s) + len(s)/width*(len(indent)+1))
	col := 0
	for i, w := range strings.Fields(s) {
		if i > 0 {
			if col+1+len(w) > width {
				b.WriteByte('\n')
				b.WriteString(indent)
				col = len(indent)
			} else {
				b.WriteByte(' ')
				col++
			}
		}
		b.WriteString(w)
		col += len(w)
	}
	return b.String()
}
