// Package bibtexref runs the real BibTeX 0.99d (the bibtex binary of TeX
// Live, as Debian's texlive-binaries ships it) as a reference oracle for the
// tests of pubs' own BibTeX parser.
//
// It is ordinary Go code so that the _test.go files of other packages can
// import it, but it is a test helper only: the pubs CLI must never use it at
// run time. Tests should call Available first and t.Skip when it reports
// false.
//
// # How it works
//
// Read copies the given .bib files into a fresh temporary directory as
// f0.bib, f1.bib, …, writes an .aux file citing everything (\citation{*})
// and a .bst style generated for the input, and runs bibtex there with
// BIBINPUTS=. and BSTINPUTS=. (without texlive-base, kpathsea has no
// texmf.cnf and would not search the current directory). The generated style
// writes one record per entry to the .bbl, which Read parses back; the .blg
// is parsed for BibTeX's error and warning messages.
//
// A .bst reads only the fields it declares in its ENTRY list, so the style
// declares every candidate field name found in the input: each BibTeX
// identifier (a maximal run of bytes other than white space and
// "#%'(),={}, not starting with a digit) that is followed by optional white
// space and "=", lowercased. This over-approximates the real field names (it
// also catches @string names and "a=b" inside values), which is harmless.
// Likewise every identifier that follows an "@" is defined as an entry-type
// function, because type$ gives the empty string for an entry whose type
// the style does not define (and BibTeX would warn that the type "isn't
// style-file defined").
//
// # Limitations
//
//   - Field names that clash with a .bst built-in (add.period$, sort.key$,
//     entry.max$, global.max$, the operators + - * < > = :=, …), with
//     default.type, or that start with "zz." (this package's own names)
//     cannot be declared; such fields are missing from Entry.Fields. (Every
//     other field name BibTeX can read is also a valid .bst identifier: both
//     use the same identifier characters.)
//   - crossref is predefined by BibTeX; it is reported like any other
//     field, as BibTeX stores it: rewritten to the parent's key as spelt in
//     the parent entry, and removed (with the error "A bad cross
//     reference") when the parent does not exist.
//   - With crossref, BibTeX copies the fields a child lacks from its parent
//     when reading; the inherited fields appear in the child's Fields like
//     the child's own fields and cannot be told apart.
//   - An entry type whose name is also a field name that follows a comma
//     somewhere in the input (so that it may be a real field), or that is a
//     built-in or starts with "zz.", cannot be defined as a function; such
//     entries get Type "" (what type$ gives for them) and a warning.
//   - Only the month macros jan … dec are predefined (as in plain.bst);
//     plain.bst's journal macros (cacm, …) are not.
//   - Message.Line is a line number in the .bib file the message is about;
//     with several input files, which file is not reported.
//
// # Line wrapping
//
// BibTeX's write$ wraps .bbl lines longer than 79 characters. TeX Live's
// BibTeX breaks at the last white space at or before the 80th character (not
// among the first three), else at the first white space after it; a line
// without white space is written unbroken (a 300-byte value without spaces
// comes out on one line, never hard-broken). At the break, the white space
// is replaced by a newline and the next line starts with two spaces. Trailing
// white space of every output line is stripped, so a break between two
// spaces loses one of them, and a string's trailing spaces are lost. Field
// values are trimmed and never contain two spaces in a row, but the preamble
// is not trimmed and can (BibTeX concatenates the @preamble strings as they
// are), so undoing the wrapping by joining lines is not exact in general.
// The generated styles therefore never write a line long enough to be
// wrapped: every string is written as lines "@@+" chunk "|" of at most 60
// bytes of the string each (substring$ counts bytes), and the "|" protects
// trailing spaces.
//
// # BibTeX behaviour worth knowing
//
// Seen with TeX Live 2022's bibtex while writing this package:
//
//   - A bare CR is an end of line for BibTeX's line counter, so in a CRLF
//     file every line counts twice: Message.Line is then about twice the
//     editor's line number.
//   - Once BibTeX has read the last line of a file, it stops after the item
//     it is processing: in "@misc{a,x=1} @misc{b,x=2}" as the last line, b is
//     not read (no error either). A newline after it does not help; a
//     further line does.
//   - @preamble strings are not trimmed; preamble$ is their concatenation.
package bibtexref

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
)

// Available reports whether a usable bibtex binary is on PATH.
func Available() bool {
	_, err := exec.LookPath("bibtex")
	return err == nil
}

