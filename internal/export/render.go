package export

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"encoding/json"
	"fmt"
	htmltemplate "html/template"
	"io"
	"os"
	"strconv"
	"strings"
	texttemplate "text/template"

	"github.com/pubs-dev/pubs/internal/parallel"
)

//go:embed templates/*.tmpl
var builtinTemplates embed.FS

// Page is the data a template renders: the Document and how to lay it
// out. docs/templates.md documents every field and method.
type Page struct {
	*Document
	Standalone bool   // a whole page or document, not a fragment
	List       string // LaTeX list style: enumerate, itemize, etaremune or cventry
	JSONLD     bool   // HTML: add schema.org JSON-LD for the list
	Math       bool   // some text has math (HTML: load MathJax in a standalone page)
}

// RenderOptions choose the layout of a list format.
type RenderOptions struct {
	Standalone bool
	LaTeXList  string // default enumerate
	JSONLD     bool
	// Template is the path of a user's template; empty for the built-in
	// one. HTML templates use html/template (contextual escaping), the
	// others text/template.
	Template string
}

// CheckRender reports the errors Render would return before writing
// anything, for a caller that must know them before it opens the output:
// an unknown format, an unknown LaTeX list.
func CheckRender(format string, opt RenderOptions) error {
	switch opt.LaTeXList {
	case "", "enumerate", "itemize", "etaremune", "cventry":
	default:
		return fmt.Errorf("latex list %q: want enumerate, itemize, etaremune or cventry", opt.LaTeXList)
	}
	if _, err := builtinTemplates.ReadFile("templates/" + format + ".tmpl"); err != nil {
		return fmt.Errorf("no template for format %q", format)
	}
	return nil
}

// Render writes doc in a list format: "html", "markdown" or "latex".
func Render(w io.Writer, format string, doc *Document, opt RenderOptions) error {
	if err := CheckRender(format, opt); err != nil {
		return err
	}
	page := &Page{Document: doc, Standalone: opt.Standalone, List: opt.LaTeXList, JSONLD: opt.JSONLD}
	if page.List == "" {
		page.List = "enumerate"
	}
	name := format + ".tmpl"
	src, _ := builtinTemplates.ReadFile("templates/" + name) // CheckRender read it
	if opt.Template != "" {
		var err error
		if src, err = os.ReadFile(opt.Template); err != nil {
			return err
		}
		name = opt.Template
	}
	if write := builtinWriter(format); write != nil && opt.Template == "" && !opt.JSONLD {
		if format == "html" {
			// The built-in page reads Math only when standalone.
			page.Math = page.Standalone && hasMath(doc)
		}
		return write(w, page)
	}
	doc.Fill()
	page.Math = hasMath(doc)
	raw, err := execute(format, name, src, page)
	if err != nil {
		return err
	}
	_, err = w.Write(tidy(raw))
	return err
}

// execute runs a template on the page and returns its output before
// tidy.
func execute(format, name string, src []byte, page *Page) ([]byte, error) {
	var buf bytes.Buffer
	if format == "html" {
		t, err := htmltemplate.New(name).Funcs(htmlFuncs).Parse(string(src))
		if err != nil {
			return nil, fmt.Errorf("template: %w", err)
		}
		err = t.Execute(&buf, page)
		if err != nil {
			return nil, fmt.Errorf("template: %w", err)
		}
	} else {
		funcs := markdownFuncs
		if format == "latex" {
			funcs = latexFuncs
		}
		t, err := texttemplate.New(name).Funcs(funcs).Parse(string(src))
		if err != nil {
			return nil, fmt.Errorf("template: %w", err)
		}
		if err := t.Execute(&buf, page); err != nil {
			return nil, fmt.Errorf("template: %w", err)
		}
	}
	return buf.Bytes(), nil
}

// tidy removes trailing spaces and runs of more than one blank line that
// template actions leave behind, and ends the output with one newline.
func tidy(b []byte) []byte {
	t := tidier{out: make([]byte, 0, len(b)+1)}
	t.write(b)
	return t.end()
}

