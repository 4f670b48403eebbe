package layout

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"strings"

	"cjkbook/book"
)

// The structure tree (PDF 32000-1 §14.7, "logical structure"; PDF/UA-1) is decided
// here, as the rest of the layout is: every Item and Link carries a Tag, which is
// either an element of Document.Tree or an artifact kind, and Document.Tree holds the
// elements in the model's reading order (a parent before its children, siblings in
// reading order). The drawer only writes what it is given: consecutive items of one
// element on a page become one marked-content sequence, and the kids of an element
// are its own content and its child elements in the order of their first content in
// the document's item order (pages in order, each page's items in order) — which the
// layout makes the reading order (a list marker is the first item of its line, the
// running head and folio come after the page's text).

// Tag says where an Item or Link belongs in the structure tree: a positive Tag is the
// element Document.Tree[t-1] (ElemTag), zero and the negative kinds below are
// artifacts, content that is not part of the text (PDF 32000-1 §14.8.2.2).
type Tag int32

const (
	// Artifact is layout decoration: rules, leaders, ornaments, emphasis dots, an
	// inserted hyphen, the ground of code blocks. It is the zero Tag, so an item the
	// layout does not place in the tree is never read aloud.
	Artifact Tag = 0
	// Header is the running head (a pagination artifact of subtype Header).
	Header Tag = -1
	// Footer is the folio (a pagination artifact of subtype Footer).
	Footer Tag = -2
	// Background is a page background: the full-page cover picture.
	Background Tag = -3
)

// runBase marks the items of a line as the breaker sets them: runBase+i is run i of
// the paragraph, which the chapter layout maps to an element (tagLine). Unmapped, it
// is an artifact.
const runBase Tag = math.MinInt32

// maxRuns bounds the run indexes runBase can carry.
const maxRuns = 1 << 24

// ElemTag returns the Tag of element i of Document.Tree.
func ElemTag(i int) Tag { return Tag(i + 1) }

// Elem returns the index in Document.Tree of the element t, or -1 for an artifact.
func (t Tag) Elem() int {
	if t > 0 {
		return int(t) - 1
	}
	return -1
}

// runTag returns the Tag the breaker gives the items of run i.
func runTag(i int32) Tag {
	if i < 0 || i >= maxRuns {
		return Artifact
	}
	return runBase + Tag(i)
}

// run returns the run index a breaker Tag carries.
func (t Tag) run() (int, bool) {
	if t >= runBase && t < runBase+maxRuns {
		return int(t - runBase), true
	}
	return 0, false
}

// Standard structure types (PDF 32000-1 §14.8.4) the layout uses.
const (
	RoleDocument   = "Document"
	RolePart       = "Part"
	RoleSect       = "Sect"
	RoleP          = "P"
	RoleBlockQuote = "BlockQuote"
	RoleCaption    = "Caption"
	RoleTOC        = "TOC"
	RoleTOCI       = "TOCI"
	RoleL          = "L"
	RoleLI         = "LI"
	RoleLbl        = "Lbl"
	RoleLBody      = "LBody"
	RoleTable      = "Table"
	RoleTHead      = "THead"
	RoleTBody      = "TBody"
	RoleTR         = "TR"
	RoleTH         = "TH"
	RoleTD         = "TD"
	RoleSpan       = "Span"
	RoleLink       = "Link"
	RoleNote       = "Note"
	RoleReference  = "Reference"
	RoleCode       = "Code"
	RoleFigure     = "Figure"
	RoleRuby       = "Ruby"
	RoleRB         = "RB"
	RoleRT         = "RT"
)

// HeadingRole returns the structure type of a heading of level n (H1…H6).
func HeadingRole(n int) string {
	return "H" + string(rune('0'+min(max(n, 1), 6)))
}

// Elem is one element of the structure tree.
type Elem struct {
	Role   string // standard structure type (the Role constants, H1…H6)
	Parent int    // index in Document.Tree of the parent, -1 for the root
	// Alt is the alternate description of a Figure (the image's alt text or title).
	Alt string
	// ActualText replaces the element's content in extracted text.
	ActualText string
	Scope      string   // "Column" or "Row" for a TH cell
	ID         string   // element identifier (a Note: the footnote's ID)
	At         book.Pos // where the manuscript has it (figures), for errors about it
}

// tree is a list of elements being built, one per chapter or for the whole book.
type tree struct {
	elems []Elem
}

// add appends an element under parent and returns its index.
func (t *tree) add(role string, parent int) int {
	t.elems = append(t.elems, Elem{Role: role, Parent: parent})
	return len(t.elems) - 1
}

