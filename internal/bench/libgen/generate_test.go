package libgen

import (
	"bytes"
	"fmt"
	"io"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

func gen(t testing.TB, n int, seed int64, malformed float64) (string, *genStats) {
	t.Helper()
	var buf bytes.Buffer
	st, err := generateStats(&buf, n, seed, malformed)
	if err != nil {
		t.Fatalf("Generate(n=%d, seed=%d, malformed=%v): %v", n, seed, malformed, err)
	}
	return buf.String(), st
}

func TestDeterministic(t *testing.T) {
	a, _ := gen(t, 3000, 7, 0.01)
	b, _ := gen(t, 3000, 7, 0.01)
	if a != b {
		t.Fatal("same flags gave different output")
	}
	// generate (the entry point main uses) writes the same bytes.
	var c bytes.Buffer
	if err := Generate(&c, 3000, 7, 0.01); err != nil {
		t.Fatal(err)
	}
	if c.String() != a {
		t.Fatal("generate and generateStats disagree")
	}
}

func TestSeedsDiffer(t *testing.T) {
	a, _ := gen(t, 200, 1, 0.001)
	b, _ := gen(t, 200, 2, 0.001)
	if a == b {
		t.Fatal("seeds 1 and 2 gave the same output")
	}
	c, _ := gen(t, 200, 1, 0)
	if a == c {
		t.Fatal("malformed=0.001 and malformed=0 gave the same output (header records the flags)")
	}
}

func TestInvalidArguments(t *testing.T) {
	for _, tc := range []struct {
		n int
		m float64
	}{{-1, 0}, {10, -0.1}, {10, 1.5}, {10, math.NaN()}} {
		if err := Generate(io.Discard, tc.n, 1, tc.m); err == nil {
			t.Errorf("Generate(n=%d, malformed=%v) succeeded, want error", tc.n, tc.m)
		}
	}
	out, st := gen(t, 0, 1, 0)
	if st.Entries != 0 || !strings.Contains(out, "@comment{jabref-meta") {
		t.Errorf("n=0: %d entries, output:\n%s", st.Entries, out)
	}
}

var lineItemRE = regexp.MustCompile(`(?m)^@[ \t]*([A-Za-z]+)`)

// TestItemCounts counts the @-items at line start by scanning the output.
func TestItemCounts(t *testing.T) {
	const n = 1000
	out, st := gen(t, n, 1, 0.001)
	counts := map[string]int{}
	for _, m := range lineItemRE.FindAllStringSubmatch(out, -1) {
		counts[strings.ToLower(m[1])]++
	}
	wantStrings := len(stringPrefixes) + len(journals)
	if wantStrings < 45 || wantStrings > 60 {
		t.Errorf("%d @string macros, want about 50", wantStrings)
	}
	if counts["string"] != wantStrings || st.Strings != wantStrings {
		t.Errorf("@string: found %d, stats %d, want %d", counts["string"], st.Strings, wantStrings)
	}
	if counts["preamble"] != 1 {
		t.Errorf("@preamble: found %d, want 1", counts["preamble"])
	}
	if counts["comment"] != 2 || st.Comments != 2 {
		t.Errorf("@comment: found %d, stats %d, want 2", counts["comment"], st.Comments)
	}
	entries := 0
	for kind, c := range counts {
		switch kind {
		case "string", "preamble", "comment":
			continue
		}
		if !slices.Contains(entryTypes, kind) {
			t.Errorf("unexpected item @%s (%d times)", kind, c)
		}
		if c != st.Types[kind] {
			t.Errorf("@%s: found %d, generator wrote %d", kind, c, st.Types[kind])
		}
		entries += c
	}
	if entries != n {
		t.Errorf("found %d entries at line start, want %d", entries, n)
	}
	if strings.Count(out, "\n@") != len(lineItemRE.FindAllString(out, -1)) {
		t.Errorf("some line starting with '@' is not an @-item")
	}
}

func TestBytesPerEntry(t *testing.T) {
	const n = 2000
	out, _ := gen(t, n, 1, 0)
	avg := float64(len(out)) / n
	t.Logf("%d entries, %d bytes, %.0f bytes/entry", n, len(out), avg)
	if avg < 450 || avg > 800 {
		t.Errorf("average %.0f bytes per entry, want 450..800", avg)
	}
}

// splitItems cuts src at every line that starts with '@'. head is what comes
// before the first item.
func splitItems(src string) (head string, items []string) {
	locs := regexp.MustCompile(`(?m)^@`).FindAllStringIndex(src, -1)
	if len(locs) == 0 {
		return src, nil
	}
	head = src[:locs[0][0]]
	for i, l := range locs {
		end := len(src)
		if i+1 < len(locs) {
			end = locs[i+1][0]
		}
		items = append(items, src[l[0]:end])
	}
	return head, items
}

func itemCommand(item string) string {
	return strings.ToLower(lineItemRE.FindStringSubmatch(item)[1])
}

// entryItems returns the entry items (not @string, @preamble, @comment).
func entryItems(items []string) []string {
	var es []string
	for _, it := range items {
		switch itemCommand(it) {
		case "string", "preamble", "comment":
		default:
			es = append(es, it)
		}
	}
	return es
}

// braceDepth counts braces literally, as BibTeX does; it reports the final
// depth and whether the depth ever went negative.
func braceDepth(s string) (depth int, negative bool) {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '{':
			depth++
		case '}':
			depth--
			if depth < 0 {
				negative = true
			}
		}
	}
	return depth, negative
}

