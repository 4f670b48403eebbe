package layout

import (
	"slices"
	"strings"

	"cjkbook/book"
	"cjkbook/book/cjk"
)

// Vertical writing (竖排, W3C clreq §2 "Vertical writing mode"; CSS writing-mode:
// vertical-rl) is laid out as horizontal text on a page turned a quarter turn: the
// line breaker, justification, punctuation compression, widow/orphan control, running
// heads, folios and contents all run unchanged on a virtual page whose width is the
// physical page's height, so a line becomes a column of the same length and the same
// clreq prohibitions hold along it. rotatePage then maps every item onto the physical
// page: a virtual line at y becomes the column at x = width − y (first line on the
// right), a glyph at x along the line sits at y = x down the column.
//
// On the physical page, per clreq §2.3 and §3.1:
//   - Han characters and full-width marks stand upright, one per cell;
//   - 。，、 move to the upper right of the cell; brackets, quotes, dashes and
//     ellipses take their vertical forms (﹁ for 「, ︙ for …), the font's own where
//     it has one, else the horizontal glyph turned a quarter clockwise;
//   - runs of Latin letters (and longer numbers) are rotated 90° clockwise;
//   - numbers of one to three digits stand upright side by side in one cell (縱中橫,
//     tate-chu-yoko, cjk.UprightDigits), narrowed to the column's width when needed.
//
// “” ‘’ become 「」『』 in vertical text; that is done on the model (convert.VerticalQuotes)
// so the EPUB and the PDF agree.
//
// How a column is drawn: rotateText turns each virtual Text item into the items of its
// column. A run of upright glyphs is one Vertical item, which the drawer shows in PDF
// vertical writing mode (an Identity-V font over the same subset): X is the column's
// centre line, Y the first glyph's vertical origin, one ascent above where the virtual
// line's baseline put it, each glyph one em plus Spacing below the one before, and a
// Move for any other distance (a compressed mark, a widened base), so that every glyph
// lands where one item per glyph put it. The marks moved inside their cell (corner
// marks, centred stops) stay in the run: the Document's CellShifts say how far they
// move (the drawer makes them the font's vertical metrics), since the style, and so
// the shift, is the same for every such mark of the book. A variation sequence is a
// level item. Rotated runs (Rotate 90) and 縱中橫 digits are items of their own.

// Which marks turn, which stand upright and which move to the cell's corner are
// cjk's rules (cjk.RotatesInVertical, cjk.UprightInVertical, cjk.CornerInVertical). A
// mark that turns is drawn upright in the run as its face's vertical form when the
// face has one (verticalForm: the glyph its GSUB 'vert' feature gives the mark, as
// browsers draw the EPUB, whose font subset keeps those substitutions): WenKai has
// them for the brackets, quotes, ellipses, ：；and ～, each the horizontal glyph
// turned about its em box or, for ：；, upright dots on the right of the cell. The
// Document's VerticalForms list them per face, with a shift in the cell (formShift),
// and the drawer has gopdf draw them as those glyphs, whose text stays the mark. The
// Unicode presentation forms (U+FE10–FE19, U+FE30–FE4F) are not used: the text would
// read as them. A mark without a form (WenKai's —— and ⸺, 〖〗, ／), a narrow one
// (“ of 0.35 em, whose form needs a whole cell) and ：；where kaiming and banjiao
// halve their cell are drawn like a rotated Latin run. WenKai draws the corner marks
// in the lower left (the mainland horizontal position), so they are moved by half an
// em; its vertical forms of ，。、 are not used, as the styles place those marks
// themselves (CellShifts).

