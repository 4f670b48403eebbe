package layout

import (
	"strings"

	"cjkbook/book"
)

// Ruby (注音, book.Run.Ruby): a reading is set above its base (to the right of it in
// vertical books, which are laid out turned) at rubyScale of the text size, centred
// on the base's glyphs. The breaker treats a base and its reading as one unit:
//   - a reading wider than its base widens the unit: half the excess becomes blank
//     before the base's first glyph and half after its last, so the reading spreads
//     over the space beside its base and never reaches the next reading; at a line's
//     start or end the blank there is dropped (cutL, cutR), so the text stays flush
//     with the edges and the reading overhangs the margin by that blank at most;
//   - no line breaks inside a base that shares one reading (重庆 over Chóngqìng); a
//     base with a reading per character breaks like the plain text would;
//   - the blanks are part of the cells' widths, so justification stays exact and
//     the prohibition rules see the same characters as before.
//
// A reading is drawn by a Text item with Ruby set: the drawer keeps it out of the text
// that is extracted or copied (the base text reads alone, in order). The readings of a
// line that share a face and an element of the structure tree are one item, Moves
// placing each where its base has it, and the line's base text with its widened bases
// is one item too, Moves stepping over the blanks (rubyGap): a book with pinyin over
// every character has a few items a line, not one or two a character. A reading the
// manuscript wrote is the RT of a Ruby element whose RB is its base (tree.ruby); a
// reading added for the whole book (book.Run.AutoRuby) is an artifact and its base
// the plain text of its paragraph, so that a book with pinyin over every character
// does not carry three elements per character. A book with ruby gets rubyLeading more
// line height, so readings never touch the line above.

const (
	// rubyScale is the size of a reading relative to its base.
	rubyScale = 0.5
	// rubyGap is the distance between the top of the base's em box and the bottom of
	// its reading, in em of the base.
	rubyGap = 0.06
	// rubySpace is the least blank on either side of a reading that widens its base, in
	// em of the reading.
	rubySpace = 0.12
	// rubyLeading is the line height a book with ruby adds, in multiples of the size.
	rubyLeading = 0.6
)

// rubyUnit is a base (cells first to last) and its reading, measured.
type rubyUnit struct {
	first, last int32
	text        string
	face        int16
	w           Pt    // the reading's width at rubyScale
	startX      Pt    // where the base's first glyph was placed (set while placing)
	runes       int32 // how many runes text has
	whole       bool  // face draws every rune of the reading: its advances are w
}

// openReading is the reading item of the line being set that the line's next readings
// may join: the last of breaker.rubyBuf, while open.
type openReading struct {
	open  bool
	pen   Pt     // where its next glyph would start
	runes int    // its runes so far
	mv    int    // index in moves of its first Move
	text  int    // index in buf of its text; -1 while it holds one reading (its unit's text)
	moves []Move // the Moves of the readings, a slab the lines' items take sub-slices of
	buf   []byte // the texts of the items of the line that hold more than one reading
}

// collectRuby records the ruby units of runs over b.cells, which collect just made.
func (b *breaker) collectRuby(runs []book.Run) {
	b.rubies = b.rubies[:0]
	has := false
	for i := range runs {
		if len(runs[i].Ruby) > 0 {
			has = true
			break
		}
	}
	if !has {
		return
	}
	cs := b.cells
	for i := 0; i < len(cs); {
		run := &runs[cs[i].run]
		j := i
		for j < len(cs) && cs[j].run == cs[i].run {
			j++
		}
		if len(run.Ruby) > 0 && run.Image == nil {
			if run.PerChar() && len(run.Ruby) == j-i {
				for k := i; k < j; k++ {
					b.addRuby(k, k, run.Ruby[k-i])
				}
			} else {
				b.addRuby(i, j-1, strings.Join(run.Ruby, " "))
			}
		}
		i = j
	}
}

