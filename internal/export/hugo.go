package export

import (
	"bytes"
	"errors"
	"fmt"
	"hash/fnv"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"
	"unicode"

	"go.yaml.in/yaml/v3"

	"github.com/pubs-dev/pubs/internal/safefile"
)

// HugoOptions set how WriteHugo lays out a Hugo Blox / Hugo Academic site.
// docs/hugo.md documents the front matter.
type HugoOptions struct {
	// OwnerID is the site's author id for the owner (the folder name under
	// content/authors): "me" (the default) or "admin" on older sites.
	OwnerID string
	// Types is the form of publication_types: "csl" (the default; CSL type
	// names as current Hugo Blox expects: "article-journal", ...) or
	// "academic" (the numeric codes of Hugo Academic before v5: "2", ...).
	Types string
	// Abstract tells that abstracts were asked for (Options.Abstract): pubs
	// then owns the abstract key. Without it, abstract is left to the user.
	Abstract bool
	// Tags makes pubs own the tags key and fill it from the entry's
	// keywords (less pubs's own words: selected, featured, talk, ...).
	// Off by default: keywords are private unless asked for.
	Tags bool
	// PublicationDir and EventDir are the folders under content/ for
	// publications and talks: "publication" and "event" by default.
	PublicationDir, EventDir string
	// Check writes nothing (no folder, no file): Written then lists the
	// files that a run would create or change, for --check.
	Check bool
}

// HugoResult tells what WriteHugo did. Paths are relative to the site
// folder, with forward slashes.
type HugoResult struct {
	Written   []string // files created or changed (with Check: that would be)
	Unchanged int      // files that already had their content (not touched)
	Bundles   int      // page bundles generated or checked
	// Orphans are bundle folders in the publication and event folders that
	// no entry of this export maps to. They are left alone.
	Orphans []string
}

// hugoKind is a page kind: publication or event.
type hugoKind int

const (
	hugoPublication hugoKind = iota
	hugoEvent
)

func (o HugoOptions) withDefaults() (HugoOptions, error) {
	if strings.TrimSpace(o.OwnerID) == "" {
		o.OwnerID = "me"
	}
	o.OwnerID = strings.TrimSpace(o.OwnerID)
	switch o.Types {
	case "":
		o.Types = "csl"
	case "csl", "academic":
	default:
		return o, fmt.Errorf("hugo publication types %q: want csl or academic", o.Types)
	}
	if o.PublicationDir == "" {
		o.PublicationDir = "publication"
	}
	if o.EventDir == "" {
		o.EventDir = "event"
	}
	for _, d := range []string{o.PublicationDir, o.EventDir} {
		if hugoSlug(d) != d {
			return o, fmt.Errorf("hugo content folder %q: want lowercase letters, digits, '-' and '_'", d)
		}
	}
	return o, nil
}

