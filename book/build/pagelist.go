package build

import (
	"cjkbook/book"
	"cjkbook/book/epub"
	"cjkbook/book/pdf/layout"
)

// PageBreaks returns where each body page of the laid-out PDF begins, as the
// EPUB's page-break markers: one per page that holds body text, labelled
// with its printed folio. A chapter's first page starts before its title; a
// page that holds only the chapter's footnotes (layout reports it at the
// chapter's first block) starts at the notes.
func PageBreaks(b *book.Book, doc *layout.Document) []epub.PageBreak {
	if doc == nil {
		return nil
	}
	var out []epub.PageBreak
	prev := layout.Start{Chapter: -1}
	for _, p := range doc.Pages {
		s := p.Start
		if s.Chapter < 0 || s.Chapter >= len(b.Chapters) || p.Label == "" {
			continue
		}
		br := epub.PageBreak{Label: p.Label, Chapter: s.Chapter, Block: s.Block, Rune: s.Rune}
		switch {
		case s.Chapter != prev.Chapter:
			br.Block, br.Rune = epub.BeforeTitle, 0
		case s == (layout.Start{Chapter: s.Chapter}) && !before(prev, s) && len(b.Chapters[s.Chapter].Notes) > 0:
			br.Block, br.Rune = len(b.Chapters[s.Chapter].Blocks), 0
		}
		out = append(out, br)
		prev = s
	}
	return out
}

// before reports whether a comes before b in the text of one chapter.
func before(a, b layout.Start) bool {
	if a.Block != b.Block {
		return a.Block < b.Block
	}
	return a.Rune < b.Rune
}
