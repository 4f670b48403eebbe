package layout

import (
	"fmt"
	"strconv"
	"strings"

	"cjkbook/book"
	"cjkbook/book/cjk"
)

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
	notes    noteState // the chapter's footnotes (notes.go)
	tags     tree      // the chapter's structure tree; element 0 is its Sect (or Part)
	parent   int       // the element that blocks being set belong to
	runEl    []int     // scratch for tagLine
	level    int       // the level of the last heading tagged in the chapter (1: its title)
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
	cl.startNotes(c)
	clear(cl.iconSeen) // icon warns once per picture and chapter, whichever worker sets it
	// Items live in the breaker's arena until paginate copies them into pages, so the
	// arena is reused from chapter to chapter.
	cl.br.arena = cl.br.arena[:0]
	g := cl.g
	// The chapter's structure: a Sect (a Part for a volume) with the title as H1, the
	// subtitle as a P after it.
	cl.tags = tree{}
	role := RoleSect
	if c.Kind == book.Part {
		role = RolePart
	}
	cl.parent = cl.tags.add(role, -1)
	cl.level = 1
	// Title block.
	cl.block = -1
	if c.Kind == book.Part {
		cl.space(g.body/3 - g.pitch)
	} else {
		cl.space(2 * g.pitch)
	}
	first := len(cl.flow)
	cl.text(cl.tags.add(HeadingRole(1), 0), book.Plain([]book.Run{{Text: c.Title}}), nil, ParaStyle{Size: g.size * 1.6, Measure: g.measure, Align: Center, Bold: true}, 0, 1.5, false)
	if c.Subtitle != "" && !c.SubtitleGenerated { // a generated one repeats the text below
		cl.text(cl.tags.add(RoleP, 0), c.Subtitle, nil, ParaStyle{Size: g.size * 1.05, Measure: g.measure, Align: Center}, 0, 1.6, false)
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
		cl.parent = 0
		cl.blockFlow(bl, 0, g.measure, 0)
	}
	// Footnotes: after the text, or set apart for the foot of the pages citing them.
	cl.setNotes(c)
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
// widows and orphans (clreq "Handling of Widows and Orphans"). The text is the content
// of element el of the chapter's tree (an artifact when el < 0).
func (cl *chapterLayout) text(el int, s string, runs []book.Run, ps ParaStyle, x0 Pt, pitch float64, grid bool) []int {
	if runs == nil {
		runs = []book.Run{{Text: s}}
	}
	runs, cites := cl.cite(runs)
	lines := cl.br.linesInto(cl.lineBuf, runs, ps)
	cl.lineBuf = lines
	h := ps.Size * Pt(pitch)
	if grid {
		h = cl.g.pitch
	}
	base := cl.g.baseline(cl.faces[0], h, ps.Size)
	cl.paras++
	idx := make([]int, 0, len(lines))
	cl.runEl = cl.runEl[:0]
	for i := range lines {
		ln := &lines[i]
		cl.runEl = cl.tags.tagLine(ln.Items, ln.Links, runs, el, cl.runEl)
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
	cl.citeLines(cites, lines, idx)
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
		cl.text(cl.tags.add(RoleP, cl.parent), "", nonNil(bl.Runs), ParaStyle{Size: sz, Measure: measure, Indent: ind}, x0, cl.opts.LineHeight, true)
	case *book.Heading:
		cl.heading(bl, x0, measure)
		return // the heading keeps the boxes after it (keepNext)
	case *book.Quote:
		ind := 2 * sz
		up := cl.parent
		q := cl.tags.add(RoleBlockQuote, up)
		for _, sub := range bl.Blocks {
			cl.parent = q
			cl.blockFlow(sub, x0+ind, measure-ind, depth+1)
		}
		cl.parent = up
	case *book.List:
		cl.list(bl, x0, measure, depth)
	case *book.CodeBlock:
		cl.code(bl, x0, measure)
	case *book.Image:
		cl.image(bl, x0, measure)
	case *book.Table:
		cl.table(bl, x0, measure)
	case *book.Break:
		cl.sceneBreak(x0, measure)
	}
	cl.keepNext = 0
}

