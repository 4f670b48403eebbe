package cover

import (
	"math"
	"strings"
	"unicode"
	"unicode/utf8"
)

// noStart are the characters that may not begin a line (GB/T 15834-2011 and W3C clreq
// §3.1.6 "prohibition rules for line start"): closing brackets and quotes, pause and stop
// marks, and the halves of …… and ——, which also keeps those pairs unbroken.
const noStart = "，。、；：？！）］｝】》〉」』〗〕”’…—·～%,.;:?!)]}"

// noEnd are the characters that may not end a line (clreq §3.1.6): opening brackets and quotes.
const noEnd = "（［｛【《〈「『〖〔“‘([{"

// keepPairs are the brackets whose whole content stays on one line when it fits.
var keepPairs = map[rune]rune{'《': '》', '「': '」', '『': '』', '〈': '〉', '“': '”'}

// atoms splits s into the smallest pieces a line may break between: one ideograph, with
// no-start characters attached to the piece before and no-end characters to the piece after;
// Latin letters and digits stay together as words.
func atoms(s string) []string {
	var out []string
	var prev rune = -1
	for _, r := range s {
		join := len(out) > 0 && (strings.ContainsRune(noStart, r) ||
			strings.ContainsRune(noEnd, prev) ||
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

func isWordRune(r rune) bool {
	return r < 0x3000 && r > ' ' && (unicode.IsLetter(r) || unicode.IsDigit(r) || r == '\'' || r == '-')
}

// naturalBreak reports whether a line break between pieces a and b falls at a phrase
// boundary: after a pause or stop mark or closing bracket, before an opening one, or at a space.
func naturalBreak(a, b string) bool {
	last, _ := utf8.DecodeLastRuneInString(a)
	first, _ := utf8.DecodeRuneInString(b)
	return last == ' ' || first == ' ' ||
		strings.ContainsRune("，、；：。！？）》」』”…—,;:.!?)", last) ||
		strings.ContainsRune("（《「『“(", first)
}

// groups merges the atoms from an opening bracket of keepPairs to its closing partner into
// one group; every other atom is a group of its own.
func groups(as []string) [][]string {
	var out [][]string
	for i := 0; i < len(as); i++ {
		end := -1
		for k, r := range as[i] {
			closing, isOpen := keepPairs[r]
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
// one line when it fits; a piece wider than maxWidth gets a line of its own.
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
	text := func(i, j int) string { return strings.TrimSpace(strings.Join(pieces[i:j], "")) }
	// Fewest lines: greedy fill.
	n := 0
	for i := 0; i < len(pieces); {
		j := i + 1
		for j < len(pieces) && measure(text(i, j+1)) <= maxWidth {
			j++
		}
		n++
		i = j
	}
	// Balance: minimise the sum of squared slack over exactly n lines (slack of lines wider
	// than maxWidth, single pieces only, counts as zero), plus a penalty for every break that
	// is not at a phrase boundary.
	P := len(pieces)
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
	for k := 1; k <= n; k++ {
		for j := 1; j <= P; j++ {
			for i := j - 1; i >= 0; i-- {
				if cost[k-1][i] == inf {
					continue
				}
				w := measure(text(i, j))
				if w > maxWidth && j-i > 1 {
					break
				}
				slack := math.Max(0, maxWidth-w)
				c := cost[k-1][i] + slack*slack
				if j < P && !naturalBreak(pieces[j-1], pieces[j]) {
					c += unnatural
				}
				if c < cost[k][j] {
					cost[k][j], from[k][j] = c, i
				}
			}
		}
	}
	out := make([]line, n)
	for k, j := n, P; k > 0; k-- {
		i := from[k][j]
		t := text(i, j)
		out[k-1] = line{t, measure(t)}
		j = i
	}
	return out
}
