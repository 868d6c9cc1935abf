// Command gen writes a large, realistic, reproducible BibTeX library for
// benchmarks and end-to-end timing:
//
//	go run ./internal/bench/gen -n 100000 -seed 1 -o /tmp/lib.bib
//
// The same flags always give byte-identical output. The library mixes the
// formatting habits of JabRef, Google Scholar, BibDesk, DBLP and hand-edited
// files, uses @string journal macros, a @preamble and JabRef @comment
// metadata, and breaks a small fraction (-malformed) of its entries in ways a
// BibTeX reader must recover from.
package main

import (
	"bufio"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/pubs-dev/pubs/internal/bench/libgen"
)

func main() {
	err := run(os.Args[1:], os.Stdout, os.Stderr)
	switch {
	case err == nil:
	case errors.Is(err, flag.ErrHelp):
	default:
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(2)
	}
}

func run(args []string, stdout, stderr io.Writer) (err error) {
	fs := flag.NewFlagSet("gen", flag.ContinueOnError)
	fs.SetOutput(stderr)
	n := fs.Int("n", 1000, "number of entries")
	seed := fs.Int64("seed", 1, "random seed")
	out := fs.String("o", "", "output file (default: standard output)")
	malformed := fs.Float64("malformed", 0.001, "fraction of entries that are malformed, in [0, 1]")
	crlf := fs.Bool("crlf", false, "end lines with CR LF instead of LF")
	fs.Usage = func() {
		fmt.Fprintf(stderr, "usage: gen [-n entries] [-seed s] [-malformed f] [-crlf] [-o file]\n")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected arguments: %q", fs.Args())
	}

	w := stdout
	if *out != "" {
		f, err := os.Create(*out)
		if err != nil {
			return err
		}
		defer func() {
			if cerr := f.Close(); err == nil {
				err = cerr
			}
		}()
		w = f
	}
	bw := bufio.NewWriterSize(w, 1<<20)
	var gw io.Writer = bw
	if *crlf {
		gw = libgen.NewCRLFWriter(bw)
	}
	if err := libgen.Generate(gw, *n, *seed, *malformed); err != nil {
		return err
	}
	return bw.Flush()
}
