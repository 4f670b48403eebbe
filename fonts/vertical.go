package fonts

// VerticalForm returns the glyph the font draws for r in vertical text: the substitute
// its GSUB 'vert' feature gives r's glyph (the feature 'vrt2' when it has no 'vert'), as
// HarfBuzz and CoreText apply in vertical-rl text: 「 becomes ﹁, … a column of dots.
// ok is false when the font lacks r or has no vertical form for it.
func (f *Face) VerticalForm(r rune) (gid uint16, ok bool) {
	g := f.GlyphID(r)
	if g == 0 {
		return 0, false
	}
	v, ok := f.vertForm[g]
	if !ok || v == 0 || int(v) >= f.numGlyphs {
		return 0, false
	}
	return v, true
}

// HasVerticalForm reports whether the font has a vertical form of r (VerticalForm).
func (f *Face) HasVerticalForm(r rune) bool {
	_, ok := f.VerticalForm(r)
	return ok
}

// readVerticalForms fills vertForm (when the font is parsed) from the lookups of the font's 'vert' features, in
// the table's order (each lookup applied to what the ones before it gave), or of its
// 'vrt2' features when it has no 'vert'; a glyph substituted by itself has none.
func (f *Face) readVerticalForms() {
	v := readVerticalGSUB(f.tables["GSUB"])
	if v == nil {
		return
	}
	tag := "vrt2"
	for _, fe := range v.features {
		if fe.tag == "vert" {
			tag = "vert"
		}
	}
	var lookups []int
	seen := map[int]bool{}
	for _, fe := range v.features {
		for _, li := range fe.lookups {
			if fe.tag == tag && !seen[li] {
				seen[li] = true
				lookups = append(lookups, li)
			}
		}
	}
	m := map[uint16]uint16{}
	for _, li := range lookups {
		for in := range v.lookups[li].subst {
			m[uint16(in)] = uint16(in)
		}
	}
	for in := range m {
		out := int(in)
		for _, li := range lookups {
			if s, ok := v.lookups[li].subst[out]; ok {
				out = s
			}
		}
		if out == int(in) {
			delete(m, in)
		} else {
			m[in] = uint16(out)
		}
	}
	f.vertForm = m
}
