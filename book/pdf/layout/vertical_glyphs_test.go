package layout

import (
	"math"
	"testing"

	"cjkbook/book/cjk"
)

// uprightGlyphs returns items with every Vertical item split into its glyphs, each a
// level one-glyph item where the glyph is drawn: centred across on the item's X, its
// baseline one ascent of its face below its vertical origin, moved by its CellShift.
func uprightGlyphs(items []Item, faces []Metrics, shifts []CellShift) []Item {
	var out []Item
	for _, it := range items {
		if !it.Vertical {
			out = append(out, it)
			continue
		}
		f := faces[it.Face]
		top, k := it.Y, 0
		i := 0
		for _, r := range it.Text {
			for k < len(it.Moves) && it.Moves[k].At <= i {
				top += it.Moves[k].Y
				k++
			}
			g := it
			g.Vertical, g.Moves, g.Spacing, g.Text = false, nil, 0, string(r)
			g.X = it.X - Pt(f.Advance(r))*it.Size/2
			g.Y = top + Pt(f.Ascent())*it.Size
			for _, c := range shifts {
				if c.Rune == r {
					g.X, g.Y = g.X+Pt(c.X)*it.Size, g.Y+Pt(c.Y)*it.Size
				}
			}
			out = append(out, g)
			top += it.Size + it.Spacing
			i++
		}
	}
	return out
}

// TestVerticalRuns: rotateText draws a column's upright glyphs as Vertical items, one
// per run between glyphs set otherwise (rotated, 縱中橫, variation sequences), whose
// glyphs stand where the virtual line's pens put them: centred on the column, the
// baseline one ascent below the start along the line.
func TestVerticalRuns(t *testing.T) {
	m := FakeMetrics{}
	faces := []Metrics{m, m}
	const w, asc, mid = 300, 0.88, 0.38
	for _, tc := range []struct {
		name     string
		it       Item
		style    cjk.PunctStyle
		vertical []string // the texts of the Vertical items, in order
	}{
		{"one run", Item{Kind: Text, X: 20, Y: 40, Size: 10, Text: "天地玄黄"}, cjk.GB, []string{"天地玄黄"}},
		{"spacing", Item{Kind: Text, X: 20, Y: 40, Size: 10, Spacing: 0.7, Text: "天地玄黄"}, cjk.GB, []string{"天地玄黄"}},
		{"moves", Item{Kind: Text, X: 20, Y: 40, Size: 10, Text: "天地玄黄", Moves: []Move{{At: 1, X: 2.5}, {At: 3, X: -1.25}}}, cjk.GB, []string{"天地玄黄"}},
		{"corner marks", Item{Kind: Text, X: 20, Y: 40, Size: 10, Text: "天地，玄黄。宇"}, cjk.GB, []string{"天地，玄黄。宇"}},
		{"corner marks kaiming", Item{Kind: Text, X: 20, Y: 40, Size: 10, Text: "天地，玄黄。宇"}, cjk.Kaiming, []string{"天地，玄黄。宇"}},
		{"centred stops", Item{Kind: Text, X: 20, Y: 40, Size: 10, Text: "天地，玄黄！宇"}, cjk.Centred, []string{"天地，玄黄！宇"}},
		{"rotated between", Item{Kind: Text, X: 20, Y: 40, Size: 10, Text: "天地ABC玄黄「宇」"}, cjk.GB, []string{"天地", "玄黄", "宇"}},
		{"digits between", Item{Kind: Text, X: 20, Y: 40, Size: 10, Text: "第12回"}, cjk.GB, []string{"第", "回"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := rotateText(tc.it, faces, w, asc, mid, tc.style, nil, false)
			var got []string
			for _, it := range out {
				if it.Vertical {
					got = append(got, it.Text)
					for _, mv := range it.Moves {
						if mv.X != 0 {
							t.Errorf("%q: move %+v across the column", it.Text, mv)
						}
					}
				}
			}
			if len(got) != len(tc.vertical) {
				t.Fatalf("vertical items %q, want %q", got, tc.vertical)
			}
			for i := range got {
				if got[i] != tc.vertical[i] {
					t.Fatalf("vertical items %q, want %q", got, tc.vertical)
				}
			}
			// Every upright glyph where the one-glyph-per-item drawing put it.
			pens := tc.it.Pens(m)
			cx := w - (tc.it.Y - mid*tc.it.Size)
			i := 0
			for _, g := range uprightGlyphs(out, faces, cellShifts(tc.style)) {
				r := []rune(g.Text)
				for i < len(pens)-1 && []rune(tc.it.Text)[i] != r[0] {
					i++
				}
				if g.Rotate != 0 || len(r) != 1 || !cjk.UprightInVertical(r[0]) || isDigit(r[0]) {
					i += len(r)
					continue
				}
				x := cx - Pt(m.Advance(r[0]))*g.Size/2
				y := pens[i] + asc*g.Size
				dx, dy := uprightShift(r[0], tc.style, g.Size)
				x, y = x+dx, y+dy
				if cjk.CornerInVertical(r[0]) && tc.style != cjk.Centred {
					x, y = x+g.Size/2, y-g.Size/2
				}
				if math.Abs(float64(g.X-x)) > 1e-9 || math.Abs(float64(g.Y-y)) > 1e-9 {
					t.Errorf("%q at (%.4f, %.4f), want (%.4f, %.4f)", g.Text, g.X, g.Y, x, y)
				}
				i++
			}
		})
	}
}

