package layout

import (
	"fmt"
	"strings"
	"testing"

	"cjkbook/book"
	"cjkbook/book/internal/testenv"
)

// textItems describes the Text items of a line: each its text and Moves, as
// `"text" at:+x …`, one item per element.
func textItems(ln Line) []string {
	var out []string
	for _, it := range ln.Items {
		if it.Kind != Text {
			continue
		}
		s := fmt.Sprintf("%q", it.Text)
		for _, m := range it.Moves {
			s += fmt.Sprintf(" %d:%+.2f", m.At, m.X)
		}
		out = append(out, s)
	}
	return out
}

// TestMovesJoinShiftedGlyphs sets short lines in FakeMetrics at 10 pt: glyphs that a
// style moves inside their cells, and blanks squeezed between marks, stay in their
// line's Text item as Moves, which put every glyph where its cell has it (checkPens);
// a Latin word at another spacing keeps an item of its own.
func TestMovesJoinShiftedGlyphs(t *testing.T) {
	cases := []struct {
		name    string
		style   PunctStyle
		text    string
		measure Pt
		want    []string // the Text items of the first line
	}{
		// The stop a quarter em right of where it would stand, the next glyph back.
		{"centred stop", Centred, "他说。好的", 100, []string{`"他说。好的" 2:+2.50 3:-2.50`}},
		// Here the item takes the gap after 甲 as its spacing: two Moves, not four.
		{"centred comma", Centred, "甲，乙，丙", 100, []string{`"甲，乙，丙" 2:-5.00 4:-5.00`}},
		// GB: the colon and the opening quote share one blank, and so do the full
		// stop and the closing quote; the curly quote's glyph is narrower than its cell.
		{"gb stop and quote", GB, "他说：“好。”走", 100, []string{`"他说：“好。”走" 3:+1.50 6:-5.00 7:+6.50`}},
		{"gb plain", GB, "天地玄黄宇宙洪荒", 100, []string{`"天地玄黄宇宙洪荒"`}},
		// Kaiming: the comma in a half cell, the full stop in a full one.
		{"kaiming", Kaiming, "甲，乙。丙", 100, []string{`"甲，乙。丙" 2:-5.00`}},
		// Banjiao: the opening quote's glyph moved into its half cell.
		{"banjiao quote", Banjiao, "他说“好”走", 100, []string{`"他说“好”走" 2:+1.50 5:+1.50`}},
		// The word's letters follow each other at no spacing, the Han text after the
		// glue at another: the word is an item of its own.
		{"latin word", GB, "中文Rusty中文字", 75, []string{`"中文"`, `"Rusty中" 5:+7.50`}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			o := DefaultOptions()
			o.Punct = c.style
			b := newBreaker([]Metrics{FakeMetrics{}, FakeMetrics{}}, &o)
			ls := b.lines([]book.Run{{Text: c.text}}, ParaStyle{Size: 10, Measure: c.measure})
			if len(ls) == 0 {
				t.Fatal("no lines")
			}
			ln := b.set(ls[0].Start, ls[0].End, true, len(ls) == 1)
			checkPens(t, b, ln, b.faces)
			got := textItems(ln)
			if strings.Join(got, " | ") != strings.Join(c.want, " | ") {
				t.Errorf("items %s, want %s", strings.Join(got, " | "), strings.Join(c.want, " | "))
			}
		})
	}
}

// TestMovesPutGlyphsInTheirCells sets the seed in every style at three measures and
// checks, line by line, that the pens of the Text items (their advances, Spacing and
// Moves) put every glyph where the line's cells place it.
func TestMovesPutGlyphsInTheirCells(t *testing.T) {
	faces := wenkai(t)
	b := textBook(t, testenv.Seed(t))
	for _, sc := range styleCases {
		for _, chars := range []int{11, 23, 31} {
			t.Run(fmt.Sprintf("%s/%d", sc.name, chars), func(t *testing.T) {
				o := DefaultOptions()
				o.Punct, o.Hanging = sc.style, sc.hanging
				br := newCachedBreaker(faces, &o)
				ps := ParaStyle{Size: 10, Measure: Pt(chars) * 10, Indent: 20}
				moved := 0
				for _, c := range b.Chapters {
					for _, bl := range c.Blocks {
						p := bl.(*book.Paragraph)
						ls := br.lines(p.Runs, ps)
						for k, ln := range ls {
							// Set again: br.gx holds the glyph x of this line's cells.
							ln = br.set(ln.Start, ln.End, k == 0, k == len(ls)-1)
							moved += checkPens(t, br, ln, faces)
						}
					}
				}
				if moved == 0 && sc.style == Centred {
					t.Errorf("no Moves in the centred style")
				}
			})
		}
	}
}

// checkPens reports the glyphs of ln whose pen is not the x br.gx gives their cell,
// and returns how many Moves the line's items have.
func checkPens(t *testing.T, br *breaker, ln Line, faces []Metrics) int {
	t.Helper()
	var pens []Pt
	moves := 0
	for _, it := range ln.Items {
		if it.Kind == Text && it.Size == br.ps.Size && it.Y == 0 {
			p := it.Pens(faces[it.Face])
			pens = append(pens, p[:len(p)-1]...)
			moves += len(it.Moves)
		}
	}
	k := 0
	for i := ln.Start; i < ln.Start+len(br.gx) && k < len(pens); i++ {
		c := &br.cells[i]
		if c.face < 0 || c.small {
			continue
		}
		if c.vsel { // drawn with its base, where its base stands
			k++
			continue
		}
		if want := br.gx[i-ln.Start]; !samePen(pens[k], want) {
			t.Errorf("line %d: glyph %q at %.3f, its cell puts it at %.3f", ln.Start, c.r, pens[k], want)
			return moves
		}
		k++
	}
	return moves
}

func TestPens(t *testing.T) {
	cases := []struct {
		name string
		f    Metrics
		it   Item
		want []Pt
	}{
		{"plain", FakeMetrics{}, Item{X: 5, Size: 10, Text: "天地"}, []Pt{5, 15, 25}},
		{"spacing", FakeMetrics{}, Item{X: 5, Size: 10, Spacing: 1, Text: "天地a"}, []Pt{5, 16, 27, 33}},
		{"moves", FakeMetrics{}, Item{X: 5, Size: 10, Text: "天。地", Moves: []Move{{At: 1, X: 2.5}, {At: 2, X: -2.5}}}, []Pt{5, 17.5, 25, 35}},
		{"first and twice", FakeMetrics{}, Item{X: 5, Size: 10, Text: "天地", Moves: []Move{{At: 0, X: 1}, {At: 1, X: 1}, {At: 1, X: -3, Y: 4}}}, []Pt{6, 14, 24}},
		// 葛 U+E0100 is one glyph half an em wide: the selector stands with its base.
		{"variation sequence", variantMetrics{}, Item{X: 5, Size: 10, Spacing: 1, Text: "葛\U000E0100城"}, []Pt{5, 5, 11, 22}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := c.it.Pens(c.f)
			if fmt.Sprint(got) != fmt.Sprint(c.want) {
				t.Errorf("Pens = %v, want %v", got, c.want)
			}
		})
	}
}
