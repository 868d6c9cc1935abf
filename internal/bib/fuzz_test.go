package bib

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzParse checks, for any input: Parse and NewLibrary do not panic; the
// items cover the input exactly; every problem is an *Error with a valid
// position inside the file; every field's parts, read again by
// Field.Parts, are its value as written; the year and month NewLibrary
// keeps are what the fields give; printing the well-formed @-items
// canonically and parsing that again gives the same items; and
// nickng/bibtex, wherever it accepts the input, agrees.
func FuzzParse(f *testing.F) {
	for _, pattern := range []string{"testdata/*/*.bib", "../../refs/*.bib"} {
		paths, _ := filepath.Glob(pattern)
		for _, p := range paths {
			if src, err := os.ReadFile(p); err == nil {
				f.Add(src)
			}
		}
	}
	f.Add([]byte("@misc{a, title = \"x\" # jan # {y}}"))
	f.Add([]byte("@comment{@string{x = {y}}} @misc(k}, t = x)"))
	f.Fuzz(func(t *testing.T, src []byte) {
		file, err := Parse("fuzz.bib", src)
		var syntax ErrorList
		if err != nil && !errors.As(err, &syntax) {
			t.Fatalf("Parse error is %T, want ErrorList", err)
		}
		checkCover(t, file)
		for _, fd := range fieldsOf(file) {
			checkParts(t, file, fd.Field)
		}
		lib := NewLibrary([]*File{file}, syntax)
		for _, e := range lib.Diagnostics {
			if !e.Pos.IsValid() || e.Pos.Filename != "fuzz.bib" || e.Pos.Offset < 0 || e.Pos.Offset > len(src) {
				t.Fatalf("diagnostic with a bad position: %s (offset %d)", e.Diagnostic(), e.Pos.Offset)
			}
			_ = e.Error()
		}
		for _, e := range lib.Entries { // the dates NewLibrary keeps
			y, ok := e.Year()
			if wy, wok := e.year(); y != wy || ok != wok || e.Month() != e.month() {
				t.Fatalf("entry %q: cached date %d %v %d, its fields give %d %v %d", e.Key, y, ok, e.Month(), wy, wok, e.month())
			}
		}
		printed := canonical(file)
		again, err := Parse("again.bib", []byte(printed))
		if err != nil {
			t.Fatalf("canonical form does not parse: %v\n%s", err, printed)
		}
		if got := canonical(again); got != printed {
			t.Fatalf("parse -> print -> parse is not stable:\nfirst:\n%s\nsecond:\n%s", printed, got)
		}
		// Formatting: FormatTo writes what FormatFile returns, each
		// change's Old is its entry's text, and formatting is idempotent.
		for _, opt := range []FormatOptions{{}, {SortFields: true}} {
			out, changes := FormatFile(file, opt)
			var streamed strings.Builder
			changed, err := FormatTo(&streamed, file, opt)
			if err != nil || streamed.String() != out || len(changed) != len(changes) {
				t.Fatalf("FormatTo differs from FormatFile")
			}
			for i, c := range changes {
				if c.Entry != changed[i] || c.Old != entryText(file, c.Entry) || !strings.Contains(out, c.New) {
					t.Fatalf("change %d of entry %q is not where its entry is", i, c.Entry.Key)
				}
			}
			if len(syntax) == 0 {
				formatted, err := Parse("formatted.bib", []byte(out))
				if err != nil {
					t.Fatalf("formatted text does not parse: %v\n%s", err, out)
				}
				if again, ch := FormatFile(formatted, opt); again != out || len(ch) != 0 {
					t.Fatalf("formatting is not idempotent:\n%s\nthen:\n%s", out, again)
				}
			}
		}
		if compared, _, diff := nickngDiff(src); compared && len(diff) > 0 {
			t.Fatalf("nickng/bibtex disagrees:\n%s", strings.Join(diff, "\n"))
		}
	})
}

// entryText is an entry's text in its file.
func entryText(f *File, e *Entry) string { return f.Src[e.Start:e.End] }

// canonical prints the well-formed @-items of a file in a fixed layout,
// one per line, keeping values as written.
func canonical(f *File) string {
	var b strings.Builder
	for _, it := range f.Items {
		e := it.Entry
		if e == nil || e.Broken || it.Kind == KindComment {
			continue
		}
		open, close := "{", "}"
		if e.Delim == '(' || strings.ContainsAny(e.Key, "}") {
			open, close = "(", ")"
		}
		b.WriteString("@" + e.Type + open)
		switch it.Kind {
		case KindEntry:
			b.WriteString(e.Key + ",")
			for _, fd := range e.Fields() {
				b.WriteString("\n  " + fd.Name + " = " + printParts(fd.Parts(f)) + ",")
			}
		case KindString:
			b.WriteString(e.Key + " = " + printParts(e.FieldAt(0).Parts(f)))
		case KindPreamble:
			b.WriteString(printParts(e.FieldAt(0).Parts(f)))
		}
		b.WriteString("\n" + close + "\n")
	}
	return b.String()
}

func printParts(parts []Part) string {
	var out []string
	for _, p := range parts {
		switch p.Kind {
		case PartBraced:
			out = append(out, "{"+p.Text+"}")
		case PartQuoted:
			out = append(out, "\""+p.Text+"\"")
		default:
			out = append(out, p.Text)
		}
	}
	return strings.Join(out, " # ")
}

// FuzzNames checks name splitting on any input: no panic, the display
// forms and identity are computed, a name written in canonical form
// ("von Last, Jr, First") reads back as the same name, and the parser's
// shortcut (SimpleName) agrees with the parser and with Plain.
func FuzzNames(f *testing.F) {
	for _, s := range []string{"Ruthotto, Lars and L. Ruthotto", "Charles Louis Xavier Joseph de la Vall{\\'e}e Poussin",
		"Ford, Jr., Henry and others", "{\\relax Ch}ristopher Smith", "A and and B,", "Jean-Pierre Hansen", "{IEEE}",
		"José Müller and Łukasz Kaiser and Ørsted, H. C."} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, n := range ParseNames(s) {
			_, _, _, _ = n.Full(), n.Short(), n.LastFirst(), n.PersonKey()
			if !SamePerson(n, n) {
				t.Fatalf("%+v is not the same person as itself", n)
			}
		}
		for _, raw := range SplitNameList(s) {
			if first, last, ok := SimpleName(raw); ok {
				n, want := ParseName(raw), Name{First: first, Last: last}
				if n != want || n.Plain() != want {
					t.Fatalf("SimpleName(%q) = %q, %q; ParseName gives %+v, plain %+v", raw, first, last, n, n.Plain())
				}
			}
		}
		if b, ok := appendCanonicalNames(nil, s, nil); ok {
			canon := string(b)
			if got, want := ParseNames(canon), ParseNames(s); !cmpNames(got, want) {
				t.Fatalf("canonical %q reads as %+v, want %+v", canon, got, want)
			}
		}
	})
}

func cmpNames(a, b []Name) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
