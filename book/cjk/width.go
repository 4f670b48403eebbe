package cjk

// IsWide reports whether r takes a full em in Chinese text: East Asian Wide or
// Fullwidth (UAX #11), by block ranges, plus marks that UAX #11 calls Ambiguous or
// Neutral but Chinese fonts draw in a full em box and GB/T 15834-2011 treats as
// full-width: the ellipsis … ⋯ ‥, the dashes — ⸺ and ℃. The curly quotes “ ” ‘ ’
// stay narrow here (they are Ambiguous, and LXGW WenKai draws them 0.35 em wide; the
// layout widens them in Chinese context instead), as does the interpunct ·.
func IsWide(r rune) bool {
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
