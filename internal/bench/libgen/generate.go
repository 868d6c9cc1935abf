// Package libgen generates large, realistic, reproducible BibTeX libraries
// for benchmarks and end-to-end timing; cmd internal/bench/gen is its
// command line.
package libgen

import (
	"bufio"
	"fmt"
	"io"
	"math/rand/v2"
	"strconv"
	"strings"
)

// Entry types and their weights (per mille).
var (
	entryTypes   = []string{"article", "inproceedings", "book", "incollection", "phdthesis", "techreport", "misc", "online", "unpublished"}
	entryWeights = []int{450, 250, 50, 50, 30, 40, 100, 15, 15}
)

// titleCaseTypes is how exporters such as JabRef capitalize entry types.
var titleCaseTypes = map[string]string{
	"article": "Article", "inproceedings": "InProceedings", "book": "Book",
	"incollection": "InCollection", "phdthesis": "PhdThesis",
	"techreport": "TechReport", "misc": "Misc", "online": "Online",
	"unpublished": "Unpublished",
}

// Kinds of deliberately malformed entries. Half of the malformed entries
// reuse an earlier key; the rest are spread over the other kinds.
const (
	malDupKey          = "duplicate-key"
	malMissingComma    = "missing-comma"     // no comma between two fields
	malMissingEquals   = "missing-equals"    // "title {...}"
	malMissingKeyComma = "missing-key-comma" // "@article{key" then a field
	malUnclosed        = "unclosed-brace"    // last value and the entry left open
	malUndefinedMacro  = "undefined-macro"   // journal = somemacro (never defined)
	malDupField        = "duplicate-field"   // the same field twice
)

var otherMalformedKinds = []string{malMissingComma, malMissingEquals, malMissingKeyComma, malUnclosed, malUndefinedMacro, malDupField}

// genStats describes what a generate run wrote; tests compare it with what
// they find by scanning the output.
type genStats struct {
	Entries   int
	Types     map[string]int // canonical (lower-case) entry type -> count
	Strings   int            // @string items
	Preambles int
	Comments  int // @comment items
	Malformed map[int]string

	FreeTexts     int
	Paren         int // entries written as @type( ... )
	Abstracts     int
	AuthorFields  int
	AuthorNames   int
	AndOthers     int
	JournalFields int
	JournalMacros int
	Arxiv         int
	Keys          []string // key of every entry, in order
}

type fieldKind uint8

const (
	kText fieldKind = iota // written {braced} or "quoted"
	kNum                   // digits; written bare in some styles
	kRaw                   // macro expression, written verbatim
)

type field struct {
	name string
	val  string
	kind fieldKind
}

type entry struct {
	typ    string
	key    string
	fields []field
}

func (e *entry) add(name, val string) { e.fields = append(e.fields, field{name, val, kText}) }
func (e *entry) addNum(name string, v int) {
	e.fields = append(e.fields, field{name, strconv.Itoa(v), kNum})
}
func (e *entry) addRaw(name, val string) { e.fields = append(e.fields, field{name, val, kRaw}) }

func (e *entry) index(name string) int {
	for i, f := range e.fields {
		if f.name == name {
			return i
		}
	}
	return -1
}

func (e *entry) has(name string) bool { return e.index(name) >= 0 }

// Export profiles: each imitates the formatting of one kind of tool.
const (
	profJabRef = iota
	profScholar
	profBibDesk
	profEmacs
	profHand
	profDBLP
	profChaos
)

var profileWeights = []int{26, 24, 10, 12, 13, 8, 7}

type style struct {
	profile     int
	typeCase    int // 0 lower, 1 Title (JabRef), 2 UPPER
	nameCase    int // 0 as is, 1 Title, 2 UPPER, 3 random per field
	indent      string
	eq          string
	align       bool // pad field names to the longest one
	alignWidth  int  // fixed pad width (DBLP), 0 for the longest name
	quotes      float64
	bareNums    bool
	trailing    bool // comma after the last field
	closeInline bool // closing brace right after the last value
	paren       bool
	spaceAfter  bool // "@article {key,"
	contIndent  string
}

type generator struct {
	r         *rand.Rand
	out       *bufio.Writer
	err       error
	buf       []byte
	e         entry
	keys      map[string]struct{}
	suffix    map[string]int
	malformed float64
	st        genStats
}

// Generate writes a synthetic BibTeX library of n entries to w. The output
// depends only on n, seed and malformed (the fraction of entries that are
// deliberately broken), and is byte-identical across runs.
func Generate(w io.Writer, n int, seed int64, malformed float64) error {
	_, err := generateStats(w, n, seed, malformed)
	return err
}

