package load

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"cjkbook/book"
	"cjkbook/book/internal/golden"
	"cjkbook/book/internal/testzip"
	"cjkbook/book/load/epubfile"
)

// epubFixtures are the EPUBs made by pandoc and Calibre (epubfile/testdata/make.sh).
func epubFixtures(t testing.TB) []string {
	files, _ := filepath.Glob(filepath.Join("epubfile", "testdata", "*.epub"))
	if len(files) == 0 {
		t.Fatal("no epubfile/testdata/*.epub fixtures; run epubfile/testdata/make.sh")
	}
	return files
}

// loadEPUBFile loads one EPUB and returns the loader, for what it removed.
func loadEPUBFile(t testing.TB, p string, opts Options) (*book.Book, *loader, error) {
	t.Helper()
	l := newLoader(opts)
	b, err := l.run(p)
	l.sortDiags()
	return b, l, err
}

// TestEPUBGolden loads each fixture and compares the book's dump, the
// warnings and the counts with testdata/epub/tools/NAME.golden.
func TestEPUBGolden(t *testing.T) {
	g := golden.Open(t, filepath.Join("testdata", "epub", "tools"), ".golden")
	for _, f := range epubFixtures(t) {
		name := strings.TrimSuffix(filepath.Base(f), ".epub")
		t.Run(name, func(t *testing.T) {
			compareGolden(t, f, g, name+".golden")
		})
	}
}

