package layout

import (
	"bytes"
	"encoding/xml"
	"io"
	"math"
	"strings"
	"testing"
	"unicode/utf8"

	"cjkbook/book"
	"cjkbook/book/internal/testimages"
)

// fuzzBook builds a book from fuzz input: lines of s become blocks whose kind, nesting and
// styles come from the bytes of shape; a line starting with # starts a chapter.
func fuzzBook(s string, shape []byte) *book.Book {
	var label bytes.Buffer
	_ = xml.EscapeText(&label, []byte(strings.Split(s, "\n")[0])) // a bytes.Buffer does not fail
	b := &book.Book{Meta: book.Metadata{Title: "书", Author: "者"}, Images: testimages.Assets(map[string][]byte{
		"bad.png": []byte("not an image"), "empty": nil,
		// An SVG labelled with the input's first line (any characters, anchored at the end).
		"d.svg": []byte(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 50"><rect width="50" height="20"/>` +
			`<text x="90" y="40" text-anchor="end" font-family="serif" font-size="12">` + label.String() + `</text></svg>`),
	})}
	pick := func(i int) byte {
		if len(shape) == 0 {
			return 0
		}
		return shape[i%len(shape)]
	}
	var ch *book.Chapter
	for i, line := range strings.Split(s, "\n") {
		if ch == nil || strings.HasPrefix(line, "#") {
			ch = &book.Chapter{Title: strings.TrimLeft(line, "#"), Kind: book.ChapterKind(pick(i) % 4), ID: "c" + string(rune('a'+len(b.Chapters)%26))}
			b.Chapters = append(b.Chapters, ch)
			if strings.HasPrefix(line, "#") {
				continue
			}
		}
		k := pick(i)
		runs := []book.Run{{Text: line}}
		if n := utf8.RuneCountInString(line); n > 2 {
			r := []rune(line)
			runs = []book.Run{{Text: string(r[:n/3])}, {Text: string(r[n/3 : 2*n/3]), Style: book.Style(k>>3) & 0x1f, Href: "#c" + string(rune('a'+int(k)%3))}, {Text: string(r[2*n/3:])}}
		}
		var bl book.Block
		switch k % 9 {
		case 0, 1:
			bl = &book.Paragraph{Runs: runs}
		case 2:
			bl = &book.Heading{Level: 2 + int(k>>4)%3, Runs: runs, ID: "h" + string(rune('a'+i%26))}
		case 3:
			bl = &book.Paragraph{Runs: runs}
			for d := 0; d < int(k>>4); d++ {
				bl = &book.Quote{Blocks: []book.Block{bl}}
			}
		case 4:
			bl = &book.List{Ordered: k&16 != 0, Start: int(k >> 5), Items: [][]book.Block{{&book.Paragraph{Runs: runs}}, {}}}
		case 5:
			bl = &book.CodeBlock{Text: line}
		case 6:
			var cells []book.Cell
			for _, c := range strings.Split(line, "|") {
				cells = append(cells, book.Cell{Runs: []book.Run{{Text: c}}})
			}
			bl = &book.Table{Header: cells, Rows: [][]book.Cell{cells[:len(cells)/2], {}}}
		case 7:
			bl = &book.Image{Src: []string{"bad.png", "empty", "missing", "d.svg"}[int(k>>4)%4], Alt: line}
		case 8:
			bl = &book.Break{}
		}
		ch.Blocks = append(ch.Blocks, bl)
		if k&0x80 != 0 {
			ch.Notes = append(ch.Notes, &book.Footnote{ID: "n", Label: "1", Blocks: []book.Block{&book.Paragraph{Runs: runs}}})
		}
	}
	return b
}

// FuzzLayout lays out arbitrary books on arbitrary page sizes: no panic, no error for
// valid options, finite coordinates, outline and links pointing at real pages and anchors.
func FuzzLayout(f *testing.F) {
	f.Add("#第一章\n他说：“好。”\n一|二|三\n```code```\n图\n#第二章\n——……", []byte{0, 2, 3, 0x34, 4, 5, 6, 7, 8, 0x81}, uint8(0), uint8(10))
	f.Add("x", []byte{}, uint8(3), uint8(40))
	f.Add("a☃𪚥 <b>&amp;\n图", []byte{0x34, 0x34}, uint8(1), uint8(4)) // SVG labels with characters no face has
	f.Fuzz(func(t *testing.T, s string, shape []byte, size, font uint8) {
		if !utf8.ValidString(s) || len(s) > 3000 || len(shape) > 64 {
			return
		}
		o := DefaultOptions()
		o.Width, o.Height, _ = PageSize([]string{"A5", "A4", "32开", "100x120mm"}[size%4])
		o.FontSize = Pt(font%30) + 6
		o.ChaptersOnOdd = size&4 != 0
		o.Parallel = 1 + int(size>>4)%3
		faces := []Metrics{FakeMetrics{Missing: "☃𪚥•·0123456789"}, FakeMetrics{Missing: "☃"}}
		d, err := Layout(fuzzBook(s, shape), faces, o)
		if err != nil {
			if o.validate() == nil {
				t.Fatalf("valid options, error %v", err)
			}
			return
		}
		anchors := map[string]bool{}
		for _, p := range d.Pages {
			for _, a := range p.Anchors {
				anchors[a.Name] = true
			}
		}
		for _, p := range d.Pages {
			for _, it := range p.Items {
				if it.Kind == Text && !covered(faces[it.Face], it.Text) {
					t.Fatalf("page %d: face %d lacks a rune of %q (the drawer would fail)", p.Index, it.Face, it.Text)
				}
				for _, v := range []Pt{it.X, it.Y, it.W, it.H, it.Size, it.Spacing} {
					if math.IsNaN(float64(v)) || math.IsInf(float64(v), 0) {
						t.Fatalf("page %d: non-finite item %+v", p.Index, it)
					}
				}
			}
			for _, l := range p.Links {
				if l.URL == "" && !anchors[l.Dest] {
					t.Fatalf("page %d: link to missing anchor %q", p.Index, l.Dest)
				}
			}
		}
		var walk func([]OutlineEntry)
		walk = func(es []OutlineEntry) {
			for _, e := range es {
				if e.Page < 0 || e.Page >= len(d.Pages) {
					t.Fatalf("outline %q points at page %d of %d", e.Title, e.Page, len(d.Pages))
				}
				walk(e.Children)
			}
		}
		walk(d.Outline)
		if err := d.Dump(io.Discard); err != nil {
			t.Fatal(err)
		}
	})
}
