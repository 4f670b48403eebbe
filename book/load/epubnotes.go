package load

import (
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"cjkbook/book"
	"cjkbook/book/cjk"
	"cjkbook/book/load/epubfile"
	"cjkbook/book/load/htmlmodel"
)

// An EPUB's footnotes.
//
// A note reference is a link marked as one (epub:type="noteref",
// role="doc-noteref", class footnote-ref or noteref), or a link of the common
// converters' shape: a fragment like #fn1, #fn:1, #note3, #_ftn2 or
// #footnote-4 with a short label (1, [1], ①, *). Its target, widened to the
// block around it (p, li, aside, div), is the note; links inside the note
// back to a reference (↩, [1], 返回) are markup. The converter leaves notes
// out of the text (Skip) and puts a NoteRef run where each reference was
// (Inline); a list or section left holding only notes goes with them.

// noteFragment matches the fragments of the common footnote links.
var noteFragment = regexp.MustCompile(`(?i)^(fn|ftn|_ftn|footnote|note|endnote|en|sdfootnote|n|zhu|注)[-_:.]?\d+[a-z]*$`)

// backFragment matches the fragments of links from a note back to its reference.
var backFragment = regexp.MustCompile(`(?i)(ref|back|return|anchor)`)

// noteDef is a note found in the book.
type noteDef struct {
	node *html.Node
	doc  *epubDoc
	note *book.Footnote // made at the first reference
	// ruled is set once the containers and the rule around the note are looked at.
	ruled bool
}

// epubNotes are the book's notes and references.
type epubNotes struct {
	c    *epubConv
	refs map[*html.Node]*noteDef // reference link → note
	docs map[*epubDoc]bool       // the documents that hold notes
	skip map[*html.Node]bool     // nodes the converter leaves out
	// except is the note being converted, which Skip must not leave out.
	except *html.Node
	cur    *book.Chapter // the chapter being converted, which gets the notes
	// pending are the notes referred to but not yet converted, with the
	// reference's mark.
	pending []pendingNote
}

type pendingNote struct {
	def  *noteDef
	mark string
}

// noteLink is a link that may be a note reference or a link back to one.
type noteLink struct {
	n, target *html.Node // the link and the element it points to
	tdoc      *epubDoc   // the document of the target
	frag      string
	order     int // reading order among the candidates
}

// noteLinks are the candidate links of the book, by element.
type noteLinks struct {
	list []*noteLink
	by   map[*html.Node]*noteLink
}

// candidates collects the links of every document that are marked as note
// references or back links, or have the common shape, and whose target exists.
func (c *epubConv) candidates() *noteLinks {
	ls := &noteLinks{by: map[*html.Node]*noteLink{}}
	for _, d := range c.docs {
		walkElements(d.body, func(n *html.Node) {
			if n.DataAtom != atom.A {
				return
			}
			p, frag, ok := epubfile.Resolve(d.path, htmlmodel.Attr(n, "href"))
			if !ok || frag == "" || !(typedRef(n) || typedBack(n) || commonRef(n, frag)) {
				return
			}
			if td := c.byPath[p]; td != nil && td.ids[frag] != nil {
				ln := &noteLink{n: n, target: td.ids[frag], tdoc: td, frag: frag, order: len(ls.list)}
				ls.list = append(ls.list, ln)
				ls.by[n] = ln
			}
		})
	}
	return ls
}

// isBack reports whether ln leads from a note back to its reference: it is
// marked as such, has a back fragment (#fnref1), points at a reference link,
// or is the second of two links into each other's blocks ([1] in the text,
// [1] before the note).
func (ls *noteLinks) isBack(ln *noteLink) bool {
	switch {
	case typedBack(ln.n):
		return true
	case typedRef(ln.n):
		return false
	case backFragment.MatchString(ln.frag) && !noteFragment.MatchString(ln.frag):
		return true
	}
	mutual, first, seen := false, true, 0
	walkUntil(widen(ln.target), func(a *html.Node) bool {
		if o := ls.by[a]; o != nil && o != ln && contains(widen(o.target), ln.n) {
			mutual, first = true, first && ln.order < o.order
		}
		// A note is small: the bound keeps a hostile book from making this quadratic.
		seen++
		return seen < maxNoteElements
	})
	if mutual {
		return !first
	}
	t := ln.target
	if t.DataAtom != atom.A && inlineTags[t.DataAtom] {
		t = onlyChild(t)
	}
	o := ls.by[t]
	return o != nil && !(typedBack(t) || backFragment.MatchString(o.frag) && !noteFragment.MatchString(o.frag))
}

