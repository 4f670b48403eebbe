package build_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"cjkbook/book/build"
	"cjkbook/book/internal/testenv"
)

// TestCalibreAZW3 converts the seed's and the rich test book's EPUB to AZW3 with Calibre's
// ebook-convert, as a Kindle user would: page markers and accessibility markup must not
// break the conversion.
func TestCalibreAZW3(t *testing.T) {
	conv := testenv.Tool(t, "ebook-convert")
	root := testenv.RepoRoot(t)
	for _, src := range []string{filepath.Join(root, "source"), filepath.Join(root, "book", "build", "testdata", "books", "rich")} {
		out := t.TempDir()
		res, err := build.Run(context.Background(), build.Options{Src: src, Out: out, EPUB: true})
		if err != nil {
			t.Fatal(err)
		}
		azw3 := filepath.Join(out, "book.azw3")
		cmd := exec.Command(conv, res.EPUBPath, azw3)
		cmd.Env = append(os.Environ(), "QTWEBENGINE_CHROMIUM_FLAGS=--no-sandbox", "CALIBRE_CONFIG_DIRECTORY="+t.TempDir())
		log, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("ebook-convert %s: %v\n%s", filepath.Base(res.EPUBPath), err, log)
		}
		st, err := os.Stat(azw3)
		if err != nil || st.Size() < 10_000 {
			t.Fatalf("no AZW3 written for %s: %v", src, err)
		}
		if strings.Contains(string(log), "Traceback") {
			t.Errorf("ebook-convert reported a traceback:\n%s", log)
		}
		t.Logf("%s → AZW3 %d bytes", filepath.Base(res.EPUBPath), st.Size())
	}
}
