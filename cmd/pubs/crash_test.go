package main

import (
	"bytes"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/pubs-dev/pubs/internal/safefile"
)

// pubsBinary is the pubs command as a separate program: TestMain
// (testscript.Main) puts a copy of this test binary named "pubs" on PATH,
// which runs cli.Main exactly as cmd/pubs/main.go does.
func pubsBinary(t *testing.T) string {
	t.Helper()
	path, err := exec.LookPath("pubs")
	if err != nil {
		t.Fatalf("no pubs on PATH (TestMain sets it up): %v", err)
	}
	return path
}

// CrashRun is a pubs command to kill at random points. It is meant to be
// reused by every command that writes: fmt --write now, add later.
type CrashRun struct {
	Args []string // the pubs arguments
	Dir  string   // the working folder
	// Reset puts the files back as they were before the command, before
	// each run. It must not remove temporary files left by a killed run:
	// the next run is expected to clean them up.
	Reset func(t *testing.T)
	// Check verifies the files after a run; killed tells whether the
	// process was killed before it finished.
	Check func(t *testing.T, killed bool)
	// Budget bounds the total time of the runs (default 15 s); Runs
	// bounds their number (default 400).
	Budget time.Duration
	Runs   int
}

// runKilled runs r to completion, to see how long it takes, then again
// and again, each time sending SIGKILL at a random moment between its
// start and 1.5 times that duration (every other time between 0.5 and
// 1.25 times, where a command writes), calling Check after each run.
// It returns how many runs were killed and how many finished.
func runKilled(t *testing.T, r CrashRun) (killed, finished int) {
	t.Helper()
	bin := pubsBinary(t)
	if r.Budget == 0 {
		r.Budget = 15 * time.Second
	}
	if r.Runs == 0 {
		r.Runs = 400
	}
	run := func(delay time.Duration) (wasKilled bool) {
		cmd := exec.Command(bin, r.Args...)
		cmd.Dir = r.Dir
		var out bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &out
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		var timer *time.Timer
		if delay >= 0 {
			timer = time.AfterFunc(delay, func() { cmd.Process.Signal(syscall.SIGKILL) })
		}
		err := cmd.Wait()
		if timer != nil {
			timer.Stop()
		}
		var exit *exec.ExitError
		switch {
		case err == nil:
			return false
		case errors.As(err, &exit) && exit.Sys().(syscall.WaitStatus).Signal() == syscall.SIGKILL:
			return true
		}
		t.Fatalf("pubs %s: %v\n%s", strings.Join(r.Args, " "), err, out.Bytes())
		return false
	}

	// The shortest of three uninterrupted runs.
	var full time.Duration
	for i := range 3 {
		r.Reset(t)
		start := time.Now()
		run(-1)
		if d := time.Since(start); i == 0 || d < full {
			full = d
		}
		r.Check(t, false)
	}
	t.Logf("an uninterrupted run takes %v", full)

	deadline := time.Now().Add(r.Budget)
	for i := 0; i < r.Runs && time.Now().Before(deadline) && !t.Failed(); i++ {
		r.Reset(t)
		// Half of the kills anywhere in the run, half in its last part,
		// where the writing is.
		delay := time.Duration(rand.Int64N(int64(full)*3/2 + 1))
		if i%2 == 1 {
			delay = full/2 + time.Duration(rand.Int64N(int64(full)*3/4+1))
		}
		if run(delay) {
			killed++
		} else {
			finished++
		}
		r.Check(t, true)
	}
	return killed, finished
}

// messyLibrary is a .bib file that pubs fmt rewrites almost entirely, and
// large enough that writing it takes a while.
func messyLibrary(n int) []byte {
	var b bytes.Buffer
	b.WriteString("% A library in need of formatting.\n\n")
	for i := range n {
		fmt.Fprintf(&b, "@ARTICLE{key%d,TITLE=\"On the {GPU} number %d\",  Author = \"Doe, Jane and Roe, Rick\",\n    journal={J. Test}, YEAR = 2020, doi = {https://doi.org/10.1000/%d}}\n\n", i, i, i)
	}
	b.WriteString("% The end, without a final newline.")
	return b.Bytes()
}

// TestCrashFmtWrite kills "pubs fmt --write" with SIGKILL at random
// points: the library is always the original or the complete formatted
// file, with its mode; at most one temporary file is left at any time,
// named so that safefile.TempName recognises it, and the next write
// removes it.
func TestCrashFmtWrite(t *testing.T) {
	if testing.Short() {
		t.Skip("runs pubs a few hundred times; skipped with -short")
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "lib.bib")
	orig := messyLibrary(20000)

	// The formatted file, as an uninterrupted run writes it.
	if err := os.WriteFile(path, orig, 0o640); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(pubsBinary(t), "fmt", "lib.bib")
	cmd.Dir = dir
	formatted, err := cmd.Output()
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Equal(formatted, orig) || !bytes.HasSuffix(formatted, []byte("without a final newline.")) {
		t.Fatalf("pubs fmt output is not the expected reformatting (%d bytes)", len(formatted))
	}

	var sawOld, sawNew, sawTemp int
	killed, finished := runKilled(t, CrashRun{
		Args: []string{"fmt", "--write", "lib.bib"},
		Dir:  dir,
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
					t.Error("pubs fmt --write finished but the file is unchanged")
				}
			case bytes.Equal(got, formatted):
				sawNew++
			default:
				t.Fatalf("the file is neither the original nor the formatted one (%d bytes): a mix", len(got))
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
	t.Logf("%d runs killed, %d finished; the file was the original %d times, the formatted one %d times; %d killed runs left a temporary file",
		killed, finished, sawOld, sawNew, sawTemp)

	// A last, complete run cleans up whatever the killed ones left.
	os.WriteFile(path, orig, 0o640)
	cmd = exec.Command(pubsBinary(t), "fmt", "--write", "lib.bib")
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("pubs fmt --write: %v\n%s", err, out)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("after a complete run the folder holds %d files, want lib.bib only", len(entries))
	}
}
