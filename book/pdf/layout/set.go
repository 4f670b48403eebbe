package layout

import (
	"math"
	"unicode/utf8"

	"cjkbook/book"
)

// set positions the line [s, e) and builds its items.
func (b *breaker) set(s, e int, first, last bool) Line {
	ps := &b.ps
	ln := Line{Start: s, End: e, Measure: ps.Measure, Last: last}
	if first {
		ln.Indent = ps.Indent
	}
	avail := ps.Measure - ln.Indent
	te := b.textEnd(s, e)
	if te == s+1 && b.cells[s].cls == clsSpace {
		te = s // a line of spaces only
	}
	nat := Pt(0)
	if te > s {
		nat = b.natural(s, te)
	}
	ln.Hyphen = !last && te > s && e < len(b.cells) && !b.cells[e].brk && !ps.Code
	var hyW Pt
	if ln.Hyphen {
		hyW = Pt(b.faces[0].Advance('-')) * ps.Size
		nat += hyW
	}
	ln.Width = nat + ln.Indent
	// Compression: the line-end mark first (GB/T 15834—2011 §5.1.10), then the other
	// blanks in proportion (clreq "Procedures for Inter-Character Spacing Reduction").
	var endTrim, frac Pt
	if over := nat - avail; over > eps && !ps.Code && te > s {
		if l := &b.cells[te-1]; l.cutR == 0 {
			endTrim = min(over, l.sR)
		}
		rest := over - endTrim
		if tot := b.shrinkable(s, te) - endTrim; rest > eps && tot > eps {
			frac = min(1, rest/tot)
		}
		ln.Shrink = endTrim + frac*(b.shrinkable(s, te)-endTrim)
		if ln.Shrink < over-eps {
			ln.Overfull = true
		}
		nat -= ln.Shrink
	}
	// Justification: distribute the leftover at the stretch points.
	var tc, x0 Pt
	if te > s {
		switch {
		case ps.Align == Justify && !last && !ps.Code && avail-nat > eps:
			m := 0
			for i := s + 1; i < te; i++ {
				if b.cells[i].stretch {
					m++
				}
			}
			if m > 0 {
				tc = (avail - nat) / Pt(m)
			}
		case ps.Align == Center:
			x0 = (avail - nat) / 2
		}
	}
	ln.Spacing = tc
	// Positions and items. Items go into the breaker's arena; a Text item's string is
	// a slice of the run's text when it covers one run with no remapped rune.
	if cap(b.arena)-len(b.arena) < 64 {
		b.arena = make([]Item, 0, 4096)
	}
	from := len(b.arena)
	x := ln.Indent + x0
	cur := -1      // index in b.arena of the open Text item
	var fi, li int // its first and last cell
	remap := false // it holds a tab or line break drawn as a space
	pen := Pt(0)
	var linkRun int32 = -1
	var linkX Pt
	flushLink := func(end Pt) {
		if linkRun >= 0 {
			r := b.runs[linkRun]
			l := Link{X: linkX, Y: -0.9 * ps.Size, W: end - linkX, H: 1.15 * ps.Size}
			if len(r.Href) > 0 && r.Href[0] == '#' {
				l.Dest = r.Href[1:]
			} else {
				l.URL = r.Href
			}
			ln.Links = append(ln.Links, l)
			linkRun = -1
		}
	}
	flush := func() {
		if cur < 0 {
			return
		}
		f, l := &b.cells[fi], &b.cells[li]
		if f.run == l.run && !remap {
			t := b.runs[f.run].Text
			b.arena[cur].Text = t[f.bo : int(l.bo)+utf8.RuneLen(l.r)]
		} else {
			b.buf = b.buf[:0]
			for k := fi; k <= li; k++ {
				b.buf = append(b.buf, glyphRune(b.cells[k].r))
			}
			b.arena[cur].Text = string(b.buf)
		}
		cur = -1
	}
	for i := s; i < te; i++ {
		c := &b.cells[i]
		if i > s {
			x += c.glue
			if c.stretch {
				x += tc
			}
		}
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
		if frac > 0 || endTrim > 0 {
			sl, sr := csL*frac, csR*frac
			if i == te-1 {
				sr = endTrim + (csR-endTrim)*frac
			}
			adv -= sl + sr
			off -= sl
		}
		gx := x + off
		x += adv
		if b.runs[c.run].Style&book.Link != 0 {
			if c.run != linkRun {
				flushLink(gx)
				linkRun, linkX = c.run, gx
			}
		} else if linkRun >= 0 {
			flushLink(gx)
		}
		if c.face < 0 {
			flush()
			b.arena = append(b.arena, Item{Kind: Box, X: gx + 0.1*ps.Size, Y: -0.8 * ps.Size, W: 0.8 * ps.Size, H: 0.8 * ps.Size, Size: 0.05 * ps.Size})
			continue
		}
		size, y := ps.Size, Pt(0)
		if c.small {
			size, y = ps.Size*smallScale, -0.4*ps.Size
		}
		if c.emph && c.cls != clsSpace && !c.cls.noStart() && c.cls != clsOpen {
			b.arena = append(b.arena, Item{Kind: Dot, X: gx + c.gadv/2, Y: 0.32 * ps.Size, Size: 0.14 * ps.Size})
		}
		if cur >= 0 {
			it := &b.arena[cur]
			if FaceID(c.face) == it.Face && it.Size == size && it.Y == y && math.Abs(float64(gx-pen)) < 1e-4 {
				li = i
				remap = remap || c.r != glyphRune(c.r)
				pen = gx + c.gadv + it.Spacing
				continue
			}
		}
		flush()
		// A new item: its spacing is the gap this glyph leaves before the next one.
		sp := tc
		if i+1 < te && b.cells[i+1].glue == 0 {
			sp = b.nextGap(i, tc, frac, endTrim, te, gx+c.gadv, x)
		}
		b.arena = append(b.arena, Item{Kind: Text, X: gx, Y: y, Size: size, Spacing: sp, Face: FaceID(c.face)})
		cur, fi, li = len(b.arena)-1, i, i
		remap = c.r != glyphRune(c.r)
		pen = gx + c.gadv + sp
	}
	flushLink(x)
	flush()
	if ln.Hyphen && b.faces[0].Covers('-') {
		b.arena = append(b.arena, Item{Kind: Text, X: x, Size: ps.Size, Text: "-"})
		x += hyW
	}
	ln.Items = b.arena[from:len(b.arena):len(b.arena)]
	ln.Right = x
	return ln
}

// nextGap returns the distance between the end of glyph i (at gend) and the glyph of
// cell i+1, given the box end x of cell i.
func (b *breaker) nextGap(i int, tc, frac, endTrim Pt, te int, gend, x Pt) Pt {
	c := &b.cells[i+1]
	x += c.glue
	if c.stretch {
		x += tc
	}
	off := c.off
	if (frac > 0 || endTrim > 0) && !c.fixL {
		off -= c.sL * frac
	}
	return x + off - gend
}

// glyphRune maps a rune to the one drawn for it (tabs and line breaks as spaces).
func glyphRune(r rune) rune {
	switch r {
	case '\t', '\n', '\r':
		return ' '
	}
	return r
}
