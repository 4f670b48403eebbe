package htmlmodel

import (
	"strconv"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"cjkbook/book"
)

// table converts a table: its caption becomes a paragraph before it, a first
// row in thead or made only of th cells the header; rows are padded to the
// widest, and a cell spanning columns is followed by empty cells.
func (w *walker) table(n *html.Node, s style, at book.Pos) {
	c := w.c
	tb := &book.Table{At: at}
	var rows []*html.Node
	header := false
	var collect func(*html.Node, bool)
	collect = func(p *html.Node, inHead bool) {
		for k := p.FirstChild; k != nil; k = k.NextSibling {
			if k.Type != html.ElementNode {
				continue
			}
			switch k.DataAtom {
			case atom.Tr:
				if len(rows) == 0 && inHead {
					header = true
				}
				rows = append(rows, k)
			case atom.Thead:
				collect(k, true)
			case atom.Tbody, atom.Tfoot:
				collect(k, false)
			case atom.Caption:
				w.out = append(w.out, c.blocks(k, s, 0)...)
			}
		}
	}
	collect(n, false)
	cols := 0
	for i, tr := range rows {
		var cells []book.Cell
		allTH := true
		for td := tr.FirstChild; td != nil; td = td.NextSibling {
			if td.Type != html.ElementNode || td.DataAtom != atom.Td && td.DataAtom != atom.Th {
				continue
			}
			if td.DataAtom == atom.Td {
				allTH = false
			}
			if i == 0 {
				tb.Align = append(tb.Align, cellAlign(td))
			}
			cells = append(cells, book.Cell{Runs: c.runs(td, s, modeCell)})
			if span, err := strconv.Atoi(Attr(td, "colspan")); err == nil && span > 1 {
				for j := 1; j < min(span, 64); j++ {
					cells = append(cells, book.Cell{})
					if i == 0 {
						tb.Align = append(tb.Align, "")
					}
				}
			}
		}
		if len(cells) == 0 {
			continue
		}
		cols = max(cols, len(cells))
		if i == 0 && (header || allTH) {
			tb.Header = cells
			continue
		}
		tb.Rows = append(tb.Rows, cells)
	}
	if cols == 0 {
		return
	}
	tb.Square(cols)
	w.out = append(w.out, tb)
}

// cellAlign reads a cell's alignment from its align attribute or the
// text-align declaration of its style.
func cellAlign(td *html.Node) string {
	v := strings.ToLower(strings.TrimSpace(Attr(td, "align")))
	if v == "" {
		v = cssValue(Attr(td, "style"), "text-align")
	}
	switch v {
	case "left", "center", "right":
		return v
	}
	return ""
}

// cssValue returns the lower-case value of the declaration prop in a style
// attribute, or "".
func cssValue(style, prop string) string {
	for _, decl := range strings.Split(style, ";") {
		name, val, ok := strings.Cut(decl, ":")
		if ok && strings.EqualFold(strings.TrimSpace(name), prop) {
			return strings.ToLower(strings.TrimSpace(val))
		}
	}
	return ""
}

// WidthHint reads an <img>'s width as a fraction of the text width: the CSS
// width declaration of its style attribute (style="width: 50%"), else its width
// attribute (width="50%"). Only percentages in (0, 100] count; pixel widths and
// malformed values give 0 (no hint), since the model knows no page size.
func WidthHint(style, width string) float64 {
	if f := percent(cssValue(style, "width")); f > 0 {
		return f
	}
	return percent(width)
}

// percent parses "N%" (N a decimal number, spaces around allowed) as N/100 when
// 0 < N ≤ 100, and returns 0 for anything else.
func percent(s string) float64 {
	s = strings.TrimSpace(s)
	num, ok := strings.CutSuffix(s, "%")
	if !ok {
		return 0
	}
	f, err := strconv.ParseFloat(strings.TrimSpace(num), 64)
	if err != nil || !(f > 0 && f <= 100) {
		return 0
	}
	return f / 100
}
