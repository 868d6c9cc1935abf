package cli

import (
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/pubs-dev/pubs/internal/bib"
	"github.com/pubs-dev/pubs/internal/export"
	"github.com/pubs-dev/pubs/internal/query"
)

type listOptions struct {
	format   string
	types    []string
	years    string
	keywords []string
	authors  []string
}

func newListCmd(g *globalOptions, streams IOStreams) *cobra.Command {
	o := &listOptions{}
	cmd := &cobra.Command{
		Use:   "list [flags] [FILTER...]",
		Short: "List the library's entries, newest first",
		Long: `List prints the library's entries, newest first (by year and month, then
key), as a table, JSON or CSV.

Filters combine: an entry is listed when it matches every filter given.
--type, --keyword and --author may be repeated (or take a comma-separated
list): any of their values may match. FILTER words use the filter language
of docs/filters.md (the same as export and the sections of pubs.toml):
type:article, year>=2020, keyword:selected, author:Haber, is:talk,
has:doi, journal:"Inverse Problems", -TERM to exclude; a plain word is
searched for, without regard to case, in the title, the author and editor
names and the venue.

The JSON format is a stable contract for scripts: see docs/json.md.

When the library has errors, the entries that could be read are listed,
the errors are printed on standard error, and the exit status is 1.`,
		Example: `  pubs list
  pubs list --keyword selected --year 2020..
  pubs list --type article,inproceedings --author Haber
  pubs list neural network --format json
  pubs list type:article year>=2020 -is:preprint
  pubs list --format csv > publications.csv`,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runList(g, o, args, streams)
		},
	}
	f := cmd.Flags()
	f.StringVarP(&o.format, "format", "f", "table", "output `FORMAT`: table, json or csv")
	f.StringSliceVarP(&o.types, "type", "t", nil, "only entries of this `TYPE` (article, inproceedings, misc, ...)")
	f.StringVarP(&o.years, "year", "y", "", "only entries of these `YEARS`: 2020, 2019..2022, 2019.. or ..2022")
	f.StringSliceVarP(&o.keywords, "keyword", "k", nil, "only entries with this `KEYWORD` in their keywords field")
	f.StringSliceVarP(&o.authors, "author", "a", nil, "only entries with an author or editor whose name contains `NAME`")
	return cmd
}

func runList(g *globalOptions, o *listOptions, words []string, streams IOStreams) error {
	write, ok := listFormats[o.format]
	if !ok {
		return usagef("unknown format %q: want table, json or csv", o.format)
	}
	filter, err := o.filter(words)
	if err != nil {
		return err
	}
	lib, _, err := g.loadLibrary()
	if err != nil {
		return err
	}
	entries := make([]*bib.Entry, 0, len(lib.Entries))
	for _, e := range lib.Entries {
		if filter.Match(e) {
			entries = append(entries, e)
		}
	}
	export.SortNewestFirst(entries)
	if err := write(streams.Out, entries); err != nil {
		return fmt.Errorf("writing the list: %w", err)
	}
	return reportErrors(lib, streams)
}

// filter combines the filter flags and the FILTER words into one filter.
func (o *listOptions) filter(words []string) (*query.Filter, error) {
	q := query.Query{Types: o.types, Keywords: o.keywords, Authors: o.authors}
	if o.years != "" {
		r, err := query.ParseYearRange(o.years)
		if err != nil {
			return nil, usagef("--year: %v", err)
		}
		q.Years = r
	}
	terms, err := query.ParseFilter(words...)
	if err != nil {
		return nil, usagef("%v", err)
	}
	return query.FromQuery(q).And(terms), nil
}

var listFormats = map[string]func(w io.Writer, entries []*bib.Entry) error{
	"table": export.WriteTable,
	"json":  export.WriteJSON,
	"csv":   export.WriteCSV,
}

// reportErrors prints the library's errors (not its warnings: those are
// for 'pubs check') and returns errProblems when there are any.
func reportErrors(lib *bib.Library, streams IOStreams) error {
	errs := lib.Diagnostics.Errors()
	if len(errs) == 0 {
		return nil
	}
	errs.Print(streams.ErrOut)
	fmt.Fprintf(streams.ErrOut, "pubs: %s in the library; the output may be incomplete (run 'pubs check')\n", count(len(errs), "error"))
	return errProblems
}

// count renders "1 entry", "2 entries", "0 errors".
func count(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	if strings.HasSuffix(noun, "y") {
		return fmt.Sprintf("%d %sies", n, strings.TrimSuffix(noun, "y"))
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
