package layout

import (
	"math"
	"unicode/utf8"

	"cjkbook/book"
)

// set positions the line [s, e) and builds its items: its width, then compression
// when it is too long, justification or centring when it is short, then the glyphs.
func (b *breaker) set(s, e int, first, last bool) Line {
	ln, te, nat, hyW := b.measureLine(s, e, first, last)
	avail := ln.Measure - ln.Indent
	// Hanging marks stand past the measure: the rest of the line is set to it.
	body := te
	if nat > avail+eps && !ln.Hyphen {
		if h := b.hangs(s, te-1); h > 0 && b.bodyWidth(s, h) <= avail+eps {
			body = h
			nat = b.bodyWidth(s, h)
			ln.Width = nat + ln.Indent
		}
	}
	q := b.compress(&ln, s, body, nat, avail)
	nat -= ln.Shrink
	var x0 Pt
	ln.Spacing, x0 = b.justify(s, body, nat, avail, last || b.endsForced(s, e))
	// Items go into the breaker's arena; the line takes a capped sub-slice of it.
	if cap(b.arena)-len(b.arena) < 64 {
		b.arena = make([]Item, 0, 4096)
	}
	if cap(b.moves)-len(b.moves) < 64 {
		b.moves = make([]Move, 0, 1024)
	}
	sp := b.breakSpace(&ln, s, te)
	rte := te
	if sp > 0 {
		rte++ // the drawn space is part of the line's text
	}
	from, span := b.rubySpan(s, rte)
	x := b.place(&ln, s, te, body, ln.Indent+x0, q, sp)
	if ln.Hyphen && b.faces[0].Covers('-') {
		b.arena = append(b.arena, Item{Kind: Text, X: x, Size: b.ps.Size, Text: "-"})
		x += hyW
	}
	if span {
		b.rubyLine(from, s, rte, ln.Hyphen)
	}
	ln.Items = b.arena[from:len(b.arena):len(b.arena)]
	ln.Right = x
	if body < te {
		ln.Hang = b.natural(body, te)
	}
	return ln
}

// measureLine starts the Line of [s, e) with its indent, hyphen and natural width. It
// returns te, the end of the line's text (trailing spaces hang), the natural width
// without the indent and the hyphen's width (0 without a hyphen).
func (b *breaker) measureLine(s, e int, first, last bool) (ln Line, te int, nat, hyW Pt) {
	ps := &b.ps
	ln = Line{Start: s, End: e, Measure: ps.Measure, Last: last}
	if first {
		ln.Indent = ps.Indent
	}
	te = b.textEnd(s, e)
	if te == s+1 && b.cells[s].cls == clsSpace {
		te = s // a line of spaces only
	}
	if te > s {
		nat = b.natural(s, te)
	}
	ln.Hyphen = !last && te > s && e < len(b.cells) && !b.cells[e].brk && !ps.Code
	if ln.Hyphen {
		hyW = Pt(b.faces[0].Advance('-')) * ps.Size
		nat += hyW
	}
	ln.Width = nat + ln.Indent
	return ln, te, nat, hyW
}

// squeeze is how much punctuation blank a line gives up: endTrim from the blank after
// its last mark, then the share frac of every other blank.
type squeeze struct {
	endTrim, frac Pt
}

// compress squeezes the line [s, te) of natural width nat into avail: the line-end
// mark first (GB/T 15834—2011 §5.1.10), then the other blanks in proportion (clreq
// "Procedures for Inter-Character Spacing Reduction"). It records the shrink in ln,
// and marks ln Overfull when the blanks do not suffice.
func (b *breaker) compress(ln *Line, s, te int, nat, avail Pt) squeeze {
	var q squeeze
	over := nat - avail
	if !(over > eps && !b.ps.Code && te > s) {
		return q
	}
	if l := &b.cells[te-1]; l.cutR == 0 {
		q.endTrim = min(over, l.sR)
	}
	rest := over - q.endTrim
	if tot := b.shrinkable(s, te) - q.endTrim; rest > eps && tot > eps {
		q.frac = min(1, rest/tot)
	}
	ln.Shrink = q.endTrim + q.frac*(b.shrinkable(s, te)-q.endTrim)
	if ln.Shrink < over-eps {
		ln.Overfull = true
	}
	return q
}

