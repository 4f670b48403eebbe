package layout

import (
	"fmt"
	_ "image/gif"  // decode GIF sizes
	_ "image/jpeg" // decode JPEG sizes
	_ "image/png"  // decode PNG sizes
	"math"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"

	"cjkbook/book"
)

// Layout sets a book into pages. faces[0] is the Regular face, faces[1] Bold, faces[2:]
// fallbacks tried per character (an Item's Face is the index). Chapters are laid out in
// parallel; page numbers, running heads, contents and outline are assigned afterwards,
// so the output does not depend on scheduling.
func Layout(b *book.Book, faces []Metrics, opts Options) (*Document, error) {
	if b == nil {
		return nil, fmt.Errorf("layout: no book")
	}
	if len(faces) == 0 || faces[0] == nil {
		return nil, fmt.Errorf("layout: no font face")
	}
	if len(faces) == 1 {
		faces = []Metrics{faces[0], faces[0]}
	}
	for i, f := range faces {
		if f == nil {
			return nil, fmt.Errorf("layout: font face %d is nil", i)
		}
	}
	if opts.Vertical {
		return layoutVertical(b, faces, opts)
	}
	if err := opts.validate(); err != nil {
		return nil, err
	}
	g := newGeometry(&opts, faces[0])
	// Lay out every chapter into pages of its own, in parallel.
	chs := make([][]cpage, len(b.Chapters))
	warns := make([]book.Diagnostics, len(b.Chapters))
	par := opts.Parallel
	if par <= 0 {
		par = runtime.GOMAXPROCS(0)
	}
	var wg sync.WaitGroup
	next := make(chan int)
	for w := 0; w < min(par, max(1, len(b.Chapters))); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			cl := &chapterLayout{g: g, faces: faces, opts: &opts, br: newCachedBreaker(faces, &opts), book: b}
			for i := range next {
				cl.diags = &warns[i]
				chs[i] = cl.chapter(i, b.Chapters[i])
			}
		}()
	}
	for i := range b.Chapters {
		next <- i
	}
	close(next)
	wg.Wait()
	// Assemble: front matter, chapters with folios and running heads, contents, outline.
	d := assemble(b, faces, &opts, g, chs)
	for _, w := range warns {
		d.Warnings = append(d.Warnings, w...)
	}
	return d, nil
}

// geometry is the resolved page grid.
type geometry struct {
	measure   Pt    // line length
	left      [2]Pt // left edge of the text block on recto [0] and verso [1] pages
	top, body Pt    // top of the text block and its height
	pitch     Pt    // baseline-to-baseline distance of body text
	size      Pt
	base      Pt // baseline offset of body text within a line slot
}

func newGeometry(o *Options, m Metrics) *geometry {
	g := &geometry{size: o.FontSize, pitch: o.FontSize * Pt(o.LineHeight), top: o.Margins.Top}
	g.measure = o.Width - o.Margins.Inner - o.Margins.Outer
	extra := Pt(0)
	if o.GridMeasure {
		chars := Pt(int(float64(g.measure/o.FontSize) + 1e-9))
		extra = g.measure - chars*o.FontSize
		g.measure = chars * o.FontSize
	}
	g.left[0] = o.Margins.Inner + extra/2
	g.left[1] = o.Margins.Outer + extra/2
	lines := int(float64((o.Height - o.Margins.Top - o.Margins.Bottom) / g.pitch))
	g.body = Pt(lines) * g.pitch
	g.base = g.baseline(m, g.pitch, g.size)
	return g
}

// baseline returns where the baseline sits in a slot of height h for text of size sz:
// the em box (ascent to descent) centred in the slot.
func (g *geometry) baseline(m Metrics, h, sz Pt) Pt {
	return h/2 + sz*Pt(m.Ascent()+m.Descent())/2
}

