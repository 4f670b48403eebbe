package cjk

// Where Chinese text takes a space: between words of Latin text, never between two
// Chinese characters, for Chinese writes no spaces between words. The readers use these
// when they join lines a writer or a converter broke, and when they remove the spaces
// a converter left in their place.

// JoinsWithSpace reports whether a line that ends in last and a line that starts
// with first, broken by hand between them, join with a space: only when neither is
// a CJK character or mark (IsCJK), as between two words of Latin text.
func JoinsWithSpace(last, first rune) bool { return !IsCJK(last) && !IsCJK(first) }

// SegmentBreakIsSpace reports whether a line break in HTML source between last and
// first renders as a space, as CSS Text 3's segment-break transformation has it for
// Chinese: not when either side is a CJK character (IsCJKOnly). Unlike JoinsWithSpace,
// the marks Chinese shares with Latin text (“ ” … —) count as Latin here, as their
// East Asian width is ambiguous: an English sentence wrapped after “hello” keeps its space.
func SegmentBreakIsSpace(last, first rune) bool { return !IsCJKOnly(last) && !IsCJKOnly(first) }

// NoSpaceBetween reports whether a space found between a and b is not the writer's:
// both are Chinese or Japanese characters or CJK marks (IsCJKOnly, the ideographic
// space excepted), which text never spaces, so the space is a converter's artifact
// (one that joined hard-wrapped lines with it). Hangul is left out: Korean spaces
// its words.
func NoSpaceBetween(a, b rune) bool { return unspaced(a) && unspaced(b) }

func unspaced(r rune) bool {
	return IsCJKOnly(r) && r != '\u3000' && !(r >= 0xAC00 && r <= 0xD7AF)
}
