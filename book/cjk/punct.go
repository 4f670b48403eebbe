package cjk

import "strings"

// PunctStyle is a house style for the full-width marks: where a mark's glyph sits in
// its cell and how wide the cell is (clreq "Punctuation Width Adjustment" and the
// styles it lists: 全角式, 开明式, 半角式 and the centred marks of Taiwan and Hong
// Kong), and how strictly the marks are kept off a line's ends (the strictness levels
// of clreq "Prohibition Rules for Line Start and Line End").
type PunctStyle uint8

const (
	// GB is the mainland style of GB/T 15834-2011 (全角式): every mark in a full-width
	// cell, corner-aligned (the blank of a stop or closing mark on its right, of an
	// opening mark on its left), the blank compressible; the solidus kept off both line
	// ends (clreq's "GB" level) and the halves of —— and …… kept off a line start
	// (clreq's "strict" addition).
	GB PunctStyle = iota
	// Basic is clreq's recommended "basic" strictness level with GB glyphs: no GB
	// solidus rule, and —— and …… may start a line.
	Basic
	// Kaiming is 开明式 (clreq "Punctuation Width Adjustment", the style of the 开明
	// 书店 books): the sentence-final stops 。？！ full width as in GB, every other mark
	// (，、：；, quotes, brackets, book-title marks) in a half-width cell. GB level.
	Kaiming
	// Banjiao is 半角式 (clreq): every mark in a half-width cell, except the marks
	// that end a paragraph, which keep their full cell. GB level.
	Banjiao
	// Centred is the style of Taiwan (教育部《重訂標點符號手冊》, 2008) and Hong Kong:
	// the stops 。，、；：！？ centred in a full-width cell, a quarter em of blank on
	// each side, the quotes and brackets corner-aligned as in GB. clreq's basic level
	// with the —— and …… rule of GB.
	Centred
)

// PunctStyles are the names of the styles a book can choose (book.toml's
// punctuation, --punctuation), in the order of the constants they name.
var PunctStyles = []struct {
	Name  string
	Style PunctStyle
}{{"gb", GB}, {"kaiming", Kaiming}, {"banjiao", Banjiao}, {"centred", Centred}}

// ParsePunctStyle returns the style named name ("gb", "kaiming", "banjiao",
// "centred"; "centered" too); ok is false for any other name.
func ParsePunctStyle(name string) (s PunctStyle, ok bool) {
	name = strings.ToLower(strings.TrimSpace(name))
	if name == "centered" {
		name = "centred"
	}
	for _, p := range PunctStyles {
		if p.Name == name {
			return p.Style, true
		}
	}
	return GB, false
}

// String returns the style's name.
func (s PunctStyle) String() string {
	for _, p := range PunctStyles {
		if p.Style == s {
			return p.Name
		}
	}
	if s == Basic {
		return "basic"
	}
	return "gb"
}

// PunctStyleFor returns the default style of a book in language lang: Centred when
// the language is written in Traditional characters (ScriptOf: zh-Hant, zh-TW, zh-HK,
// zh-MO, yue; a book converted to Traditional carries zh-Hant), whose standards centre
// the stops, and GB otherwise (zh-CN, zh-Hans, zh-SG, and any other language).
func PunctStyleFor(lang string) PunctStyle {
	if ScriptOf(lang) == Traditional {
		return Centred
	}
	return GB
}

// NoStart reports whether style s keeps a rune of class c off a line start.
func (s PunctStyle) NoStart(c Class) bool {
	return c.NoStart() || s != Basic && (c == Dash || c == Ellipsis)
}

// SolidusNoEnd reports whether style s keeps r off a line end although its class
// allows it there: the solidi (Solidi) at the GB level (the mainland styles).
func (s PunctStyle) SolidusNoEnd(r rune) bool {
	return (s == GB || s == Kaiming || s == Banjiao) && (r == '/' || r == '／')
}

// Placement is where a style sets a mark in its cell, in em of the font size, for a
// glyph that the font draws as GB fonts do (in one half of a full-width advance, or a
// narrow curly quote on the side of the text it encloses).
type Placement struct {
	// Width is the cell's advance: 1 for a full-width cell, 0.5 for a half-width one.
	Width float64
	// Shift moves a full-width glyph right (left when negative) from its GB place in
	// the cell: −0.5 puts an opening mark's glyph into a half-width cell, 0.25 centres
	// a stop.
	Shift float64
	// BlankL and BlankR are the blanks on the cell's left and right that compression
	// may take (two adjacent marks, a line end, a line that is too long).
	BlankL, BlankR float64
}

