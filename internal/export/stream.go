package export

import (
	"io"
	"strconv"

	"github.com/pubs-dev/pubs/internal/parallel"
)

// The built-in templates' pages are also written by Go code that writes
// what the template writes, tidied (writeHTML, writeMarkdown, writeLaTeX):
// a template runs on one core and holds the whole page and every item in
// memory, while the writers fill and write the items on all cores, in
// order, a bounded number ahead of the output. Render uses a writer while
// the template is the built-in one, unchanged (its checksum is the
// writer's); TestWritersMatchTemplates compares each writer with its
// template on libraries and hand-made items.
//
// A writer has two parts. The page's frame, the text around its lists,
// is written first into a pageText, which marks where each list's items
// go; then the items are written on all cores, each after the frame's
// text that comes before it.

// pageText is a page's frame: its text, cut where the items of each list
// go (see pageText.items).
type pageText struct {
	b      []byte   // the text since the last list's items
	before [][]byte // before[i]: the text before item i, when it starts a list
	jobs   []itemJob
	n      int // the page's items
}

// itemJob is an item to write: filled, or planned (see Plan).
type itemJob struct {
	it *Item
	p  *planned
}

func newPageText(doc *Document) *pageText {
	p := &pageText{}
	for _, s := range doc.Sections {
		for _, g := range s.Groups {
			p.n += len(g.Items) + len(g.plan)
		}
	}
	p.jobs = make([]itemJob, 0, p.n)
	return p
}

// items puts the items of a group of section s here: the text written so
// far goes before the first of them.
func (p *pageText) items(s *Section, g *Group) {
	if len(g.Items)+len(g.plan) == 0 {
		return
	}
	if cap(p.before) < p.n {
		p.before = make([][]byte, 0, p.n)
	}
	p.before = append(p.before[:len(p.jobs)], p.b)
	p.b = nil
	for _, it := range g.Items {
		p.jobs = append(p.jobs, itemJob{it: it})
	}
	for _, j := range g.plan {
		p.jobs = append(p.jobs, itemJob{p: &s.plan[j]})
	}
}

// firstNumber is the number of a group's first item; 0 when it has none.
func firstNumber(s *Section, g *Group) int {
	switch {
	case len(g.Items) > 0:
		return g.Items[0].Number
	case len(g.plan) > 0:
		return s.plan[g.plan[0]].number
	}
	return 0
}

// itemFiller is what writing items of a planned document needs on one
// goroutine: each item is filled into scratch, and forgotten once
// written.
type itemFiller struct {
	people  *personCache
	scratch Item
}

func newItemFiller(doc *Document, n int) *itemFiller {
	f := &itemFiller{}
	if doc.planned {
		// Sized once: grown by doubling, the cache of a large library
		// allocated four times its final size.
		f.people = newPersonCache(min(n, maxCached))
	}
	return f
}

// item returns the job's item, filled when it is planned; with its Cite
// block (BibTeX) when cite is set.
func (f *itemFiller) item(doc *Document, j itemJob, cite bool) *Item {
	if j.p == nil {
		return j.it
	}
	doc.fill(&f.scratch, j.p, f.people, cite)
	return &f.scratch
}

// writeFrameAndItems writes the page: the frame's text and the items,
// which item appends, each as its template writes it, all tidied in order
// (the items are not tidied on their own: tidying is cheap, and an item
// may end with blank lines that the text after it folds into its own).
func writeFrameAndItems(w io.Writer, doc *Document, p *pageText, item func(b []byte, it *Item) []byte) error {
	tw := &tidyWriter{w: w}
	err := parallel.WriteOrderedWith(tw, len(p.jobs), 128, func() *itemFiller { return newItemFiller(doc, len(p.jobs)) },
		func(f *itemFiller, b []byte, lo, hi int) []byte {
			for i := lo; i < hi; i++ {
				if i < len(p.before) {
					b = append(b, p.before[i]...)
				}
				b = item(b, f.item(doc, p.jobs[i], false))
			}
			return b
		})
	if err != nil {
		return err
	}
	if _, err := tw.Write(p.b); err != nil {
		return err
	}
	_, err = w.Write(tw.t.end())
	return err
}

