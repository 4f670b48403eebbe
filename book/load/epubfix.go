package load

import (
	"strings"

	"cjkbook/book"
	"cjkbook/book/cjk"
)

// Repairs of what converters leave in an EPUB's text.
//
// Calibre and others join the hard-wrapped lines of a text file with a space,
// which between two Chinese characters is a visible gap that is not in the
// writing: such a space is removed. A converter that kept each hard-wrapped
// line as its own <p> leaves paragraphs that end at one width mid-sentence, or
// lines broken by hand at varying widths in blocks set off by blank
// paragraphs: they are joined by the text loader's rules (wrapWidth: most
// lines end near one width, and a line that reaches it continues on the next
// unless the next is indented; handWrapped: each block of prose wrapped by
// hand is one paragraph). Indents typed as full-width spaces are stripped (cjkbook sets
// the indent). Then punctuation is normalised as for any source.

// repair applies the repairs and the punctuation normalisation to chapter ch.
func (c *epubConv) repair(ch *book.Chapter) {
	ch.Blocks = c.joinWrapped(ch.Blocks)
	for _, n := range ch.Notes {
		n.Blocks = c.joinWrapped(n.Blocks)
	}
	var at book.Pos
	fix := func(runs []book.Run) {
		c.cjkSpaces(runs, at)
		if !c.l.opts.NoNormalize {
			c.norm.normalizeRuns(runs)
		}
	}
	ch.Walk(func(bl book.Block) bool {
		at = bl.Pos()
		switch bl := bl.(type) {
		case *book.Paragraph:
			stripIndent(bl.Runs)
			fix(bl.Runs)
		case *book.Heading:
			fix(bl.Runs)
		case *book.Table:
			for i := range bl.Header {
				fix(bl.Header[i].Runs)
			}
			for _, row := range bl.Rows {
				for i := range row {
					fix(row[i].Runs)
				}
			}
		default: // quotes and lists hold paragraphs, which Walk visits; the rest hold no runs
		}
		return true
	})
}

// reportRepairs warns once per EPUB about the repairs made.
func (c *epubConv) reportRepairs() {
	at := book.Pos{File: c.f.name}
	if c.spaces > 0 {
		c.l.warn(c.spaceAt, "%d space(s) between two CJK characters removed (a converter joined hard-wrapped lines with them), the first in %q", c.spaces, c.spaceSample)
	}
	if c.joined > 0 {
		c.l.warn(at, "%d hard-wrapped line(s), each its own paragraph in the EPUB, joined into their paragraphs", c.joined)
	}
}

// cjkSpaces removes the runs of spaces (ASCII, tab, NBSP) that join two CJK characters,
// also at run boundaries (**强调** 之后); code, note references and pictures
// are left alone.
func (c *epubConv) cjkSpaces(runs []book.Run, at book.Pos) {
	fixed := func(r book.Run) bool { return r.Style&(book.Code|book.NoteRef) != 0 || r.Image != nil }
	for i := range runs {
		if fixed(runs[i]) || !strings.ContainsAny(runs[i].Text, " \t\u00a0") {
			continue
		}
		var before, after rune
		if i > 0 && !fixed(runs[i-1]) {
			before = runeBefore(runs[i-1].Text)
		}
		if i+1 < len(runs) && !fixed(runs[i+1]) {
			after = runeAfter(runs[i+1].Text)
		}
		runs[i].Text = c.dropCJKSpaces(runs[i].Text, before, after, at)
	}
}

// dropCJKSpaces removes from s the spaces between two CJK characters; before
// and after are the characters around s (0: none).
func (c *epubConv) dropCJKSpaces(s string, before, after rune, at book.Pos) string {
	var sb strings.Builder
	last := 0 // s[last:] is not yet copied
	for i := 0; i < len(s); {
		j := i
		for j < len(s) && gapAt(s, j) > 0 {
			j += gapAt(s, j)
		}
		if j == i {
			i++
			continue
		}
		left, right := before, after
		if i > 0 {
			left = runeBefore(s[:i])
		}
		if j < len(s) {
			right = runeAfter(s[j:])
		}
		if cjk.NoSpaceBetween(left, right) {
			if c.spaces == 0 {
				c.spaceAt, c.spaceSample = at, shorten(s[max(0, i-12):min(len(s), j+12)], 30)
			}
			c.spaces++
			c.l.removed = append(c.l.removed, s[i:j])
			sb.WriteString(s[last:i])
			last = j
		}
		i = j
	}
	if last == 0 {
		return s
	}
	sb.WriteString(s[last:])
	return sb.String()
}

