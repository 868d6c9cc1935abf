// Package export writes lists of entries in the formats people publish and
// scripts read. Each format has its own file and writer function, all of
// the shape Write<Format>(w io.Writer, entries []*bib.Entry, ...) error.
//
// Output is deterministic: the caller fixes the order (see
// [SortNewestFirst]), maps are written with sorted keys, and no writer adds
// timestamps, so CI can diff what pubs writes.
package export