// Entry is one database entry as BibTeX read it.
type Entry struct {
	// Key is the entry's key as BibTeX's cite$ gives it (case kept); it
	// may be empty.
	Key string
	// Type is the entry type, lowercased, as BibTeX's type$ gives it (""
	// in the rare case that the generated style cannot define the type;
	// see the package documentation).
	Type string
	// Fields maps each lowercased field name to its value exactly as
	// BibTeX stores it: white space runs collapsed to one space and
	// trimmed, macros expanded and concatenated, the outer delimiters
	// removed. With crossref, fields inherited from the parent are
	// included.
	Fields map[string]string
}

// Result is what BibTeX read from a set of .bib files.
type Result struct {
	// Entries in the order BibTeX processes them with \citation{*}
	// (file order).
	Entries []Entry
	// Preamble is the preamble$ output (all @preamble strings
	// concatenated).
	Preamble string
	// Errors are BibTeX's error messages, the ones counted in "(There were
	// N error messages)".
	Errors []Message
	// Warnings are BibTeX's warnings (the messages that start with
	// "Warning--").
	Warnings []Message
	// Log is the full .blg, for debugging.
	Log string
}

// Message is one error or warning message of BibTeX.
type Message struct {
	// Line is the line in the .bib file when BibTeX gives one, else 0.
	Line int
	// Text is the first line of the message, without the "Warning--"
	// prefix and without BibTeX's "---line N of file F" location, so that
	// it does not depend on the temporary file names.
	Text string
}

// Read runs bibtex on the given .bib files (in order, as \bibdata{f0,f1,…})
// with \citation{*} and returns what BibTeX read.
//
// BibTeX's exit status 1 (warnings) and 2 (errors) are normal results; Read
// returns an error only when bibtex cannot be run, stops with a fatal error,
// writes no .bbl, or when the output cannot be understood (which includes an
// error in the generated .bst, i.e. a bug in this package).
func Read(ctx context.Context, bibFiles ...string) (*Result, error) {
	if len(bibFiles) == 0 {
		return nil, errors.New("bibtexref: no .bib files given")
	}
	contents := make([][]byte, len(bibFiles))
	for i, f := range bibFiles {
		b, err := os.ReadFile(f)
		if err != nil {
			return nil, fmt.Errorf("bibtexref: %w", err)
		}
		contents[i] = b
	}
	bst, fields := readStyle(contents)
	run, err := runBibTeX(ctx, contents, bst)
	if err != nil {
		return nil, err
	}
	res := &Result{Log: run.blg}
	if err := parseEntries(run.bbl, fields, res); err != nil {
		return nil, fmt.Errorf("bibtexref: %w\n%s", err, run.blg)
	}
	if err := parseLog(run.blg, res); err != nil {
		return nil, fmt.Errorf("bibtexref: %w\n%s", err, run.blg)
	}
	return res, nil
}

