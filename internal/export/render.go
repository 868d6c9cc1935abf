package export

import (
	"bytes"
	"embed"
	"encoding/json"
	"fmt"
	htmltemplate "html/template"
	"io"
	"os"
	"strings"
	texttemplate "text/template"
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

// Render writes doc in a list format: "html", "markdown" or "latex".
func Render(w io.Writer, format string, doc *Document, opt RenderOptions) error {
	page := &Page{Document: doc, Standalone: opt.Standalone, List: opt.LaTeXList, JSONLD: opt.JSONLD, Math: hasMath(doc)}
	if page.List == "" {
		page.List = "enumerate"
	}
	switch page.List {
	case "enumerate", "itemize", "etaremune", "cventry":
	default:
		return fmt.Errorf("latex list %q: want enumerate, itemize, etaremune or cventry", page.List)
	}
	name := format + ".tmpl"
	src, err := builtinTemplates.ReadFile("templates/" + name)
	if err != nil {
		return fmt.Errorf("no template for format %q", format)
	}
	if opt.Template != "" {
		if src, err = os.ReadFile(opt.Template); err != nil {
			return err
		}
		name = opt.Template
	}
	var buf bytes.Buffer
	if format == "html" {
		t, err := htmltemplate.New(name).Funcs(htmlFuncs).Parse(string(src))
		if err != nil {
			return fmt.Errorf("template: %w", err)
		}
		err = t.Execute(&buf, page)
		if err != nil {
			return fmt.Errorf("template: %w", err)
		}
	} else {
		funcs := markdownFuncs
		if format == "latex" {
			funcs = latexFuncs
		}
		t, err := texttemplate.New(name).Funcs(funcs).Parse(string(src))
		if err != nil {
			return fmt.Errorf("template: %w", err)
		}
		if err := t.Execute(&buf, page); err != nil {
			return fmt.Errorf("template: %w", err)
		}
	}
	_, err = w.Write(tidy(buf.Bytes()))
	return err
}

// tidy removes trailing spaces and runs of more than one blank line that
// template actions leave behind, and ends the output with one newline.
func tidy(b []byte) []byte {
	lines := strings.Split(string(b), "\n")
	var out []string
	blank := 0
	for _, l := range lines {
		l = strings.TrimRight(l, " \t")
		if l == "" {
			blank++
			if blank > 1 || len(out) == 0 {
				continue
			}
		} else {
			blank = 0
		}
		out = append(out, l)
	}
	s := strings.TrimRight(strings.Join(out, "\n"), "\n")
	if s == "" {
		return nil
	}
	return []byte(s + "\n")
}

func hasMath(doc *Document) bool {
	for _, s := range doc.Sections {
		for _, it := range s.Items {
			for _, t := range []Text{it.Title, it.Venue, it.Abstract} {
				if strings.Contains(string(t), "$") || strings.Contains(string(t), `\(`) {
					return true
				}
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
	"tex":    EscapeLaTeX,
	"texurl": LaTeXURL,
	"texmark": func(m string) string {
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
	},
}))

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
