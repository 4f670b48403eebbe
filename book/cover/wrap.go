package cover

import (
	"math"
	"strings"
	"unicode/utf8"

	"cjkbook/book/cjk"
)

// keptWhole are the opening marks whose content stays on one line when it fits: the
// book-title marks and the quotes “「『.
const keptWhole = cjk.TitleOpening + "「『“"

// closingOf returns the closing partner (cjk.ClosingOf) of an opening mark of keptWhole.
func closingOf(r rune) (rune, bool) {
	if !strings.ContainsRune(keptWhole, r) {
		return 0, false
	}
	return cjk.ClosingOf(r), true
}

// maxWrapRunes bounds the text wrap looks at: a cover shows at most a few lines, and the
// balancing pass is quadratic in the line length.
const maxWrapRunes = 300

// atoms splits s into the smallest pieces a line may break between: one ideograph, with the
// characters that may not start a line (cjk's prohibition tables at the GB level, which also
// keep the halves of …… and —— together) attached to the piece before and those that may not
// end a line to the piece after; Latin letters and digits stay together as words.
func atoms(s string) []string {
	var out []string
	var prev rune = -1
	for _, r := range s {
		join := len(out) > 0 && (cjk.GB.NoStart(cjk.ClassOf(r)) ||
			cjk.ClassOf(prev).NoEnd() ||
			(isWordRune(r) && isWordRune(prev)))
		if r == ' ' || prev == ' ' {
			join = false // a space is a piece of its own: lines break around it
		}
		if join {
			out[len(out)-1] += string(r)
		} else {
			out = append(out, string(r))
		}
		prev = r
	}
	return out
}

// isWordRune reports whether r belongs to a Latin word: a letter or digit that is not
// wide, an apostrophe or a hyphen.
func isWordRune(r rune) bool {
	return cjk.IsAlnum(r) || r == '\'' || r == '-'
}

// naturalBreak reports whether a line break between pieces a and b falls at a phrase
// boundary: after a pause or stop mark or closing bracket, before an opening one, or at a space.
func naturalBreak(a, b string) bool {
	last, _ := utf8.DecodeLastRuneInString(a)
	first, _ := utf8.DecodeRuneInString(b)
	switch cjk.ClassOf(last) {
	case cjk.Close, cjk.Stop, cjk.Dash, cjk.Ellipsis:
		return true
	default:
	}
	return last == ' ' || first == ' ' || cjk.ClassOf(first) == cjk.Open
}

// groups merges the atoms from an opening bracket (see closingOf) to its closing partner into
// one group; every other atom is a group of its own.
func groups(as []string) [][]string {
	var out [][]string
	for i := 0; i < len(as); i++ {
		end := -1
		for k, r := range as[i] {
			closing, isOpen := closingOf(r)
			if !isOpen {
				continue
			}
			if strings.ContainsRune(as[i][k:], closing) {
				break // opened and closed inside this atom
			}
			for j := i + 1; j < len(as); j++ {
				if strings.ContainsRune(as[j], closing) {
					end = j
					break
				}
			}
			break
		}
		if end < 0 {
			out = append(out, as[i:i+1])
			continue
		}
		out = append(out, as[i:end+1])
		i = end
	}
	return out
}

// wrap breaks s into balanced lines no wider than maxWidth: the fewest lines a greedy fill
// needs, with the breaks chosen to make the lines as even as possible. adv gives a rune's
// advance and track is added between neighbouring runes of a line. A 《…》 title stays on
// one line when it fits; a piece wider than maxWidth gets a line of its own. Text beyond
// maxWrapRunes is cut off with an ellipsis.
func wrap(s string, maxWidth float64, adv func(rune) float64, track float64) []line {
	measure := func(t string) float64 {
		w, n := 0.0, 0
		for _, r := range t {
			w += adv(r)
			n++
		}
		if n > 1 {
			w += track * float64(n-1)
		}
		return w
	}
	s = strings.Join(strings.Fields(s), " ")
	if s == "" {
		return nil
	}
	if rs := []rune(s); len(rs) > maxWrapRunes {
		s = string(rs[:maxWrapRunes-1]) + "…"
	}
	if w := measure(s); w <= maxWidth {
		return []line{{s, w}}
	}
	// Pieces: groups that fit, else the group's atoms.
	var pieces []string
	for _, g := range groups(atoms(s)) {
		if j := strings.Join(g, ""); len(g) == 1 || measure(j) <= maxWidth {
			pieces = append(pieces, j)
		} else {
			pieces = append(pieces, g...)
		}
	}
	ps := newPieceRow(pieces, adv, track)
	return ps.balance(ps.fewestLines(maxWidth), maxWidth)
}