// justify returns the space added at each stretch point of the line [s, te) to fill
// avail from its width nat (justified lines but the last), and the offset x0 of a
// centred line. It sets b.tightEdges when the line's oblique edges take none of it.
func (b *breaker) justify(s, te int, nat, avail Pt, last bool) (tc, x0 Pt) {
	ps := &b.ps
	b.tightEdges = false
	if te <= s {
		return 0, 0
	}
	switch {
	case ps.Align == Justify && !last && !ps.Code && avail-nat > eps:
		m, edges := 0, 0
		for i := s + 1; i < te; i++ {
			if b.cells[i].stretch {
				m++
				if obliqueEdge(&b.cells[i-1], &b.cells[i]) {
					edges++
				}
			}
		}
		if edges > 0 && m > edges && (avail-nat)/Pt(m-edges) < extractWordGap*ps.Size {
			m -= edges
			b.tightEdges = true
		}
		if m > 0 {
			tc = (avail - nat) / Pt(m)
		}
	case ps.Align == Center:
		x0 = (avail - nat) / 2
	}
	return tc, x0
}

// breakSpace returns the index of the space cell the line [s, te) of ln breaks at, which
// place draws after the line's last glyph, or 0 when it has none to draw: the line is
// the paragraph's last, ends inside a word (hyphenated) or at no space, or the space is
// an ideographic one, a small one, or in no face. The space has no ink; it gives text
// extraction and the structure tree the word space of the source ("words keep", not
// "wordskeep"). A line end between Chinese characters has no space in the model (the
// loader joins hard-wrapped lines by cjk.JoinsWithSpace), so nothing is drawn there.
func (b *breaker) breakSpace(ln *Line, s, te int) int {
	if ln.Last || ln.Hyphen || te <= s || te >= ln.End {
		return 0
	}
	c := &b.cells[te]
	if c.face < 0 || c.small || c.little || glyphRune(c.r) != ' ' {
		return 0
	}
	return te
}

// extractWordGap is the gap, in em, from which poppler's text extraction starts a new
// word between two glyphs of one font size (TextOutputDev's minWordBreakSpace): the
// justification space of a line looser than that reads as word spaces anyway.
const extractWordGap = 0.1

// obliqueEdge reports whether the cells a, c meet where an oblique (slanted) Latin word
// touches an upright neighbour, with no space and no Han–Latin gap between them:
// 「（word）」. A sheared text matrix gives the glyphs a larger font size to poppler's text
// extraction (the sheared em is √(1+slant²) long), so it starts a new word at every
// slant edge, and it joins two words only when less than 0.03 em separates them: a
// justification space there read as a word space, "（ word ）", where the same word upright
// reads "（word）". So in a line whose stretch is below extractWordGap the edges take
// none (b.tightEdges), and the line's other stretch points share it: they move by a few
// hundredths of a point. Looser lines keep it: there poppler parts every glyph anyway.
func obliqueEdge(a, c *cell) bool {
	return a.slant != c.slant && c.glue == 0 && a.cls != clsSpace
}

// stretchAt reports whether justification puts its space before cell i of the line being
// set: at every stretch point but, when b.tightEdges, the oblique edges.
func (b *breaker) stretchAt(i int) bool {
	c := &b.cells[i]
	return c.stretch && !(b.tightEdges && i > 0 && obliqueEdge(&b.cells[i-1], c))
}

