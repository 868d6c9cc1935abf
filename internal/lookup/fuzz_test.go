package lookup

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"unicode"

	"github.com/pubs-dev/pubs/internal/bib"
	"github.com/pubs-dev/pubs/internal/ids"
	"github.com/pubs-dev/pubs/internal/latex"
	"github.com/pubs-dev/pubs/internal/lookup/lookuptest"
)

// hostile are texts a service could send to break a .bib file or a LaTeX
// run.
var hostile = []string{
	`\input{/etc/passwd}`, `\immediate\write18{rm -rf ~}`, `\catcode` + "`" + `\{=12`, `}}}{`, `{\`,
	`@comment{`, `%`, `#1`, `$x^2$`, `a & b`, `<i>x</b>`, `<mml:math><mml:mi>α</mml:mi></mml:math>`,
	`&lt;i&gt;`, `&amp;amp;`, "\x00\x1b[31m", "\u202e", `"quoted"`, `~`, `\\`, ` and `, `,`, `others`,
}

// checkWork writes w as an entry and checks that it reads back as one
// entry with no error.
func checkWork(t *testing.T, w *Work) {
	for _, ascii := range []bool{false, true} {
		key := UniqueKey(w.KeyBase(""), func(string) bool { return false })
		if len(key) > 2*maxKeyPart+20 {
			t.Fatalf("key of %d characters: %s", len(key), key)
		}
		text := w.Entry(key, EntryOptions{ASCII: ascii, Keywords: []string{`k}\x`}})
		f, err := bib.Parse("fuzz.bib", []byte(text))
		if err != nil {
			t.Fatalf("does not parse: %v\n%s", err, text)
		}
		lib := bib.NewLibrary([]*bib.File{f}, nil)
		if len(lib.Entries) != 1 || lib.Entries[0].Key != key {
			t.Fatalf("want 1 entry %q, got %d\n%s", key, len(lib.Entries), text)
		}
		if errs := lib.Diagnostics.Errors(); len(errs) > 0 {
			t.Fatalf("%v\n%s", errs, text)
		}
		if depth := braceDepth(text); depth != 0 {
			t.Fatalf("unbalanced braces (%d)\n%s", depth, text)
		}
		for _, fd := range lib.Entries[0].Fields() {
			for _, bad := range []string{`\input`, `\write`, `\catcode`, `\immediate`, `\def`} {
				if strings.Contains(fd.Value, bad) {
					t.Fatalf("field %s carries %s:\n%s", fd.Name, bad, text)
				}
			}
		}
		if msg := liveTeX(text); msg != "" {
			t.Fatalf("%s:\n%s", msg, text)
		}
	}
}

// liveTeX returns what in an entry written by Work.Entry could be TeX
// that the network chose, or "": a command that pubs does not write
// itself (every command must be one of the markup commands or one that
// latex.FromUnicode writes for some character: a command spelled by
// network letters, such as \input or \foo, fails), TeX's ^^ notation,
// and control characters (C0 but line ends, DEL, C1) or bidirectional
// overrides.
func liveTeX(text string) string {
	allowed := pubsCommands()
	for _, m := range controlSeq.FindAllString(text, -1) {
		if !allowed[m] {
			return "command " + m + " is not one pubs writes"
		}
	}
	if strings.Contains(text, "^^") {
		return "TeX's ^^ notation"
	}
	for _, r := range text {
		if (r < ' ' && r != '\n' && r != '\r') || (r >= 0x7f && r <= 0x9f) || isBidiControl(r) {
			return fmt.Sprintf("control character %U", r)
		}
	}
	return ""
}

var controlSeq = regexp.MustCompile(`\\(?:[A-Za-z]+|(?s:.))`)

// pubsCommands is every control sequence that the entry writer may write:
// the markup commands, the brace escapes, and those latex.FromUnicode
// writes for any one character (alone, or as an accent over a letter) in
// either mode.
var pubsCommands = sync.OnceValue(func() map[string]bool {
	set := map[string]bool{}
	for _, c := range markupCommand {
		set[c] = true
	}
	addAll := func(s string) {
		for _, m := range controlSeq.FindAllString(s, -1) {
			set[m] = true
		}
	}
	addAll(escape("{}", latex.KeepUTF8))
	for _, mode := range []latex.Mode{latex.KeepUTF8, latex.ASCII} {
		for r := rune(0); r < 0x20000; r++ {
			if r >= 0xd800 && r < 0xe000 {
				continue
			}
			addAll(latex.FromUnicode(string(r), mode))
			addAll(latex.FromUnicode("a"+string(r)+"b", mode))
			if unicode.Is(unicode.Mn, r) {
				addAll(latex.FromUnicode("o"+string(r), mode))
				addAll(latex.FromUnicode("\u0131"+string(r), mode))
			}
		}
		addAll(latex.FromUnicode("  x  y  ", mode))
	}
	return set
})

// braceDepth returns the final brace depth as BibTeX counts it: every
// brace counts, a backslash escapes none.
func braceDepth(s string) int {
	d := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '{':
			d++
		case '}':
			d--
			if d < 0 {
				return d
			}
		}
	}
	return d
}

