// Package safefile changes files so that a crash, a full disk or a second
// pubs at work never leaves a mix of old and new content.
//
// [Update] is the one way pubs rewrites a user's file. It takes an
// exclusive lock on the file's folder (flock(2) on the directory, so no
// lock file is left behind), reads the file under the lock, lets the
// caller compute the new content from exactly those bytes, writes it to a
// temporary file in the same folder, fsyncs it, gives it the old file's
// mode (and owner, when allowed), renames it over the old file and fsyncs
// the folder. Readers see the old file or the new one, never a mix; two
// writers take turns, each seeing the other's result. A write error (a
// full disk) or a crash before the rename leaves the old file as it was.
//
// [WriteOutput] writes generated output (an export's -o): atomically as
// above for a regular file or a new one, but in place for anything else,
// which a rename would replace: /dev/null, a FIFO, a terminal, and the
// process's own descriptors (/dev/stdout, /dev/fd/N, /proc/self/fd/N),
// which are written through the descriptor itself, so that the shell's
// "> out" or ">> log" mean what they say. [WriteOutputFrom] is
// WriteOutput of an output written as it is made: the folder stays
// locked while it is written, and a failure (or a panic) before the
// rename leaves the file as it was.
//
// # Symbolic links
//
// Both follow symbolic links and replace the file the link points to, in
// that file's folder, so that the link stays a link (a refs.bib linked
// from a dotfiles repository keeps pointing there).
//
// # Temporary files
//
// The temporary file of path "dir/name" is "dir/.name.pubs-NNN.tmp". A
// process killed between creating it and the rename (for WriteOutputFrom,
// while the output is made) leaves it behind; it
// is never read (it does not end in .bib), and the next Update or
// WriteOutput of the same file removes it: under the folder's lock no
// other pubs can be writing it. A rename replaces the file: other hard
// links to it keep the old content.
//
// # Read-only files
//
// A file the user may not write (mode 0444, say) is not replaced, even
// though its folder would allow it: the error says it is read-only.
package safefile

import (
	"bytes"
	"errors"
	"io"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"

	"golang.org/x/sys/unix"
)

// testHook, when not nil, is called at each stage of replace with the
// temporary file; an error it returns is taken as that stage's failure.
// Tests use it to inject write errors and to kill the process at a chosen
// point.
var testHook func(stage string, tmp *os.File) error

// The stages of replace, in order.
const (
	stageCreate  = "create"  // the temporary file exists, empty
	stageWrite   = "write"   // before writing the data
	stageChmod   = "chmod"   // written, before giving it the mode
	stageSync    = "sync"    // before fsync
	stageClose   = "close"   // before close
	stageRename  = "rename"  // closed, before the rename
	stageSyncDir = "syncdir" // renamed, before the folder's fsync
)

var stages = []string{stageCreate, stageWrite, stageChmod, stageSync, stageClose, stageRename, stageSyncDir}

func step(stage string, tmp *os.File) error {
	if testHook == nil {
		return nil
	}
	return testHook(stage, tmp)
}

// Error is a failure to change a file: "path: message", where message
// tells whether the file was left unchanged.
type Error struct {
	Path string
	Msg  string
	Err  error
}

func (e *Error) Error() string {
	if e.Err == nil {
		return e.Path + ": " + e.Msg
	}
	return e.Path + ": " + e.Msg + ": " + e.Err.Error()
}

func (e *Error) Unwrap() error { return e.Err }

// sysErr drops the operation and path of an *fs.PathError.
func sysErr(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		return le.Err
	}
	return err
}

func fail(path, msg string, err error) error {
	return &Error{Path: path, Msg: msg, Err: sysErr(err)}
}

// Update rewrites the file at path with fn's result, under a lock. fn gets
// the current content; when it returns the same bytes, nothing is
// written. The file must exist and be a regular file (or a symbolic link
// to one, whose target is replaced). An error of fn is returned as it is.
// Update reports whether it wrote.
func Update(path string, fn func(old []byte) ([]byte, error)) (changed bool, err error) {
	return UpdateFrom(path, func(old []byte) (func(io.Writer) error, error) {
		data, err := fn(old)
		if err != nil || bytes.Equal(old, data) {
			return nil, err
		}
		return bytesWriter(data), nil
	})
}

