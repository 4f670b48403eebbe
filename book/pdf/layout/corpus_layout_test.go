package layout

import (
	"fmt"
	"maps"
	"slices"
	"testing"

	"cjkbook/book"
	"cjkbook/fonts"
)

func wenkai(t testing.TB) []Metrics {
	t.Helper()
	r, b, err := fonts.Default()
	if err != nil {
		t.Fatal(err)
	}
	return []Metrics{r, b}
}

// TestCorpusLines runs the line breaker over the seed and every corpus text at several
// measures, with WenKai and with the fake metrics, and asserts the invariants of
// checkLines on every paragraph, plus no 孤字 (single character on a last line) where
// pulling one more character down was possible.
func TestCorpusLines(t *testing.T) {
	texts := corpusTexts(t)
	names := slices.Sorted(maps.Keys(texts))
	o := DefaultOptions()
	for _, name := range names {
		b := textBook(t, texts[name]...)
		for _, fc := range []struct {
			name  string
			faces []Metrics
		}{{"wenkai", wenkai(t)}, {"fake", []Metrics{FakeMetrics{}, FakeMetrics{}}}} {
			for _, chars := range []int{9, 15, 23, 31, 40} {
				t.Run(fmt.Sprintf("%s/%s/%d", name, fc.name, chars), func(t *testing.T) {
					br := newCachedBreaker(fc.faces, &o)
					ps := ParaStyle{Size: 10.5, Measure: Pt(chars) * 10.5, Indent: 21}
					fails, paras, lines, lone := 0, 0, 0, 0
					for _, c := range b.Chapters {
						for _, bl := range c.Blocks {
							p := bl.(*book.Paragraph)
							text := []rune(book.Plain(p.Runs))
							ls := br.lines(p.Runs, ps)
							paras++
							lines += len(ls)
							for _, e := range checkLines(text, ls, o, covers(fc.faces)) {
								if fails++; fails <= 10 {
									t.Errorf("%s: %s", p.At, e)
								}
							}
							for _, ln := range ls {
								if r := originsOutOfOrder(ln, fc.faces); r >= 0 {
									if fails++; fails <= 10 {
										t.Errorf("%s: %q drawn before the glyph ahead of it in %q", p.At, r, string(text[ln.Start:ln.End]))
									}
								}
							}
							if loneLast(text, ls) && canPull(text, ls, br) {
								if lone++; lone <= 5 {
									t.Errorf("%s: lone last character %q", p.At, lineTexts(text, ls)[len(ls)-2:])
								}
							}
						}
					}
					if fails > 10 || lone > 5 {
						t.Errorf("%d violations, %d lone last characters in total", fails, lone)
					}
					t.Logf("%d paragraphs, %d lines", paras, lines)
				})
			}
		}
	}
}

// canPull reports whether the second-to-last line has a break opportunity where one more
// unit could move down (the breaker's cells say where breaks are allowed).
func canPull(text []rune, ls []Line, br *breaker) bool {
	prev := ls[len(ls)-2]
	for i := prev.End - 1; i > prev.Start; i-- {
		if br.cells[i].brk {
			return br.natural(i, len(text)) <= br.ps.Measure
		}
	}
	return false
}

// covers reports whether any of the faces has r.
func covers(faces []Metrics) func(rune) bool {
	return func(r rune) bool {
		for _, f := range faces {
			if f.Covers(r) {
				return true
			}
		}
		return false
	}
}