// box is one unbreakable piece of a chapter's flow (a line, a heading, a picture).
type box struct {
	h       Pt
	keep    bool // no page break between this box and the previous one
	spacer  bool // vertical space, dropped at a page top
	newPage bool // always starts a page
	items   []Item
	links   []Link
	anchors []Anchor
	block   int // top-level block index, -1 for chapter titles and notes
	rune    int
	text    bool // holds body text (for Page.Start)
	line    int  // line index within its paragraph (text boxes)
	lines   int  // number of lines of its paragraph
	heading bool // a heading line (never last on a page)
	para    int  // serial number of the paragraph within the chapter flow
	grid    bool // a body-line slot: starts on the page's line grid
}

// snap moves y (from the top of the text block) down to the next body-line position when
// the box sits on the grid, so lines on facing pages register whatever odd-height
// boxes (titles, tables, notes) came before.
func (g *geometry) snap(y Pt, bx *box) Pt {
	if !bx.grid {
		return y
	}
	k := float64(y/g.pitch) - 1e-6
	if k <= 0 {
		return max(y, 0)
	}
	return Pt(math.Ceil(k)) * g.pitch
}

// cpage is a page of one chapter before page numbers are known; X is relative to the
// text block's left edge, Y absolute.
type cpage struct {
	items   []Item
	links   []Link
	anchors []Anchor
	start   Start
	opening bool
}

// chapterLayout lays out one chapter at a time; each worker has its own.
type chapterLayout struct {
	g        *geometry
	faces    []Metrics
	opts     *Options
	br       *breaker
	book     *book.Book
	flow     []box
	ch       int
	block    int
	keepNext int               // boxes still to keep with the heading before them
	diags    *book.Diagnostics // warnings about the chapter (pictures that cannot be drawn)
	paras    int               // paragraphs set so far
	iconSeen map[string]bool   // pictures of table cells met in this chapter (icon warns once), by Src
	lineBuf  []Line
}

// push appends a box to the flow, keeping it with a heading just before it.
func (cl *chapterLayout) push(bx box) int {
	if cl.keepNext > 0 {
		bx.keep = true
		if !bx.spacer {
			cl.keepNext--
		}
	}
	cl.flow = append(cl.flow, bx)
	return len(cl.flow) - 1
}

func (cl *chapterLayout) chapter(idx int, c *book.Chapter) []cpage {
	cl.flow = cl.flow[:0]
	cl.ch = idx
	clear(cl.iconSeen) // icon warns once per picture and chapter, whichever worker sets it
	// Items live in the breaker's arena until paginate copies them into pages, so the
	// arena is reused from chapter to chapter.
	cl.br.arena = cl.br.arena[:0]
	g := cl.g
	// Title block.
	cl.block = -1
	if c.Kind == book.Part {
		cl.space(g.body/3 - g.pitch)
	} else {
		cl.space(2 * g.pitch)
	}
	first := len(cl.flow)
	cl.text(book.Plain([]book.Run{{Text: c.Title}}), nil, ParaStyle{Size: g.size * 1.6, Measure: g.measure, Align: Center, Bold: true}, 0, 1.5, false)
	if c.Subtitle != "" {
		cl.text(c.Subtitle, nil, ParaStyle{Size: g.size * 1.05, Measure: g.measure, Align: Center}, 0, 1.6, false)
	}
	if len(cl.flow) > first {
		cl.flow[first].anchors = append(cl.flow[first].anchors, Anchor{Name: anchorName(idx, c), Y: 0})
		for i := first + 1; i < len(cl.flow); i++ {
			cl.flow[i].keep = true
		}
	}
	cl.space(1.5 * g.pitch)
	// Body blocks.
	for bi, bl := range c.Blocks {
		cl.block = bi
		cl.blockFlow(bl, 0, g.measure, 0)
	}
	// Footnotes at the chapter end.
	cl.notes(c)
	return cl.paginate()
}

func anchorName(idx int, c *book.Chapter) string {
	if c.ID != "" {
		return c.ID
	}
	return "ch" + strconv.Itoa(idx+1)
}

func (cl *chapterLayout) space(h Pt) {
	if h > 0 {
		cl.push(box{h: h, spacer: true, block: cl.block})
	}
}