func seedFiles(f *testing.F, suffix string) {
	dir, ok := lookuptest.FixtureDir()
	if !ok {
		return
	}
	matches, _ := filepath.Glob(filepath.Join(dir, "*"+suffix))
	for _, m := range matches {
		if b, err := os.ReadFile(m); err == nil {
			f.Add(b)
		}
	}
}

// FuzzCrossref feeds Crossref and CSL-JSON bodies to the mapping: no
// panic, and whatever maps must write a valid entry.
func FuzzCrossref(f *testing.F) {
	seedFiles(f, ".crossref.json")
	seedFiles(f, ".csl.json")
	for _, h := range hostile {
		f.Add([]byte(`{"status":"ok","message-type":"work","message":{"type":"journal-article","title":[` + jsonString(h) + `],"container-title":` + jsonString(h) +
			`,"author":[{"given":` + jsonString(h) + `,"family":` + jsonString(h) + `},{"name":` + jsonString(h) + `}],"page":` + jsonString(h) +
			`,"volume":` + jsonString(h) + `,"DOI":` + jsonString(h) + `,"issued":{"date-parts":[[2020,13]]}}}`))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		if w, err := ParseCrossref(body); err == nil {
			checkWork(t, w)
		}
		if w, err := ParseCSL(body); err == nil {
			checkWork(t, w)
		}
		if w, err := ParseDataCite(body); err == nil {
			checkWork(t, w)
		}
	})
}

// FuzzArXivAtom does the same for arXiv's Atom.
func FuzzArXivAtom(f *testing.F) {
	seedFiles(f, ".atom.xml")
	for _, h := range hostile {
		x := xmlEscape(h)
		f.Add([]byte(`<feed xmlns="http://www.w3.org/2005/Atom" xmlns:arxiv="http://arxiv.org/schemas/atom"><entry><id>http://arxiv.org/abs/1605.08386v1</id><title>` + x +
			`</title><published>2016</published><author><name>` + x + `</name></author><arxiv:primary_category term="` + x + `"/><arxiv:doi>` + x + `</arxiv:doi></entry></feed>`))
	}
	a, _ := ids.ParseArXiv("1605.08386")
	f.Fuzz(func(t *testing.T, body []byte) {
		if w, err := ParseArXivAtom(body, a); err == nil {
			checkWork(t, w)
		}
	})
}

// FuzzTitle checks the markup conversion alone.
func FuzzTitle(f *testing.F) {
	for _, h := range hostile {
		f.Add(h)
	}
	f.Add("Construction of <i>KRAS</i>/<i>NRAS</i> in <scp>ctDNA</scp> H<sub>2</sub>O x<sup>2</sup>")
	f.Fuzz(func(t *testing.T, s string) {
		checkWork(t, &Work{Type: "article", Title: s, Subtitle: s, Container: s, Publisher: s, Year: 2020,
			Authors: []Person{{Given: s, Family: s, Suffix: s}, {Literal: s}}, Pages: s, Volume: s, Version: s, Genre: s})
	})
}

func jsonString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteString(`\` + string(r))
		case r < 0x20:
			b.WriteString(`\u00`)
			b.WriteByte("0123456789abcdef"[r>>4])
			b.WriteByte("0123456789abcdef"[r&15])
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

func xmlEscape(s string) string {
	r := strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;", "\x00", "", "\x1b", "")
	return r.Replace(s)
}