// WriteHugo writes one page bundle per item of doc under site/content:
// publications to content/<PublicationDir>/<slug>/index.md plus cite.bib,
// talks to content/<EventDir>/<slug>/index.md. An existing index.md is
// updated in place: the keys pubs owns are set or removed, every other key
// and the Markdown body are kept, and a file whose content would not
// change is not written at all. Each file is written atomically.
//
// A bundle whose index.md cannot be read as YAML front matter is left
// untouched; its error (naming the file) is joined into the returned
// error, and the other bundles are still written. The result is filled in
// either way.
func WriteHugo(site string, doc *Document, opt HugoOptions) (HugoResult, error) {
	var res HugoResult
	opt, err := opt.withDefaults()
	if err != nil {
		return res, err
	}
	if site == "" {
		return res, errors.New("hugo: no site folder given")
	}
	if fi, err := os.Stat(site); err != nil {
		return res, fmt.Errorf("hugo site %s: %w", site, err)
	} else if !fi.IsDir() {
		return res, fmt.Errorf("hugo site %s: not a folder", site)
	}
	// The items in document order; a planned document's are filled by
	// the writers, each as its bundle is written, and not kept.
	var jobs []itemJob
	if doc != nil {
		for _, sec := range doc.Sections {
			for _, it := range sec.Items {
				jobs = append(jobs, itemJob{it: it})
			}
			for j := range sec.plan {
				jobs = append(jobs, itemJob{p: &sec.plan[j]})
			}
		}
	}
	names := make([]hugoName, len(jobs))
	for i, j := range jobs {
		if j.p != nil {
			names[i] = hugoName{j.p.e.Key, j.p.e.IsTalk()}
		} else {
			names[i] = hugoName{j.it.Key, j.it.Talk != nil}
		}
	}
	slugs := hugoSlugs(names)
	var errs []error
	used := map[string]map[string]bool{opt.PublicationDir: {}, opt.EventDir: {}}
	seenKey := map[string]bool{}
	// The bundles in order, each written on its own: a bundle is a folder
	// of its own (its files' lock is the folder's), and most of the time
	// of a bundle is waiting for its files to reach the disk (fsync), which
	// many bundles can do at once. Their results are joined in order.
	type bundle struct {
		job     itemJob
		kind    hugoKind
		rel     string
		written []string
		same    int
		errs    []error
	}
	var bundles []*bundle
	for i, j := range jobs {
		kind, dir := hugoPublication, opt.PublicationDir
		if names[i].talk {
			kind, dir = hugoEvent, opt.EventDir
		}
		if key := names[i].key; seenKey[key] {
			// Not a bundle: its error, in its place.
			bundles = append(bundles, &bundle{errs: []error{fmt.Errorf("hugo: entry %q appears twice; the second is skipped", key)}})
			continue
		}
		seenKey[names[i].key] = true
		used[dir][slugs[i]] = true
		bundles = append(bundles, &bundle{job: j, kind: kind, rel: "content/" + dir + "/" + slugs[i]})
	}
	write := func(f *itemFiller, b *bundle) {
		if b.job == (itemJob{}) {
			return
		}
		var part HugoResult
		if !opt.Check {
			if err := os.MkdirAll(filepath.Join(site, filepath.FromSlash(b.rel)), 0o755); err != nil {
				b.errs = append(b.errs, fmt.Errorf("hugo: %s: %w", b.rel, err))
				return
			}
		}
		defer func() { b.written, b.same = part.Written, part.Unchanged }()
		it := f.item(doc, b.job, true)
		fields := hugoFields(it, b.kind, opt)
		if err := writeHugoFile(&part, opt.Check, site, b.rel+"/index.md", func(old []byte, exists bool) ([]byte, error) {
			return updateFrontMatter(old, exists, fields)
		}); err != nil {
			b.errs = append(b.errs, err)
			return
		}
		if b.kind == hugoPublication {
			cite := []byte(strings.TrimRight(it.BibTeX, "\n") + "\n")
			if err := writeHugoFile(&part, opt.Check, site, b.rel+"/cite.bib", func([]byte, bool) ([]byte, error) {
				return cite, nil
			}); err != nil {
				b.errs = append(b.errs, err)
			}
		}
	}
	next := make(chan *bundle)
	var wg sync.WaitGroup
	for range min(len(bundles), hugoWriters) {
		wg.Go(func() {
			// A cache of names grown as needed: sixteen of the size a
			// large library's writer starts with would be 70 MB.
			f := &itemFiller{people: newPersonCache(0)}
			for b := range next {
				write(f, b)
			}
		})
	}
	for _, b := range bundles {
		next <- b
	}
	close(next)
	wg.Wait()
	for _, b := range bundles {
		if b.job != (itemJob{}) {
			res.Bundles++
		}
		res.Written = append(res.Written, b.written...)
		res.Unchanged += b.same
		errs = append(errs, b.errs...)
	}
	for _, dir := range []string{opt.PublicationDir, opt.EventDir} {
		entries, err := os.ReadDir(filepath.Join(site, "content", dir))
		if err != nil {
			if !errors.Is(err, fs.ErrNotExist) {
				errs = append(errs, fmt.Errorf("hugo: content/%s: %w", dir, err))
			}
			continue
		}
		for _, d := range entries {
			if d.IsDir() && !used[dir][d.Name()] {
				res.Orphans = append(res.Orphans, "content/"+dir+"/"+d.Name())
			}
		}
	}
	sort.Strings(res.Orphans)
	return res, errors.Join(errs...)
}

// hugoWriters is how many bundles are written at once.
var hugoWriters = 16 // a variable for TestHugoWritersInOrder

