package bib

import (
	"fmt"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/nickng/bibtex"
)

// nickng/bibtex is kept as an independent second implementation (see
// docs/adr/0001-own-bibtex-reader.md): wherever it accepts an input
// without error, both parsers must agree on keys, types and field values.
//
// Its known deviations, measured on v1.4.2, are normalised or excluded,
// never silently accepted:
//   - a quoted value loses its inner braces ("a {B} c" reads as "a B c"), so
//     quoted values are compared with braces removed on both sides;
//   - '#' concatenation keeps only the first part (BibComposite.Append's
//     result is dropped), so concatenated values are not compared;
//   - an undefined or differently cased macro stops the process with
//     log.Fatalf, so inputs that would trigger it are not given to it;
//   - a repeated field keeps the last value (a map), so entries with
//     repeated fields are not compared;
//   - an entry written with a comma but no field ("@misc{k, }") gets the
//     previous entry's first field (a stale parser value), so entries
//     without fields are not compared;
//   - bytes that are not UTF-8 become U+FFFD, so such values are not
//     compared;
//   - it drops entries silently (for example every entry after a "%"
//     line inside an entry), so only the entries it returns are compared;
//     how many entries there are is checked against BibTeX itself.

// nickngMu serialises calls: nickng/bibtex keeps parse state in package
// variables.
var nickngMu sync.Mutex

// nickngSafe reports whether nickng/bibtex can be given a file without
// stopping the process. It looks up every bare word it reads as a macro,
// so the file must read without syntax errors and every macro must be
// defined before use with the same case (or be a lowercase month), and
// every number must fit an int. It reads
// "@comment{...}" and "%" up to the end of the line as comments, so
// definitions there would be lost: no such file is given to it. Nor is a
// file with a NUL byte, which it reads otherwise than BibTeX.
func nickngSafe(f *File, syntaxErr error) bool {
	if syntaxErr != nil {
		return false
	}
	// nickng/bibtex drops a NUL byte that ends a key ("@a{0\x00,}" is
	// its @a{0}); BibTeX 0.99d keeps it in the key, as pubs does.
	if strings.IndexByte(f.Src, 0) >= 0 {
		return false
	}
	defined := map[string]bool{}
	for m := range MonthMacros {
		defined[m] = true
	}
	for _, it := range f.Items {
		if it.Entry == nil {
			continue
		}
		lineStart := strings.LastIndexByte(f.Src[:it.Start], '\n') + 1
		if it.Kind == KindComment || strings.Contains(f.Src[lineStart:it.Start], "%") {
			return false
		}
		for _, fd := range it.Entry.Fields() {
			for _, p := range fd.Parts(f) {
				// A number too large for strconv.Atoi is a macro name to it.
				// So is any number in a @preamble, where it expects no numbers.
				if (p.Kind == PartMacro && !defined[p.Text]) || (p.Kind == PartNumber && (len(p.Text) > 18 || it.Kind == KindPreamble)) {
					return false
				}
			}
		}
		if it.Kind == KindString {
			defined[it.Entry.Key] = true
		}
	}
	return true
}

// nickngDiff parses src with both parsers. compared is false when nickng
// was not given the input or rejected it; otherwise diff lists every
// disagreement (empty when they agree) and n counts the fields compared.
func nickngDiff(src []byte) (compared bool, n int, diff []string) {
	f, ourErr := Parse("x.bib", src)
	if !nickngSafe(f, ourErr) {
		return false, 0, nil
	}
	var theirs *bibtex.BibTex
	var err error
	func() {
		nickngMu.Lock()
		defer nickngMu.Unlock()
		defer func() {
			if r := recover(); r != nil {
				err = fmt.Errorf("panic: %v", r)
			}
		}()
		// A parse that fails inside a field leaves the package variable
		// parseField set, which breaks every later parse; a comma that
		// its scanner reads as a token (after an '@') resets it.
		_, _ = bibtex.Parse(strings.NewReader("@reset ,"))
		theirs, err = bibtex.Parse(strings.NewReader(string(src)))
	}()
	if err != nil {
		return false, 0, nil
	}
	lib := NewLibrary([]*File{f}, nil)
	// Entries are matched by key, repeated keys in order.
	ours := map[string][]*Entry{}
	for _, e := range lib.Entries {
		ours[e.Key] = append(ours[e.Key], e)
	}
	for _, t := range theirs.Entries {
		same := ours[t.CiteName]
		if len(same) == 0 {
			diff = append(diff, fmt.Sprintf("nickng/bibtex reads @%s{%s}, pubs does not", t.Type, t.CiteName))
			continue
		}
		e := same[0]
		ours[t.CiteName] = same[1:]
		if e.NumFields() == 0 {
			continue // it gives an empty "@misc{k, }" the previous entry's first field
		}
		if e.Type != t.Type {
			diff = append(diff, fmt.Sprintf("@%s{%s}: nickng/bibtex reads type %q", e.Type, e.Key, t.Type))
			continue
		}
		if hasRepeatedField(e) {
			continue
		}
		for name, v := range t.Fields {
			if name == "" || v == nil {
				continue // an empty tag, as in "@misc{k, }"
			}
			fd, ok := e.Field(strings.ToLower(name))
			if !ok {
				diff = append(diff, fmt.Sprintf("@%s{%s}: nickng/bibtex reads field %q, pubs does not", e.Type, e.Key, name))
				continue
			}
			parts := fd.Parts(e.File)
			if len(parts) != 1 || !utf8.ValidString(fd.Value) {
				continue // concatenation, or bytes it replaces with U+FFFD
			}
			want := fd.Value
			if parts[0].Kind == PartQuoted {
				want = strings.NewReplacer("{", "", "}", "").Replace(want)
			}
			n++
			if got := v.String(); got != want {
				diff = append(diff, fmt.Sprintf("@%s{%s}: %s = %q, nickng/bibtex %q", e.Type, e.Key, fd.Name, want, got))
			}
		}
	}
	return true, n, diff
}

func hasRepeatedField(e *Entry) bool {
	seen := map[string]bool{}
	for _, fd := range e.Fields() {
		if seen[fd.Name] {
			return true
		}
		seen[fd.Name] = true
	}
	return false
}
