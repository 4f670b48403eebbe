package load

import (
	"bytes"
	"sort"
	"strconv"
	"strings"

	"github.com/yuin/goldmark"
	gast "github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"

	"cjkbook/book"
)

// maxDepth caps the nesting of quotes and lists in the model. Deeper containers
// are flattened into the one at the cap, with one warning per file, so no
// renderer ever recurses without bound.
const maxDepth = 16

// markdown is the goldmark configuration: CommonMark plus GFM tables,
// strikethrough and footnotes, and the CJK extension with the CSS Text 3 draft
// line-break rule (soft breaks next to CJK text vanish). Of raw HTML only
// pictures, line breaks and a few phrase tags reach the model (mdhtml.go).
var markdown = goldmark.New(goldmark.WithExtensions(
	extension.Table,
	extension.Strikethrough,
	extension.Footnote,
	extension.NewCJK(extension.WithEastAsianLineBreaks(extension.EastAsianLineBreaksCSS3Draft), extension.WithEscapedSpace()),
))

// mdConv converts one Markdown file's goldmark AST into chapters.
type mdConv struct {
	l        *loader
	f        srcFile
	src      []byte
	lineBase int   // lines before the body (front matter)
	starts   []int // byte offset of each line start in src
	norm     *normalizer
	chapters []*book.Chapter
	cur      *book.Chapter
	notes    map[int]noteRef // footnote index → ID and chapter of the first reference
	deepWarn bool
	htmlSeen map[string]bool // tag names already reported in this file
	// refs holds the labels, destinations and titles of link reference
	// definitions: markup that is not text (the fuzz test accounts for it).
	refs []string
}

type noteRef struct {
	id      string
	label   string
	chapter *book.Chapter
}

// parseMarkdown turns one decoded Markdown file into chapters.
func (l *loader) parseMarkdown(f srcFile, txt string, single bool) []*book.Chapter {
	body, lineBase := l.frontMatter(f, txt)
	c := &mdConv{l: l, f: f, src: []byte(body), lineBase: lineBase, norm: &normalizer{}, notes: map[int]noteRef{}}
	defer func() { l.stats.Punct.add(c.norm.counts) }()
	if clamped, n := clampNesting(c.src); n > 0 {
		c.src = clamped
		l.warn(book.Pos{File: f.name, Line: lineBase + 1}, "%d lines nest quotes, lists or indentation more than %d characters deep; their prefix was cut to that (the text is kept)", n, maxPrefix)
	}
	c.starts = lineStarts(c.src)
	// Parse with goldmark.
	ctx := parser.NewContext()
	doc := markdown.Parser().Parse(text.NewReader(c.src), parser.WithContext(ctx))
	for _, r := range ctx.References() {
		// The label is markup wherever it is used ([text][label]) or defined.
		label := string(r.Label())
		for n := max(1, strings.Count(body, label)); n > 0; n-- {
			c.refs = append(c.refs, label)
		}
		c.refs = append(c.refs, string(r.Destination()), string(r.Title()))
	}
	l.markup = append(l.markup, c.refs...)
	// Walk the top level: # headings start chapters.
	c.walkTop(doc)
	// A single file's only # heading, or the one all its # headings repeat,
	// titles the book unless front matter did.
	if single && l.fm.Title == "" && l.text.Title == "" && (len(c.chapters) == 1 || sameTitles(c.chapters)) {
		l.text.Title = c.chapters[0].Title
	}
	return c.chapters
}

// sameTitles reports whether there are chapters and their headings title all
// of them alike.
func sameTitles(chapters []*book.Chapter) bool {
	for _, ch := range chapters {
		if ch.TitleGenerated || ch.Title != chapters[0].Title {
			return false
		}
	}
	return len(chapters) > 0
}

// lineStarts indexes the byte offset of each line.
func lineStarts(src []byte) []int {
	starts := []int{0}
	for i, b := range src {
		if b == '\n' {
			starts = append(starts, i+1)
		}
	}
	return starts
}

// pos returns the manuscript position of a byte offset.
func (c *mdConv) pos(off int) book.Pos {
	i := sort.SearchInts(c.starts, off+1) // first start > off
	return book.Pos{File: c.f.name, Line: i + c.lineBase}
}

// nodePos finds the line of a node from its own lines or its first descendant's.
func (c *mdConv) nodePos(n gast.Node) book.Pos {
	for k := n; k != nil; k = k.FirstChild() {
		if k.Type() == gast.TypeBlock && k.Lines().Len() > 0 {
			return c.pos(k.Lines().At(0).Start)
		}
		if t, ok := k.(*gast.Text); ok {
			return c.pos(t.Segment.Start)
		}
		if r, ok := k.(*gast.RawHTML); ok && r.Segments.Len() > 0 {
			return c.pos(r.Segments.At(0).Start)
		}
	}
	// Fall back to the previous sibling's position.
	if p := n.PreviousSibling(); p != nil {
		return c.nodePos(p)
	}
	if n.Parent() != nil {
		return c.nodePos(n.Parent())
	}
	return book.Pos{File: c.f.name, Line: 1 + c.lineBase}
}

