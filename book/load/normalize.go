package load

import (
	"strings"
	"unicode/utf8"

	"cjkbook/book/cjk"
)

// Punctuation normalisation for Chinese text scraped from the web, where ASCII
// marks are often typed in place of the full-width ones that GB/T 15834-2011
// (标点符号用法) prescribes: ，。；：！？（）“”……——.
//
// The rules, applied to one paragraph (or one Markdown run) at a
// time, looking at the rune already written before the mark and the rune after it:
//
//   - , ; : ! ? become ，；：！？ after a CJK character, or before one when the mark
//     does not follow a Latin letter or digit (so 1,000 and 12:30 stay).
//   - . becomes 。 after a CJK character unless a Latin letter, digit or another dot
//     follows (so 文件.txt and 3.14 stay).
//   - ( becomes （ next to a CJK character; its matching ) becomes ）.
//   - straight quotes "…" around text that holds CJK become “…”.
//   - ... (three or more dots) or 。。。 next to CJK text become ……
//   - -- or a lone — next to CJK text become ——.
//   - ∶ (U+2236 RATIO, typed for a colon in old e-texts) next to CJK becomes ：.
//   - spaces and tabs beside a full-width mark are removed (spaces.go).
//
// Nothing changes inside URLs (scheme://… and www.…); Markdown code is never passed
// here. Unicode compatibility normalisation (NFKC) is never applied: it would turn
// ， into , and U+3000 into a space.

// normalizer normalises punctuation and counts the changes.
type normalizer struct {
	counts PunctCounts
	buf    []rune
	quote  []int8 // per rune: 1 opening, 2 closing quote to convert
	prot   []bool // per rune: inside a URL
	// Buffers of the space pass (spaces.go), per rune.
	left, right []bool // the shared mark's context is CJK on that side
	fixed       []bool // in a code or note-reference run
	offs        []int  // byte offset in its string
	owner       []int  // index of its run
}

// asciiCandidate marks the ASCII bytes that may be normalised.
var asciiCandidate = func() (t [256]bool) {
	for _, c := range []byte(`,.;:!?()"-`) {
		t[c] = true
	}
	return t
}()

// mayNeed reports quickly whether s holds anything the normaliser could change.
func mayNeed(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x80 {
			if asciiCandidate[c] {
				return true
			}
			continue
		}
		// — is E2 80 94; 。 is E3 80 82.
		if c == 0xE2 && i+2 < len(s) && s[i+1] == 0x80 && s[i+2] == 0x94 {
			return true
		}
		if c == 0xE3 && i+2 < len(s) && s[i+1] == 0x80 && s[i+2] == 0x82 && strings.HasPrefix(s[i:], "。。。") {
			return true
		}
		// ∶ (U+2236 RATIO, used as a colon in scraped texts) is E2 88 B6.
		if c == 0xE2 && i+2 < len(s) && s[i+1] == 0x88 && s[i+2] == 0xB6 {
			return true
		}
	}
	return false
}

// isASCIIAlnum reports whether r is an ASCII letter or digit.
func isASCIIAlnum(r rune) bool {
	return r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z'
}

// fullWidth maps the simple marks to their full-width forms.
func fullWidth(r rune) rune {
	switch r {
	case ',':
		return '，'
	case ';':
		return '；'
	case ':':
		return '：'
	case '!':
		return '！'
	case '?':
		return '？'
	}
	return r
}

// normalize returns s with its punctuation normalised and the spaces beside
// full-width marks removed; s itself when nothing changes.
func (n *normalizer) normalize(s string) string {
	s = n.marks(s)
	// Removing a space can put an ASCII mark next to a full-width one (中， ,) or
	// a lone — next to CJK text, which the marks pass then converts; repeat until
	// neither pass changes anything (twice is enough outside crafted input).
	for range maxPasses {
		t := n.spaces(s)
		if t == s {
			return s
		}
		s = n.marks(t)
		if s == t {
			return s
		}
	}
	return s
}

// maxPasses bounds the alternation of the space and mark passes.
const maxPasses = 4

