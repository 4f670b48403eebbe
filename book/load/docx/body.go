package docx

import (
	"strconv"
	"strings"

	"cjkbook/book"
)

// reader holds the state of one Read.
type reader struct {
	pk   *pkg
	name string
	d    *Doc
	err  error // the first refusal met while reading pictures
	rels map[string]rel

	stylesXML, numberingXML, footnotesXML, endnotesXML, commentsXML *node

	st       *styles
	num      *numbering
	notesXML map[string]*node // "fn:3" / "en:2" → w:footnote / w:endnote

	para       int      // paragraphs read, for positions
	at         book.Pos // the current paragraph
	inNote     bool     // converting a footnote or endnote body
	fields     []*field // open complex fields, outermost first
	textWidth  int64    // the text column's width in EMU (0: unknown)
	counters   map[string]*[9]int
	noteRefs   []string // note Hrefs in order of first reference
	noteLabel  map[string]string
	noteAt     map[string]book.Pos
	commentAt  map[string]book.Pos
	afterTitle bool  // the previous paragraph was the Title
	started    bool  // a body paragraph or heading has been read
	lastDrop   *Drop // the drop the next dropped text of its kind extends
	deepWarn   bool
}

// field is an open complex field (w:fldChar begin … separate … end).
type field struct {
	instr  strings.Builder
	result bool // past the separator: its runs are the cached result
	kind   fieldKind
	href   string
}

type fieldKind int

const (
	fieldOther fieldKind = iota
	fieldTOC
	fieldLink
)

// parseField reads a field instruction: TOC, HYPERLINK "url", or anything else.
func parseField(instr string) (fieldKind, string) {
	f := strings.Fields(instr)
	if len(f) == 0 {
		return fieldOther, ""
	}
	switch strings.ToUpper(f[0]) {
	case "TOC":
		return fieldTOC, ""
	case "HYPERLINK":
		if len(f) > 1 && !strings.HasPrefix(f[1], `\`) { // \l names a place in the document
			return fieldLink, strings.Trim(f[1], `"`)
		}
	}
	return fieldOther, ""
}

// pos returns the position of the current paragraph.
func (r *reader) pos() book.Pos {
	return book.Pos{File: r.name, Line: r.para, Para: true}
}

// body converts w:body, then the notes it references.
func (r *reader) body(b *node) error {
	if b == nil {
		return refuse("word/document.xml has no body")
	}
	r.counters = map[string]*[9]int{}
	r.noteLabel, r.noteAt, r.commentAt = map[string]string{}, map[string]book.Pos{}, map[string]book.Pos{}
	if sp := b.child("w:sectPr"); sp != nil {
		w, _ := strconv.ParseInt(sp.child("w:pgSz").attr("w:w"), 10, 64)
		mar := sp.child("w:pgMar")
		left, _ := strconv.ParseInt(mar.attr("w:left"), 10, 64)
		right, _ := strconv.ParseInt(mar.attr("w:right"), 10, 64)
		if tw := w - left - right; tw > 0 {
			r.textWidth = tw * 635 // twips to EMU
		}
	}
	r.d.Blocks = r.blocks(b)
	r.inNote = true
	r.fields = nil
	for _, id := range r.noteRefs {
		r.lastDrop = nil
		r.at = r.noteAt[id]
		note := &book.Footnote{ID: id, Label: r.noteLabel[id], At: r.noteAt[id], Blocks: r.blocks(r.notesXML[id])}
		r.d.Notes = append(r.d.Notes, note)
	}
	return r.err
}

