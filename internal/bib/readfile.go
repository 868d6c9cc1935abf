package bib

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"runtime"
	"strings"
	"syscall"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

// Reading files that may be hostile
//
// ReadFile and ReadFileWith never hang, panic or read without bound:
//
//   - A directory, a block device or a socket is refused with
//     "name: is a directory, not a .bib file" and the like.
//   - A FIFO (named pipe), a pipe such as bash's <(...) or /dev/stdin, and a
//     character device are read as a stream up to end of file. They are
//     opened with O_NONBLOCK, so that a FIFO nobody writes to reads as
//     empty instead of blocking in open(2) forever.
//   - No more than MaxFileSize bytes are read (ReadOptions.MaxSize to
//     change it): a bigger file, or an endless stream such as /dev/zero,
//     is an error.
//   - A regular file that changes while it is read (its size or
//     modification time differ before and after) is read again, up to three
//     times, and is then an error: the content returned is always a
//     snapshot, never the first half of one version and the end of another.
//   - Errors name the file: "refs.bib: permission denied", "refs.bib: too
//     many levels of symbolic links (a symlink loop?)". They wrap the
//     system's error, so errors.Is(err, fs.ErrNotExist) works.

// MaxFileSize is the largest file ReadFile reads: 1 GiB.
const MaxFileSize = 1 << 30

// readAttempts is how many times a file that changes while being read is
// read before giving up.
const readAttempts = 3

// readHook, when not nil, is called before each attempt at reading a
// regular file, after its first fstat. Tests use it to change the file
// at that moment.
var readHook func(name string, attempt int)

// FileError is a file that could not be read. It prints as "name: message"
// and unwraps to the system error, if any.
type FileError struct {
	Name string
	Err  error
}

func (e *FileError) Error() string { return e.Name + ": " + e.Err.Error() }
func (e *FileError) Unwrap() error { return e.Err }

// fileError names the file in err, dropping the operation and path that
// an *fs.PathError adds ("open refs.bib: ...").
func fileError(name string, err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	if errors.Is(err, syscall.ELOOP) {
		err = fmt.Errorf("%w (a symlink loop?)", err)
	}
	return &FileError{Name: name, Err: err}
}

func fileErrorf(name, format string, args ...any) error {
	return &FileError{Name: name, Err: fmt.Errorf(format, args...)}
}

// Encoding names how the bytes of a file that is not valid UTF-8 are
// read.
type Encoding int

// The encodings pubs reads. UTF8 is the zero value.
const (
	UTF8        Encoding = iota // keep the bytes; NewLibrary warns about invalid UTF-8
	Latin1                      // ISO 8859-1
	Windows1252                 // Windows-1252 (Latin-1 with “smart quotes” in 0x80-0x9F)
)

var encodingNames = [...]string{"utf8", "latin1", "windows1252"}

func (e Encoding) String() string {
	if e >= 0 && int(e) < len(encodingNames) {
		return encodingNames[e]
	}
	return fmt.Sprintf("Encoding(%d)", int(e))
}

// ParseEncoding parses the name of an encoding: utf8, latin1 or
// windows1252, ignoring case, with the usual aliases (utf-8, latin-1,
// iso-8859-1, cp1252, windows-1252).
func ParseEncoding(name string) (Encoding, error) {
	switch strings.ToLower(strings.TrimSpace(name)) {
	case "", "utf8", "utf-8":
		return UTF8, nil
	case "latin1", "latin-1", "iso-8859-1", "iso8859-1", "l1":
		return Latin1, nil
	case "windows1252", "windows-1252", "cp1252":
		return Windows1252, nil
	}
	return UTF8, fmt.Errorf("unknown encoding %q (want utf8, latin1 or windows1252)", name)
}

// ReadOptions tell ReadFileWith and ParseFilesWith how to read files.
type ReadOptions struct {
	// Encoding is how a file that is not valid UTF-8 is read: UTF8 (the
	// default) keeps its bytes, and NewLibrary warns at the first invalid
	// one; Latin1 and Windows1252 convert the whole file to UTF-8. A file
	// that is valid UTF-8 is always read as UTF-8, whatever Encoding says:
	// text in Latin-1 with non-ASCII letters is practically never valid
	// UTF-8, and a library may mix both kinds of file.
	Encoding Encoding
	// MaxSize is the largest file read, in bytes; 0 means MaxFileSize.
	MaxSize int64
}

