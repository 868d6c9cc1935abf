package query

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/pubs-dev/pubs/internal/bib"
	"github.com/pubs-dev/pubs/internal/latex"
)

// Filter is a parsed filter expression: a conjunction of terms, each of
// which may be negated. The language (docs/filters.md):
//
//	type:article,inproceedings   entry type, any of a comma-separated list
//	year:2020  year:2019..2022   year or year range (also year>=2020,
//	year>2019  year<=2022        year<2023, year=2020)
//	keyword:selected  kw:talk    a keyword (any of a list)
//	author:Ruthotto              an author or editor whose name contains it
//	key:haber2017stable          the entry's key (any of a list)
//	is:talk  is:preprint         a talk or a preprint (see docs/talks.md)
//	has:doi                      the field is present and not empty
//	journal:"Inverse Problems"   any other field contains the text
//	"free text"  word            title, names or venue contain it
//	-TERM                        negation: the entry must not match TERM
//
// Words and values compare without regard to case, LaTeX converted to
// Unicode (so author:Müller finds M{\"u}ller).
type Filter struct {
	terms []term
	src   string
}

type term struct {
	neg   bool
	match func(*view) bool
}

// view caches what several terms of one filter need from an entry.
type view struct {
	e     *bib.Entry
	names []string // lowercased full names of authors and editors
	text  string   // lowercased title, names and venue
}

func (v *view) nameList() []string {
	if v.names == nil {
		v.names = []string{}
		for _, field := range [...]string{"author", "editor"} {
			for _, n := range bib.ParseNames(v.e.Get(field)) {
				v.names = append(v.names, strings.ToLower(n.Full()))
			}
		}
	}
	return v.names
}

func (v *view) haystack() string {
	if v.text == "" {
		v.text = strings.ToLower(strings.Join(append(append([]string{}, v.nameList()...), latex.ToText(v.e.Get("title")), latex.ToText(v.e.Venue())), "\n"))
	}
	return v.text
}

// String returns the filter as it was written.
func (f *Filter) String() string {
	if f == nil {
		return ""
	}
	return f.src
}

// Match reports whether the entry matches every term. A nil or empty
// filter matches every entry.
func (f *Filter) Match(e *bib.Entry) bool {
	if f.MatchesAll() {
		return true // without a view, which would escape
	}
	return f.match(&view{e: e})
}

func (f *Filter) match(v *view) bool {
	for _, t := range f.terms {
		if t.match(v) == t.neg {
			return false
		}
	}
	return true
}

// MatchesAll reports whether the filter matches every entry: it has no
// terms.
func (f *Filter) MatchesAll() bool { return f == nil || len(f.terms) == 0 }

// A Matcher matches entries against a filter as [Filter.Match] does,
// reusing its memory from one entry to the next: a caller that matches
// many entries makes one per goroutine.
type Matcher struct {
	f *Filter
	v view
}

// Matcher returns a new Matcher of the filter.
func (f *Filter) Matcher() *Matcher { return &Matcher{f: f} }

// Match reports whether the entry matches the filter.
func (m *Matcher) Match(e *bib.Entry) bool {
	if m.f.MatchesAll() {
		return true
	}
	m.v = view{e: e}
	return m.f.match(&m.v)
}

// And returns a filter that matches what both f and g match.
func (f *Filter) And(g *Filter) *Filter {
	switch {
	case f == nil:
		return g
	case g == nil:
		return f
	}
	src := strings.TrimSpace(f.src + " " + g.src)
	return &Filter{terms: append(append([]term{}, f.terms...), g.terms...), src: src}
}

// ParseFilter reads a filter expression. Several arguments are read as
// one expression joined by spaces, so that the words of a command line can
// be passed as they came; a phrase is quoted inside the expression
// (pubs list '"neural network"').
func ParseFilter(args ...string) (*Filter, error) {
	f := &Filter{src: strings.Join(args, " ")}
	for _, arg := range args {
		toks, err := tokenize(arg)
		if err != nil {
			return nil, err
		}
		for _, tok := range toks {
			t, err := parseTerm(tok)
			if err != nil {
				return nil, err
			}
			f.terms = append(f.terms, t)
		}
	}
	return f, nil
}

// token is one term as written: an optional '-', a key with its operator
// ("year>=") and a value, or a bare word or phrase.
type token struct {
	neg    bool
	key    string // lowercased, empty for free text
	op     string // ":", "=", ">=", ">", "<=", "<"
	value  string
	quoted bool // the value was a "phrase"
}

