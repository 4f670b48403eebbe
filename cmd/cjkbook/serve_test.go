package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"cjkbook/book/project"
)

// TestMain lets a test start the command as a real process: the test binary re-executed with
// CJKBOOK_RUN_MAIN=1 is cjkbook.
func TestMain(m *testing.M) {
	if os.Getenv("CJKBOOK_RUN_MAIN") == "1" {
		os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
	}
	os.Exit(m.Run())
}

// patience is how long a test waits for the process before failing; nothing is timed.
const patience = 90 * time.Second

// proc is a cjkbook process whose stdout and stderr are read line by line.
type proc struct {
	cmd      *exec.Cmd
	lines    chan string // stdout
	errLines chan string // stderr
	mu       sync.Mutex
	stderr   bytes.Buffer
	done     chan struct{}
	readers  sync.WaitGroup
}

// startCLI runs `cjkbook args…` as a child process with TMPDIR set to tmp.
func startCLI(t *testing.T, tmp string, args ...string) *proc {
	t.Helper()
	p := &proc{cmd: exec.Command(os.Args[0], args...), lines: make(chan string, 256), errLines: make(chan string, 256), done: make(chan struct{})}
	p.cmd.Env = append(os.Environ(), "CJKBOOK_RUN_MAIN=1", "TMPDIR="+tmp)
	out, err := p.cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	errOut, err := p.cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := p.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	p.readers.Go(func() {
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			p.lines <- sc.Text()
		}
		close(p.lines)
	})
	p.readers.Go(func() {
		sc := bufio.NewScanner(errOut)
		for sc.Scan() {
			p.mu.Lock()
			p.stderr.WriteString(sc.Text() + "\n")
			p.mu.Unlock()
			select {
			case p.errLines <- sc.Text():
			default: // nobody is waiting for stderr lines; the buffer keeps them
			}
		}
		close(p.errLines)
	})
	t.Cleanup(func() {
		select {
		case <-p.done:
		default:
			_ = p.cmd.Process.Kill()
			p.readers.Wait()
			_ = p.cmd.Wait() // killed: the error says so
		}
	})
	return p
}

func (p *proc) errText() string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.stderr.String()
}

// waitLine reads stdout until a line matches re and returns its submatches.
func (p *proc) waitLine(t *testing.T, re string) []string {
	t.Helper()
	return p.wait(t, p.lines, re)
}

// waitErrLine reads stderr until a line matches re.
func (p *proc) waitErrLine(t *testing.T, re string) []string {
	t.Helper()
	return p.wait(t, p.errLines, re)
}

func (p *proc) wait(t *testing.T, lines chan string, re string) []string {
	t.Helper()
	rx := regexp.MustCompile(re)
	timeout := time.After(patience)
	for {
		select {
		case l, ok := <-lines:
			if !ok {
				t.Fatalf("process ended before printing /%s/; stderr:\n%s", re, p.errText())
			}
			if m := rx.FindStringSubmatch(l); m != nil {
				return m
			}
		case <-timeout:
			t.Fatalf("no line /%s/; stderr:\n%s", re, p.errText())
		}
	}
}

// interrupt sends SIGINT (Ctrl-C) and returns the exit code.
func (p *proc) interrupt(t *testing.T) int {
	t.Helper()
	if err := p.cmd.Process.Signal(syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	exited := make(chan struct{})
	go func() {
		p.readers.Wait() // all output read before Wait closes the pipes
		_ = p.cmd.Wait() // a non-zero exit is an error; the caller checks the code
		close(exited)
	}()
	select {
	case <-exited:
		close(p.done)
		return p.cmd.ProcessState.ExitCode()
	case <-time.After(patience):
		t.Fatal("the process did not stop on SIGINT")
	}
	return -1
}

// newStarterBook writes the `cjkbook init` book into a temporary folder.
func newStarterBook(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "样书")
	if _, err := project.Init(dir, project.Options{Title: "预览"}); err != nil {
		t.Fatal(err)
	}
	return dir
}

// saveFile replaces a file as editors do: a hidden temporary file renamed over it.
func saveFile(t *testing.T, path, content string) {
	t.Helper()
	tmp := filepath.Join(filepath.Dir(path), ".save-"+filepath.Base(path))
	if err := os.WriteFile(tmp, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, path); err != nil {
		t.Fatal(err)
	}
}