// tidyWriter tidies what it is given (see tidier) and writes what is tidy
// so far; the caller writes t.end() last.
type tidyWriter struct {
	w io.Writer
	t tidier
}

func (tw *tidyWriter) Write(b []byte) (int, error) {
	tw.t.write(b)
	_, err := tw.w.Write(tw.t.out)
	tw.t.out = tw.t.out[:0]
	return len(b), err
}

// writeMarkdown writes the page as templates/markdown.tmpl does, tidied.
func writeMarkdown(w io.Writer, page *Page) error {
	p := newPageText(page.Document)
	if page.Standalone {
		p.b = append(append(append(p.b, "\n# "...), escapeMarkdown(page.Title)...), '\n')
	}
	for _, s := range page.Sections {
		p.b = append(append(append(p.b, "\n\n## "...), escapeMarkdown(s.Name)...), '\n')
		for _, g := range s.Groups {
			if g.Name != "" {
				p.b = append(append(append(p.b, "\n\n### "...), escapeMarkdown(g.Name)...), '\n')
			}
			p.b = append(p.b, '\n')
			p.items(s, g)
			p.b = append(p.b, '\n')
		}
	}
	if len(page.Notes) > 0 {
		p.b = append(p.b, "\n\n"...)
		for i, n := range page.Notes {
			if i > 0 {
				p.b = append(p.b, "; "...)
			}
			p.b = append(append(append(p.b, escapeMarkdown(n.Mark)...), ' '), escapeMarkdown(n.Text)...)
		}
	}
	return writeFrameAndItems(w, page.Document, p, func(b []byte, it *Item) []byte {
		return appendMarkdownItem(append(b, '\n'), it)
	})
}

// appendMarkdownItem appends an item as the "item" template writes it.
func appendMarkdownItem(b []byte, it *Item) []byte {
	b = append(b, "- "...)
	if it.Number != 0 {
		b = append(strconv.AppendInt(append(b, `\[`...), int64(it.Number), 10), `\] `...)
	}
	title := func(b []byte) []byte {
		if it.URL != "" {
			return append(append(append(append(append(b, '['), it.Title.Markdown()...), "](<"...), it.URL...), ">)"...)
		}
		return append(b, it.Title.Markdown()...)
	}
	links := func(b []byte) []byte {
		for i, l := range it.Links {
			if i > 0 {
				b = append(b, " · "...)
			}
			b = append(append(append(append(append(b, '['), l.Label...), "](<"...), l.URL...), ">)"...)
		}
		return b
	}
	if it.Talk != nil {
		b = title(b)
		if !it.Venue.IsZero() {
			b = append(append(b, "\\\n  "...), it.Venue.Markdown()...)
		}
		if it.Talk.When != "" {
			b = append(append(b, "\\\n  "...), escapeMarkdown(it.Talk.When)...)
		}
		if it.ShowAuthors() {
			b = appendMarkdownAuthors(append(b, "\\\n  "...), it)
		}
	} else {
		switch {
		case len(it.Authors) > 0:
			b = appendMarkdownAuthors(b, it)
			if it.Year != 0 {
				b = append(strconv.AppendInt(append(b, " ("...), int64(it.Year), 10), ')')
			}
			b = append(b, ". "...)
		case it.Year != 0:
			b = append(strconv.AppendInt(append(b, '('), int64(it.Year), 10), "). "...)
		}
		b = append(title(b), stop(it.Title)...)
		if !it.Venue.IsZero() {
			b = append(append(append(append(b, " *"...), it.Venue.Markdown()...), '*'), stop(it.Venue)...)
		}
	}
	if len(it.Links) > 0 {
		b = links(append(b, "\\\n  "...))
	}
	if !it.Abstract.IsZero() {
		b = append(append(b, "\n\n  "...), it.Abstract.Markdown()...)
	}
	return b
}

