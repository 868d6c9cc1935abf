package cli

import (
	"bufio"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/pubs-dev/pubs/internal/bib"
	"github.com/pubs-dev/pubs/internal/lint"
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
			diags := append(append(bib.ErrorList(nil), lib.Diagnostics...), lint.Check(lib)...)
			diags.Sort()
			// One write per buffer, not per line: a large library has
			// tens of thousands of warnings.
			out := bufio.NewWriterSize(streams.Out, 64<<10)
			if err := diags.Print(out); err != nil {
				return err
			}
			if err := out.Flush(); err != nil {
				return err
			}
			nerr, nwarn := len(diags.Errors()), len(diags.Warnings())
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
