package main

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/pubs-dev/pubs/internal/cli"
	"github.com/pubs-dev/pubs/internal/lookup/lookuptest"
)

var update = flag.Bool("update", false, "update the expected output in testdata/script/*.txtar")

// TestMain lets the test binary act as the pubs binary: testscript runs it
// as a separate process for each "pubs" command in a script.
func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"pubs": func() { os.Exit(cli.Main(os.Args[1:], cli.System())) },
	})
}

// TestScript runs the end-to-end scripts in testdata/script. Each starts in
// a fresh folder holding a copy of the repository's refs/ and pubs.toml
// (the default library), and has the command "status N CMD ARGS..." that
// runs CMD and asserts its exit status.
//
// 'pubs add' talks to a local server that replays the recorded responses
// of ../shared/fixtures/doi (PUBS_DOI_URL and the other endpoints point at
// it); scripts that need it start with "[!fixtures] skip".
func TestScript(t *testing.T) {
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	var replay *lookuptest.Server
	if dir, ok := lookuptest.FixtureDir(); ok {
		if replay, err = lookuptest.Start(dir); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(replay.Close)
	} else {
		t.Log("no recorded responses (../shared/fixtures/doi): the add scripts are skipped")
	}
	testscript.Run(t, testscript.Params{
		Dir:           filepath.Join("testdata", "script"),
		UpdateScripts: *update,
		Setup: func(env *testscript.Env) error {
			if err := os.CopyFS(filepath.Join(env.WorkDir, "refs"), os.DirFS(filepath.Join(root, "refs"))); err != nil {
				return err
			}
			cfg, err := os.ReadFile(filepath.Join(root, "pubs.toml"))
			if err != nil {
				return err
			}
			if replay != nil {
				e := replay.Endpoints()
				env.Setenv("PUBS_DOI_URL", e.DOI)
				env.Setenv("PUBS_CROSSREF_URL", e.Crossref)
				env.Setenv("PUBS_DATACITE_URL", e.DataCite)
				env.Setenv("PUBS_ARXIV_URL", e.ArXiv)
			}
			return os.WriteFile(filepath.Join(env.WorkDir, "pubs.toml"), cfg, 0o644)
		},
		Condition: func(cond string) (bool, error) {
			if cond == "fixtures" {
				return replay != nil, nil
			}
			return false, fmt.Errorf("unknown condition %q", cond)
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"status": cmdStatus,
		},
	})
}

// cmdStatus runs "status N CMD ARGS..." and fails unless CMD exits with N.
func cmdStatus(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 2 {
		ts.Fatalf("usage: status N command [args...]")
	}
	want, err := strconv.Atoi(args[0])
	if err != nil {
		ts.Fatalf("status: %v", err)
	}
	got := 0
	if err := ts.Exec(args[1], args[2:]...); err != nil {
		var exit *exec.ExitError
		if !errors.As(err, &exit) {
			ts.Fatalf("status: %v", err)
		}
		got = exit.ExitCode()
	}
	if got != want {
		ts.Fatalf("%s exited with status %d, want %d", args[1], got, want)
	}
}
