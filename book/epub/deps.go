package epub

import "cjkbook/fonts"

// The functions below are the seams to work owned by other packages.
// TODO(epub): switch generateCover to cover.Generate as soon as package
// book/cover is committed; until then a book without its own cover image
// gets no cover.

// subsetFont returns a TrueType font holding the glyphs of runes.
var subsetFont = fonts.Subset

// generateCover draws a cover image; nil data means no cover.
var generateCover = func(title, subtitle, author string, bold, regular *fonts.Face) (data []byte, mediaType string, err error) {
	return nil, "", nil
}
