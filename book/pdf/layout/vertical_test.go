package layout

import (
	"math"
	"strings"
	"testing"
	"unicode"

	"cjkbook/book"
	"cjkbook/book/cjk"
	"cjkbook/book/convert"
)

// column is one vertical column of body text read back from a laid-out page.
type column struct {
	cx, start, end Pt
	text           []rune
}

// columns groups a vertical page's body-size text into columns (in drawing order) by
// their centre line, with each column's extent along the page's height; items outside
// the text block (running heads, folios) are left out.
func columns(p *Page, faces []Metrics, o Options, shifts []CellShift) []column {
	var cols []column
	asc := Pt(faces[0].Ascent())
	mid := Pt(faces[0].Ascent()+faces[0].Descent()) / 2
	side := (o.Margins.Inner + o.Margins.Outer) / 2
	ends := (o.Margins.Top + o.Margins.Bottom) / 2
	for _, it := range uprightGlyphs(p.Items, faces, shifts) {
		if it.Kind != Text || it.Text == "" || it.Y > o.Height-ends*3/4 {
			continue // the folio sits below the columns
		}
		if it.Tag == Artifact && it.Text == "\u3000" {
			continue // an inkless mark of a column Span (columnSetter.span)
		}
		f := faces[it.Face]
		rs := []rune(it.Text)
		pens := it.Pens(f)
		adv := pens[len(pens)-1] - it.X
		var cx, y0, y1 Pt
		switch {
		case it.Rotate == 90:
			if it.Size != o.FontSize {
				continue
			}
			cx, y0, y1 = it.X+mid*it.Size, it.Y, it.Y+adv-it.Spacing
		case isDigit(rs[0]):
			if it.Size > o.FontSize {
				continue
			}
			cx, y0, y1 = it.X+adv/2, it.Y-mid*it.Size, it.Y-mid*it.Size
		default:
			if it.Size != o.FontSize {
				continue
			}
			x, y := it.X, it.Y
			if cjk.CornerInVertical(rs[0]) {
				x, y = x-it.Size/2, y+it.Size/2
			}
			cx, y0, y1 = x+adv/2, y-asc*it.Size, y-asc*it.Size+adv
		}
		// A mark with its blank at the end (。，」) ends where its ink ends: the breaker
		// trims that blank at a column's end (GB/T 15834—2011 §5.1.10).
		if last := rs[len(rs)-1]; y1-y0 >= it.Size {
			if _, right := blankSide(last, classOf(last)); right {
				y1 -= it.Size / 2
			}
		}
		if cx < side || cx > o.Width-side {
			continue
		}
		if n := len(cols); n > 0 && math.Abs(float64(cols[n-1].cx-cx)) < 1 {
			c := &cols[n-1]
			c.start, c.end = min(c.start, y0), max(c.end, y1)
			c.text = append(c.text, rs...)
			continue
		}
		cols = append(cols, column{cx: cx, start: y0, end: y1, text: rs})
	}
	return cols
}