// writeHugoFile computes a file's content from its current content and
// writes it when it differs: a new file with safefile.WriteOutput, an
// existing one with safefile.Update (under its folder's lock, and not at
// all when the content is the same).
func writeHugoFile(res *HugoResult, check bool, site, rel string, content func(old []byte, exists bool) ([]byte, error)) error {
	path := filepath.Join(site, filepath.FromSlash(rel))
	fi, err := os.Lstat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		data, err := content(nil, false)
		if err != nil {
			return fmt.Errorf("%s: %w", rel, err)
		}
		if check {
			res.Written = append(res.Written, rel)
			return nil
		}
		if err := safefile.WriteOutput(path, data); err != nil {
			return err
		}
		res.Written = append(res.Written, rel)
		return nil
	case err != nil:
		return fmt.Errorf("%s: %w", rel, err)
	case fi.IsDir():
		return fmt.Errorf("%s: is a folder; left alone", rel)
	}
	if check {
		old, err := os.ReadFile(path)
		if err != nil {
			return fmt.Errorf("%s: %w", rel, err)
		}
		data, err := content(old, true)
		if err != nil {
			return fmt.Errorf("%s: %w; left unchanged", rel, err)
		}
		if bytes.Equal(old, data) {
			res.Unchanged++
		} else {
			res.Written = append(res.Written, rel)
		}
		return nil
	}
	changed, err := safefile.Update(path, func(old []byte) ([]byte, error) {
		data, err := content(old, true)
		if err != nil {
			return nil, fmt.Errorf("%s: %w; left unchanged", rel, err)
		}
		return data, nil
	})
	if err != nil {
		return err
	}
	if changed {
		res.Written = append(res.Written, rel)
	} else {
		res.Unchanged++
	}
	return nil
}

// hugoName is what an item's bundle folder is named from: its key, and
// whether it is a talk (an event page) or not (a publication).
type hugoName struct {
	key  string
	talk bool
}

// hugoSlugs gives every item its bundle folder name, from its key (see
// hugoSlug). When keys collide after cleaning, the key that is its own slug
// keeps it and the others get a suffix from a hash of the key, so that a
// slug does not depend on the order of the entries. A key can be another
// key's slug with its suffix ("x-y-c6d04176" beside "x:y" and "x.y"):
// then the one that is its own slug keeps that too, and the others get a
// number after it, in the order of their keys. Two distinct keys of one
// kind never share a folder: their bundles are written at once.
func hugoSlugs(names []hugoName) []string {
	byKind := map[bool]map[string][]int{false: {}, true: {}}
	for i, n := range names {
		s := hugoSlug(n.key)
		byKind[n.talk][s] = append(byKind[n.talk][s], i)
	}
	out := make([]string, len(names))
	for talk, groups := range byKind {
		for s, group := range groups {
			distinct := map[string]bool{}
			for _, i := range group {
				distinct[names[i].key] = true
			}
			for _, i := range group {
				if len(distinct) == 1 || names[i].key == s {
					out[i] = s
					continue
				}
				h := fnv.New32a()
				h.Write([]byte(names[i].key))
				out[i] = fmt.Sprintf("%s-%08x", s, h.Sum32())
			}
		}
		// The slugs given out, and the keys that hold each.
		taken := map[string][]string{}
		for i, n := range names {
			if n.talk == talk && !slices.Contains(taken[out[i]], n.key) {
				taken[out[i]] = append(taken[out[i]], n.key)
			}
		}
		renamed := map[string]string{} // key: its new slug
		for _, s := range slices.Sorted(maps.Keys(taken)) {
			keys := taken[s]
			if len(keys) < 2 {
				continue
			}
			slices.Sort(keys)
			k := 2
			for _, key := range keys {
				if key == s {
					continue
				}
				for taken[fmt.Sprintf("%s-%d", s, k)] != nil {
					k++
				}
				renamed[key] = fmt.Sprintf("%s-%d", s, k)
				taken[renamed[key]] = []string{key}
			}
		}
		for i, n := range names {
			if r, ok := renamed[n.key]; ok && n.talk == talk {
				out[i] = r
			}
		}
	}
	return out
}

// hugoSlug turns a key (untrusted text) into a folder name (see
// slugify); an empty result is "entry".
func hugoSlug(key string) string { return slugify(key, "entry") }

// fmField is one key pubs owns in a page's front matter; Value nil means
// the key must be absent.
type fmField struct {
	Key   string
	Value *yaml.Node
}

