package lint

import (
	"bytes"
	"errors"
	"fmt"
	"math/rand/v2"
	"regexp"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/pubs-dev/pubs/internal/bench/libgen"
	"github.com/pubs-dev/pubs/internal/bib"
	"github.com/pubs-dev/pubs/internal/ids"
	"github.com/pubs-dev/pubs/internal/latex"
)

// referenceCheck is Check as one plain sequential pass, the way its
// checks read in the documentation: every name split and keyed with
// bib.Name.Spelling, every pair of spellings compared with
// bib.SamePerson, every value given to latex.Unknown, and fmt for every
// message. It is the reference for Check's shortcuts.
func referenceCheck(lib *bib.Library) bib.ErrorList {
	var out bib.ErrorList
	warn := func(e *bib.Entry, off int, format string, args ...any) {
		out.Add(e.File.Position(off), bib.SeverityWarning, format, args...)
	}
	yearRE := regexp.MustCompile(`^[0-9]{4}$`)
	type doiUse struct {
		key, doi string
		field    bib.Field
	}
	type unknownUse struct {
		cmd   string
		field bib.Field
	}
	type occ struct {
		name  bib.Name
		full  string
		entry *bib.Entry
		field bib.Field
	}
	firstDOI := map[string]*bib.Entry{}
	reported := map[string]bool{}
	people := map[string][]occ{}
	for _, e := range lib.Entries {
		if e.Broken {
			continue
		}
		if need, known := required[e.Type]; known {
			var missing []string
			for _, alts := range need {
				found := false
				for _, name := range strings.Split(alts, "|") {
					if strings.TrimSpace(e.Get(name)) != "" {
						found = true
					}
				}
				if !found {
					missing = append(missing, strings.ReplaceAll(alts, "|", " or "))
				}
			}
			if len(missing) > 0 {
				warn(e, e.Start, "entry %q (@%s) lacks %s", e.Key, e.Type, strings.Join(missing, ", "))
			}
		}
		var dois []doiUse
		var unknown []unknownUse
		for i := range e.NumFields() {
			fd := e.FieldAt(i)
			switch fd.Name {
			case "year":
				if v := strings.TrimSpace(fd.Value); !yearRE.MatchString(v) {
					warn(e, fd.Start, "year %q of entry %q is not a number", v, e.Key)
				}
			case "month":
				if v := strings.TrimSpace(fd.Value); bib.ParseMonth(v) == 0 {
					warn(e, fd.Start, "month %q of entry %q is not a month", v, e.Key)
				}
			case "doi":
				raw := strings.TrimSpace(fd.Value)
				d, ok := ids.ParseDOI(raw)
				if !ok {
					warn(e, fd.Start, "doi %q of entry %q is not a valid DOI (10.<registrant>/<suffix>)", raw, e.Key)
					break
				}
				if d != raw {
					warn(e, fd.Start, "doi of entry %q is written as %q: write the bare DOI %s ('pubs fmt' does)", e.Key, raw, d)
				}
				dois = append(dois, doiUse{ids.DOIKey(d), d, fd})
			case "author", "editor":
				v := strings.TrimSpace(fd.Value)
				words := strings.Fields(v)
				and := func(i int) bool { return strings.ToLower(words[i]) == "and" }
				if len(words) > 0 && (and(0) || and(len(words)-1)) {
					warn(e, fd.Start, "%s of entry %q starts or ends with \"and\"", fd.Name, e.Key)
				}
				for i := 1; i < len(words); i++ {
					if and(i-1) && and(i) {
						warn(e, fd.Start, "%s of entry %q has an empty name (\"and and\")", fd.Name, e.Key)
						break
					}
				}
				for _, raw := range referenceSplit(v) {
					n := bib.ParseName(raw)
					if c := strings.Count(referenceDepth0(raw), ","); c > 2 {
						warn(e, fd.Start, "name %q in entry %q has %d commas: BibTeX ignores what follows the third part", raw, e.Key, c)
					}
					if suffixes[strings.ToLower(n.Last)] && !strings.Contains(raw, ",") {
						warn(e, fd.Start, "name %q in entry %q: BibTeX takes %q for the last name; write \"%s, %s, %s\"",
							raw, e.Key, n.Last, lastOf(n.First), n.Last, firstOf(n.First))
					}
					if !n.IsOthers() {
						key, full, _ := n.Spelling()
						people[key] = append(people[key], occ{n, full, e, fd})
					}
				}
			}
			if latexField(fd.Name) {
				for _, cmd := range latex.Unknown(fd.Value) {
					unknown = append(unknown, unknownUse{cmd, fd})
				}
			}
		}
		for _, d := range dois {
			if first, dup := firstDOI[d.key]; dup {
				warn(e, d.field.Start, "entry %q has the same DOI %s as entry %q at %s", e.Key, d.doi, first.Key, first.Pos())
			} else {
				firstDOI[d.key] = e
			}
		}
		for _, u := range unknown {
			if !reported[u.cmd] {
				reported[u.cmd] = true
				warn(e, u.field.Start, "unknown LaTeX command \\%s in entry %q: pubs shows its argument as text (reported once)", u.cmd, e.Key)
			}
		}
	}
	var keys []string
	for k, occs := range people {
		if len(occs) > 1 {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	for _, k := range keys {
		type form struct {
			full  string
			first occ
			keys  []string
		}
		var forms []form
		for _, o := range people[k] {
			i := 0
			for i < len(forms) && forms[i].full != o.full {
				i++
			}
			if i == len(forms) {
				forms = append(forms, form{full: o.full, first: o})
			}
			if ks := forms[i].keys; len(ks) == 0 || ks[len(ks)-1] != o.entry.Key {
				forms[i].keys = append(forms[i].keys, o.entry.Key)
			}
		}
		list := func(keys []string) string {
			shown := make([]string, len(keys))
			for i, k := range keys {
				shown[i] = k
				if !utf8.ValidString(k) || strings.ContainsFunc(k, func(r rune) bool { return !strconv.IsPrint(r) }) {
					shown[i] = strconv.Quote(k)
				}
			}
			if len(shown) > 3 {
				return fmt.Sprintf("%s and %d more", strings.Join(shown[:3], ", "), len(shown)-3)
			}
			return strings.Join(shown, ", ")
		}
		for i := 1; i < len(forms); i++ {
			for j := 0; j < i; j++ {
				if bib.SamePerson(forms[j].first.name, forms[i].first.name) {
					warn(forms[i].first.entry, forms[i].first.field.Start, "%q (%s) and %q (%s) look like one person under two spellings",
						forms[j].full, list(forms[j].keys), forms[i].full, list(forms[i].keys))
					break
				}
			}
		}
	}
	out.Sort()
	return out
}

// referenceSplit is bib.SplitNameList byte by byte.
func referenceSplit(s string) []string {
	var out []string
	depth, start := 0, 0
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '{':
			depth++
		case c == '}':
			if depth > 0 {
				depth--
			}
		case depth == 0 && strings.ContainsRune(" \t\n\r\f\v", rune(c)) && i+4 < len(s) &&
			strings.EqualFold(s[i+1:i+4], "and") && strings.ContainsRune(" \t\n\r\f\v", rune(s[i+4])):
			out = append(out, strings.TrimSpace(s[start:i]))
			start = i + 4
			i += 3
		}
	}
	if last := strings.TrimSpace(s[start:]); last != "" || len(out) > 0 {
		out = append(out, last)
	}
	return out
}

