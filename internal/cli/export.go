package cli

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/pubs-dev/pubs/internal/bib"
	"github.com/pubs-dev/pubs/internal/config"
	"github.com/pubs-dev/pubs/internal/export"
	"github.com/pubs-dev/pubs/internal/query"
	"github.com/pubs-dev/pubs/internal/safefile"
)

type exportOptions struct {
	listOptions
	output     string
	sections   []string
	selected   bool
	groupBy    string
	sort       string
	numbering  string
	highlight  []string
	template   string
	standalone bool
	check      bool
	latexList  string
	abstract   bool
	jsonld     bool
	title      string
}

var exportFormats = []string{"html", "markdown", "latex", "hugo", "bibtex", "csljson", "json"}

func newExportCmd(g *globalOptions, streams IOStreams) *cobra.Command {
	o := &exportOptions{}
	cmd := &cobra.Command{
		Use:   "export [flags] [FILTER...]",
		Short: "Write the lists you publish: HTML, Markdown, LaTeX, Hugo, BibTeX, CSL-JSON",
		Long: `Export writes the library's entries in a format for publishing:

  html      a fragment to paste into any site (--standalone: a whole page)
  markdown  CommonMark that renders the same on GitHub and Hugo
  latex     CV-ready sections (--standalone: a document pdflatex compiles)
  hugo      Hugo Blox / Academic page bundles under the site folder -o
  bibtex    the selected entries, normalised, private fields removed
  csljson   CSL-JSON for pandoc, Zotero and citeproc
  json      the same records as 'pubs list --format json'

Entries go into sections: those of pubs.toml ([[section]]), or the default
CV sections (Journal articles, Conference papers, Book chapters, Books,
Preprints, Theses, Reports, Software, Talks, Other). FILTERs and the
list flags select entries first; the filter language is in
docs/filters.md, e.g.  type:article year>=2020 -is:talk author:Ruthotto.

The owner's name (pubs.toml [owner], and --highlight) is set in bold in
every format; author roles from author+an are marked with a legend.
Private fields (abstract unless --abstract, file, notes, keywords, and
export.private in pubs.toml) never reach the output.

Without -o the output goes to standard output. With -o it is written
atomically, and only when it is complete: when the library has errors,
nothing is written and the exit status is 1. --check writes nothing: it
exits 1 when the file at -o differs from what export would write (for CI).
Output is deterministic: the same library gives the same bytes.`,
		Example: `  pubs export --format html --standalone -o publications.html
  pubs export --format latex -o cv/publications.tex
  pubs export --format latex -o cv/publications.tex --check
  pubs export --format markdown --selected year>=2020
  pubs export --format hugo -o site/
  pubs export --format bibtex --section Talks -o talks.bib`,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runExport(g, o, args, streams)
		},
	}
	f := cmd.Flags()
	f.StringVarP(&o.format, "format", "f", "html", "output `FORMAT`: "+strings.Join(exportFormats, ", "))
	f.StringVarP(&o.output, "output", "o", "", "write to `PATH` (a folder for hugo) instead of standard output")
	f.StringSliceVarP(&o.types, "type", "t", nil, "only entries of this `TYPE`")
	f.StringVarP(&o.years, "year", "y", "", "only entries of these `YEARS`: 2020, 2019..2022, 2019.. or ..2022")
	f.StringSliceVarP(&o.keywords, "keyword", "k", nil, "only entries with this `KEYWORD`")
	f.StringSliceVarP(&o.authors, "author", "a", nil, "only entries with an author or editor whose name contains `NAME`")
	f.BoolVar(&o.selected, "selected", false, "only entries with the keyword selected")
	f.StringArrayVarP(&o.sections, "section", "s", nil, "only the section `NAME` (repeatable)")
	f.StringVar(&o.groupBy, "group-by", "none", "group each section by `KEY`: year, type or none")
	f.StringVar(&o.sort, "sort", "-date", "order within a section: `ORDER` -date (newest first), date or title")
	f.StringVar(&o.numbering, "numbering", "", "number entries: `STYLE` reverse, ascending or none (default: reverse for latex, none otherwise)")
	f.StringArrayVar(&o.highlight, "highlight", nil, "also set this `NAME` in bold (repeatable); the owner always is")
	f.StringVar(&o.template, "template", "", "render html, markdown or latex with this Go template `FILE` (docs/templates.md)")
	f.BoolVar(&o.standalone, "standalone", false, "html: a whole page with its own CSS; latex: a whole document; markdown: with a title")
	f.BoolVar(&o.check, "check", false, "write nothing; exit 1 when the file at -o is not what export would write")
	f.StringVar(&o.latexList, "latex-list", "enumerate", "latex list `STYLE`: enumerate, itemize, etaremune or cventry")
	f.BoolVar(&o.abstract, "abstract", false, "include abstracts (in items and Cite blocks)")
	f.BoolVar(&o.jsonld, "jsonld", false, "html: add schema.org JSON-LD describing the list")
	f.StringVar(&o.title, "title", "", "the page or document `TITLE` (default Publications)")
	return cmd
}

