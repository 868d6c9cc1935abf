// Package config reads pubs.toml, the file that names a library's .bib
// files and its owner.
//
// A minimal pubs.toml:
//
//	# The .bib files of the library, read in this order.
//	bib = ["refs/publications.bib", "refs/talks.bib"]
//
//	[owner]
//	name = "Lars Ruthotto"
//	variants = ["L. Ruthotto"]
//
// Relative paths are relative to the folder that holds pubs.toml. Unknown
// keys are errors, so that a typo does not go unnoticed.
package config

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/BurntSushi/toml"
)

// FileName is the name pubs looks for in the current folder.
const FileName = "pubs.toml"

// Config is the content of a pubs.toml.
type Config struct {
	// Bib lists the library's .bib files, resolved against the folder of
	// the config file, in the order they are read.
	Bib []string `toml:"bib"`
	// Owner is the person whose library this is.
	Owner Owner `toml:"owner"`
	// Export sets what 'pubs export' writes.
	Export Export `toml:"export"`
	// Sections are the CV sections of an export, in order. When none are
	// defined, exports use built-in defaults (journal articles, conference
	// papers, ...).
	Sections []Section `toml:"section"`
	// Add sets how 'pubs add' fetches and writes new entries.
	Add Add `toml:"add"`

	// Path is where the config was read from.
	Path string `toml:"-"`
}

// Owner names the owner of the library. Variants are other spellings of the
// same name (initials, former names).
type Owner struct {
	Name     string   `toml:"name"`
	Variants []string `toml:"variants"`
}

// Export holds the settings of 'pubs export'.
type Export struct {
	// Private lists fields never written to public output (a Cite block,
	// an exported .bib, Hugo's cite.bib), in addition to the built-in
	// list (abstract unless asked for, file, pdf, notes, ...).
	Private []string `toml:"private"`
	// HugoAuthor is the Hugo site's author id for the owner ("me" or
	// "admin"), so the theme's own highlighting works. Default "me".
	HugoAuthor string `toml:"hugo_author"`
}

// Section is one CV section: a heading and the entries a filter selects.
type Section struct {
	Name string `toml:"name"`
	// Filter in the filter language of docs/filters.md, e.g.
	// "type:article -keyword:talk".
	Filter string `toml:"filter"`
	// Order: "-date" (newest first, the default), "date" or "title".
	Order string `toml:"order"`
	// Numbering: "reverse" (count down), "ascending" or "none".
	Numbering string `toml:"numbering"`
}

// Add holds the settings of 'pubs add'.
type Add struct {
	// To is the .bib file new entries go to (default: the first of Bib),
	// resolved against the folder of the config file.
	To string `toml:"to"`
	// Key is the key pattern, default "{lastname}{year}{firstword}".
	Key string `toml:"key"`
	// Encoding of non-ASCII text written to the .bib: "utf8" (default) or
	// "latex" (BibTeX accent commands).
	Encoding string `toml:"encoding"`
	// Mailto is the address sent to Crossref for its polite pool
	// (overridden by $PUBS_MAILTO).
	Mailto string `toml:"mailto"`
	// Timeout is the total time allowed for one lookup, as a Go duration
	// ("30s"); empty means the built-in default.
	Timeout string `toml:"timeout"`
	// Endpoints override the services' base URLs (the environment
	// variables PUBS_DOI_URL, ... override these in turn).
	Endpoints Endpoints `toml:"endpoints"`
}

// Endpoints are the base URLs of the metadata services; empty means the
// real service.
type Endpoints struct {
	DOI      string `toml:"doi"`
	Crossref string `toml:"crossref"`
	DataCite string `toml:"datacite"`
	ArXiv    string `toml:"arxiv"`
}

// ErrNotFound is returned by Load when the config file does not exist.
var ErrNotFound = errors.New("config file not found")

// Load reads the config file at path. Relative paths in it are resolved
// against the folder that holds it.
func Load(path string) (*Config, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("%s: %w", path, ErrNotFound)
	}
	if err != nil {
		return nil, err
	}
	return Parse(path, data)
}

// Parse reads a config from data; path is used in errors and to resolve
// relative paths.
func Parse(path string, data []byte) (*Config, error) {
	var c Config
	md, err := toml.Decode(string(data), &c)
	if err != nil {
		var perr toml.ParseError
		if errors.As(err, &perr) {
			return nil, fmt.Errorf("%s:%d:%d: %s", path, perr.Position.Line, perr.Position.Col, perr.Message)
		}
		return nil, fmt.Errorf("%s: %v", path, err)
	}
	if undecoded := md.Undecoded(); len(undecoded) > 0 {
		keys := make([]string, len(undecoded))
		for i, k := range undecoded {
			keys[i] = k.String()
		}
		sort.Strings(keys)
		return nil, fmt.Errorf("%s: unknown key %s (see docs/config.md for the known keys)", path, strings.Join(keys, ", "))
	}
	if len(c.Bib) == 0 {
		return nil, fmt.Errorf("%s: no .bib files: add a line such as bib = [\"refs.bib\"]", path)
	}
	dir := filepath.Dir(path)
	if c.Add.To != "" && !filepath.IsAbs(c.Add.To) {
		c.Add.To = filepath.Join(dir, c.Add.To)
	}
	for i, s := range c.Sections {
		if s.Name == "" {
			return nil, fmt.Errorf("%s: section %d has no name", path, i+1)
		}
	}
	for i, b := range c.Bib {
		if b == "" {
			return nil, fmt.Errorf("%s: bib[%d] is empty", path, i)
		}
		if !filepath.IsAbs(b) {
			c.Bib[i] = filepath.Join(dir, b)
		}
	}
	c.Path = path
	return &c, nil
}

// Write renders a config as TOML, with comments that say what each key is.
func Write(c *Config) []byte {
	var b strings.Builder
	b.WriteString("# pubs.toml: the library pubs works on. See docs/config.md.\n\n")
	b.WriteString("# The .bib files of the library, read in this order (relative to this file).\n")
	b.WriteString("bib = [")
	for i, f := range c.Bib {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "%q", filepath.ToSlash(f))
	}
	b.WriteString("]\n")
	if c.Owner.Name != "" || len(c.Owner.Variants) > 0 {
		b.WriteString("\n# Whose library this is: the name as it appears in author lists, and other spellings.\n[owner]\n")
		fmt.Fprintf(&b, "name = %q\n", c.Owner.Name)
		if len(c.Owner.Variants) > 0 {
			b.WriteString("variants = [")
			for i, v := range c.Owner.Variants {
				if i > 0 {
					b.WriteString(", ")
				}
				fmt.Fprintf(&b, "%q", v)
			}
			b.WriteString("]\n")
		}
	}
	return []byte(b.String())
}
