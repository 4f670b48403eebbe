package layout

import (
	"strings"
	"testing"

	"cjkbook/book"
	"cjkbook/fonts"
)

func lineTexts(text []rune, lines []Line) []string {
	out := make([]string, len(lines))
	for i, ln := range lines {
		out[i] = string(text[ln.Start:ln.End])
	}
	return out
}

// TestBreakParagraph pins the breaker's decisions on small cases with the fake metrics
// (wide runes 1 em, narrow 0.5 em, quotes 0.35 em) at 10 pt.
func TestBreakParagraph(t *testing.T) {
	tests := []struct {
		name    string
		text    string
		measure Pt
		indent  Pt
		want    []string
	}{
		{"fits", "春眠不觉晓", 100, 0, []string{"春眠不觉晓"}},
		{"plain wrap", "一二三四五六七八九十甲乙", 50, 0, []string{"一二三四五", "六七八九十", "甲乙"}},
		{"push in commas", "一二，三四，六七八", 50, 0, []string{"一二，三四，", "六七八"}},
		{"push in period and quote", "一二三四。”五六", 50, 0, []string{"一二三四。”", "五六"}},
		{"push out when squeezing is not enough", "一二三四五，六七八九十", 50, 0, []string{"一二三四", "五，六七八", "九十"}},
		{"push out when no room", "一二三四五！六七八九十", 50, 0, []string{"一二三四", "五！六七八", "九十"}},
		{"no open at end", "一二三四《五六》七八九", 50, 0, []string{"一二三四", "《五六》七", "八九"}},
		{"dash pair kept and not at a line start (GB)", "一二三四——五六七八", 50, 0, []string{"一二三", "四——五六", "七八"}},
		{"ellipsis pair kept, lone last char pulled", "一二三……四五六七八九", 40, 0, []string{"一二", "三……四", "五六七", "八九"}},
		{"digits kept", "一二三四12345六七", 50, 0, []string{"一二三四", "12345六七"}},
		{"decimal number kept", "一二三四3.1415", 50, 0, []string{"一二三四", "3.1415"}},
		{"thousands kept", "一二三1,000,000", 50, 0, []string{"一二三", "1,000,000"}},
		{"number and unit kept", "一二三四40℃五六", 50, 0, []string{"一二三四", "40℃五六"}},
		{"percent kept", "一二三四3.5%五", 50, 0, []string{"一二三四", "3.5%五"}},
		{"latin word kept", "一二三 word 四五六", 50, 0, []string{"一二三 ", "word 四", "五六"}},
		{"indent", "一二三四五六七八", 50, 20, []string{"一二三", "四五六七八"}},
		{"long word hyphenated", "abcdefghijklmnop", 50, 0, []string{"abcdefghi", "jklmnop"}},
		{"lone last char pulled", "一二三四五六", 50, 0, []string{"一二三四", "五六"}},
		{"line breaks end lines", "床前明月光，\n疑是地上霜。\n举头", 100, 20, []string{"床前明月光，\n", "疑是地上霜。\n", "举头"}},
		{"line break and wrap", "一二三四五六七\n八", 50, 0, []string{"一二三四五", "六七\n", "八"}},
		{"lone char after a line break stays", "一二三\n四", 50, 0, []string{"一二三\n", "四"}},
		{"empty line between", "一二\n\n三", 50, 0, []string{"一二\n", "\n", "三"}},
	}
	o := DefaultOptions()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text := []rune(tt.text)
			lines := BreakParagraph(text, FakeMetrics{}, 10, tt.measure, tt.indent, o)
			got := lineTexts(text, lines)
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("lines = %q, want %q", got, tt.want)
			}
			for _, e := range checkLines(text, lines, o, nil) {
				t.Error(e)
			}
		})
	}
}

// TestBasicDash: at clreq's basic level (not GB) —— may start a line.
func TestBasicDash(t *testing.T) {
	o := DefaultOptions()
	o.Punct = Basic
	text := []rune("一二三四——五六七八")
	lines := BreakParagraph(text, FakeMetrics{}, 10, 50, 0, o)
	if got := strings.Join(lineTexts(text, lines), "|"); got != "一二三四|——五六|七八" {
		t.Errorf("lines %q, want 一二三四|——五六|七八", got)
	}
	for _, e := range checkLines(text, lines, o, nil) {
		t.Error(e)
	}
}

