package cli

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/pubs-dev/pubs/internal/bib"
	"github.com/pubs-dev/pubs/internal/config"
	"github.com/pubs-dev/pubs/internal/ids"
	"github.com/pubs-dev/pubs/internal/lookup"
	"github.com/pubs-dev/pubs/internal/safefile"
)

type addOptions struct {
	to       string
	key      string
	keywords []string
	dryRun   bool
	force    bool
}

func newAddCmd(g *globalOptions, streams IOStreams) *cobra.Command {
	o := &addOptions{}
	cmd := &cobra.Command{
		Use:   "add [flags] ID... | -",
		Short: "Add entries from DOIs and arXiv ids",
		Long: `Add fetches the metadata of each DOI or arXiv id and appends a BibTeX entry
for it to a library file. An ID is a DOI in any common spelling (10.x/y,
doi:10.x/y, a doi.org or dx.doi.org URL, a publisher URL holding a DOI) or
an arXiv id (2103.14726, arXiv:2103.14726v2, math/0211159, an arxiv.org abs
or pdf URL). "-" reads ids from standard input, one per line; blank lines
and lines starting with # are ignored.

DOIs are read from Crossref's or DataCite's API, or through content
negotiation at doi.org for the other registration agencies; arXiv ids from
the arXiv API (and the published version's record, when arXiv knows its
DOI). The entry is written by pubs from the structured metadata: titles
cleaned of HTML, specials escaped, acronyms braced, a key made by the
pattern in pubs.toml (default {lastname}{year}{firstword}) and unique in
the whole library.

An id already in the library (same DOI or arXiv id) is refused, naming the
entry and where it is, unless --force. The entry is appended to the file
(--to, else [add] to in pubs.toml, else the library's first file): every
byte already there is kept, a blank line separates the entries, the file's
line endings are kept, and the write is atomic and locked, so two adds at
once both land. Nothing is written for an id that fails.

The exit status is 1 when any id failed or was refused; the others are
added all the same. See docs/add.md.`,
		Example: `  pubs add 10.1371/journal.pone.0033693
  pubs add https://doi.org/10.1073/pnas.1922204117 --keywords selected
  pubs add arXiv:2103.14726 --dry-run
  pubs add --to refs/talks.bib --key ruthotto2024talk 10.5281/zenodo.8242099
  pubs add - < dois.txt`,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runAdd(g, o, args, streams)
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.to, "to", "", "append to this .bib `FILE` (default: [add] to in pubs.toml, else the first library file)")
	f.StringVar(&o.key, "key", "", "use this `KEY` instead of the generated one (one ID only)")
	f.StringSliceVar(&o.keywords, "keywords", nil, "write these `KEYWORDS` (comma-separated) in the keywords field")
	f.BoolVarP(&o.dryRun, "dry-run", "n", false, "print the entries that would be added; write nothing")
	f.BoolVar(&o.force, "force", false, "add an id even when the library already has it")
	return cmd
}

// addSettings is what runAdd needs from the command line and pubs.toml.
type addSettings struct {
	files   []string // the library, in order
	target  string
	pattern string
	ascii   bool
	client  *lookup.Client
}

func runAdd(g *globalOptions, o *addOptions, args []string, streams IOStreams) error {
	inputs, err := addInputs(args, streams.In)
	if err != nil {
		return err
	}
	if len(inputs) == 0 {
		return usagef("give at least one DOI or arXiv id, or - to read them from standard input\nRun 'pubs add --help' for usage.")
	}
	if o.key != "" {
		if len(inputs) > 1 {
			return usagef("--key names one entry, but %d ids were given", len(inputs))
		}
		if !lookup.ValidKey(o.key) {
			return usagef("--key %q is not a valid BibTeX key (no spaces or any of , { } ( ) = \" # %% ' \\ ~)", o.key)
		}
	}
	s, err := addSetup(g, o)
	if err != nil {
		return err
	}
	r := &adder{o: o, s: s, streams: streams}
	return r.run(inputs)
}