// place appends the items of the line [s, te) to the arena, its first box at x, with
// ln.Spacing at each stretch point and the blanks squeezed by q; it records the line's
// links in ln and returns the x where the line ends. The cells from body on hang: they
// follow at natural spacing. Glyphs in one face, size and baseline share a Text item,
// which Moves put where their cells place them when they do not follow on from the
// glyph before (moveFits). A space cell sp > 0 (breakSpace) is drawn after the last
// glyph.
func (b *breaker) place(ln *Line, s, te, body int, x Pt, q squeeze, sp int) Pt {
	ps := &b.ps
	// A vertical book's lines are cut into glyphs and runs of Latin and digits when
	// turned (rotateText): Moves would gain nothing there, and an item that merged the
	// first digit of a number with the text before it would cut the number.
	p := placer{b: b, ln: ln, cur: -1, linkRun: -1, s: s, te: te, moves: !b.opts.Vertical && !b.opts.turned}
	b.gx = b.gx[:0]
	for i, bx := s, x; i < te; i++ {
		var gx Pt
		_, gx, bx = b.cellAt(i, s, te, body, bx, ln.Spacing, q)
		b.gx = append(b.gx, gx)
	}
	from := len(b.arena)
	for i := s; i < te; i++ {
		c := &b.cells[i]
		var bx, gx Pt
		bx, gx, x = b.cellAt(i, s, te, body, x, ln.Spacing, q)
		p.decorate(c.deco, bx, x)
		p.link(c.run, gx)
		if c.rb != 0 {
			b.placeRuby(i, s, te, gx)
		}
		if c.vsel {
			if p.cur >= 0 {
				p.li = i // in its base's item: the two are one glyph
			}
			continue
		}
		if c.face < 0 {
			p.flush()
			if !placeholder(c.r) || c.hidden {
				continue
			}
			p.flushDots()
			b.placeholderBox(i, gx, x-bx)
			continue
		}
		size, y := ps.Size, Pt(0)
		if c.small {
			size, y = ps.Size*smallScale, -0.4*ps.Size
			if c.lower {
				y = 0.12 * ps.Size
			}
		}
		if c.little {
			size *= smallPrint
		}
		if c.emph && c.cls != clsSpace && !c.cls.noStart() && c.cls != clsOpen && !c.join {
			d := Item{Kind: Dot, X: gx + c.gadv/2, Y: 0.32 * ps.Size, Size: 0.14 * ps.Size}
			if p.cur >= 0 {
				p.dots = append(p.dots, d) // after the open item and any that goes on from it
			} else {
				b.arena = append(b.arena, d)
			}
		}
		if p.extend(i, c, gx, size, y) {
			continue
		}
		p.flush()
		// A new item: its spacing is the gap this glyph leaves before the next one,
		// or the gap after that when the two glyphs after it keep it (the next glyph
		// joins with a Move).
		sp := ln.Spacing
		if i >= body {
			sp = 0
		}
		if i+1 < te && (b.cells[i+1].glue == 0 || i+1 == body) {
			sp = p.gap(i)
			if p.moves && i+3 < te && !samePen(p.gap(i+1), sp) && samePen(p.gap(i+1), p.gap(i+2)) {
				sp = p.gap(i + 1)
			}
		}
		if p.follow {
			// Split only for the structure tree: the spacing goes on as it was.
			sp = b.arena[p.last].Spacing
		} else {
			p.flushDots()
		}
		p.open(i, c, gx, y, size, sp)
		b.arena[p.cur].Follows, p.follow = p.follow, false
	}
	if sp > 0 {
		p.space(sp, x)
	}
	p.flushLink(x)
	p.flush()
	p.flushDots()
	p.decorate(0, x, x)
	p.behind(from)
	return x
}

// cellAt returns where the box of cell i of the line [s, te) starts, where its glyph
// stands and where its box ends, when the box before it ends at x: the cell's glue and
// tc (the justification at each stretch point, none from body on) come before it.
func (b *breaker) cellAt(i, s, te, body int, x, tc Pt, q squeeze) (box, gx, end Pt) {
	c := &b.cells[i]
	if i > s {
		x += c.glue
		if i < body && b.stretchAt(i) {
			x += tc
		}
	}
	adv, off := b.squeezed(i, s, te, q)
	return x, x + off, x + adv
}

// placeholderBox draws the placeholder box of cell i, which no face has, its glyph at gx
// and its box adv wide. The box is an artifact: it is not the character. The character
// (with the rest of its cluster) reaches the text as the ActualText of a Span that holds
// an inkless glyph tagged with the cell's run: the ideographic space, as wide as the cell
// (else a space, widened by character spacing, which poppler does not count in the glyph's
// extent), so extraction finds it where the box is, and nothing else is read there.
// Without a space glyph the box itself goes in the Span, tagged.
func (b *breaker) placeholderBox(i int, gx, adv Pt) {
	c := &b.cells[i]
	size := b.ps.Size
	b.buf = append(b.buf[:0], c.r)
	for j := i + 1; j < len(b.cells) && b.cells[j].join && b.cells[j].hidden; j++ {
		b.buf = append(b.buf, b.cells[j].r)
	}
	box := Item{Kind: Box, X: gx + 0.1*size, Y: -0.8 * size, W: 0.8 * size, H: 0.8 * size, Size: 0.05 * size, Text: string(b.buf)}
	b.arena = append(b.arena, Item{Kind: Span, Text: box.Text})
	for _, r := range [...]rune{'\u3000', ' '} {
		if f, a := b.face(r, b.runs[c.run].Style); f >= 0 {
			sp := Item{Kind: Text, Tag: runTag(c.run), X: gx, Size: size, Face: FaceID(f), Spacing: adv - Pt(a)*size, Text: string(r)}
			b.arena = append(b.arena, sp, Item{Kind: SpanEnd}, box)
			return
		}
	}
	box.Tag = runTag(c.run)
	b.arena = append(b.arena, box, Item{Kind: SpanEnd})
}

