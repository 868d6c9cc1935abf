package main

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/pubs-dev/pubs/internal/bib"
	"github.com/pubs-dev/pubs/internal/lookup/lookuptest"
	"github.com/pubs-dev/pubs/internal/safefile"
)

// Helpers for the tests of 'pubs add' as a separate program against a
// lookuptest.Fake in this process (add_*_test.go): they need no recorded
// responses, so they run everywhere.

// fakeEnv is the environment that points pubs add at the fake services.
func fakeEnv(e lookuptest.Endpoints) []string {
	return append(os.Environ(),
		"PUBS_DOI_URL="+e.DOI, "PUBS_CROSSREF_URL="+e.Crossref,
		"PUBS_DATACITE_URL="+e.DataCite, "PUBS_ARXIV_URL="+e.ArXiv, "PUBS_MAILTO=")
}

// pubsResult is how a pubs run ended.
type pubsResult struct {
	code           int
	stdout, stderr string
}

// runPubs runs pubs in dir with env and waits for it; a run that has not
// ended after limit is killed and fails the test (a hang detector).
func runPubs(t *testing.T, dir string, env []string, limit time.Duration, args ...string) pubsResult {
	t.Helper()
	return runProgram(t, pubsBinary(t), dir, env, limit, args...)
}

// runProgram is runPubs for any program.
func runProgram(t *testing.T, bin, dir string, env []string, limit time.Duration, args ...string) pubsResult {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Dir, cmd.Env = dir, env
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	timer := time.AfterFunc(limit, func() { cmd.Process.Kill() })
	err := cmd.Wait()
	if !timer.Stop() {
		t.Fatalf("%s %s still running after %s: a hang\n%s", bin, strings.Join(args, " "), limit, errOut.Bytes())
	}
	r := pubsResult{stdout: out.String(), stderr: errOut.String()}
	var exit *exec.ExitError
	switch {
	case err == nil:
	case errors.As(err, &exit):
		r.code = exit.ExitCode()
	default:
		t.Fatalf("%s %s: %v", bin, strings.Join(args, " "), err)
	}
	return r
}

// smallLibrary is a library of n entries, the way a user keeps it (a
// comment, irregular spacing), ending with a line break.
func smallLibrary(n int) []byte {
	var b bytes.Buffer
	b.WriteString("% My library.\n\n")
	for i := range n {
		fmt.Fprintf(&b, "@article{old%d,\n  author = {Doe, Jane},\n  title = {Old work %d},\n  journal = {J. Old},\n  year = {2001},\n  doi = {10.1000/old.%d},\n}\n\n", i, i, i)
	}
	b.WriteString("@misc{last, title = {Last}}\n")
	return b.Bytes()
}

// parseLibrary parses a .bib file and fails the test on any error.
func parseLibrary(t *testing.T, name string, data []byte) *bib.Library {
	t.Helper()
	f, err := bib.Parse(name, data)
	if err != nil {
		t.Fatalf("%s does not parse: %v", name, err)
	}
	lib := bib.NewLibrary([]*bib.File{f}, nil)
	if errs := lib.Diagnostics.Errors(); len(errs) > 0 {
		t.Fatalf("%s: %v", name, errs)
	}
	return lib
}

// noTempFiles fails the test if dir holds a temporary file of safefile.
func noTempFiles(t *testing.T, dir string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if _, ok := safefile.TempName(e.Name()); ok {
			t.Errorf("temporary file %s left in %s", e.Name(), dir)
		}
	}
}

// writeLib writes a library into a new folder and returns the folder.
func writeLib(t *testing.T, data []byte, mode os.FileMode) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "lib.bib"), data, mode); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(filepath.Join(dir, "lib.bib"), mode); err != nil {
		t.Fatal(err)
	}
	return dir
}
