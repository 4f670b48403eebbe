// Package preview is the writer's loop behind `cjkbook serve`: it builds the book into a
// private cache folder, watches the manuscript (fsnotify) and rebuilds on change, and serves a
// page that shows the table of contents, each chapter as the EPUB's own XHTML and stylesheet
// (fonts included, served out of the built EPUB), the current PDF and the build's warnings
// with file:line. Open pages reload by themselves through server-sent events.
//
// Only files of the last good build are served: a request names an exact member of the
// EPUB archive or one of the few page endpoints, so there is nothing to traverse. A failed
// build is shown on the page while the last good books stay available.
package preview

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"sync"
	"syscall"
	"time"

	"cjkbook/book"
	"cjkbook/book/build"
)

// DefaultPort is the port `cjkbook serve` listens on unless told otherwise.
const DefaultPort = 3000

// Options configure a preview Server.
type Options struct {
	// Build holds the manuscript (Build.Src) and the build flags. Build.Out is ignored: the
	// server builds into its own temporary folder and never touches the user's out/.
	Build build.Options
	// Debounce is the quiet time that ends a burst of file events; 0 means DefaultDebounce.
	Debounce time.Duration
	// Log receives one line per build; nil discards them.
	Log io.Writer
}

// Server builds a book, keeps the last good EPUB and PDF in memory and serves the preview.
type Server struct {
	o        Options
	cache    string // private build folder, removed by Close
	loopback bool   // set by Serve: only loopback Host headers are accepted

	mu      sync.Mutex
	st      status
	good    *snapshot     // last good build, nil before the first one
	changed chan struct{} // closed and replaced whenever st changes
	closing chan struct{} // closed by Close: event streams end
	closed  bool

	trigger chan struct{} // coalesced rebuild requests
}

// snapshot is a good build: everything the preview serves.
type snapshot struct {
	epub     *epubFiles
	pdf      []byte
	pdfName  string
	epubData []byte
	epubName string
	modified time.Time
}

// status is what the page shows, sent as /_/status.json.
type status struct {
	Gen         int        `json:"gen"`      // counts finished builds, good or failed
	Building    bool       `json:"building"` // a build is running
	Title       string     `json:"title"`
	Error       string     `json:"error,omitempty"` // the last build failed: why (the books shown are older)
	BuiltAt     string     `json:"builtAt,omitempty"`
	Seconds     float64    `json:"seconds"`
	Chapters    int        `json:"chapters"`
	Pages       int        `json:"pages"`
	Chars       int        `json:"chars"`
	TOC         []TOCEntry `json:"toc"`
	Diagnostics []diag     `json:"diagnostics"`
	Font        string     `json:"font,omitempty"` // URL of the EPUB's regular font, for the page's own text
	Ready       bool       `json:"ready"`          // a good build exists: chapters, PDF and EPUB can be fetched
}

// diag is a build warning or error as the page lists it.
type diag struct {
	File  string `json:"file"`
	Line  int    `json:"line"`
	Error bool   `json:"error"`
	Msg   string `json:"msg"`
}

// New prepares a server for o.Build.Src; call Serve to build, watch and listen, or Build and
// ServeHTTP to drive it yourself. Close removes its temporary folder.
func New(o Options) (*Server, error) {
	if o.Build.Src == "" {
		return nil, errors.New("preview: no manuscript given")
	}
	if _, err := os.Stat(o.Build.Src); err != nil {
		return nil, fmt.Errorf("preview: source %s: %w", o.Build.Src, err)
	}
	if o.Log == nil {
		o.Log = io.Discard
	}
	cache, err := os.MkdirTemp("", "cjkbook-serve-")
	if err != nil {
		return nil, fmt.Errorf("preview: cache folder: %w", err)
	}
	s := &Server{o: o, cache: cache, changed: make(chan struct{}), closing: make(chan struct{}), trigger: make(chan struct{}, 1)}
	s.st.TOC, s.st.Diagnostics = []TOCEntry{}, []diag{}
	return s, nil
}

// Close ends open event streams and removes the server's temporary build folder.
func (s *Server) Close() error {
	s.stopStreams()
	if err := os.RemoveAll(s.cache); err != nil {
		return fmt.Errorf("preview: remove cache folder: %w", err)
	}
	return nil
}