// findNotes finds the references and notes of every document and what the
// converter is to leave out: the notes, their back links, and the lists,
// sections and rules that held only notes.
func (c *epubConv) findNotes() *epubNotes {
	ns := &epubNotes{c: c, refs: map[*html.Node]*noteDef{}, skip: map[*html.Node]bool{}}
	ls := c.candidates()
	defs := map[*html.Node]*noteDef{}
	blocks := map[*html.Node]*html.Node{} // noteBlock by target block
	var backs []*html.Node
	for _, ln := range ls.list {
		if ls.isBack(ln) {
			backs = append(backs, ln.n)
			continue
		}
		if !typedRef(ln.n) && !noteFragment.MatchString(ln.frag) && !noteMark.MatchString(strings.TrimSpace(htmlmodel.Text(ln.n))) {
			continue
		}
		def, ok := blocks[widen(ln.target)]
		if !ok {
			def = noteBlock(ln.target)
			blocks[widen(ln.target)] = def
		}
		if def == nil || contains(def, ln.n) {
			continue
		}
		if defs[def] == nil {
			defs[def] = &noteDef{node: def, doc: ln.tdoc}
		}
		ns.refs[ln.n] = defs[def]
	}
	ns.docs = map[*epubDoc]bool{}
	for node, def := range defs {
		ns.skip[node] = true
		ns.docs[def.doc] = true
	}
	for _, b := range backs {
		if ns.inNote(b) {
			ns.skip[b] = true
			c.l.markup = append(c.l.markup, htmlmodel.Text(b))
		}
	}
	full := map[*html.Node]bool{}
	for _, ln := range ls.list { // in reading order, so the first note finds the rule
		if def := ns.refs[ln.n]; def != nil && !def.ruled {
			def.ruled = true
			ns.skipEmptyParents(def.node, full)
			ns.skipRule(def.node)
		}
	}
	ns.skipBackLinks(defs)
	return ns
}

// typedRef reports whether the link is marked as a note reference.
func typedRef(n *html.Node) bool {
	return hasWord(htmlmodel.Attr(n, "epub:type"), "noteref") || htmlmodel.Attr(n, "role") == "doc-noteref" ||
		hasWord(htmlmodel.Attr(n, "class"), "footnote-ref") || hasWord(htmlmodel.Attr(n, "class"), "noteref") ||
		hasWord(htmlmodel.Attr(n, "class"), "duokan-footnote")
}

// typedBack reports whether the link is marked as a link back to a reference.
func typedBack(n *html.Node) bool {
	return htmlmodel.Attr(n, "role") == "doc-backlink" || hasWord(htmlmodel.Attr(n, "class"), "footnote-back") ||
		hasWord(htmlmodel.Attr(n, "epub:type"), "backlink")
}

// commonRef reports whether a link has the shape of the common converters'
// note references: a note-like fragment and a short label.
func commonRef(n *html.Node, frag string) bool {
	label := strings.TrimSpace(htmlmodel.Text(n))
	if noteMark.MatchString(label) {
		return true // [1], 〔2〕, ①, 注3: a note's mark whatever the fragment (#filepos1234)
	}
	if !noteFragment.MatchString(frag) && !backFragment.MatchString(frag) {
		return false
	}
	rs := []rune(label)
	return len(rs) > 0 && len(rs) <= 6
}

// noteMark matches the visible marks of note references: a number in
// brackets, a circled number, 注 and a number.
var noteMark = regexp.MustCompile(`^(?:[\[〔【（(]\s*(?:注|註)?\d{1,3}\s*[\]〕】）)]|[①-⑳]|(?:注|註)\d{1,3})$`)

func hasWord(s, w string) bool {
	for _, f := range strings.Fields(s) {
		if f == w {
			return true
		}
	}
	return false
}

// inlineTags are the elements a note's target may sit in inside its block.
var inlineTags = map[atom.Atom]bool{atom.A: true, atom.Span: true, atom.Sup: true, atom.Sub: true,
	atom.B: true, atom.Strong: true, atom.Em: true, atom.I: true, atom.Small: true}

// noteBlock widens a note's target to the block around it; nil when that
// would be the whole body.
func noteBlock(t *html.Node) *html.Node {
	t = widen(t)
	if t == nil || t.Type != html.ElementNode || t.DataAtom == atom.Body || t.DataAtom == atom.Html {
		return nil
	}
	// A heading, or a block holding one, is a chapter or section (a contents
	// page's links), never a note; nor is a block of more than a page of text.
	heading, seen := false, 0
	big := !walkUntil(t, func(k *html.Node) bool {
		heading = heading || isHeading(k)
		seen++
		return !heading && seen < maxNoteElements
	})
	if heading || big || utf8.RuneCountInString(htmlmodel.Text(t)) > maxNoteChars {
		return nil
	}
	return t
}

