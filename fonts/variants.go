package fonts

import "encoding/binary"

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
