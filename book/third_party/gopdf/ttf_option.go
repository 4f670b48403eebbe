package gopdf

// TtfOption  font option
type TtfOption struct {
	UseKerning                bool
	Style                     int               //Regular|Bold|Italic
	OnGlyphNotFound           func(r rune)      //Called when a glyph cannot be found, just for debugging
	OnGlyphNotFoundSubstitute func(r rune) rune //Called when a glyph cannot be found, we can return a new rune to replace it.
	// fork: Variant, when not nil, gives the glyph the font draws for the variation
	// sequence base + vs (from its cmap format 14), and false when it has none; text
	// with a variation selector is then drawn with that glyph (fork_variants.go).
	Variant func(base, vs rune) (glyph uint, ok bool)
}

func defaultTtfFontOption() TtfOption {
	var defa TtfOption
	defa.UseKerning = false
	defa.Style = Regular
	defa.OnGlyphNotFoundSubstitute = DefaultOnGlyphNotFoundSubstitute
	return defa
}

func DefaultOnGlyphNotFoundSubstitute(r rune) rune {
	return rune('\u0020')
}
