package gopdf

// This file holds the entry points added by the cjkbook fork (see README.md).

import (
	"compress/zlib"
	"fmt"
	"hash/fnv"
	"sort"
	"unicode/utf16"
)

const hexDigits = "0123456789ABCDEF"

// appendUTF16Hex appends s as UTF-16BE upper-case hex digits, with surrogate
// pairs for characters outside the Basic Multilingual Plane.
func appendUTF16Hex(b []byte, s string) []byte {
	for _, r := range s {
		b = appendRuneUTF16Hex(b, r)
	}
	return b
}

// appendRuneUTF16Hex appends one rune as 4 (BMP) or 8 (surrogate pair) hex digits.
func appendRuneUTF16Hex(b []byte, r rune) []byte {
	if r >= 0x10000 && r <= 0x10FFFF {
		hi, lo := utf16.EncodeRune(r)
		b = appendHex16(b, uint16(hi))
		return appendHex16(b, uint16(lo))
	}
	if r < 0 || r > 0xFFFF || (r >= 0xD800 && r < 0xE000) {
		r = 0xFFFD
	}
	return appendHex16(b, uint16(r))
}

// appendHex16 appends v as exactly 4 upper-case hex digits.
func appendHex16(b []byte, v uint16) []byte {
	return append(b, hexDigits[v>>12], hexDigits[v>>8&0xF], hexDigits[v>>4&0xF], hexDigits[v&0xF])
}

// AddOutlineAt adds a bookmark whose destination is the 0-based page number page,
// scrolled so that y (in document units from the top of the page) is at the top
// of the window. Unlike AddOutline it does not depend on the current page: the
// page may be added later, and is resolved when the file is written. Nest the
// returned objects with OutlineNodes.Parse.
func (gp *GoPdf) AddOutlineAt(title string, page int, y float64) *OutlineObj {
	gp.UnitsToPointsVar(&y)
	return gp.outlines.addOutlineAtPage(page, title, gp.config.PageSize.H-y)
}

// SetAnchorAt names a destination on the current page at y (document units from
// the top of the page). SetAnchor instead uses the current Y plus the font size.
func (gp *GoPdf) SetAnchorAt(name string, y float64) {
	gp.UnitsToPointsVar(&y)
	h := gp.config.PageSize.H
	if gp.curr.pageSize != nil && gp.curr.pageSize.H > 0 {
		h = gp.curr.pageSize.H
	}
	gp.anchors[name] = anchorOption{gp.curr.IndexOfPageObj, h - y}
}

// HasAnchor reports whether an anchor of that name has been set.
func (gp *GoPdf) HasAnchor(name string) bool {
	_, ok := gp.anchors[name]
	return ok
}

// FillOval draws a filled ellipse inside the rectangle (x1, y1)–(x2, y2) in the
// current fill colour (Oval only strokes).
func (gp *GoPdf) FillOval(x1, y1, x2, y2 float64) {
	gp.UnitsToPointsVar(&x1, &y1, &x2, &y2)
	gp.getContent().listCache.append(&cacheContentOval{
		pageHeight: gp.curr.pageSize.H, x1: x1, y1: y1, x2: x2, y2: y2, fill: true,
	})
}

// subsetName returns the BaseFont name "ABCDEF+PostScriptName": a six-letter tag
// derived from the PostScript name and the set of glyphs in the subset (so it
// is stable from run to run and differs between different subsets), as PDF 32000
// 9.6.4 asks for subset fonts; pdffonts then reports sub=yes.
func (s *SubsetFontObj) subsetName() string {
	ps := s.ttfp.PostScriptName()
	if ps == "" {
		ps = s.Family
	}
	ps = sanitizeName(ps)
	glyphs := make([]int, 0, len(s.CharacterToGlyphIndex.Vals))
	for _, g := range s.CharacterToGlyphIndex.Vals {
		glyphs = append(glyphs, int(g))
	}
	sort.Ints(glyphs)
	h := fnv.New64a()
	h.Write([]byte(ps))
	var buf [2]byte
	prev := -1
	for _, g := range glyphs {
		if g == prev {
			continue
		}
		prev = g
		buf[0], buf[1] = byte(g>>8), byte(g)
		h.Write(buf[:])
	}
	v := h.Sum64()
	tag := make([]byte, 0, 7+len(ps))
	for i := 0; i < 6; i++ {
		tag = append(tag, byte('A'+v%26))
		v /= 26
	}
	tag = append(tag, '+')
	return string(append(tag, ps...))
}

// sanitizeName keeps the characters allowed unescaped in a PDF name and that
// font names use; everything else becomes '-'.
func sanitizeName(s string) string {
	b := []byte(s)
	for i, c := range b {
		switch {
		case c >= 'A' && c <= 'Z', c >= 'a' && c <= 'z', c >= '0' && c <= '9', c == '-', c == '_', c == '.':
		default:
			b[i] = '-'
		}
	}
	if len(b) == 0 {
		return "Font"
	}
	return string(b)
}

// glyphNotFoundError reports a character the font has no glyph for.
func glyphNotFoundError(family string, r rune) error {
	return fmt.Errorf("%w: U+%04X %q not in font %s", ErrGlyphNotFound, r, r, family)
}

// zlibCompress returns data compressed at level.
func zlibCompress(data []byte, level int) ([]byte, error) {
	buf := GetBuffer()
	defer PutBuffer(buf)
	zw, err := zlib.NewWriterLevel(buf, level)
	if err != nil {
		return nil, err
	}
	if _, err := zw.Write(data); err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return append([]byte(nil), buf.Bytes()...), nil
}