// tidier is tidy as a stream: write takes the output in pieces, which
// need not end at a line break, and end finishes it. Each line is
// trimmed of trailing spaces and tabs; a blank line is kept only after a
// kept line, never two in a row, and never at the end.
type tidier struct {
	out     []byte
	line    []byte // the start of a line that a later write continues
	blank   int    // blank lines in a row so far
	wrote   bool   // a non-blank line was written
	pending bool   // a blank line to write before the next non-blank one
}

func (t *tidier) write(b []byte) {
	for len(b) > 0 {
		if len(t.line) == 0 && !t.pending {
			// Lines that tidying keeps as they are go out together.
			if n := keptLines(b); n > 0 {
				t.out = append(t.out, b[:n]...)
				t.blank, t.wrote = 0, true
				b = b[n:]
				continue
			}
		}
		i := bytes.IndexByte(b, '\n')
		if i < 0 {
			t.line = append(t.line, b...)
			return
		}
		if len(t.line) > 0 {
			t.line = append(t.line, b[:i]...)
			t.addLine(t.line)
			t.line = t.line[:0]
		} else {
			t.addLine(b[:i])
		}
		b = b[i+1:]
	}
}

// keptLines returns the length of the longest run of whole lines at the
// start of b that tidying leaves as they are: none blank, none ending in
// a space or a tab.
func keptLines(b []byte) int {
	n := 0
	for {
		i := bytes.IndexByte(b[n:], '\n')
		if i <= 0 { // no whole line left, or a blank one
			return n
		}
		if c := b[n+i-1]; c == ' ' || c == '\t' {
			return n
		}
		n += i + 1
	}
}

func (t *tidier) addLine(l []byte) {
	l = bytes.TrimRight(l, " \t")
	if len(l) == 0 {
		t.blank++
		if t.blank == 1 && t.wrote {
			t.pending = true
		}
		return
	}
	t.blank = 0
	if t.pending {
		t.out = append(t.out, '\n')
		t.pending = false
	}
	t.out = append(t.out, l...)
	t.out = append(t.out, '\n')
	t.wrote = true
}

// end takes the last line (the text after the last line break) and
// returns the output: nil when it is empty.
func (t *tidier) end() []byte {
	t.addLine(t.line)
	t.line = nil
	if len(t.out) == 0 {
		return nil
	}
	return t.out
}

// hasMath reports whether a title, venue or abstract of the document
// holds math. The items of a planned document are not filled: their texts
// are taken from the entries as fill takes them.
func hasMath(doc *Document) bool {
	math := func(t Text) bool { return strings.Contains(string(t), "$") || strings.Contains(string(t), `\(`) }
	for _, s := range doc.Sections {
		for _, p := range s.plan {
			if title, venue, abstract := doc.texts(p.e, talkOf(p.e)); math(title) || math(venue) || math(abstract) {
				return true
			}
		}
		for _, it := range s.Items {
			if math(it.Title) || math(it.Venue) || math(it.Abstract) {
				return true
			}
		}
	}
	return false
}

// sep returns the separator before item i of n in an author list: ", "
// and nothing before the first.
func sep(i int) string {
	if i == 0 {
		return ""
	}
	return ", "
}

var commonFuncs = map[string]any{
	"sep":  sep,
	"add":  func(a, b int) int { return a + b },
	"join": strings.Join,
	"dict": dict,
	"stop": stop,
}

// stop returns the period that ends a sentence after t, or nothing when t
// already ends with a period, question mark or exclamation mark.
func stop(t Text) string {
	// Most titles end with a letter or digit and hold no LaTeX that could
	// change what ends them (braces only group): their plain text ends
	// with that character. TestStopShortcut checks this against the
	// converter.
	s := strings.TrimRight(string(t), " \t\n\r")
	if n := len(s); n > 0 && isASCIIAlnum(s[n-1]) && !strings.ContainsAny(s, `\$%~`) {
		return "."
	}
	return stopPlain(t)
}

func isASCIIAlnum(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}

