package preview

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"cjkbook/book/build"
	"cjkbook/book/project"
)

// wait is how long a test waits for a build or a file event before failing; nothing is
// measured against it.
const wait = 60 * time.Second

// newBook writes the `cjkbook init` starter book into a temporary folder.
func newBook(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "书")
	if _, err := project.Init(dir, project.Options{Title: "预览测试"}); err != nil {
		t.Fatal(err)
	}
	return dir
}

// writeAtomic replaces a file the way editors save (write a hidden temporary, rename), so one
// save is one event burst whatever the debounce.
func writeAtomic(t *testing.T, path, content string) {
	t.Helper()
	tmp := filepath.Join(filepath.Dir(path), ".tmp-"+filepath.Base(path))
	if err := os.WriteFile(tmp, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, path); err != nil {
		t.Fatal(err)
	}
}

// startServer runs Serve on a free loopback port and stops it when the test ends.
func startServer(t *testing.T, src string) (*Server, string) {
	t.Helper()
	return startServerWith(t, build.Options{Src: src})
}

// startServerWith is startServer with build options (vertical, script…).
func startServerWith(t *testing.T, bo build.Options) (*Server, string) {
	t.Helper()
	s, err := New(Options{Build: bo, Debounce: 20 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	ln, err := Listen("127.0.0.1", 0)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Serve(ctx, ln, nil) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("Serve: %v", err)
		}
		if _, err := os.Stat(s.cache); !os.IsNotExist(err) {
			t.Errorf("cache folder %s left behind (%v)", s.cache, err)
		}
	})
	return s, "http://" + ln.Addr().String()
}

// waitGen waits until gen builds have finished and returns the status.
func waitGen(t *testing.T, s *Server, gen int) status {
	t.Helper()
	timeout := time.After(wait)
	for {
		st, _, changed := s.current()
		if st.Gen >= gen && !st.Building {
			return st
		}
		select {
		case <-changed:
		case <-timeout:
			t.Fatalf("build %d did not finish (status %+v)", gen, st)
		}
	}
}

func get(t *testing.T, url string) (int, http.Header, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, resp.Header, string(b)
}

// TestServeLoop drives the writer's loop: build, edit, break the book, fix it.
func TestServeLoop(t *testing.T) {
	src := newBook(t)
	s, base := startServer(t, src)
	st := waitGen(t, s, 1)
	if st.Error != "" || !st.Ready || st.Title != "预览测试" {
		t.Fatalf("first build: %+v", st)
	}
	var titles []string
	for _, e := range st.TOC {
		if e.Depth == 0 {
			titles = append(titles, e.Title)
		}
	}
	if strings.Join(titles, "|") != "第一章 开篇|第二章　散文" {
		t.Errorf("TOC chapters = %q", titles)
	}

	steps := []struct {
		name      string
		file      string // written (relative to src) …
		content   func(old string) string
		wantError string // … then the status has this error ("" = a good build)
		wantText  string // and chapter 2 (the last good one) contains this
	}{
		{name: "edit a chapter", file: "02-散文.txt",
			content:  func(old string) string { return old + "\n　　春风又绿江南岸。\n" },
			wantText: "春风又绿江南岸"},
		{name: "broken book.toml keeps the last good book", file: "book.toml",
			content:   func(old string) string { return old + "\nno-such-key = 1\n" },
			wantError: `no-such-key`, wantText: "春风又绿江南岸"},
		{name: "fixed again", file: "book.toml",
			content:  func(old string) string { return strings.Replace(old, "\nno-such-key = 1\n", "\n", 1) },
			wantText: "春风又绿江南岸"},
		{name: "new chapter", file: "03-后记.md",
			content:  func(string) string { return "# 后记\n\n新的一章。\n" },
			wantText: "春风又绿江南岸"},
	}
	gen := st.Gen
	for _, step := range steps {
		t.Run(step.name, func(t *testing.T) {
			p := filepath.Join(src, filepath.FromSlash(step.file))
			old, _ := os.ReadFile(p)
			writeAtomic(t, p, step.content(string(old)))
			gen++
			st := waitGen(t, s, gen)
			gen = st.Gen
			if step.wantError == "" && st.Error != "" {
				t.Fatalf("build failed: %s", st.Error)
			}
			if !strings.Contains(st.Error, step.wantError) {
				t.Errorf("error = %q, want %q", st.Error, step.wantError)
			}
			code, _, body := get(t, base+"/book/EPUB/xhtml/ch002.xhtml")
			if code != 200 || !strings.Contains(body, step.wantText) {
				t.Errorf("chapter 2: %d, lacks %q", code, step.wantText)
			}
		})
	}
	if st := waitGen(t, s, gen); len(st.TOC) == 0 || st.TOC[len(st.TOC)-1].Title != "后记" {
		t.Errorf("the new chapter is not in the TOC: %+v", st.TOC)
	}
}

