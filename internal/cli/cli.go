// Package cli is the pubs command line: the cobra command tree, flag
// parsing, and the mapping of errors to exit codes. It is the only package
// that knows about terminals and exit codes; cmd/pubs calls [Main].
//
// Exit codes: 0 success; 1 the output is incomplete or the library has
// errors (they are printed as file:line:col diagnostics); 2 the command was
// used wrongly (bad flag, no library).
package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/spf13/cobra"
	"golang.org/x/term"
)

// Exit codes.
const (
	ExitOK    = 0
	ExitError = 1
	ExitUsage = 2
)

// IOStreams are where a command reads and writes. Tests use buffers.
type IOStreams struct {
	In     io.Reader
	Out    io.Writer
	ErrOut io.Writer
	// OutIsTerminal tells whether Out is a terminal (for tables).
	OutIsTerminal bool
}

// System returns the process's standard streams.
func System() IOStreams {
	return IOStreams{In: os.Stdin, Out: os.Stdout, ErrOut: os.Stderr, OutIsTerminal: term.IsTerminal(int(os.Stdout.Fd()))}
}

// usageError is a wrong use of the command line: it exits with ExitUsage.
type usageError struct{ err error }

func (e *usageError) Error() string { return e.err.Error() }
func (e *usageError) Unwrap() error { return e.err }

func usagef(format string, args ...any) error {
	return &usageError{fmt.Errorf(format, args...)}
}

// silentError exits with its code and prints nothing more: the command has
// already said what went wrong.
type silentError struct{ code int }

func (e *silentError) Error() string { return fmt.Sprintf("exit status %d", e.code) }

// errProblems reports that the library has errors, already printed.
var errProblems = &silentError{ExitError}

// Main runs pubs with the given arguments (without the program name) and
// returns the process exit code.
func Main(args []string, streams IOStreams) int {
	root := newRootCmd(streams)
	root.SetArgs(args)
	root.SetIn(streams.In)
	root.SetOut(streams.Out)
	root.SetErr(streams.ErrOut)
	err := root.Execute()
	if err == nil {
		return ExitOK
	}
	var silent *silentError
	if errors.As(err, &silent) {
		return silent.code
	}
	fmt.Fprintf(streams.ErrOut, "pubs: %v\n", err)
	var usage *usageError
	if errors.As(err, &usage) || isFlagError(err) || strings.HasPrefix(err.Error(), "unknown command") {
		return ExitUsage
	}
	return ExitError
}

// isFlagError recognises cobra's and pflag's own usage errors, which are
// plain errors.
func isFlagError(err error) bool {
	var flagErr *flagError
	return errors.As(err, &flagErr)
}

type flagError struct{ err error }

func (e *flagError) Error() string { return e.err.Error() }
func (e *flagError) Unwrap() error { return e.err }

// globalOptions are the flags every command has.
type globalOptions struct {
	config   string
	bibs     []string
	encoding string // of .bib files that are not UTF-8: utf8, latin1 or windows1252
}

func newRootCmd(streams IOStreams) *cobra.Command {
	g := &globalOptions{}
	root := &cobra.Command{
		Use:   "pubs",
		Short: "Manage publications and talks kept in BibTeX",
		Long: `pubs reads your BibTeX files (every entry BibTeX itself reads), checks
them, and lists and exports what you publish.

The library is the .bib files named in pubs.toml in the current folder
(see 'pubs init'), or the files given with --bib.`,
		Example: `  pubs init --owner "Lars Ruthotto"
  pubs list --keyword selected --year 2020..
  pubs check
  pubs list --bib refs.bib --format json`,
		SilenceUsage:  true,
		SilenceErrors: true,
		Version:       version(),
	}
	root.SetVersionTemplate("pubs {{.Version}}\n")
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return &flagError{fmt.Errorf("%w (see '%s --help')", err, c.CommandPath())}
	})
	root.PersistentFlags().StringVar(&g.config, "config", "", "read the library's settings from this `FILE` (default ./pubs.toml)")
	root.PersistentFlags().StringArrayVar(&g.bibs, "bib", nil, "read this .bib `FILE` instead of the files in pubs.toml (repeatable)")
	root.PersistentFlags().StringVar(&g.encoding, "encoding", "utf8", "read .bib files that are not valid UTF-8 in this `ENCODING`: utf8 (keep the bytes, warn), latin1 or windows1252")
	root.AddCommand(
		newListCmd(g, streams),
		newExportCmd(g, streams),
		newCheckCmd(g, streams),
		newInitCmd(g, streams),
		newFmtCmd(g, streams),
		newAddCmd(g, streams),
		newVersionCmd(streams),
	)
	return root
}
