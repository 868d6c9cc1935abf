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

	// Path is where the config was read from.
	Path string `toml:"-"`
}

// Owner names the owner of the library. Variants are other spellings of the
// same name (initials, former names).
type Owner struct {
	Name     string   `toml:"name"`
	Variants []string `toml:"variants"`
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
		return nil, fmt.Errorf("%s: unknown key %s (known: bib, owner.name, owner.variants)", path, strings.Join(keys, ", "))
	}
	if len(c.Bib) == 0 {
		return nil, fmt.Errorf("%s: no .bib files: add a line such as bib = [\"refs.bib\"]", path)
	}
	dir := filepath.Dir(path)
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
