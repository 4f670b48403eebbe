package cjk

import (
	"strings"
	"unicode"
)

// EllipsisMark is the Chinese ellipsis (省略号, GB/T 15834-2011 §5.2): two U+2026,
// what text cut short ends with.
const EllipsisMark = "……"

// shortMin is the fewest characters before a clause end that may end the words
// Shorten returns; a shorter clause (五月五，) runs on to the next one.
const shortMin = 4

// Pairs counts how often two characters stand side by side in a text (a chapter,
// a book), the word evidence Shorten cuts by: a pair the text repeats (疫情, 批发)
// is taken for a word, or part of one.
type Pairs map[[2]rune]int

// Add counts the adjacent characters of s.
func (p Pairs) Add(s string) {
	var prev rune
	for _, r := range s {
		if prev != 0 {
			p[[2]rune{prev, r}]++
		}
		prev = r
	}
}

// Count returns how often a and b stand side by side: Shorten's pairs.
func (p Pairs) Count(a, b rune) int { return p[[2]rune{a, b}] }

// Shorten returns the opening words of t in at most limit characters (and the
// closing marks a cut adds), as a
// generated title or a running head that does not fit shows them. They end at the
// first clause or sentence end (ClauseStops, SentenceStops, a closing quote or
// bracket outside any other, an ellipsis) after at least 4 characters; the clause
// stops and 。 are left out, ！？ and …… kept. A t of at most limit characters
// with no such end is returned whole. Otherwise the words are cut inside the
// clause at the best word boundary (see cutAt) and end in EllipsisMark. Marks stay
// balanced: when t opens with a quotation and the words end inside it, its marks
// are left out; a cut inside a quotation that opens later closes it.
//
// pairs, when not nil, counts how often two characters stand side by side in the
// text t comes from (the chapter or the book, Pairs.Count): a pair the text
// repeats is taken for a word, or part of one, and not cut.
func Shorten(t string, limit int, pairs func(a, b rune) int) string {
	if rs := []rune(t); len(rs) > limit && limit < shortMin+2 {
		return string(rs[:max(limit, 0)]) // too short a limit for words: cut at it
	}
	count := func(a, b rune) int {
		if pairs == nil {
			return 0
		}
		return pairs(a, b)
	}
	rs := []rune(t)
	if len(rs) == 0 {
		return ""
	}
	var lead rune // the closing mark of a leading quotation
	if IsOpeningQuote(rs[0]) && len(rs) > 1 {
		lead = ClosingOf(rs[0])
		inner := rs[1:]
		in := closeIndex(inner, lead)
		if end, ok := clauseEnd(inner, lead, limit); ok && end <= in {
			return string(inner[:end])
		}
		if len(rs) <= limit && strings.TrimRightFunc(string(inner[min(in+1, len(inner)):]), isTrailingStop) == "" {
			// A short paragraph that is one quotation: its words without the marks.
			return strings.TrimRightFunc(string(inner[:in]), isTrailingStop)
		}
	}
	if end, ok := clauseEnd(rs, 0, limit); ok {
		return string(rs[:end])
	}
	if len(rs) <= limit {
		return strings.TrimRightFunc(t, isTrailingStop)
	}
	k, open := cutAt(rs, limit, count)
	if lead != 0 && len(open) > 0 && open[0] == lead {
		// Cut inside the leading quotation: leave out its marks.
		return string(rs[1:k]) + EllipsisMark + closers(open[1:])
	}
	return string(rs[:k]) + EllipsisMark + closers(open)
}

// isTrailingStop reports whether r is a mark a subtitle does not end with: a
// clause stop, 。, 、 or a space (！？ say something and stay).
func isTrailingStop(r rune) bool {
	return IsClauseStop(r) || r == '。' || r == '．' || r == '、' || unicode.IsSpace(r)
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
		case ClosingOf(r) != 0:
			st = append(st, ClosingOf(r))
		}
	}
	return len(rs)
}

