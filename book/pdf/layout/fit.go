package layout

import "cjkbook/book/cjk"

// eps is the tolerance of width comparisons, in points.
const eps = 1e-6

// fit chooses line ends by first fit: fill the line; if the next character may not
// start a line, first push in (squeeze punctuation blanks so it fits on this line),
// then push out (move the last breakable unit down), as clreq §3.1 orders it. It
// returns the line boundaries: 0, e1, e2, …, n.
func (b *breaker) fit() []int {
	n := len(b.cells)
	bounds := []int{0}
	s := 0
	for s < n {
		avail := b.ps.Measure
		if s == 0 {
			avail -= b.ps.Indent
		}
		e0 := s + 1
		for e0 < n && b.natural(s, e0+1) <= avail+eps {
			e0++
		}
		e := e0
		if k := b.forcedBreak(s, min(e0+1, n)); k > 0 {
			bounds = append(bounds, k)
			s = k
			continue
		}
		switch {
		case e0 == n:
		case b.cells[e0].brk:
		case b.hangs(s, e0) > 0:
			_, e = b.hangGroup(s, e0)
		default:
			e1 := int(b.nb[e0+1])
			if !b.ps.Code && b.natural(s, e1)-b.shrinkable(s, e1) <= avail+eps {
				e = e1 // push in
				break
			}
			e2 := e0 - 1
			for e2 > s && !b.cells[e2].brk {
				e2--
			}
			if e2 > s {
				e = e2 // push out
				break
			}
			// One unbreakable unit is wider than the measure: hyphenate a Latin word,
			// else let it overflow.
			e = e1
			if b.opts.Hyphenate && e0 > s+1 && b.allNarrow(s, e1) {
				// Cut where the prohibitions still hold (no ". / -" at the start of
				// the next line, no "( #" at the end of this one).
				h := e0 - 1
				for h > s+1 && !b.mayCut(h) {
					h--
				}
				if b.mayCut(h) {
					e = h
				}
			}
		}
		bounds = append(bounds, e)
		s = e
	}
	return bounds
}

// forcedBreak returns the end of a line that a line break (book's "\n": <br>, a
// hard line break) among the cells [s, e) ends, just after it, or 0 when none does.
func (b *breaker) forcedBreak(s, e int) int {
	if b.ps.Code {
		return 0
	}
	for k := s; k < e; k++ {
		if b.cells[k].r == '\n' {
			return k + 1
		}
	}
	return 0
}

// endsForced reports whether the line [s, e) ends at a line break.
func (b *breaker) endsForced(s, e int) bool {
	return e > s && !b.ps.Code && b.cells[e-1].r == '\n'
}

// hangs returns the start of the marks that hang past the measure when the line from s
// takes the cells up to e0 (the first that does not fit) and the hanging group after
// them, or 0 when no group may hang there: a line may end with a comma, pause or full
// stop (cjk.Hangs) and the closing marks after it hanging in the margin, when hanging
// punctuation is on, instead of squeezing or pushing (CSS allow-end: only a mark that
// does not otherwise fit hangs).
func (b *breaker) hangs(s, e0 int) int {
	if h, e := b.hangGroup(s, e0); h > 0 && (e == len(b.cells) || b.cells[e].brk) && b.bodyWidth(s, h) <= b.avail(s)+eps {
		return h
	}
	return 0
}

// bodyWidth returns the natural width of the cells [s, h) of a line whose marks from h
// on hang: the last of them keeps its blank (it is not the line's end).
func (b *breaker) bodyWidth(s, h int) Pt {
	w := b.w[h] - b.w[s] - b.cells[s].glue
	if s > 0 {
		w -= b.cells[s].cutL
	}
	return w
}

// avail returns the measure of the line that starts at cell s.
func (b *breaker) avail(s int) Pt {
	if s == 0 {
		return b.ps.Measure - b.ps.Indent
	}
	return b.ps.Measure
}

// hangGroup returns the hanging group [h, e) that holds cell e0 — a hanging stop and
// the closing marks after it, the stop after s — or h = 0 when there is none.
func (b *breaker) hangGroup(s, e0 int) (h, e int) {
	if !b.opts.Hanging || b.ps.Code || b.ps.Align != Justify {
		return 0, 0
	}
	cs := b.cells
	h = e0
	for h > s && cs[h].cls == clsClose {
		h--
	}
	if h <= s || !cjk.Hangs(cs[h].r) || cs[h].join {
		return 0, 0
	}
	e = h + 1
	for e < len(cs) && (cs[e].cls == clsClose || cs[e].join) {
		e++
	}
	return h, e
}

