package load

import (
	"sort"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"cjkbook/book"
	"cjkbook/book/cjk"
	"cjkbook/book/load/epubfile"
	"cjkbook/book/load/htmlmodel"
)

// segment is a stretch of one spine document: the children [from, to) of its
// container (the whole body when container is nil), and the table-of-contents
// entry that starts a chapter there (nil: it continues the chapter before).
type segment struct {
	doc       *epubDoc
	container *html.Node
	from, to  int
	entry     *epubfile.Entry
	part      bool // the entry is a part (卷) that groups the chapters after it
}

// chapterStart is where an entry starts a chapter: a child of the document's container.
type chapterStart struct {
	index int // child index in the container; 0 is the document's start
	entry *epubfile.Entry
	part  bool
}

// tocStarts picks the entries that start chapters and where. Level-1
// entries are chapters, except those with level-2 entries in other documents:
// these are parts (卷), and their level-2 entries chapters. Deeper entries are
// sections, whose headings are in the text already. Entries that point into a
// footnote are ignored.
func (c *epubConv) tocStarts() map[*epubDoc][]chapterStart {
	toc := c.ep.TOC
	parts := map[int]bool{} // indexes of the level-1 entries that are parts
	for i, e := range toc {
		if e.Level != 1 {
			continue
		}
		for _, k := range toc[i+1:] {
			if k.Level == 1 {
				break
			}
			if k.Level == 2 && c.startsApart(e, k) {
				parts[i] = true
			}
		}
	}
	starts := map[*epubDoc][]chapterStart{}
	noted := 0
	inPart := false
	for i := range toc {
		e := &toc[i]
		if e.Level == 1 {
			inPart = parts[i]
		}
		d := c.byPath[e.Path]
		if d == nil || e.Level > 2 || e.Level == 2 && !inPart {
			continue
		}
		index := 0
		if e.Fragment != "" {
			t := d.ids[e.Fragment]
			if t == nil && footnoteLabel(e.Title) || t != nil && c.notes.isNote(t) {
				noted++
				c.l.markup = append(c.l.markup, e.Title)
				continue
			}
			index = topIndex(d, t)
		}
		if n := len(starts[d]); n > 0 && starts[d][n-1].index >= index {
			continue // a second entry at the same place: a section
		}
		starts[d] = append(starts[d], chapterStart{index: index, entry: e, part: e.Level == 1 && parts[i]})
	}
	if noted > 0 {
		c.l.warn(book.Pos{File: c.f.name + ":" + c.ep.TOCFrom}, "%d table-of-contents entries point into footnotes; ignored", noted)
	}
	return starts
}

// startsApart reports whether entry k starts elsewhere than entry e: in another
// document, or at another top-level element of the same one (a section inside
// e's element is a section, not a chapter).
func (c *epubConv) startsApart(e, k epubfile.Entry) bool {
	if k.Path != e.Path {
		return true
	}
	d := c.byPath[e.Path]
	if d == nil || k.Fragment == e.Fragment {
		return false
	}
	return topIndex(d, d.ids[k.Fragment]) != topIndex(d, d.ids[e.Fragment])
}

// footnoteLabel reports whether a table-of-contents title looks like a
// footnote's mark (1, [2], ↩), which some converters list as entries.
func footnoteLabel(title string) bool {
	rs := []rune(strings.TrimSpace(title))
	if len(rs) > 3 {
		return false
	}
	for _, r := range rs {
		if cjk.IsCJKOnly(r) {
			return false
		}
	}
	return true
}

// container returns the element whose children a document is cut between:
// the body, or the one wrapper (div, section, article, main) that holds all of it.
func container(body *html.Node) *html.Node {
	for {
		var only *html.Node
		for k := body.FirstChild; k != nil; k = k.NextSibling {
			switch {
			case k.Type == html.ElementNode && only == nil:
				only = k
			case k.Type == html.ElementNode, k.Type == html.TextNode && strings.TrimSpace(k.Data) != "":
				return body
			}
		}
		if only == nil || !(only.DataAtom == atom.Div || only.DataAtom == atom.Section || only.DataAtom == atom.Article || only.DataAtom == atom.Main) {
			return body
		}
		body = only
	}
}

