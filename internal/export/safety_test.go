package export

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// TestLaTeXCompiles runs pdflatex on every standalone LaTeX golden file
// and on the CV fragment of refs/ wrapped in the preamble the fragment
// asks for. Shell escape is off and file access paranoid, as in CI.
func TestLaTeXCompiles(t *testing.T) {
	if _, err := exec.LookPath("pdflatex"); err != nil {
		t.Skip("pdflatex is not installed (CI installs texlive-latex-base, -recommended and -extra)")
	}
	frag, err := os.ReadFile(filepath.Join("testdata", "refs.tex.golden"))
	if err != nil {
		t.Fatal(err)
	}
	docs := map[string][]byte{
		"refs-fragment": []byte("\\documentclass{article}\n\\usepackage[T1]{fontenc}\n\\usepackage{amsmath,amssymb}\n\\usepackage{hyperref}\n\\begin{document}\n" + string(frag) + "\\end{document}\n"),
	}
	for _, name := range []string{"cv.tex", "cv.itemize.tex", "cv.cventry.tex", "cv.etaremune.tex"} {
		b, err := os.ReadFile(filepath.Join("testdata", name+".golden"))
		if err != nil {
			t.Fatal(err)
		}
		docs[name] = b
	}
	for name, src := range docs {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			if bytes.Contains(src, []byte(`\usepackage{etaremune}`)) {
				if out, err := exec.Command("kpsewhich", "etaremune.sty").Output(); err != nil || len(out) == 0 {
					t.Skip("etaremune.sty is not installed (Debian texlive-latex-extra)")
				}
			}
			dir := t.TempDir()
			if err := os.WriteFile(filepath.Join(dir, "doc.tex"), src, 0o644); err != nil {
				t.Fatal(err)
			}
			// Twice: etaremune counts its items on the first run.
			for run := 0; run < 2; run++ {
				cmd := exec.Command("pdflatex", "-no-shell-escape", "-interaction=nonstopmode", "-halt-on-error", "doc.tex")
				cmd.Dir = dir
				cmd.Env = append(os.Environ(), "openin_any=p", "openout_any=p")
				out, err := cmd.CombinedOutput()
				if err != nil {
					t.Fatalf("pdflatex: %v\n%s", err, lastLines(out, 30))
				}
			}
			log, _ := os.ReadFile(filepath.Join(dir, "doc.log"))
			for _, bad := range []string{"Missing character", "Undefined control sequence", "LaTeX Error", "runaway"} {
				if bytes.Contains(log, []byte(bad)) {
					t.Errorf("doc.log reports %q:\n%s", bad, lastLines(log, 40))
				}
			}
		})
	}
}

func lastLines(b []byte, n int) string {
	lines := strings.Split(string(b), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}

// TestHTMLValid checks the HTML golden files with a real HTML5 parser:
// html5lib in strict mode (the WHATWG parsing algorithm, which reports
// every parse error), and the structural rules pubs promises.
func TestHTMLValid(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("testdata", "*.html.golden"))
	if len(files) == 0 {
		t.Fatal("no HTML golden files")
	}
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		t.Run(filepath.Base(f), func(t *testing.T) {
			checkHTML(t, src, strings.Contains(f, "standalone"))
		})
	}
}

// checkHTML validates a fragment or a whole page.
func checkHTML(t *testing.T, src []byte, page bool) {
	t.Helper()
	if py := html5libPython(); py != "" {
		script := `import sys, html5lib
p = html5lib.HTMLParser(strict=True)
src = sys.stdin.read()
try:
    p.parse(src) if sys.argv[1] == "page" else p.parseFragment(src)
except html5lib.html5parser.ParseError as e:
    print("parse error:", e, p.errors); sys.exit(1)
`
		mode := "fragment"
		if page {
			mode = "page"
		}
		cmd := exec.Command(py, "-c", script, mode)
		cmd.Stdin = bytes.NewReader(src)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Errorf("html5lib: %v\n%s", err, out)
		}
	} else {
		t.Log("html5lib is not installed (Debian python3-html5lib); only the Go checks ran")
	}
	// Go's parser: every element that pubs opens is closed, ids are unique.
	z := html.NewTokenizer(bytes.NewReader(src))
	var stack []string
	ids := map[string]bool{}
	void := map[string]bool{"meta": true, "br": true, "img": true, "link": true, "hr": true, "input": true}
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			break
		}
		tok := z.Token()
		switch tt {
		case html.StartTagToken:
			for _, a := range tok.Attr {
				if a.Key == "id" {
					if ids[a.Val] {
						t.Errorf("duplicate id %q", a.Val)
					}
					ids[a.Val] = true
				}
			}
			if !void[tok.Data] {
				stack = append(stack, tok.Data)
			}
		case html.EndTagToken:
			if len(stack) == 0 || stack[len(stack)-1] != tok.Data {
				t.Fatalf("</%s> does not close the open element (open: %v)", tok.Data, stack)
			}
			stack = stack[:len(stack)-1]
		}
	}
	if len(stack) > 0 {
		t.Errorf("elements left open: %v", stack)
	}
}

// html5libPython finds a Python that has html5lib: Debian's (where CI
// installs python3-html5lib), else the first on PATH.
func html5libPython() string {
	for _, py := range []string{"/usr/bin/python3", "python3"} {
		if p, err := exec.LookPath(py); err == nil && exec.Command(p, "-c", "import html5lib").Run() == nil {
			return p
		}
	}
	return ""
}