// SplitNames returns BibTeX's split of each name in each name-list string
// (the value of an author or editor field). For each input string it
// returns one [4]string{first, von, last, jr} per name (num.names$ of
// them), each part as format.name$ gives it with "{ff}", "{vv}", "{ll}" and
// "{jj}"; ties (~) are kept as BibTeX outputs them.
//
// Each string is placed in a .bib file as author = {…}, so a string with
// unbalanced braces is rejected with an error.
func SplitNames(ctx context.Context, nameLists []string) ([][][4]string, error) {
	if len(nameLists) == 0 {
		return [][][4]string{}, nil
	}
	var bib bytes.Buffer
	for i, s := range nameLists {
		if err := checkBraces(s); err != nil {
			return nil, fmt.Errorf("bibtexref: name list %d %q: %w", i, s, err)
		}
		fmt.Fprintf(&bib, "@misc{n%d,\n  author = {%s}\n}\n\n", i, s)
	}
	run, err := runBibTeX(ctx, [][]byte{bib.Bytes()}, namesStyle)
	if err != nil {
		return nil, err
	}
	recs, err := parseBBL(run.bbl)
	if err != nil {
		return nil, fmt.Errorf("bibtexref: %w\n%s", err, run.bbl)
	}
	out := make([][][4]string, len(nameLists))
	seen := make([]bool, len(nameLists))
	cur := -1  // index of the name list being read
	name := -1 // index of the name being read within it
	part := 4  // next part expected (4: none)
	bad := func(r record) error {
		return fmt.Errorf("bibtexref: unexpected record %q %q in .bbl\n%s", r.tag, r.data, run.bbl)
	}
	complete := func() bool { return cur < 0 || (name == len(out[cur])-1 && part == 4) }
	for _, r := range recs {
		switch {
		case strings.HasPrefix(r.tag, "@@C "):
			idx, n, ok := parseTwoInts(r.tag[4:])
			if !ok || idx < 0 || idx >= len(nameLists) || seen[idx] || n < 0 || !complete() {
				return nil, bad(r)
			}
			seen[idx] = true
			cur, name, part = idx, -1, 4
			out[idx] = make([][4]string, n)
		case strings.HasPrefix(r.tag, "@@N "):
			idx, i, ok := parseTwoInts(r.tag[4:])
			if !ok || idx != cur || i != name+2 || i > len(out[cur]) || part != 4 {
				return nil, bad(r)
			}
			name, part = i-1, 0
		case r.tag == "@@f" || r.tag == "@@v" || r.tag == "@@l" || r.tag == "@@j":
			if cur < 0 || name < 0 || part >= 4 || r.tag[2] != "fvlj"[part] {
				return nil, bad(r)
			}
			out[cur][name][part] = r.data
			part++
		case r.tag == "@@Z":
			if !complete() {
				return nil, bad(r)
			}
			cur = -1
		default:
			return nil, bad(r)
		}
	}
	if len(recs) == 0 || recs[len(recs)-1].tag != "@@Z" {
		return nil, fmt.Errorf("bibtexref: incomplete .bbl (style did not finish)\n%s", run.blg)
	}
	for i, ok := range seen {
		if !ok {
			return nil, fmt.Errorf("bibtexref: no output for name list %d %q\n%s", i, nameLists[i], run.blg)
		}
	}
	return out, nil
}

// checkBraces reports an error unless the braces in s are balanced.
func checkBraces(s string) error {
	depth := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '{':
			depth++
		case '}':
			depth--
			if depth < 0 {
				return errors.New("unbalanced braces (unexpected '}')")
			}
		}
	}
	if depth != 0 {
		return errors.New("unbalanced braces (unclosed '{')")
	}
	return nil
}

func parseTwoInts(s string) (int, int, bool) {
	a, b, ok := strings.Cut(s, " ")
	if !ok {
		return 0, 0, false
	}
	x, err1 := strconv.Atoi(a)
	y, err2 := strconv.Atoi(b)
	return x, y, err1 == nil && err2 == nil
}

// runResult holds the output files of one bibtex run.
type runResult struct {
	bbl, blg string
}

const (
	auxName   = "zzref"
	styleName = "zzref"
)

// runBibTeX writes the .bib contents as f0.bib, f1.bib, … and the style as
// zzref.bst into a temporary directory, runs bibtex there and returns its
// .bbl and .blg.
func runBibTeX(ctx context.Context, bibs [][]byte, bst string) (*runResult, error) {
	exe, err := exec.LookPath("bibtex")
	if err != nil {
		return nil, fmt.Errorf("bibtexref: %w", err)
	}
	dir, err := os.MkdirTemp("", "bibtexref-")
	if err != nil {
		return nil, fmt.Errorf("bibtexref: %w", err)
	}
	defer os.RemoveAll(dir)

	names := make([]string, len(bibs))
	total := 0
	for i, b := range bibs {
		names[i] = fmt.Sprintf("f%d", i)
		total += len(b)
		if err := os.WriteFile(filepath.Join(dir, names[i]+".bib"), b, 0o644); err != nil {
			return nil, fmt.Errorf("bibtexref: %w", err)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, styleName+".bst"), []byte(bst), 0o644); err != nil {
		return nil, fmt.Errorf("bibtexref: %w", err)
	}
	aux := "\\citation{*}\n\\bibdata{" + strings.Join(names, ",") + "}\n\\bibstyle{" + styleName + "}\n"
	if err := os.WriteFile(filepath.Join(dir, auxName+".aux"), []byte(aux), 0o644); err != nil {
		return nil, fmt.Errorf("bibtexref: %w", err)
	}

	cmd := exec.CommandContext(ctx, exe, "-terse", auxName)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), bibtexEnv(total)...)
	var out bytes.Buffer
	cmd.Stdout = &out
	cmd.Stderr = &out
	runErr := cmd.Run()
	blg, _ := os.ReadFile(filepath.Join(dir, auxName+".blg"))
	if runErr != nil {
		var ee *exec.ExitError
		if !errors.As(runErr, &ee) || ee.ExitCode() < 1 || ee.ExitCode() > 2 {
			if ctx.Err() != nil {
				return nil, fmt.Errorf("bibtexref: %w", ctx.Err())
			}
			return nil, fmt.Errorf("bibtexref: bibtex failed: %v\n%s\n%s", runErr, out.Bytes(), blg)
		}
	}
	bbl, err := os.ReadFile(filepath.Join(dir, auxName+".bbl"))
	if err != nil {
		return nil, fmt.Errorf("bibtexref: bibtex wrote no .bbl: %v\n%s\n%s", err, out.Bytes(), blg)
	}
	return &runResult{bbl: string(bbl), blg: string(blg)}, nil
}

