package layout

import (
	"math"
)

// snap moves y (from the top of the text block) down to the next body-line position when
// the box sits on the grid, so lines on facing pages register whatever odd-height
// boxes (titles, tables, notes) came before.
func (g *geometry) snap(y Pt, bx *box) Pt {
	if !bx.grid {
		return y
	}
	k := float64(y/g.pitch) - 1e-6
	if k <= 0 {
		return max(y, 0)
	}
	return Pt(math.Ceil(k)) * g.pitch
}

// cpage is a page of one chapter before page numbers are known; X is relative to the
// text block's left edge, Y absolute.
type cpage struct {
	items   []Item
	links   []Link
	anchors []Anchor
	start   Start
	opening bool
}

// paginate stacks the flow into pages. A box marked keep never starts a page (unless a
// chain of kept boxes is taller than a page), which keeps headings with their text and
// paragraphs free of widows and orphans; spacers are dropped at a page top.
func (cl *chapterLayout) paginate() []cpage {
	spans := cl.pageSpans()
	pages := make([]cpage, 0, len(spans))
	for i, sp := range spans {
		pages = append(pages, cl.page(cl.flow[sp[0]:sp[1]], i == 0))
	}
	if len(pages) == 0 {
		pages = append(pages, cpage{opening: true, start: Start{Chapter: cl.ch}})
	}
	return pages
}

// pageSpans returns the flow's boxes per page as [start, end) index pairs.
func (cl *chapterLayout) pageSpans() [][2]int {
	g := cl.g
	var spans [][2]int
	flow := cl.flow
	start := 0
	for start < len(flow) {
		if len(spans) > 0 {
			for start < len(flow) && flow[start].spacer {
				start++
			}
			if start == len(flow) {
				break
			}
		}
		y := Pt(0)
		end := start
		for end < len(flow) {
			bx := &flow[end]
			if end > start && bx.newPage {
				break
			}
			if ys := g.snap(y, bx); end == start || ys+bx.h <= g.body+eps {
				y = ys + bx.h
				end++
				continue
			}
			// Overflow: move back to a box that may start a page.
			j := end
			for j > start && flow[j].keep {
				j--
			}
			if j > start {
				end = j
			}
			break
		}
		spans = append(spans, [2]int{start, end})
		start = end
	}
	return spans
}

func (cl *chapterLayout) page(bs []box, opening bool) cpage {
	p := cpage{opening: opening, start: Start{Chapter: -1}}
	n := 0
	for i := range bs {
		n += len(bs[i].items)
	}
	g := cl.g
	y := Pt(0)                     // from the top of the text block
	p.items = make([]Item, 0, n+6) // room for the running head and folio
	for i := range bs {
		bx := &bs[i]
		y = g.snap(y, bx)
		if p.start.Chapter < 0 && bx.text && bx.block >= 0 {
			p.start = Start{Chapter: cl.ch, Block: bx.block, Rune: bx.rune}
		}
		top := g.top + y
		for _, it := range bx.items {
			it.Y += top
			p.items = append(p.items, it)
		}
		for _, l := range bx.links {
			l.Y += top
			p.links = append(p.links, l)
		}
		for _, a := range bx.anchors {
			a.Y += top
			p.anchors = append(p.anchors, a)
		}
		y += bx.h
	}
	if p.start.Chapter < 0 {
		p.start = Start{Chapter: cl.ch}
	}
	return p
}