func generateStats(w io.Writer, n int, seed int64, malformed float64) (*genStats, error) {
	if n < 0 {
		return nil, fmt.Errorf("number of entries must not be negative, got %d", n)
	}
	if !(malformed >= 0 && malformed <= 1) {
		return nil, fmt.Errorf("malformed fraction must be in [0, 1], got %v", malformed)
	}
	s := uint64(seed)
	g := &generator{
		r:         rand.New(rand.NewPCG(s, s^0x9e3779b97f4a7c15)),
		out:       bufio.NewWriterSize(w, 256<<10),
		keys:      make(map[string]struct{}, n),
		suffix:    make(map[string]int),
		malformed: malformed,
		st: genStats{
			Types:     make(map[string]int),
			Malformed: make(map[int]string),
			Keys:      make([]string, 0, n),
		},
	}
	g.header(n, seed, malformed)
	for i := range n {
		g.gap()
		g.entry(i)
		if g.err != nil {
			return nil, g.err
		}
	}
	g.trailer()
	if g.err == nil {
		g.err = g.out.Flush()
	}
	if g.err != nil {
		return nil, g.err
	}
	return &g.st, nil
}

func (g *generator) write(s string) {
	if g.err == nil {
		_, g.err = g.out.WriteString(s)
	}
}

func (g *generator) header(n int, seed int64, malformed float64) {
	g.write("% Encoding: UTF-8\n\n")
	g.write("% Synthetic BibTeX library written by pubs/internal/bench/gen for benchmarks.\n")
	g.write(fmt.Sprintf("%% entries=%d seed=%d malformed=%s\n", n, seed, strconv.FormatFloat(malformed, 'g', -1, 64)))
	g.write("% The content is random but reproducible: the same flags give the same bytes.\n")
	g.write("%\n% Month macros (jan..dec) are expected from the bibliography style.\n\n")

	g.write("@preamble{ \"\\providecommand{\\noopsort}[1]{}\" # \"\\providecommand{\\url}[1]{\\texttt{#1}}\" }\n\n")
	g.st.Preambles++

	g.write("% Journal abbreviations\n")
	for _, p := range stringPrefixes {
		g.write("@string{" + p.macro + " = \"" + p.text + "\"}\n")
		g.st.Strings++
	}
	for _, j := range journals {
		switch {
		case j.prefix != "":
			g.write("@string{" + j.macro + " = " + j.prefix + " # \"" + j.rest + "\"}\n")
		case g.chance(0.15):
			g.write("@STRING{" + strings.ToUpper(j.macro) + " = \"" + j.name + "\"}\n")
		case g.chance(0.1):
			g.write("@String(" + j.macro + " = {" + j.name + "})\n")
		default:
			g.write("@string{" + j.macro + " = {" + j.name + "}}\n")
		}
		g.st.Strings++
	}
}

func (g *generator) trailer() {
	g.write("\n@comment{jabref-meta: databaseType:bibtex;}\n")
	g.write("\n@comment{jabref-meta: grouping:\n0 AllEntriesGroup:;\n1 StaticGroup:Benchmarks\\;0\\;1\\;0x8a8a8aff\\;\\;\\;;\n1 KeywordGroup:Deep learning\\;0\\;keywords\\;deep learning\\;0\\;0\\;1\\;\\;\\;\\;;\n}\n")
	g.st.Comments += 2
}

// gap writes what separates two items: usually one blank line, sometimes
// none or two, and now and then a line of free text.
func (g *generator) gap() {
	switch x := g.r.IntN(100); {
	case x < 4:
	case x < 8:
		g.write("\n\n")
	default:
		g.write("\n")
	}
	if g.chance(0.004) {
		g.write(pick(g, freeTexts) + "\n\n")
		g.st.FreeTexts++
	}
}

func (g *generator) style() style {
	s := style{profile: g.weighted(profileWeights), indent: "  ", eq: " = "}
	switch s.profile {
	case profJabRef:
		s.typeCase = 1
		s.align = true
		s.trailing = g.chance(0.7)
	case profScholar:
		s.eq = "="
	case profBibDesk:
		s.nameCase = 1
		s.indent = "\t"
		s.closeInline = true
	case profEmacs:
		s.typeCase = 1 + g.r.IntN(2)
		s.align = true
		s.bareNums = g.chance(0.5)
		s.quotes = 0.1
	case profHand:
		s.typeCase = g.r.IntN(3)
		s.nameCase = []int{0, 2, 3}[g.r.IntN(3)]
		s.indent = pick(g, []string{"    ", "\t", " ", "   "})
		s.eq = pick(g, []string{" = ", "=", " =  ", "= "})
		s.quotes = 0.7
		s.bareNums = true
		s.trailing = g.chance(0.4)
		s.paren = g.chance(0.1)
		s.closeInline = g.chance(0.3)
	case profDBLP:
		s.alignWidth = 12
		s.align = true
	default: // profChaos: a library edited by many hands
		s.typeCase = g.r.IntN(3)
		s.nameCase = g.r.IntN(4)
		s.indent = pick(g, []string{"  ", "    ", "\t", " ", "\t\t", ""})
		s.eq = pick(g, []string{" = ", "=", " =\t", "  =  "})
		s.align = g.chance(0.3)
		s.quotes = g.r.Float64()
		s.bareNums = g.chance(0.5)
		s.trailing = g.chance(0.5)
		s.closeInline = g.chance(0.3)
		s.paren = g.chance(0.1)
		s.spaceAfter = g.chance(0.2)
	}
	switch x := g.r.IntN(10); {
	case x < 4:
		s.contIndent = ""
	case x < 8:
		s.contIndent = s.indent + s.indent
	default:
		w := s.alignWidth
		if w == 0 {
			w = 8
		}
		s.contIndent = strings.Repeat(" ", len(s.indent)+w+len(s.eq)+1)
	}
	return s
}