// squeezed returns the advance and glyph offset of cell i on the line [s, te): its
// blank dropped at a line start or end, the rest squeezed by q.
func (b *breaker) squeezed(i, s, te int, q squeeze) (adv, off Pt) {
	c := &b.cells[i]
	adv, off, csL, csR := c.adv, c.off, c.sL, c.sR
	if c.fixL {
		csL = 0
	}
	if i == s && s > 0 && c.cutL > 0 {
		adv, off, csL = adv-c.cutL, off-c.cutL, 0
	}
	if i == te-1 && c.cutR > 0 {
		adv, csR = adv-c.cutR, 0
	}
	if q.frac > 0 || q.endTrim > 0 {
		sl, sr := csL*q.frac, csR*q.frac
		if i == te-1 {
			sr = q.endTrim + (csR-q.endTrim)*q.frac
		}
		adv -= sl + sr
		off -= sl
	}
	return adv, off
}

// placer is the state of place: the open Text item, which grows while glyphs follow
// on at its pen position, and the open link rectangle.
type placer struct {
	b       *breaker
	ln      *Line
	cur     int    // index in b.arena of the open Text item, -1 when none is open
	last    int    // index in b.arena of the Text item opened last
	fi, li  int    // its first and last cell
	remap   bool   // it holds a tab or line break drawn as a space
	pen     Pt     // where its next glyph would start
	gx      Pt     // where its last glyph starts
	follow  bool   // the next item goes on from the open one (split only to tag a run)
	dots    []Item // emphasis dots waiting for the end of the open item and those that go on from it
	s, te   int    // the line's cells
	moves   bool   // glyphs that do not follow on may join the open item with a Move
	mv      int    // index in b.moves of the open item's first Move
	linkRun int32  // the run of the open link, -1 when none is open
	linkX   Pt     // where the open link starts
	deco    decos  // the open decorations and the line's highlights (phrase.go)
}

// flushDots appends the waiting emphasis dots to the arena: they are drawn after the
// text they mark, as when that text is one item.
func (p *placer) flushDots() {
	p.b.arena = append(p.b.arena, p.dots...)
	p.dots = p.dots[:0]
}

// link opens, continues or closes the link rectangle for a glyph of run at gx.
func (p *placer) link(run int32, gx Pt) {
	if p.b.runs[run].Style&book.Link == 0 {
		p.flushLink(gx)
		return
	}
	if run != p.linkRun {
		p.flushLink(gx)
		p.linkRun, p.linkX = run, gx
	}
}

// flushLink closes the open link, if any, at end and adds its rectangle to the line.
func (p *placer) flushLink(end Pt) {
	if p.linkRun < 0 {
		return
	}
	size := p.b.ps.Size
	r := p.b.runs[p.linkRun]
	l := Link{X: p.linkX, Y: -0.9 * size, W: end - p.linkX, H: 1.15 * size, Tag: runTag(p.linkRun)}
	if len(r.Href) > 0 && r.Href[0] == '#' {
		l.Dest = r.Href[1:]
	} else {
		l.URL = r.Href
	}
	p.ln.Links = append(p.ln.Links, l)
	p.linkRun = -1
}

// extend adds cell i, its glyph at gx, to the open Text item when it goes on in the
// same face, size and baseline, from the item's pen or moved there (moveFits), and
// reports whether it did.
func (p *placer) extend(i int, c *cell, gx, size, y Pt) bool {
	if p.cur < 0 {
		return false
	}
	it := &p.b.arena[p.cur]
	if FaceID(c.face) != it.Face || it.Size != size || it.Y != y || it.Slant != slantOf(c) {
		return false
	}
	on := samePen(gx, p.pen)
	if f := p.b.cells[p.fi].run; c.run != f && (splitsRun(&p.b.runs[c.run]) || splitsRun(&p.b.runs[f])) {
		p.follow = on // a link, mark, code or emphasis run is an element of its own
		return false
	}
	if !on {
		// A glyph moved back onto the one before it (a half-width opening mark after a
		// half-width mark: the two origins meet) starts an item: within one text, text
		// extraction would read the two in either order.
		if !p.moves || gx < p.gx+minAdvance*size || !p.b.rubyGap(i, p.li) && !p.moveFits(i, it.Spacing) {
			return false
		}
		p.b.moves = append(p.b.moves, Move{At: i - p.fi, X: gx - p.pen})
	}
	p.li = i
	p.remap = p.remap || c.r != glyphRune(c.r)
	p.pen, p.gx = gx+c.gadv+it.Spacing, gx
	return true
}

