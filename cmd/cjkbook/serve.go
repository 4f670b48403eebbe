package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"net"
	"os"
	"os/signal"
	"syscall"

	"cjkbook/book/build"
	"cjkbook/book/preview"
)

// cmdServe implements `cjkbook serve [--port N] [--addr HOST] [build flags] [SRC]`: a live
// preview on http://127.0.0.1:3000 that rebuilds when the manuscript changes.
func cmdServe(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { fmt.Fprint(stderr, usage) }
	var o build.Options
	port := fs.Int("port", preview.DefaultPort, "port (0 picks a free one)")
	addr := fs.String("addr", "127.0.0.1", "address to listen on")
	bookFlags(fs, &o)
	if err := fs.Parse(reorder(fs, args)); err != nil {
		return 2
	}
	if fs.NArg() > 1 {
		fmt.Fprintf(stderr, "cjkbook serve: one SRC expected, got %d\n", fs.NArg())
		return 2
	}
	if *port < 0 || *port > 65535 {
		fmt.Fprintf(stderr, "cjkbook serve: --port %d: want 0..65535\n", *port)
		return 2
	}
	o.Src = "source"
	if fs.NArg() == 1 {
		o.Src = fs.Arg(0)
	}
	t, err := sourceDate()
	if err != nil {
		fmt.Fprintf(stderr, "cjkbook: %v\n", err)
		return 2
	}
	o.Time = t

	srv, err := preview.New(preview.Options{Build: o, Log: stdout})
	if err != nil {
		fmt.Fprintf(stderr, "cjkbook: %v\n", err)
		return 1
	}
	defer func() { _ = srv.Close() }() // stopping: nothing is left to report to
	ln, err := preview.Listen(*addr, *port)
	if err != nil {
		fmt.Fprintf(stderr, "cjkbook: %v\n", err)
		return 1
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	err = srv.Serve(ctx, ln, func() {
		fmt.Fprintf(stdout, "Serving %s at %s (Ctrl-C to stop)\n", o.Src, serveURL(ln.Addr()))
		if tcp, ok := ln.Addr().(*net.TCPAddr); ok && !tcp.IP.IsLoopback() {
			fmt.Fprintf(stdout, "warning: listening on %s: anyone who can reach this address can read the book\n", tcp.IP)
		}
	})
	if err != nil {
		fmt.Fprintf(stderr, "cjkbook: %v\n", err)
		return 1
	}
	fmt.Fprintln(stdout, "Stopped.")
	return 0
}

// serveURL is the address to open in a browser.
func serveURL(a net.Addr) string {
	tcp, ok := a.(*net.TCPAddr)
	if !ok {
		return "http://" + a.String() + "/"
	}
	host := tcp.IP.String()
	if tcp.IP.IsUnspecified() {
		host = "127.0.0.1"
	}
	return fmt.Sprintf("http://%s/", net.JoinHostPort(host, fmt.Sprint(tcp.Port)))
}