func (g *generator) year() int {
	y := 2026 - int(g.r.ExpFloat64()*8)
	if y < 1950 {
		y = 1950 + g.r.IntN(45)
	}
	return y
}

func (g *generator) entry(idx int) {
	e := &g.e
	e.fields = e.fields[:0]
	e.typ = entryTypes[g.weighted(entryWeights)]
	st := g.style()
	g.st.Entries++
	g.st.Types[e.typ]++

	year := g.year()
	arxiv := e.typ == "misc" && g.chance(0.5)
	if arxiv && year < 1992 {
		year = 1992 + g.r.IntN(34)
	}

	// Authors (or editors for some books).
	n := g.authorCount()
	switch e.typ {
	case "phdthesis":
		n = 1
	case "book", "techreport":
		n = min(n, 4)
	}
	sep := " and "
	if st.profile == profDBLP {
		sep = " and\n" + strings.Repeat(" ", len(st.indent)+st.alignWidth+len(st.eq)+1)
	}
	var persons []person
	if e.typ == "online" && g.chance(0.3) {
		persons = []person{g.corporate()}
	} else {
		persons = g.people(n)
	}
	authors, nn := g.authorField(persons, sep)
	editorsOnly := e.typ == "book" && g.chance(0.15)
	if editorsOnly {
		e.add("editor", authors)
	} else {
		e.add("author", authors)
		g.st.AuthorFields++
		g.st.AuthorNames += nn
		if strings.HasSuffix(authors, " others") {
			g.st.AndOthers++
		}
	}
	title := g.title()
	e.add("title", title)

	venue := g.typeFields(e, &st, year, arxiv, sep)
	g.commonFields(e, &st, year, persons[0].key)

	// Key.
	mal := ""
	if g.malformed > 0 && g.chance(g.malformed) {
		if len(g.st.Keys) > 0 && g.r.IntN(2) == 0 {
			mal = malDupKey
		} else {
			mal = pick(g, otherMalformedKinds)
		}
	}
	if mal == malDupKey {
		e.key = g.st.Keys[g.r.IntN(len(g.st.Keys))]
	} else {
		e.key = g.makeKey(&st, persons, year, title, venue)
	}
	g.st.Keys = append(g.st.Keys, e.key)

	// Field order: Google Scholar puts the title first; hand-edited files
	// are in no particular order.
	if st.profile == profScholar && len(e.fields) > 1 && e.fields[0].name == "author" {
		e.fields[0], e.fields[1] = e.fields[1], e.fields[0]
	}
	if st.profile == profHand || st.profile == profChaos {
		for range g.r.IntN(3) {
			i := g.r.IntN(len(e.fields) - 1)
			e.fields[i], e.fields[i+1] = e.fields[i+1], e.fields[i]
		}
	}

	mi := -1 // field the malformation applies to
	switch mal {
	case "":
	case malMissingComma:
		mi = g.r.IntN(len(e.fields) - 1)
	case malMissingEquals:
		mi = g.r.IntN(len(e.fields))
	case malUndefinedMacro:
		done := false
		for _, name := range []string{"journal", "publisher", "booktitle", "school", "institution", "howpublished", "organization"} {
			if i := e.index(name); i >= 0 {
				e.fields[i] = field{name, pick(g, undefinedMacros), kRaw}
				done = true
				break
			}
		}
		if !done {
			e.addRaw("publisher", pick(g, undefinedMacros))
		}
	case malDupField:
		if i := e.index("year"); i >= 0 {
			at := i + 1 + g.r.IntN(len(e.fields)-i)
			e.fields = append(e.fields, field{})
			copy(e.fields[at+1:], e.fields[at:])
			e.fields[at] = field{"year", strconv.Itoa(year + 1), kNum}
		} else {
			e.add("title", title+" (extended version)")
		}
	}
	if mal != "" {
		g.st.Malformed[idx] = mal
	}
	if st.paren {
		g.st.Paren++
	}
	g.render(e, &st, mal, mi)
}

