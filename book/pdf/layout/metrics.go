package layout

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
	if isWide(r) {
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

// isWide reports whether r is East Asian Wide or Fullwidth (UAX #11), by range;
// the quotes “ ” ‘ ’ are Ambiguous and not wide here.
func isWide(r rune) bool {
	switch {
	case r < 0x1100:
		return false
	case r <= 0x115F, r >= 0x2E80 && r <= 0x303E, r >= 0x3041 && r <= 0x33FF,
		r >= 0x3400 && r <= 0x4DBF, r >= 0x4E00 && r <= 0x9FFF, r >= 0xA000 && r <= 0xA4CF,
		r >= 0xAC00 && r <= 0xD7A3, r >= 0xF900 && r <= 0xFAFF, r >= 0xFE10 && r <= 0xFE19,
		r >= 0xFE30 && r <= 0xFE6F, r >= 0xFF00 && r <= 0xFF60, r >= 0xFFE0 && r <= 0xFFE6,
		r >= 0x1F300 && r <= 0x1F64F, r >= 0x1F900 && r <= 0x1F9FF, r >= 0x20000 && r <= 0x3FFFD:
		return true
	}
	return r == 0x2026 || r == 0x2025 || r == 0x2014 || r == 0x2E3A || r == 0x22EF || r == 0x2103
}
