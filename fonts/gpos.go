package fonts

import (
	"encoding/binary"
	"slices"
	"strings"
)

// A full-width mark such as ，or 「 is drawn in one half of its em cell; the other half
// is blank. Chinese typesetting takes that blank away where two marks meet, so ”。 or
// ，「 take 1.5 em instead of 2 (GB/T 15834—2011, clreq "Punctuation Width Adjustment").
// Browsers do it under CSS text-spacing-trim, but only with the font's help: Blink
// (Chromium 123 and later) halves a mark by applying the font's GPOS 'halt' feature to
// it ('vhal' in vertical text) and does nothing for a font without one. LXGW WenKai has
// no GPOS at all, so SubsetOptions.HalfWidths writes one: single-adjustment lookups that
// halve the advance of each named mark whose ink lies in its non-blank half, moving the
// ink of an opening mark back by the half it loses. The glyphs are measured in the
// finished subset (after rescaling, and after FullWidthQuotes widens its quotes), so a
// mark drawn centred or proportional gets no adjustment.
//
// 'chws' (contextual half-width spacing) is not written: Blink finds the pairs itself
// and needs only 'halt', and no engine applies 'chws' without being asked.

// HalfWidths names the full-width marks 'halt' and 'vhal' may halve, by the side of the
// em that carries their blank half.
type HalfWidths struct {
	// Start are the marks blank on the start side (left, or top in vertical text): the
	// opening brackets and quotes. Halving moves their ink back by half an em.
	Start string
	// End are the marks blank on the end side (right, or bottom): the closing brackets
	// and quotes, the pause and stop marks.
	End string
}

// side is where a mark's blank half lies.
type side int8

const (
	blankNone side = iota
	blankStart
	blankEnd
)

func (h *HalfWidths) side(r rune) side {
	switch {
	case strings.ContainsRune(h.Start, r):
		return blankStart
	case strings.ContainsRune(h.End, r):
		return blankEnd
	}
	return blankNone
}

// Value formats of a GPOS ValueRecord.
const (
	valueXPlacement = 0x0001
	valueYPlacement = 0x0002
	valueXAdvance   = 0x0004
	valueYAdvance   = 0x0008
)

// adjustment is one glyph's single adjustment: a placement and an advance change along
// the line.
type adjustment struct {
	gid, place, advance int
}

// glyphBox is what halfWidths reads of a subset glyph: its advances, its ink box
// (empty is true when it has no outline) and its top side bearing.
type glyphBox struct {
	adv, vadv, tsb         int
	xMin, yMin, xMax, yMax int
	empty, vertical        bool
}

// subsetBoxes reads the advances and ink boxes of the n glyphs of a finished subset;
// nil when its tables cannot be read.
func subsetBoxes(t map[string][]byte, n int) []glyphBox {
	head, glyf := t["head"], t["glyf"]
	if len(head) < 54 || len(t["hhea"]) < 36 {
		return nil
	}
	loca, err := locaOffsets(head, t["loca"], n)
	if err != nil {
		return nil
	}
	hm := &reader{b: t["hmtx"]}
	long := int(binary.BigEndian.Uint16(t["hhea"][34:]))
	vm := &reader{b: t["vmtx"]}
	vlong := 0
	if len(t["vhea"]) >= 36 && len(t["vmtx"]) > 0 {
		vlong = int(binary.BigEndian.Uint16(t["vhea"][34:]))
	}
	metric := func(r *reader, long, i int) (adv, side int) {
		if i < long {
			return r.u16(4 * i), int(int16(r.u16(4*i + 2)))
		}
		return r.u16(4 * (long - 1)), int(int16(r.u16(4*long + 2*(i-long))))
	}
	g := &reader{b: glyf}
	boxes := make([]glyphBox, n)
	for i := range boxes {
		b := &boxes[i]
		if long > 0 {
			b.adv, _ = metric(hm, long, i)
		}
		if vlong > 0 {
			b.vadv, b.tsb = metric(vm, vlong, i)
			b.vertical = true
		}
		a := int(loca[i])
		if int(loca[i+1])-a < 10 || g.u16(a) == 0 {
			b.empty = true
			continue
		}
		b.xMin, b.yMin = int(int16(g.u16(a+2))), int(int16(g.u16(a+4)))
		b.xMax, b.yMax = int(int16(g.u16(a+6))), int(int16(g.u16(a+8)))
	}
	if hm.bad || vm.bad || g.bad {
		return nil
	}
	return boxes
}

// verticalGlyphs maps the glyphs of a finished subset to their 'vert' forms, read back
// from the subset's own GSUB.
func verticalGlyphs(gsub []byte) map[int]int {
	out := map[int]int{}
	v := readVerticalGSUB(gsub)
	if v == nil {
		return out
	}
	for _, f := range v.features {
		if f.tag != "vert" {
			continue
		}
		for _, li := range f.lookups {
			for in, o := range v.lookups[li].subst {
				if _, ok := out[in]; !ok {
					out[in] = o
				}
			}
		}
	}
	return out
}