// hugoFields builds the front matter pubs owns for an item, in canonical
// order. Every key pubs may write is listed, with a nil value when the
// entry has nothing for it, so that updating removes a stale key.
func hugoFields(it *Item, kind hugoKind, opt HugoOptions) []fmField {
	var f []fmField
	add := func(key string, v *yaml.Node) { f = append(f, fmField{key, v}) }
	authors, notes := hugoAuthors(it, opt)
	linksByKey := map[string]string{}
	for _, l := range it.Links {
		if k, ok := hugoLinkKeys[l.Label]; ok {
			if _, dup := linksByKey[k]; !dup {
				linksByKey[k] = l.URL
			}
		}
	}
	featured := boolNode(false)
	for _, k := range it.Entry.Keywords() {
		if strings.EqualFold(k, "selected") || strings.EqualFold(k, "featured") {
			featured = boolNode(true)
		}
	}
	abstract := strNode(hugoMarkdown(it.Abstract))
	switch kind {
	case hugoPublication:
		add("title", strNode(hugoMarkdown(it.Title)))
		add("authors", seqNode(authors))
		add("author_notes", seqNode(notes))
		add("date", strNode(fullDate(it.Date)))
		add("doi", strNode(it.DOI))
		add("publication_types", seqNode([]string{hugoPubType(it, opt.Types)}))
		add("publication", strNode(hugoVenue(it)))
		add("publication_short", strNode(hugoVenueShort(it)))
		if opt.Abstract {
			add("abstract", abstract)
		}
	case hugoEvent:
		t := it.Talk
		start, end := talkDates(t.Date, it.Date)
		clock := talkClock(t.Time)
		date := fullDate(start)
		if date != "" && clock != "" {
			date += "T" + clock
		}
		add("title", strNode(hugoMarkdown(it.Title)))
		add("event", strNode(hugoMarkdown(t.Event)))
		add("event_url", strNode(SafeURL(strings.TrimSpace(it.Entry.Get("url")))))
		add("location", strNode(joinNonEmpty(", ", hugoMarkdown(t.Venue), hugoMarkdown(t.Location))))
		add("summary", strNode(hugoMarkdown(t.Sentence)))
		if opt.Abstract {
			add("abstract", abstract)
		}
		add("date", strNode(date))
		add("date_end", strNode(fullDate(end)))
		add("all_day", boolNode(date != "" && clock == ""))
		add("authors", seqNode(authors))
		add("author_notes", seqNode(notes))
	}
	if opt.Tags {
		add("tags", seqNode(hugoTags(it)))
	}
	add("featured", featured)
	for _, k := range hugoLinkOrder {
		add(k, strNode(linksByKey[k]))
	}
	return f
}

// hugoLinkKeys map the model's button labels to Hugo Academic's link keys.
var hugoLinkKeys = map[string]string{
	"Preprint": "url_preprint", "PDF": "url_pdf", "Code": "url_code", "Dataset": "url_dataset",
	"Poster": "url_poster", "Project": "url_project", "Slides": "url_slides", "Video": "url_video",
	"Source": "url_source",
}

// hugoLinkOrder is the order of the link keys in Hugo Academic's archetype.
var hugoLinkOrder = []string{
	"url_pdf", "url_preprint", "url_code", "url_dataset", "url_poster", "url_project",
	"url_slides", "url_source", "url_video",
}

// hugoAuthors returns the authors as the site knows them (the owner as
// the site's author id, the others by name) and, when some author has a
// role, the author_notes parallel to them. "and others" is dropped.
func hugoAuthors(it *Item, opt HugoOptions) (authors, notes []string) {
	ownerDone := false
	anyRole := false
	for _, p := range it.Authors {
		if p.Others {
			continue
		}
		name := hugoMarkdown(p.Name)
		if p.Owner && !ownerDone {
			name, ownerDone = opt.OwnerID, true
		}
		if name == "" {
			continue
		}
		var texts []string
		for _, r := range p.Roles {
			texts = append(texts, roleText(r))
		}
		if len(texts) > 0 {
			anyRole = true
		}
		authors = append(authors, name)
		notes = append(notes, strings.Join(texts, "; "))
	}
	if !anyRole {
		notes = nil
	}
	return authors, notes
}

