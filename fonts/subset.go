package fonts

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math/bits"
	"slices"
	"sort"
)

// basicRanges are the code point ranges Subset always keeps when the font has them, so that
// Latin text, spaces and CJK/full-width punctuation typed later (or by a reader's search box)
// still render: ASCII, Latin-1, General Punctuation, CJK Symbols and Punctuation, and the
// Halfwidth and Fullwidth Forms.
var basicRanges = [][2]rune{
	{0x0020, 0x007E},
	{0x00A0, 0x00FF},
	{0x2000, 0x206F},
	{0x3000, 0x303F},
	{0xFF00, 0xFFEF},
}

// ErrEmbeddingForbidden reports a font whose OS/2 fsType flags forbid embedding it in a
// document as a subset (restricted-licence embedding, no subsetting, or bitmap-only).
var ErrEmbeddingForbidden = errors.New("fonts: the font's licence flags (OS/2 fsType) forbid embedding a subset")

// OS/2 fsType bits (OpenType OS/2 table, "fsType").
const (
	fsRestricted = 0x0002
	fsNoSubset   = 0x0100
	fsBitmapOnly = 0x0200
)

// Subset returns a standalone TrueType font holding only the glyphs for runes (plus .notdef,
// composite components, and the basic Latin/punctuation set U+0020–U+007E, U+00A0–U+00FF,
// U+2000–U+206F, U+3000–U+303F, U+FF00–U+FFEF that the font has).
//
// Glyphs are renumbered in code point order (so cmap and hmtx stay small); the font gets a
// format 4 cmap, plus format 12 when it maps code points above U+FFFF (and format 14 for
// SubsetOptions.Sequences). Runes the font lacks
// are left out without error; duplicates and order in runes do not matter, and the same
// input gives the same bytes.
//
// The subset carries OS/2, cmap, glyf, head, hhea, hmtx, loca, maxp, name, post (version 3,
// no glyph names), the hinting tables cvt/fpgm/prep/gasp when present, and vhea/vmtx
// renumbered. Every other table (GSUB, GPOS, GDEF, BASE, kern, hdmx, LTSH, VDMX, DSIG, …)
// is dropped because it refers to the old glyph ids; so vertical punctuation forms
// (GSUB 'vert') and kerning are lost. SubsetWith with VerticalForms keeps the vertical
// forms, and with HalfWidths writes a GPOS of its own (halt/vhal, gpos.go).
//
// A font whose OS/2 fsType forbids embedding or subsetting gives ErrEmbeddingForbidden.
func Subset(f *Face, runes []rune) ([]byte, error) {
	return SubsetWith(f, runes, SubsetOptions{})
}

// selectGlyphs checks the licence flags and chooses the subset's code points and glyphs:
// requested runes ∪ basic set, .notdef first, then the glyphs of the variation sequences
// seqs, the vertical forms of v (when not nil), composite components last. Subset and SubsetWith use it.
func selectGlyphs(f *Face, runes []rune, ranges [][2]rune, seqs [][2]rune, v *verticalGSUB) (*subsetter, error) {
	if f == nil {
		return nil, errors.New("fonts: subset: nil face")
	}
	if os2 := f.tables["OS/2"]; len(os2) >= 10 {
		if fs := binary.BigEndian.Uint16(os2[8:]); fs&(fsRestricted|fsNoSubset|fsBitmapOnly) != 0 {
			return nil, fmt.Errorf("font %s: fsType 0x%04x: %w", f.Name, fs, ErrEmbeddingForbidden)
		}
	}
	s := &subsetter{f: f}
	s.collect(runes, ranges)
	s.keepVariants(seqs)
	if v != nil {
		s.closeVertical(v)
	}
	if err := s.closeComposites(); err != nil {
		return nil, fmt.Errorf("font %s: subset: %w", f.Name, err)
	}
	return s, nil
}

// mapping is one code point and its glyph in the subset.
type mapping struct {
	cp  rune
	gid uint16 // new glyph id
}

type subsetter struct {
	f      *Face
	newID  []int32  // old glyph id → new glyph id + 1 (0 = not in subset)
	oldID  []uint16 // new glyph id → old glyph id
	maps   []mapping
	loca   []uint32 // old glyph offsets into glyf, numGlyphs+1 entries
	glyfTb []byte
	uvs    []uvs // the variation sequences kept (keepVariants), by selector and base
}

