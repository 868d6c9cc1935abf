package cli

import (
	"os"
	"path/filepath"
	"testing"
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
	}{
		{"a small library gets the floor", []string{small}, minMemory},
		{"no files", nil, minMemory},
		{"missing and special files count as empty", []string{filepath.Join(dir, "missing.bib"), os.DevNull}, minMemory},
		{"three bytes per byte, less the process", []string{big}, 3*(50<<20) - processMemory},
		{"files add up", []string{big, big}, 6*(50<<20) - processMemory},
	} {
		if got := memoryLimit(tc.files); got != tc.want {
			t.Errorf("%s: memoryLimit = %d, want %d", tc.name, got, tc.want)
		}
	}
}
