package bib

import (
	"cmp"
	"fmt"
	"io"
	"slices"
	"strings"
)

// Severity tells whether a problem makes a result incomplete (SeverityError)
// or only deserves attention (SeverityWarning).
type Severity int

// The severities, most severe first.
const (
	SeverityError Severity = iota
	SeverityWarning
)

func (s Severity) String() string {
	if s == SeverityWarning {
		return "warning"
	}
	return "error"
}

// Error is one problem found in a file. Its Error method renders it as
//
//	refs/talks.bib:12:3: undefined string macro "jmlr"
//
// and [Error.Diagnostic] adds the severity, as compilers print it:
//
//	refs/talks.bib:12:3: error: undefined string macro "jmlr"
type Error struct {
	Pos      Pos
	Msg      string
	Severity Severity
}

func (e *Error) Error() string { return e.Pos.String() + ": " + e.Msg }

// Diagnostic renders the problem as "file:line:col: severity: message".
func (e *Error) Diagnostic() string {
	return e.Pos.String() + ": " + e.Severity.String() + ": " + e.Msg
}

// AppendDiagnostic appends the text of Diagnostic to b and returns the
// extended slice.
func (e *Error) AppendDiagnostic(b []byte) []byte {
	b = e.Pos.appendTo(b)
	b = append(b, ": "...)
	b = append(b, e.Severity.String()...)
	b = append(b, ": "...)
	return append(b, e.Msg...)
}

// ErrorList is a list of problems. The zero value is an empty list ready to
// use.
type ErrorList []*Error

// Add appends a problem of the given severity.
func (l *ErrorList) Add(pos Pos, sev Severity, format string, args ...any) {
	*l = append(*l, &Error{Pos: pos, Msg: fmt.Sprintf(format, args...), Severity: sev})
}

// Len, Swap and Less make ErrorList a sort.Interface ordered by file, line,
// column, severity and message.
func (l ErrorList) Len() int      { return len(l) }
func (l ErrorList) Swap(i, j int) { l[i], l[j] = l[j], l[i] }
func (l ErrorList) Less(i, j int) bool {
	a, b := l[i], l[j]
	if a.Pos.Filename != b.Pos.Filename {
		return a.Pos.Filename < b.Pos.Filename
	}
	if a.Pos.Offset != b.Pos.Offset {
		return a.Pos.Offset < b.Pos.Offset
	}
	if a.Severity != b.Severity {
		return a.Severity < b.Severity
	}
	return a.Msg < b.Msg
}

// Sort sorts the list by position, stably.
func (l ErrorList) Sort() {
	// Less, with the problems' order in the list breaking ties: a stable
	// sort, done by pdqsort in O(n log n) (a check of a large library
	// sorts a hundred thousand warnings).
	type indexed struct {
		e *Error
		i int
	}
	s := make([]indexed, len(l))
	for i, e := range l {
		s[i] = indexed{e, i}
	}
	slices.SortFunc(s, func(x, y indexed) int {
		if c := x.e.Compare(y.e); c != 0 {
			return c
		}
		return cmp.Compare(x.i, y.i)
	})
	for i := range s {
		l[i] = s[i].e
	}
}

// Compare orders two problems as Sort does, by file, offset, severity and
// message: it returns -1 when e comes first, +1 when f does, and 0 when
// they are alike (Sort keeps those in their order).
func (e *Error) Compare(f *Error) int {
	if c := strings.Compare(e.Pos.Filename, f.Pos.Filename); c != 0 {
		return c
	}
	if c := cmp.Compare(e.Pos.Offset, f.Pos.Offset); c != 0 {
		return c
	}
	if c := cmp.Compare(e.Severity, f.Severity); c != 0 {
		return c
	}
	return strings.Compare(e.Msg, f.Msg)
}

// Count returns how many problems are errors and how many are warnings.
func (l ErrorList) Count() (errors, warnings int) {
	for _, e := range l {
		if e.Severity == SeverityError {
			errors++
		} else if e.Severity == SeverityWarning {
			warnings++
		}
	}
	return errors, warnings
}

// Errors returns the problems of error severity.
func (l ErrorList) Errors() ErrorList { return l.filter(SeverityError) }

// Warnings returns the problems of warning severity.
func (l ErrorList) Warnings() ErrorList { return l.filter(SeverityWarning) }

func (l ErrorList) filter(s Severity) ErrorList {
	var out ErrorList
	for _, e := range l {
		if e.Severity == s {
			out = append(out, e)
		}
	}
	return out
}

// Error summarises the list: its first problem and how many more there are.
func (l ErrorList) Error() string {
	switch len(l) {
	case 0:
		return "no errors"
	case 1:
		return l[0].Error()
	}
	return fmt.Sprintf("%s (and %d more errors)", l[0], len(l)-1)
}

// Err returns nil when the list holds no problem of error severity, and the
// list of those problems otherwise.
func (l ErrorList) Err() error {
	errs := l.Errors()
	if len(errs) == 0 {
		return nil
	}
	return errs
}

// Unwrap returns the problems as a slice of errors, for errors.Is and
// errors.As.
func (l ErrorList) Unwrap() []error {
	out := make([]error, len(l))
	for i, e := range l {
		out[i] = e
	}
	return out
}

// Print writes each problem as a diagnostic line.
func (l ErrorList) Print(w io.Writer) error {
	// In pieces of about 64 KiB, without fmt: a large library has
	// a hundred thousand warnings.
	var b []byte
	for i, e := range l {
		b = append(e.AppendDiagnostic(b), '\n')
		if len(b) >= 64<<10 || i == len(l)-1 {
			if _, err := w.Write(b); err != nil {
				return err
			}
			b = b[:0]
		}
	}
	return nil
}