// roleText is a role's legend text, as the other formats print it.
func roleText(role string) string {
	if n, ok := knownRoles[role]; ok {
		return n.Text
	}
	r := []rune(strings.ReplaceAll(role, "-", " "))
	if len(r) == 0 {
		return ""
	}
	r[0] = unicode.ToUpper(r[0])
	return string(r)
}

// controlKeywords are the keywords pubs itself uses; they are not tags.
var controlKeywords = map[string]bool{"selected": true, "featured": true, "talk": true, "preprint": true, "presentation": true, "poster": true}

func hugoTags(it *Item) []string {
	var out []string
	seen := map[string]bool{}
	for _, k := range it.Entry.Keywords() {
		t := hugoMarkdown(Text(k))
		if t == "" || controlKeywords[strings.ToLower(t)] || seen[strings.ToLower(t)] {
			continue
		}
		seen[strings.ToLower(t)] = true
		out = append(out, t)
	}
	return out
}

// hugoPubType is the item's publication type in the chosen form.
func hugoPubType(it *Item, form string) string {
	csl := cslType(it.Entry)
	if form == "academic" {
		// Hugo Academic's legend: 0 Uncategorized, 1 Conference paper,
		// 2 Journal article, 3 Preprint / Working Paper, 4 Report, 5 Book,
		// 6 Book section, 7 Thesis, 8 Patent.
		switch csl {
		case "paper-conference":
			return "1"
		case "article-journal":
			return "2"
		case "article", "manuscript":
			return "3"
		case "report":
			return "4"
		case "book":
			return "5"
		case "chapter":
			return "6"
		case "thesis":
			return "7"
		case "patent":
			return "8"
		}
		return "0"
	}
	switch csl {
	case "document", "speech", "webpage", "pamphlet":
		// Not among Hugo Blox's publication types; "manuscript" is what
		// its own importer writes for the rest.
		return "manuscript"
	}
	return csl
}

// hugoVenue is the publication key: the venue in italics, as Markdown
// (Hugo Blox renders it with markdownify).
func hugoVenue(it *Item) string {
	v := hugoMarkdown(it.Venue)
	if v == "" && it.ArXiv != "" {
		v = "arXiv"
	}
	if v == "" {
		return ""
	}
	return "*" + v + "*"
}

func hugoVenueShort(it *Item) string {
	for _, f := range []string{"shortjournal", "shortbooktitle"} {
		if v := hugoMarkdown(Text(strings.TrimSpace(it.Entry.Get(f)))); v != "" {
			return "*" + v + "*"
		}
	}
	return ""
}

// hugoMarkdown renders text for a front-matter value. Hugo Blox passes
// some values through markdownify (title, publication, abstract, summary,
// and an author's name as the title of the author's page) with raw HTML
// allowed, so every text value is Markdown in which nothing can become
// HTML: the text's Markdown (LaTeX converted, metacharacters escaped), but with "\&" back to
// "&" where no entity could follow ("R&D", "A & B"), so that the places
// that print the value as text do not show a backslash there.
func hugoMarkdown(t Text) string {
	s := t.Markdown()
	if !strings.Contains(s, `\&`) {
		return s
	}
	var b strings.Builder
	for {
		i := strings.Index(s, `\&`)
		if i < 0 {
			b.WriteString(s)
			return b.String()
		}
		b.WriteString(s[:i])
		rest := s[i+2:]
		if entityAhead(rest) {
			b.WriteString(`\&`)
		} else {
			b.WriteString("&")
		}
		s = rest
	}
}

// entityAhead reports whether s (after a '&') could be read as an entity
// reference: "#123;", "#x1F;", "amp;".
func entityAhead(s string) bool {
	i := 0
	for i < len(s) && i < 40 && (s[i] == '#' || 'a' <= s[i]|0x20 && s[i]|0x20 <= 'z' || '0' <= s[i] && s[i] <= '9') {
		i++
	}
	return i > 0 && i < len(s) && s[i] == ';'
}

// fullDate completes an ISO date to a day, which Hugo can parse:
// "2021" is "2021-01-01", "2021-10" is "2021-10-01".
func fullDate(d string) string {
	switch len(d) {
	case 4:
		return d + "-01-01"
	case 7:
		return d + "-01"
	}
	return d
}

