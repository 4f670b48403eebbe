package layout

import (
	"bufio"
	"fmt"
	"io"
)

// Dump writes the document as deterministic text for golden tests: one line per page,
// item, link and anchor, lengths rounded to 0.01 pt, then the outline tree.
func (d *Document) Dump(w io.Writer) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "document %.2fx%.2f pages=%d title=%q author=%q\n", d.Width, d.Height, len(d.Pages), d.Info.Title, d.Info.Author)
	for _, p := range d.Pages {
		fmt.Fprintf(bw, "page %d label=%q body=%v start=%d/%d/%d\n", p.Index, p.Label, p.Body, p.Start.Chapter, p.Start.Block, p.Start.Rune)
		for _, a := range p.Anchors {
			fmt.Fprintf(bw, "  anchor %q y=%.2f\n", a.Name, a.Y)
		}
		for _, it := range p.Items {
			switch it.Kind {
			case Text:
				fmt.Fprintf(bw, "  text %.2f %.2f size=%.2f face=%d sp=%.2f", it.X, it.Y, it.Size, it.Face, it.Spacing)
				if it.Gray != 0 {
					fmt.Fprintf(bw, " gray=%.2f", it.Gray)
				}
				if it.Slant != 0 {
					fmt.Fprintf(bw, " slant=%.4f", it.Slant)
				}
				if it.Ruby {
					fmt.Fprintf(bw, " ruby")
				}
				for _, m := range it.Moves {
					fmt.Fprintf(bw, " move%d=%+.2f", m.At, m.X)
					if m.Y != 0 {
						fmt.Fprintf(bw, ",%+.2f", m.Y)
					}
				}
				fmt.Fprintf(bw, " %q\n", it.Text)
			case Rule:
				fmt.Fprintf(bw, "  rule %.2f %.2f w=%.2f h=%.2f size=%.2f\n", it.X, it.Y, it.W, it.H, it.Size)
			case Box:
				fmt.Fprintf(bw, "  box %.2f %.2f w=%.2f h=%.2f\n", it.X, it.Y, it.W, it.H)
			case Dot:
				fmt.Fprintf(bw, "  dot %.2f %.2f size=%.2f\n", it.X, it.Y, it.Size)
			case Picture:
				fmt.Fprintf(bw, "  picture %.2f %.2f w=%.2f h=%.2f src=%q\n", it.X, it.Y, it.W, it.H, it.Src)
			case Span:
				fmt.Fprintf(bw, "  span %q\n", it.Text)
			case SpanEnd:
				fmt.Fprintf(bw, "  span-end\n")
			case Fill:
				fmt.Fprintf(bw, "  fill %.2f %.2f w=%.2f h=%.2f gray=%.2f\n", it.X, it.Y, it.W, it.H, it.Gray)
			default:
				fmt.Fprintf(bw, "  kind%d %.2f %.2f\n", it.Kind, it.X, it.Y)
			}
		}
		for _, l := range p.Links {
			fmt.Fprintf(bw, "  link %.2f %.2f w=%.2f h=%.2f dest=%q url=%q\n", l.X, l.Y, l.W, l.H, l.Dest, l.URL)
		}
	}
	var outline func(es []OutlineEntry, depth int)
	outline = func(es []OutlineEntry, depth int) {
		for _, e := range es {
			fmt.Fprintf(bw, "outline %*s%q page=%d y=%.2f\n", 2*depth, "", e.Title, e.Page, e.Y)
			outline(e.Children, depth+1)
		}
	}
	outline(d.Outline, 0)
	return bw.Flush()
}