// ReadFile reads a .bib file's bytes as they are, with the protections
// described above. It refuses a UTF-16 or UTF-32 file with a clear error
// (ReadFileWith converts UTF-16). A UTF-8 byte order mark is kept: the
// parser reads it as free text, and positions do not count it.
func ReadFile(name string) ([]byte, error) {
	src, err := readRaw(name, MaxFileSize)
	if err != nil {
		return nil, err
	}
	if err := CheckRaw(name, src); err != nil {
		return nil, err
	}
	return src, nil
}

// CheckRaw returns the error ReadFile gives for a file's bytes that pubs
// does not read as they are: UTF-16 and UTF-32 text. A command that reads
// a file by other means (safefile.Update) calls it before parsing.
func CheckRaw(name string, src []byte) error {
	if enc, _ := utf16Kind(src); enc != "" {
		return fileErrorf(name, "the file is %s, not UTF-8; convert it, e.g. iconv -f UTF-16 -t UTF-8", enc)
	}
	if utf32BOM(src) {
		return fileErrorf(name, "the file is UTF-32, not UTF-8; convert it, e.g. iconv -f UTF-32 -t UTF-8")
	}
	return nil
}

// ReadFileWith reads a .bib file and returns its text as UTF-8 (unless it
// is invalid UTF-8 and opt.Encoding is UTF8), with warnings about what was
// done to it:
//
//   - a UTF-16 file (with a byte order mark, or without one when it starts
//     with ASCII text) is converted to UTF-8, with a warning: pubs fmt
//     --write cannot rewrite it, and other tools may not read it;
//   - a UTF-32 file is an error;
//   - a file that is not valid UTF-8 is converted from opt.Encoding when
//     that is Latin1 or Windows1252;
//   - a NUL byte gets a warning at its position (the first one only): it
//     usually means a binary or corrupted file.
//
// Positions in the returned text's diagnostics are positions in the
// converted text; lines are the same as in the file.
func ReadFileWith(name string, opt ReadOptions) ([]byte, ErrorList, error) {
	max := opt.MaxSize
	if max <= 0 {
		max = MaxFileSize
	}
	src, err := readRaw(name, max)
	if err != nil {
		return nil, nil, err
	}
	var notes ErrorList
	if enc, order := utf16Kind(src); enc != "" {
		dec := unicode.UTF16(order, unicode.IgnoreBOM).NewDecoder()
		if src, err = dec.Bytes(src); err != nil {
			return nil, nil, fileErrorf(name, "cannot convert from %s: %v", enc, err)
		}
		notes.Add(Pos{Filename: name}, SeverityWarning,
			"the file is %s, not UTF-8: pubs converted it to read it, but 'pubs fmt --write' will not rewrite it; convert it, e.g. iconv -f UTF-16 -t UTF-8", enc)
	} else if utf32BOM(src) {
		return nil, nil, fileErrorf(name, "the file is UTF-32, not UTF-8; convert it, e.g. iconv -f UTF-32 -t UTF-8")
	} else if opt.Encoding != UTF8 && !utf8.Valid(src) {
		cm := charmap.ISO8859_1
		if opt.Encoding == Windows1252 {
			cm = charmap.Windows1252
		}
		if src, err = cm.NewDecoder().Bytes(src); err != nil {
			return nil, nil, fileErrorf(name, "cannot convert from %s: %v", opt.Encoding, err)
		}
	}
	if i := bytes.IndexByte(src, 0); i >= 0 {
		line := 1 + bytes.Count(src[:i], []byte{'\n'})
		col := i - bytes.LastIndexByte(src[:i], '\n')
		notes.Add(Pos{Filename: name, Offset: i, Line: line, Col: col}, SeverityWarning,
			"NUL byte (%d in the file): is this a binary or corrupted file?", bytes.Count(src, []byte{0}))
	}
	return src, notes, nil
}

