package build_test

import (
	"bytes"
	"context"
	"errors"
	"image"
	"image/color"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"cjkbook/book/build"
	"cjkbook/book/internal/testenv"
	"cjkbook/book/internal/testzip"
)

// badCase is a manuscript that must fail (or warn) with a clear message and never panic.
type badCase struct {
	name   string
	setup  func(t *testing.T, dir string) (src, out string)
	fail   bool     // non-zero exit and no books written
	stderr []string // substrings the message must contain
}

func write(t *testing.T, path string, data []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

func srcWith(files map[string]string) func(t *testing.T, dir string) (string, string) {
	return func(t *testing.T, dir string) (string, string) {
		src := filepath.Join(dir, "src")
		if err := os.MkdirAll(src, 0o755); err != nil {
			t.Fatal(err)
		}
		for name, body := range files {
			write(t, filepath.Join(src, name), []byte(body))
		}
		return src, filepath.Join(dir, "out")
	}
}

func pngOf(w, h int) []byte {
	img := image.NewGray(image.Rect(0, 0, w, h))
	for x := 0; x < w; x += 7 {
		img.SetGray(x, h/2, color.Gray{Y: 200})
	}
	var buf bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.BestSpeed}
	if err := enc.Encode(&buf, img); err != nil {
		panic(err) // a bytes.Buffer does not fail
	}
	return buf.Bytes()
}

// oleFile starts like an OLE compound file: a legacy .doc, or an encrypted .docx.
const oleFile = "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1" + "\x00\x00\x00\x00\x00\x00\x00\x00"