// topIndex returns the index of the container child that holds t (0 when t is
// unknown or the container has loose text, which a cut would duplicate).
func topIndex(d *epubDoc, t *html.Node) int {
	if t == nil {
		return 0
	}
	box := container(d.body)
	i, seen := 0, false // seen: an element before k
	for k := box.FirstChild; k != nil; k = k.NextSibling {
		if k.Type == html.TextNode && strings.TrimSpace(k.Data) != "" {
			return 0
		}
		if contains(k, t) {
			if !seen {
				return 0
			}
			return i
		}
		seen = seen || k.Type == html.ElementNode
		i++
	}
	return 0
}

// segments cuts the spine's documents at the chapter starts.
func (c *epubConv) segments(starts map[*epubDoc][]chapterStart) []segment {
	var out []segment
	for _, d := range c.docs {
		ss := starts[d]
		sort.SliceStable(ss, func(i, j int) bool { return ss[i].index < ss[j].index })
		if len(ss) == 0 || len(ss) == 1 && ss[0].index == 0 {
			sg := segment{doc: d}
			if len(ss) == 1 {
				sg.entry, sg.part = ss[0].entry, ss[0].part
			}
			out = append(out, sg)
			continue
		}
		box := container(d.body)
		n := 0
		for k := box.FirstChild; k != nil; k = k.NextSibling {
			n++
		}
		if ss[0].index > 0 {
			out = append(out, segment{doc: d, container: box, from: 0, to: ss[0].index})
		}
		for i, s := range ss {
			to := n
			if i+1 < len(ss) {
				to = ss[i+1].index
			}
			out = append(out, segment{doc: d, container: box, from: s.index, to: to, entry: s.entry, part: s.part})
		}
	}
	return out
}

// convertSegment converts one segment.
func (c *epubConv) convertSegment(sg segment) []book.Block {
	if sg.container == nil {
		return c.convertNode(sg.doc, sg.doc.body)
	}
	index := map[*html.Node]int{}
	i := 0
	for k := sg.container.FirstChild; k != nil; k = k.NextSibling {
		index[k] = i
		i++
	}
	outside := func(n *html.Node) bool {
		if n.Parent != sg.container {
			return false
		}
		i := index[n]
		return i < sg.from || i >= sg.to
	}
	res := c.convertWith(sg.doc, sg.container, outside)
	return res
}

// splitByHeadingLines cuts a book that came out as one chapter (a converted
// text file: no usable table of contents, its chapter headings plain
// paragraphs) at the paragraphs the text loader would take as chapter
// headings (第一回　…, 楔子, 第二卷 …), when there are two or more of them.
func (c *epubConv) splitByHeadingLines(ch *book.Chapter) []*book.Chapter {
	all := ch.Blocks
	var cands []heading
	for i, b := range all {
		if p, ok := b.(*book.Paragraph); ok {
			if h := classify(trimSpace(book.Plain(p.Runs))); h.style == styleNumbered || h.style == styleNamed {
				h.line = i
				cands = append(cands, h)
			}
		}
	}
	var heads []heading
	for _, h := range resolveHeadings(cands) {
		if h.kind == headChapter || h.kind == headPart {
			heads = append(heads, h)
		}
	}
	if len(heads) < 2 {
		return []*book.Chapter{ch}
	}
	var out []*book.Chapter
	if heads[0].line > 0 {
		ch.Blocks = all[:heads[0].line]
		out = append(out, ch)
	}
	for i, h := range heads {
		end := len(all)
		if i+1 < len(heads) {
			end = heads[i+1].line
		}
		next := &book.Chapter{Title: h.title, Subtitle: h.subtitle, Kind: h.chapter, At: all[h.line].Pos(), Blocks: all[h.line+1 : end]}
		if h.kind == headPart {
			next.Kind = book.Part
		}
		c.l.markup = append(c.l.markup, book.Plain(all[h.line].(*book.Paragraph).Runs))
		out = append(out, next)
	}
	c.l.warn(all[heads[0].line].Pos(), "no usable table of contents: %d chapters taken from heading lines (the first %q)", len(heads), book.Plain(all[heads[0].line].(*book.Paragraph).Runs))
	// Each note goes to the chapter that refers to it.
	owner := map[string]*book.Chapter{}
	for _, n := range out {
		n.Walk(func(bl book.Block) bool {
			for _, r := range blockRuns(bl) {
				if r.Style&book.NoteRef != 0 && owner[r.Href] == nil {
					owner[r.Href] = n
				}
			}
			return true
		})
	}
	notes := ch.Notes
	ch.Notes = nil
	for _, n := range notes {
		if o := owner[n.ID]; o != nil {
			o.Notes = append(o.Notes, n)
		} else {
			out[0].Notes = append(out[0].Notes, n)
		}
	}
	return out
}