func (s *subsetter) add(old uint16) uint16 {
	if id := s.newID[old]; id != 0 {
		return uint16(id - 1)
	}
	s.oldID = append(s.oldID, old)
	s.newID[old] = int32(len(s.oldID))
	return uint16(len(s.oldID) - 1)
}

// collect marks the code points to keep (runes and the ranges) and assigns new glyph ids in
// code point order.
func (s *subsetter) collect(runes []rune, ranges [][2]rune) {
	f := s.f
	s.newID = make([]int32, f.numGlyphs)
	s.oldID = make([]uint16, 0, 256)
	s.add(0) // .notdef
	var bmp [0x10000 / 64]uint64
	var astral []rune
	for _, r := range runes {
		switch {
		case r >= 0 && r < 0x10000:
			bmp[r>>6] |= 1 << (r & 63)
		case r >= 0x10000 && r <= 0x10FFFF:
			astral = append(astral, r)
		}
	}
	for _, rg := range ranges {
		for r := rg[0]; r <= rg[1]; r++ {
			bmp[r>>6] |= 1 << (r & 63)
		}
	}
	bmp[0xFFFF>>6] &^= 1 << (0xFFFF & 63) // U+FFFF is the cmap format 4 sentinel
	for w, word := range bmp {
		for word != 0 {
			b := bits.TrailingZeros64(word)
			word &^= 1 << b
			r := rune(w<<6 | b)
			if g := f.bmp[r]; g != 0 {
				s.maps = append(s.maps, mapping{r, s.add(g)})
			}
		}
	}
	slices.Sort(astral)
	astral = slices.Compact(astral)
	for _, r := range astral {
		if g := f.astral[r]; g != 0 {
			s.maps = append(s.maps, mapping{r, s.add(g)})
		}
	}
}

// glyphData returns the glyf bytes of an old glyph id.
func (s *subsetter) glyphData(old uint16) ([]byte, error) {
	a, b := s.loca[old], s.loca[int(old)+1]
	if a > b || int64(b) > int64(len(s.glyfTb)) {
		return nil, fmt.Errorf("glyph %d: loca offsets %d..%d outside glyf (%d bytes): %w", old, a, b, len(s.glyfTb), errCorrupt)
	}
	return s.glyfTb[a:b], nil
}

// Composite glyph flags (OpenType glyf table, "Composite Glyph Description").
const (
	argWords      = 0x0001
	haveScale     = 0x0008
	moreComps     = 0x0020
	haveXYScale   = 0x0040
	haveTwoByTwo  = 0x0080
	maxComponents = 1 << 12
)

// components calls fn with the byte offset and glyph id of each component of a composite glyph.
func components(data []byte, fn func(off int, gid uint16)) error {
	if len(data) < 10 || int16(binary.BigEndian.Uint16(data)) >= 0 {
		return nil
	}
	_, err := eachComponent(data, func(p int, _ uint16) {
		fn(p+2, binary.BigEndian.Uint16(data[p+2:]))
	})
	return err
}

// eachComponent calls fn with the offset and flags of each component record of a composite
// glyph (glyph id at p+2, arguments from p+4) and returns the offset just past the last one,
// where the instructions start.
func eachComponent(data []byte, fn func(p int, flags uint16)) (int, error) {
	p := 10
	for n := 0; ; n++ {
		if p+4 > len(data) || n > maxComponents {
			return 0, fmt.Errorf("composite glyph truncated: %w", errCorrupt)
		}
		flags := binary.BigEndian.Uint16(data[p:])
		fn(p, flags)
		p += 4
		if flags&argWords != 0 {
			p += 4
		} else {
			p += 2
		}
		switch {
		case flags&haveScale != 0:
			p += 2
		case flags&haveXYScale != 0:
			p += 4
		case flags&haveTwoByTwo != 0:
			p += 8
		}
		if flags&moreComps == 0 {
			break
		}
	}
	if p > len(data) {
		return 0, fmt.Errorf("composite glyph truncated: %w", errCorrupt)
	}
	return p, nil
}