// blocks converts the block-level children of n (a body, cell, note or text box).
func (r *reader) blocks(n *node) []book.Block {
	var out []book.Block
	var lb lists
	for _, k := range n.kids {
		switch k.name {
		case "w:p":
			bs, li := r.paragraph(k)
			if li != nil {
				out = lb.add(out, li, bs, r.pos())
				continue
			}
			if len(bs) > 0 {
				lb = lists{}
			}
			out = append(out, bs...)
		case "w:tbl":
			lb = lists{}
			if t := r.table(k); t != nil {
				out = append(out, t)
			}
		case "w:sdt":
			lb = lists{}
			if isTOCBlock(k) {
				r.dropTOC(k)
				continue
			}
			out = append(out, r.blocks(k.child("w:sdtContent"))...)
		case "w:customXml", "w:ins", "w:moveTo":
			out = append(out, r.blocks(k)...)
		case "w:del", "w:moveFrom":
			r.drop(Deleted, k.allText(true))
			r.lastDrop = nil
		case "w:sectPr":
			r.d.Counts.Sections++
		}
	}
	return out
}

// isTOCBlock reports whether a content control holds a table of contents.
func isTOCBlock(sdt *node) bool {
	g := sdt.path("w:sdtPr", "w:docPartObj", "w:docPartGallery").attr("w:val")
	return strings.EqualFold(g, "Table of Contents")
}

// dropTOC drops every paragraph of a table-of-contents block.
func (r *reader) dropTOC(n *node) {
	n.find("w:p", func(p *node) {
		r.para++
		r.at = r.pos()
		r.lastDrop = nil
		if t := p.allText(false); strings.TrimSpace(t) != "" {
			r.drop(TOC, t)
		}
	})
	r.lastDrop = nil
}

// drop records dropped text, extending the previous drop when nothing was
// kept between them.
func (r *reader) drop(k DropKind, text string) {
	if text == "" {
		return
	}
	if r.lastDrop != nil && r.lastDrop.Kind == k {
		r.lastDrop.Text += text
		return
	}
	switch k {
	case TOC:
		r.d.Counts.TOC++
	case Deleted:
		r.d.Counts.Deleted++
	case Hidden:
		r.d.Counts.Hidden++
	case Comment: // counted per comment, in comments
	}
	r.d.Dropped = append(r.d.Dropped, Drop{At: r.at, Kind: k, Text: text})
	r.lastDrop = &r.d.Dropped[len(r.d.Dropped)-1]
}

// listItem is a paragraph that is a list item.
type listItem struct {
	numID   string
	ilvl    int
	ordered bool
	start   int
}

// paragraph converts one w:p into blocks (a paragraph, possibly split by
// pictures, or a heading), or into a list item's blocks.
func (r *reader) paragraph(p *node) ([]book.Block, *listItem) {
	ppr := p.child("w:pPr")
	ps := r.st.para(ppr.val("w:pStyle"))
	level := ps.level
	if lvl, ok := outline(ppr); ok {
		level = lvl
	}
	title, subtitle, author := ps.title, ps.subtitle, ps.author
	if r.inNote {
		level, title, subtitle, author = 0, false, false, false
	}
	mode := modeBody
	if level > 0 || title || (subtitle || author) && r.afterTitle {
		mode = modeHeading
	}
	in := r.paraInlines(p, ps, mode)
	wasTitle := r.afterTitle
	r.afterTitle = false
	runs := in.finish()
	switch {
	case title && r.d.Title == "" && !r.started:
		if len(runs) > 0 {
			r.d.Title, r.d.TitleAt, r.afterTitle = book.Plain(runs), r.at, true
		}
		return in.after, nil
	case subtitle && wasTitle && r.d.Subtitle == "":
		r.d.Subtitle, r.afterTitle = book.Plain(runs), true
		return in.after, nil
	case author && wasTitle && r.d.Author == "":
		r.d.Author, r.afterTitle = book.Plain(runs), true
		return in.after, nil
	case level > 0 || title:
		if title {
			level = 1
		}
		if len(runs) == 0 {
			return in.after, nil
		}
		if label := r.headingNumber(ppr, ps); label != "" {
			runs = append([]book.Run{{Text: label}}, runs...)
		}
		r.started = true
		return append([]book.Block{&book.Heading{Level: min(level, 6), Runs: runs, At: r.at}}, in.after...), nil
	}
	in.runs = runs
	in.flush()
	bs := append(in.blocks, in.after...)
	r.started = r.started || len(bs) > 0
	numID, ilvl := ps.numID, ps.ilvl
	if np := ppr.child("w:numPr"); np != nil {
		numID = np.val("w:numId")
		ilvl, _ = strconv.Atoi(np.val("w:ilvl"))
	}
	if numID == "" || numID == "0" || len(in.blocks) == 0 {
		return bs, nil
	}
	ilvl = min(max(ilvl, 0), 8)
	ordered, start, ok := r.num.level(numID, ilvl)
	if !ok {
		return bs, nil
	}
	start += r.count(numID, ilvl)[ilvl] - 1
	return bs, &listItem{numID: numID, ilvl: ilvl, ordered: ordered, start: start}
}