// referenceDepth0 is s without what braces enclose (as topLevelCommas
// counts them: a '}' too many lowers the depth below 0).
func referenceDepth0(s string) string {
	var b strings.Builder
	depth := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '{':
			depth++
		case '}':
			depth--
		default:
			if depth == 0 {
				b.WriteByte(s[i])
			}
		}
	}
	return b.String()
}

// trickyBib holds what the generator does not write: names that split
// oddly, "and" in every case and between every kind of white space,
// spellings that differ only by case, braces or LaTeX, repeated keys and
// DOIs, unknown commands in text and in math.
const trickyBib = `@article{a, author = {Ruthotto, Lars and Haber, Eldad and others}, title = {T}, journal = {J}, year = 2020, doi = {https://doi.org/10.1088/1361-6420/aa9a90}}
@article{b, author = {L. Ruthotto AND E. Haber}, title = {T \foo{x} $\bar{y}$ $\times$ \emph{z}}, journal = {J}, year = {c. 2019}, month = {Smarch}, doi = {10.1088/1361-6420/AA9A90}}
@article{c, author = {Henry Ford Jr. and Doe, Jane and}, title = {T}, year = 2019}
@misc{d, author = {Li, Xingjian and Li, Xiaoming and A and and B}, doi = {not-a-doi}}
@misc{e, author = {One, Two, Three, Four and {Barnes and Noble} and and}, month = oct}
@inproceedings{f, author = {M{\"u}ller, J. and M\"{u}ller, J{\"o}rg}, title = {T}, booktitle = {B}, year = 2020}
@inproceedings{g, author = {Müller, Jörg and müller, jörg and MÜLLER, J.}, title = {T}, booktitle = {B}, year = 2021}
@inproceedings{g, author = {Müller, J. and Müller, Jörg}, title = {$x \ell$ and \verb|\q|}, booktitle = {B}, year = 2021}
@book{h, editor = {van Beethoven, Ludwig and Ludwig van Beethoven and L. van Beethoven and Beethoven, L.}, title = {T}, publisher = {P}, year = {2000}}
@book{i, author = {and John Smith and  AnD  and Jane Smith aNd}, editor = {J.~Smith and J. Smith and {J}ohn Smith}, title = {T}, publisher = {P}, year = 99}
@misc{j, author = {A` + "\u00a0and\u00a0" + `B and C` + "\u3000and and\t" + `D and E` + "\u2028" + `and}}
@misc{k, author = {Ford, Jr., Henry and Henry Ford III and Ford, Henry and {\relax Ch}ristopher Columbus and Christopher Columbus and C. Columbus}}
@misc{l, author = {X, Y, Z, W, V and Ø. Nielsen and O. Nielsen and Øyvind Nielsen}, doi = {DOI: 10.1000/ABC}}
@misc{m, doi = {10.1000/abc}, author = {Jean-Pierre Hansen and J.-P. Hansen and J. Hansen and Jean Hansen and Jean-Paul Hansen}}
@misc{n, author = {{\'E}mile Zola and \'{E}mile Zola and Emile Zola and É. Zola}, title = {\unknowncmd and \'e \c{c} \ss{} \relax}}
@misc{, author = {No Key and N. Key}}
@misc{o, author = {Broken and
`