// text breaks runs (or s) into lines and appends one box per line, each slot pitch×size
// high (rounded up to body lines when grid is set), keeping paragraphs whole across
// widows and orphans (clreq "Handling of Widows and Orphans").
func (cl *chapterLayout) text(s string, runs []book.Run, ps ParaStyle, x0 Pt, pitch float64, grid bool) []int {
	if runs == nil {
		runs = []book.Run{{Text: s}}
	}
	lines := cl.br.linesInto(cl.lineBuf, runs, ps)
	cl.lineBuf = lines
	h := ps.Size * Pt(pitch)
	if grid {
		h = cl.g.pitch
	}
	base := cl.g.baseline(cl.faces[0], h, ps.Size)
	cl.paras++
	idx := make([]int, 0, len(lines))
	for i := range lines {
		ln := &lines[i]
		bx := box{h: h, block: cl.block, rune: ln.Start, text: true, line: i, lines: len(lines), para: cl.paras, grid: grid}
		if cl.opts.Widows && len(lines) >= 2 && (i == 1 || i == len(lines)-1) {
			bx.keep = true
		}
		bx.items = ln.Items
		for k := range bx.items {
			bx.items[k].X += x0
			bx.items[k].Y += base
		}
		for _, l := range ln.Links {
			l.X += x0
			l.Y += base
			bx.links = append(bx.links, l)
		}
		idx = append(idx, cl.push(bx))
	}
	return idx
}

// blockFlow appends a block at left offset x0 with line length measure; depth counts
// enclosing quotes and lists.
func (cl *chapterLayout) blockFlow(bl book.Block, x0, measure Pt, depth int) {
	g := cl.g
	sz := g.size
	if depth > 8 { // hostile nesting: stop indenting, keep the text
		x0, measure = 0, g.measure
	}
	switch bl := bl.(type) {
	case *book.Paragraph:
		ind := Pt(cl.opts.Indent) * sz
		cl.text("", nonNil(bl.Runs), ParaStyle{Size: sz, Measure: measure, Indent: ind}, x0, cl.opts.LineHeight, true)
	case *book.Heading:
		// clreq §3.5: large and medium headings centred, lower levels indented two
		// characters; a heading occupies whole body lines.
		ps := ParaStyle{Size: sz * 1.2, Measure: measure, Align: Center, Bold: true}
		hx := x0
		if bl.Level >= 3 {
			ps = ParaStyle{Size: sz * 1.05, Measure: measure - 2*sz, Bold: true, Align: Left}
			hx += 2 * sz
		}
		cl.space(g.pitch)
		idx := cl.text("", nonNil(bl.Runs), ps, hx, 1.0, true)
		if len(idx) > 0 {
			name := bl.ID
			if name == "" {
				name = fmt.Sprintf("ch%d-b%d", cl.ch+1, cl.block)
			}
			cl.flow[idx[0]].anchors = append(cl.flow[idx[0]].anchors, Anchor{Name: name})
			for _, i := range idx[1:] {
				cl.flow[i].keep = true
			}
			for _, i := range idx {
				cl.flow[i].heading = true
			}
			cl.keepNext = 2
		}
		return
	case *book.Quote:
		ind := 2 * sz
		for _, sub := range bl.Blocks {
			cl.blockFlow(sub, x0+ind, measure-ind, depth+1)
		}
	case *book.List:
		ind := 2 * sz
		for i, item := range bl.Items {
			mark := "•"
			if bl.Ordered {
				mark = strconv.Itoa(bl.Start+i) + "."
			}
			before := len(cl.flow)
			for _, sub := range item {
				if p, ok := sub.(*book.Paragraph); ok {
					cl.text("", nonNil(p.Runs), ParaStyle{Size: sz, Measure: measure - ind}, x0+ind, cl.opts.LineHeight, true)
				} else {
					cl.blockFlow(sub, x0+ind, measure-ind, depth+1)
				}
			}
			// The marker goes on the item's first line (not on a spacer), in a glyph
			// the body face has.
			first := before
			for first < len(cl.flow) && cl.flow[first].spacer {
				first++
			}
			if !bl.Ordered {
				mark = ""
				if r := firstCovered(cl.faces[0], "•·-*"); r >= 0 {
					mark = string(r)
				}
			} else if !covered(cl.faces[0], mark) {
				mark = ""
			}
			if first < len(cl.flow) && mark != "" {
				bx := &cl.flow[first]
				// Prepended, so the marker comes before the item's text in reading order
				// (text extraction follows the content stream).
				mk := Item{Kind: Text, X: x0 + 0.5*sz, Y: cl.g.baseline(cl.faces[0], bx.h, sz), Size: sz, Face: Regular, Text: mark}
				bx.items = append([]Item{mk}, bx.items...)
			}
		}
	case *book.CodeBlock:
		csz := sz * 0.9
		text := strings.TrimRight(bl.Text, "\n")
		for _, line := range strings.Split(text, "\n") {
			line = strings.TrimRight(line, "\r")
			if line == "" {
				line = " "
			}
			idx := cl.text(line, nil, ParaStyle{Size: csz, Measure: measure - sz, Align: Left, Code: true}, x0+sz/2, cl.opts.LineHeight, true)
			for _, i := range idx {
				bx := &cl.flow[i]
				bx.items = append([]Item{{Kind: Fill, X: x0, Y: 0, W: measure, H: bx.h, Gray: 0.93}}, bx.items...)
			}
		}
	case *book.Image:
		cl.image(bl, x0, measure)
	case *book.Table:
		cl.table(bl, x0, measure)
	case *book.Break:
		orn := cl.opts.Ornament
		if orn == "" {
			orn = "⁂"
			if !cl.faces[0].Covers('⁂') {
				orn = "＊　＊　＊"
			}
		}
		cl.space(g.pitch / 2)
		cl.text(orn, nil, ParaStyle{Size: sz, Measure: measure, Align: Center}, x0, cl.opts.LineHeight, true)
		cl.flow[len(cl.flow)-1].text = false
		cl.space(g.pitch / 2)
	}
	cl.keepNext = 0
}

