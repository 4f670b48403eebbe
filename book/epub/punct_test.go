package epub

import (
	"strings"
	"testing"

	"cjkbook/book/cjk"
	"cjkbook/fonts"
)

// TestPunctShapes: each style reshapes the marks its cells ask for — none in GB, the
// stops centred in centred, every mark but 。？！ narrowed in kaiming, all of them in
// banjiao — and the stylesheet asks for no trimming and, when asked, hanging marks.
func TestPunctShapes(t *testing.T) {
	reg, _, err := fonts.Default()
	if err != nil {
		t.Fatal(err)
	}
	if s := punctShapes(cjk.GB, reg); s != nil {
		t.Errorf("gb reshapes %v", s)
	}
	for _, tc := range []struct {
		style cjk.PunctStyle
		r     rune
		want  fonts.MarkShape
		none  bool
	}{
		{cjk.Centred, '，', fonts.MarkShape{Dx: 0.25, Advance: 1}, false},
		{cjk.Centred, '」', fonts.MarkShape{}, true},
		{cjk.Kaiming, '，', fonts.MarkShape{Advance: 0.5}, false},
		{cjk.Kaiming, '（', fonts.MarkShape{Dx: -0.5, Advance: 0.5}, false},
		{cjk.Kaiming, '。', fonts.MarkShape{}, true},
		{cjk.Banjiao, '。', fonts.MarkShape{Advance: 0.5}, false},
	} {
		got, ok := punctShapes(tc.style, reg)[tc.r]
		if ok == tc.none || got != tc.want {
			t.Errorf("%s %q: %+v (%v), want %+v", tc.style, tc.r, got, ok, tc.want)
		}
	}
	if css := punctCSS(cjk.GB, false); css != "" {
		t.Errorf("gb CSS %q", css)
	}
	if css := punctCSS(cjk.Centred, true); !strings.Contains(css, "text-spacing-trim: space-all") || !strings.Contains(css, "hanging-punctuation: allow-end") {
		t.Errorf("centred hanging CSS %q", css)
	}
}