// appendMarkdownAuthors appends the "authors" template.
func appendMarkdownAuthors(b []byte, it *Item) []byte {
	for i, p := range it.Authors {
		b = append(b, sep(i)...)
		switch {
		case p.Others:
			b = append(b, "et al."...)
		case p.Owner:
			b = append(append(append(b, "**"...), p.Name.Markdown()...), "**"...)
		default:
			b = append(b, p.Name.Markdown()...)
		}
		for _, m := range p.Marks {
			b = append(b, escapeMarkdown(m)...)
		}
	}
	if it.Editors {
		b = append(b, " (eds.)"...)
	}
	return b
}

// writeLaTeX writes the page as templates/latex.tmpl does, tidied.
func writeLaTeX(w io.Writer, page *Page) error {
	p := newPageText(page.Document)
	p.b = append(p.b, "% "...)
	p.b = append(p.b, EscapeLaTeX(page.Title)...)
	p.b = append(p.b, ": written by pubs (https://github.com/pubs-dev/pubs) from\n"+
		"% the library's .bib files. Regenerate it rather than editing it."...)
	if !page.Standalone {
		p.b = append(p.b, "\n% It needs \\usepackage[T1]{fontenc}, \\usepackage{amsmath,amssymb} and\n"+
			"% \\usepackage{hyperref}"...)
		switch page.List {
		case "etaremune":
			p.b = append(p.b, ", and \\usepackage{etaremune}"...)
		case "cventry":
			p.b = append(p.b, ", and the moderncv class (\\cventry)"...)
		}
		p.b = append(p.b, '.')
	} else {
		p.b = append(p.b, "\n\\documentclass[11pt]{article}\n\\usepackage[T1]{fontenc}\n"+
			"\\usepackage{amsmath,amssymb}\n\\usepackage[hidelinks]{hyperref}"...)
		switch page.List {
		case "etaremune":
			p.b = append(p.b, "\n\\usepackage{etaremune}"...)
		case "cventry":
			p.b = append(p.b, "\n\\providecommand{\\cventry}[6]{\\par\\noindent\\textbf{#1}\\quad\\textbf{#2}\\ifx&#3&\\else, #3\\fi\\par\\noindent #6\\par\\medskip}"...)
		}
		p.b = append(p.b, "\n\\begin{document}\n\\section*{"...)
		p.b = append(append(p.b, EscapeLaTeX(page.Title)...), '}')
	}
	for _, s := range page.Sections {
		p.b = append(append(append(p.b, "\n\n\\subsection*{"...), EscapeLaTeX(s.Name)...), '}')
		for _, g := range s.Groups {
			if g.Name != "" {
				p.b = append(append(append(p.b, "\n\\paragraph{"...), EscapeLaTeX(g.Name)...), '}')
			}
			p.b = append(p.b, '\n')
			switch page.List {
			case "cventry":
				p.items(s, g)
			case "itemize":
				p.b = append(p.b, "\n\\begin{itemize}"...)
				p.items(s, g)
				p.b = append(p.b, "\n\\end{itemize}"...)
			case "etaremune":
				p.b = append(p.b, "\n\\begin{etaremune}"...)
				if n := firstNumber(s, g); n != 0 {
					p.b = append(strconv.AppendInt(append(p.b, "[start="...), int64(n), 10), ']')
				}
				p.items(s, g)
				p.b = append(p.b, "\n\\end{etaremune}"...)
			default:
				p.b = append(p.b, "\n\\begin{enumerate}"...)
				p.items(s, g)
				p.b = append(p.b, "\n\\end{enumerate}"...)
			}
		}
	}
	if len(page.Notes) > 0 {
		p.b = append(p.b, "\n\n\\noindent "...)
		for i, n := range page.Notes {
			if i > 0 {
				p.b = append(p.b, "; "...)
			}
			p.b = append(append(p.b, texMark(n.Mark)...), EscapeLaTeX(n.Text)...)
		}
		p.b = append(p.b, '.')
	}
	if page.Standalone {
		p.b = append(p.b, "\n\\end{document}"...)
	}
	list := page.List
	return writeFrameAndItems(w, page.Document, p, func(b []byte, it *Item) []byte {
		switch list {
		case "cventry":
			return appendCVEntry(b, it)
		case "itemize":
			b = append(b, "\n  \\item "...)
			if it.Number != 0 {
				b = append(strconv.AppendInt(append(b, '['), int64(it.Number), 10), "] "...)
			}
		case "etaremune":
			b = append(b, "\n  \\item "...)
		default:
			b = append(b, "\n  \\item"...)
			if it.Number != 0 {
				b = append(strconv.AppendInt(append(b, '['), int64(it.Number), 10), ".]"...)
			}
			b = append(b, ' ')
		}
		return appendLaTeXEntry(b, it)
	})
}