func TestBracesBalanced(t *testing.T) {
	out, st := gen(t, 5000, 3, 0.02)
	head, items := splitItems(out)
	if d, neg := braceDepth(head); d != 0 || neg {
		t.Errorf("header braces unbalanced")
	}
	for _, it := range items {
		if k := itemCommand(it); k == "string" || k == "preamble" || k == "comment" {
			if d, neg := braceDepth(it); d != 0 || neg {
				t.Errorf("unbalanced @%s item:\n%s", k, it)
			}
		}
	}
	es := entryItems(items)
	if len(es) != 5000 {
		t.Fatalf("%d entries, want 5000", len(es))
	}
	unclosed := 0
	for i, e := range es {
		d, neg := braceDepth(e)
		if st.Malformed[i] == malUnclosed {
			unclosed++
			if d <= 0 {
				t.Errorf("entry %d is meant to be left open but its braces balance:\n%s", i, e)
			}
			continue
		}
		if d != 0 || neg {
			t.Errorf("entry %d (malformed=%q): braces unbalanced (depth %d):\n%s", i, st.Malformed[i], d, e)
		}
	}
	if unclosed == 0 {
		t.Errorf("no unclosed entries among %d malformed", len(st.Malformed))
	}
}

// A small BibTeX reader, strict enough to tell a well-formed entry from each
// kind of malformed one.

type tPart struct {
	kind byte // 'b' braced, 'q' quoted, 'n' number, 'm' macro
	text string
}

type tField struct {
	name  string
	parts []tPart
}

type tItem struct {
	cmd    string
	key    string
	fields []tField
	err    error
}

type tParser struct {
	s   string
	pos int
}

func (p *tParser) ws() {
	for p.pos < len(p.s) && strings.IndexByte(" \t\r\n", p.s[p.pos]) >= 0 {
		p.pos++
	}
}

func (p *tParser) peek() byte {
	if p.pos < len(p.s) {
		return p.s[p.pos]
	}
	return 0
}

func (p *tParser) errf(format string, args ...any) error {
	line := 1 + strings.Count(p.s[:p.pos], "\n")
	return fmt.Errorf("line %d of item: %s", line, fmt.Sprintf(format, args...))
}

func (p *tParser) ident() string {
	start := p.pos
	for p.pos < len(p.s) {
		c := p.s[p.pos]
		if c <= ' ' || strings.IndexByte("\"#%'(),={}", c) >= 0 {
			break
		}
		p.pos++
	}
	return p.s[start:p.pos]
}

func (p *tParser) expect(c byte) error {
	p.ws()
	if p.peek() != c {
		return p.errf("expected %q, found %q", c, p.peek())
	}
	p.pos++
	return nil
}

