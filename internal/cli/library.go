package cli

import (
	"errors"
	"fmt"
	"os"

	"github.com/pubs-dev/pubs/internal/bib"
	"github.com/pubs-dev/pubs/internal/config"
)

// loadConfig finds the settings: --config, else ./pubs.toml. With --bib and
// no --config, a missing pubs.toml is fine (nil config).
func (g *globalOptions) loadConfig() (*config.Config, error) {
	path := g.config
	if path == "" {
		path = config.FileName
	}
	c, err := config.Load(path)
	switch {
	case err == nil:
		return c, nil
	case errors.Is(err, config.ErrNotFound) && g.config == "" && len(g.bibs) > 0:
		return nil, nil
	case errors.Is(err, config.ErrNotFound) && g.config == "":
		return nil, usagef(`no library: there is no %s in this folder and no --bib was given.
Start with 'pubs init' (it writes a %s listing your .bib files),
or name the files: pubs --bib refs.bib list`, config.FileName, config.FileName)
	case errors.Is(err, config.ErrNotFound):
		return nil, usagef("%v", err)
	}
	return nil, err
}

// loadLibrary reads the library's files: those of --bib, else those of the
// config.
func (g *globalOptions) loadLibrary() (*bib.Library, *config.Config, error) {
	c, err := g.loadConfig()
	if err != nil {
		return nil, nil, err
	}
	files := g.bibs
	if len(files) == 0 {
		files = c.Bib
	}
	enc, err := bib.ParseEncoding(g.encoding)
	if err != nil {
		return nil, nil, usagef("--encoding: %v", err)
	}
	lib, err := bib.ParseFilesWith(bib.ReadOptions{Encoding: enc}, files...)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil, nil, fmt.Errorf("%w (check the bib list in %s or --bib)", err, configName(c))
		}
		return nil, nil, err
	}
	return lib, c, nil
}

func configName(c *config.Config) string {
	if c == nil {
		return config.FileName
	}
	return c.Path
}