// TestEndpoints checks what each URL serves, with types fit for a browser.
func TestEndpoints(t *testing.T) {
	s, base := startServer(t, newBook(t))
	waitGen(t, s, 1)
	tests := []struct {
		path     string
		code     int
		ctype    string
		contains string
	}{
		{"/", 200, "text/html", "EventSource"},
		{"/_/status.json", 200, "application/json", `"ready":true`},
		{"/_/book.pdf", 200, "application/pdf", "%PDF-"},
		{"/_/book.epub", 200, "application/epub+zip", "mimetypeapplication/epub+zip"},
		{"/book/EPUB/xhtml/ch001.xhtml", 200, "application/xhtml+xml", "第一章"},
		{"/book/EPUB/css/book.css", 200, "text/css", "@font-face"},
		{"/book/EPUB/fonts/regular.ttf", 200, "font/ttf", ""},
		{"/book/EPUB/xhtml/ch999.xhtml", 404, "", ""},
		{"/favicon.ico", 404, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			code, h, body := get(t, base+tt.path)
			if code != tt.code {
				t.Fatalf("status %d, want %d", code, tt.code)
			}
			if !strings.HasPrefix(h.Get("Content-Type"), tt.ctype) {
				t.Errorf("Content-Type %q, want %q", h.Get("Content-Type"), tt.ctype)
			}
			if !strings.Contains(body, tt.contains) {
				t.Errorf("body lacks %q", tt.contains)
			}
		})
	}
}

// TestNoTraversal sends raw request lines (nothing cleans them on the way) for paths outside
// the book: every one is a 404 and never shows a file's content.
func TestNoTraversal(t *testing.T) {
	src := newBook(t)
	s, base := startServer(t, src)
	waitGen(t, s, 1)
	abs, _ := filepath.Abs(filepath.Join(src, "book.toml"))
	addr := strings.TrimPrefix(base, "http://")
	tests := []string{
		"/../../../../etc/passwd",
		"/book/../../../../etc/passwd",
		"/book/EPUB/../../book.toml",
		"/book/EPUB/../META-INF/container.xml",
		"/book/./EPUB/css/book.css",
		"/book/%2e%2e/%2e%2e/etc/passwd",
		"/book/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
		"/book/..%2f..%2fbook.toml",
		"/book/%252e%252e%252f%252e%252e%252fetc%252fpasswd",
		"/book/%252e%252e/book.toml",
		"/book/..%5c..%5cbook.toml",
		"/book//etc/passwd",
		"/book/%2fetc%2fpasswd",
		"/book" + abs,
		"/book/" + abs,
		"/%2e%2e/%2e%2e/etc/passwd",
		"/_/../book/EPUB/css/book.css",
		"/_/status.json/../../etc/passwd",
		"http://" + addr + "/book/../../etc/passwd",
		"/book/EPUB/xhtml/ch001.xhtml%00.png",
		"/book/EPUB/xhtml/ch001.xhtml/..",
	}
	for _, target := range tests {
		t.Run(target, func(t *testing.T) {
			conn, err := net.Dial("tcp", addr)
			if err != nil {
				t.Fatal(err)
			}
			defer func() { _ = conn.Close() }()
			fmt.Fprintf(conn, "GET %s HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n\r\n", target, addr)
			resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != http.StatusNotFound && resp.StatusCode != http.StatusBadRequest {
				t.Errorf("status %d, want 404", resp.StatusCode)
			}
			if resp.StatusCode == http.StatusBadRequest {
				t.Logf("rejected by net/http before the handler (400)")
			}
			for _, leak := range []string{"root:", "title =", "@font-face", "rootfile"} {
				if strings.Contains(string(body), leak) {
					t.Errorf("body leaks %q", leak)
				}
			}
		})
	}
}