func (p *tParser) value() ([]tPart, error) {
	var parts []tPart
	for {
		p.ws()
		switch c := p.peek(); {
		case c == '{' || c == '"':
			start := p.pos
			depth := 0
			p.pos++
			if c == '{' {
				depth = 1
			}
			for {
				if p.pos >= len(p.s) {
					p.pos = start
					return nil, p.errf("value not closed")
				}
				ch := p.s[p.pos]
				p.pos++
				if ch == '{' {
					depth++
				} else if ch == '}' {
					depth--
					if depth < 0 {
						return nil, p.errf("unbalanced '}' in quoted value")
					}
				}
				if c == '{' && depth == 0 || c == '"' && ch == '"' && depth == 0 {
					break
				}
			}
			kind := byte('b')
			if c == '"' {
				kind = 'q'
			}
			parts = append(parts, tPart{kind, p.s[start+1 : p.pos-1]})
		case c >= '0' && c <= '9':
			start := p.pos
			for p.pos < len(p.s) && p.s[p.pos] >= '0' && p.s[p.pos] <= '9' {
				p.pos++
			}
			parts = append(parts, tPart{'n', p.s[start:p.pos]})
		default:
			id := p.ident()
			if id == "" {
				return nil, p.errf("expected a value, found %q", c)
			}
			parts = append(parts, tPart{'m', strings.ToLower(id)})
		}
		p.ws()
		if p.peek() != '#' {
			return parts, nil
		}
		p.pos++
	}
}

func parseItem(src string) tItem {
	p := &tParser{s: src, pos: 1}
	p.ws()
	it := tItem{cmd: strings.ToLower(p.ident())}
	if it.cmd == "comment" {
		return it
	}
	it.err = func() error {
		p.ws()
		closer := byte('}')
		switch p.peek() {
		case '{':
		case '(':
			closer = ')'
		default:
			return p.errf("expected '{' or '('")
		}
		p.pos++
		switch it.cmd {
		case "preamble":
			if _, err := p.value(); err != nil {
				return err
			}
		case "string":
			p.ws()
			name := p.ident()
			if err := p.expect('='); err != nil {
				return err
			}
			v, err := p.value()
			if err != nil {
				return err
			}
			it.key = strings.ToLower(name)
			it.fields = []tField{{name: "value", parts: v}}
		default:
			p.ws()
			start := p.pos
			for p.pos < len(p.s) && strings.IndexByte(", \t\n}", p.s[p.pos]) < 0 {
				p.pos++
			}
			it.key = p.s[start:p.pos]
			if it.key == "" {
				return p.errf("missing key")
			}
			if err := p.expect(','); err != nil {
				return err
			}
			for {
				p.ws()
				if p.peek() == closer {
					break
				}
				name := p.ident()
				if name == "" {
					return p.errf("expected a field name, found %q", p.peek())
				}
				if err := p.expect('='); err != nil {
					return err
				}
				v, err := p.value()
				if err != nil {
					return err
				}
				it.fields = append(it.fields, tField{strings.ToLower(name), v})
				p.ws()
				if p.peek() == ',' {
					p.pos++
					continue
				}
				if p.peek() != closer {
					return p.errf("expected ',' or %q after field %s, found %q", closer, name, p.peek())
				}
			}
		}
		if err := p.expect(closer); err != nil {
			return err
		}
		if rest := p.s[p.pos:]; strings.ContainsAny(rest, "{}") {
			return p.errf("braces in the text after the item: %q", rest)
		}
		return nil
	}()
	return it
}

func (it *tItem) field(name string) (tField, bool) {
	for _, f := range it.fields {
		if f.name == name {
			return f, true
		}
	}
	return tField{}, false
}

var monthNamesLower = []string{"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"}

// problems lists what is wrong with an entry: a syntax error, a duplicate
// field, a reference to an undefined macro, a repeated key.
func problems(it tItem, macros, seen map[string]bool) []string {
	var ps []string
	if it.err != nil {
		ps = append(ps, "syntax: "+it.err.Error())
	}
	names := map[string]bool{}
	for _, f := range it.fields {
		if names[f.name] {
			ps = append(ps, "duplicate field "+f.name)
		}
		names[f.name] = true
		for _, pt := range f.parts {
			if pt.kind == 'm' && !macros[pt.text] {
				ps = append(ps, "undefined macro "+pt.text)
			}
		}
	}
	if it.key != "" {
		lk := strings.ToLower(it.key)
		if seen[lk] {
			ps = append(ps, "duplicate key "+it.key)
		}
		seen[lk] = true
	}
	return ps
}

