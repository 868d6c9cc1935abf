package safefile

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestUpdate(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "lib.bib")
	if err := os.WriteFile(path, []byte("old\r\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	changed, err := Update(path, func(old []byte) ([]byte, error) { return append(old, "new\r\n"...), nil })
	if err != nil || !changed {
		t.Fatalf("Update = %v, %v", changed, err)
	}
	got, _ := os.ReadFile(path)
	if string(got) != "old\r\nnew\r\n" {
		t.Errorf("content %q", got)
	}
	fi, _ := os.Stat(path)
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("mode %v, want the old 0600", fi.Mode().Perm())
	}
	changed, err = Update(path, func(old []byte) ([]byte, error) { return old, nil })
	if err != nil || changed {
		t.Errorf("unchanged Update = %v, %v", changed, err)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("folder holds %d files, want only lib.bib (no temp or lock files)", len(entries))
	}
}

func TestUpdateErrorLeavesFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "lib.bib")
	os.WriteFile(path, []byte("keep"), 0o644)
	_, err := Update(path, func([]byte) ([]byte, error) { return nil, fmt.Errorf("boom") })
	if err == nil || err.Error() != "boom" {
		t.Fatalf("err = %v", err)
	}
	if got, _ := os.ReadFile(path); string(got) != "keep" {
		t.Errorf("content %q", got)
	}
	if _, err := Update(dir, func(b []byte) ([]byte, error) { return b, nil }); err == nil {
		t.Error("Update(directory) succeeded")
	}
	if _, err := Update(filepath.Join(dir, "missing.bib"), func(b []byte) ([]byte, error) { return b, nil }); err == nil {
		t.Error("Update(missing) succeeded")
	}
}

// TestUpdateFrom: the new content written by the caller replaces the
// file; nil (even for a read-only file) or a failed write leave the file
// as it was, its time included, and no temporary file behind; the old
// content read is whole, for a file larger than a read.
func TestUpdateFrom(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "lib.bib")
	big := bytes.Repeat([]byte("@misc{k,}\n"), 200000) // 2 MB
	if err := os.WriteFile(path, big, 0o640); err != nil {
		t.Fatal(err)
	}
	changed, err := UpdateFrom(path, func(old []byte) (func(io.Writer) error, error) {
		if !bytes.Equal(old, big) {
			t.Errorf("old content: %d bytes, want the file's %d", len(old), len(big))
		}
		return func(w io.Writer) error {
			_, err := io.WriteString(w, "new\n")
			return err
		}, nil
	})
	if err != nil || !changed {
		t.Fatalf("UpdateFrom = %v, %v", changed, err)
	}
	checkFile(t, path, "new\n", 0o640)
	then := time.Now().Add(-time.Hour).Truncate(time.Second)
	if err := os.Chtimes(path, then, then); err != nil {
		t.Fatal(err)
	}
	boom := errors.New("boom")
	for _, tc := range []struct {
		name  string
		write func(io.Writer) error
		err   error
	}{
		{"nil", nil, nil},
		{"a failed write", func(w io.Writer) error { io.WriteString(w, "partly"); return boom }, boom},
	} {
		changed, err := UpdateFrom(path, func([]byte) (func(io.Writer) error, error) { return tc.write, nil })
		if !errors.Is(err, tc.err) || (tc.err == nil) != (err == nil) || (err == nil && changed) {
			t.Errorf("%s: UpdateFrom = %v, %v; want false, %v", tc.name, changed, err, tc.err)
		}
		checkFile(t, path, "new\n", 0o640)
		if fi, err := os.Stat(path); err != nil || !fi.ModTime().Equal(then) {
			t.Errorf("%s: the file's time changed", tc.name)
		}
		if entries, _ := os.ReadDir(dir); len(entries) != 1 {
			t.Errorf("%s: folder holds %d files, want only lib.bib", tc.name, len(entries))
		}
	}
	// Nothing to write: no temporary file is made and no check that the
	// file could be replaced is made (pubs fmt --write on a formatted
	// file in a folder someone cannot write to): a hook that fails every
	// stage of a replacement is never reached.
	setHook(t, func(stage string, _ *os.File) error { return fmt.Errorf("%s reached", stage) })
	if err := os.Chmod(path, 0o444); err != nil {
		t.Fatal(err)
	}
	if changed, err := UpdateFrom(path, func([]byte) (func(io.Writer) error, error) { return nil, nil }); changed || err != nil {
		t.Errorf("nothing to write: UpdateFrom = %v, %v; want false, nil", changed, err)
	}
	checkFile(t, path, "new\n", 0o444)
}

// TestUpdateConcurrent has many goroutines append under the lock; every
// append must land exactly once.
func TestUpdateConcurrent(t *testing.T) {
	path := filepath.Join(t.TempDir(), "lib.bib")
	os.WriteFile(path, nil, 0o644)
	var wg sync.WaitGroup
	for i := range 32 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, err := Update(path, func(old []byte) ([]byte, error) {
				return append(old, fmt.Sprintf("line %d\n", i)...), nil
			})
			if err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	got, _ := os.ReadFile(path)
	for i := range 32 {
		if bytes.Count(got, []byte(fmt.Sprintf("line %d\n", i))) != 1 {
			t.Errorf("line %d is not there exactly once", i)
		}
	}
}

