package bib

// Hostile files: each must give a correct result or a clear "file: message"
// error, never a hang, a panic or unbounded memory. See docs/security.md.

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/pubs-dev/pubs/internal/latex"
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

func writeFile(t *testing.T, name string, data []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// wantFileError checks that err is a FileError naming path whose message
// holds msg.
func wantFileError(t *testing.T, err error, path, msg string) {
	t.Helper()
	if err == nil {
		t.Fatalf("%s: no error, want one containing %q", path, msg)
	}
	if !strings.HasPrefix(err.Error(), path+": ") || !strings.Contains(err.Error(), msg) {
		t.Errorf("error %q, want \"%s: ...%s...\"", err, path, msg)
	}
	if strings.Count(err.Error(), path) > 1 {
		t.Errorf("error %q names the file twice", err)
	}
	var fe *FileError
	if !errors.As(err, &fe) {
		t.Errorf("error %q is a %T, not a *FileError", err, err)
	}
}

// withSmallStack makes any deep recursion fatal ("goroutine stack exceeds
// limit"): 1e5 levels of even a small frame need more than 4 MB.
func withSmallStack(t *testing.T) {
	old := debug.SetMaxStack(4 << 20)
	t.Cleanup(func() { debug.SetMaxStack(old) })
}

func TestHostileHugeField(t *testing.T) {
	if testing.Short() {
		t.Skip("50 MB file; skipped with -short")
	}
	const size = 50 << 20
	var b bytes.Buffer
	b.Grow(size + 100)
	b.WriteString("@article{huge,\n  title = {")
	chunk := []byte(`Caf\'e {GPU} $\alpha$ --- na\"ive `)
	for b.Len() < size {
		b.Write(chunk)
	}
	b.WriteString("},\n  year = 2020,\n}\n")
	path := writeFile(t, "huge.bib", b.Bytes())
	want := b.Len()
	b = bytes.Buffer{}

	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	var lib *Library
	var err error
	noHang(t, "ParseFilesWith(50 MB field)", func() { lib, err = ParseFilesWith(ReadOptions{}, path) })
	if err != nil {
		t.Fatal(err)
	}
	runtime.ReadMemStats(&after)
	// Reading costs the file's bytes, its string copy and little more.
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 4*uint64(want) {
		t.Errorf("reading a %d-byte file allocated %d bytes", want, alloc)
	}
	if len(lib.Entries) != 1 || len(lib.Diagnostics) != 0 {
		t.Fatalf("%d entries, diagnostics %v", len(lib.Entries), lib.Diagnostics)
	}
	e := lib.Entries[0]
	if got := e.Get("title"); len(got) < size-100 || e.Get("year") != "2020" {
		t.Fatalf("title of %d bytes, year %q", len(got), e.Get("year"))
	}
	noHang(t, "latex.ToText(50 MB)", func() {
		if txt := latex.ToText(e.Get("title")); !strings.HasPrefix(txt, "Café GPU α — naïve Café") {
			t.Errorf("ToText = %.40q...", txt)
		}
	})
	noHang(t, "FormatFile(50 MB)", func() {
		if out, _ := FormatFile(lib.Files[0], FormatOptions{}); len(out) < size {
			t.Errorf("formatted to %d bytes", len(out))
		}
	})
}

func TestHostileDeepBraces(t *testing.T) {
	withSmallStack(t)
	const depth = 100_000
	deep := strings.Repeat("{", depth) + "x" + strings.Repeat("}", depth)
	open := strings.Repeat("{", depth)
	cases := map[string]string{
		"balanced": "@article{k, title = {" + deep + "}, author = {" + deep + " and Doe, " + deep + "}, year = 2020}\n",
		"unclosed": "@article{k, title = {" + open + "\n@misc{after, title = {ok}}\n",
		"closers":  "@article{k, title = {x}}" + strings.Repeat("}", depth) + "\n@misc{after}\n",
		"quoted":   "@article{k, title = \"" + open + "\"}\n@misc{after}\n",
		"string":   "@string{s = {" + deep + "}}\n@misc{k, title = s # {" + deep + "}}\n",
		"parens":   "@misc(k, title = " + strings.Repeat("(", depth) + ")\n",
	}
	for name, src := range cases {
		t.Run(name, func(t *testing.T) {
			noHang(t, name, func() {
				f, err := Parse("deep.bib", []byte(src))
				var list ErrorList
				if err != nil && !errors.As(err, &list) {
					t.Fatalf("Parse error %T %v", err, err)
				}
				for _, d := range list {
					if !d.Pos.IsValid() {
						t.Errorf("error without a position: %v", d)
					}
				}
				lib := NewLibrary([]*File{f}, list)
				FormatFile(f, FormatOptions{SortFields: true})
				for _, e := range lib.Entries {
					for _, fd := range e.Fields() {
						latex.ToText(fd.Value)
						latex.Parse(fd.Value)
						latex.Unknown(fd.Value)
					}
					for _, n := range e.Authors() {
						n.Full()
						n.LastInitials()
						n.PersonKey()
					}
					e.Keywords()
					e.Year()
					e.Venue()
				}
			})
		})
	}
	// The balanced title's text is its innermost "x".
	f, _ := Parse("deep.bib", []byte(cases["balanced"]))
	lib := NewLibrary([]*File{f}, nil)
	if got := latex.ToText(lib.Entries[0].Get("title")); got != "x" {
		t.Errorf("ToText(deep title) = %q, want x", got)
	}
}

func TestHostileNUL(t *testing.T) {
	path := writeFile(t, "nul.bib", []byte("@misc{a,\n  title = {x\x00y},\n}\n@misc{b\x00c, note={n}}\n\x00\x00"))
	lib, err := ParseFilesWith(ReadOptions{}, path)
	if err != nil {
		t.Fatal(err)
	}
	if len(lib.Entries) == 0 || lib.Entries[0].Get("title") != "x\x00y" {
		t.Errorf("entries %v", lib.Entries)
	}
	var nul *Error
	for _, d := range lib.Diagnostics {
		if strings.Contains(d.Msg, "NUL byte") {
			nul = d
		}
	}
	if nul == nil || nul.Pos.String() != path+":2:13" || nul.Severity != SeverityWarning || !strings.Contains(nul.Msg, "(4 in the file)") {
		t.Errorf("NUL diagnostic = %v, want a warning at %s:2:13 counting 4", nul, path)
	}
}

func TestHostileInvalidUTF8(t *testing.T) {
	src := []byte("@misc{a,\n  title = {M\xfcller \xff\xfe},\n}\n")
	path := writeFile(t, "bad.bib", src)
	lib, err := ParseFilesWith(ReadOptions{}, path)
	if err != nil {
		t.Fatal(err)
	}
	if got := lib.Entries[0].Get("title"); got != "M\xfcller \xff\xfe" {
		t.Errorf("title %q: the bytes must be kept", got)
	}
	if len(lib.Diagnostics) != 1 || lib.Diagnostics[0].Pos.String() != path+":2:13" ||
		!strings.Contains(lib.Diagnostics[0].Msg, "not UTF-8 (byte 0xFC)") {
		t.Errorf("diagnostics %v, want one warning about byte 0xFC at 2:13", lib.Diagnostics)
	}
	// The conversion output is valid UTF-8 whatever the input.
	for _, fd := range lib.Entries[0].Fields() {
		if s := latex.ToText(fd.Value); !strings.Contains(s, "\uFFFD") {
			t.Errorf("ToText(%q) = %q, want replacement characters", fd.Value, s)
		}
	}
}

func TestHostileLatin1(t *testing.T) {
	latin1 := []byte("@misc{a,\n  author = {M\xfcller, J\xfcrgen},\n  title = {\x93Caf\xe9\x94 \xa9},\n}\n")
	path := writeFile(t, "latin1.bib", latin1)

	// By default: read as bytes, reported.
	lib, err := ParseFilesWith(ReadOptions{}, path)
	if err != nil {
		t.Fatal(err)
	}
	if len(lib.Diagnostics) != 1 || !strings.Contains(lib.Diagnostics[0].Msg, "not UTF-8") {
		t.Errorf("diagnostics %v, want the not-UTF-8 warning", lib.Diagnostics)
	}

	for _, tc := range []struct {
		enc   Encoding
		title string
	}{
		{Latin1, "\u0093Café\u0094 ©"},
		{Windows1252, "“Café” ©"},
	} {
		lib, err := ParseFilesWith(ReadOptions{Encoding: tc.enc}, path)
		if err != nil {
			t.Fatal(err)
		}
		e := lib.Entries[0]
		if len(lib.Diagnostics) != 0 || e.Get("author") != "Müller, Jürgen" || e.Get("title") != tc.title {
			t.Errorf("%v: author %q title %q diagnostics %v", tc.enc, e.Get("author"), e.Get("title"), lib.Diagnostics)
		}
	}

	// A valid UTF-8 file is read as UTF-8 whatever the option says.
	utf := writeFile(t, "utf8.bib", []byte("@misc{a, author = {Müller}}\n"))
	lib, err = ParseFilesWith(ReadOptions{Encoding: Latin1}, utf)
	if err != nil || lib.Entries[0].Get("author") != "Müller" {
		t.Errorf("UTF-8 file with Latin1: %v %q", err, lib.Entries[0].Get("author"))
	}

	for in, want := range map[string]Encoding{"": UTF8, "UTF-8": UTF8, "latin1": Latin1, "ISO-8859-1": Latin1, "cp1252": Windows1252, "windows1252": Windows1252} {
		if got, err := ParseEncoding(in); err != nil || got != want {
			t.Errorf("ParseEncoding(%q) = %v, %v", in, got, err)
		}
	}
	if _, err := ParseEncoding("ebcdic"); err == nil || !strings.Contains(err.Error(), "utf8, latin1 or windows1252") {
		t.Errorf("ParseEncoding(ebcdic) error %v", err)
	}
}

func TestHostileUTF16(t *testing.T) {
	text := "@misc{k,\n  title = {Café ∑},\n}\n"
	u16 := func(bigEndian, bom bool) []byte {
		var out []byte
		r := []rune(text)
		if bom {
			r = append([]rune{'\uFEFF'}, r...)
		}
		for _, c := range r {
			hi, lo := byte(c>>8), byte(c)
			if bigEndian {
				out = append(out, hi, lo)
			} else {
				out = append(out, lo, hi)
			}
		}
		return out
	}
	for _, tc := range []struct {
		name          string
		data          []byte
		what          string
		bigEndian, bo bool
	}{
		{"le-bom", u16(false, true), "UTF-16 (little-endian, with a byte order mark)", false, true},
		{"be-bom", u16(true, true), "UTF-16 (big-endian, with a byte order mark)", true, true},
		{"le", u16(false, false), "UTF-16 (little-endian, without a byte order mark)", false, false},
		{"be", u16(true, false), "UTF-16 (big-endian, without a byte order mark)", true, false},
	} {
		path := writeFile(t, tc.name+".bib", tc.data)
		lib, err := ParseFilesWith(ReadOptions{}, path)
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if len(lib.Entries) != 1 || lib.Entries[0].Get("title") != "Café ∑" {
			t.Errorf("%s: entries %v", tc.name, lib.Entries)
		}
		if len(lib.Diagnostics) != 1 || lib.Diagnostics[0].Severity != SeverityWarning ||
			!strings.Contains(lib.Diagnostics[0].Error(), path+": the file is "+tc.what) {
			t.Errorf("%s: diagnostics %v", tc.name, lib.Diagnostics)
		}
		_, err = ReadFile(path)
		wantFileError(t, err, path, "the file is "+tc.what+", not UTF-8")
	}
	// UTF-32 is refused.
	path := writeFile(t, "u32.bib", []byte{0xFF, 0xFE, 0, 0, '@', 0, 0, 0})
	_, _, err := ReadFileWith(path, ReadOptions{})
	wantFileError(t, err, path, "UTF-32")
	_, err = ReadFile(path)
	wantFileError(t, err, path, "UTF-32")
}

func TestHostileUTF8BOM(t *testing.T) {
	path := writeFile(t, "bom.bib", []byte("\uFEFF@misc{k,\n  title = {T},\n}\n"))
	lib, err := ParseFilesWith(ReadOptions{}, path)
	if err != nil {
		t.Fatal(err)
	}
	if len(lib.Entries) != 1 || lib.Entries[0].Key != "k" || len(lib.Diagnostics) != 0 {
		t.Fatalf("entries %v diagnostics %v", lib.Entries, lib.Diagnostics)
	}
	if p := lib.Entries[0].Pos(); p.Line != 1 || p.Col != 1 {
		t.Errorf("entry at %v, want 1:1 (the mark is not a column)", p)
	}
	// The mark is kept as free text: formatting gives it back.
	if out, _ := FormatFile(lib.Files[0], FormatOptions{}); !strings.HasPrefix(out, "\uFEFF@misc{k,") {
		t.Errorf("formatted %q", out)
	}
}

func TestHostileNotRegular(t *testing.T) {
	dir := t.TempDir()
	_, err := ReadFile(dir)
	wantFileError(t, err, dir, "is a directory, not a .bib file")
	_, err = ParseFilesWith(ReadOptions{}, dir)
	wantFileError(t, err, dir, "is a directory")

	missing := filepath.Join(dir, "missing.bib")
	_, err = ReadFile(missing)
	wantFileError(t, err, missing, "no such file or directory")
	if !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("errors.Is(%v, fs.ErrNotExist) = false", err)
	}

	a, b := filepath.Join(dir, "a.bib"), filepath.Join(dir, "b.bib")
	os.Symlink(b, a)
	os.Symlink(a, b)
	_, err = ReadFile(a)
	wantFileError(t, err, a, "too many levels of symbolic links (a symlink loop?)")

	sock := filepath.Join(dir, "s.bib")
	if l, err := net.Listen("unix", sock); err == nil {
		defer l.Close()
		_, err = ReadFile(sock)
		wantFileError(t, err, sock, "is a socket")
	}

	_, _, err = ReadFileWith("/dev/zero", ReadOptions{MaxSize: 1 << 20})
	wantFileError(t, err, "/dev/zero", "more than the limit of 1048576 bytes")
	big := writeFile(t, "big.bib", make([]byte, 2000))
	_, _, err = ReadFileWith(big, ReadOptions{MaxSize: 1000})
	wantFileError(t, err, big, "the file is 2000 bytes, more than the limit of 1000")

	if src, err := ReadFile(os.DevNull); err != nil || len(src) != 0 {
		t.Errorf("ReadFile(/dev/null) = %q, %v", src, err)
	}
}

