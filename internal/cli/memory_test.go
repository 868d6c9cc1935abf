package cli

import (
	"math"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"testing"
	"time"
)

// TestMemoryLimit checks the soft memory limit pubs sets from the size
// of the library's files.
func TestMemoryLimit(t *testing.T) {
	dir := t.TempDir()
	big := filepath.Join(dir, "big.bib")
	if err := os.WriteFile(big, make([]byte, 50<<20), 0o644); err != nil {
		t.Fatal(err)
	}
	small := filepath.Join(dir, "small.bib")
	if err := os.WriteFile(small, []byte("@misc{a,}"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name  string
		files []string
		want  int64
		ok    bool
	}{
		{"a small library gets the floor", []string{small}, minMemory, true},
		{"no files", nil, minMemory, true},
		{"three bytes per byte, less the process", []string{big}, 3*(50<<20) - processMemory, true},
		{"files add up", []string{big, big}, 6*(50<<20) - processMemory, true},
		{"a missing file: no limit", []string{big, filepath.Join(dir, "missing.bib")}, 0, false},
		{"a file of unknown size (a device, a pipe): no limit", []string{big, os.DevNull}, 0, false},
	} {
		if got, ok := memoryLimit(tc.files); got != tc.want || ok != tc.ok {
			t.Errorf("%s: memoryLimit = %d, %v, want %d, %v", tc.name, got, ok, tc.want, tc.ok)
		}
	}
	if !keepLimit(89, 100, 0, 1) || !keepLimit(0, 100, 0, 0) || keepLimit(91, 100, 0, 1) {
		t.Error("keepLimit: a limit serves while a tenth of it stays free")
	}
	if !keepLimit(50, 100, 1, 4) || keepLimit(50, 100, 1.1, 4) {
		t.Error("keepLimit: a limit serves while collecting costs at most a fifth of the CPU")
	}
}

// TestWatchLiveHeapLiftsTheLimit checks that the limit is lifted once
// the live heap comes near it, and kept while it does not, and that the
// collector's pace (GOGC) comes back with it.
func TestWatchLiveHeapLiftsTheLimit(t *testing.T) {
	old := debug.SetMemoryLimit(-1)
	defer debug.SetMemoryLimit(old)
	current := func() int64 { return debug.SetMemoryLimit(-1) }
	collect := func() {
		runtime.GC()
		time.Sleep(20 * time.Millisecond) // the finalizer runs on its own goroutine
		runtime.GC()
		time.Sleep(20 * time.Millisecond)
	}

	const limit = 1 << 40 // far above anything live here
	debug.SetMemoryLimit(limit)
	watchLiveHeap(limit, false)
	collect()
	if got := current(); got != limit {
		t.Fatalf("with a small live heap the limit became %d, want %d kept", got, int64(limit))
	}

	live := make([]byte, 64<<20) // kept live below
	small := int64(32 << 20)
	// The limit in force stays far above the live heap, so that the
	// collector does not thrash; the watcher is told a small one, and
	// lifting the limit in force shows that it acted.
	debug.SetMemoryLimit(limit)
	// As setMemoryLimit leaves it: the collector paced by the limit alone.
	defer debug.SetGCPercent(debug.SetGCPercent(-1))
	watchLiveHeap(small, true)
	// The finalizer runs on its own goroutine after a collection: give a
	// loaded machine time.
	for deadline := time.Now().Add(5 * time.Second); current() != math.MaxInt64 && time.Now().Before(deadline); {
		collect()
	}
	if got := current(); got != math.MaxInt64 {
		t.Fatalf("with %d live bytes over a limit of %d, the limit is %d, want it lifted", len(live), small, got)
	}
	// Without the limit, GOGC=off would let the heap grow for good.
	if pct := debug.SetGCPercent(-1); pct != 100 {
		t.Errorf("with the limit lifted, GOGC is %d, want 100 again", pct)
	}
	runtime.KeepAlive(live)
}
