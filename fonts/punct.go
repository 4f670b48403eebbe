package fonts

import (
	"encoding/binary"
	"fmt"
	"math"
	"slices"
)

// MarkShape says how Reshape changes the glyph of one character: its outline moves Dx
// em to the right (left when negative) and its advance becomes Advance em (0 keeps it).
type MarkShape struct {
	Dx, Advance float64
}

// Reshape returns the TrueType font ttf with the glyphs of the characters in shapes
// moved and their advances changed, so that a reading system that draws the font sets
// the marks in a punctuation style's cells (half-width marks, centred stops) by itself.
// The rest of the font is kept byte for byte but glyf, loca, hmtx and the headers'
// extents, which are rewritten; ttf itself is not changed. Characters the font lacks
// are ignored; with nothing to change Reshape returns ttf.
func Reshape(ttf []byte, shapes map[rune]MarkShape) ([]byte, error) {
	f, err := Parse("subset", ttf)
	if err != nil {
		return nil, err
	}
	upem := float64(f.UnitsPerEm)
	dx, adv := map[uint16]int{}, map[uint16]int{}
	for r, sh := range shapes {
		g := f.GlyphID(r)
		if g == 0 {
			continue
		}
		if d := int(math.Round(sh.Dx * upem)); d != 0 {
			dx[g] = d
		}
		if sh.Advance > 0 {
			adv[g] = int(math.Round(sh.Advance * upem))
		}
	}
	if len(dx) == 0 && len(adv) == 0 {
		return ttf, nil
	}
	tables := make(map[string][]byte, len(f.tables))
	for t, d := range f.tables {
		tables[t] = d
	}
	head := slices.Clone(f.tables["head"])
	binary.BigEndian.PutUint32(head[8:], 0) // checkSumAdjustment, set by assemble
	xMin, xMax, err := reshapeGlyf(f, tables, head, dx)
	if err != nil {
		return nil, fmt.Errorf("font %s: %w", f.Name, err)
	}
	binary.BigEndian.PutUint16(head[36:], uint16(int16(xMin)))
	binary.BigEndian.PutUint16(head[40:], uint16(int16(xMax)))
	tables["head"] = head
	reshapeHmtx(f, tables, dx, adv)
	return assemble(tables), nil
}

// reshapeGlyf rewrites glyf and loca with the glyphs of dx moved, and returns the
// font's new horizontal extent.
func reshapeGlyf(f *Face, tables map[string][]byte, head []byte, dx map[uint16]int) (xMin, xMax int, err error) {
	glyf := f.tables["glyf"]
	offs, err := locaOffsets(head, f.tables["loca"], f.numGlyphs)
	if err != nil {
		return 0, 0, err
	}
	xMin, xMax = math.MaxInt, math.MinInt
	out := make([]byte, 0, len(glyf)+64*len(dx))
	newOffs := make([]uint32, f.numGlyphs+1)
	for g := 0; g < f.numGlyphs; g++ {
		if offs[g] > offs[g+1] || int(offs[g+1]) > len(glyf) {
			return 0, 0, fmt.Errorf("glyph %d outside glyf: %w", g, errCorrupt)
		}
		d := glyf[offs[g]:offs[g+1]]
		if s := dx[uint16(g)]; s != 0 && len(d) >= 10 {
			if d, err = shiftGlyph(d, s); err != nil {
				return 0, 0, fmt.Errorf("glyph %d: %w", g, err)
			}
		}
		if len(d) >= 10 {
			xMin = min(xMin, int(int16(binary.BigEndian.Uint16(d[2:]))))
			xMax = max(xMax, int(int16(binary.BigEndian.Uint16(d[6:]))))
		}
		out = append(out, d...)
		for len(out)%4 != 0 {
			out = append(out, 0)
		}
		newOffs[g+1] = uint32(len(out))
	}
	if xMin > xMax {
		xMin, xMax = 0, 0
	}
	tables["glyf"], tables["loca"] = out, encodeLoca(newOffs, head)
	return xMin, xMax, nil
}