// layoutVertical lays b out on turned pages and rotates them onto the physical ones.
func layoutVertical(b *book.Book, faces []Metrics, opts Options) (*Document, error) {
	v := opts
	v.Vertical = false
	v.turned = true
	v.Width, v.Height = opts.Height, opts.Width
	// The virtual page's left and right margins are the physical top and bottom ones
	// (the column's ends), its top and bottom the physical right and left ones. The
	// virtual layout swaps inner and outer on alternate pages, which would move the
	// columns up and down, so each pair is shared out evenly.
	side := (opts.Margins.Inner + opts.Margins.Outer) / 2
	ends := (opts.Margins.Top + opts.Margins.Bottom) / 2
	v.Margins = Margins{Top: side, Bottom: side, Inner: ends, Outer: ends}
	d, err := Layout(b, faces, v)
	if err != nil {
		return nil, err
	}
	out := &Document{Width: opts.Width, Height: opts.Height, Info: d.Info, RTL: true, Warnings: d.Warnings, Tree: d.Tree,
		CellShifts: cellShifts(opts.Punct)}
	out.Pages = make([]Page, len(d.Pages))
	forms := map[VerticalForm]bool{}
	for i := range d.Pages {
		out.Pages[i] = rotatePage(&d.Pages[i], faces, &opts, forms)
	}
	out.VerticalForms = sortedForms(forms)
	out.Outline = flatOutline(d.Outline)
	return out, nil
}

// flatOutline moves every bookmark to the top of its page: a column's position is its
// x, which a PDF destination (a y) cannot express.
func flatOutline(es []OutlineEntry) []OutlineEntry {
	out := make([]OutlineEntry, len(es))
	for i, e := range es {
		e.Y = 0
		e.Children = flatOutline(e.Children)
		out[i] = e
	}
	return out
}

func isDigit(r rune) bool { return r >= '0' && r <= '9' }

// rotatePage maps one virtual (turned) page onto the physical page of o's size. As in
// vertical books, the running head (the virtual top margin) runs down the right-hand
// margin from the top of the columns, and the folio (the virtual bottom margin) stands
// level and centred at the foot of the page.
func rotatePage(p *Page, faces []Metrics, o *Options, forms map[VerticalForm]bool) Page {
	w := o.Width
	side := (o.Margins.Inner + o.Margins.Outer) / 2
	ends := (o.Margins.Top + o.Margins.Bottom) / 2
	q := Page{Index: p.Index, Label: p.Label, Start: p.Start, Body: p.Body}
	headTop := Pt(-1)
	for _, it := range p.Items {
		if it.Kind == Text && it.Y < side && (headTop < 0 || it.X < headTop) {
			headTop = it.X
		}
	}
	// point maps a virtual point onto the page.
	point := func(x, y Pt) (Pt, Pt) { return w - y, x }
	// rect maps a virtual rectangle (top-left x, y, size ww×hh).
	rect := func(x, y, ww, hh Pt) (Pt, Pt, Pt, Pt) { return w - y - hh, x, hh, ww }
	asc := Pt(faces[0].Ascent())
	mid := Pt(faces[0].Ascent()+faces[0].Descent()) / 2 // em-box centre above the baseline, in em
	inSpan := false                                     // inside a Span of the virtual page (a line with ruby, a placeholder)
	for _, it := range p.Items {
		switch it.Kind {
		case Span, SpanEnd:
			inSpan = it.Kind == Span
			q.Items = append(q.Items, it)
		case Text:
			// Drawn glyph by glyph, each placed: none goes on from another.
			it.Follows = false
			if it.Label { // a picture's label stays level where its picture has it
				it.X, it.Y = point(it.X, it.Y)
				q.Items = append(q.Items, it)
				continue
			}
			if it.Y > w-side && it.Text != "" { // the folio
				f := faces[min(int(it.Face), len(faces)-1)]
				pens := it.Pens(f)
				wd := pens[len(pens)-1] - it.X
				it.X, it.Y = (w-wd)/2, o.Height-ends/2
				q.Items = append(q.Items, it)
				continue
			}
			if it.Y < side && headTop >= 0 { // the running head starts at the columns' top
				it.X -= headTop - ends
			}
			q.Items = append(q.Items, rotateText(it, faces, w, asc, mid, o.Punct, forms, !inSpan)...)
		case Rule:
			x, y := point(it.X, it.Y)
			it.X, it.Y, it.W, it.H = x, y, -it.H, it.W
			q.Items = append(q.Items, it)
		case Dot:
			// Emphasis dots go on the right of a vertical column (clreq §3.2.1): the
			// breaker puts them 0.32 em below the baseline with a diameter of 0.14 em,
			// so mirror them across the column's centre line.
			it.X, it.Y = point(it.X, it.Y)
			it.X += 2 * (0.32 + mid) * it.Size / 0.14
			q.Items = append(q.Items, it)
		default: // Box, Picture, Fill; a Picture was reserved with its sides swapped (pictureItems)
			it.X, it.Y, it.W, it.H = rect(it.X, it.Y, it.W, it.H)
			q.Items = append(q.Items, it)
		}
	}
	for _, l := range p.Links {
		l.X, l.Y, l.W, l.H = rect(l.X, l.Y, l.W, l.H)
		q.Links = append(q.Links, l)
	}
	for _, a := range p.Anchors {
		a.Y = 0
		q.Anchors = append(q.Anchors, a)
	}
	return q
}

