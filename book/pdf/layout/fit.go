package layout

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
		switch {
		case e0 == n:
		case b.cells[e0].brk:
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
// half, spaces and marks that may not start a line count nothing.
func (b *breaker) units(s, e int) float64 {
	u := 0.0
	for i := s; i < e; i++ {
		c := &b.cells[i]
		if c.cls == clsSpace || c.cls.noStart() || c.cls == clsOpen || c.join {
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
