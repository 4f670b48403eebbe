package epub

import (
	"cjkbook/book/cjk"
	"cjkbook/fonts"
)

// The EPUB sets the book's punctuation style (Options.Punct) through its fonts: a
// reading system lays the text out itself, so the subset fonts get marks whose
// outlines and advances are those of the style's cells (cjk.PunctStyle.Place) —
// half-width cells for 开明 and 半角, stops centred for the Taiwan and Hong Kong
// style — and the stylesheet asks readers that trim punctuation (CSS Text 4
// text-spacing-trim) not to trim these again. GB is what the fonts already draw. What
// a glyph table cannot say is left to the reading system: 半角 keeps a paragraph's last
// mark full width only in the PDF, and vertical text uses the fonts' vertical forms.

// punctShapes returns how the marks of face f change for style s (nil for GB).
func punctShapes(s cjk.PunctStyle, f *fonts.Face) map[rune]fonts.MarkShape {
	if s == cjk.GB || s == cjk.Basic || f == nil {
		return nil
	}
	shapes := map[rune]fonts.MarkShape{}
	for _, r := range cjk.ChineseMarks {
		adv := f.Advance(r)
		if adv < 0.9 {
			continue // not a full-width glyph: nothing to place
		}
		pl, ok := s.Place(r, cjk.ClassOf(r), false)
		if !ok || pl.Shift == 0 && pl.Width == 1 {
			continue
		}
		shapes[r] = fonts.MarkShape{Dx: pl.Shift * adv, Advance: pl.Width * adv}
	}
	return shapes
}

// reshapeFonts gives each font the shapes of its marks in style s.
func reshapeFonts(fs []*embeddedFont, s cjk.PunctStyle) {
	for _, f := range fs {
		f.shapes = punctShapes(s, f.face)
	}
}

// punctCSS is appended to the stylesheet: no further trimming of the marks in a
// style other than GB, and hanging-punctuation: allow-end when marks may hang (CSS
// Text 3; harmless where unsupported).
func punctCSS(s cjk.PunctStyle, hanging bool) string {
	css := ""
	if s != cjk.GB && s != cjk.Basic {
		css += "\n/* Punctuation style " + s.String() + ": the fonts' marks have the style's cells. */\nbody {\n  text-spacing-trim: space-all;\n}\n"
	}
	if hanging {
		css += "\n/* Hanging punctuation. */\np {\n  hanging-punctuation: allow-end;\n}\n"
	}
	return css
}

// fullWidthQuotes reports whether style s gives the curly quotes in Chinese text a full
// cell (the quote face); 开明 and 半角 set them in their narrow glyphs.
func fullWidthQuotes(s cjk.PunctStyle) bool { return s != cjk.Kaiming && s != cjk.Banjiao }