// halfWidths writes the subset's GPOS from h: 'halt' for the marks as they are set in
// horizontal text and, when the subset has vertical metrics, 'vhal' for their vertical
// forms. A mark qualifies when its advance is a full em (within a tenth) and its ink
// keeps out of its blank half (within a twentieth of an em). No GPOS is written when no
// mark qualifies.
func (s *subsetter) halfWidths(t map[string][]byte, h *HalfWidths) {
	delete(t, "GPOS")
	if h == nil {
		return
	}
	boxes := subsetBoxes(t, len(s.oldID))
	if boxes == nil {
		return
	}
	upem := int(binary.BigEndian.Uint16(t["head"][18:]))
	tol := upem / 20
	full := func(adv int) bool { return 10*adv >= 9*upem && 10*adv <= 11*upem }
	vert := verticalGlyphs(t["GSUB"])
	var halt, vhal []adjustment
	seenV := map[int]bool{}
	for _, m := range s.maps {
		sd := h.side(m.cp)
		if sd == blankNone {
			continue
		}
		g := int(m.gid)
		if b := boxes[g]; !b.empty && full(b.adv) {
			half := b.adv / 2
			switch {
			case sd == blankEnd && b.xMax <= half+tol:
				halt = append(halt, adjustment{g, 0, -half})
			case sd == blankStart && b.xMin >= half-tol:
				halt = append(halt, adjustment{g, -half, -half})
			}
		}
		vg, ok := vert[g]
		if !ok || vg >= len(boxes) || seenV[vg] {
			continue
		}
		seenV[vg] = true
		if b := boxes[vg]; !b.empty && b.vertical && full(b.vadv) {
			half := b.vadv / 2
			top, bottom := b.tsb, b.tsb+b.yMax-b.yMin // the ink's distance from the cell's top
			switch {
			case sd == blankEnd && bottom <= half+tol:
				vhal = append(vhal, adjustment{vg, 0, -half})
			case sd == blankStart && top >= half-tol:
				vhal = append(vhal, adjustment{vg, half, -half}) // y grows upwards
			}
		}
	}
	if g := writeGPOS(halt, vhal); g != nil {
		t["GPOS"] = g
	}
}

// writeGPOS returns a GPOS table with the features 'halt' and 'vhal' (each when it has
// adjustments), one single-adjustment lookup each, under the default language systems
// of the scripts DFLT and hani; nil when both are empty.
func writeGPOS(halt, vhal []adjustment) []byte {
	type feature struct {
		tag    string
		format int
		adj    []adjustment
	}
	var fs []feature // in tag order, as the FeatureList wants
	if len(halt) > 0 {
		fs = append(fs, feature{"halt", valueXPlacement | valueXAdvance, halt})
	}
	if len(vhal) > 0 {
		fs = append(fs, feature{"vhal", valueYPlacement | valueYAdvance, vhal})
	}
	if len(fs) == 0 {
		return nil
	}
	all := make([]int, len(fs))
	for i := range all {
		all[i] = i
	}
	w := &writer{}
	w.put16(1, 0, 10, 0, 0) // version 1.0; ScriptList follows the header
	writeScripts(w, []layoutScript{
		{tag: "DFLT", sys: []langSys{{required: -1, features: all}}, dflt: true},
		{tag: "hani", sys: []langSys{{required: -1, features: all}}, dflt: true},
	})
	w.at16(6, len(w.b))
	featureList := w.tagged(len(fs))
	for i, f := range fs {
		w.point(featureList+2+6*i, f.tag, featureList)
		w.put16(0, 1, i) // no parameters; lookup i
	}
	w.at16(8, len(w.b))
	lookupList := len(w.b)
	w.put16(len(fs))
	for range fs {
		w.put16(0)
	}
	for i, f := range fs {
		adj := slices.Clone(f.adj)
		slices.SortFunc(adj, func(a, b adjustment) int { return a.gid - b.gid })
		adj = slices.CompactFunc(adj, func(a, b adjustment) bool { return a.gid == b.gid })
		w.at16(lookupList+2+2*i, len(w.b)-lookupList)
		w.put16(gposSingle, 0, 1, 8)                 // one subtable, right after this header
		w.put16(2, 8+4*len(adj), f.format, len(adj)) // format 2, coverage after the values
		for _, a := range adj {
			w.put16(a.place, a.advance)
		}
		w.put16(1, len(adj)) // coverage format 1
		for _, a := range adj {
			w.put16(a.gid)
		}
	}
	return w.b
}

// gposSingle is the GPOS lookup type of single adjustments.
const gposSingle = 1