// tagLine maps the breaker's run Tags of items and links to elements under el: plain
// and bold runs (and the other styles) are el's own content, a link run a Link, a
// footnote mark a Reference, inline code and keys to type a Code, emphasis a Span (a
// placeholder box is an artifact; the invisible glyph that carries its character, in a
// Span item with the character as ActualText, is its run's content). runEl caches the element
// of each run over the lines of one paragraph and is returned for reuse. el < 0 makes
// everything an artifact.
func (t *tree) tagLine(items []Item, links []Link, runs []book.Run, el int, runEl []int) []int {
	if el < 0 {
		for i := range items {
			items[i].Tag = Artifact
		}
		for i := range links {
			links[i].Tag = Artifact
		}
		return runEl
	}
	if len(runEl) != len(runs) {
		runEl = runEl[:0]
		for range runs {
			runEl = append(runEl, -1)
		}
	}
	of := func(tg Tag) Tag {
		r, ok := tg.run()
		if !ok || r >= len(runs) {
			return Artifact
		}
		if runEl[r] < 0 {
			runEl[r] = t.inline(runs, r, el)
		}
		return ElemTag(runEl[r])
	}
	for i := range items {
		it := &items[i]
		if _, ok := it.Tag.run(); !ok {
			continue
		}
		r, _ := it.Tag.run()
		if it.Ruby && r < len(runs) && runs[r].AutoRuby {
			it.Tag = Artifact // a book-wide reading is decoration (ruby.go)
			continue
		}
		it.Tag = of(it.Tag)
		if r < len(runs) && len(runs[r].Ruby) > 0 && !runs[r].AutoRuby && it.Tag > 0 {
			it.Tag = rubyPart(it.Tag, it.Ruby) // its base is an RB, its reading an RT (ruby.go)
		}
	}
	for i := range links {
		links[i].Tag = of(links[i].Tag)
	}
	return runEl
}

// inline returns the element of run r of a paragraph whose element is el.
func (t *tree) inline(runs []book.Run, r, el int) int {
	st := runs[r].Style
	switch {
	case st&book.Link != 0:
		return t.add(RoleLink, el)
	case st&book.NoteRef != 0:
		return t.add(RoleReference, el)
	case st&(book.Code|book.Kbd) != 0:
		return t.add(RoleCode, el)
	case len(runs[r].Ruby) > 0 && !runs[r].AutoRuby:
		return t.ruby(el)
	case st&book.Emphasis != 0:
		return t.add(RoleSpan, el)
	}
	return el
}

// splitsTag reports whether a run's glyphs must not share a Text item with another
// run's: it becomes an element of its own (tagLine).
func splitsTag(st book.Style) bool {
	return st&(book.Link|book.NoteRef|book.Code|book.Kbd|book.Emphasis) != 0
}

// retag shifts the element Tags of items and links by off (a chapter's tree appended
// to the document's at index off).
func retag(items []Item, links []Link, off int) {
	for i := range items {
		if items[i].Tag > 0 {
			items[i].Tag += Tag(off)
		}
	}
	for i := range links {
		if links[i].Tag > 0 {
			links[i].Tag += Tag(off)
		}
	}
}

// setTag gives every item the Tag t.
func setTag(items []Item, t Tag) {
	for i := range items {
		items[i].Tag = t
	}
}

// DumpTree writes the structure tree as deterministic text for golden tests: one line
// per element, indented by depth, in Tree order, with its attributes and the text of the
// items tagged with it (in item order), then the items of each artifact kind.
func (d *Document) DumpTree(w io.Writer) error {
	bw := bufio.NewWriter(w)
	text := make([]strings.Builder, len(d.Tree))
	links := make([]int, len(d.Tree))
	art := map[Tag]int{}
	for pi := range d.Pages {
		for _, it := range d.Pages[pi].Items {
			if e := it.Tag.Elem(); e >= 0 && e < len(d.Tree) {
				text[e].WriteString(it.Text)
			} else {
				art[it.Tag]++
			}
		}
		for _, l := range d.Pages[pi].Links {
			if e := l.Tag.Elem(); e >= 0 && e < len(d.Tree) {
				links[e]++
			}
		}
	}
	depth := make([]int, len(d.Tree))
	for i, e := range d.Tree {
		if e.Parent >= 0 && e.Parent < i {
			depth[i] = depth[e.Parent] + 1
		}
		fmt.Fprintf(bw, "%*s%s", 2*depth[i], "", e.Role)
		for _, kv := range [...][2]string{{"alt", e.Alt}, {"actual", e.ActualText}, {"scope", e.Scope}, {"id", e.ID}} {
			if kv[1] != "" {
				fmt.Fprintf(bw, " %s=%q", kv[0], kv[1])
			}
		}
		if links[i] > 0 {
			fmt.Fprintf(bw, " links=%d", links[i])
		}
		if t := text[i].String(); t != "" {
			fmt.Fprintf(bw, " %q", t)
		}
		fmt.Fprintln(bw)
	}
	for _, k := range []Tag{Artifact, Header, Footer, Background} {
		fmt.Fprintf(bw, "artifact %d items=%d\n", k, art[k])
	}
	return bw.Flush()
}
