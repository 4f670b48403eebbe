package layout

import (
	"math"
	"unicode/utf8"

	"cjkbook/book"
)

// Align says how the lines of a paragraph sit in the measure.
type Align uint8

const (
	// Justify sets every line but the last flush with both edges; the last line is
	// flush left at natural spacing (clreq §3.5: never left-align body text).
	Justify Align = iota
	// Left sets every line flush left at natural spacing.
	Left
	// Center centres every line at natural spacing.
	Center
)

// ParaStyle describes how one paragraph is set.
type ParaStyle struct {
	Size    Pt    // font size
	Measure Pt    // line length
	Indent  Pt    // first-line indent
	Align   Align // Justify for body text
	Bold    bool  // set in the bold face (headings)
	Code    bool  // preformatted: break anywhere, no compression, no gaps, no justification
}

// Line is one line of a paragraph as set by the breaker.
type Line struct {
	Start, End int    // rune range [Start, End) of the paragraph text; the lines' ranges tile it
	Indent     Pt     // indent before the first glyph
	Width      Pt     // natural width, indent included, after compression, before justification
	Measure    Pt     // the line length the line was set to
	Spacing    Pt     // extra space added at each justification point (0 when not justified)
	Shrink     Pt     // width taken from punctuation blanks to fit (push-in)
	Last       bool   // the paragraph's last line
	Hyphen     bool   // ends inside a word and shows a hyphen
	Overfull   bool   // one unbreakable unit wider than the measure
	Right      Pt     // x of the line's right edge after justification (ink box end)
	Items      []Item // baseline at Y = 0, X from the start of the measure
	Links      []Link // link rectangles, Y from the baseline (negative = above)
}

// cell is one rune of a paragraph with everything the breaker needs about it.
type cell struct {
	r       rune
	bo      int32 // byte offset of the rune in its run's Text
	cls     class
	prop    uint8 // propWide, propHan, propAlnum
	face    int16 // index into faces, -1 = no face covers it (placeholder box)
	wide    bool  // breaks like an ideograph
	small   bool  // footnote mark or superscript: smaller and raised
	lower   bool  // subscript: small, and lowered instead
	emph    bool
	run     int32
	gadv    Pt   // the glyph's own advance
	adv     Pt   // the box's advance (full-width quotes, compression)
	off     Pt   // glyph offset inside the box
	glue    Pt   // Han–Latin gap before the cell (dropped at a line start)
	sL, sR  Pt   // compressible blank on the left and right
	cutL    Pt   // blank a widened opening quote drops at a line start (not after the indent)
	cutR    Pt   // blank a widened closing quote drops at a line end
	fixL    bool // sL may not be squeezed by push-in (the glyph would move before its predecessor)
	brk     bool
	stretch bool
}