// closeComposites reads loca and adds every component of every kept composite glyph.
func (s *subsetter) closeComposites() error {
	f := s.f
	s.glyfTb = f.tables["glyf"]
	n := f.numGlyphs
	var err error
	if s.loca, err = locaOffsets(f.tables["head"], f.tables["loca"], n); err != nil {
		return err
	}
	for i := 0; i < len(s.oldID); i++ { // s.oldID grows while we walk it
		data, err := s.glyphData(s.oldID[i])
		if err != nil {
			return err
		}
		var bad error
		err = components(data, func(_ int, gid uint16) {
			if int(gid) >= n {
				bad = fmt.Errorf("glyph %d: component %d out of range: %w", s.oldID[i], gid, errCorrupt)
				return
			}
			s.add(gid)
		})
		if err == nil {
			err = bad
		}
		if err != nil {
			return fmt.Errorf("glyph %d: %w", s.oldID[i], err)
		}
	}
	if len(s.oldID) > 0xFFFF {
		return fmt.Errorf("too many glyphs (%d): %w", len(s.oldID), errCorrupt)
	}
	return nil
}

// locaOffsets decodes the n+1 glyph offsets of a loca table in the format head's
// indexToLocFormat names (0: short, halved; 1: long).
func locaOffsets(head, loca []byte, n int) ([]uint32, error) {
	offs := make([]uint32, n+1)
	switch binary.BigEndian.Uint16(head[50:]) {
	case 0:
		if len(loca) < 2*(n+1) {
			return nil, fmt.Errorf("short loca has %d bytes for %d glyphs: %w", len(loca), n, errCorrupt)
		}
		for i := range offs {
			offs[i] = 2 * uint32(binary.BigEndian.Uint16(loca[2*i:]))
		}
	case 1:
		if len(loca) < 4*(n+1) {
			return nil, fmt.Errorf("long loca has %d bytes for %d glyphs: %w", len(loca), n, errCorrupt)
		}
		for i := range offs {
			offs[i] = binary.BigEndian.Uint32(loca[4*i:])
		}
	default:
		return nil, fmt.Errorf("head: unknown indexToLocFormat: %w", errCorrupt)
	}
	return offs, nil
}

// encodeLoca returns glyph offsets (4-byte aligned) as a loca table, in the short format
// when the glyf table is small enough, and sets head's indexToLocFormat to match.
func encodeLoca(offs []uint32, head []byte) []byte {
	be := binary.BigEndian
	if offs[len(offs)-1] <= 0x1FFFE {
		loca := make([]byte, 2*len(offs))
		for i, o := range offs {
			be.PutUint16(loca[2*i:], uint16(o/2))
		}
		be.PutUint16(head[50:], 0)
		return loca
	}
	loca := make([]byte, 4*len(offs))
	for i, o := range offs {
		be.PutUint32(loca[4*i:], o)
	}
	be.PutUint16(head[50:], 1)
	return loca
}

// glyf writes the renumbered glyf and loca tables.
func (s *subsetter) glyf(tables map[string][]byte) error {
	total := 0
	for _, old := range s.oldID {
		d, err := s.glyphData(old)
		if err != nil {
			return err
		}
		total += (len(d) + 3) &^ 3
	}
	out := make([]byte, 0, total)
	offs := make([]uint32, len(s.oldID)+1)
	for i, old := range s.oldID {
		d, _ := s.glyphData(old)
		start := len(out)
		out = append(out, d...)
		var err error
		if len(d) >= 10 && int16(binary.BigEndian.Uint16(d)) < 0 {
			g := out[start:]
			err = components(d, func(off int, gid uint16) {
				binary.BigEndian.PutUint16(g[off:], uint16(s.newID[gid]-1))
			})
		}
		if err != nil {
			return fmt.Errorf("glyph %d: %w", old, err)
		}
		for len(out)%4 != 0 {
			out = append(out, 0)
		}
		offs[i+1] = uint32(len(out))
	}
	head := slices.Clone(s.f.tables["head"][:54])
	binary.BigEndian.PutUint32(head[8:], 0) // checkSumAdjustment, set by assemble
	tables["glyf"], tables["loca"], tables["head"] = out, encodeLoca(offs, head), head
	return nil
}