// UpdateFrom is Update for a caller that writes the new content itself,
// so that it need not be in memory: fn returns the function that writes
// it, or nil when the content stays as it is (nothing is written then,
// and the file need not be writable).
func UpdateFrom(path string, fn func(old []byte) (write func(io.Writer) error, err error)) (changed bool, err error) {
	target, err := resolve(path)
	if err != nil {
		return false, err
	}
	unlock, err := lockDir(filepath.Dir(target))
	if err != nil {
		return false, err
	}
	defer unlock()
	// Open once and look at what was opened: O_NONBLOCK, so that a FIFO
	// swapped in for the file cannot block the open.
	f, err := os.OpenFile(target, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return false, fail(path, "cannot read it", err)
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return false, fail(path, "cannot read it", err)
	}
	if !fi.Mode().IsRegular() {
		return false, &Error{Path: path, Msg: "is not a regular file (" + kind(fi.Mode()) + "); not rewritten"}
	}
	old, err := readAll(f, fi.Size())
	if err != nil {
		return false, fail(path, "cannot read it", err)
	}
	write, err := fn(old)
	if err != nil || write == nil {
		return false, err
	}
	if err := writable(path, target); err != nil {
		return false, err
	}
	return true, replace(path, target, write, fi)
}

// readAll reads f to its end, into a buffer of the size Stat gave (up to
// 1 GiB; it grows when the file did) rather than io.ReadAll's, which
// grows by doubling from 512 bytes: twice the memory, and copies, for a
// large library.
func readAll(f *os.File, size int64) ([]byte, error) {
	b := make([]byte, 0, min(max(size, 0), 1<<30)+1) // +1: the end is seen in one read
	for {
		n, err := f.Read(b[len(b):cap(b)])
		b = b[:len(b)+n]
		switch {
		case err == io.EOF:
			return b, nil
		case err != nil:
			return b, err
		case len(b) == cap(b):
			b = append(b, 0)[:len(b)]
		}
	}
}

// WriteOutput writes data to path: atomically (temporary file, fsync,
// rename, under the folder's lock) when path is a regular file or does
// not exist, in place when it is anything else (see the package
// documentation).
func WriteOutput(path string, data []byte) error {
	return WriteOutputFrom(path, bytesWriter(data))
}

// bytesWriter returns a write function for WriteOutputFrom that writes
// data.
func bytesWriter(data []byte) func(io.Writer) error {
	return func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	}
}

// WriteOutputFrom is WriteOutput of what write writes, as it writes it:
// an output larger than memory should hold (a page of 100,000
// publications) goes to the temporary file, or to a file that is not a
// regular one, without being held whole. An error from write is a failed
// write: it leaves a regular file as it was, and comes back inside the
// *Error.
func WriteOutputFrom(path string, write func(io.Writer) error) error {
	if fd, ok := ownDescriptor(path); ok {
		return writeDescriptor(path, fd, write)
	}
	target, err := resolve(path)
	if err != nil {
		return err
	}
	if fd, ok := ownDescriptor(target); ok {
		return writeDescriptor(path, fd, write)
	}
	fi, err := os.Stat(target)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		fi = nil
	case err != nil:
		return fail(path, "cannot write it", err)
	case fi.IsDir():
		return &Error{Path: path, Msg: "is a directory"}
	case !fi.Mode().IsRegular():
		return writeInPlace(path, target, fi, write)
	}
	unlock, err := lockDir(filepath.Dir(target))
	if err != nil {
		return err
	}
	defer unlock()
	// Look again under the lock: the file may have come or gone.
	switch fi2, err := os.Stat(target); {
	case errors.Is(err, fs.ErrNotExist):
		fi = nil
	case err != nil:
		return fail(path, "cannot write it", err)
	case !fi2.Mode().IsRegular():
		return &Error{Path: path, Msg: "changed into " + kind(fi2.Mode()) + " while being written; not written"}
	default:
		fi = fi2
		if err := writable(path, target); err != nil {
			return err
		}
	}
	return replace(path, target, write, fi)
}

