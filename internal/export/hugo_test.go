package export

import (
	"bytes"
	"io/fs"
	"maps"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"go.yaml.in/yaml/v3"

	"github.com/pubs-dev/pubs/internal/bib"
)

var hugoRefs = []string{filepath.Join("..", "..", "refs", "publications.bib"), filepath.Join("..", "..", "refs", "talks.bib")}

// hugoLoad reads .bib files and fails on errors (warnings are fine).
func hugoLoad(t testing.TB, files ...string) []*bib.Entry {
	t.Helper()
	lib, err := bib.ParseFiles(files...)
	if err != nil {
		t.Fatal(err)
	}
	if err := lib.Diagnostics.Err(); err != nil {
		t.Fatal(err)
	}
	return lib.Entries
}

// hugoDoc builds the Document the CLI would for the owner of refs/.
func hugoDoc(t testing.TB, entries []*bib.Entry, abstract bool) *Document {
	t.Helper()
	doc, err := Build(entries, Options{Owner: []bib.Name{bib.ParseName("Ruthotto, Lars")}, Abstract: abstract})
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// hugoDumpTree prints every file under dir, sorted, with its path.
func hugoDumpTree(t *testing.T, dir string) string {
	t.Helper()
	var paths []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() {
			paths = append(paths, p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(paths)
	var b strings.Builder
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		rel, _ := filepath.Rel(dir, p)
		b.WriteString("==> " + filepath.ToSlash(rel) + " <==\n")
		b.Write(data)
	}
	return b.String()
}

func hugoGolden(t *testing.T, golden, got string) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -update)", err)
	}
	if diff := cmp.Diff(string(want), got); diff != "" {
		t.Errorf("%s (-want +got):\n%s", golden, diff)
	}
}

// TestHugoGolden pins the bundles written for refs/ (the first user's
// library), tricky.bib and roles.bib.
func TestHugoGolden(t *testing.T) {
	for _, tc := range []struct {
		name  string
		files []string
		opt   HugoOptions
	}{
		{"refs", hugoRefs, HugoOptions{}},
		{"tricky", []string{filepath.Join("testdata", "tricky.bib")}, HugoOptions{}},
		{"roles", []string{filepath.Join("testdata", "roles.bib")}, HugoOptions{Abstract: true, Tags: true}},
		{"roles-academic", []string{filepath.Join("testdata", "roles.bib")}, HugoOptions{Types: "academic", OwnerID: "admin"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			site := t.TempDir()
			doc := hugoDoc(t, hugoLoad(t, tc.files...), tc.opt.Abstract)
			if check, err := WriteHugo(site, doc, HugoOptions{Check: true, Types: tc.opt.Types}); err != nil || len(check.Written) != doc.Count+countPubs(doc) {
				t.Errorf("check on an empty site: %d stale, %v", len(check.Written), err)
			}
			if entries, _ := os.ReadDir(site); len(entries) != 0 {
				t.Errorf("check created %v", entries)
			}
			res, err := WriteHugo(site, doc, tc.opt)
			if err != nil {
				t.Fatal(err)
			}
			if res.Bundles != doc.Count || res.Unchanged != 0 || len(res.Orphans) != 0 {
				t.Errorf("result %+v; want %d bundles, all new", res, doc.Count)
			}
			got := hugoDumpTree(t, site)
			hugoGolden(t, filepath.Join("testdata", "hugo", tc.name+".golden"), got)
			hugoFrontMatters(t, site)
		})
	}
}

