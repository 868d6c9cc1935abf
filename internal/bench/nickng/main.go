// Command nickng parses a .bib file with github.com/nickng/bibtex and
// prints the number of entries: the peer that scripts/bench.sh times as
// "nickng/bibtex parse alone".
//
//	go run ./internal/bench/nickng -prepare /tmp/lib100k.bib /tmp/lib100k.nickng.bib
//	go run ./internal/bench/nickng /tmp/lib100k.nickng.bib
//
// nickng/bibtex stops the process (log.Fatal) at the first macro it does
// not know and rejects "@string(...)", "%" lines and malformed entries,
// all of which the generated libraries hold on purpose. -prepare writes
// the file it can read: the same entries, well-formed ones only and the
// first of each key (BibTeX, and so bibtex2html, stops at a repeated
// one), each field's value expanded and braced, without @string,
// @comment or "%" lines. The timed run parses that file alone; the peers
// that cannot read the generated file are also timed on it.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"os"
	"strings"

	"github.com/nickng/bibtex"

	"github.com/pubs-dev/pubs/internal/bib"
)

func main() {
	prepare := flag.Bool("prepare", false, "write a file nickng/bibtex can read: nickng -prepare in.bib out.bib")
	flag.Parse()
	var err error
	switch {
	case *prepare && flag.NArg() == 2:
		err = prepareFile(flag.Arg(0), flag.Arg(1))
	case !*prepare && flag.NArg() == 1:
		err = parse(flag.Arg(0))
	default:
		fmt.Fprintln(os.Stderr, "usage: nickng file.bib | nickng -prepare in.bib out.bib")
		os.Exit(2)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "nickng:", err)
		os.Exit(1)
	}
}

func parse(name string) error {
	f, err := os.Open(name)
	if err != nil {
		return err
	}
	defer f.Close()
	b, err := bibtex.Parse(bufio.NewReaderSize(f, 1<<20))
	if err != nil {
		return err
	}
	fmt.Println(len(b.Entries), "entries")
	return nil
}

func prepareFile(in, out string) error {
	lib, err := bib.ParseFiles(in)
	if err != nil {
		return err
	}
	f, err := os.Create(out)
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(f, 1<<20)
	seen := map[string]bool{}
	for _, e := range lib.Entries {
		if e.Broken || e.Key == "" || strings.ContainsAny(e.Key, "{}(),=\"#% ") {
			continue
		}
		// BibTeX stops at a repeated key (keys ignore case): keep the
		// first, as it does.
		if k := strings.ToLower(e.Key); seen[k] {
			continue
		} else {
			seen[k] = true
		}
		fmt.Fprintf(w, "@%s{%s,\n", e.Type, e.Key)
		for _, fd := range e.Fields() {
			fmt.Fprintf(w, "  %s = {%s},\n", fd.Name, fd.Value)
		}
		w.WriteString("}\n\n")
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
