package fonts

import (
	"slices"
	"testing"
)

// testHalves are the marks of GB/T 15834 with their blank sides, as book/epub passes them.
var testHalves = &HalfWidths{Start: "“‘（《〈「『【〔〖", End: "”’）》〉」』】〕〗，。、；：？！"}

// halfAdjustments reads back the single adjustments of a GPOS feature as glyph →
// [placement, advance change].
func halfAdjustments(t *testing.T, gpos []byte, tag string) map[int][2]int {
	t.Helper()
	r := &reader{b: gpos}
	out := map[int][2]int{}
	if r.u16(0) != 1 {
		t.Fatalf("GPOS version %d", r.u16(0))
	}
	fl, ll := r.u16(6), r.u16(8)
	for i := range r.u16(fl) {
		rec := fl + 2 + 6*i
		if r.tag(rec) != tag {
			continue
		}
		feat := fl + r.u16(rec+4)
		for k := range r.u16(feat + 2) {
			lk := ll + r.u16(ll+2+2*r.u16(feat+4+2*k))
			if r.u16(lk) != gposSingle {
				t.Fatalf("%s: lookup type %d", tag, r.u16(lk))
			}
			sub := lk + r.u16(lk+6)
			if r.u16(sub) != 2 {
				t.Fatalf("%s: subtable format %d", tag, r.u16(sub))
			}
			for j, g := range r.coverage(sub + r.u16(sub+2)) {
				out[g] = [2]int{int(int16(r.u16(sub + 8 + 4*j))), int(int16(r.u16(sub + 10 + 4*j)))}
			}
		}
	}
	if r.bad {
		t.Fatalf("GPOS unreadable")
	}
	return out
}

// TestHalfWidths subsets WenKai with HalfWidths, as is, on the EPUB's grid and in the
// quote face, and checks which marks 'halt' and 'vhal' halve and how: a closing mark or
// stop loses the right (bottom) half of its advance, an opening mark also moves its ink
// back by that half; the proportional curly quotes of the body font are left alone, the
// quote face's full-width ones are halved. OTS accepts every font.
func TestHalfWidths(t *testing.T) {
	reg, _ := defaultFaces(t)
	text := []rune("中文，。、！：；？「」『』（）《》〈〉【】…—“”‘’·12ab")
	type want struct{ start, end string }
	for _, tc := range []struct {
		name   string
		upem   int
		quotes bool
		halt   want
	}{
		{"as is", 0, false, want{"（《〈「『【", "）》〉」』】，。、；：？！"}},
		{"200 grid", 200, false, want{"（《〈「『【", "）》〉」』】，。、；：？！"}},
		{"quote face", 200, true, want{"“‘", "”’、。，：；"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			o := SubsetOptions{UnitsPerEm: tc.upem, TextOnly: true, VerticalForms: true, HalfWidths: testHalves}
			var data []byte
			var err error
			if tc.quotes {
				data, err = FullWidthQuotes(reg, text, o)
			} else {
				data, err = SubsetWith(reg, text, o)
			}
			if err != nil {
				t.Fatal(err)
			}
			sub, err := Parse(tc.name, data)
			if err != nil {
				t.Fatal(err)
			}
			halt := halfAdjustments(t, sub.tables["GPOS"], "halt")
			half := sub.UnitsPerEm / 2
			var start, end []rune
			for cp, g := range sub.bmp {
				r := rune(cp)
				a, ok := halt[int(g)]
				if g == 0 {
					continue
				}
				switch {
				case !ok:
				case a == [2]int{-half, -half}:
					start = append(start, r)
				case a == [2]int{0, -half}:
					end = append(end, r)
				default:
					t.Errorf("%q: halt %v, want a half-em change", r, a)
				}
			}
			slices.Sort(start)
			slices.Sort(end)
			if w := sortedRunes(tc.halt.start); string(start) != string(w) {
				t.Errorf("halt moves %q back, want %q", string(start), string(w))
			}
			if w := sortedRunes(tc.halt.end); string(end) != string(w) {
				t.Errorf("halt halves %q, want %q", string(end), string(w))
			}
			vhal := halfAdjustments(t, sub.tables["GPOS"], "vhal")
			if tc.quotes {
				if len(vhal) != 0 {
					t.Errorf("quote face has vhal %v", vhal)
				}
			} else {
				vert := verticalGlyphs(sub.tables["GSUB"])
				for _, r := range "，。、「」（）" {
					g := int(sub.bmp[r])
					if a, ok := vhal[vert[g]]; !ok || a[1] != -half {
						t.Errorf("%q: vertical form %d has vhal %v, want the advance halved", r, vert[g], a)
					}
				}
				t.Logf("vhal covers %d vertical forms", len(vhal))
			}
			sanitizeFull(t, data)
		})
	}
}

// TestHalfWidthsNone checks that no GPOS is written without HalfWidths or without a mark
// that qualifies.
func TestHalfWidthsNone(t *testing.T) {
	reg, _ := defaultFaces(t)
	for _, o := range []SubsetOptions{
		{TextOnly: true},
		{TextOnly: true, HalfWidths: &HalfWidths{Start: "“", End: "”"}}, // proportional in WenKai
	} {
		data, err := SubsetWith(reg, []rune("中“文”"), o)
		if err != nil {
			t.Fatal(err)
		}
		sub, err := Parse("subset", data)
		if err != nil {
			t.Fatal(err)
		}
		if _, ok := sub.tables["GPOS"]; ok {
			t.Errorf("%+v: GPOS written", o)
		}
	}
}

func sortedRunes(s string) []rune {
	rs := []rune(s)
	slices.Sort(rs)
	return rs
}
