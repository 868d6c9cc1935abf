package safefile

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

// noHang runs fn and fails the test if it has not returned after a minute:
// a hang detector, not a timing assertion.
func noHang(t *testing.T, what string, fn func()) {
	t.Helper()
	done := make(chan struct{})
	go func() {
		defer close(done)
		fn()
	}()
	select {
	case <-done:
	case <-time.After(time.Minute):
		t.Fatalf("%s: still running after a minute (hang?)", what)
	}
}

// temps lists the temporary files of replace in dir.
func temps(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		if _, ok := TempName(e.Name()); ok {
			out = append(out, e.Name())
		}
	}
	return out
}

func setHook(t *testing.T, h func(stage string, tmp *os.File) error) {
	testHook = h
	t.Cleanup(func() { testHook = nil })
}

func checkFile(t *testing.T, path, content string, perm fs.FileMode) {
	t.Helper()
	got, err := os.ReadFile(path)
	if err != nil || string(got) != content {
		t.Errorf("%s holds %q (%v), want %q", path, got, err, content)
	}
	fi, err := os.Stat(path)
	if err == nil && fi.Mode().Perm() != perm {
		t.Errorf("%s has mode %v, want %v", path, fi.Mode().Perm(), perm)
	}
}

// TestWriteErrorLeavesOriginal injects a failure (a full disk, an I/O
// error) at every stage of replace: the file must keep its content and
// mode, no temporary file may remain, and the error must say so.
func TestWriteErrorLeavesOriginal(t *testing.T) {
	for _, stage := range stages {
		t.Run(stage, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "lib.bib")
			const old = "@misc{old}\n% no newline at the end"
			if err := os.WriteFile(path, []byte(old), 0o640); err != nil {
				t.Fatal(err)
			}
			os.Chmod(path, 0o640)
			setHook(t, func(s string, tmp *os.File) error {
				if s != stage {
					return nil
				}
				if s == stageWrite { // a short write, as on a full disk
					tmp.Write([]byte("@misc{ne"))
				}
				return syscall.ENOSPC
			})
			const new = "@misc{new}\n"
			_, err := Update(path, func([]byte) ([]byte, error) { return []byte(new), nil })
			if err == nil {
				t.Fatal("Update succeeded despite the injected failure")
			}
			if !errors.Is(err, syscall.ENOSPC) || !strings.HasPrefix(err.Error(), path+": ") {
				t.Errorf("error %q: want %q first and ENOSPC", err, path)
			}
			if stage == stageSyncDir {
				// The rename happened: the new content is complete.
				checkFile(t, path, new, 0o640)
				if !strings.Contains(err.Error(), "was replaced") {
					t.Errorf("error %q does not say the file was replaced", err)
				}
			} else {
				checkFile(t, path, old, 0o640)
				if !strings.Contains(err.Error(), "the file is unchanged") {
					t.Errorf("error %q does not say the file is unchanged", err)
				}
			}
			if left := temps(t, dir); len(left) != 0 {
				t.Errorf("temporary files left: %v", left)
			}

			// WriteOutput, to an existing and to a new file.
			err = WriteOutput(path, []byte("out"))
			if stage != stageSyncDir {
				if err == nil {
					t.Error("WriteOutput succeeded despite the injected failure")
				}
				checkFile(t, path, old, 0o640)
				fresh := filepath.Join(dir, "new.html")
				if err := WriteOutput(fresh, []byte("out")); err == nil {
					t.Error("WriteOutput(new file) succeeded despite the injected failure")
				}
				if _, err := os.Lstat(fresh); !errors.Is(err, fs.ErrNotExist) {
					t.Errorf("a failed WriteOutput left %s: %v", fresh, err)
				}
			}
			if left := temps(t, dir); len(left) != 0 {
				t.Errorf("temporary files left: %v", left)
			}
		})
	}
}