// TestVerticalCorpus lays out the seed and the Lu Xun essays vertically (Traditional,
// with 「」『』) and checks on the drawn columns what TestCorpusLines checks on lines:
// columns run right to left; no prohibited mark starts or ends a column; every column
// but a paragraph's last fills the column length within 0.1 pt; a paragraph's first
// column is indented 2 em; and the body text comes back complete and in order.
func TestVerticalCorpus(t *testing.T) {
	texts := corpusTexts(t)
	for _, name := range []string{"seed", "yecao", "zhaohua"} {
		paths, ok := texts[name]
		if !ok {
			t.Logf("SKIP %s: not in the corpus", name)
			continue
		}
		t.Run(name, func(t *testing.T) {
			b := textBook(t, paths...)
			if err := convert.Book(b, convert.Traditional); err != nil {
				t.Fatal(err)
			}
			convert.VerticalQuotes(b)
			faces := wenkai(t)
			o := DefaultOptions()
			o.Vertical = true
			d, err := Layout(b, faces, o)
			if err != nil {
				t.Fatal(err)
			}
			if !d.RTL || d.Width != o.Width || d.Height != o.Height {
				t.Fatalf("RTL %v, page %.0f×%.0f", d.RTL, d.Width, d.Height)
			}
			side := (o.Margins.Top + o.Margins.Bottom) / 2
			var want, got strings.Builder
			for _, c := range b.Chapters {
				for _, bl := range c.Blocks {
					want.WriteString(book.Text(bl))
				}
			}
			var cols []column
			for i := range d.Pages {
				p := &d.Pages[i]
				if !p.Body {
					continue
				}
				pc := columns(p, faces, o, d.CellShifts)
				for j := 1; j < len(pc); j++ {
					if pc[j].cx >= pc[j-1].cx {
						t.Fatalf("page %d: column %d at x=%.1f is right of the one before (%.1f)", i, j, pc[j].cx, pc[j-1].cx)
					}
				}
				cols = append(cols, pc...)
			}
			// Every column starts at the top of the text block; its length is a whole
			// number of characters (GridMeasure).
			colLen := o.Height - o.Margins.Top - o.Margins.Bottom
			length := Pt(int(float64((o.Height-o.Margins.Top-o.Margins.Bottom)/o.FontSize)+1e-9)) * o.FontSize
			top := side + (colLen-length)/2
			fails := 0
			bad := func(f string, a ...any) {
				if fails++; fails <= 10 {
					t.Errorf(f, a...)
				}
			}
			for i, c := range cols {
				got.WriteString(string(c.text))
				s := strings.TrimRightFunc(string(c.text), unicode.IsSpace)
				rs := []rune(s)
				if len(rs) == 0 {
					continue
				}
				indented := c.start > top+1.4*o.FontSize
				if !indented && classOf(rs[0]).noStart() {
					bad("column %d starts with %q: %q", i, rs[0], s)
				}
				last := i == len(cols)-1 || cols[i+1].start > top+1.4*o.FontSize
				if !last && classOf(rs[len(rs)-1]).noEnd() {
					bad("column %d ends with %q: %q", i, rs[len(rs)-1], s)
				}
				if c.end > top+length+0.1 {
					bad("column %d overflows: %.2f > %.2f", i, c.end-top, length)
				}
				short := float64(top + length - c.end)
				if _, right := blankSide(rs[len(rs)-1], classOf(rs[len(rs)-1])); right && short > 0 && short <= float64(o.FontSize)/2+0.1 {
					short = 0 // an end mark the breaker did not need to trim fully
				}
				if !last && math.Abs(short) > 0.1 {
					bad("column %d not justified: %.2f of %.2f: %q", i, c.end-top, length, s)
				}
			}
			if fails > 10 {
				t.Errorf("%d violations in total", fails)
			}
			cov := covers(faces)
			norm := func(s string) string {
				return strings.Map(func(r rune) rune {
					if unicode.IsSpace(r) || !cov(r) {
						return -1
					}
					return r
				}, s)
			}
			if g, w := norm(got.String()), norm(want.String()); g != w {
				n := 0
				for n < len(g) && n < len(w) && g[n] == w[n] {
					n++
				}
				t.Errorf("body text differs at byte %d: got %q, want %q", n, clipAt(g, n), clipAt(w, n))
			}
			t.Logf("%d pages, %d columns of %.1f pt", len(d.Pages), len(cols), length)
		})
	}
}

func clipAt(s string, n int) string {
	s = s[max(0, n-30):]
	if len(s) > 90 {
		s = s[:90]
	}
	return strings.ToValidUTF8(s, "")
}

