package fonts

import (
	"encoding/binary"
	"fmt"
	"slices"
	"strconv"
)

// SubsetOTF returns a standalone OpenType font with CFF outlines (sfnt version 'OTTO')
// holding the same glyphs, in the same order, as Subset(f, runes): each TrueType glyph's
// quadratic contours are converted to cubic Bézier curves, exactly up to rounding each
// coordinate to the nearest font unit, and composite glyphs are flattened.
//
// The CFF is CID-keyed (ROS Adobe-Identity-0, CID = glyph id, one Font DICT, no hints, no
// subroutines); advance widths live in hmtx and, for the charstrings, as deltas from the
// Private DICT's nominalWidthX. The font also carries cmap, head, hhea, hmtx, maxp (version
// 0.5), name, OS/2 and post (version 3), and vhea/vmtx when the source has them; TrueType
// hinting tables and every GSUB/GPOS-style table are dropped, as in Subset.
//
// Errors are those of Subset, plus ErrUnsupported for composite glyphs positioned by
// matching points, which SubsetOTF cannot flatten.
func SubsetOTF(f *Face, runes []rune) ([]byte, error) { return subsetOTF(f, runes, mergeTolerance) }

// mergeTolerance is how far, in font units, merging cubics may move an outline.
const mergeTolerance = 0

// subsetOTF is SubsetOTF with the curve-merging tolerance: 0 converts exactly.
func subsetOTF(f *Face, runes []rune, tol float64) ([]byte, error) {
	// Which code points and glyphs: exactly Subset's selection.
	s, err := selectGlyphs(f, runes)
	if err != nil {
		return nil, err
	}
	// Outlines: every glyph as a Type 2 charstring, and the bounding boxes they draw.
	cs, err := s.charstrings(tol)
	if err != nil {
		return nil, fmt.Errorf("font %s: subset: %w", f.Name, err)
	}
	// Per-glyph tables, renumbered as in Subset.
	tables := map[string][]byte{}
	if err := s.metrics(tables); err != nil {
		return nil, fmt.Errorf("font %s: subset: %w", f.Name, err)
	}
	tables["cmap"] = s.cmap()
	// head, and the bounding box and side-bearing extremes of the cubic outlines.
	head := slices.Clone(f.tables["head"][:54])
	binary.BigEndian.PutUint32(head[8:], 0)  // checkSumAdjustment, set by assembleSfnt
	binary.BigEndian.PutUint16(head[50:], 0) // indexToLocFormat: no loca
	tables["head"] = head
	fontBox := cffExtents(tables, cs.boxes)
	// The CFF table itself.
	tables["CFF "] = buildCFF(cffName(f), f.UnitsPerEm, fontBox, cs)
	// Font-wide tables, copied or patched; CFF fonts have no TrueType hinting.
	if err := s.global(tables); err != nil {
		return nil, fmt.Errorf("font %s: subset: %w", f.Name, err)
	}
	for _, t := range []string{"cvt ", "fpgm", "prep"} {
		delete(tables, t)
	}
	maxp := make([]byte, 6)
	binary.BigEndian.PutUint32(maxp, 0x00005000)
	binary.BigEndian.PutUint16(maxp[4:], uint16(len(s.oldID)))
	tables["maxp"] = maxp
	// Table directory, padding and checksums.
	return assembleSfnt(0x4F54544F, tables), nil // 'OTTO'
}

// maxCharstring is the longest charstring we write: x/image/font/sfnt refuses glyphs over 64 KiB.
const maxCharstring = 65535

// box is an outline's bounding box over all its points, in font units.
type box struct {
	x0, y0, x1, y1 int32
	empty          bool
}

func (b *box) add(x, y int32) {
	if b.empty {
		*b = box{x, y, x, y, false}
		return
	}
	b.x0, b.y0, b.x1, b.y1 = min(b.x0, x), min(b.y0, y), max(b.x1, x), max(b.y1, y)
}

// glyphPrograms are the subset's charstrings, concatenated, with their offsets (one more
// than glyphs), widths and bounding boxes.
type glyphPrograms struct {
	data                   []byte
	offs                   []int
	boxes                  []box
	defaultWidth, nominalW int32
}

