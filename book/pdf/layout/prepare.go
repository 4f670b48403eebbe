package layout

import (
	"strings"

	"cjkbook/book/cjk"
)

// prepare sets box widths (full-width quotes, adjacent-mark compression), gaps, and the
// break and stretch opportunities between cells.
func (b *breaker) prepare() {
	b.growSums()
	cs := b.cells
	n := len(cs)
	code := b.ps.Code
	gap := Pt(b.opts.HanLatinGap) * b.ps.Size
	dashRun := 0
	b.tail = b.paraTail()
	// One pass: cell i gets its box, then the pair (i-1, i) is compressed, then cell
	// i-1 is final and goes into the prefix sums.
	for i := 0; i < n; i++ {
		c := &cs[i]
		if !code && !c.small && c.face >= 0 {
			b.box(i)
		}
		if c.rb != 0 {
			b.rubyPad(i)
		}
		if i == 0 {
			if c.cls == clsDash || c.cls == clsEllipsis {
				dashRun = 1
			}
			continue
		}
		a := &cs[i-1]
		if !code && isMark(a) && isMark(c) {
			compressMarks(a, c)
		}
		b.final(i - 1)
		var inPair bool
		dashRun, inPair = pairedDash(a, c, dashRun)
		if c.join {
			continue // inside a grapheme cluster: no break, no gap, no space
		}
		if code {
			c.brk = true
			continue
		}
		if gap > 0 && hanLatin(a, c) {
			c.glue = gap
		}
		c.brk = b.mayBreak(a, c, inPair) && !rubyJoin(a, c)
		// Justification space goes between characters, never inside a Latin word,
		// a number or a —— / …… pair (clreq "Line Adjustment").
		c.stretch = !inPair && c.cls != clsSpace && !(!a.wide && !c.wide && a.cls != clsSpace)
	}
	if n > 0 {
		b.final(n - 1)
	}
	if !code && b.ps.Align == Center {
		b.keepBookTitles()
	}
	b.nextBreaks()
}

// growSums sizes the prefix sums and break tables for the cells, reusing their storage.
func (b *breaker) growSums() {
	n := len(b.cells)
	if cap(b.w) < n+1 {
		b.w = make([]Pt, n+1)
		b.sh = make([]Pt, n+1)
	}
	if cap(b.nb) < n+1 {
		b.nb = make([]int32, n+1)
		b.nw = make([]int32, n+1)
	}
	b.w, b.sh, b.nb, b.nw = b.w[:n+1], b.sh[:n+1], b.nb[:n+1], b.nw[:n+1]
	b.w[0], b.sh[0], b.nw[0] = 0, 0, 0
}

// compressMarks removes the blank between two adjacent full-width marks a and c, so
// that the pair takes 1.5 em (clreq "Punctuation Width Adjustment", GB/T 15834—2011).
func compressMarks(a, c *cell) {
	switch {
	case a.sR > 0:
		a.adv -= a.sR
		a.sR = 0
	case c.sL > 0 && a.cls == clsOpen && a.sL > 0:
		// Two opening marks (“《): the first gives up its outer blank, so
		// the glyph origins stay in reading order for text extraction.
		a.adv -= a.sL
		a.off -= a.sL
		a.sL = 0
	case c.sL > 0:
		c.adv -= c.sL
		c.off -= c.sL
		c.sL = 0
	}
}

// pairedDash counts c into the run of identical dashes or ellipses that ends at a
// (dashRun cells long) and reports whether c completes a pair. The pairs —— and …… are
// inseparable (clreq "Prohibition Rules for Unbreakable Marks"): a break may fall
// between pairs, never inside one.
func pairedDash(a, c *cell, dashRun int) (int, bool) {
	switch {
	case (c.cls == clsDash || c.cls == clsEllipsis) && a.cls == c.cls && a.r == c.r:
		dashRun++
		return dashRun, dashRun%2 == 0
	case c.cls == clsDash || c.cls == clsEllipsis:
		return 1, false
	}
	return 0, false
}

// hanLatin reports whether a Han character and a Latin letter or digit meet between a
// and c (neither a footnote mark), where the Han–Latin gap goes.
func hanLatin(a, c *cell) bool {
	return (a.prop|c.prop)&propHan != 0 && (a.prop&propHan != 0 && c.prop&propAlnum != 0 || a.prop&propAlnum != 0 && c.prop&propHan != 0) && !a.small && !c.small
}

// mayBreak reports whether a line may break between a and c under the prohibition
// rules: not before a mark that may not start a line, not after one that may not end
// it, not inside a —— or …… pair (inPair), not before a footnote mark (it stays with
// the text before it); after a space, or next to an ideograph, it may.
func (b *breaker) mayBreak(a, c *cell, inPair bool) bool {
	// GB keeps —— and …… off a line start too (clreq "strict" level, as
	// Typst's gb_no_start_literal does).
	noStart := b.opts.Punct.NoStart(cjk.Class(c.cls)) || c.small && c.cls != clsSpace
	switch {
	case c.cls == clsSpace:
		return false
	case a.cls == clsSpace:
		return !noStart
	case noStart || a.cls.noEnd() || inPair:
		return false
	case b.gbNoEnd(a.r):
		return false
	default:
		return a.wide || c.wide
	}
}

