package preview

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"
)

func TestRelevant(t *testing.T) {
	root := t.TempDir()
	out := filepath.Join(root, "out")
	w, err := NewWatcher(WatchOptions{Src: root, Ignore: []string{out}})
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = w.Close() }()
	tests := []struct {
		rel  string
		want bool
	}{
		{"01-序.md", true},
		{"02-春.txt", true},
		{"book.toml", true},
		{"img/图.png", true},
		{"img/photo.JPG", true},
		{"fonts/Extra.ttf", true},
		{"notes.markdown", true},
		{"out/书.epub", false},
		{"out/书.pdf", false},
		{"out/sub/x.md", false},
		{".git/index", false},
		{".git/x.md", false},
		{".01-序.md.swp", false},
		{"01-序.md.swp", false},
		{"01-序.md~", false},
		{".#01-序.md", false},
		{"#01-序.md#", false},
		{"4913", false},
		{"书.epub", false},
		{"outline.md", true},
		{"../elsewhere.md", false},
	}
	for _, tt := range tests {
		t.Run(tt.rel, func(t *testing.T) {
			if got := w.Relevant(filepath.Join(root, filepath.FromSlash(tt.rel))); got != tt.want {
				t.Errorf("Relevant(%s) = %v, want %v", tt.rel, got, tt.want)
			}
		})
	}
}

func TestRelevantSingleFile(t *testing.T) {
	root := t.TempDir()
	src := filepath.Join(root, "文章.md")
	if err := os.WriteFile(src, []byte("# 文章\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	w, err := NewWatcher(WatchOptions{Src: src})
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = w.Close() }()
	tests := []struct {
		rel  string
		want bool
	}{
		{"文章.md", true},
		{"img/图.png", true},
		{"另一篇.md", false},
		{"笔记.txt", false},
		{"book.toml", false},
	}
	for _, tt := range tests {
		if got := w.Relevant(filepath.Join(root, filepath.FromSlash(tt.rel))); got != tt.want {
			t.Errorf("Relevant(%s) = %v, want %v", tt.rel, got, tt.want)
		}
	}
}

// TestWatchReports makes ignored changes before each relevant one and checks that the
// report names only the relevant files (no absence is timed).
func TestWatchReports(t *testing.T) {
	root := t.TempDir()
	out := filepath.Join(root, "out")
	if err := os.MkdirAll(out, 0o755); err != nil {
		t.Fatal(err)
	}
	w, err := NewWatcher(WatchOptions{Src: root, Ignore: []string{out}, Debounce: 10 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = w.Close() }()
	ctx, cancel := context.WithCancel(context.Background())
	reports := make(chan []string, 16)
	done := make(chan error, 1)
	go func() { done <- w.Run(ctx, func(c []string) { reports <- c }) }()
	defer func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("Run: %v", err)
		}
	}()
	write := func(rel string) {
		p := filepath.Join(root, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	steps := []struct {
		name    string
		ignored []string
		write   string
	}{
		{"chapter", []string{"out/书.pdf", ".swp"}, "01.md"},
		{"book.toml", []string{"out/书.epub"}, "book.toml"},
		{"image in a new folder", []string{"notes.doc"}, "img/新/图.png"},
		{"file in the new folder", nil, "img/新/图2.png"},
	}
	relevant := map[string]bool{} // written so far: a late event may report one again
	for _, st := range steps {
		t.Run(st.name, func(t *testing.T) {
			for _, ig := range st.ignored {
				write(ig)
			}
			write(st.write)
			want := filepath.Join(root, filepath.FromSlash(st.write))
			relevant[want] = true
			for {
				select {
				case got := <-reports:
					for _, p := range got {
						if !relevant[p] {
							t.Errorf("reported %s, which is ignored", p)
						}
					}
					if slices.Contains(got, want) {
						return
					}
				case <-time.After(wait):
					t.Fatalf("%s: no report", st.write)
				}
			}
		})
	}
}

func TestSafeName(t *testing.T) {
	tests := []struct {
		name string
		want bool
	}{
		{"EPUB/xhtml/ch001.xhtml", true},
		{"mimetype", true},
		{"../x", false},
		{"EPUB/../x", false},
		{"/etc/passwd", false},
		{`EPUB\..\x`, false},
		{"EPUB//x", false},
		{"./EPUB/x", false},
		{"", false},
		{"EPUB/", false},
	}
	for _, tt := range tests {
		if got := safeName(tt.name); got != tt.want {
			t.Errorf("safeName(%q) = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestResolve(t *testing.T) {
	tests := []struct{ dir, href, want string }{
		{"EPUB", "xhtml/ch001.xhtml", "EPUB/xhtml/ch001.xhtml"},
		{"EPUB", "xhtml/ch002.xhtml#s1", "EPUB/xhtml/ch002.xhtml#s1"},
		{"EPUB/xhtml", "../css/book.css", "EPUB/css/book.css"},
		{"EPUB", "xhtml/%E5%BA%8F.xhtml", "EPUB/xhtml/序.xhtml"},
		{".", "nav.xhtml", "nav.xhtml"},
		{"EPUB", "#toc", "#toc"},
	}
	for _, tt := range tests {
		if got := resolve(tt.dir, tt.href); got != tt.want {
			t.Errorf("resolve(%q, %q) = %q, want %q", tt.dir, tt.href, got, tt.want)
		}
	}
}
