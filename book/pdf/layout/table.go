package layout

import (
	"sort"

	"cjkbook/book"
)

// table sets a simple grid: equal columns, a bold header row, hairlines around cells.
func (cl *chapterLayout) table(t *book.Table, x0, measure Pt) {
	g := cl.g
	sz := g.size * 0.9
	cols := len(t.Header)
	for _, r := range t.Rows {
		cols = max(cols, len(r))
	}
	if cols == 0 {
		return
	}
	pad := sz / 3
	pitch := sz * 1.5
	xs := cl.columns(t, cols, measure, sz, pad)
	base := cl.g.baseline(cl.faces[0], pitch, sz)
	// The structure: Table > THead > TR > TH (scope Column), TBody > TR > TD.
	tbl := cl.tags.add(RoleTable, cl.parent)
	group := -1
	row := func(cells []book.Cell, bold bool) {
		var items []Item
		tr := cl.tags.add(RoleTR, group)
		cellRole := RoleTD
		if bold {
			cellRole = RoleTH
		}
		ch := pitch // the tallest cell
		for c := 0; c < cols && c < len(cells); c++ {
			w := max(xs[c+1]-xs[c]-2*pad, sz)
			align := ""
			if c < len(t.Align) {
				align = t.Align[c]
			}
			// dx places something of width iw in the cell as the column is aligned.
			dx := func(iw Pt) Pt {
				switch align {
				case "right":
					return max(w-iw, 0)
				case "center":
					return max((w-iw)/2, 0)
				}
				return 0
			}
			y := Pt(0)
			td := cl.tags.add(cellRole, tr)
			if bold {
				cl.tags.elems[td].Scope = "Column"
			}
			for _, part := range cellParts(cl.marks(cells[c].Runs)) {
				if part.pic != nil {
					pic, iw, ih := cl.icon(part.pic, w, pitch)
					fw, fh := cl.flowSize(iw, ih)
					if fh == 0 { // cannot be drawn: warned; its alt text stands instead
						part.runs = []book.Run{{Text: part.pic.Alt}}
					} else {
						pi := cl.pictureItems(pic, part.pic, x0+xs[c]+pad+dx(fw), pad+y, iw, ih)
						setTag(pi, cl.figureTag(cl.figure(part.pic, part.pic.Alt, td)))
						items = append(items, pi...)
						y += fh
						continue
					}
				}
				cl.runEl = cl.runEl[:0]
				for _, ln := range cl.br.lines(part.runs, ParaStyle{Size: sz, Measure: w, Align: Left, Bold: bold}) {
					cl.runEl = cl.tags.tagLine(ln.Items, nil, part.runs, td, cl.runEl)
					for _, it := range ln.Items {
						it.X += x0 + xs[c] + pad + dx(ln.Right)
						it.Y += pad + y + base
						items = append(items, it)
					}
					y += pitch
				}
			}
			ch = max(ch, y)
		}
		h := ch + 2*pad
		bx := box{h: h, block: cl.block, text: true, items: items}
		bx.items = append(bx.items, Item{Kind: Rule, X: x0, Y: h, W: xs[cols], Size: 0.4})
		for c := 0; c <= cols; c++ {
			bx.items = append(bx.items, Item{Kind: Rule, X: x0 + xs[c], Y: 0, H: h, Size: 0.4})
		}
		cl.citeRow(cl.push(bx), cells)
	}
	cl.space(g.pitch / 2)
	top := len(cl.flow)
	if len(t.Header) > 0 {
		group = cl.tags.add(RoleTHead, tbl)
		row(t.Header, true)
	}
	group = cl.tags.add(RoleTBody, tbl)
	for _, r := range t.Rows {
		row(r, false)
	}
	if len(cl.flow) > top {
		cl.flow[top].items = append(cl.flow[top].items, Item{Kind: Rule, X: x0, Y: 0, W: xs[cols], Size: 0.4})
	}
	cl.space(g.pitch / 2)
}

