package bib

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
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

// lineIndex maps byte offsets to lines. starts[i] is the offset at which line
// i+1 starts.
type lineIndex struct {
	starts []int
}

func newLineIndex(src string) lineIndex {
	starts := make([]int, 1, 1+len(src)/40)
	// A UTF-8 byte order mark is not part of the first line's columns.
	if strings.HasPrefix(src, bom) {
		starts[0] = len(bom)
	}
	for off := 0; ; {
		i := strings.IndexByte(src[off:], '\n')
		if i < 0 {
			break
		}
		off += i + 1
		starts = append(starts, off)
	}
	return lineIndex{starts}
}

func (x lineIndex) pos(filename string, off int) Pos {
	line := sort.Search(len(x.starts), func(i int) bool { return x.starts[i] > off })
	if line == 0 { // inside the byte order mark
		return Pos{Filename: filename, Offset: off, Line: 1, Col: 1}
	}
	return Pos{Filename: filename, Offset: off, Line: line, Col: off - x.starts[line-1] + 1}
}

const bom = "\uFEFF"
