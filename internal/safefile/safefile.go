// Package safefile changes files so that a crash, a full disk or a second
// pubs at work never leaves a mix of old and new content.
//
// [Update] is the one way pubs rewrites a user's file. It takes an
// exclusive lock on the file's folder (flock(2) on the directory, so no
// lock file is left behind), reads the file under the lock, lets the
// caller compute the new content from exactly those bytes, writes it to a
// temporary file in the same folder, fsyncs it, gives it the old file's
// mode, renames it over the old file and fsyncs the folder. Readers see the
// old file or the new one, never a mix; two writers take turns, each seeing
// the other's result.
//
// [WriteOutput] writes generated output (an export's -o): atomically as
// above for a regular file or a new one, but in place for anything else
// (/dev/stdout, /dev/null, a pipe), which a rename would replace.
package safefile

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"golang.org/x/sys/unix"
)

// Update rewrites the file at path with fn's result, under a lock. fn gets
// the current content; when it returns the same bytes, nothing is
// written. The file must exist. Update reports whether it wrote.
func Update(path string, fn func(old []byte) ([]byte, error)) (changed bool, err error) {
	unlock, err := lockDir(filepath.Dir(path))
	if err != nil {
		return false, err
	}
	defer unlock()
	fi, err := os.Stat(path)
	if err != nil {
		return false, err
	}
	if !fi.Mode().IsRegular() {
		return false, fmt.Errorf("%s is not a regular file", path)
	}
	old, err := os.ReadFile(path)
	if err != nil {
		return false, err
	}
	data, err := fn(old)
	if err != nil {
		return false, err
	}
	if bytes.Equal(old, data) {
		return false, nil
	}
	return true, replace(path, data, fi.Mode().Perm())
}

// WriteOutput writes data to path: atomically (temp file, fsync, rename)
// when path is a regular file or does not exist, in place when it is
// something else, such as /dev/null or a pipe.
func WriteOutput(path string, data []byte) error {
	fi, err := os.Stat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return replace(path, data, 0o644)
	case err != nil:
		return err
	case fi.IsDir():
		return fmt.Errorf("%s is a directory", path)
	case !fi.Mode().IsRegular():
		f, err := os.OpenFile(path, os.O_WRONLY, 0)
		if err != nil {
			return err
		}
		if _, err := f.Write(data); err != nil {
			f.Close()
			return err
		}
		return f.Close()
	}
	unlock, err := lockDir(filepath.Dir(path))
	if err != nil {
		return err
	}
	defer unlock()
	return replace(path, data, fi.Mode().Perm())
}

// replace writes data to a temporary file next to path and renames it over
// path.
func replace(path string, data []byte, perm fs.FileMode) (err error) {
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	tmp, err := os.CreateTemp(dir, "."+base+".pubs-*")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if _, err = tmp.Write(data); err != nil {
		return err
	}
	if err = tmp.Chmod(perm); err != nil {
		return err
	}
	if err = tmp.Sync(); err != nil {
		return err
	}
	if err = tmp.Close(); err != nil {
		return err
	}
	if err = os.Rename(tmp.Name(), path); err != nil {
		return err
	}
	return syncDir(dir)
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
		return nil, err
	}
	for {
		err = unix.Flock(int(d.Fd()), unix.LOCK_EX)
		if !errors.Is(err, unix.EINTR) {
			break
		}
	}
	if err != nil {
		d.Close()
		return nil, fmt.Errorf("locking %s: %w", dir, err)
	}
	return func() {
		unix.Flock(int(d.Fd()), unix.LOCK_UN)
		d.Close()
	}, nil
}