// addRuby adds the unit of cells [first, last] with its reading.
func (b *breaker) addRuby(first, last int, reading string) {
	if reading == "" {
		return
	}
	u := rubyUnit{first: int32(first), last: int32(last), text: reading, face: -1, whole: true}
	size := b.ps.Size * rubyScale
	for _, r := range reading {
		f, a := b.face(r, 0)
		if f < 0 {
			a = missingAdvance(r)
		} else if u.face < 0 {
			u.face = f
		}
		u.whole = u.whole && f >= 0 && f == u.face
		u.w += Pt(a) * size
		u.runes++
	}
	if u.face < 0 {
		return // no face draws the reading
	}
	b.rubies = append(b.rubies, u)
	for k := first; k <= last; k++ {
		b.cells[k].rb = int32(len(b.rubies))
	}
}

// rubyPad widens cell i when it starts or ends a unit whose reading is wider than its
// base: half the excess before the first glyph, half after the last.
func (b *breaker) rubyPad(i int) {
	c := &b.cells[i]
	u := &b.rubies[c.rb-1]
	var base Pt
	for k := u.first; k <= u.last; k++ {
		base += b.cells[k].gadv
	}
	pad := (u.w + 2*rubySpace*b.ps.Size*rubyScale - base) / 2
	if pad <= 0 {
		return
	}
	if int32(i) == u.first {
		c.adv += pad
		c.off += pad
		c.cutL = pad // dropped at a line start: the base stays flush with the edge
	}
	if int32(i) == u.last {
		c.adv += pad
		c.cutR = pad // and at a line end
	}
}

// rubyJoin keeps a line from breaking between cells a and c of one unit.
func rubyJoin(a, c *cell) bool {
	return c.rb != 0 && c.rb == a.rb
}

// placeRuby notes where cell i's glyph went (gx) and, at the last cell of its unit
// (or of the line [s, te)), adds the reading centred over the base's glyphs to the
// line's readings.
func (b *breaker) placeRuby(i, s, te int, gx Pt) {
	c := &b.cells[i]
	u := &b.rubies[c.rb-1]
	if int32(i) == u.first || i == s {
		u.startX = gx
	}
	if int32(i) != u.last && i != te-1 {
		return
	}
	size := b.ps.Size
	rsize := size * rubyScale
	f := b.faces[u.face]
	mid := (u.startX + gx + c.gadv) / 2
	x := mid - u.w/2
	if b.joinReading(u, c.run, x) {
		return
	}
	b.closeReading()
	y := -Pt(f.Ascent())*size - rubyGap*size + Pt(f.Descent())*rsize
	b.rubyBuf = append(b.rubyBuf, Item{Kind: Text, Tag: runTag(c.run), X: x, Y: y, Size: rsize, Face: FaceID(u.face), Text: u.text, Ruby: true})
	o := &b.reading
	o.open, o.pen, o.runes, o.mv, o.text = u.whole, x+u.w, int(u.runes), len(o.moves), -1
}

// joinReading adds the reading of u, placed at x, to the open reading item when it
// goes on in the same face and element (the same run, or book-wide readings, which are
// all artifacts) and face draws it whole, and reports whether it did. A Move puts it at
// x unless it starts where the item's pen stands.
func (b *breaker) joinReading(u *rubyUnit, run int32, x Pt) bool {
	o := &b.reading
	n := len(b.rubyBuf)
	if !o.open || !u.whole || n == 0 {
		return false
	}
	it := &b.rubyBuf[n-1]
	r, _ := it.Tag.run()
	if it.Face != FaceID(u.face) || int32(r) != run && !(b.runs[r].AutoRuby && b.runs[run].AutoRuby) {
		return false
	}
	if !samePen(x, o.pen) {
		o.moves = append(o.moves, Move{At: o.runes, X: x - o.pen})
	}
	if o.text < 0 {
		o.text = len(o.buf)
		o.buf = append(o.buf, it.Text...)
	}
	o.buf = append(o.buf, u.text...)
	o.runes += int(u.runes)
	o.pen = x + u.w
	return true
}

// closeReading gives the open reading item its Moves and, when it holds more than one
// reading, its text, and closes it.
func (b *breaker) closeReading() {
	o := &b.reading
	if n := len(b.rubyBuf); o.open && n > 0 {
		it := &b.rubyBuf[n-1]
		if m := len(o.moves); m > o.mv {
			it.Moves = o.moves[o.mv:m:m]
		}
		if o.text >= 0 {
			it.Text = string(o.buf[o.text:])
		}
	}
	o.open = false
}

