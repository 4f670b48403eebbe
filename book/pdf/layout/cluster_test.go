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

// TestClusterBreaksLikeBase: a cluster takes its base's class (UAX #14 LB9), so 葛󠄀
// before a Latin word keeps the Han–Latin gap and the break between them, and an
// opening mark with a variation selector still does not end a line.
func TestClusterBreaksLikeBase(t *testing.T) {
	o := DefaultOptions()
	text := []rune("葛\U000E0100abc")
	ls := BreakParagraph(text, FakeMetrics{}, 10, 30, 0, o)
	if len(ls) != 2 || ls[0].End != 2 {
		t.Errorf("lines %q, want 葛󠄀 | abc", lineTexts(text, ls))
	}
	ls = BreakParagraph(text, FakeMetrics{Missing: "\U000E0100"}, 10, 100, 0, o)
	if w := ls[0].Width; w != 10+2.5+15 {
		t.Errorf("width %.2f, want 27.5 (葛, the ¼ em gap, abc)", w)
	}
	text = []rune("甲乙（\uFE0F丙丁")
	for _, ln := range BreakParagraph(text, FakeMetrics{}, 10, 30, 0, o) {
		if ln.End < len(text) && (text[ln.End-1] == '（' || text[ln.End-1] == '\uFE0F') {
			t.Errorf("a line ends with （ or its selector: %q", lineTexts(text, BreakParagraph(text, FakeMetrics{}, 10, 30, 0, o)))
		}
	}
}