// TestColumnSpans: with spans, a rotated run and a 縱中橫 group each go in a Span whose
// text is theirs, between two inkless upright artifacts on the column's centre line:
// one at the top of the run's place and one an em above its end (at the top when the
// run is shorter than two em), which is where text extraction reads the run.
func TestColumnSpans(t *testing.T) {
	m := FakeMetrics{}
	faces := []Metrics{m}
	const w, asc, mid = 300, 0.88, 0.38
	it := Item{Kind: Text, Tag: 5, X: 20, Y: 40, Size: 10, Text: "天ABCDE地12回"}
	out := rotateText(it, faces, w, asc, mid, cjk.GB, nil, true)
	cx := Pt(w) - (it.Y - mid*it.Size)
	pos := it.Pens(m)
	top := func(i int) Pt { return pos[i] + (asc-Pt(m.Ascent()))*it.Size }
	type span struct {
		text      string
		top, foot Pt
	}
	want := []span{{"ABCDE", top(1), top(6) - 2*it.Size}, {"12", top(7), top(7)}}
	var got []span
	for i := 0; i < len(out); i++ {
		if out[i].Kind != Span {
			continue
		}
		if i+4 >= len(out) || out[i+4].Kind != SpanEnd {
			t.Fatalf("span at %d does not hold mark, run, mark: %+v", i, out[i:])
		}
		a, part, b := out[i+1], out[i+2], out[i+3]
		for _, mk := range []Item{a, b} {
			if !mk.Vertical || mk.Text != "\u3000" || mk.Tag != Artifact || mk.X != cx {
				t.Errorf("span %q: mark %+v is not an inkless upright artifact on x=%.2f", out[i].Text, mk, cx)
			}
		}
		if part.Text != out[i].Text || part.Tag != it.Tag {
			t.Errorf("span %q holds %q tagged %d", out[i].Text, part.Text, part.Tag)
		}
		got = append(got, span{out[i].Text, a.Y, b.Y})
	}
	if len(got) != len(want) {
		t.Fatalf("spans %+v, want %+v", got, want)
	}
	for i := range want {
		if got[i].text != want[i].text || math.Abs(float64(got[i].top-want[i].top)) > 1e-6 || math.Abs(float64(got[i].foot-want[i].foot)) > 1e-6 {
			t.Errorf("span %d = %+v, want %+v", i, got[i], want[i])
		}
	}
	if plain := rotateText(it, faces, w, asc, mid, cjk.GB, nil, false); len(plain) != len(out)-2*4 {
		t.Errorf("without spans %d items, want %d", len(plain), len(out)-8)
	}
}
