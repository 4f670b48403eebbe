package layout

import "unicode"

// class is a rune's line-breaking class, the zh-Hans tailoring of UAX #14 that clreq
// describes (https://www.w3.org/TR/clreq/#prohibition_rules_for_line_start_end).
type class uint8

const (
	// clsWord: Latin letters, digits and other narrow symbols; adjacent word runes
	// form one unbreakable unit (a Latin word, a digit run with its . and , separators,
	// a number with its %, JLReq §3.1.10 and cl-27).
	clsWord class = iota
	// clsSpace: a breakable space; a line may break after it, and it hangs (takes no
	// width) at a line end.
	clsSpace
	// clsIdeo: Han ideographs, kana, hangul, full-width letters: a line may break
	// before and after each one.
	clsIdeo
	// clsOpen: opening quotes and brackets; never at a line end.
	clsOpen
	// clsClose: closing quotes and brackets; never at a line start.
	clsClose
	// clsStop: pause and stop marks (、，。：；！？); never at a line start.
	clsStop
	// clsNoStart: other marks that may not start a line: connectors, interpuncts,
	// solidi, iteration marks, postfix units (℃ ％ ‰), ASCII stops inside CJK text.
	clsNoStart
	// clsNoEnd: prefixes that may not end a line (¥ $ £ € # №, JLReq cl-12).
	clsNoEnd
	// clsDash: the two-em dash ——: U+2014 pairs are never split (clreq "Prohibition
	// Rules for Unbreakable Marks").
	clsDash
	// clsEllipsis: the ellipsis ……: U+2026 / U+22EF pairs are never split.
	clsEllipsis
)

// Prohibition tables for Simplified Chinese at clreq's "basic" level, with the GB
// additions for the solidus (GB/T 15834—2011 as quoted by clreq, and the list posted for
// typst in typst#560). See /shared/docs/typesetting.md §3.2.
const (
	// noStartStops are the pause/stop marks (clreq table of punctuation, 点号) plus
	// the ASCII stops that appear in Chinese text (JLReq cl-04/05/06/07).
	noStartStops = "、，。．：；！？‼⁇⁈⁉,.:;!?"
	// noStartClosing are closing quotes and brackets (clreq 标号, JLReq cl-02).
	noStartClosing = "”’」』〟）］｝〕】〗〉》〙⦆)]}»"
	// noStartOther are connectors (连接号), interpuncts (间隔号), solidi (分隔号),
	// iteration marks (JLReq cl-09) and postfix units (JLReq cl-13).
	noStartOther = "～-–〜‐·・‧/／々〻%％‰℃°′″‱"
	// noEndOpening are opening quotes and brackets (clreq 标号, JLReq cl-01).
	noEndOpening = "“‘「『〝（［｛〔【〖〈《〘⦅([{«"
	// noEndPrefix are currency and number prefixes (JLReq cl-12) that keep to the
	// number after them.
	noEndPrefix = "¥$￥£€#№＃"
	// gbNoEnd are the solidi, which the GB level also keeps off a line end.
	gbNoEnd = "/／"
)

// classTab holds the class of every BMP rune; built once from the tables above.
var classTab [0x10000]class

// Rune properties cached per BMP rune in propTab (the breaker looks them up per rune).
const (
	propWide  uint8 = 1 << iota // isWide
	propHan                     // isHan
	propAlnum                   // isAlnum
)

var propTab [0x10000]uint8

// props returns r's property bits.
func props(r rune) uint8 {
	if r >= 0 && r < 0x10000 {
		return propTab[r]
	}
	return computeProps(r)
}

func computeProps(r rune) uint8 {
	var p uint8
	if isWide(r) {
		p |= propWide
	}
	if isHan(r) {
		p |= propHan
	}
	if isAlnum(r) {
		p |= propAlnum
	}
	return p
}

func init() {
	// The BMP part of baseClass and computeProps, built at every start of the program:
	// isWide once per rune, and isAlnum's letters and digits from the Unicode range
	// tables instead of a range-table search per rune (a third of the time).
	for r := rune(0); r < 0x10000; r++ {
		if isWide(r) {
			classTab[r], propTab[r] = clsIdeo, propWide
		}
		if isHan(r) {
			propTab[r] |= propHan
		}
	}
	for _, t := range []*unicode.RangeTable{unicode.Letter, unicode.Digit} {
		for _, rg := range t.R16 {
			for r := rune(rg.Lo); r <= rune(rg.Hi); r += rune(rg.Stride) {
				if propTab[r]&propWide == 0 {
					propTab[r] |= propAlnum
				}
			}
		}
	}
	set := func(s string, c class) {
		for _, r := range s {
			classTab[r] = c
		}
	}
	set(noStartStops, clsStop)
	set(noStartClosing, clsClose)
	set(noStartOther, clsNoStart)
	set(noEndOpening, clsOpen)
	set(noEndPrefix, clsNoEnd)
	set("—⸺", clsDash)
	set("…⋯‥", clsEllipsis)
	set(" \t\n\r\u3000\u00a0", clsSpace)
	classTab[0x00a0] = clsWord // no-break space joins
}

func baseClass(r rune) class {
	if isWide(r) {
		return clsIdeo
	}
	return clsWord
}

// classOf returns r's line-breaking class.
func classOf(r rune) class {
	if r >= 0 && r < 0x10000 {
		return classTab[r]
	}
	if isWide(r) {
		return clsIdeo
	}
	return clsWord
}

// noStart reports whether a rune of class c may not start a line (clreq basic level).
func (c class) noStart() bool { return c == clsClose || c == clsStop || c == clsNoStart }

// noEnd reports whether a rune of class c may not end a line.
func (c class) noEnd() bool { return c == clsOpen || c == clsNoEnd }

// isAlnum reports whether r is a Latin-script letter or digit (not CJK): the runes that
// get a quarter-em gap next to Han (clreq "Spacing between Chinese and Western text").
func isAlnum(r rune) bool {
	if r < 0x80 {
		return r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z'
	}
	return !isWide(r) && (unicode.IsLetter(r) || unicode.IsDigit(r))
}

// isHan reports whether r is a Han ideograph (or kana), the other side of the
// Han–Latin gap.
func isHan(r rune) bool {
	return r >= 0x4E00 && r <= 0x9FFF || r >= 0x3400 && r <= 0x4DBF || r >= 0x3041 && r <= 0x30FF ||
		r >= 0xF900 && r <= 0xFAFF || r >= 0x20000 && r <= 0x3FFFD
}

// blankSide says where a full-width punctuation mark carries its compressible blank in
// GB (mainland) glyphs: pause/stop marks (including ！ and ？, which WenKai also sets in
// the left half of the em box) and closing marks on the end (right) side, opening marks
// on the start (left) side (clreq "Punctuation Width Adjustment").
func blankSide(r rune, c class) (left, right bool) {
	switch c {
	case clsOpen:
		return true, false
	case clsClose, clsStop:
		return false, true
	}
	return false, false
}

// isQuote reports whether r is one of the Chinese curly quotes that WenKai sets at 0.35 em
// and the layout widens to a full-width box inside Chinese text.
func isQuote(r rune) bool { return r == '“' || r == '”' || r == '‘' || r == '’' }