// typeFields adds the fields specific to the entry type and returns the
// DBLP venue path used in DBLP-style keys.
func (g *generator) typeFields(e *entry, st *style, year int, arxiv bool, sep string) string {
	switch e.typ {
	case "article":
		j := pick(g, journals)
		g.st.JournalFields++
		switch {
		case j.prefix != "" && g.chance(0.03):
			e.addRaw("journal", j.prefix+" # {"+j.rest+"}")
			g.st.JournalMacros++
		case g.chance(0.4):
			m := j.macro
			if g.chance(0.05) {
				m = strings.ToUpper(m)
			}
			e.addRaw("journal", m)
			g.st.JournalMacros++
		default:
			e.add("journal", journalName(j))
		}
		e.addNum("year", year)
		if g.chance(0.85) {
			e.addNum("volume", 1+g.r.IntN(150))
		}
		if g.chance(0.6) {
			e.addNum("number", 1+g.r.IntN(12))
		}
		if j.hasArticleNos && g.chance(0.6) {
			e.add("pages", pick(g, []string{"e", "", "0"})+strconv.Itoa(100000+g.r.IntN(900000)))
		} else if g.chance(0.85) {
			e.add("pages", g.pages())
		}
		if g.chance(0.3) {
			g.month(e)
		}
		if g.chance(0.3) {
			e.add("publisher", j.publisher)
		}
		if g.chance(0.15) {
			e.add("issn", g.issn())
		}
		if g.chance(0.7) {
			e.add("doi", g.doi(year))
		}
		if g.chance(0.2) {
			e.add("url", g.url(year))
		}
		return "journals/" + j.dblp
	case "inproceedings":
		c := pick(g, conferences)
		e.add("booktitle", g.booktitle(c, year))
		e.addNum("year", year)
		if c.series != "" && g.chance(0.6) {
			e.add("series", c.series)
			if c.series == "Lecture Notes in Computer Science" {
				e.addNum("volume", 1000+g.r.IntN(14000))
			} else {
				e.addNum("volume", 1+g.r.IntN(250))
			}
		}
		if g.chance(0.75) {
			e.add("pages", g.pages())
		}
		if g.chance(0.05) {
			eds, _ := g.authorField(g.people(2+g.r.IntN(3)), sep)
			e.add("editor", eds)
		}
		if g.chance(0.4) {
			e.add("publisher", c.publisher)
		}
		if g.chance(0.35) {
			if c.address != "" && g.chance(0.5) {
				e.add("address", c.address)
			} else {
				e.add("address", pick(g, conferenceCities))
			}
		}
		if g.chance(0.25) {
			g.month(e)
		}
		if g.chance(0.5) {
			e.add("doi", g.doi(year))
		}
		if g.chance(0.3) {
			e.add("url", g.url(year))
		}
		return "conf/" + strings.ToLower(strings.ReplaceAll(c.abbr, " ", ""))
	case "book":
		p := pick(g, publishers)
		e.add("publisher", p.name)
		if g.chance(0.6) {
			e.add("address", p.address)
		}
		e.addNum("year", year)
		if g.chance(0.2) {
			if g.chance(0.5) {
				e.addNum("edition", 2+g.r.IntN(4))
			} else {
				e.add("edition", pick(g, []string{"Second", "2nd", "Third", "3rd", "Fourth"}))
			}
		}
		if g.chance(0.2) {
			e.add("series", pick(g, []string{"Springer Series in Statistics", "Graduate Texts in Mathematics", "Adaptive Computation and Machine Learning", "Lecture Notes in Physics", "Cambridge Studies in Advanced Mathematics"}))
			e.addNum("volume", 1+g.r.IntN(300))
		}
		if g.chance(0.6) {
			e.add("isbn", g.isbn())
		}
		if g.chance(0.2) {
			e.add("doi", g.doi(year))
		}
		return "books/" + pick(g, []string{"sp", "daglib", "mit", "cu", "wi"})
	case "incollection":
		e.add("booktitle", pick(g, []string{"Handbook of ", "Advances in ", "Encyclopedia of ", "Foundations of ", "Topics in "})+pick(g, nouns))
		eds, _ := g.authorField(g.people(1+g.r.IntN(4)), sep)
		e.add("editor", eds)
		p := pick(g, publishers)
		e.add("publisher", p.name)
		if g.chance(0.7) {
			e.add("address", p.address)
		}
		e.addNum("year", year)
		e.add("pages", g.pages())
		if g.chance(0.2) {
			e.addNum("chapter", 1+g.r.IntN(30))
		}
		if g.chance(0.4) {
			e.add("doi", g.doi(year))
		}
		return "reference/" + pick(g, []string{"sp", "crc", "ws"})
	case "phdthesis":
		e.add("school", pick(g, schools))
		e.addNum("year", year)
		if g.chance(0.5) {
			e.add("address", pick(g, conferenceCities))
		}
		if g.chance(0.1) {
			e.add("type", pick(g, []string{"{PhD} dissertation", "Ph.D. Thesis", "Doctoral thesis", "Dissertation"}))
		}
		if g.chance(0.3) {
			g.month(e)
		}
		if g.chance(0.3) {
			e.add("url", g.url(year))
		}
		return "phd/" + pick(g, []string{"us", "dnb", "hal", "basesearch"})
	case "techreport":
		inst := pick(g, institutions)
		e.add("institution", inst.name)
		if g.chance(0.7) {
			e.add("number", fmt.Sprintf("%s-%02d-%d", inst.prefix, year%100, 1+g.r.IntN(200)))
		}
		e.addNum("year", year)
		if g.chance(0.2) {
			e.add("type", pick(g, []string{"Technical Report", "Tech. Rep.", "Research Report", "Working Paper"}))
		}
		if g.chance(0.4) {
			e.add("address", pick(g, conferenceCities))
		}
		if g.chance(0.2) {
			g.month(e)
		}
		if g.chance(0.3) {
			e.add("url", g.url(year))
		}
		return "tr/" + strings.ToLower(strings.Split(inst.prefix, "-")[0])
	case "misc":
		e.addNum("year", year)
		if arxiv {
			g.st.Arxiv++
			id := arxivID(g, year)
			e.add("eprint", id)
			e.add("archivePrefix", "arXiv")
			if g.chance(0.7) && !strings.Contains(id, "/") {
				e.add("primaryClass", pick(g, primaryClasses))
			}
			switch x := g.r.IntN(10); {
			case x < 3:
				e.add("journal", "arXiv preprint arXiv:"+id)
			case x < 5:
				e.add("howpublished", "arXiv:"+id)
			}
			if g.chance(0.3) {
				e.add("url", "https://arxiv.org/abs/"+id)
			}
			if strings.Contains(id, "/") {
				return "journals/corr/" + strings.ReplaceAll(id, "/", "-")
			}
			return "journals/corr/abs-" + strings.ReplaceAll(id, ".", "-")
		}
		switch g.r.IntN(4) {
		case 0:
			e.add("howpublished", "\\url{"+g.url(year)+"}")
		case 1:
			e.add("howpublished", pick(g, []string{"Software", "Dataset", "Blog post", "Talk at the workshop on " + lowerPhrase(pick(g, nouns))}))
			e.add("url", g.url(year))
		case 2:
			e.add("version", fmt.Sprintf("%d.%d.%d", g.r.IntN(5), g.r.IntN(20), g.r.IntN(10)))
			e.add("publisher", "Zenodo")
			e.add("doi", fmt.Sprintf("10.5281/zenodo.%d", 1000000+g.r.IntN(9000000)))
		default:
			e.add("note", fmt.Sprintf("Accessed: %d-%02d-%02d", max(year, 2000), 1+g.r.IntN(12), 1+g.r.IntN(28)))
		}
		return "misc/" + pick(g, []string{"sw", "data", "web"})
	case "online":
		e.add("url", g.url(year))
		e.add("urldate", fmt.Sprintf("%d-%02d-%02d", max(year, 2000), 1+g.r.IntN(12), 1+g.r.IntN(28)))
		e.addNum("year", year)
		if g.chance(0.3) {
			e.add("organization", pick(g, institutions).name)
		}
		return "www/" + pick(g, []string{"org", "edu"})
	default: // unpublished
		e.add("note", pick(g, unpublishedNotes))
		if g.chance(0.8) {
			e.addNum("year", year)
		}
		if g.chance(0.2) {
			g.month(e)
		}
		return "unpublished/" + strconv.Itoa(year)
	}
}

