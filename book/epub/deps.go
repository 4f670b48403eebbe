package epub

import (
	"cjkbook/book/cover"
	"cjkbook/fonts"
)

// Seams to the packages that own these steps; tests may count or replace them.
var (
	// subsetFont returns a TrueType font holding the glyphs of runes.
	subsetFont = fonts.Subset
	// generateCover draws the cover image when the manuscript has none.
	generateCover = cover.Generate
)