// talkDates splits a talk's date, which may be a biblatex range
// ("2021-10-29/2021-10-30"), into start and end; a start that is not an
// ISO date gives way to the entry's date.
func talkDates(raw, fallback string) (start, end string) {
	s, e, _ := strings.Cut(strings.TrimSpace(raw), "/")
	start, end = isoPrefix(s), isoPrefix(e)
	if start == "" {
		start = fallback
	}
	if end == start {
		end = ""
	}
	return start, end
}

// isoPrefix returns s when it is an ISO date (day, month or year), else "".
func isoPrefix(s string) string {
	s = strings.TrimSpace(s)
	for _, layout := range []string{"2006-01-02", "2006-01", "2006"} {
		if len(s) == len(layout) {
			if _, err := time.Parse(layout, s); err == nil {
				return s
			}
		}
	}
	return ""
}

// talkClock reads a talk's time ("HH:MM", or "H:MM PM") as "HH:MM:SS".
func talkClock(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return ""
	}
	for _, layout := range []string{"15:04", "3:04 PM", "3:04PM", "3:04 pm", "3:04pm"} {
		if c, err := time.Parse(layout, s); err == nil {
			return c.Format("15:04:05")
		}
	}
	return ""
}

func joinNonEmpty(sep string, parts ...string) string {
	var out []string
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, sep)
}

// cleanString makes a value safe to encode: valid UTF-8, no NUL or other
// control characters but tab and newline (YAML cannot carry some of them,
// and none belong in front matter).
func cleanString(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	return strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' {
			return r
		}
		if unicode.IsControl(r) || r == '\uFEFF' {
			return -1
		}
		return r
	}, s)
}

// strNode is a YAML string, nil when empty (omit, never blank).
func strNode(s string) *yaml.Node {
	s = strings.TrimSpace(cleanString(s))
	if s == "" {
		return nil
	}
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s}
}

// boolNode is true, or nil for false: pubs writes a flag only when set.
func boolNode(b bool) *yaml.Node {
	if !b {
		return nil
	}
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!bool", Value: "true"}
}

// seqNode is a block list of strings, nil when empty. Empty strings stay
// (author_notes is parallel to authors).
func seqNode(list []string) *yaml.Node {
	if len(list) == 0 {
		return nil
	}
	n := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq"}
	for _, s := range list {
		n.Content = append(n.Content, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: strings.TrimSpace(cleanString(s))})
	}
	return n
}

// splitFrontMatter splits an index.md into its YAML front matter (without
// the --- lines) and the rest (the body, as it is). A file without front
// matter has an empty one. TOML (+++) and JSON front matter are refused:
// pubs writes YAML and does not convert a user's file.
func splitFrontMatter(src []byte) (bom, fm, body []byte, err error) {
	if bytes.HasPrefix(src, []byte("\uFEFF")) {
		bom, src = src[:3], src[3:]
	}
	first, rest, _ := bytes.Cut(src, []byte("\n"))
	switch strings.TrimRight(string(first), " \t\r") {
	case "---":
	case "+++":
		return nil, nil, nil, errors.New("front matter is TOML (+++); pubs updates YAML front matter only (convert it to YAML between --- lines)")
	default:
		if bytes.HasPrefix(bytes.TrimSpace(src), []byte("{")) {
			return nil, nil, nil, errors.New("front matter is JSON; pubs updates YAML front matter only")
		}
		return bom, nil, src, nil
	}
	off := 0
	for off <= len(rest) {
		line, after, found := bytes.Cut(rest[off:], []byte("\n"))
		if t := strings.TrimRight(string(line), " \t\r"); t == "---" || t == "..." {
			end := len(rest)
			if found {
				end = len(rest) - len(after)
			}
			return bom, rest[:off], rest[end:], nil
		}
		if !found {
			break
		}
		off += len(line) + 1
	}
	return nil, nil, nil, errors.New("front matter has no closing --- line")
}