// appendSentence appends t.HTML() to b, as appendText does, and returns
// the period that ends it as a sentence (stop(t)). For plain text the HTML
// just appended decides: it is the plain text, escapes aside, which end
// in ';'. Other text goes through the writer's caches when cache is set.
func (w *htmlWriter) appendSentence(b []byte, t Text, cache bool) ([]byte, string) {
	start := len(b)
	b, plain := appendPlain(b, string(t))
	switch {
	case !plain && cache:
		return append(b, w.cached(t)...), w.cachedStop(t)
	case !plain:
		return append(b, spansHTML(string(t))...), stop(t)
	case len(b) > start && (b[len(b)-1] == '.' || b[len(b)-1] == '?' || b[len(b)-1] == '!'):
		return b, ""
	}
	return b, "."
}

// stopPlain is stop through the plain text.
func stopPlain(t Text) string {
	p := strings.TrimRight(t.Plain(), " ")
	if strings.HasSuffix(p, ".") || strings.HasSuffix(p, "?") || strings.HasSuffix(p, "!") {
		return ""
	}
	return "."
}

// dict builds a map from key-value pairs, for passing several values to a
// sub-template.
func dict(kv ...any) (map[string]any, error) {
	if len(kv)%2 != 0 {
		return nil, fmt.Errorf("dict: odd number of arguments")
	}
	m := make(map[string]any, len(kv)/2)
	for i := 0; i < len(kv); i += 2 {
		k, ok := kv[i].(string)
		if !ok {
			return nil, fmt.Errorf("dict: key %v is not a string", kv[i])
		}
		m[k] = kv[i+1]
	}
	return m, nil
}

func withCommon(m map[string]any) map[string]any {
	for k, v := range commonFuncs {
		m[k] = v
	}
	return m
}

var htmlFuncs = htmltemplate.FuncMap(withCommon(map[string]any{
	"jsonld": jsonLD,
	"css":    func() htmltemplate.CSS { return htmltemplate.CSS(builtinCSS) },
}))

var markdownFuncs = texttemplate.FuncMap(withCommon(map[string]any{
	"md":    escapeMarkdown,
	"mdurl": func(u string) string { return "<" + u + ">" },
}))

var latexFuncs = texttemplate.FuncMap(withCommon(map[string]any{
	"tex":     EscapeLaTeX,
	"texurl":  LaTeXURL,
	"texmark": texMark,
}))

// texMark writes a role mark as a LaTeX superscript.
func texMark(m string) string {
	switch m {
	case "*":
		return `\textsuperscript{*}`
	case "†":
		return `\textsuperscript{\dag}`
	case "‡":
		return `\textsuperscript{\ddag}`
	case "§":
		return `\textsuperscript{\S}`
	case "¶":
		return `\textsuperscript{\P}`
	case "‖":
		return `\textsuperscript{$\|$}`
	}
	return `\textsuperscript{` + EscapeLaTeX(m) + `}`
}

// jsonLD is the schema.org description of the list: an ItemList of
// ScholarlyArticle (Event for talks). html/template escapes it for the
// <script> element.
func jsonLD(doc *Document) any {
	type person struct {
		Type string `json:"@type"`
		Name string `json:"name"`
	}
	type thing struct {
		Type          string   `json:"@type"`
		Name          string   `json:"name"`
		Author        []person `json:"author,omitempty"`
		DatePublished string   `json:"datePublished,omitempty"`
		StartDate     string   `json:"startDate,omitempty"`
		IsPartOf      string   `json:"isPartOf,omitempty"`
		URL           string   `json:"url,omitempty"`
		SameAs        []string `json:"sameAs,omitempty"`
	}
	type listItem struct {
		Type     string `json:"@type"`
		Position int    `json:"position"`
		Item     thing  `json:"item"`
	}
	list := struct {
		Context string     `json:"@context"`
		Type    string     `json:"@type"`
		Name    string     `json:"name"`
		Items   []listItem `json:"itemListElement"`
	}{Context: "https://schema.org", Type: "ItemList", Name: doc.Title}
	for _, s := range doc.Sections {
		for _, it := range s.Items {
			t := thing{Type: "ScholarlyArticle", Name: it.Title.Plain(), URL: it.URL}
			if it.Talk != nil {
				t.Type, t.StartDate = "Event", it.Talk.Date
			} else {
				t.DatePublished = it.Date
				t.IsPartOf = it.Venue.Plain()
			}
			for _, p := range it.Authors {
				if !p.Others {
					t.Author = append(t.Author, person{"Person", p.Name.Plain()})
				}
			}
			if it.DOI != "" && it.URL != "" && !strings.HasSuffix(it.URL, it.DOI) {
				t.SameAs = append(t.SameAs, "https://doi.org/"+it.DOI)
			}
			list.Items = append(list.Items, listItem{"ListItem", len(list.Items) + 1, t})
		}
	}
	// Marshal here so the key order is the struct's; html/template then
	// escapes the string for the script element.
	b, _ := json.Marshal(list)
	return htmltemplate.JS(b)
}

