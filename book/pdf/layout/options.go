package layout

import (
	"fmt"
	"strconv"
	"strings"

	"cjkbook/book/cjk"
)

// PunctStyle selects the regional punctuation rules: glyph placement and the
// prohibition level (cjk.PunctStyle).
type PunctStyle = cjk.PunctStyle

const (
	// GB is the mainland style of GB/T 15834-2011 (cjk.GB).
	GB = cjk.GB
	// Basic is clreq's "basic" strictness level (cjk.Basic).
	Basic = cjk.Basic
	// Kaiming is 开明式 (cjk.Kaiming).
	Kaiming = cjk.Kaiming
	// Banjiao is 半角式 (cjk.Banjiao).
	Banjiao = cjk.Banjiao
	// Centred is the centred stops of Taiwan and Hong Kong (cjk.Centred).
	Centred = cjk.Centred
)

// NotePlace says where a chapter's footnotes are set.
type NotePlace uint8

const (
	// NotesAtFoot sets each note at the foot of the page that cites it, under a short
	// rule; a note too long for the room left continues on the next page (notes.go).
	// In a vertical book the foot of the page is its left end.
	NotesAtFoot NotePlace = iota
	// NotesAtEnd sets a chapter's notes after its text.
	NotesAtEnd
)

// NoteNumbering says where footnote numbers restart.
type NoteNumbering uint8

const (
	// NumberPerChapter numbers a chapter's notes 1, 2, 3 … in the order they are first cited.
	NumberPerChapter NoteNumbering = iota
	// NumberPerPage numbers the notes of each page from 1 (only with NotesAtFoot).
	NumberPerPage
)

// Margins are the page margins; Inner is the spine side (left on odd pages).
type Margins struct {
	Top, Bottom, Inner, Outer Pt
}

// Options configures Layout. Resolve it once with DefaultOptions and override fields;
// every length is already in points (the build package converts "20mm" and the like).
type Options struct {
	Width, Height   Pt // page size (PageSize gives the named ones)
	Margins         Margins
	FontSize        Pt      // body text size, default 10.5 pt (五号)
	LineHeight      float64 // baseline-to-baseline distance in multiples of FontSize, default 1.8
	Indent          Em      // first-line indent of paragraphs, default 2 em (clreq §3.5)
	GridMeasure     bool    // shrink the measure to a whole number of characters (clreq: text on a grid)
	Punct           PunctStyle
	Hanging         bool   // ，。、 and the closing marks after them hang into the right margin at a line end
	HanLatinGap     Em     // gap between Han and Latin letters or digits, default ¼ em (clreq)
	FullWidthQuotes bool   // give “ ” ‘ ’ a full-width box in Chinese text (WenKai sets them 0.35 em)
	Hyphenate       bool   // hyphenate Latin words longer than the measure (at any letter)
	Widows          bool   // keep a paragraph's first and last lines off a page's bottom and top
	ChaptersOnOdd   bool   // start each chapter on a right-hand (odd) page, leaving a blank verso
	TitlePage       bool   // lay out a title page
	Contents        bool   // lay out 目录 pages
	ContentsTitle   string // heading of the contents pages; "" = 目录 or 目錄 by the book's language (cjk.ScriptOf)
	RunningHeads    bool   // book title on even pages, chapter title on odd pages
	Folios          bool   // page numbers at the foot of body and contents pages
	Cover           string // image key in book.Book.Images for a full-page cover; "" = none
	Ornament        string // scene-break ornament; "" = cjk.SceneBreak, as in the EPUB
	Parallel        int    // chapters laid out at once; 0 = GOMAXPROCS
	Vertical        bool   // vertical writing (竖排): columns top to bottom, right to left; see vertical.go
	// Notes says where footnotes go: at the foot of the page that cites them (the
	// default) or after the chapter's text.
	Notes NotePlace
	// NoteNumbers says where footnote numbering restarts: at each chapter (the default)
	// or on each page.
	NoteNumbers NoteNumbering

	// turned is set on the virtual page of a vertical book (layoutVertical): pictures
	// are reserved with their sides swapped, so they stand upright once rotated.
	turned bool
}

