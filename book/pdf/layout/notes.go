package layout

import (
	"cjkbook/book"
)

// notes sets the chapter's footnotes after its text, under a short rule, smaller.
func (cl *chapterLayout) notes(c *book.Chapter) {
	if len(c.Notes) == 0 {
		return
	}
	g := cl.g
	cl.block = -1
	cl.space(g.pitch)
	cl.push(box{h: g.pitch / 2, items: []Item{{Kind: Rule, X: 0, Y: g.pitch / 4, W: g.measure / 4, Size: 0.5}}, block: -1})
	sz := g.size * 0.85
	for _, n := range c.Notes {
		note := cl.tags.add(RoleNote, 0)
		cl.tags.elems[note].ID = n.ID
		cl.parent = note
		label := n.Label
		if label == "" {
			label = n.ID
		}
		first, lbl := true, false
		for _, bl := range n.Blocks {
			p, ok := bl.(*book.Paragraph)
			if !ok {
				cl.blockFlow(bl, 2*sz, g.measure-2*sz, 1)
				cl.parent = note
				continue
			}
			runs := p.Runs
			if first {
				runs = append([]book.Run{{Text: label + " "}}, runs...)
				first = false
				lbl = true
			}
			cl.text(cl.tags.add(RoleP, note), "", nonNil(runs), ParaStyle{Size: sz, Measure: g.measure, Label: lbl}, 0, 1.6, false)
			lbl = false
		}
		if first {
			cl.text(cl.tags.add(RoleP, note), label, nil, ParaStyle{Size: sz, Measure: g.measure, Label: true}, 0, 1.6, false)
		}
	}
}
