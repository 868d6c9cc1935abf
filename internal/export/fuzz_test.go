package export

import (
	"bytes"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/pubs-dev/pubs/internal/bib"
)

// templateElements are the elements the built-in HTML template writes;
// field text must never add another.
var templateElements = map[string]bool{
	"html": true, "head": true, "body": true, "div": true, "section": true, "h2": true, "h3": true,
	"ul": true, "ol": true, "li": true, "span": true, "strong": true, "em": true, "code": true,
	"sup": true, "a": true, "details": true, "summary": true, "pre": true, "time": true, "p": true,
	"script": true,
}

var liveTeX = regexp.MustCompile(`\\(input|include|write|immediate|openin|openout|read|catcode|csname|def|edef|gdef|let|directlua|special|usepackage)([^a-zA-Z@]|$)`)

// FuzzExport feeds fuzzer-chosen text into the fields of an entry and
// renders it in HTML, Markdown and LaTeX. Oracles: no panic; the HTML has
// only the template's elements, no event handler and no unsafe link; the
// Markdown has no raw HTML and only safe link targets; the LaTeX has
// balanced braces, no live file, shell or catcode command, and no ^^.
func FuzzExport(f *testing.F) {
	seeds := []struct{ title, author, venue, url string }{
		{`Sparse $\ell_1$ \emph{robust} {PDE}`, `M{\"u}ller, J{\"o}rg and Ruthotto, Lars`, `J. of <Things> & {Stuff}`, `https://example.org/~a_b#c`},
		{`<script>alert(1)</script> [x](javascript:alert(1))`, `"onmouseover=alert(1) x" and \input{/etc/passwd}, M`, `\def\x{\input{/etc/passwd}}\x`, `javascript:alert(1)`},
		{`50% off & #1 snake_case x^2 ^^5cinput \write18{id}`, `{\relax Ch}ristopher`, `$\catcode$`, ` JaVaScRiPt:alert(1)`},
		{"`code` **bold** <b>raw</b> &amp; \\", "a and and b", "# heading\n- item", "data:text/html,x"},
	}
	for _, s := range seeds {
		f.Add(s.title, s.author, s.venue, s.url)
	}
	f.Fuzz(func(t *testing.T, title, author, venue, url string) {
		src := "@article{k,\n  title = {" + title + "},\n  author = {" + author + "},\n  journal = {" + venue +
			"},\n  url = {" + url + "},\n  url_pdf = {" + url + "},\n  year = 2020,\n}\n"
		file, err := bib.Parse("f.bib", []byte(src))
		if err != nil || len(file.Items) == 0 {
			return // not one well-formed entry: the reader's fuzz target covers that
		}
		lib := bib.NewLibrary([]*bib.File{file}, nil)
		if len(lib.Entries) != 1 || len(lib.Diagnostics.Errors()) > 0 {
			return
		}
		doc, err := Build(lib.Entries, Options{Owner: owner, Abstract: true})
		if err != nil {
			t.Fatal(err)
		}
		render := func(format string, ropt RenderOptions) string {
			var b bytes.Buffer
			if err := Render(&b, format, doc, ropt); err != nil {
				t.Fatalf("%s: %v", format, err)
			}
			return b.String()
		}

		// The direct writers (the default) must equal the templates they
		// implement, and both must pass the oracles.
		for _, standalone := range []bool{false, true} {
			for _, f := range writerLayouts {
				compareWriter(t, "fuzz, "+f.String(), f, doc, standalone, templatePage(t, "fuzz", f, doc, standalone))
			}
		}
		for _, ropt := range []RenderOptions{{Standalone: true}, {Standalone: true, JSONLD: true}} {
			checkFuzzHTML(t, render("html", ropt))
		}

		// Markdown: every "<" is escaped or opens a link target <...>.
		md := render("markdown", RenderOptions{})
		for i := strings.IndexByte(md, '<'); i >= 0; i = nextByte(md, '<', i) {
			if !(i > 0 && md[i-1] == '\\') && !(i > 1 && md[i-2:i] == "](") {
				t.Fatalf("unescaped < at %d in:\n%s", i, md)
			}
		}
		for _, m := range regexp.MustCompile(`\]\(<([^>]*)>\)`).FindAllStringSubmatch(md, -1) {
			if SafeURL(m[1]) != m[1] {
				t.Fatalf("unsafe link target %q", m[1])
			}
		}

		// LaTeX
		// The fragment, without the comment lines pubs writes at its top.
		var body []string
		for _, l := range strings.Split(render("latex", RenderOptions{}), "\n") {
			if !strings.HasPrefix(l, "%") {
				body = append(body, l)
			}
		}
		tex := strings.Join(body, "\n")
		depth := 0
		for i := 0; i < len(tex); i++ {
			switch tex[i] {
			case '\\':
				i++
			case '{':
				depth++
			case '}':
				depth--
				if depth < 0 {
					t.Fatalf("a } closes nothing at %d:\n%s", i, tex)
				}
			}
		}
		if depth != 0 {
			t.Fatalf("%d braces left open:\n%s", depth, tex)
		}
		for _, loc := range liveTeX.FindAllStringIndex(tex, -1) {
			// Not a command: written as text, or the letters after \\ (a
			// line break), which an odd run of backslashes before it shows.
			before := tex[:loc[0]]
			if strings.HasSuffix(before, `\textbackslash{}`) || (len(before)-len(strings.TrimRight(before, `\`)))%2 == 1 {
				continue
			}
			t.Fatalf("live %q in:\n%s", tex[loc[0]:loc[1]], tex)
		}
		if strings.Contains(tex, "^^") {
			t.Fatalf("^^ survives:\n%s", tex)
		}
	})
}

// checkFuzzHTML: only the template's elements, no event handler, no
// unsafe link.
func checkFuzzHTML(t *testing.T, out string) {
	t.Helper()
	node, err := html.Parse(strings.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			if !templateElements[n.Data] && n.Data != "meta" && n.Data != "title" && n.Data != "style" && n.Data != "main" && n.Data != "h1" {
				t.Fatalf("field text made a <%s> element:\n%s", n.Data, out)
			}
			for _, a := range n.Attr {
				if strings.HasPrefix(a.Key, "on") {
					t.Fatalf("event handler %s on <%s>", a.Key, n.Data)
				}
				if (a.Key == "href" || a.Key == "src") && a.Val != "#ZgotmplZ" && SafeURL(a.Val) != a.Val {
					t.Fatalf("unsafe %s=%q", a.Key, a.Val)
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(node)
}

func nextByte(s string, c byte, after int) int {
	j := strings.IndexByte(s[after+1:], c)
	if j < 0 {
		return -1
	}
	return after + 1 + j
}
