package cjk

import "unicode"

// ignorable is Default_Ignorable_Code_Point (UAX #44, DerivedCoreProperties.txt of
// Unicode 15.1): the soft hyphen, combining grapheme joiner, the Hangul fillers,
// the Mongolian free variation selectors, the zero-width space, joiners and
// direction marks, the word joiner and invisible operators, the variation selectors
// U+FE00–FE0F and U+E0100–E01EF, the BOM and the tag characters.
var ignorable = &unicode.RangeTable{
	R16: []unicode.Range16{
		{Lo: 0x00AD, Hi: 0x00AD, Stride: 1},
		{Lo: 0x034F, Hi: 0x034F, Stride: 1},
		{Lo: 0x061C, Hi: 0x061C, Stride: 1},
		{Lo: 0x115F, Hi: 0x1160, Stride: 1},
		{Lo: 0x17B4, Hi: 0x17B5, Stride: 1},
		{Lo: 0x180B, Hi: 0x180F, Stride: 1},
		{Lo: 0x200B, Hi: 0x200F, Stride: 1},
		{Lo: 0x202A, Hi: 0x202E, Stride: 1},
		{Lo: 0x2060, Hi: 0x206F, Stride: 1},
		{Lo: 0x3164, Hi: 0x3164, Stride: 1},
		{Lo: 0xFE00, Hi: 0xFE0F, Stride: 1},
		{Lo: 0xFEFF, Hi: 0xFEFF, Stride: 1},
		{Lo: 0xFFA0, Hi: 0xFFA0, Stride: 1},
		{Lo: 0xFFF0, Hi: 0xFFF8, Stride: 1},
	},
	R32: []unicode.Range32{
		{Lo: 0x1BCA0, Hi: 0x1BCA3, Stride: 1},
		{Lo: 0x1D173, Hi: 0x1D17A, Stride: 1},
		{Lo: 0xE0000, Hi: 0xE0FFF, Stride: 1},
	},
}

// IsIgnorable reports whether r is a default-ignorable code point (UAX #44): a
// character that is never drawn when a font has no glyph for it, such as U+200B,
// ZWJ and ZWNJ, the variation selectors and the soft hyphen.
func IsIgnorable(r rune) bool {
	return r >= 0xAD && unicode.Is(ignorable, r)
}

// NeedsGlyph reports whether r must be drawn from a font: it is neither a space (set
// as a blank), nor a control, nor default-ignorable. The missing-glyph check reports
// only such runes, and the PDF layout draws a placeholder box only for them.
func NeedsGlyph(r rune) bool {
	return !unicode.IsSpace(r) && !unicode.IsControl(r) && !IsIgnorable(r)
}
