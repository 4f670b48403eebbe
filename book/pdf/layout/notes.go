package layout

import (
	"slices"
	"strconv"
	"unicode/utf8"

	"cjkbook/book"
)

// Footnotes. A chapter's notes are set after its body flow, each into lines of its
// own (noteState.flow), in the order they are first cited. With NotesAtFoot the
// paginator then treats them as TeX treats insertions: placing a line that cites a
// note also reserves the note's height at the foot of the page, under a short rule,
// so the reference and (at least the start of) its note share a page; a note too
// long for the room left is split and continues at the foot of the next page under a
// full-width continuation rule (pagination.go). With NotesAtEnd they follow the
// chapter's text. A vertical book is laid out on a turned page, so the foot of that
// page is the left end of the physical one, where clreq places the notes of a
// vertical page.

// noteScale is the size of note text relative to the body text.
const noteScale = 0.8

// notePitch is the line height of note text, in multiples of its size.
const notePitch = 1.5

// noteRef ties a note to the flow box whose line first cites it.
type noteRef struct {
	box, note int
}

// noteCut is the part of one note set on a page: its lines [from, to) of noteState.flow.
type noteCut struct {
	note, from, to int
}

// noteState is what a chapterLayout knows about the notes of the chapter it lays out.
type noteState struct {
	ids    map[string]int // note ID → index into the chapter's Notes
	num    []int          // number of each note in citation order, 0 while uncited
	seq    int            // numbers given so far
	labels []string       // per-page numbers of a second pass (NumberPerPage), nil otherwise
	refs   []noteRef      // first citations, in flow order
	cited  []bool         // the note has its entry in refs
	flow   []box          // the notes' lines, note after note
	span   [][2]int       // each note's lines in flow
	page   []int          // the page (of the chapter) where each note starts
	// setting is on while the notes themselves are set: a mark inside a note is
	// labelled but cites nothing (it is not on a body line).
	setting bool
}

// citation is a note mark in a paragraph: the rune offset of the mark and its note.
type citation struct {
	rune, note int
}

// startNotes resets the note state for chapter c; per-page labels are kept (the caller
// of a second pass sets them).
func (cl *chapterLayout) startNotes(c *book.Chapter) {
	ns := &cl.notes
	clear(ns.ids)
	ns.seq = 0
	ns.refs = ns.refs[:0]
	n := len(c.Notes)
	if n == 0 {
		return
	}
	if ns.ids == nil {
		ns.ids = map[string]int{}
	}
	for i, fn := range c.Notes {
		if _, dup := ns.ids[fn.ID]; !dup {
			ns.ids[fn.ID] = i
		}
	}
	ns.num = resize(ns.num, n, 0)
	ns.cited = resize(ns.cited, n, false)
	ns.page = resize(ns.page, n, -1)
	ns.span = resize(ns.span, n, [2]int{})
}

// resize returns s with length n, every element set to v.
func resize[T any](s []T, n int, v T) []T {
	s = slices.Grow(s[:0], n)[:n]
	for i := range s {
		s[i] = v
	}
	return s
}

// label is the mark of note k: its per-page number on a second pass, else its number
// in the chapter, given when it is first asked for.
func (cl *chapterLayout) label(k int) string {
	ns := &cl.notes
	if ns.labels != nil && ns.labels[k] != "" {
		return ns.labels[k]
	}
	if ns.num[k] == 0 {
		ns.seq++
		ns.num[k] = ns.seq
	}
	return strconv.Itoa(ns.num[k])
}

// cite returns runs with each mark of a note of this chapter replaced by the note's
// label, and where the marks are; runs themselves when they cite none.
func (cl *chapterLayout) cite(runs []book.Run) ([]book.Run, []citation) {
	if len(cl.notes.ids) == 0 {
		return runs, nil
	}
	var out []book.Run
	var cs []citation
	off := 0
	for i := range runs {
		r := &runs[i]
		if r.Style&book.NoteRef != 0 {
			if k, ok := cl.notes.ids[r.Href]; ok {
				if out == nil {
					out = slices.Clone(runs)
				}
				out[i].Text = cl.label(k)
				cs = append(cs, citation{rune: off, note: k})
				r = &out[i]
			}
		}
		off += utf8.RuneCountInString(r.Text)
	}
	if out == nil {
		return runs, nil
	}
	return out, cs
}

