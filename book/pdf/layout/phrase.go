package layout

import "cjkbook/book"

// The phrase styles the breaker draws besides the glyphs: Latin words under emphasis
// in a synthetic oblique (the faces have no italic), and the decorations of
// underlined, inserted, struck, highlighted and keyboard text, as an EPUB shows
// <u>, <ins>, <s>/<del>, <mark> and <kbd>. Decorations are Rule, Fill and Box items
// of the line, artifacts of the structure tree: the text reads the same without them.

// obliqueSlant is the shear of the synthetic oblique, tan 12°: the slant browsers and
// Typst give a face that has no italic.
const obliqueSlant = 0.21255656167002213

// The decorations of a cell, a bit set.
const (
	decoUnder  uint8 = 1 << iota // underline (book.Underline, book.Inserted)
	decoStrike                   // line through (book.Strike)
	decoMark                     // highlight behind the text (book.Mark)
	decoKbd                      // thin frame round a key (book.Kbd)
)

// decoKinds is the number of decoration kinds.
const decoKinds = 4

// decorations returns the decorations of a run of style st.
func decorations(st book.Style) uint8 {
	var d uint8
	if st&(book.Underline|book.Inserted) != 0 {
		d |= decoUnder
	}
	if st&book.Strike != 0 {
		d |= decoStrike
	}
	if st&book.Mark != 0 {
		d |= decoMark
	}
	if st&book.Kbd != 0 {
		d |= decoKbd
	}
	return d
}

// slantOf returns the shear of cell c's glyph: obliqueSlant for a Latin character
// under emphasis, else 0.
func slantOf(c *cell) float64 {
	if c.slant {
		return obliqueSlant
	}
	return 0
}

// decos is what place knows of the decorations of the line being placed.
type decos struct {
	open  uint8         // the decorations open (decoUnder …)
	x     [decoKinds]Pt // where each open decoration starts
	end   Pt            // where the open decorations end so far
	fills []Item        // highlights, drawn behind the line's text (behind)
}

// decorate records that the box [x0, x1) of the next cell has the decorations d:
// a decoration the cell does not have ends where the cell before it ended, one it
// newly has starts at x0. decorate(0, x, x) ends every decoration.
func (p *placer) decorate(d uint8, x0, x1 Pt) {
	if d == 0 && p.deco.open == 0 {
		return
	}
	for k := 0; k < decoKinds; k++ {
		bit := uint8(1) << k
		switch {
		case p.deco.open&bit != 0 && d&bit == 0:
			p.endDeco(bit, p.deco.x[k], p.deco.end)
		case p.deco.open&bit == 0 && d&bit != 0:
			p.deco.x[k] = x0
		}
	}
	p.deco.open = d
	if d != 0 {
		p.deco.end = x1
	}
}

// endDeco adds the item of decoration bit over [x0, x1) of the line: the baseline is
// at Y = 0, the em box from the face's ascent to its descent. An underline sits just
// below the em box, a line through at its centre (where vertical layout puts the
// column's centre line), a highlight fills it and a key's frame encloses it.
func (p *placer) endDeco(bit uint8, x0, x1 Pt) {
	if x1 <= x0 {
		return
	}
	sz := p.b.ps.Size
	m := p.b.faces[0]
	asc, desc := Pt(m.Ascent())*sz, Pt(m.Descent())*sz
	switch bit {
	case decoUnder:
		p.b.arena = append(p.b.arena, Item{Kind: Rule, X: x0, Y: -desc + 0.03*sz, W: x1 - x0, Size: 0.05 * sz})
	case decoStrike:
		p.b.arena = append(p.b.arena, Item{Kind: Rule, X: x0, Y: -(asc + desc) / 2, W: x1 - x0, Size: 0.05 * sz})
	case decoMark:
		p.deco.fills = append(p.deco.fills, Item{Kind: Fill, X: x0, Y: -asc, W: x1 - x0, H: asc - desc, Gray: 0.85})
	case decoKbd:
		pad := 0.05 * sz
		p.b.arena = append(p.b.arena, Item{Kind: Box, X: x0 - pad, Y: -asc - pad/2, W: x1 - x0 + 2*pad, H: asc - desc + pad, Size: 0.04 * sz, Gray: 0.35})
	}
}

// behind moves the line's highlights, which place collected, before the line's other
// items from index from of the arena on, so the text is drawn over them.
func (p *placer) behind(from int) {
	n := len(p.deco.fills)
	if n == 0 {
		return
	}
	b := p.b
	end := len(b.arena)
	b.arena = append(b.arena, p.deco.fills...)
	copy(b.arena[from+n:], b.arena[from:end])
	copy(b.arena[from:], p.deco.fills)
	p.deco.fills = p.deco.fills[:0]
}
