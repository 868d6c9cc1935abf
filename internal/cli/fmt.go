package cli

import (
	"bufio"
	"errors"
	"fmt"
	"io"

	"github.com/rogpeppe/go-internal/diff"
	"github.com/spf13/cobra"

	"github.com/pubs-dev/pubs/internal/bib"
	"github.com/pubs-dev/pubs/internal/safefile"
)

type fmtOptions struct {
	write, check, diff bool
	sortFields         bool
}

func newFmtCmd(g *globalOptions, streams IOStreams) *cobra.Command {
	o := &fmtOptions{}
	cmd := &cobra.Command{
		Use:   "fmt [flags] [FILE...]",
		Short: "Normalise the layout of entries, touching nothing else",
		Long: `Fmt puts entries in a canonical form: lowercase type and field names, one
field per line indented by two spaces, braces instead of quotes, name lists
as "von Last, Jr, First and ...", bare DOIs, and a trailing comma. Values
are otherwise kept as written. Comments, free text, @string and @preamble
items, the order of fields (unless --sort-fields) and every entry that is
already canonical stay byte for byte. Formatting is idempotent.

It works on the FILEs given, or on the library's files. Without a flag it
prints the formatted files; --write rewrites them in place (atomically,
under a lock, keeping the file mode); --check lists the entries that would
change and exits 1 if there are any (for CI); --diff prints a unified diff.

A file with syntax errors is not rewritten: fmt prints the errors and exits
1, so that nothing is changed around a problem you have not seen.`,
		Example: `  pubs fmt --check
  pubs fmt --diff refs/talks.bib
  pubs fmt --write`,
		RunE: func(cmd *cobra.Command, args []string) error {
			if o.write && (o.check || o.diff) {
				return usagef("--write cannot be combined with --check or --diff")
			}
			return runFmt(g, o, args, streams)
		},
	}
	f := cmd.Flags()
	f.BoolVarP(&o.write, "write", "w", false, "rewrite the files in place")
	f.BoolVar(&o.check, "check", false, "list the entries that would change; exit 1 if any")
	f.BoolVarP(&o.diff, "diff", "d", false, "print a unified diff of the changes")
	f.BoolVar(&o.sortFields, "sort-fields", false, "also put fields in a conventional order (author, title, venue, year, ...)")
	return cmd
}

func runFmt(g *globalOptions, o *fmtOptions, files []string, streams IOStreams) error {
	if len(files) == 0 {
		files = g.bibs
	}
	if len(files) == 0 {
		c, err := g.loadConfig()
		if err != nil {
			return err
		}
		files = c.Bib
	}
	opt := formatOptions(o)
	// Formatting holds a file, its parsed form and the formatted text:
	// the limit that loading a library sets suits it (see setMemoryLimit).
	setMemoryLimit(files)
	failed, pending := false, 0
	for _, name := range files {
		if o.write {
			n, err := fmtWrite(name, opt, streams)
			if err != nil {
				if !errors.Is(err, errProblems) {
					fmt.Fprintf(streams.ErrOut, "pubs: %v\n", err)
				}
				failed = true
				continue
			}
			if n > 0 {
				fmt.Fprintf(streams.ErrOut, "%s: reformatted %s\n", name, count(n, "entry"))
			}
			continue
		}
		src, err := bib.ReadFile(name)
		if err != nil {
			return err
		}
		// src is only read from now on (--diff compares it): the File
		// shares it rather than copying it.
		f, perr := bib.ParseOwned(name, src)
		if perr != nil {
			printSyntax(perr, streams)
			failed = true
			continue
		}
		switch {
		case o.diff:
			out, changes := bib.FormatFile(f, opt)
			pending += len(changes)
			if o.check {
				for _, c := range changes {
					fmt.Fprintf(streams.Out, "%s: entry %q would be reformatted\n", c.Entry.Pos(), c.Entry.Key)
				}
			}
			if len(changes) > 0 {
				streams.Out.Write(diff.Diff(name, src, name+" (formatted)", []byte(out)))
			}
		case o.check:
			// The formatted text is not kept: only which entries change.
			changed, _ := bib.FormatTo(io.Discard, f, opt)
			pending += len(changed)
			for _, e := range changed {
				fmt.Fprintf(streams.Out, "%s: entry %q would be reformatted\n", e.Pos(), e.Key)
			}
		default:
			// Written as it is made, not held: a large library's text
			// would be a second copy of the file in memory.
			out := bufio.NewWriterSize(streams.Out, 64<<10)
			changed, err := bib.FormatTo(out, f, opt)
			if err == nil {
				err = out.Flush()
			}
			if err != nil {
				return fmt.Errorf("writing %s formatted: %w", name, err)
			}
			pending += len(changed)
		}
	}
	if failed || (o.check && pending > 0) {
		return errProblems
	}
	return nil
}

// fmtWrite rewrites one file under a lock, formatting the content read
// under the lock. It returns how many entries changed.
func fmtWrite(name string, opt bib.FormatOptions, streams IOStreams) (int, error) {
	n := 0
	_, err := safefile.UpdateFrom(name, func(old []byte) (func(io.Writer) error, error) {
		write, changed, err := formatUpdate(name, old, opt, streams)
		n = changed
		return write, err
	})
	return n, err
}

// formatUpdate is fmtWrite's part under the lock: it returns the function
// that writes old formatted, and how many entries that changes; no
// function when none changes. Which entries change is known before
// anything is written, so that a file without a change is left alone, not
// even checked for being writable; the text is then formatted again into
// the new file as it is made, not held in memory.
func formatUpdate(name string, old []byte, opt bib.FormatOptions, streams IOStreams) (func(io.Writer) error, int, error) {
	if err := bib.CheckRaw(name, old); err != nil {
		return nil, 0, err
	}
	f, perr := bib.ParseOwned(name, old) // UpdateFrom does not change old
	if perr != nil {
		printSyntax(perr, streams)
		return nil, 0, errProblems
	}
	changed, _ := bib.FormatTo(io.Discard, f, opt) // io.Discard does not fail
	if len(changed) == 0 {
		return nil, 0, nil
	}
	return func(w io.Writer) error {
		_, err := bib.FormatTo(w, f, opt)
		return err
	}, len(changed), nil
}

func printSyntax(err error, streams IOStreams) {
	var list bib.ErrorList
	if errors.As(err, &list) {
		list.Print(streams.ErrOut)
		fmt.Fprintf(streams.ErrOut, "pubs: %s not formatted: fix the syntax errors first\n", list[0].Pos.Filename)
		return
	}
	fmt.Fprintf(streams.ErrOut, "pubs: %v\n", err)
}