// DefaultOptions returns the settings of a Chinese trade book: A5, 10.5 pt body text on
// a 1.8 line height, 2-em indent, GB punctuation, title page, contents, running heads,
// chapters on any page.
func DefaultOptions() Options {
	w, h, _ := PageSize("A5")
	return Options{
		Width: w, Height: h,
		Margins:         Margins{Top: MM(20), Bottom: MM(22), Inner: MM(18), Outer: MM(15)},
		FontSize:        10.5,
		LineHeight:      1.8,
		Indent:          2,
		GridMeasure:     true,
		Punct:           GB,
		HanLatinGap:     0.25,
		FullWidthQuotes: true,
		Hyphenate:       true,
		Widows:          true,
		TitlePage:       true,
		Contents:        true,
		RunningHeads:    true,
		Folios:          true,
	}
}

// PageSize returns the size of a named page: "A4", "A5", "B5" (ISO, 176×250 mm), "16开"
// (185×260 mm), "32开" (130×184 mm), "6x9in", or "WxHmm" such as "148x210mm".
func PageSize(name string) (w, h Pt, err error) {
	switch strings.ToUpper(strings.TrimSpace(name)) {
	case "A4":
		return MM(210), MM(297), nil
	case "A5":
		return MM(148), MM(210), nil
	case "B5":
		return MM(176), MM(250), nil
	case "16开":
		return MM(185), MM(260), nil
	case "32开":
		return MM(130), MM(184), nil
	case "6X9IN", "6×9IN":
		return 6 * 72, 9 * 72, nil
	}
	s := strings.ToLower(strings.TrimSpace(name))
	unit := Pt(0)
	switch {
	case strings.HasSuffix(s, "mm"):
		unit, s = MM(1), strings.TrimSuffix(s, "mm")
	case strings.HasSuffix(s, "in"):
		unit, s = 72, strings.TrimSuffix(s, "in")
	case strings.HasSuffix(s, "pt"):
		unit, s = 1, strings.TrimSuffix(s, "pt")
	default:
		return 0, 0, fmt.Errorf("page size %q: unknown (use A4, A5, B5, 16开, 32开, 6x9in or WxHmm)", name)
	}
	ws, hs, ok := strings.Cut(strings.ReplaceAll(s, "×", "x"), "x")
	if !ok {
		return 0, 0, fmt.Errorf("page size %q: want WxH with a unit, e.g. 148x210mm", name)
	}
	wf, err1 := strconv.ParseFloat(strings.TrimSpace(ws), 64)
	hf, err2 := strconv.ParseFloat(strings.TrimSpace(hs), 64)
	if err1 != nil || err2 != nil || wf < 1 || hf < 1 || wf > 5000 || hf > 5000 {
		return 0, 0, fmt.Errorf("page size %q: width and height must be numbers between 1 and 5000", name)
	}
	return Pt(wf) * unit, Pt(hf) * unit, nil
}

// validate checks the options Layout depends on.
func (o *Options) validate() error {
	if o.FontSize <= 0 || o.FontSize > 200 {
		return fmt.Errorf("layout options: font size %.2fpt out of range", float64(o.FontSize))
	}
	if o.LineHeight < 1 || o.LineHeight > 5 {
		return fmt.Errorf("layout options: line height %.2f out of range (1 to 5)", o.LineHeight)
	}
	m := o.Margins
	if o.Width-m.Inner-m.Outer < 4*o.FontSize || o.Height-m.Top-m.Bottom < 3*Pt(o.LineHeight)*o.FontSize {
		return fmt.Errorf("layout options: text area %.0f×%.0fpt too small for %.1fpt text (check page size and margins)",
			float64(o.Width-m.Inner-m.Outer), float64(o.Height-m.Top-m.Bottom), float64(o.FontSize))
	}
	if m.Top < 0 || m.Bottom < 0 || m.Inner < 0 || m.Outer < 0 {
		return fmt.Errorf("layout options: negative margin")
	}
	return nil
}
