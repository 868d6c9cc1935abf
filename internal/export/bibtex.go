package export

import (
	"io"
	"strings"

	"github.com/pubs-dev/pubs/internal/bib"
	"github.com/pubs-dev/pubs/internal/parallel"
)

// WriteBibTeX writes the entries as one .bib file for a "download all"
// link: each entry as behind its Cite button (canonical form, private
// fields removed, macros other than months expanded), after the @preamble
// items of the library's files, which may define commands the entries
// use. Entries are separated by blank lines.
func WriteBibTeX(w io.Writer, lib *bib.Library, entries []*bib.Entry, opt Options) error {
	var b strings.Builder
	b.WriteString("% Written by pubs (https://github.com/pubs-dev/pubs) from the library's .bib files.\n")
	if lib != nil {
		for _, f := range lib.Files {
			for _, it := range f.Items {
				if it.Kind == bib.KindPreamble {
					b.WriteString("\n" + strings.TrimSpace(f.Src[it.Start:it.End]) + "\n")
				}
			}
		}
	}
	if _, err := io.WriteString(w, b.String()); err != nil {
		return err
	}
	// The entries are written as they are made, on all cores, each
	// goroutine with its own cache of canonical names.
	private := privateFields(opt)
	newCache := func() *personCache {
		c := newPersonCache(min(len(entries), maxCached))
		opt := newCiteOptions(private, c.canonical)
		c.cite = &opt
		return c
	}
	return parallel.WriteOrderedWith(w, len(entries), 256, newCache, func(c *personCache, b []byte, lo, hi int) []byte {
		for _, e := range entries[lo:hi] {
			b = append(b, '\n')
			b = appendCite(b, e, *c.cite)
			b = append(b, '\n')
		}
		return b
	})
}