// widen returns the block around t (t itself when it is one).
func widen(t *html.Node) *html.Node {
	for t != nil && inlineTags[t.DataAtom] {
		t = t.Parent
	}
	return t
}

// maxNoteElements bounds the elements looked at inside one note's block.
const maxNoteElements = 256

// maxNoteChars bounds the text of one note.
const maxNoteChars = 4000

func isHeading(n *html.Node) bool {
	switch n.DataAtom {
	case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
		return true
	default:
		return false
	}
}

func contains(outer, n *html.Node) bool {
	for k := n; k != nil; k = k.Parent {
		if k == outer {
			return true
		}
	}
	return false
}

// inNote reports whether n lies inside a note.
func (ns *epubNotes) inNote(n *html.Node) bool {
	for k := n; k != nil; k = k.Parent {
		if ns.skip[k] {
			return true
		}
	}
	return false
}

// isNote reports whether t, a table-of-contents target, is a note, lies in
// one, or is a reference (a link or the sup around one).
func (ns *epubNotes) isNote(t *html.Node) bool {
	return ns.inNote(t) || ns.refs[t] != nil || ns.refs[onlyChild(t)] != nil
}

// skipEmptyParents leaves out the containers (an ol, a footnotes section with
// its rule) that hold nothing but notes.
func (ns *epubNotes) skipEmptyParents(n *html.Node, full map[*html.Node]bool) {
	for p, i := n.Parent, 0; p != nil && i < 3 && p.DataAtom != atom.Body && p.DataAtom != atom.Html; p, i = p.Parent, i+1 {
		if full[p] {
			return // found holding text for an earlier note
		}
		if ns.skip[p] {
			continue
		}
		for k := p.FirstChild; k != nil; k = k.NextSibling {
			switch {
			case ns.skip[k], k.Type == html.CommentNode, k.Type == html.ElementNode && k.DataAtom == atom.Hr:
			case k.Type == html.TextNode && strings.TrimSpace(k.Data) == "":
			default:
				full[p] = true
				return
			}
		}
		ns.skip[p] = true
	}
}

// skipBackLinks leaves out the links inside a note that lead back to one of
// its references (to the reference, or to the block that holds it), whatever
// their shape: [1] before the note, ↩ or 返回 after it.
func (ns *epubNotes) skipBackLinks(defs map[*html.Node]*noteDef) {
	refsOf := map[*noteDef][]*html.Node{}
	for ref, def := range ns.refs {
		refsOf[def] = append(refsOf[def], ref)
	}
	for node, def := range defs {
		walkElements(node, func(a *html.Node) {
			if a.DataAtom != atom.A || ns.skip[a] {
				return
			}
			p, frag, ok := epubfile.Resolve(def.doc.path, htmlmodel.Attr(a, "href"))
			td := ns.c.byPath[p]
			if !ok || frag == "" || td == nil || td.ids[frag] == nil {
				return
			}
			t := td.ids[frag]
			for _, ref := range refsOf[def] {
				if contains(t, ref) || contains(ref, t) {
					ns.skip[a] = true
					ns.c.l.markup = append(ns.c.l.markup, htmlmodel.Text(a))
					return
				}
			}
		})
	}
}

// skipRule leaves out the rule (hr) right before a note, which set the notes
// off from the text.
func (ns *epubNotes) skipRule(n *html.Node) {
	for n.Parent != nil && ns.skip[n.Parent] {
		n = n.Parent
	}
	for k := n.PrevSibling; k != nil; k = k.PrevSibling {
		switch {
		case k.Type == html.ElementNode && k.DataAtom == atom.Hr:
			ns.skip[k] = true
			return
		case k.Type == html.TextNode && strings.TrimSpace(k.Data) == "", k.Type == html.CommentNode:
		default:
			return // text, or a note before this one, which owns the rule
		}
	}
}

