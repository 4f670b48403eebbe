package layout

import (
	"os"
	"strings"
	"testing"
	"unicode/utf8"

	"cjkbook/book"
	"cjkbook/book/cjk"
	"cjkbook/book/internal/testenv"
	"github.com/rivo/uniseg"
)

// FuzzBreakParagraph checks the breaker's invariants on any text and measure: the lines
// rejoined give the paragraph back, every invariant of checkLines holds, and a line wider
// than the measure holds no legal break opportunity (one unbreakable unit).
func FuzzBreakParagraph(f *testing.F) {
	for _, s := range []string{
		"他说：“好。”我们在2026年买了iPhone手机，价格是3.5%的增长——真的吗？……是的。（完）",
		"一二三四——五六七八", "abcdefghijklmnopqrstuvwxyz", "（（（（（（）））））", "，，，，，，，，", "a b c d e",
		"https://github.com/vinta/paranoid-auto-spacing", "\t\tcode  line", "𠮷野家𪚥", "“”‘’「」『』",
		"版权©\uFE0F所有", "床前明月光，\n疑是地上霜。\n举头望明月，\n低头思故乡。", "a\nb\n\nc", "葛\U000E0100城", "好👍🏽好👨\u200D👩\u200D👧🇨🇳é\u0301字", "诺曼·白求恩⸺⸺卡尔・马克思",
	} {
		f.Add(s, uint8(5), uint8(2))
	}
	if data, err := os.ReadFile(testenv.Seed(f)); err == nil {
		for _, ln := range strings.Split(string(data), "\n") {
			f.Add(ln, uint8(31), uint8(2))
		}
	}
	m := FakeMetrics{Missing: "☃"}
	f.Fuzz(func(t *testing.T, s string, chars, indent uint8) {
		if !utf8.ValidString(s) || len(s) > 4000 {
			return
		}
		measure := Pt(chars%80+1) * 10
		ind := Pt(indent%4) * 10
		// The indent's high bits choose the punctuation style and hanging.
		o := DefaultOptions()
		sc := styleCases[int(indent>>2)%len(styleCases)]
		o.Punct, o.Hanging = sc.style, sc.hanging
		text := []rune(s)
		lines := BreakParagraph(text, m, 10, measure, ind, o)
		if len(text) > 0 && len(lines) == 0 {
			t.Fatalf("no lines for %q", s)
		}
		var sb strings.Builder
		for _, ln := range lines {
			sb.WriteString(string(text[ln.Start:ln.End]))
		}
		if sb.String() != string(text) {
			t.Fatalf("lines rejoined = %q, want %q", sb.String(), s)
		}
		for _, e := range checkLines(text, lines, o, m.Covers) {
			t.Errorf("%q at measure %v: %s", s, measure, e)
		}
		for _, ln := range lines {
			if r := originsOutOfOrder(ln, []Metrics{m, m}); r >= 0 {
				t.Errorf("%q at measure %v: %q drawn before the glyph ahead of it", s, measure, r)
			}
		}
		inside := clusterInsides(text)
		for i, ln := range lines {
			if ln.Right-ln.Hang <= ln.Measure+0.1 {
				continue
			}
			for k := ln.Start + 1; k < ln.End; k++ {
				if legalBreak(text, k, o, inside) && strings.TrimSpace(string(text[ln.Start:k])) != "" {
					t.Errorf("%q: line %d (%q) is %.2f wide for a measure of %.2f but could break before %d",
						s, i, string(text[ln.Start:ln.End]), ln.Right, ln.Measure, k)
					break
				}
			}
		}
	})
}

