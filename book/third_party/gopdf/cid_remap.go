package gopdf

// The fork renumbers the glyphs of each subset font. The embedded font program
// holds only the subset's glyphs, in their original order (similar glyphs stay
// together, which compresses well), numbered 1…n (0 is .notdef). The codes in
// the content streams, /W and ToUnicode are CIDs numbered from the most to the
// least used glyph, and a /CIDToGIDMap stream maps them to the font's glyphs.
// Upstream kept the original glyph indexes as codes, so every subset carried
// the full loca and hmtx tables (29,000 entries for a CJK font) and the codes in
// the content streams were spread over the whole range: frequent glyphs with
// small codes make the novel's content streams about 8% smaller after
// compression.

import (
	"encoding/binary"
	"fmt"
	"io"
	"sort"
)

// glyphRemap maps between the font's glyph indexes and the subset's CIDs.
type glyphRemap struct {
	order  []int    // CID -> original glyph index; order[0] == 0 (.notdef)
	cid    []uint16 // original glyph index -> CID (0 when not in the subset)
	glyphs []int    // new glyph index -> original glyph index (ascending)
	gid    []uint16 // original glyph index -> new glyph index
}

// countUse records one drawn occurrence of glyph g.
func (s *SubsetFontObj) countUse(g uint) {
	if g < uint(len(s.glyphUses)) {
		s.glyphUses[g]++
	}
}

// cidOf returns the CID written for original glyph g.
func (s *SubsetFontObj) cidOf(g uint) uint16 {
	if s.remap == nil || g >= uint(len(s.remap.cid)) {
		return uint16(g)
	}
	return s.remap.cid[g]
}

// prepareRemap computes the renumbering from the glyphs added so far, their
// composite components and how often each was drawn. It must run before any
// stream of the document is encoded, and not concurrently with drawing.
func (s *SubsetFontObj) prepareRemap() error {
	numGlyphs := int(s.ttfp.NumGlyphs())
	in := make([]bool, numGlyphs)
	var glyphs []int
	add := func(g int) {
		if g >= 0 && g < numGlyphs && !in[g] {
			in[g] = true
			glyphs = append(glyphs, g)
		}
	}
	add(0)
	for _, g := range s.CharacterToGlyphIndex.Vals {
		add(int(g))
	}
	// Composite glyphs draw other glyphs: keep those too (to any depth).
	for i := 0; i < len(glyphs); i++ {
		comps, err := compositeComponents(s.glyphData(glyphs[i]))
		if err != nil {
			return fmt.Errorf("glyph %d: %w", glyphs[i], err)
		}
		for _, c := range comps {
			add(c)
		}
	}
	if len(glyphs) > 0xFFFF {
		return fmt.Errorf("subset of %d glyphs does not fit two-byte codes", len(glyphs))
	}
	byIndex := append([]int(nil), glyphs...)
	sort.Ints(byIndex)
	uses := func(g int) uint32 {
		if g < len(s.glyphUses) {
			return s.glyphUses[g]
		}
		return 0
	}
	rest := glyphs[1:]
	sort.Slice(rest, func(i, j int) bool {
		ui, uj := uses(rest[i]), uses(rest[j])
		if ui != uj {
			return ui > uj
		}
		return rest[i] < rest[j]
	})
	r := &glyphRemap{order: glyphs, cid: make([]uint16, numGlyphs), glyphs: byIndex, gid: make([]uint16, numGlyphs)}
	for c, g := range glyphs {
		r.cid[g] = uint16(c)
	}
	for n, g := range byIndex {
		r.gid[g] = uint16(n)
	}
	s.remap = r
	return nil
}

// glyphData returns the glyf data of original glyph g (empty for no outline).
func (s *SubsetFontObj) glyphData(g int) []byte {
	loca := s.ttfp.LocaTable
	if g+1 >= len(loca) {
		return nil
	}
	glyf := s.ttfp.GetTables()["glyf"]
	start, end := int(glyf.Offset+loca[g]), int(glyf.Offset+loca[g+1])
	data := s.ttfp.FontData()
	if start > end || end > len(data) {
		return nil
	}
	return data[start:end:end]
}

// Composite glyph flags (OpenType glyf table).
const (
	cgArgsAreWords  = 0x0001
	cgHaveScale     = 0x0008
	cgMoreComps     = 0x0020
	cgHaveXYScale   = 0x0040
	cgHaveTwoByTwo  = 0x0080
	cgHeaderSize    = 10
	cgComponentHead = 4 // flags, glyphIndex
)