// pieceRow is the pieces of a text to wrap, with prefix sums of their widths and rune
// counts that make a line's width O(1). Space pieces at either end of a line are trimmed.
type pieceRow struct {
	pieces []string
	sumW   []float64
	sumN   []int
	track  float64
}

func newPieceRow(pieces []string, adv func(rune) float64, track float64) *pieceRow {
	P := len(pieces)
	ps := &pieceRow{pieces: pieces, sumW: make([]float64, P+1), sumN: make([]int, P+1), track: track}
	for k, p := range pieces {
		ps.sumW[k+1], ps.sumN[k+1] = ps.sumW[k], ps.sumN[k]
		for _, r := range p {
			ps.sumW[k+1] += adv(r)
			ps.sumN[k+1]++
		}
	}
	return ps
}

// trim drops the space pieces at either end of the line of pieces [i, j).
func (ps *pieceRow) trim(i, j int) (int, int) {
	for i < j && ps.pieces[i] == " " {
		i++
	}
	for j > i && ps.pieces[j-1] == " " {
		j--
	}
	return i, j
}

// width is the width of the line of pieces [i, j).
func (ps *pieceRow) width(i, j int) float64 {
	i, j = ps.trim(i, j)
	w, n := ps.sumW[j]-ps.sumW[i], ps.sumN[j]-ps.sumN[i]
	if n > 1 {
		w += ps.track * float64(n-1)
	}
	return w
}

// text is the text of the line of pieces [i, j).
func (ps *pieceRow) text(i, j int) string {
	i, j = ps.trim(i, j)
	return strings.Join(ps.pieces[i:j], "")
}

// fewestLines is the number of lines a greedy fill to maxWidth needs.
func (ps *pieceRow) fewestLines(maxWidth float64) int {
	P := len(ps.pieces)
	n := 0
	for i := 0; i < P; {
		j := i + 1
		for j < P && ps.width(i, j+1) <= maxWidth {
			j++
		}
		n++
		i = j
	}
	return n
}

// balance breaks the pieces into exactly n lines, minimising the sum of squared slack
// (slack of lines wider than maxWidth, single pieces only, counts as zero) plus a penalty
// for every break that is not at a phrase boundary.
func (ps *pieceRow) balance(n int, maxWidth float64) []line {
	P := len(ps.pieces)
	inf := math.Inf(1)
	unnatural := 0.45 * maxWidth * 0.45 * maxWidth
	cost := make([][]float64, n+1)
	from := make([][]int, n+1)
	for k := range cost {
		cost[k] = make([]float64, P+1)
		from[k] = make([]int, P+1)
		for i := range cost[k] {
			cost[k][i] = inf
		}
	}
	cost[0][0] = 0
	penalty := make([]float64, P+1) // for a break after piece j-1
	for j := 1; j < P; j++ {
		if !naturalBreak(ps.pieces[j-1], ps.pieces[j]) {
			penalty[j] = unnatural
		}
	}
	for k := 1; k <= n; k++ {
		for j := 1; j <= P; j++ {
			for i := j - 1; i >= 0; i-- {
				w := ps.width(i, j)
				if w > maxWidth && j-i > 1 {
					break
				}
				if cost[k-1][i] == inf {
					continue
				}
				slack := math.Max(0, maxWidth-w)
				if c := cost[k-1][i] + slack*slack + penalty[j]; c < cost[k][j] {
					cost[k][j], from[k][j] = c, i
				}
			}
		}
	}
	out := make([]line, n)
	for k, j := n, P; k > 0; k-- {
		i := from[k][j]
		out[k-1] = line{ps.text(i, j), ps.width(i, j)}
		j = i
	}
	return out
}
