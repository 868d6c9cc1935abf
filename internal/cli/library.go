package cli

import (
	"errors"
	"fmt"
	"os"
	"runtime/debug"

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
	setMemoryLimit(files)
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

// memoryPerByte, processMemory and minMemory set the soft memory limit of
// a command that reads a library: three bytes of memory per byte of .bib,
// less what the process takes besides Go's memory (its code and data,
// about 10 MB of resident memory), and never less than 64 MiB
// (docs/performance.md).
const (
	memoryPerByte = 3
	processMemory = 10 << 20
	minMemory     = 64 << 20
)

// setMemoryLimit tells the garbage collector how much memory the library
// should take: memoryPerByte times the size of its files, at least
// minMemory. Left alone, the collector lets the heap grow to twice what is
// live, and a large library's parsed form is most of that: the limit makes
// it collect sooner instead, which costs little time while the live heap
// stays well below the limit (the collector never takes more than half the
// CPU to keep it). GOMEMLIMIT, when set, is the user's choice and wins.
func setMemoryLimit(files []string) {
	if os.Getenv("GOMEMLIMIT") != "" {
		return
	}
	debug.SetMemoryLimit(memoryLimit(files))
}

// memoryLimit is the limit setMemoryLimit sets for the files: sizes of
// files that cannot be known (standard input, a pipe) count as 0.
func memoryLimit(files []string) int64 {
	var size int64
	for _, name := range files {
		if fi, err := os.Stat(name); err == nil && fi.Mode().IsRegular() {
			size += fi.Size()
		}
	}
	return max(memoryPerByte*size-processMemory, minMemory)
}