// TestKilledAtEachStage kills a writer process (SIGKILL) at each stage of
// replace: the file holds the old content or the whole new one, with its
// mode, and the next write removes the temporary file left behind.
func TestKilledAtEachStage(t *testing.T) {
	if os.Getenv("SAFEFILE_KILL_STAGE") != "" {
		return // the child: see TestChildKilled
	}
	for _, stage := range stages {
		t.Run(stage, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "lib.bib")
			old := strings.Repeat("@misc{old}\n", 1000)
			os.WriteFile(path, []byte(old), 0o600)
			cmd := exec.Command(os.Args[0], "-test.run=^TestChildKilled$")
			cmd.Env = append(os.Environ(), "SAFEFILE_KILL_STAGE="+stage, "SAFEFILE_PATH="+path)
			var out bytes.Buffer
			cmd.Stdout, cmd.Stderr = &out, &out
			err := cmd.Run()
			var exit *exec.ExitError
			if !errors.As(err, &exit) || exit.Sys().(syscall.WaitStatus).Signal() != syscall.SIGKILL {
				t.Fatalf("child was not killed: %v\n%s", err, out.Bytes())
			}
			got, _ := os.ReadFile(path)
			switch {
			case string(got) == old:
				if stage == stageSyncDir {
					t.Error("killed after the rename, but the file is the old one")
				}
			case string(got) == childContent:
				if stage != stageSyncDir {
					t.Errorf("killed at %s, before the rename, but the file is the new one", stage)
				}
			default:
				t.Fatalf("killed at %s: the file is a mix: %d bytes", stage, len(got))
			}
			checkFile(t, path, string(got), 0o600)
			left := temps(t, dir)
			if stage != stageSyncDir && len(left) != 1 {
				t.Errorf("killed at %s: temporary files %v, want the one being written", stage, left)
			}
			// The next write cleans up.
			if _, err := Update(path, func([]byte) ([]byte, error) { return []byte("next\n"), nil }); err != nil {
				t.Fatal(err)
			}
			if left := temps(t, dir); len(left) != 0 {
				t.Errorf("after the next Update, temporary files %v remain", left)
			}
			checkFile(t, path, "next\n", 0o600)
		})
	}
}

const childContent = "@misc{new}\n"

func TestChildKilled(t *testing.T) {
	stage := os.Getenv("SAFEFILE_KILL_STAGE")
	if stage == "" {
		t.Skip("helper process for TestKilledAtEachStage")
	}
	testHook = func(s string, tmp *os.File) error {
		if s == stage {
			syscall.Kill(os.Getpid(), syscall.SIGKILL)
			select {}
		}
		return nil
	}
	Update(os.Getenv("SAFEFILE_PATH"), func([]byte) ([]byte, error) { return []byte(childContent), nil })
	t.Fatal("not killed")
}

func TestKeepsModeOwnerAndBytes(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "lib.bib")
	os.WriteFile(path, []byte("a"), 0o600)
	os.Chmod(path, 0o751)
	uid, gid := os.Getuid(), os.Getgid()
	if os.Geteuid() == 0 {
		uid, gid = 65534, 65534
		if err := os.Chown(path, uid, gid); err != nil {
			t.Fatal(err)
		}
	}
	// No newline at the end, CRLF inside: written as given.
	if _, err := Update(path, func(old []byte) ([]byte, error) { return append(old, "\r\nb"...), nil }); err != nil {
		t.Fatal(err)
	}
	checkFile(t, path, "a\r\nb", 0o751)
	fi, _ := os.Stat(path)
	if st := fi.Sys().(*syscall.Stat_t); int(st.Uid) != uid || int(st.Gid) != gid {
		t.Errorf("owner %d:%d, want %d:%d", st.Uid, st.Gid, uid, gid)
	}

	// A new file gets 0666 less the umask.
	mask := unix.Umask(0o027)
	defer unix.Umask(mask)
	fresh := filepath.Join(dir, "new.html")
	if err := WriteOutput(fresh, []byte("x")); err != nil {
		t.Fatal(err)
	}
	checkFile(t, fresh, "x", 0o640)
	// An existing one keeps its mode.
	os.Chmod(fresh, 0o604)
	if err := WriteOutput(fresh, []byte("y")); err != nil {
		t.Fatal(err)
	}
	checkFile(t, fresh, "y", 0o604)
}

func TestReadOnlyFileNotReplaced(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("SKIPPED: running as root, for whom no file is read-only")
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "lib.bib")
	os.WriteFile(path, []byte("a"), 0o444)
	_, err := Update(path, func([]byte) ([]byte, error) { return []byte("b"), nil })
	if err == nil || !strings.Contains(err.Error(), path+": the file is read-only") {
		t.Errorf("Update(read-only) error %v", err)
	}
	if err := WriteOutput(path, []byte("b")); err == nil {
		t.Error("WriteOutput(read-only) succeeded")
	}
	checkFile(t, path, "a", 0o444)
	// Unchanged content needs no write permission.
	if changed, err := Update(path, func(b []byte) ([]byte, error) { return b, nil }); err != nil || changed {
		t.Errorf("no-op Update(read-only) = %v, %v", changed, err)
	}
}