// addInputs returns the ids of the command line, reading "-" from in.
func addInputs(args []string, in io.Reader) ([]string, error) {
	var out []string
	stdin := false
	for _, a := range args {
		if a != "-" {
			out = append(out, a)
			continue
		}
		if stdin {
			continue
		}
		stdin = true
		if in == nil {
			return nil, usagef("-: no standard input")
		}
		sc := bufio.NewScanner(in)
		sc.Buffer(make([]byte, 64*1024), 1<<20)
		for sc.Scan() {
			line := strings.TrimSpace(sc.Text())
			if line == "" || strings.HasPrefix(line, "#") {
				continue
			}
			out = append(out, line)
		}
		if err := sc.Err(); err != nil {
			return nil, fmt.Errorf("reading ids from standard input: %w", err)
		}
	}
	return out, nil
}

func addSetup(g *globalOptions, o *addOptions) (*addSettings, error) {
	c, err := g.loadConfig()
	if err != nil {
		return nil, err
	}
	var a config.Add
	if c != nil {
		a = c.Add
	}
	s := &addSettings{files: g.bibs, pattern: a.Key}
	if len(s.files) == 0 {
		s.files = c.Bib
	}
	switch {
	case o.to != "":
		s.target = o.to
	case a.To != "":
		s.target = a.To
	default:
		s.target = s.files[0]
	}
	if s.pattern == "" {
		s.pattern = lookup.DefaultKeyPattern
	}
	if err := lookup.CheckKeyPattern(s.pattern); err != nil {
		return nil, fmt.Errorf("%s: [add] key: %v", configName(c), err)
	}
	switch strings.ToLower(a.Encoding) {
	case "", "utf8", "utf-8":
	case "latex", "ascii":
		s.ascii = true
	default:
		return nil, fmt.Errorf("%s: [add] encoding = %q: want \"utf8\" or \"latex\"", configName(c), a.Encoding)
	}
	var timeout time.Duration
	if a.Timeout != "" {
		timeout, err = time.ParseDuration(a.Timeout)
		if err != nil || timeout <= 0 {
			return nil, fmt.Errorf("%s: [add] timeout = %q: want a duration such as \"30s\"", configName(c), a.Timeout)
		}
	}
	mailto := a.Mailto
	if env := strings.TrimSpace(os.Getenv("PUBS_MAILTO")); env != "" {
		mailto = env
	}
	s.client, err = lookup.New(lookup.Options{
		Endpoints: lookup.EndpointsFromEnv(lookup.Endpoints(a.Endpoints), nil),
		Version:   version(),
		Mailto:    mailto,
		Timeout:   timeout,
	})
	if err != nil {
		return nil, fmt.Errorf("%s: [add]: %v", configName(c), err)
	}
	return s, nil
}

// adder runs one 'pubs add'.
type adder struct {
	o       *addOptions
	s       *addSettings
	streams IOStreams
	bar     *progressbar.ProgressBar

	added, dups, failed int
	// Dry runs remember what they would have added, for keys and
	// duplicates among the ids.
	pending []pendingEntry
}

type pendingEntry struct {
	key string
	w   *lookup.Work
	id  lookup.ID
}

// result is the outcome of fetching one id.
type result struct {
	input string
	id    lookup.ID
	w     *lookup.Work
	err   error
	dup   string // already in the library: the message
}

// fetchWorkers bounds the lookups in flight; the client bounds each
// service further.
const fetchWorkers = 4

