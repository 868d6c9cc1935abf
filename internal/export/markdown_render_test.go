package export

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestMarkdownRendersAlike renders the Markdown golden files as GitHub
// does (pandoc's gfm reader), as plain CommonMark, and with Hugo's own
// Markdown engine (Goldmark), and checks that all three give the same
// structure: the same links to the same targets, the same bold names, the
// same list items and headings, and no raw HTML.
func TestMarkdownRendersAlike(t *testing.T) {
	if _, err := exec.LookPath("pandoc"); err != nil {
		t.Skip("pandoc is not installed")
	}
	files, _ := filepath.Glob(filepath.Join("testdata", "*.md.golden"))
	if len(files) == 0 {
		t.Fatal("no Markdown golden files")
	}
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		t.Run(filepath.Base(f), func(t *testing.T) {
			renders := map[string]string{
				"github":     pandocHTML(t, "gfm", src),
				"commonmark": pandocHTML(t, "commonmark", src),
			}
			if h := hugoHTML(t, src); h != "" {
				renders["hugo"] = h
			}
			want := structure(renders["github"])
			if !strings.Contains(want, "a ") || !strings.Contains(want, "strong ") {
				t.Fatalf("the GitHub rendering has no links or no bold names:\n%s", renders["github"])
			}
			for name, html := range renders {
				if got := structure(html); got != want {
					t.Errorf("%s renders differently from GitHub:\n%s\nGitHub:\n%s", name, got, want)
				}
			}
		})
	}
}

func pandocHTML(t *testing.T, from string, src []byte) string {
	t.Helper()
	cmd := exec.Command("pandoc", "--wrap=none", "-f", from, "-t", "html")
	cmd.Stdin = bytes.NewReader(src)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("pandoc -f %s: %v", from, err)
	}
	return string(out)
}

// hugoHTML renders src as the content of a page of a minimal Hugo site;
// "" when hugo is not installed.
func hugoHTML(t *testing.T, src []byte) string {
	t.Helper()
	if _, err := exec.LookPath("hugo"); err != nil {
		t.Log("hugo is not installed; only pandoc's renderings were compared")
		return ""
	}
	site := t.TempDir()
	write := func(name, body string) {
		p := filepath.Join(site, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("config.toml", "baseURL = 'https://example.org/'\ndisableKinds = ['taxonomy', 'term', 'RSS', 'sitemap', 'robotsTXT', '404', 'home', 'section']\n")
	write("layouts/_default/single.html", "{{ .Content }}")
	write("content/list.md", "---\ntitle: list\n---\n"+string(src))
	if out, err := exec.Command("hugo", "--quiet", "--source", site).CombinedOutput(); err != nil {
		t.Fatalf("hugo: %v\n%s", err, out)
	}
	b, err := os.ReadFile(filepath.Join(site, "public", "list", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

var (
	tagRE  = regexp.MustCompile(`<(/?)([a-z0-9]+)([^>]*)>`)
	hrefRE = regexp.MustCompile(`href="([^"]*)"`)
)

// structure lists the elements of an HTML rendering with their link
// targets, and the text of strong elements, one per line; ids, classes
// and typography (smart quotes, dashes) do not count.
func structure(html string) string {
	var b strings.Builder
	for _, m := range tagRE.FindAllStringSubmatchIndex(html, -1) {
		closing, name := html[m[2]:m[3]], html[m[4]:m[5]]
		switch name {
		case "br", "hr", "p", "span":
			continue // paragraph and line-break choices differ in loose lists
		}
		if closing != "" {
			continue
		}
		b.WriteString(name + " ")
		if h := hrefRE.FindStringSubmatch(html[m[6]:m[7]]); h != nil {
			b.WriteString(strings.ReplaceAll(h[1], "&amp;", "&"))
		}
		if name == "strong" {
			end := strings.Index(html[m[1]:], "</strong>")
			b.WriteString(html[m[1] : m[1]+end])
		}
		b.WriteString("\n")
	}
	return b.String()
}
