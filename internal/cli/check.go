package cli

import (
	"bufio"
	"fmt"
	"io"
	"runtime"
	"sort"

	"github.com/spf13/cobra"

	"github.com/pubs-dev/pubs/internal/bib"
	"github.com/pubs-dev/pubs/internal/lint"
	"github.com/pubs-dev/pubs/internal/parallel"
)

func newCheckCmd(g *globalOptions, streams IOStreams) *cobra.Command {
	return &cobra.Command{
		Use:   "check",
		Short: "Report every problem in the library's .bib files",
		Long: `Check reads the library and prints every problem it finds, one per line,
sorted by file and position, the way a compiler does:

  refs/talks.bib:12:3: error: undefined string macro "jmlr"
  refs/talks.bib:20:5: warning: duplicate field "title" in entry "x": BibTeX uses the first one, at line 18

Errors are what makes output incomplete or wrong: syntax errors (the rest
of the file is still read), unbalanced braces, undefined @string macros,
duplicate keys (within and across files; keys ignore case, as in BibTeX),
entries without a key, crossrefs to missing entries. Warnings deserve a
look but lose nothing: a field given twice, a missing required field, a
year that is not a number or a month that is not a month, an invalid DOI,
a DOI written as a URL or shared by two entries, names BibTeX will split
oddly ("Henry Ford Jr."), one person under several spellings, unknown LaTeX
commands, a file that is not UTF-8. See docs/check.md.

The exit status is 1 when there is any error, 0 otherwise, so check can
guard a CI pipeline.`,
		Example: `  pubs check
  pubs check --bib refs/publications.bib`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			lib, _, err := g.loadLibrary()
			if err != nil {
				return err
			}
			diags := append(bib.ErrorList(nil), lib.Diagnostics...)
			diags.Sort()
			warnings := lint.Find(lib)
			// One write per buffer, not per line: a large library has
			// tens of thousands of warnings.
			out := bufio.NewWriterSize(streams.Out, 64<<10)
			if err := printMerged(out, diags, warnings); err != nil {
				return err
			}
			if err := out.Flush(); err != nil {
				return err
			}
			nerr, nwarn := diags.Count()
			nwarn += warnings.Len()
			fmt.Fprintf(streams.ErrOut, "%s in %s: %s, %s\n",
				count(len(lib.Entries), "entry"), count(len(lib.Files), "file"), count(nerr, "error"), count(nwarn, "warning"))
			if nerr > 0 {
				return errProblems
			}
			return nil
		},
	}
}

// noArgs rejects positional arguments as a usage error.
func noArgs(cmd *cobra.Command, args []string) error {
	if len(args) > 0 {
		return usagef("%s takes no arguments, got %q\nRun '%s --help' for usage.", cmd.CommandPath(), args[0], cmd.CommandPath())
	}
	return nil
}

// printMerged prints the diagnostics and the warnings, each sorted, as
// ErrorList.Print prints the diagnostics followed by the warnings once
// sorted, that is, with a diagnostic before a warning it does not follow.
// The lines are written in pieces of about 64 KiB, made on all cores.
func printMerged(w io.Writer, diags bib.ErrorList, warnings lint.Warnings) error {
	n := warnings.Len()
	// The place of each diagnostic: before warning at[i].
	at := make([]int, len(diags))
	for i, d := range diags {
		lo := 0
		if i > 0 {
			lo = at[i-1]
		}
		at[i] = lo + sort.Search(n-lo, func(k int) bool {
			e := warnings.Error(lo + k)
			return d.Compare(&e) <= 0
		})
	}
	const piece = 512 // warnings
	bufs := make([][]byte, 2*runtime.GOMAXPROCS(0))
	for from := 0; from < n; from += len(bufs) * piece {
		parallel.Batches(len(bufs), 1, func(lo, hi int) {
			for p := lo; p < hi; p++ {
				b := bufs[p][:0]
				first := from + p*piece
				i := sort.SearchInts(at, first)
				for k := first; k < min(n, first+piece); k++ {
					for ; i < len(at) && at[i] == k; i++ {
						b = append(diags[i].AppendDiagnostic(b), '\n')
					}
					b = append(warnings.AppendDiagnostic(b, k), '\n')
				}
				bufs[p] = b
			}
		})
		for _, b := range bufs {
			if len(b) > 0 {
				if _, err := w.Write(b); err != nil {
					return err
				}
			}
		}
	}
	var b []byte
	for i := sort.SearchInts(at, n); i < len(diags); i++ {
		b = append(diags[i].AppendDiagnostic(b), '\n')
	}
	if len(b) > 0 {
		_, err := w.Write(b)
		return err
	}
	return nil
}
