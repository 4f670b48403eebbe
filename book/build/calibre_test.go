package build_test

import (
	"bytes"
	"context"
	be "encoding/binary"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"cjkbook/book/build"
	"cjkbook/book/internal/testenv"
)

// TestCalibreAZW3 converts the EPUBs of the seed, the seed as a vertical Traditional book
// and the rich test book to AZW3 with Calibre's ebook-convert, as a Kindle user would: page
// markers and accessibility markup must not break the conversion, and the Kindle book
// records the writing mode (EXTH 525 primary-writing-mode: vertical-rl for the vertical
// book with page-progression-direction rtl, none or horizontal for the others).
func TestCalibreAZW3(t *testing.T) {
	conv := testenv.Tool(t, "ebook-convert")
	root := testenv.RepoRoot(t)
	for _, b := range []struct {
		src      string
		opts     build.Options
		vertical bool
	}{
		{src: filepath.Join(root, "source")},
		{src: filepath.Join(root, "source"), opts: build.Options{Vertical: true, Script: "traditional"}, vertical: true},
		{src: filepath.Join(root, "book", "build", "testdata", "books", "rich")},
	} {
		out := t.TempDir()
		o := b.opts
		o.Src, o.Out, o.EPUB = b.src, out, true
		res, err := build.Run(context.Background(), o)
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
			t.Fatalf("no AZW3 written for %s: %v", b.src, err)
		}
		if strings.Contains(string(log), "Traceback") {
			t.Errorf("ebook-convert reported a traceback:\n%s", log)
		}
		data, err := os.ReadFile(azw3)
		if err != nil {
			t.Fatal(err)
		}
		recs := exth(data)
		mode, dir := string(recs[525]), string(recs[527])
		if b.vertical && dir != "rtl" {
			t.Errorf("%s: the AZW3 records page progression %q, want rtl", filepath.Base(res.EPUBPath), dir)
		}
		if want := map[bool]string{true: "vertical-rl"}[b.vertical]; mode != want && (b.vertical || !strings.HasPrefix(mode, "horizontal")) {
			t.Errorf("%s: the AZW3 records writing mode %q, want %q", filepath.Base(res.EPUBPath), mode, want)
		}
		t.Logf("%s → AZW3 %d bytes, writing mode %q", filepath.Base(res.EPUBPath), st.Size(), mode)
	}
}

// exth returns the EXTH records of the first MOBI header of a Kindle book by type (525:
// primary-writing-mode, 527: page-progression-direction), or nil when it has none.
func exth(book []byte) map[uint32][]byte {
	at := bytes.Index(book, []byte("EXTH"))
	if at < 0 || at+12 > len(book) {
		return nil
	}
	recs := map[uint32][]byte{}
	n := be.BigEndian.Uint32(book[at+8:])
	p := at + 12
	for i := uint32(0); i < n && p+8 <= len(book); i++ {
		kind, size := be.BigEndian.Uint32(book[p:]), int(be.BigEndian.Uint32(book[p+4:]))
		if size < 8 || p+size > len(book) {
			break
		}
		recs[kind] = book[p+8 : p+size]
		p += size
	}
	return recs
}
