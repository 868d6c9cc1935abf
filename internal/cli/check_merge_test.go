package cli

import (
	"bytes"
	"errors"
	"fmt"
	"runtime"
	"strings"
	"testing"

	"github.com/pubs-dev/pubs/internal/bench/libgen"
	"github.com/pubs-dev/pubs/internal/bib"
	"github.com/pubs-dev/pubs/internal/lint"
)

// TestPrintMerged compares what check prints, the diagnostics merged
// with lint's warnings in pieces made on all cores, with the plain way:
// both lists together, sorted, printed. The libraries have syntax errors,
// repeated keys and fields, and warnings of both lists at one position.
func TestPrintMerged(t *testing.T) {
	var gen bytes.Buffer
	if err := libgen.Generate(&gen, 3000, 5, 0.02); err != nil {
		t.Fatal(err)
	}
	const same = `@article{a, year = {c. 2019}, year = {x}, author = {Doe, J. and John Doe and J. Doe}, title = {T}, journal = {J}}
@article{a, year = {c. 2019}, author = {Doe, Jane and J. Doe}, title = {T}, journal = {J}, month = {Smarch}, month = {x}}
@misc{b, author = {A and and B}, note = undefinedmacro}
@misc{c, crossref = {nowhere}, author = {Doe, J.
`
	libs := map[string][][2]string{
		"generated":   {{"gen.bib", gen.String()}},
		"ties":        {{"same.bib", same}},
		"three files": {{"z.bib", same}, {"gen.bib", gen.String()}, {"a.bib", same}},
		"empty":       {{"empty.bib", ""}},
		"errors only": {{"err.bib", "@misc{x, title = {T}}\n@misc{x, title = undefined}\n@misc{y,"}},
	}
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	for name, files := range libs {
		var fs []*bib.File
		var syntax bib.ErrorList
		for _, f := range files {
			pf, err := bib.Parse(f[0], []byte(f[1]))
			var el bib.ErrorList
			if errors.As(err, &el) {
				syntax = append(syntax, el...)
			}
			fs = append(fs, pf)
		}
		lib := bib.NewLibrary(fs, syntax)
		all := append(append(bib.ErrorList(nil), lib.Diagnostics...), lint.Check(lib)...)
		all.Sort()
		var want strings.Builder
		if err := all.Print(&want); err != nil {
			t.Fatal(err)
		}
		for _, procs := range []int{1, 2, 3} {
			runtime.GOMAXPROCS(procs)
			diags := append(bib.ErrorList(nil), lib.Diagnostics...)
			diags.Sort()
			var got strings.Builder
			if err := printMerged(&got, diags, lint.Find(lib)); err != nil {
				t.Fatal(err)
			}
			if got.String() != want.String() {
				t.Errorf("%s, %d cores: printMerged differs from sorting and printing:\n%s", name, procs, firstDiff(got.String(), want.String()))
			}
		}
		if name == "generated" && strings.Count(want.String(), "\n") < 3*512 {
			t.Errorf("%s: %d lines only", name, strings.Count(want.String(), "\n"))
		}
	}
}

func firstDiff(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := range min(len(g), len(w)) {
		if g[i] != w[i] {
			return fmt.Sprintf("line %d:\n got %s\nwant %s", i+1, g[i], w[i])
		}
	}
	return fmt.Sprintf("%d lines, want %d", len(g), len(w))
}