// cellPart is a stretch of a table cell: text runs, or one inline picture.
type cellPart struct {
	runs []book.Run
	pic  *book.Image
}

// cellParts splits a cell's runs at its inline pictures, which stand on lines of
// their own; a cell without pictures is one part (an empty cell one empty part).
func cellParts(runs []book.Run) []cellPart {
	parts := make([]cellPart, 0, 1)
	start := 0
	for i, r := range runs {
		if r.Image == nil {
			continue
		}
		if i > start {
			parts = append(parts, cellPart{runs: runs[start:i]})
		}
		parts = append(parts, cellPart{pic: r.Image})
		start = i + 1
	}
	if start < len(runs) || len(parts) == 0 {
		parts = append(parts, cellPart{runs: nonNil(runs[start:])})
	}
	return parts
}

// waterLevel returns the cap L with Σ min(w[i], L) = total (for Σ w[i] > total).
func waterLevel(w []Pt, total Pt) Pt {
	ws := append([]Pt(nil), w...)
	sort.Slice(ws, func(i, j int) bool { return ws[i] < ws[j] })
	used := Pt(0)
	for i, v := range ws {
		rest := Pt(len(ws) - i)
		if used+v*rest >= total {
			return (total - used) / rest
		}
		used += v
	}
	return ws[len(ws)-1]
}

// columns returns the x of each column edge (len cols+1, from 0 to the measure), the way
// HTML's automatic table layout does: every column as wide as its widest cell when all
// fit; otherwise each gets its widest unbreakable word first and the rest of the measure
// in proportion to how much more its cells want; so cells wrap as little as possible.
func (cl *chapterLayout) columns(t *book.Table, cols int, measure, sz, pad Pt) []Pt {
	maxW := make([]Pt, cols)
	minW := make([]Pt, cols)
	save := cl.br.opts
	noHyphen := *save
	noHyphen.Hyphenate = false
	for ri := -1; ri < len(t.Rows); ri++ {
		cells := t.Header
		if ri >= 0 {
			cells = t.Rows[ri]
		}
		for c := 0; c < cols && c < len(cells); c++ {
			for _, part := range cellParts(cl.marks(cells[c].Runs)) {
				if part.pic != nil {
					// An icon wants its width at the cell's line height, and shrinks to
					// the column's share of the measure at worst.
					_, iw, ih := cl.icon(part.pic, measure/Pt(cols), sz*1.5)
					fw, _ := cl.flowSize(iw, ih)
					maxW[c] = max(maxW[c], fw+2*pad+1)
					minW[c] = max(minW[c], fw+2*pad+1)
					continue
				}
				for _, ln := range cl.br.lines(part.runs, ParaStyle{Size: sz, Measure: 1e6, Align: Left, Bold: ri < 0}) {
					maxW[c] = max(maxW[c], ln.Right+2*pad+1)
				}
				cl.br.opts = &noHyphen
				for _, ln := range cl.br.lines(part.runs, ParaStyle{Size: sz, Measure: sz, Align: Left, Bold: ri < 0}) {
					minW[c] = max(minW[c], ln.Right+2*pad+1)
				}
				cl.br.opts = save
			}
		}
	}
	sumMax, sumMin := Pt(0), Pt(0)
	for c := range maxW {
		minW[c] = min(minW[c], maxW[c])
		sumMax += maxW[c]
		sumMin += minW[c]
	}
	xs := make([]Pt, cols+1)
	for c := range maxW {
		var w Pt
		switch {
		case sumMax <= measure:
			w = maxW[c] + (measure-sumMax)/Pt(cols)
		case sumMin <= measure && sumMax > sumMin:
			w = minW[c] + (maxW[c]-minW[c])*(measure-sumMin)/(sumMax-sumMin)
		case sumMin > 0:
			// Even the unbreakable words do not fit: the widest columns are capped
			// (their words get hyphenated), the narrow ones keep their words whole.
			w = min(minW[c], waterLevel(minW, measure))
		default:
			w = measure / Pt(cols)
		}
		xs[c+1] = xs[c] + w
	}
	return xs
}
