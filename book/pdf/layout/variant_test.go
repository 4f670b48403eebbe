package layout

import (
	"strings"
	"testing"

	"cjkbook/book/cjk"
)

// variantMetrics is FakeMetrics whose face draws 葛 U+E0100 as a variant half an em
// wide; it has no glyph for the selectors themselves.
type variantMetrics struct{ FakeMetrics }

func (variantMetrics) VariantAdvance(base, vs rune) (float64, bool) {
	if base == '葛' && vs == 0xE0100 {
		return 0.5, true
	}
	return 0, false
}

// TestVariantGlyph: a variation sequence the face has is one glyph of the variant's
// advance, its selector in the Text item right after its base (the drawer draws the
// pair as the variant); a sequence the face lacks is its base alone, the selector
// left out, at the base's advance.
func TestVariantGlyph(t *testing.T) {
	m := variantMetrics{FakeMetrics{Missing: "\U000E0100\U000E0101"}}
	text := []rune("葛\U000E0100城葛\U000E0101城")
	lines := BreakParagraph(text, m, 10, 200, 0, DefaultOptions())
	if len(lines) != 1 {
		t.Fatalf("lines %q, want one", lineTexts(text, lines))
	}
	var drawn strings.Builder
	x := map[rune][]Pt{}
	for _, it := range lines[0].Items {
		if it.Kind != Text {
			continue
		}
		drawn.WriteString(it.Text)
		pen := it.X
		rs := []rune(it.Text)
		for i, r := range rs {
			if i > 0 && cjk.IsVariationSelector(r) {
				continue // drawn with its base
			}
			x[r] = append(x[r], pen)
			a := m.Advance(r)
			if i+1 < len(rs) && cjk.IsVariationSelector(rs[i+1]) {
				a, _ = m.VariantAdvance(r, rs[i+1])
			}
			pen += Pt(a)*it.Size + it.Spacing
		}
	}
	if got, want := drawn.String(), "葛\U000E0100城葛城"; got != want {
		t.Errorf("drawn %+q, want %+q", got, want)
	}
	if w := lines[0].Width; w != 35 {
		t.Errorf("width %.2f, want 35 (葛󠄀 ½ em, 城 葛 城 1 em each)", w)
	}
	if got := x['城']; len(got) != 2 || got[0] != 5 || got[1] != 25 {
		t.Errorf("城 at %v, want [5 25]", got)
	}
	// Vertical: the sequence stays one upright glyph and the next one follows it by
	// the variant's advance.
	it := Item{Kind: Text, X: 0, Y: 0, Size: 10, Text: "葛\U000E0100城"}
	out := uprightGlyphs(rotateText(it, []Metrics{m}, 100, 0.88, 0.38, cjk.GB, nil, false), []Metrics{m}, nil)
	if len(out) != 2 || out[0].Text != "葛\U000E0100" || out[1].Y-out[0].Y != 5 {
		t.Errorf("vertical: %+v, want 葛󠄀 then 城 half an em further", out)
	}
}
