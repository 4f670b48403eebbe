package layout

import (
	"math"
	"strings"
	"testing"

	"cjkbook/book"
	"cjkbook/book/internal/testimages"
)

// diagram is a 400×200 px SVG (300×150 pt) with a box and three labels: one
// start-anchored in Times (fitted to Times's width), one centred without a known
// family, one bold and end-anchored, in red, with a character the fake face lacks,
// and one narrower than in Times (centred on the Times extent).
const diagram = `<svg xmlns="http://www.w3.org/2000/svg" width="400" height="200" viewBox="0 0 400 200">
<rect x="10" y="10" width="100" height="40" fill="none" stroke="#000"/>
<text x="20" y="40" font-family="Times,serif" font-size="20">capacity</text>
<text x="200" y="100" text-anchor="middle" font-size="20">中文</text>
<text x="390" y="190" text-anchor="end" font-size="10" font-weight="bold" fill="#ff0000">ab☃</text>
<text x="300" y="40" font-family="serif" font-size="20">mm</text>
</svg>`

func pictureDoc(t *testing.T, images map[string][]byte, blocks ...book.Block) *Document {
	t.Helper()
	o := DefaultOptions()
	o.TitlePage, o.Contents, o.RunningHeads, o.Folios = false, false, false, false
	b := &book.Book{Meta: book.Metadata{Title: "图"}, Images: testimages.Assets(images),
		Chapters: []*book.Chapter{{Title: "一", ID: "c1", Blocks: blocks}}}
	d, err := Layout(b, []Metrics{FakeMetrics{Missing: "☃"}, FakeMetrics{Missing: "☃"}}, o)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestSVGPicture(t *testing.T) {
	d := pictureDoc(t, map[string][]byte{"d.svg": []byte(diagram)},
		&book.Image{Src: "d.svg", Alt: "示意图", At: book.Pos{File: "a.md", Line: 3}})
	var pic *Item
	var labels []Item
	for i, it := range d.Pages[0].Items {
		if it.Kind == Picture {
			pic = &d.Pages[0].Items[i]
		} else if pic != nil && it.Kind == Text && it.Text != "示意图" {
			labels = append(labels, it)
		}
	}
	if pic == nil {
		t.Fatal("no Picture item for the SVG")
	}
	o := DefaultOptions()
	measure := newGeometry(&o, FakeMetrics{}).measure
	// 300 pt wide is within [measure/3, measure]: kept at its intrinsic size.
	if measure < 300 {
		t.Fatalf("test assumes a measure of at least 300 pt, have %v", measure)
	}
	if math.Abs(float64(pic.W-300)) > 0.01 || math.Abs(float64(pic.H-150)) > 0.01 {
		t.Errorf("picture %v×%v, want 300×150", pic.W, pic.H)
	}
	k := Pt(0.75) // pt per SVG unit
	want := []struct {
		text       string
		face       FaceID
		x, y, size Pt
		gray       float64
	}{
		// Times "capacity" at 15 pt is 49.98 pt wide; the fake face gives 8×7.5 = 60 pt,
		// so the label is shrunk to the Times width, from the same start.
		{"capacity", Regular, 20 * k, 40 * k, 15 * 15 * 3.332 / 60, 0},
		{"中文", Regular, 200*k - 15, 100 * k, 15, 0},
		{"ab", Bold, 390*k - 7.5, 190 * k, 7.5, 1 - (1 - 0.299)},
		// Times "mm" is wider (23.34 pt) than the fake face's 15 pt: centred on it.
		{"mm", Regular, 300*k + (23.34-15)/2, 40 * k, 15, 0},
	}
	if len(labels) != len(want) {
		t.Fatalf("labels %+v", labels)
	}
	for i, w := range want {
		l := labels[i]
		if l.Text != w.text || l.Face != w.face || math.Abs(float64(l.X-pic.X-w.x)) > 0.01 || math.Abs(float64(l.Y-pic.Y-w.y)) > 0.01 ||
			math.Abs(float64(l.Size-w.size)) > 0.01 || math.Abs(l.Gray-w.gray) > 0.01 {
			t.Errorf("label %d = %q face %d at %.2f,%.2f size %.2f gray %.2f; want %+v", i, l.Text, l.Face, l.X-pic.X, l.Y-pic.Y, l.Size, l.Gray, w)
		}
	}
	if len(d.Warnings) != 1 || !strings.Contains(d.Warnings[0].String(), "a.md:3") || !strings.Contains(d.Warnings[0].Msg, "☃") {
		t.Errorf("warnings %v, want one at a.md:3 naming ☃", d.Warnings)
	}
}

func TestSVGPictureScaled(t *testing.T) {
	o := DefaultOptions()
	measure := newGeometry(&o, FakeMetrics{}).measure
	for _, c := range []struct {
		name, svg string
		w, h      Pt
	}{
		{"small is widened to the measure", `<svg xmlns="http://www.w3.org/2000/svg" width="10mm" height="5mm"/>`, measure, measure / 2},
		{"wide is narrowed to the measure", `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 2000 100"/>`, measure, measure / 20},
	} {
		t.Run(c.name, func(t *testing.T) {
			d := pictureDoc(t, map[string][]byte{"x.svg": []byte(c.svg)}, &book.Image{Src: "x.svg"})
			for _, it := range d.Pages[0].Items {
				if it.Kind == Picture {
					if math.Abs(float64(it.W-c.w)) > 0.01 || math.Abs(float64(it.H-c.h)) > 0.01 {
						t.Errorf("picture %v×%v, want %v×%v", it.W, it.H, c.w, c.h)
					}
					return
				}
			}
			t.Error("no picture")
		})
	}
	// A tall picture is capped at 60 % of the text block's height.
	d := pictureDoc(t, map[string][]byte{"x.svg": []byte(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 1000"/>`)}, &book.Image{Src: "x.svg"})
	g := newGeometry(&o, FakeMetrics{})
	for _, it := range d.Pages[0].Items {
		if it.Kind == Picture && math.Abs(float64(it.H-g.body*0.6)) > 0.01 {
			t.Errorf("tall picture %v high, want %v", it.H, g.body*0.6)
		}
	}
}

func TestUndrawableImage(t *testing.T) {
	for name, data := range map[string]string{
		"broken SVG": `<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><g></svg>`,
		"no size":    `<svg xmlns="http://www.w3.org/2000/svg"/>`,
		"not image":  `hello`,
	} {
		t.Run(name, func(t *testing.T) {
			d := pictureDoc(t, map[string][]byte{"x.svg": []byte(data)}, &book.Image{Src: "x.svg", Alt: "替代文字", At: book.Pos{File: "b.md", Line: 7}})
			var box, alt bool
			for _, it := range d.Pages[0].Items {
				box = box || it.Kind == Box
				alt = alt || it.Kind == Text && strings.Contains(it.Text, "替代")
				if it.Kind == Picture {
					t.Error("a Picture item for an image that cannot be drawn")
				}
			}
			if !box || !alt {
				t.Errorf("box %v, alt text %v; want the framed alt text", box, alt)
			}
			if len(d.Warnings) != 1 || d.Warnings[0].At.Line != 7 || !strings.Contains(d.Warnings[0].Msg, "cannot be drawn") {
				t.Errorf("warnings %v", d.Warnings)
			}
		})
	}
}
