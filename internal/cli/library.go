package cli

import (
	"errors"
	"fmt"
	"math"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"

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
// stays below the limit. A command whose work needs more (an export held
// whole before it is written: -o, --check, a template) would make the
// collector run again and again: watchLiveHeap lifts the limit then.
// GOMEMLIMIT, when set, is the user's choice and wins; with a file whose
// size cannot be known (standard input, a pipe) there is no limit.
//
// Under the limit, the collector runs only as the heap nears it (GOGC
// off), not each time the heap doubles: the heap of a library grows from
// nothing to its parsed form, and the collections on the way, each
// marking all that is live, cost a command such as check a fifth of its
// time and free almost nothing. GOGC, when set, is the user's choice and
// wins too.
func setMemoryLimit(files []string) {
	if os.Getenv("GOMEMLIMIT") != "" {
		return
	}
	limit, ok := memoryLimit(files)
	if !ok {
		return
	}
	debug.SetMemoryLimit(limit)
	pace := os.Getenv("GOGC") == ""
	if pace {
		debug.SetGCPercent(-1)
	}
	watchLiveHeap(limit, pace)
}

// memoryLimit is the limit setMemoryLimit sets for the files, and false
// when the size of one of them cannot be known.
func memoryLimit(files []string) (int64, bool) {
	var size int64
	for _, name := range files {
		fi, err := os.Stat(name)
		if err != nil || !fi.Mode().IsRegular() {
			return 0, false
		}
		size += fi.Size()
	}
	return max(memoryPerByte*size-processMemory, minMemory), true
}

// keepLimit reports whether a memory limit still serves once live bytes
// of the heap survive a collection: while they leave a tenth of it free
// (above that, the collector would run after every few megabytes), and
// while collecting has cost at most a fifth of the CPU time so far (gc
// and other seconds: a command that allocates much while most of the
// limit is live, such as a Hugo export, would spend its time collecting
// too).
func keepLimit(live uint64, limit int64, gc, other float64) bool {
	return live <= uint64(limit)/10*9 && gc <= other/4
}

// watchLiveHeap looks at the live heap and the collector's share of the
// CPU after every collection, and lifts the memory limit for good when
// keepLimit says it no longer serves; the collector then paces itself as
// Go's default has it (GOGC=100, restored when pace says setMemoryLimit
// turned it off).
func watchLiveHeap(limit int64, pace bool) {
	type sentinel struct{ _ int64 } // not zero-sized: each is its own object
	var check func(*sentinel)
	check = func(s *sentinel) {
		sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}, {Name: "/cpu/classes/gc/total:cpu-seconds"}, {Name: "/cpu/classes/user:cpu-seconds"}}
		metrics.Read(sample)
		if sample[0].Value.Kind() == metrics.KindUint64 && sample[1].Value.Kind() == metrics.KindFloat64 && sample[2].Value.Kind() == metrics.KindFloat64 &&
			!keepLimit(sample[0].Value.Uint64(), limit, sample[1].Value.Float64(), sample[2].Value.Float64()) {
			if pace {
				debug.SetGCPercent(100)
			}
			debug.SetMemoryLimit(math.MaxInt64)
			return
		}
		runtime.SetFinalizer(s, check) // again after the next collection
	}
	runtime.SetFinalizer(&sentinel{}, check)
}
