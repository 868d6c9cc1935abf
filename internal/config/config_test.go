package config

import (
	"errors"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestParse(t *testing.T) {
	c, err := Parse(filepath.Join("site", "pubs.toml"), []byte(`bib = ["refs/a.bib", "/abs/b.bib"]
[owner]
name = "Lars Ruthotto"
variants = ["L. Ruthotto"]
`))
	if err != nil {
		t.Fatal(err)
	}
	want := &Config{
		Bib:   []string{filepath.Join("site", "refs", "a.bib"), "/abs/b.bib"},
		Owner: Owner{Name: "Lars Ruthotto", Variants: []string{"L. Ruthotto"}},
		Path:  filepath.Join("site", "pubs.toml"),
	}
	if diff := cmp.Diff(want, c); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct{ src, want string }{
		{"bib = [\"a.bib\"]\nbibs = 1\n", "pubs.toml: unknown key bibs (see docs/config.md for the known keys)"},
		{"bib = [\n", "pubs.toml:1:8: unexpected EOF; expected value"},
		{"[owner]\nname = \"x\"\n", "pubs.toml: no .bib files: add a line such as bib = [\"refs.bib\"]"},
		{"bib = \"a.bib\"\n", "pubs.toml: toml: line 1 (last key \"bib\"): incompatible types: TOML value has type string; destination has type slice"},
	}
	for _, tt := range tests {
		_, err := Parse("pubs.toml", []byte(tt.src))
		if err == nil || err.Error() != tt.want {
			t.Errorf("Parse(%q) error = %v, want %q", tt.src, err, tt.want)
		}
	}
}

func TestLoadMissing(t *testing.T) {
	_, err := Load(filepath.Join(t.TempDir(), FileName))
	if !errors.Is(err, ErrNotFound) {
		t.Errorf("Load(missing) = %v, want ErrNotFound", err)
	}
}

func TestWriteRoundTrip(t *testing.T) {
	in := &Config{Bib: []string{"refs/a.bib", "b.bib"}, Owner: Owner{Name: "A \"B\" C", Variants: []string{"A. C"}}}
	out, err := Parse("pubs.toml", Write(in))
	if err != nil {
		t.Fatalf("Parse(Write(c)): %v\n%s", err, Write(in))
	}
	in.Path = "pubs.toml"
	if diff := cmp.Diff(in, out); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}
