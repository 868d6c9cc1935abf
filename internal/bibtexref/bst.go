package bibtexref

import (
	"fmt"
	"sort"
	"strings"
)

// monthMacros are plain.bst's month macros.
const monthMacros = `MACRO {jan} {"January"}
MACRO {feb} {"February"}
MACRO {mar} {"March"}
MACRO {apr} {"April"}
MACRO {may} {"May"}
MACRO {jun} {"June"}
MACRO {jul} {"July"}
MACRO {aug} {"August"}
MACRO {sep} {"September"}
MACRO {oct} {"October"}
MACRO {nov} {"November"}
MACRO {dec} {"December"}
`

// reserved are the names a generated style cannot declare as fields or
// functions: BibTeX's built-in functions and variables, the predefined
// field crossref, and default.type (which call.type$ needs). Names that
// start with "zz." are reserved for this package as well.
var reserved = func() map[string]bool {
	m := map[string]bool{}
	for _, name := range strings.Fields(`
		= > < + - * :=
		add.period$ call.type$ change.case$ chr.to.int$ cite$ duplicate$
		empty$ format.name$ if$ int.to.chr$ int.to.str$ missing$ newline$
		num.names$ pop$ preamble$ purify$ quote$ skip$ stack$ substring$
		swap$ text.length$ text.prefix$ top$ type$ warning$ while$ width$
		write$
		sort.key$ entry.max$ global.max$
		crossref default.type`) {
		m[name] = true
	}
	return m
}()

func isReserved(name string) bool {
	return reserved[name] || strings.HasPrefix(name, "zz.")
}

// isIDByte reports whether b may appear in a BibTeX identifier (in a .bib
// as well as in a .bst): anything but white space and "#%'(),={}.
func isIDByte(b byte) bool {
	switch b {
	case ' ', '\t', '\n', '\r', '"', '#', '%', '\'', '(', ')', ',', '=', '{', '}':
		return false
	}
	return true
}

func isSpace(b byte) bool { return b == ' ' || b == '\t' || b == '\n' || b == '\r' }