func (r *adder) run(inputs []string) error {
	lib, err := r.readLibrary(nil)
	if err != nil {
		return err
	}
	if len(inputs) > 1 && isTerminal(r.streams.ErrOut) {
		r.bar = progressbar.NewOptions(len(inputs),
			progressbar.OptionSetWriter(r.streams.ErrOut),
			progressbar.OptionSetDescription("adding"),
			progressbar.OptionShowCount(),
			progressbar.OptionClearOnFinish(),
		)
	}
	// Fetch in parallel, report and write in input order.
	results := make([]chan result, len(inputs))
	sem := make(chan struct{}, fetchWorkers)
	for i, in := range inputs {
		results[i] = make(chan result, 1)
		id, err := lookup.ParseID(in)
		if err != nil {
			results[i] <- result{input: in, err: err}
			continue
		}
		if !r.o.force {
			if e := findDuplicate(lib.Entries, id, nil); e != nil {
				results[i] <- result{input: in, id: id, dup: dupMessage(id.String(), e)}
				continue
			}
		}
		go func(ch chan<- result) {
			sem <- struct{}{}
			defer func() { <-sem }()
			w, err := r.s.client.Lookup(context.Background(), id)
			ch <- result{input: in, id: id, w: w, err: err}
		}(results[i])
	}
	for _, ch := range results {
		r.handle(<-ch)
		if r.bar != nil {
			r.bar.Add(1)
		}
	}
	if r.bar != nil {
		r.bar.Finish()
	}
	if len(inputs) > 1 {
		verb := "added"
		if r.o.dryRun {
			verb = "to add"
		}
		fmt.Fprintf(r.streams.ErrOut, "%d %s, %d skipped as duplicate, %d failed\n", r.added, verb, r.dups, r.failed)
	}
	if r.dups > 0 || r.failed > 0 {
		return errProblems
	}
	return nil
}

// say prints a line on standard error, above the progress bar.
func (r *adder) say(format string, args ...any) {
	if r.bar != nil {
		r.bar.Clear()
	}
	fmt.Fprintf(r.streams.ErrOut, format+"\n", args...)
}

func (r *adder) handle(res result) {
	name := res.input
	if res.id.Kind != 0 {
		name = res.id.String()
	}
	switch {
	case res.err != nil:
		r.failed++
		r.say("pubs: %s: %v", name, res.err)
		return
	case res.dup != "":
		r.dups++
		r.say("pubs: %s", res.dup)
		return
	}
	for _, w := range res.w.Warnings {
		r.say("pubs: warning: %s: %s", name, w)
	}
	var key string
	var err error
	if r.o.dryRun {
		key, err = r.dryRun(res)
	} else {
		key, err = r.write(res)
	}
	var dup *duplicateError
	switch {
	case errors.As(err, &dup):
		r.dups++
		r.say("pubs: %s", dup.msg)
	case err != nil:
		r.failed++
		r.say("pubs: %s: %v", name, err)
	default:
		r.added++
		if !r.o.dryRun {
			r.say("%s: added %s (%s)", r.s.target, key, name)
		}
	}
}

type duplicateError struct{ msg string }

func (e *duplicateError) Error() string { return e.msg }

func dupMessage(what string, e *bib.Entry) string {
	p := e.Pos()
	return fmt.Sprintf("%s is already in the library as %q at %s:%d (use --force to add it again)", what, e.Key, p.Filename, p.Line)
}

// dryRun prints the entry that would be added.
func (r *adder) dryRun(res result) (string, error) {
	lib, err := r.readLibrary(nil)
	if err != nil {
		return "", err
	}
	text, key, err := r.entryFor(lib, res, "\n")
	if err != nil {
		return "", err
	}
	if len(r.pending) > 0 {
		fmt.Fprintln(r.streams.Out)
	}
	fmt.Fprintln(r.streams.Out, text)
	r.pending = append(r.pending, pendingEntry{key: key, w: res.w, id: res.id})
	return key, nil
}