// marks returns runs with the marks of this chapter's notes replaced by their labels.
func (cl *chapterLayout) marks(runs []book.Run) []book.Run {
	out, _ := cl.cite(runs)
	return out
}

// citeLines records the first citation of each note in cs on the flow box of the line
// that holds its mark; idx are the flow boxes of lines.
func (cl *chapterLayout) citeLines(cs []citation, lines []Line, idx []int) {
	if cl.notes.setting {
		return
	}
	for _, c := range cs {
		for i := range lines {
			if c.rune < lines[i].End || i == len(lines)-1 {
				cl.citeAt(idx[i], c.note)
				break
			}
		}
	}
}

// citeAt records that flow box at cites note k, unless an earlier box does.
func (cl *chapterLayout) citeAt(at, k int) {
	if ns := &cl.notes; !ns.cited[k] {
		ns.cited[k] = true
		ns.refs = append(ns.refs, noteRef{box: at, note: k})
	}
}

// citeRow records the notes that the cells of a table row (flow box at) cite.
func (cl *chapterLayout) citeRow(at int, cells []book.Cell) {
	if len(cl.notes.ids) == 0 || cl.notes.setting {
		return
	}
	for _, c := range cells {
		for _, r := range c.Runs {
			if k, ok := cl.notes.ids[r.Href]; ok && r.Style&book.NoteRef != 0 {
				cl.label(k)
				cl.citeAt(at, k)
			}
		}
	}
}

// setNotes sets the chapter's footnotes: into lines of their own for the page foot, or
// after the chapter's text.
func (cl *chapterLayout) setNotes(c *book.Chapter) {
	if len(c.Notes) == 0 {
		return
	}
	cl.keepNext = 0
	order := cl.noteOrder(c)
	cl.notes.setting = true
	defer func() { cl.notes.setting = false }()
	if cl.opts.Notes == NotesAtEnd {
		g := cl.g
		cl.block = -1
		cl.space(g.pitch)
		cl.push(box{h: g.pitch / 2, items: []Item{{Kind: Rule, X: 0, Y: g.pitch / 4, W: g.measure / 4, Size: 0.5}}, block: -1})
		for _, k := range order {
			cl.note(c.Notes[k], cl.label(k))
		}
		return
	}
	// Notes no line cites (a mark in a caption) go with the chapter's last box.
	last := len(cl.flow) - 1
	for last > 0 && cl.flow[last].spacer {
		last--
	}
	for _, k := range order {
		cl.citeAt(max(last, 0), k)
	}
	ns := &cl.notes
	body := cl.flow
	cl.flow = ns.flow[:0]
	for _, k := range order {
		start := len(cl.flow)
		cl.note(c.Notes[k], cl.label(k))
		ns.span[k] = [2]int{start, len(cl.flow)}
	}
	ns.flow, cl.flow = cl.flow, body
}

// noteOrder returns the indices of c's notes in the order of their numbers (uncited
// notes last, numbered after the others).
func (cl *chapterLayout) noteOrder(c *book.Chapter) []int {
	order := make([]int, len(c.Notes))
	for k := range order {
		order[k] = k
		cl.label(k)
	}
	num := cl.notes.num
	slices.SortStableFunc(order, func(a, b int) int { return num[a] - num[b] })
	return order
}