// writeInPlace writes to a FIFO, a device or another file that is not a
// regular one, without truncating or replacing it.
func writeInPlace(path, target string, fi fs.FileInfo, write func(io.Writer) error) error {
	if fi.Mode()&fs.ModeSocket != 0 {
		return &Error{Path: path, Msg: "is a socket; not written"}
	}
	// O_NONBLOCK: opening a FIFO that nobody reads fails with ENXIO
	// instead of waiting forever. Writes still wait for a slow reader:
	// the runtime's poller handles EAGAIN.
	f, err := os.OpenFile(target, os.O_WRONLY|syscall.O_NONBLOCK, 0)
	if errors.Is(err, unix.ENXIO) && fi.Mode()&fs.ModeNamedPipe != 0 {
		return &Error{Path: path, Msg: "is a FIFO (named pipe) that nobody reads; not written"}
	}
	if err != nil {
		return fail(path, "cannot write it", err)
	}
	if err := write(f); err != nil {
		f.Close()
		return fail(path, "writing failed", err)
	}
	if err := f.Close(); err != nil {
		return fail(path, "writing failed", err)
	}
	return nil
}

var fdPath = regexp.MustCompile(`^/(?:dev/fd|proc/self/fd|proc/thread-self/fd|proc/([0-9]+)/fd)/([0-9]+)$`)

// ownDescriptor recognises the names of this process's own open files:
// /dev/stdin, /dev/stdout, /dev/stderr, /dev/fd/N, /proc/self/fd/N and
// /proc/PID/fd/N with this process's PID.
func ownDescriptor(path string) (int, bool) {
	switch path = filepath.Clean(path); path {
	case "/dev/stdin":
		return 0, true
	case "/dev/stdout":
		return 1, true
	case "/dev/stderr":
		return 2, true
	}
	m := fdPath.FindStringSubmatch(path)
	if m == nil {
		return 0, false
	}
	if m[1] != "" && m[1] != strconv.Itoa(os.Getpid()) {
		return 0, false
	}
	fd, err := strconv.Atoi(m[2])
	return fd, err == nil
}

// writeDescriptor writes with write to one of the process's descriptors, through
// a duplicate of it, so that its offset and flags (O_APPEND) are those the
// shell set up.
func writeDescriptor(path string, fd int, write func(io.Writer) error) error {
	dup, err := unix.Dup(fd)
	if err != nil {
		return fail(path, "cannot write it", err)
	}
	unix.CloseOnExec(dup)
	f := os.NewFile(uintptr(dup), path)
	if err := write(f); err != nil {
		f.Close()
		return fail(path, "writing failed", err)
	}
	if err := f.Close(); err != nil {
		return fail(path, "writing failed", err)
	}
	return nil
}

// resolve follows symbolic links from path to the file they name (which
// may not exist), stopping at a name of the process's own descriptors.
func resolve(path string) (string, error) {
	p := path
	for range 40 {
		if _, ok := ownDescriptor(p); ok {
			return p, nil
		}
		fi, err := os.Lstat(p)
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return p, nil
			}
			return "", fail(path, "cannot write it", err)
		}
		if fi.Mode()&fs.ModeSymlink == 0 {
			return p, nil
		}
		link, err := os.Readlink(p)
		if err != nil {
			return "", fail(path, "cannot write it", err)
		}
		if !filepath.IsAbs(link) {
			link = filepath.Join(filepath.Dir(p), link)
		}
		p = link
	}
	return "", fail(path, "cannot write it", unix.ELOOP)
}

// writable refuses a file the user may not write, so that a read-only
// file is not replaced just because its folder is writable.
func writable(path, target string) error {
	err := unix.Access(target, unix.W_OK)
	if errors.Is(err, unix.EACCES) || errors.Is(err, unix.EROFS) {
		return &Error{Path: path, Msg: "the file is read-only; not changed", Err: err}
	}
	return nil
}

func kind(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "a directory"
	case m&fs.ModeNamedPipe != 0:
		return "a FIFO"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeCharDevice != 0:
		return "a character device"
	case m&fs.ModeDevice != 0:
		return "a block device"
	case m&fs.ModeSymlink != 0:
		return "a symbolic link"
	}
	return "not a regular file"
}

// tempPattern matches the temporary files of replace, capturing the name
// of the file they were for.
var tempPattern = regexp.MustCompile(`^\.(.+)\.pubs-[0-9]+\.tmp$`)

// TempName reports whether name (a base name) is a temporary file that
// pubs writes next to a file while replacing it, and if so, for which
// file.
func TempName(name string) (forFile string, ok bool) {
	m := tempPattern.FindStringSubmatch(name)
	if m == nil {
		return "", false
	}
	return m[1], true
}

