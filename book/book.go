// Package book holds the book model: the one value that flows from the loaders
// to the EPUB and PDF renderers. It imports no other package of cjkbook.
package book

import (
	"strings"
	"unicode/utf8"
)

// Book is a loaded manuscript: metadata plus chapters in reading order.
type Book struct {
	Meta     Metadata
	Chapters []*Chapter
	// Images maps an image's Src (as used in Image blocks) to the image, read
	// and identified once by the loader (see Asset).
	Images map[string]*Asset
}

// Metadata describes the book as a whole.
type Metadata struct {
	Title       string
	Subtitle    string
	Author      string
	Language    string // BCP 47 tag, e.g. zh-CN
	Publisher   string
	Date        string
	Description string
	Identifier  string
	Cover       string // Src of the cover image in Book.Images, if any
	Source      string // the manuscript path, for reports
	Encoding    string // detected or configured source encoding, for reports
}

// ChapterKind says where a chapter sits in the book's structure.
type ChapterKind int

const (
	// Body is an ordinary chapter.
	Body ChapterKind = iota
	// Front is front matter such as a preface or introduction (序, 前言, 引言).
	Front
	// Part is a volume or part heading (卷, 部) that groups the chapters after it.
	Part
	// Back is back matter such as an afterword (后记, 尾声 is Body).
	Back
)

// String returns the kind's name as used in dumps and JSON.
func (k ChapterKind) String() string {
	switch k {
	case Front:
		return "front"
	case Part:
		return "part"
	case Back:
		return "back"
	default:
		return "body"
	}
}

// Chapter is one unit of the table of contents with its text.
type Chapter struct {
	Title    string
	Subtitle string
	Kind     ChapterKind
	ID       string // stable, file-name safe identifier, e.g. "ch003"
	At       Pos
	Blocks   []Block
	Notes    []*Footnote // footnote definitions referenced from the chapter

	// SubtitleGenerated is set when the loader made Subtitle from the opening
	// words of the chapter's first paragraph (chapters whose headings repeat the
	// book title): the contents, navigation, outline and running heads show it,
	// the chapter opening does not (it would repeat the text right below it).
	SubtitleGenerated bool
	// TitleGenerated is set when the loader made Title itself (第N篇 for a
	// heading that repeats the book title, 引言 for the text before the first
	// heading, a file's name for a file without one) instead of taking a heading.
	TitleGenerated bool
}

// Footnote is a note referenced by a NoteRef run.
type Footnote struct {
	ID     string // unique within the book, e.g. "fn3"
	Label  string // the visible mark, e.g. "1"
	Blocks []Block
	At     Pos
}

// Block is a block-level element of a chapter; the set of blocks is closed.
//
//sumtype:decl
type Block interface {
	Pos() Pos
	// Kind names the block type: paragraph, heading, quote, list, code, image, table, break.
	Kind() string
	block()
}

// Style is a bit set of inline styles.
type Style uint16

const (
	// Emphasis is rendered with Chinese emphasis dots (着重号).
	Emphasis Style = 1 << iota
	// Strong is rendered in the bold face.
	Strong
	// Code is rendered in a monospace face, never justified inside.
	Code
	// Link marks a run that links to Run.Href.
	Link
	// NoteRef marks a footnote reference; Run.Href holds the footnote ID.
	NoteRef
	// Sup is superscript text (2⁸, 1st): smaller and raised.
	Sup
	// Sub is subscript text (H₂O): smaller and lowered.
	Sub
	// Kbd is text the reader types or a key to press, set like Code.
	Kbd
	// Small is side comment or fine print, set a little smaller.
	Small
	// Mark is highlighted text.
	Mark
	// Underline is text with an unarticulated annotation, drawn underlined
	// (HTML's <u>; a proper-name mark in Chinese text).
	Underline
	// Strike is text that is no longer accurate or was deleted, drawn struck through.
	Strike
	// Inserted is text added to the document (HTML's <ins>).
	Inserted
	// Abbr is an abbreviation; Run.Title holds its expansion when the source gave one.
	Abbr
)

// Run is a stretch of text with one style, or an inline picture.
type Run struct {
	Text  string
	Style Style
	Href  string // link target (Link) or footnote ID (NoteRef)
	Title string // an abbreviation's expansion (Abbr); not visible text
	// Image, when set, makes the run an inline picture (an icon in a table cell):
	// Text is then empty, and the picture's alt text (Image.Alt) is its description,
	// not visible text (Plain leaves it out). The loaders make them only in table
	// cells, which is where the PDF layout draws them; the EPUB draws them anywhere.
	Image *Image
	// Ruby, when set, annotates Text with its reading (注音: pinyin or zhuyin), set
	// above the text (to its right in vertical books): one reading per character of
	// Text (len(Ruby) is Text's rune count), or a single reading spanning the whole
	// run. A reading is not part of the visible text (Plain leaves it out).
	Ruby []string
	// AutoRuby marks readings that were added for the whole book (book/pinyin), not
	// written in the manuscript: the PDF sets them as decoration, outside the
	// structure tree, where a manuscript ruby is a Ruby element.
	AutoRuby bool
}

