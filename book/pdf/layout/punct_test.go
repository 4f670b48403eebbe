package layout

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"

	"cjkbook/book"
	"cjkbook/book/cjk"
)

// styleCases are the punctuation styles the layout tests run, with and without
// hanging punctuation.
var styleCases = []struct {
	name    string
	style   PunctStyle
	hanging bool
}{
	{"gb", GB, false}, {"kaiming", Kaiming, false}, {"banjiao", Banjiao, false}, {"centred", Centred, false},
	{"gb-hanging", GB, true}, {"centred-hanging", Centred, true},
}

// TestStylesCorpus sets the seed (and, without -short, every corpus text) in every
// punctuation style, with and without hanging punctuation, with WenKai at three
// measures: every invariant of checkLines holds, and every full-width mark has the
// cell of its style (cjk.PunctStyle.Place), less the blank that compression took.
func TestStylesCorpus(t *testing.T) {
	texts := corpusTexts(t)
	names := slices.Sorted(maps.Keys(texts))
	if testing.Short() {
		names = []string{"seed"}
	}
	faces := wenkai(t)
	for _, name := range names {
		b := textBook(t, texts[name]...)
		for _, sc := range styleCases {
			for _, chars := range []int{11, 23, 31} {
				t.Run(fmt.Sprintf("%s/%s/%d", name, sc.name, chars), func(t *testing.T) {
					o := DefaultOptions()
					o.Punct, o.Hanging = sc.style, sc.hanging
					br := newCachedBreaker(faces, &o)
					ps := ParaStyle{Size: 10, Measure: Pt(chars) * 10, Indent: 20}
					fails, hung := 0, 0
					report := func(at book.Pos, e string) {
						if fails++; fails <= 10 {
							t.Errorf("%s: %s", at, e)
						}
					}
					for _, c := range b.Chapters {
						for _, bl := range c.Blocks {
							p := bl.(*book.Paragraph)
							text := []rune(book.Plain(p.Runs))
							ls := br.lines(p.Runs, ps)
							for _, e := range checkLines(text, ls, o, covers(faces)) {
								report(p.At, e)
							}
							for _, ln := range ls {
								if ln.Hang > 0 {
									hung++
								}
								if r := originsOutOfOrder(ln, faces); r >= 0 {
									report(p.At, fmt.Sprintf("%q drawn before the glyph ahead of it in %q", r, string(text[ln.Start:ln.End])))
								}
							}
							for _, e := range cellWidths(br, sc.style, ps.Size) {
								report(p.At, e)
							}
						}
					}
					if sc.hanging && hung == 0 && chars > 11 {
						t.Errorf("no line hangs a mark")
					}
					if !sc.hanging && hung > 0 {
						t.Errorf("%d lines hang a mark with hanging punctuation off", hung)
					}
				})
			}
		}
	}
}

// cellWidths checks the boxes of the breaker's cells against style: a full-width mark
// (not a widened quote) is as wide as its Placement says, or less by at most the
// blanks compression may take; a half-width cell is never compressed, and widens only
// for an opening mark after a narrow glyph.
func cellWidths(br *breaker, style PunctStyle, size Pt) []string {
	var errs []string
	cs := br.cells
	for i := range cs {
		c := &cs[i]
		if c.gadv < 0.9*size || c.small || c.face < 0 {
			continue
		}
		pl, ok := style.Place(c.r, cjk.Class(c.cls), i >= br.tail)
		if !ok {
			continue
		}
		full := Pt(pl.Width) * c.gadv
		min := full - Pt(pl.BlankL+pl.BlankR)*c.gadv
		if pl.Shift < 0 && i > 0 && !cs[i-1].wide {
			full = c.gadv // a half-width opening mark after a narrow glyph may widen to keep glyph order
		}
		if c.adv > full+eps || c.adv < min-eps {
			errs = append(errs, fmt.Sprintf("%q in %s: cell %.2f, want %.2f to %.2f", c.r, style, c.adv, min, full))
		}
	}
	return errs
}

