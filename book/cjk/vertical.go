package cjk

import "unicode"

// rotated are the marks that turn 90° clockwise in vertical text (clreq "Punctuation
// Marks in Vertical Writing" and GB/T 15834-2011 on vertical text, 竖排): brackets,
// quotation marks, book-title marks, dashes, ellipses, connectors, colon and semicolon.
// A horizontal glyph turned a quarter about its em box is the vertical form (「 becomes
// ﹁, —— a vertical rule).
var rotated = map[rune]bool{
	'（': true, '）': true, '［': true, '］': true, '｛': true, '｝': true, '〔': true, '〕': true,
	'【': true, '】': true, '《': true, '》': true, '〈': true, '〉': true, '「': true, '」': true,
	'『': true, '』': true, '〖': true, '〗': true, '…': true, '⋯': true, '‥': true, '—': true,
	'–': true, '⸺': true, '～': true, '〜': true, '：': true, '；': true, '＿': true, '／': true,
	'“': true, '”': true, '‘': true, '’': true,
}

// RotatesInVertical reports whether r is a mark that turns 90° clockwise in vertical
// text.
func RotatesInVertical(r rune) bool { return rotated[r] }

// CornerInVertical reports whether r is a stop mark (，、。．) that sits in the upper
// right of its cell in vertical text (clreq "Punctuation Marks in Vertical Writing"),
// where horizontal GB glyphs have it in the lower left.
func CornerInVertical(r rune) bool { return r == '，' || r == '、' || r == '。' || r == '．' }

// UprightInVertical reports whether r stands upright in a vertical column: Han, kana,
// full-width forms and the marks that have vertical forms; Latin letters, digits and the
// rotated marks turn.
func UprightInVertical(r rune) bool {
	if rotated[r] {
		return false
	}
	switch r {
	case '·', '・', '‧', '⸺', '※', '○', '〇':
		return true
	}
	return r >= 0x2E80 && !unicode.IsSpace(r) || unicode.Is(unicode.Han, r)
}