// commonFields adds the optional fields that any type may carry.
func (g *generator) commonFields(e *entry, st *style, year int, lastKey string) {
	if g.chance(0.4) {
		text := g.abstract()
		if g.chance(0.8) {
			text = wrap(text, 60+g.r.IntN(40), st.contIndent)
			if g.chance(0.05) {
				// A second paragraph after a blank line.
				text += "\n\n" + st.contIndent + wrap(g.sentence(), 70, st.contIndent)
			}
		}
		e.add("abstract", text)
		g.st.Abstracts++
	}
	if g.chance(0.2) {
		k := g.r.IntN(len(keywordPool))
		n := 2 + g.r.IntN(5)
		ks := make([]string, 0, n)
		for i := range n {
			ks = append(ks, keywordPool[(k+i*7)%len(keywordPool)])
		}
		s := ", "
		if g.chance(0.4) {
			s = "; "
		}
		e.add("keywords", strings.Join(ks, s))
	}
	if !e.has("note") && g.chance(0.05) {
		e.add("note", pick(g, []string{"To appear", "In press", "Invited paper", "Best paper award", "Extended version of the conference paper", "In {G}erman", "Reprinted in 2005", "Oral presentation"}))
	}
	if g.chance(0.03) {
		e.add("language", pick(g, []string{"english", "en", "German", "french", "Chinese"}))
	}
	if g.chance(0.08) {
		e.add("file", g.file(lastKey, e.fields[1].val, year))
	}
	switch st.profile {
	case profJabRef:
		if g.chance(0.25) {
			e.add("owner", pick(g, owners))
			e.add("timestamp", fmt.Sprintf("%d.%02d.%02d", max(year, 2005), 1+g.r.IntN(12), 1+g.r.IntN(28)))
		}
	case profDBLP:
		e.add("timestamp", fmt.Sprintf("%s, %02d %s %d %02d:%02d:%02d +0200",
			pick(g, []string{"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"}), 1+g.r.IntN(28),
			pick(g, []string{"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"}),
			min(year+1+g.r.IntN(3), 2026), g.r.IntN(24), g.r.IntN(60), g.r.IntN(60)))
		e.add("biburl", "https://dblp.org/rec/"+fmt.Sprint(g.r.IntN(1e6))+".bib")
		e.add("bibsource", "dblp computer science bibliography, https://dblp.org")
	case profBibDesk:
		if g.chance(0.3) {
			e.add("date-added", fmt.Sprintf("%d-%02d-%02d %02d:%02d:%02d +0100", max(year, 2005), 1+g.r.IntN(12), 1+g.r.IntN(28), g.r.IntN(24), g.r.IntN(60), g.r.IntN(60)))
		}
	}
}

