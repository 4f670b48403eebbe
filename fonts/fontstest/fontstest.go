// Package fontstest makes small fonts for tests: a subset of the bundled LXGW WenKai
// with a cmap format 14 subtable, which WenKai itself lacks, so that tests of
// variation sequences need no system font.
package fontstest

import (
	"cmp"
	"encoding/binary"
	"fmt"
	"slices"

	"cjkbook/fonts"
)

// Variants returns a TrueType font holding WenKai's glyphs for runes, whose cmap
// gets a (0, 5) format 14 subtable mapping each sequence of seqs (base, selector)
// to the glyph WenKai has for the rune it names: 葛 U+E0100 → '萬' draws 萬's glyph
// for 葛󠄀. Bases and targets are added to runes.
func Variants(runes string, seqs map[[2]rune]rune) ([]byte, error) {
	reg, _, err := fonts.Default()
	if err != nil {
		return nil, err
	}
	rs := []rune(runes)
	for q, to := range seqs {
		rs = append(rs, q[0], to)
	}
	ttf, err := fonts.Subset(reg, rs)
	if err != nil {
		return nil, err
	}
	sub, err := fonts.Parse("subset", ttf)
	if err != nil {
		return nil, err
	}
	keys := make([][2]rune, 0, len(seqs))
	for q := range seqs {
		keys = append(keys, q)
	}
	slices.SortFunc(keys, func(a, b [2]rune) int { return cmp.Or(cmp.Compare(a[1], b[1]), cmp.Compare(a[0], b[0])) })
	be := binary.BigEndian
	put24 := func(b []byte, v rune) []byte { return append(b, byte(v>>16), byte(v>>8), byte(v)) }
	// One record and one non-default list per (selector, base): a few sequences.
	f14 := make([]byte, 10)
	be.PutUint16(f14, 14)
	be.PutUint32(f14[6:], uint32(len(keys)))
	var lists []byte
	for _, q := range keys {
		g := sub.GlyphID(seqs[q])
		if g == 0 {
			return nil, fmt.Errorf("fontstest: WenKai has no %q", seqs[q])
		}
		f14 = put24(f14, q[1])
		f14 = be.AppendUint32(f14, 0)
		f14 = be.AppendUint32(f14, uint32(10+11*len(keys)+len(lists)))
		lists = be.AppendUint32(lists, 1)
		lists = be.AppendUint16(put24(lists, q[0]), g)
	}
	f14 = append(f14, lists...)
	be.PutUint32(f14[2:], uint32(len(f14)))
	old := sub.Table("cmap")
	n := int(be.Uint16(old[2:]))
	cm := make([]byte, 4+8*(n+1))
	be.PutUint16(cm[2:], uint16(n+1))
	be.PutUint16(cm[4:], 0)
	be.PutUint16(cm[6:], 5)
	be.PutUint32(cm[8:], uint32(len(cm)))
	for i := 0; i < n; i++ {
		rec := cm[12+8*i:]
		copy(rec, old[4+8*i:4+8*i+4])
		be.PutUint32(rec[4:], be.Uint32(old[8+8*i:])+uint32(8+len(f14)))
	}
	cm = append(append(cm, f14...), old[4+8*n:]...)
	return replaceTable(ttf, "cmap", cm), nil
}

// replaceTable returns the font ttf with table tag's contents replaced by data, the
// tables in their order, each padded to four bytes, with fresh checksums.
func replaceTable(ttf []byte, tag string, data []byte) []byte {
	be := binary.BigEndian
	n := int(be.Uint16(ttf[4:]))
	out := slices.Clone(ttf[:12+16*n])
	for i := 0; i < n; i++ {
		rec := out[12+16*i:]
		t := ttf[be.Uint32(rec[8:]):][:be.Uint32(rec[12:])]
		if string(rec[:4]) == tag {
			t = data
		}
		be.PutUint32(rec[8:], uint32(len(out)))
		be.PutUint32(rec[12:], uint32(len(t)))
		out = append(out, t...)
		for len(out)%4 != 0 {
			out = append(out, 0)
		}
		var sum uint32
		for p := int(be.Uint32(rec[8:])); p < len(out); p += 4 {
			sum += be.Uint32(out[p:])
		}
		be.PutUint32(rec[4:], sum)
	}
	return out
}
