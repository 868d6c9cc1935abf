package cli

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/spf13/cobra"

	"github.com/pubs-dev/pubs/internal/config"
)

type initOptions struct {
	owner string
	force bool
}

func newInitCmd(g *globalOptions, streams IOStreams) *cobra.Command {
	o := &initOptions{}
	cmd := &cobra.Command{
		Use:   "init [flags] [FILE.bib...]",
		Short: "Write a pubs.toml that names your .bib files",
		Long: `Init writes pubs.toml in the current folder (or the file named by --config)
listing the library's .bib files: the FILEs given, or else every .bib file
found below the current folder (hidden folders skipped), in name order.
It never overwrites an existing file unless --force is given.`,
		Example: `  pubs init
  pubs init --owner "Lars Ruthotto" refs/publications.bib refs/talks.bib`,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runInit(g, o, args, streams)
		},
	}
	cmd.Flags().StringVar(&o.owner, "owner", "", "the library owner's `NAME`, as it appears in author lists")
	cmd.Flags().BoolVar(&o.force, "force", false, "overwrite an existing pubs.toml")
	return cmd
}

func runInit(g *globalOptions, o *initOptions, files []string, streams IOStreams) error {
	path := g.config
	if path == "" {
		path = config.FileName
	}
	dir := filepath.Dir(path)
	if len(files) == 0 {
		files = g.bibs
	}
	if len(files) == 0 {
		found, err := findBibFiles(dir)
		if err != nil {
			return err
		}
		if len(found) == 0 {
			return usagef("no .bib files found below %s: name them, as in 'pubs init refs.bib'", dir)
		}
		files = found
	} else {
		for i, f := range files {
			fi, err := os.Stat(f)
			if err != nil {
				return err
			}
			if !fi.Mode().IsRegular() {
				return fmt.Errorf("%s is not a regular file", f)
			}
			// Paths in pubs.toml are relative to its folder.
			if rel, err := filepath.Rel(dir, f); err == nil && !filepath.IsAbs(f) {
				files[i] = rel
			}
		}
	}
	c := &config.Config{Bib: files, Owner: config.Owner{Name: o.owner}}
	flags := os.O_WRONLY | os.O_CREATE | os.O_EXCL
	if o.force {
		flags = os.O_WRONLY | os.O_CREATE | os.O_TRUNC
	}
	out, err := os.OpenFile(path, flags, 0o644)
	if errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("%s already exists; use --force to overwrite it", path)
	}
	if err != nil {
		return err
	}
	if _, err := out.Write(config.Write(c)); err != nil {
		out.Close()
		return err
	}
	if err := out.Close(); err != nil {
		return err
	}
	fmt.Fprintf(streams.ErrOut, "wrote %s: %s (%s)\n", path, count(len(files), "file"), strings.Join(files, ", "))
	return nil
}

// findBibFiles lists the .bib files below dir, relative to it, skipping
// hidden folders, in name order.
func findBibFiles(dir string) ([]string, error) {
	var out []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && p != dir && (strings.HasPrefix(d.Name(), ".") || d.Name() == "node_modules") {
			return filepath.SkipDir
		}
		if !d.IsDir() && strings.EqualFold(filepath.Ext(p), ".bib") && d.Type().IsRegular() {
			rel, err := filepath.Rel(dir, p)
			if err != nil {
				return err
			}
			out = append(out, rel)
		}
		return nil
	})
	sort.Strings(out)
	return out, err
}
