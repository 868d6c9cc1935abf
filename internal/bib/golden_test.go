package bib

import (
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite the .golden files in testdata")

// TestGolden parses each testdata/{valid,invalid}/*.bib as a library of one
// file and compares the items (with expanded values) and every diagnostic
// with its .golden file. Valid files must have no diagnostic at all;
// invalid ones must have at least one error.
func TestGolden(t *testing.T) {
	for _, dir := range []string{"valid", "invalid"} {
		files, err := filepath.Glob(filepath.Join("testdata", dir, "*.bib"))
		if err != nil || len(files) == 0 {
			t.Fatalf("no test files in testdata/%s: %v", dir, err)
		}
		for _, path := range files {
			t.Run(dir+"/"+filepath.Base(path), func(t *testing.T) {
				src, err := os.ReadFile(path)
				if err != nil {
					t.Fatal(err)
				}
				name := filepath.ToSlash(path)
				f, err := Parse(name, src)
				var syntax ErrorList
				if err != nil && !errors.As(err, &syntax) {
					t.Fatalf("Parse error is %T, want ErrorList", err)
				}
				checkCover(t, f)
				lib := NewLibrary([]*File{f}, syntax)
				var diags strings.Builder
				lib.Diagnostics.Print(&diags)
				switch {
				case dir == "valid" && len(lib.Diagnostics) > 0:
					t.Errorf("valid file has diagnostics:\n%s", diags.String())
				case dir == "invalid" && lib.Diagnostics.Err() == nil:
					t.Errorf("invalid file has no error")
				}
				for _, e := range lib.Diagnostics {
					if e.Pos.Filename != name || !e.Pos.IsValid() {
						t.Errorf("diagnostic without a full position: %s", e.Diagnostic())
					}
				}
				got := "# diagnostics\n" + diags.String() + "# items\n" + dump(f)
				golden := strings.TrimSuffix(path, ".bib") + ".golden"
				if *update {
					if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
						t.Fatal(err)
					}
				}
				want, err := os.ReadFile(golden)
				if err != nil {
					t.Fatalf("%v (run go test -update to create it)", err)
				}
				if diff := cmp.Diff(string(want), got); diff != "" {
					t.Errorf("%s (-want +got):\n%s", golden, diff)
				}
			})
		}
	}
}
