// Package query selects entries of a library: by type, year range, keyword,
// author, fields and free text. [ParseFilter] reads the filter language
// that list, export and the CV sections of pubs.toml share (see [Filter]
// and docs/filters.md); a [Query] holds the list command's flags and
// becomes the same kind of filter.
package query

import (
	"fmt"
	"strconv"
	"strings"
)

// Query is a conjunction of conditions; a zero Query matches every entry.
// Within one condition, any of several values may match (Types, Keywords,
// Authors); every word of Text must match.
type Query struct {
	Types    []string // entry types, any case
	Years    YearRange
	Keywords []string // any of these keywords, any case
	Authors  []string // a name or part of a name of an author or editor
	Text     []string // words to find in title, authors or venue
}

// YearRange is an inclusive range of years; a zero bound is open.
type YearRange struct{ Min, Max int }

// ParseYearRange reads "2020", "2019..2022", "2019.." or "..2022".
func ParseYearRange(s string) (YearRange, error) {
	lo, hi, isRange := strings.Cut(s, "..")
	if !isRange {
		hi = lo
	}
	var r YearRange
	var err error
	if r.Min, err = parseYear(lo); err != nil {
		return r, err
	}
	if r.Max, err = parseYear(hi); err != nil {
		return r, err
	}
	if r.Min == 0 && r.Max == 0 {
		return r, fmt.Errorf("invalid year range %q: want 2020, 2019..2022, 2019.. or ..2022", s)
	}
	if r.Max != 0 && r.Min > r.Max {
		return r, fmt.Errorf("invalid year range %q: %d is after %d", s, r.Min, r.Max)
	}
	return r, nil
}

func parseYear(s string) (int, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, nil
	}
	y, err := strconv.Atoi(s)
	if err != nil || y < 1 || y > 9999 {
		return 0, fmt.Errorf("invalid year %q: want a number such as 2020", s)
	}
	return y, nil
}

func anyFold(list []string, s string) bool {
	for _, x := range list {
		if strings.EqualFold(x, s) {
			return true
		}
	}
	return false
}

func anyKeyword(want, have []string) bool {
	for _, k := range have {
		if anyFold(want, k) {
			return true
		}
	}
	return false
}

func anyAuthor(want, names []string) bool {
	for _, w := range want {
		w = strings.ToLower(strings.TrimSpace(w))
		for _, n := range names {
			if strings.Contains(n, w) {
				return true
			}
		}
	}
	return false
}
