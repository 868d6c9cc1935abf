// Command floor reads a file and counts its '@' bytes: the floor that
// scripts/bench.sh measures every other figure against (no program that
// reads the whole file can be faster).
//
//	go run ./internal/bench/floor /tmp/lib100k.bib
package main

import (
	"bytes"
	"fmt"
	"os"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: floor file.bib")
		os.Exit(2)
	}
	src, err := os.ReadFile(os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, "floor:", err)
		os.Exit(1)
	}
	fmt.Println(bytes.Count(src, []byte{'@'}), "@")
}