// walkComponents calls fn with the byte offset of each component's glyph index in
// a composite glyph; simple glyphs have none.
func walkComponents(d []byte, fn func(off int)) error {
	if len(d) < cgHeaderSize || int16(binary.BigEndian.Uint16(d)) >= 0 {
		return nil
	}
	off := cgHeaderSize
	for {
		if off+cgComponentHead > len(d) {
			return fmt.Errorf("truncated composite glyph")
		}
		flags := binary.BigEndian.Uint16(d[off:])
		fn(off + 2)
		off += cgComponentHead
		if flags&cgArgsAreWords != 0 {
			off += 4
		} else {
			off += 2
		}
		switch {
		case flags&cgHaveScale != 0:
			off += 2
		case flags&cgHaveXYScale != 0:
			off += 4
		case flags&cgHaveTwoByTwo != 0:
			off += 8
		}
		if flags&cgMoreComps == 0 {
			return nil
		}
	}
}

// compositeComponents returns the glyph indexes a composite glyph refers to.
func compositeComponents(d []byte) ([]int, error) {
	var out []int
	err := walkComponents(d, func(off int) {
		out = append(out, int(binary.BigEndian.Uint16(d[off:])))
	})
	return out, err
}

// makeRemappedFont builds the subset font program with the glyphs renumbered:
// glyf, loca (long offsets) and hmtx hold only the subset, head, hhea and maxp
// are patched to match, and cvt/fpgm/prep are copied when present.
func (s *SubsetFontObj) makeRemappedFont() ([]byte, error) {
	r := s.remap
	n := len(r.glyphs)
	src := s.ttfp.GetTables()
	data := s.ttfp.FontData()
	table := func(tag string) ([]byte, bool) {
		e, ok := src[tag]
		if !ok || int(e.Offset+e.Length) > len(data) {
			return nil, false
		}
		return data[e.Offset : e.Offset+e.Length], true
	}
	// glyf and loca
	size := 0
	for _, g := range r.glyphs {
		size += (len(s.glyphData(g)) + 3) &^ 3
	}
	glyf := make([]byte, 0, size)
	loca := make([]byte, 4*(n+1))
	for c, g := range r.glyphs {
		binary.BigEndian.PutUint32(loca[4*c:], uint32(len(glyf)))
		d := s.glyphData(g)
		start := len(glyf)
		glyf = append(glyf, d...)
		if err := walkComponents(glyf[start:], func(off int) {
			p := glyf[start+off:]
			binary.BigEndian.PutUint16(p, r.gid[binary.BigEndian.Uint16(p)])
		}); err != nil {
			return nil, fmt.Errorf("glyph %d: %w", g, err)
		}
		for len(glyf)%4 != 0 { // keep every glyph 4-byte aligned
			glyf = append(glyf, 0)
		}
	}
	binary.BigEndian.PutUint32(loca[4*n:], uint32(len(glyf)))
	// hmtx: one long metric per glyph
	oldHmtx, _ := table("hmtx")
	nh := int(s.ttfp.NumberOfHMetrics())
	hmtx := make([]byte, 4*n)
	for c, g := range r.glyphs {
		adv, lsb := 0, 0
		if g < nh {
			if 4*g+4 <= len(oldHmtx) {
				adv, lsb = int(binary.BigEndian.Uint16(oldHmtx[4*g:])), int(binary.BigEndian.Uint16(oldHmtx[4*g+2:]))
			}
		} else {
			if 4*nh <= len(oldHmtx) && nh > 0 {
				adv = int(binary.BigEndian.Uint16(oldHmtx[4*(nh-1):]))
			}
			if o := 4*nh + 2*(g-nh); o+2 <= len(oldHmtx) {
				lsb = int(binary.BigEndian.Uint16(oldHmtx[o:]))
			}
		}
		binary.BigEndian.PutUint16(hmtx[4*c:], uint16(adv))
		binary.BigEndian.PutUint16(hmtx[4*c+2:], uint16(lsb))
	}
	// head, hhea, maxp: copies with the new counts and long loca offsets
	patched := func(tag string, minLen int, patch func(b []byte)) ([]byte, error) {
		t, ok := table(tag)
		if !ok || len(t) < minLen {
			return nil, fmt.Errorf("font has no usable %s table", tag)
		}
		b := append([]byte(nil), t...)
		patch(b)
		return b, nil
	}
	head, err := patched("head", 54, func(b []byte) {
		binary.BigEndian.PutUint32(b[8:], 0) // checkSumAdjustment: not recomputed
		binary.BigEndian.PutUint16(b[50:], 1)
	})
	if err != nil {
		return nil, err
	}
	hhea, err := patched("hhea", 36, func(b []byte) { binary.BigEndian.PutUint16(b[34:], uint16(n)) })
	if err != nil {
		return nil, err
	}
	maxp, err := patched("maxp", 6, func(b []byte) { binary.BigEndian.PutUint16(b[4:], uint16(n)) })
	if err != nil {
		return nil, err
	}
	tables := map[string][]byte{"glyf": glyf, "loca": loca, "hmtx": hmtx, "head": head, "hhea": hhea, "maxp": maxp}
	for _, tag := range []string{"cvt ", "fpgm", "prep"} {
		if t, ok := table(tag); ok {
			tables[tag] = t
		}
	}
	return sfnt(tables), nil
}