func TestHostileFIFO(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "fifo.bib")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	// Nobody writes: the FIFO reads as empty, without waiting for a writer.
	noHang(t, "ReadFile(FIFO without writer)", func() {
		if src, err := ReadFile(fifo); err != nil || len(src) != 0 {
			t.Errorf("ReadFile(FIFO without writer) = %q, %v", src, err)
		}
	})
	// A writer that is there: everything it writes is read, more than a
	// pipe's buffer.
	want := bytes.Repeat([]byte("@misc{k, title = {x}}\n"), 20000)
	w, err := os.OpenFile(fifo, os.O_RDWR, 0) // O_RDWR: open without waiting for a reader
	if err != nil {
		t.Fatal(err)
	}
	go func() {
		defer w.Close()
		time.Sleep(10 * time.Millisecond) // let the reader open first (not needed for correctness)
		w.Write(want)
	}()
	noHang(t, "ReadFile(FIFO with writer)", func() {
		src, err := ReadFile(fifo)
		// The reader may see EOF only after the writer closed, and the
		// writer also holds a read end (O_RDWR), so content arrives whole.
		if err != nil || !bytes.Equal(src, want) {
			t.Errorf("ReadFile(FIFO) = %d bytes, %v; want %d bytes", len(src), err, len(want))
		}
	})
}

