package lookup

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/pubs-dev/pubs/internal/ids"
	"github.com/pubs-dev/pubs/internal/lookup/lookuptest"
)

// replay starts a replay server over the recorded responses and a client
// pointed at it, with short waits.
func replay(t *testing.T, opt Options) (*lookuptest.Server, *Client) {
	t.Helper()
	srv, err := lookuptest.Start(fixtures(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(srv.Close)
	opt.Endpoints = Endpoints(srv.Endpoints())
	if opt.Version == "" {
		opt.Version = "test"
	}
	if opt.Timeout == 0 {
		opt.Timeout = 5 * time.Second
	}
	if opt.Backoff == 0 {
		opt.Backoff, opt.MaxBackoff = time.Millisecond, 5*time.Millisecond
	}
	opt.NoSpacing = true
	c, err := New(opt)
	if err != nil {
		t.Fatal(err)
	}
	return srv, c
}

func lookup(t *testing.T, c *Client, s string) (*Work, error) {
	t.Helper()
	id, err := ParseID(s)
	if err != nil {
		t.Fatalf("ParseID(%q): %v", s, err)
	}
	return c.Lookup(context.Background(), id)
}

func TestLookupRecorded(t *testing.T) {
	srv, c := replay(t, Options{Mailto: "someone@example.org"})
	for _, tc := range []struct {
		id, key, typ, source string
	}{
		// Crossref REST API (doi.org/ra says Crossref, recorded for 10.1371).
		{"10.1371/journal.pone.0033693", "sadasivan2012methylphenidate", "article", "Crossref REST API"},
		{"https://dx.doi.org/10.1038/srep16696", "tosatto2015singlemolecule", "article", "Crossref REST API"},
		// The recorded doi.org redirect flow: Crossref's API has no
		// record here (404), content negotiation at doi.org answers 302 to
		// Crossref's transform route, which gives CSL-JSON.
		{"doi:10.1126/science.169.3946.635", "frank1970structure", "article", "CSL-JSON"},
		{"10.1101/2021.08.15.21262067", "canaday2021significant", "misc", "CSL-JSON"},
		// DataCite (doi.org/ra recorded for 10.5061).
		{"https://doi.org/10.5061/dryad.8515", "ollomo2011data", "misc", "DataCite REST API"},
		{"10.3204/DESY-2014-01645", "conrad2014dynamics", "phdthesis", "DataCite REST API"},
		// DataCite DOI known only as CSL-JSON.
		{"10.5281/zenodo.8242099", "willighagen2023shield", "misc", "CSL-JSON"},
		// arXiv.
		{"arXiv:1605.08386", "stanley2016heatbath", "misc", "arXiv API"},
		{"https://arxiv.org/abs/math/0211159", "perelman2002entropy", "misc", "arXiv API"},
		{"quant-ph/0201082v1", "blaha2002quantum", "misc", "arXiv API"},
	} {
		w, err := lookup(t, c, tc.id)
		if err != nil {
			t.Errorf("%s: %v", tc.id, err)
			continue
		}
		if k := w.KeyBase(""); k != tc.key || w.bibType() != tc.typ || w.Source != tc.source {
			t.Errorf("%s: got key %s, type %s, source %s; want %s, %s, %s", tc.id, k, w.bibType(), w.Source, tc.key, tc.typ, tc.source)
		}
	}
	// Etiquette: every request names pubs and the address; Crossref's also
	// carry the mailto parameter.
	sawCrossref := false
	for _, r := range srv.Requests() {
		if ua := r.Header.Get("User-Agent"); ua != "pubs/test (https://github.com/pubs-dev/pubs; mailto:someone@example.org)" {
			t.Errorf("%s: User-Agent %q", r.Path, ua)
		}
		if strings.HasPrefix(r.Path, "/crossref/works/") {
			sawCrossref = true
			if r.RawQuery != "mailto=someone%40example.org" {
				t.Errorf("%s: query %q, want the mailto parameter", r.Path, r.RawQuery)
			}
		}
	}
	if !sawCrossref {
		t.Error("no request to Crossref's REST API")
	}
}

func TestLookupNotFound(t *testing.T) {
	_, c := replay(t, Options{})
	for _, tc := range []struct{ id, msg string }{
		// Crossref prefix, unknown DOI: Crossref 404, then doi.org's
		// recorded 404 page.
		{"10.1126/foo", "DOI 10.1126/foo is not registered"},
		{"10.1103/INVALIDDOI.89.084044", "DOI 10.1103/INVALIDDOI.89.084044 is not registered"},
		// doi.org/ra: "DOI does not exist" (recorded for 10.99999).
		{"10.99999/anything", "DOI 10.99999/anything is not registered"},
		// DataCite prefix, unknown DOI: DataCite's recorded 404.
		{"10.5061/dryad.nothing", "DOI 10.5061/dryad.nothing is not registered"},
		// arXiv: the recorded empty feed.
		{"arXiv:1501.99999", "arXiv:1501.99999 does not exist"},
	} {
		_, err := lookup(t, c, tc.id)
		if !errors.Is(err, ErrNotFound) || err.Error() != tc.msg {
			t.Errorf("%s: got %v, want %q", tc.id, err, tc.msg)
		}
	}
}

func TestArXivPublishedVersion(t *testing.T) {
	_, c := replay(t, Options{})
	// arXiv names a DOI that doi.org does not know (the recorder changed
	// it on purpose): arXiv's record is kept, without the DOI.
	w, err := lookup(t, c, "1312.2021")
	if err != nil {
		t.Fatal(err)
	}
	if w.DOI != "" || w.EPrint != "1312.2021" || len(w.Warnings) == 0 || !strings.Contains(w.Warnings[0], "not registered") {
		t.Errorf("got DOI %q, eprint %q, warnings %q", w.DOI, w.EPrint, w.Warnings)
	}
}

func TestArXivPrefersDOI(t *testing.T) {
	srv, c := replay(t, Options{})
	// Let the published version of 1710.08557 be the recorded PLOS record
	// (synthetic pairing: arXiv's DOI 10.1186/... has no structured
	// recording).
	body, err := srv.Body("10.1371_journal.pone.0033693.crossref.json")
	if err != nil {
		t.Fatal(err)
	}
	srv.Handle("/crossref/works/10.1186/s12984-017-0305-3", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Write(body)
	})
	w, err := lookup(t, c, "arXiv:1710.08557")
	if err != nil {
		t.Fatal(err)
	}
	if w.Type != "article" || w.EPrint != "1710.08557" || w.PrimaryClass != "cs.RO" || w.DOI != "10.1371/journal.pone.0033693" {
		t.Errorf("got %s eprint %q class %q doi %q", w.Type, w.EPrint, w.PrimaryClass, w.DOI)
	}
	text := w.Entry("x", EntryOptions{})
	for _, want := range []string{"@article{x,", "eprint = {1710.08557}", "archiveprefix = {arXiv}", "primaryclass = {cs.RO}", "journal = {PLoS ONE}"} {
		if !strings.Contains(text, want) {
			t.Errorf("entry lacks %q:\n%s", want, text)
		}
	}
}

func TestArXivErrorFeed(t *testing.T) {
	dir := fixtures(t)
	srv, err := lookuptest.Start(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	for _, f := range []string{"arxiv_abc.400.atom.xml", "arxiv_INVALIDID.400.2018.atom.xml"} {
		body, err := srv.Body(f)
		if err != nil {
			t.Fatal(err)
		}
		_, err = ParseArXivAtom(body, mustArXiv(t, "1605.08386"))
		if err == nil || !strings.Contains(err.Error(), "arXiv rejected") || !strings.Contains(err.Error(), "incorrect id format") {
			t.Errorf("%s: got %v", f, err)
		}
	}
}

func mustArXiv(t *testing.T, s string) ids.ArXivID {
	t.Helper()
	id, err := ParseID(s)
	if err != nil || id.Kind != KindArXiv {
		t.Fatalf("ParseID(%q) = %v, %v", s, id, err)
	}
	return id.ArXiv
}

func TestRetryAfter429(t *testing.T) {
	srv, c := replay(t, Options{})
	body, _ := srv.Body("10.1371_journal.pone.0033693.crossref.json")
	var n atomic.Int32
	srv.Handle("/crossref/works/10.1371/journal.pone.0033693", func(w http.ResponseWriter, r *http.Request) {
		if n.Add(1) == 1 {
			w.Header().Set("Retry-After", "1")
			http.Error(w, "Rate exceeded", http.StatusTooManyRequests)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		w.Write(body)
	})
	start := time.Now()
	w, err := lookup(t, c, "10.1371/journal.pone.0033693")
	if err != nil {
		t.Fatal(err)
	}
	if n.Load() != 2 || w.Title == "" {
		t.Errorf("%d requests", n.Load())
	}
	if d := time.Since(start); d < 900*time.Millisecond {
		t.Errorf("Retry-After: 1 not honoured: retried after %s", d)
	}
}

func TestRetryGivesUp(t *testing.T) {
	srv, c := replay(t, Options{MaxAttempts: 3})
	var n atomic.Int32
	srv.Handle("/crossref/works/10.1371/journal.pone.0033693", func(w http.ResponseWriter, r *http.Request) {
		n.Add(1)
		http.Error(w, "upstream down", http.StatusServiceUnavailable)
	})
	_, err := lookup(t, c, "10.1371/journal.pone.0033693")
	if err == nil || !strings.Contains(err.Error(), "giving up after 3 tries") || !strings.Contains(err.Error(), "503") || n.Load() != 3 {
		t.Errorf("after %d requests: %v", n.Load(), err)
	}
	// A Retry-After longer than allowed fails at once.
	n.Store(0)
	srv.Handle("/crossref/works/10.1371/journal.pone.0020476", func(w http.ResponseWriter, r *http.Request) {
		n.Add(1)
		w.Header().Set("Retry-After", "3600")
		http.Error(w, "slow down", http.StatusTooManyRequests)
	})
	_, err = lookup(t, c, "10.1371/journal.pone.0020476")
	if err == nil || !strings.Contains(err.Error(), "asks to wait 1h0m0s") || n.Load() != 1 {
		t.Errorf("after %d requests: %v", n.Load(), err)
	}
	// 400 is not retried.
	n.Store(0)
	srv.Handle("/crossref/works/10.1038/srep16696", func(w http.ResponseWriter, r *http.Request) {
		n.Add(1)
		http.Error(w, "bad", http.StatusBadRequest)
	})
	_, err = lookup(t, c, "10.1038/srep16696")
	if err == nil || n.Load() != 1 {
		t.Errorf("after %d requests: %v", n.Load(), err)
	}
}

func TestTimeout(t *testing.T) {
	srv, c := replay(t, Options{Timeout: 300 * time.Millisecond})
	srv.Handle("/crossref/works/10.1371/journal.pone.0033693", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-time.After(5 * time.Second):
		case <-r.Context().Done():
		}
	})
	start := time.Now()
	_, err := lookup(t, c, "10.1371/journal.pone.0033693")
	if err == nil || !strings.Contains(err.Error(), "within the timeout of 300ms") {
		t.Errorf("got %v", err)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("took %s", d)
	}
}

func TestMalformed(t *testing.T) {
	srv, c := replay(t, Options{})
	body, _ := srv.Body("10.1371_journal.pone.0033693.crossref.json")
	for _, tc := range []struct {
		doi  string
		body []byte
		want string
	}{
		{"10.1371/journal.pone.0033693", body[:len(body)/2], "truncated JSON"},
		{"10.1371/journal.pone.0020476", []byte(`{"status":"ok","message":{"title":]}`), "invalid JSON"},
		{"10.1038/srep16696", []byte(`<html><body>Maintenance</body></html>`), "web page"},
	} {
		b := tc.body
		srv.Handle("/crossref/works/"+tc.doi, func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			if strings.HasPrefix(string(b), "<") {
				w.Header().Set("Content-Type", "text/html")
			}
			w.Write(b)
		})
		_, err := lookup(t, c, tc.doi)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: got %v, want %q", tc.doi, err, tc.want)
		}
	}
}