func runExport(g *globalOptions, o *exportOptions, args []string, streams IOStreams) error {
	if !slices.Contains(exportFormats, o.format) {
		return usagef("unknown format %q: want %s", o.format, strings.Join(exportFormats, ", "))
	}
	if o.check && o.output == "" {
		return usagef("--check needs -o: the file to compare with")
	}
	if o.template != "" && o.format != "html" && o.format != "markdown" && o.format != "latex" {
		return usagef("--template works with html, markdown and latex, not %s", o.format)
	}
	if o.format == "hugo" && o.output == "" {
		return usagef("--format hugo needs -o: the Hugo site's folder")
	}
	if o.selected {
		args = append([]string{"is:selected"}, args...)
	}
	filter, err := o.filter(args)
	if err != nil {
		return err
	}
	lib, c, err := g.loadLibrary()
	if err != nil {
		return err
	}
	specs, err := sectionSpecs(c, o.sections)
	if err != nil {
		return err
	}
	entries := lib.Entries // Plan does not reorder them
	if !filter.MatchesAll() {
		entries = nil
		for _, e := range lib.Entries {
			if filter.Match(e) {
				entries = append(entries, e)
			}
		}
	}
	opt := export.Options{
		Title:     o.title,
		Sections:  specs,
		Sort:      o.sort,
		GroupBy:   o.groupBy,
		Numbering: o.numbering,
		Abstract:  o.abstract,
		Owner:     ownerNames(c, o.highlight),
	}
	if opt.Numbering == "" && o.format == "latex" {
		opt.Numbering = defaultLaTeXNumbering(specs)
	}
	if c != nil {
		opt.Private = c.Export.Private
	}
	doc, err := export.Plan(entries, opt)
	if err != nil {
		return usagef("%v", err)
	}
	complete := len(lib.Diagnostics.Errors()) == 0
	if o.format == "hugo" {
		return exportHugo(lib, c, doc, o, complete, streams)
	}
	if o.output == "" && !o.check && o.template == "" {
		// Standard output, and a built-in format, which cannot fail
		// half-way: written as it is made, not held in memory (a large
		// library's page is larger than its .bib).
		writeErr, exportErr := streamExport(streams.Out, lib, doc, o, opt)
		switch {
		case writeErr != nil:
			return fmt.Errorf("writing the export: %w", writeErr)
		case exportErr != nil:
			return exportErr
		}
		return reportErrors(lib, streams)
	}
	if o.output != "" && !o.check && o.template == "" {
		return exportToFile(lib, doc, o, opt, complete, streams)
	}
	var buf bytes.Buffer
	if err := writeExport(&buf, lib, doc, o, opt); err != nil {
		return err
	}
	switch {
	case o.check:
		if err := checkOutput(o.output, buf.Bytes(), streams); err != nil {
			return err
		}
	case o.output == "":
		if _, err := streams.Out.Write(buf.Bytes()); err != nil {
			return fmt.Errorf("writing the export: %w", err)
		}
	case complete:
		if err := safefile.WriteOutput(o.output, buf.Bytes()); err != nil {
			return err
		}
	}
	if err := reportErrors(lib, streams); err != nil {
		if o.output != "" && !o.check {
			fmt.Fprintf(streams.ErrOut, "pubs: %s was not written\n", o.output)
		}
		return err
	}
	return nil
}