// write appends the entry to the target file under the file lock, with
// the library read again under the lock.
func (r *adder) write(res result) (string, error) {
	target := r.s.target
	if err := createIfMissing(target); err != nil {
		return "", err
	}
	var key string
	_, err := safefile.Update(target, func(old []byte) ([]byte, error) {
		lib, err := r.readLibrary(old)
		if err != nil {
			return nil, err
		}
		nl := "\n"
		if bytes.Contains(old, []byte("\r\n")) {
			nl = "\r\n"
		}
		var text string
		text, key, err = r.entryFor(lib, res, nl)
		if err != nil {
			return nil, err
		}
		out := appendEntry(old, text, nl)
		// The file must read back as before plus exactly this entry.
		f, perr := bib.Parse(target, out)
		if perr != nil {
			return nil, fmt.Errorf("internal error: the new entry does not read back: %v", perr)
		}
		before, _ := bib.Parse(target, old)
		if countEntries(f) != countEntries(before)+1 || lastEntry(f).Key != key {
			return nil, fmt.Errorf("internal error: the new entry does not read back as one entry %q", key)
		}
		return out, nil
	})
	if err != nil {
		return "", err
	}
	return key, nil
}

func countEntries(f *bib.File) int {
	if f == nil {
		return 0
	}
	n := 0
	for _, it := range f.Items {
		if it.Kind == bib.KindEntry {
			n++
		}
	}
	return n
}

func lastEntry(f *bib.File) *bib.Entry {
	for i := len(f.Items) - 1; i >= 0; i-- {
		if f.Items[i].Kind == bib.KindEntry {
			return f.Items[i].Entry
		}
	}
	return &bib.Entry{}
}

// appendEntry returns old with the entry appended: old is kept byte for
// byte, then a line break if old does not end with one, a blank line
// unless old is empty or already ends with one, the entry and a line
// break.
func appendEntry(old []byte, entry, nl string) []byte {
	out := make([]byte, 0, len(old)+len(entry)+3*len(nl))
	out = append(out, old...)
	if len(bytes.TrimSpace(old)) > 0 {
		if !bytes.HasSuffix(out, []byte("\n")) {
			out = append(out, nl...)
		}
		if !endsWithBlankLine(out) {
			out = append(out, nl...)
		}
	}
	out = append(out, entry...)
	return append(out, nl...)
}

// endsWithBlankLine reports whether b, which ends with a line break, ends
// with an empty (or all white) line.
func endsWithBlankLine(b []byte) bool {
	body := b[:len(b)-1]
	i := bytes.LastIndexByte(body, '\n')
	return i >= 0 && len(bytes.TrimSpace(body[i+1:])) == 0
}

func createIfMissing(path string) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, os.ErrExist) {
		return nil
	}
	if err != nil {
		return err
	}
	return f.Close()
}

// readLibrary reads the library's files and the target; target, when not
// nil, is the target's content (read under the lock).
func (r *adder) readLibrary(target []byte) (*bib.Library, error) {
	names := append([]string(nil), r.s.files...)
	if !containsPath(names, r.s.target) {
		names = append(names, r.s.target)
	}
	var files []*bib.File
	for _, name := range names {
		var src []byte
		var err error
		switch {
		case samePath(name, r.s.target) && target != nil:
			src = target
		default:
			src, err = bib.ReadFile(name)
			if errors.Is(err, os.ErrNotExist) && samePath(name, r.s.target) {
				src, err = nil, nil
			}
			if err != nil {
				return nil, err
			}
		}
		f, perr := bib.Parse(name, src)
		if perr != nil && samePath(name, r.s.target) {
			var list bib.ErrorList
			if errors.As(perr, &list) {
				list.Print(r.streams.ErrOut)
			}
			return nil, fmt.Errorf("%s has syntax errors: fix them first ('pubs check'), so that a new entry cannot be swallowed by an unclosed one", name)
		}
		files = append(files, f)
	}
	return bib.NewLibrary(files, nil), nil
}

func containsPath(list []string, p string) bool {
	for _, q := range list {
		if samePath(q, p) {
			return true
		}
	}
	return false
}