func (c *mdConv) fix(s string) string {
	if c.l.opts.NoNormalize {
		return s
	}
	return c.norm.normalize(s)
}

// walkTop splits the document into chapters: each level-1 heading starts one,
// and a level-2 heading right after it is the chapter's subtitle.
// A file without level-1 headings is one chapter, titled by its first heading
// when the file starts with one (trpl's files start at ##).
func (c *mdConv) walkTop(doc gast.Node) {
	hasH1 := false
	for n := doc.FirstChild(); n != nil; n = n.NextSibling() {
		if h, ok := n.(*gast.Heading); ok && h.Level == 1 {
			hasH1 = true
			break
		}
	}
	var footnotes []*east.FootnoteList
	for n := doc.FirstChild(); n != nil; n = n.NextSibling() {
		if fl, ok := n.(*east.FootnoteList); ok {
			footnotes = append(footnotes, fl)
			continue
		}
		h, isHeading := n.(*gast.Heading)
		if isHeading && (h.Level == 1 || !hasH1 && c.cur == nil) {
			title := book.Plain(c.plainRuns(h)) // plainRuns normalised the runs, code spans left alone
			c.cur = &book.Chapter{Kind: titleKind(title), Title: title, At: c.nodePos(h)}
			c.chapters = append(c.chapters, c.cur)
			if sub := c.subtitleHeading(h); sub != nil {
				if s := book.Plain(c.plainRuns(sub)); s != "" {
					c.cur.Subtitle, n = s, sub // the manuscript's subtitle
				}
			}
			continue
		}
		if c.cur == nil {
			if isBlank(n, c.src) {
				continue
			}
			t := c.l.fmTitle
			if t == "" {
				t = titleFromName(c.f.name)
			}
			c.cur = &book.Chapter{Kind: titleKind(t), Title: c.fix(t), TitleGenerated: c.l.fmTitle == "", At: c.nodePos(n)}
			c.chapters = append(c.chapters, c.cur)
		}
		c.cur.Blocks = append(c.cur.Blocks, c.block(n, 0)...)
	}
	used := map[string]bool{}
	for _, fl := range footnotes {
		for n := fl.FirstChild(); n != nil; n = n.NextSibling() {
			if fn, ok := n.(*east.Footnote); ok {
				used[strings.ToLower(string(fn.Ref))] = true
			}
		}
		c.footnotes(fl)
	}
	c.unusedFootnotes(used)
}

// subtitleHeading returns the level-2 heading that subtitles the level-1 heading
// h, or nil: the one right after h (only blank lines between them), when it is
// the chapter's only level-2 heading (else it is the first of its sections) and
// holds text alone (no picture or footnote reference), not a section label
// such as 第一节.
func (c *mdConv) subtitleHeading(h *gast.Heading) *gast.Heading {
	sub, ok := h.NextSibling().(*gast.Heading)
	if !ok || h.Level != 1 || sub.Level != 2 {
		return nil
	}
	var raw []byte
	for i := range sub.Lines().Len() {
		seg := sub.Lines().At(i)
		raw = append(raw, seg.Value(c.src)...)
	}
	if classify(trimSpace(string(raw))).kind == headSection {
		return nil
	}
	for n := sub.NextSibling(); n != nil; n = n.NextSibling() {
		if o, ok := n.(*gast.Heading); ok && o.Level <= 2 {
			if o.Level == 2 {
				return nil
			}
			break
		}
	}
	plain := true
	_ = gast.Walk(sub, func(n gast.Node, entering bool) (gast.WalkStatus, error) {
		switch n.(type) {
		case *gast.Image, *east.FootnoteLink:
			plain = false
			return gast.WalkStop, nil
		}
		return gast.WalkContinue, nil
	})
	if !plain {
		return nil
	}
	return sub
}

// mdFrontBack are the words that make a Markdown chapter front or back matter:
// the plain-text loader's (namedHeadings) and the prefaces of Lu Xun's and
// other essay collections (小引, 题辞, 引子). The plain-text loader keeps 引子 a
// body chapter, as a novel's prologue, and does not take 小引 or 题辞 for
// headings; a Markdown # heading is a chapter title already.
var mdFrontBack = func() []namedHeading {
	out := []namedHeading{{"引子", book.Front}, {"小引", book.Front}, {"题辞", book.Front}}
	for _, nh := range namedHeadings {
		if nh.kind != book.Body {
			out = append(out, nh)
		}
	}
	return out
}()