// TestHTML5libCatchesErrors makes sure the validator is live: it must
// reject a fragment with a parse error.
func TestHTML5libCatchesErrors(t *testing.T) {
	py := html5libPython()
	if py == "" {
		t.Skip("html5lib is not installed (Debian python3-html5lib)")
	}
	cmd := exec.Command(py, "-c", "import html5lib,sys\nhtml5lib.HTMLParser(strict=True).parseFragment(sys.stdin.read())")
	cmd.Stdin = strings.NewReader(`<p><b>unclosed</p></div>`)
	if err := cmd.Run(); err == nil {
		t.Error("html5lib in strict mode accepted invalid HTML")
	}
}

// TestHostile renders field text written to attack each format and shows
// that none of it becomes markup, a link or executable LaTeX.
func TestHostile(t *testing.T) {
	lib := readLib(t, "testdata/hostile.bib")
	opt := Options{Owner: owner, Abstract: true}

	t.Run("html", func(t *testing.T) {
		for _, standalone := range []bool{false, true} {
			// Without JSON-LD the direct writer runs, with it html/template.
			for _, jsonld := range []bool{false, true} {
				out := render(t, lib, "html", opt, RenderOptions{Standalone: standalone, JSONLD: jsonld})
				checkHTML(t, out, standalone)
				checkHostileHTML(t, out)
			}
		}
	})

	t.Run("markdown", func(t *testing.T) {
		out := render(t, lib, "markdown", opt, RenderOptions{})
		// Every link target is one of the entry's safe URLs.
		for _, m := range regexp.MustCompile(`\]\(<([^>]*)>\)`).FindAllSubmatch(out, -1) {
			if u := string(m[1]); SafeURL(u) != u || strings.Contains(strings.ToLower(u), "script") {
				t.Errorf("unsafe link target %q", u)
			}
		}
		// Render it as GitHub and Hugo would (CommonMark) and check the HTML.
		if _, err := exec.LookPath("pandoc"); err != nil {
			t.Skip("pandoc is not installed; the CommonMark rendering check did not run")
		}
		cmd := exec.Command("pandoc", "-f", "commonmark", "-t", "html")
		cmd.Stdin = bytes.NewReader(out)
		rendered, err := cmd.Output()
		if err != nil {
			t.Fatal(err)
		}
		checkHostileHTML(t, rendered)
	})

	t.Run("latex", func(t *testing.T) {
		out := string(render(t, lib, "latex", opt, RenderOptions{Standalone: true}))
		// A dangerous command survives only as text: \textbackslash{}input.
		re := regexp.MustCompile(`\\(input|write|immediate|catcode|csname|def|include|openin|openout|read)\b`)
		for _, loc := range re.FindAllStringIndex(out, -1) {
			if !strings.HasSuffix(out[:loc[0]], `\textbackslash{}`) && !strings.HasSuffix(out[:loc[0]], `\textbackslash{}\textbackslash{}`) {
				t.Errorf("live %s at %d: %q", out[loc[0]:loc[1]], loc[0], out[max(0, loc[0]-30):min(len(out), loc[1]+30)])
			}
		}
		if strings.Contains(out, "^^") {
			t.Error("TeX's ^^ notation survives")
		}
		for _, u := range []string{"javascript", "vbscript", "data:"} {
			if strings.Contains(strings.ToLower(out), `\href{`+u) {
				t.Errorf("an %s URL became a link", u)
			}
		}
	})
}

// checkHostileHTML: no script but JSON-LD, no event handler attribute, no
// link or source that is not http, https, mailto or relative, no <img>.
func checkHostileHTML(t *testing.T, src []byte) {
	t.Helper()
	doc, err := html.Parse(bytes.NewReader(src))
	if err != nil {
		t.Fatal(err)
	}
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.Data {
			case "img", "iframe", "object", "embed", "form", "input":
				t.Errorf("<%s> element in the output", n.Data)
			case "script":
				typ := ""
				for _, a := range n.Attr {
					if a.Key == "type" {
						typ = a.Val
					}
				}
				if typ != "application/ld+json" && !strings.Contains(attr(n, "src"), "mathjax") {
					t.Errorf("<script type=%q> in the output", typ)
				}
				if n.FirstChild != nil && strings.Contains(strings.ToLower(n.FirstChild.Data), "</script") {
					t.Error("JSON-LD closes its script element")
				}
			}
			for _, a := range n.Attr {
				if strings.HasPrefix(strings.ToLower(a.Key), "on") {
					t.Errorf("event handler attribute %s=%q on <%s>", a.Key, a.Val, n.Data)
				}
				if a.Key == "href" || a.Key == "src" {
					if a.Val != "#ZgotmplZ" && SafeURL(a.Val) != a.Val {
						t.Errorf("unsafe %s=%q on <%s>", a.Key, a.Val, n.Data)
					}
					low := strings.ToLower(a.Val)
					for _, bad := range []string{"javascript:", "vbscript:", "data:"} {
						if strings.Contains(low, bad) {
							t.Errorf("%s=%q on <%s>", a.Key, a.Val, n.Data)
						}
					}
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}
