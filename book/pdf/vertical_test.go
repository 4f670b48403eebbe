package pdf

import (
	"bytes"
	"errors"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"cjkbook/book/pdf/layout"
)

// verticalDoc is a one-page vertical document: a Vertical item 天，地玄 centred on
// x = 100 from y = 100 down, with spacing, a Move before 玄 and ， moved to the upper
// right of its cell, then a turned Latin word.
func verticalDoc() *layout.Document {
	v := text(100, 100, layout.Regular, 10, 0.5, "天，地玄")
	v.Vertical = true
	v.Moves = []layout.Move{{At: 3, Y: 2.5}}
	lat := text(96.2, 150, layout.Regular, 10, 0, "Go")
	lat.Rotate = 90
	d := movedDoc(v, lat)
	d.RTL = true
	d.CellShifts = []layout.CellShift{{Rune: '，', X: 0.5, Y: -0.5}}
	return d
}

// TestVerticalItem: a Vertical item is one text in vertical writing mode (the face's
// Identity-V resource, DW2 and W2), its spacing a negative Tc and its Move a positive
// TJ number; the turned word is placed by a turned text matrix in the same text object.
func TestVerticalItem(t *testing.T) {
	opts := DefaultOptions()
	opts.Compression = CompressNone
	_, b := writeFile(t, verticalDoc(), defaultFaces(t), opts)
	ops := contentOps(t, b)
	for _, want := range []string{
		`100 \d+(\.\d+)? Td\n/F2 10 Tf\n-0.5 Tc\n\[<[0-9A-F]{12}>250<[0-9A-F]{4}>\] TJ\n`,
		`0 -1 1 0 96.2 \d+(\.\d+)? Tm\n/F1 10 Tf\n0 Tc\n\[<[0-9A-F]{8}>\] TJ\n(EMC\n)?ET\n$`,
	} {
		if !regexp.MustCompile(want).MatchString(ops) {
			t.Errorf("text operators:\n%s\nwant them to match %s", ops, want)
		}
	}
	if n := strings.Count(ops, "BT\n"); n != 1 {
		t.Errorf("%d text objects, want 1", n)
	}
	for _, want := range []string{"/Encoding /Identity-V", "/DW2 [", "/W2 ["} {
		if !bytes.Contains(b, []byte(want)) {
			t.Errorf("no %s in the PDF", want)
		}
	}
}

// TestVerticalItemRendersAsGlyphItems draws the Vertical item and, instead, each of
// its glyphs as a level item of its own where the item puts it: the pages render the
// same and give back the same text.
func TestVerticalItemRendersAsGlyphItems(t *testing.T) {
	if testing.Short() {
		t.Skip("renders pages with pdftoppm")
	}
	faces := defaultFaces(t)
	d := verticalDoc()
	asc := layout.Pt(faces[0].Ascent()) * 10
	var glyphs []layout.Item
	y := layout.Pt(100)
	for i, r := range []rune("天，地玄") {
		if i == 3 {
			y += 2.5
		}
		g := text(100-layout.Pt(faces[0].Advance(r))*5, y+asc, layout.Regular, 10, 0, string(r))
		if r == '，' {
			g.X, g.Y = g.X+5, g.Y-5
		}
		glyphs = append(glyphs, g)
		y += 10.5
	}
	split := movedDoc(append(glyphs, d.Pages[0].Items[1])...)
	split.RTL = true
	render := func(d *layout.Document) ([]byte, string) {
		path, _ := writeFile(t, d, faces, DefaultOptions())
		png := filepath.Join(t.TempDir(), "p")
		run(t, "pdftoppm", "-r", "300", "-gray", "-singlefile", path, png)
		txt, _ := run(t, "pdftotext", "-raw", "-enc", "UTF-8", path, "-")
		return mustRead(t, png+".pgm"), txt
	}
	a, at := render(d)
	b, bt := render(split)
	if len(a) != len(b) {
		t.Fatalf("pages of %d and %d bytes", len(a), len(b))
	}
	diff := 0
	for i := range a {
		if a[i] != b[i] {
			diff++
		}
	}
	if diff > 0 {
		t.Errorf("the vertical item renders otherwise than its glyphs: %d pixels differ", diff)
	}
	if noSpace(at) != noSpace(bt) || !strings.HasPrefix(noSpace(at), "天，地玄") {
		t.Errorf("pdftotext -raw gave %q (vertical) and %q (glyphs)", at, bt)
	}
}

// TestVerticalMoveAcross: a Move across a Vertical item's column is an invalid document.
func TestVerticalMoveAcross(t *testing.T) {
	d := verticalDoc()
	d.Pages[0].Items[0].Moves = []layout.Move{{At: 1, X: 1}}
	var buf bytes.Buffer
	if err := Write(&buf, d, defaultFaces(t), nil, DefaultOptions()); !errors.Is(err, ErrInvalidDocument) {
		t.Errorf("Write: %v, want ErrInvalidDocument", err)
	}
}
