package gopdf

import (
	"fmt"
	"strings"
)

// fork: variation sequences (a base character followed by a variation selector,
// U+FE00–FE0F or U+E0100–E01EF, such as 葛 U+E0100) drawn as the glyph the font's
// cmap format 14 gives them. The caller supplies the lookup (TtfOption.Variant);
// AddChars replaces each sequence the font lists by a sequence code, a code point
// of plane 16 that the font does not map, entered in CharacterToGlyphIndex with
// the variant glyph, so that measuring and writing text go through the same
// per-character lookups as any other character. The ToUnicode map gives a sequence
// code's glyph the base and the selector, so text extraction and copying give the
// sequence as it was written.

// seqCodeTop is the first sequence code tried; codes are taken downwards.
const seqCodeTop = 0x10FFFD

// seqCodeBottom is the lowest sequence code (the start of plane 16).
const seqCodeBottom = 0x100000

// What sequenceCode gives a sequence drawn without a code of its own.
const (
	seqBase     = -1 // the base's own glyph: the selector is dropped
	seqOwnGlyph = -2 // not listed, but the font maps the selector: drawn as it is
)

// isSelector reports whether r is a variation selector.
func isSelector(r rune) bool {
	return r >= 0xFE00 && r <= 0xFE0F || r >= 0xE0100 && r <= 0xE01EF
}

// mapSequences returns txt with each variation sequence the font lists replaced by
// its sequence code, or by its base alone when the font draws the sequence with the
// base's own glyph. A selector the font lists for no sequence with the character
// before it is left as it is when the font maps the selector itself, and is
// ErrGlyphNotFound otherwise (the caller sends a selector only when the font has its
// sequence or its glyph); so is a sequence code written in txt itself.
func (s *SubsetFontObj) mapSequences(txt string) (string, error) {
	var b strings.Builder
	prev, done := rune(-1), 0
	for i, r := range txt {
		if r >= seqCodeBottom {
			if _, ok := s.seqText[r]; ok {
				return "", glyphNotFoundError(s.Family, r)
			}
		}
		if !isSelector(r) {
			prev = r
			continue
		}
		code, err := s.sequenceCode(prev, r)
		if err != nil {
			return "", err
		}
		if code == seqOwnGlyph {
			prev = r
			continue
		}
		if b.Len() == 0 {
			b.Grow(len(txt))
		}
		// Drop the base (written just before) and the selector; write the code.
		start := i - len(string(prev))
		b.WriteString(txt[done:start])
		if code == seqBase {
			b.WriteRune(prev)
		} else {
			b.WriteRune(code)
		}
		done = i + len(string(r))
		prev = -1
	}
	if done == 0 {
		return txt, nil
	}
	b.WriteString(txt[done:])
	return b.String(), nil
}

// sequenceCode returns the sequence code of base + vs (base -1: none before vs),
// allocating it (and entering its glyph) the first time, or seqBase or seqOwnGlyph.
func (s *SubsetFontObj) sequenceCode(base, vs rune) (rune, error) {
	key := [2]rune{base, vs}
	if c, ok := s.seqCode[key]; ok {
		return c, nil
	}
	var g uint
	ok := false
	if base >= 0 {
		g, ok = s.ttfFontOption.Variant(base, vs)
	}
	if s.seqCode == nil {
		s.seqCode, s.seqText = map[[2]rune]rune{}, map[rune]string{}
	}
	if !ok || g == 0 {
		if _, err := s.CharCodeToGlyphIndex(vs); err == nil {
			s.seqCode[key] = seqOwnGlyph // a font that maps the selector itself
			return seqOwnGlyph, nil
		}
		if base < 0 {
			return 0, fmt.Errorf("%w: variation selector U+%04X with no character before it (font %s)", ErrGlyphNotFound, vs, s.Family)
		}
		return 0, fmt.Errorf("%w: variation sequence U+%04X U+%04X not in font %s", ErrGlyphNotFound, base, vs, s.Family)
	}
	if bg, err := s.CharCodeToGlyphIndex(base); err == nil && bg == g {
		s.seqCode[key] = seqBase
		return seqBase, nil
	}
	c, err := s.freeCode(g)
	if err != nil {
		return 0, err
	}
	s.seqCode[key], s.seqText[c] = c, string(key[:])
	return c, nil
}

// freeCode takes the next code of plane 16 that the font does not map (downwards from
// seqCodeTop) to stand for glyph g, a glyph no character of the text maps to (a
// variation sequence's, a vertical form's), and enters it in CharacterToGlyphIndex.
func (s *SubsetFontObj) freeCode(g uint) (rune, error) {
	if s.nextSeqCode == 0 {
		s.nextSeqCode = seqCodeTop
	}
	for ; s.nextSeqCode >= seqCodeBottom; s.nextSeqCode-- {
		if _, err := s.CharCodeToGlyphIndex(s.nextSeqCode); err != nil {
			break // a code the font does not map
		}
	}
	if s.nextSeqCode < seqCodeBottom {
		return 0, fmt.Errorf("font %s: more variation sequences and vertical forms than free codes in plane 16", s.Family)
	}
	c := s.nextSeqCode
	s.nextSeqCode--
	s.CharacterToGlyphIndex.Set(c, g)
	return c, nil
}