type parsedLib struct {
	head    string
	entries []tItem
	raw     []string
	macros  map[string]bool
	items   []tItem
}

func parseLib(t *testing.T, out string) *parsedLib {
	t.Helper()
	head, items := splitItems(out)
	lib := &parsedLib{head: head, macros: map[string]bool{}}
	for _, m := range monthNamesLower {
		lib.macros[m] = true
	}
	for _, raw := range items {
		it := parseItem(raw)
		lib.items = append(lib.items, it)
		switch it.cmd {
		case "string":
			if it.err != nil {
				t.Errorf("@string: %v\n%s", it.err, raw)
			}
			for _, pt := range it.fields[0].parts {
				if pt.kind == 'm' && !lib.macros[pt.text] {
					t.Errorf("@string %s uses %s before it is defined", it.key, pt.text)
				}
			}
			lib.macros[it.key] = true
		case "preamble", "comment":
			if it.err != nil {
				t.Errorf("@%s: %v\n%s", it.cmd, it.err, raw)
			}
		default:
			lib.entries = append(lib.entries, it)
			lib.raw = append(lib.raw, raw)
		}
	}
	return lib
}

var requiredFields = map[string][]string{
	"article":       {"title", "journal", "year"},
	"inproceedings": {"title", "booktitle", "year"},
	"book":          {"title", "publisher", "year"},
	"incollection":  {"title", "booktitle", "editor", "publisher", "year", "pages"},
	"phdthesis":     {"author", "title", "school", "year"},
	"techreport":    {"title", "institution", "year"},
	"misc":          {"title", "year"},
	"online":        {"title", "url", "urldate", "year"},
	"unpublished":   {"author", "title", "note"},
}

// countNames splits an author field on " and " at brace depth 0.
func countNames(v string) (names int, others bool) {
	v = strings.Join(strings.Fields(v), " ")
	depth, start := 0, 0
	var parts []string
	for i := 0; i < len(v); i++ {
		switch v[i] {
		case '{':
			depth++
		case '}':
			depth--
		case ' ':
			if depth == 0 && strings.HasPrefix(v[i:], " and ") {
				parts = append(parts, v[start:i])
				start = i + len(" and ")
			}
		}
	}
	parts = append(parts, v[start:])
	if parts[len(parts)-1] == "others" {
		return len(parts) - 1, true
	}
	return len(parts), false
}

