package fonts

import (
	"encoding/binary"
	"fmt"
	"math"
	"slices"
)

// Chinese fonts such as LXGW WenKai draw “ ” ‘ ’ as proportional glyphs about a third of
// an em wide, shared with Latin text. Inside Chinese text the quotes take a full cell
// instead (GB/T 15834—2011, clreq §3.4), with the ink on the side facing the quoted words:
// an opening quote at the right of its cell, a closing one at the left, which is how the
// PDF sets them. FullWidthQuotes makes a second, tiny face with those full-width forms,
// which an e-book applies to the quotes in Chinese text only (quotes around Latin words
// keep the body font's glyphs): it works in every reading system that honours embedded
// fonts, unlike the 'fwid' feature (font-feature-settings is ignored by several).

// neighbourMarks join the quote face when it gets 'halt' (SubsetOptions.HalfWidths),
// though no text is set in them: Blink decides whether ”。 or ，“ compress by the
// glyphs of ，。、．：； in the font of the quote, and treats them as unknown marks in
// a font that lacks them.
const neighbourMarks = "、。，．：；"

func isCurlyQuote(r rune) bool { return r == '“' || r == '”' || r == '‘' || r == '’' }

// openingQuotes are the curly quotes whose ink moves to the right of a full cell.
var openingQuotes = map[rune]bool{'“': true, '‘': true}

// FullWidthQuotes returns a font holding the curly quotes “ ” ‘ ’ among runes that f has,
// each one em wide with its ink at the right of the cell (opening quotes) or at the left
// (closing ones), and nothing else but .notdef (and, with o.HalfWidths, the glyphs of
// neighbourMarks and a GPOS 'halt' that halves the quotes). o is applied as by SubsetWith
// (its grid; TextOnly and VerticalForms do not matter here).
func FullWidthQuotes(f *Face, runes []rune, o SubsetOptions) ([]byte, error) {
	var qs []rune
	for _, r := range runes {
		if isCurlyQuote(r) {
			qs = append(qs, r)
		}
	}
	if o.HalfWidths != nil {
		qs = append(qs, []rune(neighbourMarks)...)
	}
	o.VerticalForms = false
	tables, s, err := subsetTables(f, qs, nil, o)
	if err != nil {
		return nil, err
	}
	if err := widenQuotes(tables, s); err != nil {
		return nil, fmt.Errorf("font %s: full-width quotes: %w", f.Name, err)
	}
	s.extents(tables)
	s.halfWidths(tables, o.HalfWidths) // measured again, now that the quotes are full width
	return assemble(tables), nil
}

// widenQuotes gives every quote glyph of a subset a one-em advance, moving the outline of
// an opening quote to the right end of the cell; hmtx is rewritten with one long metric
// per glyph.
func widenQuotes(t map[string][]byte, s *subsetter) error {
	be := binary.BigEndian
	n := len(s.oldID)
	upem := int(be.Uint16(t["head"][18:]))
	hhea, hmtx := slices.Clone(t["hhea"]), t["hmtx"]
	long := int(be.Uint16(hhea[34:]))
	adv, lsb := make([]int, n), make([]int, n)
	for i := range n {
		if i < long {
			adv[i], lsb[i] = int(be.Uint16(hmtx[4*i:])), int(int16(be.Uint16(hmtx[4*i+2:])))
		} else {
			adv[i], lsb[i] = int(be.Uint16(hmtx[4*(long-1):])), int(int16(be.Uint16(hmtx[4*long+2*(i-long):])))
		}
	}
	loca, err := locaOffsets(t["head"], t["loca"], n)
	if err != nil {
		return err
	}
	glyf := t["glyf"]
	glyphAt := func(i int) ([]byte, error) {
		if i < 0 || i >= n || loca[i] > loca[i+1] || int(loca[i+1]) > len(glyf) {
			return nil, fmt.Errorf("glyph %d out of range: %w", i, errCorrupt)
		}
		return glyf[loca[i]:loca[i+1]], nil
	}
	shift := make([]int, n)
	for _, m := range s.maps {
		if !isCurlyQuote(m.cp) {
			continue // a neighbour mark keeps its glyph
		}
		g := int(m.gid)
		if openingQuotes[m.cp] {
			shift[g] = upem - adv[g]
			lsb[g] += shift[g]
		}
		adv[g] = max(adv[g], upem)
	}
	out := make([]byte, 0, len(glyf))
	offs := make([]uint32, n+1)
	var gl glyph
	for i := range n {
		d, err := glyphAt(i)
		if err != nil {
			return err
		}
		if shift[i] == 0 || len(d) == 0 {
			out = append(out, d...)
		} else {
			pts, ends, err := flatten(glyphAt, d, 0)
			if err != nil {
				return fmt.Errorf("glyph %d: %w", i, err)
			}
			gl.ends, gl.pts = ends, gl.pts[:0]
			for _, q := range pts {
				gl.pts = append(gl.pts, point{int(math.Round(q.x)) + shift[i], int(math.Round(q.y)), q.on})
			}
			out = gl.encode(out)
		}
		for len(out)%4 != 0 {
			out = append(out, 0)
		}
		offs[i+1] = uint32(len(out))
	}
	head := slices.Clone(t["head"])
	t["glyf"], t["loca"], t["head"] = out, encodeLoca(offs, head), head
	m := make([]byte, 4*n)
	maxAdv := 0
	for i := range n {
		be.PutUint16(m[4*i:], uint16(adv[i]))
		be.PutUint16(m[4*i+2:], uint16(int16(lsb[i])))
		maxAdv = max(maxAdv, adv[i])
	}
	be.PutUint16(hhea[10:], uint16(maxAdv))
	be.PutUint16(hhea[34:], uint16(n))
	t["hhea"], t["hmtx"] = hhea, m
	return nil
}
