package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/pubs-dev/pubs/internal/lookup/lookuptest"
)

// hostileText is metadata a DOI's registrant could send to attack a .bib
// file, a LaTeX run or a web page.
const hostileText = `\input{/etc/passwd} \immediate\write18{rm -rf ~} \catcode` + "`" + `\{=12 ^^5cinput ^^5c^^5c ` +
	`}}}{ {\ @comment{ @misc{evil, title={x}} <script>alert(1)</script> <img src=x onerror=alert(1)> ` +
	`"onmouseover=alert(1) [click](javascript:alert(1)) ![](data:text/html,x) 50% & $x^2$ #1 _ ~ \\ ` +
	"\x00NUL \x01\x07\x1b[31mred\x7f \u0085 \u202eevil\u202c"

// pubsWrites are the commands 'pubs add' may write in a UTF-8 entry: the
// escapes of latex.FromUnicode for ASCII specials and spaces, the brace
// escapes, and the markup commands.
var pubsWrites = map[string]bool{
	`\textbackslash`: true, `\textbraceleft`: true, `\textbraceright`: true, `\textless`: true, `\textgreater`: true,
	`\textbar`: true, `\textasciigrave`: true, `\textasciicircum`: true, `\textasciitilde`: true,
	`\textit`: true, `\textbf`: true, `\textsc`: true, `\textsubscript`: true, `\textsuperscript`: true,
	`\&`: true, `\%`: true, `\$`: true, `\#`: true, `\_`: true, `\ `: true, `\,`: true, `\;`: true, `\:`: true,
	`\quad`: true, `\enspace`: true, `\textcompwordmark`: true,
}

// mdLink is a Markdown link or image to a javascript: or data: URL: a "]("
// whose "]" is not escaped.
var mdLink = regexp.MustCompile(`(?:^|[^\\])\]\(\s*<?\s*(?:javascript|data|vbscript):`)

var texCommand = regexp.MustCompile(`\\(?:[A-Za-z]+|(?s:.))`)

// TestAddHostileMetadata adds a DOI whose every text field is hostile,
// then exports the library. The entry (a) reads back with no error as
// exactly one entry, (b) holds no TeX command but those pubs writes (no
// \input, \write18, \catcode from the network; no ^^ notation), no
// control characters or bidirectional overrides, no "@" that starts an
// entry; and (c) the HTML, Markdown and LaTeX exports carry none of it
// as markup, links or commands.
func TestAddHostileMetadata(t *testing.T) {
	const doi = "10.9999/hostile"
	srv := lookuptest.NewFake(func(string) map[string]any {
		return map[string]any{
			"type":            "journal-article",
			"title":           []string{"A " + hostileText},
			"subtitle":        []string{hostileText},
			"container-title": []string{hostileText},
			"publisher":       hostileText,
			"author": []map[string]string{
				{"given": `\immediate\write18{id}`, "family": "}{@misc{evil, " + hostileText},
				{"name": hostileText},
			},
			"volume": `1}\input{x}`,
			"issue":  "^^5c",
			"page":   "<b>1</b>-" + hostileText,
			"URL":    "javascript:alert(1)",
			"issued": map[string]any{"date-parts": [][]int{{2020, 1}}},
		}
	})
	defer srv.Close()
	orig := smallLibrary(3)
	dir := writeLib(t, orig, 0o644)
	env := fakeEnv(srv.Endpoints())
	r := runPubs(t, dir, env, time.Minute, "--bib", "lib.bib", "add", doi)
	if r.code != 0 {
		t.Fatalf("pubs add: exit %d\n%s", r.code, r.stderr)
	}
	data, err := os.ReadFile(filepath.Join(dir, "lib.bib"))
	if err != nil {
		t.Fatal(err)
	}
	entry := strings.TrimPrefix(string(data[len(orig):]), "\n")
	t.Logf("the entry:\n%s", entry)

	// (a) One more entry, no error; the old entries as they were.
	lib := parseLibrary(t, "lib.bib", data)
	if len(lib.Entries) != 5 || lib.Entries[4].Get("doi") != doi || lib.Entries[3].Key != "last" {
		t.Fatalf("%d entries; want the 4 old ones and the new one", len(lib.Entries))
	}
	if k := lib.Entries[4].Key; len(k) > 68 {
		t.Errorf("a key of %d characters: %s", len(k), k)
	}
	if r := runPubs(t, dir, env, time.Minute, "--bib", "lib.bib", "check"); r.code != 0 {
		t.Errorf("pubs check: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}

	// (b) Nothing live in the entry.
	for _, m := range texCommand.FindAllString(entry, -1) {
		if !pubsWrites[m] {
			t.Errorf("the entry has the command %q, which pubs does not write", m)
		}
	}
	for _, bad := range []string{"^^", "<script", "<img", "\n@", "\u202e"} {
		if strings.Contains(entry, bad) {
			t.Errorf("the entry holds %q", bad)
		}
	}
	for _, c := range entry {
		if (c < ' ' && c != '\n') || (c >= 0x7f && c <= 0x9f) {
			t.Errorf("the entry holds the control character %U", c)
		}
	}
	if braceDepth(entry) != 0 {
		t.Errorf("brace depth %d", braceDepth(entry))
	}

	// (c) The exports.
	export := func(format string) string {
		r := runPubs(t, dir, env, time.Minute, "--bib", "lib.bib", "export", "--format", format)
		if r.code != 0 || !strings.Contains(r.stdout, "Lovelace") && !strings.Contains(r.stdout, "evil") {
			t.Fatalf("pubs export --format %s: exit %d\n%s", format, r.code, r.stderr)
		}
		if strings.ContainsRune(r.stdout, 0) || strings.ContainsRune(r.stdout, '\u202e') {
			t.Errorf("%s: a NUL or a bidirectional override", format)
		}
		return r.stdout
	}
	html := strings.ToLower(export("html"))
	for _, bad := range []string{"<script", "<img", `href="javascript:`, `src="data:`, `"onmouseover`, " onerror="} {
		if strings.Contains(html, bad) {
			t.Errorf("HTML export holds %q", bad)
		}
	}
	md := strings.ToLower(export("markdown"))
	for _, bad := range []string{"<script", "<img"} {
		if strings.Contains(md, bad) {
			t.Errorf("Markdown export holds %q", bad)
		}
	}
	if m := mdLink.FindString(md); m != "" {
		t.Errorf("Markdown export holds the link %q", m)
	}
	tex := export("latex")
	for _, bad := range []string{`\input`, `\write`, `\immediate`, `\catcode`, "^^"} {
		if strings.Contains(tex, bad) {
			t.Errorf("LaTeX export holds %q", bad)
		}
	}
	if d := texBraceDepth(tex); d != 0 {
		t.Errorf("LaTeX export: unbalanced braces (%d)", d)
	}
}

// braceDepth counts braces as BibTeX does: every one counts.
func braceDepth(s string) int {
	d := 0
	for _, c := range s {
		switch c {
		case '{':
			d++
		case '}':
			if d--; d < 0 {
				return d
			}
		}
	}
	return d
}

// texBraceDepth counts braces as TeX does: \{ and \} are not braces (nor
// is a brace after \\, which is a line break).
func texBraceDepth(s string) int {
	d := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\\':
			i++ // the next character is escaped, whatever it is
		case '{':
			d++
		case '}':
			if d--; d < 0 {
				return d
			}
		}
	}
	return d
}
