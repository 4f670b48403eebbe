package layout

import (
	"strconv"
	"strings"

	"cjkbook/book"
	"cjkbook/book/cjk"
)

// assembler puts the front matter and the chapters' pages in order, numbers them and
// adds running heads, folios, the contents and the outline.
type assembler struct {
	b     *book.Book
	faces []Metrics
	opts  *Options
	g     *geometry
	br    *breaker
	doc   *Document
	tags  tree      // the document's structure tree; element 0 is the Document
	grams cjk.Pairs // the book's pairs of adjacent characters (pairs), nil until needed
}

// assemble is the second, sequential pass of Layout. Front matter (contents, and Front
// chapters before the first body chapter) is numbered in lower-case roman numerals from
// i; cover, title page and blank pages carry no folio; body pages are numbered from 1.
//
// The structure tree: Document > (title page P…) (contents H1, TOC) then each chapter's
// tree, a Sect — under the Part of the volume it belongs to, if any. The cover is a
// background artifact, running heads and folios pagination artifacts.
func assemble(b *book.Book, faces []Metrics, opts *Options, g *geometry, chs [][]cpage, trees []tree) *Document {
	a := &assembler{b: b, faces: faces, opts: opts, g: g, br: newCachedBreaker(faces, opts)}
	a.doc = &Document{Width: opts.Width, Height: opts.Height, Info: Info{
		Title: b.Meta.Title, Author: b.Meta.Author, Subject: b.Meta.Description,
		Creator: "cjkbook", Language: b.Meta.Language, Source: b.Meta.Source,
	}}
	a.tags.add(RoleDocument, -1)
	// Cover and title page.
	if opts.Cover != "" {
		if _, ok := b.Images[opts.Cover]; ok {
			a.add(cpage{items: []Item{{Kind: Picture, Tag: Background, W: opts.Width, H: opts.Height, Src: opts.Cover}}, start: Start{Chapter: -1}}, "", false, true)
			if opts.ChaptersOnOdd {
				a.blank()
			}
		}
	}
	if opts.TitlePage {
		a.add(a.titlePage(), "", false, false)
		if opts.ChaptersOnOdd {
			a.blank()
		}
	}
	// Contents: set now with its page count known, numbers filled in at the end.
	toc := a.contents()
	tocFirst := len(a.doc.Pages)
	roman := 0
	for _, p := range toc.pages {
		roman++
		a.add(p, romanNumeral(roman), false, false)
	}
	// Chapters.
	arabic := 0
	inFront := true
	part := -1 // the Part element of the current volume
	for ci, pages := range chs {
		c := b.Chapters[ci]
		if c.Kind != book.Front {
			inFront = false
		}
		off := a.chapterTree(c, trees[ci], &part)
		for pi := range pages {
			retag(pages[pi].items, pages[pi].links, off)
		}
		if opts.ChaptersOnOdd && len(a.doc.Pages)%2 == 1 {
			if inFront || arabic == 0 {
				roman++ // the blank verso before the first body page is front matter
			} else {
				arabic++
			}
			a.blank()
		}
		for pi, p := range pages {
			var label string
			if inFront {
				roman++
				label = romanNumeral(roman)
			} else {
				arabic++
				label = strconv.Itoa(arabic)
			}
			n := arabic
			if inFront {
				n = roman
			}
			a.decorate(&p, c, n, label, pi == 0)
			a.add(p, label, true, false)
		}
	}
	if len(a.doc.Pages) == 0 {
		a.blank() // a PDF needs a page
	}
	// Contents page numbers and links, and the outline.
	anchors := map[string][2]float64{}
	for i := range a.doc.Pages {
		for _, an := range a.doc.Pages[i].Anchors {
			if _, ok := anchors[an.Name]; !ok {
				anchors[an.Name] = [2]float64{float64(i), float64(an.Y)}
			}
		}
	}
	// Internal links to anchors that do not exist (a "#x" link to no heading) are
	// dropped: the drawer rejects them.
	for i := range a.doc.Pages {
		p := &a.doc.Pages[i]
		keep := p.Links[:0]
		for _, l := range p.Links {
			if l.URL != "" || l.Dest != "" && hasAnchor(anchors, l.Dest) {
				keep = append(keep, l)
			}
		}
		p.Links = keep
	}
	a.fillContents(toc, tocFirst, anchors)
	a.doc.Outline = a.outline(b.TOC(), anchors)
	a.doc.Tree = a.tags.elems
	return a.doc
}

