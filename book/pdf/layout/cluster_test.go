package layout

import (
	"strings"
	"testing"
)

// TestClusters sets text with grapheme clusters at every measure from one to twelve
// characters: no line ends inside a cluster, a variation selector takes no room and
// leaves no box, and a cluster that no face has is one placeholder box.
func TestClusters(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		boxes      int
	}{
		{"emoji presentation", "版权©\uFE0F所有版权©\uFE0F所有", 0},
		{"ideographic variation sequence", "葛\U000E0100城葛\U000E0100城葛\U000E0100城", 0},
		{"skin tone", "好👍🏽好好👍🏽好", 2},
		{"ZWJ sequence", "一家👨\u200D👩\u200D👧人一家👨\u200D👩\u200D👧人", 2},
		{"flags", "中国🇨🇳日本🇯🇵国旗", 2},
		{"combining marks", "字e\u0301\u0303字字e\u0301\u0303字", 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			text := []rune(tc.text)
			m := FakeMetrics{Missing: "\uFE0F\U000E0100\u200D👍🏽👨👩👧🇨🇳🇯🇵"}
			o := DefaultOptions()
			for chars := 1; chars <= 12; chars++ {
				lines := BreakParagraph(text, m, 10, Pt(chars)*10, 0, o)
				boxes := 0
				for _, ln := range lines {
					for _, it := range ln.Items {
						if it.Kind == Box {
							boxes++
						}
					}
				}
				if boxes != tc.boxes {
					t.Errorf("%d chars: %d boxes, want %d", chars, boxes, tc.boxes)
				}
				for _, e := range checkLines(text, lines, o, m.Covers) {
					if !strings.Contains(e, "not justified") { // a line of one cluster cannot spread
						t.Errorf("%d chars: %s", chars, e)
					}
				}
			}
		})
	}
}
