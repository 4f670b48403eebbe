package build

import (
	"archive/zip"
	"bytes"
	"cjkbook/book/internal/testzip"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"cjkbook/book"
	"cjkbook/book/load"
)

// TestEditionTime builds a book without SOURCE_DATE_EPOCH: dcterms:modified is the
// newest source file's time, the same book comes out of unchanged sources, and an edit
// dates the new edition.
func TestEditionTime(t *testing.T) {
	src, out := t.TempDir(), t.TempDir()
	files := map[string]string{
		"book.toml": "title = \"书\"\nauthor = \"某\"\n",
		"01.md":     "# 第一章\n\n春眠不觉晓。\n",
	}
	old := time.Date(2024, 3, 5, 6, 7, 8, 0, time.UTC)
	for name, text := range files {
		p := filepath.Join(src, name)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(p, old, old); err != nil {
			t.Fatal(err)
		}
	}
	build := func() []byte {
		t.Helper()
		res, err := Run(context.Background(), Options{Src: src, Out: out, EPUB: true})
		if err != nil {
			t.Fatal(err)
		}
		data, err := os.ReadFile(res.EPUBPath)
		if err != nil {
			t.Fatal(err)
		}
		return data
	}
	first := build()
	if !strings.Contains(opfOf(t, first), `<meta property="dcterms:modified">2024-03-05T06:07:08Z</meta>`) {
		t.Errorf("dcterms:modified is not the sources' time:\n%s", opfOf(t, first))
	}
	if again := build(); !bytes.Equal(first, again) {
		t.Error("unchanged sources gave a different book")
	}
	edited := old.Add(48 * time.Hour)
	if err := os.Chtimes(filepath.Join(src, "01.md"), edited, edited); err != nil {
		t.Fatal(err)
	}
	if opf := opfOf(t, build()); !strings.Contains(opf, `<meta property="dcterms:modified">2024-03-07T06:07:08Z</meta>`) {
		t.Errorf("the edit does not date the new edition:\n%s", opf)
	}
}

// opfOf returns the package document of an EPUB.
func opfOf(t *testing.T, epubData []byte) string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(epubData), int64(len(epubData)))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range zr.File {
		if f.Name == "EPUB/package.opf" {
			return string(testzip.Read(t, f))
		}
	}
	t.Fatal("no package document")
	return ""
}

// TestMetaWarnings warns about a title taken from the folder's or file's name and about a
// missing author, naming the source, and about nothing when both are given.
func TestMetaWarnings(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "野草.txt")
	if err := os.WriteFile(file, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		src  string
		m    book.Metadata
		st   load.Stats
		want []string
	}{
		{dir, book.Metadata{Title: "yecao"}, load.Stats{TitleFromName: true}, []string{`no title: the book is titled "yecao" after its folder's name`, "no author"}},
		{file, book.Metadata{Title: "野草", Author: "鲁迅"}, load.Stats{TitleFromName: true}, []string{`titled "野草" after its file's name`}},
		{dir, book.Metadata{Title: "野草", Author: "鲁迅"}, load.Stats{}, nil},
	} {
		ds := metaWarnings(tc.src, tc.m, tc.st)
		if len(ds) != len(tc.want) {
			t.Errorf("%s %+v: %d warnings %v, want %d", tc.src, tc.m, len(ds), ds, len(tc.want))
			continue
		}
		for i, d := range ds {
			if d.Severity != book.Warning || d.At.File != filepath.ToSlash(tc.src) || !strings.Contains(d.Msg, tc.want[i]) {
				t.Errorf("warning %d = %s, want a warning at %s saying %s", i, d, tc.src, tc.want[i])
			}
		}
	}
}
