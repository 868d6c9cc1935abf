package bib

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/pubs-dev/pubs/internal/parallel"
)

// Pos is a position in a file. Line and Col are 1-based; Col counts bytes, as
// go/token does. A Pos with Line 0 is invalid.
type Pos struct {
	Filename string
	Offset   int // byte offset, starting at 0
	Line     int
	Col      int
}

// IsValid reports whether the position has a line.
func (p Pos) IsValid() bool { return p.Line > 0 }

// String formats the position as
//
//	file:line:col    valid position with file name
//	line:col         valid position without file name
//	file             invalid position with file name
//	-                invalid position without file name
func (p Pos) String() string {
	switch {
	case p.IsValid() && p.Filename != "":
		return fmt.Sprintf("%s:%d:%d", p.Filename, p.Line, p.Col)
	case p.IsValid():
		return fmt.Sprintf("%d:%d", p.Line, p.Col)
	case p.Filename != "":
		return p.Filename
	}
	return "-"
}

// appendTo appends String's text.
func (p Pos) appendTo(b []byte) []byte {
	switch {
	case p.IsValid() && p.Filename != "":
		b = append(b, p.Filename...)
		b = append(b, ':')
		b = strconv.AppendInt(b, int64(p.Line), 10)
		b = append(b, ':')
		return strconv.AppendInt(b, int64(p.Col), 10)
	case p.IsValid():
		b = strconv.AppendInt(b, int64(p.Line), 10)
		b = append(b, ':')
		return strconv.AppendInt(b, int64(p.Col), 10)
	case p.Filename != "":
		return append(b, p.Filename...)
	}
	return append(b, '-')
}

// lineIndex maps byte offsets to lines. It records, for every block of
// 1<<lineShift bytes, the line at the block's start and the offset where
// that line starts; the position of an offset is found from its block's
// record by counting the line breaks between the block's start and the
// offset. It takes 16 bytes per KiB of the file, a tenth of an offset per
// line (lines of a .bib file have some 50 bytes), and finds a position as
// fast.
type lineIndex struct {
	shift int   // blocks of 1<<shift bytes
	line  []int // line[b]: the line, 1-based, of offset b<<shift
	start []int // start[b]: the offset where that line starts
}

// lineShift sets the size of the line index's blocks, 1 KiB. Tests lower
// it.
var lineShift = 10

// newLineIndex builds the line index of src; with concurrent set, on all
// cores. The result is the same.
func newLineIndex(src string, concurrent bool) lineIndex {
	shift := lineShift
	nb := len(src)>>shift + 1
	x := lineIndex{shift: shift, line: make([]int, nb), start: make([]int, nb)}
	// First, for each block, the line breaks in the block before it and
	// where the line after the last of them starts (0 when none)...
	count := func(b int) {
		seg := src[(b-1)<<shift : min(len(src), b<<shift)]
		if n := strings.Count(seg, "\n"); n > 0 {
			x.line[b] = n
			x.start[b] = (b-1)<<shift + strings.LastIndexByte(seg, '\n') + 1
		}
	}
	// (in groups of blocks: a block is too little work to hand out alone)
	const group = 256
	ng := (nb - 1 + group - 1) / group
	each := func(g int) {
		for b := 1 + g*group; b < min(nb, 1+(g+1)*group); b++ {
			count(b)
		}
	}
	if concurrent {
		parallel.Each(ng, each)
	} else {
		for g := range ng {
			each(g)
		}
	}
	// ... then the lines and line starts, summed up. A UTF-8 byte order
	// mark is not part of the first line's columns.
	x.line[0] = 1
	if strings.HasPrefix(src, bom) {
		x.start[0] = len(bom)
	}
	for b := 1; b < nb; b++ {
		x.line[b] += x.line[b-1]
		if x.start[b] == 0 {
			x.start[b] = x.start[b-1]
		}
	}
	return x
}

func (x lineIndex) pos(filename, src string, off int) Pos {
	if len(x.line) == 0 || off < x.start[0] { // no index, or inside the byte order mark
		return Pos{Filename: filename, Offset: off, Line: 1, Col: 1}
	}
	b := min(off>>x.shift, len(x.line)-1)
	line, start := x.line[b], x.start[b]
	if from, to := b<<x.shift, min(off, len(src)); from < to {
		seg := src[from:to]
		if n := strings.Count(seg, "\n"); n > 0 {
			line += n
			start = from + strings.LastIndexByte(seg, '\n') + 1
		}
	}
	return Pos{Filename: filename, Offset: off, Line: line, Col: off - start + 1}
}

const bom = "\uFEFF"