// chapterTree appends a chapter's tree to the document's and returns the offset of its
// elements: a Part chapter's tree goes under the Document and becomes the current
// volume (*part), a body chapter goes under the current volume, front and back matter
// under the Document (back matter ends the volume).
func (a *assembler) chapterTree(c *book.Chapter, t tree, part *int) int {
	off := len(a.tags.elems)
	parent := 0
	switch {
	case c.Kind == book.Part:
		*part = off
	case c.Kind == book.Body && *part >= 0:
		parent = *part
	case c.Kind == book.Back:
		*part = -1
	}
	for _, e := range t.elems {
		if e.Parent < 0 {
			e.Parent = parent
		} else {
			e.Parent += off
		}
		a.tags.elems = append(a.tags.elems, e)
	}
	return off
}

// add appends a page, shifting X from the text block to the page (mirrored margins:
// the inner margin is on the left of recto pages).
func (a *assembler) add(p cpage, label string, body, absolute bool) {
	idx := len(a.doc.Pages)
	dx := a.g.left[idx%2]
	if absolute {
		dx = 0
	}
	for i := range p.items {
		p.items[i].X += dx
	}
	for i := range p.links {
		p.links[i].X += dx
	}
	a.doc.Pages = append(a.doc.Pages, Page{Index: idx, Label: label, Items: p.items, Links: p.links, Anchors: p.anchors, Start: p.start, Body: body})
}

func (a *assembler) blank() {
	a.add(cpage{start: Start{Chapter: -1}}, "", false, false)
}

// decorate adds the running head (book title on even pages, chapter title on odd ones;
// none on a chapter's opening page) and the folio at the foot of the page.
func (a *assembler) decorate(p *cpage, c *book.Chapter, n int, label string, opening bool) {
	g := a.g
	sz := g.size * 0.8
	if a.opts.RunningHeads && !opening {
		head := a.b.Meta.Title
		if n%2 == 1 {
			head = runningHead(c)
		}
		if head != "" {
			from := len(p.items)
			p.items = append(p.items, a.centred(head, sz, a.opts.Margins.Top-g.pitch*0.9, 0.25)...)
			setTag(p.items[from:], Header)
			p.items = append(p.items, Item{Kind: Rule, Tag: Header, X: 0, Y: a.opts.Margins.Top - g.pitch*0.55, W: g.measure, Size: 0.3, Gray: 0.25})
		}
	}
	if a.opts.Folios {
		from := len(p.items)
		p.items = append(p.items, a.centred(label, sz, a.opts.Height-a.opts.Margins.Bottom/2, 0.25)...)
		setTag(p.items[from:], Footer)
	}
}

// runningHead is a chapter's running head: its title, with the subtitle when that
// was generated (the title is then a bare label such as 第一篇, and the subtitle tells
// the chapters apart).
func runningHead(c *book.Chapter) string {
	if c.SubtitleGenerated && c.Subtitle != "" {
		return c.Title + "　" + c.Subtitle
	}
	return c.Title
}

// centred sets one line of text centred on the text block at baseline y, shortened
// by cjk.Shorten (at a clause end, or at a word boundary with ……) when it does not fit.
func (a *assembler) centred(s string, sz, y Pt, gray float64) []Item {
	// Fast path: one item when the regular face has every rune and the text fits.
	w, simple := Pt(0), true
	var seen uint8
	for _, r := range s {
		if seen |= props(r); seen&propHan != 0 && seen&propAlnum != 0 {
			simple = false // needs the Han–Latin gap
			break
		}
		adv, ok := a.br.advance(0, r)
		if !ok || classOf(r) != clsIdeo && classOf(r) != clsWord || r == '“' || r == '”' {
			simple = false
			break
		}
		w += Pt(adv) * sz
	}
	if simple && w <= a.g.measure {
		return []Item{{Kind: Text, X: (a.g.measure - w) / 2, Y: y, Size: sz, Text: s, Gray: gray}}
	}
	lines := a.br.lines([]book.Run{{Text: s}}, ParaStyle{Size: sz, Measure: a.g.measure, Align: Center})
	if len(lines) > 1 {
		for limit := lines[0].End; len(lines) > 1 && limit > 0; limit-- {
			lines = a.br.lines([]book.Run{{Text: cjk.Shorten(s, limit, a.pairs)}}, ParaStyle{Size: sz, Measure: a.g.measure, Align: Center})
		}
	}
	if len(lines) == 0 {
		return nil
	}
	items := lines[0].Items
	for i := range items {
		items[i].Y += y
		items[i].Gray = gray
	}
	return items
}