// reshapeHmtx rewrites hmtx with one long metric per glyph (so any glyph's advance
// can change), the left side bearings of the glyphs of dx moved and the advances of
// adv set, and hhea to match.
func reshapeHmtx(f *Face, tables map[string][]byte, dx, adv map[uint16]int) {
	be := binary.BigEndian
	hhea, hmtx := slices.Clone(f.tables["hhea"]), f.tables["hmtx"]
	nh := int(be.Uint16(hhea[34:]))
	out := make([]byte, 4*f.numGlyphs)
	maxAdv := 0
	for g := 0; g < f.numGlyphs; g++ {
		a := int(f.advance[g])
		lsb := 0
		switch p := 4*nh + 2*(g-nh); {
		case g < nh:
			lsb = int(int16(be.Uint16(hmtx[4*g+2:])))
		case p+2 <= len(hmtx):
			lsb = int(int16(be.Uint16(hmtx[p:])))
		}
		lsb += dx[uint16(g)]
		if v, ok := adv[uint16(g)]; ok {
			a = v
		}
		maxAdv = max(maxAdv, a)
		be.PutUint16(out[4*g:], uint16(a))
		be.PutUint16(out[4*g+2:], uint16(int16(lsb)))
	}
	be.PutUint16(hhea[10:], uint16(maxAdv))
	be.PutUint16(hhea[34:], uint16(f.numGlyphs))
	tables["hhea"], tables["hmtx"] = hhea, out
}

// shiftGlyph returns glyph data d moved s font units to the right: a simple glyph's
// first point (the others are relative to it) and its bounding box, or a composite
// glyph's component offsets when they are 16-bit x/y values.
func shiftGlyph(d []byte, s int) ([]byte, error) {
	be := binary.BigEndian
	out := slices.Clone(d)
	be.PutUint16(out[2:], uint16(int16(be.Uint16(d[2:]))+int16(s)))
	be.PutUint16(out[6:], uint16(int16(be.Uint16(d[6:]))+int16(s)))
	nc := int(int16(be.Uint16(d)))
	if nc < 0 {
		const argsAreXY = 0x0002
		_, err := eachComponent(out, func(p int, flags uint16) {
			if flags&argWords != 0 && flags&argsAreXY != 0 && p+6 <= len(out) {
				be.PutUint16(out[p+4:], uint16(int16(be.Uint16(out[p+4:]))+int16(s)))
			}
		})
		return out, err
	}
	return shiftSimple(out, nc, s)
}

// shiftSimple moves the first point of the simple glyph d (nc contours, bounding box
// already moved) s units right, re-encoding its flags and x coordinates.
func shiftSimple(d []byte, nc, s int) ([]byte, error) {
	be := binary.BigEndian
	p := 10 + 2*nc
	if p+2 > len(d) || nc == 0 {
		return d, nil
	}
	np := int(be.Uint16(d[p-2:])) + 1
	p += 2 + int(be.Uint16(d[p:]))
	if p > len(d) {
		return nil, errCorrupt
	}
	prefix := d[:p]
	flags := make([]byte, 0, np)
	for len(flags) < np {
		if p >= len(d) {
			return nil, errCorrupt
		}
		fl := d[p]
		p++
		flags = append(flags, fl&^repeatFlag)
		if fl&repeatFlag != 0 {
			if p >= len(d) {
				return nil, errCorrupt
			}
			for k := 0; k < int(d[p]) && len(flags) < np; k++ {
				flags = append(flags, fl&^repeatFlag)
			}
			p++
		}
	}
	// The x coordinates: the first point's delta is read, the rest kept as bytes.
	xs := p
	x0 := 0
	for i, fl := range flags {
		n := 0
		switch {
		case fl&xShort != 0:
			n = 1
		case fl&xSameOrPos == 0:
			n = 2
		}
		if p+n > len(d) {
			return nil, errCorrupt
		}
		if i == 0 {
			switch {
			case n == 1 && fl&xSameOrPos != 0:
				x0 = int(d[p])
			case n == 1:
				x0 = -int(d[p])
			case n == 2:
				x0 = int(int16(be.Uint16(d[p:])))
			}
			xs = p + n
		}
		p += n
	}
	x0 += s
	flags[0] &^= xShort | xSameOrPos
	var first []byte
	switch {
	case x0 == 0:
		flags[0] |= xSameOrPos
	case x0 > -256 && x0 < 256:
		flags[0] |= xShort
		if x0 > 0 {
			flags[0] |= xSameOrPos
		}
		first = []byte{byte(abs(x0))}
	default:
		first = be.AppendUint16(nil, uint16(int16(x0)))
	}
	out := slices.Clone(prefix)
	out = appendFlags(out, flags)
	out = append(out, first...)
	out = append(out, d[xs:]...)
	return out, nil
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