// TestCompression checks GB punctuation widths: two adjacent marks take 1.5 em, a quote
// in Chinese text gets a full-width box, and a Han–Latin pair gets a ¼-em gap.
func TestCompression(t *testing.T) {
	o := DefaultOptions()
	tests := []struct {
		text  string
		width Pt // natural width at 10 pt
	}{
		{"好。", 20},
		{"好。”字", 35},            // 。 compressed to half before ”
		{"“好”字", 40},            // full-width quote boxes
		{"“好”", 23.5},           // … but a closing quote at the line end keeps no blank
		{"他说：“好。”字", 70},        // ：“ → 1.5 em, 。” → 1.5 em
		{"（好）。", 35},            // ）。 → 1.5 em
		{"用a字", 20 + 5 + 2*2.5}, // two ¼-em gaps
		{"用 a 字", 20 + 5 + 2*5}, // existing spaces, no gap
		{"hello", 25},
	}
	for _, tt := range tests {
		lines := BreakParagraph([]rune(tt.text), FakeMetrics{}, 10, 1000, 0, o)
		if len(lines) != 1 {
			t.Fatalf("%q: %d lines", tt.text, len(lines))
		}
		if got := lines[0].Width; abs(got-tt.width) > 1e-6 {
			t.Errorf("%q: width %.2f, want %.2f", tt.text, got, tt.width)
		}
	}
}

func abs(x Pt) Pt {
	if x < 0 {
		return -x
	}
	return x
}

// TestFallbackAndPlaceholder: a rune the body face lacks comes from the first fallback
// that has it; a rune no face has is a visible Box, never a space.
func TestFallbackAndPlaceholder(t *testing.T) {
	reg := FakeMetrics{Missing: "𪚥☃"}
	fb := FakeMetrics{Missing: "☃"}
	lines := BreakRuns(runsOf("甲𪚥乙☃丙"), []Metrics{reg, reg, fb}, ParaStyle{Size: 10, Measure: 100}, DefaultOptions())
	if len(lines) != 1 {
		t.Fatalf("%d lines", len(lines))
	}
	var got []string
	for _, it := range lines[0].Items {
		switch it.Kind {
		case Text:
			got = append(got, it.Text+"@"+string(rune('0'+it.Face)))
		case Box:
			got = append(got, "box")
			if it.W <= 0 || it.H <= 0 || it.Tag != Artifact {
				t.Errorf("placeholder box %vx%v, tag %d (want an artifact)", it.W, it.H, it.Tag)
			}
		case Span:
			got = append(got, "span:"+it.Text)
		case SpanEnd:
			got = append(got, "end")
		default:
			got = append(got, "?") // no rule, dot, picture or fill belongs in this line
		}
	}
	// The box is an artifact; ☃ reaches the text as the ActualText of a Span around an
	// inkless ideographic space of the run, as wide as the box's cell.
	want := "甲@0|𪚥@2|乙@0|span:☃|\u3000@0|end|box|丙@0"
	if strings.Join(got, "|") != want {
		t.Errorf("items %q, want %q", strings.Join(got, "|"), want)
	}
}

// TestRealFontQuotes uses WenKai: quotes are 0.35 em, so in Chinese text their box is
// widened to 1 em; justified lines still end on the measure.
func TestRealFontQuotes(t *testing.T) {
	reg, _, err := fonts.Default()
	if err != nil {
		t.Fatal(err)
	}
	o := DefaultOptions()
	text := []rune("他说：“我们明天去北京。”她笑了笑，说：“好啊，可是天气预报说明天有雨——大概是40%的概率……”")
	lines := BreakParagraph(text, reg, 10.5, 157.5, 21, o)
	for _, e := range checkLines(text, lines, o, nil) {
		t.Error(e)
	}
	one := BreakParagraph([]rune("“好”字"), reg, 10, 1000, 0, o)
	if w := one[0].Width; abs(w-40) > 1e-6 {
		t.Errorf("“好”字 width %.2f, want 40 (full-width quote boxes)", w)
	}
}

func runsOf(s string) []book.Run { return []book.Run{{Text: s}} }

