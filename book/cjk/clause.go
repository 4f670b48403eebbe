package cjk

import "strings"

// The pause and stop marks (点号, GB/T 15834-2011 §4.1) by the unit they end, for
// code that cuts text at a clause or sentence end (a generated title).
const (
	// SentenceStops end a sentence (句末点号: 。？！, with the ASCII ? and ! that
	// scraped Chinese text uses in their place).
	SentenceStops = "。？！!?‼⁇⁈⁉"
	// ClauseStops end a clause inside a sentence (句内点号 ，；： with the ASCII , ;
	// :). The enumeration comma 、 is not among them: it joins the items of a list,
	// and a list cut after an item still reads as cut.
	ClauseStops = "，；：,;:"
)

// IsSentenceStop reports whether r is one of SentenceStops.
func IsSentenceStop(r rune) bool { return strings.ContainsRune(SentenceStops, r) }

// IsClauseStop reports whether r is one of ClauseStops.
func IsClauseStop(r rune) bool { return strings.ContainsRune(ClauseStops, r) }

// pairs holds each opening quote or bracket of NoEndOpening followed by its
// closing mark in NoStartClosing (GB/T 15834-2011 §5.2: 引号, 括号, 书名号).
const pairs = "“”‘’「」『』〝〟（）［］｛｝〔〕【】〖〗〈〉《》〘〙⦅⦆｟｠｢｣()[]{}«»"

// The book-title marks (书名号, GB/T 15834-2011 §4.15): 《》 and, nested inside them,
// 〈〉. The words between them name a work and are not broken in a centred title.
const (
	TitleOpening = "《〈"
	TitleClosing = "》〉"
)

// OpeningQuotes are the opening quotation marks (引号, GB/T 15834-2011 §5.2): a
// text's words inside them are quoted, as those inside 《》 are a title.
const OpeningQuotes = "“‘「『〝"

// IsOpeningQuote reports whether r is one of OpeningQuotes.
func IsOpeningQuote(r rune) bool { return strings.ContainsRune(OpeningQuotes, r) }

// ClosingOf returns the closing mark that pairs with the opening quote or bracket
// open (” for “, 》 for 《), or 0 when open is not an opening mark.
func ClosingOf(open rune) rune {
	rs := []rune(pairs)
	for i := 0; i+1 < len(rs); i += 2 {
		if rs[i] == open {
			return rs[i+1]
		}
	}
	return 0
}
