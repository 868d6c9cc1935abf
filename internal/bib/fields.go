package bib

import (
	"strconv"
	"strings"
)

// Year returns the entry's year: the first four-digit number in its year
// field, or else the year of its biblatex date field ("2021-10-29").
func (e *Entry) Year() (int, bool) {
	for _, name := range [...]string{"year", "date"} {
		if y, ok := firstYear(e.Get(name)); ok {
			return y, true
		}
	}
	return 0, false
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

// Month returns the entry's month, 1 to 12: from its month field (a month
// name, abbreviation or number) or else from the month of its biblatex date
// field. It returns 0 when there is none.
func (e *Entry) Month() int {
	if m := ParseMonth(e.Get("month")); m > 0 {
		return m
	}
	d := e.Get("date")
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