// compareGolden loads the EPUB at p and compares the book's dump, the
// warnings and the counts with the golden file rel of g.
func compareGolden(t *testing.T, p string, g *golden.Dir, rel string) {
	t.Helper()
	b, l, err := loadEPUBFile(t, p, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var sb strings.Builder
	if err := book.Dump(&sb, b); err != nil {
		t.Fatal(err)
	}
	sb.WriteString("\n-- warnings --\n")
	for _, d := range l.diags {
		sb.WriteString(d.String() + "\n")
	}
	s := l.stats
	fmt.Fprintf(&sb, "-- stats --\nchapters %d paragraphs %d chars %d images %d joined %d punct %d\n",
		s.Chapters, s.Paragraphs, s.Chars, s.Images, s.Joined, s.Punct.Total())
	g.Check(t, rel, []byte(strings.ReplaceAll(sb.String(), filepath.ToSlash(filepath.Dir(p))+"/", "")))
}

// TestEPUBHand zips each folder of testdata/epub/hand into an EPUB, loads it
// and compares the dump, warnings and counts with the folder's .golden file.
func TestEPUBHand(t *testing.T) {
	g := golden.Open(t, filepath.Join("testdata", "epub", "hand"), ".golden")
	dirs, _ := filepath.Glob(filepath.Join("testdata", "epub", "hand", "*", "META-INF"))
	if len(dirs) == 0 {
		t.Fatal("no testdata/epub/hand cases")
	}
	for _, meta := range dirs {
		dir := filepath.Dir(meta)
		name := filepath.Base(dir)
		t.Run(name, func(t *testing.T) {
			files := []string{"mimetype", "application/epub+zip"}
			err := filepath.WalkDir(dir, func(p string, e os.DirEntry, err error) error {
				if err != nil || e.IsDir() {
					return err
				}
				data, err := os.ReadFile(p)
				if err != nil {
					return err
				}
				rel, err := filepath.Rel(dir, p)
				files = append(files, filepath.ToSlash(rel), string(data))
				return err
			})
			if err != nil {
				t.Fatal(err)
			}
			p := filepath.Join(t.TempDir(), name+".epub")
			if err := os.WriteFile(p, testzip.Of(t, files...), 0o644); err != nil {
				t.Fatal(err)
			}
			compareGolden(t, p, g, name+".golden")
			b, l, err := loadEPUBFile(t, p, Options{NoNormalize: true})
			if err != nil {
				t.Fatal(err)
			}
			if text := bodyText(t, p); utf8.ValidString(text) { // SpineText does not decode legacy encodings
				checkAccounted(t, text, b, l, nonSpace)
			}
		})
	}
}

// bodyText returns what a reader of the EPUB at p sees (epubfile.SpineText).
func bodyText(t *testing.T, p string) string {
	t.Helper()
	ep, err := epubfile.Open(p)
	if err != nil {
		t.Fatal(err)
	}
	s, err := ep.SpineText()
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestEPUBAccounted checks that every character of each fixture's text
// reaches the book or is reported as removed or consumed as markup.
func TestEPUBAccounted(t *testing.T) {
	for _, f := range epubFixtures(t) {
		t.Run(filepath.Base(f), func(t *testing.T) {
			b, l, err := loadEPUBFile(t, f, Options{NoNormalize: true})
			if err != nil {
				t.Fatal(err)
			}
			checkAccounted(t, bodyText(t, f), b, l, nonSpace)
		})
	}
}

const (
	tinyContainer = `<container xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles><rootfile full-path="c.opf" media-type="application/oebps-package+xml"/></rootfiles></container>`
	tinyOPF       = `<package xmlns="http://www.idpf.org/2007/opf" version="2.0"><metadata xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>小书</dc:title></metadata>` +
		`<manifest><item id="a" href="a.xhtml" media-type="application/xhtml+xml"/></manifest><spine><itemref idref="a"/></spine></package>`
	tinyDoc = `<?xml version="1.0" encoding="utf-8"?><!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.1//EN" "http://www.w3.org/TR/xhtml11/DTD/xhtml11.dtd">` +
		"<html xmlns=\"http://www.w3.org/1999/xhtml\"><body>\n<h1>第一章</h1>\n<p>正文<a id=\"x\"/>在这里。</p>\n</body></html>"
)

// TestEPUBBadInput checks that broken and hostile EPUBs are refused with an
// error naming the file and the member, and that nothing is returned.
func TestEPUBBadInput(t *testing.T) {
	drm := `<encryption xmlns="urn:oasis:names:tc:opendocument:xmlns:container" xmlns:enc="http://www.w3.org/2001/04/xmlenc#"><enc:EncryptedData>` +
		`<enc:EncryptionMethod Algorithm="http://www.w3.org/2001/04/xmlenc#aes128-cbc"/><enc:CipherData><enc:CipherReference URI="a.xhtml"/></enc:CipherData></enc:EncryptedData></encryption>`
	for _, tc := range []struct {
		name string
		data []byte
		want error
		msg  string
	}{
		{"drm", testzip.Of(t, "META-INF/container.xml", tinyContainer, "META-INF/encryption.xml", drm, "c.opf", tinyOPF, "a.xhtml", tinyDoc), epubfile.ErrDRM, "DRM-free"},
		{"zip slip", testzip.Of(t, "META-INF/container.xml", tinyContainer, "c.opf", tinyOPF, "a.xhtml", tinyDoc, "../../x", "x"), epubfile.ErrUnsafe, "outside the archive"},
		{"bomb", testzip.Of(t, "META-INF/container.xml", tinyContainer, "c.opf", tinyOPF, "a.xhtml", tinyDoc+strings.Repeat(" ", 70<<20)), epubfile.ErrTooLarge, "MB"},
		{"corrupt", []byte("PK\x03\x04not really a zip"), epubfile.ErrCorrupt, "damaged"},
		{"missing opf", testzip.Of(t, "META-INF/container.xml", tinyContainer, "a.xhtml", tinyDoc), epubfile.ErrNotEPUB, "c.opf"},
		{"entities", testzip.Of(t, "META-INF/container.xml", tinyContainer, "c.opf", tinyOPF, "a.xhtml", `<!DOCTYPE html [<!ENTITY x "y">]><html><body><p>&x;</p></body></html>`), epubfile.ErrEntity, "a.xhtml"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := filepath.Join(t.TempDir(), "book.epub")
			if err := os.WriteFile(p, tc.data, 0o644); err != nil {
				t.Fatal(err)
			}
			b, _, err := Load(p, Options{})
			if !errors.Is(err, tc.want) || b != nil {
				t.Fatalf("want %v and no book, got %v (book %v)", tc.want, err, b != nil)
			}
			if !strings.Contains(err.Error(), "book.epub") || !strings.Contains(err.Error(), tc.msg) {
				t.Errorf("error %q should name book.epub and say %q", err, tc.msg)
			}
		})
	}
	// The XHTML 1.1 DOCTYPE (without entities) and a self-closed <a/> load.
	p := filepath.Join(t.TempDir(), "ok.epub")
	if err := os.WriteFile(p, testzip.Of(t, "META-INF/container.xml", tinyContainer, "c.opf", tinyOPF, "a.xhtml", tinyDoc), 0o644); err != nil {
		t.Fatal(err)
	}
	b, diags, err := Load(p, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(b.Chapters) != 1 || b.Chapters[0].Title != "第一章" || book.Text(b.Chapters[0].Blocks[0]) != "正文在这里。" {
		var sb strings.Builder
		_ = book.Dump(&sb, b) // a strings.Builder does not fail
		t.Errorf("unexpected book:\n%s\n%v", sb.String(), diags)
	}
	if at := b.Chapters[0].Blocks[0].Pos().String(); !strings.HasSuffix(at, "ok.epub:a.xhtml:3") {
		t.Errorf("paragraph at %s, want …ok.epub:a.xhtml:3", at)
	}
}

// FuzzEPUB loads arbitrary archives (seeded with the fixtures): no panic, and
// the archive limits bound memory and time.
func FuzzEPUB(f *testing.F) {
	for _, p := range epubFixtures(f) {
		if data, err := os.ReadFile(p); err == nil {
			f.Add(data)
		}
	}
	f.Add(testzip.Of(f, "META-INF/container.xml", tinyContainer, "c.opf", tinyOPF, "a.xhtml", tinyDoc))
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > 64<<10 { // inflates to at most 64 MB: memory and time stay bounded
			return
		}
		p := filepath.Join(dir, "f.epub")
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		b, _, err := Load(p, Options{})
		if err == nil && len(b.Chapters) == 0 {
			t.Fatal("a book without chapters and no error")
		}
	})
}
