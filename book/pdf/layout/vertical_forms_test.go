package layout

import (
	"math"
	"slices"
	"strings"
	"testing"

	"cjkbook/book/cjk"
)

// formMetrics is a FakeMetrics with vertical forms of the runes of forms.
type formMetrics struct {
	FakeMetrics
	forms string
}

func (f formMetrics) HasVerticalForm(r rune) bool { return strings.ContainsRune(f.forms, r) }

// TestVerticalForms: a turned mark (cjk.RotatesInVertical) that the face has a vertical
// form of, one em wide, stands upright in its column's Vertical item, where its turned
// item would have started, and is listed with its shift; other turned marks (no form, a
// narrow “, ：； in a style that halves them, a face without forms) stay turned.
func TestVerticalForms(t *testing.T) {
	wenkai := formMetrics{forms: "「」『』（）《》…‥：；～“”"}
	const w, asc, mid = 300, 0.88, 0.38
	for _, tc := range []struct {
		name   string
		face   Metrics
		text   string
		style  cjk.PunctStyle
		forms  string // the runes drawn as vertical forms, in rune order
		turned []string
		shift  [2]float64 // of ：and ；
	}{
		{"brackets", wenkai, "天「地」玄", cjk.GB, "「」", nil, [2]float64{}},
		{"nested quotes and ellipsis", wenkai, "曰「『黃』……」", cjk.GB, "…「」『』", nil, [2]float64{}},
		{"dash has none", wenkai, "天——地", cjk.GB, "", []string{"——"}, [2]float64{}},
		{"dash beside a bracket", wenkai, "天——「地」", cjk.GB, "「」", []string{"——"}, [2]float64{}},
		{"narrow quotes turn", wenkai, "天“地”", cjk.GB, "", []string{"“", "”"}, [2]float64{}},
		{"colon gb", wenkai, "曰：「天」", cjk.GB, "「」：", nil, [2]float64{}},
		{"colon kaiming", wenkai, "曰：「天」；", cjk.Kaiming, "「」", []string{"：", "；"}, [2]float64{}},
		{"colon banjiao", wenkai, "曰：天", cjk.Banjiao, "", []string{"："}, [2]float64{}},
		{"colon centred", wenkai, "曰：天；", cjk.Centred, "：；", nil, [2]float64{-0.2, -0.25}},
		{"latin and digits", wenkai, "天ABC「12」", cjk.GB, "「」", []string{"ABC"}, [2]float64{}},
		{"no forms", FakeMetrics{}, "天「地」", cjk.GB, "", []string{"「", "」"}, [2]float64{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			it := Item{Kind: Text, X: 20, Y: 40, Size: 10, Face: 1, Text: tc.text}
			faces := []Metrics{FakeMetrics{}, tc.face}
			forms := map[VerticalForm]bool{}
			out := rotateText(it, faces, w, asc, mid, tc.style, forms, false)
			var got []rune
			for _, f := range sortedForms(forms) {
				got = append(got, f.Rune)
				want := [2]float64{}
				if f.Rune == '：' || f.Rune == '；' {
					want = tc.shift
				}
				if f.Face != 1 || f.X != want[0] || f.Y != want[1] {
					t.Errorf("form %+v, want face 1 shifted by %v", f, want)
				}
			}
			if string(got) != tc.forms {
				t.Errorf("vertical forms %q, want %q", string(got), tc.forms)
			}
			var turned []string
			for _, o := range out {
				if o.Rotate == 90 {
					turned = append(turned, o.Text)
				}
			}
			if !slices.Equal(turned, tc.turned) {
				t.Errorf("turned %q, want %q", turned, tc.turned)
			}
			// Each form's vertical origin is where the virtual line starts it.
			pens := it.Pens(tc.face)
			rs := []rune(tc.text)
			k := 0 // the runes before k are passed
			for _, g := range uprightGlyphs(out, faces, nil) {
				r := []rune(g.Text)[0]
				if g.Rotate != 0 || !strings.ContainsRune(tc.forms, r) {
					continue
				}
				i := k + slices.Index(rs[k:], r)
				k = i + 1
				if y := pens[i] + asc*g.Size; math.Abs(float64(g.Y-y)) > 1e-9 {
					t.Errorf("%q baseline at %.4f, want %.4f", r, g.Y, y)
				}
			}
		})
	}
}