// TestHostileUnreadable reads a file without permission. As root, which
// reads any file, it runs a copy of the test binary as the user nobody.
func TestHostileUnreadable(t *testing.T) {
	if path := os.Getenv("PUBS_HOSTILE_UNREADABLE"); path != "" {
		_, err := ReadFile(path)
		os.Stdout.WriteString(fmt.Sprint(err, "|", errors.Is(err, fs.ErrPermission), "\n"))
		return
	}
	dir := t.TempDir()
	os.Chmod(filepath.Dir(dir), 0o755) // the test's own temporary folder
	os.Chmod(dir, 0o755)
	path := filepath.Join(dir, "secret.bib")
	if err := os.WriteFile(path, []byte("@misc{k}"), 0o600); err != nil {
		t.Fatal(err)
	}
	if os.Geteuid() != 0 {
		os.Chmod(path, 0)
		_, err := ReadFile(path)
		wantFileError(t, err, path, "permission denied")
		if !errors.Is(err, fs.ErrPermission) {
			t.Errorf("errors.Is(%v, fs.ErrPermission) = false", err)
		}
		return
	}
	// The test binary's own folder is private to root: run a copy.
	exe, err := os.ReadFile(os.Args[0])
	if err != nil {
		t.Skipf("SKIPPED: running as root and cannot copy the test binary: %v", err)
	}
	bin := filepath.Join(dir, "bib.test")
	if err := os.WriteFile(bin, exe, 0o755); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, "-test.run=^TestHostileUnreadable$")
	cmd.Env = append(os.Environ(), "PUBS_HOSTILE_UNREADABLE="+path)
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
	out, err := cmd.Output()
	if err != nil {
		t.Skipf("SKIPPED: running as root and cannot run as nobody: %v", err)
	}
	want := path + ": permission denied|true"
	if got, _, _ := strings.Cut(string(out), "\n"); got != want {
		t.Errorf("as nobody: %q, want %q", got, want)
	}
}

