package epub

import (
	"bytes"
	"sort"
	"strconv"
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
	at              readingPos
}

// readingPos orders the targets of the NCX in reading order: by chapter, then by
// top-level block (BeforeTitle for the chapter's start, len(Blocks) for its notes),
// then by offset, which is 0 at the block's start and 1 + the rune offset inside its
// text.
type readingPos struct {
	chapter, block, offset int
}

// before reports whether p comes before q in reading order.
func (p readingPos) before(q readingPos) bool {
	if p.chapter != q.chapter {
		return p.chapter < q.chapter
	}
	if p.block != q.block {
		return p.block < q.block
	}
	return p.offset < q.offset
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
		pos := readingPos{chapter: br.Chapter, block: br.Block, offset: 1 + at}
		if br.Block == BeforeTitle || br.Block < n && !inText(cp.ch.Blocks[br.Block]) {
			pos.offset = 0 // before the title or the block, not in its text
		}
		p.pages = append(p.pages, pageRef{file: cp.file, id: id, label: label, at: pos})
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

// pageList writes the hidden page-list nav of the navigation document, labelled title.
func pageList(buf *bytes.Buffer, pages []pageRef, title string) {
	if len(pages) == 0 {
		return
	}
	buf.WriteString(`<nav epub:type="page-list" role="doc-pagelist" id="page-list" aria-label="`)
	escape(buf, title)
	buf.WriteString(`" hidden="hidden">` + "\n<ol>\n")
	for _, pg := range pages {
		buf.WriteString(`<li><a href="`)
		escape(buf, pageHref(pg))
		buf.WriteString(`">`)
		escape(buf, pg.label)
		buf.WriteString("</a></li>\n")
	}
	buf.WriteString("</ol>\n</nav>\n")
}

// inText reports whether the page-break markers of block b go inside its text.
func inText(b book.Block) bool {
	_, inside := splitMarks(b, []pageMark{{}})
	return len(inside) > 0
}

// playOrders numbers the targets of the NCX, contents entries and pages, in reading
// order, keyed by their src: 1 is the contents page (nav.xhtml#toc), and the numbers run
// without gaps, one per target, as the NCX requires.
func playOrders(toc []tocItem, pages []pageRef) map[string]int {
	type target struct {
		src string
		at  readingPos
	}
	var ts []target
	var walk func(es []tocItem)
	walk = func(es []tocItem) {
		for _, e := range es {
			ts = append(ts, target{e.href, e.at})
			walk(e.children)
		}
	}
	walk(toc)
	for _, pg := range pages {
		ts = append(ts, target{pageHref(pg), pg.at})
	}
	// Stable: a contents entry comes before a page that starts at the same place.
	sort.SliceStable(ts, func(i, j int) bool { return ts[i].at.before(ts[j].at) })
	order := map[string]int{"nav.xhtml#toc": 1}
	for _, t := range ts {
		if _, ok := order[t.src]; !ok {
			order[t.src] = len(order) + 1
		}
	}
	return order
}

// pageHref is where a page-list entry points, relative to the navigation document.
func pageHref(pg pageRef) string { return "xhtml/" + pg.file + "#" + pg.id }

// pageCounts returns the NCX's dtb:totalPageCount and dtb:maxPageNumber: the number of
// pages and the largest page number written in digits.
func pageCounts(pages []pageRef) (total, most int) {
	for _, pg := range pages {
		if n, err := strconv.Atoi(pg.label); err == nil && n > most {
			most = n
		}
	}
	return len(pages), most
}

// ncxPageList writes the page list of the NCX, the same pages as the navigation
// document's: a pageTarget of type normal (with its value) for a page numbered in
// digits, front for one in roman numerals, special for any other.
func ncxPageList(buf *bytes.Buffer, pages []pageRef, order map[string]int, title string) {
	if len(pages) == 0 {
		return
	}
	buf.WriteString("<pageList><navLabel><text>")
	escape(buf, title)
	buf.WriteString("</text></navLabel>\n")
	values := map[string]bool{} // type and value must be unique
	for _, pg := range pages {
		kind, value := pageType(pg.label)
		buf.WriteString(`<pageTarget type="` + kind + `"`)
		if value != "" && !values[kind+value] {
			values[kind+value] = true
			buf.WriteString(` value="` + value + `"`)
		}
		href := pageHref(pg)
		buf.WriteString(` playOrder="` + strconv.Itoa(order[href]) + `"><navLabel><text>`)
		escape(buf, pg.label)
		buf.WriteString(`</text></navLabel><content src="`)
		escape(buf, href)
		buf.WriteString("\"/></pageTarget>\n")
	}
	buf.WriteString("</pageList>\n")
}

// pageType is the NCX type of a page label and its numeric value, if it has one.
func pageType(label string) (kind, value string) {
	if n, err := strconv.Atoi(label); err == nil && n > 0 && strconv.Itoa(n) == label {
		return "normal", label
	}
	if label != "" && strings.Trim(strings.ToLower(label), "ivxlcdm") == "" {
		return "front", ""
	}
	return "special", ""
}
