// Package layout turns a book model into positioned pages: line breaking (clreq),
// justification, punctuation width, pagination, contents pages and outline.
// It is pure Go and never imports the PDF library; the pdf package only draws
// what this package decided.
package layout

import (
	"unicode/utf8"

	"cjkbook/book"
)

// Pt is a length in PostScript points (1/72 in).
type Pt float64

// Em is a length relative to the font size.
type Em float64

// Of converts an em length at a font size to points.
func (e Em) Of(size Pt) Pt { return Pt(e) * size }

// MM converts millimetres to points.
func MM(mm float64) Pt { return Pt(mm * 72 / 25.4) }

// FaceID selects a font face for an item.
type FaceID int

const (
	// Regular is the body face.
	Regular FaceID = 0
	// Bold is the bold face used for headings and strong text.
	Bold FaceID = 1
	// FirstFallback is the face of the first fallback font; fallback i is FirstFallback+i.
	FirstFallback FaceID = 2
)

// ItemKind says what an Item draws.
type ItemKind uint8

const (
	// Text draws Item.Text at baseline (X, Y) with letter spacing Spacing, each glyph
	// moved further by the item's Moves.
	Text ItemKind = iota
	// Rule draws a line from (X, Y) to (X+W, Y+H) with width Size.
	Rule
	// Box draws an empty rectangle (missing-glyph placeholder) with top-left (X, Y), size W×H;
	// Text is the character it stands for.
	Box
	// Dot draws a filled circle of diameter Size centred on (X, Y) (emphasis marks, 着重号).
	Dot
	// Picture draws the image Item.Src into the rectangle with top-left (X, Y), size W×H.
	Picture
	// Fill draws a filled rectangle with top-left (X, Y), size W×H in grey level Gray.
	Fill
	// Span draws nothing: it opens a stretch of items that text extraction and copying
	// read as Item.Text instead (a line with ruby: its base text, without the readings
	// and without the blanks around widened bases). SpanEnd closes it; spans never nest.
	Span
	// SpanEnd closes the stretch the Span before it opened.
	SpanEnd
)

// Item is one positioned thing on a page. Coordinates are from the page's top-left
// corner, y growing downwards; for Text, Y is the baseline.
type Item struct {
	Kind    ItemKind
	Tag     Tag // where the item sits in the structure tree, or which artifact it is (tags.go)
	X, Y    Pt
	W, H    Pt
	Size    Pt // font size (Text), line width (Rule), diameter (Dot)
	Spacing Pt // extra space after every glyph (PDF Tc), uniform within the item
	// Moves shift the pen of a Text item before some of its glyphs (in increasing At
	// order), so that glyphs moved inside their cell or set at another spacing share
	// the item; nil when every glyph follows the one before it. With X and Y any glyph
	// can stand anywhere: a line's ruby readings are one item (ruby.go). In a Vertical
	// item they move glyphs down the column.
	Moves []Move
	Face  FaceID
	Gray  float64 // 0 = black … 1 = white, for Text, Rule and Fill
	Text  string
	Src   string // image key in book.Book.Images (Picture)
	// Rotate turns a Text item 90° clockwise about its origin (X, Y) when 90, so the
	// text runs down the page: Latin words in vertical writing. 0 draws it upright.
	Rotate int
	// Vertical draws a Text item in vertical writing mode, a column's run of upright
	// glyphs (vertical.go): each glyph is centred across on the line x = X, and (X, Y)
	// is the first one's vertical origin, the top of its em box, one Ascent of the
	// item's face above the baseline it would have if set level there. Each glyph
	// advances Size plus Spacing down the column; a Move's Y moves the pen further down
	// before its glyph, and its X must be 0. Pens does not apply.
	Vertical bool
	// Slant shears a Text item's glyphs, a synthetic oblique: each leans forward by
	// Slant times its height above the baseline (tan 12° for Latin words under
	// emphasis, which the faces have no italic for). 0 draws it upright.
	Slant float64
	// Label marks a Text item that labels a Picture (an SVG's text): vertical layout
	// keeps it level at its place on the picture instead of turning it like a column.
	Label bool
	// Ruby marks a Text item that is a ruby reading (注音) of the text beside it: no
	// part of the text. The layout sets it inside the Span of its line.
	Ruby bool
	// Follows marks a Text item that goes on from the Text item before it in the same
	// face, size, spacing and baseline, split from it only because its run is another
	// element of the structure tree (a link, emphasis): the drawer shows it from where
	// that one ends, so that it renders as the unsplit text would.
	Follows bool
}