func nonNil(r []book.Run) []book.Run {
	if r == nil {
		return []book.Run{}
	}
	return r
}

// image places a picture sized by fitPicture (the measure, or the manuscript's width
// hint; never above 60 % of the text block), with
// its alt text as a caption. An SVG picture is drawn as vector graphics, its labels set
// here as Text items over it. An image that cannot be drawn (an unknown format, a broken
// SVG) gets a framed box with the alt text instead, and a warning.
func (cl *chapterLayout) image(im *book.Image, x0, measure Pt) {
	g := cl.g
	sz := g.size
	pic, err := cl.picture(im.Src)
	alt := im.Alt
	if alt == "" {
		alt = im.Title
	}
	if err != nil {
		if cl.diags != nil {
			cl.diags.Warnf(im.At, "image %q cannot be drawn in the PDF (%v); its alt text stands in a frame", im.Src, err)
		}
		label := alt
		if label == "" {
			label = im.Src
		}
		lines := cl.br.lines([]book.Run{{Text: label}}, ParaStyle{Size: sz * 0.9, Measure: measure - 2*sz, Align: Center})
		h := Pt(len(lines)+2) * g.pitch
		bx := box{h: h, block: cl.block, text: true}
		bx.items = append(bx.items, Item{Kind: Box, X: x0, Y: g.pitch / 2, W: measure, H: h - g.pitch, Size: 0.5, Gray: 0.5})
		for i := range lines {
			for _, it := range lines[i].Items {
				it.X += x0 + sz
				it.Y += g.pitch + Pt(i)*g.pitch + g.base
				bx.items = append(bx.items, it)
			}
		}
		cl.push(bx)
		return
	}
	w, h := cl.fitPicture(pic.w, pic.h, im.Width, measure)
	fw, fh := cl.flowSize(w, h)
	bh := Pt(int(float64((fh+g.pitch/2)/g.pitch))+1) * g.pitch
	x, y := x0+(measure-fw)/2, (bh-fh)/2
	cl.push(box{h: bh, block: cl.block, items: cl.pictureItems(pic, im, x, y, w, h)})
	if alt != "" {
		idx := cl.text(alt, nil, ParaStyle{Size: sz * 0.85, Measure: measure, Align: Center}, x0, cl.opts.LineHeight, true)
		for _, i := range idx {
			cl.flow[i].keep = true
		}
	}
}