// TestHostAndMethod: a loopback server answers only to local host names (DNS rebinding) and
// only to GET and HEAD.
func TestHostAndMethod(t *testing.T) {
	s, base := startServer(t, newBook(t))
	waitGen(t, s, 1)
	tests := []struct {
		method, host string
		code         int
	}{
		{"GET", strings.TrimPrefix(base, "http://"), 200},
		{"GET", "localhost:3000", 200},
		{"HEAD", "[::1]:3000", 200},
		{"GET", "evil.example:3000", 403},
		{"GET", "127.0.0.1.nip.io", 403},
		{"POST", "localhost", 405},
		{"DELETE", "localhost", 405},
	}
	for _, tt := range tests {
		t.Run(tt.method+" "+tt.host, func(t *testing.T) {
			req, _ := http.NewRequest(tt.method, base+"/_/status.json", nil)
			req.Host = tt.host
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != tt.code {
				t.Errorf("status %d, want %d", resp.StatusCode, tt.code)
			}
		})
	}
}

// TestEvents reads the event stream: the current state at once, then building and built.
func TestEvents(t *testing.T) {
	src := newBook(t)
	s, base := startServer(t, src)
	waitGen(t, s, 1)
	resp, err := http.Get(base + "/_/events")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if ct := resp.Header.Get("Content-Type"); ct != "text/event-stream" {
		t.Fatalf("Content-Type %q", ct)
	}
	events := make(chan string)
	go func() {
		sc := bufio.NewScanner(resp.Body)
		for sc.Scan() {
			if d, ok := strings.CutPrefix(sc.Text(), "data: "); ok {
				events <- d
			}
		}
		close(events)
	}()
	next := func() (gen int, building bool) {
		t.Helper()
		select {
		case d, ok := <-events:
			if !ok {
				t.Fatal("event stream ended")
			}
			var e struct {
				Gen      int
				Building bool
			}
			if err := json.Unmarshal([]byte(d), &e); err != nil {
				t.Fatalf("event %q: %v", d, err)
			}
			return e.Gen, e.Building
		case <-time.After(wait):
			t.Fatal("no event")
		}
		return 0, false
	}
	if gen, building := next(); gen != 1 || building {
		t.Fatalf("first event gen=%d building=%v, want 1, false", gen, building)
	}
	writeAtomic(t, filepath.Join(src, "01-开篇.md"), "# 改过的开篇\n\n新的文字。\n")
	var sawBuilding bool
	for {
		gen, building := next()
		sawBuilding = sawBuilding || building
		if gen == 2 && !building {
			break
		}
	}
	if !sawBuilding {
		t.Error("no building event before the rebuild finished")
	}
}

func TestListenPortInUse(t *testing.T) {
	ln, err := Listen("127.0.0.1", 0)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = ln.Close() }()
	port := ln.Addr().(*net.TCPAddr).Port
	_, err = Listen("127.0.0.1", port)
	if err == nil || !strings.Contains(err.Error(), "already in use") || !strings.Contains(err.Error(), "--port") {
		t.Errorf("second Listen on %d: %v, want a clear 'already in use' error", port, err)
	}
}

// TestBuildErrorFirst: a book that never built shows its error and serves no chapter.
func TestBuildErrorFirst(t *testing.T) {
	src := newBook(t)
	if err := os.WriteFile(filepath.Join(src, "book.toml"), []byte("title = \n"), 0o644); err != nil {
		t.Fatal(err)
	}
	s, base := startServer(t, src)
	st := waitGen(t, s, 1)
	if st.Error == "" || st.Ready || !strings.Contains(st.Error, "book.toml:1") {
		t.Errorf("status %+v, want the TOML error with its line and no book", st)
	}
	for _, p := range []string{"/_/book.pdf", "/book/EPUB/xhtml/ch001.xhtml"} {
		if code, _, _ := get(t, base+p); code != 404 {
			t.Errorf("%s: %d before any good build, want 404", p, code)
		}
	}
	if code, _, body := get(t, base+"/"); code != 200 || !strings.Contains(body, "Build failed") {
		t.Errorf("page: %d", code)
	}
}