// pairs counts how often two characters stand side by side in the book's chapter
// titles, headings and paragraphs (counted on first use; a generated subtitle is
// left out, it repeats its paragraph's words), so that a running head cut short
// is not cut inside a word the book repeats (cjk.Shorten).
func (a *assembler) pairs(x, y rune) int {
	if a.grams == nil {
		a.grams = cjk.Pairs{}
		for _, c := range a.b.Chapters {
			a.grams.Add(c.Title)
			c.Walk(func(bl book.Block) bool {
				switch bl := bl.(type) {
				case *book.Paragraph:
					a.grams.Add(book.Plain(bl.Runs))
				case *book.Heading:
					a.grams.Add(book.Plain(bl.Runs))
				default: // containers are walked into; code, tables and pictures name no running head
				}
				return true
			})
		}
	}
	return a.grams.Count(x, y)
}

// titlePage sets title, subtitle and author centred in the bold face.
func (a *assembler) titlePage() cpage {
	g := a.g
	m := a.b.Meta
	p := cpage{start: Start{Chapter: -1}}
	y := a.opts.Height / 3
	put := func(s string, sz Pt, bold bool, after Pt) {
		if s == "" {
			return
		}
		runs := []book.Run{{Text: s}}
		el := a.tags.add(RoleP, 0)
		for _, ln := range a.br.lines(runs, ParaStyle{Size: sz, Measure: g.measure, Align: Center, Bold: bold}) {
			a.tags.tagLine(ln.Items, nil, runs, el, nil)
			for _, it := range ln.Items {
				it.Y += y
				p.items = append(p.items, it)
			}
			y += sz * 1.5
		}
		y += after
	}
	put(m.Title, g.size*2, true, g.size)
	put(m.Subtitle, g.size*1.2, true, g.size*4)
	put(m.Author, g.size*1.2, true, 0)
	return p
}

// tocLine is one entry of the contents pages, waiting for its page number.
type tocLine struct {
	page   int // index into the contents pages
	y      Pt  // baseline of the entry's last line
	x      Pt  // end of the entry's text on its last line
	top    Pt  // top of the entry
	anchor string
	size   Pt
	link   int // the entry's Link element
}

type tocSet struct {
	pages []cpage
	lines []tocLine
}

// contents sets the contents (目录) pages: chapters (and parts) with their ## sections indented,
// each entry wrapped before the page-number column; numbers and leaders come later.
func (a *assembler) contents() *tocSet {
	t := &tocSet{}
	if !a.opts.Contents || len(a.b.Chapters) == 0 {
		return t
	}
	g := a.g
	sz := g.size
	var cur *cpage
	y := Pt(0)
	newPage := func() {
		t.pages = append(t.pages, cpage{start: Start{Chapter: -1}})
		cur = &t.pages[len(t.pages)-1]
		y = g.top
	}
	newPage()
	title := a.opts.ContentsTitle
	if title == "" {
		title = cjk.ScriptOf(a.b.Meta.Language).ContentsTitle()
	}
	y += 2 * g.pitch
	runs := []book.Run{{Text: title}}
	h := a.tags.add(HeadingRole(1), 0)
	for _, ln := range a.br.lines(runs, ParaStyle{Size: sz * 1.6, Measure: g.measure, Align: Center, Bold: true}) {
		a.tags.tagLine(ln.Items, nil, runs, h, nil)
		for _, it := range ln.Items {
			it.Y += y
			cur.items = append(cur.items, it)
		}
	}
	y += 2 * g.pitch
	// The structure: TOC > TOCI > Link (the entry and its page number), a nested TOC
	// in the TOCI of an entry with children.
	var walk func(es []book.TOCEntry, depth, toc int)
	walk = func(es []book.TOCEntry, depth, toc int) {
		for _, e := range es {
			toci := a.tags.add(RoleTOCI, toc)
			link := a.tags.add(RoleLink, toci)
			text := e.Title
			if e.Subtitle != "" && e.Anchor == "" {
				text += "　" + e.Subtitle
			}
			ind := Pt(depth) * 2 * sz
			anchor := e.Anchor
			if anchor == "" && e.Chapter >= 0 && e.Chapter < len(a.b.Chapters) {
				anchor = anchorName(e.Chapter, a.b.Chapters[e.Chapter])
			}
			esz := sz
			bold := depth == 0 && len(e.Children) > 0 && e.Chapter < len(a.b.Chapters) && a.b.Chapters[e.Chapter].Kind == book.Part
			runs := []book.Run{{Text: text}}
			lines := a.br.lines(runs, ParaStyle{Size: esz, Measure: g.measure - ind - 3*sz, Align: Left, Bold: bold})
			if len(lines) == 0 {
				lines = []Line{{}}
			}
			if y+Pt(len(lines))*g.pitch > g.top+g.body+eps {
				newPage()
			}
			top := y
			for _, ln := range lines {
				base := y + g.base
				a.tags.tagLine(ln.Items, nil, runs, link, nil)
				for _, it := range ln.Items {
					it.X += ind
					it.Y += base
					cur.items = append(cur.items, it)
				}
				y += g.pitch
			}
			last := lines[len(lines)-1]
			t.lines = append(t.lines, tocLine{page: len(t.pages) - 1, y: y - g.pitch + g.base, x: ind + last.Right, top: top, anchor: anchor, size: esz, link: link})
			cur.links = append(cur.links, Link{X: ind, Y: top, W: g.measure - ind, H: y - top, Dest: anchor, Tag: ElemTag(link)})
			if len(e.Children) > 0 {
				walk(e.Children, depth+1, a.tags.add(RoleTOC, toci))
			}
		}
	}
	walk(a.b.TOC(), 0, a.tags.add(RoleTOC, 0))
	return t
}