// hugoFrontMatters parses every index.md under site: front matter
// between --- lines that is a YAML mapping.
func hugoFrontMatters(t *testing.T, site string) map[string]map[string]any {
	t.Helper()
	out := map[string]map[string]any{}
	err := filepath.WalkDir(site, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.Name() != "index.md" {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		_, fm, _, err := splitFrontMatter(data)
		if err != nil {
			t.Errorf("%s: %v", p, err)
			return nil
		}
		var m map[string]any
		if err := yaml.Unmarshal(fm, &m); err != nil {
			t.Errorf("%s: front matter does not parse: %v\n%s", p, err, fm)
			return nil
		}
		rel, _ := filepath.Rel(site, p)
		out[filepath.ToSlash(rel)] = m
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

type hugoFileState struct {
	data  []byte
	mtime time.Time
}

func hugoSnapshot(t *testing.T, dir string) map[string]hugoFileState {
	t.Helper()
	out := map[string]hugoFileState{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		fi, err := os.Stat(p)
		if err != nil {
			return err
		}
		out[p] = hugoFileState{data, fi.ModTime()}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// hugoAgeFiles sets every file's mtime an hour back, so that a rewrite within
// the same second still shows.
func hugoAgeFiles(t *testing.T, dir string) {
	t.Helper()
	old := time.Now().Add(-time.Hour).Truncate(time.Second)
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		return os.Chtimes(p, old, old)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestHugoIdempotent: a second run on an unchanged library writes
// nothing: same bytes, same mtimes, every file reported unchanged.
func TestHugoIdempotent(t *testing.T) {
	site := t.TempDir()
	entries := hugoLoad(t, append(hugoRefs, filepath.Join("testdata", "roles.bib"))...)
	opt := HugoOptions{Abstract: true, Tags: true}
	res1, err := WriteHugo(site, hugoDoc(t, entries, true), opt)
	if err != nil {
		t.Fatal(err)
	}
	hugoAgeFiles(t, site)
	before := hugoSnapshot(t, site)
	check, err := WriteHugo(site, hugoDoc(t, entries, true), HugoOptions{Abstract: true, Tags: true, Check: true})
	if err != nil || len(check.Written) != 0 {
		t.Errorf("check on an up-to-date site: stale %v, %v", check.Written, err)
	}
	res2, err := WriteHugo(site, hugoDoc(t, entries, true), opt)
	if err != nil {
		t.Fatal(err)
	}
	if len(res2.Written) != 0 || res2.Unchanged != len(res1.Written) {
		t.Errorf("second run wrote %v, %d unchanged; want nothing written, %d unchanged", res2.Written, res2.Unchanged, len(res1.Written))
	}
	after := hugoSnapshot(t, site)
	if len(after) != len(before) {
		t.Errorf("%d files before, %d after", len(before), len(after))
	}
	for p, b := range before {
		a := after[p]
		if !bytes.Equal(a.data, b.data) {
			t.Errorf("%s changed:\n%s", p, cmp.Diff(string(b.data), string(a.data)))
		}
		if !a.mtime.Equal(b.mtime) {
			t.Errorf("%s: mtime changed from %v to %v", p, b.mtime, a.mtime)
		}
	}
}

// hugoWriteBib writes a .bib source to a temporary file and reads it.
func hugoWriteBib(t *testing.T, src string) []*bib.Entry {
	t.Helper()
	p := filepath.Join(t.TempDir(), "lib.bib")
	if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	return hugoLoad(t, p)
}

const hugoHandEditBib = `@article{paper2021,
  author = {Ruthotto, Lars and Haber, Eldad},
  title = {Old Title},
  journal = {Inverse Problems},
  year = {2021},
  doi = {10.1000/old},
  url_code = {https://example.org/code},
  url_video = {https://example.org/video},
}
`

// TestHugoKeepsHandEdits: keys a person added stay where they are, the
// body stays, generated keys follow the library: changed, added (in
// canonical place) and removed.
func TestHugoKeepsHandEdits(t *testing.T) {
	site := t.TempDir()
	if _, err := WriteHugo(site, hugoDoc(t, hugoWriteBib(t, hugoHandEditBib), false), HugoOptions{}); err != nil {
		t.Fatal(err)
	}
	index := filepath.Join(site, "content", "publication", "paper2021", "index.md")
	data, err := os.ReadFile(index)
	if err != nil {
		t.Fatal(err)
	}
	// A person adds keys at the top, in the middle and at the end, a
	// comment, and a body; and edits a generated key by hand.
	edited := strings.Replace(string(data), "---\n", "---\n# my comment\nprojects: [deep-learning]\n", 1)
	edited = strings.Replace(edited, "date: ", "image:\n  caption: 'Image credit: me'\n  focal_point: Smart\ndate: ", 1)
	edited = strings.Replace(edited, "title: Old Title", "title: Hand-Edited Title", 1)
	edited = strings.TrimSuffix(edited, "---\n") + "slides: example\n---\n\nSupplementary notes: *keep me*.\n\n---\n\nA thematic break above.\n"
	if err := os.WriteFile(index, []byte(edited), 0o644); err != nil {
		t.Fatal(err)
	}
	// The library changes: new title, doi changed, url_code gone, url_pdf new.
	newBib := strings.NewReplacer("Old Title", "New Title", "10.1000/old", "10.1000/new",
		"  url_code = {https://example.org/code},\n", "  url_pdf = {https://example.org/paper.pdf},\n").Replace(hugoHandEditBib)
	// --check sees the stale index.md and writes nothing.
	data, _ = os.ReadFile(index)
	check, err := WriteHugo(site, hugoDoc(t, hugoWriteBib(t, newBib), false), HugoOptions{Check: true})
	if err != nil || !cmp.Equal(check.Written, []string{"content/publication/paper2021/index.md", "content/publication/paper2021/cite.bib"}) {
		t.Errorf("check: stale %v, %v", check.Written, err)
	}
	if again, _ := os.ReadFile(index); !bytes.Equal(again, data) {
		t.Error("check wrote index.md")
	}
	res, err := WriteHugo(site, hugoDoc(t, hugoWriteBib(t, newBib), false), HugoOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(res.Written, "content/publication/paper2021/index.md") {
		t.Errorf("written %v; want index.md among them", res.Written)
	}
	got, _ := os.ReadFile(index)
	want := `---
# my comment
projects: [deep-learning]
title: New Title
authors:
  - me
  - Eldad Haber
image:
  caption: 'Image credit: me'
  focal_point: Smart
date: "2021-01-01"
doi: 10.1000/new
publication_types:
  - article-journal
publication: '*Inverse Problems*'
url_pdf: https://example.org/paper.pdf
url_video: https://example.org/video
slides: example
---

Supplementary notes: *keep me*.

---

A thematic break above.
`
	if diff := cmp.Diff(want, string(got)); diff != "" {
		t.Errorf("index.md after regeneration (-want +got):\n%s", diff)
	}
	// And once more: nothing to do.
	hugoAgeFiles(t, site)
	before := hugoSnapshot(t, site)
	res, err = WriteHugo(site, hugoDoc(t, hugoWriteBib(t, newBib), false), HugoOptions{})
	if err != nil || len(res.Written) != 0 {
		t.Fatalf("third run: wrote %v, %v", res.Written, err)
	}
	if after := hugoSnapshot(t, site); !cmp.Equal(before, after, cmp.AllowUnexported(hugoFileState{})) {
		t.Error("third run changed files")
	}
}

// TestHugoBadFrontMatter: a hand-edited file that does not parse is left
// alone with an error naming it; the other bundles are still written; a
// bundle without an entry is reported and left alone.
func TestHugoBadFrontMatter(t *testing.T) {
	site := t.TempDir()
	entries := hugoLoad(t, hugoRefs...)
	bad := map[string]string{
		"content/publication/haber2017stable/index.md":     "---\ntitle: [unclosed\n---\nbody\n",
		"content/publication/ruthotto2020deep/index.md":    "+++\ntitle = \"toml\"\n+++\n",
		"content/event/newman2021how/index.md":             "---\ntitle: no end\n",
		"content/publication/ruthotto2020machine/index.md": "---\n- a\n- list\n---\n",
	}
	for p, s := range bad {
		full := filepath.Join(site, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	orphan := filepath.Join(site, "content", "publication", "hand-made", "index.md")
	if err := os.MkdirAll(filepath.Dir(orphan), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(orphan, []byte("---\ntitle: Mine\n---\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	res, err := WriteHugo(site, hugoDoc(t, entries, false), HugoOptions{})
	if err == nil {
		t.Fatal("no error for unparsable front matter")
	}
	for p, s := range bad {
		if !strings.Contains(err.Error(), p) {
			t.Errorf("error does not name %s:\n%v", p, err)
		}
		got, _ := os.ReadFile(filepath.Join(site, filepath.FromSlash(p)))
		if string(got) != s {
			t.Errorf("%s was changed to %q", p, got)
		}
	}
	if want := []string{"content/publication/hand-made"}; !cmp.Equal(res.Orphans, want) {
		t.Errorf("orphans %v; want %v", res.Orphans, want)
	}
	// The other bundles were written; the broken ones are untouched, their
	// cite.bib not even created (8 publications, 3 of them broken).
	if len(res.Written) != len(entries)-len(bad)+8-3 {
		t.Errorf("wrote %d files: %v", len(res.Written), res.Written)
	}
	for _, p := range []string{"content/publication/newman2022hessquik/index.md", "content/event/ruthotto2021machine/index.md"} {
		if !slices.Contains(res.Written, p) {
			t.Errorf("%s not written", p)
		}
	}
	if got, _ := os.ReadFile(orphan); string(got) != "---\ntitle: Mine\n---\n" {
		t.Errorf("orphan bundle changed: %q", got)
	}
}

const hostileHugoBib = `@article{../../etc,
  author = {<script>alert(1)</script> and "onmouseover=alert(1) and Evil: Mallory},
  title = {<script>alert(1)</script> "onmouseover=alert(1)" key: value # not a comment
--- and ... {---}
- item
[link](javascript:alert(1)) *bold* {{ .Site }} ` + "`code`" + ` & &amp; | ~ ! % @ \\ 'q'},
  journal = {Journal: of --- Things # x},
  year = {2020},
  url_pdf = {javascript:alert(1)},
  url_code = {https://example.org/"onmouseover="x},
}
@article{.hidden, title = {Dot}, year = 2020}
@article{a/b/../../../c, title = {Slashes}, year = 2020}
@article{..., title = {Dots}, year = 2020}
@article{CON:x, title = {Colon}, year = 2020}
@article{Ünïcødé_Kéy, title = {Unicode}, year = 2020}
@misc{talk/../../x, title = {---}, eventtitle = {Event
---
next: line}, location = {Here: there}, date = {2020-01-02}, time = {25:99}, keywords = {talk}}
`

// TestHugoHostile: hostile titles, names and keys give valid YAML whose
// values read back as written (Markdown-escaped), no unsafe URL, and no
// file outside content/publication and content/event.
func TestHugoHostile(t *testing.T) {
	root := t.TempDir()
	site := filepath.Join(root, "site")
	if err := os.Mkdir(site, 0o755); err != nil {
		t.Fatal(err)
	}
	entries := hugoWriteBib(t, hostileHugoBib)
	entries = append(entries, hugoLoad(t, filepath.Join("testdata", "hostile.bib"))...)
	doc := hugoDoc(t, entries, true)
	res, err := WriteHugo(site, doc, HugoOptions{Abstract: true, Tags: true})
	if err != nil {
		t.Fatal(err)
	}
	if res.Bundles != len(entries) {
		t.Errorf("%d bundles for %d entries", res.Bundles, len(entries))
	}
	// Nothing outside site/content/{publication,event}/<one folder>/.
	err = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(site, p)
		parts := strings.Split(filepath.ToSlash(rel), "/")
		if len(parts) != 4 || parts[0] != "content" || (parts[1] != "publication" && parts[1] != "event") ||
			strings.HasPrefix(parts[2], ".") || (parts[3] != "index.md" && parts[3] != "cite.bib") {
			t.Errorf("unexpected file %s", p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	fms := hugoFrontMatters(t, site)
	if len(fms) != len(entries) {
		t.Errorf("%d index.md for %d entries", len(fms), len(entries))
	}
	byKey := map[string]*Item{}
	for _, s := range doc.Sections {
		for _, it := range s.Items {
			byKey[it.Key] = it
		}
	}
	first := fms["content/publication/etc/index.md"]
	if first == nil {
		t.Fatalf("no bundle for ../../etc; have %v", hugoKeysOf(fms))
	}
	if got, want := first["title"], hugoMarkdown(byKey["../../etc"].Title); got != want {
		t.Errorf("title reads back as %q; want %q", got, want)
	}
	for p, m := range fms {
		for k, v := range m {
			s, _ := v.(string)
			if strings.HasPrefix(k, "url_") || k == "event_url" {
				if SafeURL(s) != s || strings.Contains(strings.ToLower(s), "javascript") {
					t.Errorf("%s: %s = %q", p, k, s)
				}
			}
			if (k == "title" || k == "publication" || k == "summary" || k == "abstract") && strings.Contains(s, "<") && !strings.Contains(s, `\<`) {
				t.Errorf("%s: %s has an unescaped '<': %q", p, k, s)
			}
		}
	}
	// The event's fields stay fields: no key "next" smuggled in.
	for p, m := range fms {
		if _, ok := m["next"]; ok {
			t.Errorf("%s: a value's line break made a key", p)
		}
	}
}

func hugoKeysOf[V any](m map[string]V) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func TestHugoSlug(t *testing.T) {
	for key, want := range map[string]string{
		"newman2021how": "newman2021how", "Smith:2020": "smith-2020", "../../etc": "etc", ".hidden": "hidden",
		"": "entry", "...": "entry", "a/b": "a-b", "Müller2020": "muller2020", "x\x00y": "x-y", "snake_case": "snake_case",
	} {
		if got := hugoSlug(key); got != want {
			t.Errorf("hugoSlug(%q) = %q; want %q", key, got, want)
		}
	}
	// Colliding keys: the one that is its own slug keeps it, whatever the order.
	a, b := hugoName{key: "smith-2020"}, hugoName{key: "Smith:2020"}
	for _, names := range [][]hugoName{{a, b}, {b, a}} {
		s := hugoSlugs(names)
		sa, sb := s[0], s[1]
		if names[0] == b {
			sa, sb = sb, sa
		}
		if sa != "smith-2020" || sb == "smith-2020" || !strings.HasPrefix(sb, "smith-2020-") {
			t.Errorf("slugs %q, %q", sa, sb)
		}
	}
	// A key that is another key's slug with its suffix: every key gets a
	// folder of its own (their bundles are written at once), the same in
	// every order, and the key that is its own slug keeps it.
	suffixed := hugoSlugs([]hugoName{{key: "x:y"}, {key: "x.y"}})[0]
	keys := []string{"x:y", "x.y", suffixed, "x-y"}
	var first map[string]string
	for range 24 {
		rand.Shuffle(len(keys), func(i, j int) { keys[i], keys[j] = keys[j], keys[i] })
		names := make([]hugoName, 0, len(keys)+1)
		for _, k := range keys {
			names = append(names, hugoName{key: k})
		}
		names = append(names, hugoName{key: keys[0], talk: true}) // a talk's folder is elsewhere
		got := map[string]string{}
		seen := map[string]bool{}
		for i, s := range hugoSlugs(names)[:len(keys)] {
			if seen[s] {
				t.Fatalf("keys %q: two share the folder %q", keys, s)
			}
			seen[s] = true
			got[names[i].key] = s
		}
		if got["x-y"] != "x-y" || got[suffixed] != suffixed {
			t.Fatalf("keys %q: slugs %v", keys, got)
		}
		if first == nil {
			first = got
		} else if !maps.Equal(first, got) {
			t.Fatalf("slugs depend on the order: %v, then %v", first, got)
		}
	}
}

func TestHugoOptionsErrors(t *testing.T) {
	site := t.TempDir()
	if _, err := WriteHugo(site, &Document{}, HugoOptions{Types: "numeric"}); err == nil {
		t.Error("no error for an unknown types form")
	}
	if _, err := WriteHugo(filepath.Join(site, "missing"), &Document{}, HugoOptions{}); err == nil {
		t.Error("no error for a missing site folder")
	}
	if _, err := WriteHugo(site, &Document{}, HugoOptions{EventDir: "../x"}); err == nil {
		t.Error("no error for a content folder with a path")
	}
	if res, err := WriteHugo(site, nil, HugoOptions{}); err != nil || res.Bundles != 0 {
		t.Errorf("nil document: %+v, %v", res, err)
	}
}

// FuzzHugoFrontMatter: any .bib entry and any existing index.md give no
// panic; when the update succeeds, the front matter parses as a mapping
// and carries the generated title.
func FuzzHugoFrontMatter(f *testing.F) {
	f.Add(hugoHandEditBib, "---\ntitle: x\nfoo: bar\n---\nbody\n")
	f.Add(hostileHugoBib, "")
	f.Add("@misc{k, title = {a\n---\nb: c}, keywords = {talk}, date = {2020-01-01/2020-01-02}}", "---\n---\n")
	f.Add("@article{k, title = {x}, author = {A and others}, author+an = {1=equal}}", "---\n# c\n? complex\n: key\n---\n")
	// A key given twice in a hand-edited file is an error, not carried on.
	f.Add("@article{k, title = {x}, url_code = {https://x.org}}", "---\n000:\n000:\n---")
	f.Fuzz(func(t *testing.T, src, existing string) {
		file, err := bib.Parse("f.bib", []byte(src))
		if err != nil {
			return
		}
		lib := bib.NewLibrary([]*bib.File{file}, nil)
		doc, err := Build(lib.Entries, Options{Owner: []bib.Name{bib.ParseName("Ruthotto, Lars")}, Abstract: true})
		if err != nil {
			return
		}
		for _, s := range doc.Sections {
			for _, it := range s.Items {
				kind := hugoPublication
				if it.Talk != nil {
					kind = hugoEvent
				}
				fields := hugoFields(it, kind, HugoOptions{OwnerID: "me", Types: "csl", Abstract: true, Tags: true})
				for _, exists := range []bool{false, true} {
					out, err := updateFrontMatter([]byte(existing), exists, fields)
					if err != nil {
						if !exists {
							t.Fatalf("new file: %v", err)
						}
						continue
					}
					_, fm, _, err := splitFrontMatter(out)
					if err != nil {
						t.Fatalf("output does not split: %v\n%s", err, out)
					}
					var m map[string]any
					if err := yaml.Unmarshal(fm, &m); err != nil {
						t.Fatalf("output front matter does not parse: %v\n%s", err, out)
					}
					if title := hugoMarkdown(it.Title); strings.TrimSpace(cleanString(title)) != "" && m["title"] != strings.TrimSpace(cleanString(title)) {
						t.Fatalf("title %q; want %q\n%s", m["title"], title, out)
					}
					again, err := updateFrontMatter(out, true, hugoFields(it, kind, HugoOptions{OwnerID: "me", Types: "csl", Abstract: true, Tags: true}))
					if err != nil || !bytes.Equal(again, out) {
						t.Fatalf("second update not idempotent (%v):\n%s\n---- became ----\n%s", err, out, again)
					}
				}
			}
		}
	})
}

func countPubs(doc *Document) int {
	n := 0
	for _, s := range doc.Sections {
		for _, it := range s.Items {
			if it.Talk == nil {
				n++
			}
		}
	}
	return n
}

// TestHugoWritersInOrder: bundles written by many writers at once, and
// the bundles of a planned document (filled by the writers), give what
// one writer gives for a built document: the same files, the same list of
// written files in document order, the same count of unchanged ones and
// the same errors in the same order (bundles with broken front matter, a
// key that appears twice), on a first export and on a second over it.
func TestHugoWritersInOrder(t *testing.T) {
	defer func(n int) { hugoWriters = n }(hugoWriters)
	entries := benchEntries(t)[:400]
	entries = append(entries, entries[7]) // a key that appears twice
	type outcome struct {
		res   HugoResult
		err   string
		files map[string]string
	}
	run := func(writers int, planned bool) []outcome {
		hugoWriters = writers
		site := t.TempDir()
		for _, e := range []*bib.Entry{entries[3], entries[250]} {
			p := filepath.Join(site, "content", "publication", hugoSlug(e.Key), "index.md")
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, []byte("---\ntitle: [unclosed\n---\n"), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		var out []outcome
		for range 2 {
			doc := hugoDoc(t, entries, false)
			if planned {
				var err error
				if doc, err = Plan(entries, Options{Owner: []bib.Name{bib.ParseName("Ruthotto, Lars")}}); err != nil {
					t.Fatal(err)
				}
			}
			res, err := WriteHugo(site, doc, HugoOptions{})
			o := outcome{res: res, files: map[string]string{}}
			if err != nil {
				o.err = err.Error()
			}
			filepath.WalkDir(site, func(p string, d fs.DirEntry, err error) error {
				if err == nil && !d.IsDir() {
					b, _ := os.ReadFile(p)
					rel, _ := filepath.Rel(site, p)
					o.files[rel] = string(b)
				}
				return err
			})
			out = append(out, o)
		}
		return out
	}
	want := run(1, false)
	if want[0].err == "" || !strings.Contains(want[0].err, "appears twice") || len(want[0].res.Written) < 700 || want[1].res.Unchanged < 700 {
		t.Fatalf("the export did not do what the test needs: %d written, %d unchanged, error %q", len(want[0].res.Written), want[1].res.Unchanged, want[0].err)
	}
	// The errors in document order: the broken bundles (entries 3 and
	// 250) and the second of the key that appears twice where they are.
	doc := hugoDoc(t, entries, false)
	doc.Fill()
	var order []string
	seen := map[string]bool{}
	for _, sec := range doc.Sections {
		for _, it := range sec.Items {
			switch {
			case seen[it.Key]:
				order = append(order, "appears twice")
			case it.Key == entries[3].Key || it.Key == entries[250].Key:
				order = append(order, "/"+hugoSlug(it.Key)+"/")
			}
			seen[it.Key] = true
		}
	}
	at := 0
	for _, m := range order {
		i := strings.Index(want[0].err[at:], m)
		if i < 0 {
			t.Fatalf("errors not in document order %q:\n%s", order, want[0].err)
		}
		at += i + len(m)
	}
	for _, writers := range []int{1, 16} {
		for _, planned := range []bool{false, true} {
			if writers == 1 && !planned {
				continue
			}
			if diff := cmp.Diff(want, run(writers, planned), cmp.AllowUnexported(outcome{})); diff != "" {
				t.Errorf("%d writers, planned %v, differ from one writer of a built document (-one +other):\n%s", writers, planned, diff)
			}
		}
	}
}
