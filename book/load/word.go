package load

import (
	"fmt"
	"path"
	"strings"

	"cjkbook/book"
	"cjkbook/book/load/docx"
	"cjkbook/book/load/htmlmodel"
)

// isWord reports whether name is a Word document: .docx, or a legacy .doc,
// which docx.Read refuses with what to do.
func isWord(name string) bool {
	ext := strings.ToLower(path.Ext(name))
	return ext == ".docx" || ext == ".doc"
}

// wordConv turns one read Word document into chapters.
type wordConv struct {
	l     *loader
	f     srcFile
	doc   *docx.Doc
	norm  *normalizer
	notes map[string]*book.Footnote // by the reader's note Href
	ids   map[string]string         // the reader's note Href → book-unique ID
	owner map[string]*book.Chapter  // note ID → chapter of its first reference
	cur   *book.Chapter
	// found holds the headings detectHeadings found, which title chapters as
	// the text loader's do (第一回, subtitle 甄士隐梦幻识通灵 …).
	found map[*book.Heading]heading
}

// parseWord reads a .docx into chapters: Heading 1 paragraphs start chapters,
// deeper headings are sections; text before the first Heading 1 is a chapter
// titled by the Title paragraph or the file name.
func (l *loader) parseWord(f srcFile, raw []byte, single bool) ([]*book.Chapter, error) {
	doc, err := docx.Read(raw, f.name)
	if err != nil {
		return nil, err
	}
	c := &wordConv{l: l, f: f, doc: doc, norm: &normalizer{}, notes: map[string]*book.Footnote{},
		ids: map[string]string{}, owner: map[string]*book.Chapter{}}
	defer func() { l.stats.Punct.add(c.norm.counts) }()
	l.stats.Word.Add(doc.Counts)
	l.diags = append(l.diags, doc.Warnings...)
	for _, d := range doc.Dropped {
		l.drop(d.At, d.Kind.String()+" dropped", d.Text)
	}
	if n, m := doc.Counts.PageBreaks, doc.Counts.Sections; n > 0 || m > 1 {
		l.warn(book.Pos{File: f.name}, "page layout dropped (%d page or column breaks, %d section settings: page size, margins, columns): cjkbook lays out the pages itself", n, m)
	}
	for _, n := range doc.Notes {
		c.notes[n.ID] = n
	}
	// Metadata: docProps/core.xml as front matter, the Title paragraph as what the text shows.
	if l.fm.Title == "" && l.fm.Author == "" && l.fm.Description == "" {
		l.fm.Title, l.fm.Author, l.fm.Description = doc.Meta.Title, doc.Meta.Author, doc.Meta.Description
	}
	if !hasHeading(doc.Blocks) {
		c.detectHeadings(doc.Blocks)
	}
	titleLine(doc)
	title := c.fix(doc.Title)
	var chapters []*book.Chapter
	titled := false // the Title paragraph titles a chapter
	for _, bl := range doc.Blocks {
		if h, ok := bl.(*book.Heading); ok && h.Level == 1 {
			c.cur = &book.Chapter{At: h.At}
			c.cur.Title = book.Plain(c.runs(h.Runs, h.At))
			c.cur.Kind = titleKind(c.cur.Title)
			if d, ok := c.found[h]; ok {
				c.cur.Title, c.cur.Subtitle, c.cur.Kind = c.fix(d.title), c.fix(d.subtitle), d.chapter
				if d.kind == headPart {
					c.cur.Kind = book.Part
				}
			}
			chapters = append(chapters, c.cur)
			continue
		}
		if c.cur == nil {
			c.cur = &book.Chapter{Title: title, Subtitle: c.fix(doc.Subtitle), At: doc.TitleAt}
			if title == "" {
				c.cur.Title, c.cur.At, c.cur.TitleGenerated = c.fix(titleFromName(f.name)), bl.Pos(), true
			} else {
				titled = true
			}
			c.cur.Kind = titleKind(c.cur.Title)
			chapters = append(chapters, c.cur)
		}
		c.cur.Blocks = append(c.cur.Blocks, c.block(bl)...)
	}
	if len(chapters) == 0 && title != "" {
		chapters = append(chapters, &book.Chapter{Title: title, Subtitle: c.fix(doc.Subtitle), At: doc.TitleAt})
		titled = true
	}
	c.attachNotes()
	if title != "" && l.text.Title == "" && (single || !titled) {
		l.text.Title, l.text.Subtitle = title, c.fix(doc.Subtitle)
	}
	if doc.Author != "" {
		if l.text.Author == "" {
			l.text.Author = doc.Author
		} else if l.text.Author != doc.Author {
			l.drop(doc.TitleAt, "author paragraph: the book already has the author "+l.text.Author, doc.Author)
		}
	}
	if title != "" && !titled {
		if other := firstNonEmpty(l.opts.Meta.Title, l.fm.Title, l.text.Title); other != title {
			l.drop(doc.TitleAt, "title paragraph: the book already has the title "+other, doc.Title)
		}
	}
	return chapters, nil
}

