// Command cjkbook turns Chinese essays (plain text or Markdown) into an EPUB and a print-ready PDF.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime"
	"runtime/pprof"
	"strconv"
	"strings"
	"syscall"
	"time"

	"cjkbook/book"
	"cjkbook/book/build"
)

const usage = `cjkbook turns Chinese essays into books: an EPUB for e-readers and a print-ready PDF,
both typeset with an embedded CJK font (LXGW WenKai) and a table of contents.

Usage:
  cjkbook build [flags] [SRC]     build SRC (a folder of .txt, .md, .docx, .html and .epub
                                  files with an optional book.toml, or one such file;
                                  default "source") into OUT/TITLE.epub and OUT/TITLE.pdf
  cjkbook inspect [--json] [SRC]  show how SRC was read: metadata, encoding, chapters with
                                  their file:line, blocks, and every warning
  cjkbook init [--title T] [--author A] [DIR]
                                  start a book in DIR (default "."): a commented book.toml,
                                  two sample chapters and a .gitignore; never overwrites
  cjkbook serve [--port N] [--addr HOST] [build flags] [SRC]
                                  live preview on http://127.0.0.1:3000 (port 3000 unless
                                  --port): contents, chapters, PDF and warnings, rebuilt and
                                  reloaded when a file changes; Ctrl-C stops it
  cjkbook help                    show this text

Build flags:
  -o DIR               output folder (default "out")
  --font FILE          TrueType .ttf for the text instead of the embedded LXGW WenKai
  --fallback-font FILE a TrueType font for characters the main font lacks (repeatable)
  --strict             characters missing from every font are errors, not warnings
  --keep-boilerplate   keep scraped-page boilerplate lines (小编整理, 本文来源 …)
  --no-normalize       keep ASCII punctuation inside Chinese text as it is
  --page-size SIZE     A5 (default), A4, B5, 16开, 32开, 6x9in or WxHmm
  --font-size SIZE     body text size, e.g. 10.5pt (default)
  --odd-pages          start every chapter on a right-hand (odd) page
  --vertical           vertical writing (竖排): columns right to left, pages read right to left
  --punctuation STYLE  gb (全角, default for Simplified), kaiming (开明), banjiao (半角) or
                       centred (Taiwan/Hong Kong, default for Traditional)
  --to-traditional     convert to Traditional Chinese (s2t; s2twp when language is zh-TW)
  --to-simplified      convert to Simplified Chinese
  --pdf-standard LIST  PDF standards to meet, e.g. ua-1,a-2a (also a-2b, a-2u, a-3a, a-3b, a-3u);
                       the PDF is tagged either way
  --epub-only, --pdf-only
  --watch              rebuild OUT whenever a file in SRC changes (Ctrl-C stops)
  --cpuprofile FILE, --memprofile FILE   write Go profiles of the build

SOURCE_DATE_EPOCH, when set, fixes the timestamps in both books (reproducible builds).
Settings can also live in SRC/book.toml; see README.md.
`

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	switch args[0] {
	case "build":
		return cmdBuild(args[1:], stdout, stderr)
	case "inspect":
		return cmdInspect(args[1:], stdout, stderr)
	case "init":
		return cmdInit(args[1:], stdout, stderr)
	case "serve":
		return cmdServe(args[1:], stdout, stderr)
	case "help", "-h", "--help", "-help":
		fmt.Fprint(stdout, usage)
		return 0
	}
	fmt.Fprintf(stderr, "cjkbook: unknown command %q\n\n%s", args[0], usage)
	return 2
}