// longMetrics renumbers an hmtx-shaped table (hmtx or vmtx) whose header (hhea or vhea)
// gives the number of long metrics at offset 34; it returns the new header and table.
func (s *subsetter) longMetrics(hdr, mtx []byte) ([]byte, []byte, error) {
	if len(hdr) < 36 {
		return nil, nil, fmt.Errorf("metrics header too short: %w", errCorrupt)
	}
	nh := int(binary.BigEndian.Uint16(hdr[34:]))
	n := s.f.numGlyphs
	if nh == 0 || nh > n || len(mtx) < 4*nh+2*(n-nh) {
		return nil, nil, fmt.Errorf("metrics table too short: %w", errCorrupt)
	}
	m := len(s.oldID)
	adv := make([]uint16, m)
	side := make([]uint16, m)
	var maxAdv uint16
	for i, old := range s.oldID {
		o := int(old)
		if o < nh {
			adv[i] = binary.BigEndian.Uint16(mtx[4*o:])
			side[i] = binary.BigEndian.Uint16(mtx[4*o+2:])
		} else {
			adv[i] = binary.BigEndian.Uint16(mtx[4*(nh-1):])
			side[i] = binary.BigEndian.Uint16(mtx[4*nh+2*(o-nh):])
		}
		maxAdv = max(maxAdv, adv[i])
	}
	long := m
	for long > 1 && adv[long-1] == adv[long-2] {
		long--
	}
	out := make([]byte, 4*long+2*(m-long))
	for i := 0; i < m; i++ {
		if i < long {
			binary.BigEndian.PutUint16(out[4*i:], adv[i])
			binary.BigEndian.PutUint16(out[4*i+2:], side[i])
		} else {
			binary.BigEndian.PutUint16(out[4*long+2*(i-long):], side[i])
		}
	}
	h := slices.Clone(hdr[:36])
	binary.BigEndian.PutUint16(h[10:], maxAdv) // advanceWidthMax / advanceHeightMax
	binary.BigEndian.PutUint16(h[34:], uint16(long))
	return h, out, nil
}

// metrics writes hhea/hmtx and, when the font has valid ones, vhea/vmtx.
func (s *subsetter) metrics(tables map[string][]byte) error {
	f := s.f
	h, m, err := s.longMetrics(f.tables["hhea"], f.tables["hmtx"])
	if err != nil {
		return fmt.Errorf("hmtx: %w", err)
	}
	tables["hhea"], tables["hmtx"] = h, m
	if vh, vm := f.tables["vhea"], f.tables["vmtx"]; vh != nil && vm != nil {
		if h, m, err := s.longMetrics(vh, vm); err == nil {
			tables["vhea"], tables["vmtx"] = h, m
		} // a broken vmtx is dropped: horizontal text does not need it
	}
	return nil
}

// extents recomputes head's bounding box and hhea's minLeftSideBearing,
// minRightSideBearing and xMaxExtent over the subset's glyphs, as font compilers do, so the
// subset describes itself rather than the whole font. Glyphs without outlines do not count.
func (s *subsetter) extents(tables map[string][]byte) {
	glyf, head := tables["glyf"], tables["head"]
	hhea, hmtx := tables["hhea"], tables["hmtx"]
	be := binary.BigEndian
	long := int(be.Uint16(hhea[34:]))
	loca, err := locaOffsets(head, tables["loca"], len(s.oldID))
	if err != nil {
		return // not reached: glyf or the scaler wrote this loca
	}
	first := true
	var xMin, yMin, xMax, yMax, minLSB, minRSB, maxExt int
	for i := range s.oldID {
		a, b := int(loca[i]), int(loca[i+1])
		if b-a < 10 || be.Uint16(glyf[a:]) == 0 {
			continue // empty glyph
		}
		g := glyf[a:]
		x0, y0 := int(int16(be.Uint16(g[2:]))), int(int16(be.Uint16(g[4:])))
		x1, y1 := int(int16(be.Uint16(g[6:]))), int(int16(be.Uint16(g[8:])))
		var adv, lsb int
		if i < long {
			adv, lsb = int(be.Uint16(hmtx[4*i:])), int(int16(be.Uint16(hmtx[4*i+2:])))
		} else {
			adv, lsb = int(be.Uint16(hmtx[4*(long-1):])), int(int16(be.Uint16(hmtx[4*long+2*(i-long):])))
		}
		rsb, ext := adv-lsb-(x1-x0), lsb+(x1-x0)
		if first {
			xMin, yMin, xMax, yMax, minLSB, minRSB, maxExt = x0, y0, x1, y1, lsb, rsb, ext
			first = false
			continue
		}
		xMin, yMin, xMax, yMax = min(xMin, x0), min(yMin, y0), max(xMax, x1), max(yMax, y1)
		minLSB, minRSB, maxExt = min(minLSB, lsb), min(minRSB, rsb), max(maxExt, ext)
	}
	if first {
		return // no outlines at all: keep the source font's values
	}
	put := func(b []byte, off, v int) { be.PutUint16(b[off:], uint16(int16(v))) }
	put(head, 36, xMin)
	put(head, 38, yMin)
	put(head, 40, xMax)
	put(head, 42, yMax)
	put(hhea, 12, minLSB)
	put(hhea, 14, minRSB)
	put(hhea, 16, maxExt)
}