// blockRuns returns the runs a paragraph or heading holds (nil for other blocks).
func blockRuns(bl book.Block) []book.Run {
	switch bl := bl.(type) {
	case *book.Paragraph:
		return bl.Runs
	case *book.Heading:
		return bl.Runs
	default:
		return nil
	}
}

// converted is a segment with its blocks and the notes it references.
type converted struct {
	sg     segment
	blocks []book.Block
	notes  []*book.Footnote
}

// chapters converts the segments and assembles the chapters: an entry starts
// one; a segment without one joins the chapter before. Without a usable table
// of contents, a document that opens with a heading of the top level found
// starts a chapter. The cover page and a title page that only repeats the
// metadata are left out.
func (c *epubConv) chapters() []*book.Chapter {
	starts := c.tocStarts()
	noTOC := len(starts) == 0
	var convs []converted
	top := 7
	for _, sg := range c.segments(starts) {
		if c.contentsPage(sg) {
			continue
		}
		holder := &book.Chapter{}
		c.notes.cur = holder
		cv := converted{sg: sg, blocks: c.convertSegment(sg)}
		c.notes.drain()
		cv.notes = holder.Notes
		if startsWithHeading(cv.blocks) {
			top = min(top, cv.blocks[0].(*book.Heading).Level)
		}
		convs = append(convs, cv)
	}
	var out []*book.Chapter
	var cur *book.Chapter
	for _, cv := range convs {
		sg, blocks := cv.sg, cv.blocks
		if c.frontPage(sg, blocks, cur == nil) || c.notesPage(sg, blocks) {
			continue
		}
		next := &book.Chapter{At: book.Pos{File: sg.doc.pos, Line: 1}, Notes: cv.notes}
		if len(blocks) > 0 {
			next.At = blocks[0].Pos()
		}
		switch {
		case sg.entry != nil:
			next.Title = sg.entry.Title
			if sg.part {
				next.Kind = book.Part
			}
		case noTOC && startsWithHeading(blocks) && blocks[0].(*book.Heading).Level <= top:
			next.Title = book.Plain(blocks[0].(*book.Heading).Runs)
		case cur != nil:
			cur.Blocks = append(cur.Blocks, blocks...)
			cur.Notes = append(cur.Notes, cv.notes...)
			continue
		case len(blocks) == 0:
			continue
		default:
			next.Title, next.TitleGenerated = "卷首", true
			next.Kind = book.Front
		}
		next.Blocks = c.takeTitle(next, blocks)
		if next.Kind == book.Body {
			next.Kind = titleKind(next.Title)
		}
		cur = next
		out = append(out, next)
	}
	if len(out) == 1 {
		out = c.splitByHeadingLines(out[0])
	}
	// Chapters that held only footnotes (a notes page the TOC names) are left out.
	kept := out[:0]
	for _, ch := range out {
		if len(ch.Blocks) == 0 && ch.Kind != book.Part && len(ch.Notes) == 0 && c.onlyNotes(ch) {
			c.l.warn(ch.At, "chapter %q holds only footnotes, now set with the text that refers to them; left out", ch.Title)
			c.l.markup = append(c.l.markup, ch.Title)
			continue
		}
		kept = append(kept, ch)
	}
	return kept
}