// minAdvance is how far, in em, a glyph that joins a Text item with a Move must stand
// after the origin of the glyph before it.
const minAdvance = 0.1

// moveFits reports whether glyph i, which does not stand at the pen of the open item
// of spacing sp, had better join it with a Move than start an item of its own: when
// one of the next three glyphs follows the one before it at sp again (a mark moved
// inside its cell, blanks squeezed between two or three marks), or the line ends
// first. A Move is a number in the text's glyph array; an item is a positioning and
// often a spacing operator, and would be needed again where sp comes back.
func (p *placer) moveFits(i int, sp Pt) bool {
	for j := i; j < i+moveLookahead; j++ {
		if j+1 >= p.te || samePen(p.gap(j), sp) {
			return true
		}
	}
	return false
}

// moveLookahead is how many glyphs moveFits looks at: a Latin word of four letters or
// more, whose letters follow each other at no spacing in a justified line, gets an
// item of its own, as it would without Moves.
const moveLookahead = 3

// gap returns the distance from the end of the glyph of cell i to the glyph of cell
// i+1 of the line.
func (p *placer) gap(i int) Pt {
	return p.b.gx[i+1-p.s] - (p.b.gx[i-p.s] + p.b.cells[i].gadv)
}

// samePen reports whether two pen positions are the same to a ten-thousandth of a point.
func samePen(a, b Pt) bool { return math.Abs(float64(a-b)) < 1e-4 }

// space draws the space cell i where the line's last glyph leaves the pen (at x when no
// Text item is open): on in the open item when it can be, else in an item of its own.
// It moves nothing else and has no decoration, link or dot.
func (p *placer) space(i int, x Pt) {
	c := &p.b.cells[i]
	gx := x
	if p.cur >= 0 {
		gx = p.pen
	}
	if p.extend(i, c, gx, p.b.ps.Size, 0) {
		return
	}
	p.flush()
	sp := Pt(0)
	if p.follow {
		sp = p.b.arena[p.last].Spacing
	}
	p.open(i, c, gx, 0, p.b.ps.Size, sp)
	p.b.arena[p.cur].Follows, p.follow = p.follow, false
}

// open starts a Text item for cell i, its glyph at gx, with spacing sp after each glyph.
func (p *placer) open(i int, c *cell, gx, y, size, sp Pt) {
	b := p.b
	b.arena = append(b.arena, Item{Kind: Text, Tag: runTag(c.run), X: gx, Y: y, Size: size, Spacing: sp, Face: FaceID(c.face), Slant: slantOf(c)})
	p.cur, p.last, p.fi, p.li = len(b.arena)-1, len(b.arena)-1, i, i
	p.remap = c.r != glyphRune(c.r)
	p.pen, p.gx = gx+c.gadv+sp, gx
	p.mv = len(b.moves)
}

// flush closes the open Text item, giving it its text: a slice of the run's text when
// it covers one run with no remapped rune, else the drawn runes.
func (p *placer) flush() {
	if p.cur < 0 {
		return
	}
	b := p.b
	f, l := &b.cells[p.fi], &b.cells[p.li]
	if f.run == l.run && !p.remap {
		t := b.runs[f.run].Text
		b.arena[p.cur].Text = t[f.bo : int(l.bo)+utf8.RuneLen(l.r)]
	} else {
		b.buf = b.buf[:0]
		for k := p.fi; k <= p.li; k++ {
			b.buf = append(b.buf, glyphRune(b.cells[k].r))
		}
		b.arena[p.cur].Text = string(b.buf)
	}
	if n := len(b.moves); n > p.mv {
		b.arena[p.cur].Moves = b.moves[p.mv:n:n]
	}
	p.cur = -1
}

// glyphRune maps a rune to the one drawn for it (tabs and line breaks as spaces).
func glyphRune(r rune) rune {
	switch r {
	case '\t', '\n', '\r':
		return ' '
	}
	return r
}