func TestHostileChangingFile(t *testing.T) {
	t.Run("in one read", testChangingFile)
	t.Run("in two halves", func(t *testing.T) {
		defer func(n int64) { parallelReadMin = n }(parallelReadMin)
		parallelReadMin = 1
		testChangingFile(t)
	})
}

func testChangingFile(t *testing.T) {
	path := writeFile(t, "lib.bib", []byte("@misc{a}\n"))
	defer func() { readHook = nil }()

	// Read as it is.
	if src, err := ReadFile(path); err != nil || string(src) != "@misc{a}\n" {
		t.Errorf("ReadFile = %q, %v", src, err)
	}

	// Shortened during the first read: the second read is consistent.
	calls := 0
	readHook = func(name string, attempt int) {
		calls++
		if attempt == 0 {
			os.WriteFile(name, []byte("@misc{c}"), 0o644)
		}
	}
	src, err := ReadFile(path)
	if err != nil || string(src) != "@misc{c}" || calls != 2 {
		t.Errorf("ReadFile = %q, %v after %d reads", src, err, calls)
	}
	os.WriteFile(path, []byte("@misc{a}\n"), 0o644)

	// Changed once, during the first read: the second read is consistent.
	calls = 0
	readHook = func(name string, attempt int) {
		calls++
		if attempt == 0 {
			f, _ := os.OpenFile(name, os.O_APPEND|os.O_WRONLY, 0)
			f.WriteString("@misc{b}\n")
			f.Close()
		}
	}
	src, err = ReadFile(path)
	if err != nil || string(src) != "@misc{a}\n@misc{b}\n" || calls != 2 {
		t.Errorf("ReadFile = %q, %v after %d reads", src, err, calls)
	}

	// Changed during every read: an error, not a torn read.
	readHook = func(name string, attempt int) {
		os.WriteFile(name, bytes.Repeat([]byte("x"), attempt+1), 0o644)
		future := time.Now().Add(time.Duration(attempt+1) * time.Hour)
		os.Chtimes(name, future, future)
	}
	_, err = ReadFile(path)
	wantFileError(t, err, path, "changed while it was being read 3 times in a row")
}
