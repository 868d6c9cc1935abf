package export

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// hugoLayouts is a minimal theme that prints the front matter Hugo Blox
// reads, so the test sees what Hugo itself parsed: title, date, authors,
// publication types, the buttons, and the bundle's cite.bib resource.
var hugoLayouts = map[string]string{
	"config.toml": "baseURL = 'https://example.org/'\ntitle = 'test'\ndisableKinds = ['taxonomy', 'term', 'RSS', 'sitemap', 'robotsTXT', '404']\n",
	"layouts/_default/single.html": `TITLE={{ .Title }}
DATE={{ .Date.Format "2006-01-02T15:04" }}
AUTHORS={{ delimit (.Params.authors | default (slice)) "|" }}
NOTES={{ delimit (.Params.author_notes | default (slice)) "|" }}
TYPES={{ delimit (.Params.publication_types | default (slice)) "|" }}
PUB={{ .Params.publication }}
DOI={{ .Params.doi }}
EVENT={{ .Params.event }}
CODE={{ .Params.url_code }}
CITE={{ with .Resources.GetMatch "cite.bib" }}{{ .Content }}{{ end }}
`,
	"layouts/_default/list.html": `{{ range .Pages }}{{ .Title }}
{{ end }}`,
	"layouts/index.html": `home`,
}

// TestHugoBuildsBundles runs Hugo itself on the bundles of refs/ and of
// roles.bib: every page builds, and Hugo reads the values pubs wrote.
func TestHugoBuildsBundles(t *testing.T) {
	if _, err := exec.LookPath("hugo"); err != nil {
		t.Skip("hugo is not installed (Debian package hugo; CI installs it)")
	}
	site := t.TempDir()
	for name, body := range hugoLayouts {
		p := filepath.Join(site, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	files := append(append([]string{}, refs...), filepath.Join("testdata", "roles.bib"))
	doc, err := Build(readLib(t, files...).Entries, Options{Owner: owner})
	if err != nil {
		t.Fatal(err)
	}
	res, err := WriteHugo(site, doc, HugoOptions{})
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("hugo", "--quiet", "--source", site, "--destination", filepath.Join(site, "public"))
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("hugo: %v\n%s", err, out)
	}
	read := func(rel string) string {
		t.Helper()
		b, err := os.ReadFile(filepath.Join(site, "public", filepath.FromSlash(rel), "index.html"))
		if err != nil {
			t.Fatalf("%v (bundles written: %d)", err, res.Bundles)
		}
		return string(b)
	}
	pages := 0
	for _, kind := range []string{"publication", "event"} {
		dirs, _ := os.ReadDir(filepath.Join(site, "content", kind))
		for _, d := range dirs {
			page := read(kind + "/" + d.Name())
			pages++
			if !strings.Contains(page, "TITLE=") || strings.Contains(page, "TITLE=\n") {
				t.Errorf("%s/%s: no title:\n%s", kind, d.Name(), page)
			}
			if kind == "publication" && !strings.Contains(page, "CITE=@") {
				t.Errorf("%s/%s: cite.bib is not a resource of the bundle:\n%s", kind, d.Name(), page)
			}
		}
	}
	if pages != doc.Count {
		t.Errorf("hugo built %d pages, want %d", pages, doc.Count)
	}
	for rel, want := range map[string][]string{
		"publication/haber2017stable":    {"TITLE=Stable architectures for deep neural networks", "DATE=2017-01-01T00:00", "AUTHORS=Eldad Haber|me", "TYPES=article-journal", "DOI=10.1088/1361-6420/aa9a90", "PUB=*Inverse Problems*"},
		"publication/newman2022hessquik": {"CODE=https://github.com/elizabethnewman/hessQuik"},
		"publication/equal2023":          {"NOTES=Equal contribution|Equal contribution; Corresponding author||Student"},
		"event/newman2021how":            {"TITLE=How to Train Better: Exploiting the Separability of DNNs", "DATE=2021-10-29T10:45", "AUTHORS=Elizabeth Newman|me", "EVENT=Workshop on Dynamics and Discretization"},
	} {
		page := read(rel)
		for _, w := range want {
			if !strings.Contains(page, w+"\n") {
				t.Errorf("%s: want %q in:\n%s", rel, w, page)
			}
		}
	}
}