// updateFrontMatter returns the new index.md: the old one with the owned
// keys set or removed, or a new one. When no owned key changes, the old
// bytes come back as they are, so that the file is not rewritten.
func updateFrontMatter(old []byte, exists bool, fields []fmField) ([]byte, error) {
	var bom, fm, body []byte
	root := &yaml.Node{Kind: yaml.DocumentNode}
	m := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
	if exists {
		var err error
		if bom, fm, body, err = splitFrontMatter(old); err != nil {
			return nil, err
		}
		var doc yaml.Node
		if err := yaml.Unmarshal(fm, &doc); err != nil {
			return nil, fmt.Errorf("front matter: %v", err)
		}
		// Decoding into values also catches what a node tree lets
		// through: a key given twice, an alias to nowhere.
		var v any
		if err := yaml.Unmarshal(fm, &v); err != nil {
			return nil, fmt.Errorf("front matter: %v", err)
		}
		switch {
		case doc.Kind == 0:
			// Empty front matter.
		case doc.Kind == yaml.DocumentNode && len(doc.Content) == 1 && doc.Content[0].Kind == yaml.MappingNode:
			root, m = &doc, doc.Content[0]
		case doc.Kind == yaml.DocumentNode && len(doc.Content) == 1 && doc.Content[0].ShortTag() == "!!null":
			root.HeadComment, root.FootComment = doc.HeadComment, doc.FootComment
		default:
			return nil, errors.New("front matter is not a mapping of keys to values")
		}
	}
	if len(root.Content) == 0 {
		root.Content = []*yaml.Node{m}
	}
	changed := mergeFields(m, fields)
	if exists && !changed {
		return old, nil
	}
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(root); err != nil {
		return nil, fmt.Errorf("front matter: %v", err)
	}
	if err := enc.Close(); err != nil {
		return nil, fmt.Errorf("front matter: %v", err)
	}
	out := buf.Bytes()
	if bytes.Equal(bytes.TrimSpace(out), []byte("{}")) {
		out = nil
	}
	// The front matter ends at the first --- or ... line: no line of the
	// YAML may look like one. The encoder indents every value, so this
	// only guards against a surprise.
	for _, line := range strings.Split(string(out), "\n") {
		if t := strings.TrimRight(line, " \t\r"); t == "---" || t == "..." {
			return nil, errors.New("front matter: encoded YAML holds a document marker line")
		}
	}
	var b bytes.Buffer
	b.Write(bom)
	b.WriteString("---\n")
	b.Write(out)
	b.WriteString("---\n")
	b.Write(body)
	return b.Bytes(), nil
}

// mergeFields sets the owned keys of m: an existing key keeps its place
// (and comments) and gets the new value, or goes when the value is nil; a
// new key goes right after the nearest owned key before it in canonical
// order that m has, else first. It reports whether m changed.
func mergeFields(m *yaml.Node, fields []fmField) bool {
	changed := false
	find := func(key string) int {
		for i := 0; i+1 < len(m.Content); i += 2 {
			if k := m.Content[i]; k.Kind == yaml.ScalarNode && k.Value == key {
				return i
			}
		}
		return -1
	}
	for i, f := range fields {
		pos := find(f.Key)
		switch {
		case pos >= 0 && f.Value == nil:
			m.Content = append(m.Content[:pos], m.Content[pos+2:]...)
			changed = true
		case pos >= 0:
			old := m.Content[pos+1]
			if !sameNode(old, f.Value) {
				f.Value.HeadComment, f.Value.LineComment, f.Value.FootComment = old.HeadComment, old.LineComment, old.FootComment
				m.Content[pos+1] = f.Value
				changed = true
			}
		case f.Value != nil:
			at := 0
			for j := i - 1; j >= 0; j-- {
				if p := find(fields[j].Key); p >= 0 {
					at = p + 2
					break
				}
			}
			key := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: f.Key}
			m.Content = append(m.Content[:at], append([]*yaml.Node{key, f.Value}, m.Content[at:]...)...)
			changed = true
		}
	}
	return changed
}

// sameNode compares two YAML values by meaning: kind, resolved tag and
// value, recursively; styles and comments do not count.
func sameNode(a, b *yaml.Node) bool {
	if a.Kind == yaml.AliasNode || b.Kind == yaml.AliasNode {
		return false
	}
	if a.Kind != b.Kind || a.ShortTag() != b.ShortTag() || len(a.Content) != len(b.Content) {
		return false
	}
	if a.Kind == yaml.ScalarNode && a.Value != b.Value {
		return false
	}
	for i := range a.Content {
		if !sameNode(a.Content[i], b.Content[i]) {
			return false
		}
	}
	return true
}