// table sets a simple grid: equal columns, a bold header row, hairlines around cells.
func (cl *chapterLayout) table(t *book.Table, x0, measure Pt) {
	g := cl.g
	sz := g.size * 0.9
	cols := len(t.Header)
	for _, r := range t.Rows {
		cols = max(cols, len(r))
	}
	if cols == 0 {
		return
	}
	pad := sz / 3
	pitch := sz * 1.5
	xs := cl.columns(t, cols, measure, sz, pad)
	base := cl.g.baseline(cl.faces[0], pitch, sz)
	row := func(cells []book.Cell, bold bool) {
		var items []Item
		ch := pitch // the tallest cell
		for c := 0; c < cols && c < len(cells); c++ {
			w := max(xs[c+1]-xs[c]-2*pad, sz)
			align := ""
			if c < len(t.Align) {
				align = t.Align[c]
			}
			// dx places something of width iw in the cell as the column is aligned.
			dx := func(iw Pt) Pt {
				switch align {
				case "right":
					return max(w-iw, 0)
				case "center":
					return max((w-iw)/2, 0)
				}
				return 0
			}
			y := Pt(0)
			for _, part := range cellParts(cells[c].Runs) {
				if part.pic != nil {
					pic, iw, ih := cl.icon(part.pic, w, pitch)
					fw, fh := cl.flowSize(iw, ih)
					if fh == 0 { // cannot be drawn: warned; its alt text stands instead
						part.runs = []book.Run{{Text: part.pic.Alt}}
					} else {
						items = append(items, cl.pictureItems(pic, part.pic, x0+xs[c]+pad+dx(fw), pad+y, iw, ih)...)
						y += fh
						continue
					}
				}
				for _, ln := range cl.br.lines(part.runs, ParaStyle{Size: sz, Measure: w, Align: Left, Bold: bold}) {
					for _, it := range ln.Items {
						it.X += x0 + xs[c] + pad + dx(ln.Right)
						it.Y += pad + y + base
						items = append(items, it)
					}
					y += pitch
				}
			}
			ch = max(ch, y)
		}
		h := ch + 2*pad
		bx := box{h: h, block: cl.block, text: true, items: items}
		bx.items = append(bx.items, Item{Kind: Rule, X: x0, Y: h, W: xs[cols], Size: 0.4})
		for c := 0; c <= cols; c++ {
			bx.items = append(bx.items, Item{Kind: Rule, X: x0 + xs[c], Y: 0, H: h, Size: 0.4})
		}
		cl.push(bx)
	}
	cl.space(g.pitch / 2)
	top := len(cl.flow)
	if len(t.Header) > 0 {
		row(t.Header, true)
	}
	for _, r := range t.Rows {
		row(r, false)
	}
	if len(cl.flow) > top {
		cl.flow[top].items = append(cl.flow[top].items, Item{Kind: Rule, X: x0, Y: 0, W: xs[cols], Size: 0.4})
	}
	cl.space(g.pitch / 2)
}

// cellPart is a stretch of a table cell: text runs, or one inline picture.
type cellPart struct {
	runs []book.Run
	pic  *book.Image
}

// cellParts splits a cell's runs at its inline pictures, which stand on lines of
// their own; a cell without pictures is one part (an empty cell one empty part).
func cellParts(runs []book.Run) []cellPart {
	parts := make([]cellPart, 0, 1)
	start := 0
	for i, r := range runs {
		if r.Image == nil {
			continue
		}
		if i > start {
			parts = append(parts, cellPart{runs: runs[start:i]})
		}
		parts = append(parts, cellPart{pic: r.Image})
		start = i + 1
	}
	if start < len(runs) || len(parts) == 0 {
		parts = append(parts, cellPart{runs: nonNil(runs[start:])})
	}
	return parts
}

// iconLines is the height of a picture in a table cell, in lines of the cell's text.
const iconLines = 2

