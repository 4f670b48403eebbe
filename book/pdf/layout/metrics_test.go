package layout

import "testing"

// TestMissingRunes: a rune no face covers is drawn as a 1 em placeholder box unless it
// is never drawn (cjk.NeedsGlyph: a default-ignorable such as ZWJ or a variation
// selector), which takes no room and leaves no box, as the missing-glyph check assumes.
func TestMissingRunes(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		boxes      int
		width      Pt // in em at size 1
	}{
		{"missing ideograph", "甲𪚥乙", 1, 3},
		{"zero-width joiner", "甲\u200d乙", 0, 2},
		{"variation selector", "甲\ufe0f乙\U000E0100", 0, 2},
		{"soft hyphen and word joiner", "甲\u00ad\u2060乙", 0, 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := FakeMetrics{Missing: "𪚥\u200d\ufe0f\U000E0100\u00ad\u2060"}
			lines := BreakParagraph([]rune(tc.text), m, 1, 20, 0, DefaultOptions())
			if len(lines) != 1 {
				t.Fatalf("%d lines, want 1", len(lines))
			}
			boxes := 0
			for _, it := range lines[0].Items {
				if it.Kind == Box {
					boxes++
				}
			}
			if boxes != tc.boxes || lines[0].Width != tc.width {
				t.Errorf("%d boxes, width %v; want %d, %v", boxes, lines[0].Width, tc.boxes, tc.width)
			}
		})
	}
}
