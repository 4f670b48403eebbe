package load

import (
	"strings"
	"unicode"

	"cjkbook/book"
	"cjkbook/book/cjk"
)

// Generated subtitles tell apart chapters whose headings repeat the book title
// (the seed's 第一篇, 第二篇 …): the opening words of each chapter's first
// paragraph, as the contents page, the navigation, the outline and the running
// heads show them.
const (
	// subtitleMax is the most characters a generated subtitle holds.
	subtitleMax = 16
	// subtitleMin is the fewest characters before a clause end that may end a
	// subtitle; a shorter clause (五月五，) runs on to the next one.
	subtitleMin = 4
)

// cutMark is what a subtitle cut inside a clause ends with: the Chinese ellipsis
// (省略号), two U+2026.
const cutMark = "……"

// bigrams counts each pair of adjacent characters in a text, to tell a word the
// text repeats (疫情, 批发市场) from a chance neighbourhood.
type bigrams map[[2]rune]int

// countBigrams counts the adjacent characters of the chapters' paragraphs.
func countBigrams(chapters []*book.Chapter) bigrams {
	g := bigrams{}
	for _, c := range chapters {
		c.Walk(func(bl book.Block) bool {
			if p, ok := bl.(*book.Paragraph); ok {
				var prev rune
				for _, r := range book.Plain(p.Runs) {
					if prev != 0 {
						g[[2]rune{prev, r}]++
					}
					prev = r
				}
			}
			return true
		})
	}
	return g
}

// generateSubtitles gives each chapter of gen a subtitle made of the opening
// words of its first paragraph (openingWords), marked as generated; grams
// come from all of chapters.
func generateSubtitles(gen, chapters []*book.Chapter) {
	if len(gen) == 0 {
		return
	}
	grams := countBigrams(chapters)
	for _, c := range gen {
		if s := openingWords(c.Blocks, grams); s != "" {
			c.Subtitle, c.SubtitleGenerated = s, true
		}
	}
}

// openingWords returns the opening words of the first paragraph of blocks with
// text (see openingText).
func openingWords(blocks []book.Block, grams bigrams) string {
	for _, bl := range blocks {
		p, ok := bl.(*book.Paragraph)
		if !ok {
			continue
		}
		if t := strings.TrimSpace(book.Plain(p.Runs)); t != "" {
			return openingText(t, grams)
		}
	}
	return ""
}

// openingText returns the opening words of paragraph t. They end at the first
// clause or sentence end (cjk.ClauseStops, cjk.SentenceStops, a closing quote or
// bracket, an ellipsis) after at least subtitleMin characters, within
// subtitleMax characters; the clause stops are left out, ！？ and …… kept. A
// paragraph with no such end that short is taken whole. Otherwise the words are
// cut inside the clause at the best word boundary (cutAt) and end in ……. Marks
// are kept balanced: a paragraph that opens with a quotation loses its opening
// mark when the words end inside the quotation, and a cut inside a quotation
// that started later closes it.
func openingText(t string, grams bigrams) string {
	rs := []rune(t)
	var lead rune // the closing mark of a leading quotation
	if cjk.IsOpeningQuote(rs[0]) && len(rs) > 1 {
		lead = cjk.ClosingOf(rs[0])
		inner := rs[1:]
		in := closeIndex(inner, lead)
		if end, ok := clauseEnd(inner, lead); ok && end <= in {
			return string(inner[:end])
		}
		if len(rs) <= subtitleMax && strings.TrimRightFunc(string(inner[min(in+1, len(inner)):]), isTrailingStop) == "" {
			// A short paragraph that is one quotation: its words without the marks.
			return strings.TrimRightFunc(string(inner[:in]), isTrailingStop)
		}
	}
	if end, ok := clauseEnd(rs, 0); ok {
		return string(rs[:end])
	}
	if len(rs) <= subtitleMax {
		return strings.TrimRightFunc(t, isTrailingStop)
	}
	k, open := cutAt(rs, grams)
	if lead != 0 && len(open) > 0 && open[0] == lead {
		// Cut inside the leading quotation: leave out its marks.
		return string(rs[1:k]) + cutMark + closers(open[1:])
	}
	return string(rs[:k]) + cutMark + closers(open)
}

// isTrailingStop reports whether r is a mark a subtitle does not end with: a
// clause stop, 。, 、 or a space (！？ say something and stay).
func isTrailingStop(r rune) bool {
	return cjk.IsClauseStop(r) || r == '。' || r == '．' || r == '、' || unicode.IsSpace(r)
}

// closeIndex returns the index of the mark that closes the quotation rs opens
// with (its opening mark already left out), or len(rs).
func closeIndex(rs []rune, closing rune) int {
	var st []rune
	for i, r := range rs {
		switch {
		case len(st) > 0 && r == st[len(st)-1]:
			st = st[:len(st)-1]
		case len(st) == 0 && r == closing:
			return i
		case cjk.ClosingOf(r) != 0:
			st = append(st, cjk.ClosingOf(r))
		}
	}
	return len(rs)
}

