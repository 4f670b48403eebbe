package load

import (
	"slices"
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

// Prose wrapped by hand: paragraphs separated by blank lines, each broken into
// lines of varying width (often at a comma, 15–40 characters) where the writer
// pressed Enter. wrapWidth finds no width, or one that only some of the
// broken lines reach; handWrapped recognises the file by its blocks instead,
// and paragraphs then joins the lines of each block. A file with one paragraph per line and blank lines
// between has one-line blocks and no such file-wide pattern, so nothing joins.
const (
	// handMaxWidth is the widest line (in columns) taken for a hand wrap; a
	// longer line is a paragraph of its own.
	handMaxWidth = 90
	// handMinMedian is the least median width of the wrapped lines: verse,
	// whose stanzas look the same, has shorter lines (五言, 七言, 新诗).
	handMinMedian = 24
)

// handWrapped reports whether lines hold blank-line-separated blocks wrapped
// by hand, and marks the lines that continue such a block (txtLine.cont). A
// block looks wrapped when the lines that end a line but not the block are
// at most handMaxWidth wide with a median of at least handMinMedian; the file
// is wrapped by hand when it has at least three blocks, two or more looking
// wrapped and at least three in ten, and at least half of those blocks' broken
// lines stop in mid-sentence (not after 。！？…” or the like). When wrapWidth
// found a width wrap, the file is wrapped at that width instead if eight in ten
// of those lines reach it.
func handWrapped(lines []txtLine, wrap int) bool {
	blocks, wrapped, inner, open, full := 0, 0, 0, 0, 0
	var starts []int // the first line of each block that looks wrapped
	var widths []int
	for i := 0; i < len(lines); {
		if lines[i].blank || lines[i].gone {
			i++
			continue
		}
		j := i
		for j < len(lines) && !lines[j].blank && !lines[j].gone {
			j++
		}
		blocks++
		if looksWrapped(lines[i:j], &widths) {
			wrapped++
			starts = append(starts, i)
			for _, ln := range lines[i : j-1] {
				inner++
				if r := runeBefore(ln.text); !cjk.IsSentenceStop(r) && r != '…' && cjk.ClassOf(r) != cjk.Close {
					open++
				}
				if wrap > 0 && ln.width >= wrap-3 {
					full++
				}
			}
		}
		i = j
	}
	if blocks < 3 || wrapped < 2 || wrapped*10 < blocks*3 || open*2 < inner || full*10 >= inner*8 {
		return false
	}
	for _, i := range starts {
		for k := i + 1; k < len(lines) && !lines[k].blank && !lines[k].gone; k++ {
			lines[k].cont = true
		}
	}
	return true
}

// looksWrapped reports whether a block of lines has the short, broken lines of
// prose wrapped by hand; widths is scratch space.
func looksWrapped(block []txtLine, widths *[]int) bool {
	if len(block) < 2 {
		return false
	}
	ws := (*widths)[:0]
	for _, ln := range block[:len(block)-1] {
		if ln.width > handMaxWidth {
			return false
		}
		ws = append(ws, ln.width)
	}
	*widths = ws
	slices.Sort(ws)
	return ws[len(ws)/2] >= handMinMedian
}

// paragraphs builds the paragraphs of lines[a:b]: one per line, or, in a
// hard-wrapped file, one per run of lines where each line but the last reaches
// the wrap width and the next is not indented, or, in a file wrapped by hand,
// one per block of lines that looks wrapped, where each line continues the
// one before unless it is indented more.
func (l *loader) paragraphs(f *textFile, a, b int) []*book.Paragraph {
	var out []*book.Paragraph
	var sb strings.Builder
	var start int
	var prevLong bool
	var last rune
	prevIndent := 0
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
		if f.wrap > 0 && prevLong && ln.indent == 0 || f.hand && ln.cont && sb.Len() > 0 && ln.indent <= prevIndent {
			first := runeAfter(ln.text)
			if last != 0 && cjk.JoinsWithSpace(last, first) {
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
		prevIndent = ln.indent
	}
	flush()
	return out
}
