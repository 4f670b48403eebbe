package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"time"

	"cjkbook/book"
	"cjkbook/book/build"
	"cjkbook/book/preview"
)

// watchBuild implements `cjkbook build --watch`: build o into o.Out now and again after every
// change to the manuscript, until ctx is done. A failed build is reported and the loop goes on.
func watchBuild(ctx context.Context, o build.Options, stdout, stderr io.Writer) int {
	w, err := preview.NewWatcher(preview.WatchOptions{Src: o.Src, Ignore: []string{o.Out}})
	if err != nil {
		fmt.Fprintf(stderr, "cjkbook: %v\n", err)
		return 1
	}
	defer func() { _ = w.Close() }() // stopping: nothing is left to report to
	once := func() {
		start := time.Now()
		res, err := build.Run(ctx, o)
		if ctx.Err() != nil {
			return
		}
		if res != nil {
			printDiagnostics(stderr, res.Diagnostics)
		}
		if err != nil {
			var ds book.Diagnostics
			if !errors.As(err, &ds) {
				fmt.Fprintf(stderr, "cjkbook: %v\n", err)
			}
			fmt.Fprintf(stderr, "%s build failed\n", time.Now().Format("15:04:05"))
		} else {
			printSummary(stdout, res, time.Since(start))
		}
		fmt.Fprintf(stdout, "%s watching %s for changes (Ctrl-C to stop)\n", time.Now().Format("15:04:05"), o.Src)
	}
	once()
	err = w.Run(ctx, func([]string) { once() })
	if err != nil {
		fmt.Fprintf(stderr, "cjkbook: %v\n", err)
		return 1
	}
	fmt.Fprintln(stdout, "Stopped.")
	return 0
}