// count counts one more paragraph of list numID at ilvl and returns the
// list's counters: Word numbers a list on across interruptions, and a
// paragraph restarts the levels below its own.
func (r *reader) count(numID string, ilvl int) *[9]int {
	c := r.counters[numID]
	if c == nil {
		c = &[9]int{}
		r.counters[numID] = c
	}
	c[ilvl]++
	clear(c[ilvl+1:])
	return c
}

// headingNumber returns the number Word shows before a numbered heading
// (第一章, 1.2 …), which is not in the text; "" when it has none.
func (r *reader) headingNumber(ppr *node, ps *paraStyle) string {
	numID, ilvl := ps.numID, ps.ilvl
	if np := ppr.child("w:numPr"); np != nil {
		numID = np.val("w:numId")
		ilvl, _ = strconv.Atoi(np.val("w:ilvl"))
	} else if !ps.ilvlSet {
		ilvl = r.num.styleLevel(numID, ps.numStyle)
	}
	if numID == "" || numID == "0" || r.num.nums[numID] == nil {
		return ""
	}
	ilvl = min(max(ilvl, 0), 8)
	return r.num.label(numID, ilvl, r.count(numID, ilvl))
}

// paraInlines reads the runs of one paragraph in the given mode: counts it,
// notes its breaks and section properties, drops a TOC-styled paragraph.
func (r *reader) paraInlines(p *node, ps *paraStyle, mode inlineMode) *inl {
	if !r.inNote {
		r.para++
		r.at = r.pos()
	}
	r.lastDrop = nil
	ppr := p.child("w:pPr")
	if ppr.child("w:sectPr") != nil {
		r.d.Counts.Sections++
	}
	if set, v := ppr.on("w:pageBreakBefore"); set && v {
		r.d.Counts.PageBreaks++
	}
	in := &inl{r: r, mode: mode, toc: ps.toc}
	r.inlines(p, in, 0, "")
	r.lastDrop = nil
	return in
}

// lists nests list items by their level into book.List blocks.
type lists struct {
	open []openList
}

type openList struct {
	l    *book.List
	ilvl int
	id   string
}

// add appends a list item's blocks to out, in the list its level and list id
// put it in, and returns out.
func (lb *lists) add(out []book.Block, li *listItem, item []book.Block, at book.Pos) []book.Block {
	for len(lb.open) > 0 && lb.open[len(lb.open)-1].ilvl > li.ilvl {
		lb.open = lb.open[:len(lb.open)-1]
	}
	if n := len(lb.open); n > 0 && lb.open[n-1].ilvl == li.ilvl {
		top := lb.open[n-1]
		if top.id == li.numID || top.l.Ordered == li.ordered {
			top.l.Items = append(top.l.Items, item)
			return out
		}
		lb.open = lb.open[:n-1]
	}
	l := &book.List{Ordered: li.ordered, At: at, Items: [][]book.Block{item}}
	if li.ordered {
		l.Start = li.start
	}
	if n := len(lb.open); n > 0 && len(lb.open) < maxListDepth {
		parent := lb.open[n-1].l
		last := len(parent.Items) - 1
		parent.Items[last] = append(parent.Items[last], l)
	} else if n > 0 {
		top := lb.open[n-1]
		top.l.Items = append(top.l.Items, item)
		return out
	} else {
		out = append(out, l)
	}
	lb.open = append(lb.open, openList{l: l, ilvl: li.ilvl, id: li.numID})
	return out
}

// maxListDepth caps list nesting (Word has nine levels).
const maxListDepth = 9

