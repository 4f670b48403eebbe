package layout

import (
	"math"
	"strings"
	"testing"

	"cjkbook/book"
)

// phraseLine sets runs on one line of 40 em at 10 pt with the fake metrics.
func phraseLine(t *testing.T, runs []book.Run) Line {
	t.Helper()
	ls := BreakRuns(runs, []Metrics{FakeMetrics{}, FakeMetrics{}}, ParaStyle{Size: 10, Measure: 400}, DefaultOptions())
	if len(ls) != 1 {
		t.Fatalf("%d lines, want 1", len(ls))
	}
	return ls[0]
}

func TestEmphasisSlant(t *testing.T) {
	ln := phraseLine(t, []book.Run{{Text: "看"}, {Text: "中文 and Latin 强调", Style: book.Emphasis}, {Text: "x"}})
	var slanted, upright []string
	dots := 0
	for _, it := range ln.Items {
		switch {
		case it.Kind == Dot:
			dots++
		case it.Kind == Text && it.Slant != 0:
			if math.Abs(it.Slant-math.Tan(12*math.Pi/180)) > 1e-9 {
				t.Errorf("slant %v, want tan 12°", it.Slant)
			}
			slanted = append(slanted, it.Text)
		case it.Kind == Text:
			upright = append(upright, it.Text)
		}
	}
	if got := strings.Join(slanted, "|"); got != "and Latin " {
		t.Errorf("slanted text %q, want the Latin words only", got)
	}
	if got := strings.Join(upright, "|"); got != "看|中文 |强调|x" {
		t.Errorf("upright text %q", got)
	}
	if dots != 4 {
		t.Errorf("%d emphasis dots, want 4 (on 中文强调, none on Latin)", dots)
	}
}

func TestDecorations(t *testing.T) {
	const size = 10
	for _, tc := range []struct {
		name  string
		style book.Style
		kind  ItemKind
		y, h  Pt // Y and H of the item (Rule: H 0)
		first bool
	}{
		{"underline", book.Underline, Rule, 0.15 * size, 0, false},
		{"ins", book.Inserted, Rule, 0.15 * size, 0, false},
		{"strike", book.Strike, Rule, -0.38 * size, 0, false},
		{"mark", book.Mark, Fill, -0.88 * size, size, true},
		{"kbd", book.Kbd, Box, -0.905 * size, 1.05 * size, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ln := phraseLine(t, []book.Run{{Text: "前"}, {Text: "装饰 ab 字", Style: tc.style}, {Text: "后"}})
			var decos []Item
			at := -1
			for i, it := range ln.Items {
				if it.Kind != Text {
					decos = append(decos, it)
					at = i
				}
			}
			if len(decos) != 1 {
				t.Fatalf("%d decorations, want 1: %+v", len(decos), ln.Items)
			}
			d := decos[0]
			if d.Kind != tc.kind || d.Tag != Artifact || abs(d.Y-tc.y) > 1e-6 || abs(d.H-tc.h) > 1e-6 {
				t.Errorf("got %+v, want kind %d at y=%.3f h=%.3f, an artifact", d, tc.kind, tc.y, tc.h)
			}
			// It spans the styled text: from the end of 前 to the start of 后.
			start, end := Pt(size), ln.Right-size
			if tc.kind == Box {
				start, end = start-0.05*size, end+0.05*size
			}
			if abs(d.X-start) > 1e-6 || abs(d.X+d.W-end) > 1e-6 {
				t.Errorf("spans %.2f–%.2f, want %.2f–%.2f", d.X, d.X+d.W, start, end)
			}
			if tc.first != (at == 0) {
				t.Errorf("at index %d: a highlight goes first (behind the text), anything else after it", at)
			}
		})
	}
}

func TestSmallPrint(t *testing.T) {
	ln := phraseLine(t, []book.Run{{Text: "正文"}, {Text: "小字", Style: book.Small}})
	last := ln.Items[len(ln.Items)-1]
	if last.Text != "小字" || abs(last.Size-8.5) > 1e-9 || last.Y != 0 {
		t.Errorf("small print %+v, want 小字 at 8.5 pt on the baseline", last)
	}
	if abs(ln.Width-20-17) > 1e-6 {
		t.Errorf("width %.2f, want 37 (two glyphs of 10 pt, two of 8.5)", ln.Width)
	}
}

// TestVerticalDecorations checks where the decorations go in a vertical column: the
// underline on its left side (GB/T 15834 and clreq put 专名号 there in vertical
// text), the line through on its centre line, emphasis dots on the right.
func TestVerticalDecorations(t *testing.T) {
	b := &book.Book{Meta: book.Metadata{Title: "T"}, Chapters: []*book.Chapter{{Title: "章", ID: "ch1", Blocks: []book.Block{
		&book.Paragraph{Runs: []book.Run{{Text: "這是"}, {Text: "專名", Style: book.Underline}, {Text: "與"},
			{Text: "刪除", Style: book.Strike}, {Text: "及"}, {Text: "着重", Style: book.Emphasis}, {Text: "和"},
			{Text: "Latin", Style: book.Emphasis}, {Text: "。"}}}}}}}
	o := DefaultOptions()
	o.Vertical, o.TitlePage, o.Contents = true, false, false
	faces := wenkai(t)
	d, err := Layout(b, faces, o)
	if err != nil {
		t.Fatal(err)
	}
	var han *Item
	var rules, dots []Item
	slanted := ""
	for _, p := range d.Pages {
		items := uprightGlyphs(p.Items, faces, d.CellShifts)
		for i, it := range items {
			switch {
			case it.Text == "與":
				han = &items[i]
			case it.Kind == Rule && it.Tag == Artifact:
				rules = append(rules, it)
			case it.Kind == Dot:
				dots = append(dots, it)
			case it.Kind == Text && it.Slant != 0:
				slanted += it.Text
				if it.Rotate != 90 {
					t.Errorf("slanted %q is not turned with its column", it.Text)
				}
			}
		}
	}
	if han == nil || len(rules) != 2 || len(dots) != 2 || slanted != "Latin" {
		t.Fatalf("與 found %v, %d rules, %d dots, slanted %q; want 2 rules, 2 dots, Latin", han != nil, len(rules), len(dots), slanted)
	}
	left, right := han.X, han.X+o.FontSize
	cx := (left + right) / 2
	under, strike := rules[0], rules[1]
	if under.W != 0 || under.H <= 0 || !(under.X < left+0.1*o.FontSize) {
		t.Errorf("underline %+v not down the left side of the column %.1f–%.1f", under, left, right)
	}
	if abs(strike.X-cx) > 0.05*o.FontSize {
		t.Errorf("line through at x=%.2f, want the column's centre %.2f", strike.X, cx)
	}
	for _, dt := range dots {
		if dt.X <= right-0.1*o.FontSize {
			t.Errorf("dot at x=%.1f not on the right of the column", dt.X)
		}
	}
}