// lowerASCII lowercases A-Z only, as BibTeX does.
func lowerASCII(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

// scanNames returns the candidate field names and entry types in the given
// .bib contents, lowercased, deduplicated and sorted, without the names a
// style cannot declare (see isReserved).
//
// A candidate field name is an identifier (a maximal run of identifier
// bytes, not starting with a digit) followed by optional white space and
// "=". A candidate entry type is an identifier after "@" and optional white
// space. When a name is both, it stays a field (a .bst function and a field
// cannot share a name, and type$ then gives "" for that type) unless it
// never follows a comma: BibTeX reads a field name only after a comma (and
// white space), so such a candidate, e.g. the name of an @string, cannot be
// a field of any entry.
func scanNames(contents [][]byte) (fields, types []string) {
	loose := map[string]bool{}  // identifiers followed by "="
	strict := map[string]bool{} // ... and preceded by ","
	tset := map[string]bool{}
	for _, c := range contents {
		n := len(c)
		for i := 0; i < n; {
			if !isIDByte(c[i]) {
				i++
				continue
			}
			j := i
			for j < n && isIDByte(c[j]) {
				j++
			}
			// c[i:j] is a maximal identifier run.
			k := j
			for k < n && isSpace(c[k]) {
				k++
			}
			if k < n && c[k] == '=' && !isDigit(c[i]) {
				name := lowerASCII(string(c[i:j]))
				loose[name] = true
				p := i - 1
				for p >= 0 && isSpace(c[p]) {
					p--
				}
				if p >= 0 && c[p] == ',' {
					strict[name] = true
				}
			}
			i = j
		}
		for i := 0; i < n; i++ {
			if c[i] != '@' {
				continue
			}
			k := i + 1
			for k < n && isSpace(c[k]) {
				k++
			}
			j := k
			for j < n && isIDByte(c[j]) {
				j++
			}
			if j > k && !isDigit(c[k]) {
				tset[lowerASCII(string(c[k:j]))] = true
			}
		}
	}
	for t := range tset {
		switch t {
		case "comment", "preamble", "string":
			continue
		}
		if isReserved(t) || strict[t] {
			continue
		}
		types = append(types, t)
		delete(loose, t)
	}
	for f := range loose {
		if !isReserved(f) {
			fields = append(fields, f)
		}
	}
	sort.Strings(fields)
	sort.Strings(types)
	return fields, types
}

func isDigit(b byte) bool { return '0' <= b && b <= '9' }

// chunksFn writes the string on top of the stack as chunk lines and pops
// it: "@@+", up to 60 bytes of the string, "|". A chunk line thus stays
// below the 79 characters at which write$ starts wrapping lines, and the
// "|" keeps trailing spaces from being stripped.
const chunksFn = `FUNCTION {zz.chunks}
{ { duplicate$ "" = #0 = }
    { duplicate$ #1 #60 substring$ "@@+" swap$ * "|" * write$ newline$
      #61 #1000000000 substring$
    }
  while$
  pop$
}
`

// readStyle generates the .bst for Read and returns it with the list of
// field names it reports; field i is reported as "@@F i". For every entry
// the style writes
//
//	@@E          followed by the chunks of cite$
//	@@T          followed by the chunks of type$
//	@@F <i>      followed by the chunks of the value, for each field i that is not missing$
//
// and after the last entry "@@P" followed by the chunks of preamble$, then
// "@@Z". A chunk line is "@@+" then up to 60 bytes of the string then "|".
func readStyle(contents [][]byte) (bst string, fields []string) {
	declared, types := scanNames(contents)
	fields = append([]string{"crossref"}, declared...)
	var b strings.Builder
	b.WriteString("% generated by bibtexref\nENTRY\n  {\n")
	for _, f := range declared {
		b.WriteString("    " + f + "\n")
	}
	b.WriteString("  }\n  {}\n  {}\n\n")
	b.WriteString(monthMacros)
	b.WriteString("\n" + chunksFn + "\n")
	// zz.field: value and "@@F i" on the stack.
	b.WriteString("FUNCTION {zz.field}\n{ swap$ duplicate$ missing$\n    { pop$ pop$ }\n    { swap$ write$ newline$ zz.chunks }\n  if$\n}\n\n")
	b.WriteString("FUNCTION {default.type}\n{ \"@@E\" write$ newline$ cite$ zz.chunks\n  \"@@T\" write$ newline$ type$ zz.chunks\n")
	for i, f := range fields {
		fmt.Fprintf(&b, "  %s \"@@F %d\" zz.field\n", f, i)
	}
	b.WriteString("}\n\n")
	for _, t := range types {
		b.WriteString("FUNCTION {" + t + "} { default.type }\n")
	}
	b.WriteString("\nFUNCTION {zz.end}\n{ \"@@P\" write$ newline$ preamble$ zz.chunks\n  \"@@Z\" write$ newline$\n}\n\n")
	b.WriteString("READ\n\nITERATE {call.type$}\n\nEXECUTE {zz.end}\n")
	return b.String(), fields
}

// namesStyle is the .bst for SplitNames. For the entry with key n<idx> it
// writes "@@C <idx> <num.names$>", then for each name i "@@N <idx> <i>"
// followed by the four parts "@@f", "@@v", "@@l", "@@j", each followed by
// the chunks of the part (see readStyle), and at the end "@@Z".
const namesStyle = `% generated by bibtexref
ENTRY { author } {} {}

INTEGERS { zz.n zz.i }

` + chunksFn + `
FUNCTION {zz.idx} { cite$ #2 #1000000000 substring$ }

FUNCTION {default.type}
{ author num.names$ 'zz.n :=
  "@@C " zz.idx * " " * zz.n int.to.str$ * write$ newline$
  #1 'zz.i :=
  { zz.i zz.n > #0 = }
    { "@@N " zz.idx * " " * zz.i int.to.str$ * write$ newline$
      "@@f" write$ newline$ author zz.i "{ff}" format.name$ zz.chunks
      "@@v" write$ newline$ author zz.i "{vv}" format.name$ zz.chunks
      "@@l" write$ newline$ author zz.i "{ll}" format.name$ zz.chunks
      "@@j" write$ newline$ author zz.i "{jj}" format.name$ zz.chunks
      zz.i #1 + 'zz.i :=
    }
  while$
}

FUNCTION {misc} { default.type }

FUNCTION {zz.end} { "@@Z" write$ newline$ }

READ

ITERATE {call.type$}

EXECUTE {zz.end}
`