func TestWellFormed(t *testing.T) {
	const n = 20000
	out, st := gen(t, n, 11, 0)
	if len(st.Malformed) != 0 {
		t.Fatalf("malformed=0 gave %d malformed entries", len(st.Malformed))
	}
	lib := parseLib(t, out)
	for _, line := range strings.Split(strings.TrimSpace(lib.head), "\n") {
		if line != "" && !strings.HasPrefix(line, "%") {
			t.Errorf("header line is not a %% comment: %q", line)
		}
	}
	if len(lib.entries) != n {
		t.Fatalf("%d entries, want %d", len(lib.entries), n)
	}
	seen := map[string]bool{}
	var (
		authorFields, names, maxNames, others int
		abstracts, journals, journalMacros    int
		types                                 = map[string]int{}
	)
	for i, e := range lib.entries {
		if ps := problems(e, lib.macros, seen); len(ps) > 0 {
			t.Errorf("entry %d: %v\n%s", i, ps, lib.raw[i])
			continue
		}
		if e.key != st.Keys[i] {
			t.Errorf("entry %d: key %q, generator wrote %q", i, e.key, st.Keys[i])
		}
		types[e.cmd]++
		if _, ok := e.field("author"); !ok {
			if _, ok := e.field("editor"); !ok {
				t.Errorf("entry %d has neither author nor editor:\n%s", i, lib.raw[i])
			}
		}
		for _, req := range requiredFields[e.cmd] {
			if _, ok := e.field(req); !ok {
				t.Errorf("entry %d (@%s) lacks %s:\n%s", i, e.cmd, req, lib.raw[i])
			}
		}
		if f, ok := e.field("author"); ok {
			k, o := countNames(f.parts[0].text)
			if k < 1 || k > 20 {
				t.Errorf("entry %d: %d authors:\n%s", i, k, lib.raw[i])
			}
			authorFields++
			names += k
			maxNames = max(maxNames, k)
			if o {
				others++
			}
		}
		if f, ok := e.field("abstract"); ok {
			abstracts++
			l := len(strings.Join(strings.Fields(f.parts[0].text), " "))
			if l < 300 || l > 1500 {
				t.Errorf("entry %d: abstract of %d bytes", i, l)
			}
		}
		if f, ok := e.field("journal"); ok && e.cmd == "article" {
			journals++
			if f.parts[0].kind == 'm' {
				journalMacros++
			}
		}
	}

	frac := func(a, b int) float64 { return float64(a) / float64(b) }
	for i, typ := range entryTypes {
		got, want := frac(types[typ], n), float64(entryWeights[i])/1000
		if math.Abs(got-want) > 0.015 {
			t.Errorf("@%s: %.3f of entries, want %.3f", typ, got, want)
		}
	}
	mean := frac(names, authorFields)
	t.Logf("authors: mean %.2f, max %d, 'and others' %.3f; abstracts %.3f; journal macros %.3f",
		mean, maxNames, frac(others, authorFields), frac(abstracts, n), frac(journalMacros, journals))
	if mean < 3.3 || mean > 5 {
		t.Errorf("mean authors per entry %.2f, want about 4", mean)
	}
	if maxNames < 15 {
		t.Errorf("longest author list has %d names; the tail is missing", maxNames)
	}
	if f := frac(others, authorFields); f < 0.01 || f > 0.03 {
		t.Errorf("'and others' in %.3f of author fields, want about 0.02", f)
	}
	if f := frac(abstracts, n); f < 0.37 || f > 0.43 {
		t.Errorf("abstracts in %.3f of entries, want about 0.4", f)
	}
	if f := frac(journalMacros, journals); f < 0.36 || f > 0.46 {
		t.Errorf("journal macros in %.3f of journal fields, want about 0.4", f)
	}
}

func TestMalformed(t *testing.T) {
	const n, frac = 20000, 0.01
	out, st := gen(t, n, 5, frac)
	lib := parseLib(t, out)
	if len(lib.entries) != n {
		t.Fatalf("%d entries, want %d", len(lib.entries), n)
	}
	if m := len(st.Malformed); m < n*frac/2 || m > n*frac*1.5 {
		t.Errorf("%d malformed entries, want about %d", m, int(n*frac))
	}
	kinds := map[string]int{}
	seen := map[string]bool{}
	for i, e := range lib.entries {
		ps := problems(e, lib.macros, seen)
		kind := st.Malformed[i]
		kinds[kind]++
		if kind == "" {
			if len(ps) > 0 {
				t.Errorf("well-formed entry %d has problems %v:\n%s", i, ps, lib.raw[i])
			}
			continue
		}
		want := map[string]string{
			malDupKey:          "duplicate key",
			malMissingComma:    "syntax",
			malMissingEquals:   "syntax",
			malMissingKeyComma: "syntax",
			malUnclosed:        "syntax",
			malUndefinedMacro:  "undefined macro",
			malDupField:        "duplicate field",
		}[kind]
		if len(ps) != 1 || !strings.HasPrefix(ps[0], want) {
			t.Errorf("entry %d is %s, but the reader found %v:\n%s", i, kind, ps, lib.raw[i])
		}
	}
	t.Logf("malformed kinds: %v", kinds)
	if d := kinds[malDupKey]; d < len(st.Malformed)/3 || d > len(st.Malformed)*2/3 {
		t.Errorf("%d duplicate keys among %d malformed entries, want about half", d, len(st.Malformed))
	}
	for _, k := range otherMalformedKinds {
		if kinds[k] == 0 {
			t.Errorf("no malformed entry of kind %s", k)
		}
	}
}

