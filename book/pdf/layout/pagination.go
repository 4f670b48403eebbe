package layout

import (
	"math"
	"slices"
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

// pageSpan is one page of a chapter: its flow boxes [start, end) and the parts of
// notes set at its foot.
type pageSpan struct {
	start, end int
	notes      []noteCut
}

// paginate stacks the flow into pages. A box marked keep never starts a page (unless a
// chain of kept boxes is taller than a page), which keeps headings with their text and
// paragraphs free of widows and orphans; spacers are dropped at a page top.
func (cl *chapterLayout) paginate() []cpage {
	spans := cl.pageSpans()
	pages := make([]cpage, 0, len(spans))
	for i := range spans {
		pages = append(pages, cl.page(&spans[i], i == 0))
	}
	if len(pages) == 0 {
		pages = append(pages, cpage{opening: true, start: Start{Chapter: cl.ch}})
	}
	return pages
}

// pageSpans cuts the flow into pages, with the notes their lines cite at their feet.
func (cl *chapterLayout) pageSpans() []pageSpan {
	var spans []pageSpan
	flow := cl.flow
	start := 0
	var carry []noteCut
	for start < len(flow) || len(carry) > 0 {
		if len(spans) > 0 {
			for start < len(flow) && flow[start].spacer {
				start++
			}
			if start == len(flow) && len(carry) == 0 {
				break
			}
		}
		sp, rest, over := cl.fill(start, len(flow), carry)
		if over && sp.end < len(flow) {
			// Overflow: move back to a box that may start a page.
			j := sp.end
			for j > start && flow[j].keep {
				j--
			}
			if j > start && j < sp.end {
				sp, rest, _ = cl.fill(start, j, carry)
			}
		}
		for _, c := range sp.notes {
			if c.from == cl.notes.span[c.note][0] {
				cl.notes.page[c.note] = len(spans)
			}
		}
		spans = append(spans, sp)
		start, carry = sp.end, rest
	}
	return spans
}

// fill fills one page from flow box start, taking no box at or after limit: first the
// notes carried over from the page before, then boxes while they fit with the notes
// they cite. It returns the page, the notes that continue on the next one, and whether
// it stopped because the next box (or its notes) did not fit. The first box always
// goes on the page; a note that does not fit whole is split when two lines of it
// fit here, and then the page is full.
func (cl *chapterLayout) fill(start, limit int, carry []noteCut) (sp pageSpan, rest []noteCut, over bool) {
	g := cl.g
	flow := cl.flow
	sp = pageSpan{start: start, end: start}
	nh := Pt(0) // the notes' height, rule included
	if len(carry) > 0 {
		room := g.body
		if start < len(flow) {
			// Leave the page two lines of text (or its first box), and room for the
			// start of the notes that box cites.
			room -= max(2*g.pitch, flow[start].h) + cl.startNeed(start)
		}
		nh = g.noteRule()
		sp.notes, rest, nh = cl.cut(carry, nil, room-nh, nh, true)
		if len(sp.notes) == 0 && start == len(flow) {
			// A page of notes only takes at least a line, however tall.
			c := carry[0]
			sp.notes, rest = []noteCut{{note: c.note, from: c.from, to: c.from + 1}}, carry[1:]
			if c.from+1 < c.to {
				rest = append([]noteCut{{note: c.note, from: c.from + 1, to: c.to}}, rest...)
			}
		}
	}
	refs := cl.notes.refs
	r, _ := slices.BinarySearchFunc(refs, start, func(a noteRef, b int) int { return a.box - b })
	y := Pt(0)
	for ; sp.end < limit; sp.end++ {
		bx := &flow[sp.end]
		if sp.end > start && bx.newPage {
			return sp, rest, false
		}
		ys := g.snap(y, bx)
		first := sp.end == start
		if r >= len(refs) || refs[r].box != sp.end {
			if first || ys+bx.h <= g.body-nh+eps {
				y = ys + bx.h
				continue
			}
			return sp, rest, true
		}
		// The box cites notes: they go on this page too, or the box does not.
		var cites []noteCut
		for ; r < len(refs) && refs[r].box == sp.end; r++ {
			k := refs[r].note
			cites = append(cites, noteCut{note: k, from: cl.notes.span[k][0], to: cl.notes.span[k][1]})
		}
		rule := Pt(0)
		if nh == 0 {
			rule = g.noteRule()
		}
		room := g.body - (ys + bx.h) - nh - rule
		if first {
			// The box starts the page come what may: its notes leave room for the
			// boxes kept with it (the rest of a short paragraph), splitting if need be.
			kept := Pt(0)
			for k := sp.end + 1; k < limit && flow[k].keep && kept+flow[k].h <= g.body/2; k++ {
				kept += flow[k].h + cl.startNeed(k)
			}
			room -= kept
		}
		cuts, more, h := cl.cut(cites, slices.Clone(sp.notes), room, nh+rule, first)
		if !first && len(cuts)-len(sp.notes) < len(cites) {
			return sp, rest, true // a note would not start on the page that cites it
		}
		sp.notes, nh, y = cuts, h, ys+bx.h
		rest = append(rest, more...)
	}
	return sp, rest, false
}

// startNeed is the height of the first two lines of each note that flow box i cites.
func (cl *chapterLayout) startNeed(i int) Pt {
	refs := cl.notes.refs
	r, _ := slices.BinarySearchFunc(refs, i, func(a noteRef, b int) int { return a.box - b })
	h := Pt(0)
	for ; r < len(refs) && refs[r].box == i; r++ {
		sp := cl.notes.span[refs[r].note]
		for j := sp[0]; j < min(sp[0]+2, sp[1]); j++ {
			h += cl.notes.flow[j].h
		}
	}
	return h
}

// cut adds the notes ns to the page's cuts within room, in order, whole while they
// fit. The first that does not fit is split: its first part takes
// the room the notes after it leave when they fit whole (they follow that part on this
// page, so each starts on the page that cites it), and must have two lines unless
// forced (a note continued from the page before gains at least one line a page). What
// is not set here is returned as rest. h is the notes' height so far, returned updated.
func (cl *chapterLayout) cut(ns, cuts []noteCut, room, h Pt, forced bool) ([]noteCut, []noteCut, Pt) {
	nf := cl.notes.flow
	height := func(c noteCut) Pt {
		t := Pt(0)
		for i := c.from; i < c.to; i++ {
			t += nf[i].h
		}
		return t
	}
	for i, c := range ns {
		if hc := height(c); hc <= room+eps {
			cuts = append(cuts, c)
			room -= hc
			h += hc
			continue
		}
		later := Pt(0)
		for _, d := range ns[i+1:] {
			later += height(d)
		}
		r := room
		if later < room {
			r -= later
		}
		n, used := 0, Pt(0)
		for c.from+n < c.to && used+nf[c.from+n].h <= r+eps {
			used += nf[c.from+n].h
			n++
		}
		switch {
		case n == 0 && c.from > cl.notes.span[c.note][0] && len(cuts) == 0:
			n, used = 1, nf[c.from].h
		case !forced && n < 2:
			n, used = 0, 0
		}
		if n > 0 {
			cuts = append(cuts, noteCut{note: c.note, from: c.from, to: c.from + n})
			room -= used
			h += used
		}
		rest := []noteCut{{note: c.note, from: c.from + n, to: c.to}}
		for _, d := range ns[i+1:] {
			if hd := height(d); n > 0 && hd <= room+eps && len(rest) == 1 {
				cuts = append(cuts, d)
				room -= hd
				h += hd
			} else {
				rest = append(rest, d)
			}
		}
		return cuts, rest, h
	}
	return cuts, nil, h
}

// page places the boxes and notes of span sp on a page.
func (cl *chapterLayout) page(sp *pageSpan, opening bool) cpage {
	p := cpage{opening: opening, start: Start{Chapter: -1}}
	bs := cl.flow[sp.start:sp.end]
	n := 0
	for i := range bs {
		n += len(bs[i].items)
	}
	g := cl.g
	y := Pt(0) // from the top of the text block
	for _, c := range sp.notes {
		for i := c.from; i < c.to; i++ {
			n += len(cl.notes.flow[i].items)
		}
	}
	p.items = make([]Item, 0, n+7) // room for the running head, folio and note rule
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
	if len(sp.notes) > 0 {
		cl.noteArea(&p, sp)
	}
	if p.start.Chapter < 0 {
		p.start = Start{Chapter: cl.ch}
	}
	return p
}
