package fonts

import "testing"

// TestVerticalForm checks which of WenKai's marks have a vertical form and that it is
// the glyph its vertical presentation form maps to (ok false: none).
func TestVerticalForm(t *testing.T) {
	reg, bold := defaultFaces(t)
	for _, f := range []*Face{reg, bold} {
		for _, tc := range []struct {
			r, form rune // form: the presentation form with the same glyph, 0 when none
			ok      bool
		}{
			{'「', '﹁', true}, {'」', '﹂', true}, {'『', '﹃', true}, {'』', '﹄', true},
			{'（', '︵', true}, {'《', '︽', true}, {'〉', '﹀', true}, {'【', '︻', true},
			{'…', '︙', true}, {'‥', '︰', true}, {'：', '︓', true}, {'；', '︔', true},
			{'～', 0, true},
			{'—', 0, false}, {'⸺', 0, false}, {'〖', 0, false}, {'／', 0, false}, {'中', 0, false},
			{'\U0010FFFD', 0, false},
		} {
			g, ok := f.VerticalForm(tc.r)
			if ok != tc.ok || ok != f.HasVerticalForm(tc.r) {
				t.Errorf("%s: VerticalForm(%q) ok = %v, want %v", f.Name, tc.r, ok, tc.ok)
				continue
			}
			if tc.form != 0 && g != f.GlyphID(tc.form) {
				t.Errorf("%s: VerticalForm(%q) = glyph %d, want %d (%q's)", f.Name, tc.r, g, f.GlyphID(tc.form), tc.form)
			}
			if ok && g == f.GlyphID(tc.r) {
				t.Errorf("%s: VerticalForm(%q) is its own glyph", f.Name, tc.r)
			}
		}
	}
	if _, ok := (&Face{bmp: make([]uint16, 0x10000)}).VerticalForm('「'); ok {
		t.Error("a face without GSUB has a vertical form")
	}
}