// Cell widths and placements of the styles, for a mark of class Open, Close or Stop.
var (
	gbOpen      = Placement{Width: 1, BlankL: 0.5}
	gbClose     = Placement{Width: 1, BlankR: 0.5}
	halfOpen    = Placement{Width: 0.5, Shift: -0.5}
	halfClose   = Placement{Width: 0.5}
	centredStop = Placement{Width: 1, Shift: 0.25, BlankL: 0.25, BlankR: 0.25}
)

// CentredStops are the stops Taiwan's and Hong Kong's standards centre in their cell.
const CentredStops = "。，、；：！？"

// Place returns the placement of mark r of class c (Open, Close or Stop) in style s;
// paraEnd says the mark is among the marks that end a paragraph (Banjiao keeps them
// full width). Marks of other classes keep their cell (ok false).
func (s PunctStyle) Place(r rune, c Class, paraEnd bool) (p Placement, ok bool) {
	if c != Open && c != Close && c != Stop {
		return Placement{}, false
	}
	full := gbClose
	if c == Open {
		full = gbOpen
	}
	half := halfClose
	if c == Open {
		half = halfOpen
	}
	switch {
	case s == Kaiming && !IsSentenceStop(r), s == Banjiao && !paraEnd: // Kaiming keeps 句末点号 full width
		return half, true
	case s == Centred && c == Stop && strings.ContainsRune(CentredStops, r):
		return centredStop, true
	}
	return full, true
}

// HangingStops are the marks that may hang into the margin at a line end when a book
// allows hanging punctuation: the pause and the comma, the full stop (CSS Text 3
// "hanging-punctuation: allow-end", JLReq §3.8.3 ぶら下げ組, which hang only these), and
// their half-width and ASCII forms. The closing marks right after one hang with it.
// Dashes and ellipses never hang.
const HangingStops = "，。、．,.､｡"

// Hangs reports whether r is one of HangingStops.
func Hangs(r rune) bool { return r < 0x10000 && strings.ContainsRune(HangingStops, r) }

// BlankSide says where a full-width mark of class c carries the blank of its cell in
// style s, which compression may take away.
func (s PunctStyle) BlankSide(c Class) (left, right bool) {
	p, ok := s.Place(0, c, true)
	return ok && p.BlankL > 0, ok && p.BlankR > 0
}

// Marks that the loader, the cover and the EPUB's font subsets treat as a set.
const (
	// ChineseMarks are the full-width marks only Chinese text uses (GB/T 15834-2011
	// §5: 点号, 书名号, the corner quotes 「」『』 and the brackets).
	ChineseMarks = "《》〈〉「」『』（）【】〔〕〖〗，。、；：？！"
	// SharedMarks are the marks Chinese shares with Western text: the curly quotes,
	// the ellipsis and the dash. They act as Chinese marks only next to Chinese text.
	SharedMarks = "“”‘’…—"
	// CommonMarks are the marks of everyday Chinese text with the interpunct and the
	// ideographic space U+3000: what a Chinese font subset always keeps.
	CommonMarks = "，。、；：？！“”‘’（）《》〈〉「」『』【】〔〕—…·　"
)

// IsChineseMark reports whether r is one of ChineseMarks.
func IsChineseMark(r rune) bool { return r >= 0x3000 && strings.ContainsRune(ChineseMarks, r) }

// IsSharedMark reports whether r is one of SharedMarks.
func IsSharedMark(r rune) bool { return r >= 0x2000 && strings.ContainsRune(SharedMarks, r) }

// IsCurlyQuote reports whether r is one of the curly quotes “ ” ‘ ’, which Chinese
// fonts draw in a full em box but LXGW WenKai (shared with Latin) draws 0.35 em wide.
func IsCurlyQuote(r rune) bool { return r == '“' || r == '”' || r == '‘' || r == '’' }

// HasBlankHalf reports whether r is a mark that Chinese fonts draw in one half of its
// em box (BlankSide says which): ChineseMarks and the curly quotes.
func HasBlankHalf(r rune) bool { return IsChineseMark(r) || IsCurlyQuote(r) }

// Quotes are the quotation marks of a book, the outer pair and the inner pair
// (GB/T 15834-2011 §5.2 引号 and clreq "Quotation Marks").
type Quotes struct {
	Open, Close, InnerOpen, InnerClose rune
}

var (
	// HorizontalQuotes are “ ” outside and ‘ ’ inside, the marks of horizontal text.
	HorizontalQuotes = Quotes{'“', '”', '‘', '’'}
	// CornerQuotes are 「 」 outside and 『 』 inside, the marks of vertical text.
	CornerQuotes = Quotes{'「', '」', '『', '』'}
)

// QuotesFor returns the quotation marks of horizontal or vertical text.
func QuotesFor(vertical bool) Quotes {
	if vertical {
		return CornerQuotes
	}
	return HorizontalQuotes
}
