package pdf

import (
	"strings"
	"testing"

	"cjkbook/book"
	"cjkbook/book/pdf/layout"
)

// TestPhraseStyles draws every phrase style, horizontal and vertical: Latin words
// under emphasis are sheared by their text matrix, the decorations are drawn as
// artifacts, and pdftotext still reads the text exactly.
func TestPhraseStyles(t *testing.T) {
	runs := []book.Run{{Text: "有"}, {Text: "专名", Style: book.Underline}, {Text: "和"}, {Text: "删除", Style: book.Strike},
		{Text: "、"}, {Text: "增补", Style: book.Inserted}, {Text: "、"}, {Text: "高亮", Style: book.Mark}, {Text: "，按"},
		{Text: "Ctrl", Style: book.Kbd}, {Text: "键，"}, {Text: "小字", Style: book.Small}, {Text: "，"},
		{Text: "中文强调", Style: book.Emphasis}, {Text: "与"}, {Text: "Latin words", Style: book.Emphasis}, {Text: "。"}}
	want := ""
	for _, r := range runs {
		want += r.Text
	}
	faces := defaultFaces(t)
	for _, vertical := range []bool{false, true} {
		d := paragraphDoc(t, faces, runs, vertical)
		opts := DefaultOptions()
		opts.Compression = CompressNone
		path, data := writeFile(t, d, faces, opts)
		s := string(data)
		slanted := 0
		for _, p := range d.Pages {
			for _, it := range p.Items {
				if it.Kind == layout.Text && it.Slant != 0 {
					slanted++
				}
			}
		}
		if n := strings.Count(s, "1 0 0.2126 1 "); slanted == 0 || n != slanted {
			t.Errorf("vertical %v: %d sheared text matrices, want one per slanted item (%d)", vertical, n, slanted)
		}
		if !strings.Contains(s, " re f\n") || !strings.Contains(s, " re S\n") || strings.Count(s, " l S\n") < 3 {
			t.Errorf("vertical %v: the highlight, the key's frame or the three rules are not drawn", vertical)
		}
		out, _ := run(t, "pdftotext", "-enc", "UTF-8", path, "-")
		if got := noSpace(out); !strings.Contains(got, noSpace(want)) {
			t.Errorf("vertical %v: pdftotext = %q, want it to hold %q", vertical, got, want)
		}
		if _, errOut := run(t, "qpdf", "--check", path); errOut != "" {
			t.Errorf("vertical %v: qpdf: %s", vertical, errOut)
		}
	}
}

// TestObliqueWordSpacing checks that pdftotext (default mode) reads a slanted Latin word
// between full-width parentheses in justified lines without spaces around it, as it
// reads upright text: "（ownership）", not "（ ownership ）".
func TestObliqueWordSpacing(t *testing.T) {
	var runs []book.Run
	for range 6 {
		runs = append(runs, book.Run{Text: "核心功能是所有权（"}, book.Run{Text: "ownership", Style: book.Emphasis},
			book.Run{Text: "）。该功能很容易解释，但它对语言的其余部分有着深刻的影响（"}, book.Run{Text: "impact", Style: book.Emphasis}, book.Run{Text: "）。"})
	}
	faces := defaultFaces(t)
	path, _ := writeFile(t, paragraphDoc(t, faces, runs, false), faces, DefaultOptions())
	out, _ := run(t, "pdftotext", "-enc", "UTF-8", path, "-")
	joined := strings.Join(strings.Fields(out), " ") // lines joined; the lines' own ends read as one space
	for _, w := range []string{"（ownership）", "（impact）"} {
		if n := strings.Count(joined, w); n != 6 {
			t.Errorf("pdftotext reads %q %d times, want 6:\n%s", w, n, out)
		}
	}
}
