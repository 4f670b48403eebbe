package build_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"

	"cjkbook/book"
	"cjkbook/book/build"
	"cjkbook/book/epub"
	"cjkbook/book/internal/testenv"
	"cjkbook/book/internal/testzip"
	"cjkbook/book/load"
	"cjkbook/book/load/epubfile"
	"cjkbook/book/pdf/layout"
	"cjkbook/fonts"
)

// epubSources are the EPUBs made by pandoc and Calibre (book/load/epubfile/testdata).
func epubSources(t testing.TB) []string {
	files, _ := filepath.Glob(filepath.Join(testenv.RepoRoot(t), "book", "load", "epubfile", "testdata", "*.epub"))
	if len(files) == 0 {
		t.Fatal("no EPUB fixtures in book/load/epubfile/testdata")
	}
	return files
}

// TestNothingLostEPUB builds each EPUB fixture (and, without -short, 红楼梦 written
// as an EPUB by our own writer) and checks that every character of the EPUB's
// text reaches both books — the model's blocks are found in order in the PDF's
// body area and in the EPUB's chapters — and that what the model lacks is
// exactly what the warnings report: the text of a left-out title page, and the
// marks of footnote links (↩, brackets) that the model replaces by its own.
func TestNothingLostEPUB(t *testing.T) {
	srcs := epubSources(t)
	if !testing.Short() {
		if p := novelEPUB(t); p != "" {
			srcs = append(srcs, p)
		}
	}
	for _, src := range srcs {
		t.Run(filepath.Base(src), func(t *testing.T) {
			res, err := build.Run(context.Background(), build.Options{Src: src, Out: t.TempDir()})
			if err != nil {
				t.Fatal(err)
			}
			b := res.Book
			checkReported(t, src, b, res.Diagnostics)
			m := checkInOrder(t, b, epubText(t, res.EPUBPath))
			t.Logf("%d chapters; %d of %d blocks found in the EPUB", len(b.Chapters), m, blocks(b))
			n := checkInOrder(t, b, bodyText(t, res.PDFPath, layout.DefaultOptions()), res.Missing...) // the full tier only
			t.Logf("%d of %d blocks found in the PDF", n, blocks(b))
		})
	}
}

// checkReported compares the characters of the EPUB's documents with the
// model's: each one the model lacks must be in a warning (which quotes what was
// removed) or be a footnote link's mark.
func checkReported(t *testing.T, src string, b *book.Book, diags book.Diagnostics) {
	t.Helper()
	count := func(s string, m map[rune]int) {
		for _, r := range s {
			if !unicode.IsSpace(r) && r != '\u3000' && r != '\u00a0' && r != '\ufe0e' && r != '\ufe0f' {
				m[r]++
			}
		}
	}
	in, have := map[rune]int{}, map[rune]int{}
	count(epubSourceText(t, src), in)
	for _, c := range b.Chapters {
		count(c.Title+c.Subtitle, have)
		c.Walk(func(bl book.Block) bool {
			if p, ok := bl.(*book.Paragraph); ok {
				for _, r := range p.Runs {
					if r.Image != nil {
						count(r.Image.Alt, have)
					}
				}
			}
			switch bl.(type) {
			case *book.Paragraph, *book.Heading, *book.CodeBlock, *book.Image, *book.Table:
				count(book.Text(bl), have)
			default: // quotes and lists: Walk visits their blocks
			}
			return true
		})
	}
	var reported strings.Builder
	for _, d := range diags {
		reported.WriteString(d.Msg)
	}
	marks := "↩[]()（）【】"
	for r, n := range in {
		if have[r] >= n {
			continue
		}
		if !strings.ContainsRune(reported.String(), r) && !strings.ContainsRune(marks, r) {
			t.Errorf("%q occurs %d times in the EPUB's text, %d times in the book, and no warning reports it", r, n, have[r])
		}
	}
	for r, n := range have {
		if in[r] < n && !unicode.IsDigit(r) && r != '　' {
			// Normalised punctuation and footnote labels are the only additions.
			if !strings.ContainsRune("，。；：！？（）“”‘’……——", r) {
				t.Errorf("%q occurs %d times in the book but %d times in the EPUB", r, n, in[r])
			}
		}
	}
}

// epubSourceText returns what a reader of the EPUB at p sees (epubfile.SpineText).
func epubSourceText(t *testing.T, p string) string {
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

// novelEPUB writes 红楼梦 from the shared corpus as an EPUB with our own writer
// and returns its path ("" with a visible skip message when the corpus is absent).
func novelEPUB(t testing.TB) string {
	t.Helper()
	src := filepath.Join(testenv.RepoRoot(t), "..", "shared", "corpus", "hongloumeng", "hongloumeng.txt")
	if _, err := os.Stat(src); err != nil {
		t.Logf("SKIP 红楼梦 EPUB: corpus not found at %s", src)
		return ""
	}
	bk, _, err := load.Load(src, load.Options{})
	if err != nil {
		t.Fatal(err)
	}
	reg, bold, err := fonts.Default()
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "hongloumeng.epub")
	f, err := os.Create(out)
	if err != nil {
		t.Fatal(err)
	}
	if err := epub.Write(f, bk, epub.Faces{Regular: reg, Bold: bold}, epub.Options{}); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	return out
}

