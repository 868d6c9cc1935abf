package bib

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestParse checks how single inputs are split into items, what each holds,
// and the exact syntax errors. Values are shown before macro expansion
// (Parse alone fills in only literal values).
func TestParse(t *testing.T) {
	tests := []struct {
		name, src, want, errs string
	}{
		{
			name: "empty file",
			src:  "",
		},
		{
			name: "free text only",
			src:  "% just a comment\n",
			want: "1:1 text \"% just a comment\\n\"\n",
		},
		{
			name: "braced entry",
			src:  "@Article{Key1,\n  Title = {A {GPU} Study},\n  year = 2020,\n}\n",
			want: `1:1 entry article "Key1"
  title = {A {GPU} Study} => "A {GPU} Study"
  year = 2020 => "2020"
4:2 text "\n"
`,
		},
		{
			name: "parenthesised entry with parens and braces inside",
			src:  "@book(k, title = {f(x) = {y}}, note = \"a {\"} b\")",
			want: `1:1 entry book "k"
  title = {f(x) = {y}} => "f(x) = {y}"
  note = "a {"} b" => "a {\"} b"
`,
		},
		{
			name: "white space after @ and before delimiters",
			src:  "@ misc \n { k , title = {x} }",
			want: "1:1 entry misc \"k\"\n  title = {x} => \"x\"\n",
		},
		{
			name: "string, concatenation and macros",
			src:  "@string{jn = \"J. \" # {Num.}}\n@article{a, journal = jn # { } # 1999, month = jan}",
			want: `1:1 string string "jn"
  jn = "J. " # {Num.} => ""
1:29 text "\n"
2:1 entry article "a"
  journal = jn # { } # 1999 => ""
  month = jan => ""
`,
		},
		{
			name: "preamble",
			src:  `@preamble{ "\newcommand{\x}{y}" # "z" }`,
			want: "1:1 preamble preamble \"\"\n   = \"\\newcommand{\\x}{y}\" # \"z\" => \"\"\n",
		},
		{
			name: "comment does not consume its braces, as in BibTeX",
			src:  "@comment{ @misc{inner, title={t}} }",
			want: `1:1 comment
1:9 text "{ "
1:11 entry misc "inner"
  title = {t} => "t"
1:34 text " }"
`,
		},
		{
			name: "empty entry and trailing comma",
			src:  "@misc{a}\n@misc{b,}\n@misc{c, title={t},}",
			want: `1:1 entry misc "a"
1:9 text "\n"
2:1 entry misc "b"
2:10 text "\n"
3:1 entry misc "c"
  title = {t} => "t"
`,
		},
		{
			name: "key ends at white space; paren key may hold a brace",
			src:  "@misc(k}x, title={t})",
			want: "1:1 entry misc \"k}x\"\n  title = {t} => \"t\"\n",
		},
		{
			name: "at sign in free text that is not an item",
			src:  "mail me@example.org\n@misc{a, title={t}}",
			want: "1:1 text \"mail me@example.org\\n\"\n2:1 entry misc \"a\"\n  title = {t} => \"t\"\n",
			errs: "t.bib:1:8: error: expected \"{\" or \"(\" after \"@example.org\", found \"@\"\n",
		},
		{
			name: "missing comma after key keeps the entry",
			src:  "@article{test\n  title = {x}}\n@misc{b}",
			want: "1:1 entry article \"test\" broken\n2:3 text \"title = {x}}\\n\"\n3:1 entry misc \"b\"\n",
			errs: "t.bib:2:3: error: expected \",\" after the key \"test\", found \"t\"\n",
		},
		{
			name: "entry without a key keeps its fields",
			src:  "@article{ author = {A}, title = {T} }",
			want: "1:1 entry article \"\" broken nokey\n  author = {A} => \"A\"\n  title = {T} => \"T\"\n",
			errs: "t.bib:1:11: error: entry has no key (found field \"author\" first)\n",
		},
		{
			name: "missing comma between fields is reported and reading goes on",
			src:  "@misc{k, title = {T}\n year = 2020 }",
			want: "1:1 entry misc \"k\" broken\n  title = {T} => \"T\"\n  year = 2020 => \"2020\"\n",
			errs: "t.bib:2:2: error: missing \",\" between fields\n",
		},
		{
			name: "unclosed brace resumes at the next line starting with @",
			src:  "@misc{a, title = {open {x}\n@misc{b, title={t}}\n",
			want: "1:1 entry misc \"a\" broken\n2:1 entry misc \"b\"\n  title = {t} => \"t\"\n2:20 text \"\\n\"\n",
			errs: "t.bib:1:18: error: unbalanced braces: this \"{\" is never closed\n",
		},
		{
			name: "escaped brace counts as a brace, as in BibTeX",
			src:  "@misc{a, title = {a \\} b}}",
			want: "1:1 entry misc \"a\" broken\n  title = {a \\} => \"a \\\\\"\n1:24 text \"b}}\"\n",
			errs: "t.bib:1:24: error: expected \",\" or \"}\" after the value of \"title\", found \"b\"\n",
		},
		{
			name: "unbalanced close brace in a quoted value",
			src:  "@misc{a, title = \"x}\"}\n@misc{b}",
			want: "1:1 entry misc \"a\" broken\n1:20 text \"}\\\"}\\n\"\n2:1 entry misc \"b\"\n",
			errs: "t.bib:1:20: error: unbalanced \"}\" in a quoted value\n",
		},
		{
			name: "unterminated entry at end of file",
			src:  "@misc{a, title = {t}",
			want: "1:1 entry misc \"a\" broken\n  title = {t} => \"t\"\n",
			errs: "t.bib:1:1: error: entry \"a\" is not closed: expected \"}\" before the end of the file\n",
		},
		{
			name: "field name starting with a digit",
			src:  "@misc{a, 1title = {t}}",
			want: "1:1 entry misc \"a\" broken\n1:10 text \"1title = {t}}\"\n",
			errs: "t.bib:1:10: error: expected a field name or \"}\", found \"1\"\n",
		},
		{
			name: "missing equals sign",
			src:  "@misc{a, title {t}}",
			want: "1:1 entry misc \"a\" broken\n1:16 text \"{t}}\"\n",
			errs: "t.bib:1:16: error: expected \"=\" after the field name \"title\", found \"{\"\n",
		},
		{
			name: "missing value",
			src:  "@misc{a, title = , year = 1}",
			want: "1:1 entry misc \"a\" broken\n1:18 text \", year = 1}\"\n",
			errs: "t.bib:1:18: error: expected a value (\"{...}\", \"\\\"...\\\"\", a number or a string name), found \",\"\n",
		},
		{
			name: "lone at sign at end of file",
			src:  "x @",
			want: "1:1 text \"x @\"\n",
			errs: "t.bib:1:3: error: expected an entry type after \"@\", found end of file\n",
		},
		{
			name: "CRLF line endings and a byte order mark",
			src:  "\uFEFF@misc{a,\r\n  title = {t}\r\n}\r\n",
			want: "1:1 text \"\\ufeff\"\n1:1 entry misc \"a\"\n  title = {t} => \"t\"\n3:2 text \"\\r\\n\"\n",
		},
		{
			name: "deep nesting",
			src:  "@misc{a, title = {" + strings.Repeat("{", 5000) + strings.Repeat("}", 5000) + "}}",
			want: "1:1 entry misc \"a\"\n  title = {" + strings.Repeat("{", 5000) + strings.Repeat("}", 5000) + "} => \"" + strings.Repeat("{", 5000) + strings.Repeat("}", 5000) + "\"\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := Parse("t.bib", []byte(tt.src))
			if diff := cmp.Diff(tt.want, dump(f)); diff != "" {
				t.Errorf("items (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.errs, diagLines(err)); diff != "" {
				t.Errorf("errors (-want +got):\n%s", diff)
			}
			checkCover(t, f)
		})
	}
}

// checkCover asserts the invariant that makes edits lossless: the items
// cover the source exactly, in order.
func checkCover(t *testing.T, f *File) {
	t.Helper()
	var b strings.Builder
	off := 0
	for _, it := range f.Items {
		if it.Start != off || it.End < it.Start {
			t.Fatalf("item %v spans [%d,%d), want start %d", it.Kind, it.Start, it.End, off)
		}
		if it.Kind != KindText && (it.Entry == nil || it.Entry.Start != it.Start || it.Entry.End != it.End) {
			t.Fatalf("item %v at %d: entry span does not match", it.Kind, it.Start)
		}
		b.WriteString(f.Src[it.Start:it.End])
		off = it.End
	}
	if b.String() != f.Src {
		t.Fatalf("items do not reproduce the source")
	}
}