func TestBadInput(t *testing.T) {
	cases := []badCase{
		{"empty folder", srcWith(nil), true, []string{"src", "no .txt, .md, .docx or .html"}},
		{"empty file", srcWith(map[string]string{"a.txt": ""}), true, []string{"a.txt", "empty"}},
		{"blank file", srcWith(map[string]string{"a.txt": " \n\t\n\u3000\n"}), true, []string{"a.txt"}},
		{"binary named .txt", func(t *testing.T, dir string) (string, string) {
			b := make([]byte, 4096)
			for i := range b {
				b[i] = byte(i * 7)
			}
			write(t, filepath.Join(dir, "src", "a.txt"), b)
			return filepath.Join(dir, "src"), filepath.Join(dir, "out")
		}, true, []string{"a.txt", "byte offset"}},
		{"invalid UTF-8 in valid text", srcWith(map[string]string{"a.txt": "第一章 开始\n好的文字\xff\xfe坏的\n"}), true, []string{"a.txt", "byte offset 29", "line 2"}},
		{"unknown book.toml key", srcWith(map[string]string{"a.txt": "你好。\n", "book.toml": "title = \"书\"\nautor = \"某\"\n"}), true, []string{"book.toml:2", `unknown key "autor"`}},
		{"book.toml syntax", srcWith(map[string]string{"a.txt": "你好。\n", "book.toml": "title = \"书\n"}), true, []string{"book.toml:1"}},
		{"missing font", srcWith(map[string]string{"a.txt": "你好。\n", "book.toml": "font = \"nope.ttf\"\n"}), true, []string{"nope.ttf", "no such file"}},
		{"corrupt font", srcWith(map[string]string{"a.txt": "你好。\n", "book.toml": "font = \"x.ttf\"\n", "x.ttf": "\x00\x01\x00\x00\x00\x03garbage-garbage-garbage"}), true, []string{"x.ttf", "TrueType"}},
		{"CFF font", srcWith(map[string]string{"a.txt": "你好。\n", "book.toml": "font = \"x.otf\"\n", "x.otf": "OTTO" + strings.Repeat("\x00", 64)}), true, []string{"x.otf", "CFF", ".ttf"}},
		{"TTC font", srcWith(map[string]string{"a.txt": "你好。\n", "book.toml": "font = \"x.ttc\"\n", "x.ttc": "ttcf" + strings.Repeat("\x00", 64)}), true, []string{"x.ttc", "collection"}},
		{"legacy .doc", srcWith(map[string]string{"a.doc": oleFile}), true, []string{"a.doc", "save it as .docx"}},
		{"password-protected .docx", srcWith(map[string]string{"a.docx": oleFile + "E\x00n\x00c\x00r\x00y\x00p\x00t\x00e\x00d\x00P\x00a\x00c\x00k\x00a\x00g\x00e\x00"}), true, []string{"a.docx", "remove the password"}},
		{"corrupt .docx", srcWith(map[string]string{"a.docx": "PK\x03\x04 truncated"}), true, []string{"a.docx", "not a zip archive"}},
		{"zip-bomb .docx", func(t *testing.T, dir string) (string, string) {
			bomb := testzip.Of(t, "word/document.xml", strings.Repeat(" ", 65<<20)) // 64 KB that inflate past the 64 MB cap
			return srcWith(map[string]string{"a.docx": string(bomb)})(t, dir)
		}, true, []string{"a.docx", "zip bomb"}},
		{".docx with a DTD", func(t *testing.T, dir string) (string, string) {
			doc := testzip.Of(t, "word/document.xml", `<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY x SYSTEM "file:///etc/passwd">]><w:document/>`)
			return srcWith(map[string]string{"a.docx": string(doc)})(t, dir)
		}, true, []string{"a.docx", "DTD"}},
		{"unknown chapter listed", srcWith(map[string]string{"a.txt": "你好。\n", "book.toml": "chapters = [\"b.txt\"]\n"}), true, []string{"b.txt"}},
		{"output folder not writable", func(t *testing.T, dir string) (string, string) {
			src, _ := srcWith(map[string]string{"a.txt": "你好。\n"})(t, dir)
			write(t, filepath.Join(dir, "file"), []byte("x"))
			return src, filepath.Join(dir, "file", "out")
		}, true, []string{"out"}},
		{"image not an image", srcWith(map[string]string{"a.md": "# 章\n\n文字。\n\n![图](a.png)\n", "a.png": "not a png at all"}), false, []string{"a.md:5", "not an image"}},
		{"image outside the folder", srcWith(map[string]string{"a.md": "# 章\n\n文字。\n\n![图](../x.png)\n"}), false, []string{"a.md:5", "outside"}},
		{"image through a symlink", func(t *testing.T, dir string) (string, string) {
			src, out := srcWith(map[string]string{"a.md": "# 章\n\n文字。\n\n![图](link.png)\n"})(t, dir)
			write(t, filepath.Join(dir, "secret.png"), pngOf(10, 10))
			if err := os.Symlink(filepath.Join(dir, "secret.png"), filepath.Join(src, "link.png")); err != nil {
				t.Skip(err)
			}
			return src, out
		}, false, []string{"a.md:5", "link.png"}},
		{"50-megapixel image", func(t *testing.T, dir string) (string, string) {
			src, out := srcWith(map[string]string{"a.md": "# 章\n\n文字。\n\n![大图](big.png)\n\n后文。\n"})(t, dir)
			write(t, filepath.Join(src, "big.png"), pngOf(8000, 6250))
			return src, out
		}, false, nil},
		{"20 MB without line breaks", func(t *testing.T, dir string) (string, string) {
			src, out := srcWith(nil)(t, dir)
			write(t, filepath.Join(src, "a.txt"), bytes.Repeat([]byte("天地玄黄，宇宙洪荒。"), 20<<20/30))
			return src, out
		}, false, nil},
		{"10,000 small files", func(t *testing.T, dir string) (string, string) {
			src, out := srcWith(nil)(t, dir)
			for i := 0; i < 10000; i++ {
				write(t, filepath.Join(src, strings.Repeat("0", 5-len(itoa(i)))+itoa(i)+".txt"), []byte("第"+itoa(i)+"篇\n\n春眠不觉晓，处处闻啼鸟。\n"))
			}
			return src, out
		}, false, nil},
		{"10,000 nested quotes", srcWith(map[string]string{"a.md": "# 章\n\n" + strings.Repeat(">", 10000) + " 深处的话。\n"}), false, []string{"a.md"}},
		{"10,000 nested lists", func(t *testing.T, dir string) (string, string) {
			var sb strings.Builder
			sb.WriteString("# 章\n\n")
			for i := 0; i < 10000; i++ {
				sb.WriteString(strings.Repeat("  ", i) + "- 项\n")
			}
			return srcWith(map[string]string{"a.md": sb.String()})(t, dir)
		}, false, []string{"a.md"}},
	}
	// stress names the big inputs, which run in the full tier only.
	stress := map[string]bool{"50-megapixel image": true, "20 MB without line breaks": true, "10,000 small files": true,
		"10,000 nested quotes": true, "10,000 nested lists": true}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if stress[tc.name] {
				testenv.Slow(t, "a stress input")
			}
			dir := t.TempDir()
			src, out := tc.setup(t, dir)
			start := time.Now()
			stdout, stderr, code := cjkbook(t, nil, "build", "-o", out, src)
			took := time.Since(start)
			if strings.Contains(stderr, "panic") || strings.Contains(stderr, "goroutine ") {
				t.Fatalf("panic:\n%s", stderr)
			}
			if tc.fail != (code != 0) {
				t.Fatalf("exit %d, want failure=%v\nstdout: %s\nstderr: %s", code, tc.fail, stdout, stderr)
			}
			for _, want := range tc.stderr {
				if !strings.Contains(stderr, want) {
					t.Errorf("message lacks %q:\n%s", want, stderr)
				}
			}
			books, _ := filepath.Glob(filepath.Join(out, "*"))
			if tc.fail && len(books) > 0 {
				t.Errorf("failed build left files: %v", books)
			}
			if !tc.fail && len(books) != 2 {
				t.Errorf("want an EPUB and a PDF, got %v", books)
			}
			t.Logf("exit %d in %v", code, took.Round(time.Millisecond))
		})
	}
}