// ParseFilesWith is ParseFiles reading with ReadFileWith: it reads and
// parses the named files in order and builds their library. The error is
// not nil only when a file cannot be read; problems in the files' content,
// and the warnings of ReadFileWith, are in the library's Diagnostics.
func ParseFilesWith(opt ReadOptions, names ...string) (*Library, error) {
	files := make([]*File, 0, len(names))
	var syntax ErrorList
	for _, name := range names {
		src, notes, err := ReadFileWith(name, opt)
		if err != nil {
			return nil, err
		}
		syntax = append(syntax, notes...)
		f, err := ParseOwned(name, src) // src is not used again: no copy
		var list ErrorList
		if errors.As(err, &list) {
			syntax = append(syntax, list...)
		}
		files = append(files, f)
	}
	return NewLibrary(files, syntax), nil
}

// utf16Kind recognises UTF-16 text by its byte order mark, or, without
// one, by two ASCII characters each followed (little-endian) or preceded
// (big-endian) by a NUL byte at the start: UTF-8 text never starts so. A
// UTF-32 little-endian mark (FF FE 00 00) is not UTF-16.
func utf16Kind(b []byte) (string, unicode.Endianness) {
	switch {
	case utf32BOM(b):
		return "", unicode.BigEndian
	case len(b) >= 2 && b[0] == 0xFF && b[1] == 0xFE:
		return "UTF-16 (little-endian, with a byte order mark)", unicode.LittleEndian
	case len(b) >= 2 && b[0] == 0xFE && b[1] == 0xFF:
		return "UTF-16 (big-endian, with a byte order mark)", unicode.BigEndian
	case len(b) >= 4 && b[0] != 0 && b[0] < 0x80 && b[1] == 0 && b[2] != 0 && b[2] < 0x80 && b[3] == 0:
		return "UTF-16 (little-endian, without a byte order mark)", unicode.LittleEndian
	case len(b) >= 4 && b[0] == 0 && b[1] != 0 && b[1] < 0x80 && b[2] == 0 && b[3] != 0 && b[3] < 0x80:
		return "UTF-16 (big-endian, without a byte order mark)", unicode.BigEndian
	}
	return "", unicode.BigEndian
}

func utf32BOM(b []byte) bool {
	return bytes.HasPrefix(b, []byte{0xFF, 0xFE, 0, 0}) || bytes.HasPrefix(b, []byte{0, 0, 0xFE, 0xFF})
}

// readRaw reads the file's bytes, at most max of them.
func readRaw(name string, max int64) ([]byte, error) {
	// Stat first, to refuse what must not be opened (a socket, a device
	// that open(2) might act on) with a clear message.
	fi, err := os.Stat(name)
	if err != nil {
		return nil, fileError(name, err)
	}
	if err := readable(name, fi); err != nil {
		return nil, err
	}
	var lastErr error
	for attempt := range readAttempts {
		src, err := readOnce(name, max, attempt)
		if !errors.Is(err, errChanged) {
			return src, err
		}
		lastErr = err
	}
	return nil, fileErrorf(name, "%v %d times in a row; try again when nothing is writing to it", lastErr, readAttempts)
}

var errChanged = errors.New("the file changed while it was being read")

// readable refuses the kinds of file that are not read.
func readable(name string, fi fs.FileInfo) error {
	m := fi.Mode()
	switch {
	case m.IsDir():
		return fileErrorf(name, "is a directory, not a .bib file")
	case m&fs.ModeSocket != 0:
		return fileErrorf(name, "is a socket, not a .bib file")
	case m&fs.ModeDevice != 0 && m&fs.ModeCharDevice == 0:
		return fileErrorf(name, "is a block device, not a .bib file")
	}
	return nil
}

