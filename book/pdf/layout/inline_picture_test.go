package layout

import (
	"bytes"
	"image"
	"image/png"
	"math"
	"strings"
	"testing"

	"cjkbook/book"
	"cjkbook/book/internal/testimages"
)

// pngOf returns a w×h pixel PNG.
func pngOf(t *testing.T, w, h int) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := png.Encode(&buf, image.NewGray(image.Rect(0, 0, w, h))); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// pictureBook lays out blocks on pages without title, contents, heads or folios,
// horizontal or vertical.
func pictureBook(t *testing.T, vertical bool, images map[string][]byte, blocks ...book.Block) (*Document, Options) {
	t.Helper()
	o := DefaultOptions()
	o.TitlePage, o.Contents, o.RunningHeads, o.Folios = false, false, false, false
	o.Vertical = vertical
	b := &book.Book{Meta: book.Metadata{Title: "图"}, Images: testimages.Assets(images),
		Chapters: []*book.Chapter{{Title: "一", ID: "c1", Blocks: blocks}}}
	d, err := Layout(b, []Metrics{FakeMetrics{Missing: "☃"}, FakeMetrics{Missing: "☃"}}, o)
	if err != nil {
		t.Fatal(err)
	}
	return d, o
}

func near(a, b Pt) bool { return math.Abs(float64(a-b)) < 0.02 }

// pictures returns the Picture items of a document's pages by Src.
func pictures(d *Document) map[string]Item {
	out := map[string]Item{}
	for _, p := range d.Pages {
		for _, it := range p.Items {
			if it.Kind == Picture {
				out[it.Src] = it
			}
		}
	}
	return out
}

// cellTable is a two-column table whose first column holds pictures: an SVG alone, a
// PNG before text, and a picture that cannot be drawn (its alt text stands instead).
func cellTable() *book.Table {
	txt := func(s string) book.Run { return book.Run{Text: s} }
	pic := func(src, alt string) book.Run { return book.Run{Image: &book.Image{Src: src, Alt: alt}} }
	return &book.Table{Header: []book.Cell{{Runs: []book.Run{txt("图")}}, {Runs: []book.Run{txt("说明")}}},
		Rows: [][]book.Cell{
			{{Runs: []book.Run{pic("d.svg", "")}}, {Runs: []book.Run{txt("这段代码不能编译")}}},
			{{Runs: []book.Run{pic("p.png", "彩图"), txt("旁注")}}, {Runs: []book.Run{txt("第二行")}}},
			{{Runs: []book.Run{pic("bad.svg", "坏图")}}, {Runs: []book.Run{txt("第三行")}}},
		}}
}

// TestTableCellPictures: a picture in a cell is drawn iconLines lines high with its
// aspect, inside its column, the row growing to hold it (and the text after it); one
// that cannot be drawn leaves its alt text and a warning.
func TestTableCellPictures(t *testing.T) {
	images := map[string][]byte{"d.svg": []byte(diagram), "p.png": pngOf(t, 200, 100), "bad.svg": []byte("<svg")}
	d, o := pictureBook(t, false, images, cellTable())
	pitch := o.FontSize * 0.9 * 1.5
	pics := pictures(d)
	for src, aspect := range map[string]Pt{"d.svg": 2, "p.png": 2} {
		p, ok := pics[src]
		if !ok {
			t.Fatalf("no picture for %s in the table: %v", src, pics)
		}
		if !near(p.H, iconLines*pitch) || !near(p.W, aspect*p.H) {
			t.Errorf("%s: %.2f×%.2f, want %.2f high, aspect %v", src, p.W, p.H, iconLines*pitch, aspect)
		}
	}
	var svgLabels, alt, side int
	var rules []Item // horizontal rules: the row edges
	for _, it := range d.Pages[0].Items {
		switch {
		case it.Kind == Text && it.Text == "中文":
			svgLabels++
		case it.Kind == Text && it.Text == "坏图":
			alt++
		case it.Kind == Text && it.Text == "旁注":
			side++
			if p := pics["p.png"]; it.Y < p.Y+p.H {
				t.Errorf("text after the picture at baseline %.2f, picture ends at %.2f", it.Y, p.Y+p.H)
			}
		case it.Kind == Rule && it.H == 0:
			rules = append(rules, it)
		}
	}
	if svgLabels != 1 || alt != 1 || side != 1 {
		t.Errorf("SVG labels %d, alt text %d, text beside %d; want 1 each", svgLabels, alt, side)
	}
	for src, p := range pics {
		inRow := false
		for i := 1; i < len(rules); i++ {
			inRow = inRow || rules[i-1].Y <= p.Y && p.Y+p.H <= rules[i].Y
		}
		if !inRow || p.X < rules[0].X || p.X+p.W > rules[0].X+rules[0].W {
			t.Errorf("%s at %.2f,%.2f %.2f×%.2f is not inside a row of %v", src, p.X, p.Y, p.W, p.H, rules)
		}
	}
	bad := 0
	for _, w := range d.Warnings {
		if strings.Contains(w.Msg, `"bad.svg" cannot be drawn`) {
			bad++
		}
	}
	if bad != 1 {
		t.Errorf("warnings %v, want one for bad.svg", d.Warnings)
	}
}