// randomBib writes n entries whose names are drawn from few first and
// last names in many spellings, so that most keys have several, with
// random "and"s, white space, braces and repeated keys and DOIs.
func randomBib(r *rand.Rand, n int) string {
	firsts := []string{"John", "J.", "Jo", "J{\\\"o}rg", "Jörg", "J\\\"{o}rg", "Jean-Pierre", "J.-P.", "Jean Pierre", "jean", "{\\relax Ch}ristoph", "Christoph", "Ch.", "Ø.", "{\\O}yvind", "Øyvind", "", "A. B.", "A.", "Anna Maria", "anna", "Zoë", "Zo{\\\"e}", "X~Y"}
	lasts := []string{"Smith", "smith", "SMITH", "M{\\\"u}ller", "Müller", "M\\\"{u}ller", "van Beethoven", "Van Beethoven", "de la Cruz", "{van Beethoven}", "Ford", "Ford, Jr.", "Ford, III", "Li", "李", "O'Brien", "{Barnes and Noble}", "Jr.", "others"}
	seps := []string{" and ", " AND ", " And ", "  and\t", "\u00a0and ", " and and ", " an d ", " andand ", "\nand\n", ", "}
	var b strings.Builder
	for i := range n {
		key := fmt.Sprintf("k%d", r.IntN(n))
		if r.IntN(10) == 0 {
			key = strings.ToUpper(key)
		}
		fmt.Fprintf(&b, "@article{%s,\n  author = {", key)
		for k := range 1 + r.IntN(6) {
			if k > 0 {
				b.WriteString(seps[r.IntN(len(seps))])
			}
			f, l := firsts[r.IntN(len(firsts))], lasts[r.IntN(len(lasts))]
			switch r.IntN(3) {
			case 0:
				b.WriteString(strings.TrimSpace(f + " " + l))
			case 1:
				b.WriteString(l + ", " + f)
			default:
				b.WriteString(l + ",  " + f + " " + string(rune('A'+r.IntN(3))) + ".")
			}
		}
		b.WriteString("},\n")
		if r.IntN(3) > 0 {
			fmt.Fprintf(&b, "  doi = {%s10.%d/x%d},\n", []string{"", "https://doi.org/", "doi:"}[r.IntN(3)], 1000+r.IntN(3), r.IntN(n/2+1))
		}
		if r.IntN(4) == 0 {
			fmt.Fprintf(&b, "  title = {%s},\n", []string{`\foo{x}`, `$\times \bar$`, `\'e`, `\emph{a} \zz`, `$x$`}[r.IntN(5)])
		}
		fmt.Fprintf(&b, "  journal = {J}, year = %d\n}\n", 1990+r.IntN(40))
		if i%97 == 5 {
			b.WriteString("@misc{broken, author = {A and B\n")
		}
	}
	return b.String()
}

