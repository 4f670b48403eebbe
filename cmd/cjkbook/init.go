package main

import (
	"flag"
	"fmt"
	"io"

	"cjkbook/book/project"
)

// cmdInit implements `cjkbook init [--title T] [--author A] [DIR]`.
func cmdInit(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("init", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { fmt.Fprint(stderr, usage) }
	var o project.Options
	fs.StringVar(&o.Title, "title", "", "book title (default: the folder name)")
	fs.StringVar(&o.Author, "author", "", "author")
	if err := fs.Parse(reorder(fs, args)); err != nil {
		return 2
	}
	if fs.NArg() > 1 {
		fmt.Fprintf(stderr, "cjkbook init: one DIR expected, got %d\n", fs.NArg())
		return 2
	}
	dir := "."
	if fs.NArg() == 1 {
		dir = fs.Arg(0)
	}
	written, err := project.Init(dir, o)
	if err != nil {
		fmt.Fprintf(stderr, "cjkbook: %v\n", err)
		return 1
	}
	for _, p := range written {
		fmt.Fprintf(stdout, "  created %s\n", p)
	}
	fmt.Fprintf(stdout, "\nNext:\n  cjkbook serve %s        # live preview at http://127.0.0.1:3000\n  cjkbook build %s        # writes out/*.epub and out/*.pdf\n", dir, dir)
	return 0
}
