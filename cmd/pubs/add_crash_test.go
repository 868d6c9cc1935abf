package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/pubs-dev/pubs/internal/lookup/lookuptest"
	"github.com/pubs-dev/pubs/internal/safefile"
)

// TestCrashAdd kills 'pubs add' with SIGKILL at random points (the
// runKilled harness of crash_test.go) on a library large enough that
// reading, checking and writing it take a while: the library is always
// the original or the complete new file (the original, a line break
// since it lacks one, a blank line and one whole entry), never a mix; its
// mode is kept; at most one temporary file is left at any time, and a
// complete run removes it.
func TestCrashAdd(t *testing.T) {
	if testing.Short() {
		t.Skip("runs pubs a few hundred times; skipped with -short")
	}
	srv := lookuptest.NewFake(nil)
	defer srv.Close()
	const doi = "10.9999/crash"
	orig := messyLibrary(5000) // ends without a line break
	dir := writeLib(t, orig, 0o640)
	path := filepath.Join(dir, "lib.bib")
	env := fakeEnv(srv.Endpoints())

	dry := runPubs(t, dir, env, time.Minute, "--bib", "lib.bib", "add", "--dry-run", doi)
	if dry.code != 0 || !strings.HasPrefix(dry.stdout, "@article{lovelace2020work,\n") {
		t.Fatalf("dry run: exit %d\n%s%s", dry.code, dry.stdout, dry.stderr)
	}
	want := append(append(append([]byte(nil), orig...), "\n\n"...), dry.stdout...)
	parseLibrary(t, "want.bib", want)

	// runKilled runs the command without the environment of runPubs.
	for _, kv := range env[len(os.Environ()):] {
		k, v, _ := strings.Cut(kv, "=")
		t.Setenv(k, v)
	}
	var sawOld, sawNew, sawTemp int
	killed, finished := runKilled(t, CrashRun{
		Args:   []string{"--bib", "lib.bib", "add", doi},
		Dir:    dir,
		Budget: 12 * time.Second,
		Reset: func(t *testing.T) {
			if err := os.WriteFile(path, orig, 0o640); err != nil {
				t.Fatal(err)
			}
			os.Chmod(path, 0o640)
		},
		Check: func(t *testing.T, killed bool) {
			got, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			switch {
			case bytes.Equal(got, orig):
				sawOld++
				if !killed {
					t.Error("pubs add finished but the file is unchanged")
				}
			case bytes.Equal(got, want):
				sawNew++
			default:
				t.Fatalf("the file is neither the original nor the original plus the entry (%d bytes): a mix", len(got))
			}
			if fi, err := os.Stat(path); err != nil || fi.Mode().Perm() != 0o640 {
				t.Errorf("mode %v, want 0640 (%v)", fi.Mode().Perm(), err)
			}
			entries, _ := os.ReadDir(dir)
			var others []string
			for _, e := range entries {
				if e.Name() == "lib.bib" {
					continue
				}
				if f, ok := safefile.TempName(e.Name()); ok && f == "lib.bib" {
					sawTemp++
					continue
				}
				others = append(others, e.Name())
			}
			if len(entries) > 2 || len(others) > 0 {
				t.Errorf("the folder holds %d files (unrecognised: %v), want lib.bib and at most one temporary file", len(entries), others)
			}
		},
	})
	t.Logf("%d runs killed, %d finished; the file was the original %d times, the new one %d times; %d killed runs left a temporary file",
		killed, finished, sawOld, sawNew, sawTemp)

	// A complete run cleans up whatever the killed ones left.
	os.WriteFile(path, orig, 0o640)
	if r := runPubs(t, dir, env, time.Minute, "--bib", "lib.bib", "add", doi); r.code != 0 {
		t.Fatalf("pubs add: exit %d\n%s", r.code, r.stderr)
	}
	noTempFiles(t, dir)
}

// TestAddWriteError runs 'pubs add' with a file size limit (ulimit -f)
// below the size of the new file: writing the temporary file fails with
// EFBIG, as it would with ENOSPC on a full disk. The add fails with exit
// 1 and a message saying the file is unchanged; the file is the
// original, byte for byte, with its mode; the temporary file is removed.
func TestAddWriteError(t *testing.T) {
	if _, err := os.Stat("/bin/sh"); err != nil {
		t.Skip("no /bin/sh")
	}
	srv := lookuptest.NewFake(nil)
	defer srv.Close()
	orig := smallLibrary(100) // about 13 kB; the limit is 1 block (512 or 1024 bytes)
	dir := writeLib(t, orig, 0o600)
	env := fakeEnv(srv.Endpoints())
	r := runLimited(t, dir, env, "--bib", "lib.bib", "add", "10.9999/full-disk")
	if r.code != 1 || !strings.Contains(r.stderr, "lib.bib: writing failed; the file is unchanged: file too large") {
		t.Errorf("exit %d\n%s", r.code, r.stderr)
	}
	if got, _ := os.ReadFile(filepath.Join(dir, "lib.bib")); !bytes.Equal(got, orig) {
		t.Errorf("the file changed:\n%s", got)
	}
	// The same add without the limit works.
	if r := runPubs(t, dir, env, time.Minute, "--bib", "lib.bib", "add", "10.9999/full-disk"); r.code != 0 {
		t.Errorf("without the limit: exit %d\n%s", r.code, r.stderr)
	}
	if fi, err := os.Stat(filepath.Join(dir, "lib.bib")); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("mode %v, %v", fi.Mode(), err)
	}
	noTempFiles(t, dir)
}

// runLimited runs pubs under "ulimit -f 1" (files of at most 512 or
// 1024 bytes, depending on the shell's unit). Go ignores SIGXFSZ, so a
// write past the limit fails with EFBIG instead of killing the process.
func runLimited(t *testing.T, dir string, env []string, args ...string) pubsResult {
	t.Helper()
	sh := append([]string{"-c", `ulimit -f 1 && exec "$0" "$@"`, pubsBinary(t)}, args...)
	return runProgram(t, "/bin/sh", dir, env, time.Minute, sh...)
}