func firstNonEmpty(vals ...string) string {
	for _, v := range vals {
		if v != "" {
			return v
		}
	}
	return ""
}

func (c *wordConv) fix(s string) string {
	if c.l.opts.NoNormalize || s == "" {
		return s
	}
	return c.norm.normalize(s)
}

// runs checks links and note references of one paragraph's runs (at at) and
// normalises their punctuation.
func (c *wordConv) runs(rs []book.Run, at book.Pos) []book.Run {
	for i := range rs {
		r := &rs[i]
		switch {
		case r.Style&book.Link != 0 && !htmlmodel.SafeHref(r.Href):
			c.l.removed = append(c.l.removed, r.Href)
			c.l.warn(at, "link to %q kept as plain text: only http, https and mailto links are kept", shorten(r.Href, 80))
			r.Style &^= book.Link
			r.Href = ""
		case r.Style&book.NoteRef != 0:
			id, ok := c.ids[r.Href]
			if !ok {
				c.l.noteSeq++
				id = fmt.Sprintf("fn%d", c.l.noteSeq)
				c.ids[r.Href] = id
				c.owner[id] = c.cur
			}
			r.Href = id
		case r.Image != nil:
			if !c.image(r.Image) {
				*r = book.Run{Text: r.Image.Alt}
			}
		}
	}
	if !c.l.opts.NoNormalize {
		c.norm.normalizeRuns(rs)
	}
	return mergeWordRuns(rs)
}

// mergeWordRuns drops runs that became empty (a picture without alt text that
// could not be read).
func mergeWordRuns(rs []book.Run) []book.Run {
	out := rs[:0]
	for _, r := range rs {
		if r.Text != "" || r.Image != nil || r.Style&book.NoteRef != 0 {
			out = append(out, r)
		}
	}
	return out
}

// block finishes one block of the reader: runs checked and normalised,
// pictures identified (an unreadable one leaves its alt text).
func (c *wordConv) block(bl book.Block) []book.Block {
	switch b := bl.(type) {
	case *book.Paragraph:
		b.Runs = c.runs(b.Runs, b.At)
		if len(b.Runs) == 0 {
			return nil
		}
	case *book.Heading:
		b.Runs = c.runs(b.Runs, b.At)
		if len(b.Runs) == 0 {
			return nil
		}
	case *book.List:
		for i, it := range b.Items {
			var out []book.Block
			for _, k := range it {
				out = append(out, c.block(k)...)
			}
			b.Items[i] = out
		}
	case *book.Table:
		for i := range b.Header {
			b.Header[i].Runs = c.runs(b.Header[i].Runs, b.At)
		}
		for _, row := range b.Rows {
			for i := range row {
				row[i].Runs = c.runs(row[i].Runs, b.At)
			}
		}
	case *book.Image:
		if !c.image(b) {
			if b.Alt == "" {
				return nil
			}
			return []book.Block{&book.Paragraph{Runs: c.runs([]book.Run{{Text: b.Alt}}, b.At), At: b.At}}
		}
		if strings.TrimSpace(b.Alt) == "" {
			c.l.warn(b.At, "picture %s has no alt text; add one in Word or WPS (right-click the picture → Edit Alt Text) so readers who cannot see it know what it shows", path.Base(b.Src))
		}
	default: // the Word reader makes no quotes, code blocks or breaks
	}
	return []book.Block{bl}
}