// legalBreak is an independent statement of where clreq allows a break before text[k]:
// not before a no-start mark or a space, not after a no-end mark or a GB solidus, not
// inside a ——/…… pair or a grapheme cluster (inside), and only at a CJK boundary or
// after a space. The mark before the break is the base of the cluster ending there: an
// opening quote followed by a joiner still may not end a line.
func legalBreak(text []rune, k int, o Options, inside map[int]bool) bool {
	if inside[k] {
		return false
	}
	j := k - 1
	for j > 0 && inside[j] {
		j--
	}
	a, b := text[j], text[k]
	ca, cb := classOf(a), classOf(b)
	if cb == clsSpace || o.Punct.NoStart(cjk.Class(cb)) || ca.noEnd() || o.Punct.SolidusNoEnd(a) {
		return false
	}
	if a == b && (a == '—' || a == '…' || a == '⋯') {
		n := 0
		for j := k - 1; j >= 0 && text[j] == a; j-- {
			n++
		}
		if n%2 == 1 {
			return false
		}
	}
	return ca == clsSpace || cjk.IsWide(a) || cjk.IsWide(b)
}

// clusterInsides returns the indexes k of text before which no grapheme cluster ends,
// by the segmenter itself.
func clusterInsides(text []rune) map[int]bool {
	inside := map[int]bool{}
	g := uniseg.NewGraphemes(string(text))
	n := 0
	for g.Next() {
		for k := 1; k < len(g.Runes()); k++ {
			inside[n+k] = true
		}
		n += len(g.Runes())
	}
	return inside
}

// TestHugeUnbreakableParagraph: a paragraph of a million runes with no break opportunity
// (a 20 MB file on one line) is set in linear time; before the next-break table
// this took hours.
func TestHugeUnbreakableParagraph(t *testing.T) {
	o := DefaultOptions()
	for _, s := range []string{strings.Repeat("x", 1<<20), strings.Repeat("（", 1<<20), strings.Repeat("汉字，", 1<<18)} {
		text := []rune(s)
		lines := BreakParagraph(text, FakeMetrics{}, 10, 300, 20, o)
		if len(lines) == 0 || lines[len(lines)-1].End != len(text) {
			t.Fatalf("%d lines do not cover %d runes", len(lines), len(text))
		}
	}
}

// FuzzBreakRuns splits the text into styled runs (emphasis, strong, link, footnote mark)
// and checks the same invariants across run boundaries.
func FuzzBreakRuns(f *testing.F) {
	f.Add("强调着重号和粗体，还有链接与脚注1。Rust 1.80 版本发布于2024年。", uint8(3), uint8(9), uint8(31), uint8(0x5a))
	f.Add("“好”字——……abc", uint8(1), uint8(2), uint8(3), uint8(0xff))
	f.Add("葛\U000E0100城葛\U000E0100城葛\U000E0101城", uint8(0), uint8(0), uint8(1), uint8(0x2a))
	o := DefaultOptions()
	styles := []book.Style{0, book.Emphasis, book.Strong, book.Link, book.NoteRef, book.Emphasis | book.Strong}
	f.Fuzz(func(t *testing.T, s string, cut1, cut2, chars, pattern uint8) {
		if !utf8.ValidString(s) || len(s) > 2000 {
			return
		}
		text := []rune(s)
		a, b := min(int(cut1), len(text)), min(int(cut2), len(text))
		if a > b {
			a, b = b, a
		}
		var runs []book.Run
		for i, part := range [][]rune{text[:a], text[a:b], text[b:]} {
			if len(part) > 0 {
				st := styles[(int(pattern)>>(2*i))%len(styles)]
				runs = append(runs, book.Run{Text: string(part), Style: st, Href: "https://example.com/"})
			}
		}
		ps := ParaStyle{Size: 10, Measure: Pt(chars%60+1) * 10, Indent: 20}
		// Bold is set in a face with a variation sequence (葛 U+E0100, half an em).
		lines := BreakRuns(runs, []Metrics{FakeMetrics{}, variantMetrics{}}, ps, o)
		for _, e := range checkLines(text, lines, o, nil) {
			t.Errorf("%q (runs %d/%d) at %v: %s", s, a, b, ps.Measure, e)
		}
		for _, ln := range lines {
			if r := originsOutOfOrder(ln, []Metrics{FakeMetrics{}, FakeMetrics{}}); r >= 0 {
				t.Errorf("%q (runs %d/%d) at %v: %q drawn before the glyph ahead of it", s, a, b, ps.Measure, r)
			}
		}
	})
}
