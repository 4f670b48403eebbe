package cjk

import "strings"

// PunctStyle is a house style for the full-width marks: where a mark's glyph sits in
// its em box (clreq "Punctuation Width Adjustment") and how strictly the marks are kept
// off a line's ends (the strictness levels of clreq "Prohibition Rules for Line Start
// and Line End"). The values are the mainland styles in use; the other styles clreq
// describes — 开明 (kaiming: only the stops full width), 半角 (banjiao: every mark
// half width) and the centred marks of Taiwan and Hong Kong — would be further values.
type PunctStyle uint8

const (
	// GB is the mainland style of GB/T 15834-2011: corner-aligned marks (the blank of
	// a stop or closing mark on its right, of an opening mark on its left), the
	// solidus kept off both line ends (clreq's "GB" level) and the halves of —— and
	// …… kept off a line start (clreq's "strict" addition).
	GB PunctStyle = iota
	// Basic is clreq's recommended "basic" strictness level with GB glyphs: no GB
	// solidus rule, and —— and …… may start a line.
	Basic
)

// NoStart reports whether style s keeps a rune of class c off a line start.
func (s PunctStyle) NoStart(c Class) bool {
	return c.NoStart() || s == GB && (c == Dash || c == Ellipsis)
}

// SolidusNoEnd reports whether style s keeps r off a line end although its class
// allows it there: the solidi (Solidi) at the GB level.
func (s PunctStyle) SolidusNoEnd(r rune) bool { return s == GB && (r == '/' || r == '／') }

// BlankSide says where a full-width mark of class c carries the blank half of its em
// box, which compression may take away (clreq "Punctuation Width Adjustment"): in GB
// glyphs the pause, stop and closing marks (including ！ and ？, which LXGW WenKai also
// sets in the left half) on the end (right) side, the opening marks on the start (left)
// side.
func (s PunctStyle) BlankSide(c Class) (left, right bool) {
	switch c {
	case Open:
		return true, false
	case Close, Stop:
		return false, true
	default: // the other classes have no blank half to give
		return false, false
	}
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