func parseLib(t testing.TB, files ...[2]string) *bib.Library {
	var fs []*bib.File
	var syntax bib.ErrorList
	for _, f := range files {
		pf, err := bib.Parse(f[0], []byte(f[1]))
		var el bib.ErrorList
		if errors.As(err, &el) {
			syntax = append(syntax, el...)
		} else if err != nil {
			t.Fatal(err)
		}
		fs = append(fs, pf)
	}
	return bib.NewLibrary(fs, syntax)
}

// TestCheckMatchesReference compares Check, with its caches, shortcuts,
// concurrency and counting sorts, with referenceCheck, on generated
// libraries, hand-made names, random libraries and libraries of several
// files (whose names do not sort in the order given, or are the same),
// with one to four cores.
func TestCheckMatchesReference(t *testing.T) {
	var libs []*bib.Library
	var names []string
	for seed := range int64(3) {
		var buf bytes.Buffer
		if err := libgen.Generate(&buf, 3000, seed+1, 0.01); err != nil {
			t.Fatal(err)
		}
		libs = append(libs, parseLib(t, [2]string{"gen.bib", buf.String()}))
		names = append(names, fmt.Sprintf("generated %d", seed+1))
	}
	libs = append(libs, parseLib(t, [2]string{"tricky.bib", trickyBib}))
	names = append(names, "tricky")
	r := rand.New(rand.NewPCG(1, 2))
	for i := range 4 {
		libs = append(libs, parseLib(t, [2]string{"random.bib", randomBib(r, 300+700*i)}))
		names = append(names, fmt.Sprintf("random %d", i))
	}
	var buf bytes.Buffer
	if err := libgen.Generate(&buf, 1500, 9, 0.01); err != nil {
		t.Fatal(err)
	}
	libs = append(libs, parseLib(t, [2]string{"z.bib", buf.String()}, [2]string{"b.bib", randomBib(r, 500)}, [2]string{"a.bib", trickyBib}))
	names = append(names, "three files, out of order")
	libs = append(libs, parseLib(t, [2]string{"same.bib", randomBib(r, 400)}, [2]string{"same.bib", "\n\n" + trickyBib}, [2]string{"same.bib", randomBib(r, 400)}))
	names = append(names, "three files of one name")

	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	for i, lib := range libs {
		want := referenceCheck(lib)
		if len(want) < 10 {
			t.Fatalf("%s: only %d warnings", names[i], len(want))
		}
		for _, procs := range []int{1, 2, 4} {
			runtime.GOMAXPROCS(procs)
			got := Check(lib)
			if len(got) != len(want) {
				t.Errorf("%s, %d cores: %d warnings, want %d", names[i], procs, len(got), len(want))
			}
			for k := range min(len(got), len(want)) {
				if *got[k] != *want[k] {
					t.Errorf("%s, %d cores: warning %d is\n%s (%+v)\nwant\n%s (%+v)", names[i], procs, k, got[k].Diagnostic(), got[k].Pos, want[k].Diagnostic(), want[k].Pos)
					break
				}
			}
		}
	}
}