// titleKind returns the kind of a Markdown chapter from its title: front matter
// for 序, 序言, 前言, 引言, 引子, 小引, 题辞 …, back matter for 后记, 跋, 附录, each
// alone or followed by a separator and a subtitle (序言：写在前面); body
// otherwise (序列化, 跋涉).
func titleKind(title string) book.ChapterKind {
	t := trimSpace(title)
	for _, nh := range mdFrontBack {
		if rest, ok := strings.CutPrefix(t, nh.word); ok {
			if _, ok := splitRest(rest); ok {
				return nh.kind
			}
		}
	}
	return book.Body
}

// unusedFootnotes reports footnote definitions that nothing references:
// goldmark drops them, so their text is reported as removed.
func (c *mdConv) unusedFootnotes(used map[string]bool) {
	if !bytes.Contains(c.src, []byte("[^")) {
		return
	}
	lines := strings.Split(string(c.src), "\n")
	fence := ""
	for i := 0; i < len(lines); i++ {
		t := strings.TrimLeft(lines[i], " ")
		if fence != "" {
			if strings.HasPrefix(t, fence) {
				fence = ""
			}
			continue
		}
		if strings.HasPrefix(t, "```") || strings.HasPrefix(t, "~~~") {
			fence = t[:3]
			continue
		}
		if len(lines[i])-len(t) > 3 {
			continue
		}
		// A definition may start another one: [^a]: [^b]: text.
		for strings.HasPrefix(t, "[^") {
			end := strings.Index(t, "]:")
			if end < 0 {
				break
			}
			label := strings.ToLower(t[2:end])
			if !used[label] {
				def := t
				for j := i + 1; j < len(lines) && strings.TrimSpace(lines[j]) != ""; j++ {
					def += "\n" + lines[j]
				}
				c.l.drop(book.Pos{File: c.f.name, Line: i + 1 + c.lineBase}, "footnote [^"+t[2:end]+"] is never referenced", def)
				break
			}
			t = strings.TrimLeft(t[end+2:], " \t")
		}
	}
}

// isBlank reports whether a top-level node renders nothing (an empty paragraph).
func isBlank(n gast.Node, src []byte) bool {
	if p, ok := n.(*gast.Paragraph); ok {
		return p.ChildCount() == 0
	}
	return false
}

// footnotes attaches footnote definitions to the chapter of their first reference.
func (c *mdConv) footnotes(fl *east.FootnoteList) {
	for n := fl.FirstChild(); n != nil; n = n.NextSibling() {
		fn, ok := n.(*east.Footnote)
		if !ok {
			continue
		}
		ref, ok := c.notes[fn.Index]
		if !ok {
			ref = c.noteID(fn.Index)
		}
		ch := ref.chapter
		if ch == nil {
			ch = c.cur
		}
		note := &book.Footnote{ID: ref.id, Label: ref.label, At: c.nodePos(fn)}
		for k := fn.FirstChild(); k != nil; k = k.NextSibling() {
			note.Blocks = append(note.Blocks, c.block(k, 1)...)
		}
		if ch != nil {
			ch.Notes = append(ch.Notes, note)
		}
	}
}

// noteID returns the book-unique ID of footnote index i of this file.
func (c *mdConv) noteID(i int) noteRef {
	if r, ok := c.notes[i]; ok {
		return r
	}
	c.l.noteSeq++
	r := noteRef{id: "fn" + strconv.Itoa(c.l.noteSeq), label: strconv.Itoa(i), chapter: c.cur}
	c.notes[i] = r
	return r
}

