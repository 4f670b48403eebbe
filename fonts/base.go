package fonts

import "slices"

// baseCoords returns the offsets, in a BASE table, of the coordinate of every BaseCoord
// it holds (the only fields in font units, which the scaler rescales), or nil when the
// table cannot be read whole, has variation data, or places a baseline by a glyph's
// point (a glyph id the subset would have to renumber): the subset then drops it.
func baseCoords(base []byte) []int {
	r := &reader{b: base}
	if r.u16(0) != 1 || r.u16(2) > 0 && len(base) >= 12 && r.u32(8) != 0 {
		return nil
	}
	var offs []int
	coord := func(off int) {
		switch r.u16(off) {
		case 1, 3:
			r.u16(off + 2)
			offs = append(offs, off+2)
		default:
			r.bad = true
		}
	}
	minMax := func(off int) {
		for _, o := range []int{r.u16(off), r.u16(off + 2)} {
			if o != 0 {
				coord(off + o)
			}
		}
		n := min(r.u16(off+4), maxLayoutRecords)
		for i := 0; i < n && !r.bad; i++ {
			rec := off + 6 + 8*i
			for _, o := range []int{r.u16(rec + 4), r.u16(rec + 6)} {
				if o != 0 {
					coord(off + o)
				}
			}
		}
	}
	for _, axisOff := range []int{r.u16(4), r.u16(6)} {
		if axisOff == 0 {
			continue
		}
		list := axisOff + r.u16(axisOff+2)
		if list == axisOff {
			continue
		}
		n := min(r.u16(list), maxLayoutRecords)
		for i := 0; i < n && !r.bad; i++ {
			script := list + r.u16(list+2+6*i+4)
			if v := r.u16(script); v != 0 {
				values := script + v
				nc := min(r.u16(values+2), maxLayoutRecords)
				for k := 0; k < nc && !r.bad; k++ {
					coord(values + r.u16(values+4+2*k))
				}
			}
			if m := r.u16(script + 2); m != 0 {
				minMax(script + m)
			}
			nl := min(r.u16(script+4), maxLayoutRecords)
			for k := 0; k < nl && !r.bad; k++ {
				if m := r.u16(script + 6 + 6*k + 4); m != 0 {
					minMax(script + m)
				}
			}
		}
	}
	if r.bad || len(offs) == 0 {
		return nil
	}
	slices.Sort(offs)
	return slices.Compact(offs)
}

// base rescales a BASE table's coordinates; nil when baseCoords cannot read it.
func (c scaler) base(b []byte) []byte {
	offs := baseCoords(b)
	if offs == nil {
		return nil
	}
	b = slices.Clone(b)
	c.field(b, false, offs...)
	return b
}
