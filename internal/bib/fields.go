package bib

import (
	"strconv"
	"strings"
)

// Year returns the entry's year: the first four-digit number in its year
// field, or else the year of its biblatex date field ("2021-10-29").
func (e *Entry) Year() (int, bool) {
	if e.date != 0 {
		y := int(e.date-1)>>4 - 1
		return max(y, 0), y >= 0
	}
	return e.year()
}

// Month returns the entry's month, 1 to 12: from its month field (a month
// name, abbreviation or number) or else from the month of its biblatex date
// field. It returns 0 when there is none.
func (e *Entry) Month() int {
	if e.date != 0 {
		return int(e.date-1) & 15
	}
	return e.month()
}

// cacheDate records the entry's year and month in e.date, where Year and
// Month find them without reading the fields again: sorting and filling
// a large library's items read them at random, long after NewLibrary
// read the fields in order. The fields must not change afterwards but
// through AppendField or SetFields, which forget the date.
func (e *Entry) cacheDate() {
	// The first year, date and month fields, found in one pass.
	var vals [3]string
	var seen [3]bool
	for i := range e.fields {
		k := -1
		switch e.fields[i].id {
		case idYear:
			k = 0
		case idDate:
			k = 1
		case idMonth:
			k = 2
		}
		if k >= 0 && !seen[k] {
			seen[k], vals[k] = true, e.ValueAt(i)
		}
	}
	y, ok := yearOf(vals[0], vals[1])
	if !ok {
		y = -1
	}
	// A year is four digits, a month 0 to 12.
	e.date = int32(1 + ((y+1)<<4 | monthOf(vals[2], vals[1])))
}

// The ids of the fields that give the date (see commonID).
var idYear, idDate, idMonth = commonID("year"), commonID("date"), commonID("month")

func (e *Entry) year() (int, bool) { return yearOf(e.Get("year"), e.Get("date")) }

func (e *Entry) month() int { return monthOf(e.Get("month"), e.Get("date")) }

// yearOf is the first four-digit number in the year field's value, or
// else in the date field's.
func yearOf(year, date string) (int, bool) {
	if y, ok := firstYear(year); ok {
		return y, true
	}
	return firstYear(date)
}

// firstYear returns the first run of exactly four digits in s.
func firstYear(s string) (int, bool) {
	for i := 0; i < len(s); {
		if !isDigit(s[i]) {
			i++
			continue
		}
		j := i
		for j < len(s) && isDigit(s[j]) {
			j++
		}
		if j-i == 4 {
			y, _ := strconv.Atoi(s[i:j])
			return y, true
		}
		i = j
	}
	return 0, false
}

var monthNames = []string{"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"}

// monthOf is the month of the month field's value, or else of the date
// field's; 0 when neither gives one.
func monthOf(month, d string) int {
	if m := ParseMonth(month); m > 0 {
		return m
	}
	if len(d) >= 7 && d[4] == '-' {
		if m, err := strconv.Atoi(d[5:7]); err == nil && m >= 1 && m <= 12 {
			return m
		}
	}
	return 0
}

// ParseMonth reads a month name, abbreviation ("Oct.") or number, 1 to 12;
// it returns 0 for anything else.
func ParseMonth(s string) int {
	s = strings.Trim(strings.TrimSpace(s), "{}.")
	if n, ok := smallNumber(s); ok {
		if n >= 1 && n <= 12 {
			return n
		}
		return 0
	}
	// A month name starts with three ASCII letters in any case (no other
	// text lowercases to them).
	if len(s) >= 3 {
		for i, m := range monthNames {
			if s[0]|0x20 == m[0] && s[1]|0x20 == m[1] && s[2]|0x20 == m[2] {
				return i + 1
			}
		}
	}
	return 0
}

// smallNumber reads what strconv.Atoi reads (a sign, then digits), without
// its allocation when s is not a number; a number too large for an int
// is some n > 12.
func smallNumber(s string) (int, bool) {
	digits := s
	if len(digits) > 0 && (digits[0] == '+' || digits[0] == '-') {
		digits = digits[1:]
	}
	if digits == "" {
		return 0, false
	}
	n := 0
	for i := 0; i < len(digits); i++ {
		c := digits[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		if n <= 12 {
			n = n*10 + int(c-'0')
		}
	}
	if s[0] == '-' {
		n = -n
	}
	return n, true
}

// venueFields are the fields that name where a work appeared, most specific
// first.
var venueFields = [...]string{"journal", "journaltitle", "booktitle", "eventtitle", "howpublished", "school", "institution", "organization", "publisher"}

// Venue returns where the work appeared: its journal, book or event, or
// else its school, institution or publisher.
func (e *Entry) Venue() string {
	for _, name := range venueFields {
		if v := strings.TrimSpace(e.Get(name)); v != "" {
			return v
		}
	}
	return ""
}

// Keywords returns the entries of the keywords field, split at commas and
// semicolons and trimmed.
func (e *Entry) Keywords() []string {
	var out []string
	for _, k := range strings.FieldsFunc(e.Get("keywords"), func(r rune) bool { return r == ',' || r == ';' }) {
		if k = strings.TrimSpace(k); k != "" {
			out = append(out, k)
		}
	}
	return out
}

// Authors returns the names in the author field, or else in the editor
// field.
func (e *Entry) Authors() []Name {
	if a := e.Get("author"); strings.TrimSpace(a) != "" {
		return ParseNames(a)
	}
	return ParseNames(e.Get("editor"))
}
