package pdf

import (
	"strings"

	"cjkbook/book/pdf/layout"

	"github.com/signintech/gopdf"
)

// tagger writes the layout's structure tree: it wraps each run of items of one element
// (or one artifact kind) in a marked-content sequence, and gives the elements their
// kids in the order the layout's items have them (layout.Document.Tree says how).
type tagger struct {
	tree     []layout.Elem
	elems    []gopdf.StructElem // parallel to tree
	attached []bool             // the element is in its parent's kids
	pages    [][]int            // per page: the element of each MCID
	linkText map[int]*strings.Builder
	page     int
	open     bool
	cur      layout.Tag
	curPlain bool
}

func newTagger(d *layout.Document) *tagger {
	t := &tagger{tree: d.Tree, elems: make([]gopdf.StructElem, len(d.Tree)), attached: make([]bool, len(d.Tree)),
		pages: make([][]int, len(d.Pages)), linkText: map[int]*strings.Builder{}}
	for i, e := range d.Tree {
		t.elems[i] = gopdf.StructElem{Type: e.Role, Parent: e.Parent, Alt: e.Alt, ActualText: e.ActualText,
			ID: e.ID, Scope: e.Scope, BBoxPage: -1}
	}
	if len(t.elems) == 0 { // a document without a tree: everything is an artifact
		t.elems = []gopdf.StructElem{{Type: layout.RoleDocument, Parent: -1, BBoxPage: -1}}
		t.attached = []bool{false}
	}
	t.elems[0].Lang = d.Info.Language
	t.attached[0] = true
	return t
}

// opens reports whether it starts a new marked-content sequence: its tag is not the
// open one's, or it is plain and the open one is not (or the other way round). plain
// says the item is upright text that gopdf writes inside a shared text object: a
// sequence holds plain items only or none, so that the text objects, and the positions
// in them, stay what they are in an untagged file. The drawer closes the open sequence,
// sets the graphics state (a new grey) outside any, then calls item.
func (t *tagger) opens(it *layout.Item, plain bool) bool {
	return !t.open || it.Tag != t.cur || plain != t.curPlain
}

// item opens the marked-content sequence of it's tag unless it is the open one, and
// records what the item adds to its element (a link's text, a figure's box).
func (t *tagger) item(pdf *gopdf.GoPdf, it *layout.Item, plain bool) {
	e := it.Tag.Elem()
	if e >= len(t.tree) {
		e = -1 // validate rejects this; be safe
	}
	if e >= 0 && t.tree[e].Role == layout.RoleLink && it.Kind == layout.Text {
		b := t.linkText[e]
		if b == nil {
			b = &strings.Builder{}
			t.linkText[e] = b
		}
		b.WriteString(it.Text)
	}
	if e >= 0 && it.Kind == layout.Picture && t.tree[e].Role == layout.RoleFigure {
		t.bbox(e, it)
	}
	if !t.opens(it, plain) {
		return
	}
	t.end(pdf)
	t.open, t.cur, t.curPlain = true, it.Tag, plain
	if e < 0 {
		pdf.BeginArtifact(artifactKind(it.Tag))
		return
	}
	mcid := len(t.pages[t.page])
	t.pages[t.page] = append(t.pages[t.page], e)
	pdf.BeginMarkedContent(t.tree[e].Role, mcid)
	t.attach(e)
	t.elems[e].Kids = append(t.elems[e].Kids, gopdf.StructKid{Elem: -1, Page: t.page, MCID: mcid, Annot: -1})
}

// bbox grows the bounding box of Figure e by a Picture item on its first page.
func (t *tagger) bbox(e int, it *layout.Item) {
	el := &t.elems[e]
	x, y, w, h := float64(it.X), float64(it.Y), float64(it.W), float64(it.H)
	if el.BBoxPage < 0 {
		el.BBoxPage, el.BBox = t.page, [4]float64{x, y, w, h}
		return
	}
	if el.BBoxPage != t.page {
		return
	}
	b := el.BBox
	x0, y0 := min(b[0], x), min(b[1], y)
	x1, y1 := max(b[0]+b[2], x+w), max(b[1]+b[3], y+h)
	el.BBox = [4]float64{x0, y0, x1 - x0, y1 - y0}
}

// end closes the open marked-content sequence.
func (t *tagger) end(pdf *gopdf.GoPdf) {
	if t.open {
		pdf.EndMarkedContent()
		t.open = false
	}
}

// attach puts element e (and its ancestors) into their parents' kids, once, at its
// first content.
func (t *tagger) attach(e int) {
	if t.attached[e] {
		return
	}
	t.attached[e] = true
	p := t.elems[e].Parent
	t.attach(p)
	t.elems[p].Kids = append(t.elems[p].Kids, gopdf.StructKid{Elem: e, Page: -1, MCID: -1, Annot: -1})
}

// link puts the annotation just added for l into the tree: under its Link element, or
// a Link of its own under the document when the layout gave it none.
func (t *tagger) link(pdf *gopdf.GoPdf, l *layout.Link) {
	e := l.Tag.Elem()
	if e < 0 || e >= len(t.tree) {
		t.elems = append(t.elems, gopdf.StructElem{Type: layout.RoleLink, Parent: 0, BBoxPage: -1})
		t.attached = append(t.attached, false)
		e = len(t.elems) - 1
	}
	contents := l.URL
	if b := t.linkText[e]; b != nil && b.Len() > 0 {
		contents = b.String()
	}
	if contents == "" {
		contents = l.Dest
	}
	key := pdf.SetLinkStructParent(contents)
	t.attach(e)
	t.elems[e].Kids = append(t.elems[e].Kids, gopdf.StructKid{Elem: -1, Page: t.page, MCID: -1, Annot: key})
}

// finish gives gopdf the elements that have content, in order, renumbered.
func (t *tagger) finish(pdf *gopdf.GoPdf) error {
	idx := make([]int, len(t.elems))
	out := make([]gopdf.StructElem, 0, len(t.elems))
	for i := range t.elems {
		idx[i] = -1
		if t.attached[i] {
			idx[i] = len(out)
			out = append(out, t.elems[i])
		}
	}
	for i := range out {
		e := &out[i]
		if e.Parent >= 0 {
			e.Parent = idx[e.Parent]
		}
		for k := range e.Kids {
			if e.Kids[k].Elem >= 0 {
				e.Kids[k].Elem = idx[e.Kids[k].Elem]
			}
		}
	}
	for p, m := range t.pages {
		for i, e := range m {
			t.pages[p][i] = idx[e]
		}
	}
	return pdf.SetStructTree(out, t.pages)
}

// artifactKind maps an artifact Tag to gopdf's kinds.
func artifactKind(t layout.Tag) gopdf.ArtifactKind {
	switch t {
	case layout.Header:
		return gopdf.ArtifactHeader
	case layout.Footer:
		return gopdf.ArtifactFooter
	case layout.Background:
		return gopdf.ArtifactBackground
	case layout.Artifact:
		return gopdf.ArtifactLayout
	}
	return gopdf.ArtifactLayout // an element Tag: not an artifact, never asked
}
