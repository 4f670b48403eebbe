package pdf

import (
	"bytes"
	"errors"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"cjkbook/book"
	"cjkbook/book/internal/testimages"
	"cjkbook/book/pdf/layout"
)

// quadrants is a 200×100 px SVG: red top-left, blue bottom-right (so a flip of
// either axis shows), a stroked Graphviz-like table with the labels ptr and
// capacity, and a half-transparent green bar.
const quadrants = `<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 100">
<rect width="100" height="50" fill="#ff0000"/>
<path d="M100 50h100v50H100z" fill="rgb(0,0,255)"/>
<g transform="scale(0.5)">
<polygon fill="none" stroke="#000000" points="8,124 8,104 60,104 60,124 8,124"/>
<text text-anchor="start" x="26" y="119" font-family="Times,serif" font-size="14.00">ptr</text>
<text text-anchor="start" x="10" y="139" font-family="Times,serif" font-size="14.00">capacity</text>
</g>
<rect x="0" y="80" width="50" height="10" fill="#00ff00" fill-opacity="0.5"/>
</svg>`

// svgDoc lays out a one-picture book with the real fonts and returns the layout.
func svgDoc(t *testing.T, images map[string]*book.Asset) *layout.Document {
	t.Helper()
	faces := defaultFaces(t)
	b := &book.Book{Meta: book.Metadata{Title: "矢量"}, Images: images,
		Chapters: []*book.Chapter{{Title: "图", ID: "c1", Blocks: []book.Block{&book.Image{Src: "q.svg", Alt: "四色"}}}}}
	o := layout.DefaultOptions()
	o.TitlePage, o.Contents = false, false
	d, err := layout.Layout(b, []layout.Metrics{faces[0], faces[1]}, o)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestSVGDrawnAsVectors(t *testing.T) {
	images := testimages.Assets(map[string][]byte{"q.svg": []byte(quadrants)})
	d := svgDoc(t, images)
	var pic layout.Item
	page := -1
	for pi, p := range d.Pages {
		for _, it := range p.Items {
			if it.Kind == layout.Picture {
				pic, page = it, pi
			}
		}
	}
	if page < 0 {
		t.Fatal("no Picture item")
	}
	opts := DefaultOptions()
	opts.Compression = CompressNone
	var buf bytes.Buffer
	if err := Write(&buf, d, defaultFaces(t), images, opts); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	// Vector operators: the clip to the picture, RGB fills, the table's stroke,
	// an ExtGState for the transparent bar; no image XObject.
	for _, w := range []string{" re W n\n", "1 0 0 rg\n", "0 0 1 rg\n", "0 0 0 RG\n", " l\n", "h\nS\nQ\n", "/ca 0.500"} {
		if !strings.Contains(out, w) {
			t.Errorf("content lacks %q", w)
		}
	}
	if strings.Contains(out, "/Subtype /Image") {
		t.Error("the SVG was embedded as an image")
	}
	path := filepath.Join(t.TempDir(), "svg.pdf")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	// The labels are real text.
	txt, _ := run(t, "pdftotext", "-enc", "UTF-8", "-f", strconv.Itoa(page+1), "-l", strconv.Itoa(page+1), path, "-")
	for _, w := range []string{"ptr", "capacity", "四色"} {
		if !strings.Contains(txt, w) {
			t.Errorf("pdftotext lacks %q:\n%s", w, txt)
		}
	}
	if _, errOut := run(t, "qpdf", "--check", path); errOut != "" {
		t.Errorf("qpdf: %s", errOut)
	}
	// Rendered at 72 dpi (1 px = 1 pt): red at the top left, blue at the bottom right.
	prefix := filepath.Join(t.TempDir(), "p")
	run(t, "pdftoppm", "-r", "72", "-png", "-singlefile", "-f", strconv.Itoa(page+1), "-l", strconv.Itoa(page+1), path, prefix)
	data, err := os.ReadFile(prefix + ".png")
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	at := func(fx, fy float64) color.RGBA {
		x, y := float64(pic.X)+fx*float64(pic.W), float64(pic.Y)+fy*float64(pic.H)
		r, g, b, _ := img.At(int(x), int(y)).RGBA()
		return color.RGBA{uint8(r >> 8), uint8(g >> 8), uint8(b >> 8), 255}
	}
	for _, c := range []struct {
		name   string
		fx, fy float64
		want   color.RGBA
	}{
		{"top left", 0.75 / 2, 0.25, color.RGBA{255, 0, 0, 255}},
		{"bottom right", 0.75, 0.75, color.RGBA{0, 0, 255, 255}},
		{"top right", 0.75, 0.25, color.RGBA{255, 255, 255, 255}},
		{"green at half opacity", 0.125, 0.85, color.RGBA{127, 255, 127, 255}},
	} {
		got := at(c.fx, c.fy)
		if diff(got.R, c.want.R) > 8 || diff(got.G, c.want.G) > 8 || diff(got.B, c.want.B) > 8 {
			t.Errorf("%s: pixel %v, want %v", c.name, got, c.want)
		}
	}
}

func diff(a, b uint8) int {
	if a > b {
		return int(a - b)
	}
	return int(b - a)
}

func TestBrokenSVGPictureIsInvalid(t *testing.T) {
	d := sampleDoc()
	d.Pages[0].Items = append(d.Pages[0].Items, layout.Item{Kind: layout.Picture, Src: "x.svg", X: 10, Y: 10, W: 50, H: 50})
	var buf bytes.Buffer
	err := Write(&buf, d, defaultFaces(t), testimages.Assets(map[string][]byte{"x.svg": []byte(`<svg width="1" height="1"><g></svg>`)}), DefaultOptions())
	if !errors.Is(err, ErrInvalidDocument) || buf.Len() != 0 {
		t.Errorf("err %v, %d bytes written; want ErrInvalidDocument and no output", err, buf.Len())
	}
}

// FuzzSVGPicture draws fuzzed SVG documents: one the loader parsed into a drawing
// must be drawn without error (every coordinate finite, every path starting with a
// move); an SVG asset without a drawing makes Write fail with ErrInvalidDocument.
// Never a panic.
func FuzzSVGPicture(f *testing.F) {
	f.Add([]byte(quadrants))
	f.Add([]byte(`<svg width="10" height="10"><path d="M0 0a5 5 0 1 1 1 1z" stroke="red" stroke-dasharray="1" opacity=".3"/></svg>`))
	f.Add([]byte(`<svg viewBox="0 0 1 1"><rect width="1" height="1" rx="5"/></svg>`))
	faces := defaultFaces(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		d := &layout.Document{Width: a5W, Height: a5H, Pages: []layout.Page{{
			Items: []layout.Item{{Kind: layout.Picture, Src: "x.svg", X: 20, Y: 30, W: 200, H: 100}},
		}}}
		var buf bytes.Buffer
		images := testimages.Assets(map[string][]byte{"x.svg": data})
		err := Write(&buf, d, faces, images, DefaultOptions())
		a := images["x.svg"]
		switch {
		case a.Drawing != nil && err != nil:
			t.Fatalf("parsed, but not drawn: %v", err)
		case a.IsSVG() && a.Drawing == nil && !errors.Is(err, ErrInvalidDocument):
			t.Fatalf("unparsable SVG: Write returned %v", err)
		}
	})
}
