package cjk

import "github.com/rivo/uniseg"

// Grapheme clusters (UAX #29 "Unicode Text Segmentation", extended grapheme clusters):
// a base with its combining marks, a character with a variation selector (©️, or an
// ideographic variation sequence such as 葛󠄀, U+845B U+E0100), an emoji with a skin
// tone, a ZWJ sequence, a regional-indicator flag, a Hangul syllable in jamo, CR LF. A
// reader sees one character, so no line ever breaks inside one and no space is added
// inside one. The segmentation is github.com/rivo/uniseg's; MayJoin is a fast test
// that lets text of ideographs, kana, Latin letters and common marks skip it.

// MayJoin reports whether r may belong to a grapheme cluster of more than one rune.
// It is false for the runes that always stand alone — printable ASCII, Latin-1 and
// Latin Extended letters before the combining marks (U+0300), the general
// punctuation (without the joiners and format characters U+200B–200F), the CJK
// radicals, symbols and punctuation (without the tone marks U+302A–302F), kana
// (without the combining voiced marks U+3099–309A), the CJK ideographs and the
// full-width forms (without the half-width voiced marks U+FF9E–FF9F) — and true for
// every other rune, so a false answer is exact and a true one asks the segmenter.
func MayJoin(r rune) bool {
	switch {
	case r >= 0x20 && r < 0x300:
		return r == 0x7F || r >= 0x80 && r < 0xA0 || r == 0xAD
	case r >= 0x4E00 && r <= 0x9FFF, r >= 0x3400 && r <= 0x4DBF:
		return false
	case r >= 0x2010 && r <= 0x2027, r >= 0x2030 && r <= 0x205E:
		return false
	case r >= 0x2E80 && r <= 0x3029, r >= 0x3030 && r <= 0x3098, r >= 0x309B && r <= 0x33FF:
		return false
	case r >= 0xFF01 && r <= 0xFF9D, r >= 0xFFE0 && r <= 0xFFEE, r >= 0xF900 && r <= 0xFAFF:
		return false
	case r >= 0x20000 && r <= 0x3FFFD:
		return false
	}
	return true
}

// Joins calls fn(i) for every rune i of s (counted in runes from 0) that continues
// the grapheme cluster of the rune before it, so that a line may not break, and no
// space may be added, before rune i.
func Joins(s string, fn func(i int)) {
	i := 0
	state := -1
	for len(s) > 0 {
		var cl string
		cl, s, _, state = uniseg.FirstGraphemeClusterInString(s, state)
		n := 0
		for range cl {
			if n > 0 {
				fn(i)
			}
			n++
			i++
		}
	}
}

// IsVariationSelector reports whether r is a variation selector: U+FE00–FE0F (the
// standardized variation sequences and the text and emoji presentation selectors
// U+FE0E, U+FE0F) or U+E0100–E01EF (the ideographic variation sequences of the
// Ideographic Variation Database, UTS #37).
func IsVariationSelector(r rune) bool {
	return r >= 0xFE00 && r <= 0xFE0F || r >= 0xE0100 && r <= 0xE01EF
}

// SelectsGlyph reports whether the variation selector vs asks a font for a glyph of
// its own (a standardized or an ideographic variation sequence, looked up in a font's
// cmap format 14), rather than a presentation (U+FE0E text, U+FE0F emoji), which a
// font without colour glyphs meets by drawing the base character as it is.
func SelectsGlyph(vs rune) bool {
	return IsVariationSelector(vs) && vs != 0xFE0E && vs != 0xFE0F
}