// icon sizes an inline picture for a table cell of width w whose lines are pitch
// apart: iconLines lines high along the flow (less when its natural size is smaller),
// at most w across, aspect kept; it returns the picture with its physical size, or
// zero sizes when it cannot be drawn (warned once per picture and chapter).
func (cl *chapterLayout) icon(im *book.Image, w, pitch Pt) (picture, Pt, Pt) {
	pic, err := cl.picture(im.Src)
	if err != nil {
		if !cl.iconSeen[im.Src] && cl.diags != nil {
			cl.diags.Warnf(im.At, "image %q cannot be drawn in the PDF (%v); its alt text stands instead", im.Src, err)
		}
		pic = picture{}
	}
	if cl.iconSeen == nil {
		cl.iconSeen = map[string]bool{}
	}
	cl.iconSeen[im.Src] = true
	if !(pic.w > 0 && pic.h > 0) {
		return pic, 0, 0
	}
	a, b := cl.flowSize(pic.w, pic.h) // across and along the flow
	if along := iconLines * pitch; b > along {
		a, b = a*along/b, along
	}
	if a > w {
		a, b = w, b*w/a
	}
	pw, ph := cl.flowSize(a, b)
	return pic, pw, ph
}

// waterLevel returns the cap L with Σ min(w[i], L) = total (for Σ w[i] > total).
func waterLevel(w []Pt, total Pt) Pt {
	ws := append([]Pt(nil), w...)
	sort.Slice(ws, func(i, j int) bool { return ws[i] < ws[j] })
	used := Pt(0)
	for i, v := range ws {
		rest := Pt(len(ws) - i)
		if used+v*rest >= total {
			return (total - used) / rest
		}
		used += v
	}
	return ws[len(ws)-1]
}

// columns returns the x of each column edge (len cols+1, from 0 to the measure), the way
// HTML's automatic table layout does: every column as wide as its widest cell when all
// fit; otherwise each gets its widest unbreakable word first and the rest of the measure
// in proportion to how much more its cells want; so cells wrap as little as possible.
func (cl *chapterLayout) columns(t *book.Table, cols int, measure, sz, pad Pt) []Pt {
	maxW := make([]Pt, cols)
	minW := make([]Pt, cols)
	save := cl.br.opts
	noHyphen := *save
	noHyphen.Hyphenate = false
	for ri := -1; ri < len(t.Rows); ri++ {
		cells := t.Header
		if ri >= 0 {
			cells = t.Rows[ri]
		}
		for c := 0; c < cols && c < len(cells); c++ {
			for _, part := range cellParts(cells[c].Runs) {
				if part.pic != nil {
					// An icon wants its width at the cell's line height, and shrinks to
					// the column's share of the measure at worst.
					_, iw, ih := cl.icon(part.pic, measure/Pt(cols), sz*1.5)
					fw, _ := cl.flowSize(iw, ih)
					maxW[c] = max(maxW[c], fw+2*pad+1)
					minW[c] = max(minW[c], fw+2*pad+1)
					continue
				}
				for _, ln := range cl.br.lines(part.runs, ParaStyle{Size: sz, Measure: 1e6, Align: Left, Bold: ri < 0}) {
					maxW[c] = max(maxW[c], ln.Right+2*pad+1)
				}
				cl.br.opts = &noHyphen
				for _, ln := range cl.br.lines(part.runs, ParaStyle{Size: sz, Measure: sz, Align: Left, Bold: ri < 0}) {
					minW[c] = max(minW[c], ln.Right+2*pad+1)
				}
				cl.br.opts = save
			}
		}
	}
	sumMax, sumMin := Pt(0), Pt(0)
	for c := range maxW {
		minW[c] = min(minW[c], maxW[c])
		sumMax += maxW[c]
		sumMin += minW[c]
	}
	xs := make([]Pt, cols+1)
	for c := range maxW {
		var w Pt
		switch {
		case sumMax <= measure:
			w = maxW[c] + (measure-sumMax)/Pt(cols)
		case sumMin <= measure && sumMax > sumMin:
			w = minW[c] + (maxW[c]-minW[c])*(measure-sumMin)/(sumMax-sumMin)
		case sumMin > 0:
			// Even the unbreakable words do not fit: the widest columns are capped
			// (their words get hyphenated), the narrow ones keep their words whole.
			w = min(minW[c], waterLevel(minW, measure))
		default:
			w = measure / Pt(cols)
		}
		xs[c+1] = xs[c] + w
	}
	return xs
}