// bibtexEnv is the environment added for bibtex. BIBINPUTS and BSTINPUTS
// make kpathsea search the current directory. Of BibTeX's capacities, TeX
// Live's bibtex reads only max_strings, ent_str_size and glob_str_size from
// the environment or texmf.cnf; everything else (pool, fields, cites,
// wiz_fn_space, buffers) grows dynamically. max_strings (which also sets the
// hash size) defaults to 4000 when there is no texmf.cnf, too few for large
// files, so it is set from the input size. The generated styles use no
// entry or global string variables, so the other two are left alone
// (ent_str_size also sizes sort.key$ for every entry, so raising it costs
// memory).
func bibtexEnv(inputBytes int) []string {
	maxStrings := 100000 + inputBytes/2
	return []string{
		"BIBINPUTS=.",
		"BSTINPUTS=.",
		"max_strings=" + strconv.Itoa(maxStrings),
	}
}

// record is one record of the .bbl written by the generated styles: a tag
// line (starting with "@@") and the string given by the chunk lines after
// it.
type record struct {
	tag, data string
}

// parseBBL splits the .bbl into records. A chunk line is "@@+", part of
// the string, "|".
func parseBBL(bbl string) ([]record, error) {
	var recs []record
	for _, l := range strings.Split(bbl, "\n") {
		switch {
		case l == "":
		case strings.HasPrefix(l, "@@+"):
			if len(recs) == 0 || !strings.HasSuffix(l, "|") {
				return nil, fmt.Errorf("unexpected line %q in .bbl", l)
			}
			recs[len(recs)-1].data += l[3 : len(l)-1]
		case strings.HasPrefix(l, "@@"):
			recs = append(recs, record{tag: l})
		default:
			// Includes lines wrapped by write$, which the styles avoid.
			return nil, fmt.Errorf("unexpected line %q in .bbl", l)
		}
	}
	return recs, nil
}

// parseEntries parses the .bbl written by the style of readStyle; fields
// are the field names the style reports by index.
func parseEntries(bbl string, fields []string, res *Result) error {
	recs, err := parseBBL(bbl)
	if err != nil {
		return err
	}
	var cur *Entry
	done := false
	for _, r := range recs {
		if done {
			return fmt.Errorf("unexpected record %q after the end", r.tag)
		}
		switch {
		case r.tag == "@@E":
			res.Entries = append(res.Entries, Entry{Key: r.data, Fields: map[string]string{}})
			cur = &res.Entries[len(res.Entries)-1]
		case r.tag == "@@T" && cur != nil:
			cur.Type = r.data
		case strings.HasPrefix(r.tag, "@@F ") && cur != nil:
			i, err := strconv.Atoi(r.tag[4:])
			if err != nil || i < 0 || i >= len(fields) {
				return fmt.Errorf("bad field record %q", r.tag)
			}
			cur.Fields[fields[i]] = r.data
		case r.tag == "@@P":
			res.Preamble = r.data
			cur = nil
		case r.tag == "@@Z":
			done = true
		default:
			return fmt.Errorf("unexpected record %q in .bbl", r.tag)
		}
	}
	if !done {
		return errors.New("incomplete .bbl (style did not finish)")
	}
	return nil
}