// The built-in templates, written directly
//
// Executing a template on a large library costs tens of microseconds per
// item, mostly in reflection, on one core. writeHTML, writeMarkdown and
// writeLaTeX (stream.go) write what the built-in templates write, tidied,
// byte for byte, without them: the same structure, the same white space,
// and for HTML html/template's escaping of each value in its context
// (text, attribute, URL attribute). Each is used only for the template it
// was written for, whose SHA-256 it is listed with below: builtinWriter
// turns it off when the template changes, and TestWritersMatchTemplates
// compares the two. A --template, and --jsonld, go through the template
// engines.
var builtinWriters = map[string]struct {
	sum   string
	write func(io.Writer, *Page) error
}{
	"html":     {"58111ad3b713167b17e450cfdea388da9606839f8845eadccc347d8a6821cb3e", writeHTML},
	"markdown": {"82e8c838c4157541890b17b81f20cf9f1d0602de5965638c8bb88c4a90917123", writeMarkdown},
	"latex":    {"01af8165210f33245a54ba6aa321d87f1ecf4eca5b75f8783eb611f1759e6b03", writeLaTeX},
}

// builtinWriter returns the writer of a format's built-in template, or
// nil when there is none or the template is not the one it writes.
func builtinWriter(format string) func(io.Writer, *Page) error {
	bw, ok := builtinWriters[format]
	if !ok {
		return nil
	}
	src, err := builtinTemplates.ReadFile("templates/" + format + ".tmpl")
	sum := sha256.Sum256(src)
	if err != nil || hex.EncodeToString(sum[:]) != bw.sum {
		return nil
	}
	return bw.write
}