// notes sets the chapter's footnotes after its text, under a short rule, smaller.
func (cl *chapterLayout) notes(c *book.Chapter) {
	if len(c.Notes) == 0 {
		return
	}
	g := cl.g
	cl.block = -1
	cl.space(g.pitch)
	cl.push(box{h: g.pitch / 2, items: []Item{{Kind: Rule, X: 0, Y: g.pitch / 4, W: g.measure / 4, Size: 0.5}}, block: -1})
	sz := g.size * 0.85
	for _, n := range c.Notes {
		label := n.Label
		if label == "" {
			label = n.ID
		}
		first := true
		for _, bl := range n.Blocks {
			p, ok := bl.(*book.Paragraph)
			if !ok {
				cl.blockFlow(bl, 2*sz, g.measure-2*sz, 1)
				continue
			}
			runs := p.Runs
			if first {
				runs = append([]book.Run{{Text: label + " "}}, runs...)
				first = false
			}
			cl.text("", nonNil(runs), ParaStyle{Size: sz, Measure: g.measure}, 0, 1.6, false)
		}
		if first {
			cl.text(label, nil, ParaStyle{Size: sz, Measure: g.measure}, 0, 1.6, false)
		}
	}
}

// paginate stacks the flow into pages. A box marked keep never starts a page (unless a
// chain of kept boxes is taller than a page), which keeps headings with their text and
// paragraphs free of widows and orphans; spacers are dropped at a page top.
func (cl *chapterLayout) paginate() []cpage {
	spans := cl.pageSpans()
	pages := make([]cpage, 0, len(spans))
	for i, sp := range spans {
		pages = append(pages, cl.page(cl.flow[sp[0]:sp[1]], i == 0))
	}
	if len(pages) == 0 {
		pages = append(pages, cpage{opening: true, start: Start{Chapter: cl.ch}})
	}
	return pages
}

// pageSpans returns the flow's boxes per page as [start, end) index pairs.
func (cl *chapterLayout) pageSpans() [][2]int {
	g := cl.g
	var spans [][2]int
	flow := cl.flow
	start := 0
	for start < len(flow) {
		if len(spans) > 0 {
			for start < len(flow) && flow[start].spacer {
				start++
			}
			if start == len(flow) {
				break
			}
		}
		y := Pt(0)
		end := start
		for end < len(flow) {
			bx := &flow[end]
			if end > start && bx.newPage {
				break
			}
			if ys := g.snap(y, bx); end == start || ys+bx.h <= g.body+eps {
				y = ys + bx.h
				end++
				continue
			}
			// Overflow: move back to a box that may start a page.
			j := end
			for j > start && flow[j].keep {
				j--
			}
			if j > start {
				end = j
			}
			break
		}
		spans = append(spans, [2]int{start, end})
		start = end
	}
	return spans
}

func (cl *chapterLayout) page(bs []box, opening bool) cpage {
	p := cpage{opening: opening, start: Start{Chapter: -1}}
	n := 0
	for i := range bs {
		n += len(bs[i].items)
	}
	g := cl.g
	y := Pt(0)                     // from the top of the text block
	p.items = make([]Item, 0, n+6) // room for the running head and folio
	for i := range bs {
		bx := &bs[i]
		y = g.snap(y, bx)
		if p.start.Chapter < 0 && bx.text && bx.block >= 0 {
			p.start = Start{Chapter: cl.ch, Block: bx.block, Rune: bx.rune}
		}
		top := g.top + y
		for _, it := range bx.items {
			it.Y += top
			p.items = append(p.items, it)
		}
		for _, l := range bx.links {
			l.Y += top
			p.links = append(p.links, l)
		}
		for _, a := range bx.anchors {
			a.Y += top
			p.anchors = append(p.anchors, a)
		}
		y += bx.h
	}
	if p.start.Chapter < 0 {
		p.start = Start{Chapter: cl.ch}
	}
	return p
}

// covered reports whether face has every rune of s.
func covered(face Metrics, s string) bool {
	for _, r := range s {
		if !face.Covers(r) {
			return false
		}
	}
	return true
}