// keepBookTitles implements a rule for centred titles: a 《book title》 or 〈title〉 is
// kept on one line, so no break falls inside the marks (nested marks counted, an
// unmatched closing mark ignored); the line breaks before the title instead, and a
// title longer than the line overflows it.
func (b *breaker) keepBookTitles() {
	depth := 0
	for i := range b.cells {
		c := &b.cells[i]
		if depth > 0 {
			c.brk = false
		}
		switch {
		case strings.ContainsRune(cjk.TitleOpening, c.r):
			depth++
		case strings.ContainsRune(cjk.TitleClosing, c.r):
			depth = max(0, depth-1)
		}
	}
}

// nextBreaks fills nb: for each cell, the first index at or after it where a line may
// break (len(cells) when there is none).
func (b *breaker) nextBreaks() {
	cs := b.cells
	n := len(cs)
	b.nb[n] = int32(n)
	for i := n - 1; i >= 0; i-- {
		b.nb[i] = b.nb[i+1]
		if cs[i].brk {
			b.nb[i] = int32(i)
		}
	}
}

// box sets cell i's box in the book's punctuation style (cjk.PunctStyle.Place): a
// full-width mark gets its cell's width, its glyph's place in it and its compressible
// blanks; a curly quote next to Chinese text gets a box too (clreq: the nominal width
// of every mark is 1 em), its narrow glyph on the side facing the text it encloses.
func (b *breaker) box(i int) {
	cs := b.cells
	c := &cs[i]
	size := b.ps.Size
	narrow := isQuote(c.r) && b.opts.FullWidthQuotes && c.gadv < 0.9*size
	switch {
	case narrow:
		var next rune
		if i+1 < len(cs) {
			next = cs[i+1].r
		}
		if !cjk.QuoteTakesCell(i > 0 && cs[i-1].wide, next) {
			return
		}
		c.wide = true
	case c.gadv < 0.9*size || c.cls < clsOpen || c.cls > clsStop:
		return
	}
	pl, ok := b.opts.Punct.Place(c.r, cjk.Class(c.cls), i >= b.tail)
	if !ok {
		return
	}
	// A full-width glyph's cell is measured in its own advance, a quote's in the em.
	u := c.gadv
	if narrow {
		u = size
	}
	c.adv = Pt(pl.Width) * u
	switch {
	case narrow && c.cls == clsOpen:
		c.off = c.adv - c.gadv
	case !narrow:
		c.off = Pt(pl.Shift) * u
	}
	c.sL, c.sR = Pt(pl.BlankL)*u, Pt(pl.BlankR)*u
	// A glyph moved back into a half-width cell (《 in 开明) starts before its cell: the
	// glyph before it must not start later, or text extraction would read them swapped
	// (“《, a《): that one moves to the start of its own cell, and when it is still
	// narrower than the half em, this cell widens by the rest.
	if c.off < 0 && i > 0 {
		p := &cs[i-1]
		if p.off > p.adv+c.off {
			p.off = max(0, p.adv+c.off)
		}
		if d := p.off - p.adv - c.off; d > 0 {
			c.off += d
			c.adv += d
		}
	}
}

// paraTail returns the index of the first of the marks (and spaces) that end the
// paragraph: the marks Banjiao keeps full width.
func (b *breaker) paraTail() int {
	i := len(b.cells)
	for i > 0 && (b.cells[i-1].cls == clsClose || b.cells[i-1].cls == clsStop || b.cells[i-1].cls == clsSpace) {
		i--
	}
	return i
}

// final records cell i, whose box no longer changes, in the prefix sums; a widened
// quote also learns the blank it drops at a line end (GB/T 15834—2011 §5.1.10 trims
// marks there) or at the start of a continuation line (clreq: an opening mark at a
// line start may drop its leading blank).
func (b *breaker) final(i int) {
	c := &b.cells[i]
	// Push-in may squeeze an opening mark's leading blank only behind a full-width glyph
	// that starts at its box: elsewhere the mark's glyph would start before the one
	// ahead of it and text extraction would read them swapped.
	if c.sL > 0 {
		c.fixL = true
		if i > 0 {
			p := &b.cells[i-1]
			c.fixL = !(p.wide && p.off <= 0 && p.gadv >= 0.9*b.ps.Size && p.adv >= 0.9*b.ps.Size)
		}
	}
	sl := c.sL
	if c.fixL {
		sl = 0
	}
	if c.adv > c.gadv && isQuote(c.r) {
		if c.cls == clsOpen {
			c.cutL = max(0, c.off)
		} else {
			c.cutR = max(0, c.adv-c.off-c.gadv)
		}
	}
	b.w[i+1] = b.w[i] + c.glue + c.adv
	b.sh[i+1] = b.sh[i] + sl + c.sR
	b.nw[i+1] = b.nw[i]
	if c.wide || c.cls == clsSpace {
		b.nw[i+1]++
	}
}

func isMark(c *cell) bool {
	return (c.cls == clsOpen || c.cls == clsClose || c.cls == clsStop) && c.adv >= 0.9*c.gadv && c.adv > 0 && c.wide && !c.small
}