// fillContents writes each entry's page number right-aligned, with dot leaders.
func (a *assembler) fillContents(t *tocSet, first int, anchors map[string][2]float64) {
	g := a.g
	dot := firstCovered(a.faces[0], "·.")
	for _, l := range t.lines {
		at, ok := anchors[l.anchor]
		if !ok {
			continue
		}
		label := a.doc.Pages[int(at[0])].Label
		if label == "" {
			continue
		}
		// The number goes through the breaker, so a font without digits falls back
		// or shows placeholder boxes instead of failing in the drawer.
		runs := []book.Run{{Text: label}}
		nl := a.br.lines(runs, ParaStyle{Size: l.size, Measure: 4 * l.size, Align: Left})
		if len(nl) == 0 {
			continue
		}
		a.tags.tagLine(nl[0].Items, nil, runs, l.link, nil)
		nw := nl[0].Right
		page := &a.doc.Pages[first+l.page]
		dx := g.left[(first+l.page)%2]
		for _, it := range nl[0].Items {
			it.X += dx + g.measure - nw
			it.Y += l.y
			page.Items = append(page.Items, it)
		}
		// Leaders on a grid of half an em, measured from the number column.
		p := l.size / 2
		da := Pt(a.faces[0].Advance(dot)) * l.size
		endX := g.measure - 2.5*l.size
		k := int(float64((endX - l.x - p/2) / p))
		if k > 0 && dot >= 0 {
			page.Items = append(page.Items, Item{Kind: Text, X: dx + endX - Pt(k)*p + (p-da)/2, Y: l.y, Size: l.size, Spacing: p - da, Text: strings.Repeat(string(dot), k), Gray: 0.4})
		}
	}
}

// outline mirrors the contents tree (part > chapter > section) as bookmarks.
func (a *assembler) outline(es []book.TOCEntry, anchors map[string][2]float64) []OutlineEntry {
	var out []OutlineEntry
	for _, e := range es {
		name := e.Anchor
		if name == "" && e.Chapter >= 0 && e.Chapter < len(a.b.Chapters) {
			name = anchorName(e.Chapter, a.b.Chapters[e.Chapter])
		}
		at, ok := anchors[name]
		if !ok && e.Chapter >= 0 && e.Chapter < len(a.b.Chapters) {
			at, ok = anchors[anchorName(e.Chapter, a.b.Chapters[e.Chapter])]
		}
		if !ok {
			continue
		}
		title := e.Title
		if e.Subtitle != "" && e.Anchor == "" {
			title += "　" + e.Subtitle
		}
		out = append(out, OutlineEntry{Title: title, Page: int(at[0]), Y: Pt(at[1]), Children: a.outline(e.Children, anchors)})
	}
	return out
}

// romanNumeral returns n in lower-case roman numerals (front-matter folios).
func romanNumeral(n int) string {
	if n <= 0 || n >= 4000 {
		return strconv.Itoa(n)
	}
	vals := []int{1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1}
	syms := []string{"m", "cm", "d", "cd", "c", "xc", "l", "xl", "x", "ix", "v", "iv", "i"}
	var sb strings.Builder
	for i, v := range vals {
		for n >= v {
			sb.WriteString(syms[i])
			n -= v
		}
	}
	return sb.String()
}

func hasAnchor(m map[string][2]float64, name string) bool {
	_, ok := m[name]
	return ok
}

// firstCovered returns the first rune of candidates that face has, or -1.
func firstCovered(face Metrics, candidates string) rune {
	for _, r := range candidates {
		if face.Covers(r) {
			return r
		}
	}
	return -1
}
