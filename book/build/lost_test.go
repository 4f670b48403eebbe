package build_test

import (
	"archive/zip"
	"context"
	"encoding/xml"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"cjkbook/book"
	"cjkbook/book/build"
	"cjkbook/book/internal/testenv"
	"cjkbook/book/pdf/layout"
)

// TestNothingLost builds every manuscript we have — the seed, the test books and each corpus
// text — and checks that the text of every block of the loaded model comes back from both
// books, in order and once: from the PDF's body area (pdftotext; running heads, folios and
// contents excluded by position or order) and from the EPUB's chapter XHTML (parsed).
func TestNothingLost(t *testing.T) {
	testenv.Slow(t, "building every manuscript and reading both books back")
	root := testenv.RepoRoot(t)
	type src struct{ name, path string }
	srcs := []src{{"seed", filepath.Join(root, "source")}, {"rich", filepath.Join(root, "book", "build", "testdata", "books", "rich")}}
	corpus := filepath.Join(root, "..", "shared", "corpus")
	if d := os.Getenv("CJKBOOK_CORPUS"); d != "" {
		corpus = d
	}
	for _, c := range []string{"hongloumeng/hongloumeng.txt", "hongloumeng-gbk/hongloumeng.gbk.txt", "shuihuzhuan/shuihuzhuan.txt",
		"luxun-essays/yecao", "luxun-essays/zhaohua-xishi", "trpl-zh-cn/src", "zh-copywriting-guide/README.md",
		"zh-copywriting-guide/README.zh-Hans.md"} {
		p := filepath.Join(corpus, c)
		if _, err := os.Stat(p); err != nil {
			t.Logf("SKIP corpus %s: not found at %s", c, p)
			continue
		}
		srcs = append(srcs, src{c, p})
	}
	// Characters outside WenKai (a private-use glyph in the Lu Xun essays, emoji in the Rust
	// book) come from Debian's fallback fonts when installed (CI installs them).
	var fallbacks []string
	for _, f := range []string{"/usr/share/fonts/truetype/hanazono/HanaMinA.ttf", "/usr/share/fonts/truetype/hanazono/HanaMinB.ttf",
		"/usr/share/fonts/truetype/ancient-scripts/Symbola_hint.ttf"} {
		if _, err := os.Stat(f); err == nil {
			fallbacks = append(fallbacks, f)
		} else if testenv.Required() {
			t.Fatalf("fallback font %s missing: apt-get install fonts-hanazono fonts-symbola", f)
		}
	}
	for _, s := range srcs {
		t.Run(strings.ReplaceAll(s.name, "/", "_"), func(t *testing.T) {
			out := t.TempDir()
			res, err := build.Run(context.Background(), build.Options{Src: s.path, Out: out, FallbackFonts: fallbacks})
			if err != nil {
				t.Fatalf("build %s: %v", s.path, err)
			}
			b := res.Book
			n := checkInOrder(t, b, bodyText(t, res.PDFPath, layout.DefaultOptions()), res.Missing...)
			m := checkInOrder(t, b, epubText(t, res.EPUBPath))
			if len(res.Missing) > 0 {
				t.Logf("characters in no font (reported, drawn as boxes, excluded from the PDF check): %q", string(res.Missing))
			}
			t.Logf("%d chapters; %d of %d blocks found in the PDF, %d in the EPUB", len(b.Chapters), n, blocks(b), m)
		})
	}
}

func blocks(b *book.Book) int {
	n := 0
	for _, c := range b.Chapters {
		c.Walk(func(bl book.Block) bool {
			switch bl := bl.(type) {
			case *book.Paragraph, *book.Heading, *book.CodeBlock:
				if strings.TrimSpace(book.Text(bl)) != "" {
					n++
				}
			case *book.Table:
				for _, row := range append([][]book.Cell{bl.Header}, bl.Rows...) {
					for _, c := range row {
						if strings.TrimSpace(book.Plain(c.Runs)) != "" {
							n++
						}
					}
				}
			default:
				// quotes and lists hold blocks that Walk visits; images and breaks hold no text
			}
			return true
		})
	}
	return n
}

// epubText returns the character data of the EPUB's chapter documents in spine order,
// whitespace removed (navigation and the cover are left out).
func epubText(t *testing.T, path string) string {
	t.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatalf("open %s: %v", path, err)
	}
	defer zr.Close()
	var names []string
	files := map[string]*zip.File{}
	for _, f := range zr.File {
		if strings.HasSuffix(f.Name, ".xhtml") && !strings.HasSuffix(f.Name, "nav.xhtml") && !strings.Contains(f.Name, "cover") {
			names = append(names, f.Name)
			files[f.Name] = f
		}
	}
	sort.Strings(names) // chapter files are numbered in reading order
	var sb strings.Builder
	for _, name := range names {
		rc, err := files[name].Open()
		if err != nil {
			t.Fatal(err)
		}
		dec := xml.NewDecoder(rc)
		dec.Strict = true
		depthBody := 0
		for {
			tok, err := dec.Token()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatalf("%s: not well-formed XHTML: %v", name, err)
			}
			switch v := tok.(type) {
			case xml.StartElement:
				if v.Name.Local == "body" || depthBody > 0 {
					depthBody++
				}
			case xml.EndElement:
				if depthBody > 0 {
					depthBody--
				}
			case xml.CharData:
				if depthBody > 0 {
					sb.Write(v)
				}
			}
		}
		rc.Close()
	}
	return strings.Join(strings.Fields(sb.String()), "")
}