// onlyNotes reports whether the document of chapter ch holds notes.
func (c *epubConv) onlyNotes(ch *book.Chapter) bool {
	for d := range c.notes.docs {
		if d.pos == ch.At.File {
			return true
		}
	}
	return false
}

func startsWithHeading(blocks []book.Block) bool {
	if len(blocks) == 0 {
		return false
	}
	_, ok := blocks[0].(*book.Heading)
	return ok
}

// squash removes all white space, for comparing titles.
func squash(s string) string {
	return strings.Map(func(r rune) rune {
		if isSpace(r) || r == ' ' || r == '\t' || r == '\n' {
			return -1
		}
		return r
	}, s)
}

// takeTitle removes the chapter's opening heading (or heading-like short
// paragraph) when it repeats the title: its spelling wins when the two are
// equal but for spaces, or when the heading says more (第一章 in the table of
// contents, 第一章　入山 in the text); the title stays when it says more. When
// the title is the heading and the short paragraph after it (第一回 /
// 甄士隐梦幻识通灵), they become the title and the subtitle. The remaining
// headings become sections (level 2 and deeper).
func (c *epubConv) takeTitle(ch *book.Chapter, blocks []book.Block) []book.Block {
	title := squash(ch.Title)
	t, sub := titleText(blocks, 0, false), titleText(blocks, 1, true)
	_, heading := firstBlock(blocks).(*book.Heading)
	switch {
	case t == "" || title == "":
	case squash(t) == title, heading && strings.HasPrefix(squash(t), title):
		ch.Title = trimSpace(t)
		c.l.markup = append(c.l.markup, t)
		blocks = blocks[1:]
	case sub != "" && squash(t)+squash(sub) == title:
		ch.Title, ch.Subtitle = trimSpace(t), trimSpace(sub)
		c.l.markup = append(c.l.markup, t, sub)
		blocks = blocks[2:]
	case heading && strings.HasPrefix(title, squash(t)):
		c.l.markup = append(c.l.markup, t)
		blocks = blocks[1:]
	}
	for _, b := range blocks {
		if h, ok := b.(*book.Heading); ok && h.Level < 2 {
			h.Level = 2
		}
	}
	return blocks
}

func firstBlock(blocks []book.Block) book.Block {
	if len(blocks) == 0 {
		return nil
	}
	return blocks[0]
}

// titleText returns the text of blocks[i] when it may be a title: a heading
// (unless onlyPara) or a short paragraph; "" otherwise.
func titleText(blocks []book.Block, i int, onlyPara bool) string {
	if i >= len(blocks) {
		return ""
	}
	switch b := blocks[i].(type) {
	case *book.Heading:
		if !onlyPara {
			return book.Plain(b.Runs)
		}
	case *book.Paragraph:
		if t := book.Plain(b.Runs); runeCount(t) <= 60 {
			return t
		}
	default: // other blocks are no titles
	}
	return ""
}