// breaker sets paragraphs into lines; it keeps its scratch buffers between paragraphs.
type breaker struct {
	faces []Metrics
	opts  *Options
	cells []cell
	w, sh []Pt    // prefix sums of widths and shrinkable blanks
	nb    []int32 // nb[i]: the first index ≥ i where a break is allowed (n if none)
	nw    []int32 // prefix counts of wide or space cells (for allNarrow)
	buf   []rune
	runs  []book.Run
	ps    ParaStyle
	cache bool        // keep the per-face advance tables (long-lived breakers)
	adv   [][]float64 // per face: advance per BMP rune in em, -1 not covered, -2 unknown
	arena []Item      // items of the lines being set; lines take capped sub-slices
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

func newBreaker(faces []Metrics, opts *Options) *breaker {
	return &breaker{faces: faces, opts: opts}
}

// newCachedBreaker returns a breaker that caches advances (for whole books).
func newCachedBreaker(faces []Metrics, opts *Options) *breaker {
	return &breaker{faces: faces, opts: opts, cache: true}
}

// BreakParagraph sets text in one face at the given size into lines of the measure,
// the first indented by indent, with clreq line breaking, GB punctuation compression,
// Han–Latin gaps and justification.
func BreakParagraph(text []rune, m Metrics, size, measure, indent Pt, opts Options) []Line {
	if m == nil {
		return nil
	}
	b := newBreaker([]Metrics{m, m}, &opts)
	return b.lines([]book.Run{{Text: string(text)}}, ParaStyle{Size: size, Measure: measure, Indent: indent})
}

// BreakRuns sets styled runs into lines; faces[0] is Regular, faces[1] Bold, faces[2:]
// the fallbacks tried in order for runes the run's face lacks. It returns nil when
// faces is empty or holds a nil face.
func BreakRuns(runs []book.Run, faces []Metrics, ps ParaStyle, opts Options) []Line {
	if len(faces) == 0 {
		return nil
	}
	for _, f := range faces {
		if f == nil {
			return nil
		}
	}
	return newBreaker(faces, &opts).lines(runs, ps)
}

// lines runs the stages: collect the cells, find break opportunities, fit lines
// (first fit with push-in then push-out), fix a lone last character, then position.
func (b *breaker) lines(runs []book.Run, ps ParaStyle) []Line {
	return b.linesInto(nil, runs, ps)
}

// linesInto is lines appending to dst[:0] (a buffer the caller reuses).
func (b *breaker) linesInto(dst []Line, runs []book.Run, ps ParaStyle) []Line {
	if ps.Size <= 0 {
		ps.Size = 10
	}
	if ps.Measure < ps.Size {
		ps.Measure = ps.Size
	}
	if ps.Indent > ps.Measure-ps.Size {
		ps.Indent = max(0, ps.Measure-ps.Size) // an indent wider than the line
	}
	b.ps = ps
	b.runs = runs
	// Collect runes into cells with faces and advances.
	b.collect(runs)
	n := len(b.cells)
	if n == 0 {
		return nil
	}
	// Punctuation width, Han–Latin gaps, break and stretch opportunities.
	b.prepare()
	// Fit lines.
	bounds := b.fit()
	// Centred text (titles) is balanced: the narrowest measure that still gives the
	// same number of lines, so a title does not leave one word alone on its last line.
	if ps.Align == Center && len(bounds) > 2 && n <= 1000 {
		k := len(bounds)
		lo, hi := Pt(0), ps.Measure
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
		b.ps.Measure = ps.Measure
	}
	// Avoid a lone character on the last line (孤字).
	if !ps.Code && len(bounds) >= 3 {
		b.fixLoneLast(bounds)
	}
	// Position glyphs: compression, justification, items.
	out := dst[:0]
	if cap(out) < len(bounds)-1 {
		out = make([]Line, 0, len(bounds)-1)
	}
	for i := 0; i+1 < len(bounds); i++ {
		out = append(out, b.set(bounds[i], bounds[i+1], i == 0, i+2 == len(bounds)))
	}
	return out
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
	for ri, run := range runs {
		small := run.Style&(book.NoteRef|book.Sup|book.Sub) != 0
		lower := run.Style&book.Sub != 0
		emph := run.Style&book.Emphasis != 0
		for bo, r := range run.Text {
			c := &cs[n]
			n++
			*c = cell{r: r, bo: int32(bo), cls: classOf(r), prop: props(r), run: int32(ri), small: small, lower: lower, emph: emph}
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
					a = 1
				}
			}
			c.gadv = Pt(a) * size
			if small {
				c.gadv *= smallScale
			}
			c.wide = c.prop&propWide != 0
			c.adv = c.gadv
		}
	}
	b.cells = cs[:n]
}

// smallScale is the size of footnote marks relative to the text.
const smallScale = 0.6

