package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/pubs-dev/pubs/internal/lookup/lookuptest"
)

// barrier holds callers until n have arrived (or until a generous
// deadline, so that a test that starts fewer never hangs), then lets them
// all go at once.
type barrier struct {
	mu      sync.Mutex
	n       int
	release chan struct{}
}

func newBarrier(n int) *barrier { return &barrier{n: n, release: make(chan struct{})} }

func (b *barrier) wait() {
	b.mu.Lock()
	b.n--
	if b.n == 0 {
		close(b.release)
	}
	b.mu.Unlock()
	select {
	case <-b.release:
	case <-time.After(20 * time.Second):
	}
}

// addAll starts one 'pubs add ID' per id at once, in dir, and waits for
// them all.
func addAll(t *testing.T, dir string, env []string, ids []string) []pubsResult {
	t.Helper()
	results := make([]pubsResult, len(ids))
	var wg sync.WaitGroup
	for i, id := range ids {
		wg.Go(func() {
			results[i] = runPubs(t, dir, env, 60*time.Second, "--bib", "lib.bib", "add", id)
		})
	}
	wg.Wait()
	return results
}

// TestAddConcurrent runs 16 'pubs add' processes on one file at once. The
// fake service holds every answer until all 16 have asked, so the 16
// processes reach the write together. Every record has the same author,
// year and first title word, so every process wants the same key. All
// must land: each DOI exactly once, keys unique, the old bytes intact,
// each entry whole and separated by a blank line, the file clean for
// 'pubs check' and 'pubs fmt --check', no temporary file left.
func TestAddConcurrent(t *testing.T) {
	const n = 16
	b := newBarrier(n)
	srv := lookuptest.NewFake(func(doi string) map[string]any {
		b.wait()
		return lookuptest.DefaultWork(doi)
	})
	defer srv.Close()
	orig := smallLibrary(50)
	dir := writeLib(t, orig, 0o644)
	env := fakeEnv(srv.Endpoints())

	var ids []string
	for i := range n {
		ids = append(ids, fmt.Sprintf("10.9999/concurrent.%d", i))
	}
	for i, r := range addAll(t, dir, env, ids) {
		if r.code != 0 || !strings.Contains(r.stderr, "lib.bib: added lovelace2020work") {
			t.Errorf("pubs add %s: exit %d\n%s", ids[i], r.code, r.stderr)
		}
	}
	got, err := os.ReadFile(filepath.Join(dir, "lib.bib"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(got, orig) {
		t.Fatal("the old bytes were changed")
	}
	// What follows the old bytes is n blocks "\n@article{...}\n".
	tail := string(got[len(orig):])
	blocks := strings.Split(strings.TrimPrefix(tail, "\n"), "\n\n")
	if !strings.HasPrefix(tail, "\n@") || !strings.HasSuffix(tail, "}\n") || len(blocks) != n {
		t.Errorf("the added text is not %d blank-line separated entries:\n%s", n, tail)
	}
	for _, bl := range blocks {
		if !strings.HasPrefix(bl, "@article{lovelace2020work") || strings.Count(bl, "@") != 1 {
			t.Errorf("block is not one entry:\n%s", bl)
		}
	}
	lib := parseLibrary(t, "lib.bib", got)
	if len(lib.Entries) != 51+n {
		t.Errorf("%d entries, want %d", len(lib.Entries), 51+n)
	}
	dois := map[string]int{}
	keys := map[string]bool{}
	for _, e := range lib.Entries {
		dois[e.Get("doi")]++
		k := strings.ToLower(e.Key)
		if keys[k] {
			t.Errorf("key %s twice", e.Key)
		}
		keys[k] = true
	}
	for _, id := range ids {
		if dois[id] != 1 {
			t.Errorf("%s is in the file %d times", id, dois[id])
		}
	}
	if r := runPubs(t, dir, env, time.Minute, "--bib", "lib.bib", "check"); r.code != 0 {
		t.Errorf("pubs check: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	noTempFiles(t, dir)
	if fi, err := os.Stat(filepath.Join(dir, "lib.bib")); err != nil || fi.Mode().Perm() != 0o644 {
		t.Errorf("mode %v, %v", fi.Mode(), err)
	}
}

// TestAddConcurrentSameID runs 16 'pubs add' of the same DOI at once:
// each sees no duplicate before fetching, so the duplicate must be caught
// under the lock. Exactly one lands; the 15 others exit 1 naming the
// entry, and the file is the old bytes plus that one entry.
func TestAddConcurrentSameID(t *testing.T) {
	const n = 16
	const doi = "10.9999/same"
	b := newBarrier(n)
	srv := lookuptest.NewFake(func(doi string) map[string]any {
		b.wait()
		return lookuptest.DefaultWork(doi)
	})
	defer srv.Close()
	orig := smallLibrary(50)
	dir := writeLib(t, orig, 0o644)
	env := fakeEnv(srv.Endpoints())

	ids := make([]string, n)
	for i := range ids {
		ids[i] = doi
	}
	ok, dup := 0, 0
	for _, r := range addAll(t, dir, env, ids) {
		switch {
		case r.code == 0 && strings.Contains(r.stderr, "lib.bib: added lovelace2020work ("+doi+")"):
			ok++
		case r.code == 1 && strings.Contains(r.stderr, doi+` is already in the library as "lovelace2020work" at lib.bib:`):
			dup++
		default:
			t.Errorf("exit %d\n%s", r.code, r.stderr)
		}
	}
	if ok != 1 || dup != n-1 {
		t.Errorf("%d added, %d refused as duplicates; want 1 and %d", ok, dup, n-1)
	}
	if srv.Works() != n {
		t.Errorf("%d lookups, want %d (each process fetches before it sees the others' entry)", srv.Works(), n)
	}
	// The file is the old bytes, a blank line and the entry that a dry
	// run prints.
	dry := runPubs(t, dir, env, time.Minute, "--bib", "lib.bib", "add", "--force", "--dry-run", doi)
	if dry.code != 0 {
		t.Fatalf("dry run: exit %d\n%s", dry.code, dry.stderr)
	}
	want := string(orig) + "\n" + strings.Replace(dry.stdout, "lovelace2020workb,", "lovelace2020work,", 1)
	got, _ := os.ReadFile(filepath.Join(dir, "lib.bib"))
	if string(got) != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	parseLibrary(t, "lib.bib", got)
	noTempFiles(t, dir)
}