// clauseEnd returns where the opening words of rs end at a clause or sentence
// end outside any quotation or brackets (the leading quotation whose closing
// mark is stripped excepted), or false when there is none within subtitleMax.
func clauseEnd(rs []rune, stripped rune) (int, bool) {
	var st []rune
	for i, r := range rs {
		if i > subtitleMax {
			break
		}
		long := i >= subtitleMin
		switch {
		case len(st) > 0 && r == st[len(st)-1]:
			st = st[:len(st)-1]
			if len(st) == 0 && long && i+1 <= subtitleMax {
				return i + 1, true // a closing quote or bracket ends the words
			}
		case len(st) == 0 && r == stripped:
			if long {
				return i, true
			}
		case cjk.ClosingOf(r) != 0:
			st = append(st, cjk.ClosingOf(r))
		case len(st) > 0 || !long || inNumber(rs, i):
		case cjk.IsSentenceStop(r) && r != '。':
			return min(i+1, subtitleMax), true
		case cjk.IsClauseStop(r) || r == '。':
			return i, true
		case cjk.ClassOf(r) == cjk.Ellipsis && i+1 < len(rs) && cjk.ClassOf(rs[i+1]) == cjk.Ellipsis && i+2 <= subtitleMax:
			return i + 2, true
		}
	}
	return 0, false
}

// inNumber reports whether rs[i] is a separator inside a number (1,000).
func inNumber(rs []rune, i int) bool {
	return i > 0 && i+1 < len(rs) && unicode.IsDigit(rs[i-1]) && unicode.IsDigit(rs[i+1])
}

// cutAt chooses where to cut rs inside a clause, keeping room for the ……: after
// k runes, subtitleMin ≤ k ≤ subtitleMax-2, and returns the closing marks still
// open there (innermost last). The rule is dictionary-free. A cut never falls
// inside a Latin word or a number, between a number and its unit (6月, 123场,
// 5%) or a prefix and its number (第1), after an opening mark or a stop, or before
// a closing mark. Of the cuts left, it prefers one outside quotations, then one
// whose two characters across the cut the text never repeats elsewhere (a word
// the text repeats, such as 疫情 or 批发市场, is not cut), then one where the
// characters on either side form a pair the text repeats (evidence of a word
// ending or starting there), then the longest.
func cutAt(rs []rune, grams bigrams) (int, []rune) {
	type cand struct {
		k    int
		bad  [3]bool // inside a quotation, splits a repeated pair, no word evidence
		open []rune
	}
	var best *cand
	var st []rune
	for k := 1; k <= subtitleMax-2 && k < len(rs); k++ {
		r := rs[k-1]
		switch {
		case len(st) > 0 && r == st[len(st)-1]:
			st = st[:len(st)-1]
		case cjk.ClosingOf(r) != 0:
			st = append(st, cjk.ClosingOf(r))
		}
		if k < subtitleMin || !cuttable(rs[k-1], rs[k]) {
			continue
		}
		evidence := k >= 2 && grams[[2]rune{rs[k-2], rs[k-1]}] > 1 ||
			k+1 < len(rs) && grams[[2]rune{rs[k], rs[k+1]}] > 1
		c := cand{k: k, bad: [3]bool{len(st) > 0, grams[[2]rune{rs[k-1], rs[k]}] > 1, !evidence}}
		if best == nil || !worse(c.bad, best.bad) {
			c.open = append([]rune(nil), st...)
			best = &c
		}
	}
	if best == nil {
		return subtitleMax - 2, st // no cut obeys the rules: cut at the length
	}
	return best.k, best.open
}

// worse reports whether a cut with faults a is worse than one with faults b
// (the faults in order of weight); at equal faults the later cut wins.
func worse(a, b [3]bool) bool {
	for i := range a {
		if a[i] != b[i] {
			return a[i]
		}
	}
	return false
}

// cuttable reports whether opening words may be cut between a and b.
func cuttable(a, b rune) bool {
	ca, cb := cjk.ClassOf(a), cjk.ClassOf(b)
	switch {
	case ca == cjk.Open || ca == cjk.Stop || ca == cjk.NoEnd || ca == cjk.Dash || ca == cjk.Ellipsis || ca == cjk.Space:
		return false
	case cb == cjk.Close || cb == cjk.Stop || cb == cjk.NoStart || cb == cjk.Dash || cb == cjk.Ellipsis:
		return false
	case ca == cjk.Word && cb == cjk.Word:
		return false // a Latin word or a number
	case unicode.IsDigit(a) || unicode.IsDigit(b):
		return false // a number with its unit or its prefix
	}
	return true
}

// closers returns the closing marks of open, innermost first.
func closers(open []rune) string {
	var sb strings.Builder
	for i := len(open) - 1; i >= 0; i-- {
		sb.WriteRune(open[i])
	}
	return sb.String()
}