// note appends one note's lines to the flow: the label at the start of the first
// line, the text hanging after it, smaller than the body. In the structure tree it is
// a Note (its ID the footnote's) in the chapter's Sect: its label a Lbl, then its blocks.
func (cl *chapterLayout) note(n *book.Footnote, label string) {
	g := cl.g
	cl.block = -1
	sz := g.size * noteScale
	hang := 2 * sz
	ps := ParaStyle{Size: sz, Measure: g.measure - hang}
	first := len(cl.flow)
	note := cl.tags.add(RoleNote, 0)
	cl.tags.elems[note].ID = n.ID
	lbl := cl.tags.add(RoleLbl, note)
	up := cl.parent
	defer func() { cl.parent = up }()
	for _, bl := range n.Blocks {
		cl.parent = note
		if p, ok := bl.(*book.Paragraph); ok {
			cl.text(cl.tags.add(RoleP, note), "", nonNil(p.Runs), ps, hang, notePitch, false)
		} else {
			cl.blockFlow(bl, hang, g.measure-hang, 1)
		}
	}
	if len(cl.flow) == first {
		cl.text(cl.tags.add(RoleP, note), " ", nil, ps, hang, notePitch, false)
	}
	lines := cl.br.lines([]book.Run{{Text: label}}, ParaStyle{Size: sz, Measure: hang, Align: Left})
	if len(lines) == 0 {
		return
	}
	bx := &cl.flow[first]
	base := g.baseline(cl.faces[0], sz*notePitch, sz)
	mark := make([]Item, 0, len(lines[0].Items)+len(bx.items))
	for _, it := range lines[0].Items {
		it.Tag = ElemTag(lbl)
		it.Y += base
		mark = append(mark, it)
	}
	bx.items = append(mark, bx.items...)
}

// noteRule is the height of the space above a page's notes; the rule sits in it.
func (g *geometry) noteRule() Pt { return g.size * noteScale * notePitch }

// noteArea appends the notes of span sp to page p at the foot of the text block,
// under a short rule (a full-width one when the first note continues from the
// previous page).
func (cl *chapterLayout) noteArea(p *cpage, sp *pageSpan) {
	g := cl.g
	nf := cl.notes.flow
	h := g.noteRule()
	for _, c := range sp.notes {
		for i := c.from; i < c.to; i++ {
			h += nf[i].h
		}
	}
	y := g.top + g.body - h
	rule := Item{Kind: Rule, X: 0, Y: y + g.noteRule()*0.45, W: g.measure / 4, Size: 0.5}
	if c := sp.notes[0]; c.from > cl.notes.span[c.note][0] {
		rule.W, rule.Size = g.measure, 0.3
	}
	p.items = append(p.items, rule)
	y += g.noteRule()
	for _, c := range sp.notes {
		for i := c.from; i < c.to; i++ {
			for _, it := range nf[i].items {
				it.Y += y
				p.items = append(p.items, it)
			}
			for _, l := range nf[i].links {
				l.Y += y
				p.links = append(p.links, l)
			}
			y += nf[i].h
		}
	}
}

// perPageNumbers lays chapter idx out again with each note numbered by its place on
// its page, until the numbers no longer move a note to another page; after three
// tries that do not settle, the chapter keeps its per-chapter numbers.
func (cl *chapterLayout) perPageNumbers(idx int, c *book.Chapter, pages []cpage) []cpage {
	ns := &cl.notes
	// Each pass warns again of what it cannot draw: keep the first pass's warnings.
	var warned int
	if cl.diags != nil {
		warned = len(*cl.diags)
	}
	again := func() []cpage {
		if cl.diags != nil {
			*cl.diags = (*cl.diags)[:warned]
		}
		return cl.chapter(idx, c)
	}
	for range 3 {
		labels := cl.pageLabels()
		if slices.Equal(labels, ns.labels) {
			ns.labels = nil
			return pages
		}
		ns.labels = labels
		pages = again()
	}
	ns.labels = nil
	return again()
}

// pageLabels numbers each note from 1 on the page where it starts, in citation order.
func (cl *chapterLayout) pageLabels() []string {
	ns := &cl.notes
	labels := make([]string, len(ns.page))
	n, page := 0, -1
	for _, r := range ns.refs {
		if p := ns.page[r.note]; p != page {
			n, page = 0, p
		}
		n++
		labels[r.note] = strconv.Itoa(n)
	}
	return labels
}
