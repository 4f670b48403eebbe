package fonts

import (
	"testing"

	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

// TestFullWidthQuotes checks the quote face: only .notdef and the four quotes, each one
// em wide, the ink of “ ‘ in the right half of the cell and of ” ’ in the left half, the
// outline's size unchanged; OTS accepts it.
func TestFullWidthQuotes(t *testing.T) {
	reg, _ := defaultFaces(t)
	for _, upem := range []int{0, 200} {
		data, err := FullWidthQuotes(reg, []rune("中“”‘’ab"), SubsetOptions{UnitsPerEm: upem, TextOnly: true})
		if err != nil {
			t.Fatal(err)
		}
		f, err := sfnt.Parse(data)
		if err != nil {
			t.Fatal(err)
		}
		if n := f.NumGlyphs(); n != 5 {
			t.Errorf("grid %d: %d glyphs, want .notdef and four quotes", upem, n)
		}
		orig, err := sfnt.Parse(reg.Data)
		if err != nil {
			t.Fatal(err)
		}
		var buf sfnt.Buffer
		ppem := fixed.I(1000)
		for _, r := range "“”‘’" {
			g, err := f.GlyphIndex(&buf, r)
			if err != nil || g == 0 {
				t.Fatalf("%q not mapped: %v", r, err)
			}
			adv, _ := f.GlyphAdvance(&buf, g, ppem, 0)
			if adv != ppem {
				t.Errorf("grid %d: %q advance %v, want one em", upem, r, adv)
			}
			b, _, err := f.GlyphBounds(&buf, g, ppem, 0)
			if err != nil {
				t.Fatal(err)
			}
			og, _ := orig.GlyphIndex(&buf, r)
			ob, _, _ := orig.GlyphBounds(&buf, og, ppem, 0)
			if w, ow := (b.Max.X - b.Min.X).Round(), (ob.Max.X - ob.Min.X).Round(); w < ow-10 || w > ow+10 {
				t.Errorf("grid %d: %q ink %d wide, the font's %d", upem, r, w, ow)
			}
			opening := r == '“' || r == '‘'
			if opening && b.Min.X < fixed.I(500) || !opening && b.Max.X > fixed.I(500) {
				t.Errorf("grid %d: %q ink spans %v..%v of the em, want the %s half", upem, r, b.Min.X, b.Max.X, map[bool]string{true: "right", false: "left"}[opening])
			}
		}
		if g, _ := f.GlyphIndex(&buf, 'a'); g != 0 {
			t.Errorf("quote face maps 'a'")
		}
		sanitizeFull(t, data)
	}
}