// charstrings converts every kept glyph to a Type 2 charstring.
func (s *subsetter) charstrings(tol float64) (*glyphPrograms, error) {
	m := len(s.oldID)
	adv := make([]int32, m)
	for i, old := range s.oldID {
		adv[i] = int32(s.f.advance[old])
	}
	p := &glyphPrograms{offs: make([]int, 1, m+1), boxes: make([]box, m)}
	p.defaultWidth, p.nominalW = chooseWidths(adv)
	size := 16 * m
	for _, old := range s.oldID {
		if a, b := s.loca[old], s.loca[int(old)+1]; a < b && b-a < 1<<16 {
			size += int(b-a) * 3 / 2 // CFF runs ~1.4× the glyf bytes
		}
	}
	w := &charstringWriter{buf: make([]byte, 0, size), args: make([]int32, 0, maxArgs)}
	var o ttOutline
	var cs []contour
	for i, old := range s.oldID {
		o.pts, o.ends, o.refs = o.pts[:0], o.ends[:0], 0
		if err := s.appendOutline(&o, old, identity, 0); err != nil {
			return nil, err
		}
		cs = toCubic(&o, cs, tol)
		b := box{empty: true}
		for _, c := range cs {
			b.add(c.x, c.y)
			for _, sg := range c.segs {
				if sg.curve {
					b.add(sg.x1, sg.y1)
					b.add(sg.x2, sg.y2)
				}
				b.add(sg.x, sg.y)
			}
		}
		p.boxes[i] = b
		var width *int32
		if adv[i] != p.defaultWidth {
			d := adv[i] - p.nominalW
			width = &d
		}
		w.glyph(cs, width)
		if n := len(w.buf) - p.offs[i]; n > maxCharstring {
			return nil, fmt.Errorf("glyph %d: charstring of %d bytes, more than readers accept: %w", old, n, errCorrupt)
		}
		p.offs = append(p.offs, len(w.buf))
	}
	p.data = w.buf
	return p, nil
}

// chooseWidths picks the Private DICT's defaultWidthX (the most common advance, which then
// costs nothing) and nominalWidthX (the value that makes the other advances cheapest).
func chooseWidths(adv []int32) (def, nominal int32) {
	count := map[int32]int{}
	for _, a := range adv {
		count[a]++
	}
	keys := make([]int32, 0, len(count))
	for a := range count {
		keys = append(keys, a)
	}
	slices.Sort(keys) // deterministic ties
	for _, a := range keys {
		if count[a] > count[def] || count[def] == 0 {
			def = a
		}
	}
	best := -1
	for _, cand := range keys {
		cost := 0
		for _, a := range keys {
			if a != def {
				cost += count[a] * numSize(a-cand)
			}
		}
		if best < 0 || cost < best {
			best, nominal = cost, cand
		}
	}
	return def, nominal
}

// numSize is the length of a Type 2 charstring number.
func numSize(v int32) int {
	switch {
	case v >= -107 && v <= 107:
		return 1
	case v >= -1131 && v <= 1131:
		return 2
	case v >= -32768 && v <= 32767:
		return 3
	}
	return 5
}