// table converts a w:tbl: a header row when the first row repeats as a
// header (w:tblHeader), cells spanning columns padded with empty ones.
func (r *reader) table(t *node) *book.Table {
	tb := &book.Table{At: book.Pos{File: r.name, Line: r.para + 1, Para: true}}
	cols, text := 0, false
	for _, tr := range rowsOf(t) {
		var cells []book.Cell
		for _, tc := range cellsOf(tr) {
			runs := r.cellRuns(tc)
			text = text || len(runs) > 0
			cells = append(cells, book.Cell{Runs: runs})
			if span, _ := strconv.Atoi(tc.path("w:tcPr", "w:gridSpan").attr("w:val")); span > 1 {
				for i := 1; i < min(span, 64); i++ {
					cells = append(cells, book.Cell{})
				}
			}
		}
		cols = max(cols, len(cells))
		if set, v := tr.child("w:trPr").on("w:tblHeader"); set && v && tb.Header == nil && len(tb.Rows) == 0 {
			tb.Header = cells
			continue
		}
		tb.Rows = append(tb.Rows, cells)
	}
	if !text {
		return nil
	}
	tb.Square(cols)
	return tb
}

// rowsOf returns the w:tr of a table, looking through content controls and insertions.
func rowsOf(t *node) []*node { return childrenThrough(t, "w:tr") }

// cellsOf returns the w:tc of a row.
func cellsOf(tr *node) []*node { return childrenThrough(tr, "w:tc") }

func childrenThrough(n *node, name string) []*node {
	var out []*node
	for _, k := range n.kids {
		switch k.name {
		case name:
			out = append(out, k)
		case "w:sdt":
			out = append(out, childrenThrough(k.child("w:sdtContent"), name)...)
		case "w:customXml", "w:ins":
			out = append(out, childrenThrough(k, name)...)
		}
	}
	return out
}

// cellRuns converts a cell's paragraphs into runs, one line each; a table
// nested in the cell is flattened into lines.
func (r *reader) cellRuns(tc *node) []book.Run {
	var runs []book.Run
	var walk func(n *node)
	walk = func(n *node) {
		for _, k := range n.kids {
			switch k.name {
			case "w:p":
				in := r.paraInlines(k, r.st.para(k.child("w:pPr").val("w:pStyle")), modeCell)
				rs := in.finish()
				for _, b := range in.after {
					rs = append(rs, book.Run{Text: "\n" + book.Text(b)})
				}
				if len(rs) == 0 {
					continue
				}
				if len(runs) > 0 {
					runs = append(runs, book.Run{Text: "\n"})
				}
				runs = append(runs, rs...)
			case "w:tbl":
				if !r.deepWarn {
					r.deepWarn = true
					r.d.Warnings.Warnf(r.pos(), "a table inside a table cell is flattened into lines of the cell")
				}
				for _, tr := range rowsOf(k) {
					for _, c := range cellsOf(tr) {
						walk(c)
					}
				}
			case "w:sdt":
				walk(k.child("w:sdtContent"))
			case "w:customXml", "w:ins", "w:moveTo":
				walk(k)
			case "w:del", "w:moveFrom":
				r.drop(Deleted, k.allText(true))
				r.lastDrop = nil
			}
		}
	}
	walk(tc)
	return mergeRuns(runs)
}

// comments drops the comments of comments.xml, each at its anchor.
func (r *reader) comments() {
	if r.commentsXML == nil {
		return
	}
	for _, c := range r.commentsXML.kids {
		if c.name != "w:comment" {
			continue
		}
		r.d.Counts.Comments++
		var parts []string
		c.find("w:p", func(p *node) {
			if t := p.allText(false); t != "" {
				parts = append(parts, t)
			}
		})
		at, ok := r.commentAt[c.attr("w:id")]
		if !ok {
			at = book.Pos{File: r.name}
		}
		if len(parts) > 0 {
			r.d.Dropped = append(r.d.Dropped, Drop{At: at, Kind: Comment, Text: strings.Join(parts, "\n")})
		}
	}
}