// frontPage reports whether a segment is the cover page or a title page
// before the first chapter, and if so warns that it is left out.
func (c *epubConv) frontPage(sg segment, blocks []book.Block, first bool) bool {
	if sg.doc.path == c.ep.CoverPage || first && onlyImages(blocks, c.l.fm.Cover) && (len(blocks) > 0 || hasPictureNode(sg.doc.body)) {
		var text []string
		for _, b := range blocks {
			if t := strings.TrimSpace(book.Text(b)); t != "" {
				text = append(text, t)
			}
		}
		why := "cover page left out: its picture is the book's cover"
		if len(text) == 0 {
			c.l.warn(book.Pos{File: sg.doc.pos}, "%s", why)
		} else {
			c.l.drop(book.Pos{File: sg.doc.pos}, why, strings.Join(text, "\n"))
		}
		return true
	}
	if !first && sg.entry == nil || len(blocks) == 0 || sg.entry != nil && c.l.fm.Title != "" && squash(sg.entry.Title) != squash(c.l.fm.Title) {
		return false
	}
	m := c.l.fm
	meta := squash(m.Title + m.Subtitle + m.Author + m.Publisher + m.Date + m.Description)
	var all strings.Builder
	for _, b := range blocks {
		t := squash(book.Text(b))
		if t == "" {
			continue
		}
		if !strings.Contains(meta, t) {
			return false
		}
		all.WriteString(book.Text(b))
		all.WriteByte('\n')
	}
	c.l.drop(book.Pos{File: sg.doc.pos, Line: blocks[0].Pos().Line}, "title page left out: it repeats the book's metadata", strings.TrimSpace(all.String()))
	return true
}

// contentsPage reports whether a segment is a whole document of links to
// the other documents (a contents page not marked as the nav), and if so warns
// that it is left out.
func (c *epubConv) contentsPage(sg segment) bool {
	if sg.container != nil {
		return false
	}
	links, linkText := 0, 0
	walkElements(sg.doc.body, func(a *html.Node) {
		if a.DataAtom != atom.A {
			return
		}
		if p, _, ok := epubfile.Resolve(sg.doc.path, htmlmodel.Attr(a, "href")); ok && p != sg.doc.path && c.byPath[p] != nil {
			links++
			linkText += utf8.RuneCountInString(squash(htmlmodel.Text(a)))
		}
	})
	if links < 2 {
		return false
	}
	// Nine tenths of the text outside headings are links: a page that
	// introduces its links with a paragraph of its own is text.
	headText := 0
	walkElements(sg.doc.body, func(h *html.Node) {
		if isHeading(h) {
			headText += utf8.RuneCountInString(squash(htmlmodel.Text(h)))
		}
	})
	if rest := utf8.RuneCountInString(squash(htmlmodel.Text(sg.doc.body))) - headText; linkText*10 < rest*9 {
		return false
	}
	c.l.drop(book.Pos{File: sg.doc.pos}, "contents page left out: the books get their own", strings.TrimSpace(htmlmodel.Text(sg.doc.body)))
	return true
}

// notesPage reports whether a segment without an entry is what is left of a
// page of notes once they are taken out (its headings only), and if so warns
// that it is left out.
func (c *epubConv) notesPage(sg segment, blocks []book.Block) bool {
	if sg.entry != nil || len(blocks) == 0 {
		return false
	}
	var heads []string
	for _, b := range blocks {
		h, ok := b.(*book.Heading)
		if !ok {
			return false
		}
		heads = append(heads, book.Plain(h.Runs))
	}
	if !c.notes.docs[sg.doc] {
		return false
	}
	c.l.drop(blocks[0].Pos(), "notes page left out: its notes are set with the text that refers to them", strings.Join(heads, "\n"))
	return true
}

// onlyImages reports whether blocks are nothing but pictures (or nothing),
// one of them the cover when cover is set.
func onlyImages(blocks []book.Block, cover string) bool {
	seen := cover == ""
	for _, b := range blocks {
		im, ok := b.(*book.Image)
		if !ok {
			return false
		}
		seen = seen || im.Src == cover
	}
	return seen
}

// hasPictureNode reports whether n holds an img, svg or image element.
func hasPictureNode(n *html.Node) bool {
	found := false
	walkElements(n, func(k *html.Node) {
		found = found || k.DataAtom == atom.Img || k.DataAtom == atom.Svg || k.DataAtom == atom.Image
	})
	return found
}
