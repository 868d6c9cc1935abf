package export

import (
	"slices"
	"strconv"
	"strings"
	"unicode"
)

// parseRoles reads a biblatex data annotation of a name list, the
// author+an field:
//
//	author+an = {1=equal; 2=equal,corresponding; 3:family=student}
//
// Annotations are separated by ';'. Each names an item of the list
// (1-based), optionally a part of the name (":family"), then '=' and a
// comma-separated list of annotation words; quotes around a word are
// dropped. pubs shows every annotation of a name, whatever its part, as a
// mark after the name. Malformed annotations are skipped.
func parseRoles(s string) map[int][]string {
	if strings.TrimSpace(s) == "" {
		return nil
	}
	out := map[int][]string{}
	for _, a := range strings.Split(s, ";") {
		lhs, rhs, ok := strings.Cut(a, "=")
		if !ok {
			continue
		}
		item, _, _ := strings.Cut(lhs, ":")
		n, err := strconv.Atoi(strings.TrimSpace(item))
		if err != nil || n < 1 {
			continue
		}
		for _, w := range strings.Split(rhs, ",") {
			w = strings.ToLower(strings.Trim(strings.TrimSpace(w), `"{}`))
			if w != "" && !slices.Contains(out[n], w) {
				out[n] = append(out[n], w)
			}
		}
	}
	return out
}

// knownRoles give the usual annotations their conventional marks and
// legend texts. Other annotations get the next free mark and their word,
// capitalised, as text.
var knownRoles = map[string]Note{
	"equal":         {Mark: "*", Text: "Equal contribution"},
	"corresponding": {Mark: "†", Text: "Corresponding author"},
}

var spareMarks = []string{"‡", "§", "¶", "‖", "#"}

type noteSet struct {
	byRole map[string]Note
	used   []string // roles in order of first use
	spare  int
}

func newNoteSet() *noteSet { return &noteSet{byRole: map[string]Note{}} }

func (s *noteSet) mark(role string) string {
	if n, ok := s.byRole[role]; ok {
		return n.Mark
	}
	n, ok := knownRoles[role]
	if !ok {
		if s.spare < len(spareMarks) {
			n.Mark = spareMarks[s.spare]
		} else {
			n.Mark = strings.Repeat("‡", s.spare-len(spareMarks)+2)
		}
		s.spare++
		r := []rune(strings.ReplaceAll(role, "-", " "))
		r[0] = unicode.ToUpper(r[0])
		n.Text = string(r)
	}
	n.Role = role
	s.byRole[role] = n
	s.used = append(s.used, role)
	return n.Mark
}

// list returns the legend in a stable order: known roles first (equal,
// corresponding), then the others in order of first use.
func (s *noteSet) list() []Note {
	var out []Note
	for _, r := range []string{"equal", "corresponding"} {
		if n, ok := s.byRole[r]; ok {
			out = append(out, n)
		}
	}
	for _, r := range s.used {
		if _, known := knownRoles[r]; !known {
			out = append(out, s.byRole[r])
		}
	}
	return out
}