// BenchmarkLoadEPUB loads 红楼梦 (about 900,000 characters) from an EPUB our
// writer made of it; reading must never be the slow part (target: < 0.3 s).
func BenchmarkLoadEPUB(b *testing.B) {
	p := novelEPUB(b)
	if p == "" {
		b.Skip("SKIP: corpus hongloumeng absent")
	}
	var chars int
	for b.Loop() {
		_, stats, _, err := load.LoadWithStats(p, load.Options{})
		if err != nil {
			b.Fatal(err)
		}
		chars = stats.Chars
	}
	b.ReportMetric(float64(chars), "chars")
}

// epubAt returns a badCase setup that writes data as src/book.epub.
func epubAt(data func(t *testing.T) []byte) func(t *testing.T, dir string) (string, string) {
	return func(t *testing.T, dir string) (string, string) {
		p := filepath.Join(dir, "src", "book.epub")
		write(t, p, data(t))
		return p, filepath.Join(dir, "out")
	}
}

// TestBadEPUB runs the CLI on broken and hostile EPUBs: each fails with a
// message naming the file, the member and what to do, and writes no book.
func TestBadEPUB(t *testing.T) {
	const container = `<container xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles><rootfile full-path="c.opf" media-type="application/oebps-package+xml"/></rootfiles></container>`
	const opf = `<package xmlns="http://www.idpf.org/2007/opf" version="2.0"><metadata xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>书</dc:title></metadata>` +
		`<manifest><item id="a" href="a.xhtml" media-type="application/xhtml+xml"/></manifest><spine><itemref idref="a"/></spine></package>`
	const doc = `<html xmlns="http://www.w3.org/1999/xhtml"><body><p>正文。</p></body></html>`
	drm := `<encryption xmlns="urn:oasis:names:tc:opendocument:xmlns:container" xmlns:enc="http://www.w3.org/2001/04/xmlenc#"><enc:EncryptedData>` +
		`<enc:EncryptionMethod Algorithm="http://ns.adobe.com/adept"/><enc:CipherData><enc:CipherReference URI="a.xhtml"/></enc:CipherData></enc:EncryptedData></encryption>`
	base := []string{"mimetype", "application/epub+zip", "META-INF/container.xml", container, "c.opf", opf}
	with := func(extra ...string) func(t *testing.T) []byte {
		return func(t *testing.T) []byte { return testzip.Of(t, append(append([]string{}, base...), extra...)...) }
	}
	cases := []badCase{
		{"drm", epubAt(with("META-INF/encryption.xml", drm, "a.xhtml", doc)), true, []string{"book.epub", "META-INF/encryption.xml", "DRM", "a copy without DRM"}},
		{"zip slip", epubAt(with("a.xhtml", doc, "../../evil.sh", "x")), true, []string{"book.epub", "../../evil.sh", "outside the archive", "refused"}},
		{"zip bomb", epubAt(with("a.xhtml", doc+strings.Repeat("\n", 80<<20))), true, []string{"book.epub", "a.xhtml", "MB", "refused"}},
		{"corrupt zip", epubAt(func(*testing.T) []byte { return []byte("PK\x03\x04 not a zip") }), true, []string{"book.epub", "damaged"}},
		{"missing package document", epubAt(func(t *testing.T) []byte { return testzip.Of(t, base[:4]...) }), true, []string{"book.epub", "c.opf", "lacks"}},
		{"entities", epubAt(with("a.xhtml", `<!DOCTYPE html [<!ENTITY a "aaaaaaaa">]><html><body><p>&a;</p></body></html>`)), true, []string{"book.epub", "a.xhtml", "entities"}},
		{"no text", epubAt(with("a.xhtml", `<html><body><p> </p></body></html>`)), true, []string{"book.epub", "no chapters"}},
		{"xhtml doctype", epubAt(with("a.xhtml", `<?xml version="1.0"?><!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.1//EN" "http://www.w3.org/TR/xhtml11/DTD/xhtml11.dtd">`+doc)), false, nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			src, out := tc.setup(t, t.TempDir())
			_, stderr, code := cjkbook(t, nil, "build", "-o", out, src)
			if strings.Contains(stderr, "panic") || tc.fail != (code != 0) {
				t.Fatalf("exit %d, want failure=%v\n%s", code, tc.fail, stderr)
			}
			for _, want := range tc.stderr {
				if !strings.Contains(stderr, want) {
					t.Errorf("message lacks %q:\n%s", want, stderr)
				}
			}
			if books, _ := filepath.Glob(filepath.Join(out, "*")); tc.fail && len(books) > 0 {
				t.Errorf("failed build left files: %v", books)
			}
		})
	}
}

// TestEPUBVerticalTraditional builds an EPUB made by pandoc as the vertical,
// Traditional edition (cjkbook build novel.epub --vertical --to-traditional):
// both books are written, in Traditional characters.
func TestEPUBVerticalTraditional(t *testing.T) {
	src := filepath.Join(testenv.RepoRoot(t), "book", "load", "epubfile", "testdata", "pandoc3.epub")
	res, err := build.Run(context.Background(), build.Options{Src: src, Out: t.TempDir(), Vertical: true, Script: "traditional"})
	if err != nil {
		t.Fatal(err)
	}
	if res.Book.Meta.Title != "城南舊事" {
		t.Errorf("title %q, want 城南舊事", res.Book.Meta.Title)
	}
	for _, p := range []string{res.EPUBPath, res.PDFPath} {
		if st, err := os.Stat(p); err != nil || st.Size() == 0 {
			t.Errorf("book %s not written: %v", p, err)
		}
	}
	text := epubText(t, res.EPUBPath)
	for _, want := range []string{"駱駝", "惠安館"} {
		if !strings.Contains(text, want) {
			t.Errorf("the EPUB lacks %q", want)
		}
	}
}