// mayCut reports whether a hyphen may cut a word before cell h: not inside a grapheme
// cluster, and not where the prohibitions forbid a break.
func (b *breaker) mayCut(h int) bool {
	c, a := &b.cells[h], &b.cells[h-1]
	return !c.join && !c.cls.noStart() && !a.cls.noEnd() && !b.gbNoEnd(a.r)
}

// textEnd returns e with trailing spaces removed (they hang at a line end).
func (b *breaker) textEnd(s, e int) int {
	for e > s+1 && b.cells[e-1].cls == clsSpace {
		e--
	}
	return e
}

// natural returns the natural width of the line [s, e) without its indent.
func (b *breaker) natural(s, e int) Pt {
	e = b.textEnd(s, e)
	w := b.w[e] - b.w[s] - b.cells[s].glue - b.cells[e-1].cutR
	if s > 0 {
		w -= b.cells[s].cutL
	}
	return w
}

// shrinkable returns how much punctuation blank the line [s, e) can give up.
func (b *breaker) shrinkable(s, e int) Pt {
	e = b.textEnd(s, e)
	sh := b.sh[e] - b.sh[s]
	if l := &b.cells[e-1]; l.cutR > 0 {
		sh -= l.sR
	}
	if f := &b.cells[s]; s > 0 && f.cutL > 0 && !f.fixL {
		sh -= f.sL
	}
	return sh
}

// balance returns the line ends of a centred paragraph set to the narrowest measure
// that still gives as many lines as bounds holds, so that a title does not leave one
// word alone on its last line.
func (b *breaker) balance(bounds []int) []int {
	k := len(bounds)
	measure := b.ps.Measure
	lo, hi := Pt(0), measure
	for iter := 0; iter < 14; iter++ {
		b.ps.Measure = (lo + hi) / 2
		if len(b.fit()) <= k {
			hi = b.ps.Measure
		} else {
			lo = b.ps.Measure
		}
	}
	b.ps.Measure = hi
	bounds = b.fit()
	b.ps.Measure = measure
	return bounds
}

// gbNoEnd reports whether r is a solidus, which the GB level keeps off a line end.
func (b *breaker) gbNoEnd(r rune) bool {
	return b.opts.Punct.SolidusNoEnd(r)
}

func (b *breaker) allNarrow(s, e int) bool {
	return b.nw[e] == b.nw[s]
}

// units weighs the visible content of [s, e): ideographs count one each, narrow runes
// half, spaces, the dash and ellipsis (——, ……) and marks that may not start a line
// count nothing, so 的—— on a last line is one character.
func (b *breaker) units(s, e int) float64 {
	u := 0.0
	for i := s; i < e; i++ {
		c := &b.cells[i]
		if c.cls == clsSpace || c.cls.noStart() || c.cls == clsOpen || c.cls == clsDash || c.cls == clsEllipsis || c.join {
			continue
		}
		if !c.wide {
			u += 0.5 // two narrow runes weigh one character
			continue
		}
		u++
	}
	return u
}

// fixLoneLast pulls one more unit down when the last line would hold a single character
// (plus marks), the 孤字 that clreq's "Handling of Widows and Orphans" forbids.
func (b *breaker) fixLoneLast(bounds []int) {
	k := len(bounds) - 1
	n := bounds[k]
	avail := b.ps.Measure
	if k-1 == 0 {
		avail -= b.ps.Indent
	}
	for try := 0; try < 4 && b.units(bounds[k-1], n) <= 1; try++ {
		s, ps := bounds[k-1], bounds[k-2]
		if b.endsForced(ps, s) {
			return // the last line starts after a line break
		}
		p := s - 1
		for p > ps && !b.cells[p].brk {
			p--
		}
		if p <= ps || b.natural(p, n) > avail+eps {
			return
		}
		bounds[k-1] = p
	}
}

// anyForced reports whether the paragraph holds a line break.
func (b *breaker) anyForced() bool {
	return b.forcedBreak(0, len(b.cells)) > 0
}