// gapAt returns the length of the space at s[i] (ASCII space, tab or NBSP), else 0.
func gapAt(s string, i int) int {
	switch {
	case s[i] == ' ' || s[i] == '\t':
		return 1
	case strings.HasPrefix(s[i:], "\u00a0"):
		return 2
	}
	return 0
}

// stripIndent removes an indent typed as spaces (full-width or not) at the
// start of a paragraph (cjkbook sets the indent), and the spaces a skipped
// back link leaves at its end.
func stripIndent(runs []book.Run) {
	if len(runs) == 0 {
		return
	}
	if runs[0].Style&(book.Code|book.NoteRef) == 0 {
		runs[0].Text = strings.TrimLeft(runs[0].Text, cjk.IndentSpaces)
	}
	if last := &runs[len(runs)-1]; last.Style&(book.Code|book.NoteRef) == 0 {
		last.Text = strings.TrimRight(last.Text, " \t\u00a0")
	}
}

// minEPUBWrap is the narrowest hard wrapping joined in an EPUB, in columns (20
// Chinese characters): a text file wrapped narrower is rare, while verse set
// one line to a <p> (five or seven characters and a mark) is common.
const minEPUBWrap = 40

// joinWrapped drops the paragraphs that hold only white space (Calibre's
// blank lines) and joins runs of paragraphs that are one hard-wrapped line
// each into the paragraphs they were, by the text loader's rules: lines
// wrapped at one width (wrapWidth; the first line of a paragraph may be
// shorter by the indent the converter took off it), or prose wrapped by hand
// whose blocks of lines are set off by blank paragraphs (handWrapped).
func (c *epubConv) joinWrapped(blocks []book.Block) []book.Block {
	measured := make([]txtLine, len(blocks)) // each paragraph's line, by block index
	lines := make([]txtLine, 0, len(blocks))
	for i, b := range blocks {
		if p, ok := b.(*book.Paragraph); ok {
			measured[i] = measure(i, book.Plain(p.Runs))
			lines = append(lines, measured[i])
		}
	}
	wrap := wrapWidth(lines)
	if wrap < minEPUBWrap {
		wrap = 0 // verse, or lists of short lines: kept as the EPUB has them
	}
	hand := handBlocks(blocks, measured, wrap)
	out := blocks[:0]
	var prev *book.Paragraph
	prevLong, prevIndent := false, 0
	for i, b := range blocks {
		p, ok := b.(*book.Paragraph)
		if !ok {
			out = append(out, b)
			prev, prevLong = nil, false
			continue
		}
		ln := measured[i]
		if ln.blank && !hasPicture(p.Runs) {
			prev, prevLong = nil, false
			continue
		}
		first := prev == nil || !prevLong
		if prev != nil && (wrap > 0 && prevLong && ln.indent == 0 || hand != nil && hand[i] && ln.indent <= prevIndent) {
			last, next := runeBefore(book.Plain(prev.Runs)), runeAfter(ln.text)
			if cjk.JoinsWithSpace(last, next) {
				prev.Runs = append(prev.Runs, book.Run{Text: " "})
			}
			prev.Runs = append(prev.Runs, p.Runs...)
			c.joined++
			c.l.stats.Joined++
		} else {
			out = append(out, p)
			prev = p
		}
		prevLong = wrap > 0 && (ln.width >= wrap-3 || first && ln.indent == 0 && ln.width >= wrap-7)
		prevIndent = ln.indent
	}
	return out
}

// handBlocks reports, by block index, the paragraphs that continue a block of
// prose wrapped by hand (handWrapped), where blank paragraphs, pictures and
// every other block end a block of lines; nil when the blocks are not such
// prose or are wrapped at width wrap. measured holds each paragraph's line.
func handBlocks(blocks []book.Block, measured []txtLine, wrap int) []bool {
	if wrap > 0 {
		return nil
	}
	lines := make([]txtLine, len(blocks))
	for i, b := range blocks {
		if p, ok := b.(*book.Paragraph); ok && !hasPicture(p.Runs) {
			lines[i] = measured[i]
		} else {
			lines[i] = txtLine{no: i, blank: true}
		}
	}
	if !handWrapped(lines, 0) {
		return nil
	}
	cont := make([]bool, len(blocks))
	for i := range lines {
		cont[i] = lines[i].cont
	}
	return cont
}

// hasPicture reports whether runs hold an inline picture.
func hasPicture(runs []book.Run) bool {
	for _, r := range runs {
		if r.Image != nil {
			return true
		}
	}
	return false
}