// Move moves the pen of a Text item by X (rightwards) and Y (downwards) before its
// glyph At (an index into the runes of Text, 0 for the first), beyond the advance and
// Spacing of the glyph before it; the glyphs after go on from there.
type Move struct {
	At   int
	X, Y Pt
}

// Pens returns the x of each rune's glyph of Text item it and, last, where the pen
// stands after the last one's advance and Spacing: from it.X on, by the advances of
// face f, Spacing and the X of Moves (their Y is not counted). A variation sequence
// that f draws is one glyph, the variant: its selector stands where its base does.
func (it *Item) Pens(f Metrics) []Pt {
	pos := make([]Pt, 0, utf8.RuneCountInString(it.Text)+1)
	x, i, k := it.X, 0, 0
	prev := rune(-1)
	for _, r := range it.Text {
		for k < len(it.Moves) && it.Moves[k].At <= i {
			x += it.Moves[k].X
			k++
		}
		if a, ok := variantAdvance(f, prev, r); ok {
			// The base's glyph becomes the variant: back to where it stands.
			x = pos[i-1]
			pos = append(pos, x)
			x += Pt(a)*it.Size + it.Spacing
		} else {
			pos = append(pos, x)
			x += Pt(f.Advance(r))*it.Size + it.Spacing
		}
		prev = r
		i++
	}
	return append(pos, x)
}

// Link is a clickable rectangle: an internal anchor (Dest) or an external URL.
type Link struct {
	X, Y, W, H Pt
	Dest       string // anchor name, or "" for URL links
	URL        string
	Tag        Tag // the Link element of the structure tree the annotation belongs to
}

// Anchor is a named destination on a page (a chapter or section start).
type Anchor struct {
	Name string
	Y    Pt
}

// Page is one physical page.
type Page struct {
	Index   int    // 0-based physical page index
	Label   string // printed folio ("iii", "12") or "" when unnumbered
	Items   []Item
	Links   []Link
	Anchors []Anchor
	Start   Start // where the page's body text starts in the model
	Body    bool  // a body page (chapter text), as opposed to cover, title, contents or blank
}

// OutlineEntry is one bookmark; Children nest (part > chapter > section).
type OutlineEntry struct {
	Title    string
	Page     int // 0-based physical page index
	Y        Pt
	Children []OutlineEntry
}

// Info is document metadata for the PDF.
type Info struct {
	Title, Author, Subject, Creator string
	Language                        string
	Source                          string // the manuscript, for errors about the book as a whole
}

// Document is the finished layout: every page with its items, plus the outline.
type Document struct {
	Width, Height Pt // page size
	Pages         []Page
	Outline       []OutlineEntry
	Info          Info
	// Tree is the structure tree in reading order: Tree[0] is the Document element,
	// and every element's parent comes before it (tags.go).
	Tree []Elem
	// RTL says the pages are read right to left (vertical writing): the viewer should
	// show spreads with the first page on the right.
	RTL bool
	// CellShifts are the characters that Vertical items draw moved inside their cell
	// (corner marks, centred stops), in rune order; empty in horizontal books.
	CellShifts []CellShift
	// VerticalForms are the marks that Vertical items draw as their face's vertical form
	// (the glyph its GSUB 'vert' feature gives them) instead of turning the horizontal
	// glyph, in face and rune order; empty in horizontal books.
	VerticalForms []VerticalForm
	// Warnings are about what the PDF cannot show as the manuscript has it: images
	// that cannot be drawn (set as a framed alt text), characters of SVG labels that
	// no font has (left out). In chapter order; the build reports them.
	Warnings book.Diagnostics
}

// CellShift says that a Vertical item draws Rune, in every face, moved by X em
// (rightwards) and Y em (downwards) from the middle of its cell; the pen, and the
// glyphs after it, are not moved.
type CellShift struct {
	Rune rune
	X, Y float64
}

// VerticalForm says that the Vertical items of face Face draw Rune as the face's vertical
// form, moved by X em (rightwards) and Y em (downwards) in its cell, as a CellShift.
type VerticalForm struct {
	Face FaceID
	Rune rune
	X, Y float64
}

// Start is where a page's body text starts in the model, so the EPUB can carry the PDF's
// page breaks: Chapter indexes book.Book.Chapters, Block indexes that chapter's top-level
// Blocks, and Rune is the rune offset into book.Text of that block where the page's first
// line begins (exact for paragraphs and headings, 0 for other blocks and for lines inside
// nested blocks). Chapter is -1 on pages without body text (cover, title, contents, blanks).
type Start struct {
	Chapter, Block, Rune int
}