// prepare sets box widths (full-width quotes, adjacent-mark compression), gaps, and the
// break and stretch opportunities between cells.
func (b *breaker) prepare() {
	cs := b.cells
	n := len(cs)
	size := b.ps.Size
	code := b.ps.Code
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
	gap := Pt(b.opts.HanLatinGap) * size
	dashRun, titleDepth := 0, 0
	if n > 0 && (cs[0].r == '《' || cs[0].r == '〈') && b.ps.Align == Center {
		titleDepth = 1
	}
	// One pass: cell i gets its box, then the pair (i-1, i) is compressed, then cell
	// i-1 is final and goes into the prefix sums.
	for i := 0; i < n; i++ {
		c := &cs[i]
		if !code && !c.small && c.face >= 0 {
			b.box(i)
		}
		if i == 0 {
			if c.cls == clsDash || c.cls == clsEllipsis {
				dashRun = 1
			}
			continue
		}
		a := &cs[i-1]
		// Adjacent marks: two full-width marks take 1.5 em (clreq "Punctuation
		// Width Adjustment", GB/T 15834—2011): remove the blank between them.
		if !code && isMark(a) && isMark(c) {
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
		b.final(i - 1)
		// Inseparable pairs —— and …… (clreq "Prohibition Rules for Unbreakable
		// Marks"): a break may fall between pairs, never inside one.
		inPair := false
		if (c.cls == clsDash || c.cls == clsEllipsis) && a.cls == c.cls && a.r == c.r {
			dashRun++
			inPair = dashRun%2 == 0
		} else if c.cls == clsDash || c.cls == clsEllipsis {
			dashRun = 1
		} else {
			dashRun = 0
		}
		if code {
			c.brk = true
			continue
		}
		if gap > 0 && (a.prop|c.prop)&propHan != 0 && (a.prop&propHan != 0 && c.prop&propAlnum != 0 || a.prop&propAlnum != 0 && c.prop&propHan != 0) && !a.small && !c.small {
			c.glue = gap
		}
		// GB keeps —— and …… off a line start too (clreq "strict" level,
		// gb_no_start_literal of typst#560).
		// A footnote mark stays with the text before it.
		noStart := c.cls.noStart() || b.opts.Punct == GB && (c.cls == clsDash || c.cls == clsEllipsis) ||
			c.small && c.cls != clsSpace
		switch {
		case c.cls == clsSpace:
			c.brk = false
		case a.cls == clsSpace:
			c.brk = !noStart
		case noStart || a.cls.noEnd() || inPair:
			c.brk = false
		case b.gbNoEnd(a.r):
			c.brk = false
		default:
			c.brk = a.wide || c.wide
		}
		// A centred title keeps a 《book title》 on one line when it can.
		if ps := &b.ps; ps.Align == Center {
			if titleDepth > 0 {
				c.brk = false
			}
			switch c.r {
			case '《', '〈':
				titleDepth++
			case '》', '〉':
				titleDepth = max(0, titleDepth-1)
			}
		}
		// Justification space goes between characters, never inside a Latin word,
		// a number or a —— / …… pair (clreq "Line Adjustment").
		c.stretch = !inPair && c.cls != clsSpace && !(!a.wide && !c.wide && a.cls != clsSpace)
	}
	if n > 0 {
		b.final(n - 1)
	}
	b.nb[n] = int32(n)
	for i := n - 1; i >= 0; i-- {
		b.nb[i] = b.nb[i+1]
		if cs[i].brk {
			b.nb[i] = int32(i)
		}
	}
}

// box sets cell i's box: a Chinese quote next to Chinese text gets a full-width box
// (clreq §3.4: the nominal width of every mark is 1 em) with the glyph on the side facing
// the text it encloses; other full-width marks get their compressible half-em blank on
// the side blankSide names.
func (b *breaker) box(i int) {
	cs := b.cells
	c := &cs[i]
	size := b.ps.Size
	if isQuote(c.r) && b.opts.FullWidthQuotes && c.gadv < 0.9*size {
		if (i > 0 && cs[i-1].wide) || (i+1 < len(cs) && cs[i+1].wide) {
			c.adv = size
			c.wide = true
			if c.cls == clsOpen {
				c.off = size - c.gadv
				c.sL = size / 2
			} else {
				c.sR = size / 2
			}
		}
		return
	}
	if c.gadv >= 0.9*size && c.cls >= clsOpen && c.cls <= clsStop {
		l, r := blankSide(c.r, c.cls)
		if l {
			c.sL = c.gadv / 2
		}
		if r {
			c.sR = c.gadv / 2
		}
	}
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
				for h > s+1 && (b.cells[h].cls.noStart() || b.cells[h-1].cls.noEnd() || b.gbNoEnd(b.cells[h-1].r)) {
					h--
				}
				if !b.cells[h].cls.noStart() && !b.cells[h-1].cls.noEnd() && !b.gbNoEnd(b.cells[h-1].r) {
					e = h
				}
			}
		}
		bounds = append(bounds, e)
		s = e
	}
	return bounds
}

// gbNoEnd reports whether r is a solidus, which the GB level keeps off a line end.
func (b *breaker) gbNoEnd(r rune) bool {
	return b.opts.Punct == GB && (r == '/' || r == '／')
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
		if c.cls == clsSpace || c.cls.noStart() || c.cls == clsOpen {
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
			if c.lower {
				y = 0.12 * ps.Size
			}
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
