package cjk

import "unicode"

// Class is a rune's line-breaking class: the tailoring of UAX #14 for Chinese that
// clreq's "Prohibition Rules for Line Start and Line End" describes, with the
// character classes of JLReq (cl-01 to cl-27) where clreq is silent.
type Class uint8

const (
	// Word is a Latin letter, digit or other narrow symbol; adjacent Word runes form
	// one unbreakable unit (a Latin word, a digit run with its . and , separators, a
	// number with its %, JLReq §3.1.10 and cl-27).
	Word Class = iota
	// Space is a breakable space; a line may break after it, and it hangs (takes no
	// width) at a line end.
	Space
	// Ideo is a Han ideograph, kana, hangul or full-width letter: a line may break
	// before and after each one.
	Ideo
	// Open is an opening quote or bracket; never at a line end.
	Open
	// Close is a closing quote or bracket; never at a line start.
	Close
	// Stop is a pause or stop mark (、，。：；！？); never at a line start.
	Stop
	// NoStart is any other mark that may not start a line: connectors, interpuncts,
	// solidi, iteration marks, postfix units (℃ ％ ‰), ASCII stops inside CJK text.
	NoStart
	// NoEnd is a prefix that may not end a line (¥ $ £ € # №, JLReq cl-12).
	NoEnd
	// Dash is half of the two-em dash ——: a U+2014 pair is never split (clreq
	// "Prohibition Rules for Unbreakable Marks").
	Dash
	// Ellipsis is half of the ellipsis ……: a U+2026 or U+22EF pair is never split.
	Ellipsis
)

// The prohibition tables for Simplified Chinese at clreq's "basic" level ("Prohibition
// Rules for Line Start and Line End"), in the kinds of GB/T 15834-2011 §4 (点号 and
// 标号) and the classes of JLReq.
const (
	// NoStartStops are the pause and stop marks (GB/T 15834-2011 §5.1, 点号)
	// plus the ASCII stops that appear in Chinese text (JLReq cl-04 to cl-07).
	NoStartStops = "、，。．：；！？‼⁇⁈⁉,.:;!?"
	// NoStartClosing are the closing quotes and brackets (GB/T 15834-2011 §5.2:
	// 引号, 括号, 书名号; JLReq cl-02).
	NoStartClosing = "”’」』〞〟）］｝〕】〗〉》〙⦆｠｣)]}»"
	// NoStartOther are the connectors (连接号), interpuncts (间隔号) and solidi
	// (分隔号) of GB/T 15834-2011 §5.2 — the interpunct in each of its encodings,
	// U+00B7, the katakana middle dots U+30FB and U+FF65, the hyphenation point U+2027
	// and the word-separator middle dot U+2E31 (clreq: 间隔号 never starts a line) —,
	// iteration marks (JLReq cl-09) and postfix units (JLReq cl-13).
	NoStartOther = "～-–〜‐·・･‧⸱/／々〻%％‰℃°′″‱"
	// NoEndOpening are the opening quotes and brackets (GB/T 15834-2011 §5.2;
	// JLReq cl-01).
	NoEndOpening = "“‘「『〝（［｛〔【〖〈《〘⦅｟｢([{«"
	// NoEndPrefix are the currency and number prefixes (JLReq cl-12) that keep to
	// the number after them.
	NoEndPrefix = "¥$￥£€#№＃"
	// Dashes are the runes of the dash —— (破折号, GB/T 15834-2011 §5.2).
	Dashes = "—⸺"
	// Ellipses are the runes of the ellipsis …… (省略号, GB/T 15834-2011 §5.2).
	Ellipses = "…⋯‥"
	// Solidi are the solidus marks (分隔号), which clreq's GB level also keeps off a
	// line end.
	Solidi = "/／"
	// BreakSpaces are the spaces a line may break after (U+00A0 no-break space is
	// not among them: it joins its neighbours like a Word rune).
	BreakSpaces = " \t\n\r\u3000"
)

// Props are the rune properties the layout asks for per rune, as bits.
type Props uint8

const (
	// PropWide is set for the runes IsWide reports.
	PropWide Props = 1 << iota
	// PropHan is set for the runes IsHan reports.
	PropHan
	// PropAlnum is set for the runes IsAlnum reports.
	PropAlnum
)

// classTab and propTab hold the class and the properties of every BMP rune; init
// builds them once from the tables above, so a lookup is one array read.
var (
	classTab [0x10000]Class
	propTab  [0x10000]Props
)

func init() {
	// IsWide once per rune, and IsAlnum's letters and digits from the Unicode range
	// tables instead of a range-table search per rune.
	for r := rune(0); r < 0x10000; r++ {
		if IsWide(r) {
			classTab[r], propTab[r] = Ideo, PropWide
		}
		if IsHan(r) {
			propTab[r] |= PropHan
		}
	}
	for _, t := range []*unicode.RangeTable{unicode.Letter, unicode.Digit} {
		for _, rg := range t.R16 {
			for r := rune(rg.Lo); r <= rune(rg.Hi); r += rune(rg.Stride) {
				if propTab[r]&PropWide == 0 {
					propTab[r] |= PropAlnum
				}
			}
		}
	}
	set := func(s string, c Class) {
		for _, r := range s {
			classTab[r] = c
		}
	}
	set(NoStartStops, Stop)
	set(NoStartClosing, Close)
	set(NoStartOther, NoStart)
	set(NoEndOpening, Open)
	set(NoEndPrefix, NoEnd)
	set(Dashes, Dash)
	set(Ellipses, Ellipsis)
	set(BreakSpaces, Space)
}

// ClassOf returns r's line-breaking class.
func ClassOf(r rune) Class {
	if uint32(r) < 0x10000 {
		return classTab[r]
	}
	return baseClass(r)
}

// baseClass is the class of a rune the prohibition tables do not list.
func baseClass(r rune) Class {
	if IsWide(r) {
		return Ideo
	}
	return Word
}

// PropsOf returns r's property bits.
func PropsOf(r rune) Props {
	if uint32(r) < 0x10000 {
		return propTab[r]
	}
	return computeProps(r)
}

func computeProps(r rune) Props {
	var p Props
	if IsWide(r) {
		p |= PropWide
	}
	if IsHan(r) {
		p |= PropHan
	}
	if IsAlnum(r) {
		p |= PropAlnum
	}
	return p
}

// NoStart reports whether a rune of class c may not start a line (clreq basic level).
func (c Class) NoStart() bool { return c == Close || c == Stop || c == NoStart }

// NoEnd reports whether a rune of class c may not end a line.
func (c Class) NoEnd() bool { return c == Open || c == NoEnd }

// IsAlnum reports whether r is a letter or digit of a Latin-like script (not wide):
// the runes that get a quarter-em gap next to Han (clreq "Spacing between Chinese
// and Western text").
func IsAlnum(r rune) bool {
	if r < 0x80 {
		return r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z'
	}
	return !IsWide(r) && (unicode.IsLetter(r) || unicode.IsDigit(r))
}

// IsHan reports whether r is a Han ideograph (CJK Unified Ideographs, Extension A, the
// compatibility ideographs and the supplementary planes) or kana: the other side of
// the Han–Latin gap.
func IsHan(r rune) bool {
	return r >= 0x4E00 && r <= 0x9FFF || r >= 0x3400 && r <= 0x4DBF || r >= 0x3041 && r <= 0x30FF ||
		r >= 0xF900 && r <= 0xFAFF || r >= 0x20000 && r <= 0x3FFFD
}