// TestSymlinkTargetReplaced: a symbolic link stays a link, and its target
// gets the new content.
func TestSymlinkTargetReplaced(t *testing.T) {
	dir := t.TempDir()
	real := filepath.Join(dir, "real")
	os.Mkdir(real, 0o755)
	target := filepath.Join(real, "lib.bib")
	os.WriteFile(target, []byte("old"), 0o600)
	link := filepath.Join(dir, "lib.bib")
	os.Symlink("real/lib.bib", link) // relative
	link2 := filepath.Join(dir, "link2.bib")
	os.Symlink(link, link2) // a chain

	for i, name := range []string{link, link2} {
		content := fmt.Sprint("new", i)
		if _, err := Update(name, func([]byte) ([]byte, error) { return []byte(content), nil }); err != nil {
			t.Fatal(err)
		}
		checkFile(t, target, content, 0o600)
		if fi, err := os.Lstat(link); err != nil || fi.Mode()&fs.ModeSymlink == 0 {
			t.Fatalf("%s is no longer a symbolic link", link)
		}
		if left := temps(t, real); len(left) != 0 {
			t.Errorf("temporary files %v", left)
		}
	}
	if err := WriteOutput(link2, []byte("out")); err != nil {
		t.Fatal(err)
	}
	checkFile(t, target, "out", 0o600)
	if fi, err := os.Lstat(link2); err != nil || fi.Mode()&fs.ModeSymlink == 0 {
		t.Fatalf("%s is no longer a symbolic link", link2)
	}

	// A dangling link: the file it names is created.
	dangling := filepath.Join(dir, "dangling.html")
	os.Symlink("real/made.html", dangling)
	if err := WriteOutput(dangling, []byte("made")); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(filepath.Join(real, "made.html")); string(got) != "made" {
		t.Errorf("dangling link target holds %q", got)
	}

	// A loop: an error naming the file.
	a, b := filepath.Join(dir, "a"), filepath.Join(dir, "b")
	os.Symlink(b, a)
	os.Symlink(a, b)
	if err := WriteOutput(a, []byte("x")); err == nil || !strings.HasPrefix(err.Error(), a+": ") || !errors.Is(err, unix.ELOOP) {
		t.Errorf("WriteOutput(loop) error %v", err)
	}
	if _, err := Update(a, func(b []byte) ([]byte, error) { return b, nil }); err == nil {
		t.Error("Update(loop) succeeded")
	}
}

