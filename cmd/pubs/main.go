// Command pubs manages publications and talks kept in BibTeX files.
package main

import (
	"os"

	"github.com/pubs-dev/pubs/internal/cli"
)

func main() {
	os.Exit(cli.Main(os.Args[1:], cli.System()))
}