// tokenize splits a filter expression into terms.
func tokenize(s string) ([]token, error) {
	var out []token
	i := 0
	for {
		for i < len(s) && isSpace(s[i]) {
			i++
		}
		if i == len(s) {
			return out, nil
		}
		var t token
		if s[i] == '-' {
			if i+1 == len(s) || isSpace(s[i+1]) {
				return nil, fmt.Errorf("filter %q: '-' must be followed by a term", s)
			}
			t.neg = true
			i++
		}
		// key and operator
		j := i
		for j < len(s) && (isKeyChar(s[j])) {
			j++
		}
		if j > i && j < len(s) {
			for _, op := range [...]string{">=", "<=", ":", "=", ">", "<"} {
				if strings.HasPrefix(s[j:], op) {
					t.key, t.op = strings.ToLower(s[i:j]), op
					i = j + len(op)
					break
				}
			}
		}
		// value
		if i < len(s) && s[i] == '"' {
			end := strings.IndexByte(s[i+1:], '"')
			if end < 0 {
				return nil, fmt.Errorf("filter %q: unclosed quote", s)
			}
			t.value, t.quoted = s[i+1:i+1+end], true
			i += end + 2
		} else {
			j := i
			for j < len(s) && !isSpace(s[j]) {
				j++
			}
			t.value = s[i:j]
			i = j
		}
		if t.key != "" && t.value == "" {
			return nil, fmt.Errorf("filter %q: %s%s needs a value", s, t.key, t.op)
		}
		if t.key == "" && t.value == "" && !t.quoted {
			continue
		}
		out = append(out, t)
	}
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

func isKeyChar(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_' || c == '+' || c == '.'
}

func parseTerm(t token) (term, error) {
	if t.key != "" && t.key != "year" && t.op != ":" && t.op != "=" {
		return term{}, fmt.Errorf("filter %s%s%s: only year compares with %s", t.key, t.op, t.value, t.op)
	}
	list := func() []string {
		var out []string
		for _, v := range strings.Split(t.value, ",") {
			if v = strings.TrimSpace(v); v != "" {
				out = append(out, v)
			}
		}
		return out
	}
	var m func(*view) bool
	switch t.key {
	case "":
		m = matchText(t.value)
	case "type":
		m = matchType(list())
	case "year":
		r, err := yearTerm(t.op, t.value)
		if err != nil {
			return term{}, err
		}
		m = matchYears(r)
	case "keyword", "keywords", "kw", "tag":
		m = matchKeyword(list())
	case "author":
		m = matchAuthor(list())
	case "key":
		keys := list()
		m = func(v *view) bool { return anyFold(keys, v.e.Key) }
	case "is":
		switch strings.ToLower(t.value) {
		case "talk":
			m = func(v *view) bool { return v.e.IsTalk() }
		case "preprint":
			m = func(v *view) bool { return v.e.IsPreprint() }
		case "selected":
			m = matchKeyword([]string{"selected"})
		default:
			return term{}, fmt.Errorf("filter is:%s: want is:talk, is:preprint or is:selected", t.value)
		}
	case "has":
		field := strings.ToLower(t.value)
		m = func(v *view) bool { return strings.TrimSpace(v.e.Get(field)) != "" }
	default:
		field, w := t.key, strings.ToLower(t.value)
		m = func(v *view) bool {
			val := v.e.Get(field)
			return val != "" && strings.Contains(strings.ToLower(latex.ToText(val)), w)
		}
	}
	return term{neg: t.neg, match: m}, nil
}

// The conditions a term can check; flags and filter words share them.

func matchText(word string) func(*view) bool {
	w := strings.ToLower(word)
	return func(v *view) bool { return strings.Contains(v.haystack(), w) }
}

func matchType(types []string) func(*view) bool {
	return func(v *view) bool { return anyFold(types, v.e.Type) }
}

func matchYears(r YearRange) func(*view) bool {
	return func(v *view) bool {
		y, ok := v.e.Year()
		return ok && (r.Min == 0 || y >= r.Min) && (r.Max == 0 || y <= r.Max)
	}
}

func matchKeyword(kws []string) func(*view) bool {
	return func(v *view) bool { return anyKeyword(kws, v.e.Keywords()) }
}

func matchAuthor(names []string) func(*view) bool {
	return func(v *view) bool { return anyAuthor(names, v.nameList()) }
}

func yearTerm(op, value string) (YearRange, error) {
	if op == ":" || op == "=" {
		return ParseYearRange(value)
	}
	y, err := parseYear(value)
	if err != nil || y == 0 {
		return YearRange{}, fmt.Errorf("filter year%s%s: want a year such as 2020", op, value)
	}
	switch op {
	case ">=":
		return YearRange{Min: y}, nil
	case ">":
		return YearRange{Min: y + 1}, nil
	case "<=":
		return YearRange{Max: y}, nil
	default: // "<"
		if y == 1 {
			return YearRange{}, fmt.Errorf("filter year<1 matches nothing")
		}
		return YearRange{Max: y - 1}, nil
	}
}

// FromQuery turns the list command's flags into a filter, so that flags
// and filter words combine as one conjunction.
func FromQuery(q Query) *Filter {
	f := &Filter{}
	var src []string
	add := func(s string, m func(*view) bool) {
		f.terms = append(f.terms, term{match: m})
		src = append(src, s)
	}
	if len(q.Types) > 0 {
		add("type:"+strings.Join(q.Types, ","), matchType(q.Types))
	}
	if q.Years != (YearRange{}) {
		add("year:"+q.Years.String(), matchYears(q.Years))
	}
	if len(q.Keywords) > 0 {
		add("keyword:"+strings.Join(q.Keywords, ","), matchKeyword(q.Keywords))
	}
	if len(q.Authors) > 0 {
		add("author:"+strings.Join(q.Authors, ","), matchAuthor(q.Authors))
	}
	for _, w := range q.Text {
		add(strconv.Quote(strings.ToLower(w)), matchText(w))
	}
	f.src = strings.Join(src, " ")
	return f
}

// String renders a range as ParseYearRange reads it.
func (r YearRange) String() string {
	lo, hi := "", ""
	if r.Min != 0 {
		lo = strconv.Itoa(r.Min)
	}
	if r.Max != 0 {
		hi = strconv.Itoa(r.Max)
	}
	if lo == hi {
		return lo
	}
	return lo + ".." + hi
}
