package pdf

import (
	"strings"
	"testing"

	"cjkbook/book"
	"cjkbook/book/pdf/layout"
	"cjkbook/fonts"
)

// paragraphDoc lays out a one-chapter book of one paragraph of runs, without title page
// and contents, with the first two faces.
func paragraphDoc(t *testing.T, faces []*fonts.Face, runs []book.Run, vertical bool) *layout.Document {
	t.Helper()
	b := &book.Book{Meta: book.Metadata{Title: "书"}, Chapters: []*book.Chapter{{Title: "章", ID: "c1",
		Blocks: []book.Block{&book.Paragraph{Runs: runs}}}}}
	o := layout.DefaultOptions()
	o.TitlePage, o.Contents, o.Vertical = false, false, vertical
	d, err := layout.Layout(b, []layout.Metrics{faces[0], faces[1]}, o)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// TestPlaceholderBoxIsAnArtifact draws characters no face has, horizontal and vertical:
// every placeholder box is drawn inside an /Artifact sequence, the character is the
// ActualText of a span that draws no box, and pdftotext reads the text with the characters
// in place.
func TestPlaceholderBoxIsAnArtifact(t *testing.T) {
	const want = "缺字𪚥在这里，还有𪚥𪚥两个。"
	faces := defaultFaces(t)
	for _, vertical := range []bool{false, true} {
		d := paragraphDoc(t, faces, []book.Run{{Text: want}}, vertical)
		opts := DefaultOptions()
		opts.Compression = CompressNone
		path, data := writeFile(t, d, faces, opts)
		var stack []string
		boxes, spans := 0, 0
		for _, line := range strings.Split(string(data), "\n") {
			switch {
			case strings.HasSuffix(line, " BDC"):
				stack = append(stack, line)
				if strings.Contains(strings.ToLower(line), "/actualtext <feffd869dea5>") {
					spans++
				}
			case line == "EMC" && len(stack) > 0:
				stack = stack[:len(stack)-1]
			case strings.HasSuffix(line, " re S"):
				boxes++
				if len(stack) == 0 || !strings.HasPrefix(stack[len(stack)-1], "/Artifact ") {
					t.Errorf("vertical %v: box %q drawn in %q, want an artifact", vertical, line, stack)
				}
				for _, s := range stack {
					if strings.Contains(s, "/ActualText") {
						t.Errorf("vertical %v: box %q drawn inside the ActualText span %q", vertical, line, s)
					}
				}
			}
		}
		if boxes != 3 || spans != 3 {
			t.Errorf("vertical %v: %d boxes, %d ActualText spans of U+2A6A5, want 3 of each", vertical, boxes, spans)
		}
		if got := noSpace(extractText(t, path, vertical)); !strings.Contains(got, want) {
			t.Errorf("vertical %v: pdftotext = %q, want it to hold %q", vertical, got, want)
		}
	}
}
