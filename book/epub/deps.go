package epub

import (
	"cjkbook/book/cjk"
	"cjkbook/book/cover"
	"cjkbook/fonts"
)

// Seams to the packages that own these steps; tests may count or replace them.
var (
	// subsetFont returns a TrueType font holding the glyphs of runes, as o says.
	subsetFont = func(f *fonts.Face, r []rune, o fonts.SubsetOptions) ([]byte, error) { return fonts.SubsetWith(f, r, o) }
	// generateCover draws the cover image when the manuscript has none.
	generateCover = cover.Generate
)

// FontOptions subset the EPUB's fonts to the book's own characters on a 1/200-em grid:
// invisible at any reading size (a point moves at most 1/400 em) and a quarter smaller
// once deflated, which keeps the novel's EPUB under 2.5 MB (see fonts.SubsetOptions).
// The font's vertical forms (GSUB vert) come along, so that reading systems put ，。、
// in the upper right of their cell in vertical text, and GPOS halt/vhal are written for
// the marks with a blank half, so that engines implementing text-spacing-trim compress
// adjacent marks as the PDF does.
var FontOptions = fonts.SubsetOptions{UnitsPerEm: 200, TextOnly: true, VerticalForms: true, HalfWidths: halfWidthMarks(cjk.GB)}
