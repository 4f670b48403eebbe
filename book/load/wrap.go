package load

import (
	"strings"

	"cjkbook/book"
	"cjkbook/book/cjk"
)

// wrapWidth detects hard wrapping: when most lines end near one width (within 3
// columns), that width is returned; 0 means every line is its own paragraph.
func wrapWidth(lines []txtLine) int {
	var hist [256]int
	nonBlank, maxW := 0, 0
	for _, ln := range lines {
		if ln.blank || ln.gone {
			continue
		}
		nonBlank++
		w := ln.width
		if w > maxW {
			maxW = w
		}
		if w < len(hist) {
			hist[w]++
		}
	}
	if nonBlank < 3 {
		return 0
	}
	best, bestN := 0, 0
	for w := 20; w < len(hist); w++ {
		n := hist[w] + hist[w-1] + hist[w-2] + hist[w-3]
		if n > bestN {
			best, bestN = w, n
		}
	}
	if bestN < 3 || bestN*10 < nonBlank*3 {
		return 0
	}
	wider := 0
	for _, ln := range lines {
		if !ln.blank && !ln.gone && ln.width > best+2 {
			wider++
		}
	}
	if wider*20 > nonBlank {
		return 0
	}
	return best
}

// paragraphs builds the paragraphs of lines[a:b]: one per line, or, in a
// hard-wrapped file, one per run of lines where each line but the last reaches
// the wrap width and the next is not indented.
func (l *loader) paragraphs(f *textFile, a, b int) []*book.Paragraph {
	var out []*book.Paragraph
	var sb strings.Builder
	var start int
	var prevLong bool
	var last rune
	flush := func() {
		if sb.Len() > 0 {
			out = append(out, &book.Paragraph{Runs: []book.Run{{Text: sb.String()}}, At: book.Pos{File: f.name, Line: f.lines[start].no}})
			sb.Reset()
		}
		prevLong = false
	}
	for i := a; i < b; i++ {
		ln := &f.lines[i]
		if ln.gone {
			continue
		}
		if ln.blank {
			flush()
			continue
		}
		if f.wrap > 0 && prevLong && ln.indent == 0 {
			first := runeAfter(ln.text)
			if !cjk.IsCJK(last) && !cjk.IsCJK(first) && last != 0 {
				sb.WriteByte(' ')
			}
			sb.WriteString(ln.text)
			l.stats.Joined++
		} else {
			flush()
			start = i
			sb.WriteString(ln.text)
		}
		last = runeBefore(ln.text)
		prevLong = f.wrap > 0 && ln.width >= f.wrap-3
	}
	flush()
	return out
}