// writeHTML renders the page as the built-in HTML template does (without
// JSON-LD), tidied.
func writeHTML(w io.Writer, page *Page) error {
	p := newPageText(page.Document)
	if page.Standalone {
		p.b = append(p.b, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"+
			"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"+
			"<meta name=\"generator\" content=\"pubs\">\n<title>"...)
		p.b = appendHTMLText(p.b, page.Title)
		p.b = append(p.b, "</title>\n<style>"...)
		p.b = append(p.b, builtinCSS...)
		p.b = append(p.b, "</style>"...)
		if page.Math {
			p.b = append(p.b, "\n<script defer src=\"https://cdn.jsdelivr.net/npm/mathjax@3/es5/tex-chtml.js\"></script>"...)
		}
		p.b = append(p.b, "\n</head>\n<body>\n<main>\n<h1>"...)
		p.b = appendHTMLText(p.b, page.Title)
		p.b = append(p.b, "</h1>\n"...)
	}
	p.b = append(p.b, `<div class="pubs">`...)
	for _, s := range page.Sections {
		p.b = append(p.b, "\n<section class=\"pubs-section\" id=\""...)
		p.b = appendHTMLText(p.b, s.Slug)
		p.b = append(p.b, "\">\n<h2>"...)
		p.b = appendHTMLText(p.b, s.Name)
		p.b = append(p.b, "</h2>"...)
		numbered := s.Numbering != "none"
		for _, g := range s.Groups {
			if g.Name != "" {
				p.b = append(p.b, "\n<h3>"...)
				p.b = appendHTMLText(p.b, g.Name)
				p.b = append(p.b, "</h3>"...)
			}
			switch {
			case numbered && s.Numbering == "reverse":
				p.b = append(p.b, "\n<ol class=\"pubs-list\" reversed>\n"...)
			case numbered:
				p.b = append(p.b, "\n<ol class=\"pubs-list\">\n"...)
			default:
				p.b = append(p.b, "\n<ul class=\"pubs-list\">\n"...)
			}
			p.items(s, g)
			if numbered {
				p.b = append(p.b, "</ol>"...)
			} else {
				p.b = append(p.b, "</ul>"...)
			}
		}
		p.b = append(p.b, "\n</section>"...)
	}
	if len(page.Notes) > 0 {
		p.b = append(p.b, "\n<p class=\"pubs-notes\">"...)
		for i, n := range page.Notes {
			if i > 0 {
				p.b = append(p.b, "; "...)
			}
			p.b = append(p.b, "<sup>"...)
			p.b = appendHTMLText(p.b, n.Mark)
			p.b = append(p.b, "</sup> "...)
			p.b = appendHTMLText(p.b, n.Text)
		}
		p.b = append(p.b, "</p>"...)
	}
	p.b = append(p.b, "\n</div>"...)
	if page.Standalone {
		p.b = append(p.b, "\n</main>\n</body>\n</html>"...)
	}
	// Unlike the other writers', each item is tidied as it is written,
	// on all cores, and the frame's text around the items beforehand, in
	// order. Each item starts a line after a non-blank line ("<ul>") and
	// ends with a non-blank line ("</li>"), so tidying it alone gives
	// what tidying the whole page gives, and leaves the tidier as it was.
	t := &tidier{out: make([]byte, 0, 1<<16)}
	for i, b := range p.before {
		if b != nil {
			t.write(b)
			p.before[i], t.out = t.out, nil
		}
	}
	t.write(p.b)
	doc := page.Document
	newWriter := func() *htmlWriter {
		hw := newHTMLWriter()
		hw.itemFiller = newItemFiller(doc, len(p.jobs))
		return hw
	}
	err := parallel.WriteOrderedWith(w, len(p.jobs), 128, newWriter, func(hw *htmlWriter, b []byte, lo, hi int) []byte {
		for i := lo; i < hi; i++ {
			if i < len(p.before) {
				b = append(b, p.before[i]...)
			}
			j, cite := p.jobs[i], []byte(nil)
			it := hw.item(doc, j, false)
			if j.p != nil {
				// The Cite block goes from the entry to the page
				// without becoming a string of the item.
				hw.cite = appendCite(hw.cite[:0], j.p.e, hw.people.citeOptions(doc))
				cite = hw.cite
			}
			b = hw.write(b, it, cite)
		}
		return b
	})
	if err != nil {
		return err
	}
	_, err = w.Write(t.end())
	return err
}

// htmlWriter renders items on one goroutine. It keeps the HTML of the
// names and venues it has rendered: they repeat.
type htmlWriter struct {
	html  map[Text]htmltemplate.HTML
	stops map[Text]string
	raw   []byte
	cite  []byte // the Cite block of the item being written
	*itemFiller
}

func newHTMLWriter() *htmlWriter {
	return &htmlWriter{html: map[Text]htmltemplate.HTML{}, stops: map[Text]string{}}
}

// appendText appends t.HTML() to b: plain text directly (see
// appendPlain), other text through the cache.
func (w *htmlWriter) appendText(b []byte, t Text) []byte {
	if b, ok := appendPlain(b, string(t)); ok {
		return b
	}
	return append(b, w.cached(t)...)
}

// cached is t.HTML() for text that is not plain (see appendText),
// cached.
func (w *htmlWriter) cached(t Text) htmltemplate.HTML {
	h, ok := w.html[t]
	if !ok {
		h = spansHTML(string(t))
		if len(w.html) >= maxCached {
			clear(w.html)
		}
		w.html[t] = h
	}
	return h
}