// clauseEnd returns where the opening words of rs end at a clause or sentence
// end outside any quotation or brackets (the leading quotation whose closing
// mark is stripped excepted), or false when there is none within limit.
func clauseEnd(rs []rune, stripped rune, limit int) (int, bool) {
	var st []rune
	for i, r := range rs {
		if i > limit {
			break
		}
		long := i >= shortMin
		switch {
		case len(st) > 0 && r == st[len(st)-1]:
			st = st[:len(st)-1]
			if len(st) == 0 && long && i+1 <= limit {
				return i + 1, true // a closing quote or bracket ends the words
			}
		case len(st) == 0 && r == stripped:
			if long {
				return i, true
			}
		case ClosingOf(r) != 0:
			st = append(st, ClosingOf(r))
		case len(st) > 0 || !long || inNumber(rs, i):
		case IsSentenceStop(r) && r != '。':
			return min(i+1, limit), true
		case IsClauseStop(r) || r == '。':
			return i, true
		case ClassOf(r) == Ellipsis && i+1 < len(rs) && ClassOf(rs[i+1]) == Ellipsis && i+2 <= limit:
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
// k runes, shortMin ≤ k ≤ limit-2, and returns the closing marks still
// open there (innermost last). The rule is dictionary-free. A cut never falls
// inside a Latin word or a number, between a number and its unit (6月, 123场,
// 5%) or a prefix and its number (第1), after an opening mark or a stop, or before
// a closing mark. Of the cuts left, it prefers one outside quotations, then one
// whose two characters across the cut the text never repeats elsewhere (a word
// the text repeats, such as 疫情 or 批发市场, is not cut), then one where the
// characters on either side form a pair the text repeats (evidence of a word
// ending or starting there), then the longest. When every cut splits a repeated
// pair (the text repeats the whole opening), a pair the text repeats less often
// than the pair beside it marks the boundary (聚集性|疫情 where 疫情 is frequent).
func cutAt(rs []rune, limit int, count func(a, b rune) int) (int, []rune) {
	type cand struct {
		k    int
		bad  [4]bool // inside a quotation, splits a repeated pair at no dip, splits a repeated pair, no word evidence
		open []rune
	}
	var best *cand
	var st []rune
	for k := 1; k <= limit-2 && k < len(rs); k++ {
		r := rs[k-1]
		switch {
		case len(st) > 0 && r == st[len(st)-1]:
			st = st[:len(st)-1]
		case ClosingOf(r) != 0:
			st = append(st, ClosingOf(r))
		}
		if k < shortMin || !cuttable(rs[k-1], rs[k]) {
			continue
		}
		left, across, right := 0, count(rs[k-1], rs[k]), 0
		if k >= 2 {
			left = count(rs[k-2], rs[k-1])
		}
		if k+1 < len(rs) {
			right = count(rs[k], rs[k+1])
		}
		repeated := across > 1
		dip := across < max(left, right)
		c := cand{k: k, bad: [4]bool{len(st) > 0, repeated && !dip, repeated, left <= 1 && right <= 1}}
		if best == nil || !worse(c.bad, best.bad) {
			c.open = append([]rune(nil), st...)
			best = &c
		}
	}
	if best == nil {
		return limit - 2, st // no cut obeys the rules: cut at the length
	}
	return best.k, best.open
}

// worse reports whether a cut with faults a is worse than one with faults b
// (the faults in order of weight); at equal faults the later cut wins.
func worse(a, b [4]bool) bool {
	for i := range a {
		if a[i] != b[i] {
			return a[i]
		}
	}
	return false
}

// cuttable reports whether opening words may be cut between a and b.
func cuttable(a, b rune) bool {
	ca, cb := ClassOf(a), ClassOf(b)
	switch {
	case ca == Open || ca == Stop || ca == NoEnd || ca == Dash || ca == Ellipsis || ca == Space:
		return false
	case cb == Close || cb == Stop || cb == NoStart || cb == Dash || cb == Ellipsis:
		return false
	case ca == Word && cb == Word:
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
