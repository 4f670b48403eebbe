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
		b := &book.Book{Meta: book.Metadata{Title: "短语"}, Chapters: []*book.Chapter{{Title: "章", ID: "c1",
			Blocks: []book.Block{&book.Paragraph{Runs: runs}}}}}
		o := layout.DefaultOptions()
		o.TitlePage, o.Contents, o.Vertical = false, false, vertical
		d, err := layout.Layout(b, []layout.Metrics{faces[0], faces[1]}, o)
		if err != nil {
			t.Fatal(err)
		}
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
