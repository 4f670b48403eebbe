package htmlmodel

import (
	"strconv"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"cjkbook/book"
)

// Options says where Convert's positions point and how it places pictures.
type Options struct {
	// File names the source in positions.
	File string
	// Image resolves an <img>'s src to a key of Book.Images. When it returns
	// false, or when Image is nil, the picture's alt text is kept as text (the
	// resolver reports why the picture is missing).
	Image func(src string, at book.Pos) (key string, ok bool)
	// Inline, when set, is asked first about every element in running text; when
	// it returns true its runs stand for the element (an EPUB's note references).
	Inline func(n *html.Node) (runs []book.Run, ok bool)
	// Skip, when set, names elements the caller reads itself (an EPUB's footnote
	// asides): Convert leaves them out without a report.
	Skip func(n *html.Node) bool
	// MaxDepth caps the nesting of quotes and lists; deeper containers are
	// flattened into the one at the cap, with one warning (0: 16).
	MaxDepth int
}

// Drop is text that Convert did not keep: where it was, why, and the text.
type Drop struct {
	At   book.Pos
	Why  string // the element, e.g. "<script>"
	Text string
}

// Result is what Convert yields: the blocks, the diagnostics, and the text it
// dropped (so a caller can account for every character of the source).
type Result struct {
	Blocks  []book.Block
	Diags   book.Diagnostics
	Dropped []Drop
}

// maxNest bounds the element nesting Convert follows; the text of anything
// deeper is kept as plain text, so no input makes the walk recurse without bound.
const maxNest = 256

// dropped are the elements whose content is not text of the book: scripts,
// styles, embedded objects and form controls. Their text is reported.
var dropped = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true,
	atom.Iframe: true, atom.Object: true, atom.Embed: true, atom.Canvas: true,
	atom.Svg: true, atom.Math: true, atom.Video: true, atom.Audio: true,
	atom.Button: true, atom.Input: true, atom.Select: true, atom.Textarea: true,
	atom.Head: true, atom.Title: true, atom.Meta: true, atom.Link: true, atom.Base: true,
}

// blockLevel are the elements that end the paragraph before them and start a
// new one after them.
var blockLevel = map[atom.Atom]bool{
	atom.Address: true, atom.Article: true, atom.Aside: true, atom.Blockquote: true,
	atom.Body: true, atom.Center: true, atom.Dd: true, atom.Details: true, atom.Dialog: true,
	atom.Dir: true, atom.Div: true, atom.Dl: true, atom.Dt: true, atom.Fieldset: true,
	atom.Figcaption: true, atom.Figure: true, atom.Footer: true, atom.Form: true,
	atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true,
	atom.Header: true, atom.Hgroup: true, atom.Hr: true, atom.Html: true, atom.Li: true,
	atom.Main: true, atom.Menu: true, atom.Nav: true, atom.Ol: true, atom.P: true,
	atom.Pre: true, atom.Section: true, atom.Summary: true, atom.Table: true,
	atom.Caption: true, atom.Tbody: true, atom.Thead: true, atom.Tfoot: true,
	atom.Tr: true, atom.Td: true, atom.Th: true, atom.Ul: true, atom.Legend: true,
}

// Convert converts n and its subtree (a document, a body, an article element)
// into blocks.
func Convert(n *html.Node, opts Options) *Result {
	if opts.MaxDepth <= 0 {
		opts.MaxDepth = 16
	}
	c := &conv{opts: opts, res: &Result{}, dropSeen: map[string]*dropCount{}}
	w := c.walker(modeBlocks)
	w.node(n, style{}, 0)
	w.flush()
	c.res.Blocks = w.out
	c.report()
	return c.res
}

// ConvertBytes parses src as a document (see Parse) and converts its body.
func ConvertBytes(src []byte, opts Options) (*Result, error) {
	doc, err := Parse(src, 1)
	if err != nil {
		return nil, err
	}
	root := doc
	if b := Find(doc, atom.Body); b != nil {
		root = b
	}
	return Convert(root, opts), nil
}

type conv struct {
	opts     Options
	res      *Result
	dropSeen map[string]*dropCount
	dropList []string // dropSeen's keys in first-seen order
	links    int      // links kept as plain text
	linkAt   book.Pos
	linkHref string
	deep     bool
}

type dropCount struct {
	at           book.Pos
	count, chars int
}

func (c *conv) pos(n *html.Node) book.Pos {
	return book.Pos{File: c.opts.File, Line: Line(n)}
}

// drop records an element left out with its text.
func (c *conv) drop(n *html.Node, why string) {
	at := c.pos(n)
	t := Text(n)
	if strings.TrimSpace(t) != "" {
		c.res.Dropped = append(c.res.Dropped, Drop{At: at, Why: why, Text: t})
	}
	d := c.dropSeen[why]
	if d == nil {
		d = &dropCount{at: at}
		c.dropSeen[why] = d
		c.dropList = append(c.dropList, why)
	}
	d.count++
	d.chars += len([]rune(strings.TrimSpace(t)))
}

