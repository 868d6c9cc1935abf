package main

import (
	"bytes"
	"errors"
	"flag"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pubs-dev/pubs/internal/bench/libgen"
)

func TestRun(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "lib.bib")
	var stderr bytes.Buffer
	if err := run([]string{"-n", "250", "-seed", "9", "-o", path}, io.Discard, &stderr); err != nil {
		t.Fatalf("run: %v (stderr %s)", err, stderr.String())
	}
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := libgen.Generate(&buf, 250, 9, 0.001); err != nil { // -malformed defaults to 0.001
		t.Fatal(err)
	}
	want := buf.String()
	if string(got) != want {
		t.Error("-o file differs from generate output")
	}

	var stdout bytes.Buffer
	if err := run([]string{"-n", "250", "-seed", "9", "-crlf"}, &stdout, &stderr); err != nil {
		t.Fatal(err)
	}
	if stdout.String() != strings.ReplaceAll(want, "\n", "\r\n") {
		t.Error("stdout with -crlf differs from generate output")
	}

	for _, args := range [][]string{{"-n", "-5"}, {"-malformed", "2"}, {"extra"}, {"-bogus"}} {
		if err := run(args, io.Discard, io.Discard); err == nil {
			t.Errorf("run(%q) succeeded, want error", args)
		}
	}
	if err := run([]string{"-h"}, io.Discard, io.Discard); !errors.Is(err, flag.ErrHelp) {
		t.Errorf("run(-h) = %v, want flag.ErrHelp", err)
	}
}