// TestVerticalItems checks the placement rules on one short paragraph: upright Han, a
// rotated Latin word, an upright two-digit number (縱中橫), corner brackets upright as
// WenKai's vertical forms, rotated dashes (WenKai has no vertical form of —), 。 and ，
// moved to the upper right.
func TestVerticalItems(t *testing.T) {
	b := &book.Book{Meta: book.Metadata{Title: "T"}, Chapters: []*book.Chapter{{Title: "章", ID: "ch1", Blocks: []book.Block{
		&book.Paragraph{Runs: []book.Run{{Text: "強化「首要」，阻斷。ABC 12月——好"}}}}}}}
	o := DefaultOptions()
	o.Vertical, o.TitlePage, o.Contents = true, false, false
	d, err := Layout(b, wenkai(t), o)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]Item{}
	for _, p := range d.Pages {
		for _, it := range uprightGlyphs(p.Items, wenkai(t), d.CellShifts) {
			if it.Text == p.Label && it.Size < o.FontSize {
				if it.Rotate != 0 || it.Y < o.Height-o.Margins.Bottom || math.Abs(float64(it.X-(o.Width-it.W)/2)) > float64(o.Width/4) {
					t.Errorf("folio %q at (%.1f, %.1f) rotate %d: want it level at the foot of the page", it.Text, it.X, it.Y, it.Rotate)
				}
			}
			if it.Kind == Text && it.Size == o.FontSize || it.Text == "12" {
				got[it.Text] = it
			}
		}
	}
	han, ok := got["強"]
	if !ok {
		t.Fatalf("no upright 強 in %v", got)
	}
	for _, tc := range []struct {
		text   string
		rotate int
	}{{"「", 0}, {"」", 0}, {"ABC ", 90}, {"——", 90}, {"12", 0}, {"。", 0}, {"，", 0}, {"化", 0}} {
		it, ok := got[tc.text]
		if !ok {
			t.Errorf("%q not drawn as one item", tc.text)
			continue
		}
		if it.Rotate != tc.rotate {
			t.Errorf("%q rotated %d, want %d", tc.text, it.Rotate, tc.rotate)
		}
	}
	if c := got["。"]; c.X != han.X+o.FontSize/2 {
		t.Errorf("。 at x=%.2f, want the upper right of its cell (x=%.2f)", c.X, han.X+o.FontSize/2)
	}
	if n := got["12"]; n.Y <= got["ABC "].Y || n.Y >= got["月"].Y {
		t.Errorf("12 at y=%.1f not between ABC (%.1f) and 月 (%.1f)", n.Y, got["ABC "].Y, got["月"].Y)
	}
	if got["化"].Y <= han.Y || got["化"].X != han.X {
		t.Errorf("化 (%.1f, %.1f) not below 強 (%.1f, %.1f) in the same column", got["化"].X, got["化"].Y, han.X, han.Y)
	}
}

// TestVerticalEmphasis: emphasis dots (着重号) sit on the right of a vertical column.
func TestVerticalEmphasis(t *testing.T) {
	b := &book.Book{Meta: book.Metadata{Title: "T"}, Chapters: []*book.Chapter{{Title: "章", ID: "ch1", Blocks: []book.Block{
		&book.Paragraph{Runs: []book.Run{{Text: "這是"}, {Text: "着重", Style: book.Emphasis}, {Text: "的字。"}}}}}}}
	o := DefaultOptions()
	o.Vertical, o.TitlePage, o.Contents = true, false, false
	d, err := Layout(b, wenkai(t), o)
	if err != nil {
		t.Fatal(err)
	}
	var han *Item
	dots := 0
	for _, p := range d.Pages {
		items := uprightGlyphs(p.Items, wenkai(t), d.CellShifts)
		for i, it := range items {
			if it.Text == "着" {
				han = &items[i]
			}
		}
		for _, it := range items {
			if it.Kind == Dot && han != nil {
				dots++
				if it.X <= han.X+o.FontSize {
					t.Errorf("dot at x=%.1f not right of the column (着 spans %.1f–%.1f)", it.X, han.X, han.X+o.FontSize)
				}
			}
		}
	}
	if han == nil || dots != 2 {
		t.Errorf("着 found %v, %d dots, want 2", han != nil, dots)
	}
}