// ref returns the NoteRef run for a reference link (or a sup holding only
// one), converting its note at the first reference and attaching it to the
// chapter being converted.
func (ns *epubNotes) ref(d *epubDoc, n *html.Node) ([]book.Run, bool) {
	link := n
	if n.DataAtom == atom.Sup {
		link = onlyChild(n)
	}
	def := ns.refs[link]
	if def == nil {
		return nil, false
	}
	label := strings.Trim(strings.TrimSpace(htmlmodel.Text(n)), "[]()（）【】〔〕")
	ns.c.l.markup = append(ns.c.l.markup, htmlmodel.Text(n))
	if def.note == nil {
		ns.c.l.noteSeq++
		if label == "" {
			label = strconv.Itoa(ns.c.l.noteSeq)
		}
		def.note = &book.Footnote{ID: "fn" + strconv.Itoa(ns.c.l.noteSeq), Label: label,
			At: book.Pos{File: def.doc.pos, Line: htmlmodel.Line(def.node)}}
		if ns.cur != nil {
			ns.cur.Notes = append(ns.cur.Notes, def.note)
		}
		// Converted by drain, after the text that refers to it: notes that
		// refer to notes never nest the conversions.
		ns.pending = append(ns.pending, pendingNote{def, strings.TrimSpace(htmlmodel.Text(n))})
	}
	return []book.Run{{Text: def.note.Label, Style: book.NoteRef, Href: def.note.ID}}, true
}

// noteBrackets are the marks left around a back link once it is left out.
const noteBrackets = "[]()（）【】〔〕 \u3000\u00a0"

// dropBrackets removes the paragraphs at the start of a note that hold only
// the brackets around a back link left out (Calibre's notes from a .docx are
// <dt>[<a href="#back_note_1">←1</a>]</dt><dd>text</dd>).
func (ns *epubNotes) dropBrackets(note *book.Footnote) {
	for len(note.Blocks) > 1 {
		p, ok := note.Blocks[0].(*book.Paragraph)
		if !ok || hasPicture(p.Runs) || strings.Trim(book.Plain(p.Runs), noteBrackets) != "" {
			return
		}
		ns.c.l.markup = append(ns.c.l.markup, book.Plain(p.Runs))
		note.Blocks = note.Blocks[1:]
	}
}

// stripMark removes the reference's mark (①, [1], 1.) where the note's text
// repeats it at its start: the books set the note's label themselves.
func (ns *epubNotes) stripMark(note *book.Footnote, mark string) {
	if mark == "" || len(note.Blocks) == 0 {
		return
	}
	p, ok := note.Blocks[0].(*book.Paragraph)
	if !ok || len(p.Runs) == 0 || p.Runs[0].Style&(book.Code|book.NoteRef) != 0 {
		return
	}
	t := p.Runs[0].Text
	for _, m := range []string{mark + ".", mark + "．", mark + "、", mark} {
		if rest, ok := strings.CutPrefix(t, m); ok && strings.TrimSpace(rest) != "" {
			p.Runs[0].Text = strings.TrimLeft(rest, cjk.IndentSpaces)
			ns.c.l.markup = append(ns.c.l.markup, m)
			return
		}
	}
}

// drain converts the notes referred to since the last call, and the notes
// they refer to in turn.
func (ns *epubNotes) drain() {
	for len(ns.pending) > 0 {
		p := ns.pending[0]
		ns.pending = ns.pending[1:]
		ns.except = p.def.node
		p.def.note.Blocks = ns.c.convertNode(p.def.doc, p.def.node)
		ns.except = nil
		ns.dropBrackets(p.def.note)
		ns.stripMark(p.def.note, p.mark)
	}
}

// onlyChild returns n's only child element when n holds nothing else but white space.
func onlyChild(n *html.Node) *html.Node {
	var only *html.Node
	for k := n.FirstChild; k != nil; k = k.NextSibling {
		switch {
		case k.Type == html.ElementNode && only == nil:
			only = k
		case k.Type == html.TextNode && strings.TrimSpace(k.Data) == "":
		default:
			return nil
		}
	}
	return only
}

// skips reports whether the converter leaves n out.
func (ns *epubNotes) skips(n *html.Node) bool { return n != ns.except && ns.skip[n] }

// walkUntil calls fn for n and the elements under it, depth first, until fn returns false.
func walkUntil(n *html.Node, fn func(*html.Node) bool) bool {
	if n == nil {
		return true
	}
	if n.Type == html.ElementNode && !fn(n) {
		return false
	}
	for k := n.FirstChild; k != nil; k = k.NextSibling {
		if !walkUntil(k, fn) {
			return false
		}
	}
	return true
}

// walkElements calls fn for every element under n (n excluded), depth first.
func walkElements(n *html.Node, fn func(*html.Node)) {
	var walk func(n *html.Node, depth int)
	walk = func(n *html.Node, depth int) {
		if depth > 256 {
			return
		}
		for k := n.FirstChild; k != nil; k = k.NextSibling {
			if k.Type == html.ElementNode {
				fn(k)
				walk(k, depth+1)
			}
		}
	}
	walk(n, 0)
}
