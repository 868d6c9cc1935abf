package latex

import (
	"bufio"
	"fmt"
	"os"
	"strings"

	"golang.org/x/text/unicode/norm"
	"golang.org/x/text/unicode/runenames"
)

// tableRow is one line of latexcodec's table.txt: a flag (A/T/M, then <,
// > or - for decode-only, encode-only or both), a Unicode character name
// and its LaTeX spelling.
type tableRow struct {
	flag           string
	name           string
	char           rune
	latex          string
	math           bool
	decode, encode bool
}

const latexcodecTable = "../../../shared/corpus/latex/latexcodec-table.txt"

// readLatexcodecTable reads latexcodec's table; names are resolved with
// the Unicode Character Database of golang.org/x/text/unicode/runenames.
func readLatexcodecTable() ([]tableRow, error) {
	f, err := os.Open(latexcodecTable)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	byName := map[string]rune{}
	for r := rune(0); r < 0x30000; r++ {
		if n := runenames.Name(r); n != "" && !strings.HasPrefix(n, "<") {
			byName[n] = r
		}
	}
	var rows []tableRow
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		parts := strings.SplitN(sc.Text(), "\t", 3)
		if len(parts) != 3 || len(parts[0]) != 2 {
			return nil, fmt.Errorf("bad line %q", sc.Text())
		}
		r, ok := byName[parts[1]]
		if !ok {
			return nil, fmt.Errorf("unknown character name %q", parts[1])
		}
		dir := parts[0][1]
		rows = append(rows, tableRow{
			flag: parts[0], name: parts[1], char: r, latex: parts[2],
			math: parts[0][0] == 'M', decode: dir != '>', encode: dir != '<',
		})
	}
	return rows, sc.Err()
}

func nfc(s string) string { return norm.NFC.String(s) }
