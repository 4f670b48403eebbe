package pdf

import (
	"regexp"
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
		// Upright, the shear is the text matrix 1 0 0.2126 1; turned a quarter clockwise
		// down a column, 0 -1 1 -0.2126.
		sheared := "1 0 0.2126 1 "
		if vertical {
			sheared = "0 -1 1 -0.2126 "
		}
		if n := strings.Count(s, sheared); slanted == 0 || n != slanted {
			t.Errorf("vertical %v: %d sheared text matrices, want one per slanted item (%d)", vertical, n, slanted)
		}
		if !strings.Contains(s, " re f\n") || !strings.Contains(s, " re S\n") || strings.Count(s, " l S\n") < 3 {
			t.Errorf("vertical %v: the highlight, the key's frame or the three rules are not drawn", vertical)
		}
		if got := noSpace(extractText(t, path, vertical)); !strings.Contains(got, noSpace(want)) {
			t.Errorf("vertical %v: pdftotext = %q, want it to hold %q", vertical, got, want)
		}
		if _, errOut := run(t, "qpdf", "--check", path); errOut != "" {
			t.Errorf("vertical %v: qpdf: %s", vertical, errOut)
		}
	}
}

// extractText returns pdftotext's text of the PDF at path: in reading order for a
// horizontal book; in the order drawn (-raw) for a vertical one, since poppler's layout
// mode reads a column's vertical-mode run and the turned runs in it (Latin words, marks,
// ActualText spans) as separate lines, which it orders by their positions, not the column.
func extractText(t *testing.T, path string, vertical bool) string {
	t.Helper()
	args := []string{"-enc", "UTF-8", path, "-"}
	if vertical {
		args = append([]string{"-raw"}, args...)
	}
	out, _ := run(t, "pdftotext", args...)
	return out
}

// TestObliqueWordSpacing checks that pdftotext (default mode) reads a slanted Latin word
// between full-width parentheses in justified lines without spaces around it, as it
// reads upright text: "（ownership）", not "（ ownership ）" (obliqueEdge in the layout).
func TestObliqueWordSpacing(t *testing.T) {
	var runs []book.Run
	for i := range 8 {
		runs = append(runs, book.Run{Text: strings.Repeat("甲", i%3) + "在 Rust 中，每一个值都属于某一个 "}, book.Run{Text: "数据类型", Style: book.Strong},
			book.Run{Text: "（"}, book.Run{Text: "data type", Style: book.Emphasis}, book.Run{Text: "），这告诉 Rust 它被指定为何种数据，以便明确数据处理方式。Rust 的核心功能（之一）是 "},
			book.Run{Text: "所有权", Style: book.Strong}, book.Run{Text: "（"}, book.Run{Text: "ownership", Style: book.Emphasis}, book.Run{Text: "）。虽然该功能很容易解释。"})
	}
	faces := defaultFaces(t)
	path, _ := writeFile(t, paragraphDoc(t, faces, runs, false), faces, DefaultOptions())
	out, _ := run(t, "pdftotext", "-enc", "UTF-8", path, "-")
	// A line looser than 0.1 em a glyph reads with spaces between all its glyphs (upright
	// Chinese too), and keeps its look: "（ ownership ）" is right there, and only there.
	loose := regexp.MustCompile(`\p{Han} \p{Han}`)
	good := 0
	for _, line := range strings.Split(out, "\n") {
		good += strings.Count(line, "（ownership）") + strings.Count(line, "（data type）")
		if (strings.Contains(line, "（ ownership") || strings.Contains(line, "（ data")) && !loose.MatchString(line) {
			t.Errorf("pdftotext puts spaces around an oblique word in a line that is not loose: %q", line)
		}
	}
	if good < 12 {
		t.Errorf("pdftotext reads the oblique words in their parentheses %d times, want at least 12 of 16:\n%s", good, out)
	}
}
