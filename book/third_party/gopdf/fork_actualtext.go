package gopdf

// fork: marked-content spans with a replacement text (PDF 32000-1 §14.9.4).

// BeginActualText opens a marked-content Span whose /ActualText stands for the
// content drawn until EndActualText: text extraction and copying give text instead
// of the glyphs drawn there ("" leaves them out, as for a ruby reading).
func (gp *GoPdf) BeginActualText(text string) {
	b := []byte("/Span <</ActualText ")
	if text == "" {
		b = append(b, "()"...)
	} else {
		b = append(b, "<FEFF"...)
		b = appendUTF16Hex(b, text)
		b = append(b, '>')
	}
	b = append(b, ">> BDC\n"...)
	gp.getContent().listCache.append(rawContent(b))
}

// EndActualText closes the span BeginActualText opened.
func (gp *GoPdf) EndActualText() {
	gp.getContent().listCache.append(rawContent("EMC\n"))
}
