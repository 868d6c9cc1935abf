package export

import (
	"io"
	"strings"

	"github.com/pubs-dev/pubs/internal/bib"
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
	private := privateFields(opt)
	for _, e := range entries {
		b.WriteString("\n" + CiteBibTeX(e, private) + "\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}