func journalName(j journal) string {
	if j.prefix != "" {
		for _, p := range stringPrefixes {
			if p.macro == j.prefix {
				return p.text + j.rest
			}
		}
	}
	return j.name
}

func (g *generator) booktitle(c conference, year int) string {
	if c.abbr == "NeurIPS" {
		return "Advances in Neural Information Processing Systems " + strconv.Itoa(max(year-1987, 1))
	}
	switch g.r.IntN(6) {
	case 0, 1:
		return "Proceedings of the " + ordinal(max(year-1975+g.r.IntN(10), 1)) + " " + c.name
	case 2:
		return c.name + " (" + c.abbr + ")"
	case 3:
		return "Proceedings of the " + c.name
	case 4:
		return "Proc. " + c.abbr + " " + strconv.Itoa(year)
	default:
		return c.name
	}
}

func ordinal(n int) string {
	suf := "th"
	if n%100 < 11 || n%100 > 13 {
		switch n % 10 {
		case 1:
			suf = "st"
		case 2:
			suf = "nd"
		case 3:
			suf = "rd"
		}
	}
	return strconv.Itoa(n) + suf
}

func (g *generator) month(e *entry) {
	m := g.r.IntN(12)
	switch x := g.r.IntN(10); {
	case x < 6:
		e.addRaw("month", monthMacros[m])
	case x < 8:
		e.addNum("month", m+1)
	case x < 9:
		e.add("month", monthNames[m])
	default:
		e.add("month", monthMacros[m])
	}
}

func (g *generator) pages() string {
	start := 1 + g.r.IntN(2500)
	end := start + 3 + g.r.IntN(30)
	switch x := g.r.IntN(100); {
	case x < 82:
		return strconv.Itoa(start) + "--" + strconv.Itoa(end)
	case x < 92:
		return strconv.Itoa(start) + "-" + strconv.Itoa(end)
	case x < 97:
		return strconv.Itoa(start)
	case x < 99:
		return strconv.Itoa(start) + "–" + strconv.Itoa(end) // U+2013
	default:
		return strconv.Itoa(start) + "--" + strconv.Itoa(end) + "+"
	}
}

var doiPrefixes = []string{"10.1145", "10.1109", "10.1016", "10.1007", "10.1038", "10.1103", "10.1371", "10.1093", "10.48550", "10.1126", "10.1073", "10.1002", "10.1177", "10.3390"}

func (g *generator) doi(year int) string {
	var d string
	switch p := pick(g, doiPrefixes); p {
	case "10.1145":
		d = fmt.Sprintf("%s/%d.%d", p, 3000000+g.r.IntN(700000), 3000000+g.r.IntN(700000))
	case "10.1109":
		d = fmt.Sprintf("%s/%s.%d.%d", p, pick(g, []string{"TPAMI", "CVPR", "ICSE", "TIT", "ACCESS", "ICRA"}), year, 1000000+g.r.IntN(9000000))
	case "10.1016":
		d = fmt.Sprintf("%s/j.%s.%d.%02d.%03d", p, pick(g, []string{"cell", "artint", "tcs", "neucom", "jcp", "patcog"}), year, 1+g.r.IntN(12), 1+g.r.IntN(999))
	case "10.1007":
		d = fmt.Sprintf("%s/978-3-%03d-%05d-%d_%d", p, 540+g.r.IntN(400), g.r.IntN(100000), g.r.IntN(10), 1+g.r.IntN(40))
	case "10.1038":
		d = fmt.Sprintf("%s/s%d-%03d-%04d-%d", p, 41586+g.r.IntN(20), year%1000, g.r.IntN(10000), g.r.IntN(10))
	case "10.1103":
		d = fmt.Sprintf("%s/PhysRev%s.%d.%06d", p, pick(g, []string{"Lett", "B", "D", "E"}), 1+g.r.IntN(130), g.r.IntN(1000000))
	case "10.1371":
		d = fmt.Sprintf("%s/journal.%s.%07d", p, pick(g, []string{"pone", "pcbi", "pbio"}), g.r.IntN(10000000))
	case "10.1093":
		d = fmt.Sprintf("%s/%s/%s%03d", p, pick(g, []string{"bioinformatics", "nar", "mnras"}), pick(g, []string{"btz", "gkz", "stz"}), g.r.IntN(1000))
	case "10.48550":
		d = fmt.Sprintf("%s/arXiv.%02d%02d.%05d", p, year%100, 1+g.r.IntN(12), g.r.IntN(100000))
	case "10.1002":
		if g.chance(0.2) {
			// SICI-style DOIs hold parentheses, angle brackets and semicolons.
			d = fmt.Sprintf("%s/(SICI)1097-%04d(%d%02d15)%d:%d<%d::AID-SIM%d>3.0.CO;2-%d", p, g.r.IntN(10000), year, 1+g.r.IntN(12), 1+g.r.IntN(30), 1+g.r.IntN(24), 1+g.r.IntN(2000), g.r.IntN(1000), g.r.IntN(10))
		} else {
			d = fmt.Sprintf("%s/%s.%d", p, pick(g, []string{"sim", "anie", "adma", "qj"}), 1000+g.r.IntN(9000))
		}
	case "10.1126":
		d = fmt.Sprintf("%s/science.a%s%04d", p, pick(g, []string{"az", "ba", "bc", "dd"}), g.r.IntN(10000))
	case "10.1073":
		d = fmt.Sprintf("%s/pnas.%d%06d", p, year, g.r.IntN(1000000))
	case "10.1177":
		d = fmt.Sprintf("%s/0956797%d", p, 600000000+g.r.IntN(100000000))
	default:
		d = fmt.Sprintf("%s/ijms%d%04d", p, 10+g.r.IntN(15), g.r.IntN(10000))
	}
	switch x := g.r.IntN(100); {
	case x < 70:
		return d
	case x < 90:
		return "https://doi.org/" + d
	case x < 95:
		return "doi:" + d
	default:
		return "http://dx.doi.org/" + d
	}
}