// TestSpellShortcut compares what worker.spell finds of each name, from
// parts converted once per worker, with bib.Name.Spelling, on every name
// of a generated library, the hand-made ones and random strings.
func TestSpellShortcut(t *testing.T) {
	var buf bytes.Buffer
	if err := libgen.Generate(&buf, 5000, 4, 0); err != nil {
		t.Fatal(err)
	}
	lib := parseLib(t, [2]string{"gen.bib", buf.String()}, [2]string{"tricky.bib", trickyBib}, [2]string{"random.bib", randomBib(rand.New(rand.NewPCG(3, 4)), 2000)})
	var raws []string
	for _, e := range lib.Entries {
		for _, fd := range e.Fields() {
			if fd.Name == "author" || fd.Name == "editor" {
				raws = append(raws, bib.SplitNameList(fd.Value)...)
			}
		}
	}
	r := rand.New(rand.NewPCG(5, 6))
	pieces := []string{"a", "B", "von", "Van", "de", ",", " ", "  ", "-", "~", ".", "{", "}", `{\"u}`, `\"o`, "ü", "Ø", "{\\relax Ch}", "Jr", "others", "\u00a0", "\t", "李", "\xff", "'", "--"}
	for range 30000 {
		var b strings.Builder
		for range 1 + r.IntN(8) {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		raws = append(raws, b.String())
	}
	w := newWorker()
	for _, raw := range raws {
		sp := w.spell(raw)
		n := bib.ParseName(raw)
		if sp.name != n || (sp.group == nil) != n.IsOthers() || sp.commas != strings.Count(referenceDepth0(raw), ",") {
			t.Fatalf("%q: spell gives %+v", raw, sp)
		}
		if sp.group == nil {
			continue
		}
		key, full, plain := n.Spelling()
		if got := string(appendFull(nil, sp.first, sp.last)); sp.group.key != key || got != full {
			t.Errorf("%q: key %q, full %q; Spelling says %q, %q", raw, sp.group.key, got, key, full)
		}
		want := strings.FieldsFunc(strings.ToLower(plain.First), func(r rune) bool { return r == ' ' || r == '-' || r == '.' })
		if strings.Join(sp.first.words, "|") != strings.Join(want, "|") {
			t.Errorf("%q: first words %q, want %q", raw, sp.first.words, want)
		}
		if sp.last.suffix != suffixes[strings.ToLower(n.Last)] {
			t.Errorf("%q: suffix %v", raw, sp.last.suffix)
		}
	}
}

// TestAndWordsShortcut compares andWords, which finds each "and" by its
// n, with the words of strings.Fields, on random lists of "and"s, names
// and white space of every kind, invalid UTF-8 included.
func TestAndWordsShortcut(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 9))
	pieces := []string{"and", "AND", "aNd", "an", "nd", "andand", "band", "anda", "n", "N", "d", "a", " ", "  ", "\t", "\n", "\u00a0", "\u3000", "\u2028", "\u0085", "\xc2", "\xa0", "\xe3\x80", "x", "{", "}", "é", "Ø"}
	for range 200000 {
		var b strings.Builder
		for range 1 + r.IntN(9) {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		v := strings.TrimSpace(b.String())
		words := strings.Fields(v)
		and := func(i int) bool { return strings.ToLower(words[i]) == "and" }
		var start, end, double bool
		if len(words) > 0 {
			start, end = and(0), and(len(words)-1)
		}
		for i := 1; i < len(words); i++ {
			double = double || and(i-1) && and(i)
		}
		if s, e, d := andWords(v); s != start || e != end || d != double {
			t.Fatalf("andWords(%q) = %v, %v, %v; want %v, %v, %v", v, s, e, d, start, end, double)
		}
	}
}