// report adds the summary warnings: one per kind of element dropped, one for
// links kept as plain text.
func (c *conv) report() {
	for _, why := range c.dropList {
		d := c.dropSeen[why]
		if d.chars == 0 || why == "<rp>" {
			continue
		}
		c.res.Diags.Warnf(d.at, "removed %d %s element(s) with %d characters of text: they are not part of the book's text", d.count, why, d.chars)
	}
	if c.links > 0 {
		c.res.Diags.Warnf(c.linkAt, "%d link(s) kept as plain text (the first to %q): only http, https and mailto links are kept", c.links, shorten(c.linkHref, 80))
	}
}

// mode says what a walker collects.
type mode int

const (
	modeBlocks mode = iota // blocks: paragraphs, and pictures as Image blocks
	modePlain              // runs only; pictures keep their alt text (headings)
	modeCell               // runs only; pictures become inline picture runs (table cells)
)

// style is the inline state handed down the tree.
type style struct {
	st    book.Style
	href  string
	title string
}

// walker collects the blocks or runs of one container.
type walker struct {
	c    *conv
	mode mode
	out  []book.Block
	runs []book.Run
	at   book.Pos // position of the paragraph being collected
	gap  int      // pending collapsed white space: 0 none, 1 a space, 2 one with a line break
	nest int
}

func (c *conv) walker(m mode) *walker { return &walker{c: c, mode: m} }

// children walks n's children.
func (w *walker) children(n *html.Node, s style, d int) {
	for k := n.FirstChild; k != nil; k = k.NextSibling {
		w.node(k, s, d)
	}
}

// node converts one node; d is the quote and list nesting.
func (w *walker) node(n *html.Node, s style, d int) {
	switch n.Type {
	case html.DocumentNode:
		w.children(n, s, d)
	case html.TextNode:
		w.text(n, n.Data, s)
	case html.ElementNode:
		w.nest++
		defer func() { w.nest-- }()
		if w.nest > maxNest {
			w.text(n, Text(n), s)
			return
		}
		w.element(n, s, d)
	}
}

// element converts one element.
func (w *walker) element(n *html.Node, s style, d int) {
	c := w.c
	a := n.DataAtom
	if c.opts.Skip != nil && c.opts.Skip(n) {
		return
	}
	if dropped[a] {
		c.drop(n, "<"+n.Data+">")
		return
	}
	if hasAttr(n, "hidden") {
		c.drop(n, "hidden <"+n.Data+">")
		return
	}
	if c.opts.Inline != nil {
		if runs, ok := c.opts.Inline(n); ok {
			w.start(n)
			w.gapFlush(runs)
			w.runs = append(w.runs, runs...)
			return
		}
	}
	if st, ok := phrase[a]; ok {
		s.st |= st
		if a == atom.Abbr || a == atom.Acronym {
			s.title = Attr(n, "title")
		}
		w.children(n, s, d)
		return
	}
	switch a {
	case atom.Br:
		w.lineBreak()
		return
	case atom.A:
		w.link(n, s, d)
		return
	case atom.Img:
		w.image(n, s)
		return
	case atom.Ruby:
		w.ruby(n, s, d)
		return
	case atom.Rp:
		c.drop(n, "<rp>") // the parentheses of a ruby fallback: not reported
		return
	}
	if !blockLevel[a] {
		w.children(n, s, d) // span, font, cite, q, time …: their text, unstyled
		return
	}
	if w.mode != modeBlocks {
		w.softBreak()
		if a == atom.Pre {
			s.st |= book.Code
		}
		w.children(n, s, d)
		w.softBreak()
		return
	}
	w.flush()
	w.block(n, s, d)
	w.flush()
}

// block converts a block-level element in a blocks walker.
func (w *walker) block(n *html.Node, s style, d int) {
	c := w.c
	at := c.pos(n)
	switch n.DataAtom {
	case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
		lvl := int(n.Data[1] - '0')
		if lvl > 3 {
			lvl = 3
		}
		if runs := c.runs(n, s, modePlain); len(runs) > 0 {
			w.out = append(w.out, &book.Heading{Level: lvl, Runs: runs, At: at})
		}
	case atom.Hr:
		w.out = append(w.out, &book.Break{At: at})
	case atom.Pre:
		w.out = append(w.out, &book.CodeBlock{Lang: codeLang(n), Text: strings.Trim(preText(n), "\n"), At: at})
	case atom.Blockquote:
		inner := c.blocks(n, s, d+1)
		if d >= c.opts.MaxDepth {
			c.tooDeep(at)
			w.out = append(w.out, inner...)
			return
		}
		if len(inner) > 0 {
			w.out = append(w.out, &book.Quote{Blocks: inner, At: at})
		}
	case atom.Ul, atom.Ol, atom.Menu, atom.Dir:
		w.list(n, s, d, at)
	case atom.Table:
		w.table(n, s, at)
	case atom.Dt:
		s.st |= book.Strong
		w.children(n, s, d)
	default:
		// p, div, section, li outside a list, figure, figcaption …
		w.children(n, s, d)
	}
}

