package fonts

import (
	"testing"

	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

// inkOf returns the horizontal ink extent and the advance of r in font data, in font
// units, read back with golang.org/x/image/font/sfnt (an independent parser).
func inkOf(t *testing.T, data []byte, r rune) (lo, hi, adv int) {
	t.Helper()
	f, err := sfnt.Parse(data)
	if err != nil {
		t.Fatal(err)
	}
	var buf sfnt.Buffer
	g, err := f.GlyphIndex(&buf, r)
	if err != nil || g == 0 {
		t.Fatalf("%q: glyph %d, %v", r, g, err)
	}
	ppem := fixed.Int26_6(f.UnitsPerEm()) << 6
	a, err := f.GlyphAdvance(&buf, g, ppem, 0)
	if err != nil {
		t.Fatal(err)
	}
	segs, err := f.LoadGlyph(&buf, g, ppem, nil)
	if err != nil {
		t.Fatal(err)
	}
	lo, hi = 1<<30, -1<<30
	for _, s := range segs {
		n := map[sfnt.SegmentOp]int{sfnt.SegmentOpMoveTo: 1, sfnt.SegmentOpLineTo: 1, sfnt.SegmentOpQuadTo: 2, sfnt.SegmentOpCubeTo: 3}[s.Op]
		for _, p := range s.Args[:n] {
			x := int(p.X >> 6)
			lo, hi = min(lo, x), max(hi, x)
		}
	}
	return lo, hi, int(a >> 6)
}

// TestReshape moves the comma a quarter em right (centred), halves the opening
// bracket's cell with its glyph moved into it, halves the comma's advance, and leaves
// every other glyph as it was; the result is a valid font for an independent parser.
func TestReshape(t *testing.T) {
	reg, _, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	sub, err := Subset(reg, []rune("中，（。"))
	if err != nil {
		t.Fatal(err)
	}
	out, err := Reshape(sub, map[rune]MarkShape{'，': {Dx: 0.25}, '（': {Dx: -0.5, Advance: 0.5}, '。': {Advance: 0.5}})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		r         rune
		dx, adv   int
		unchanged bool
	}{{'，', 250, 1000, false}, {'（', -500, 500, false}, {'。', 0, 500, false}, {'中', 0, 1000, true}, {'a', 0, 0, true}} {
		lo0, hi0, a0 := inkOf(t, sub, tc.r)
		lo, hi, a := inkOf(t, out, tc.r)
		if tc.unchanged {
			if lo != lo0 || hi != hi0 || a != a0 {
				t.Errorf("%q changed: ink %d–%d adv %d, was %d–%d adv %d", tc.r, lo, hi, a, lo0, hi0, a0)
			}
			continue
		}
		if lo-lo0 != tc.dx || hi-hi0 != tc.dx || a != tc.adv {
			t.Errorf("%q: ink %d–%d adv %d, was %d–%d adv %d; want moved %d, adv %d", tc.r, lo, hi, a, lo0, hi0, a0, tc.dx, tc.adv)
		}
	}
	if same, err := Reshape(sub, nil); err != nil || &same[0] != &sub[0] {
		t.Errorf("Reshape with no shapes: a new font (%v)", err)
	}
	if _, err := Parse("reshaped", out); err != nil {
		t.Errorf("reshaped font does not parse: %v", err)
	}
}

// FuzzReshape: any font bytes give a font or an error, never a panic.
func FuzzReshape(f *testing.F) {
	reg, _, err := Default()
	if err != nil {
		f.Fatal(err)
	}
	sub, err := Subset(reg, []rune("，（"))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(sub)
	f.Fuzz(func(t *testing.T, data []byte) {
		_, _ = Reshape(data, map[rune]MarkShape{'，': {Dx: 0.25}, '（': {Dx: -0.5, Advance: 0.5}})
	})
}