// TestKnownCommandsMath checks onlyKnownCommands, which lets values with
// math skip the converter when every command is known, against
// latex.Unknown: each known command in math, and random strings of math,
// known and unknown commands. Removing "$" from the pieces, or adding an
// unknown command to knownCommands, is caught.
func TestKnownCommandsMath(t *testing.T) {
	var values []string
	for c := range knownCommands {
		values = append(values, `$\`+c+`{b}$`, `$x\`+c+`$`, `$\`+c+`_1^2$ a \`+c+` b`, `\(\`+c+`\)`, `$$\`+c+`$$`)
	}
	r := rand.New(rand.NewPCG(11, 12))
	pieces := []string{`$`, `$$`, `\(`, `\)`, `\[`, `\]`, `\times`, `\ell`, `\sqrt{`, `\mathbb{R}`, `\foo`, `\bar`, `\hat`, `\ensuremath{`, `\verb|\z|`, `\verb`, `\url{a\b}`, `\$`, `\'`, `\'e`, `\\`, `{`, `}`, `^`, `_`, `x`, ` `, `%`, `\%`, `\begin{x}`, `\end{x}`, `\text{`, `\c`, `\ss`, `\alpha`, `\log`}
	for range 100000 {
		var b strings.Builder
		for range 1 + r.IntN(8) {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		values = append(values, b.String())
	}
	known, math := 0, 0
	for _, v := range values {
		if !onlyKnownCommands(v) {
			continue
		}
		known++
		if strings.Contains(v, "$") {
			math++
		}
		if u := latex.Unknown(v); len(u) > 0 {
			t.Errorf("%q: onlyKnownCommands, but latex.Unknown finds %q", v, u)
		}
	}
	if known < len(values)/10 || math < known/10 {
		t.Errorf("the shortcut applies to %d of %d values only, %d with math", known, len(values), math)
	}
}

// TestDOIKeyShortcut checks that a DOI that ids.ParseDOI returns has
// ids.DOIKey doiKey (its ASCII letters lowercased), on the DOIs of a
// generated library and random strings around DOIs.
func TestDOIKeyShortcut(t *testing.T) {
	var buf bytes.Buffer
	if err := libgen.Generate(&buf, 5000, 5, 0.01); err != nil {
		t.Fatal(err)
	}
	lib := parseLib(t, [2]string{"gen.bib", buf.String()})
	var raws []string
	for _, e := range lib.Entries {
		for _, fd := range e.Fields() {
			if fd.Name == "doi" || fd.Name == "url" {
				raws = append(raws, fd.Value)
			}
		}
	}
	r := rand.New(rand.NewPCG(13, 14))
	pieces := []string{"10.", "1000", "1234.5", "/", "ABC", "abc", "Ä", "ß", "doi:", "DOI: ", "https://doi.org/", "http://dx.doi.org/", " ", ".", ",", ";", "(", ")", "{", "}", `\_`, "_", "-", "%2F", "#", "?", "x", "<", ">", "\"", "\xff", "urn:doi:", "info:doi/"}
	for range 100000 {
		var b strings.Builder
		for k := range 1 + r.IntN(10) {
			if k == 1 && r.IntN(2) == 0 {
				b.WriteString("10.1234/")
			}
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		raws = append(raws, b.String())
	}
	parsed := 0
	for _, raw := range raws {
		d, ok := ids.ParseDOI(strings.TrimSpace(raw))
		if !ok {
			continue
		}
		parsed++
		if got, want := doiKey(d), ids.DOIKey(d); got != want {
			t.Errorf("%q: doiKey %q, ids.DOIKey %q", d, got, want)
		}
	}
	if parsed < 20000 {
		t.Errorf("only %d DOIs", parsed)
	}
}

// TestAppendQuote compares appendQuote with strconv.AppendQuote.
func TestAppendQuote(t *testing.T) {
	r := rand.New(rand.NewPCG(15, 16))
	for range 100000 {
		b := make([]byte, r.IntN(12))
		for i := range b {
			b[i] = byte(r.IntN(256))
			if r.IntN(2) == 0 {
				b[i] = byte(' ' + r.IntN(95))
			}
		}
		s := string(b)
		if r.IntN(4) == 0 {
			s += "é"
		}
		if got, want := string(appendQuote([]byte("x"), s)), string(strconv.AppendQuote([]byte("x"), s)); got != want {
			t.Fatalf("appendQuote(%q) = %s, want %s", s, got, want)
		}
	}
}

// TestIsYear compares isYear with the regular expression it stands for.
func TestIsYear(t *testing.T) {
	re := regexp.MustCompile(`^[0-9]{4}$`)
	r := rand.New(rand.NewPCG(17, 18))
	for range 100000 {
		b := make([]byte, r.IntN(7))
		for i := range b {
			b[i] = "0123456789 /a\n٣"[r.IntN(15)]
		}
		if s := string(b); isYear(s) != re.MatchString(s) {
			t.Fatalf("isYear(%q) = %v", s, isYear(s))
		}
	}
	if !isYear("2020") || isYear("2020\n") || isYear("٣٣") {
		t.Fatal("isYear")
	}
}

// TestTexts checks that strings packed together keep their text as more
// are added.
func TestTexts(t *testing.T) {
	var tx texts
	var got, want []string
	r := rand.New(rand.NewPCG(19, 20))
	for i := range 20000 {
		s := strings.Repeat(strconv.Itoa(i), 1+r.IntN(40))
		if i%1000 == 0 {
			s = strings.Repeat("x", 40<<10) // longer than a buffer
		}
		got = append(got, tx.add([]byte(s)))
		want = append(want, s)
	}
	for i := range got {
		if got[i] != want[i] {
			t.Fatalf("string %d changed", i)
		}
	}
}

// TestSeq checks that the segments of a seq hold each batch's values in
// order, across chunks.
func TestSeq(t *testing.T) {
	var s seq[int]
	var batches [][][]int
	n := 0
	for b := range 50 {
		batches = append(batches, nil)
		s.begin(&batches[b])
		for range b * 97 {
			s.add(n)
			n++
		}
		s.end()
	}
	k := 0
	for b := range batches {
		for _, seg := range batches[b] {
			for _, v := range seg {
				if v != k {
					t.Fatalf("batch %d: %d, want %d", b, v, k)
				}
				k++
			}
		}
	}
	if k != n {
		t.Fatalf("%d values, want %d", k, n)
	}
}

// TestCompareMsg compares compareMsg, which compares the messages about
// two spellings by their first quoted names when these differ, with
// comparing the messages written out, on random names and keys.
func TestCompareMsg(t *testing.T) {
	r := rand.New(rand.NewPCG(27, 28))
	briefs := []brief{{key: "a"}, {key: "ab"}, {key: "b"}, {key: "a b"}, {key: "\\"}}
	names := []string{"A", "Ab", "Ab c", "A\"b", "A\\", "Ä", "A\x00", "A\"", "", " ", "AbAb"}
	text := func() *formText {
		f := &formText{quoted: strconv.Quote(names[r.IntN(len(names))]), n: int32(1 + r.IntN(5))}
		for i := range f.keys {
			f.keys[i] = int32(r.IntN(len(briefs)))
		}
		return f
	}
	warn := func() warning {
		if r.IntN(5) == 0 {
			return warning{msg: names[r.IntN(len(names))] + " (a) and x"}
		}
		return warning{spellings: &spellings{text(), text()}}
	}
	var scratch [2][]byte
	for range 100000 {
		a, b := warn(), warn()
		want := bytes.Compare(a.appendMsg(nil, briefs), b.appendMsg(nil, briefs))
		if got := compareMsg(&a, &b, briefs, &scratch); got != want {
			t.Fatalf("compareMsg(%s, %s) = %d, want %d", a.appendMsg(nil, briefs), b.appendMsg(nil, briefs), got, want)
		}
	}
}
