package book

// TOCEntry is one line of the table of contents; it is the single source of truth
// for the EPUB navigation and the PDF contents pages and outline.
type TOCEntry struct {
	Title    string
	Subtitle string
	Chapter  int    // index into Book.Chapters
	Anchor   string // Heading.ID for sections, "" for a chapter itself
	Children []TOCEntry
}

// TOC returns the book's contents as a tree: parts > chapters > sections (## headings).
func (b *Book) TOC() []TOCEntry {
	var out []TOCEntry
	partIdx := -1
	for i, c := range b.Chapters {
		e := TOCEntry{Title: c.Title, Subtitle: c.Subtitle, Chapter: i}
		for _, bl := range c.Blocks {
			if h, ok := bl.(*Heading); ok && h.Level == 2 {
				e.Children = append(e.Children, TOCEntry{Title: Plain(h.Runs), Chapter: i, Anchor: h.ID})
			}
		}
		switch {
		case c.Kind == Part:
			out = append(out, e)
			partIdx = len(out) - 1
		case partIdx >= 0 && c.Kind == Body:
			out[partIdx].Children = append(out[partIdx].Children, e)
		default:
			partIdx = -1
			out = append(out, e)
		}
	}
	return out
}
