package fonts

import (
	"bytes"
	"testing"
)

// verticalPairs returns the substitutions of a font's vertical features as old glyph →
// vertical glyph, failing the test when the font has none.
func verticalPairs(t *testing.T, f *Face) map[int]int {
	t.Helper()
	v := readVerticalGSUB(f.tables["GSUB"])
	if v == nil {
		t.Fatalf("%s: no readable GSUB vert/vrt2 features", f.Name)
	}
	m := map[int]int{}
	for _, li := range sortedKeys(v.lookups) {
		if l := v.lookups[li]; l != nil {
			for in, out := range l.subst {
				if _, ok := m[in]; !ok {
					m[in] = out
				}
			}
		}
	}
	return m
}

// TestVerticalForms subsets WenKai with its vertical forms, as is and on the EPUB's grid,
// and checks that the subset's vert lookups map exactly the kept glyphs that have a
// vertical form, each to the glyph the full font substitutes (same outline), that GDEF
// classes follow the glyphs, and that OTS accepts the tables.
func TestVerticalForms(t *testing.T) {
	reg, bold := defaultFaces(t)
	text := []rune("中文，。、！：；？「」『』（）《》〈〉【】…—“”‘’12ab")
	for _, tc := range []struct {
		name string
		face *Face
		o    SubsetOptions
	}{
		{"regular", reg, SubsetOptions{VerticalForms: true}},
		{"regular epub grid", reg, SubsetOptions{UnitsPerEm: 200, TextOnly: true, VerticalForms: true}},
		{"bold epub grid", bold, SubsetOptions{UnitsPerEm: 200, TextOnly: true, VerticalForms: true}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			data, err := SubsetWith(tc.face, append(text, seedRunes(t)...), tc.o)
			if err != nil {
				t.Fatal(err)
			}
			sub, err := Parse("sub.ttf", data)
			if err != nil {
				t.Fatal(err)
			}
			full := verticalPairs(t, tc.face)
			got := verticalPairs(t, sub)
			// Every glyph a code point maps to, with a vertical form in the font, has one in
			// the subset, with the same outline when the grid is kept; no other glyph has.
			want := map[int]bool{}
			for r, g := range sub.bmp {
				vo, ok := full[int(tc.face.bmp[r])]
				if g == 0 || !ok {
					continue
				}
				want[int(g)] = true
				vn, ok := got[int(g)]
				if !ok {
					t.Errorf("%q: no vertical form in the subset", rune(r))
					continue
				}
				if tc.o.UnitsPerEm == 0 && !sameOutline(t, tc.face, vo, sub, vn) {
					t.Errorf("%q: subset's vertical glyph %d differs from the font's %d", rune(r), vn, vo)
				}
			}
			for g := range got {
				if !want[g] {
					t.Errorf("subset maps glyph %d, which no kept code point reaches with a vertical form", g)
				}
			}
			for _, r := range "，。、「" {
				if _, ok := got[int(sub.bmp[r])]; !ok {
					t.Errorf("%q has no vertical form", r)
				}
			}
			if sub.tables["GDEF"] == nil || sub.tables["BASE"] == nil {
				t.Errorf("GDEF or BASE dropped: tables %v", tableTags(sub))
			}
			sanitizeFull(t, data)
		})
	}
}

func tableTags(f *Face) []string {
	var ts []string
	for t := range f.tables {
		ts = append(ts, t)
	}
	return ts
}

// sameOutline reports whether glyph a of font fa and glyph b of font fb have the same
// glyf bytes (simple glyphs are copied unchanged when the grid is kept).
func sameOutline(t *testing.T, fa *Face, a int, fb *Face, b int) bool {
	t.Helper()
	glyph := func(f *Face, g int) []byte {
		offs, err := locaOffsets(f.tables["head"], f.tables["loca"], f.numGlyphs)
		if err != nil {
			t.Fatal(err)
		}
		return f.tables["glyf"][offs[g]:offs[g+1]]
	}
	ga, gb := glyph(fa, a), glyph(fb, b)
	return bytes.Equal(bytes.TrimRight(ga, "\x00"), bytes.TrimRight(gb, "\x00"))
}

// TestVerticalFormsOff checks that a subset without VerticalForms carries no layout tables.
func TestVerticalFormsOff(t *testing.T) {
	reg, _ := defaultFaces(t)
	data, err := SubsetWith(reg, []rune("中文，。"), SubsetOptions{UnitsPerEm: 200, TextOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	sub, err := Parse("sub.ttf", data)
	if err != nil {
		t.Fatal(err)
	}
	for _, tag := range []string{"GSUB", "GDEF", "BASE", "GPOS"} {
		if sub.tables[tag] != nil {
			t.Errorf("subset has %s", tag)
		}
	}
}

// FuzzVerticalGSUB reads arbitrary bytes as GSUB, GDEF and BASE tables: reading must not
// panic, and a GSUB that reads must write a table that reads again.
func FuzzVerticalGSUB(f *testing.F) {
	reg, _ := defaultFaces(f)
	data, err := SubsetWith(reg, []rune("中，。「"), SubsetOptions{VerticalForms: true})
	if err != nil {
		f.Fatal(err)
	}
	sub, err := Parse("sub.ttf", data)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(sub.tables["GSUB"], sub.tables["GDEF"], sub.tables["BASE"])
	f.Fuzz(func(t *testing.T, gsub, gdef, base []byte) {
		v := readVerticalGSUB(gsub)
		s, err := selectGlyphs(reg, []rune("中，。「"), nil, nil, v)
		if err != nil {
			t.Fatal(err)
		}
		if v != nil {
			if out := s.gsub(v); out != nil && readVerticalGSUB(out) == nil {
				t.Errorf("written GSUB does not read back")
			}
		}
		s.gdef(gdef)
		scaler{from: 1000, to: 200}.base(base)
	})
}