func cmdBuild(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("build", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { fmt.Fprint(stderr, usage) }
	var o build.Options
	var epubOnly, pdfOnly bool
	var cpuprof, memprof string
	var watch bool
	fs.StringVar(&o.Out, "o", "out", "output folder")
	bookFlags(fs, &o)
	fs.BoolVar(&epubOnly, "epub-only", false, "only the EPUB")
	fs.BoolVar(&pdfOnly, "pdf-only", false, "only the PDF")
	fs.StringVar(&cpuprof, "cpuprofile", "", "CPU profile file")
	fs.StringVar(&memprof, "memprofile", "", "heap profile file")
	fs.BoolVar(&watch, "watch", false, "rebuild on every change")
	if err := fs.Parse(reorder(fs, args)); err != nil {
		return 2
	}
	o.Src = "source"
	if fs.NArg() > 0 {
		o.Src = fs.Arg(0)
	}
	if fs.NArg() > 1 {
		fmt.Fprintf(stderr, "cjkbook build: one SRC expected, got %d\n", fs.NArg())
		return 2
	}
	o.EPUB, o.PDF = epubOnly, pdfOnly
	t, err := sourceDate()
	if err != nil {
		fmt.Fprintf(stderr, "cjkbook: %v\n", err)
		return 2
	}
	o.Time = t
	if cpuprof != "" {
		stopProfile, err := startCPUProfile(cpuprof)
		if err != nil {
			fmt.Fprintf(stderr, "cjkbook: %v\n", err)
			return 1
		}
		defer func() {
			if err := stopProfile(); err != nil {
				fmt.Fprintf(stderr, "cjkbook: %v\n", err)
			}
		}()
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if watch {
		return watchBuild(ctx, o, stdout, stderr)
	}
	start := time.Now()
	res, err := build.Run(ctx, o)
	if res != nil {
		printDiagnostics(stderr, res.Diagnostics)
	}
	if err != nil {
		var ds book.Diagnostics
		if !errors.As(err, &ds) { // diagnostics were printed above
			fmt.Fprintf(stderr, "cjkbook: %v\n", err)
		}
		return 1
	}
	if memprof != "" {
		if err := writeHeapProfile(memprof); err != nil {
			fmt.Fprintf(stderr, "cjkbook: %v\n", err)
			return 1
		}
	}
	printSummary(stdout, res, time.Since(start))
	return 0
}

// startCPUProfile starts writing a CPU profile to path; the function it returns stops it.
func startCPUProfile(path string) (func() error, error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, fmt.Errorf("cpu profile: %w", err)
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		_ = f.Close() // the profiler's error is the one to report
		return nil, fmt.Errorf("cpu profile %s: %w", path, err)
	}
	return func() error {
		pprof.StopCPUProfile()
		if err := f.Close(); err != nil {
			return fmt.Errorf("cpu profile %s: %w", path, err)
		}
		return nil
	}, nil
}

// writeHeapProfile writes a heap profile, after a garbage collection, to path.
func writeHeapProfile(path string) error {
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("heap profile: %w", err)
	}
	runtime.GC()
	err = pprof.WriteHeapProfile(f)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("heap profile %s: %w", path, err)
	}
	return nil
}

// reorder moves flags after positional arguments to the front, so `build SRC -o DIR` works too.
// A flag that fs defines with a value (not a bool flag) keeps the argument after it.
func reorder(fs *flag.FlagSet, args []string) []string {
	var flags, pos []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			pos = append(pos, args[i+1:]...)
			break
		}
		if len(a) > 1 && a[0] == '-' {
			flags = append(flags, a)
			if takesValue(fs, a) && i+1 < len(args) {
				flags = append(flags, args[i+1])
				i++
			}
			continue
		}
		pos = append(pos, a)
	}
	return append(flags, pos...)
}

// takesValue reports whether arg (-name or --name, without =value) names a flag of fs
// that takes a value in the next argument.
func takesValue(fs *flag.FlagSet, arg string) bool {
	f := fs.Lookup(strings.TrimPrefix(arg[1:], "-"))
	if f == nil {
		return false
	}
	b, ok := f.Value.(interface{ IsBoolFlag() bool })
	return !ok || !b.IsBoolFlag()
}