// PerChar reports whether the run's readings go one to a character of Text
// (rather than one reading spanning the run).
func (r Run) PerChar() bool {
	return len(r.Ruby) > 1 || len(r.Ruby) == 1 && utf8.RuneCountInString(r.Text) == 1
}

// Joins reports whether next may be merged into r as one run: the same style, link
// and title, neither of them a picture or a ruby, and r not a footnote reference (each
// reference is its own run, whatever follows it).
func (r Run) Joins(next Run) bool {
	return r.Style == next.Style && r.Href == next.Href && r.Title == next.Title &&
		r.Style&NoteRef == 0 && r.Image == nil && next.Image == nil && r.Ruby == nil && next.Ruby == nil
}

// Paragraph is a body paragraph.
type Paragraph struct {
	Runs []Run
	At   Pos
}

// Heading is a section heading inside a chapter (level 2 and deeper).
type Heading struct {
	Level int // 2 = section, 3 = subsection …
	Runs  []Run
	ID    string // anchor, unique within the book
	At    Pos
}

// Quote is a block quotation.
type Quote struct {
	Blocks []Block
	At     Pos
}

// List is an ordered or unordered list.
type List struct {
	Ordered bool
	Start   int
	Items   [][]Block
	At      Pos
}

// CodeBlock is preformatted text, set in monospace without justification.
type CodeBlock struct {
	Lang string
	Text string
	At   Pos
}

// Image is a picture; Src is a key of Book.Images.
type Image struct {
	Src   string
	Alt   string
	Title string
	// Width is the width the manuscript asks for as a fraction of the text width
	// (0.5 for style="width: 50%"), in (0, 1]; 0 means the renderer chooses.
	Width float64
	At    Pos
}

// Table is a simple table with an optional header row.
type Table struct {
	Header []Cell
	Rows   [][]Cell
	Align  []string // "", "left", "center" or "right" per column
	At     Pos
}

// Square pads the header (when there is one) and every row with empty cells to cols
// cells, and sets Align to cols entries: missing ones "", extra ones dropped. Readers
// call it once a table's rows are read, so every row has a cell for every column.
func (t *Table) Square(cols int) {
	pad := func(cs []Cell) []Cell {
		for len(cs) < cols {
			cs = append(cs, Cell{})
		}
		return cs
	}
	if t.Header != nil {
		t.Header = pad(t.Header)
	}
	for i := range t.Rows {
		t.Rows[i] = pad(t.Rows[i])
	}
	for len(t.Align) < cols {
		t.Align = append(t.Align, "")
	}
	t.Align = t.Align[:cols]
}

// Cell is one table cell.
type Cell struct {
	Runs []Run
}

// Break is a thematic (scene) break, drawn as a centred ornament.
type Break struct {
	At Pos
}

// Pos returns where the paragraph starts in its source file.
func (b *Paragraph) Pos() Pos { return b.At }

// Pos returns where the heading starts in its source file.
func (b *Heading) Pos() Pos { return b.At }

// Pos returns where the quote starts in its source file.
func (b *Quote) Pos() Pos { return b.At }

// Pos returns where the list starts in its source file.
func (b *List) Pos() Pos { return b.At }

// Pos returns where the code block starts in its source file.
func (b *CodeBlock) Pos() Pos { return b.At }

// Pos returns where the image starts in its source file.
func (b *Image) Pos() Pos { return b.At }

// Pos returns where the table starts in its source file.
func (b *Table) Pos() Pos { return b.At }

// Pos returns where the break starts in its source file.
func (b *Break) Pos() Pos { return b.At }

// Kind returns "paragraph".
func (*Paragraph) Kind() string { return "paragraph" }

// Kind returns "heading".
func (*Heading) Kind() string { return "heading" }

// Kind returns "quote".
func (*Quote) Kind() string { return "quote" }

// Kind returns "list".
func (*List) Kind() string { return "list" }

// Kind returns "code".
func (*CodeBlock) Kind() string { return "code" }

// Kind returns "image".
func (*Image) Kind() string { return "image" }

// Kind returns "table".
func (*Table) Kind() string { return "table" }

// Kind returns "break".
func (*Break) Kind() string { return "break" }

func (*Paragraph) block() {}
func (*Heading) block()   {}
func (*Quote) block()     {}
func (*List) block()      {}
func (*CodeBlock) block() {}
func (*Image) block()     {}
func (*Table) block()     {}
func (*Break) block()     {}

// Plain returns the concatenated text of runs.
func Plain(runs []Run) string {
	if len(runs) == 1 {
		return runs[0].Text
	}
	var sb strings.Builder
	for _, r := range runs {
		sb.WriteString(r.Text)
	}
	return sb.String()
}