// sfnt assembles a TrueType file from its tables (sorted tags, 4-byte aligned).
func sfnt(tables map[string][]byte) []byte {
	tags := make([]string, 0, len(tables))
	size := 12 + 16*len(tables)
	for tag, t := range tables {
		tags = append(tags, tag)
		size += (len(t) + 3) &^ 3
	}
	sort.Strings(tags)
	out := make([]byte, 12+16*len(tables), size)
	sel := 0
	for 1<<(sel+1) <= len(tables) {
		sel++
	}
	binary.BigEndian.PutUint32(out, 0x00010000)
	binary.BigEndian.PutUint16(out[4:], uint16(len(tables)))
	binary.BigEndian.PutUint16(out[6:], uint16(16<<sel))
	binary.BigEndian.PutUint16(out[8:], uint16(sel))
	binary.BigEndian.PutUint16(out[10:], uint16(16*len(tables)-16<<sel))
	for i, tag := range tags {
		t := tables[tag]
		rec := out[12+16*i:]
		copy(rec, tag)
		off := len(out)
		out = append(out, t...)
		for len(out)%4 != 0 {
			out = append(out, 0)
		}
		binary.BigEndian.PutUint32(rec[4:], uint32(CheckSum(out[off:])))
		binary.BigEndian.PutUint32(rec[8:], uint32(off))
		binary.BigEndian.PutUint32(rec[12:], uint32(len(t)))
	}
	return out
}

// cidToGIDMapObj is the /CIDToGIDMap stream of a renumbered subset: the new glyph
// index of each CID as two big-endian bytes.
type cidToGIDMapObj struct {
	font    *SubsetFontObj
	getRoot func() *GoPdf
	encoded []byte
}

func (c *cidToGIDMapObj) init(func() *GoPdf) {}

func (c *cidToGIDMapObj) getType() string { return "CIDToGIDMap" }

func (c *cidToGIDMapObj) encodeStream(sc *streamCompressor) error {
	r := c.font.remap
	if r == nil {
		return nil
	}
	raw := make([]byte, 2*len(r.order))
	for cid, g := range r.order {
		binary.BigEndian.PutUint16(raw[2*cid:], r.gid[g])
	}
	z, err := sc.compress(raw, zlibLevel(c.getRoot().compressLevel))
	if err != nil {
		return err
	}
	c.encoded = z
	return nil
}

func (c *cidToGIDMapObj) write(w io.Writer, objID int) error {
	if c.encoded == nil {
		if err := c.encodeStream(&streamCompressor{}); err != nil {
			return err
		}
	}
	data := c.encoded
	c.encoded = nil
	if p := c.getRoot().protection(); p != nil {
		tmp, err := rc4Cip(p.objectkey(objID), data)
		if err != nil {
			return err
		}
		data = tmp
	}
	if _, err := fmt.Fprintf(w, "<<\n/Filter /FlateDecode\n/Length %d\n>>\nstream\n", len(data)); err != nil {
		return err
	}
	if _, err := w.Write(data); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\nendstream\n")
	return err
}

// zlibLevel is the level for streams that are always compressed: the document's
// level, or the default when content streams are left uncompressed.
func zlibLevel(level int) int {
	if level == 0 {
		return -1
	}
	return level
}