// exportToFile writes a built-in format to the file -o as it is made,
// through safefile: into a temporary file that replaces the file only
// once it is whole, so that the page of a large library is not held in
// memory (and the memory limit holds). With errors in the library the
// file is not written; the export is made all the same, into nothing,
// so that its own errors are reported as they would be.
func exportToFile(lib *bib.Library, doc *export.Document, o *exportOptions, opt export.Options, complete bool, streams IOStreams) error {
	// What the export refuses before it writes is refused before the
	// file is touched, as when the export was made first.
	if !flatFormat(o.format) {
		if err := export.CheckRender(o.format, renderOptions(o)); err != nil {
			return err
		}
	}
	var exportErr error // an error of the export itself, not of the file
	write := func(w io.Writer) error {
		var writeErr error
		writeErr, exportErr = streamExport(w, lib, doc, o, opt)
		if writeErr != nil {
			return writeErr // safefile says which file and what is left of it
		}
		return exportErr
	}
	if !complete {
		if err := write(io.Discard); err != nil {
			return err
		}
	} else if err := safefile.WriteOutputFrom(o.output, write); err != nil {
		if exportErr != nil {
			return exportErr
		}
		return err
	}
	if err := reportErrors(lib, streams); err != nil {
		fmt.Fprintf(streams.ErrOut, "pubs: %s was not written\n", o.output)
		return err
	}
	return nil
}

// streamExport writes the export to w through a buffer, as it is made. It
// tells a failure of w (writeErr) from an error of the export itself.
func streamExport(w io.Writer, lib *bib.Library, doc *export.Document, o *exportOptions, opt export.Options) (writeErr, exportErr error) {
	sw := &stickyWriter{w: w}
	out := bufio.NewWriterSize(sw, 64<<10)
	err := writeExport(out, lib, doc, o, opt)
	if err == nil {
		err = out.Flush()
	}
	if sw.err != nil {
		return sw.err, nil
	}
	return nil, err
}

// writeExport renders the document (or, for the flat formats, its
// entries in section order) in the chosen format.
func writeExport(w io.Writer, lib *bib.Library, doc *export.Document, o *exportOptions, opt export.Options) error {
	switch o.format {
	case "json":
		return export.WriteJSON(w, doc.Entries())
	case "bibtex":
		return export.WriteBibTeX(w, lib, doc.Entries(), opt)
	case "csljson":
		return export.WriteCSLJSON(w, doc.Entries(), export.CSLOptions{Abstract: opt.Abstract, Private: opt.Private})
	}
	return export.Render(w, o.format, doc, renderOptions(o))
}

// flatFormat reports whether a format is written from the entries alone
// (see writeExport), not rendered.
func flatFormat(format string) bool {
	return format == "json" || format == "bibtex" || format == "csljson"
}

func renderOptions(o *exportOptions) export.RenderOptions {
	return export.RenderOptions{
		Standalone: o.standalone,
		LaTeXList:  o.latexList,
		JSONLD:     o.jsonld,
		Template:   o.template,
	}
}

// stickyWriter remembers the first error of its writer, to tell a failed
// write from the other errors of an export.
type stickyWriter struct {
	w   io.Writer
	err error
}

func (s *stickyWriter) Write(p []byte) (int, error) {
	if s.err != nil {
		return 0, s.err
	}
	n, err := s.w.Write(p)
	s.err = err
	return n, err
}

// exportHugo writes (or, with --check, compares) the page bundles under
// the site folder -o. With library errors nothing is written.
func exportHugo(lib *bib.Library, c *config.Config, doc *export.Document, o *exportOptions, complete bool, streams IOStreams) error {
	hopt := export.HugoOptions{Abstract: o.abstract, Check: o.check || !complete}
	if c != nil {
		hopt.OwnerID = c.Export.HugoAuthor
	}
	res, err := export.WriteHugo(o.output, doc, hopt)
	for _, p := range res.Written {
		switch {
		case o.check:
			fmt.Fprintf(streams.ErrOut, "%s: stale\n", p)
		case complete:
			fmt.Fprintf(streams.ErrOut, "%s: written\n", p)
		}
	}
	for _, p := range res.Orphans {
		fmt.Fprintf(streams.ErrOut, "%s: no entry of the library maps to it; left alone\n", p)
	}
	if err != nil {
		fmt.Fprintf(streams.ErrOut, "pubs: %v\n", err)
		return errProblems
	}
	if rerr := reportErrors(lib, streams); rerr != nil {
		fmt.Fprintf(streams.ErrOut, "pubs: %s was not written\n", o.output)
		return rerr
	}
	if o.check && len(res.Written) > 0 {
		fmt.Fprintf(streams.ErrOut, "pubs: %s stale; run the export without --check to update them\n", count(len(res.Written), "file"))
		return errProblems
	}
	return nil
}