// rotateText splits a virtual Text item into upright glyphs, rotated Latin runs and
// upright digit groups down the column, and adds the marks it draws as vertical forms
// (verticalForm) to forms (when not nil). With spans, each rotated run and digit group
// is put in a column Span (columnSpan) so that it is read in the column's order.
func rotateText(it Item, faces []Metrics, w, asc, mid Pt, style cjk.PunctStyle, forms map[VerticalForm]bool, spans bool) []Item {
	f := faces[0]
	if int(it.Face) < len(faces) && faces[it.Face] != nil {
		f = faces[it.Face]
	}
	rs := []rune(it.Text)
	pos := it.Pens(f) // start of each glyph along the line
	moves := it.Moves
	it.Moves = nil                 // each part below is placed where its first glyph stands
	cx := w - (it.Y - mid*it.Size) // the column's centre line
	col := columnSetter{f: f, cx: cx, asc: asc, style: style, run: -1}
	var out []Item
	for i := 0; i < len(rs); {
		r := rs[i]
		switch {
		case isDigit(r):
			if n := cjk.UprightDigits(rs, i); n > 0 {
				j := i + n
				end := pos[j-1] + Pt(f.Advance(rs[j-1]))*it.Size
				out = col.span(out, it, tateChuYoko(it, f, string(rs[i:j]), cx, pos[i], end, mid), pos[i], end, spans)
				i = j
				continue
			}
			fallthrough
		case !cjk.UprightInVertical(r) && !verticalForm(f, r, style):
			j := i
			for j < len(rs) && !cjk.UprightInVertical(rs[j]) && !verticalForm(f, rs[j], style) && cjk.UprightDigits(rs, j) == 0 {
				j++
			}
			if j == i {
				j = i + 1
			}
			lat := it
			lat.Text = string(rs[i:j])
			lat.Rotate = 90
			lat.X, lat.Y = cx-mid*it.Size, pos[i]
			lat.Moves = movesIn(moves, i, j)
			out = col.span(out, it, lat, pos[i], pos[j], spans)
			i = j
		default:
			n := 1
			if i+1 < len(rs) {
				if _, ok := variantAdvance(f, r, rs[i+1]); ok {
					n = 2 // a variation sequence: one glyph
				}
			}
			if n == 1 && forms != nil && !cjk.UprightInVertical(r) { // a vertical form
				dx, dy := formShift(r, style)
				forms[VerticalForm{Face: it.Face, Rune: r, X: dx, Y: dy}] = true
			}
			out = col.upright(out, it, rs[i:i+n], pos[i])
			i += n
		}
	}
	return out
}

// column sets the upright glyphs of one virtual Text item down its column.
type columnSetter struct {
	f        Metrics
	cx       Pt // the column's centre line
	asc      Pt // the ascent of faces[0], which the virtual line's baseline is set by
	style    cjk.PunctStyle
	run      int // the index in out of the Vertical item being extended, -1 when none
	runRunes int // its runes
	next     Pt  // where its next glyph's vertical origin stands without a move
}