// cffExtents sets head's bounding box and hhea's side-bearing extremes from the cubic
// outlines' boxes (glyphs without outlines do not count) and returns the font's box.
func cffExtents(tables map[string][]byte, boxes []box) box {
	head, hhea, hmtx := tables["head"], tables["hhea"], tables["hmtx"]
	be := binary.BigEndian
	long := int(be.Uint16(hhea[34:]))
	font := box{empty: true}
	var minLSB, minRSB, maxExt int
	for i, b := range boxes {
		if b.empty {
			continue
		}
		var adv, lsb int
		if i < long {
			adv, lsb = int(be.Uint16(hmtx[4*i:])), int(int16(be.Uint16(hmtx[4*i+2:])))
		} else {
			adv, lsb = int(be.Uint16(hmtx[4*(long-1):])), int(int16(be.Uint16(hmtx[4*long+2*(i-long):])))
		}
		w := int(b.x1 - b.x0)
		rsb, ext := adv-lsb-w, lsb+w
		if font.empty {
			minLSB, minRSB, maxExt = lsb, rsb, ext
		}
		minLSB, minRSB, maxExt = min(minLSB, lsb), min(minRSB, rsb), max(maxExt, ext)
		font.add(b.x0, b.y0)
		font.add(b.x1, b.y1)
	}
	if font.empty {
		b := box{}
		b.x0, b.y0 = int32(int16(be.Uint16(head[36:]))), int32(int16(be.Uint16(head[38:])))
		b.x1, b.y1 = int32(int16(be.Uint16(head[40:]))), int32(int16(be.Uint16(head[42:])))
		return b
	}
	put := func(b []byte, off int, v int) { be.PutUint16(b[off:], uint16(int16(v))) }
	put(head, 36, int(font.x0))
	put(head, 38, int(font.y0))
	put(head, 40, int(font.x1))
	put(head, 42, int(font.y1))
	put(hhea, 12, minLSB)
	put(hhea, 14, minRSB)
	put(hhea, 16, maxExt)
	return font
}

// cffName is the font's PostScript name restricted to what a CFF Name INDEX allows
// (printable ASCII without ()[]{}<>/% and at most 63 characters).
func cffName(f *Face) string {
	var b []byte
	for _, c := range []byte(f.PostScript) {
		if c > 32 && c < 127 && !slices.Contains([]byte("()[]{}<>/%"), c) {
			b = append(b, c)
		}
	}
	if len(b) > 63 {
		b = b[:63]
	}
	if len(b) == 0 {
		return "Subset"
	}
	return string(b)
}

// CFF DICT operators (Adobe Technical Note #5176, Appendix H); two-byte ones are 12 x.
const (
	dictFontBBox    = 5
	dictCharset     = 15
	dictCharStrings = 17
	dictPrivate     = 18
	dictDefaultW    = 20
	dictNominalW    = 21
	dictFontMatrix  = 12<<8 | 7
	dictROS         = 12<<8 | 30
	dictCIDCount    = 12<<8 | 34
	dictFDArray     = 12<<8 | 36
	dictFDSelect    = 12<<8 | 37
)

// dict builds a CFF DICT.
type dict []byte

func (d dict) op(o int) dict {
	if o > 0xFF {
		return append(d, byte(o>>8), byte(o))
	}
	return append(d, byte(o))
}

// int appends an integer operand in its shortest form.
func (d dict) int(v int32) dict {
	switch {
	case v >= -107 && v <= 107:
		return append(d, byte(v+139))
	case v >= 108 && v <= 1131:
		v -= 108
		return append(d, byte(v>>8+247), byte(v))
	case v >= -1131 && v <= -108:
		v = -v - 108
		return append(d, byte(v>>8+251), byte(v))
	case v >= -32768 && v <= 32767:
		return append(d, 28, byte(v>>8), byte(v))
	}
	return d.offset(v)
}

// offset appends a 5-byte integer, so offsets can be written before they are known.
func (d dict) offset(v int32) dict {
	return append(d, 29, byte(v>>24), byte(v>>16), byte(v>>8), byte(v))
}

// real appends a real operand as packed BCD nibbles.
func (d dict) real(v float64) dict {
	s := strconv.FormatFloat(v, 'g', -1, 64)
	var nib []byte
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9':
			nib = append(nib, c-'0')
		case c == '.':
			nib = append(nib, 0xa)
		case c == '-':
			nib = append(nib, 0xe)
		case c == 'e' && i+1 < len(s) && s[i+1] == '-':
			nib = append(nib, 0xc)
			i++
		case c == 'e':
			nib = append(nib, 0xb)
			if i+1 < len(s) && s[i+1] == '+' {
				i++
			}
		}
	}
	nib = append(nib, 0xf)
	if len(nib)%2 == 1 {
		nib = append(nib, 0xf)
	}
	d = append(d, 30)
	for i := 0; i < len(nib); i += 2 {
		d = append(d, nib[i]<<4|nib[i+1])
	}
	return d
}