func TestTooLarge(t *testing.T) {
	srv, c := replay(t, Options{MaxBody: 4096})
	// With a Content-Length (the recorded body, 24 kB) ...
	_, err := lookup(t, c, "10.1371/journal.pone.0033693")
	if !errors.Is(err, ErrTooLarge) {
		t.Errorf("got %v", err)
	}
	// ... and without one (streamed).
	srv.Handle("/crossref/works/10.1371/journal.pone.0020476", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		for i := 0; i < 100; i++ {
			w.Write([]byte(strings.Repeat(" ", 1000)))
			w.(http.Flusher).Flush()
		}
	})
	_, err = lookup(t, c, "10.1371/journal.pone.0020476")
	if !errors.Is(err, ErrTooLarge) {
		t.Errorf("streamed: got %v", err)
	}
}

func TestRedirectLimit(t *testing.T) {
	srv, c := replay(t, Options{})
	srv.Handle("/crossref/works/10.1371/journal.pone.0033693", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, r.URL.Path+"?again", http.StatusFound)
	})
	_, err := lookup(t, c, "10.1371/journal.pone.0033693")
	if err == nil || !strings.Contains(err.Error(), "more than 5 redirects") {
		t.Errorf("got %v", err)
	}
}

func TestContentNegotiationHTML(t *testing.T) {
	srv, c := replay(t, Options{})
	// 10.1392 is an mEDRA prefix (recorded doi.org/ra answer), so the DOI
	// goes through content negotiation; a misconfigured prefix answers
	// with the landing page.
	srv.Handle("/doi/10.1392/x", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte("<!DOCTYPE html><html><title>Article</title></html>"))
	})
	_, err := lookup(t, c, "10.1392/x")
	if err == nil || !strings.Contains(err.Error(), "gave a web page") {
		t.Errorf("got %v", err)
	}
}

