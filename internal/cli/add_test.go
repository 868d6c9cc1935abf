package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/pubs-dev/pubs/internal/lookup"
	"github.com/pubs-dev/pubs/internal/lookup/lookuptest"
)

func TestAppendEntry(t *testing.T) {
	const e = "@misc{k,\n}"
	for _, tc := range []struct{ old, want string }{
		{"", e + "\n"},
		{"  \n", "  \n" + e + "\n"},
		{"@misc{a,\n}\n", "@misc{a,\n}\n\n" + e + "\n"},
		{"@misc{a,\n}", "@misc{a,\n}\n\n" + e + "\n"},
		{"@misc{a,\n}\n\n", "@misc{a,\n}\n\n" + e + "\n"},
		{"@misc{a,\n}\n  \n", "@misc{a,\n}\n  \n" + e + "\n"},
		{"% only a comment", "% only a comment\n\n" + e + "\n"},
	} {
		if got := string(appendEntry([]byte(tc.old), e, "\n")); got != tc.want {
			t.Errorf("appendEntry(%q) = %q, want %q", tc.old, got, tc.want)
		}
	}
	crlf := "@misc{a,\r\n}\r\n"
	if got := string(appendEntry([]byte(crlf), "@misc{k,\r\n}", "\r\n")); got != crlf+"\r\n@misc{k,\r\n}\r\n" {
		t.Errorf("CRLF: got %q", got)
	}
}

// TestAddKeepsCRLF adds to a file with CRLF line endings and no final
// line break: the old bytes stay, and the new ones use CRLF too.
func TestAddKeepsCRLF(t *testing.T) {
	dir, ok := lookuptest.FixtureDir()
	if !ok {
		t.Skip("SKIP: no recorded responses: ../shared/fixtures/doi not found")
	}
	srv, err := lookuptest.Start(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	e := srv.Endpoints()
	t.Setenv("PUBS_DOI_URL", e.DOI)
	t.Setenv("PUBS_CROSSREF_URL", e.Crossref)
	t.Setenv("PUBS_DATACITE_URL", e.DataCite)
	t.Setenv("PUBS_ARXIV_URL", e.ArXiv)
	t.Setenv("PUBS_MAILTO", "")

	path := filepath.Join(t.TempDir(), "crlf.bib")
	old := "% CRLF file\r\n@misc{a,\r\n  title = {A},\r\n}"
	if err := os.WriteFile(path, []byte(old), 0o600); err != nil {
		t.Fatal(err)
	}
	var out, errOut bytes.Buffer
	code := Main([]string{"--bib", path, "add", "10.3892/ijo_00000353"}, IOStreams{In: strings.NewReader(""), Out: &out, ErrOut: &errOut})
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	got := string(data)
	if !strings.HasPrefix(got, old+"\r\n\r\n@article{stravopodis2009human,\r\n") || !strings.HasSuffix(got, "\r\n}\r\n") {
		t.Errorf("got %q", got)
	}
	if strings.Count(got, "\n") != strings.Count(got, "\r\n") {
		t.Errorf("a bare LF in %q", got)
	}
	if fi, err := os.Stat(path); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("mode not kept: %v %v", fi.Mode(), err)
	}
}

// TestAddDefaultTimeout: without [add] timeout, pubs add's client has
// lookup.DefaultTimeout, the total bound of one id's lookup (proved in
// internal/lookup's TestDefaultTimeoutBounded); with one, that value.
func TestAddDefaultTimeout(t *testing.T) {
	t.Chdir(t.TempDir())
	t.Setenv("PUBS_MAILTO", "")
	s, err := addSetup(&globalOptions{bibs: []string{"lib.bib"}}, &addOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if got := s.client.Timeout(); got != lookup.DefaultTimeout || got > time.Minute {
		t.Errorf("timeout %v, want %v", got, lookup.DefaultTimeout)
	}
	if err := os.WriteFile("pubs.toml", []byte("bib = [\"lib.bib\"]\n[add]\ntimeout = \"2s\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	s, err = addSetup(&globalOptions{}, &addOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if got := s.client.Timeout(); got != 2*time.Second {
		t.Errorf("timeout %v, want 2s", got)
	}
}
