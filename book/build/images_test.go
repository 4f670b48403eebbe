package build_test

import (
	"bytes"
	"context"
	"image"
	"image/color"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"cjkbook/book/build"
	"cjkbook/book/internal/testenv"
)

// iconSVG is a 200×100 icon: a red left half and a yellow right half, so a page
// rendering shows whether it stands upright (red left of yellow) with its aspect.
const iconSVG = `<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100" viewBox="0 0 200 100">
<rect x="0" y="0" width="100" height="100" fill="#dd0000"/><rect x="100" y="0" width="100" height="100" fill="#ffcc00"/></svg>`

// solidPNG returns a w×h PNG of one colour.
func solidPNG(t *testing.T, w, h int, c color.RGBA) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			img.SetRGBA(x, y, c)
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestImagesInBothBooks builds a Markdown book whose table holds an SVG and a PNG in
// its cells, with a figure asking for half the text width, horizontally and
// vertically, and checks both books: the EPUB carries the pictures (inline icons, the
// figure's width class) and the PDF draws them upright with their aspect, the figure
// at half the text width.
func TestImagesInBothBooks(t *testing.T) {
	src := t.TempDir()
	if err := os.MkdirAll(filepath.Join(src, "img"), 0o755); err != nil {
		t.Fatal(err)
	}
	md := "# 图标\n\n下表说明图标的意义。\n\n| 图标 | 意义 |\n|---|---|\n" +
		"| <img src=\"img/icon.svg\" class=\"ferris-explain\"> | 这些代码不能编译！ |\n" +
		"| ![蓝色方块](img/blue.png) | 这些代码会出错！ |\n\n" +
		"<img alt=\"绿色长条\" src=\"img/green.png\" class=\"center\" style=\"width: 50%;\" />\n\n图后的一段文字。\n"
	files := map[string][]byte{
		"01.md":         []byte(md),
		"img/icon.svg":  []byte(iconSVG),
		"img/blue.png":  solidPNG(t, 200, 100, color.RGBA{0, 0, 230, 255}),
		"img/green.png": solidPNG(t, 400, 100, color.RGBA{0, 170, 0, 255}),
	}
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(src, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, vertical := range []bool{false, true} {
		name := map[bool]string{false: "horizontal", true: "vertical"}[vertical]
		t.Run(name, func(t *testing.T) {
			res, err := build.Run(context.Background(), build.Options{Src: src, Out: t.TempDir(), Vertical: vertical})
			if err != nil {
				t.Fatalf("build: %v", err)
			}
			for _, d := range res.Diagnostics {
				if strings.Contains(d.Msg, "img/") {
					t.Errorf("warning about a picture: %s", d)
				}
			}
			checkEPUBImages(t, res.EPUBPath)
			checkPDFImages(t, res.PDFPath)
		})
	}
}

// checkEPUBImages: the manifest holds the SVG and both PNGs; the chapter shows the two
// cell pictures as icons (the one without alt text decorative) and the figure with its
// width class.
func checkEPUBImages(t *testing.T, path string) {
	t.Helper()
	opf, chapter := epubFile(t, path, ".opf"), epubFile(t, path, "/ch001.xhtml")
	if n := strings.Count(opf, `media-type="image/png"`); n < 2 || !strings.Contains(opf, `media-type="image/svg+xml"`) {
		t.Errorf("manifest has %d PNGs and SVG %v; want 2 PNGs and the SVG:\n%s", n, strings.Contains(opf, "svg+xml"), opf)
	}
	for _, re := range []string{
		`<td><img class="icon" src="\.\./images/[^"]+\.svg" alt="" role="presentation"/></td>`,
		`<td><img class="icon" src="\.\./images/[^"]+\.png" alt="蓝色方块"/></td>`,
		`<img class="w50" src="\.\./images/[^"]+\.png" alt="绿色长条"/>`,
	} {
		if !regexp.MustCompile(re).MatchString(chapter) {
			t.Errorf("chapter lacks %s:\n%s", re, chapter)
		}
	}
}

// bbox is the bounding box of the pixels of one colour on a rendered page.
type bbox struct{ x0, y0, x1, y1, n int }

func (b bbox) w() float64 { return float64(b.x1 - b.x0 + 1) }
func (b bbox) h() float64 { return float64(b.y1 - b.y0 + 1) }

// checkPDFImages renders the PDF's pages and checks the pictures by colour: the icon
// upright (red left of yellow, together 2:1), the blue cell PNG 2:1, the green figure
// 4:1 and about half the text width.
func checkPDFImages(t *testing.T, path string) {
	t.Helper()
	pdftoppm := testenv.Tool(t, "pdftoppm")
	dir := t.TempDir()
	if out, err := exec.Command(pdftoppm, "-r", "72", "-png", path, filepath.Join(dir, "p")).CombinedOutput(); err != nil {
		t.Fatalf("pdftoppm: %v\n%s", err, out)
	}
	pages, _ := filepath.Glob(filepath.Join(dir, "p-*.png"))
	colours := map[string]func(r, g, b uint32) bool{
		"red":    func(r, g, b uint32) bool { return r > 180 && g < 60 && b < 60 },
		"yellow": func(r, g, b uint32) bool { return r > 200 && g > 160 && g < 230 && b < 60 },
		"blue":   func(r, g, b uint32) bool { return r < 60 && g < 60 && b > 180 },
		"green":  func(r, g, b uint32) bool { return r < 60 && g > 130 && g < 210 && b < 60 },
	}
	found := map[string]bbox{}
	pageW := 0
	for _, p := range pages {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		img, err := png.Decode(bytes.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		bd := img.Bounds()
		boxes := map[string]*bbox{}
		for y := bd.Min.Y; y < bd.Max.Y; y++ {
			for x := bd.Min.X; x < bd.Max.X; x++ {
				r, g, b, _ := img.At(x, y).RGBA()
				r, g, b = r>>8, g>>8, b>>8
				for name, is := range colours {
					if !is(r, g, b) {
						continue
					}
					bx := boxes[name]
					if bx == nil {
						bx = &bbox{x, y, x, y, 0}
						boxes[name] = bx
					}
					bx.x0, bx.y0, bx.x1, bx.y1 = min(bx.x0, x), min(bx.y0, y), max(bx.x1, x), max(bx.y1, y)
					bx.n++
				}
			}
		}
		for name, bx := range boxes {
			if bx.n > 20 {
				if _, dup := found[name]; dup {
					t.Errorf("%s pixels on two pages", name)
				}
				found[name] = *bx
				pageW = bd.Dx()
			}
		}
	}
	for name := range colours {
		if _, ok := found[name]; !ok {
			t.Fatalf("no %s picture on any page of %s (found %v)", name, path, found)
		}
	}
	aspect := func(name string, want float64, b bbox) {
		if got := b.w() / b.h(); got < want*0.85 || got > want*1.15 {
			t.Errorf("%s picture %.0f×%.0f px: aspect %.2f, want %.2f", name, b.w(), b.h(), got, want)
		}
	}
	red, yellow := found["red"], found["yellow"]
	if red.x1 > yellow.x0+1 || red.y0 > yellow.y1 || yellow.y0 > red.y1 {
		t.Errorf("the icon is not upright: red %+v, yellow %+v (red should sit left of yellow, level with it)", red, yellow)
	}
	aspect("icon (red+yellow)", 2, bbox{x0: red.x0, y0: min(red.y0, yellow.y0), x1: yellow.x1, y1: max(red.y1, yellow.y1)})
	aspect("blue cell", 2, found["blue"])
	green := found["green"]
	aspect("green figure", 4, green)
	if share := green.w() / float64(pageW); share < 0.3 || share > 0.48 {
		t.Errorf("green figure is %.0f of the page's %d px (%.2f); want about half the text width", green.w(), pageW, share)
	}
	if icon := (yellow.x1 - red.x0 + 1); float64(icon) > green.w() {
		t.Errorf("the cell icon (%d px) is wider than the half-width figure (%.0f px)", icon, green.w())
	}
	t.Logf("%s: icon %dx%d, blue %.0fx%.0f, green %.0fx%.0f of page width %s", filepath.Base(path), yellow.x1-red.x0+1, red.y1-red.y0+1,
		found["blue"].w(), found["blue"].h(), green.w(), green.h(), strconv.Itoa(pageW))
}