// heading sets a heading on whole body lines after a blank line, anchors its first
// line, and keeps its lines together and with the two boxes that follow (clreq §3.5:
// large and medium headings centred, lower levels indented two characters).
func (cl *chapterLayout) heading(bl *book.Heading, x0, measure Pt) {
	g := cl.g
	sz := g.size
	ps := ParaStyle{Size: sz * 1.2, Measure: measure, Align: Center, Bold: true}
	hx := x0
	if bl.Level >= 3 {
		ps = ParaStyle{Size: sz * 1.05, Measure: measure - 2*sz, Bold: true, Align: Left}
		hx += 2 * sz
	}
	cl.space(g.pitch)
	// Levels never skip one (an H3 right under the title is an H2).
	cl.level = min(max(bl.Level, 2), cl.level+1)
	idx := cl.text(cl.tags.add(HeadingRole(cl.level), cl.parent), "", nonNil(bl.Runs), ps, hx, 1.0, true)
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
}

// list sets a list's items indented two characters, each with its marker (a bullet or
// its number) on its first line.
func (cl *chapterLayout) list(bl *book.List, x0, measure Pt, depth int) {
	sz := cl.g.size
	ind := 2 * sz
	up := cl.parent
	defer func() { cl.parent = up }()
	list := cl.tags.add(RoleL, up)
	for i, item := range bl.Items {
		li := cl.tags.add(RoleLI, list)
		lbl := cl.tags.add(RoleLbl, li)
		body := cl.tags.add(RoleLBody, li)
		mark := "•"
		if bl.Ordered {
			mark = strconv.Itoa(bl.Start+i) + "."
		}
		before := len(cl.flow)
		for _, sub := range item {
			cl.parent = body
			if p, ok := sub.(*book.Paragraph); ok {
				cl.text(cl.tags.add(RoleP, body), "", nonNil(p.Runs), ParaStyle{Size: sz, Measure: measure - ind}, x0+ind, cl.opts.LineHeight, true)
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
			mk := Item{Kind: Text, Tag: ElemTag(lbl), X: x0 + 0.5*sz, Y: cl.g.baseline(cl.faces[0], bx.h, sz), Size: sz, Face: Regular, Text: mark}
			bx.items = append([]Item{mk}, bx.items...)
		}
	}
}

// code sets a code block line by line, smaller, unjustified, on a grey ground.
func (cl *chapterLayout) code(bl *book.CodeBlock, x0, measure Pt) {
	sz := cl.g.size
	csz := sz * 0.9
	text := strings.TrimRight(bl.Text, "\n")
	el := cl.tags.add(RoleCode, cl.parent)
	for _, line := range strings.Split(text, "\n") {
		line = strings.TrimRight(line, "\r")
		if line == "" {
			line = " "
		}
		idx := cl.text(el, line, nil, ParaStyle{Size: csz, Measure: measure - sz, Align: Left, Code: true}, x0+sz/2, cl.opts.LineHeight, true)
		for _, i := range idx {
			bx := &cl.flow[i]
			bx.items = append([]Item{{Kind: Fill, X: x0, Y: 0, W: measure, H: bx.h, Gray: 0.93}}, bx.items...)
		}
	}
}

// sceneBreak sets the ornament of a scene break (Options.Ornament, else cjk.SceneBreak
// as in the EPUB) centred between two half-line spaces.
func (cl *chapterLayout) sceneBreak(x0, measure Pt) {
	g := cl.g
	orn := cl.opts.Ornament
	if orn == "" {
		orn = cjk.SceneBreak
	}
	cl.space(g.pitch / 2)
	cl.text(-1, orn, nil, ParaStyle{Size: g.size, Measure: measure, Align: Center}, x0, cl.opts.LineHeight, true)
	cl.flow[len(cl.flow)-1].text = false
	cl.space(g.pitch / 2)
}

func nonNil(r []book.Run) []book.Run {
	if r == nil {
		return []book.Run{}
	}
	return r
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