// TestPictureWidthHint: a width hint sets the picture's width as a share of the
// measure, aspect kept, still capped at 60 % of the text block's height.
func TestPictureWidthHint(t *testing.T) {
	o := DefaultOptions()
	g := newGeometry(&o, FakeMetrics{})
	centre := Pt(0)
	images := map[string][]byte{"d.svg": []byte(diagram), "tall.svg": []byte(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 400"/>`)}
	for _, c := range []struct {
		src   string
		width float64
		w, h  Pt
	}{
		{"d.svg", 0.5, g.measure / 2, g.measure / 4},
		{"d.svg", 1, g.measure, g.measure / 2},
		{"d.svg", 0.25, g.measure / 4, g.measure / 8},
		{"tall.svg", 0.9, g.body * 0.6 / 4, g.body * 0.6},
	} {
		d, _ := pictureBook(t, false, images, &book.Image{Src: c.src, Width: c.width})
		p := pictures(d)[c.src]
		if !near(p.W, c.w) || !near(p.H, c.h) {
			t.Errorf("%s width %v: %.2f×%.2f, want %.2f×%.2f", c.src, c.width, p.W, p.H, c.w, c.h)
		}
		if centre == 0 {
			centre = p.X + p.W/2
		}
		if !near(p.X+p.W/2, centre) {
			t.Errorf("%s width %v: centred at %.2f, the first at %.2f", c.src, c.width, p.X+p.W/2, centre)
		}
	}
}

// TestVerticalPictures: in a vertical book pictures stand upright with their own
// aspect (block and cell pictures), and an SVG's labels stay level at their places on
// the picture, as in a horizontal book.
func TestVerticalPictures(t *testing.T) {
	images := map[string][]byte{"d.svg": []byte(diagram), "p.png": pngOf(t, 60, 30), "bad.svg": []byte("<svg")}
	blocks := []book.Block{
		&book.Paragraph{Runs: []book.Run{{Text: "前文。"}}},
		&book.Image{Src: "d.svg", Alt: "示意图"},
		&book.Image{Src: "p.png", Alt: "半宽", Width: 0.5},
	}
	h, _ := pictureBook(t, false, images, blocks...)
	v, o := pictureBook(t, true, images, blocks...)
	hp, vp := pictures(h), pictures(v)
	for _, src := range []string{"d.svg", "p.png"} {
		p := vp[src]
		if !near(p.W, 2*p.H) || p.W <= 0 {
			t.Errorf("vertical %s: %.2f×%.2f, want the picture's 2:1 aspect", src, p.W, p.H)
		}
		if p.X < 0 || p.Y < 0 || p.X+p.W > o.Width || p.Y+p.H > o.Height {
			t.Errorf("vertical %s: %.2f,%.2f %.2f×%.2f off the %.0f×%.0f page", src, p.X, p.Y, p.W, p.H, o.Width, o.Height)
		}
	}
	// Half the text block's width (whole columns of it: within 3 %).
	if p, tb := vp["p.png"], o.Width-o.Margins.Inner-o.Margins.Outer; math.Abs(float64(p.W/tb-0.5)) > 0.03 {
		t.Errorf("vertical p.png with width 50%%: %.2f wide, want half the text block's %.2f", p.W, tb)
	}
	// Labels: the same offsets from the picture's corner, scaled with it, not turned.
	labels := func(d *Document, pic Item) map[string][2]Pt {
		out := map[string][2]Pt{}
		for _, pg := range d.Pages {
			for _, it := range pg.Items {
				if it.Kind == Text && (it.Text == "中文" || it.Text == "capacity" || it.Text == "mm") {
					if it.Rotate != 0 {
						t.Errorf("label %q rotated %d", it.Text, it.Rotate)
					}
					out[it.Text] = [2]Pt{(it.X - pic.X) / pic.W, (it.Y - pic.Y) / pic.H}
				}
			}
		}
		return out
	}
	hl, vl := labels(h, hp["d.svg"]), labels(v, vp["d.svg"])
	if len(hl) != 3 || len(vl) != 3 {
		t.Fatalf("labels horizontal %v vertical %v", hl, vl)
	}
	for k, want := range hl {
		if got := vl[k]; math.Abs(float64(got[0]-want[0])) > 0.01 || math.Abs(float64(got[1]-want[1])) > 0.01 {
			t.Errorf("label %q at %.3f,%.3f of the picture, want %.3f,%.3f as in horizontal", k, got[0], got[1], want[0], want[1])
		}
	}
	// Cell pictures too.
	v2, _ := pictureBook(t, true, images, cellTable())
	for _, src := range []string{"d.svg", "p.png"} {
		if p := pictures(v2)[src]; !near(p.W, 2*p.H) || p.W <= 0 {
			t.Errorf("vertical cell %s: %.2f×%.2f, want 2:1", src, p.W, p.H)
		}
	}
}