var (
	// "Repeated entry---line 6 of file f0.bib"
	errLineRE = regexp.MustCompile(`^(.*)---line (\d+) of file (\S*)$`)
	// "--line 6 of file f0.bib", alone on a line or after a warning
	warnLineRE = regexp.MustCompile(`^(.*)--line (\d+) of file (\S*)$`)
	// "(There were 2 error messages)", "(There was 1 warning)"
	summaryRE = regexp.MustCompile(`^\(There (?:were|was) (\d+) (error message|warning)s?\)$`)
)

// parseLog parses BibTeX's messages from the .blg into res. Messages about
// the generated .bst (bugs of this package) are reported as a Go error.
func parseLog(blg string, res *Result) error {
	lines := strings.Split(blg, "\n")
	var cur *Message // message that continuation lines belong to
	inBody := false  // past the "Database file" / "The style file" header
	nErrors, nWarnings := -1, -1
	for i := 0; i < len(lines); i++ {
		l := strings.TrimSuffix(lines[i], "\r")
		switch {
		case !inBody:
			if strings.HasPrefix(l, "The style file: ") {
				inBody = true
			}
			continue
		case strings.HasPrefix(l, "Database file #"):
			cur = nil
			continue
		case strings.HasPrefix(l, "You've used "):
			// Statistics; skip to the summary.
			for i+1 < len(lines) && !strings.HasPrefix(lines[i+1], "(There ") {
				i++
			}
			cur = nil
			continue
		case strings.HasPrefix(l, "(There "):
			m := summaryRE.FindStringSubmatch(l)
			if m == nil {
				return fmt.Errorf("unexpected summary line %q in .blg", l)
			}
			n, _ := strconv.Atoi(m[1])
			if m[2] == "warning" {
				nWarnings = n
			} else {
				nErrors = n
			}
			cur = nil
			continue
		case l == "", strings.HasPrefix(l, "Reallocated "):
			// Memory reallocation notes of TeX Live's BibTeX.
			continue
		case strings.HasPrefix(l, " : "),
			strings.HasPrefix(l, "I'm skipping whatever remains of this "),
			l == "(Error may have been on previous line)",
			strings.HasPrefix(l, "refers to entry "):
			// Context lines of an error, or the second line of a
			// cross-reference error or warning.
			if cur == nil {
				return fmt.Errorf("unexpected line %q in .blg", l)
			}
			continue
		case strings.HasPrefix(l, "--line "):
			m := warnLineRE.FindStringSubmatch(l)
			if m == nil || cur == nil {
				return fmt.Errorf("unexpected line %q in .blg", l)
			}
			if cur.Line == 0 {
				cur.Line, _ = strconv.Atoi(m[2])
			}
			continue
		case strings.HasPrefix(l, "Warning--"):
			msg := Message{Text: strings.TrimPrefix(l, "Warning--")}
			if m := warnLineRE.FindStringSubmatch(msg.Text); m != nil && isBibName(m[3]) {
				msg.Text = m[1]
				msg.Line, _ = strconv.Atoi(m[2])
			}
			res.Warnings = append(res.Warnings, msg)
			cur = &res.Warnings[len(res.Warnings)-1]
			continue
		case strings.HasPrefix(l, "while executing-"):
			// Second line of an error or warning of a style function.
			return fmt.Errorf("error in the generated style: %q", l)
		}
		// Anything else starts an error message.
		msg := Message{Text: l}
		if m := errLineRE.FindStringSubmatch(l); m != nil {
			if !isBibName(m[3]) {
				return fmt.Errorf("error in the generated style or aux file: %q", l)
			}
			msg.Text = m[1]
			msg.Line, _ = strconv.Atoi(m[2])
		}
		res.Errors = append(res.Errors, msg)
		cur = &res.Errors[len(res.Errors)-1]
	}
	if !inBody {
		return errors.New("unexpected .blg: no style file line")
	}
	if nErrors < 0 {
		nErrors = 0
	}
	if len(res.Errors) != nErrors {
		return fmt.Errorf("parsed %d error messages from the .blg, BibTeX counted %d", len(res.Errors), nErrors)
	}
	if nWarnings >= 0 && nErrors == 0 && len(res.Warnings) != nWarnings {
		return fmt.Errorf("parsed %d warnings from the .blg, BibTeX counted %d", len(res.Warnings), nWarnings)
	}
	return nil
}

var bibNameRE = regexp.MustCompile(`^f\d+\.bib$`)

// isBibName reports whether name is one of the temporary .bib file names.
func isBibName(name string) bool { return bibNameRE.MatchString(name) }
