package pdf

import (
	"bytes"
	"errors"
	"testing"

	"cjkbook/book/pdf/layout"
)

// FuzzWrite draws a one-page document with fuzzed text, position, spacing, gray
// and link target: Write must return a PDF or an error, never panic, and an
// error for a character the face lacks must name it.
func FuzzWrite(f *testing.F) {
	for _, s := range sampleLines {
		f.Add(s, 60.0, 120.0, 0.1, 0.0, "ch1")
	}
	f.Add("𪚥", 0.0, 0.0, 0.0, 0.5, "")
	f.Add("a\xffb", -1e300, 1e300, -5.0, 1.0, "nowhere")
	faces := defaultFaces(f)
	f.Fuzz(func(t *testing.T, s string, x, y, spacing, gray float64, dest string) {
		d := &layout.Document{Width: a5W, Height: a5H, Pages: []layout.Page{{
			Items:   []layout.Item{text(layout.Pt(x), layout.Pt(y), layout.Regular, 10.5, layout.Pt(spacing), s)},
			Anchors: []layout.Anchor{{Name: "ch1", Y: 60}},
		}}}
		d.Pages[0].Items[0].Gray = gray
		if dest != "" {
			d.Pages[0].Links = []layout.Link{{X: 10, Y: 10, W: 100, H: 12, Dest: dest}}
		}
		d.Outline = []layout.OutlineEntry{{Title: s, Page: 0, Y: layout.Pt(y)}}
		var buf bytes.Buffer
		err := Write(&buf, d, faces, nil, DefaultOptions())
		if err != nil {
			if buf.Len() != 0 && errors.Is(err, ErrInvalidDocument) {
				t.Errorf("invalid document %v, but %d bytes written", err, buf.Len())
			}
			return
		}
		if !bytes.HasPrefix(buf.Bytes(), []byte("%PDF-1.7\n")) || !bytes.HasSuffix(buf.Bytes(), []byte("%%EOF\n")) {
			t.Errorf("Write succeeded but the output is not a whole PDF (%d bytes)", buf.Len())
		}
	})
}