func (g *generator) url(year int) string {
	switch g.r.IntN(8) {
	case 0:
		return fmt.Sprintf("https://%s/~%s/papers/%s_%d.pdf", pick(g, uniHosts), pick(g, owners), fold(pick(g, nouns)), year)
	case 1:
		return fmt.Sprintf("https://arxiv.org/pdf/%02d%02d.%05dv%d", year%100, 1+g.r.IntN(12), g.r.IntN(100000), 1+g.r.IntN(3))
	case 2:
		return fmt.Sprintf("http://www.%s.org/docs/%s%%20%s_final.pdf", pick(g, []string{"example", "lab-archive", "research"}), fold(pick(g, adjectives)), fold(pick(g, nouns)))
	case 3:
		return fmt.Sprintf("https://proceedings.mlr.press/v%d/%s%02da.html", 1+g.r.IntN(250), fold(pick(g, lastNames).s), year%100)
	case 4:
		return fmt.Sprintf("https://ieeexplore.ieee.org/document/%d", 1000000+g.r.IntN(9000000))
	case 5:
		return fmt.Sprintf("https://www.sciencedirect.com/science/article/pii/S%016d", g.r.Int64N(1e16))
	case 6:
		return fmt.Sprintf("https://scholar.example.com/search?q=%s%%20%s&hl=en&as_sdt=0%%2C5", fold(pick(g, adjectives)), fold(pick(g, nouns)))
	default:
		return fmt.Sprintf("http://%s/~%s/pub/tech\\_report\\_%d.ps.gz", pick(g, uniHosts), pick(g, owners), g.r.IntN(100))
	}
}

func (g *generator) file(k, title string, year int) string {
	switch g.r.IntN(4) {
	case 0:
		return fmt.Sprintf(":papers/%s%d.pdf:PDF", k, year)
	case 1:
		return fmt.Sprintf(":%s%d - %s.pdf:PDF", capitalize(k), year, titleWord(title))
	case 2:
		return fmt.Sprintf("Full Text PDF:/home/%s/Zotero/storage/%08X/%s.pdf:application/pdf", pick(g, owners), g.r.Uint32(), k)
	default:
		return fmt.Sprintf(":C\\:/Users/%s/Documents/Papers/%s_%d.pdf:PDF", pick(g, owners), k, year)
	}
}

func (g *generator) issn() string {
	d := make([]int, 7)
	sum := 0
	for i := range d {
		d[i] = g.r.IntN(10)
		sum += d[i] * (8 - i)
	}
	c := (11 - sum%11) % 11
	check := strconv.Itoa(c)
	if c == 10 {
		check = "X"
	}
	return fmt.Sprintf("%d%d%d%d-%d%d%d%s", d[0], d[1], d[2], d[3], d[4], d[5], d[6], check)
}

func (g *generator) isbn() string {
	d := []int{9, 7, 8}
	for range 9 {
		d = append(d, g.r.IntN(10))
	}
	sum := 0
	for i, x := range d {
		if i%2 == 0 {
			sum += x
		} else {
			sum += 3 * x
		}
	}
	d = append(d, (10-sum%10)%10)
	var b strings.Builder
	for i, x := range d {
		if i == 3 || i == 4 || i == 7 || i == 12 {
			b.WriteByte('-')
		}
		b.WriteByte(byte('0' + x))
	}
	return b.String()
}

func arxivID(g *generator, year int) string {
	m := 1 + g.r.IntN(12)
	switch {
	case year >= 2015:
		return fmt.Sprintf("%02d%02d.%05d", year%100, m, g.r.IntN(100000))
	case year >= 2007:
		return fmt.Sprintf("%02d%02d.%04d", year%100, m, g.r.IntN(10000))
	default:
		return fmt.Sprintf("%s/%02d%02d%03d", pick(g, oldArchives), year%100, m, g.r.IntN(1000))
	}
}

