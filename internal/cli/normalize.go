package cli

import (
	"github.com/pubs-dev/pubs/internal/bib"
	"github.com/pubs-dev/pubs/internal/ids"
)

// formatOptions are the normalisations fmt applies: DOIs become bare.
func formatOptions(o *fmtOptions) bib.FormatOptions {
	return bib.FormatOptions{SortFields: o.sortFields, NormalizeDOI: ids.ParseDOI}
}
