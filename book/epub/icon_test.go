package epub

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"cjkbook/book"
	"cjkbook/book/internal/testenv"
	"cjkbook/book/internal/testimages"
)

// iconBook has a table whose cells hold inline pictures (an SVG without alt text, a
// PNG with one, and one not in the book) and a figure with a 50 % width hint.
func iconBook(t testing.TB) *book.Book {
	t.Helper()
	svg := []byte(`<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"><rect width="40" height="20" fill="#c30"/></svg>`)
	txt := func(s string) book.Run { return book.Run{Text: s} }
	pic := func(src, alt string) book.Run { return book.Run{Image: &book.Image{Src: src, Alt: alt}} }
	return &book.Book{
		Meta:   book.Metadata{Title: "图标", Language: "zh-CN"},
		Images: testimages.Assets(map[string][]byte{"img/crab.svg": svg, "img/pic.png": testPNG(t)}),
		Chapters: []*book.Chapter{{Title: "一", ID: "ch1", Blocks: []book.Block{
			&book.Table{Header: []book.Cell{{Runs: []book.Run{txt("图")}}, {Runs: []book.Run{txt("说明")}}},
				Rows: [][]book.Cell{
					{{Runs: []book.Run{pic("img/crab.svg", "")}}, {Runs: []book.Run{txt("不能编译")}}},
					{{Runs: []book.Run{pic("img/pic.png", "彩图"), txt("旁注")}}, {Runs: []book.Run{txt("第二行")}}},
					{{Runs: []book.Run{pic("img/gone.png", "缺图")}}, {Runs: []book.Run{txt("第三行")}}},
				}},
			&book.Image{Src: "img/pic.png", Alt: "半宽的图", Width: 0.5},
		}}},
	}
}

// TestInlineImages checks that pictures in table cells are packaged (manifest) and
// shown inline as icons (decorative without alt text), that a missing one leaves its
// alt text, that the width hint becomes a class with its rule, and that EPUBCheck
// passes.
func TestInlineImages(t *testing.T) {
	data := write(t, iconBook(t), Options{})
	_, files := entries(t, data)
	var opf, chapter, css string
	for name, b := range files {
		switch {
		case strings.HasSuffix(name, ".opf"):
			opf = string(b)
		case strings.HasSuffix(name, "book.css"):
			css = string(b)
		case strings.HasSuffix(name, ".xhtml") && strings.Contains(string(b), "不能编译"):
			chapter = string(b)
		}
	}
	for _, mt := range []string{`media-type="image/svg+xml"`, `media-type="image/png"`} {
		if !strings.Contains(opf, mt) {
			t.Errorf("manifest has no %s item:\n%s", mt, opf)
		}
	}
	for _, re := range []string{
		`<td><img class="icon" src="../images/image\d+\.svg" alt="" role="presentation"/></td>`,
		`<td><img class="icon" src="../images/image\d+\.png" alt="彩图"/>旁注</td>`,
		`<td>缺图</td>`,
		`<div class="figure"><img class="w50" src="../images/image\d+\.png" alt="半宽的图"/></div>`,
	} {
		if !regexp.MustCompile(re).MatchString(chapter) {
			t.Errorf("chapter XHTML lacks %s:\n%s", re, chapter)
		}
	}
	for _, rule := range []string{"img.icon {", "div.figure img.w50 {\n  width: 50%;"} {
		if !strings.Contains(css, rule) {
			t.Errorf("stylesheet lacks %q:\n%s", rule, css)
		}
	}
	if testing.Short() {
		return
	}
	cmd := testenv.Epubcheck(t)
	out := filepath.Join(t.TempDir(), "icons.epub")
	if err := os.WriteFile(out, data, 0o644); err != nil {
		t.Fatal(err)
	}
	epubcheck(t, cmd, out)
}