func samePath(a, b string) bool {
	if filepath.Clean(a) == filepath.Clean(b) {
		return true
	}
	aa, err1 := filepath.Abs(a)
	bb, err2 := filepath.Abs(b)
	return err1 == nil && err2 == nil && aa == bb
}

// entryFor checks the fetched work against the library and writes its
// entry with a key unique in the library (and among the entries of a dry
// run).
func (r *adder) entryFor(lib *bib.Library, res result, nl string) (text, key string, err error) {
	w := res.w
	if !r.o.force {
		if e := findDuplicate(lib.Entries, res.id, w); e != nil {
			return "", "", &duplicateError{dupMessage(res.id.String(), e)}
		}
		for _, p := range r.pending {
			if sameWork(p, res.id, w) {
				return "", "", &duplicateError{fmt.Sprintf("%s is already to be added as %q", res.id, p.key)}
			}
		}
	}
	keys := make(map[string]*bib.Entry, len(lib.Entries))
	for _, e := range lib.Entries {
		keys[strings.ToLower(e.Key)] = e
	}
	taken := func(k string) bool {
		if _, ok := keys[strings.ToLower(k)]; ok {
			return true
		}
		for _, p := range r.pending {
			if strings.EqualFold(p.key, k) {
				return true
			}
		}
		return false
	}
	if r.o.key != "" {
		if e, ok := keys[strings.ToLower(r.o.key)]; ok {
			p := e.Pos()
			return "", "", fmt.Errorf("key %q is already used by the entry at %s:%d (keys ignore case)", e.Key, p.Filename, p.Line)
		}
		key = r.o.key
	} else {
		key = lookup.UniqueKey(w.KeyBase(r.s.pattern), taken)
	}
	text = w.Entry(key, lookup.EntryOptions{ASCII: r.s.ascii, Keywords: r.o.keywords, NL: nl})
	return text, key, nil
}

// findDuplicate returns the library entry with the same DOI or arXiv id as
// id or the fetched work w (nil before fetching).
func findDuplicate(entries []*bib.Entry, id lookup.ID, w *lookup.Work) *bib.Entry {
	dois := map[string]bool{}
	arxivs := map[string]bool{}
	switch id.Kind {
	case lookup.KindDOI:
		dois[ids.DOIKey(id.DOI)] = true
	case lookup.KindArXiv:
		arxivs[id.ArXiv.ID] = true
	}
	if w != nil {
		if w.DOI != "" {
			dois[ids.DOIKey(w.DOI)] = true
		}
		if a, ok := ids.ParseArXiv(w.EPrint); ok {
			arxivs[a.ID] = true
		}
	}
	for _, e := range entries {
		if d, _, ok := ids.DOIFromFields(e.Get); ok && dois[ids.DOIKey(d)] {
			return e
		}
		if a, ok := ids.ArXivFromFields(e.Get); ok && arxivs[a.ID] {
			return e
		}
	}
	return nil
}

func sameWork(p pendingEntry, id lookup.ID, w *lookup.Work) bool {
	var doisA, doisB []string
	for _, d := range []string{p.w.DOI, idDOI(p.id)} {
		if d != "" {
			doisA = append(doisA, ids.DOIKey(d))
		}
	}
	for _, d := range []string{w.DOI, idDOI(id)} {
		if d != "" {
			doisB = append(doisB, ids.DOIKey(d))
		}
	}
	for _, a := range doisA {
		for _, b := range doisB {
			if a == b {
				return true
			}
		}
	}
	ea, okA := ids.ParseArXiv(p.w.EPrint)
	eb, okB := ids.ParseArXiv(w.EPrint)
	return okA && okB && ea.ID == eb.ID
}

func idDOI(id lookup.ID) string {
	if id.Kind == lookup.KindDOI {
		return id.DOI
	}
	return ""
}

// isTerminal reports whether w is a terminal.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}