// cmap builds a cmap with a (3,1) format 4 subtable and, when needed, a (3,10) format 12
// one and a (0,5) format 14 one (the variation sequences kept).
func (s *subsetter) cmap() []byte {
	maps := s.maps // sorted by code point
	// Format 12 groups: runs of consecutive code points with consecutive glyphs.
	type group struct {
		start, end rune
		gid        uint16
	}
	var groups []group
	nBMP := 0
	for _, m := range maps {
		if m.cp < 0x10000 {
			nBMP++
		}
		if k := len(groups) - 1; k >= 0 && groups[k].end+1 == m.cp && int(groups[k].gid)+int(m.cp-groups[k].start) == int(m.gid) {
			groups[k].end = m.cp
			continue
		}
		groups = append(groups, group{m.cp, m.cp, m.gid})
	}
	var bmpGroups []group
	for _, g := range groups {
		if g.start >= 0x10000 {
			break
		}
		bmpGroups = append(bmpGroups, g) // BMP groups never cross U+FFFF: U+FFFF is never mapped
	}
	// Format 4 length is a uint16: with more segments than fit, format 4 keeps the first
	// ones and format 12 (which readers prefer) carries everything.
	const maxSeg = (0xFFFF-16)/8 - 1
	need12 := len(groups) > len(bmpGroups) || len(bmpGroups) > maxSeg
	if len(bmpGroups) > maxSeg {
		bmpGroups = bmpGroups[:maxSeg]
	}
	segs := len(bmpGroups) + 1
	f4 := make([]byte, 16+8*segs)
	be := binary.BigEndian
	be.PutUint16(f4[0:], 4)
	be.PutUint16(f4[2:], uint16(len(f4)))
	be.PutUint16(f4[6:], uint16(2*segs))
	sr := 2 << (bits.Len(uint(segs)) - 1)
	be.PutUint16(f4[8:], uint16(sr))
	be.PutUint16(f4[10:], uint16(bits.Len(uint(segs))-1))
	be.PutUint16(f4[12:], uint16(2*segs-sr))
	ends, starts := f4[14:], f4[16+2*segs:]
	deltas := f4[16+4*segs:]
	for i, g := range bmpGroups {
		be.PutUint16(ends[2*i:], uint16(g.end))
		be.PutUint16(starts[2*i:], uint16(g.start))
		be.PutUint16(deltas[2*i:], uint16(int(g.gid)-int(g.start)))
	}
	k := segs - 1
	be.PutUint16(ends[2*k:], 0xFFFF)
	be.PutUint16(starts[2*k:], 0xFFFF)
	be.PutUint16(deltas[2*k:], 1)
	// idRangeOffset[] stays all zero.

	var f12 []byte
	if need12 {
		f12 = make([]byte, 16+12*len(groups))
		be.PutUint16(f12[0:], 12)
		be.PutUint32(f12[4:], uint32(len(f12)))
		be.PutUint32(f12[12:], uint32(len(groups)))
		for i, g := range groups {
			be.PutUint32(f12[16+12*i:], uint32(g.start))
			be.PutUint32(f12[20+12*i:], uint32(g.end))
			be.PutUint32(f12[24+12*i:], uint32(g.gid))
		}
	}
	type subtable struct {
		platform, encoding uint16
		data               []byte
	}
	subs := make([]subtable, 0, 3) // sorted by platform, then encoding
	if f14 := s.cmap14(); f14 != nil {
		subs = append(subs, subtable{0, 5, f14})
	}
	subs = append(subs, subtable{3, 1, f4})
	if f12 != nil {
		subs = append(subs, subtable{3, 10, f12})
	}
	out := make([]byte, 4+8*len(subs), 4+8*len(subs)+len(f4)+len(f12))
	be.PutUint16(out[2:], uint16(len(subs)))
	off := len(out)
	for i, st := range subs {
		be.PutUint16(out[4+8*i:], st.platform)
		be.PutUint16(out[6+8*i:], st.encoding)
		be.PutUint32(out[8+8*i:], uint32(off))
		off += len(st.data)
	}
	for _, st := range subs {
		out = append(out, st.data...)
	}
	return out
}