// removeStale removes the temporary files that earlier runs, killed
// before their rename, left for target. The caller holds the folder's
// lock, so none of them is being written.
func removeStale(dir, base string) {
	d, err := os.Open(dir)
	if err != nil {
		return
	}
	defer d.Close()
	prefix := "." + base + ".pubs-"
	for {
		names, err := d.Readdirnames(1024)
		for _, n := range names {
			if strings.HasPrefix(n, prefix) {
				if f, ok := TempName(n); ok && f == base {
					os.Remove(filepath.Join(dir, n))
				}
			}
		}
		if err != nil {
			return
		}
	}
}

// createTemp creates the temporary file for dir/base, with the given
// permissions (before the umask).
func createTemp(dir, base string, perm fs.FileMode) (*os.File, error) {
	var err error
	for range 100 {
		name := filepath.Join(dir, "."+base+".pubs-"+strconv.FormatUint(uint64(rand.Uint32()), 10)+".tmp")
		var f *os.File
		f, err = os.OpenFile(name, os.O_RDWR|os.O_CREATE|os.O_EXCL, perm)
		if !errors.Is(err, fs.ErrExist) {
			return f, err
		}
	}
	return nil, err
}

// replace writes to a temporary file next to target, with write, and
// renames it over target. old is the file replaced, or nil for a new file. The
// caller holds the folder's lock. Until the rename, every error leaves
// target as it was and removes the temporary file.
func replace(path, target string, write func(io.Writer) error, old fs.FileInfo) (err error) {
	dir, base := filepath.Split(target)
	if dir == "" {
		dir = "."
	}
	removeStale(dir, base)
	perm := fs.FileMode(0o666) // a new file: the umask applies
	if old != nil {
		perm = 0o600 // until it gets the old file's mode
	}
	tmp, err := createTemp(dir, base, perm)
	if err != nil {
		return fail(path, "cannot create a temporary file in "+dir+"; the file is unchanged", err)
	}
	renamed := false
	defer func() {
		// Not renamed: an error, or a panic in write; the temporary file
		// goes either way.
		if !renamed {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	unchanged := func(msg string, err error) error {
		return fail(path, msg+"; the file is unchanged", err)
	}
	if err = step(stageCreate, tmp); err != nil {
		return unchanged("creating the temporary file failed", err)
	}
	if err = step(stageWrite, tmp); err == nil {
		err = write(tmp)
	}
	if err != nil {
		return unchanged("writing failed", err)
	}
	if err = step(stageChmod, tmp); err == nil && old != nil {
		err = tmp.Chmod(old.Mode().Perm())
		if st, ok := old.Sys().(*syscall.Stat_t); ok && err == nil {
			// Keep the owner when allowed (root editing a user's file);
			// otherwise the file becomes the writer's, as with any editor.
			tmp.Chown(int(st.Uid), int(st.Gid))
		}
	}
	if err != nil {
		return unchanged("setting the mode failed", err)
	}
	if err = step(stageSync, tmp); err == nil {
		err = tmp.Sync()
	}
	if err != nil {
		return unchanged("writing failed (fsync)", err)
	}
	if err = step(stageClose, tmp); err == nil {
		err = tmp.Close()
	}
	if err != nil {
		return unchanged("writing failed (close)", err)
	}
	if err = step(stageRename, tmp); err == nil {
		err = os.Rename(tmp.Name(), target)
	}
	if err != nil {
		return unchanged("replacing the file failed", err)
	}
	renamed = true
	if err = step(stageSyncDir, tmp); err == nil {
		err = syncDir(dir)
	}
	if err != nil {
		return fail(path, "the file was replaced, but syncing its folder failed, so the change may not survive a power cut", err)
	}
	return nil
}

func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	if err := d.Sync(); err != nil && !errors.Is(err, unix.EINVAL) {
		return err
	}
	return nil
}

// lockDir takes an exclusive flock on a directory and returns its release.
func lockDir(dir string) (func(), error) {
	d, err := os.Open(dir)
	if err != nil {
		return nil, fail(dir, "cannot lock the folder", err)
	}
	for {
		err = unix.Flock(int(d.Fd()), unix.LOCK_EX)
		if !errors.Is(err, unix.EINTR) {
			break
		}
	}
	if err != nil {
		d.Close()
		return nil, fail(dir, "cannot lock the folder", err)
	}
	return func() {
		unix.Flock(int(d.Fd()), unix.LOCK_UN)
		d.Close()
	}, nil
}
