package layout

import (
	"fmt"
	"strings"
	"testing"

	"cjkbook/book"
)

// readingItems describes the reading items of a line, as their texts, and counts its
// base Text items.
func readingItems(ln Line, size Pt) (readings []string, bases int) {
	for _, it := range ln.Items {
		switch {
		case it.Kind == Text && it.Ruby:
			readings = append(readings, it.Text)
		case it.Kind == Text && it.Size == size:
			bases++
		}
	}
	return readings, bases
}

// wantReadingPens returns the pen of every reading glyph of the line ln, which br has
// just set, as each reading had it when it was an item of its own: centred over its
// base's glyphs (br.gx), its glyphs following each other in its face.
func wantReadingPens(br *breaker, ln Line, te int) []string {
	var out []string
	rsize := br.ps.Size * rubyScale
	for _, u := range br.rubies {
		first, last := max(int(u.first), ln.Start), min(int(u.last), te-1)
		if first > last {
			continue
		}
		mid := (br.gx[first-ln.Start] + br.gx[last-ln.Start] + br.cells[last].gadv) / 2
		x := mid - u.w/2
		for _, r := range u.text {
			out = append(out, fmt.Sprintf("%c@%.4f", r, x))
			x += Pt(br.faces[u.face].Advance(r)) * rsize
		}
	}
	return out
}

// readingPens returns the pen of every glyph of the line's reading items (Item.Pens).
func readingPens(ln Line, faces []Metrics) []string {
	var out []string
	for _, it := range ln.Items {
		if it.Kind != Text || !it.Ruby {
			continue
		}
		pens, i := it.Pens(faces[it.Face]), 0
		for _, r := range it.Text {
			out = append(out, fmt.Sprintf("%c@%.4f", r, pens[i]))
			i++
		}
	}
	return out
}

// TestRubyMergedReadings sets lines with readings in FakeMetrics at 10 pt: the readings
// of a line that share a face and an element are one Text item, the base text one item
// too (Moves step over the blanks of widened bases), and every reading glyph stands
// where it stood as an item of its own, every base glyph where its cell puts it.
func TestRubyMergedReadings(t *testing.T) {
	auto := func(text string, rd ...string) book.Run { return book.Run{Text: text, Ruby: rd, AutoRuby: true} }
	fallback := []Metrics{FakeMetrics{Missing: "ǚ"}, FakeMetrics{Missing: "ǚ"}, FakeMetrics{}}
	cases := []struct {
		name     string
		faces    []Metrics
		runs     []book.Run
		measure  Pt
		readings [][]string // per line, the texts of its reading items
		bases    []int      // per line, how many base Text items it has
	}{
		{"book-wide, wide and narrow readings", fake2,
			[]book.Run{auto("中国", "zhōng", "guó"), {Text: "，"}, auto("重庆长江大桥", "chóng", "qìng", "cháng", "jiāng", "dà", "qiáo"), {Text: "。"}}, 50,
			[][]string{{"zhōngguóchóng"}, {"qìngchángjiāng"}, {"dàqiáo"}}, []int{1, 1, 1}},
		{"book-wide, one line", fake2,
			[]book.Run{auto("我去", "wǒ", "qù"), auto("银行", "yín", "háng"), {Text: "取钱。"}}, 200,
			[][]string{{"wǒqùyínháng"}}, []int{1}},
		// Five widened bases in a row, the blanks between them of three widths: one
		// item with Moves (moveFits alone would cut it in three).
		{"book-wide, widened bases in a row", fake2,
			[]book.Run{auto("一二中床双窗爽三四五", "yī", "èr", "zhōng", "chuáng", "shuāng", "chuāng", "shuǎng", "sān", "sì", "wǔ"), {Text: "。"}}, 200,
			[][]string{{"yīèrzhōngchuángshuāngchuāngshuǎngsānsìwǔ"}}, []int{1}},
		{"book-wide group reading", fake2,
			[]book.Run{auto("重庆", "chóngqìng"), auto("人", "rén")}, 200,
			[][]string{{"chóngqìngrén"}}, []int{1}},
		{"manuscript, per character", fake2,
			[]book.Run{{Text: "一二"}, {Text: "中国重庆", Ruby: []string{"zhōng", "guó", "chóng", "qìng"}}, {Text: "三四"}}, 200,
			[][]string{{"zhōngguóchóngqìng"}}, []int{3}},
		{"two manuscript rubies", fake2,
			[]book.Run{{Text: "银行", Ruby: []string{"yín", "háng"}}, {Text: "取钱", Ruby: []string{"qǔ", "qián"}}}, 200,
			[][]string{{"yínháng", "qǔqián"}}, []int{2}},
		{"a manuscript ruby among book-wide readings", fake2,
			[]book.Run{auto("我去", "wǒ", "qù"), {Text: "银行", Ruby: []string{"yín", "háng"}}, auto("取钱", "qǔ", "qián")}, 200,
			[][]string{{"wǒqù", "yínháng", "qǔqián"}}, []int{3}},
		{"a reading in two faces stands alone", fallback,
			[]book.Run{auto("我女儿", "wǒ", "nǚ", "ér"), auto("好", "hǎo")}, 200,
			[][]string{{"wǒ", "nǚ", "érhǎo"}}, []int{1}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			o := DefaultOptions()
			br := newBreaker(c.faces, &o)
			ps := ParaStyle{Size: 10, Measure: c.measure}
			ls := br.lines(c.runs, ps)
			if len(ls) != len(c.readings) {
				t.Fatalf("%d lines, want %d", len(ls), len(c.readings))
			}
			for k, ln := range ls {
				// Set again: br.gx holds the glyph x of this line's cells.
				ln = br.set(ln.Start, ln.End, k == 0, k == len(ls)-1)
				checkPens(t, br, ln, c.faces)
				te := br.textEnd(ln.Start, ln.End)
				if got, want := readingPens(ln, c.faces), wantReadingPens(br, ln, te); strings.Join(got, " ") != strings.Join(want, " ") {
					t.Errorf("line %d: reading glyphs %v, want %v", k, got, want)
				}
				got, bases := readingItems(ln, ps.Size)
				if fmt.Sprint(got) != fmt.Sprint(c.readings[k]) || bases != c.bases[k] {
					t.Errorf("line %d: readings %q in %d base items, want %q in %d", k, got, bases, c.readings[k], c.bases[k])
				}
			}
		})
	}
}