// global writes maxp, OS/2, post and the glyph-independent tables.
func (s *subsetter) global(tables map[string][]byte) error {
	f := s.f
	maxp := slices.Clone(f.tables["maxp"])
	binary.BigEndian.PutUint16(maxp[4:], uint16(len(s.oldID)))
	tables["maxp"] = maxp

	if os2 := f.tables["OS/2"]; len(os2) >= 68 {
		o := slices.Clone(os2)
		first, last := uint16(0xFFFF), uint16(0)
		for _, m := range s.maps {
			if m.cp < 0x10000 {
				first, last = min(first, uint16(m.cp)), max(last, uint16(m.cp))
			} else {
				last = 0xFFFF
			}
		}
		if len(s.maps) == 0 {
			first = 0
		}
		binary.BigEndian.PutUint16(o[64:], first)
		binary.BigEndian.PutUint16(o[66:], last)
		tables["OS/2"] = o
	}

	post := make([]byte, 32)
	binary.BigEndian.PutUint32(post, 0x00030000)
	if p := f.tables["post"]; len(p) >= 16 {
		copy(post[4:16], p[4:16]) // italicAngle, underline position/thickness, isFixedPitch
	}
	tables["post"] = post

	for _, t := range []string{"name", "gasp", "cvt ", "fpgm", "prep"} {
		if d, ok := f.tables[t]; ok {
			tables[t] = d
		}
	}
	return nil
}

// checksum is the OpenType table checksum: the sum of big-endian uint32 words, zero-padded.
func checksum(b []byte) uint32 {
	var sum uint32
	n := len(b) &^ 3
	for i := 0; i < n; i += 4 {
		sum += binary.BigEndian.Uint32(b[i:])
	}
	if n < len(b) {
		var last [4]byte
		copy(last[:], b[n:])
		sum += binary.BigEndian.Uint32(last[:])
	}
	return sum
}

// assemble writes the sfnt: directory sorted by tag, tables 4-byte aligned, checksums and
// head.checkSumAdjustment.
func assemble(tables map[string][]byte) []byte { return assembleSfnt(0x00010000, tables) }

// assembleSfnt is assemble with the sfnt version tag: 0x00010000 for TrueType outlines,
// 'OTTO' for CFF.
func assembleSfnt(version uint32, tables map[string][]byte) []byte {
	tags := make([]string, 0, len(tables))
	size := 0
	for t, d := range tables {
		tags = append(tags, t)
		size += (len(d) + 3) &^ 3
	}
	sort.Strings(tags)
	n := len(tags)
	hdr := 12 + 16*n
	out := make([]byte, hdr, hdr+size)
	be := binary.BigEndian
	be.PutUint32(out, version)
	be.PutUint16(out[4:], uint16(n))
	es := bits.Len(uint(n)) - 1
	be.PutUint16(out[6:], uint16(16<<es))
	be.PutUint16(out[8:], uint16(es))
	be.PutUint16(out[10:], uint16(16*n-16<<es))
	headOff := -1
	for i, t := range tags {
		d := tables[t]
		rec := out[12+16*i:]
		copy(rec, t)
		be.PutUint32(rec[4:], checksum(d))
		be.PutUint32(rec[8:], uint32(len(out)))
		be.PutUint32(rec[12:], uint32(len(d)))
		if t == "head" {
			headOff = len(out)
		}
		out = append(out, d...)
		for len(out)%4 != 0 {
			out = append(out, 0)
		}
	}
	if headOff >= 0 {
		be.PutUint32(out[headOff+8:], 0xB1B0AFBA-checksum(out))
	}
	return out
}
