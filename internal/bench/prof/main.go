// Command prof runs the stages of pubs on one .bib file, times each and
// optionally writes CPU and heap profiles, for profile-driven work:
//
//	go run ./internal/bench/prof -stage all -cpuprofile /tmp/cpu.out /tmp/lib100k.bib
//
// Stages: read (os.ReadFile), parse, library (parse + NewLibrary), lint,
// check, json, csv, table, build (export.Build), html, markdown, latex
// (Build and Render), all. It is a measuring tool, not part of pubs.
package main

import (
	"bufio"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/pprof"
	"strings"
	"time"

	"github.com/pubs-dev/pubs/internal/bib"
	"github.com/pubs-dev/pubs/internal/cli"
	"github.com/pubs-dev/pubs/internal/export"
	"github.com/pubs-dev/pubs/internal/lint"
)

func main() {
	stage := flag.String("stage", "all", "stage to run: read, parse, library, lint, check, json, csv, table, build, html, markdown, latex or all")
	cpu := flag.String("cpuprofile", "", "write a CPU profile of the measured stage to this file")
	mem := flag.String("memprofile", "", "write a heap (alloc) profile to this file")
	runs := flag.Int("n", 1, "repeat the measured stage this many times")
	flag.Parse()
	if flag.NArg() != 1 && (*stage != "cli" || flag.NArg() < 1) {
		fmt.Fprintln(os.Stderr, "usage: prof [-stage s] [-cpuprofile f] [-memprofile f] [-n runs] file.bib [-- pubs arguments, for -stage cli]")
		os.Exit(2)
	}
	if err := run(*stage, flag.Arg(0), *cpu, *mem, *runs); err != nil {
		fmt.Fprintln(os.Stderr, "prof:", err)
		os.Exit(1)
	}
}

func run(stage, name, cpu, mem string, runs int) error {
	if mem != "" {
		runtime.MemProfileRate = 64 << 10
	}
	// Everything before the measured stage is prepared untimed.
	var lib *bib.Library
	if stage == "cli" {
		return runCLI(name, cpu, mem, runs)
	}
	needLib := stage == "lint" || stage == "json" || stage == "csv" || stage == "table" ||
		stage == "build" || stage == "html" || stage == "markdown" || stage == "latex"
	if needLib {
		var err error
		if lib, err = bib.ParseFiles(name); err != nil {
			return err
		}
		export.SortNewestFirst(lib.Entries)
	}
	var stop func()
	if cpu != "" {
		f, err := os.Create(cpu)
		if err != nil {
			return err
		}
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		stop = func() { pprof.StopCPUProfile(); f.Close() }
	}
	out := bufio.NewWriterSize(io.Discard, 1<<16)
	for i := 0; i < runs; i++ {
		t0 := time.Now()
		switch stage {
		case "read":
			src, err := os.ReadFile(name)
			if err != nil {
				return err
			}
			fmt.Fprintf(os.Stderr, "%d @\n", strings.Count(string(src), "@"))
		case "parse":
			src, err := os.ReadFile(name)
			if err != nil {
				return err
			}
			if _, err := bib.Parse(name, src); err != nil && !errors.As(err, new(bib.ErrorList)) {
				return err
			}
		case "library", "all":
			l, err := bib.ParseFiles(name)
			if err != nil {
				return err
			}
			if stage == "all" {
				t1 := time.Now()
				fmt.Fprintf(os.Stderr, "library %v\n", t1.Sub(t0))
				lint.Check(l)
				t2 := time.Now()
				fmt.Fprintf(os.Stderr, "lint    %v\n", t2.Sub(t1))
				export.SortNewestFirst(l.Entries)
				t3 := time.Now()
				fmt.Fprintf(os.Stderr, "sort    %v\n", t3.Sub(t2))
				if err := export.WriteJSON(out, l.Entries); err != nil {
					return err
				}
				t4 := time.Now()
				fmt.Fprintf(os.Stderr, "json    %v\n", t4.Sub(t3))
				if err := export.WriteCSV(out, l.Entries); err != nil {
					return err
				}
				fmt.Fprintf(os.Stderr, "csv     %v\n", time.Since(t4))
			}
		case "lint":
			lint.Check(lib)
		case "check": // what pubs check does
			l, err := bib.ParseFiles(name)
			if err != nil {
				return err
			}
			diags := append(append(bib.ErrorList(nil), l.Diagnostics...), lint.Check(l)...)
			diags.Sort()
			if err := diags.Print(out); err != nil {
				return err
			}
		case "json":
			if err := export.WriteJSON(out, lib.Entries); err != nil {
				return err
			}
		case "csv":
			if err := export.WriteCSV(out, lib.Entries); err != nil {
				return err
			}
		case "table":
			if err := export.WriteTable(out, lib.Entries); err != nil {
				return err
			}
		case "build": // export.Build alone, as pubs export does it
			if _, err := export.Build(lib.Entries, export.Options{}); err != nil {
				return err
			}
		case "html", "markdown", "latex": // Build and Render, as pubs export does
			doc, err := export.Build(lib.Entries, export.Options{})
			if err != nil {
				return err
			}
			t1 := time.Now()
			fmt.Fprintf(os.Stderr, "build   %v\n", t1.Sub(t0))
			if err := export.Render(out, stage, doc, export.RenderOptions{}); err != nil {
				return err
			}
		default:
			return fmt.Errorf("unknown stage %q", stage)
		}
		fmt.Fprintf(os.Stderr, "%s: %v\n", stage, time.Since(t0))
	}
	if stop != nil {
		stop()
	}
	if mem != "" {
		f, err := os.Create(mem)
		if err != nil {
			return err
		}
		defer f.Close()
		runtime.GC() // the profile is as of the last collection
		return pprof.Lookup("allocs").WriteTo(f, 0)
	}
	return nil
}

// runCLI runs the pubs command line given after the file name (os.Args
// after "--"), in this process, with its output discarded: prof -stage
// cli lib.bib -- export --format html.
func runCLI(name, cpu, mem string, runs int) error {
	args := []string{"--bib", name}
	for i, a := range os.Args {
		if a == "--" {
			args = append(args, os.Args[i+1:]...)
			break
		}
	}
	if cpu != "" {
		f, err := os.Create(cpu)
		if err != nil {
			return err
		}
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		defer func() { pprof.StopCPUProfile(); f.Close() }()
	}
	for i := 0; i < runs; i++ {
		t0 := time.Now()
		code := cli.Main(args, cli.IOStreams{In: strings.NewReader(""), Out: io.Discard, ErrOut: io.Discard})
		fmt.Fprintf(os.Stderr, "cli %v: exit %d, %v\n", args[2:], code, time.Since(t0))
	}
	if mem != "" {
		f, err := os.Create(mem)
		if err != nil {
			return err
		}
		defer f.Close()
		runtime.GC() // the profile is as of the last collection
		return pprof.Lookup("allocs").WriteTo(f, 0)
	}
	return nil
}
