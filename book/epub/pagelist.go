package epub

import (
	"bytes"
	"sort"
	"strings"

	"cjkbook/book"
)

// This file carries the print edition's pagination into the EPUB (EPUB 3.3
// §D.4.1 page-list, EPUB Accessibility Techniques 1.1 §PAGE): a page-break
// marker where each printed page begins, and a page-list in the navigation
// that points at them, so a reader can go to "p. 37" and cite it.

// pageRef is one entry of the page-list: where the marker is and its label.
type pageRef struct {
	file, id, label string
}

// pageMark is one page-break marker as a chapter renders it.
type pageMark struct {
	id, label string
	rune      int // offset into the block's text; 0 puts the marker before the block
}

// planPages resolves the page breaks into markers of each chapter (with
// unique XML IDs named after the page) and the page-list, in page order.
// Breaks outside the book, or without a label, are dropped.
func (p *bookPlan) planPages(breaks []PageBreak) {
	for _, br := range breaks {
		label := strings.TrimSpace(br.Label)
		if label == "" || br.Chapter < 0 || br.Chapter >= len(p.chapters) {
			continue
		}
		cp := p.chapters[br.Chapter]
		n := len(cp.ch.Blocks)
		if br.Block < BeforeTitle || br.Block > n {
			continue
		}
		at := 0
		if br.Block >= 0 && br.Block < n && br.Rune > 0 {
			switch cp.ch.Blocks[br.Block].(type) {
			case *book.Paragraph, *book.Heading:
				at = br.Rune
			default: // other blocks take their markers before them
			}
		}
		id := cp.ids.take("page-"+label, "page")
		if cp.marks == nil {
			cp.marks = map[int][]pageMark{}
		}
		cp.marks[br.Block] = append(cp.marks[br.Block], pageMark{id: id, label: label, rune: at})
		p.pages = append(p.pages, pageRef{file: cp.file, id: id, label: label})
	}
	for _, cp := range p.chapters {
		for _, ms := range cp.marks {
			sort.SliceStable(ms, func(i, j int) bool { return ms[i].rune < ms[j].rune })
		}
	}
}

// splitMarks returns the markers that go before a block and those that go
// inside its text: all of them inside a paragraph or heading (so that no
// empty anonymous box stands between blocks), none inside other blocks.
func splitMarks(b book.Block, ms []pageMark) (before, inside []pageMark) {
	switch b.(type) {
	case *book.Paragraph, *book.Heading:
		return nil, ms
	default:
	}
	return ms, nil
}

// pageMarker writes one page-break marker: an empty span that reading
// systems and screen readers announce by its label (DPUB-ARIA doc-pagebreak).
func pageMarker(buf *bytes.Buffer, m pageMark) {
	buf.WriteString(`<span epub:type="pagebreak" role="doc-pagebreak" id="`)
	escape(buf, m.id)
	buf.WriteString(`" aria-label="`)
	escape(buf, m.label)
	buf.WriteString(`" title="`)
	escape(buf, m.label)
	buf.WriteString(`"/>`)
}

// pageList writes the hidden page-list nav of the navigation document.
func pageList(buf *bytes.Buffer, pages []pageRef) {
	if len(pages) == 0 {
		return
	}
	buf.WriteString(`<nav epub:type="page-list" role="doc-pagelist" id="page-list" aria-label="页码" hidden="hidden">` + "\n<ol>\n")
	for _, pg := range pages {
		buf.WriteString(`<li><a href="xhtml/`)
		escape(buf, pg.file)
		buf.WriteString("#")
		escape(buf, pg.id)
		buf.WriteString(`">`)
		escape(buf, pg.label)
		buf.WriteString("</a></li>\n")
	}
	buf.WriteString("</ol>\n</nav>\n")
}