// TestRealism checks that the formatting variety and the tricky content the
// generator promises actually occur.
func TestRealism(t *testing.T) {
	out, st := gen(t, 20000, 1, 0.001)
	for _, s := range []string{
		`M{\"u}ller`, `Fran{\c{c}}ois`, `\'{E}mile`, "Zoë", "Łukasz", "王",
		"{IEEE Standards Association}", "and others}", "$O(n \\log n)$", `\emph{`,
		"{GPU}", `\%`, "archivePrefix", "eprint", "doi:10.", "https://doi.org/10.",
		"= ieeetrans # ", "@preamble{", "@comment{jabref-meta: databaseType:bibtex;}",
		"file      = {:", "--", "\t",
	} {
		if !strings.Contains(out, s) {
			t.Errorf("output lacks %q", s)
		}
	}
	for _, re := range []string{
		`(?m)^\s*journal\s*=\s*[a-z]+,?$`,                                          // journal = jmlr,
		`(?m)^\s*month\s*=\s*(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec),?$`, // month = jan
		`(?m)^\s*(?i:year)\s*=\s*\d{4},?\}?$`,                                      // bare year
		`(?m)^\s*TITLE\s*=`, `(?m)^\s*Title\s*=`,                                   // field-name case
		`(?m)^@[A-Za-z]+\(`,                           // @article( ... )
		`(?m)^@[A-Z][a-z]+[A-Z]?[a-z]*\{`,             // @Article{, @InProceedings{
		`(?m)^@[A-Z]+\{`,                              // @ARTICLE{
		`(?m)^\s*\w+\s*=\s*"[^"\n]*\{[^"\n]*"`,        // "..." with braces inside
		`(?m),\n[})]$`,                                // trailing comma
		`(?m)^\s+[A-Za-z]+\s*=.*[}"0-9]\}\n(\n|@)`,    // closing brace on the last field line
		`(?m)^\s*url\s*=\s*\{[^}]*%[^}]*\}`,           // url with %
		`(?m)^\s*url\s*=\s*\{[^}]*~[^}]*\}`,           // url with ~
		`(?m)^\s*url\s*=\s*\{[^}]*_[^}]*\}`,           // url with _
		`(?m)^\s*doi\s*=\s*\{10\.\d+/`,                // bare doi
		`(?m)^(\s*)author\s*=\s*\{[^}\n]* and\n\s+\S`, // DBLP author wrapping
		`(?m)^@\w+[{(][a-z]+\d{4}[a-z]+a,$`,           // smith2019deepa
		`(?m)^@\w+[{(][a-z]+\d{4}[a-z]+,$`,            // smith2019deep
	} {
		if !regexp.MustCompile(re).MatchString(out) {
			t.Errorf("output has no match for %s", re)
		}
	}
	free := 0
	for line := range strings.SplitSeq(out, "\n") {
		if slices.Contains(freeTexts, line) {
			free++
		}
	}
	if free != st.FreeTexts {
		t.Errorf("found %d lines of free text between entries, generator wrote %d", free, st.FreeTexts)
	}
	if st.FreeTexts == 0 || st.Paren == 0 || st.Arxiv == 0 {
		t.Errorf("stats: free texts %d, parenthesised %d, arXiv %d", st.FreeTexts, st.Paren, st.Arxiv)
	}
	if strings.Contains(out, "\r") {
		t.Errorf("output contains CR without -crlf")
	}
	// Multi-line abstracts.
	if !regexp.MustCompile(`(?mi)^\s*abstract\s*=\s*[{"][^}\n]*\n`).MatchString(out) {
		t.Errorf("no multi-line abstract")
	}
}

func TestFold(t *testing.T) {
	for in, want := range map[string]string{
		`M{\"u}ller`: "muller", `Garc{\'\i}a`: "garcia", "Łukasz": "lukasz",
		`Fran{\c{c}}ois`: "francois", `\'{E}mile`: "emile", `Erd{\H{o}}s`: "erdos",
		"O'Brien": "obrien", "王": "", "{IEEE}": "ieee", `{\L}ukasz`: "lukasz",
	} {
		if got := fold(in); got != want {
			t.Errorf("fold(%q) = %q, want %q", in, got, want)
		}
	}
	for i, want := range map[int]string{1: "a", 26: "z", 27: "aa", 52: "az", 53: "ba", 702: "zz", 703: "aaa"} {
		if got := alphaSuffix(i); got != want {
			t.Errorf("alphaSuffix(%d) = %q, want %q", i, got, want)
		}
	}
}