// bookFlags registers the flags that shape a book, shared by build and serve.
func bookFlags(fs *flag.FlagSet, o *build.Options) {
	fs.StringVar(&o.Font, "font", "", "TrueType font file")
	fs.Func("fallback-font", "fallback TrueType font (repeatable)", func(v string) error {
		o.FallbackFonts = append(o.FallbackFonts, v)
		return nil
	})
	fs.BoolVar(&o.Strict, "strict", false, "missing glyphs are errors")
	fs.BoolVar(&o.KeepBoilerplate, "keep-boilerplate", false, "keep boilerplate")
	fs.BoolVar(&o.NoNormalize, "no-normalize", false, "no punctuation normalisation")
	fs.StringVar(&o.PageSize, "page-size", "", "page size")
	fs.StringVar(&o.FontSize, "font-size", "", "body font size")
	fs.BoolVar(&o.OddPages, "odd-pages", false, "chapters on odd pages")
	fs.BoolVar(&o.Vertical, "vertical", false, "vertical writing")
	fs.Var(pinyinFlag{&o.Pinyin}, "pinyin", "pinyin over every Han character (--pinyin=rare: only over rare ones)")
	fs.StringVar(&o.Punctuation, "punctuation", "", "punctuation style")
	fs.Func("pdf-standard", "PDF standards, comma-separated: ua-1, a-2a, a-2b, a-2u, a-3a, a-3b, a-3u", func(v string) error {
		o.PDFStandards = append(o.PDFStandards, strings.Split(v, ",")...)
		return nil
	})
	fs.BoolFunc("to-traditional", "convert to Traditional Chinese", func(string) error { o.Script = "traditional"; return nil })
	fs.BoolFunc("to-simplified", "convert to Simplified Chinese", func(string) error { o.Script = "simplified"; return nil })
}

func sourceDate() (time.Time, error) {
	s := os.Getenv("SOURCE_DATE_EPOCH")
	if s == "" {
		return time.Time{}, nil
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return time.Time{}, fmt.Errorf("SOURCE_DATE_EPOCH=%q: want seconds since 1970", s)
	}
	return time.Unix(n, 0).UTC(), nil
}

func printDiagnostics(w io.Writer, ds book.Diagnostics) {
	ds.Sort()
	for _, d := range ds {
		kind := "warning"
		if d.Severity == book.Error {
			kind = "error"
		}
		if d.At.File != "" {
			fmt.Fprintf(w, "%s: %s: %s\n", d.At, kind, d.Msg)
		} else {
			fmt.Fprintf(w, "%s: %s\n", kind, d.Msg)
		}
	}
}

func printSummary(w io.Writer, r *build.Result, took time.Duration) {
	b := r.Book
	fmt.Fprintf(w, "%s: %d chapters, %d characters", b.Meta.Title, len(b.Chapters), r.Chars)
	if r.Pages > 0 {
		fmt.Fprintf(w, ", %d PDF pages", r.Pages)
	}
	fmt.Fprintf(w, ", %d warnings", len(r.Diagnostics))
	if s := build.Summary(r.Stats); s != "" {
		fmt.Fprintf(w, "; %s", s)
	}
	fmt.Fprintf(w, " (%.2fs)\n", took.Seconds())
	if r.EPUBPath != "" {
		fmt.Fprintf(w, "  %s  %s\n", r.EPUBPath, human(r.EPUBSize))
	}
	if r.PDFPath != "" {
		fmt.Fprintf(w, "  %s  %s\n", r.PDFPath, human(r.PDFSize))
	}
}

// human formats a file size in decimal units (1 MB = 10⁶ bytes), as the size targets and
// `make bench` state them.
func human(n int64) string {
	switch {
	case n >= 1e6:
		return fmt.Sprintf("%.2f MB", float64(n)/1e6)
	case n >= 1e3:
		return fmt.Sprintf("%.0f kB", float64(n)/1e3)
	}
	return fmt.Sprintf("%d B", n)
}

// pinyinFlag is --pinyin: alone it means "true", --pinyin=rare asks for rare characters only.
type pinyinFlag struct{ v *string }

func (f pinyinFlag) String() string {
	if f.v == nil {
		return ""
	}
	return *f.v
}

func (f pinyinFlag) Set(s string) error { *f.v = s; return nil }

func (pinyinFlag) IsBoolFlag() bool { return true }