// buildGen reads the preview's build generation from its status.
func buildGen(t *testing.T, base string) (gen int, ready bool) {
	t.Helper()
	resp, err := http.Get(base + "_/status.json")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var st struct {
		Gen   int  `json:"gen"`
		Ready bool `json:"ready"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&st); err != nil {
		t.Fatal(err)
	}
	return st.Gen, st.Ready
}

// TestServeStopsOnCtrlC runs `cjkbook serve` as a process on a free port, checks it serves
// the book from loopback, sends SIGINT and expects exit 0 with its cache folder removed.
func TestServeStopsOnCtrlC(t *testing.T) {
	src := newStarterBook(t)
	tmp := t.TempDir()
	p := startCLI(t, tmp, "serve", "--port", "0", src)
	url := p.waitLine(t, `Serving .* at (http://127\.0\.0\.1:\d+/)`)[1]
	p.waitLine(t, `built 预览`)
	if gen, ready := buildGen(t, url); gen != 1 || !ready {
		t.Errorf("status gen=%d ready=%v after the first build", gen, ready)
	}
	resp, err := http.Get(url + "_/events") // an open page must not delay the stop
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if code := p.interrupt(t); code != 0 {
		t.Fatalf("exit %d after SIGINT; stderr:\n%s", code, p.errText())
	}
	p.waitLine(t, `^Stopped\.$`)
	if left, _ := os.ReadDir(tmp); len(left) > 0 {
		t.Errorf("left in TMPDIR: %v", left)
	}
	if _, err := os.Stat(filepath.Join(src, "out")); !os.IsNotExist(err) {
		t.Errorf("serve wrote into the manuscript's out/ (%v)", err)
	}
}

// TestServeErrors covers the refusals: a port in use, a bad port, a missing source.
func TestServeErrors(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = ln.Close() }()
	busy := fmt.Sprint(ln.Addr().(*net.TCPAddr).Port)
	src := newStarterBook(t)
	tests := []struct {
		name   string
		args   []string
		code   int
		stderr string
	}{
		{"port in use", []string{"serve", "--port", busy, src}, 1, "port " + busy + " on 127.0.0.1 is already in use"},
		{"bad port", []string{"serve", "--port", "70000", src}, 2, "want 0..65535"},
		{"missing source", []string{"serve", "--port", "0", filepath.Join(src, "nope")}, 1, "no such file"},
		{"two sources", []string{"serve", src, src}, 2, "one SRC expected"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out, errb bytes.Buffer
			if code := run(tt.args, &out, &errb); code != tt.code || !strings.Contains(errb.String(), tt.stderr) {
				t.Errorf("exit %d (want %d), stderr %q (want %q)", code, tt.code, errb.String(), tt.stderr)
			}
		})
	}
}

// TestBuildWatch runs `cjkbook build --watch`: it builds out/, rebuilds after an edit, keeps
// going after a broken edit, and stops on SIGINT.
func TestBuildWatch(t *testing.T) {
	src := newStarterBook(t)
	out := filepath.Join(src, "out") // inside the watched folder: its writes must not loop
	p := startCLI(t, t.TempDir(), "build", "--watch", "-o", out, src)
	p.waitLine(t, `watching`)
	pdf := filepath.Join(out, "预览.pdf")
	first, err := os.Stat(pdf)
	if err != nil {
		t.Fatal(err)
	}
	chapter := filepath.Join(src, "02-散文.txt")
	old, _ := os.ReadFile(chapter)
	saveFile(t, chapter, string(old)+"\n　　又添了一段，书应当重排。\n")
	p.waitLine(t, `预览: 2 chapters`)
	p.waitLine(t, `watching`)
	if st, err := os.Stat(pdf); err != nil || st.ModTime().Equal(first.ModTime()) && st.Size() == first.Size() {
		t.Errorf("the PDF was not rebuilt (%v)", err)
	}
	saveFile(t, filepath.Join(src, "book.toml"), "title = \n")
	p.waitErrLine(t, `build failed`)
	if code := p.interrupt(t); code != 0 {
		t.Fatalf("exit %d after SIGINT; stderr:\n%s", code, p.errText())
	}
	if !strings.Contains(p.errText(), "book.toml:1") {
		t.Errorf("the broken book.toml was not reported with its line: %s", p.errText())
	}
}