// blocks converts n's children in a new blocks walker.
func (c *conv) blocks(n *html.Node, s style, d int) []book.Block {
	w := c.walker(modeBlocks)
	w.children(n, s, d)
	w.flush()
	return w.out
}

// runs converts n's children to runs in a new walker of mode m.
func (c *conv) runs(n *html.Node, s style, m mode) []book.Run {
	w := c.walker(m)
	w.children(n, s, 0)
	return w.finish()
}

func (c *conv) tooDeep(at book.Pos) {
	if !c.deep {
		c.deep = true
		c.res.Diags.Warnf(at, "quotes or lists nested deeper than %d levels; the deeper levels are flattened", c.opts.MaxDepth)
	}
}

// list converts ul/ol; content outside li joins the item before it.
func (w *walker) list(n *html.Node, s style, d int, at book.Pos) {
	c := w.c
	l := &book.List{Ordered: n.DataAtom == atom.Ol, At: at}
	if l.Ordered {
		l.Start = 1
		if v, err := strconv.Atoi(strings.TrimSpace(Attr(n, "start"))); err == nil && v >= 0 && v < 1e9 {
			l.Start = v
		}
	}
	var stray []*html.Node
	addStray := func() {
		if len(stray) == 0 {
			return
		}
		sw := c.walker(modeBlocks)
		for _, k := range stray {
			sw.node(k, s, d+1)
		}
		sw.flush()
		stray = nil
		if len(sw.out) == 0 {
			return
		}
		if len(l.Items) == 0 {
			l.Items = append(l.Items, nil)
		}
		l.Items[len(l.Items)-1] = append(l.Items[len(l.Items)-1], sw.out...)
	}
	for k := n.FirstChild; k != nil; k = k.NextSibling {
		if k.Type == html.ElementNode && k.DataAtom == atom.Li {
			addStray()
			l.Items = append(l.Items, c.blocks(k, s, d+1))
			continue
		}
		stray = append(stray, k)
	}
	addStray()
	if len(l.Items) == 0 {
		return
	}
	if d >= c.opts.MaxDepth {
		c.tooDeep(at)
		for _, it := range l.Items {
			w.out = append(w.out, it...)
		}
		return
	}
	w.out = append(w.out, l)
}

// link converts <a>: http, https and mailto targets are kept, anything else
// keeps only the text (counted for one warning).
func (w *walker) link(n *html.Node, s style, d int) {
	href := strings.TrimSpace(Attr(n, "href"))
	switch {
	case SafeHref(href):
		s.st |= book.Link
		s.href = href
	case href != "":
		if w.c.links == 0 {
			w.c.linkAt, w.c.linkHref = w.c.pos(n), href
		}
		w.c.links++
	}
	w.children(n, s, d)
}

// SafeHref reports whether a link target is kept: http, https or mailto, with
// no spaces, control characters, quotes, angle brackets or backslashes.
func SafeHref(u string) bool {
	lu := strings.ToLower(u)
	if !(strings.HasPrefix(lu, "http://") || strings.HasPrefix(lu, "https://") || strings.HasPrefix(lu, "mailto:")) {
		return false
	}
	for i := 0; i < len(u); i++ {
		if u[i] <= ' ' || u[i] == 0x7f || u[i] == '"' || u[i] == '<' || u[i] == '>' || u[i] == '\\' {
			return false
		}
	}
	return len(u) > len("mailto:")
}

// image places an <img>: an Image block in a blocks walker, an inline picture
// run in a table cell, its alt text in a heading or when it cannot be read.
func (w *walker) image(n *html.Node, s style) {
	c := w.c
	at := c.pos(n)
	src := strings.TrimSpace(Attr(n, "src"))
	alt, title := strings.TrimSpace(Attr(n, "alt")), Attr(n, "title")
	key, ok := "", false
	if w.mode == modePlain {
		if src != "" {
			c.res.Diags.Warnf(at, "image %q cannot stand in a heading; its alt text is kept", shorten(src, 80))
		}
	} else if c.opts.Image != nil && src != "" {
		key, ok = c.opts.Image(src, at)
	}
	if !ok {
		if alt != "" {
			w.text(n, alt, s)
		}
		return
	}
	img := &book.Image{Src: key, Alt: alt, Title: title, Width: WidthHint(Attr(n, "style"), Attr(n, "width")), At: at}
	if w.mode == modeCell {
		w.start(n)
		w.gap = 0
		w.runs = append(w.runs, book.Run{Image: img})
		return
	}
	if alt == "" {
		c.res.Diags.Warnf(at, "image %q has no alt text, so readers who cannot see it do not know what it shows", shorten(src, 80))
	}
	w.flush()
	w.out = append(w.out, img)
}

func shorten(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n]) + "…"
	}
	return s
}