// marks converts ASCII punctuation in Chinese text to the full-width marks;
// s itself when nothing changes.
func (n *normalizer) marks(s string) string {
	if !mayNeed(s) {
		return s
	}
	if cap(n.buf) < len(s) {
		n.buf = make([]rune, 0, len(s)) // bytes ≥ runes
	}
	rs := n.buf[:0]
	for _, r := range s {
		rs = append(rs, r)
	}
	n.buf = rs
	n.markURLs(rs)
	n.pairQuotes(rs)
	out := make([]rune, 0, len(rs)+len(rs)/8+4) // …… and —— may add runes
	changed := false
	var parens []bool // per open (: converted?
	prev := func() rune {
		if len(out) == 0 {
			return 0
		}
		return out[len(out)-1]
	}
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		if n.prot[i] {
			out = append(out, r)
			continue
		}
		var next rune
		if i+1 < len(rs) {
			next = rs[i+1]
		}
		repl, last, conv := n.mark(rs, i, prev(), next, &parens)
		if repl == nil {
			out = append(out, r)
			continue
		}
		out = append(out, repl...)
		changed = changed || conv
		i = last
	}
	if !changed {
		return s
	}
	return string(out)
}

// mark converts the ASCII (or doubtful) mark at rs[i], whose neighbours are p (the last
// rune written) and next: it returns the runes to write, the index of the last input
// rune they stand for and whether they differ from the input; nil runes mean rs[i]
// stays as it is. parens records, per open (, whether it was converted.
func (n *normalizer) mark(rs []rune, i int, p, next rune, parens *[]bool) (repl []rune, last int, changed bool) {
	r := rs[i]
	switch r {
	case ',', ';', ':', '!', '?':
		if cjk.IsCJKOnly(p) || cjk.IsCJKOnly(next) && !isASCIIAlnum(p) || cjk.IsCJK(p) && (cjk.IsCJK(next) || next == 0) {
			n.count(r)
			return []rune{fullWidth(r)}, i, true
		}
	case '.':
		return n.dots(rs, i, p)
	case '∶':
		if cjk.IsCJKOnly(p) || cjk.IsCJKOnly(next) {
			n.counts.Colon++
			return []rune{'：'}, i, true
		}
	case '。':
		j := i
		for j < len(rs) && rs[j] == '。' {
			j++
		}
		if j-i >= 3 {
			n.counts.Ellipsis++
			return []rune{'…', '…'}, j - 1, true
		}
	case '(':
		conv := cjk.IsCJKOnly(p) || cjk.IsCJKOnly(next)
		*parens = append(*parens, conv)
		if conv {
			n.counts.Paren++
			return []rune{'（'}, i, true
		}
	case ')':
		conv := cjk.IsCJKOnly(p)
		if ps := *parens; len(ps) > 0 {
			conv = conv || ps[len(ps)-1]
			*parens = ps[:len(ps)-1]
		}
		if conv {
			n.counts.Paren++
			return []rune{'）'}, i, true
		}
	case '"':
		switch n.quote[i] {
		case 1:
			n.counts.Quote++
			return []rune{'“'}, i, true
		case 2:
			n.counts.Quote++
			return []rune{'”'}, i, true
		}
	case '-', '—':
		return n.dash(rs, i, p, next)
	}
	return nil, i, false
}

// dots converts a run of full stops starting at rs[i]: three or more beside Chinese text
// become ……, a single one after Chinese text 。; any other run is kept whole.
func (n *normalizer) dots(rs []rune, i int, p rune) ([]rune, int, bool) {
	j := i
	for j < len(rs) && rs[j] == '.' && !n.prot[j] {
		j++
	}
	var after rune
	if j < len(rs) {
		after = rs[j]
	}
	switch {
	case j-i >= 3 && (cjk.IsCJK(p) || cjk.IsCJK(after)):
		n.counts.Ellipsis++
		return []rune{'…', '…'}, j - 1, true
	case j-i == 1 && cjk.IsCJKOnly(p) && !isASCIIAlnum(after):
		n.counts.Period++
		return []rune{'。'}, i, true
	}
	return rs[i:j], j - 1, false
}