// appendLaTeXEntry appends an item as the "entry" template writes it.
func appendLaTeXEntry(b []byte, it *Item) []byte {
	title := it.Title.LaTeX()
	if it.Talk != nil {
		b = append(append(append(append(b, `\emph{`...), title...), '}'), stop(it.Title)...)
		if !it.Venue.IsZero() {
			b = append(append(append(b, ' '), it.Venue.LaTeX()...), stop(it.Venue)...)
		}
		if it.Talk.When != "" {
			b = append(append(append(b, ' '), EscapeLaTeX(it.Talk.When)...), '.')
		}
		if it.ShowAuthors() {
			b = append(appendLaTeXAuthors(append(b, " With "...), it), '.')
		}
	} else {
		if len(it.Authors) > 0 {
			b = append(appendLaTeXAuthors(b, it), ". "...)
		}
		b = append(append(append(append(b, `\emph{`...), title...), '}'), stop(it.Title)...)
		venue := !it.Venue.IsZero()
		if venue {
			b = append(append(b, ' '), it.Venue.LaTeX()...)
			if it.Year != 0 {
				b = append(b, ',')
			}
		}
		if it.Year != 0 {
			b = strconv.AppendInt(append(b, ' '), int64(it.Year), 10)
		}
		if it.Year != 0 || venue {
			b = append(b, '.')
		}
	}
	if len(it.Links) > 0 {
		b = append(appendLaTeXLinks(append(b, ' '), it), '.')
	}
	return b
}

// appendCVEntry appends an item of a "cventry" list.
func appendCVEntry(b []byte, it *Item) []byte {
	b = append(b, "\n\\cventry{"...)
	if it.Year != 0 {
		b = strconv.AppendInt(b, int64(it.Year), 10)
	}
	b = append(append(append(b, "}{"...), it.Title.LaTeX()...), "}{"...)
	if it.Talk != nil {
		b = append(b, EscapeLaTeX(it.Talk.When)...)
	} else {
		b = append(b, it.Venue.LaTeX()...)
	}
	b = append(b, "}{}{}{"...)
	if it.Number != 0 {
		b = append(strconv.AppendInt(append(b, '['), int64(it.Number), 10), "] "...)
	}
	switch {
	case it.Talk != nil:
		b = append(append(b, it.Venue.LaTeX()...), stop(it.Venue)...)
		if it.ShowAuthors() {
			b = append(appendLaTeXAuthors(append(b, " With "...), it), '.')
		}
	case len(it.Authors) > 0:
		b = append(appendLaTeXAuthors(b, it), '.')
	}
	if len(it.Links) > 0 {
		b = append(appendLaTeXLinks(append(b, ' '), it), '.')
	}
	return append(b, '}')
}

// appendLaTeXAuthors appends the "authors" template.
func appendLaTeXAuthors(b []byte, it *Item) []byte {
	for i, p := range it.Authors {
		b = append(b, sep(i)...)
		switch {
		case p.Others:
			b = append(b, "et~al"...)
		case p.Owner:
			b = append(append(append(b, `\textbf{`...), p.Name.LaTeX()...), '}')
		default:
			b = append(b, p.Name.LaTeX()...)
		}
		for _, m := range p.Marks {
			b = append(b, texMark(m)...)
		}
	}
	if it.Editors {
		b = append(b, " (eds.)"...)
	}
	return b
}

// appendLaTeXLinks appends the "links" template.
func appendLaTeXLinks(b []byte, it *Item) []byte {
	for i, l := range it.Links {
		if i > 0 {
			b = append(b, ", "...)
		}
		b = append(append(append(append(append(b, `\href{`...), LaTeXURL(l.URL)...), "}{"...), EscapeLaTeX(l.Label)...), '}')
	}
	return b
}