// stopStreams ends the open event streams (idempotent).
func (s *Server) stopStreams() {
	s.mu.Lock()
	if !s.closed {
		s.closed = true
		close(s.closing)
	}
	s.mu.Unlock()
}

// update changes the status under the lock and wakes every event stream.
func (s *Server) update(fn func(st *status)) {
	s.mu.Lock()
	fn(&s.st)
	close(s.changed)
	s.changed = make(chan struct{})
	s.mu.Unlock()
}

// current returns a copy of the status, the last good build and a channel closed on the next change.
func (s *Server) current() (status, *snapshot, <-chan struct{}) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.st, s.good, s.changed
}

// Build builds the book once and publishes the result: on success the new books replace the
// old ones; on failure the error is shown and the last good books stay. It returns the
// build's error.
func (s *Server) Build(ctx context.Context) error {
	s.update(func(st *status) { st.Building = true })
	start := time.Now()
	res, snap, err := s.build(ctx)
	took := time.Since(start)
	if ctx.Err() != nil {
		s.update(func(st *status) { st.Building = false })
		return ctx.Err()
	}
	var diags []diag
	var nwarn int
	if res != nil {
		ds := res.Diagnostics
		ds.Sort()
		for _, d := range ds {
			diags = append(diags, diag{File: s.relFile(d.At.File), Line: d.At.Line, Error: d.Severity == book.Error, Msg: d.Msg})
		}
		nwarn = len(ds)
	}
	s.mu.Lock()
	if snap != nil {
		s.good = snap
	}
	s.mu.Unlock()
	s.update(func(st *status) {
		st.Gen++
		st.Building = false
		st.Diagnostics = append([]diag{}, diags...)
		st.Seconds = took.Seconds()
		st.Error = ""
		if err != nil {
			st.Error = err.Error()
			var ds book.Diagnostics
			if errors.As(err, &ds) {
				st.Error = fmt.Sprintf("the build stopped at %d error(s), listed below", len(ds))
			}
			return
		}
		st.Ready = true
		st.BuiltAt = snap.modified.Format("15:04:05")
		st.Title = res.Book.Meta.Title
		st.Chapters, st.Pages, st.Chars = len(res.Book.Chapters), res.Pages, res.Chars
		st.TOC = snap.epub.toc
		st.Font = ""
		if snap.epub.font != "" {
			st.Font = "/book/" + snap.epub.font
		}
	})
	if err != nil {
		fmt.Fprintf(s.o.Log, "%s build failed (%.2fs): %v\n", time.Now().Format("15:04:05"), took.Seconds(), err)
	} else {
		fmt.Fprintf(s.o.Log, "%s built %s (%.2fs): %d chapters, %d PDF pages, %d warnings\n",
			time.Now().Format("15:04:05"), res.Book.Meta.Title, took.Seconds(), len(res.Book.Chapters), res.Pages, nwarn)
	}
	return err
}

// build runs one build into the cache folder and reads both books into memory.
func (s *Server) build(ctx context.Context) (res *build.Result, snap *snapshot, err error) {
	defer func() {
		if r := recover(); r != nil { // keep the server alive; report the crash as the build's error
			err = fmt.Errorf("internal error while building (please report): %v\n%s", r, debug.Stack())
		}
	}()
	o := s.o.Build
	o.Out = s.cache
	o.EPUB, o.PDF = true, true
	res, err = build.Run(ctx, o)
	if err != nil {
		return res, nil, err
	}
	defer func() { // the books are served from memory; Close removes the cache folder in any case
		_ = os.Remove(res.EPUBPath)
		_ = os.Remove(res.PDFPath)
	}()
	epubData, err := os.ReadFile(res.EPUBPath)
	if err != nil {
		return res, nil, fmt.Errorf("read built epub: %w", err)
	}
	pdfData, err := os.ReadFile(res.PDFPath)
	if err != nil {
		return res, nil, fmt.Errorf("read built pdf: %w", err)
	}
	files, err := readEPUB(epubData)
	if err != nil {
		return res, nil, err
	}
	name := build.FileName(res.Book.Meta.Title)
	return res, &snapshot{epub: files, pdf: pdfData, pdfName: name + ".pdf", epubData: epubData, epubName: name + ".epub", modified: time.Now()}, nil
}