// cachedStop is stop, cached: for venues, which repeat.
func (w *htmlWriter) cachedStop(t Text) string {
	s, ok := w.stops[t]
	if !ok {
		s = stop(t)
		if len(w.stops) >= maxCached {
			clear(w.stops)
		}
		w.stops[t] = s
	}
	return s
}

// write appends to out an item as the "item" template writes it,
// followed by a line break, tidied. cite, when not nil, is the item's
// Cite block, in place of it.BibTeX.
func (w *htmlWriter) write(out []byte, it *Item, cite []byte) []byte {
	if cite == nil {
		cite = append(w.cite[:0], it.BibTeX...)
		w.cite = cite
	}
	b := w.raw[:0]
	b = append(b, `<li class="pubs-item" id="pubs-`...)
	b = appendHTMLText(b, it.Key)
	b = append(b, '"')
	if it.Number != 0 {
		b = append(b, ` value="`...)
		b = strconv.AppendInt(b, int64(it.Number), 10)
		b = append(b, '"')
	}
	b = append(b, '>')
	if it.Talk != nil {
		b = append(b, "\n  <div>"...)
		b, _ = w.title(b, it)
		b = append(b, "</div>"...)
		if !it.Venue.IsZero() {
			b = append(b, "\n  <div class=\"pubs-event\">"...)
			b = w.appendText(b, it.Venue)
			b = append(b, "</div>"...)
		}
		if it.Talk.When != "" {
			b = append(b, "\n  <div class=\"pubs-date\"><time datetime=\""...)
			b = appendHTMLText(b, it.Talk.Date)
			b = append(b, "\">"...)
			b = appendHTMLText(b, it.Talk.When)
			b = append(b, "</time></div>"...)
		}
		if it.ShowAuthors() {
			b = append(b, "\n  <div>"...)
			b = w.authors(b, it)
			b = append(b, "</div>"...)
		}
	} else {
		b = append(b, "\n  "...)
		switch {
		case len(it.Authors) > 0:
			b = w.authors(b, it)
			if it.Year != 0 {
				b = append(b, ` (<span class="pubs-year">`...)
				b = strconv.AppendInt(b, int64(it.Year), 10)
				b = append(b, `</span>)`...)
			}
			b = append(b, ". "...)
		case it.Year != 0:
			b = append(b, `(<span class="pubs-year">`...)
			b = strconv.AppendInt(b, int64(it.Year), 10)
			b = append(b, `</span>). `...)
		}
		var end string
		b, end = w.title(b, it)
		b = append(b, end...)
		if !it.Venue.IsZero() {
			b = append(b, ` <em class="pubs-venue">`...)
			var end string
			b, end = w.appendSentence(b, it.Venue, true)
			b = append(b, "</em>"...)
			b = append(b, end...)
		}
	}
	b = append(b, "\n  <div class=\"pubs-links\">"...)
	for _, l := range it.LinksBeforeCite() {
		b = appendLink(b, l)
	}
	if len(cite) > 0 {
		b = append(b, "\n  <details class=\"pubs-cite\"><summary class=\"pubs-btn\">Cite</summary><pre><code>"...)
		b = appendHTMLText(b, cite)
		b = append(b, "</code></pre></details>"...)
	}
	for _, l := range it.LinksAfterCite() {
		b = appendLink(b, l)
	}
	b = append(b, "\n</div>"...)
	if !it.Abstract.IsZero() {
		b = append(b, "\n  <details class=\"pubs-abstract\"><summary>Abstract</summary><p>"...)
		b = append(b, it.Abstract.HTML()...)
		b = append(b, "</p></details>"...)
	}
	b = append(b, "\n</li>\n"...)
	w.raw = b
	// The line before the item was not blank: tidy it from that state.
	t := tidier{out: out, wrote: true}
	t.write(b)
	return t.out
}