// sectionSpecs are the sections of pubs.toml, or the defaults, restricted
// to the names given with --section.
func sectionSpecs(c *config.Config, only []string) ([]export.SectionSpec, error) {
	var specs []export.SectionSpec
	if c != nil && len(c.Sections) > 0 {
		for _, s := range c.Sections {
			f, err := query.ParseFilter(s.Filter)
			if err != nil {
				return nil, fmt.Errorf("%s: section %q: %v", c.Path, s.Name, err)
			}
			specs = append(specs, export.SectionSpec{Name: s.Name, Filter: f, Order: s.Order, Numbering: s.Numbering})
		}
	} else {
		specs = export.DefaultSectionSpecs()
	}
	if len(only) == 0 {
		return specs, nil
	}
	var out []export.SectionSpec
	for _, name := range only {
		found := false
		for _, s := range specs {
			if strings.EqualFold(s.Name, name) {
				out = append(out, s)
				found = true
			}
		}
		if !found {
			names := make([]string, len(specs))
			for i, s := range specs {
				names[i] = fmt.Sprintf("%q", s.Name)
			}
			return nil, usagef("no section %q: the sections are %s", name, strings.Join(names, ", "))
		}
	}
	return out, nil
}

// defaultLaTeXNumbering numbers a CV's lists in reverse, unless a section
// of pubs.toml chose its own numbering.
func defaultLaTeXNumbering(specs []export.SectionSpec) string {
	for _, s := range specs {
		if s.Numbering != "" {
			return ""
		}
	}
	return "reverse"
}

// ownerNames are the names to set in bold: the owner's and its variants,
// and those of --highlight.
func ownerNames(c *config.Config, extra []string) []bib.Name {
	var names []string
	if c != nil {
		if c.Owner.Name != "" {
			names = append(names, c.Owner.Name)
		}
		names = append(names, c.Owner.Variants...)
	}
	names = append(names, extra...)
	var out []bib.Name
	for _, n := range names {
		if strings.TrimSpace(n) != "" {
			out = append(out, bib.ParseName(n))
		}
	}
	return out
}

// checkOutput compares what export would write with the file at path and
// says how they differ.
func checkOutput(path string, want []byte, streams IOStreams) error {
	have, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		fmt.Fprintf(streams.ErrOut, "%s: missing; run the export without --check to write it\n", path)
		return errProblems
	}
	if err != nil {
		return err
	}
	if bytes.Equal(have, want) {
		return nil
	}
	fmt.Fprintf(streams.ErrOut, "%s: stale: %s; run the export without --check to update it\n", path, diffSummary(have, want))
	return errProblems
}

// diffSummary says how many lines differ and where the first difference is.
func diffSummary(have, want []byte) string {
	a, b := strings.Split(string(have), "\n"), strings.Split(string(want), "\n")
	first := -1
	for i := 0; i < len(a) || i < len(b); i++ {
		if i >= len(a) || i >= len(b) || a[i] != b[i] {
			first = i
			break
		}
	}
	tally := func(lines []string) map[string]int {
		m := map[string]int{}
		for _, l := range lines {
			m[l]++
		}
		return m
	}
	ca, cb := tally(a), tally(b)
	removed, added := 0, 0
	for l, n := range ca {
		if d := n - cb[l]; d > 0 {
			removed += d
		}
	}
	for l, n := range cb {
		if d := n - ca[l]; d > 0 {
			added += d
		}
	}
	return fmt.Sprintf("%s to add, %s to remove, first difference at line %d", count(added, "line"), count(removed, "line"), first+1)
}