// TestNotRegularWrittenInPlace: a FIFO, /dev/null and the process's own
// descriptors are written in place, never replaced by a rename.
func TestNotRegularWrittenInPlace(t *testing.T) {
	dir := t.TempDir()

	// /dev/null stays a device.
	if err := WriteOutput(os.DevNull, []byte("x")); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Stat(os.DevNull); err != nil || fi.Mode()&fs.ModeCharDevice == 0 {
		t.Fatalf("/dev/null is no longer a character device: %v %v", fi, err)
	}

	// A FIFO with a reader gets all the data, more than a pipe holds.
	fifo := filepath.Join(dir, "out.fifo")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	want := bytes.Repeat([]byte("0123456789abcdef"), 1<<16) // 1 MiB
	got := make(chan []byte)
	go func() {
		r, err := os.Open(fifo) // waits for the writer
		if err != nil {
			got <- nil
			return
		}
		b, _ := io.ReadAll(r)
		r.Close()
		got <- b
	}()
	noHang(t, "WriteOutput(FIFO with a reader)", func() {
		for {
			// Until the reader's open has started, there is none.
			err := WriteOutput(fifo, want)
			if err == nil || !strings.Contains(err.Error(), "nobody reads") {
				if err != nil {
					t.Error(err)
				}
				return
			}
			time.Sleep(time.Millisecond)
		}
	})
	if b := <-got; !bytes.Equal(b, want) {
		t.Errorf("the reader got %d bytes, want %d", len(b), len(want))
	}
	if fi, err := os.Lstat(fifo); err != nil || fi.Mode()&fs.ModeNamedPipe == 0 {
		t.Errorf("the FIFO was replaced: %v %v", fi, err)
	}

	// A FIFO without a reader: an error, not a hang.
	noHang(t, "WriteOutput(FIFO without a reader)", func() {
		err := WriteOutput(fifo, []byte("x"))
		if err == nil || err.Error() != fifo+": is a FIFO (named pipe) that nobody reads; not written" {
			t.Errorf("error %v", err)
		}
	})

	// Update refuses a FIFO without blocking.
	noHang(t, "Update(FIFO)", func() {
		if _, err := Update(fifo, func(b []byte) ([]byte, error) { return b, nil }); err == nil || !strings.Contains(err.Error(), "is not a regular file (a FIFO)") {
			t.Errorf("Update(FIFO) error %v", err)
		}
	})

	// Our own descriptor of a regular file opened for appending: written
	// through it, so appended, and the file is the same one.
	logPath := filepath.Join(dir, "log.txt")
	os.WriteFile(logPath, []byte("before\n"), 0o644)
	f, err := os.OpenFile(logPath, os.O_WRONLY|os.O_APPEND, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	before, _ := os.Stat(logPath)
	fd := strconv.Itoa(int(f.Fd()))
	for _, p := range []string{"/dev/fd/" + fd, "/proc/self/fd/" + fd, "/proc/" + strconv.Itoa(os.Getpid()) + "/fd/" + fd} {
		if err := WriteOutput(p, []byte(p+"\n")); err != nil {
			t.Fatalf("WriteOutput(%s): %v", p, err)
		}
	}
	after, _ := os.Stat(logPath)
	if !os.SameFile(before, after) {
		t.Error("the file behind the descriptor was replaced")
	}
	wantLog := "before\n/dev/fd/" + fd + "\n/proc/self/fd/" + fd + "\n/proc/" + strconv.Itoa(os.Getpid()) + "/fd/" + fd + "\n"
	if b, _ := os.ReadFile(logPath); string(b) != wantLog {
		t.Errorf("log holds %q, want %q", b, wantLog)
	}
	if _, err := os.Stat("/dev/fd/" + fd); err != nil {
		t.Errorf("/dev/fd/%s: %v", fd, err)
	}

	// A link to one of our descriptors is one too.
	link := filepath.Join(dir, "stdout-link")
	os.Symlink("/dev/fd/"+fd, link)
	if err := WriteOutput(link, []byte("via link\n")); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(logPath); string(b) != wantLog+"via link\n" {
		t.Errorf("log holds %q", b)
	}

	if err := WriteOutput(dir, []byte("x")); err == nil || err.Error() != dir+": is a directory" {
		t.Errorf("WriteOutput(directory) error %v", err)
	}
}

// TestDevStdoutRegularFile runs a child whose standard output is a
// regular file opened for appending (as by "pubs ... -o /dev/stdout >>
// log"). Before, WriteOutput saw a regular file and renamed a temporary
// file over /dev/stdout: as root, that replaced the /dev/stdout link.
func TestDevStdoutRegularFile(t *testing.T) {
	if os.Getenv("SAFEFILE_STDOUT_CHILD") != "" {
		return
	}
	dir := t.TempDir()
	logPath := filepath.Join(dir, "log.txt")
	os.WriteFile(logPath, []byte("kept\n"), 0o644)
	log, err := os.OpenFile(logPath, os.O_WRONLY|os.O_APPEND, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer log.Close()
	before, _ := os.Lstat("/dev/stdout")
	cmd := exec.Command(os.Args[0], "-test.run=^TestChildStdout$")
	cmd.Env = append(os.Environ(), "SAFEFILE_STDOUT_CHILD=1")
	cmd.Stdout = log
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("child: %v\n%s", err, stderr.Bytes())
	}
	b, _ := os.ReadFile(logPath)
	if string(b) != "kept\nexported\n" {
		t.Errorf("log holds %q, want the old line and the output", b)
	}
	if after, err := os.Lstat("/dev/stdout"); err != nil || after.Mode() != before.Mode() {
		t.Errorf("/dev/stdout changed: %v %v", after, err)
	}
}

func TestChildStdout(t *testing.T) {
	if os.Getenv("SAFEFILE_STDOUT_CHILD") == "" {
		t.Skip("helper process for TestDevStdoutRegularFile")
	}
	if err := WriteOutput("/dev/stdout", []byte("exported\n")); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	os.Exit(0) // before the test framework writes to the output
}

func TestTempName(t *testing.T) {
	for name, want := range map[string]string{
		".lib.bib.pubs-123.tmp":   "lib.bib",
		".a.b.pubs-1.pubs-2.tmp":  "a.b.pubs-1",
		"lib.bib":                 "",
		".lib.bib.pubs-12x.tmp":   "",
		".lib.bib.pubs-123":       "",
		"..pubs-1.tmp":            "",
		".out.html.pubs-9999.tmp": "out.html",
	} {
		got, ok := TempName(name)
		if got != want || ok != (want != "") {
			t.Errorf("TempName(%q) = %q, %v; want %q", name, got, ok, want)
		}
	}
}