// title appends the item's title, linked to its URL when it has one. It
// also returns the period that ends the title as a sentence (see stop):
// for a plain title, the last character of what it appended decides, as
// the plain text is the HTML.
func (w *htmlWriter) title(b []byte, it *Item) ([]byte, string) {
	if it.URL != "" {
		b = append(b, `<a class="pubs-title" href="`...)
		b = appendHTMLURL(b, it.URL)
		b = append(b, `">`...)
	} else {
		b = append(b, `<span class="pubs-title">`...)
	}
	// Titles seldom repeat: not cached.
	b, end := w.appendSentence(b, it.Title, false)
	if it.URL != "" {
		return append(b, "</a>"...), end
	}
	return append(b, "</span>"...), end
}

func (w *htmlWriter) authors(b []byte, it *Item) []byte {
	b = append(b, `<span class="pubs-authors">`...)
	for i, p := range it.Authors {
		if i > 0 {
			b = append(b, ", "...)
		}
		switch {
		case p.Others:
			b = append(b, "et al."...)
		case p.Owner:
			b = append(b, `<strong class="pubs-me">`...)
			b = w.appendText(b, p.Name)
			b = append(b, "</strong>"...)
		default:
			b = w.appendText(b, p.Name)
		}
		if len(p.Marks) > 0 {
			b = append(b, `<sup class="pubs-mark">`...)
			b = appendHTMLText(b, strings.Join(p.Marks, ""))
			b = append(b, "</sup>"...)
		}
	}
	if it.Editors {
		b = append(b, " (eds.)"...)
	}
	return append(b, "</span>"...)
}

func appendLink(b []byte, l Link) []byte {
	b = append(b, "\n  <a class=\"pubs-btn\" href=\""...)
	b = appendHTMLURL(b, l.URL)
	b = append(b, `">`...)
	b = appendHTMLText(b, l.Label)
	return append(b, "</a>"...)
}

// htmlEscaped marks the bytes appendHTMLText replaces.
var htmlEscaped = [256]bool{0: true, '"': true, '&': true, '\'': true, '+': true, '<': true, '>': true}

// appendHTMLText appends s escaped as html/template escapes a string in
// text and in a quoted attribute value: NUL becomes U+FFFD; " & ' + < >
// become entities; every other byte, invalid UTF-8 included, is kept.
func appendHTMLText[T string | []byte](b []byte, s T) []byte {
	done := 0
	for i := 0; i < len(s); i++ {
		if !htmlEscaped[s[i]] {
			continue // most bytes: one load instead of a switch
		}
		var r string
		switch s[i] {
		case 0:
			r = "\uFFFD"
		case '"':
			r = "&#34;"
		case '&':
			r = "&amp;"
		case '\'':
			r = "&#39;"
		case '+':
			r = "&#43;"
		case '<':
			r = "&lt;"
		case '>':
			r = "&gt;"
		default:
			continue
		}
		b = append(b, s[done:i]...)
		b = append(b, r...)
		done = i + 1
	}
	return append(b, s[done:]...)
}

// appendHTMLURL appends s as html/template writes a string that is a
// whole URL attribute (href="{{.}}"): a URL whose scheme is not http,
// https or mailto becomes "#ZgotmplZ"; bytes that a URL may not hold are
// percent-encoded (valid escapes kept); then the attribute escaping.
func appendHTMLURL(b []byte, s string) []byte {
	if scheme, _, ok := strings.Cut(s, ":"); ok && !strings.Contains(scheme, "/") &&
		!strings.EqualFold(scheme, "http") && !strings.EqualFold(scheme, "https") && !strings.EqualFold(scheme, "mailto") {
		s = "#ZgotmplZ"
	}
	const hexDigits = "0123456789abcdef"
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
			b = append(b, c)
		case c == '&':
			b = append(b, "&amp;"...)
		case c == '+':
			b = append(b, "&#43;"...)
		case strings.IndexByte("!#$*,/:;=?@[]-._~", c) >= 0:
			b = append(b, c)
		case c == '%' && i+2 < len(s) && isHexDigit(s[i+1]) && isHexDigit(s[i+2]):
			b = append(b, c)
		default:
			b = append(b, '%', hexDigits[c>>4], hexDigits[c&15])
		}
	}
	return b
}

func isHexDigit(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}
