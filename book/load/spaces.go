package load

import (
	"strings"
	"unicode"

	"cjkbook/book"
	"cjkbook/book/cjk"
)

// Spaces beside full-width punctuation (part of punctuation normalisation).
//
// A full-width Chinese mark is drawn in a 1 em box whose blank half already
// separates it from its neighbour (GB/T 15834-2011; clreq "Punctuation
// Width Adjustment": the nominal width of every mark is 1 em). Sources often
// type a space beside the mark anyway (人直觉上的 “字符” 可能与, 中文 （English）,
// 的语言中， GC 记录), which makes a double gap in the book and splits the line
// when a PDF is read back as text. zh-copywriting-guide states the rule:
// 全角标点与其他字符之间不加空格.
//
// The rule: a run of ASCII spaces and tabs between a full-width mark and a
// non-space character is removed. U+3000 is kept (it is typed on purpose, and
// the loader itself puts it between a heading's label and title), so are line
// breaks, spaces inside code spans and next to a URL, and every space that has
// no full-width mark beside it (between Latin words, or beside a straight quote
// left in Latin text). The full-width marks are cjk.ChineseMarks; the marks Chinese
// shares with Western text (cjk.SharedMarks: curly quotes, ellipsis, dash) count only
// when the nearest character on one side, past spaces and other shared marks, is
// Chinese; the PDF layout gives a quote its full-width box under the same condition.

// isGap reports whether r is a space the rule removes.
func isGap(r rune) bool { return r == ' ' || r == '\t' }

// mayHaveGap reports quickly whether s holds a space or tab and a non-ASCII rune.
func mayHaveGap(s string) bool {
	gap, wide := false, false
	for i := 0; i < len(s) && !(gap && wide); i++ {
		c := s[i]
		gap = gap || c == ' ' || c == '\t'
		wide = wide || c >= 0x80
	}
	return gap && wide
}

// gapSpan is a run of spaces rs[a:b] to remove.
type gapSpan struct{ a, b int }

// gaps finds the runs of spaces to remove in rs. fixed (nil: none) flags the
// runes of code spans and note references: never changed, and not marks, but
// neighbours like any other character.
func (n *normalizer) gaps(rs []rune, fixed []bool) []gapSpan {
	isFixed := func(i int) bool { return fixed != nil && fixed[i] }
	n.markURLs(rs)
	// Chinese context of the shared marks: the nearest rune on each side that is
	// neither a space nor a shared mark is CJK.
	if cap(n.left) < len(rs) {
		n.left = make([]bool, len(rs))
		n.right = make([]bool, len(rs))
	}
	left, right := n.left[:len(rs)], n.right[:len(rs)]
	skip := func(i int) bool { return isGap(rs[i]) || cjk.IsSharedMark(rs[i]) && !isFixed(i) }
	state := false
	for i := range rs {
		left[i] = state
		if !skip(i) {
			state = cjk.IsCJKOnly(rs[i])
		}
	}
	state = false
	for i := len(rs) - 1; i >= 0; i-- {
		right[i] = state
		if !skip(i) {
			state = cjk.IsCJKOnly(rs[i])
		}
	}
	mark := func(i int) bool {
		r := rs[i]
		if isFixed(i) || n.prot[i] {
			return false
		}
		return cjk.IsChineseMark(r) || cjk.IsSharedMark(r) && (left[i] || right[i])
	}
	other := func(i int) bool {
		return !n.prot[i] && !isSpace(rs[i]) && !unicode.IsSpace(rs[i])
	}
	var out []gapSpan
	for i := 0; i < len(rs); {
		if !isGap(rs[i]) || isFixed(i) {
			i++
			continue
		}
		a := i
		for i < len(rs) && isGap(rs[i]) && !isFixed(i) {
			i++
		}
		if a == 0 || i == len(rs) {
			continue
		}
		if mark(a-1) && other(i) || mark(i) && other(a-1) {
			out = append(out, gapSpan{a, i})
		}
	}
	return out
}

// spaces removes the spaces beside full-width marks in s (one run of text);
// s itself when nothing changes.
func (n *normalizer) spaces(s string) string {
	if !mayHaveGap(s) {
		return s
	}
	rs := n.buf[:0]
	offs := n.offs[:0]
	for off, r := range s {
		rs = append(rs, r)
		offs = append(offs, off)
	}
	n.buf, n.offs = rs, offs
	sp := n.gaps(rs, nil)
	if len(sp) == 0 {
		return s
	}
	n.counts.Space += len(sp)
	var sb strings.Builder
	sb.Grow(len(s))
	last := 0
	for _, g := range sp {
		sb.WriteString(s[last:offs[g.a]])
		last = offs[g.b-1] + 1 // spaces and tabs are one byte
	}
	sb.WriteString(s[last:])
	return sb.String()
}

// normalizeRuns normalises the runs of one paragraph, heading or cell in place:
// marks run by run, then the spaces beside marks across run boundaries
// (**“强调”** 之后). Code and note-reference runs never change.
func (n *normalizer) normalizeRuns(runs []book.Run) {
	fixedRun := func(r book.Run) bool { return r.Style&(book.Code|book.NoteRef) != 0 || r.Image != nil }
	marks := func() bool {
		changed := false
		for i := range runs {
			if !fixedRun(runs[i]) {
				if t := n.marks(runs[i].Text); t != runs[i].Text {
					runs[i].Text = t
					changed = true
				}
			}
		}
		return changed
	}
	marks()
	for range maxPasses {
		if !n.spaceRuns(runs, fixedRun) || !marks() {
			return
		}
	}
}

// spaceRuns removes the spaces beside full-width marks across runs and reports
// whether it removed any.
func (n *normalizer) spaceRuns(runs []book.Run, fixedRun func(book.Run) bool) bool {
	gap, wide := false, false
	for _, r := range runs {
		if !fixedRun(r) && strings.ContainsAny(r.Text, " \t") {
			gap = true
		}
		for i := 0; i < len(r.Text) && !wide; i++ {
			wide = r.Text[i] >= 0x80
		}
	}
	if !gap || !wide {
		return false
	}
	rs := n.buf[:0]
	fixed := n.fixed[:0]
	offs := n.offs[:0] // byte offset of each rune in its run
	owner := n.owner[:0]
	for k, r := range runs {
		fx := fixedRun(r)
		for off, c := range r.Text {
			rs = append(rs, c)
			fixed = append(fixed, fx)
			offs = append(offs, off)
			owner = append(owner, k)
		}
	}
	n.buf, n.fixed, n.offs, n.owner = rs, fixed, offs, owner
	sp := n.gaps(rs, fixed)
	if len(sp) == 0 {
		return false
	}
	n.counts.Space += len(sp)
	// Rebuild each touched run without the dropped bytes, back to front so the
	// offsets of earlier gaps stay valid.
	for j := len(sp) - 1; j >= 0; j-- {
		g := sp[j]
		for i := g.b - 1; i >= g.a; {
			k := owner[i]
			hi := offs[i] + 1
			for i > g.a && owner[i-1] == k {
				i--
			}
			lo := offs[i]
			runs[k].Text = runs[k].Text[:lo] + runs[k].Text[hi:]
			i--
		}
	}
	return true
}