// Text returns the visible text of a block, with nested blocks separated by newlines.
func Text(b Block) string {
	switch b := b.(type) {
	case *Paragraph:
		return Plain(b.Runs)
	case *Heading:
		return Plain(b.Runs)
	case *Quote:
		return joinBlocks(b.Blocks)
	case *List:
		parts := make([]string, 0, len(b.Items))
		for _, it := range b.Items {
			parts = append(parts, joinBlocks(it))
		}
		return strings.Join(parts, "\n")
	case *CodeBlock:
		return b.Text
	case *Image:
		return b.Alt
	case *Table:
		var rows []string
		if len(b.Header) > 0 {
			rows = append(rows, cellsText(b.Header))
		}
		for _, r := range b.Rows {
			rows = append(rows, cellsText(r))
		}
		return strings.Join(rows, "\n")
	case *Break:
		return ""
	}
	return ""
}

func joinBlocks(bs []Block) string {
	parts := make([]string, 0, len(bs))
	for _, b := range bs {
		parts = append(parts, Text(b))
	}
	return strings.Join(parts, "\n")
}

func cellsText(cs []Cell) string {
	parts := make([]string, len(cs))
	for i, c := range cs {
		parts[i] = Plain(c.Runs)
	}
	return strings.Join(parts, "\t")
}

// Images calls fn for every picture of the chapter in reading order: Image blocks
// (inline false) and inline pictures in runs (inline true), footnotes included.
func (c *Chapter) Images(fn func(im *Image, inline bool)) {
	runs := func(rs []Run) {
		for _, r := range rs {
			if r.Image != nil {
				fn(r.Image, true)
			}
		}
	}
	c.Walk(func(bl Block) bool {
		switch bl := bl.(type) {
		case *Image:
			fn(bl, false)
		case *Paragraph:
			runs(bl.Runs)
		case *Heading:
			runs(bl.Runs)
		case *Table:
			for _, c := range bl.Header {
				runs(c.Runs)
			}
			for _, row := range bl.Rows {
				for _, c := range row {
					runs(c.Runs)
				}
			}
		default:
			// no picture: Walk visits the blocks inside quotes and lists
		}
		return true
	})
}

// EachRuns calls fn with every list of runs of the chapter's running text in reading
// order (paragraphs, headings and table cells, in quotes, lists and footnotes too); fn
// may replace the list.
func (c *Chapter) EachRuns(fn func(rs *[]Run)) {
	c.Walk(func(bl Block) bool {
		switch bl := bl.(type) {
		case *Paragraph:
			fn(&bl.Runs)
		case *Heading:
			fn(&bl.Runs)
		case *Table:
			for i := range bl.Header {
				fn(&bl.Header[i].Runs)
			}
			for _, row := range bl.Rows {
				for i := range row {
					fn(&row[i].Runs)
				}
			}
		default:
			// no runs of their own: Walk visits the blocks inside quotes and lists
		}
		return true
	})
}

// HasRuby reports whether any run of the book carries a ruby (Run.Ruby).
func (b *Book) HasRuby() bool {
	found := false
	for _, c := range b.Chapters {
		c.EachRuns(func(rs *[]Run) {
			for i := range *rs {
				found = found || len((*rs)[i].Ruby) > 0
			}
		})
		if found {
			return true
		}
	}
	return false
}

// Walk calls fn for every block of the chapter, depth first, including nested blocks
// and footnote bodies; fn returning false skips a block's children.
func (c *Chapter) Walk(fn func(Block) bool) {
	walk(c.Blocks, fn)
	for _, n := range c.Notes {
		walk(n.Blocks, fn)
	}
}

func walk(bs []Block, fn func(Block) bool) {
	for _, b := range bs {
		if !fn(b) {
			continue
		}
		switch b := b.(type) {
		case *Quote:
			walk(b.Blocks, fn)
		case *List:
			for _, it := range b.Items {
				walk(it, fn)
			}
		default:
			// the other blocks nest no blocks
		}
	}
}

// Runes calls fn for every character the book shows (metadata, titles and text) with its position.
func (b *Book) Runes(fn func(r rune, at Pos)) {
	for _, s := range []string{b.Meta.Title, b.Meta.Subtitle, b.Meta.Author, b.Meta.Description, b.Meta.Publisher} {
		for _, r := range s {
			fn(r, Pos{File: b.Meta.Source, Line: 1})
		}
	}
	for _, c := range b.Chapters {
		for _, r := range c.Title + c.Subtitle {
			fn(r, c.At)
		}
		c.Walk(func(bl Block) bool {
			switch bl.(type) {
			case *Paragraph, *Heading, *CodeBlock, *Image, *Table:
				for _, r := range Text(bl) {
					fn(r, bl.Pos())
				}
			default:
				// a break shows no text; Walk visits the blocks inside quotes and lists
			}
			return true
		})
	}
}
