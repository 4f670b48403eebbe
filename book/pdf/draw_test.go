package pdf

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"cjkbook/book/pdf/layout"
	"cjkbook/fonts"
	"cjkbook/fonts/fontstest"
)

// movedDoc is a one-page document whose only body item is it, at 10 pt.
func movedDoc(items ...layout.Item) *layout.Document {
	return &layout.Document{Width: a5W, Height: a5H, Info: layout.Info{Language: "zh-CN"},
		Pages: []layout.Page{{Index: 0, Items: items}}}
}

// contentOps returns the text operators of the uncompressed PDF b from the first BT
// to the last ET.
func contentOps(t *testing.T, b []byte) string {
	t.Helper()
	i, j := bytes.Index(b, []byte("BT\n")), bytes.LastIndex(b, []byte("ET\n"))
	if i < 0 || j < i {
		t.Fatalf("no text object in the content stream")
	}
	return string(b[i : j+3])
}

func TestMovesAreNumbersInOneTJArray(t *testing.T) {
	g4, g := `[0-9A-F]{4}`, `(?:[0-9A-F]{4})+`
	cases := []struct {
		name  string
		moves []layout.Move
		want  string // the text operators, a regexp
	}{
		// A stop centred in its cell: its glyph a quarter em right, the next back.
		{"centred stop", []layout.Move{{At: 2, X: 2.5}, {At: 3, X: -2.5}},
			`\[<` + g4 + g4 + `>-250<` + g4 + `>250<` + g + `>\] TJ`},
		{"first glyph", []layout.Move{{At: 0, X: 1}},
			`\[-100<` + g + `>\] TJ`},
		// Two moves before one glyph add up; a squeezed blank pulls the rest left.
		{"same glyph", []layout.Move{{At: 4, X: -5}, {At: 4, X: 2}},
			`\[<` + g4 + g4 + g4 + g4 + `>300<` + g + `>\] TJ`},
		// Rounding to a thousandth of the size does not add up along the line.
		{"no drift", []layout.Move{{At: 1, X: 0.016}, {At: 2, X: 0.016}, {At: 3, X: 0.016}},
			`\[<` + g4 + `>-2<` + g4 + `>-1<` + g4 + `>-2<` + g + `>\] TJ`},
		// A shift of the baseline starts a text of its own where the pens put it.
		{"baseline", []layout.Move{{At: 1, X: 2.5}, {At: 3, Y: 10}},
			`\[<` + g4 + `>-250<` + g4 + g4 + `>\] TJ\n32.5 -10 Td\n\[<` + g + `>\] TJ`},
	}
	faces := defaultFaces(t)
	opts := DefaultOptions()
	opts.Compression = CompressNone
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			it := text(100, 100, layout.Regular, 10, 0, "一二三四五六")
			it.Moves = c.moves
			_, b := writeFile(t, movedDoc(it), faces, opts)
			ops := contentOps(t, b)
			if !regexp.MustCompile(c.want).MatchString(ops) {
				t.Errorf("text operators:\n%s\nwant them to match %s", ops, c.want)
			}
		})
	}
}

// TestMovedItemRendersAsSplitItems draws one line as a Text item with Moves and as
// the Text items the Moves stand for: the pages must render the same, pixel for pixel,
// and give back the same text.
func TestMovedItemRendersAsSplitItems(t *testing.T) {
	if testing.Short() {
		t.Skip("renders pages with pdftoppm")
	}
	faces := defaultFaces(t)
	moved := text(100, 100, layout.Regular, 10, 0.5, "他说。“好”，走了")
	moved.Moves = []layout.Move{{At: 2, X: 2.5}, {At: 3, X: -7.5}, {At: 5, X: -5}, {At: 6, X: 1}}
	// The same glyphs as items of their own at the moved item's pens.
	pens, rs := moved.Pens(faces[0]), []rune(moved.Text)
	var split []layout.Item
	for i, at := range []int{0, 2, 3, 5, 6, len(rs)} {
		if i > 0 {
			prev := []int{0, 2, 3, 5, 6}[i-1]
			split = append(split, text(pens[prev], 100, layout.Regular, 10, 0.5, string(rs[prev:at])))
		}
	}
	for _, it := range split {
		if c := float64(it.X) * 100; c != float64(int(c)) {
			t.Fatalf("pen %v is not a whole hundredth of a point: the split items would be rounded", it.X)
		}
	}
	render := func(d *layout.Document) ([]byte, string) {
		path, _ := writeFile(t, d, faces, DefaultOptions())
		png := filepath.Join(t.TempDir(), "p")
		run(t, "pdftoppm", "-r", "300", "-png", "-singlefile", path, png)
		txt, _ := run(t, "pdftotext", "-enc", "UTF-8", path, "-")
		return mustRead(t, png+".png"), txt
	}
	a, at := render(movedDoc(moved))
	b, bt := render(movedDoc(split...))
	if !bytes.Equal(a, b) {
		t.Errorf("the moved item renders otherwise than the split items")
	}
	if noSpace(at) != "他说。“好”，走了" || at != bt {
		t.Errorf("pdftotext gave %q (moved) and %q (split), want 他说。“好”，走了", at, bt)
	}
}

// mustRead returns the contents of a file, failing the test when it cannot be read.
func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestMovesAfterAVariationSequence: a Move counts the runes of the item's text, where
// a variation sequence is two; gopdf draws the sequence as one glyph, and the number
// still goes before the glyph the Move is for.
func TestMovesAfterAVariationSequence(t *testing.T) {
	ttf, err := fontstest.Variants("城", map[[2]rune]rune{{'葛', 0xE0100}: '萬'})
	if err != nil {
		t.Fatal(err)
	}
	face, err := fonts.Parse("variants.ttf", ttf)
	if err != nil {
		t.Fatal(err)
	}
	it := text(20, 60, layout.Regular, 10, 0, "葛\U000E0100城葛城")
	it.Moves = []layout.Move{{At: 2, X: 2.5}, {At: 4, X: -2.5}}
	opts := DefaultOptions()
	opts.Compression = CompressNone
	_, b := writeFile(t, movedDoc(it), []*fonts.Face{face, face}, opts)
	ops := contentOps(t, b)
	if want := `\[<[0-9A-F]{4}>-250<[0-9A-F]{8}>250<[0-9A-F]{4}>\] TJ`; !regexp.MustCompile(want).MatchString(ops) {
		t.Errorf("text operators:\n%s\nwant them to match %s", ops, want)
	}
}