// rubyGap reports whether the glyph of cell i, which does not stand at the pen of the
// open item whose last glyph is cell prev's, is kept from it by the blank of a widened
// base: it joins the item with a Move then, wherever the glyphs after it stand.
func (b *breaker) rubyGap(i, prev int) bool {
	c, p := &b.cells[i], &b.cells[prev]
	return c.rb != 0 && c.cutL > 0 || p.rb != 0 && p.cutR > 0
}

// rubySpan starts the items of the line [s, te) when it has ruby: it makes room in the
// arena for the line's text and readings, and puts the placeholder of the line's Span
// first (rubyLine fills it in). It returns the index of the line's first item and
// whether the line has ruby.
func (b *breaker) rubySpan(s, te int) (from int, span bool) {
	for i := s; i < te && !span; i++ {
		span = b.cells[i].rb != 0
	}
	if !span {
		return len(b.arena), false
	}
	// At most a Text item, an emphasis dot and a reading per cell, and a few more.
	if need := 3*(te-s) + 64; cap(b.arena)-len(b.arena) < need {
		b.arena = make([]Item, 0, max(4096, need))
	}
	b.rubyBuf = b.rubyBuf[:0]
	b.reading.open, b.reading.buf = false, b.reading.buf[:0]
	if cap(b.reading.moves)-len(b.reading.moves) < 64 {
		b.reading.moves = make([]Move, 0, 1024)
	}
	b.arena = append(b.arena, Item{Kind: Span})
	return len(b.arena) - 1, true
}

// rubyLine ends the line [s, te) whose items start at b.arena[from] with the Span
// rubySpan put there: a Span that reads as the line's text, then the line's text, then
// its readings, then the Span's end. Text extraction then finds neither the readings
// nor word spaces at the blanks of widened bases, and places the line's text on the
// base line (the items drawn last).
func (b *breaker) rubyLine(from, s, te int, hyphen bool) {
	b.buf = b.buf[:0]
	for i := s; i < te; i++ {
		b.buf = append(b.buf, glyphRune(b.cells[i].r))
	}
	if hyphen {
		b.buf = append(b.buf, '-')
	}
	b.arena[from].Text = string(b.buf)
	// A placeholder's Span inside the line goes: the line's says it all.
	n := from + 1
	for i := from + 1; i < len(b.arena); i++ {
		if k := b.arena[i].Kind; k == Span || k == SpanEnd {
			continue
		}
		if n != i {
			b.arena[n] = b.arena[i]
		}
		n++
	}
	b.closeReading()
	b.arena = append(b.arena[:n], b.rubyBuf...)
	b.arena = append(b.arena, Item{Kind: SpanEnd})
	b.rubyBuf = b.rubyBuf[:0]
}

// splitsRun reports whether a run's glyphs must not share a Text item with another
// run's (splitsTag), which a manuscript ruby's base must not either: it is an RB of its
// own. The base of a book-wide reading is plain text.
func splitsRun(r *book.Run) bool {
	return splitsTag(r.Style) || len(r.Ruby) > 0 && !r.AutoRuby
}

// ruby adds the elements of a run with ruby under el: a Ruby holding an RB (the base)
// and an RT (the readings), in that order, and returns the Ruby.
func (t *tree) ruby(el int) int {
	r := t.add(RoleRuby, el)
	t.add(RoleRB, r)
	t.add(RoleRT, r)
	return r
}

// rubyPart returns the Tag of the RB (a base's items) or the RT (reading) of the Ruby
// element ruby, which tree.ruby made.
func rubyPart(ruby Tag, reading bool) Tag {
	if reading {
		return ruby + 2
	}
	return ruby + 1
}

// rubyLineHeight is the line height of a book: LineHeight, plus rubyLeading when the
// book has ruby.
func rubyLineHeight(b *book.Book, lh float64) float64 {
	if b.HasRuby() {
		return lh + rubyLeading
	}
	return lh
}
