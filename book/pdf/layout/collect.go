package layout

import (
	"strings"

	"cjkbook/book"
	"cjkbook/book/cjk"
)

// collect turns runs into b.cells, one per rune, each with its class, face and advance
// at the paragraph's size (a space in the face of a space, a footnote mark smaller),
// and marks the cells that continue a grapheme cluster.
func (b *breaker) collect(runs []book.Run) {
	total := 0
	for i := range runs {
		total += len(runs[i].Text)
	}
	if cap(b.cells) < total {
		b.cells = make([]cell, 0, max(total, 2*cap(b.cells)))
	}
	cs := b.cells[:total] // runes ≤ bytes; trimmed below
	n := 0
	size := b.ps.Size
	mayJoin := false
	for ri, run := range runs {
		small := run.Style&(book.NoteRef|book.Sup|book.Sub) != 0
		lower := run.Style&book.Sub != 0
		emph := run.Style&book.Emphasis != 0
		little := run.Style&book.Small != 0
		deco := decorations(run.Style)
		var segs []cjk.Segment
		if emph {
			segs = cjk.EmphasisSegments(run.Text)
		}
		si, segEnd, latin := 0, 0, false
		for bo, r := range run.Text {
			for bo >= segEnd && si < len(segs) {
				latin, segEnd = segs[si].Latin, segEnd+len(segs[si].Text)
				si++
			}
			c := &cs[n]
			n++
			*c = cell{r: r, bo: int32(bo), cls: classOf(r), prop: props(r), run: int32(ri), small: small, lower: lower,
				emph: emph && !latin, slant: emph && latin, little: little, deco: deco}
			mayJoin = mayJoin || cjk.MayJoin(r)
			var a float64
			if c.cls == clsSpace && r != '\u3000' {
				c.face, a = b.face(' ', run.Style)
				if c.face < 0 {
					a = 0.25
				}
				if r == '\t' && b.ps.Code {
					a *= 4
				}
			} else {
				c.face, a = b.face(r, run.Style)
				if c.face < 0 {
					a = missingAdvance(r)
				}
			}
			c.gadv = Pt(a) * size
			if small {
				c.gadv *= smallScale
			}
			if little {
				c.gadv *= smallPrint
			}
			c.wide = c.prop&propWide != 0
			c.adv = c.gadv
		}
	}
	b.cells = cs[:n]
	if mayJoin {
		b.markClusters(runs)
	}
	b.collectRuby(runs)
}

// markClusters sets join on every cell that continues the grapheme cluster of the
// cell before it (cjk.Joins): a base and its variation selector, an emoji and its
// modifier, a ZWJ sequence, a flag, a letter and its combining marks. A continuing cell
// takes the class and properties of its cluster's base, so the cluster breaks and
// spaces like its base (UAX #14 LB9). A continuing rune that no face has is drawn in
// no box of its own when its base has none either: the cluster's first cell carries
// the one placeholder box. A variation selector after a base whose face has their
// sequence is drawn with the base, as the sequence's glyph (variant).
func (b *breaker) markClusters(runs []book.Run) {
	text := runs[0].Text
	if len(runs) > 1 {
		var sb strings.Builder
		for _, r := range runs {
			sb.WriteString(r.Text)
		}
		text = sb.String()
	}
	cs := b.cells
	cjk.Joins(text, func(i int) {
		c, base := &cs[i], &cs[i-1]
		c.join = true
		if c.cls != clsSpace && base.cls != clsSpace { // spaces keep their own class: they hang at a line end
			c.cls, c.prop, c.wide = base.cls, base.prop, base.wide
		}
		if c.face < 0 && base.face < 0 {
			c.gadv, c.adv, c.hidden = 0, 0, true
		}
		if base.face >= 0 && (c.face < 0 || c.face == base.face) && !base.join && cjk.SelectsGlyph(c.r) {
			b.variant(base, c)
		}
	})
}

// variant makes the selector cell c part of its base's glyph when the base's face has
// their variation sequence: the base cell then has the variant glyph's advance, and the
// selector none.
func (b *breaker) variant(base, c *cell) {
	v, ok := b.faces[base.face].(Variants)
	if !ok {
		return
	}
	adv, ok := v.VariantAdvance(base.r, c.r)
	if !ok {
		return
	}
	if own := b.faces[base.face].Advance(base.r); own > 0 && adv != own {
		base.gadv = Pt(float64(base.gadv) * adv / own)
		base.adv = base.gadv
	}
	c.face, c.vsel, c.gadv, c.adv = base.face, true, 0, 0
}

// face returns the face that draws r in a run of style st, and r's advance in em there:
// the run's face if it covers r, else Regular (for bold runs), else the first fallback
// that does; -1 when no face has r.
func (b *breaker) face(r rune, st book.Style) (int16, float64) {
	base := 0
	if (st&book.Strong != 0 || b.ps.Bold) && len(b.faces) > 1 {
		base = 1
	}
	if a, ok := b.advance(base, r); ok {
		return int16(base), a
	}
	if base == 1 {
		if a, ok := b.advance(0, r); ok {
			return 0, a
		}
	}
	for i := 2; i < len(b.faces); i++ {
		if a, ok := b.advance(i, r); ok {
			return int16(i), a
		}
	}
	return -1, 0
}

// advance returns r's advance in em in face f and whether f covers r, from a per-face
// cache of the BMP (the layout asks for the same few thousand runes a million times).
func (b *breaker) advance(f int, r rune) (float64, bool) {
	if r < 0 || r >= 0x10000 || !b.cache {
		if !b.faces[f].Covers(r) {
			return 0, false
		}
		return b.faces[f].Advance(r), true
	}
	if b.adv == nil {
		b.adv = make([][]float64, len(b.faces))
	}
	t := b.adv[f]
	if t == nil {
		t = make([]float64, 0x10000)
		for i := range t {
			t[i] = -2
		}
		b.adv[f] = t
	}
	a := t[r]
	if a == -2 {
		a = -1
		if b.faces[f].Covers(r) {
			a = b.faces[f].Advance(r)
		}
		t[r] = a
	}
	return a, a >= 0
}

// smallScale is the size of footnote marks relative to the text.
const smallScale = 0.6

// smallPrint is the size of small print (book.Small) relative to the text, as an
// EPUB's <small> shows it.
const smallPrint = 0.85
