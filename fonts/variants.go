package fonts

import (
	"cmp"
	"encoding/binary"
	"slices"
)

// Variant returns the glyph a font gives the variation sequence base + vs (a
// standardized variation sequence with U+FE00–FE0F, or an ideographic variation
// sequence with U+E0100–E01EF, UTS #37), from its cmap format 14 subtable (OpenType
// "cmap — Character to Glyph Index Mapping Table", format 14: Unicode Variation
// Sequences). ok is false when the font does not list the sequence (or has no format
// 14 subtable): the base character's own glyph is then all the font can draw. A
// sequence in the subtable's default list draws the base character's glyph.
func (f *Face) Variant(base, vs rune) (gid uint16, ok bool) {
	sub := f.cmap14()
	if len(sub) < 10 {
		return 0, false
	}
	n := int(binary.BigEndian.Uint32(sub[6:]))
	for i := 0; i < n && 10+11*i+11 <= len(sub); i++ {
		rec := sub[10+11*i:]
		if u24(rec) != uint32(vs) {
			continue
		}
		if off := int(binary.BigEndian.Uint32(rec[7:])); off > 0 {
			if g, found := nonDefaultUVS(sub, off, uint32(base)); found {
				return g, g != 0
			}
		}
		if off := int(binary.BigEndian.Uint32(rec[3:])); off > 0 && inDefaultUVS(sub, off, uint32(base)) {
			g := f.GlyphID(base)
			return g, g != 0
		}
		return 0, false
	}
	return 0, false
}

// HasVariants reports whether the font has a cmap format 14 subtable.
func (f *Face) HasVariants() bool { return f.cmap14() != nil }

// cmap14 returns the font's format 14 subtable (platform 0, encoding 5), or nil.
func (f *Face) cmap14() []byte {
	cmap := f.tables["cmap"]
	if len(cmap) < 4 {
		return nil
	}
	n := int(binary.BigEndian.Uint16(cmap[2:]))
	for i := 0; i < n && 4+8*i+8 <= len(cmap); i++ {
		rec := cmap[4+8*i:]
		off := int(binary.BigEndian.Uint32(rec[4:]))
		if binary.BigEndian.Uint16(rec) != 0 || binary.BigEndian.Uint16(rec[2:]) != 5 || off+10 > len(cmap) || off < 0 {
			continue
		}
		sub := cmap[off:]
		if binary.BigEndian.Uint16(sub) != 14 {
			continue
		}
		if ln := int(binary.BigEndian.Uint32(sub[2:])); ln >= 10 && ln <= len(sub) {
			return sub[:ln]
		}
	}
	return nil
}

// inDefaultUVS reports whether the DefaultUVS table at off (ranges of base characters
// whose sequence draws the default glyph) holds base.
func inDefaultUVS(sub []byte, off int, base uint32) bool {
	if off+4 > len(sub) {
		return false
	}
	n := int(binary.BigEndian.Uint32(sub[off:]))
	for i := 0; i < n && off+4+4*i+4 <= len(sub); i++ {
		r := sub[off+4+4*i:]
		if start := u24(r); base >= start && base <= start+uint32(r[3]) {
			return true
		}
	}
	return false
}

// nonDefaultUVS looks base up in the NonDefaultUVS table at off (base characters with
// a glyph of their own for the sequence).
func nonDefaultUVS(sub []byte, off int, base uint32) (uint16, bool) {
	if off+4 > len(sub) {
		return 0, false
	}
	n := int(binary.BigEndian.Uint32(sub[off:]))
	for i := 0; i < n && off+4+5*i+5 <= len(sub); i++ {
		m := sub[off+4+5*i:]
		if u24(m) == base {
			return binary.BigEndian.Uint16(m[3:]), true
		}
	}
	return 0, false
}

func u24(b []byte) uint32 { return uint32(b[0])<<16 | uint32(b[1])<<8 | uint32(b[2]) }

// VariantAdvance returns the advance in em of the glyph the font gives base + vs
// (Variant), and false when the font does not list the sequence.
func (f *Face) VariantAdvance(base, vs rune) (float64, bool) {
	g, ok := f.Variant(base, vs)
	if !ok {
		return 0, false
	}
	return float64(f.GlyphAdvance(g)) / float64(f.UnitsPerEm), true
}

// uvs is one variation sequence a subset keeps in its cmap format 14 subtable: its
// selector, its base and the base's own glyph (def) or the subset's glyph gid.
type uvs struct {
	vs, base rune
	gid      uint16
	def      bool
}

// keepVariants adds the variation sequences seqs (base, selector) whose base the
// subset maps and which the font lists (Variant), with the glyphs they select, so
// that the subset's cmap gets a format 14 subtable for them. Run after collect.
func (s *subsetter) keepVariants(seqs [][2]rune) {
	for _, q := range seqs {
		base, vs := q[0], q[1]
		if _, found := slices.BinarySearchFunc(s.maps, base, func(m mapping, r rune) int { return cmp.Compare(m.cp, r) }); !found {
			continue
		}
		g, ok := s.f.Variant(base, vs)
		if !ok {
			continue
		}
		u := uvs{vs: vs, base: base, def: g == s.f.GlyphID(base)}
		if !u.def {
			u.gid = s.add(g)
		}
		s.uvs = append(s.uvs, u)
	}
	slices.SortFunc(s.uvs, func(a, b uvs) int { return cmp.Or(cmp.Compare(a.vs, b.vs), cmp.Compare(a.base, b.base)) })
	s.uvs = slices.CompactFunc(s.uvs, func(a, b uvs) bool { return a.vs == b.vs && a.base == b.base })
}

// cmap14 encodes the kept variation sequences as a cmap format 14 subtable (one
// record per selector, each with its default and non-default lists), or nil when
// there are none.
func (s *subsetter) cmap14() []byte {
	if len(s.uvs) == 0 {
		return nil
	}
	be := binary.BigEndian
	put24 := func(b []byte, v rune) []byte { return append(b, byte(v>>16), byte(v>>8), byte(v)) }
	var sels []rune
	for i, u := range s.uvs {
		if i == 0 || u.vs != s.uvs[i-1].vs {
			sels = append(sels, u.vs)
		}
	}
	head := make([]byte, 10, 10+11*len(sels))
	be.PutUint16(head, 14)
	be.PutUint32(head[6:], uint32(len(sels)))
	var lists []byte
	at := func() uint32 { return uint32(10 + 11*len(sels) + len(lists)) }
	for i := 0; i < len(s.uvs); {
		j := i
		for j < len(s.uvs) && s.uvs[j].vs == s.uvs[i].vs {
			j++
		}
		var defs, nondefs []uvs
		for _, u := range s.uvs[i:j] {
			if u.def {
				defs = append(defs, u)
			} else {
				nondefs = append(nondefs, u)
			}
		}
		head = put24(head, s.uvs[i].vs)
		var defOff, nondefOff uint32
		if len(defs) > 0 {
			defOff = at()
			lists = be.AppendUint32(lists, uint32(len(defs)))
			for _, u := range defs { // one range per base: a book uses few sequences
				lists = append(put24(lists, u.base), 0)
			}
		}
		if len(nondefs) > 0 {
			nondefOff = at()
			lists = be.AppendUint32(lists, uint32(len(nondefs)))
			for _, u := range nondefs {
				lists = be.AppendUint16(put24(lists, u.base), u.gid)
			}
		}
		head = be.AppendUint32(be.AppendUint32(head, defOff), nondefOff)
		i = j
	}
	out := append(head, lists...)
	be.PutUint32(out[2:], uint32(len(out)))
	return out
}
