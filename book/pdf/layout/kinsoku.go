package layout

import "cjkbook/book/cjk"

// The breaker's names for the line-breaking classes and rune properties of package cjk,
// which holds the prohibition tables and their sources (docs/typesetting.md). class is a
// local type so that the breaker's cells keep their one-byte fields and short names.
type class cjk.Class

const (
	clsWord     = class(cjk.Word)
	clsSpace    = class(cjk.Space)
	clsIdeo     = class(cjk.Ideo)
	clsOpen     = class(cjk.Open)
	clsClose    = class(cjk.Close)
	clsStop     = class(cjk.Stop)
	clsNoStart  = class(cjk.NoStart)
	clsNoEnd    = class(cjk.NoEnd)
	clsDash     = class(cjk.Dash)
	clsEllipsis = class(cjk.Ellipsis)
)

const (
	propWide  = uint8(cjk.PropWide)
	propHan   = uint8(cjk.PropHan)
	propAlnum = uint8(cjk.PropAlnum)
)

// classOf returns r's line-breaking class.
func classOf(r rune) class { return class(cjk.ClassOf(r)) }

// props returns r's property bits (propWide, propHan, propAlnum).
func props(r rune) uint8 { return uint8(cjk.PropsOf(r)) }

// noStart reports whether a rune of class c may not start a line (clreq basic level).
func (c class) noStart() bool { return cjk.Class(c).NoStart() }

// noEnd reports whether a rune of class c may not end a line.
func (c class) noEnd() bool { return cjk.Class(c).NoEnd() }

// isQuote reports whether r is a curly quote, which the layout widens to a full-width
// box inside Chinese text.
func isQuote(r rune) bool { return cjk.IsCurlyQuote(r) }

// blankSide says where the full-width mark of class c carries its compressible blank
// in GB glyphs (cjk.PunctStyle.BlankSide).
func blankSide(_ rune, c class) (left, right bool) { return cjk.GB.BlankSide(cjk.Class(c)) }