func itoa(i int) string { return fmtInt(i) }

func fmtInt(i int) string {
	if i == 0 {
		return "0"
	}
	var b []byte
	for ; i > 0; i /= 10 {
		b = append([]byte{byte('0' + i%10)}, b...)
	}
	return string(b)
}

// TestAtomicOutput: a failing, cancelled or killed build leaves the previous books untouched
// and no temporary files behind.
func TestAtomicOutput(t *testing.T) {
	dir := t.TempDir()
	src, out := srcWith(map[string]string{"a.txt": "第一章 春\n\n春眠不觉晓，处处闻啼鸟。\n"})(t, dir)
	if _, stderr, code := cjkbook(t, nil, "build", "-o", out, src); code != 0 {
		t.Fatalf("first build: %s", stderr)
	}
	before := snapshot(t, out)
	if len(before) != 2 {
		t.Fatalf("want two books, got %v", before)
	}
	check := func(what string) {
		t.Helper()
		after := snapshot(t, out)
		if len(after) != len(before) {
			t.Errorf("%s: output folder now holds %v", what, keys(after))
		}
		for name, data := range before {
			if !bytes.Equal(after[name], data) {
				t.Errorf("%s: %s changed", what, name)
			}
		}
	}
	// 1. A build that fails after loading (bad font) keeps the old books.
	write(t, filepath.Join(src, "book.toml"), []byte("font = \"missing.ttf\"\n"))
	if _, _, code := cjkbook(t, nil, "build", "-o", out, src); code == 0 {
		t.Fatal("build with a missing font succeeded")
	}
	check("failed build")
	_ = os.Remove(filepath.Join(src, "book.toml"))

	// 2. A cancelled build (context cancelled while writing) keeps them too.
	write(t, filepath.Join(src, "a.txt"), bytes.Repeat([]byte("春眠不觉晓，处处闻啼鸟。夜来风雨声，花落知多少。\n"), 20000))
	ctx, cancel := context.WithCancel(context.Background())
	go func() { time.Sleep(50 * time.Millisecond); cancel() }()
	_, err := build.Run(ctx, build.Options{Src: src, Out: out})
	if !errors.Is(err, context.Canceled) {
		t.Logf("cancelled build returned %v (it may have finished first)", err)
	} else {
		check("cancelled build")
	}

	// 3. A killed process: SIGTERM midway, then SIGKILL midway; the next build sweeps leftovers.
	for _, sig := range []syscall.Signal{syscall.SIGTERM, syscall.SIGKILL} {
		cmd := exec.Command(binary(t), "build", "-o", out, src)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		waitForTemp(t, out)
		_ = cmd.Process.Signal(sig) // the process may have finished
		err := cmd.Wait()
		if err == nil {
			// It finished between the poll and the signal: its books are the new baseline.
			t.Logf("%v: build finished before the signal", sig)
			before = snapshot(t, out)
			continue
		}
		if sig == syscall.SIGTERM {
			check("SIGTERM")
		} else {
			for name, data := range before {
				if got := snapshot(t, out)[name]; !bytes.Equal(got, data) {
					t.Errorf("SIGKILL: %s changed", name)
				}
			}
		}
	}
	// The next good build replaces the books and leaves no temporary files.
	if _, stderr, code := cjkbook(t, nil, "build", "-o", out, src); code != 0 {
		t.Fatalf("rebuild: %s", stderr)
	}
	if after := snapshot(t, out); len(after) != 2 {
		t.Errorf("after rebuild the output folder holds %v", keys(after))
	}
}

// waitForTemp returns once a build has begun writing a temporary book into dir (or after
// 30 s), so that a signal sent next arrives while the books are being written.
func waitForTemp(t *testing.T, dir string) {
	t.Helper()
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(time.Millisecond) {
		ents, _ := os.ReadDir(dir)
		for _, e := range ents {
			if strings.HasPrefix(e.Name(), ".cjkbook-tmp-") {
				return
			}
		}
	}
	t.Logf("no temporary book appeared in %s", dir)
}

func snapshot(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	m := map[string][]byte{}
	ents, _ := os.ReadDir(dir)
	for _, e := range ents {
		data, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		m[e.Name()] = data
	}
	return m
}

func keys(m map[string][]byte) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}
