package layout

import (
	"unicode"

	"cjkbook/book/cjk"
)

// Metrics is all the layout needs from a font; *fonts.Face satisfies it.
//
// Contract: Advance returns the advance width of r in em (0 when the font lacks r);
// Covers reports whether the font has a glyph for r; Ascent and Descent are the
// typographic extents in em, Descent negative below the baseline.
type Metrics interface {
	Advance(r rune) float64
	Covers(r rune) bool
	Ascent() float64
	Descent() float64
}

// Variants is what the layout asks of a face that may draw variation sequences (a base
// character and a variation selector, such as 葛 U+E0100, from its cmap format 14);
// *fonts.Face satisfies it. VariantAdvance returns the advance in em of the glyph the
// face gives base + vs, and false when it has none: the base is then drawn alone.
type Variants interface {
	VariantAdvance(base, vs rune) (float64, bool)
}

// VerticalForms is what the layout asks of a face that may have vertical forms of marks
// (「 as ﹁, … as a column of dots, from its GSUB 'vert' feature); *fonts.Face
// satisfies it. HasVerticalForm reports whether the face has one for r.
type VerticalForms interface {
	HasVerticalForm(r rune) bool
}

// variantAdvance returns the advance in em of the glyph face f draws for base followed
// by the variation selector vs, and false when vs is no selector or f has no such
// sequence (base is then drawn alone, vs as itself).
func variantAdvance(f Metrics, base, vs rune) (float64, bool) {
	if base < 0 || !cjk.IsVariationSelector(vs) {
		return 0, false
	}
	v, ok := f.(Variants)
	if !ok {
		return 0, false
	}
	return v.VariantAdvance(base, vs)
}

// FakeMetrics is a Metrics for tests: wide (East Asian Wide/Fullwidth) runes are 1 em,
// “ ” ‘ ’ · are 0.35 em like LXGW WenKai's, every other rune is 0.5 em. Runes listed in
// Missing are not covered (Advance 0).
type FakeMetrics struct {
	Missing string
}

// Advance returns the fake advance of r in em.
func (f FakeMetrics) Advance(r rune) float64 {
	if !f.Covers(r) {
		return 0
	}
	switch r {
	case '“', '”', '‘', '’', '·':
		return 0.35
	}
	if cjk.IsWide(r) {
		return 1
	}
	return 0.5
}

// Covers reports whether r is not listed in f.Missing.
func (f FakeMetrics) Covers(r rune) bool {
	for _, m := range f.Missing {
		if m == r {
			return false
		}
	}
	return true
}

// Ascent returns 0.88 em (WenKai's value).
func (FakeMetrics) Ascent() float64 { return 0.88 }

// Descent returns -0.12 em (WenKai's value).
func (FakeMetrics) Descent() float64 { return -0.12 }

// missingAdvance is the advance in em of a rune that no face covers: none for a rune
// that is never drawn (cjk.NeedsGlyph: controls and default-ignorables), a quarter em
// for a space, and the 1 em of the placeholder box for any other rune.
func missingAdvance(r rune) float64 {
	switch {
	case cjk.NeedsGlyph(r):
		return 1
	case unicode.IsSpace(r):
		return 0.25
	}
	return 0
}

// placeholder reports whether a rune that no face covers is drawn as a placeholder box:
// every rune but those cjk.NeedsGlyph says are never drawn.
func placeholder(r rune) bool { return cjk.NeedsGlyph(r) }
