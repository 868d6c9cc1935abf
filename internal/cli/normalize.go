package cli

import "github.com/pubs-dev/pubs/internal/bib"

// formatOptions are the normalisations fmt applies.
func formatOptions(o *fmtOptions) bib.FormatOptions {
	return bib.FormatOptions{SortFields: o.sortFields}
}