func TestEndpointsFromEnv(t *testing.T) {
	env := map[string]string{"PUBS_DOI_URL": "http://127.0.0.1:1/doi", "PUBS_ARXIV_URL": "http://127.0.0.1:1/q"}
	e := EndpointsFromEnv(Endpoints{DOI: "https://config.example/doi", Crossref: "https://config.example/cr"}, func(k string) string { return env[k] })
	if e.DOI != env["PUBS_DOI_URL"] || e.Crossref != "https://config.example/cr" || e.ArXiv != env["PUBS_ARXIV_URL"] || e.DataCite != "" {
		t.Errorf("got %+v", e)
	}
	if _, err := New(Options{Endpoints: Endpoints{DOI: "ftp://x"}}); err == nil {
		t.Error("ftp endpoint accepted")
	}
	c, err := New(Options{Version: "v1.2.3"})
	if err != nil {
		t.Fatal(err)
	}
	if ua := c.UserAgent(); ua != "pubs/v1.2.3 (https://github.com/pubs-dev/pubs)" {
		t.Errorf("User-Agent %q", ua)
	}
}

func TestParseID(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"10.1371/journal.pone.0033693", "10.1371/journal.pone.0033693"},
		{"doi:10.1371/journal.pone.0033693", "10.1371/journal.pone.0033693"},
		{"DOI: 10.1371/journal.pone.0033693", "10.1371/journal.pone.0033693"},
		{"https://doi.org/10.1371/journal.pone.0033693", "10.1371/journal.pone.0033693"},
		{"http://dx.doi.org/10.1371/journal.pone.0033693", "10.1371/journal.pone.0033693"},
		{"https://link.springer.com/article/10.1007/s10851-019-00903-1", "10.1007/s10851-019-00903-1"},
		{"10.1890/0012-9615(1999)069[0569:EDILSA]2.0.CO;2", "10.1890/0012-9615(1999)069[0569:EDILSA]2.0.CO;2"},
		{"2103.14726", "arXiv:2103.14726"},
		{"arXiv:2103.14726v2", "arXiv:2103.14726v2"},
		{"math/0211159", "arXiv:math/0211159"},
		{"https://arxiv.org/abs/2103.14726", "arXiv:2103.14726"},
		{"https://arxiv.org/pdf/2103.14726v1.pdf", "arXiv:2103.14726v1"},
		{"10.48550/arXiv.2103.14726", "arXiv:2103.14726"},
	} {
		id, err := ParseID(tc.in)
		if err != nil || id.String() != tc.want {
			t.Errorf("ParseID(%q) = %q, %v; want %q", tc.in, id, err, tc.want)
		}
	}
	for _, bad := range []string{"", "foo", "see 10.1000/x", "12345"} {
		if id, err := ParseID(bad); err == nil {
			t.Errorf("ParseID(%q) = %q, want an error", bad, id)
		}
	}
}
