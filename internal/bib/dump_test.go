package bib

import (
	"errors"
	"fmt"
	"strings"
)

// dump renders the items of a file compactly, for table-driven tests and
// golden files: one line per item, one indented line per field.
func dump(f *File) string {
	var b strings.Builder
	for _, it := range f.Items {
		pos := f.Position(it.Start)
		switch it.Kind {
		case KindText:
			fmt.Fprintf(&b, "%d:%d text %q\n", pos.Line, pos.Col, f.Src[it.Start:it.End])
			continue
		case KindComment:
			fmt.Fprintf(&b, "%d:%d comment\n", pos.Line, pos.Col)
			continue
		}
		e := it.Entry
		flags := ""
		if e.Broken {
			flags += " broken"
		}
		if e.NoKey {
			flags += " nokey"
		}
		fmt.Fprintf(&b, "%d:%d %s %s %q%s\n", pos.Line, pos.Col, it.Kind, e.Type, e.Key, flags)
		for _, fd := range e.Fields() {
			fmt.Fprintf(&b, "  %s = %s => %q\n", fd.Name, printParts(fd.Parts(f)), fd.Value)
		}
	}
	return b.String()
}

// diagLines renders the problems in err (an ErrorList, or nil) one per line.
func diagLines(err error) string {
	var list ErrorList
	if err != nil && !errors.As(err, &list) {
		return "not an ErrorList: " + err.Error() + "\n"
	}
	var b strings.Builder
	list.Print(&b)
	return b.String()
}

type stringsBuilder = strings.Builder