// index writes a CFF INDEX of the items given by data split at offs (len(offs) = count+1,
// offs[0] = 0).
func index(data []byte, offs []int) []byte {
	count := len(offs) - 1
	if count <= 0 {
		return []byte{0, 0}
	}
	last := offs[count] + 1
	offSize := 1
	for last >= 1<<(8*offSize) {
		offSize++
	}
	out := make([]byte, 3, 3+(count+1)*offSize+len(data))
	binary.BigEndian.PutUint16(out, uint16(count))
	out[2] = byte(offSize)
	for _, o := range offs {
		v := uint32(o + 1)
		for k := offSize - 1; k >= 0; k-- {
			out = append(out, byte(v>>(8*k)))
		}
	}
	return append(out, data...)
}

// stringIndex writes an INDEX of strings.
func stringIndex(ss ...string) []byte {
	var data []byte
	offs := []int{0}
	for _, s := range ss {
		data = append(data, s...)
		offs = append(offs, len(data))
	}
	return index(data, offs)
}

// buildCFF writes a CID-keyed CFF: header, Name, Top DICT, String and (empty) Global Subr
// INDEXes, charset (format 2: CID = glyph id), FDSelect (format 3: every glyph uses Font
// DICT 0), CharStrings, FDArray and the one Private DICT.
func buildCFF(name string, upem int, fontBox box, p *glyphPrograms) []byte {
	n := len(p.offs) - 1
	charset := []byte{0} // format 0, no entries: only .notdef
	if n > 1 {
		charset = []byte{2, 0, 1, byte((n - 2) >> 8), byte(n - 2)}
	}
	fdSelect := []byte{3, 0, 1, 0, 0, 0, byte(n >> 8), byte(n)}
	charStrings := index(p.data, p.offs)
	private := dict(nil).int(p.defaultWidth).op(dictDefaultW).int(p.nominalW).op(dictNominalW)

	top := func(charsetOff, charStringsOff, fdArrayOff, fdSelectOff int) []byte {
		d := dict(nil).int(391).int(392).int(0).op(dictROS) // "Adobe" "Identity" 0
		d = d.int(int32(n)).op(dictCIDCount)
		d = d.int(fontBox.x0).int(fontBox.y0).int(fontBox.x1).int(fontBox.y1).op(dictFontBBox)
		if upem != 1000 {
			u := 1 / float64(upem)
			d = d.real(u).int(0).int(0).real(u).int(0).int(0).op(dictFontMatrix)
		}
		d = d.offset(int32(charsetOff)).op(dictCharset)
		d = d.offset(int32(charStringsOff)).op(dictCharStrings)
		d = d.offset(int32(fdArrayOff)).op(dictFDArray)
		d = d.offset(int32(fdSelectOff)).op(dictFDSelect)
		return stringIndex(string(d))
	}
	header := []byte{1, 0, 4, 4}
	names := stringIndex(name)
	strs := stringIndex("Adobe", "Identity")
	gsubrs := index(nil, []int{0})
	topLen := len(top(0, 0, 0, 0)) // offsets are fixed-size, so the length is known now
	charsetOff := len(header) + len(names) + topLen + len(strs) + len(gsubrs)
	fdSelectOff := charsetOff + len(charset)
	charStringsOff := fdSelectOff + len(fdSelect)
	fdArrayOff := charStringsOff + len(charStrings)
	fontDict := func(privOff int) []byte {
		return stringIndex(string(dict(nil).int(int32(len(private))).offset(int32(privOff)).op(dictPrivate)))
	}
	privOff := fdArrayOff + len(fontDict(0))

	out := make([]byte, 0, privOff+len(private))
	out = append(out, header...)
	out = append(out, names...)
	out = append(out, top(charsetOff, charStringsOff, fdArrayOff, fdSelectOff)...)
	out = append(out, strs...)
	out = append(out, gsubrs...)
	out = append(out, charset...)
	out = append(out, fdSelect...)
	out = append(out, charStrings...)
	out = append(out, fontDict(privOff)...)
	return append(out, private...)
}