func readOnce(name string, max int64, attempt int) ([]byte, error) {
	// O_NONBLOCK: opening a FIFO for reading would otherwise wait for a
	// writer, forever if none comes. It does nothing to regular files.
	f, err := os.OpenFile(name, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, fileError(name, err)
	}
	defer f.Close()
	before, err := f.Stat()
	if err != nil {
		return nil, fileError(name, err)
	}
	if err := readable(name, before); err != nil {
		return nil, err
	}
	if !before.Mode().IsRegular() {
		return readStream(name, f, max)
	}
	if before.Size() > max {
		return nil, fileErrorf(name, "the file is %d bytes, more than the limit of %d", before.Size(), max)
	}
	if readHook != nil {
		readHook(name, attempt)
	}
	// One byte more than the size, to see the end of the file in one read
	// when it has not grown.
	buf := make([]byte, 0, before.Size()+1)
	if before.Size() >= parallelReadMin && runtime.GOMAXPROCS(0) > 1 && readHalves(f, buf[:before.Size()]) {
		// A large file is read in two halves at once: most of a read's
		// time is the kernel copying into fresh pages, which both cores
		// can do. The rest is read as usual, to see the end.
		buf = buf[:before.Size()]
	}
	src, err := readAll(f, buf, max)
	if err != nil {
		return nil, fileError(name, err)
	}
	if int64(len(src)) > max {
		return nil, fileErrorf(name, "the file grew to more than the limit of %d bytes while it was being read", max)
	}
	after, err := f.Stat()
	if err != nil {
		return nil, fileError(name, err)
	}
	if changed(before, after) {
		return nil, errChanged
	}
	return src, nil
}

// parallelReadMin is the size from which readOnce reads a file in two
// halves at once. Tests lower it.
var parallelReadMin int64 = 4 << 20

// readHalves fills buf from the start of f, reading its two halves at
// once, and leaves f's offset at the end of buf. It returns false, and
// leaves the offset at the start, when it cannot fill buf (the file
// shrank since its size was taken, or holds less than its size says): f
// is then read from the start as any other file, and the caller's check
// of the file's size tells a change.
func readHalves(f *os.File, buf []byte) bool {
	mid := len(buf) / 2
	second := make(chan bool, 1)
	go func() {
		_, err := f.ReadAt(buf[mid:], int64(mid)) // ReadAt fills its buffer or fails
		second <- err == nil
	}()
	_, err := f.ReadAt(buf[:mid], 0)
	if !<-second || err != nil {
		return false
	}
	_, err = f.Seek(int64(len(buf)), io.SeekStart)
	return err == nil
}

// readStream reads a pipe or character device to its end, or to max+1
// bytes.
func readStream(name string, f *os.File, max int64) ([]byte, error) {
	src, err := readAll(f, make([]byte, 0, 64<<10), max)
	if err != nil {
		return nil, fileError(name, err)
	}
	if int64(len(src)) > max {
		return nil, fileErrorf(name, "more than the limit of %d bytes", max)
	}
	return src, nil
}

// readAll appends r's content to buf up to its end or max+1 bytes.
func readAll(r io.Reader, buf []byte, max int64) ([]byte, error) {
	for int64(len(buf)) <= max {
		if len(buf) == cap(buf) {
			grown := make([]byte, len(buf), min(int64(cap(buf))*2+512, max+1))
			copy(grown, buf)
			buf = grown
		}
		room := buf[len(buf):cap(buf)]
		if rest := max + 1 - int64(len(buf)); int64(len(room)) > rest {
			room = room[:rest]
		}
		n, err := r.Read(room)
		buf = buf[:len(buf)+n]
		if err == io.EOF {
			return buf, nil
		}
		if err != nil {
			return buf, err
		}
	}
	return buf, nil
}

// changed reports whether the file's size or modification time differ, or
// whether it is another file (on systems that have inode numbers).
func changed(a, b fs.FileInfo) bool {
	if a.Size() != b.Size() || !a.ModTime().Equal(b.ModTime()) {
		return true
	}
	sa, ok1 := a.Sys().(*syscall.Stat_t)
	sb, ok2 := b.Sys().(*syscall.Stat_t)
	return ok1 && ok2 && (sa.Ino != sb.Ino || sa.Dev != sb.Dev)
}