// relFile shows a diagnostic's file relative to the manuscript folder.
func (s *Server) relFile(f string) string {
	if f == "" {
		return ""
	}
	base := s.o.Build.Src
	if st, err := os.Stat(base); err == nil && !st.IsDir() {
		base = filepath.Dir(base)
	}
	if ab, err := filepath.Abs(base); err == nil && filepath.IsAbs(f) {
		base = ab
	}
	if rel, err := filepath.Rel(base, f); err == nil && !strings.HasPrefix(rel, "..") {
		return filepath.ToSlash(rel)
	}
	return filepath.ToSlash(f)
}

// Rebuild asks for a build; requests made while one runs are merged into one more build.
func (s *Server) Rebuild() {
	select {
	case s.trigger <- struct{}{}:
	default:
	}
}

// Listen opens the preview's TCP listener on host:port; a port in use is reported as such.
// Port 0 picks a free port.
func Listen(host string, port int) (net.Listener, error) {
	addr := net.JoinHostPort(host, fmt.Sprint(port))
	ln, err := net.Listen("tcp", addr)
	if errors.Is(err, syscall.EADDRINUSE) {
		return nil, fmt.Errorf("preview: port %d on %s is already in use (another cjkbook serve?); choose another with --port %d", port, host, port+1)
	}
	if err != nil {
		return nil, fmt.Errorf("preview: listen on %s: %w", addr, err)
	}
	return ln, nil
}

// Serve builds the book, watches the manuscript and serves the preview on ln until ctx is
// done, then shuts down cleanly (open pages are disconnected, the build is cancelled, the
// cache folder is removed). ready, if not nil, is called once the watcher and the listener
// are up, before the first build.
func (s *Server) Serve(ctx context.Context, ln net.Listener, ready func()) error {
	defer func() { _ = s.Close() }() // Serve's own error says more
	if tcp, ok := ln.Addr().(*net.TCPAddr); ok {
		s.loopback = tcp.IP.IsLoopback()
	}
	w, err := NewWatcher(WatchOptions{Src: s.o.Build.Src, Ignore: []string{s.cache}, Debounce: s.o.Debounce})
	if err != nil {
		_ = ln.Close()
		return err
	}
	defer func() { _ = w.Close() }()

	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var wg sync.WaitGroup
	// Builder: the first build, then one per (merged) change.
	s.Rebuild()
	wg.Go(func() {
		for {
			select {
			case <-ctx.Done():
				return
			case <-s.trigger:
				_ = s.Build(ctx) // the outcome goes to the pages through the status
			}
		}
	})
	// Watcher: every burst of changes asks for a build.
	watchErr := make(chan error, 1)
	wg.Go(func() {
		watchErr <- w.Run(ctx, func(changed []string) {
			fmt.Fprintf(s.o.Log, "%s changed: %s\n", time.Now().Format("15:04:05"), s.shortList(changed))
			s.Rebuild()
		})
	})
	// HTTP: no write timeout, the event stream stays open.
	hs := &http.Server{Handler: s, ReadHeaderTimeout: 10 * time.Second}
	serveErr := make(chan error, 1)
	go func() { serveErr <- hs.Serve(ln) }()
	if ready != nil {
		ready()
	}

	var result error
	select {
	case <-ctx.Done():
	case err := <-serveErr:
		result = fmt.Errorf("preview: serve: %w", err)
	case err := <-watchErr:
		result = err
	}
	s.stopStreams() // so Shutdown does not wait for open pages
	sctx, scancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer scancel()
	if err := hs.Shutdown(sctx); err != nil && result == nil {
		result = fmt.Errorf("preview: shutdown: %w", err)
	}
	cancel()
	wg.Wait()
	return result
}

func (s *Server) shortList(paths []string) string {
	for i, p := range paths {
		paths[i] = s.relFile(p)
	}
	if len(paths) > 3 {
		return strings.Join(paths[:3], ", ") + fmt.Sprintf(" and %d more", len(paths)-3)
	}
	return strings.Join(paths, ", ")
}