func TestCRLF(t *testing.T) {
	lf, _ := gen(t, 300, 4, 0.01)
	var buf bytes.Buffer
	if err := Generate(&crlfWriter{w: &buf}, 300, 4, 0.01); err != nil {
		t.Fatal(err)
	}
	crlf := buf.String()
	if crlf != strings.ReplaceAll(lf, "\n", "\r\n") {
		t.Fatal("-crlf output is not the LF output with CR LF line ends")
	}
	if strings.Count(crlf, "\n") != strings.Count(crlf, "\r\n") {
		t.Fatal("bare LF in -crlf output")
	}
}

// testBST declares every field the generator writes, so that BibTeX looks
// up every macro it meets, defines the month macros as the standard styles
// do, and gives every entry type a function, so a clean library produces no
// warning at all.
const testBST = `ENTRY { title author editor journal booktitle publisher address year month
  volume number pages doi url abstract keywords note file school institution
  type series edition isbn issn chapter howpublished eprint archiveprefix
  primaryclass urldate organization version language owner timestamp biburl
  bibsource date-added } {} {}
MACRO {jan} {"January"}   MACRO {feb} {"February"} MACRO {mar} {"March"}
MACRO {apr} {"April"}     MACRO {may} {"May"}      MACRO {jun} {"June"}
MACRO {jul} {"July"}      MACRO {aug} {"August"}   MACRO {sep} {"September"}
MACRO {oct} {"October"}   MACRO {nov} {"November"} MACRO {dec} {"December"}
FUNCTION {default.type} { cite$ write$ newline$ }
FUNCTION {article} { default.type }      FUNCTION {inproceedings} { default.type }
FUNCTION {book} { default.type }         FUNCTION {incollection} { default.type }
FUNCTION {phdthesis} { default.type }    FUNCTION {techreport} { default.type }
FUNCTION {misc} { default.type }         FUNCTION {online} { default.type }
FUNCTION {unpublished} { default.type }
READ
ITERATE {call.type$}
`

// TestBibTeX has real BibTeX read a well-formed library.
func TestBibTeX(t *testing.T) {
	bibtex, err := exec.LookPath("bibtex")
	if err != nil {
		t.Skip("bibtex not found in PATH; skipping the check against real BibTeX")
	}
	const n = 2000
	out, st := gen(t, n, 1, 0)
	dir := t.TempDir()
	files := map[string]string{
		"lib.bib": out,
		"x.bst":   testBST,
		"x.aux":   "\\citation{*}\n\\bibdata{lib}\n\\bibstyle{x}\n",
	}
	for name, content := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	cmd := exec.Command(bibtex, "x")
	cmd.Dir = dir
	// BibTeX's default hash table (5000) is too small for 2000 entries;
	// kpathsea reads max_strings from the environment.
	cmd.Env = append(os.Environ(), "BIBINPUTS=.", "BSTINPUTS=.", "max_strings=200000")
	output, err := cmd.CombinedOutput()
	blg, _ := os.ReadFile(filepath.Join(dir, "x.blg"))
	if err != nil {
		t.Fatalf("bibtex: %v\n%s\n%s", err, output, tail(string(blg), 40))
	}
	for _, bad := range []string{"Warning--", "error message", "I was expecting", "I'm skipping", "Sorry"} {
		if strings.Contains(string(blg), bad) {
			t.Errorf("bibtex log contains %q:\n%s", bad, tail(string(blg), 40))
		}
	}
	bbl, err := os.ReadFile(filepath.Join(dir, "x.bbl"))
	if err != nil {
		t.Fatal(err)
	}
	keys := strings.Fields(string(bbl))
	if len(keys) != n {
		t.Fatalf("bibtex read %d entries, want %d", len(keys), n)
	}
	if !slices.Equal(keys, st.Keys) {
		t.Errorf("bibtex read other keys than the generator wrote")
	}
}

func tail(s string, lines int) string {
	ls := strings.Split(s, "\n")
	return strings.Join(ls[max(0, len(ls)-lines):], "\n")
}

func BenchmarkGenerate(b *testing.B) {
	var buf bytes.Buffer
	if err := Generate(&buf, 10000, 1, 0.001); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(buf.Len()))
	for b.Loop() {
		if err := Generate(io.Discard, 10000, 1, 0.001); err != nil {
			b.Fatal(err)
		}
	}
}