// dash converts -- (exactly two hyphens) and a lone — beside Chinese text to ——.
func (n *normalizer) dash(rs []rune, i int, p, next rune) ([]rune, int, bool) {
	if rs[i] == '-' {
		if next == '-' && (i+2 >= len(rs) || rs[i+2] != '-') && (i == 0 || rs[i-1] != '-') {
			var after rune
			if i+2 < len(rs) {
				after = rs[i+2]
			}
			if cjk.IsCJK(p) || cjk.IsCJK(after) {
				n.counts.Dash++
				return []rune{'—', '—'}, i + 1, true
			}
		}
		return nil, i, false
	}
	if p != '—' && next != '—' && (cjk.IsCJK(p) && p != '—' || cjk.IsCJK(next)) {
		n.counts.Dash++
		return []rune{'—', '—'}, i, true
	}
	return nil, i, false
}

func (n *normalizer) count(r rune) {
	switch r {
	case ',':
		n.counts.Comma++
	case ';':
		n.counts.Semicolon++
	case ':':
		n.counts.Colon++
	case '!':
		n.counts.Exclaim++
	case '?':
		n.counts.Question++
	}
}

// markURLs flags the runes of URLs (scheme://… or www.…) so they stay untouched.
func (n *normalizer) markURLs(rs []rune) {
	if cap(n.prot) < len(rs) {
		n.prot = make([]bool, len(rs))
	}
	n.prot = n.prot[:len(rs)]
	clear(n.prot)
	for i := 0; i < len(rs); i++ {
		start := -1
		switch {
		case rs[i] == ':' && i+2 < len(rs) && rs[i+1] == '/' && rs[i+2] == '/':
			start = i
			for start > 0 && isASCIIAlnum(rs[start-1]) || start > 0 && (rs[start-1] == '+' || rs[start-1] == '-' || rs[start-1] == '.') && start-1 > 0 {
				start--
			}
		case (rs[i] == 'w' || rs[i] == 'W') && i+3 < len(rs) && (rs[i+1]|0x20) == 'w' && (rs[i+2]|0x20) == 'w' && rs[i+3] == '.' && (i == 0 || !isASCIIAlnum(rs[i-1])):
			start = i
		}
		if start < 0 {
			continue
		}
		j := i
		for j < len(rs) && rs[j] > ' ' && rs[j] < 0x80 && rs[j] != '"' && rs[j] != '<' && rs[j] != '>' {
			j++
		}
		// Trailing sentence punctuation is not part of the URL.
		for j > i+1 && strings.ContainsRune(".,;:!?)", rs[j-1]) {
			j--
		}
		for k := start; k < j; k++ {
			n.prot[k] = true
		}
		i = j
	}
}

// pairQuotes decides which straight double quotes become “ and ”: they pair up in
// order, and a pair converts when the text between holds a CJK character.
func (n *normalizer) pairQuotes(rs []rune) {
	if cap(n.quote) < len(rs) {
		n.quote = make([]int8, len(rs))
	}
	n.quote = n.quote[:len(rs)]
	clear(n.quote)
	open := -1
	for i, r := range rs {
		if r != '"' || n.prot[i] {
			continue
		}
		if open < 0 {
			open = i
			continue
		}
		chinese := false
		for _, q := range rs[open+1 : i] {
			if cjk.IsCJKOnly(q) {
				chinese = true
				break
			}
		}
		if chinese {
			n.quote[open], n.quote[i] = 1, 2
		}
		open = -1
	}
}

// runeBefore returns the last rune of s, or 0.
func runeBefore(s string) rune {
	r, _ := utf8.DecodeLastRuneInString(s)
	if r == utf8.RuneError {
		return 0
	}
	return r
}

// runeAfter returns the first rune of s, or 0.
func runeAfter(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	if r == utf8.RuneError {
		return 0
	}
	return r
}
