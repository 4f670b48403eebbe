package layout

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"cjkbook/book/cjk"
	"github.com/rivo/uniseg"
)

// checkLines verifies the line breaker's typographic invariants on a paragraph's lines and
// returns one message per violation (empty when the lines are good):
// the lines tile the text; nothing from the no-line-start set starts a line and nothing
// from the no-line-end set ends one; —— / …… pairs, digit runs and Latin words are never
// split (except a hyphenated over-long word); every non-final line ends within 0.1 pt
// of the measure unless it is one unbreakable unit; the last line is flush left at
// natural spacing; no line ends inside a grapheme cluster; the items draw exactly the
// text (one placeholder box for a cluster that no face has, one space where a line breaks
// at spaces).
func checkLines(text []rune, lines []Line, opts Options, covers func(rune) bool) []string {
	var errs []string
	bad := func(f string, a ...any) { errs = append(errs, fmt.Sprintf(f, a...)) }
	joins := map[int]bool{}
	cjk.Joins(string(text), func(i int) { joins[i] = true })
	missing := func(r rune) bool { return covers != nil && !covers(r) && classOf(r) != clsSpace }
	pos := 0
	var drawn strings.Builder
	var want strings.Builder
	for i, ln := range lines {
		if ln.Start != pos || ln.End <= ln.Start || ln.End > len(text) {
			bad("line %d: range [%d,%d) does not continue at %d", i, ln.Start, ln.End, pos)
			return errs
		}
		pos = ln.End
		seg := text[ln.Start:ln.End]
		te := len(seg)
		for te > 1 && classOf(seg[te-1]) == clsSpace {
			te--
		}
		if te == 1 && classOf(seg[0]) == clsSpace {
			te = 0
		}
		for k, r := range seg[:te] {
			if j := ln.Start + k; missing(r) {
				if !placeholder(r) || joins[j] && missing(text[j-1]) {
					continue // never drawn, or inside the box of its cluster
				}
				r = 0xFFFD
			}
			want.WriteRune(glyphRune(r))
		}
		if joins[ln.End] {
			bad("line %d ends inside the grapheme cluster %q", i, string(text[ln.End-1:ln.End+1]))
		}
		if ln.Hyphen {
			want.WriteRune('-')
		}
		if i < len(lines)-1 && !ln.Hyphen && te > 0 && te < len(seg) && glyphRune(seg[te]) == ' ' && (covers == nil || covers(' ')) {
			want.WriteRune(' ') // the space the line breaks at is drawn (breakSpace)
		}
		for k, it := range ln.Items {
			if it.Kind == Text && !(k > 0 && ln.Items[k-1].Kind == Span && (it.Text == " " || it.Text == "\u3000")) { // not a placeholder's inkless glyph
				drawn.WriteString(it.Text)
			}
			if it.Kind == Box {
				drawn.WriteRune(0xFFFD)
			}
		}
		last := i == len(lines)-1
		if last != ln.Last {
			bad("line %d: Last=%v", i, ln.Last)
		}
		// A line break ends its line, which is set as a paragraph's last line is.
		forced := seg[len(seg)-1] == '\n'
		if k := slices.Index(seg, '\n'); k >= 0 && k < len(seg)-1 {
			bad("line %d runs on past a line break: %q", i, string(seg))
		}
		if forced && ln.Spacing != 0 {
			bad("line %d ends at a line break but has spacing %.3f", i, ln.Spacing)
		}
		if c0 := classOf(seg[0]); i > 0 && opts.Punct.NoStart(cjk.Class(c0)) {
			bad("line %d starts with %q: %q", i, seg[0], string(seg))
		}
		if !last && te == len(seg) {
			e := seg[te-1]
			if classOf(e).noEnd() || opts.Punct.SolidusNoEnd(e) {
				bad("line %d ends with %q: %q", i, e, string(seg))
			}
		}
		if !last {
			a, b := text[ln.End-1], text[ln.End]
			for j := ln.End - 1; joins[j]; j-- {
				a = text[j-1] // a cluster breaks like its base
			}
			if (a == '—' || a == '…' || a == '⋯') && a == b {
				k := 0
				for j := ln.End - 1; j >= 0 && text[j] == a; j-- {
					k++
				}
				if k%2 == 1 {
					bad("line %d splits %q%q", i, a, b)
				}
			}
			if !ln.Hyphen && !cjk.IsWide(a) && !cjk.IsWide(b) && classOf(a) != clsSpace && classOf(b) != clsSpace && !isQuote(a) && !isQuote(b) {
				bad("line %d splits the word or number %q|%q", i, string(text[max(0, ln.End-6):ln.End]), string(text[ln.End:min(len(text), ln.End+6)]))
			}
			if ln.Hang > 0 && !cjk.Hangs(text[ln.End-1]) && classOf(text[ln.End-1]) != clsClose {
				bad("line %d hangs %.2f but ends with %q", i, ln.Hang, text[ln.End-1])
			}
			if !forced && !ln.Overfull && !oneUnit(seg[:te]) && math.Abs(float64(ln.Right-ln.Hang-ln.Measure)) > 0.1 {
				bad("line %d not justified: right edge %.2f, measure %.2f: %q", i, ln.Right, ln.Measure, string(seg))
			}
			if ln.Right-ln.Hang > ln.Measure+0.1 && !ln.Overfull {
				bad("line %d too wide: %.2f > %.2f", i, ln.Right, ln.Measure)
			}
		} else {
			if ln.Spacing != 0 {
				bad("last line has spacing %.3f", ln.Spacing)
			}
			if ln.Right-ln.Hang > ln.Measure+0.1 && !ln.Overfull {
				bad("last line too wide: %.2f > %.2f", ln.Right, ln.Measure)
			}
		}
	}
	if pos != len(text) {
		bad("lines end at %d of %d runes", pos, len(text))
	}
	if drawn.String() != want.String() {
		bad("items draw %q, want %q", drawn.String(), want.String())
	}
	return errs
}