// makeKey builds a citation key in the style of the exporter and makes it
// unique (ignoring case, as BibTeX does) with a, b, ..., z, aa, ... suffixes.
func (g *generator) makeKey(st *style, ps []person, year int, title, venue string) string {
	last := ps[0].key
	if last == "" {
		last = "anon"
	}
	y := strconv.Itoa(year)
	yy := fmt.Sprintf("%02d", year%100)
	var base string
	switch st.profile {
	case profJabRef:
		if g.chance(0.5) {
			base = capitalize(last) + y
		} else {
			base = last + y + titleWord(title)
		}
	case profBibDesk:
		base = capitalize(last) + ":" + y
	case profDBLP:
		var b strings.Builder
		b.WriteString("DBLP:" + venue + "/" + capitalize(last))
		for i, p := range ps[1:] {
			if i == 8 {
				break
			}
			if p.key != "" {
				b.WriteByte(p.key[0] - 'a' + 'A')
			}
		}
		b.WriteString(yy)
		base = b.String()
	case profHand:
		switch g.r.IntN(4) {
		case 0:
			base = last + ":" + yy
		case 1:
			base = capitalize(last) + yy
		case 2:
			base = last + "-" + titleWord(title) + "-" + y
		default:
			base = last + y + titleWord(title)
		}
	default:
		base = last + y + titleWord(title)
	}
	return g.uniqueKey(base)
}

func (g *generator) uniqueKey(base string) string {
	lb := strings.ToLower(base)
	if _, ok := g.keys[lb]; !ok {
		g.keys[lb] = struct{}{}
		return base
	}
	for i := g.suffix[lb] + 1; ; i++ {
		k := base + alphaSuffix(i)
		lk := strings.ToLower(k)
		if _, ok := g.keys[lk]; !ok {
			g.suffix[lb] = i
			g.keys[lk] = struct{}{}
			return k
		}
	}
}

// alphaSuffix maps 1, 2, ..., 26, 27 to "a", "b", ..., "z", "aa".
func alphaSuffix(i int) string {
	var b []byte
	for i > 0 {
		i--
		b = append(b, byte('a'+i%26))
		i /= 26
	}
	for l, r := 0, len(b)-1; l < r; l, r = l+1, r-1 {
		b[l], b[r] = b[r], b[l]
	}
	return string(b)
}

// render writes the entry, applying the malformation mal (at field mi).
func (g *generator) render(e *entry, st *style, mal string, mi int) {
	b := g.buf[:0]
	b = append(b, '@')
	switch st.typeCase {
	case 1:
		b = append(b, titleCaseTypes[e.typ]...)
	case 2:
		b = append(b, strings.ToUpper(e.typ)...)
	default:
		b = append(b, e.typ...)
	}
	if st.spaceAfter {
		b = append(b, ' ')
	}
	closer := byte('}')
	if st.paren {
		b = append(b, '(')
		closer = ')'
	} else {
		b = append(b, '{')
	}
	b = append(b, e.key...)
	if mal != malMissingKeyComma {
		b = append(b, ',')
	}
	b = append(b, '\n')

	width := st.alignWidth
	if st.align && width == 0 {
		for _, f := range e.fields {
			width = max(width, len(f.name))
		}
	}
	last := len(e.fields) - 1
	for i, f := range e.fields {
		b = append(b, st.indent...)
		nc := st.nameCase
		if nc == 3 {
			nc = g.r.IntN(3)
		}
		switch nc {
		case 1:
			b = append(b, capitalize(f.name)...)
		case 2:
			b = append(b, strings.ToUpper(f.name)...)
		default:
			b = append(b, f.name...)
		}
		if st.align {
			for range width - len(f.name) {
				b = append(b, ' ')
			}
		}
		if mal == malMissingEquals && i == mi {
			b = append(b, ' ')
		} else {
			b = append(b, st.eq...)
		}
		if mal == malUnclosed && i == last {
			// The value and the entry are never closed; a reader must
			// resynchronize at the next line that starts with '@'.
			b = append(b, '{')
			b = append(b, f.val...)
			b = append(b, '\n')
			break
		}
		b = g.appendValue(b, f, st)
		if i < last {
			if mal != malMissingComma || i != mi {
				b = append(b, ',')
			}
			b = append(b, '\n')
			continue
		}
		if st.trailing {
			b = append(b, ',')
		}
		if !st.closeInline {
			b = append(b, '\n')
		}
		b = append(b, closer, '\n')
	}
	g.buf = b
	if g.err == nil {
		_, g.err = g.out.Write(b)
	}
}

func (g *generator) appendValue(b []byte, f field, st *style) []byte {
	switch f.kind {
	case kRaw:
		return append(b, f.val...)
	case kNum:
		if st.bareNums {
			return append(b, f.val...)
		}
	}
	if st.quotes > 0 && g.chance(st.quotes) && quoteSafe(f.val) {
		b = append(b, '"')
		b = append(b, f.val...)
		return append(b, '"')
	}
	b = append(b, '{')
	b = append(b, f.val...)
	return append(b, '}')
}

// quoteSafe reports whether s can be written as "s": a double quote may
// appear only inside braces.
func quoteSafe(s string) bool {
	depth := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '{':
			depth++
		case '}':
			depth--
		case '"':
			if depth == 0 {
				return false
			}
		}
	}
	return true
}