// TestCentredBalanced: a centred title that needs two lines gets two lines of about the
// same length instead of a full line and a short remainder.
func TestCentredBalanced(t *testing.T) {
	text := []rune("北京抗疫纪录片背水一战观后感范文")
	lines := BreakRuns(runsOf(string(text)), []Metrics{FakeMetrics{}, FakeMetrics{}}, ParaStyle{Size: 10, Measure: 140, Align: Center}, DefaultOptions())
	got := lineTexts(text, lines)
	if len(got) != 2 || len([]rune(got[0])) != 8 || len([]rune(got[1])) != 8 {
		t.Errorf("lines %q, want two of 8 characters", got)
	}
	for _, ln := range lines {
		if abs(ln.Items[0].X-(140-80)/2) > 1e-6 {
			t.Errorf("line %q starts at %.2f, want centred at 30", string(text[ln.Start:ln.End]), ln.Items[0].X)
		}
	}
}

// TestCentredKeepsBookTitle: a centred title does not break inside 《…》 when it can.
func TestCentredKeepsBookTitle(t *testing.T) {
	text := []rune("北京抗疫纪录片《背水一战》观后感范文")
	lines := BreakRuns(runsOf(string(text)), []Metrics{FakeMetrics{}, FakeMetrics{}}, ParaStyle{Size: 10, Measure: 150, Align: Center}, DefaultOptions())
	got := strings.Join(lineTexts(text, lines), "|")
	if got != "北京抗疫纪录片|《背水一战》观后感范文" {
		t.Errorf("lines %q", got)
	}
}

// TestGlyphOriginsInOrder: after compression and quote widening, every glyph of a line
// starts at or after the one before it, so text extraction reads it in order (“《 used to
// put 《 before “).
func TestGlyphOriginsInOrder(t *testing.T) {
	reg, _, err := fonts.Default()
	if err != nil {
		t.Fatal(err)
	}
	o := DefaultOptions()
	for _, s := range []string{"宝钗道：“《问菊》如何？”", "他说：“「好」。”（《书》）", "“‘好’”《〈书〉》"} {
		for _, ln := range BreakParagraph([]rune(s), reg, 10, 1000, 0, o) {
			prev := Pt(-1)
			for _, it := range ln.Items {
				pens, i := it.Pens(reg), 0
				for _, r := range it.Text {
					if x := pens[i]; x < prev-1e-6 {
						t.Errorf("%q: %q starts at %.2f, before the previous glyph at %.2f", s, r, x, prev)
					}
					prev = pens[i]
					i++
				}
			}
		}
	}
}

// TestBreakSpace checks what the lines draw where they break: one space where the source
// has spaces (drawn after the last glyph, so text extraction reads "words keep"), none
// where it has none (Chinese, Latin before Han, a word split with a hyphen) and none
// after the paragraph's last line.
func TestBreakSpace(t *testing.T) {
	tests := []struct {
		name    string
		text    string
		measure Pt
		want    []string // each line's drawn text
	}{
		{"latin words", "some words keep going", 50, []string{"some words ", "keep going"}},
		{"two spaces give one", "some  words", 30, []string{"some ", "words"}},
		{"chinese", "一二三四五六七八", 50, []string{"一二三四五", "六七八"}},
		{"latin before han", "一二abcd五六七八", 50, []string{"一二abcd", "五六七八"}},
		{"latin space han", "一二三 word 四五六", 50, []string{"一二三 ", "word 四", "五六"}},
		{"long word hyphenated", "abcdefghijklmnop", 50, []string{"abcdefghi-", "jklmnop"}},
		{"a compound with its own hyphen stays whole", "aaaa well-known bbbb", 30, []string{"aaaa ", "well-known ", "bbbb"}},
		{"trailing space of the last line", "一二三 ", 50, []string{"一二三"}},
	}
	o := DefaultOptions()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text := []rune(tt.text)
			lines := BreakParagraph(text, FakeMetrics{}, 10, tt.measure, 0, o)
			var got []string
			for _, ln := range lines {
				var sb strings.Builder
				for _, it := range ln.Items {
					if it.Kind == Text {
						sb.WriteString(it.Text)
					}
				}
				got = append(got, sb.String())
			}
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("lines draw %q, want %q", got, tt.want)
			}
		})
	}
}