// upright appends the upright glyph of rs (a character, or a variation sequence) that
// the virtual line starts at pos to out. A character is drawn in vertical mode, as
// the next glyph of the column's current Vertical item, with a Move for any deviation
// from one em plus Spacing below the one before (compressed punctuation,
// justification, a widened base); a mark moved inside its cell (corner marks, centred
// stops) too, the Document's CellShifts moving it. A variation sequence is a level item
// of its own.
func (c *columnSetter) upright(out []Item, it Item, rs []rune, pos Pt) []Item {
	r := rs[0]
	size := it.Size
	y := pos + c.asc*size // the baseline the virtual line gives it
	if len(rs) == 2 {
		dx, dy := cellShift(r, c.style)
		g := it
		g.Spacing = 0
		g.Text = string(rs)
		a, _ := variantAdvance(c.f, r, rs[1])
		g.X, g.Y = c.cx-Pt(a)*size/2+Pt(dx)*size, y+Pt(dy)*size
		c.run = -1
		return append(out, g)
	}
	top := y - Pt(c.f.Ascent())*size // its vertical origin
	if c.run >= 0 && c.run == len(out)-1 {
		v := &out[c.run]
		if d := top - c.next; d > 1e-9 || d < -1e-9 {
			v.Moves = append(v.Moves, Move{At: c.runRunes, Y: d})
		}
		v.Text += string(r)
		c.runRunes++
		c.next = top + size + it.Spacing
		return out
	}
	v := it
	v.Vertical, v.Moves, v.Text = true, nil, string(r)
	v.X, v.Y = c.cx, top
	out = append(out, v)
	c.run, c.runRunes, c.next = len(out)-1, 1, top+size+it.Spacing
	return out
}

// span appends part, a rotated run or digit group of the virtual Text item it that
// spans [from, to) along the line, to out. With spans and when the face has the
// ideographic space, part goes in a Span whose ActualText is its text, between two
// inkless upright glyphs of the column (ideographic spaces, artifacts): one at the top
// of its place and one an em above its end (at its top when it is shorter than two em).
// Text extraction that orders a page by its lines (poppler: plain pdftotext, a viewer's
// copy) then reads the Span as upright characters of the column where those glyphs
// stand, instead of a level or turned line of its own beside the column; it gives each
// of the Span's characters an em from its start, so the foot's place lets the last one
// end with the run instead of reaching into the glyph after it.
func (c *columnSetter) span(out []Item, it, part Item, from, to Pt, spans bool) []Item {
	c.run = -1
	if !spans || !c.f.Covers('\u3000') {
		return append(out, part)
	}
	size := it.Size
	top := from + (c.asc-Pt(c.f.Ascent()))*size
	foot := max(top, to-2*size+(c.asc-Pt(c.f.Ascent()))*size)
	mark := it
	mark.Vertical, mark.Moves, mark.Text, mark.Spacing, mark.Rotate, mark.Slant = true, nil, "\u3000", 0, 0, 0
	mark.X, mark.Y = c.cx, top
	if mark.Tag.Elem() >= 0 {
		mark.Tag = Artifact // the Span's text goes to part's element
	}
	end := mark
	end.Y = foot
	return append(out, Item{Kind: Span, Text: part.Text}, mark, part, end, Item{Kind: SpanEnd})
}

// sortedForms returns the vertical forms of forms in face and rune order.
func sortedForms(forms map[VerticalForm]bool) []VerticalForm {
	out := make([]VerticalForm, 0, len(forms))
	for f := range forms {
		out = append(out, f)
	}
	slices.SortFunc(out, func(a, b VerticalForm) int {
		if a.Face != b.Face {
			return int(a.Face) - int(b.Face)
		}
		return int(a.Rune - b.Rune)
	})
	if len(out) == 0 {
		return nil
	}
	return out
}

// verticalForm reports whether a vertical column of the style draws the mark r of face
// f upright as the face's vertical form: r turns in vertical text
// (cjk.RotatesInVertical), f has a vertical form of it, r is one em wide, the height of
// the form's cell (a narrow “ would not leave it room), and r keeps its cell: the forms
// of ：and ； stand in the middle of theirs, which kaiming and banjiao halve. Other
// turned marks are drawn turned.
func verticalForm(f Metrics, r rune, style cjk.PunctStyle) bool {
	if !cjk.RotatesInVertical(r) || f.Advance(r) != 1 {
		return false
	}
	if centredForm(r) && style != cjk.GB && style != cjk.Centred {
		return false
	}
	v, ok := f.(VerticalForms)
	return ok && v.HasVerticalForm(r)
}

