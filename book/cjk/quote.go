package cjk

// QuoteTakesCell reports whether a curly quote “ ” ‘ ’ in running text takes a full cell,
// its ink on the side of the words it encloses (clreq §3.4; GB/T 15834-2011): when it
// touches Chinese text, that is when the character after it is wide (IsWide) or the one
// before it is wide or is itself a quote that takes a full cell (beforeWide, which the
// caller tracks from left to right). Quotes around Latin words keep the font's
// proportional glyphs. The PDF layout sizes a quote's box by it, and the EPUB sets such
// quotes in its full-width quote face.
func QuoteTakesCell(beforeWide bool, after rune) bool { return beforeWide || IsWide(after) }