// block converts one block node (and its children) at container depth d.
func (c *mdConv) block(n gast.Node, d int) []book.Block {
	at := c.nodePos(n)
	switch n := n.(type) {
	case *gast.Paragraph, *gast.TextBlock:
		return c.paragraph(n, at)
	case *gast.Heading:
		lvl := n.Level
		if lvl < 2 {
			lvl = 2
		}
		runs := c.plainRuns(n)
		if len(runs) == 0 {
			return nil
		}
		return []book.Block{&book.Heading{Level: lvl, Runs: runs, At: at}}
	case *gast.ThematicBreak:
		return []book.Block{&book.Break{At: c.afterPrev(n)}}
	case *gast.CodeBlock, *gast.FencedCodeBlock:
		var sb strings.Builder
		lines := n.Lines()
		for i := 0; i < lines.Len(); i++ {
			seg := lines.At(i)
			sb.Write(seg.Value(c.src))
		}
		lang := ""
		if fc, ok := n.(*gast.FencedCodeBlock); ok {
			if fc.Info != nil {
				lang = strings.TrimSpace(string(fc.Info.Segment.Value(c.src)))
			}
			if fc.Lines().Len() > 0 {
				at = c.pos(fc.Lines().At(0).Start - 1)
			}
		}
		return []book.Block{&book.CodeBlock{Lang: lang, Text: strings.TrimRight(sb.String(), "\n"), At: at}}
	case *gast.Blockquote:
		inner := c.children(n, d+1)
		if d >= maxDepth {
			c.tooDeep(at)
			return inner
		}
		return []book.Block{&book.Quote{Blocks: inner, At: at}}
	case *gast.List:
		if d >= maxDepth {
			c.tooDeep(at)
			var flat []book.Block
			for it := n.FirstChild(); it != nil; it = it.NextSibling() {
				flat = append(flat, c.children(it, d+1)...)
			}
			return flat
		}
		l := &book.List{Ordered: n.IsOrdered(), Start: n.Start, At: at}
		if !l.Ordered {
			l.Start = 0
		}
		for it := n.FirstChild(); it != nil; it = it.NextSibling() {
			l.Items = append(l.Items, c.children(it, d+1))
		}
		return []book.Block{l}
	case *gast.HTMLBlock:
		var sb strings.Builder
		for i := 0; i < n.Lines().Len(); i++ {
			seg := n.Lines().At(i)
			sb.Write(seg.Value(c.src))
		}
		if n.HasClosure() {
			sb.Write(n.ClosureLine.Value(c.src))
		}
		return c.rawHTML(sb.String(), at, true, nil)
	case *east.Table:
		return []book.Block{c.table(n, at)}
	case *east.FootnoteList:
		c.footnotes(n)
		return nil
	}
	// Anything else: keep its children, if any.
	if n.HasChildren() {
		return c.children(n, d)
	}
	return nil
}

func (c *mdConv) tooDeep(at book.Pos) {
	if !c.deepWarn {
		c.deepWarn = true
		c.l.warn(at, "quotes or lists nested deeper than %d levels; the deeper levels are flattened", maxDepth)
	}
}

// children converts the block children of n.
func (c *mdConv) children(n gast.Node, d int) []book.Block {
	var out []book.Block
	for k := n.FirstChild(); k != nil; k = k.NextSibling() {
		out = append(out, c.block(k, d)...)
	}
	return out
}

// maxPrefix bounds the container prefix of a Markdown line (indentation, > and
// list markers). goldmark's block parser is slow on thousands of open
// containers (2,000 indented list levels take minutes), and the model flattens
// everything past maxDepth levels anyway.
const maxPrefix = 128

// clampNesting cuts over-long container prefixes to maxPrefix bytes and returns
// the new source and the number of lines cut (0: src is returned unchanged).
func clampNesting(src []byte) ([]byte, int) {
	n := 0
	var out []byte
	last := 0
	for start := 0; start < len(src); {
		end := start
		for end < len(src) && src[end] != '\n' {
			end++
		}
		p := start
		for p < end {
			c := src[p]
			if c == ' ' || c == '\t' || c == '>' || c == '-' || c == '*' || c == '+' {
				p++
				continue
			}
			if c >= '0' && c <= '9' {
				q := p
				for q < end && src[q] >= '0' && src[q] <= '9' {
					q++
				}
				if q < end && (src[q] == '.' || src[q] == ')') {
					p = q + 1
					continue
				}
			}
			break
		}
		if p-start > maxPrefix {
			if out == nil {
				out = make([]byte, 0, len(src))
			}
			out = append(out, src[last:start+maxPrefix]...)
			last = p
			n++
		}
		start = end + 1
	}
	if n == 0 {
		return src, 0
	}
	out = append(out, src[last:]...)
	return out, n
}

// afterPrev finds the line of a node that has no text of its own (a thematic
// break): the first non-blank line after the end of the previous sibling.
func (c *mdConv) afterPrev(n gast.Node) book.Pos {
	off := 0
	for p := n.PreviousSibling(); p != nil && off == 0; p = nil {
		for k := p; k != nil; k = k.LastChild() {
			if k.Type() == gast.TypeBlock && k.Lines().Len() > 0 {
				off = k.Lines().At(k.Lines().Len() - 1).Stop
			}
		}
	}
	if off == 0 && n.Parent() != nil && n.Parent().Type() != gast.TypeDocument {
		return c.nodePos(n.Parent())
	}
	for off < len(c.src) && (c.src[off] == '\n' || c.src[off] == ' ' || c.src[off] == '\t' || c.src[off] == '\r') {
		off++
	}
	return c.pos(off)
}