// centredForm reports whether the vertical form of r stands in the middle of its cell
// along the column (the upright dots of ：and ；).
func centredForm(r rune) bool { return r == '：' || r == '；' }

// formShift is how far the vertical form of the mark r moves right and down inside its
// cell, in em: none, as the font draws it, but for ：and ； in the centred style, which
// come back up by the quarter em the line moved them along (as uprightShift's centred
// stops) and move left to the middle of the cell, since WenKai draws them on its right.
func formShift(r rune, style cjk.PunctStyle) (dx, dy float64) {
	if style == cjk.Centred && centredForm(r) {
		return -0.2, -0.25
	}
	return 0, 0
}

// cellShifts lists the marks that style moves inside their cell (cellShift).
func cellShifts(style cjk.PunctStyle) []CellShift {
	rs := []rune("，、。．" + cjk.CentredStops) // cjk.CornerInVertical's marks and the centred stops
	slices.Sort(rs)
	var out []CellShift
	for _, r := range slices.Compact(rs) {
		if dx, dy := cellShift(r, style); dx != 0 || dy != 0 {
			out = append(out, CellShift{Rune: r, X: dx, Y: dy})
		}
	}
	return out
}

// cellShift is how far an upright mark moves right and down inside its cell, in em:
// a centred stop as uprightShift says; in the other styles a corner mark to the upper
// right of its cell (clreq "Punctuation Marks in Vertical Writing"), half an em right
// and up, since WenKai draws it in the lower left.
func cellShift(r rune, style cjk.PunctStyle) (dx, dy float64) {
	x, y := uprightShift(r, style, 1)
	if cjk.CornerInVertical(r) && style != cjk.Centred {
		x, y = x+0.5, y-0.5
	}
	return float64(x), float64(y)
}

// uprightShift is how far an upright mark moves across (right) and along (up) the
// column from where the virtual line put it. A stop centred in its cell (cjk.Centred:
// vertical Traditional text centres 。，、！？ as horizontal text does) comes back up
// by the quarter em the line moved it along and goes right by a quarter em, and a
// corner mark (，、。．), whose GB glyph sits in the lower half, up a quarter em more;
// in the other styles the corner marks move to the upper right of the cell (clreq
// "Punctuation Marks in Vertical Writing"), which cellShift adds.
func uprightShift(r rune, style cjk.PunctStyle, size Pt) (dx, dy Pt) {
	if style != cjk.Centred || !strings.ContainsRune(cjk.CentredStops, r) {
		return 0, 0
	}
	if cjk.CornerInVertical(r) {
		return size / 4, -size / 2
	}
	return size / 4, -size / 4
}

// tateChuYoko sets a short number upright and horizontal, centred in the span [y0, y1)
// the line breaker gave it along the column, narrowed to one em across the column.
func tateChuYoko(it Item, f Metrics, s string, cx, y0, y1, mid Pt) Item {
	g := it
	g.Text, g.Spacing, g.Rotate = s, 0, 0
	wd := Pt(0)
	for _, r := range s {
		wd += Pt(f.Advance(r)) * it.Size
	}
	if wd > it.Size && wd > 0 {
		g.Size = it.Size * it.Size / wd
		wd = it.Size
	}
	g.X = cx - wd/2
	g.Y = (y0+y1)/2 + mid*g.Size
	return g
}

// movesIn returns the moves of the glyphs i+1 … j-1 of a Text item, for the item of its
// glyphs i … j-1 that starts where glyph i stands; they are copied (nil when none).
func movesIn(moves []Move, i, j int) []Move {
	var out []Move
	for _, m := range moves {
		if m.At > i && m.At < j {
			out = append(out, Move{At: m.At - i, X: m.X, Y: m.Y})
		}
	}
	return out
}