// TestUpdateProcesses runs writers in separate processes (flock is per
// open file description, so this is the case that matters).
func TestUpdateProcesses(t *testing.T) {
	if os.Getenv("SAFEFILE_CHILD") != "" {
		return
	}
	path := filepath.Join(t.TempDir(), "lib.bib")
	os.WriteFile(path, nil, 0o644)
	var cmds []*exec.Cmd
	for i := range 8 {
		cmd := exec.Command(os.Args[0], "-test.run=^TestChildAppend$")
		cmd.Env = append(os.Environ(), "SAFEFILE_CHILD=1", "SAFEFILE_PATH="+path, "SAFEFILE_N="+strconv.Itoa(i))
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		cmds = append(cmds, cmd)
	}
	for _, c := range cmds {
		if err := c.Wait(); err != nil {
			t.Fatal(err)
		}
	}
	got, _ := os.ReadFile(path)
	if n := strings.Count(string(got), "\n"); n != 8*20 {
		t.Errorf("%d lines, want %d", n, 8*20)
	}
}

func TestChildAppend(t *testing.T) {
	if os.Getenv("SAFEFILE_CHILD") == "" {
		t.Skip("helper process for TestUpdateProcesses")
	}
	for j := range 20 {
		_, err := Update(os.Getenv("SAFEFILE_PATH"), func(old []byte) ([]byte, error) {
			return append(old, fmt.Sprintf("p%s-%d\n", os.Getenv("SAFEFILE_N"), j)...), nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
}

func TestWriteOutput(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "out.html")
	if err := WriteOutput(path, []byte("a")); err != nil {
		t.Fatal(err)
	}
	if err := WriteOutput(path, []byte("b")); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(path); string(got) != "b" {
		t.Errorf("content %q", got)
	}
	// /dev/null is written in place, never replaced.
	if err := WriteOutput(os.DevNull, []byte("x")); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Stat(os.DevNull); err != nil || fi.Mode()&os.ModeCharDevice == 0 {
		t.Fatalf("/dev/null is no longer a character device: %v %v", fi, err)
	}
	if err := WriteOutput(dir, []byte("x")); err == nil {
		t.Error("WriteOutput(directory) succeeded")
	}
}

// TestWriteOutputFrom checks an output written as it is made: in pieces
// into the file, and, when the writing fails half-way, the file as it
// was and no temporary file left, with the failure in the error.
func TestWriteOutputFrom(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "out.html")
	pieces := func(n int) func(w io.Writer) error {
		return func(w io.Writer) error {
			for i := range n {
				if _, err := fmt.Fprintf(w, "<li>%d</li>\n", i); err != nil {
					return err
				}
			}
			return nil
		}
	}
	if err := WriteOutputFrom(path, pieces(1000)); err != nil {
		t.Fatal(err)
	}
	var want bytes.Buffer
	pieces(1000)(&want)
	if got, _ := os.ReadFile(path); !bytes.Equal(got, want.Bytes()) {
		t.Fatalf("content %d bytes, want %d", len(got), want.Len())
	}
	broken := errors.New("the template failed")
	err := WriteOutputFrom(path, func(w io.Writer) error {
		pieces(10)(w)
		return broken
	})
	if !errors.Is(err, broken) || !strings.Contains(err.Error(), "unchanged") {
		t.Errorf("error %v, want one that wraps %v and says the file is unchanged", err, broken)
	}
	if got, _ := os.ReadFile(path); !bytes.Equal(got, want.Bytes()) {
		t.Errorf("a failed write changed the file: %d bytes", len(got))
	}
	if names, _ := os.ReadDir(dir); len(names) != 1 {
		t.Errorf("files left in the folder: %v", names)
	}
	// A file that is not regular is written in place, as it is made.
	if err := WriteOutputFrom(os.DevNull, pieces(10)); err != nil {
		t.Fatal(err)
	}
}

// TestWriteOutputFromPanic checks that a panic while the output is
// written leaves the file as it was and no temporary file.
func TestWriteOutputFromPanic(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "out.html")
	if err := WriteOutput(path, []byte("before")); err != nil {
		t.Fatal(err)
	}
	func() {
		defer func() {
			if recover() == nil {
				t.Fatal("the panic did not come through")
			}
		}()
		WriteOutputFrom(path, func(w io.Writer) error {
			io.WriteString(w, "half")
			panic("the export broke")
		})
	}()
	if got, _ := os.ReadFile(path); string(got) != "before" {
		t.Errorf("content %q", got)
	}
	if names, _ := os.ReadDir(dir); len(names) != 1 {
		t.Errorf("files left in the folder: %v", names)
	}
}