// oneUnit reports whether s is one unbreakable unit (a word, a number, a ——/…… pair,
// a grapheme cluster) that justification cannot spread: no two grapheme clusters of it
// meet at a wide rune or a space.
func oneUnit(s []rune) bool {
	if len(s) <= 1 {
		return true
	}
	var prev []rune
	g := uniseg.NewGraphemes(string(s))
	for g.Next() {
		cur := g.Runes()
		if prev != nil {
			a, b := prev[0], cur[0] // a cluster spaces like its base
			if cjk.IsWide(a) || cjk.IsWide(b) || classOf(a) == clsSpace || classOf(b) == clsSpace {
				if !(a == b && (a == '—' || a == '…') && len(s) == 2) {
					return false
				}
			}
		}
		prev = cur
	}
	return true
}

// loneLast reports whether the last line holds a single character (plus marks) while
// the paragraph has more than one line: the 孤字 to avoid.
func loneLast(text []rune, lines []Line) bool {
	if len(lines) < 2 {
		return false
	}
	ln := lines[len(lines)-1]
	u := 0.0
	for i := ln.Start; i < ln.End; i++ {
		c := classOf(text[i])
		if c == clsSpace || c.noStart() || c == clsOpen || c == clsDash || c == clsEllipsis {
			continue
		}
		if !cjk.IsWide(text[i]) {
			u += 0.5
			continue
		}
		u++
	}
	return u <= 1
}

// originsOutOfOrder returns the first glyph of a line whose origin lies before the origin
// of the glyph drawn before it (text extraction would read them swapped), or -1.
func originsOutOfOrder(ln Line, faces []Metrics) rune {
	prev := Pt(-1e9)
	for _, it := range ln.Items {
		if it.Kind != Text {
			continue
		}
		pens, i := it.Pens(faces[it.Face]), 0
		for _, r := range it.Text {
			if x := pens[i]; x < prev-1e-6 {
				return r
			}
			prev = pens[i]
			i++
		}
	}
	return -1
}