// image identifies a picture of the document as the loader does any image and
// stores it under a key made of the file's name and the picture's part name.
func (c *wordConv) image(im *book.Image) bool {
	key := c.f.name + "/" + im.Src
	if _, ok := c.l.images[key]; ok {
		im.Src = key
		return true
	}
	a, err := NewAsset(key, c.doc.Images[im.Src])
	if err != nil {
		c.l.warn(im.At, "picture %s: %v; skipped", im.Src, err)
		c.l.removed = append(c.l.removed, im.Src)
		return false
	}
	c.l.images[key] = a
	im.Src = key
	return true
}

// attachNotes puts each note in the chapter of its first reference, with its
// book-unique ID; notes nothing in the kept text refers to are dropped.
func (c *wordConv) attachNotes() {
	for _, n := range c.doc.Notes {
		id, ok := c.ids[n.ID]
		if !ok {
			c.l.drop(n.At, "note referenced only from dropped text", book.Text(&book.Quote{Blocks: n.Blocks}))
			continue
		}
		ch := c.owner[id]
		c.cur = ch
		var blocks []book.Block
		for _, bl := range n.Blocks {
			blocks = append(blocks, c.block(bl)...)
		}
		ch.Notes = append(ch.Notes, &book.Footnote{ID: id, Label: n.Label, Blocks: blocks, At: n.At})
	}
}

func hasHeading(bs []book.Block) bool {
	for _, bl := range bs {
		if _, ok := bl.(*book.Heading); ok {
			return true
		}
	}
	return false
}

// detectHeadings finds the chapter and section headings of a document that
// uses no heading styles (its headings typed as bold or centred paragraphs,
// or a plain text saved as .docx) the way the text loader finds them in a
// .txt: 第X章/回, 序, 后记 … start chapters, 第X节 and the like sections.
func (c *wordConv) detectHeadings(bs []book.Block) {
	var cands []heading
	for i, bl := range bs {
		p, ok := bl.(*book.Paragraph)
		if !ok {
			continue
		}
		if h := classify(trimSpace(book.Plain(p.Runs))); h.style != styleNone {
			h.line = i
			cands = append(cands, h)
		}
	}
	for _, h := range resolveHeadings(cands) {
		p := bs[h.line].(*book.Paragraph)
		level := 1
		if h.kind == headSection {
			level = 2
		}
		hd := &book.Heading{Level: level, Runs: p.Runs, At: p.At}
		bs[h.line] = hd
		if level == 1 {
			if c.found == nil {
				c.found = map[*book.Heading]heading{}
			}
			c.found[hd] = h
		}
	}
}

// titleLine takes a document's first paragraph for its title when no
// paragraph has the Title style and the paragraph looks like a title line to
// the text loader (short, no sentence) with a chapter heading right after it.
func titleLine(doc *docx.Doc) {
	if doc.Title != "" || len(doc.Blocks) < 2 {
		return
	}
	p, ok := doc.Blocks[0].(*book.Paragraph)
	h, ok2 := doc.Blocks[1].(*book.Heading)
	if !ok || !ok2 || h.Level != 1 || len(p.Runs) != 1 || p.Runs[0].Style != 0 {
		return
	}
	t := trimSpace(p.Runs[0].Text)
	if t == "" || runeLenMax(t, 41) > 40 || strings.Contains(t, "。") || endsSentence(t) {
		return
	}
	doc.Title, doc.TitleAt, doc.Blocks = t, p.At, doc.Blocks[1:]
}