// TestStylePlacement sets marks between ideographs in each style and reads the cell
// widths and glyph places back from the items.
func TestStylePlacement(t *testing.T) {
	m := FakeMetrics{}
	for _, tc := range []struct {
		style PunctStyle
		text  string
		want  Pt // natural width of the line, in em
	}{
		{GB, "甲，乙。", 4}, {Kaiming, "甲，乙。", 3.5}, {Banjiao, "甲，乙。", 3.5}, {Centred, "甲，乙。", 4},
		{GB, "甲（乙）丙", 5}, {Kaiming, "甲（乙）丙", 4}, {Banjiao, "甲（乙）丙。", 5}, {Centred, "甲（乙）丙", 5},
		{GB, "甲。」乙", 3.5}, {Centred, "甲。」乙", 3.75}, {Kaiming, "甲！」乙", 3.5},
		{Banjiao, "甲，“乙”。", 4.5}, {Kaiming, "甲“《乙》”", 3.85},
	} {
		o := DefaultOptions()
		o.Punct = tc.style
		ls := BreakParagraph([]rune(tc.text), m, 1, 40, 0, o)
		if len(ls) != 1 {
			t.Fatalf("%s %q: %d lines", tc.style, tc.text, len(ls))
		}
		if got := ls[0].Width; got < tc.want-1e-6 || got > tc.want+1e-6 {
			t.Errorf("%s %q: width %.3f em, want %.3f", tc.style, tc.text, got, tc.want)
		}
	}
	// A centred comma's glyph starts a quarter em into its cell.
	o := DefaultOptions()
	o.Punct = Centred
	ls := BreakParagraph([]rune("甲，乙"), m, 1, 40, 0, o)
	for _, it := range ls[0].Items {
		if strings.HasPrefix(it.Text, "，") && it.X != 1.25 {
			t.Errorf("centred ，at x %.3f, want 1.25", it.X)
		}
	}
}

// TestHanging: with hanging punctuation a comma, a pause or a full stop (and a closing
// mark after it) that does not fit hangs past the measure, the line before it set
// flush to the measure; a dash, an ellipsis or a question mark never hangs; off by
// default.
func TestHanging(t *testing.T) {
	m := FakeMetrics{}
	for _, tc := range []struct {
		text string
		hang Pt // in em (。 compressed beside ”, ” trimmed to its glyph); 0 = no hanging line
	}{
		{"一二三四五，六七八", 1}, {"一二三四五。”六七", 0.85}, {"一二三四五、六七八", 1},
		{"一二三四五？六七八", 0}, {"一二三四五——六七", 0}, {"一二三四五……六七", 0}, {"一二三四五六七八", 0},
	} {
		for _, on := range []bool{false, true} {
			o := DefaultOptions()
			o.Hanging = on
			text := []rune(tc.text)
			ls := BreakParagraph(text, m, 1, 5, 0, o)
			for _, e := range checkLines(text, ls, o, nil) {
				t.Errorf("%q hanging %v: %s", tc.text, on, e)
			}
			want := tc.hang
			if !on {
				want = 0
			}
			if got := ls[0].Hang; got != want {
				t.Errorf("%q hanging %v: first line hangs %.2f em, want %.2f (%q)", tc.text, on, got, want, lineTexts(text, ls))
			}
			if on && want > 0 && (ls[0].Right-ls[0].Hang < 5-1e-6 || ls[0].Right-ls[0].Hang > 5+1e-6) {
				t.Errorf("%q: body ends at %.3f, want the measure 5", tc.text, ls[0].Right-ls[0].Hang)
			}
		}
	}
}

// TestSmallerRules: the interpunct never starts a line, a two-em dash is never split
// nor hangs, and no break leaves a closing mark at a line start where a closing and an
// opening mark meet, in every style and at every measure.
func TestSmallerRules(t *testing.T) {
	texts := []string{
		"诺曼·白求恩与卡尔·马克思，还有让·雅克·卢梭和玛丽・居里、汤姆･汉克斯。",
		"他说——这不可能⸺我不信——真的⸺⸺吗？",
		"《红楼梦》《水浒传》“好”“坏”（甲）（乙）「一」「二」『三』『四』〝五〞〝六〞",
	}
	for _, sc := range styleCases {
		o := DefaultOptions()
		o.Punct, o.Hanging = sc.style, sc.hanging
		for _, s := range texts {
			text := []rune(s)
			for chars := 2; chars <= 20; chars++ {
				ls := BreakParagraph(text, FakeMetrics{}, 10, Pt(chars)*10, 0, o)
				for _, e := range checkLines(text, ls, o, nil) {
					if !strings.Contains(e, "not justified") {
						t.Errorf("%s %d chars: %s", sc.name, chars, e)
					}
				}
				for _, ln := range ls {
					if ln.Start > 0 && strings.ContainsRune("·・･", text[ln.Start]) {
						t.Errorf("%s %d chars: a line starts with %q", sc.name, chars, text[ln.Start])
					}
					if ln.End < len(text) && (text[ln.End-1] == '⸺' && text[ln.End] == '⸺' || ln.Hang > 0 && text[ln.End-1] == '⸺') {
						t.Errorf("%s %d chars: ⸺ split or hung: %q", sc.name, chars, lineTexts(text, ls))
					}
				}
			}
		}
	}
}
